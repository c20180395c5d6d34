//! The activation attestation: whether, how and how long activation of the device was
//! attempted, from the evidence alone (`report.json` → `activation`).
//!
//! Shops consider an RMA only once the customer has *properly attempted to activate the
//! device*. This block states it checkably; `verify` re-derives it from `evidence.jsonl`.
//!
//! Criteria (the same in every language; `docs/for-shops.md`):
//! - **mode**: `otaa` when join-requests (or join events) of the device were heard, `abp`
//!   when only data uplinks were, none when nothing was heard.
//! - **no_attempt_heard**: no join-request and no uplink of the device in the window.
//! - **configuration_fault**: the verdict's class is `configuration` (AppKey/MIC mismatch,
//!   DevEUI/JoinEUI not registered, DevNonce rejected, ABP frame counter not persisted), or,
//!   while no session followed, the JoinEUI the device sends differs from the RMA file's (or
//!   the registered one): fix that before any RMA.
//! - **properly_attempted**: no configuration fault, and either a session followed (uplinks
//!   from the device after its join, or ABP uplinks), or at least [`MIN_JOIN_REQUESTS`]
//!   join-requests over at least [`MIN_SPAN_S`] seconds and the diagnosis says the evidence
//!   suffices (its back-off based sufficiency, per the join back-off and the profile).
//! - **insufficient_evidence**: otherwise; `watch_more_seconds` says how much longer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::{self, args};
use crate::diagnosis::{Diagnosis, VerdictClass};
use crate::frame::MicStatus;
use crate::model::{JoinEui, Lang};
use crate::tracker::DeviceRecord;

/// Join-requests needed (without a session) for "properly attempted" (*choice*: a device that
/// retries at least three times shows its join loop runs, not a single boot-time try).
pub const MIN_JOIN_REQUESTS: u64 = 3;

/// Time span the join-requests must cover (without a session), seconds (*choice*: one hour,
/// the first phase of the LoRaWAN join back-off budget).
pub const MIN_SPAN_S: u64 = 3600;

/// The outcome, in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Enough attempts over a long enough time, registration and keys not at fault.
    ProperlyAttempted,
    /// Attempted, but a configuration fault was found (named in `fault`).
    ConfigurationFault,
    /// Attempted, but the evidence does not suffice yet.
    InsufficientEvidence,
    /// Nothing from the device was heard.
    NoAttemptHeard,
}

/// How the device activates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Over-the-air activation (join-requests).
    Otaa,
    /// Activation by personalisation (uplinks only).
    Abp,
}

/// The `activation` object of `report.json`. Fields that do not apply are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activation {
    /// The outcome.
    pub outcome: Outcome,
    /// OTAA or ABP; `null` when nothing was heard.
    pub mode: Option<Mode>,
    /// Join-requests heard from the device (OTAA).
    pub join_requests: Option<u64>,
    /// First join-request (OTAA) or uplink (ABP).
    pub first_at: Option<DateTime<Utc>>,
    /// Last join-request (OTAA) or uplink (ABP).
    pub last_at: Option<DateTime<Utc>>,
    /// Seconds from first to last.
    pub span_s: Option<u64>,
    /// Gateways that heard the join-requests (OTAA) or uplinks (ABP).
    pub gateways: Vec<String>,
    /// Distinct DevNonces (OTAA).
    pub dev_nonces_distinct: Option<u64>,
    /// JoinEUIs the device sent (OTAA).
    pub join_euis_sent: Vec<JoinEui>,
    /// The JoinEUI the RMA file names, when it does.
    pub join_eui_rma: Option<JoinEui>,
    /// Join-accepts the network server scheduled (OTAA).
    pub join_accepts_sent: Option<u64>,
    /// Of which the gateway reported a TX failure (OTAA).
    pub join_accepts_tx_failed: Option<u64>,
    /// Network server log codes on the join-requests (why it rejected them), with counts.
    pub rejected: BTreeMap<String, u64>,
    /// Whether the join-request MICs were checked against the registered AppKey (`--keys`).
    pub mic_checked: Option<bool>,
    /// With `mic_checked`: true when every checked MIC matched, false when one did not.
    pub mic_valid: Option<bool>,
    /// Whether a session followed (uplinks after the join, or ABP uplinks).
    pub session_established: bool,
    /// Data uplinks of the device.
    pub uplinks: u64,
    /// The configuration fault found (a verdict or finding code).
    pub fault: Option<String>,
    /// How much longer to watch, seconds (insufficient evidence).
    pub watch_more_seconds: Option<u64>,
    /// The outcome in plain English (render with [`summary`] for other languages).
    pub summary: String,
}

/// Derives the attestation from the device's record and its diagnosis.
///
/// `keys_used` says whether AppKeys were available for the MIC check; `join_eui_rma` is the
/// RMA file's JoinEUI.
#[must_use]
pub fn derive(
    record: Option<&DeviceRecord>,
    diagnosis: &Diagnosis,
    keys_used: bool,
    join_eui_rma: Option<JoinEui>,
) -> Activation {
    let empty = DeviceRecord::default();
    let r = record.unwrap_or(&empty);
    let stats = &diagnosis.stats;
    let otaa = stats.join_requests > 0 || !r.join_attempts.is_empty() || !r.app_joins.is_empty();
    let abp = !otaa && stats.uplinks > 0;
    let mode = if otaa {
        Some(Mode::Otaa)
    } else if abp {
        Some(Mode::Abp)
    } else {
        None
    };
    let times: Vec<DateTime<Utc>> = if otaa {
        r.join_attempts.iter().map(|a| a.at).collect()
    } else {
        r.uplinks.iter().map(|u| u.at).collect()
    };
    let first_at = times.iter().min().copied();
    let last_at = times.iter().max().copied();
    let span_s =
        first_at.zip(last_at).map(|(a, b)| u64::try_from((b - a).num_seconds()).unwrap_or(0));
    let gateways: BTreeSet<String> = if otaa {
        r.join_attempts
            .iter()
            .flat_map(|a| a.receptions.iter().map(|x| x.gateway.to_string()))
            .collect()
    } else {
        r.uplinks.iter().flat_map(|u| u.receptions.iter().map(|x| x.gateway.to_string())).collect()
    };
    let join_euis_sent: BTreeSet<JoinEui> = r.join_attempts.iter().map(|a| a.join_eui).collect();
    let mut rejected = BTreeMap::new();
    for code in r.join_attempts.iter().flat_map(|a| a.ns_log_codes.iter()) {
        *rejected.entry(code.clone()).or_insert(0u64) += 1;
    }
    let checked: Vec<MicStatus> =
        r.join_attempts.iter().map(|a| a.mic).filter(|m| *m != MicStatus::Unchecked).collect();
    let mic_checked = otaa.then_some(keys_used && !checked.is_empty());
    let mic_valid =
        (mic_checked == Some(true)).then(|| checked.iter().all(|m| *m == MicStatus::Valid));
    let accepted_addrs: BTreeSet<_> = r
        .join_accepts
        .iter()
        .filter_map(|a| a.decrypted.as_ref().map(|d| d.dev_addr))
        .chain(r.app_joins.iter().filter_map(|(_, _, a)| *a))
        .collect();
    let join_time =
        r.join_accepts.iter().map(|a| a.at).chain(r.app_joins.iter().map(|j| j.1)).min();
    let session_established = if otaa {
        r.uplinks
            .iter()
            .any(|u| accepted_addrs.contains(&u.dev_addr) || join_time.is_some_and(|t| u.at >= t))
    } else {
        stats.uplinks > 0
    };
    // A JoinEUI other than the RMA file's (or the registered one) is a fault only while no
    // session followed: a device that joins fine merely shows the RMA file is wrong.
    let join_eui_differs = join_eui_rma
        .is_some_and(|want| join_euis_sent.iter().any(|s| *s != want))
        || diagnosis.findings.iter().any(|f| f.code == "JOIN_EUI_MISMATCH");
    let fault = if diagnosis.verdict.class == VerdictClass::Configuration {
        serde_json::to_value(diagnosis.verdict.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
    } else if join_eui_differs && !session_established {
        Some("JOIN_EUI_MISMATCH".to_string())
    } else {
        None
    };
    let sufficient = diagnosis.sufficiency.as_ref().is_none_or(|s| s.sufficient)
        && diagnosis.verdict.class != VerdictClass::Inconclusive;
    let outcome = if mode.is_none() {
        Outcome::NoAttemptHeard
    } else if fault.is_some() {
        Outcome::ConfigurationFault
    } else if session_established
        || (stats.join_requests >= MIN_JOIN_REQUESTS
            && span_s.unwrap_or(0) >= MIN_SPAN_S
            && sufficient)
    {
        Outcome::ProperlyAttempted
    } else {
        Outcome::InsufficientEvidence
    };
    let watch_more_seconds = (outcome == Outcome::InsufficientEvidence).then(|| {
        let from_diagnosis = diagnosis.sufficiency.as_ref().and_then(|s| s.watch_more_seconds);
        let from_span = MIN_SPAN_S.saturating_sub(span_s.unwrap_or(0));
        from_diagnosis.unwrap_or(0).max(from_span)
    });
    let mut a = Activation {
        outcome,
        mode,
        join_requests: otaa.then_some(stats.join_requests),
        first_at,
        last_at,
        span_s,
        gateways: gateways.into_iter().collect(),
        dev_nonces_distinct: otaa.then_some(stats.dev_nonces_distinct),
        join_euis_sent: join_euis_sent.into_iter().collect(),
        join_eui_rma,
        join_accepts_sent: otaa.then_some(stats.join_accepts),
        join_accepts_tx_failed: otaa.then_some(stats.join_accept_tx_failed),
        rejected,
        mic_checked,
        mic_valid,
        session_established,
        uplinks: stats.uplinks,
        fault,
        watch_more_seconds,
        summary: String::new(),
    };
    a.summary = summary(Lang::En, &a);
    a
}

fn duration_words(lang: Lang, s: u64) -> String {
    let (n, id) = if s >= 2 * 86_400 {
        (s / 86_400, "activation-days")
    } else if s >= 2 * 3600 {
        (s / 3600, "activation-hours")
    } else {
        (s.div_ceil(60), "activation-minutes")
    };
    catalog::text(lang, id, &args! { "n" => n })
}

/// The outcome sentence in `lang` (same criteria, same figures in every language).
#[must_use]
pub fn summary(lang: Lang, a: &Activation) -> String {
    let id = match a.outcome {
        Outcome::ProperlyAttempted => "activation-properly-attempted",
        Outcome::ConfigurationFault => "activation-configuration-fault",
        Outcome::InsufficientEvidence => "activation-insufficient-evidence",
        Outcome::NoAttemptHeard => "activation-no-attempt-heard",
    };
    catalog::text(
        lang,
        id,
        &args! {
            "n" => a.join_requests.unwrap_or(a.uplinks),
            "span" => duration_words(lang, a.span_s.unwrap_or(0)),
            "more" => duration_words(lang, a.watch_more_seconds.unwrap_or(0)),
            "fault" => a.fault.clone().unwrap_or_default(),
        },
    )
}

/// Compares the signed attestation with the one re-derived from the evidence.
///
/// `keys_missing`: the report was made with `--keys` and `verify` has none; then the MIC
/// fields (and what only they decide) are reported as not re-checked instead of compared.
///
/// # Errors
/// What differs, when anything else does.
pub fn recheck(
    signed: Option<&Activation>,
    fresh: &Activation,
    keys_missing: bool,
) -> Result<String, String> {
    let Some(signed) = signed else {
        return Err("report.json has no activation attestation: the report predates it or it \
                    was removed; make the report again with this rmacheck"
            .into());
    };
    if signed == fresh {
        return Ok(format!(
            "re-derived from evidence.jsonl, equals the signed one: {}",
            outcome_code(signed.outcome)
        ));
    }
    // Without the AppKeys the MIC fields and the verdict-derived outcome cannot be re-checked;
    // every figure heard on the air still must match.
    let without_keys = |a: &Activation| Activation {
        outcome: Outcome::NoAttemptHeard,
        mic_checked: None,
        mic_valid: None,
        fault: None,
        watch_more_seconds: None,
        summary: String::new(),
        ..a.clone()
    };
    if keys_missing && without_keys(signed) == without_keys(fresh) {
        let unchecked = if signed.outcome == fresh.outcome {
            "the MIC check".to_string()
        } else {
            format!(
                "the MIC check and the outcome {} that depends on it",
                outcome_code(signed.outcome)
            )
        };
        return Ok(format!(
            "re-derived from evidence.jsonl: every figure heard on the air equals the signed one; \
             not re-checked without AppKeys: {unchecked} (pass --keys FILE.toml)"
        ));
    }
    let a = serde_json::to_value(signed).unwrap_or_default();
    let b = serde_json::to_value(fresh).unwrap_or_default();
    let diff = super::diff::first_difference("activation", &a, &b);
    if keys_missing {
        Err(format!(
            "the attestation re-derived without AppKeys differs at {diff}; pass --keys FILE.toml \
             to re-check the parts that depend on them"
        ))
    } else {
        Err(format!("the attestation re-derived from evidence.jsonl differs at {diff}"))
    }
}

/// The contract spelling of an outcome.
#[must_use]
pub fn outcome_code(o: Outcome) -> String {
    serde_json::to_value(o).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The heading of the attestation block in `lang`.
#[must_use]
pub fn heading(lang: Lang) -> String {
    catalog::plain(lang, "activation-heading")
}

#[cfg(test)]
mod tests;
