//! One capture line → one [`RawMessage`]: the rmacheck format and `mosquitto_sub -F %j` / `%J`.
//!
//! Format facts (mosquitto 2.0.x `client/sub_client_output.c`, checked against mosquitto_sub
//! 2.0.11):
//! - Fields in order `tst`, `topic`, `qos`, `retain`, `payloadlen`, `mid` (QoS > 0 only),
//!   `properties` (MQTT v5 only), `payload`.
//! - `tst` is the subscriber's *local* time followed by a literal `Z` and then the UTC offset:
//!   `2026-11-21T10:58:53.816373Z+0100` is 09:58:53.816373 UTC. Mosquitto 1.x wrote Unix
//!   seconds as a number. Both are read; a plain RFC 3339 string is read too.
//! - `%j`: `payload` is a JSON string of the payload text. Built with cJSON the string stops at
//!   the first zero byte, and bytes that are not UTF-8 are printed raw (the line is then not
//!   UTF-8). `payloadlen` is the true length, so a cut payload is detected and the line is
//!   reported rather than read wrong. Newer mosquitto prints non-printable payloads as an array
//!   of byte values; that is read too.
//! - `%J`: `payload` is the payload parsed as JSON and re-printed compactly (cJSON: `1.50`
//!   becomes `1.5`); non-JSON payloads are not printed at all (an empty line). The payload
//!   bytes are taken as the exact text of the JSON value in the line (key order kept), which
//!   is equivalent JSON, not necessarily the original bytes.
//! - An empty payload is `"payload":null`.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::catalog::{Message, args};
use crate::model::RawMessage;

/// Why a capture line could not be read: a catalog message (`malformed-line-*`) that renders
/// in any language; `Display` is its English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError(pub Message);

impl LineError {
    pub(crate) fn new(id: &str, args: crate::catalog::Args) -> Self {
        Self(Message::new(id, args))
    }

    fn field(id: &str, field: &str) -> Self {
        Self::new(id, args! { "field" => field })
    }

    /// The reason as a catalog message.
    #[must_use]
    pub fn message(&self) -> &Message {
        &self.0
    }
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render(crate::model::Lang::En))
    }
}

impl std::error::Error for LineError {}

fn one_object() -> Message {
    Message::plain("malformed-line-hint-one-object")
}

/// Parses one capture line (contract JSONL, `mosquitto_sub -F %j` or `-F %J`).
///
/// # Errors
/// A message saying what is wrong with the line and, where it helps, what to do.
pub fn parse_line(line: &str) -> Result<RawMessage, LineError> {
    let line = line.trim_start_matches('\u{feff}').trim();
    match contract_line(line) {
        Some(msg) => Ok(msg),
        None => parse_line_general(line),
    }
}

/// [`parse_line`] without its fast path: every line through a `serde_json::Value` (the
/// reference the fast path is tested against; the fast path leaves every line it does not
/// take, and every error message, to it).
///
/// # Errors
/// As [`parse_line`].
pub fn parse_line_general(line: &str) -> Result<RawMessage, LineError> {
    let line = line.trim_start_matches('\u{feff}').trim();
    let value: Value = serde_json::from_str(line).map_err(|e| {
        LineError::new(
            "malformed-line-not-json",
            args! { "reason" => e.to_string(), "hint" => one_object() },
        )
    })?;
    let Value::Object(obj) = &value else {
        return Err(LineError::new("malformed-line-not-object", args! { "hint" => one_object() }));
    };
    let topic = match obj.get("topic") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        Some(Value::String(_)) => {
            return Err(LineError::field("malformed-line-field-empty", "topic"));
        }
        Some(_) => return Err(LineError::field("malformed-line-field-not-string", "topic")),
        None => return Err(LineError::field("malformed-line-field-missing", "topic")),
    };
    if let Some(b64) = obj.get("payload_b64") {
        let received_at = match obj.get("received_at") {
            Some(Value::String(s)) => parse_rfc3339(s, "received_at")?,
            Some(_) => {
                return Err(LineError::field(
                    "malformed-line-field-not-time-string",
                    "received_at",
                ));
            }
            None => return Err(LineError::field("malformed-line-field-missing", "received_at")),
        };
        let Value::String(b64) = b64 else {
            return Err(LineError::field("malformed-line-field-not-base64-string", "payload_b64"));
        };
        let payload =
            STANDARD.decode(b64).or_else(|_| STANDARD_NO_PAD.decode(b64)).map_err(|e| {
                LineError::new(
                    "malformed-line-not-base64",
                    args! { "field" => "payload_b64", "reason" => e.to_string() },
                )
            })?;
        return Ok(RawMessage { received_at, topic, payload });
    }
    if obj.contains_key("payload") || obj.contains_key("tst") {
        let received_at = match obj.get("tst") {
            Some(v) => parse_tst(v)?,
            None => return Err(LineError::field("malformed-line-field-missing-mosquitto", "tst")),
        };
        let payload_len = obj.get("payloadlen").and_then(Value::as_u64);
        let payload = match obj.get("payload") {
            Some(v) => mosquitto_payload(v, line, payload_len)?,
            None => {
                return Err(LineError::field("malformed-line-field-missing-mosquitto", "payload"));
            }
        };
        return Ok(RawMessage { received_at, topic, payload });
    }
    Err(LineError(Message::plain("malformed-line-no-format")))
}

/// A contract line, borrowed from the text (no escapes in its strings): the common case.
#[derive(Deserialize)]
struct ContractLine<'a> {
    received_at: &'a str,
    topic: &'a str,
    payload_b64: &'a str,
}

/// The fast path of [`parse_line`]: a well-formed contract line, read into a typed, borrowed
/// struct instead of a `Value`. Anything else (another format, a duplicate or ill-typed
/// member, a string with escapes, a bad value) gives `None`, and the general path reads the
/// line and says what is wrong.
fn contract_line(line: &str) -> Option<RawMessage> {
    // A struct also deserialises from a JSON array; only objects are lines.
    if !line.starts_with('{') {
        return None;
    }
    let l: ContractLine<'_> = serde_json::from_str(line).ok()?;
    if l.topic.is_empty() {
        return None;
    }
    let received_at = parse_rfc3339(l.received_at, "received_at").ok()?;
    let payload = fast_base64(l.payload_b64)?;
    Some(RawMessage { received_at, topic: l.topic.to_string(), payload })
}

/// Standard base64, padded or not, decoded with SIMD (the capture's payloads are most of the
/// bytes read); `None` where [`STANDARD`] / [`STANDARD_NO_PAD`] would fail, so that the
/// general path says why.
fn fast_base64(b64: &str) -> Option<Vec<u8>> {
    let b = b64.as_bytes();
    let engine =
        if b.len() % 4 == 0 { &base64_simd::STANDARD } else { &base64_simd::STANDARD_NO_PAD };
    engine.decode_to_vec(b).ok()
}

fn parse_rfc3339(s: &str, field: &str) -> Result<DateTime<Utc>, LineError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|e| {
        LineError::new(
            "malformed-line-not-rfc3339",
            args! { "field" => field, "reason" => e.to_string() },
        )
    })
}

/// Reads mosquitto's `tst`: `local-time` `Z` `±hhmm` (2.x), Unix seconds (1.x) or RFC 3339.
fn parse_tst(v: &Value) -> Result<DateTime<Utc>, LineError> {
    match v {
        Value::Number(n) => {
            let secs = n.as_f64().unwrap_or(f64::NAN);
            let whole = secs.floor();
            if !whole.is_finite() || whole.abs() > 1e12 {
                return Err(not_unix_time(n));
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let (s, ns) = (whole as i64, ((secs - whole) * 1e9) as u32);
            Utc.timestamp_opt(s, ns).single().ok_or_else(|| not_unix_time(n))
        }
        Value::String(s) => {
            if let Some((local, offset)) = s.rsplit_once('Z').filter(|(_, o)| !o.is_empty()) {
                return DateTime::parse_from_str(
                    &format!("{local}{offset}"),
                    "%Y-%m-%dT%H:%M:%S%.f%z",
                )
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| {
                    LineError::new(
                        "malformed-line-not-mosquitto-time",
                        args! { "field" => "tst", "value" => s.as_str(), "reason" => e.to_string() },
                    )
                });
            }
            parse_rfc3339(s, "tst")
        }
        _ => Err(LineError::field("malformed-line-tst-type", "tst")),
    }
}

fn not_unix_time(n: &serde_json::Number) -> LineError {
    LineError::new(
        "malformed-line-not-unix-time",
        args! { "field" => "tst", "value" => n.to_string() },
    )
}

/// The payload bytes of a mosquitto_sub line; `payloadlen` tells `%j` text from `%J` JSON.
fn mosquitto_payload(
    v: &Value,
    line: &str,
    payload_len: Option<u64>,
) -> Result<Vec<u8>, LineError> {
    let raw = || raw_top_level_value(line, "payload").map(|s| s.as_bytes().to_vec());
    let fits = |n: usize| payload_len.is_none_or(|len| len == n as u64);
    match v {
        Value::Null => Ok(Vec::new()),
        Value::String(text) => {
            if fits(text.len()) {
                return Ok(text.clone().into_bytes()); // %j
            }
            if let Some(json) = raw().filter(|j| fits(j.len())) {
                return Ok(json); // %J of a payload that is itself a JSON string
            }
            Err(LineError::new(
                "malformed-line-payload-cut",
                args! {
                    "length" => payload_len.unwrap_or_default().to_string(),
                    "held" => text.len().to_string(),
                },
            ))
        }
        Value::Array(items) => {
            let as_bytes: Option<Vec<u8>> =
                items.iter().map(|i| i.as_u64().and_then(|b| u8::try_from(b).ok())).collect();
            match as_bytes {
                // Newer %j prints non-printable payloads as byte values.
                Some(b) if payload_len == Some(b.len() as u64) => Ok(b),
                _ => raw().ok_or_else(|| {
                    LineError::field("malformed-line-payload-not-extracted", "payload")
                }),
            }
        }
        _ => {
            raw().ok_or_else(|| LineError::field("malformed-line-payload-not-extracted", "payload"))
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Index after the string starting at `i` (which holds `"`).
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// Index after the JSON value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let (mut j, mut depth) = (i, 0usize);
            loop {
                match b.get(j)? {
                    b'"' => j = skip_string(b, j)?,
                    b'{' | b'[' => {
                        depth += 1;
                        j += 1;
                    }
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        j += 1;
                        if depth == 0 {
                            return Some(j);
                        }
                    }
                    _ => j += 1,
                }
            }
        }
        _ => {
            let mut j = i;
            while !matches!(
                b.get(j),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The exact text of a top-level member's value in a JSON object (already known to be valid).
fn raw_top_level_value<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let b = json.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(b, i)?;
        let name: String = serde_json::from_str(json.get(i..key_end)?).ok()?;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start)?;
        if name == key {
            return json.get(start..end);
        }
        i = skip_ws(b, end);
        match b.get(i)? {
            b',' => i += 1,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn the_fast_base64_decoder_accepts_and_rejects_exactly_what_the_general_path_does() {
        let cases = [
            "",
            "AA==",
            "AAE=",
            "AAE",
            "AA",
            "AAAA",
            "AAECAw==",
            "AAECAw",
            "AB==",
            "AAF=",
            "AB",
            "AAF",
            "A",
            "A===",
            "====",
            "AA=",
            "AA===",
            "AAE==",
            "AA AA",
            "AA\nAA",
            "AA-_",
            "AA+/",
            "////",
            "AA==AA==",
            "=AAA",
            "eyJhIjoxfQ==",
            "eyJhIjoxfQ",
            "ÄÖ==",
        ];
        for b64 in cases {
            let general = STANDARD.decode(b64).or_else(|_| STANDARD_NO_PAD.decode(b64)).ok();
            assert_eq!(fast_base64(b64), general, "{b64:?}");
        }
        let long: String = (0..200).map(|i| ["AAEC", "AwQF"][i % 2]).collect();
        let long_padded = format!("{long}Bgc=");
        for b64 in [long.as_str(), long_padded.as_str(), &long_padded[..long_padded.len() - 1]] {
            let general = STANDARD.decode(b64).or_else(|_| STANDARD_NO_PAD.decode(b64)).ok();
            assert_eq!(fast_base64(b64), general, "{b64:?}");
        }
    }

    #[test]
    fn a_line_error_reads_in_english_as_before_and_in_the_chosen_language_otherwise() {
        let t = "2026-11-21T09:00:00Z";
        let cases = [
            (
                r#"["a"]"#.to_string(),
                "not a JSON object; each line must be one JSON object as written by `rmacheck \
                 watch --record` or `mosquitto_sub -F %j` / `-F %J` (without --pretty)",
                "kein JSON-Objekt; jede Zeile muss genau ein JSON-Objekt sein",
            ),
            (
                format!(r#"{{"received_at":"{t}","topic":"","payload_b64":""}}"#),
                "\"topic\" is empty",
                "\"topic\" ist leer",
            ),
            (
                r#"{"tst":true,"topic":"a","payload":""}"#.to_string(),
                "\"tst\" must be a time string or Unix seconds",
                "\"tst\" muss eine Zeitangabe",
            ),
        ];
        for (line, english, german) in cases {
            let Err(e) = parse_line(&line) else { panic!("{line} is read") };
            assert_eq!(e.to_string(), english, "{line}");
            assert_eq!(e.message().render(Lang::En), english, "{line}");
            let de = e.message().render(Lang::De);
            assert!(de.starts_with(german), "{line}: {de}");
        }
    }

    #[test]
    fn the_raw_value_of_a_member_is_found_whatever_comes_before_it() {
        let cases = [
            (
                r#"{"a":1,"payload":{"z":1,"a":[1,{"b":"}"}]}}"#,
                Some(r#"{"z":1,"a":[1,{"b":"}"}]}"#),
            ),
            (r#"{"t":"x\"payload\":1","payload":2.50}"#, Some("2.50")),
            (r#"{ "payload" : [ 1 , 2 ] }"#, Some("[ 1 , 2 ]")),
            (r#"{"properties":{"payload":1},"payload":true}"#, Some("true")),
            (r#"{"a":1}"#, None),
            (r#"{"a":"#, None),
        ];
        for (json, expected) in cases {
            assert_eq!(raw_top_level_value(json, "payload"), expected, "{json}");
        }
    }

    #[test]
    fn mosquitto_times_are_converted_to_utc() {
        let cases = [
            (Value::from("2026-11-21T10:58:53.816373Z+0100"), "2026-11-21T09:58:53.816373Z"),
            (Value::from("2026-11-21T09:58:53.816373Z+0000"), "2026-11-21T09:58:53.816373Z"),
            (Value::from("2026-11-21T04:28:53.000001Z-0530"), "2026-11-21T09:58:53.000001Z"),
            (Value::from("2026-11-21T10:58:53+01:00"), "2026-11-21T09:58:53.000000Z"),
            (Value::from(1_795_255_133u64), "2026-11-21T09:58:53.000000Z"),
        ];
        for (v, expected) in cases {
            let t = parse_tst(&v).map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
            assert_eq!(t.as_deref(), Ok(expected), "{v}");
        }
        assert!(parse_tst(&Value::from("yesterday")).is_err());
        assert!(parse_tst(&Value::from(1e300)).is_err());
    }

    fn ok(line: &str) -> RawMessage {
        match parse_line(line) {
            Ok(m) => m,
            Err(e) => panic!("{line}: {e}"),
        }
    }

    #[test]
    fn each_line_format_gives_topic_time_and_exact_payload() {
        let t = "2026-11-21T09:00:00.123456Z";
        let cases: &[(&str, String, &[u8])] = &[
            ("the contract format", format!(r#"{{"received_at":"{t}","topic":"a/b","payload_b64":"AAH/"}}"#), b"\x00\x01\xff"),
            ("the contract format with an offset", r#"{"received_at":"2026-11-21T10:00:00.123456+01:00","topic":"a/b","payload_b64":""}"#.into(), b""),
            ("unpadded base64", format!(r#"{{"received_at":"{t}","topic":"a/b","payload_b64":"AAE"}}"#), b"\x00\x01"),
            ("a %j text payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","qos":0,"retain":0,"payloadlen":7,"payload":"{\"a\":1}"}"#.into(), br#"{"a":1}"#),
            ("a %J object payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","qos":0,"retain":0,"payloadlen":14,"payload":{"z":1,"a":2.5}}"#.into(), br#"{"z":1,"a":2.5}"#),
            ("a %J string payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","payloadlen":5,"payload":"str"}"#.into(), br#""str""#),
            ("a %J number payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","payloadlen":2,"payload":42}"#.into(), b"42"),
            ("a %J array payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","payloadlen":5,"payload":[1,2]}"#.into(), b"[1,2]"),
            ("a %j byte-array payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","payloadlen":3,"payload":[0,1,255]}"#.into(), b"\x00\x01\xff"),
            ("an empty payload", r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","payloadlen":0,"payload":null}"#.into(), b""),
            ("a line without payloadlen", r#"{"tst":"2026-11-21T09:00:00.123456Z","topic":"a/b","payload":"hi"}"#.into(), b"hi"),
            ("a CRLF line with a BOM", format!("\u{feff}{{\"received_at\":\"{t}\",\"topic\":\"a/b\",\"payload_b64\":\"aGk=\"}}\r\n"), b"hi"),
        ];
        for (name, line, payload) in cases {
            let m = ok(line);
            assert_eq!((m.topic.as_str(), m.payload.as_slice()), ("a/b", *payload), "{name}");
            let at = m.received_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
            assert!(at == t || at == "2026-11-21T09:00:00.000000Z", "{name}: {at}");
        }
    }

    #[test]
    fn each_unreadable_line_says_what_is_wrong() {
        let tst = r#""tst":"2026-11-21T09:00:00.123456Z+0000""#;
        let cases: Vec<(&str, String, &str)> = vec![
            ("not JSON", "hello".into(), "not a JSON object"),
            ("a JSON array", "[1,2]".into(), "not a JSON object"),
            (
                "a truncated line",
                r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a"#.into(),
                "not a JSON object",
            ),
            (
                "no topic",
                r#"{"received_at":"2026-11-21T09:00:00Z","payload_b64":""}"#.into(),
                "\"topic\" is missing",
            ),
            (
                "an empty topic",
                r#"{"received_at":"2026-11-21T09:00:00Z","topic":"","payload_b64":""}"#.into(),
                "\"topic\" is empty",
            ),
            (
                "a numeric topic",
                r#"{"received_at":"2026-11-21T09:00:00Z","topic":1,"payload_b64":""}"#.into(),
                "\"topic\" must be a string",
            ),
            (
                "no received_at",
                r#"{"topic":"a","payload_b64":""}"#.into(),
                "\"received_at\" is missing",
            ),
            (
                "a time without offset",
                r#"{"received_at":"2026-11-21T09:00:00","topic":"a","payload_b64":""}"#.into(),
                "not an RFC 3339 time",
            ),
            (
                "bad base64",
                r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a","payload_b64":"%%%"}"#.into(),
                "not standard base64",
            ),
            (
                "URL-safe base64",
                r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a","payload_b64":"-_-_"}"#.into(),
                "not standard base64",
            ),
            (
                "numeric base64",
                r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a","payload_b64":5}"#.into(),
                "must be a base64 string",
            ),
            ("no tst", r#"{"topic":"a","payload":"x"}"#.into(), "\"tst\" is missing"),
            ("no payload", format!(r#"{{{tst},"topic":"a"}}"#), "\"payload\" is missing"),
            (
                "a bad tst",
                r#"{"tst":"soon","topic":"a","payload":"x"}"#.into(),
                "not an RFC 3339 time",
            ),
            (
                "a cut %j payload",
                format!(r#"{{{tst},"topic":"a","payloadlen":10,"payload":""}}"#),
                "cuts binary payloads",
            ),
            ("an unknown shape", r#"{"topic":"a","data":"x"}"#.into(), "not a capture line"),
        ];
        for (name, line, needle) in cases {
            let err = parse_line(&line).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(needle), "{name}: '{needle}' not in '{err}'");
        }
    }
    #[test]
    fn the_fast_path_reads_a_line_exactly_as_the_general_path_or_leaves_it_to_it() {
        let t = "2026-11-21T09:00:00.123456Z";
        let cases: Vec<(&str, String, bool)> = vec![
            (
                "a contract line",
                format!(r#"{{"received_at":"{t}","topic":"a/b","payload_b64":"AAH/"}}"#),
                true,
            ),
            (
                "members in another order",
                format!(r#"{{"payload_b64":"aGk","topic":"a/b","received_at":"{t}"}}"#),
                true,
            ),
            (
                "an extra member",
                format!(r#"{{"received_at":"{t}","topic":"a/b","payload_b64":"","x":[1]}}"#),
                true,
            ),
            (
                "an offset",
                r#"{"received_at":"2026-11-21T10:00:00+01:00","topic":"a/b","payload_b64":"AA=="}"#
                    .into(),
                true,
            ),
            (
                "an escaped topic",
                format!(r#"{{"received_at":"{t}","topic":"a\/b","payload_b64":"AA=="}}"#),
                false,
            ),
            (
                "a duplicate member",
                format!(r#"{{"received_at":"{t}","topic":"a","topic":"b","payload_b64":""}}"#),
                false,
            ),
            ("an array", format!(r#"["{t}","a/b","AA=="]"#), false),
            (
                "an empty topic",
                format!(r#"{{"received_at":"{t}","topic":"","payload_b64":""}}"#),
                false,
            ),
            (
                "a numeric payload",
                format!(r#"{{"received_at":"{t}","topic":"a","payload_b64":5}}"#),
                false,
            ),
            (
                "bad base64",
                format!(r#"{{"received_at":"{t}","topic":"a","payload_b64":"%%"}}"#),
                false,
            ),
            ("a bad time", r#"{"received_at":"soon","topic":"a","payload_b64":""}"#.into(), false),
            (
                "a mosquitto line",
                r#"{"tst":"2026-11-21T09:00:00.123456Z+0000","topic":"a/b","payload":"x"}"#.into(),
                false,
            ),
            ("not JSON", "hello".into(), false),
        ];
        for (name, line, fast) in cases {
            let got = contract_line(&line);
            assert_eq!(got.is_some(), fast, "{name}");
            if let Some(m) = got {
                assert_eq!(Ok(m), parse_line_general(&line), "{name}");
            }
            assert_eq!(parse_line(&line), parse_line_general(&line), "{name}");
        }
    }
}
