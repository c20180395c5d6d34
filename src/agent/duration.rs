//! `--duration` values: one or more `<number><unit>` parts, units `d`, `h`, `m`, `s`, `ms`
//! (`90s`, `30m`, `2h`, `1h30m`, `1d`). A bare number is refused: the unit is never guessed.

use std::time::Duration;

/// Why a duration could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration '{input}': {reason} (examples: 90s, 30m, 2h, 1h30m, 1d)")]
pub struct DurationError {
    /// The text as given.
    pub input: String,
    /// What is wrong.
    pub reason: String,
}

/// Parses a duration such as `1h30m`.
///
/// # Errors
/// [`DurationError`] for empty text, a missing or unknown unit, a zero total or an overflow.
pub fn parse_duration(input: &str) -> Result<Duration, DurationError> {
    let err = |reason: &str| DurationError { input: input.to_string(), reason: reason.into() };
    let text = input.trim();
    if text.is_empty() {
        return Err(err("it is empty"));
    }
    let mut total: u64 = 0; // milliseconds
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            return Err(err("each part must start with a number"));
        }
        let value: u64 = rest[..digits].parse().map_err(|_| err("the number is too large"))?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let ms_per_unit: u64 = match unit {
            "d" => 86_400_000,
            "h" => 3_600_000,
            "m" | "min" => 60_000,
            "s" => 1_000,
            "ms" => 1,
            "" => return Err(err("a unit is missing (d, h, m, s or ms)")),
            _ => return Err(err(&format!("unknown unit '{unit}' (use d, h, m, s or ms)"))),
        };
        let part = value.checked_mul(ms_per_unit).ok_or_else(|| err("it is too long"))?;
        total = total.checked_add(part).ok_or_else(|| err("it is too long"))?;
    }
    if total == 0 {
        return Err(err("it must be longer than zero"));
    }
    Ok(Duration::from_millis(total))
}

/// Formats a duration compactly (`1h30m`, `90s` → `1m30s`, `250ms`).
#[must_use]
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let mut s = d.as_secs();
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] {
        if s >= size {
            out.push_str(&format!("{}{unit}", s / size));
            s %= size;
        }
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_documented_form_parse() {
        let cases = [
            ("90s", 90),
            ("30m", 1800),
            ("2h", 7200),
            ("1h30m", 5400),
            ("1d", 86_400),
            ("1d2h3m4s", 93_784),
            (" 45s ", 45),
            ("10min", 600),
        ];
        for (input, secs) in cases {
            assert_eq!(parse_duration(input), Ok(Duration::from_secs(secs)), "{input}");
        }
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
    }

    #[test]
    fn bad_durations_say_what_is_wrong() {
        let cases = [
            ("", "empty"),
            ("30", "unit is missing"),
            ("30x", "unknown unit 'x'"),
            ("h", "start with a number"),
            ("1h-5m", "unknown unit 'h-'"),
            ("0s", "longer than zero"),
            ("99999999999999999999s", "too large"),
            ("999999999999999d", "too long"),
        ];
        for (input, needle) in cases {
            let err = parse_duration(input).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(needle), "{input}: expected '{needle}' in '{err}'");
        }
    }

    #[test]
    fn durations_format_compactly() {
        let cases = [
            (250, "250ms"),
            (90_000, "1m30s"),
            (5_400_000, "1h30m"),
            (86_400_000, "1d"),
            (0, "0ms"),
        ];
        for (ms, want) in cases {
            assert_eq!(format_duration(Duration::from_millis(ms)), want);
        }
    }
}
