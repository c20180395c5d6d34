//! Diagnosis: rules over a device's tracked record decide one verdict, backed by findings
//! that cite message indices.
//!
//! Synchronous and deterministic; the observation window is passed in.

use serde::{Deserialize, Serialize};

use crate::model::DevEui;
use crate::tracker::{DeviceRecord, Stats, TimelineEntry, Window};

/// Schema name of the diagnosis JSON.
pub const SCHEMA: &str = "rmacheck.diagnosis.v1";

/// The fixed verdict vocabulary (contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerdictCode {
    /// Activated; uplinks flow with acceptable loss and margin.
    Healthy,
    /// Nothing from the device in the window.
    NoRadioActivity,
    /// Join-requests fail the MIC.
    JoinKeyMismatch,
    /// Join-requests heard, never answered, no key error.
    JoinNotRegistered,
    /// Join-requests refused for a reused / too-small DevNonce.
    DevnonceRejected,
    /// Gateway failed to transmit the join-accepts.
    JoinAcceptTxFailed,
    /// Join-accepts sent OK, device keeps re-joining.
    JoinAcceptNotReceived,
    /// FCnt restarts without a rejoin.
    FrameCounterReset,
    /// Margin below floor plus margin, with loss.
    PoorCoverage,
    /// Loss above threshold despite adequate margin.
    HighPacketLoss,
    /// Too short a window or too few frames.
    InsufficientEvidence,
}

/// Verdict classes (contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictClass {
    /// Nothing wrong.
    Healthy,
    /// A configuration mistake.
    Configuration,
    /// The network (gateway, backhaul).
    Network,
    /// Radio coverage.
    Coverage,
    /// The device itself is suspect.
    DeviceSuspect,
    /// Cannot decide.
    Inconclusive,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Code.
    pub code: VerdictCode,
    /// Class.
    pub class: VerdictClass,
    /// Plain-language summary.
    pub summary: String,
}

/// Finding severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Context.
    Info,
    /// Worth attention.
    Warning,
    /// A fault.
    Error,
}

/// One finding with the message indices that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// A verdict code or another finding code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// What was seen.
    pub summary: String,
    /// Message indices.
    pub evidence: Vec<u64>,
}

/// The contract's diagnosis object (`diagnose --format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// `rmacheck.diagnosis.v1`.
    pub schema: String,
    /// The device.
    pub dev_eui: DevEui,
    /// Observation window.
    pub window: Window,
    /// The verdict.
    pub verdict: Verdict,
    /// Findings behind it.
    pub findings: Vec<Finding>,
    /// The device's timeline.
    pub timeline: Vec<TimelineEntry>,
    /// Counters.
    pub stats: Stats,
}

/// Inputs besides the device's record.
#[derive(Debug, Clone)]
pub struct DiagnoseOptions<'a> {
    /// Observation window (time is passed in, never read).
    pub window: Window,
    /// The known-good reference device's record, if one was named.
    pub reference: Option<&'a DeviceRecord>,
}

/// Diagnoses one device.
#[must_use]
pub fn diagnose(
    dev_eui: DevEui,
    record: Option<&DeviceRecord>,
    opts: &DiagnoseOptions<'_>,
) -> Diagnosis {
    let record = record.cloned().unwrap_or_default();
    Diagnosis {
        schema: SCHEMA.to_string(),
        dev_eui,
        window: opts.window,
        verdict: Verdict {
            code: VerdictCode::InsufficientEvidence,
            class: VerdictClass::Inconclusive,
            summary: "diagnosis rules not implemented yet".into(),
        },
        findings: Vec::new(),
        timeline: record.timeline,
        stats: record.stats,
    }
}
