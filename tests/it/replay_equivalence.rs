//! The replay fast paths change no result: `inspect --format json` of every device is
//! byte-identical whether the capture lines are read by the fast path or the general path
//! (`serde_json::Value`), and whether the tracker follows that one device or every device.
//! Checked on every simulator scenario, the multi-device site, the capture files of the
//! repository, a generated busy-site capture (the benchmark's mix) and seeded random
//! mutations of captures (dropped, repeated, swapped and damaged lines).

#[path = "../../benches/support/mix.rs"]
mod mix;

use std::collections::BTreeSet;
use std::path::Path;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use rmacheck::capture::{format_line, parse_line, parse_line_general};
use rmacheck::model::DevEui;
use rmacheck::pipeline::{Batch, Pipeline, ingest_with};
use rmacheck::render::inspect::{self as render, InspectReport};
use rmacheck::sim::{self, Scenario, default_start};
use rmacheck::tracker::TrackerConfig;

type Reader = fn(&str) -> Result<rmacheck::model::RawMessage, rmacheck::capture::LineError>;

fn ingest(lines: &[String], read: Reader, watch: Option<DevEui>) -> Pipeline {
    let watch = watch.map(|d| BTreeSet::from([d]));
    let mut p = Pipeline::new(TrackerConfig { watch, ..TrackerConfig::default() });
    for (n, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match read(line) {
            Ok(m) => {
                p.ingest(&m);
            }
            Err(e) => p.note_unreadable_line_reason(format!("capture:{}: {e}", n + 1)),
        }
    }
    p
}

fn inspect_json(p: &Pipeline, dev: &DevEui) -> String {
    render::json(&InspectReport::of_pipeline(p.tracker().device_or_empty(dev), p))
}

/// Every device's inspect JSON agrees between the general reader tracking every device and
/// the fast reader tracking that device alone (`limit`: devices checked at most).
fn assert_equivalent(name: &str, lines: &[String], limit: usize) {
    let general = ingest(lines, parse_line_general, None);
    let devices: Vec<DevEui> = general.tracker().dev_euis().copied().collect();
    let step = devices.len().div_ceil(limit.max(1)).max(1);
    for dev in devices.iter().step_by(step) {
        let fast = ingest(lines, parse_line, Some(*dev));
        assert_eq!(
            inspect_json(&fast, dev),
            inspect_json(&general, dev),
            "{name}: inspect --format json of {dev} differs"
        );
    }
}

fn lines_of(messages: &[rmacheck::model::RawMessage]) -> Vec<String> {
    messages.iter().map(format_line).collect()
}

#[test]
fn every_scenario_and_the_site_replay_identically_on_the_fast_path() {
    for scenario in Scenario::ALL {
        let out = sim::run(scenario, 7, default_start());
        assert_equivalent(&format!("{scenario:?}"), &lines_of(&out.messages), usize::MAX);
    }
    let site = sim::site::site(7, default_start());
    assert_equivalent("site", &lines_of(&site.messages), usize::MAX);
}

#[test]
fn the_repository_captures_replay_identically_on_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        "examples/healthy.jsonl",
        "examples/wrong-appkey.jsonl",
        "tests/fixtures/frame/mosquitto-sub-j.jsonl",
        "tests/fixtures/frame/mosquitto-sub-J-tz-berlin.jsonl",
    ];
    for f in files {
        let bytes = std::fs::read(root.join(f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        assert_equivalent(f, &lines, usize::MAX);
    }
}

#[test]
fn a_busy_site_capture_replays_identically_on_the_fast_path() {
    let lines: Vec<String> = mix::Mix::site(400, 12).take(6_000).map(|m| format_line(&m)).collect();
    assert_equivalent("generated mix", &lines, 12);
}

/// A random mutation of a capture: lines dropped, repeated, swapped with their neighbour, cut
/// short or with a byte changed.
fn mutate(lines: &[String], rng: &mut StdRng) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        match rng.gen_range(0..40) {
            0 => {}
            1 => {
                out.push(line.clone());
                out.push(line.clone());
            }
            2 => {
                let cut = rng.gen_range(0..line.len().max(1));
                out.push(String::from_utf8_lossy(&line.as_bytes()[..cut]).into_owned());
            }
            3 => {
                let mut b = line.clone().into_bytes();
                let i = rng.gen_range(0..b.len().max(1));
                if let Some(x) = b.get_mut(i) {
                    *x = b"{}\",:0Aa/ "[rng.gen_range(0..10)];
                }
                out.push(String::from_utf8_lossy(&b).into_owned());
            }
            4 if !out.is_empty() => {
                let last = out.len() - 1;
                out.insert(last, line.clone());
            }
            _ => out.push(line.clone()),
        }
    }
    out
}

#[test]
fn random_captures_replay_identically_on_the_fast_path() {
    let mut rng = StdRng::seed_from_u64(0x005e_ed12);
    let bases = [
        lines_of(&sim::site::site(3, default_start()).messages),
        lines_of(&sim::run(Scenario::FcntReset, 3, default_start()).messages),
        mix::Mix::site(60, 5).take(1_500).map(|m| format_line(&m)).collect(),
    ];
    for case in 0..12 {
        let base = &bases[case % bases.len()];
        let lines = mutate(base, &mut rng);
        assert_equivalent(&format!("random case {case}"), &lines, 6);
    }
}

/// Every item a capture reader gives (messages and errors with their line numbers), on `threads`.
fn read_all(text: &[u8], threads: usize) -> Vec<String> {
    let input = std::io::Cursor::new(text.to_vec());
    rmacheck::capture::CaptureReader::with_limits(input, "site.jsonl", 4096, 1 << 20)
        .threads(threads)
        .map(|item| match item {
            Ok(m) => format!("{m:?}"),
            Err(bad) => format!("{bad}"),
        })
        .collect()
}

#[test]
fn a_capture_read_on_several_threads_gives_the_same_messages_errors_and_line_numbers() {
    let mut rng = StdRng::seed_from_u64(0x7417);
    let base: Vec<String> = mix::Mix::site(200, 8).take(20_000).map(|m| format_line(&m)).collect();
    let mut lines = mutate(&base, &mut rng);
    lines.insert(100, String::new());
    // Blank lines in a row filling whole read-ahead batches (mosquitto_sub -F %J writes one
    // per binary payload): reading goes on after them.
    lines.insert(9_000, "x".repeat(10_000));
    lines.splice(200..200, std::iter::repeat_n(String::new(), 17_000));
    let mut text = lines.join("\n").into_bytes();
    text.extend_from_slice(b"\n\xff\xfe not text\n");
    text.extend_from_slice(&base[0].clone().into_bytes());
    let one = read_all(&text, 1);
    assert!(one.len() > 19_000, "{} items", one.len());
    assert!(one.iter().any(|i| i.contains("longer than 4096 bytes")), "an over-long line");
    assert!(one.iter().any(|i| i.contains("not UTF-8")), "a line that is not text");
    for threads in [2, 3, 8] {
        assert_eq!(read_all(&text, threads), one, "{threads} threads");
    }
}

#[test]
fn inspect_and_fleet_print_the_same_for_any_number_of_threads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let capture = root.join("examples/wrong-appkey.jsonl");
    let run = |args: &[&str], threads: &str| {
        let out = assert_cmd::Command::cargo_bin("rmacheck")
            .unwrap()
            .arg(args[0])
            .arg(&capture)
            .args(&args[1..])
            .args(["--threads", threads])
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let commands: [&[&str]; 3] = [
        &["inspect", "--dev-eui", "70b3d57ed0000001", "--format", "json"],
        &["diagnose", "--dev-eui", "70b3d57ed0000001", "--format", "json"],
        &["fleet", "--format", "json"],
    ];
    for args in commands {
        let one = run(args, "1");
        assert!(one.contains("70b3d57ed0000001"), "{args:?}: {one}");
        assert_eq!(run(args, "4"), one, "{args:?}");
    }
}

/// The lines read on the fast path and ingested one by one, unreadable lines among them (the
/// reference the batched paths must equal).
fn ingest_one_by_one(lines: &[String]) -> Pipeline {
    let mut p = Pipeline::new(TrackerConfig::default());
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        match parse_line(line) {
            Ok(m) => {
                p.ingest(&m);
            }
            Err(e) => p.note_unreadable_line_message(e.message().clone()),
        }
    }
    p
}

/// The same lines given to [`ingest_with`] (as the commands read captures: with several
/// threads, batches are ingested on another thread while the next ones are prepared), with
/// the indices `each` was given.
fn ingest_fed(lines: &[String], threads: usize, size: usize) -> (Pipeline, Vec<u64>) {
    let mut p = Pipeline::new(TrackerConfig::default());
    let mut indices = Vec::new();
    ingest_with(
        &mut p,
        Batch::new(threads).size(size),
        |i| indices.push(i),
        |feed| {
            for line in lines.iter().filter(|l| !l.trim().is_empty()) {
                match parse_line(line) {
                    Ok(m) => feed.push(m),
                    Err(e) => feed.push_unreadable(e.message().clone()),
                }
            }
        },
    );
    (p, indices)
}

#[test]
fn messages_decoded_in_batches_on_several_threads_give_the_same_result_as_one_by_one() {
    let mut rng = StdRng::seed_from_u64(0x0ba7_c4e5);
    let bases = [
        lines_of(&sim::site::site(3, default_start()).messages),
        mix::Mix::site(60, 5).take(1_500).map(|m| format_line(&m)).collect(),
    ];
    for case in 0..6 {
        let lines = mutate(&bases[case % bases.len()], &mut rng);
        let one = ingest_one_by_one(&lines);
        assert!(one.unreadable_lines() > 0, "case {case}: the mutations left no unreadable line");
        let devices: Vec<DevEui> = one.tracker().dev_euis().copied().collect();
        for (threads, size) in [(1, 1), (2, 1), (3, 7), (2, 2048)] {
            let (many, indices) = ingest_fed(&lines, threads, size);
            let all: Vec<u64> = (0..one.messages()).collect();
            assert_eq!(indices, all, "case {case}, {threads}/{size}: every index once, in order");
            assert_eq!(many.duplicates(), one.duplicates(), "case {case}, {threads}/{size}");
            assert_eq!(many.unreadable_lines(), one.unreadable_lines(), "case {case}, {threads}");
            assert_eq!(many.malformed(), one.malformed(), "case {case}, {threads}/{size}");
            for dev in devices.iter().step_by(devices.len().div_ceil(8).max(1)) {
                assert_eq!(
                    inspect_json(&many, dev),
                    inspect_json(&one, dev),
                    "case {case}: {dev} on {threads} threads in batches of {size}"
                );
            }
        }
    }
}
