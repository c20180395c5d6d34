//! Writes a large The Things Stack event file: the simulated healthy device's traffic told as
//! The Things Stack events (as the tests convert it), repeated day after day.
//!
//! `cargo run --release --example gen_tts_events -- OUT.json [EVENTS [SHAPE]]` (default
//! 1,000,000 events). `SHAPE` is `console` (the console's *Export as JSON*: one array, newest
//! first, 2-space indent; the default) or `api` (the Events API stream: one `{"result": …}`
//! per line, in time order). Used to measure `rmacheck report`'s peak memory on event files
//! (CONTRIBUTING.md, "Peak memory of report"); it prints the device's DevEUI.

#[path = "../tests/it/tts/convert.rs"]
#[allow(dead_code)]
mod convert;

use std::io::Write as _;
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use rmacheck::sim::{self, Scenario, default_start};
use serde_json::{Value, json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, n, console) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = std::fs::File::create(out).map(std::io::BufWriter::new).and_then(|mut w| {
        write_events(&mut w, n, console)?;
        w.flush()
    });
    if let Err(e) = result {
        eprintln!("cannot write {out}: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The output file, the number of events and whether the shape is the console's.
fn parse(args: &[String]) -> Result<(&str, usize, bool), String> {
    let [out, rest @ ..] = args else {
        return Err("usage: gen_tts_events OUT.json [EVENTS [console|api]]".into());
    };
    let n = match rest.first() {
        None => 1_000_000,
        Some(a) => a.parse().map_err(|e| format!("EVENTS must be a number: {e}"))?,
    };
    let console = match rest.get(1).map(String::as_str) {
        None | Some("console") => true,
        Some("api") => false,
        Some(other) => return Err(format!("SHAPE must be console or api, not {other}")),
    };
    Ok((out, n, console))
}

/// The day's events, in time order.
fn day() -> Vec<convert::TtsEvent> {
    let out = sim::run(Scenario::Healthy, 7, default_start());
    eprintln!("the device: {}", out.dev_eui);
    let mut events = convert::Converter::new(None).run(&out.messages);
    events.sort_by_key(|e| e.at);
    events
}

/// `event` moved `days` later: its `time`, and its `unique_id` and correlation ids made its
/// own (else the repeats would be taken for copies); what it carries inside stays.
fn shifted(event: &convert::TtsEvent, days: i64) -> Value {
    let at: DateTime<Utc> = event.at + TimeDelta::days(days);
    let mut e = event.event.clone();
    e["time"] = json!(at.to_rfc3339_opts(SecondsFormat::Nanos, true));
    if let Some(Value::String(id)) = e.get_mut("unique_id") {
        id.push_str(&format!("-{days}"));
    }
    if let Some(Value::Array(ids)) = e.get_mut("correlation_ids") {
        for id in ids.iter_mut() {
            if let Value::String(id) = id {
                id.push_str(&format!("-{days}"));
            }
        }
    }
    e
}

fn write_events(w: &mut impl std::io::Write, n: usize, console: bool) -> std::io::Result<()> {
    let day = day();
    if day.is_empty() {
        return Ok(());
    }
    // Event k of the file, in time order.
    let event = |k: usize| shifted(&day[k % day.len()], (k / day.len()) as i64);
    if !console {
        for k in 0..n {
            writeln!(w, "{}", json!({"result": event(k)}))?;
        }
        return Ok(());
    }
    writeln!(w, "[")?;
    for k in (0..n).rev() {
        let text = serde_json::to_string_pretty(&event(k)).unwrap_or_default();
        let sep = if k > 0 { "," } else { "" };
        writeln!(w, "  {}{sep}", text.replace('\n', "\n  "))?;
    }
    writeln!(w, "]")
}
