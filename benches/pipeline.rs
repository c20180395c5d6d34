//! Replay speed against a generic JSON parse of the same capture, measured in one run.
//!
//! `cargo bench --bench pipeline` writes (once, into Cargo's target tmp directory) a capture
//! of `RMACHECK_BENCH_MESSAGES` messages (default 300,000) in the mix of a busy site (see
//! `support/mix.rs`: gateway JSON 45 %, gateway Protobuf 20 %, application JSON 30 %, joins
//! 5 %; 100,000 devices, 50 gateways) and times four passes over that file, each on one
//! thread:
//!
//! - `generic`: every line parsed into a `serde_json::Value`, its `payload_b64` decoded, and a
//!   JSON payload parsed into a `Value` again: no LoRaWAN decoding, no tracking (the ceiling
//!   the replay is compared with);
//! - `inspect`: what `rmacheck inspect --dev-eui … --format json` does (capture reader,
//!   adapters, tracker watching one device, the JSON report);
//! - `fleet`: the capture read and every device tracked (what `rmacheck fleet` does before
//!   diagnosing);
//! - `decode`: the capture read and every message decoded by its adapter, nothing else: the
//!   floor of any replay that keeps every result (the malformed counts need every message
//!   decoded).
//!
//! Each pass runs `RMACHECK_BENCH_ROUNDS` times (default 2); the best round counts. Rates are
//! given per second of the thread's CPU time (from the scheduler, so other processes' load
//! does not count) and per wall-clock second, with the ratio of each pass to `generic`.
//! Criterion then measures the same three on a 20,000-message slice in memory. Under `cargo
//! test --benches` (no `--bench`) only a 10,000-message smoke pass runs.

// A bench harness: a failure to write or read its own generated capture ends the run.
#![allow(clippy::expect_used)]

#[path = "support/mix.rs"]
mod mix;

use std::collections::BTreeSet;
use std::hint::black_box;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use criterion::{Criterion, Throughput};
use serde_json::Value;

use rmacheck::model::DevEui;
use rmacheck::pipeline::{Batch, Pipeline, ingest_with};
use rmacheck::render::inspect::{self as render, InspectReport};
use rmacheck::tracker::TrackerConfig;

/// The binary's allocator, so that the passes allocate as the commands do.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The device `inspect` follows (heard in every round of the capture).
const WATCHED: u32 = 4242;

/// CPU time this thread has run, from the scheduler.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next().and_then(|n| n.parse().ok()))
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The capture of `n` messages, written once.
fn capture_file(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("rmacheck-mix-{n}.jsonl"));
    if !path.exists() {
        let part = dir.join(format!("rmacheck-mix-{n}.jsonl.part"));
        let file = std::fs::File::create(&part).expect("create the capture");
        let mut out = std::io::BufWriter::new(file);
        mix::write_capture(mix::Mix::new(), n, &mut out).expect("write the capture");
        drop(out);
        std::fs::rename(&part, &path).expect("rename the capture");
    }
    path
}

fn watched() -> DevEui {
    format!("{:016x}", mix::dev_eui(WATCHED)).parse().expect("a DevEUI")
}

/// The generic pass over one line; returns the payload length (kept alive).
fn generic_line(line: &[u8]) -> usize {
    let Ok(v) = serde_json::from_slice::<Value>(line) else { return 0 };
    let Some(b64) = v.get("payload_b64").and_then(Value::as_str) else { return 0 };
    let Ok(payload) = base64::engine::general_purpose::STANDARD.decode(b64) else { return 0 };
    if payload.first() == Some(&b'{') {
        black_box(serde_json::from_slice::<Value>(&payload).ok());
    }
    black_box(v);
    payload.len()
}

fn generic_file(path: &Path) -> u64 {
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path).expect("open"));
    let mut line = Vec::new();
    let mut n = 0;
    while reader.read_until(b'\n', &mut line).expect("read") > 0 {
        black_box(generic_line(&line));
        line.clear();
        n += 1;
    }
    n
}

/// The capture through the pipeline as the commands read it: lines parsed and messages
/// decoded on `threads` threads, tracked in order.
fn ingest_file(path: &Path, config: TrackerConfig, threads: usize) -> Pipeline {
    let mut pipeline = Pipeline::new(config);
    ingest_with(
        &mut pipeline,
        Batch::new(threads),
        |_| {},
        |feed| {
            for item in rmacheck::capture::open(path).expect("open").threads(threads) {
                match item {
                    Ok(m) => feed.push(m),
                    Err(bad) => feed.push_unreadable(bad.reason(&bad.file)),
                }
            }
        },
    );
    pipeline
}

/// Every line read and every message decoded by its adapter, nothing else (no identity, no
/// tracking): what any replay that keeps every result (malformed counts included) pays for
/// each message before it can skip anything. Returns the messages decoded into events.
fn decode_file(path: &Path) -> usize {
    let mut n = 0;
    for m in rmacheck::capture::open(path).expect("open").threads(1).flatten() {
        let decoded = rmacheck::adapters::decode(&m.topic, &m.payload, m.received_at);
        n += usize::from(matches!(decoded, rmacheck::adapters::Decoded::Events { .. }));
        black_box(decoded);
    }
    n
}

/// `inspect --format json` of the watched device.
fn inspect_json(pipeline: &Pipeline) -> String {
    let dev = watched();
    render::json(&InspectReport::of_pipeline(pipeline.tracker().device_or_empty(&dev), pipeline))
}

fn inspect_config() -> TrackerConfig {
    TrackerConfig { watch: Some(BTreeSet::from([watched()])), ..TrackerConfig::default() }
}

/// Best (CPU, wall) time of `rounds` runs of `f`.
fn best_of(rounds: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds.max(1) {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        f();
        let (cpu, wall) = (thread_cpu().saturating_sub(cpu), wall.elapsed());
        best = (best.0.min(cpu), best.1.min(wall));
    }
    best
}

/// A named pass over the capture.
type Pass<'a> = (&'static str, Box<dyn FnMut() + 'a>);

fn timed_passes(n: usize, rounds: usize) {
    let path = capture_file(n);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "capture: {n} messages, {:.0} MB, {} devices, {} gateways ({})",
        size as f64 / 1e6,
        mix::DEVICES,
        mix::GATEWAYS,
        path.display()
    );
    println!("load average before: {}", load_average());
    let mut devices = 0;
    let passes: [Pass<'_>; 4] = [
        (
            "generic",
            Box::new(|| {
                black_box(generic_file(&path));
            }),
        ),
        (
            "inspect",
            Box::new(|| {
                let p = ingest_file(&path, inspect_config(), 1);
                black_box(inspect_json(&p));
            }),
        ),
        (
            "fleet",
            Box::new(|| {
                let p = ingest_file(&path, TrackerConfig::default(), 1);
                devices = p.tracker().dev_euis().count();
                black_box(p);
            }),
        ),
        (
            "decode",
            Box::new(|| {
                black_box(decode_file(&path));
            }),
        ),
    ];
    let mut base = None;
    let mut one_thread = Vec::new();
    for (name, mut f) in passes {
        let (cpu, wall) = best_of(rounds, &mut f);
        let (cpu_rate, wall_rate) = (n as f64 / cpu.as_secs_f64(), n as f64 / wall.as_secs_f64());
        let (b_cpu, b_wall) = *base.get_or_insert((cpu_rate, wall_rate));
        one_thread.push(wall_rate);
        println!(
            "{name:>8}: {:>9.0} msg/s per CPU-second ({:>5.2}x generic), {:>9.0} msg/s wall ({:>5.2}x)",
            cpu_rate,
            cpu_rate / b_cpu,
            wall_rate,
            wall_rate / b_wall,
        );
    }
    println!("fleet tracked {devices} devices");
    // The same two passes on two threads: wall-clock rates against the one-thread passes
    // (CPU time no longer measures them; compare on an otherwise idle machine).
    let two: [(&str, TrackerConfig, f64); 2] = [
        ("inspect", inspect_config(), one_thread.get(1).copied().unwrap_or(f64::NAN)),
        ("fleet", TrackerConfig::default(), one_thread.get(2).copied().unwrap_or(f64::NAN)),
    ];
    for (name, config, one) in two {
        let (_, wall) = best_of(rounds, || {
            black_box(ingest_file(&path, config.clone(), 2));
        });
        let rate = n as f64 / wall.as_secs_f64();
        println!(
            "{name:>8} on 2 threads: {rate:>9.0} msg/s wall ({:>5.2}x its one-thread wall rate)",
            rate / one
        );
    }
    println!("load average after: {}", load_average());
    if let Some(kib) = peak_rss_kib() {
        println!("peak resident memory of the bench (VmHWM): {:.1} MiB", kib as f64 / 1024.0);
    }
}

fn criterion_slice() {
    let lines: Vec<String> =
        mix::Mix::new().take(20_000).map(|m| rmacheck::capture::format_line(&m)).collect();
    let ingest = |config: TrackerConfig| {
        let mut p = Pipeline::new(config);
        for l in &lines {
            if let Ok(m) = rmacheck::capture::parse_line(l) {
                p.ingest(&m);
            }
        }
        p
    };
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let mut group = c.benchmark_group("replay_20k_messages");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("generic", |b| {
        b.iter(|| lines.iter().map(|l| generic_line(l.as_bytes())).sum::<usize>());
    });
    group.bench_function("inspect", |b| {
        b.iter(|| inspect_json(&ingest(inspect_config())));
    });
    group.bench_function("fleet", |b| b.iter(|| ingest(TrackerConfig::default())));
    group.finish();
    c.final_summary();
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
    let n = env("RMACHECK_BENCH_MESSAGES").unwrap_or(if bench { 300_000 } else { 10_000 });
    let rounds = env("RMACHECK_BENCH_ROUNDS").unwrap_or(if bench { 2 } else { 1 });
    timed_passes(n, rounds);
    if bench {
        criterion_slice();
    }
}
