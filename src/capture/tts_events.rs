//! The Things Stack event files read as captures.
//!
//! Three shapes, auto-detected from the first line (tts-events.md §2–4):
//! - the console's *Live data → Export as JSON*: one JSON array of events, newest first,
//!   2-space indent (console-only synthetic events, `synthetic.*`, are skipped);
//! - the Events API stream saved to a file (`POST /api/v3/events`): one `{"result": Event}`
//!   per line, or server-sent-event framing (`data: {…}` lines, blank-line separated);
//! - `ttn-lw-cli events subscribe` output: bare event objects one after the other,
//!   pretty-printed or not.
//!
//! Each event becomes one message: topic `tts/events/{name}`, payload the event object (as
//! compact JSON), received time the event's `time`. The messages of a file are ordered by
//! time (stable). An event that cannot be read is reported with its line and skipped; after a
//! syntax error reading resumes at the next line that starts an object.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{BadLine, LineError};
use crate::adapters::tts_events::TOPIC_PREFIX;
use crate::catalog::{Message, args};
use crate::model::RawMessage;

/// Whether a file whose first non-blank line is `line` holds The Things Stack events rather
/// than capture lines.
#[must_use]
pub fn is_event_file(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}').trim();
    if line.starts_with('[') || line == "{" || is_sse_field(line) {
        return true;
    }
    // The first value only: `ttn-lw-cli` may write several objects on one line.
    match serde_json::Deserializer::from_str(line).into_iter::<Value>().next() {
        Some(Ok(Value::Object(o))) => {
            !o.contains_key("topic")
                && (o.contains_key("name") || o.contains_key("result") || o.contains_key("error"))
        }
        _ => false,
    }
}

fn is_sse_field(line: &str) -> bool {
    ["data:", "event:", "id:", "retry:"].iter().any(|f| line.starts_with(f))
}

/// One event object (or `{"result": Event}` stream item) as a message; `Ok(None)` for the
/// console's synthetic events.
///
/// # Errors
/// What is wrong with the event, to be reported.
pub fn event_message(value: Value) -> Result<Option<RawMessage>, LineError> {
    let Value::Object(mut obj) = value else {
        return Err(LineError(Message::plain("malformed-line-event-not-object")));
    };
    if !obj.contains_key("name") {
        if let Some(Value::Object(inner)) = obj.remove("result") {
            obj = inner;
        } else if let Some(err) = obj.get("error") {
            return Err(LineError::new(
                "malformed-line-event-api-error",
                args! { "reason" => err.to_string() },
            ));
        }
    }
    let name = match obj.get("name") {
        Some(Value::String(n)) if !n.is_empty() => n.clone(),
        _ => {
            return Err(LineError::new(
                "malformed-line-event-no-field",
                args! { "field" => "name" },
            ));
        }
    };
    if name.starts_with("synthetic.") || obj.get("isSynthetic") == Some(&Value::Bool(true)) {
        return Ok(None);
    }
    let received_at = match obj.get("time") {
        Some(Value::String(t)) => {
            DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&Utc)).map_err(|e| {
                LineError::new(
                    "malformed-line-event-not-rfc3339",
                    args! { "name" => name.as_str(), "field" => "time", "reason" => e.to_string() },
                )
            })?
        }
        _ => {
            return Err(LineError::new(
                "malformed-line-event-missing",
                args! { "name" => name.as_str(), "field" => "time" },
            ));
        }
    };
    let payload = serde_json::to_vec(&Value::Object(obj)).map_err(|e| {
        LineError::new("malformed-line-reason", args! { "reason" => e.to_string() })
    })?;
    Ok(Some(RawMessage { received_at, topic: format!("{TOPIC_PREFIX}{name}"), payload }))
}

/// Removes server-sent-event framing: `data:` lines keep their content, other fields become
/// blank lines (so line numbers stay those of the file).
fn strip_sse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b.strip_suffix('\r').unwrap_or(b), "\n"),
            None => (line, ""),
        };
        if let Some(data) = body.strip_prefix("data:") {
            out.push_str(data.strip_prefix(' ').unwrap_or(data));
        } else if !(is_sse_field(body) || body.starts_with(':')) {
            out.push_str(body);
        }
        out.push_str(end);
    }
    out
}

fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes().iter().take(pos).filter(|b| **b == b'\n').count() + 1
}

fn skip_ws(text: &str, mut pos: usize) -> usize {
    let b = text.as_bytes();
    while b.get(pos).is_some_and(|c| c.is_ascii_whitespace()) {
        pos += 1;
    }
    pos
}

/// The start of the next line after `pos` that begins an object at most `indent` deep.
fn resync(text: &str, pos: usize, indent: usize) -> Option<usize> {
    let mut at = pos;
    while let Some(nl) = text.get(at..)?.find('\n') {
        at += nl + 1;
        let rest = text.get(at..)?;
        let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if lead <= indent && rest[lead..].starts_with('{') {
            return Some(at + lead);
        }
    }
    None
}

/// The JSON values of an events file (array elements or top-level objects) with their lines.
fn values(text: &str) -> Vec<(usize, Result<Value, LineError>)> {
    let mut out = Vec::new();
    let mut pos = skip_ws(text, 0);
    let array = text[pos..].starts_with('[');
    if array {
        pos = skip_ws(text, pos + 1);
    }
    let first = pos;
    let indent = first - text[..first].rfind('\n').map_or(0, |i| i + 1);
    while pos < text.len() {
        if array && text[pos..].starts_with(']') {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            None => break,
            Some(Ok(v)) => {
                out.push((line_of(text, pos), Ok(v)));
                pos = skip_ws(text, pos + stream.byte_offset());
                if array && text[pos..].starts_with(',') {
                    pos = skip_ws(text, pos + 1);
                }
            }
            Some(Err(e)) => {
                let line = line_of(text, pos);
                out.push((
                    line,
                    Err(LineError::new(
                        "malformed-line-not-json-value",
                        args! { "reason" => e.to_string() },
                    )),
                ));
                match resync(text, pos, indent) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    out
}

/// Reads a whole events file; messages come out ordered by time.
#[must_use]
pub fn read(text: &str, file: &str) -> Vec<Result<RawMessage, BadLine>> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let owned;
    let text = if is_sse_field(first) {
        owned = strip_sse(text);
        owned.as_str()
    } else {
        text
    };
    let mut messages = Vec::new();
    let mut bad = Vec::new();
    for (line, value) in values(text) {
        let bad_line = |message: LineError| BadLine { file: file.to_string(), line, message };
        match value.and_then(event_message) {
            Ok(Some(m)) => messages.push(m),
            Ok(None) => {}
            Err(message) => bad.push(Err(bad_line(message))),
        }
    }
    messages.sort_by_key(|m| m.received_at);
    bad.into_iter().chain(messages.into_iter().map(Ok)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(name: &str, time: &str) -> String {
        format!(r#"{{"name":"{name}","time":"{time}","identifiers":[],"unique_id":"x"}}"#)
    }

    fn names(items: &[Result<RawMessage, BadLine>]) -> Vec<String> {
        items.iter().filter_map(|i| i.as_ref().ok()).map(|m| m.topic.clone()).collect()
    }

    const T1: &str = "2026-03-14T09:26:53.1Z";
    const T2: &str = "2026-03-14T09:26:54.2Z";

    #[test]
    fn every_file_shape_is_recognised_and_read_in_time_order() {
        let a = ev("ns.up.join.receive", T1);
        let b = ev("ns.up.join.drop", T2);
        let pretty = |s: &str| {
            serde_json::to_string_pretty(&serde_json::from_str::<Value>(s).unwrap()).unwrap()
        };
        let shapes = [
            (
                "console export (newest first)",
                format!("[\n  {},\n  {}\n]\n", pretty(&b), pretty(&a)),
            ),
            ("API stream lines", format!("{{\"result\":{a}}}\n{{\"result\":{b}}}\n")),
            (
                "API stream, SSE framing",
                format!("event: message\ndata: {{\"result\":{a}}}\n\ndata: {{\"result\":{b}}}\n\n"),
            ),
            ("ttn-lw-cli, pretty", format!("{}\n\n{}\n", pretty(&b), pretty(&a))),
            ("ttn-lw-cli, compact", format!("{a}{b}")),
        ];
        for (shape, text) in shapes {
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            assert!(is_event_file(first), "{shape}: {first}");
            let items = read(&text, "f.json");
            assert_eq!(
                names(&items),
                vec!["tts/events/ns.up.join.receive", "tts/events/ns.up.join.drop"],
                "{shape}"
            );
            let m = items[0].as_ref().unwrap();
            assert_eq!(m.received_at.to_rfc3339(), "2026-03-14T09:26:53.100+00:00");
            let payload: Value = serde_json::from_slice(&m.payload).unwrap();
            assert_eq!(payload["name"], "ns.up.join.receive", "{shape}: the event itself");
        }
    }

    #[test]
    fn capture_lines_are_not_taken_for_events() {
        for line in [
            r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a","payload_b64":""}"#,
            r#"{"tst":"2026-11-21T10:58:53.816373Z+0100","topic":"a","payload":"x"}"#,
            "garbage",
            "",
        ] {
            assert!(!is_event_file(line), "{line}");
        }
    }

    #[test]
    fn bad_events_are_reported_with_their_line_and_the_rest_is_kept() {
        let text = format!(
            "[\n  {},\n  {{\"name\": \"x\", \"time\": \"yesterday\"}},\n  {{\"name\": \"synthetic.status.paused\", \"time\": \"{T1}\", \"isSynthetic\": true}},\n  {{\"name\": broken\n  }},\n  {}\n]\n",
            ev("a", T2),
            ev("b", T1)
        );
        let items = read(&text, "live.json");
        assert_eq!(names(&items), vec!["tts/events/b", "tts/events/a"]);
        let bad: Vec<String> =
            items.iter().filter_map(|i| i.as_ref().err()).map(ToString::to_string).collect();
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].starts_with("live.json:3: event x: \"time\" is not an RFC 3339"), "{bad:?}");
        assert!(bad[1].starts_with("live.json:5: not valid JSON"), "{bad:?}");
        let stream = format!(
            "{{\"result\":{}}}\n{{\"error\":{{\"code\":16,\"message\":\"unauthenticated\"}}}}\n",
            ev("a", T1)
        );
        let items = read(&stream, "s.json");
        assert_eq!(names(&items), vec!["tts/events/a"]);
        assert!(
            items[0]
                .as_ref()
                .err()
                .is_some_and(|e| e.message.to_string().contains("unauthenticated"))
        );
    }
}
