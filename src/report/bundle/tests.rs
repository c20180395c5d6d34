//! The report holds no message of the captures: `evidence.jsonl` goes straight to its writer,
//! and what stays in memory (the timeline, the charts' points, the renderings) is bounded by
//! the tracker's limits, however much the device sends.

use std::io::Write;

use chrono::{DateTime, Duration, Utc};

use super::{Bundle, ReportRequest, build, make};
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, Lang, RawMessage};
use crate::report::evidence::{CaptureItem, CaptureSource, EvidenceError};
use crate::report::model::CaptureFileInfo;
use crate::report::rma::{self, LoadedRma};
use crate::tracker::LIMITS;

const DEV: &str = "70b3d57ed0000001";

fn dev() -> DevEui {
    DEV.parse().unwrap()
}

/// Application `up` events of one device, one a minute, made anew on every pass (never held).
#[derive(Debug)]
struct Generated {
    messages: u64,
}

impl Generated {
    fn message(i: u64) -> RawMessage {
        let t0 = DateTime::<Utc>::from_timestamp(1_795_770_000, 0).unwrap();
        let at = t0 + Duration::seconds(i64::try_from(i).unwrap() * 60);
        let time = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let payload = format!(
            r#"{{"deduplicationId":"3ac7e3c4-4401-4b8d-9386-{i:012x}","time":"{time}","deviceInfo":{{"devEui":"{DEV}"}},"devAddr":"26000001","fCnt":{i},"fPort":1,"data":"AQIDBA==","rxInfo":[{{"gatewayId":"0016c001f1000001","rssi":-80,"snr":5.5}}],"txInfo":{{"frequency":868100000,"modulation":{{"lora":{{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}}}}}"#
        );
        RawMessage {
            received_at: at,
            topic: format!("application/site/device/{DEV}/event/up"),
            payload: payload.into_bytes(),
        }
    }
}

impl CaptureSource for Generated {
    fn pass(
        &self,
        f: &mut dyn FnMut(CaptureItem<'_>),
    ) -> Result<Vec<CaptureFileInfo>, EvidenceError> {
        for i in 0..self.messages {
            f(CaptureItem::Message(&Self::message(i)));
        }
        Ok(vec![CaptureFileInfo {
            name: "generated.jsonl".into(),
            messages: self.messages,
            unreadable_lines: 0,
        }])
    }
}

/// Counts what is written to it and keeps nothing.
#[derive(Debug, Default)]
struct Counted {
    bytes: u64,
    lines: u64,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        self.lines += buf.iter().filter(|b| **b == b'\n').count() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn loaded_rma() -> LoadedRma {
    let text = include_str!("../../../examples/rma.toml");
    let (rma, _) = rma::parse(text, "rma.toml", dev()).unwrap();
    LoadedRma { rma, photos: Vec::new(), attachments: Vec::new() }
}

fn request<'a>(
    captures: &'a dyn CaptureSource,
    keys: &'a KeyStore,
    rma: &'a LoadedRma,
    key: &'a ssh_key::PrivateKey,
) -> ReportRequest<'a> {
    ReportRequest {
        captures,
        dev_eui: dev(),
        reference_dev_eui: None,
        keys,
        keys_supplied: false,
        profile: None,
        rma,
        lang: Lang::En,
        generated_at: DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap(),
        signing_key: key,
    }
}

/// The bundle of `messages` generated messages, and what went to `evidence.jsonl`.
fn report(messages: u64) -> (Bundle, Counted) {
    let (keys, rma) = (KeyStore::new(), loaded_rma());
    let key = crate::signing::keys::generate("test").unwrap();
    let mut evidence = Counted::default();
    let captures = Generated { messages };
    let bundle = build(&request(&captures, &keys, &rma, &key), &mut evidence).unwrap();
    (bundle, evidence)
}

fn held(b: &Bundle) -> usize {
    b.files.values().map(Vec::len).sum()
}

#[test]
fn four_times_the_device_s_messages_leave_what_the_report_holds_the_same_size() {
    let (small, small_evidence) = report(5_000);
    let (large, large_evidence) = report(20_000);
    // Every message is the device's and went to evidence.jsonl...
    assert_eq!((small.doc.evidence.messages, small_evidence.lines), (5_000, 5_000));
    assert_eq!((large.doc.evidence.messages, large_evidence.lines), (20_000, 20_000));
    assert_eq!(large.doc.diagnosis.stats.uplinks, 20_000);
    assert!(large_evidence.bytes > 3 * small_evidence.bytes);
    // ...but none of it stays in the bundle, whose timeline keeps the latest entries.
    assert!(!large.files.contains_key("evidence.jsonl"));
    assert!(large.names().contains(&"evidence.jsonl".to_string()));
    for b in [&small, &large] {
        assert_eq!(b.doc.diagnosis.timeline.len(), LIMITS.timeline);
    }
    assert_eq!(large.doc.diagnosis.timeline.last().map(|e| e.index), Some(19_999));
    assert!(
        held(&large) < held(&small) * 21 / 20,
        "the bundle grew from {} to {} bytes with the device's messages",
        held(&small),
        held(&large)
    );
}

#[test]
fn a_report_at_the_timeline_limit_says_it_shows_only_the_latest_events() {
    let (bundle, _) = report(u64::try_from(LIMITS.timeline).unwrap() + 10);
    let note = format!("show only the device's latest {} events", LIMITS.timeline);
    let html = String::from_utf8_lossy(&bundle.files["report.html"]).into_owned();
    // Above the charts and under the timeline.
    assert_eq!(html.matches(&crate::report::charts::escape(&note)).count(), 2, "report.html");
    let markdown = String::from_utf8_lossy(&bundle.files["report.md"]).into_owned();
    assert!(markdown.contains(&note), "report.md lacks the note");
    let (short, _) = report(100);
    assert!(!String::from_utf8_lossy(&short.files["report.html"]).contains("show only the device"));
}

#[test]
fn a_report_that_fails_leaves_no_evidence_and_no_directory_behind() {
    let (keys, rma) = (KeyStore::new(), loaded_rma());
    let key = crate::signing::keys::generate("test").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bundle");
    let captures = Generated { messages: 0 };
    let made = make(&out, &request(&captures, &keys, &rma, &key));
    assert!(matches!(made, Err(super::BundleError::Evidence(EvidenceError::Empty))), "{made:?}");
    assert!(!out.exists());
}
