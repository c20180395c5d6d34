//! The streamed reader gives exactly what the whole-file reader gave (kept here as the
//! reference), for every file shape, in place, from a stream and from memory, with the index
//! sorted in memory or merged from runs on disk.

use std::io::Write as _;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use super::*;

/// The whole-file reader the streamed one replaces.
mod whole {
    use super::super::{event_message, is_sse_field};
    use crate::capture::{BadLine, LineError};
    use crate::catalog::args;
    use crate::model::RawMessage;
    use serde_json::Value;

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
                    let reason = args! { "reason" => e.to_string() };
                    out.push((line, Err(LineError::new("malformed-line-not-json-value", reason))));
                    match resync(text, pos, indent) {
                        Some(next) => pos = next,
                        None => break,
                    }
                }
            }
        }
        out
    }

    pub(super) fn read(bytes: &[u8], file: &str) -> Vec<Result<RawMessage, BadLine>> {
        let text = String::from_utf8_lossy(bytes);
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
}

/// Events with times drawn from a few minutes (many equal), in no order.
fn events(rng: &mut StdRng, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let secs = rng.gen_range(0..300);
            let nanos = [0, 500_000_000, rng.gen_range(0..1_000_000_000)][rng.gen_range(0..3)];
            let time = format!("2026-03-14T09:{:02}:{:02}.{nanos:09}Z", secs / 60, secs % 60);
            let name = ["ns.up.data.process", "as.up.data.forward", "gs.up.receive"][i % 3];
            json!({"name": name, "time": time, "identifiers": [], "unique_id": i,
                   "data": {"n": rng.gen_range(-1e6..1e6), "t": "é\u{2028}\"x"}})
        })
        .collect()
}

/// A bad or skipped item for one of the shapes (`pretty`: indented like the rest).
fn odd(rng: &mut StdRng, pretty: bool) -> String {
    match rng.gen_range(0..5) {
        0 => r#"{"name": "x", "time": "yesterday"}"#.to_string(),
        1 => r#"{"name": "synthetic.status.paused", "time": "2026-03-14T09:00:00Z"}"#.to_string(),
        2 => r#"{"error": {"code": 16, "message": "unauthenticated"}}"#.to_string(),
        3 if pretty => "{\n    \"name\": broken\n  }".to_string(),
        3 => r#"{"name": broken}"#.to_string(),
        _ => r#"{"time": "2026-03-14T09:00:00Z"}"#.to_string(),
    }
}

fn shapes(rng: &mut StdRng, events: &[Value]) -> Vec<(&'static str, String)> {
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let mut console = String::from("\u{feff}[\n");
    let mut api = String::new();
    let mut sse = String::from("event: message\r\n");
    let mut cli = String::new();
    let mut compact = String::new();
    for (i, e) in events.iter().enumerate() {
        let odd = (i % 41 == 3).then(|| odd(rng, true));
        let sep = if i + 1 < events.len() { ",\n" } else { "\n" };
        let item = pretty(e).replace('\n', "\n  ");
        console.push_str(&format!("  {item}{sep}"));
        if let Some(o) = &odd {
            console.push_str(&format!("  {o},\n"));
        }
        let line = json!({"result": e}).to_string();
        api.push_str(&line);
        api.push('\n');
        sse.push_str(&format!("data: {line}\r\n\r\n"));
        if let Some(o) = &odd {
            api.push_str(&format!("{}\n", o.replace('\n', "")));
            sse.push_str(&format!("id: {i}\ndata:{}\n\n", o.replace('\n', "")));
        }
        cli.push_str(&pretty(e));
        cli.push('\n');
        compact.push_str(&e.to_string());
    }
    console.push_str("]\n");
    vec![("console", console), ("api", api), ("sse", sse), ("cli", cli), ("compact", compact)]
}

/// Reads `bytes` every way: from memory (only text), in place and from a stream (both with
/// runs of `run` events).
fn every_way(bytes: &[u8], run: usize) -> Vec<(&'static str, Vec<Result<RawMessage, BadLine>>)> {
    let mut out = Vec::new();
    if let Ok(text) = std::str::from_utf8(bytes) {
        out.push(("memory", read(text, "f.json")));
    }
    let mut tmp = tempfile::NamedTempFile::new().unwrap();
    tmp.write_all(bytes).unwrap();
    let file = std::fs::File::open(tmp.path()).unwrap();
    let empty: Box<dyn std::io::BufRead> = Box::new(std::io::empty());
    let events = Events::new(Vec::new(), empty, Some(file), "f.json").with_run(run);
    out.push(("in place", events.collect()));
    let (head, rest) = bytes.split_at(bytes.len().min(7));
    let rest: Box<dyn std::io::BufRead> = Box::new(std::io::Cursor::new(rest.to_vec()));
    let events = Events::new(head.to_vec(), rest, None, "f.json").with_run(run);
    out.push(("stream", events.collect()));
    out
}

#[test]
fn a_large_out_of_order_events_file_reads_as_the_whole_file_reader_read_it() {
    let mut rng = StdRng::seed_from_u64(7);
    let events = events(&mut rng, 600);
    for (shape, text) in shapes(&mut rng, &events) {
        let expected = whole::read(text.as_bytes(), "f.json");
        let messages = expected.iter().filter(|i| i.is_ok()).count();
        assert!(messages >= 600, "{shape}: {messages} messages");
        for run in [100, index::RUN] {
            for (way, got) in every_way(text.as_bytes(), run) {
                assert_eq!(got.len(), expected.len(), "{shape}, {way}, runs of {run}");
                assert!(got == expected, "{shape}, {way}, runs of {run}");
            }
        }
    }
}

#[test]
fn odd_bytes_read_as_the_whole_file_reader_read_them() {
    let e = |t: &str| format!(r#"{{"name":"a","time":"2026-03-14T09:26:5{t}Z","identifiers":[]}}"#);
    let cases: Vec<Vec<u8>> = vec![
        // Not UTF-8 inside and outside strings, byte-order marks, CRLF.
        [b"\xef\xbb\xbf\xef\xbb\xbf[\r\n  ".as_slice(), e("3").as_bytes(), b",\r\n  {\"name\":\"b\xff\",\"time\":\"2026-03-14T09:26:52Z\"},\r\n  \xfe{\"x\":1},\r\n  ", e("1").as_bytes(), b"\r\n]"].concat(),
        // SSE framing with a cut UTF-8 sequence at the end.
        [b"\n\n  retry: 10\r\ndata: {\"result\":".as_slice(), e("4").as_bytes(), b"}\r\n:comment\ndata:", e("2").as_bytes(), b"\ndata: {\"x\":\"\xc3"].concat(),
        // Only a field name.
        b"data:".to_vec(),
        // Blank, and nothing.
        b" \n\t\n".to_vec(),
        Vec::new(),
        // A number and a literal at the end.
        [e("1").as_bytes(), b" 12 tru"].concat(),
        // An event larger than the window first looked in, between two others.
        [e("3").as_bytes(), b"\n", e("1").replace("[]", &format!("[\"{}\"]", "z".repeat(300_000))).as_bytes(), b"\n", e("2").as_bytes()].concat(),
    ];
    for bytes in cases {
        let expected = whole::read(&bytes, "f.json");
        for (way, got) in every_way(&bytes, 1) {
            assert_eq!(got, expected, "{way}: {}", String::from_utf8_lossy(&bytes));
        }
    }
}
