//! `watch --state`: commit latency, journal size and restore speed.
//!
//! `cargo bench --bench state` first makes one timed pass: it journals
//! `RMACHECK_BENCH_MESSAGES` (default 20,000) ChirpStack v4 application `up` events of 200
//! devices in batches of 16 (as the agent does under load), reports the store's size per
//! message and per device, then reopens the store and replays the journal through a fresh
//! pipeline (a restart), reporting messages/s. The generic baseline in the same run is the
//! pipeline alone over the same messages (no store). Then criterion measures one commit of 16
//! messages (one fsync'd transaction). Under `cargo test` (no `--bench`) it only runs a small
//! smoke pass.

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use criterion::Criterion;

use rmacheck::model::RawMessage;
use rmacheck::pipeline::Pipeline;
use rmacheck::state::{Batch, COMMIT_BATCH, Meta, StateStore, encode_message};
use rmacheck::tracker::TrackerConfig;

const DEVICES: u32 = 200;

fn start() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_255_200, 0).unwrap_or_default()
}

fn uplink(i: u32) -> RawMessage {
    let dev = i % DEVICES;
    let f_cnt = i / DEVICES;
    let payload = format!(
        r#"{{"deduplicationId":"{i:08x}-0000-4000-8000-000000000000","time":"2026-11-21T09:00:10.5+00:00","deviceInfo":{{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","applicationId":"b1c2d3e4-4b5e-9f00-0123456789ab","applicationName":"rma","deviceName":"s{dev}","devEui":"70b3d57e{dev:08x}","tags":{{}}}},"devAddr":"26{dev:06x}","adr":true,"dr":5,"fCnt":{f_cnt},"fPort":2,"confirmed":false,"data":"ARc=","rxInfo":[{{"gatewayId":"0016c001f153a14c","uplinkId":{i},"rssi":-80,"snr":5.0,"context":"AAGGoA=="}}],"txInfo":{{"frequency":868100000,"modulation":{{"lora":{{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}}}}}"#
    );
    RawMessage {
        received_at: start() + Duration::seconds(i64::from(i)),
        topic: format!(
            "application/b1c2d3e4-4b5e-9f00-0123456789ab/device/70b3d57e{dev:08x}/event/up"
        ),
        payload: payload.into_bytes(),
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn timed_pass(n: u32) -> Res<()> {
    let dir = tempfile::tempdir()?;
    let msgs: Vec<RawMessage> = (0..n).map(uplink).collect();

    let t = Instant::now();
    let mut baseline = Pipeline::new(TrackerConfig::default());
    for m in &msgs {
        baseline.ingest(m);
    }
    let pipeline_s = t.elapsed().as_secs_f64();

    let (store, restored) = StateStore::open(dir.path(), || "bench".into(), start(), |_| {})?;
    let meta: Meta = restored.meta;
    let t = Instant::now();
    let mut seq = 0;
    for chunk in msgs.chunks(COMMIT_BATCH) {
        let batch =
            Batch { messages: chunk.iter().map(encode_message).collect(), verdicts: vec![] };
        seq = store.commit(seq, &batch, &meta)?;
    }
    let write_s = t.elapsed().as_secs_f64();
    drop(store);
    let size = std::fs::metadata(dir.path().join(rmacheck::state::STORE_FILE))
        .map(|m| m.len())
        .unwrap_or(0);

    let t = Instant::now();
    let mut pipeline = Pipeline::new(TrackerConfig::default());
    let (_store, restored) = StateStore::open(
        dir.path(),
        || "bench".into(),
        start(),
        |m| {
            pipeline.ingest(&m);
        },
    )?;
    let restore_s = t.elapsed().as_secs_f64();
    if restored.messages != u64::from(n) || pipeline.messages() != baseline.messages() {
        return Err(format!("replayed {} of {n} messages", restored.messages).into());
    }

    let commits = f64::from(n) / COMMIT_BATCH as f64;
    println!(
        "state: {n} messages of {DEVICES} devices; store {:.1} MiB = {:.0} B/message, {:.1} KiB/device",
        size as f64 / 1_048_576.0,
        size as f64 / f64::from(n),
        size as f64 / f64::from(DEVICES) / 1024.0
    );
    println!(
        "state: journal write {:.2} s in {commits:.0} commits of {COMMIT_BATCH} ({:.2} ms/commit, {:.0} messages/s)",
        write_s,
        write_s * 1000.0 / commits,
        f64::from(n) / write_s
    );
    println!(
        "state: restore (reopen + replay) {:.2} s = {:.0} messages/s; baseline pipeline alone {:.2} s = {:.0} messages/s",
        restore_s,
        f64::from(n) / restore_s,
        pipeline_s,
        f64::from(n) / pipeline_s
    );
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("state bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let bench = std::env::args().any(|a| a == "--bench");
    let n = std::env::var("RMACHECK_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 20_000 } else { 320 });
    timed_pass(n)?;
    if !bench {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let (store, restored) = StateStore::open(dir.path(), || "bench".into(), start(), |_| {})?;
    let batch = Batch {
        messages: (0..COMMIT_BATCH as u32).map(|i| encode_message(&uplink(i))).collect(),
        verdicts: vec![],
    };
    let mut seq = 0;
    let mut c = Criterion::default().configure_from_args().sample_size(30);
    c.bench_function("state_commit_16_messages", |b| {
        b.iter(|| {
            seq = store.commit(seq, black_box(&batch), &restored.meta).unwrap_or(seq);
        });
    });
    c.final_summary();
    Ok(())
}
