//! Evidence: the device's messages cut out of the input captures, and the diagnosis computed
//! from exactly those messages.
//!
//! - Only messages the tracker attributes to the device (its `DeviceRecord.evidence`), plus the
//!   reference device's when one is named, go into `evidence.jsonl` — never other devices'.
//! - The diagnosis is computed by re-reading the written `evidence.jsonl` bytes, so message
//!   indices in it refer to `evidence.jsonl` positions and `verify` reproduces it exactly from
//!   the bundle. The observation window comes from the full input and is passed in explicitly.

use std::collections::{BTreeMap, BTreeSet};

use crate::capture::{CaptureReader, CaptureWriter};
use crate::diagnosis::{self, DiagnoseOptions, Diagnosis};
use crate::frame::MicStatus;
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, JoinEui, Lang, RawMessage};
use crate::pipeline::Pipeline;
use crate::profiles::Profile;
use crate::tracker::{TrackerConfig, Window};

use super::model::{CaptureFileInfo, CaptureInfo};

/// One input capture, already read.
#[derive(Debug, Clone, Default)]
pub struct CaptureInput {
    /// File name for the report (no directories).
    pub name: String,
    /// Its readable messages, in file order.
    pub messages: Vec<RawMessage>,
    /// Lines that could not be read.
    pub unreadable_lines: u64,
    /// A The Things Stack event file: all inputs are then taken in time order.
    pub time_ordered: bool,
}

/// The evidence cut out of the captures.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// `evidence.jsonl` bytes.
    pub jsonl: Vec<u8>,
    /// The messages as read back from those bytes.
    pub messages: Vec<RawMessage>,
    /// Messages that concern the device.
    pub device_messages: u64,
    /// Messages that concern only the reference device.
    pub reference_messages: u64,
    /// Window of the full input (first to last message).
    pub window: Window,
    /// Input statistics.
    pub capture: CaptureInfo,
    /// Whether the reference device was heard at all.
    pub reference_heard: bool,
}

/// Why evidence could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    /// No message at all.
    #[error(
        "the captures contain no readable message: record one with `rmacheck watch --record \
         FILE.jsonl` (or mosquitto_sub -F %j) and pass it"
    )]
    Empty,
    /// The written evidence did not read back.
    #[error("evidence.jsonl line {line} cannot be read: {message}")]
    Unreadable {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Writing into memory failed (not expected).
    #[error("cannot encode evidence.jsonl: {0}")]
    Encode(String),
}

fn tracker_config(keys: &KeyStore, dev_eui: DevEui, reference: Option<DevEui>) -> TrackerConfig {
    let mut watch = BTreeSet::from([dev_eui]);
    watch.extend(reference);
    TrackerConfig { keys: keys.clone(), watch: Some(watch) }
}

/// Cuts the device's (and the reference device's) messages out of the captures.
///
/// # Errors
/// [`EvidenceError::Empty`] when the captures hold no message.
pub fn extract(
    captures: &[CaptureInput],
    dev_eui: DevEui,
    reference: Option<DevEui>,
    keys: &KeyStore,
) -> Result<Evidence, EvidenceError> {
    let mut pipeline = Pipeline::new(tracker_config(keys, dev_eui, reference));
    let mut all: Vec<&RawMessage> = Vec::new();
    let mut files = Vec::new();
    for c in captures {
        for _ in 0..c.unreadable_lines {
            pipeline.note_unreadable_line();
        }
        all.extend(&c.messages);
        files.push(CaptureFileInfo {
            name: c.name.clone(),
            messages: c.messages.len() as u64,
            unreadable_lines: c.unreadable_lines,
        });
    }
    if captures.iter().any(|c| c.time_ordered) {
        all.sort_by_key(|m| m.received_at);
    }
    for m in &all {
        pipeline.ingest(m);
    }
    let window = pipeline.window().ok_or(EvidenceError::Empty)?;
    let tracker = pipeline.tracker();
    let device: BTreeSet<u64> = tracker.device_or_empty(&dev_eui).evidence;
    let reference_set: BTreeSet<u64> =
        reference.and_then(|r| tracker.device(&r)).map(|r| r.evidence).unwrap_or_default();
    let reference_only = reference_set.difference(&device).count() as u64;
    let indices: BTreeSet<u64> = device.union(&reference_set).copied().collect();

    let mut jsonl = Vec::new();
    {
        let mut writer = CaptureWriter::new(&mut jsonl);
        for &i in &indices {
            if let Some(m) = usize::try_from(i).ok().and_then(|i| all.get(i)) {
                writer.write(m).map_err(|e| EvidenceError::Encode(e.to_string()))?;
            }
        }
    }
    let messages = read_evidence(&jsonl)?;
    let malformed_by_source: BTreeMap<String, u64> =
        pipeline.malformed_by_source().iter().map(|(s, n)| (s.as_str().to_string(), *n)).collect();
    Ok(Evidence {
        jsonl,
        messages,
        device_messages: device.len() as u64,
        reference_messages: reference_only,
        window,
        capture: CaptureInfo { files, messages: all.len() as u64, malformed_by_source },
        reference_heard: !reference_set.is_empty(),
    })
}

/// Reads `evidence.jsonl` bytes; every line must be readable.
///
/// # Errors
/// [`EvidenceError::Unreadable`] naming the first bad line.
pub fn read_evidence(bytes: &[u8]) -> Result<Vec<RawMessage>, EvidenceError> {
    CaptureReader::new(bytes, "evidence.jsonl")
        .map(|r| r.map_err(|b| EvidenceError::Unreadable { line: b.line, message: b.message }))
        .collect()
}

/// What the evidence shows: the diagnosis and the facts the report cross-checks.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The diagnosis (`diagnose --format json` of the evidence, with the input's window).
    pub diagnosis: Diagnosis,
    /// JoinEUIs in the device's join-requests.
    pub join_euis: BTreeSet<JoinEui>,
    /// Each join-request of the device (evidence index) with its MIC status.
    pub join_mics: Vec<(u64, MicStatus)>,
    /// Evidence indices the tracker attributes to the device or the reference device.
    pub evidence_indices: BTreeSet<u64>,
}

/// How to diagnose the evidence: the same inputs `diagnose` takes.
#[derive(Debug, Clone, Copy)]
pub struct AnalyseOptions<'a> {
    /// The device.
    pub dev_eui: DevEui,
    /// The reference device, when one was named.
    pub reference: Option<DevEui>,
    /// AppKeys (and registered JoinEUIs) for MIC checks.
    pub keys: &'a KeyStore,
    /// Observation window of the full input.
    pub window: Window,
    /// Device profile.
    pub profile: Option<&'a Profile>,
    /// Language of the explanation inside the diagnosis.
    pub lang: Lang,
}

/// Diagnoses the device from evidence messages, exactly as `rmacheck diagnose evidence.jsonl
/// --from … --to … [--keys] [--profile] [--reference-dev-eui] --lang … --format json` does.
///
/// Used both when the report is made and by `verify`, so both compute the same thing.
#[must_use]
pub fn analyse(messages: &[RawMessage], opts: &AnalyseOptions<'_>) -> Analysis {
    let dev_eui = opts.dev_eui;
    let mut pipeline = Pipeline::new(tracker_config(opts.keys, dev_eui, opts.reference));
    for m in messages {
        pipeline.ingest(m);
    }
    let tracker = pipeline.tracker();
    let record = Some(tracker.device_or_empty(&dev_eui));
    let reference_record = opts.reference.and_then(|r| tracker.device(&r));
    let diagnosis = diagnosis::diagnose(
        dev_eui,
        record.as_ref(),
        &DiagnoseOptions {
            reference: reference_record.as_ref(),
            reference_dev_eui: opts.reference,
            profile: opts.profile,
            registered_join_eui: opts.keys.get(&dev_eui).and_then(|k| k.join_eui),
            lang: opts.lang,
            ..DiagnoseOptions::new(opts.window)
        },
    );
    let mut evidence_indices = record.as_ref().map(|r| r.evidence.clone()).unwrap_or_default();
    evidence_indices.extend(reference_record.iter().flat_map(|r| r.evidence.iter().copied()));
    let attempts = record.map(|r| r.join_attempts).unwrap_or_default();
    Analysis {
        diagnosis,
        join_euis: attempts.iter().map(|a| a.join_eui).collect(),
        join_mics: attempts.iter().map(|a| (a.index, a.mic)).collect(),
        evidence_indices,
    }
}
