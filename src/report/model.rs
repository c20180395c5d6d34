//! The signed document `report.json` (schema `rmacheck.report.v1`).
//!
//! - Serialised once with RFC 8785 (JCS, `serde_jcs`); those exact bytes are signed and shipped.
//! - Every JSON number is an integer of magnitude below 2^53 or a finite double (JCS treats all
//!   numbers as IEEE-754 doubles); [`check_numbers`] enforces it before signing.
//! - `files` maps every other bundle file (bundle-relative path with `/`) to its SHA-256.
//! - No key material: `keys_supplied` only says whether AppKeys were used for MIC checks.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::rma::{PhotoView, Rma};
use super::warranty::Warranty;
use crate::diagnosis::Diagnosis;
use crate::model::{DevEui, JoinEui, Lang};
use crate::tracker::Window;

/// Schema name of `report.json`.
pub const SCHEMA: &str = "rmacheck.report.v1";

/// Top-level keys every `report.json` must have.
pub const REQUIRED_KEYS: [&str; 12] = [
    "schema",
    "generated_at",
    "tool",
    "rma",
    "warranty",
    "diagnosis",
    "diagnosis_sha256",
    "profile",
    "window",
    "evidence",
    "signer",
    "files",
];

/// The bundle's file names.
pub mod names {
    /// The signed document.
    pub const REPORT_JSON: &str = "report.json";
    /// Its SSHSIG signature.
    pub const SIGNATURE: &str = "report.json.sig";
    /// The printable report.
    pub const REPORT_HTML: &str = "report.html";
    /// The ticket-ready report.
    pub const REPORT_MD: &str = "report.md";
    /// The device's messages (capture format).
    pub const EVIDENCE: &str = "evidence.jsonl";
    /// Optional trust file next to a demo bundle.
    pub const ALLOWED_SIGNERS: &str = "allowed_signers";
    /// Directory of the photos.
    pub const PHOTOS_DIR: &str = "photos";
}

/// The tool that made the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// `rmacheck`.
    pub name: String,
    /// Its version.
    pub version: String,
}

impl Tool {
    /// This build.
    #[must_use]
    pub fn this() -> Self {
        Self { name: "rmacheck".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// Who signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// `SHA256:…` fingerprint of the signing key.
    pub fingerprint: String,
    /// The principal the signer names itself (the key's comment), when usable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The public key, `ssh-ed25519 AAAA…`.
    pub public_key: String,
}

/// The device profile a report was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRef {
    /// Profile ID (`rmacheck profiles list`).
    pub id: String,
    /// `vendor model (region)`.
    pub title: String,
    /// SHA-256 of the profile's content in canonical JSON, so `verify` can tell a changed profile.
    pub sha256: String,
}

impl ProfileRef {
    /// Describes a loaded profile.
    #[must_use]
    pub fn of(p: &crate::profiles::Profile) -> Self {
        Self {
            id: p.id.clone(),
            title: p.title(),
            sha256: serde_jcs::to_vec(&p.file).map(|b| sha256_hex(&b)).unwrap_or_default(),
        }
    }
}

/// What `evidence.jsonl` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceInfo {
    /// `evidence.jsonl`.
    pub file: String,
    /// Messages in it.
    pub messages: u64,
    /// Of which concern the device.
    pub device_messages: u64,
    /// Of which concern only the reference device.
    pub reference_messages: u64,
}

/// The known-good reference device whose messages are included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceInfo {
    /// Its DevEUI.
    pub dev_eui: DevEui,
    /// Its messages in `evidence.jsonl`.
    pub messages: u64,
}

/// One input capture file (informational).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureFileInfo {
    /// File name (without directories).
    pub name: String,
    /// Messages read.
    pub messages: u64,
    /// Lines that could not be read (skipped).
    pub unreadable_lines: u64,
}

/// The input captures (informational; the diagnosis is computed from `evidence.jsonl`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureInfo {
    /// Per input file.
    pub files: Vec<CaptureFileInfo>,
    /// Messages in all files.
    pub messages: u64,
    /// Payloads that could not be decoded, per source.
    pub malformed_by_source: BTreeMap<String, u64>,
    /// Messages and lines that could not be decoded or read, all sources: what `diagnose`
    /// counts as `stats.malformed_messages` for the same input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub malformed_messages: Option<u64>,
    /// The first of them with their reasons, as `diagnose` lists them (indices are positions
    /// in the input captures).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub malformed: Vec<crate::tracker::MalformedMessage>,
}

/// Something the reader of the report should know (translated by the renderers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Warning {
    /// No photo of this view was attached.
    PhotoMissing {
        /// The missing view.
        view: PhotoView,
    },
    /// The RMA file's JoinEUI differs from the one the device sends.
    JoinEuiMismatch {
        /// As written in the RMA file.
        rma: JoinEui,
        /// As seen in the join-requests.
        observed: JoinEui,
    },
    /// Reason `withdrawal`, but the withdrawal period is over.
    WithdrawalPeriodOver {
        /// Its last day.
        ended: NaiveDate,
    },
    /// Reason `defect`, but the statutory liability period is over.
    LiabilityPeriodOver {
        /// Its last day.
        ended: NaiveDate,
    },
    /// The reference device was not heard.
    ReferenceNotHeard {
        /// Its DevEUI.
        dev_eui: DevEui,
    },
    /// Some capture lines could not be read.
    UnreadableLines {
        /// How many.
        lines: u64,
    },
    /// Reason `defect`, but the verdict blames configuration, network or coverage: the shop
    /// will likely refuse and may bill the diagnosis.
    DefectNotShown {
        /// The verdict code.
        verdict: String,
        /// Its class.
        class: String,
    },
    /// `factory_reset = false`: shops bill resetting and unlinking.
    FactoryResetMissing,
    /// A description field shops require is empty (`before`, `steps_taken`).
    DescriptionMissing {
        /// The field.
        field: String,
    },
    /// Reason `wrong_order`, but the device has traffic: it was put into operation.
    WrongOrderUsed {
        /// Messages heard from it.
        messages: u64,
    },
    /// The device reached the number of messages a report keeps as evidence
    /// ([`LIMITS`](crate::tracker::LIMITS)`.evidence`): `evidence.jsonl` holds its first ones
    /// and the diagnosis covers only those.
    EvidenceLimited {
        /// The device's messages kept.
        messages: u64,
    },
}

/// The signed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDoc {
    /// [`SCHEMA`].
    pub schema: String,
    /// When the report was made (UTC).
    pub generated_at: DateTime<Utc>,
    /// The tool.
    pub tool: Tool,
    /// Language of report.html and report.md.
    pub lang: Lang,
    /// The RMA file's fields.
    pub rma: Rma,
    /// Withdrawal / warranty / liability status on the report date.
    pub warranty: Warranty,
    /// Whether activation was properly attempted, from the evidence alone (re-derived by
    /// `verify`). Absent only in reports made before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation: Option<Activation>,
    /// Exactly what `diagnose --format json` prints for `evidence.jsonl` with this window.
    pub diagnosis: Diagnosis,
    /// SHA-256 of the diagnosis in canonical (JCS) form; shown in report.html's footer.
    pub diagnosis_sha256: String,
    /// Device profile used, if any.
    pub profile: Option<ProfileRef>,
    /// Observation window: first and last message of the input captures.
    pub window: Window,
    /// JoinEUIs seen in the device's join-requests (cross-check with the RMA file).
    pub join_euis_observed: Vec<JoinEui>,
    /// Whether AppKeys were supplied (`--keys`) for MIC checks. The keys never appear.
    pub keys_supplied: bool,
    /// Reference device included in the evidence, if any.
    pub reference: Option<ReferenceInfo>,
    /// What evidence.jsonl holds.
    pub evidence: EvidenceInfo,
    /// The input captures.
    pub capture: CaptureInfo,
    /// Notes for the reader.
    pub warnings: Vec<Warning>,
    /// Who signed.
    pub signer: Signer,
    /// Bundle file → SHA-256 (lowercase hex) of every file except report.json and its signature.
    pub files: BTreeMap<String, String>,
}

/// SHA-256 as lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Largest integer JCS represents exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Checks that every number is an integer below 2^53 in magnitude or a finite double.
///
/// # Errors
/// The JSON path of the first offending number.
pub fn check_numbers(v: &serde_json::Value) -> Result<(), String> {
    fn walk(v: &serde_json::Value, path: &mut String) -> Result<(), String> {
        match v {
            serde_json::Value::Number(n) => {
                let ok = if let Some(u) = n.as_u64() {
                    u <= MAX_SAFE_INTEGER
                } else if let Some(i) = n.as_i64() {
                    i.unsigned_abs() <= MAX_SAFE_INTEGER
                } else {
                    n.as_f64().is_some_and(f64::is_finite)
                };
                if ok { Ok(()) } else { Err(format!("{path} = {n}")) }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(x, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    walk(x, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
    walk(v, &mut String::from("$"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_beyond_two_to_the_53_are_found_with_their_path() {
        let cases = [
            (serde_json::json!({"a": [1, 2.5, -3]}), Ok(())),
            (
                serde_json::json!({"a": {"b": [0, 9007199254740992u64]}}),
                Err("$.a.b[1] = 9007199254740992".to_string()),
            ),
            (
                serde_json::json!({"x": -9007199254740993i64}),
                Err("$.x = -9007199254740993".to_string()),
            ),
            (serde_json::json!({"x": 9007199254740991u64}), Ok(())),
        ];
        for (v, want) in cases {
            assert_eq!(check_numbers(&v), want, "{v}");
        }
    }

    #[test]
    fn jcs_writes_the_shortest_es6_form_of_numbers() {
        let fine = crate::tracker::Spread { min: -80.0, median: -71.25, max: 1e-7 };
        assert_eq!(
            serde_jcs::to_vec(&fine).unwrap(),
            br#"{"max":1e-7,"median":-71.25,"min":-80}"#.to_vec()
        );
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
