//! Entry points of the fuzz harness (`fuzz/`, cargo-fuzz / libFuzzer) and of the bounded
//! property run in the test suite (`tests/it/fuzz_props.rs`): one function per untrusted input,
//! each taking arbitrary bytes. The property is the same everywhere: no panic, no hang, memory
//! bounded by the input, and every error is a value.
//!
//! Not part of the stable interface.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::capture::{CaptureReader, parse_line};
use crate::frame::keys::KeyStore;
use crate::model::{AesKey, DevEui, RawMessage};
use crate::pipeline::Pipeline;
use crate::tracker::TrackerConfig;

/// The topics the adapter target chooses from (first input byte): one per adapter and event.
pub const TOPICS: [&str; 16] = [
    "eu868/gateway/0016c001f153a14c/event/up",
    "gateway/0016c001f153a14c/event/up",
    "eu868/gateway/0016c001f153a14c/event/ack",
    "eu868/gateway/0016c001f153a14c/event/stats",
    "eu868/gateway/0016c001f153a14c/command/down",
    "eu868/gateway/0016c001f153a14c/state/conn",
    "application/52f14cd4-c6f1-4fbd-8f87-4025e1d49242/device/0203040502030405/event/up",
    "application/52f14cd4-c6f1-4fbd-8f87-4025e1d49242/device/0203040502030405/event/join",
    "application/52f14cd4-c6f1-4fbd-8f87-4025e1d49242/device/0203040502030405/event/log",
    "application/52f14cd4-c6f1-4fbd-8f87-4025e1d49242/device/0203040502030405/event/txack",
    "application/1/device/0203040502030405/event/up",
    "application/1/device/0203040502030405/event/error",
    "v3/app@ttn/devices/dev-1/up",
    "v3/app@ttn/devices/dev-1/join",
    "v3/app@ttn/devices/dev-1/down/failed",
    "$rmacheck/not-observed",
];

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_255_200, 0).unwrap_or_default()
}

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// One message through the adapters and the tracker: the first byte picks the topic.
pub fn adapter(data: &[u8]) {
    let Some((sel, payload)) = data.split_first() else { return };
    let topic = TOPICS[usize::from(*sel) % TOPICS.len()];
    let _ = crate::adapters::decode(topic, payload, at());
    let mut p = Pipeline::new(TrackerConfig::default());
    let raw = RawMessage { received_at: at(), topic: topic.to_string(), payload: payload.to_vec() };
    p.ingest(&raw);
    p.ingest(&raw);
    for eui in p.tracker().dev_euis().copied().collect::<Vec<_>>() {
        let _ = p.tracker().device(&eui);
    }
}

/// The LoRaWAN frame decoder and the MIC / decryption paths with a fixed key.
pub fn frame(data: &[u8]) {
    let key = AesKey([0x2b; 16]);
    let _ = crate::frame::parse(data);
    let _ = crate::frame::join_request_mic(data, &key);
    let _ = crate::frame::decrypt_join_accept(data, &key);
    let _ = crate::frame::data_mic(data, &key, 7);
}

/// Capture bytes: the line reader (small limits, so that the limit paths are reached) and a
/// whole pipeline over what it reads, with a diagnosis of every device seen.
pub fn capture(data: &[u8]) {
    let reader = CaptureReader::with_limits(data, "fuzz.jsonl", 4096, 8192);
    let mut p = Pipeline::new(TrackerConfig::default());
    for item in reader {
        match item {
            Ok(m) => {
                p.ingest(&m);
            }
            Err(_) => p.note_unreadable_line(),
        }
    }
    if let Some(s) = text(data) {
        let _ = parse_line(s);
    }
    diagnose_every_device(&p);
}

/// A The Things Stack events file (console export, `ttn-lw-cli` output, Events API stream)
/// through the pipeline, with a diagnosis of every device seen. An input of even length is
/// read as a file's text is (when it is UTF-8), one of odd length as standard input is
/// (normalised into a temporary file first): one path a run keeps the runs quick.
pub fn tts_events(data: &[u8]) {
    use crate::capture::tts_events::{Events, is_event_file, read};
    let mut p = Pipeline::new(TrackerConfig::default());
    let items: Vec<_> = if data.len() % 2 == 0 {
        let Some(s) = text(data) else { return };
        let _ = is_event_file(s.lines().next().unwrap_or_default());
        read(s, "fuzz.json")
    } else {
        let stdin = Box::new(std::io::Cursor::new(data.to_vec()));
        Events::new(Vec::new(), stdin, None, "fuzz.json").collect()
    };
    for item in items {
        match item {
            Ok(m) => {
                p.ingest(&m);
            }
            Err(_) => p.note_unreadable_line(),
        }
    }
    diagnose_every_device(&p);
}

fn diagnose_every_device(p: &Pipeline) {
    let window = p.window();
    let devices: Vec<DevEui> = p.tracker().dev_euis().copied().collect();
    for eui in devices {
        let record = p.tracker().device(&eui);
        if let Some(w) = window {
            let opts = crate::diagnosis::DiagnoseOptions::new(w);
            let _ = crate::diagnosis::diagnose(eui, record.as_ref(), &opts);
        }
    }
}

/// A keys file (`--keys`).
pub fn keys_toml(data: &[u8]) {
    if let Some(s) = text(data) {
        let _ = KeyStore::from_toml_str(s, "fuzz.toml");
    }
}

/// An RMA file (`report --rma`).
pub fn rma_toml(data: &[u8]) {
    if let Some(s) = text(data) {
        let _ = crate::report::rma::parse(s, "fuzz.toml", DevEui::default());
    }
}

/// An allowed_signers file, and a lookup in it.
pub fn allowed_signers(data: &[u8]) {
    if let Some(s) = text(data) {
        let signers = crate::signing::AllowedSigners::parse(s, &Utc);
        let _ = signers.entries().len() + signers.problems().len();
    }
}

/// An SSHSIG armour over a fixed message.
pub fn sshsig(data: &[u8]) {
    let _ = crate::signing::verify(data, b"{\"schema\":\"rmacheck.report.v1\"}");
}

/// A report bundle: the input is split at `\0\0` into file contents for report.json,
/// report.json.sig, evidence.jsonl, report.md, report.html and allowed_signers.
pub fn bundle(data: &[u8]) {
    const NAMES: [&str; 6] = [
        "report.json",
        "report.json.sig",
        "evidence.jsonl",
        "report.md",
        "report.html",
        "allowed_signers",
    ];
    let mut files = BTreeMap::new();
    let mut rest = data;
    for name in NAMES {
        let end = rest.windows(2).position(|w| w == [0, 0]).unwrap_or(rest.len());
        files.insert(name.to_string(), rest[..end].to_vec());
        rest = rest.get(end + 2..).unwrap_or_default();
    }
    let signers = crate::signing::AllowedSigners::parse(
        text(files.get("allowed_signers").map_or(&[][..], Vec::as_slice)).unwrap_or_default(),
        &Utc,
    );
    // Loaded once: parsing the shipped profiles would otherwise dominate every run.
    static PROFILES: std::sync::OnceLock<Option<crate::profiles::Registry>> =
        std::sync::OnceLock::new();
    let Some(profiles) = PROFILES.get_or_init(|| crate::profiles::Registry::shipped().ok()) else {
        return;
    };
    let req = crate::report::verify::VerifyRequest {
        files: &files,
        allowed_signers: Some(&signers),
        principal: None,
        now: at(),
        keys: None,
        profiles,
    };
    let _ = crate::report::verify::verify(&req);
}

/// A fuzz target: arbitrary bytes in, nothing out.
pub type Target = fn(&[u8]);

/// Every target by name (for the property run and `fuzz/`).
pub const ALL: [(&str, Target); 9] = [
    ("adapter", adapter),
    ("frame", frame),
    ("capture", capture),
    ("tts_events", tts_events),
    ("keys_toml", keys_toml),
    ("rma_toml", rma_toml),
    ("allowed_signers", allowed_signers),
    ("sshsig", sshsig),
    ("bundle", bundle),
];
