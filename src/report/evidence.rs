//! Evidence: the device's messages cut out of the input captures, and the diagnosis computed
//! from exactly those messages.
//!
//! - Only messages the tracker attributes to the device (its `DeviceRecord.evidence`), plus the
//!   reference device's when one is named, go into `evidence.jsonl` — never other devices'.
//! - Two passes over the captures, neither of which holds messages: [`find`] tracks every
//!   message and keeps the evidence's message indices (bounded by the tracker's
//!   [`LIMITS`](crate::tracker::LIMITS)`.evidence`); [`cut`] writes those messages straight to
//!   `evidence.jsonl`, hashing and counting as it goes, and hands each one, as read back from
//!   its written line, to an [`Analyser`].
//! - The diagnosis is therefore computed from the `evidence.jsonl` bytes: message indices in it
//!   refer to `evidence.jsonl` positions and `verify` reproduces it exactly from the bundle. The
//!   observation window comes from the full input and is passed in explicitly; so do the
//!   input's malformed messages (count and first list, indices in the input: they are no
//!   device's evidence), recorded in `report.json`'s `capture` block.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use sha2::{Digest, Sha256};

use crate::capture::{CaptureReader, format_line};
use crate::diagnosis::{self, DiagnoseOptions, Diagnosis};
use crate::frame::MicStatus;
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, JoinEui, Lang, RawMessage};
use crate::pipeline::Pipeline;
use crate::profiles::Profile;
use crate::tracker::{TrackerConfig, Window};

use super::activation::Activation;
use super::model::{CaptureFileInfo, CaptureInfo};

/// One input capture, already in memory (the demo's simulated traffic).
#[derive(Debug, Clone, Default)]
pub struct CaptureInput {
    /// File name for the report (no directories).
    pub name: String,
    /// Its readable messages, in file order.
    pub messages: Vec<RawMessage>,
    /// Lines that could not be read.
    pub unreadable_lines: u64,
}

/// One item of a capture pass.
#[derive(Debug, Clone, Copy)]
pub enum CaptureItem<'m> {
    /// A readable message.
    Message(&'m RawMessage),
    /// A line that could not be read (skipped), with why when known (as `diagnose` lists it).
    Unreadable(Option<&'m crate::catalog::Message>),
}

/// The input captures, readable more than once (one pass to diagnose and find the evidence,
/// one to cut it out), so that no message needs to be held in memory.
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
        for c in self {
            for _ in 0..c.unreadable_lines {
                f(CaptureItem::Unreadable(None));
            }
            for m in &c.messages {
                f(CaptureItem::Message(m));
            }
            files.push(CaptureFileInfo {
                name: c.name.clone(),
                messages: c.messages.len() as u64,
                unreadable_lines: c.unreadable_lines,
            });
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

/// Where the first pass found the evidence, for the second (dropped once it is cut out).
#[derive(Debug, Clone)]
pub struct Selection {
    /// Input indices of the evidence messages, ascending.
    indices: Vec<u64>,
    /// Messages in the input.
    total: u64,
}

/// What the first pass found about the input.
#[derive(Debug, Clone)]
pub struct Found {
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

/// What the second pass wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Messages in `evidence.jsonl`.
    pub messages: u64,
    /// Its length in bytes.
    pub bytes: u64,
    /// Its SHA-256 (lowercase hex).
    pub sha256: String,
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
    /// Writing evidence.jsonl failed.
    #[error("cannot write evidence.jsonl: {0}")]
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

/// Pass 1: tracks every message of the captures and finds the device's (and the reference
/// device's) evidence; keeps only their indices and counts.
///
/// # Errors
/// [`EvidenceError::Empty`] when the captures hold no message.
pub fn find(
    captures: &dyn CaptureSource,
    dev_eui: DevEui,
    reference: Option<DevEui>,
    keys: &KeyStore,
) -> Result<(Found, Selection), EvidenceError> {
    let mut pipeline = Pipeline::new(tracker_config(keys, dev_eui, reference));
    let mut total = 0u64;
    let files = captures.pass(&mut |item| match item {
        CaptureItem::Unreadable(None) => pipeline.note_unreadable_line(),
        CaptureItem::Unreadable(Some(why)) => pipeline.note_unreadable_line_message(why.clone()),
        CaptureItem::Message(m) => {
            pipeline.ingest(m);
            total += 1;
        }
    })?;
    let window = pipeline.window().ok_or(EvidenceError::Empty)?;
    let malformed_by_source: BTreeMap<String, u64> =
        pipeline.malformed_by_source().iter().map(|(s, n)| (s.as_str().to_string(), *n)).collect();
    let tracker = pipeline.into_tracker();
    let mut record = tracker.device_or_empty(&dev_eui);
    let reference_set: BTreeSet<u64> =
        reference.and_then(|r| tracker.device(&r)).map(|r| r.evidence).unwrap_or_default();
    drop(tracker);
    let device = std::mem::take(&mut record.evidence);
    let device_messages = device.len() as u64;
    let reference_messages = reference_set.difference(&device).count() as u64;
    let reference_heard = !reference_set.is_empty();
    let mut indices: Vec<u64> = device.into_iter().collect();
    if reference_heard {
        indices.extend(reference_set);
        indices.sort_unstable();
        indices.dedup();
    }
    let found = Found {
        device_messages,
        reference_messages,
        window,
        capture: CaptureInfo {
            files,
            messages: total,
            malformed_by_source,
            malformed_messages: Some(record.stats.malformed_messages),
            malformed: record.malformed,
        },
        reference_heard,
    };
    Ok((found, Selection { indices, total }))
}

/// Pass 2: writes the evidence messages [`find`] found to `out` as capture lines (hashing and
/// counting as it goes) and hands each, as read back from its line, to `each`, in order.
///
/// Holds one message at a time: `evidence.jsonl` never is in memory.
///
/// # Errors
/// A capture that changed since [`find`], a write error, or a line that does not read back.
pub fn cut(
    captures: &dyn CaptureSource,
    selection: Selection,
    out: &mut dyn Write,
    each: &mut dyn FnMut(&RawMessage),
) -> Result<Written, EvidenceError> {
    let mut hasher = Sha256::new();
    let mut written = Written { messages: 0, bytes: 0, sha256: String::new() };
    let mut failed: Option<EvidenceError> = None;
    let mut wanted = selection.indices.into_iter().peekable();
    let mut index = 0u64;
    captures.pass(&mut |item| {
        let CaptureItem::Message(m) = item else { return };
        if wanted.next_if_eq(&index).is_some() && failed.is_none() {
            let mut line = format_line(m);
            line.push('\n');
            // The diagnosis sees exactly what a reader of the written file sees.
            match CaptureReader::new(line.as_bytes(), "evidence.jsonl").threads(1).next() {
                Some(Ok(back)) => each(&back),
                other => {
                    let message = match other {
                        Some(Err(bad)) => bad.message.to_string(),
                        _ => "the line is empty".to_string(),
                    };
                    let line = usize::try_from(written.messages + 1).unwrap_or(usize::MAX);
                    failed = Some(EvidenceError::Unreadable { line, message });
                }
            }
            hasher.update(line.as_bytes());
            if let Err(e) = out.write_all(line.as_bytes()) {
                failed = Some(EvidenceError::Encode(e.to_string()));
            }
            written.messages += 1;
            written.bytes += line.len() as u64;
        }
        index += 1;
    })?;
    if index != selection.total {
        return Err(EvidenceError::Read(format!(
            "the captures changed while the report was made ({} messages, then {index}): make \
             the report from files that are no longer being written",
            selection.total
        )));
    }
    if let Some(e) = failed {
        return Err(e);
    }
    out.flush().map_err(|e| EvidenceError::Encode(e.to_string()))?;
    written.sha256 = hex::encode(hasher.finalize());
    Ok(written)
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

/// Diagnoses the device from evidence messages fed one at a time, exactly as
/// `rmacheck diagnose evidence.jsonl --from … --to … [--keys] [--profile]
/// [--reference-dev-eui] --lang … --format json` does.
///
/// Used both when the report is made (fed by [`cut`]) and by `verify` (through [`analyse`]),
/// so both compute the same thing. Its memory is the tracker's, bounded per device.
#[derive(Debug)]
pub struct Analyser<'a> {
    opts: AnalyseOptions<'a>,
    pipeline: Pipeline,
}

impl<'a> Analyser<'a> {
    /// An analyser that has seen no message yet.
    #[must_use]
    pub fn new(opts: &AnalyseOptions<'a>) -> Self {
        Self {
            opts: *opts,
            pipeline: Pipeline::new(tracker_config(opts.keys, opts.dev_eui, opts.reference)),
        }
    }

    /// Feeds the next evidence message.
    pub fn ingest(&mut self, message: &RawMessage) {
        self.pipeline.ingest(message);
    }

    /// The analysis of the messages fed.
    #[must_use]
    pub fn finish(self) -> Analysis {
        let opts = &self.opts;
        let dev_eui = opts.dev_eui;
        let tracker = self.pipeline.into_tracker();
        // Gateways are judged at the end of the input's window, as `diagnose` judges them.
        let until = Some(opts.window.to);
        let record = Some(tracker.device_or_empty_at(&dev_eui, until));
        let reference_record = opts.reference.and_then(|r| tracker.device_at(&r, until));
        drop(tracker);
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
        let activation = super::activation::derive(
            record.as_ref(),
            &diagnosis,
            opts.keys.get(&dev_eui).is_some(),
            opts.join_eui_rma,
        );
        let (attempts, mut evidence_indices) =
            record.map(|r| (r.join_attempts, r.evidence)).unwrap_or_default();
        evidence_indices.extend(reference_record.into_iter().flat_map(|r| r.evidence));
        Analysis {
            activation,
            diagnosis,
            join_euis: attempts.iter().map(|a| a.join_eui).collect(),
            join_mics: attempts.iter().map(|a| (a.index, a.mic)).collect(),
            evidence_indices,
        }
    }
}

/// Diagnoses the device from evidence messages (a slice, or a stream read message by message)
/// with an [`Analyser`].
#[must_use]
pub fn analyse<M: std::borrow::Borrow<RawMessage>>(
    messages: impl IntoIterator<Item = M>,
    opts: &AnalyseOptions<'_>,
) -> Analysis {
    let mut analyser = Analyser::new(opts);
    for m in messages {
        analyser.ingest(m.borrow());
    }
    analyser.finish()
}
