//! Making the bundle: evidence → diagnosis → report.json (JCS) → signature, plus renderings
//! and photos. Writing it to a directory is a separate, final step.
//!
//! Order matters because report.json carries the SHA-256 of every other file:
//! 1. evidence.jsonl (streamed to its file, never held in memory) and photos are fixed and
//!    hashed;
//! 2. report.html and report.md are rendered from the document (whose `files` then lists
//!    evidence and photos) and hashed;
//! 3. report.json is serialised with all hashes and signed.
//!
//! Deterministic: the same inputs, time and key give the same bytes (Ed25519 is deterministic).
//!
//! Memory does not grow with the captures or the device's traffic: the captures are read twice
//! (see [`evidence`]), and everything held is bounded by the tracker's limits (the timeline
//! keeps the latest [`LIMITS`](crate::tracker::LIMITS)`.timeline` entries).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use ssh_key::PrivateKey;

use super::evidence::{self, AnalyseOptions, Analyser, CaptureSource, EvidenceError};
use super::model::{
    EvidenceInfo, ProfileRef, ReferenceInfo, ReportDoc, SCHEMA, Signer, Tool, Warning,
    check_numbers, names, sha256_hex,
};
use super::rma::{self, AttachmentRef, LoadedRma, PhotoRef, PhotoView, Reason};
use super::warranty::{self, PeriodStatus, WarrantyError};
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, Lang};
use crate::profiles::Profile;
use crate::signing::{self, SigError};

/// Everything a report is made from. Time and key come in from the caller.
#[derive(Debug, Clone, Copy)]
pub struct ReportRequest<'a> {
    /// The input captures.
    pub captures: &'a dyn CaptureSource,
    /// The device.
    pub dev_eui: DevEui,
    /// A known-good device whose evidence is included.
    pub reference_dev_eui: Option<DevEui>,
    /// AppKeys for MIC checks (never written anywhere).
    pub keys: &'a KeyStore,
    /// Whether `keys` came from a `--keys` file.
    pub keys_supplied: bool,
    /// Device profile.
    pub profile: Option<&'a Profile>,
    /// The RMA file.
    pub rma: &'a LoadedRma,
    /// Language of report.html / report.md.
    pub lang: Lang,
    /// The report time.
    pub generated_at: DateTime<Utc>,
    /// The signing key.
    pub signing_key: &'a PrivateKey,
}

/// A finished bundle: every file but `evidence.jsonl` in memory (that one was written while
/// the bundle was built, see [`build`]).
#[derive(Debug, Clone)]
pub struct Bundle {
    /// Bundle-relative path → bytes (report.json and its signature included; not
    /// `evidence.jsonl`).
    pub files: BTreeMap<String, Vec<u8>>,
    /// The signed document.
    pub doc: ReportDoc,
}

impl Bundle {
    /// Every file of the bundle, `evidence.jsonl` included, sorted.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.files.keys().cloned().collect();
        names.push(names::EVIDENCE.to_string());
        names.sort();
        names.dedup();
        names
    }
}

/// Why a bundle could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Evidence problem.
    #[error(transparent)]
    Evidence(#[from] EvidenceError),
    /// Warranty computation.
    #[error(transparent)]
    Warranty(#[from] WarrantyError),
    /// Serialisation failed (e.g. a non-finite number).
    #[error("cannot serialise report.json: {0} (this is a bug; please report it)")]
    Serialise(String),
    /// A number JCS cannot carry exactly.
    #[error(
        "report.json would contain a number JCS cannot represent exactly: {0} (this is a bug; please report it)"
    )]
    Number(String),
    /// Signing failed.
    #[error(transparent)]
    Sign(#[from] SigError),
    /// The output directory is not usable.
    #[error("{0}")]
    OutDir(String),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Makes the bundle: writes `evidence.jsonl` to `evidence_out` while reading the captures
/// the second time, and returns every other file in memory.
///
/// # Errors
/// [`BundleError`] for empty captures, impossible dates, a failed write to `evidence_out` or
/// (never expected) encoding failures.
pub fn build(req: &ReportRequest<'_>, evidence_out: &mut dyn Write) -> Result<Bundle, BundleError> {
    let (ev, selection) =
        evidence::find(req.captures, req.dev_eui, req.reference_dev_eui, req.keys)?;
    let opts = AnalyseOptions {
        dev_eui: req.dev_eui,
        reference: req.reference_dev_eui,
        keys: req.keys,
        window: ev.window,
        profile: req.profile,
        lang: req.lang,
        join_eui_rma: req.rma.rma.join_eui,
        capture: Some(&ev.capture),
    };
    let mut analyser = Analyser::new(&opts);
    let written =
        evidence::cut(req.captures, selection, evidence_out, &mut |m| analyser.ingest(m))?;
    let analysis = analyser.finish();
    // Only `verify` needs them.
    drop(analysis.evidence_indices);
    super::finite::check(&analysis.diagnosis).map_err(|e| BundleError::Number(e.0))?;
    let diagnosis_jcs = serde_jcs::to_vec(&analysis.diagnosis)
        .map_err(|e| BundleError::Serialise(format!("diagnosis: {e}")))?;
    let warranty = warranty::compute(req.rma.rma.delivery_date, req.generated_at.date_naive())?;

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut rma = req.rma.rma.clone();
    rma.dev_eui = req.dev_eui;
    rma.photo.clear();
    rma.attachment.clear();
    for (i, p) in req.rma.photos.iter().enumerate() {
        let name = rma::bundle_photo_name(i + 1, p.view, &p.original);
        let (file, original_name, sha256) = copy_in(&mut files, name, &p.original, &p.bytes);
        rma.photo.push(PhotoRef { file, original_name, view: p.view, sha256 });
    }
    for (i, a) in req.rma.attachments.iter().enumerate() {
        let name = rma::bundle_attachment_name(i + 1, a.kind, &a.original);
        let (file, original_name, sha256) = copy_in(&mut files, name, &a.original, &a.bytes);
        rma.attachment.push(AttachmentRef { file, original_name, kind: a.kind, sha256 });
    }

    let mut warnings = Vec::new();
    for view in [PhotoView::Closed, PhotoView::Open] {
        if !rma.photo.iter().any(|p| p.view == view) {
            warnings.push(Warning::PhotoMissing { view });
        }
    }
    if let Some(given) = rma.join_eui {
        if let Some(seen) = analysis.join_euis.iter().find(|e| **e != given) {
            warnings.push(Warning::JoinEuiMismatch { rma: given, observed: *seen });
        }
    }
    if rma.reason == Reason::Withdrawal && warranty.withdrawal.status == PeriodStatus::Expired {
        warnings.push(Warning::WithdrawalPeriodOver { ended: warranty.withdrawal.ends });
    }
    if rma.reason == Reason::Defect && warranty.statutory_liability.status == PeriodStatus::Expired
    {
        warnings.push(Warning::LiabilityPeriodOver { ended: warranty.statutory_liability.ends });
    }
    if let (Some(r), false) = (req.reference_dev_eui, ev.reference_heard) {
        warnings.push(Warning::ReferenceNotHeard { dev_eui: r });
    }
    warnings.extend(super::warnings::money(&rma, &analysis.diagnosis, ev.device_messages));
    let unreadable: u64 = ev.capture.files.iter().map(|c| c.unreadable_lines).sum();
    if unreadable > 0 {
        warnings.push(Warning::UnreadableLines { lines: unreadable });
    }
    if ev.device_messages >= crate::tracker::LIMITS.evidence as u64 {
        warnings.push(Warning::EvidenceLimited { messages: ev.device_messages });
    }

    let public = req.signing_key.public_key();
    let mut doc = ReportDoc {
        schema: SCHEMA.to_string(),
        generated_at: req.generated_at,
        tool: Tool::this(),
        lang: req.lang,
        rma,
        warranty,
        diagnosis_sha256: sha256_hex(&diagnosis_jcs),
        activation: Some(analysis.activation),
        diagnosis: analysis.diagnosis,
        profile: req.profile.map(ProfileRef::of),
        window: ev.window,
        join_euis_observed: analysis.join_euis.into_iter().collect(),
        keys_supplied: req.keys_supplied,
        reference: req
            .reference_dev_eui
            .map(|r| ReferenceInfo { dev_eui: r, messages: ev.reference_messages }),
        evidence: EvidenceInfo {
            file: names::EVIDENCE.to_string(),
            messages: written.messages,
            device_messages: ev.device_messages,
            reference_messages: ev.reference_messages,
        },
        capture: ev.capture,
        warnings,
        signer: Signer {
            fingerprint: signing::fingerprint(public),
            principal: signing::keys::principal_of(public),
            public_key: signing::keys::public_key_text(public),
        },
        files: files
            .iter()
            .map(|(k, v)| (k.clone(), sha256_hex(v)))
            .chain([(names::EVIDENCE.to_string(), written.sha256)])
            .collect(),
    };

    let renderings: Vec<(&str, Vec<u8>)> = super::export::all()
        .iter()
        .map(|e| (e.file_name(), e.render(&doc, &files).into_bytes()))
        .collect();
    for (name, bytes) in renderings {
        doc.files.insert(name.to_string(), sha256_hex(&bytes));
        files.insert(name.to_string(), bytes);
    }

    super::finite::check(&doc).map_err(|e| BundleError::Number(e.0))?;
    let json = serde_jcs::to_vec(&doc).map_err(|e| BundleError::Serialise(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| BundleError::Serialise(e.to_string()))?;
    check_numbers(&value).map_err(BundleError::Number)?;
    let sig = signing::sign(req.signing_key, &json)?;
    files.insert(names::REPORT_JSON.to_string(), json);
    files.insert(names::SIGNATURE.to_string(), sig.into_bytes());
    Ok(Bundle { files, doc })
}

/// Makes the bundle in `dir`, which must not exist or be empty: `evidence.jsonl` is written
/// while the captures are read (see [`build`]), every other file afterwards.
///
/// report.json and its signature are written last, so an interrupted run leaves no signed
/// bundle behind; a failed one removes the `evidence.jsonl` it wrote (and `dir`, when it made
/// it and it is empty again).
///
/// # Errors
/// [`BundleError::OutDir`] for a non-empty directory, [`BundleError::Write`] on I/O failure,
/// and [`build`]'s.
pub fn make(dir: &Path, req: &ReportRequest<'_>) -> Result<Bundle, BundleError> {
    let created = prepare_dir(dir)?;
    let path = dir.join(names::EVIDENCE);
    let made = std::fs::File::create(&path)
        .map_err(|source| BundleError::Write { path: path.display().to_string(), source })
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            let bundle = build(req, &mut out)?;
            out.into_inner().map_err(|e| e.into_error()).and_then(|f| f.sync_all()).map_err(
                |source| BundleError::Write { path: path.display().to_string(), source },
            )?;
            write_files(dir, &bundle)?;
            Ok(bundle)
        });
    if made.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&path);
        if created {
            let _ = std::fs::remove_dir(dir);
        }
    }
    made
}

/// Checks that `dir` does not exist or is empty, and creates it; `true` when it was created.
///
/// # Errors
/// [`BundleError::OutDir`] for a non-empty directory, [`BundleError::Write`] on I/O failure.
fn prepare_dir(dir: &Path) -> Result<bool, BundleError> {
    let shown = dir.display().to_string();
    let created = match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BundleError::OutDir(format!(
                    "the output directory {shown} is not empty: choose a new directory for the \
                     bundle (every file in it is covered by the signature)"
                )));
            }
            false
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(source) => return Err(BundleError::Write { path: shown, source }),
    };
    std::fs::create_dir_all(dir).map_err(|source| BundleError::Write { path: shown, source })?;
    Ok(created)
}

/// Writes the bundle's files (all but `evidence.jsonl`) into `dir`, report.json and its
/// signature last.
fn write_files(dir: &Path, bundle: &Bundle) -> Result<(), BundleError> {
    let last = [names::REPORT_JSON, names::SIGNATURE];
    let ordered = bundle
        .files
        .iter()
        .filter(|(k, _)| !last.contains(&k.as_str()))
        .chain(bundle.files.iter().filter(|(k, _)| last.contains(&k.as_str())));
    for (name, bytes) in ordered {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| BundleError::Write {
                path: parent.display().to_string(),
                source,
            })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|source| BundleError::Write { path: path.display().to_string(), source })?;
    }
    Ok(())
}

/// Copies a customer's file (photo, attachment) into the bundle as `name`: its bundle path,
/// the name it had next to the RMA file and its SHA-256.
fn copy_in(
    files: &mut BTreeMap<String, Vec<u8>>,
    name: String,
    original: &str,
    bytes: &[u8],
) -> (String, String, String) {
    files.insert(name.clone(), bytes.to_vec());
    (name, rma::display_name(original), sha256_hex(bytes))
}
#[cfg(test)]
mod tests;
