//! Verifying a bundle: signature and signer, report schema, file hashes, a fresh diagnosis of
//! evidence.jsonl and (with AppKeys) the join-request MICs.
//!
//! Sans-IO: the bundle's files, the allowed_signers file, the verification time and the keys
//! are passed in. Every check runs and reports its own result, so one run names every problem
//! (which file, which check, what was expected and found).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::evidence::{self, AnalyseOptions};
use super::model::{
    ProfileRef, REQUIRED_KEYS, ReportDoc, SCHEMA, check_numbers, names, sha256_hex,
};
use crate::frame::MicStatus;
use crate::frame::keys::KeyStore;
use crate::profiles::{Profile, Registry};
use crate::signing::allowed_signers::Rejected;
use crate::signing::{self, AllowedSigners, NAMESPACE, SignerMatch};

/// Result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Passed.
    Ok,
    /// Failed: the bundle is not what it claims.
    Failed,
    /// Could not be performed (the reason says what would make it possible).
    Skipped,
}

/// One check and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// `signature`, `schema`, `files`, `diagnosis`, `mic`.
    pub name: &'static str,
    /// Outcome.
    pub status: Status,
    /// What was checked / what is wrong (one line per problem).
    pub detail: String,
}

/// What to check against.
#[derive(Debug, Clone, Copy)]
pub struct VerifyRequest<'a> {
    /// Bundle-relative path (with `/`) → bytes, for every file in the bundle directory.
    pub files: &'a BTreeMap<String, Vec<u8>>,
    /// The trusted signers; `None` checks integrity only (the signer stays unverified).
    pub allowed_signers: Option<&'a AllowedSigners>,
    /// Require this principal (`ssh-keygen -I`); default: any principal the file lists for
    /// the signing key (`ssh-keygen -Y find-principals`).
    pub principal: Option<&'a str>,
    /// Verification time (ssh-keygen: now).
    pub now: DateTime<Utc>,
    /// AppKeys to re-check the join-request MICs with.
    pub keys: Option<&'a KeyStore>,
    /// Known device profiles (for reports made with `--profile`).
    pub profiles: &'a Registry,
}

/// The result of verifying a bundle.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// A principal the signature is accepted for, usable as `ssh-keygen -I` (the one asked
    /// for, else the one report.json names when a matching line lists it, else the first).
    pub principal: Option<String>,
    /// Every principal the signature is accepted for (one per matching line).
    pub principals: Vec<String>,
    /// Fingerprint of the signing key.
    pub fingerprint: Option<String>,
    /// The signed document, when it could be read.
    pub doc: Option<ReportDoc>,
}

impl Outcome {
    /// True when no check failed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::Failed)
    }
    /// True when no check failed and a trusted signer was established: only then is the
    /// bundle "verified".
    #[must_use]
    pub fn verified(&self) -> bool {
        self.passed() && !self.principals.is_empty()
    }
    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.status == Status::Failed)
    }
}

fn check(name: &'static str, status: Status, detail: impl Into<String>) -> Check {
    Check { name, status, detail: detail.into() }
}

/// Verifies a bundle.
#[must_use]
pub fn verify(req: &VerifyRequest<'_>) -> Outcome {
    let mut out = Outcome {
        checks: Vec::new(),
        principal: None,
        principals: Vec::new(),
        fingerprint: None,
        doc: None,
    };
    let Some(json) = req.files.get(names::REPORT_JSON) else {
        out.checks.push(check(
            "files",
            Status::Failed,
            "report.json is missing: this is not a report bundle (or not its top directory)",
        ));
        return out;
    };
    let value: Option<Value> = serde_json::from_slice(json).ok();
    let claimed = value
        .as_ref()
        .and_then(|v| v.pointer("/signer/principal"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let claimed_fp =
        value.as_ref().and_then(|v| v.pointer("/signer/fingerprint")).and_then(Value::as_str);

    // 1. Signature and signer.
    match req.files.get(names::SIGNATURE) {
        None => out.checks.push(check(
            "signature",
            Status::Failed,
            "report.json.sig is missing: the bundle is not signed",
        )),
        Some(sig) => match signing::verify(sig, json) {
            Err(e) => {
                out.checks.push(check("signature", Status::Failed, format!("report.json.sig: {e}")))
            }
            Ok(info) => {
                out.fingerprint = Some(info.fingerprint.clone());
                let mut problems = Vec::new();
                if claimed_fp.is_some_and(|fp| fp != info.fingerprint) {
                    problems.push(format!(
                        "report.json names signer {} but the signature was made with key {}",
                        claimed_fp.unwrap_or_default(),
                        info.fingerprint
                    ));
                }
                match trust(req, &info.public_key) {
                    Trust::Unchecked => {
                        if problems.is_empty() {
                            out.checks.push(check(
                                "signature",
                                Status::Ok,
                                format!(
                                    "intact: a valid \"{NAMESPACE}\" signature with ED25519 key {}",
                                    info.fingerprint
                                ),
                            ));
                        }
                        out.checks.push(check(
                            "signer",
                            Status::Skipped,
                            "not checked: pass --allowed-signers FILE with the signers you trust \
                             (a bundle's own allowed_signers file proves nothing about who made it)",
                        ));
                    }
                    Trust::Accepted(matches) => {
                        out.principals = matches.iter().map(|m| m.principal.clone()).collect();
                        out.principal = pick_principal(&matches, claimed.as_deref());
                        if problems.is_empty() {
                            let lines: Vec<String> =
                                matches.iter().map(|m| m.line.to_string()).collect();
                            out.checks.push(check(
                                "signature",
                                Status::Ok,
                                format!(
                                    "Good \"{NAMESPACE}\" signature for {} with ED25519 key {} (allowed_signers line {})",
                                    out.principals.join(", "),
                                    info.fingerprint,
                                    lines.join(", ")
                                ),
                            ));
                        }
                    }
                    Trust::Rejected(rejected) => problems.push(format!(
                        "signature by {} is valid but not trusted: {rejected}",
                        info.fingerprint
                    )),
                }
                if !problems.is_empty() {
                    out.checks.push(check("signature", Status::Failed, problems.join("\n")));
                }
            }
        },
    }

    // 2. Schema.
    let doc = match check_schema(json, value.as_ref()) {
        Ok(doc) => {
            out.checks.push(check(
                "schema",
                Status::Ok,
                format!("{SCHEMA}, canonical JSON (RFC 8785)"),
            ));
            doc
        }
        Err(problems) => {
            out.checks.push(check("schema", Status::Failed, problems.join("\n")));
            return out;
        }
    };

    // 3. Files.
    out.checks.push(check_files(req.files, &doc));

    // 4. Fresh diagnosis, 5. MICs.
    check_evidence(req, &doc, value.as_ref(), &mut out.checks);
    out.doc = Some(doc);
    out
}

enum Trust {
    Unchecked,
    Accepted(Vec<SignerMatch>),
    Rejected(Rejected),
}

fn trust(req: &VerifyRequest<'_>, key: &ssh_key::PublicKey) -> Trust {
    let Some(signers) = req.allowed_signers else {
        return Trust::Unchecked;
    };
    let result = match req.principal {
        Some(p) => signers.check(key, p, req.now).map(|m| vec![m]),
        None => signers.find_principals(key, req.now),
    };
    match result {
        Ok(m) => Trust::Accepted(m),
        Err(r) => Trust::Rejected(r),
    }
}

/// The principal to print in the `ssh-keygen -I` command: one that verifies. The one report.json
/// names when a matching line's patterns accept it, else the first match's.
#[must_use]
pub fn pick_principal(matches: &[SignerMatch], claimed: Option<&str>) -> Option<String> {
    claimed
        .filter(|c| {
            matches
                .iter()
                .any(|m| crate::signing::allowed_signers::match_pattern_list(c, &m.principals) == 1)
        })
        .map(str::to_string)
        .or_else(|| matches.first().map(|m| m.principal.clone()))
}

fn check_schema(json: &[u8], value: Option<&Value>) -> Result<ReportDoc, Vec<String>> {
    let Some(v) = value else {
        return Err(vec!["report.json is not valid JSON".into()]);
    };
    let mut problems = Vec::new();
    let Some(obj) = v.as_object() else {
        return Err(vec!["report.json is not a JSON object".into()]);
    };
    match obj.get("schema").and_then(Value::as_str) {
        Some(SCHEMA) => {}
        Some(other) => problems.push(format!(
            "report.json has schema \"{other}\", this rmacheck reads \"{SCHEMA}\": use a matching rmacheck version"
        )),
        None => problems.push("report.json has no \"schema\" key".into()),
    }
    let missing: Vec<&str> =
        REQUIRED_KEYS.iter().copied().filter(|k| !obj.contains_key(*k)).collect();
    if !missing.is_empty() {
        problems.push(format!("report.json lacks required keys: {}", missing.join(", ")));
    }
    if let Err(path) = check_numbers(v) {
        problems.push(format!("report.json has a number JCS cannot represent exactly: {path}"));
    }
    match serde_jcs::to_vec(v) {
        Ok(canonical) if canonical == json => {}
        Ok(_) => problems.push(
            "report.json is not in canonical form (RFC 8785): it was re-formatted after signing"
                .into(),
        ),
        Err(e) => problems.push(format!("report.json cannot be canonicalised: {e}")),
    }
    if let (Some(d), Some(h)) =
        (obj.get("diagnosis"), obj.get("diagnosis_sha256").and_then(Value::as_str))
    {
        let actual = serde_jcs::to_vec(d).map(|b| sha256_hex(&b)).unwrap_or_default();
        if actual != h {
            problems.push(format!("diagnosis_sha256 is {h}, the diagnosis hashes to {actual}"));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value::<ReportDoc>(v.clone())
        .map_err(|e| vec![format!("report.json does not match {SCHEMA}: {e}")])
}

fn is_bundle_meta(name: &str) -> bool {
    [names::REPORT_JSON, names::SIGNATURE, names::ALLOWED_SIGNERS].contains(&name)
}

fn check_files(files: &BTreeMap<String, Vec<u8>>, doc: &ReportDoc) -> Check {
    let mut problems = Vec::new();
    for (name, signed) in &doc.files {
        match files.get(name) {
            None => problems.push(format!("{name}: missing (listed in report.json)")),
            Some(bytes) => {
                let found = sha256_hex(bytes);
                if &found != signed {
                    problems.push(format!(
                        "{name}: changed after signing (SHA-256 signed {signed}, found {found})"
                    ));
                }
            }
        }
    }
    for name in files.keys().filter(|n| !doc.files.contains_key(*n) && !is_bundle_meta(n)) {
        problems.push(format!("{name}: extra file, not covered by the signature"));
    }
    if problems.is_empty() {
        check(
            "files",
            Status::Ok,
            format!(
                "{} files match their signed SHA-256 ({})",
                doc.files.len(),
                doc.files.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        )
    } else {
        check("files", Status::Failed, problems.join("\n"))
    }
}

fn check_evidence(
    req: &VerifyRequest<'_>,
    doc: &ReportDoc,
    value: Option<&Value>,
    checks: &mut Vec<Check>,
) {
    let Some(bytes) = req.files.get(names::EVIDENCE) else {
        checks.push(check(
            "diagnosis",
            Status::Failed,
            "evidence.jsonl is missing: nothing to re-diagnose",
        ));
        return;
    };
    let messages = match evidence::read_evidence(bytes) {
        Ok(m) => m,
        Err(e) => {
            checks.push(check("diagnosis", Status::Failed, e.to_string()));
            return;
        }
    };
    let dev_eui = doc.diagnosis.dev_eui;
    let reference = doc.reference.as_ref().map(|r| r.dev_eui);
    // The profile the report was made with: it must be known here, with the same content.
    let mut reproducible = None;
    let profile: Option<&Profile> = match &doc.profile {
        None => None,
        Some(p) => match req.profiles.get(&p.id) {
            Ok(found) if ProfileRef::of(found).sha256 == p.sha256 => Some(found),
            Ok(found) => {
                reproducible = Some(format!(
                    "device profile {} here differs from the one the report was made with (SHA-256 {}); set RMACHECK_PROFILES_DIR to a directory with the original {}.yaml",
                    p.id, p.sha256, p.id
                ));
                Some(found)
            }
            Err(_) => {
                reproducible = Some(format!(
                    "device profile {} is not known here; set RMACHECK_PROFILES_DIR to a directory with {}.yaml",
                    p.id, p.id
                ));
                None
            }
        },
    };
    let none = KeyStore::new();
    let diag_keys = if doc.keys_supplied { req.keys.unwrap_or(&none) } else { &none };
    if doc.keys_supplied && req.keys.is_none() && reproducible.is_none() {
        reproducible = Some(
            "the report was made with AppKeys (--keys); pass --keys FILE.toml to re-run it".into(),
        );
    }
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
    let fresh = evidence::analyse(&messages, &opts);
    let keys_missing = doc.keys_supplied && req.keys.is_none();
    checks.push(
        match super::activation::recheck(doc.activation.as_ref(), &fresh.activation, keys_missing) {
            Ok(detail) => check("activation", Status::Ok, detail),
            Err(detail) => check("activation", Status::Failed, detail),
        },
    );
    let signed = value.and_then(|v| v.get("diagnosis")).cloned().unwrap_or(Value::Null);
    let fresh_value = serde_jcs::to_vec(&fresh.diagnosis)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .unwrap_or(Value::Null);
    let mut problems = Vec::new();
    if doc.evidence.messages != messages.len() as u64 {
        problems.push(format!(
            "report.json says evidence.jsonl holds {} messages, it holds {}",
            doc.evidence.messages,
            messages.len()
        ));
    }
    let stray: Vec<String> = (0..messages.len() as u64)
        .filter(|i| !fresh.evidence_indices.contains(i))
        .take(5)
        .map(|i| (i + 1).to_string())
        .collect();
    if !stray.is_empty() {
        problems.push(format!(
            "evidence.jsonl lines {} are not about device {dev_eui}{}",
            stray.join(", "),
            reference.map(|r| format!(" or reference device {r}")).unwrap_or_default()
        ));
    }
    if fresh_value != signed {
        let diff = first_difference("diagnosis", &signed, &fresh_value);
        let version_note = if doc.tool.version == env!("CARGO_PKG_VERSION") {
            String::new()
        } else {
            format!(
                " (the report was made with rmacheck {}, this is {}; diagnosis rules may differ)",
                doc.tool.version,
                env!("CARGO_PKG_VERSION")
            )
        };
        match (&reproducible, stray.is_empty()) {
            (Some(why), true) => checks.push(check(
                "diagnosis",
                Status::Skipped,
                format!("not reproducible here: the fresh diagnosis differs at {diff}; {why}"),
            )),
            _ => problems.push(format!(
                "the fresh diagnosis of evidence.jsonl differs from the signed one at {diff}{version_note}"
            )),
        }
    }
    if !problems.is_empty() {
        checks.push(check("diagnosis", Status::Failed, problems.join("\n")));
    } else if !checks.iter().any(|c| c.name == "diagnosis") {
        let code = serde_json::to_value(fresh.diagnosis.verdict.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        checks.push(check(
            "diagnosis",
            Status::Ok,
            format!(
                "fresh diagnosis of evidence.jsonl ({} messages) equals the signed one: {code}",
                messages.len()
            ),
        ));
    }

    if let Some(keys) = req.keys {
        let with_keys = if doc.keys_supplied {
            fresh
        } else {
            evidence::analyse(&messages, &AnalyseOptions { keys, ..opts })
        };
        checks.push(check_mics(keys, dev_eui, &with_keys.join_mics, &doc.diagnosis.verdict.code));
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

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(90).collect::<String>())
    } else {
        s
    }
}

/// The first JSON path where `signed` and `fresh` differ, with both values.
#[must_use]
pub fn first_difference(path: &str, signed: &Value, fresh: &Value) -> String {
    match (signed, fresh) {
        (Value::Object(a), Value::Object(b)) => {
            // Most telling parts first.
            let mut keys: Vec<&String> =
                a.keys().chain(b.keys()).collect::<BTreeSet<_>>().into_iter().collect();
            let rank = |k: &str| {
                ["verdict", "findings", "stats", "window", "timeline"]
                    .iter()
                    .position(|x| *x == k)
                    .unwrap_or(9)
            };
            keys.sort_by_key(|k| rank(k));
            for k in keys {
                let (x, y) = (a.get(k).unwrap_or(&Value::Null), b.get(k).unwrap_or(&Value::Null));
                if x != y {
                    return first_difference(&format!("{path}.{k}"), x, y);
                }
            }
            format!("{path}: (no difference)")
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x != y {
                    return first_difference(&format!("{path}[{i}]"), x, y);
                }
            }
            format!("{path}: (no difference)")
        }
        (Value::Array(a), Value::Array(b)) => {
            format!("{path}: signed {} entries, fresh {}", a.len(), b.len())
        }
        _ => format!("{path}: signed {}, fresh {}", short(signed), short(fresh)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_difference_names_the_telling_path() {
        let a =
            json!({"timeline": [1, 2], "verdict": {"code": "HEALTHY"}, "stats": {"uplinks": 3}});
        let b = json!({"timeline": [1, 3], "verdict": {"code": "POOR_COVERAGE"}, "stats": {"uplinks": 2}});
        assert_eq!(
            first_difference("diagnosis", &a, &b),
            "diagnosis.verdict.code: signed \"HEALTHY\", fresh \"POOR_COVERAGE\""
        );
        let c = json!({"timeline": [1, 2, 3]});
        assert_eq!(
            first_difference(
                "d",
                &a,
                &json!({"timeline": [1, 2], "verdict": {"code": "HEALTHY"}, "stats": {"uplinks": 4}})
            ),
            "d.stats.uplinks: signed 3, fresh 4"
        );
        assert_eq!(
            first_difference("d", &json!({"timeline": [1]}), &c),
            "d.timeline: signed 1 entries, fresh 3"
        );
    }
}
