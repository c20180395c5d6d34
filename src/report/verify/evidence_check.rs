//! The evidence checks of `verify`: a fresh diagnosis of `evidence.jsonl`, streamed message by
//! message, compared part by part with the signed one ([`super::recheck`]); the activation
//! attestation; with AppKeys the join-request MICs.

use std::collections::BTreeSet;

use serde_json::Value;

use super::files::EvidenceStream;
use super::recheck::{self, Without};
use super::{Check, Status, VerifyRequest, check};
use crate::adapters::{self, Decoded};
use crate::frame::MicStatus;
use crate::frame::keys::KeyStore;
use crate::model::EventBody;
use crate::profiles::Profile;
use crate::report::evidence::{self, AnalyseOptions, Analysis};
use crate::report::model::{ProfileRef, ReportDoc, names};

/// One streamed analysis of `evidence.jsonl`: the analysis and the number of messages.
fn analyse(req: &VerifyRequest<'_>, opts: &AnalyseOptions<'_>) -> Result<(Analysis, u64), String> {
    let reader = req.files.open(names::EVIDENCE).map_err(|e| format!("evidence.jsonl: {e}"))?;
    let mut stream = EvidenceStream::new(reader);
    let analysis = evidence::analyse(&mut stream, opts);
    let count = stream.finish().map_err(|e| e.to_string())?;
    Ok((analysis, count))
}

/// Of the `stray` evidence lines (not the device's without the AppKeys), those that only the
/// device's session can attribute: frames and downlinks on gateway topics (known by DevAddr,
/// or matched by decrypting the join-accept). `Err` lists the others (at most five, 1-based).
fn session_only(req: &VerifyRequest<'_>, stray: &BTreeSet<u64>) -> Result<BTreeSet<u64>, String> {
    let reader = req.files.open(names::EVIDENCE).map_err(|e| format!("evidence.jsonl: {e}"))?;
    let mut others = Vec::new();
    let last = stray.last().copied().unwrap_or_default();
    for (i, m) in EvidenceStream::new(reader).enumerate() {
        let i = i as u64;
        if i > last {
            break;
        }
        if !stray.contains(&i) {
            continue;
        }
        let gateway_frames = match adapters::decode(&m.topic, &m.payload, m.received_at) {
            Decoded::Events { events, .. } => {
                !events.is_empty()
                    && events.iter().all(|e| {
                        matches!(
                            e,
                            EventBody::GatewayUplink { .. }
                                | EventBody::GatewayDownlink { .. }
                                | EventBody::GatewayTxAck { .. }
                        )
                    })
            }
            _ => false,
        };
        if !gateway_frames && others.len() < 5 {
            others.push((i + 1).to_string());
        }
    }
    if others.is_empty() { Ok(stray.clone()) } else { Err(others.join(", ")) }
}

/// The profile the report was made with: it must be known here, with the same content.
fn profile<'p>(req: &VerifyRequest<'p>, doc: &ReportDoc) -> (Option<&'p Profile>, Option<String>) {
    let Some(p) = &doc.profile else { return (None, None) };
    match req.profiles.get(&p.id) {
        Ok(found) if ProfileRef::of(found).sha256 == p.sha256 => (Some(found), None),
        Ok(found) => (
            Some(found),
            Some(format!(
                "device profile {} here differs from the one the report was made with (SHA-256 {}); set RMACHECK_PROFILES_DIR to a directory with the original {}.yaml",
                p.id, p.sha256, p.id
            )),
        ),
        Err(_) => (
            None,
            Some(format!(
                "device profile {} is not known here; set RMACHECK_PROFILES_DIR to a directory with {}.yaml",
                p.id, p.id
            )),
        ),
    }
}

/// Runs the evidence checks, appending them to `checks`.
pub(super) fn check_evidence(
    req: &VerifyRequest<'_>,
    doc: &ReportDoc,
    value: Option<&Value>,
    checks: &mut Vec<Check>,
) {
    if !req.files.contains(names::EVIDENCE) {
        checks.push(check(
            "diagnosis",
            Status::Failed,
            "evidence.jsonl is missing: nothing to re-diagnose",
        ));
        return;
    }
    let dev_eui = doc.diagnosis.dev_eui;
    let reference = doc.reference.as_ref().map(|r| r.dev_eui);
    let (profile, unreproducible) = profile(req, doc);
    let none = KeyStore::new();
    let keys_missing = doc.keys_supplied && req.keys.is_none();
    let diag_keys = if doc.keys_supplied { req.keys.unwrap_or(&none) } else { &none };
    let opts = AnalyseOptions {
        dev_eui,
        reference,
        keys: diag_keys,
        window: doc.window,
        profile,
        lang: doc.lang,
        join_eui_rma: doc.rma.join_eui,
        capture: Some(&doc.capture),
    };
    let (fresh, count) = match analyse(req, &opts) {
        Ok(r) => r,
        Err(e) => {
            checks.push(check("diagnosis", Status::Failed, e));
            return;
        }
    };
    checks.push(
        match crate::report::activation::recheck(
            doc.activation.as_ref(),
            &fresh.activation,
            keys_missing,
        ) {
            Ok(detail) => check("activation", Status::Ok, detail),
            Err(detail) => check("activation", Status::Failed, detail),
        },
    );
    let mut problems = Vec::new();
    if doc.evidence.messages != count {
        problems.push(format!(
            "report.json says evidence.jsonl holds {} messages, it holds {count}",
            doc.evidence.messages
        ));
    }
    let stray: BTreeSet<u64> = (0..count).filter(|i| !fresh.evidence_indices.contains(i)).collect();
    let mut without = Without {
        keys_missing,
        session_only: BTreeSet::new(),
        malformed_from_capture: doc.capture.malformed_messages.is_some(),
    };
    if !stray.is_empty() {
        let listed = || stray.iter().take(5).map(|i| (i + 1).to_string()).collect::<Vec<_>>();
        let not_about = |lines: String| {
            format!(
                "evidence.jsonl lines {lines} are not about device {dev_eui}{}",
                reference.map(|r| format!(" or reference device {r}")).unwrap_or_default()
            )
        };
        match (keys_missing, keys_missing.then(|| session_only(req, &stray))) {
            (true, Some(Ok(lines))) => without.session_only = lines,
            (true, Some(Err(lines))) => problems.push(not_about(lines)),
            _ => problems.push(not_about(listed().join(", "))),
        }
    }
    let signed = value.and_then(|v| v.get("diagnosis")).cloned().unwrap_or(Value::Null);
    let fresh_value = serde_jcs::to_vec(&fresh.diagnosis)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .unwrap_or(Value::Null);
    let parts = recheck::compare(&signed, &fresh_value, &without);
    if !parts.failed.is_empty() {
        let version_note = if doc.tool.version == env!("CARGO_PKG_VERSION") {
            String::new()
        } else {
            format!(
                " (the report was made with rmacheck {}, this is {}; diagnosis rules may differ)",
                doc.tool.version,
                env!("CARGO_PKG_VERSION")
            )
        };
        match (&unreproducible, problems.is_empty()) {
            (Some(why), true) => checks.push(check(
                "diagnosis",
                Status::Skipped,
                format!(
                    "not reproducible here: the fresh diagnosis differs at {}; {why}",
                    parts.failed[0]
                ),
            )),
            _ => problems.extend(parts.failed.iter().map(|d| {
                format!("the fresh diagnosis of evidence.jsonl differs from the signed one at {d}{version_note}")
            })),
        }
    }
    if !problems.is_empty() {
        checks.push(check("diagnosis", Status::Failed, problems.join("\n")));
    } else if !checks.iter().any(|c| c.name == "diagnosis") {
        let how = if keys_missing { " without the AppKeys" } else { "" };
        checks.push(check(
            "diagnosis",
            Status::Ok,
            format!(
                "fresh diagnosis of evidence.jsonl ({count} messages){how} re-checks the signed one: {}{}",
                parts.rechecked.join("; "),
                if parts.from_capture.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; taken from the signed capture block (not in evidence.jsonl), not re-checked: {}",
                        parts.from_capture.join("; ")
                    )
                }
            ),
        ));
        if !parts.not_rechecked.is_empty() {
            checks.push(check(
                "appkeys",
                Status::Skipped,
                format!(
                    "not re-checked, the report was made with AppKeys (--keys): {}; pass --keys FILE.toml to re-check them",
                    parts.not_rechecked.join("; ")
                ),
            ));
        }
    }

    if let Some(keys) = req.keys {
        let with_keys = if doc.keys_supplied {
            Ok((fresh, count))
        } else {
            analyse(req, &AnalyseOptions { keys, ..opts })
        };
        checks.push(match with_keys {
            Ok((a, _)) => check_mics(keys, dev_eui, &a.join_mics, &doc.diagnosis.verdict.code),
            Err(e) => check("mic", Status::Failed, e),
        });
    }
}

fn check_mics(
    keys: &KeyStore,
    dev_eui: crate::model::DevEui,
    mics: &[(u64, MicStatus)],
    signed_verdict: &crate::diagnosis::VerdictCode,
) -> Check {
    if keys.get(&dev_eui).is_none() {
        return check("mic", Status::Skipped, format!("the keys file has no AppKey for {dev_eui}"));
    }
    if mics.is_empty() {
        return check("mic", Status::Skipped, "no join requests of the device in evidence.jsonl");
    }
    let valid = mics.iter().filter(|(_, m)| *m == MicStatus::Valid).count();
    let invalid: Vec<u64> =
        mics.iter().filter(|(_, m)| *m == MicStatus::Invalid).map(|(i, _)| *i).collect();
    let total = mics.len();
    if invalid.is_empty() {
        return check(
            "mic",
            Status::Ok,
            format!(
                "{valid} of {total} join requests carry a valid MIC for the AppKey of {dev_eui}: they were made by a device holding that key"
            ),
        );
    }
    let lines: Vec<String> = invalid.iter().take(5).map(|i| (i + 1).to_string()).collect();
    if *signed_verdict == crate::diagnosis::VerdictCode::JoinKeyMismatch {
        return check(
            "mic",
            Status::Ok,
            format!(
                "{} of {total} join requests fail the MIC with the AppKey of {dev_eui} (evidence.jsonl lines {}): consistent with the signed verdict JOIN_KEY_MISMATCH",
                invalid.len(),
                lines.join(", ")
            ),
        );
    }
    check(
        "mic",
        Status::Failed,
        format!(
            "{} of {total} join requests fail the MIC with the AppKey of {dev_eui} (evidence.jsonl lines {}): they were not made with that key, yet the signed verdict is not JOIN_KEY_MISMATCH",
            invalid.len(),
            lines.join(", ")
        ),
    )
}
