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

#[cfg(test)]
mod compare_tests;
mod index;
mod scan;
mod source;

/// Reads a whole events file; messages come out ordered by time.
#[must_use]
pub fn read(text: &str, file: &str) -> Vec<Result<RawMessage, BadLine>> {
    Events::from_source(source::in_memory(text), file).collect()
}

/// The messages of an events file, streamed: first the events that cannot be read (in file
/// order, as they are found), then every message ordered by time (stable: equal times keep the
/// file's order).
///
/// Two passes over the file's text, which is read in place or, when it must be normalised
/// first (standard input, SSE framing, invalid UTF-8), from a private temporary file (see
/// [`source`]). The first pass keeps 24 bytes an event (its time and place, see [`index`]);
/// the second reads the events back in time order. Nothing is read before the first item is
/// asked for.
pub struct Events {
    file: String,
    run: usize,
    /// The file's last line (what a failure after the first pass is reported at).
    end_line: usize,
    state: State,
}

enum State {
    Start(Box<Pending>),
    Scan(Box<(scan::Scanner, index::Index)>),
    Read(Box<(scan::Window, index::Sorted, Vec<u8>)>),
    Done,
}

struct Pending {
    head: Vec<u8>,
    rest: Box<dyn std::io::BufRead>,
    file: Option<std::fs::File>,
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events").field("file", &self.file).finish_non_exhaustive()
    }
}

impl Events {
    /// The events of a file whose first bytes, `head`, were already read from `rest`; `seekable`
    /// is the same file opened again when it is a regular file (read in place). `file` names
    /// it in errors.
    #[must_use]
    pub fn new(
        head: Vec<u8>,
        rest: Box<dyn std::io::BufRead>,
        seekable: Option<std::fs::File>,
        file: &str,
    ) -> Self {
        let pending = Pending { head, rest, file: seekable };
        Self {
            file: file.to_string(),
            run: index::RUN,
            end_line: 0,
            state: State::Start(Box::new(pending)),
        }
    }

    fn from_source(source: source::Source, file: &str) -> Self {
        let state =
            State::Scan(Box::new((scan::Scanner::new(source), index::Index::new(index::RUN))));
        Self { file: file.to_string(), run: index::RUN, end_line: 0, state }
    }

    #[cfg(test)]
    fn with_run(mut self, run: usize) -> Self {
        self.run = run;
        if let State::Scan(scan) = &mut self.state {
            scan.1 = index::Index::new(run);
        }
        self
    }

    fn bad(&self, line: usize, message: LineError) -> BadLine {
        BadLine { file: self.file.clone(), line, message }
    }

    /// Reading stops at an I/O error, reported once as the line it was at.
    fn failed(
        &mut self,
        line: usize,
        id: &str,
        e: &std::io::Error,
    ) -> Option<Result<RawMessage, BadLine>> {
        self.state = State::Done;
        let a = args! { "reason" => e.to_string() };
        Some(Err(self.bad(line, LineError::new(id, a))))
    }
}

impl Iterator for Events {
    type Item = Result<RawMessage, BadLine>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match &mut self.state {
                State::Done => return None,
                State::Start(_) => {
                    let State::Start(p) = std::mem::replace(&mut self.state, State::Done) else {
                        return None;
                    };
                    match source::prepare(p.head, p.rest, p.file) {
                        Ok(src) => {
                            let scan = (scan::Scanner::new(src), index::Index::new(self.run));
                            self.state = State::Scan(Box::new(scan));
                        }
                        Err(source::PrepareError::Read(e)) => {
                            return self.failed(1, "malformed-line-read-error", &e);
                        }
                        Err(source::PrepareError::Spool(e)) => {
                            return self.failed(1, "malformed-line-spool-error", &e);
                        }
                    }
                }
                State::Scan(scan) => {
                    let (scanner, index) = &mut **scan;
                    let found = match scanner.next_value() {
                        Ok(f) => f,
                        Err(e) => {
                            let line = scanner.line();
                            return self.failed(line, "malformed-line-read-error", &e);
                        }
                    };
                    let Some((line, value)) = found else {
                        let State::Scan(scan) = std::mem::replace(&mut self.state, State::Done)
                        else {
                            return None;
                        };
                        let (scanner, index) = *scan;
                        self.end_line = scanner.line();
                        match index.sorted() {
                            Ok(sorted) => {
                                self.state =
                                    State::Read(Box::new((scanner.window, sorted, Vec::new())));
                            }
                            Err(e) => {
                                return self.failed(
                                    self.end_line,
                                    "malformed-line-spool-error",
                                    &e,
                                );
                            }
                        }
                        continue;
                    };
                    match value.and_then(|(v, pos, len)| Ok((event_message(v)?, pos, len))) {
                        Ok((Some(m), pos, len)) => {
                            if let Err(e) = index.push(index::Entry::new(m.received_at, pos, len)) {
                                return self.failed(line, "malformed-line-spool-error", &e);
                            }
                        }
                        Ok((None, ..)) => {}
                        Err(message) => return Some(Err(self.bad(line, message))),
                    }
                }
                State::Read(read) => {
                    let (window, sorted, buf) = &mut **read;
                    let entry = match sorted.next()? {
                        Ok(entry) => entry,
                        Err(e) => {
                            return self.failed(self.end_line, "malformed-line-spool-error", &e);
                        }
                    };
                    if let Err(e) = window.read_exact_at(entry.offset, entry.len(), buf) {
                        return self.failed(self.end_line, "malformed-line-read-error", &e);
                    }
                    let message = serde_json::from_slice::<Value>(buf)
                        .map_err(|e| {
                            LineError::new(
                                "malformed-line-not-json-value",
                                args! { "reason" => e.to_string() },
                            )
                        })
                        .and_then(event_message);
                    match message {
                        Ok(Some(m)) => return Some(Ok(m)),
                        // Only when the file changed between the passes.
                        Ok(None) => {}
                        Err(message) => return Some(Err(self.bad(self.end_line, message))),
                    }
                }
            }
        }
    }
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
