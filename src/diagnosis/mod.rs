//! Diagnosis: rules over a device's tracked record decide one verdict, backed by findings
//! that cite message indices.
//!
//! Place in the pipeline: captures → adapters → tracker ([`DeviceRecord`]) → **diagnosis** →
//! renderers / report.
//!
//! - Synchronous, deterministic and pure: the observation window is passed in, nothing reads
//!   the clock, the environment or files.
//! - [`facts`] derives what several rules need (the join attempts since the last uplink, link
//!   margins, loss); each rule in [`rules`] (one file per rule) returns findings and at most
//!   one candidate verdict; [`decide`] picks ONE verdict by a fixed precedence;
//!   [`backoff`] says how much observation is enough; [`explain`] says what a verdict means and
//!   what to do, in four languages.
//! - Evidence indices are the 0-based message indices of the concatenated input.

pub mod backoff;
pub mod decide;
pub mod explain;
pub mod facts;
pub mod region;
pub mod rules;
pub mod thresholds;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::{self, Args, Message};
use crate::model::{DevEui, GatewayId, JoinEui, Lang};
use crate::profiles::Profile;
use crate::tracker::{DeviceRecord, Stats, TimelineEntry, Window};

pub use explain::{Explanation, explain, explain_diagnosis};

/// Schema name of the diagnosis JSON.
pub const SCHEMA: &str = "rmacheck.diagnosis.v1";

/// The fixed verdict vocabulary (contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
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

impl VerdictCode {
    /// Every code, in decision precedence order (see [`decide`]).
    pub const ALL: [VerdictCode; 11] = [
        VerdictCode::JoinKeyMismatch,
        VerdictCode::DevnonceRejected,
        VerdictCode::JoinAcceptTxFailed,
        VerdictCode::JoinAcceptNotReceived,
        VerdictCode::JoinNotRegistered,
        VerdictCode::FrameCounterReset,
        VerdictCode::PoorCoverage,
        VerdictCode::HighPacketLoss,
        VerdictCode::Healthy,
        VerdictCode::NoRadioActivity,
        VerdictCode::InsufficientEvidence,
    ];
    /// The contract spelling (`JOIN_KEY_MISMATCH`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Verdict classes (contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "snake_case")]
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

impl VerdictClass {
    /// The contract spelling (`device_suspect`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Which side of a verdict the evidence points to, where a code has more than one cause with
/// different next steps (see [`explain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The join-request MIC fails with the registered AppKey: the device's key differs.
    KeyOnDevice,
    /// The MIC verifies locally, yet the NS reports `UPLINK_MIC`: NS device settings are wrong.
    KeyOnNetworkServer,
    /// The NS reports `UPLINK_MIC`; no AppKey was supplied to tell which side is wrong.
    KeyUnverified,
    /// The NS's join-accepts do not verify with the registered AppKey (1.1 / NwkKey settings).
    JoinAcceptKey,
    /// A 1.0.4+ device's DevNonce counter restarted.
    DevNonceCounterRestart,
    /// DevNonces were reused (random DevNonces before 1.0.4, or an NS that remembers them all).
    DevNonceReused,
    /// A gateway that can hear the device was offline during the silence.
    GatewayOffline,
    /// An ABP device restarted its frame counter once (no FCnt persistence across a power
    /// cycle).
    AbpCounterRestart,
    /// The device keeps its session but restarts its frame counter (OTAA), or restarts it
    /// repeatedly (reboots, brown-outs).
    CounterRestart,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Code.
    pub code: VerdictCode,
    /// Class.
    pub class: VerdictClass,
    /// Plain-language summary (English).
    pub summary: String,
    /// Catalog id of the summary (empty: `summary` has no catalog text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The named values the summary is built from.
    #[serde(default, skip_serializing_if = "Args::is_empty")]
    pub args: Args,
}

impl Verdict {
    /// A verdict whose summary is `text` (`None`: plain `summary`). Its English `summary` is
    /// rendered by [`diagnose`] ([`Verdict::render_summary`]): what decides a verdict never
    /// reads it, and a fleet renders it only as it writes the device out.
    #[must_use]
    pub fn new(
        code: VerdictCode,
        class: VerdictClass,
        summary: String,
        text: Option<Message>,
    ) -> Self {
        match text {
            Some(m) => Self { code, class, summary: String::new(), message: m.id, args: m.args },
            None => Self { code, class, summary, message: String::new(), args: Args::new() },
        }
    }

    /// Whether the English `summary` is still to be rendered from the catalog message.
    #[must_use]
    pub fn unrendered(&self) -> bool {
        self.summary.is_empty() && !self.message.is_empty()
    }

    /// Fills in the English `summary` of a verdict made from a catalog message.
    pub fn render_summary(&mut self) {
        if self.unrendered() {
            self.summary = catalog::text(Lang::En, &self.message, &self.args);
        }
    }

    /// The summary in `lang`.
    #[must_use]
    pub fn summary_in(&self, lang: Lang) -> String {
        localised(&self.summary, &self.message, &self.args, lang)
    }
}

fn localised(summary: &str, message: &str, args: &Args, lang: Lang) -> String {
    if message.is_empty() { summary.to_string() } else { catalog::text(lang, message, args) }
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

impl Severity {
    /// Its label in `lang` (catalog `severity-*`).
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        let id = match self {
            Severity::Info => "severity-info",
            Severity::Warning => "severity-warning",
            Severity::Error => "severity-error",
        };
        catalog::plain(lang, id)
    }
}

/// One finding with the message indices that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// A verdict code or another finding code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// What was seen (English).
    pub summary: String,
    /// Message indices.
    pub evidence: Vec<u64>,
    /// Catalog id of the summary (empty: `summary` has no catalog text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The named values the summary is built from.
    #[serde(default, skip_serializing_if = "Args::is_empty")]
    pub args: Args,
}

impl Finding {
    /// A finding (evidence sorted and de-duplicated).
    #[must_use]
    pub fn new(code: &str, severity: Severity, summary: String, mut evidence: Vec<u64>) -> Self {
        evidence.sort_unstable();
        evidence.dedup();
        Self {
            code: code.to_string(),
            severity,
            summary,
            evidence,
            message: String::new(),
            args: Args::new(),
        }
    }

    /// A finding whose text comes from the catalog. Its English `summary` is rendered by
    /// [`diagnose`] ([`Finding::render_summary`]): what decides a verdict never reads it, and a
    /// fleet that prints verdicts only never renders it.
    #[must_use]
    pub fn text(code: &str, severity: Severity, text: Message, evidence: Vec<u64>) -> Self {
        let mut f = Self::new(code, severity, String::new(), evidence);
        f.message = text.id;
        f.args = text.args;
        f
    }

    /// Fills in the English `summary` of a finding made with [`Finding::text`].
    pub fn render_summary(&mut self) {
        if self.summary.is_empty() && !self.message.is_empty() {
            self.summary = catalog::text(Lang::En, &self.message, &self.args);
        }
    }

    /// The summary in `lang`.
    #[must_use]
    pub fn summary_in(&self, lang: Lang) -> String {
        localised(&self.summary, &self.message, &self.args, lang)
    }
}

/// Which profile the diagnosis used, or what it assumed without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileUsed {
    /// Profile ID; `None` when no profile was given.
    pub id: Option<String>,
    /// `vendor model (region)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Defaults assumed (no profile), one sentence each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

/// What was seen of the known-good reference device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceSeen {
    /// The reference device.
    pub dev_eui: DevEui,
    /// Whether any of its frames was received in the window.
    pub heard: bool,
    /// Its join-requests.
    pub join_requests: u64,
    /// Its distinct uplinks.
    pub uplinks: u64,
    /// Gateways that heard it.
    pub gateways: Vec<GatewayId>,
    /// First reception.
    pub first_heard: Option<DateTime<Utc>>,
    /// Last reception.
    pub last_heard: Option<DateTime<Utc>>,
}

/// Whether the evidence was enough, and how much longer to watch if not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sufficiency {
    /// True when the verdict needs no further observation.
    pub sufficient: bool,
    /// Further observation needed, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch_more_seconds: Option<u64>,
    /// Why that long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// The explanation attached to a diagnosis (in the requested language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplanationBlock {
    /// Language.
    pub lang: Lang,
    /// What the verdict means.
    pub meaning: String,
    /// What to do before an RMA.
    pub next_steps: Vec<String>,
}

/// The contract's diagnosis object (`diagnose --format json`), plus additive blocks.
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
    /// The cause behind the verdict where a code has several (decides the next steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// Findings behind it.
    pub findings: Vec<Finding>,
    /// The device's timeline.
    pub timeline: Vec<TimelineEntry>,
    /// Counters.
    pub stats: Stats,
    /// The first malformed messages of the input with their reasons (at most
    /// [`MALFORMED_LISTED`](crate::tracker::MALFORMED_LISTED); `stats.malformed_messages`
    /// counts them all).
    #[serde(default)]
    pub malformed: Vec<crate::tracker::MalformedMessage>,
    /// Profile used or defaults assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileUsed>,
    /// The reference device, when one was named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferenceSeen>,
    /// Whether the evidence sufficed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sufficiency: Option<Sufficiency>,
    /// Meaning and next steps in the requested language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<ExplanationBlock>,
    /// Intervals in which messages were not observed (silence and loss there are not the
    /// device's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_observed: Vec<crate::tracker::gaps::Gap>,
}

/// Inputs besides the device's record. Build with [`DiagnoseOptions::new`] and set what you
/// have: `DiagnoseOptions { profile: Some(&p), ..DiagnoseOptions::new(window) }`.
#[derive(Debug, Clone)]
pub struct DiagnoseOptions<'a> {
    /// Observation window (time is passed in, never read).
    pub window: Window,
    /// The known-good reference device's record, if one was named and heard.
    pub reference: Option<&'a DeviceRecord>,
    /// The reference device's DevEUI, when one was named (even if it was never heard).
    pub reference_dev_eui: Option<DevEui>,
    /// The device profile; `None` = documented safe defaults.
    pub profile: Option<&'a Profile>,
    /// The JoinEUI registered for the device (from the keys file), when known.
    pub registered_join_eui: Option<JoinEui>,
    /// Language of the attached explanation.
    pub lang: Lang,
}

impl<'a> DiagnoseOptions<'a> {
    /// Defaults: no reference, no profile, English.
    #[must_use]
    pub fn new(window: Window) -> Self {
        Self {
            window,
            reference: None,
            reference_dev_eui: None,
            profile: None,
            registered_join_eui: None,
            lang: Lang::En,
        }
    }
}

/// What a fleet prints of a device's diagnosis: the verdict [`diagnose`] decides, and the link
/// figures it is sorted by.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// The verdict, exactly as [`diagnose`] decides it, except that an English summary made
    /// from a catalog message is not rendered yet ([`Verdict::render_summary`]).
    pub verdict: Verdict,
    /// Frames missing / (missing + received); `None` before any uplink.
    pub loss: Option<f64>,
    /// Median best-gateway link margin of the uplinks, dB.
    pub median_margin: Option<f64>,
}

/// The verdict of [`diagnose`] without the rest: no findings' texts rendered, no explanation,
/// no copies of the record (what `fleet` needs of each of thousands of devices).
#[must_use]
pub fn brief(dev_eui: DevEui, record: Option<&DeviceRecord>, opts: &DiagnoseOptions<'_>) -> Brief {
    let empty = DeviceRecord { dev_eui, ..DeviceRecord::default() };
    let facts = facts::Facts::new(dev_eui, record.unwrap_or(&empty), opts);
    // The context rules only add findings, which a brief leaves out.
    let decision = decide::decide(&facts, rules::evaluate_verdict_rules(&facts));
    Brief {
        verdict: decision.verdict,
        loss: facts.link.loss,
        median_margin: facts.link.median_margin,
    }
}

/// Diagnoses one device. `record` is `None` when the device was never seen.
#[must_use]
pub fn diagnose(
    dev_eui: DevEui,
    record: Option<&DeviceRecord>,
    opts: &DiagnoseOptions<'_>,
) -> Diagnosis {
    let empty = DeviceRecord { dev_eui, ..DeviceRecord::default() };
    let record = record.unwrap_or(&empty);
    let facts = facts::Facts::new(dev_eui, record, opts);
    let outcomes = rules::evaluate_all(&facts);
    let mut decision = decide::decide(&facts, outcomes);
    decision.verdict.render_summary();
    decision.findings.iter_mut().for_each(Finding::render_summary);
    let mut d = Diagnosis {
        schema: SCHEMA.to_string(),
        dev_eui,
        window: opts.window,
        verdict: decision.verdict,
        cause: decision.cause,
        findings: decision.findings,
        timeline: record.timeline.clone(),
        stats: record.stats.clone(),
        malformed: record.malformed.clone(),
        profile: Some(facts.profile_used()),
        reference: facts.reference.clone(),
        sufficiency: Some(decision.sufficiency),
        explanation: None,
        not_observed: record.not_observed.clone(),
    };
    let e = explain_diagnosis(&d, opts.lang);
    d.explanation =
        Some(ExplanationBlock { lang: opts.lang, meaning: e.meaning, next_steps: e.next_steps });
    d
}

#[cfg(test)]
mod tests;
