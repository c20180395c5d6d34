//! Evidence: the device's messages cut out of the input captures, and the diagnosis computed
//! from exactly those messages.
//!
//! - Only messages the tracker attributes to the device (its `DeviceRecord.evidence`), plus the
//!   reference device's when one is named, go into `evidence.jsonl` — never other devices'.
//! - The diagnosis is computed by re-reading the written `evidence.jsonl` bytes, so message
//!   indices in it refer to `evidence.jsonl` positions and `verify` reproduces it exactly from
//!   the bundle. The observation window comes from the full input and is passed in explicitly;
//!   so do the input's malformed messages (count and first list, indices in the input: they
//!   are no device's evidence), recorded in `report.json`'s `capture` block.

use std::collections::{BTreeMap, BTreeSet};

use crate::capture::{CaptureReader, CaptureWriter};
use crate::diagnosis::{self, DiagnoseOptions, Diagnosis};
use crate::frame::MicStatus;
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, JoinEui, Lang, RawMessage};
use crate::pipeline::Pipeline;
use crate::profiles::Profile;
use crate::tracker::{TrackerConfig, Window};

use super::activation::Activation;
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

/// One item of a capture pass.
#[derive(Debug, Clone, Copy)]
pub enum CaptureItem<'m> {
    /// A readable message.
    Message(&'m RawMessage),
    /// A line that could not be read (skipped), with why when known (as `diagnose` lists it).
    Unreadable(Option<&'m str>),
}

/// The input captures, readable more than once (one pass to diagnose and find the evidence,
/// one to cut it out), so that nothing but the device's evidence is held in memory.
pub trait CaptureSource: std::fmt::Debug {
    /// Feeds every item of every capture, in order, to `f`; returns each file's statistics.
    ///
    /// # Errors
    /// A capture that cannot be read (again).
    fn pass(
        &self,
        f: &mut dyn FnMut(CaptureItem<'_>),
    ) -> Result<Vec<CaptureFileInfo>, EvidenceError>;
}

impl CaptureSource for [CaptureInput] {
    fn pass(
        &self,
        f: &mut dyn FnMut(CaptureItem<'_>),
    ) -> Result<Vec<CaptureFileInfo>, EvidenceError> {
        let mut files = Vec::new();
        // With a The Things Stack event file among the inputs, every message is taken in
        // received-time order (ties keep input order), so events and MQTT captures combine.
        let time_ordered = self.iter().any(|c| c.time_ordered);
        let mut sorted: Vec<&RawMessage> = Vec::new();
        for c in self {
            for _ in 0..c.unreadable_lines {
                f(CaptureItem::Unreadable(None));
            }
            if time_ordered {
                sorted.extend(&c.messages);
            } else {
                for m in &c.messages {
                    f(CaptureItem::Message(m));
                }
            }
            files.push(CaptureFileInfo {
                name: c.name.clone(),
                messages: c.messages.len() as u64,
                unreadable_lines: c.unreadable_lines,
            });
        }
        sorted.sort_by_key(|m| m.received_at);
        for m in sorted {
            f(CaptureItem::Message(m));
        }
        Ok(files)
    }
}

impl CaptureSource for Vec<CaptureInput> {
    fn pass(
        &self,
        f: &mut dyn FnMut(CaptureItem<'_>),
    ) -> Result<Vec<CaptureFileInfo>, EvidenceError> {
        self.as_slice().pass(f)
    }
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
    /// A capture could not be read.
    #[error("{0}")]
    Read(String),
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
    captures: &dyn CaptureSource,
    dev_eui: DevEui,
    reference: Option<DevEui>,
    keys: &KeyStore,
) -> Result<Evidence, EvidenceError> {
    // Pass 1: track every message; remember only counts.
    let mut pipeline = Pipeline::new(tracker_config(keys, dev_eui, reference));
    let mut total = 0u64;
    let files = captures.pass(&mut |item| match item {
        CaptureItem::Unreadable(None) => pipeline.note_unreadable_line(),
        CaptureItem::Unreadable(Some(why)) => pipeline.note_unreadable_line_reason(why.to_string()),
        CaptureItem::Message(m) => {
            pipeline.ingest(m);
            total += 1;
        }
    })?;
    let window = pipeline.window().ok_or(EvidenceError::Empty)?;
    let tracker = pipeline.tracker();
    let record = tracker.device_or_empty(&dev_eui);
    let device: BTreeSet<u64> = record.evidence;
    let reference_set: BTreeSet<u64> =
        reference.and_then(|r| tracker.device(&r)).map(|r| r.evidence).unwrap_or_default();
    let reference_only = reference_set.difference(&device).count() as u64;
    let indices: BTreeSet<u64> = device.union(&reference_set).copied().collect();

    // Pass 2: cut out the device's (and the reference device's) messages.
    let mut jsonl = Vec::new();
    let mut failed = None;
    {
        let mut writer = CaptureWriter::new(&mut jsonl);
        let mut index = 0u64;
        captures.pass(&mut |item| {
            if let CaptureItem::Message(m) = item {
                if indices.contains(&index) && failed.is_none() {
                    failed = writer.write(m).err().map(|e| e.to_string());
                }
                index += 1;
            }
        })?;
        if index != total {
            return Err(EvidenceError::Read(format!(
                "the captures changed while the report was made ({total} messages, then {index}): \
                 make the report from files that are no longer being written"
            )));
        }
    }
    if let Some(e) = failed {
        return Err(EvidenceError::Encode(e));
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
        capture: CaptureInfo {
            files,
            messages: total,
            malformed_by_source,
            malformed_messages: Some(record.stats.malformed_messages),
            malformed: record.malformed,
        },
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
    /// The activation attestation.
    pub activation: Activation,
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
    /// The JoinEUI the RMA file names (for the activation attestation).
    pub join_eui_rma: Option<JoinEui>,
    /// The input captures: their malformed messages (count and first list) replace the
    /// evidence's, which holds none, so that the diagnosis shows what `diagnose` shows for the
    /// input (`None`, or a report made before they were recorded: the evidence's).
    pub capture: Option<&'a CaptureInfo>,
}

/// Diagnoses the device from evidence messages (a slice, or a stream read message by message),
/// exactly as `rmacheck diagnose evidence.jsonl
/// --from … --to … [--keys] [--profile] [--reference-dev-eui] --lang … --format json` does.
///
/// Used both when the report is made and by `verify`, so both compute the same thing.
#[must_use]
pub fn analyse<M: std::borrow::Borrow<RawMessage>>(
    messages: impl IntoIterator<Item = M>,
    opts: &AnalyseOptions<'_>,
) -> Analysis {
    let dev_eui = opts.dev_eui;
    let mut pipeline = Pipeline::new(tracker_config(opts.keys, dev_eui, opts.reference));
    for m in messages {
        pipeline.ingest(m.borrow());
    }
    let tracker = pipeline.tracker();
    // Gateways are judged at the end of the input's window, as `diagnose` judges them.
    let until = Some(opts.window.to);
    let record = Some(tracker.device_or_empty_at(&dev_eui, until));
    let reference_record = opts.reference.and_then(|r| tracker.device_at(&r, until));
    let mut diagnosis = diagnosis::diagnose(
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
    if let Some(c) = opts.capture {
        if let Some(n) = c.malformed_messages {
            diagnosis.stats.malformed_messages = n;
            diagnosis.malformed.clone_from(&c.malformed);
        }
    }
    let mut evidence_indices = record.as_ref().map(|r| r.evidence.clone()).unwrap_or_default();
    evidence_indices.extend(reference_record.iter().flat_map(|r| r.evidence.iter().copied()));
    let activation = super::activation::derive(
        record.as_ref(),
        &diagnosis,
        opts.keys.get(&dev_eui).is_some(),
        opts.join_eui_rma,
    );
    let attempts = record.map(|r| r.join_attempts).unwrap_or_default();
    Analysis {
        activation,
        diagnosis,
        join_euis: attempts.iter().map(|a| a.join_eui).collect(),
        join_mics: attempts.iter().map(|a| (a.index, a.mic)).collect(),
        evidence_indices,
    }
}
