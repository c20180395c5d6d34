//! Verifying a bundle: signature and signer, report schema, file hashes, a fresh diagnosis of
//! evidence.jsonl and (with AppKeys) the join-request MICs.
//!
//! Sans-IO: the bundle's files (opened on demand, see [`files`]), the allowed_signers file, the
//! verification time and the keys are passed in. Every check runs and reports its own result,
//! so one run names every problem (which file, which check, what was expected and found).
//! Memory does not grow with the evidence: files are hashed while streamed, and the evidence
//! is diagnosed message by message.

mod evidence_check;
pub mod files;
pub mod recheck;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use self::files::{BundleFiles, MAX_REPORT_JSON, MAX_SMALL_FILE, read_small};
use super::model::{REQUIRED_KEYS, ReportDoc, SCHEMA, check_numbers, names, sha256_hex};
use crate::frame::keys::KeyStore;
use crate::profiles::Registry;
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
    /// Every file in the bundle directory, by bundle-relative path (with `/`).
    pub files: &'a dyn BundleFiles,
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
    let json = match read_small(req.files, names::REPORT_JSON, MAX_REPORT_JSON) {
        Ok(Some(json)) => json,
        Ok(None) => {
            out.checks.push(check(
                "files",
                Status::Failed,
                "report.json is missing: this is not a report bundle (or not its top directory)",
            ));
            return out;
        }
        Err(e) => {
            out.checks.push(check("files", Status::Failed, e));
            return out;
        }
    };
    let json = json.as_slice();
    let value: Option<Value> = serde_json::from_slice(json).ok();
    let claimed = value
        .as_ref()
        .and_then(|v| v.pointer("/signer/principal"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let claimed_fp =
        value.as_ref().and_then(|v| v.pointer("/signer/fingerprint")).and_then(Value::as_str);

    // 1. Signature and signer.
    match read_small(req.files, names::SIGNATURE, MAX_SMALL_FILE) {
        Ok(None) => out.checks.push(check(
            "signature",
            Status::Failed,
            "report.json.sig is missing: the bundle is not signed",
        )),
        Err(e) => out.checks.push(check("signature", Status::Failed, e)),
        Ok(Some(sig)) => match signing::verify(&sig, json) {
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
    evidence_check::check_evidence(req, &doc, value.as_ref(), &mut out.checks);
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

fn check_files(files: &dyn BundleFiles, doc: &ReportDoc) -> Check {
    let mut problems = Vec::new();
    let present: BTreeSet<String> = files.names().into_iter().collect();
    for (name, signed) in &doc.files {
        if !present.contains(name) {
            problems.push(format!("{name}: missing (listed in report.json)"));
            continue;
        }
        match files::sha256(files, name) {
            Err(e) => problems.push(format!("{name}: cannot be read: {e}")),
            Ok(found) if &found != signed => problems.push(format!(
                "{name}: changed after signing (SHA-256 signed {signed}, found {found})"
            )),
            Ok(_) => {}
        }
    }
    for name in present.iter().filter(|n| !doc.files.contains_key(*n) && !is_bundle_meta(n)) {
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
