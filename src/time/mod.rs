//! Time, written one way everywhere: the clocks of the watch agent ([`clock`]), durations read
//! with humantime ([`parse_duration`]) and written as `1 h 30 min` ([`format_duration`]), and
//! timestamps written as RFC 3339 in UTC with `Z` ([`timestamp`], [`timestamp_ms`]; in tables
//! and terminal lines with a space for the `T`, [`timestamp_spaced`]).

pub mod clock;

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

/// Why a duration could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration '{input}': {reason} (examples: 90s, 30m, 2h, 1h30m, 1d)")]
pub struct DurationError {
    /// The text as given.
    pub input: String,
    /// What is wrong.
    pub reason: String,
}

/// Reads a duration such as `90s`, `30m`, `1h30m`, `1h 30min` or `1d` (humantime's units). A
/// bare number is refused: the unit is never guessed.
///
/// # Errors
/// [`DurationError`] for empty or unreadable text and for a zero duration.
pub fn parse_duration(input: &str) -> Result<Duration, DurationError> {
    let err = |reason: String| DurationError { input: input.to_string(), reason };
    let text = input.trim();
    if text.is_empty() {
        return Err(err("it is empty".into()));
    }
    let d = humantime::parse_duration(text).map_err(|e| {
        err(match e {
            humantime::DurationError::UnknownUnit { unit, .. } if unit.is_empty() => {
                "a unit is missing (d, h, min, s or ms)".into()
            }
            humantime::DurationError::UnknownUnit { unit, .. } => {
                format!("unknown unit '{unit}' (use d, h, min, s or ms)")
            }
            humantime::DurationError::NumberExpected(_) => {
                "each part must start with a number".into()
            }
            humantime::DurationError::NumberOverflow => "it is too long".into(),
            other => other.to_string(),
        })
    })?;
    if d.is_zero() {
        return Err(err("it must be longer than zero".into()));
    }
    Ok(d)
}

/// Writes a duration for reading: `250 ms`, `45 s`, `12 min`, `3 h 20 min`, `2 d 3 h`. From a
/// minute on, it is rounded to the nearest minute and at most two units are shown.
#[must_use]
pub fn format_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        return format!("{} ms", d.as_millis());
    }
    format_seconds(d.as_secs())
}

/// [`format_duration`] for whole seconds.
#[must_use]
pub fn format_seconds(seconds: u64) -> String {
    if seconds < 60 {
        return format!("{seconds} s");
    }
    let minutes = seconds.saturating_add(30) / 60;
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// The time from `from` to `to` (zero when `to` is earlier), as [`format_duration`] writes it.
#[must_use]
pub fn format_span(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    format_duration((to - from).to_std().unwrap_or(Duration::ZERO))
}

/// A timestamp as RFC 3339 in UTC, whole seconds: `2026-11-21T09:00:00Z`.
#[must_use]
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A timestamp as [`timestamp`] writes it with a space for the `T`, for tables and terminal
/// lines: `2026-11-21 09:00:00Z`.
#[must_use]
pub fn timestamp_spaced(t: DateTime<Utc>) -> String {
    // Made from [`timestamp`] rather than a strftime pattern, which chrono parses anew on every
    // call (a fleet table writes 100,000 of them). Its `T` is the 11th byte for years
    // 0000–9999; others are written through the pattern.
    let mut s = timestamp(t);
    if s.as_bytes().get(10) == Some(&b'T') {
        s.replace_range(10..11, " ");
        s
    } else {
        t.format("%Y-%m-%d %H:%M:%SZ").to_string()
    }
}

/// A timestamp as RFC 3339 in UTC with milliseconds: `2026-11-21T09:00:00.412Z`.
#[must_use]
pub fn timestamp_ms(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spaced_timestamp_is_the_rfc_3339_one_with_a_space_for_the_t() {
        let t = DateTime::from_timestamp(1_795_251_600, 412_000_000).unwrap_or_default();
        assert_eq!(timestamp(t), "2026-11-21T09:00:00Z");
        assert_eq!(timestamp_spaced(t), "2026-11-21 09:00:00Z");
    }

    #[test]
    fn a_spaced_timestamp_is_the_strftime_pattern_s_text_for_every_year_and_second() {
        let pattern = |t: DateTime<Utc>| t.format("%Y-%m-%d %H:%M:%SZ").to_string();
        let mut times: Vec<DateTime<Utc>> = [
            (-62_167_219_200, 0),           // 0000-01-01
            (-62_167_219_201, 0),           // the second before: year -1
            (0, 999_999_999),               // fractions are not written
            (1_795_251_659, 1_500_000_000), // a leap second
            (253_402_300_799, 0),           // 9999-12-31 23:59:59
            (253_402_300_800, 0),           // 10000-01-01
        ]
        .into_iter()
        .filter_map(|(s, n)| DateTime::from_timestamp(s, n))
        .collect();
        times.extend((0..2_000).filter_map(|i| DateTime::from_timestamp(i * 7_919_993, 0)));
        for t in times {
            assert_eq!(timestamp_spaced(t), pattern(t), "{t:?}");
        }
    }

    #[test]
    fn durations_in_every_documented_form_parse() {
        let cases = [
            ("90s", 90),
            ("30m", 1800),
            ("2h", 7200),
            ("1h30m", 5400),
            ("1h 30min", 5400),
            ("1d", 86_400),
            (" 45s ", 45),
        ];
        for (text, secs) in cases {
            assert_eq!(parse_duration(text), Ok(Duration::from_secs(secs)), "{text}");
        }
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
    }

    #[test]
    fn bad_durations_say_what_is_wrong_and_give_examples() {
        for text in ["", "30", "m30", "5 parsecs", "0s"] {
            let e = parse_duration(text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.starts_with(&format!("invalid duration '{text}': ")), "{text}: {e}");
            assert!(e.ends_with("(examples: 90s, 30m, 2h, 1h30m, 1d)"), "{text}: {e}");
        }
    }

    #[test]
    fn durations_are_written_with_spaced_units_and_at_most_two_of_them() {
        let cases = [
            (Duration::from_millis(250), "250 ms"),
            (Duration::from_millis(1500), "1 s"),
            (Duration::from_secs(45), "45 s"),
            (Duration::from_secs(60), "1 min"),
            (Duration::from_secs(89), "1 min"),
            (Duration::from_secs(90), "2 min"),
            (Duration::from_secs(1805), "30 min"),
            (Duration::from_secs(3600), "1 h"),
            (Duration::from_secs(5400), "1 h 30 min"),
            (Duration::from_secs(14_760), "4 h 6 min"),
            (Duration::from_secs(86_400), "1 d"),
            (Duration::from_secs(2 * 86_400 + 3 * 3600), "2 d 3 h"),
        ];
        for (d, want) in cases {
            assert_eq!(format_duration(d), want, "{d:?}");
        }
    }

    #[test]
    fn timestamps_are_rfc3339_in_utc_with_z() {
        let t: DateTime<Utc> = "2026-11-21T10:00:00.412345+01:00".parse().unwrap();
        assert_eq!(timestamp(t), "2026-11-21T09:00:00Z");
        assert_eq!(timestamp_ms(t), "2026-11-21T09:00:00.412Z");
        let later = t + chrono::TimeDelta::minutes(90);
        assert_eq!(format_span(t, later), "1 h 30 min");
        assert_eq!(format_span(later, t), "0 ms");
    }
}
