//! The signed diagnosis against the fresh one, part by part: verdict, findings (by code),
//! stats (field by field), timeline and the rest (window, malformed messages, gaps, …).
//!
//! Every part that is equal is re-checked. When the report was made with AppKeys that
//! `verify` does not have, the parts only the AppKeys can reproduce may differ and are then
//! "not re-checked":
//!
//! - the MIC marks of the timeline (join-requests, join-accepts, data frames);
//! - verdicts and findings whose rules read MIC results or decrypted join-accepts
//!   ([`MIC_CODES`], when the signed timeline holds MIC results) or the registered JoinEUI (`JOIN_EUI_MISMATCH`), and the
//!   findings that go with such a verdict;
//! - the join-accept counters (a join-accept is matched to its join-request by decrypting it);
//! - when evidence lines are attributed to the device only through its session (data frames on
//!   gateway topics, known by the DevAddr of a join-accept that only the AppKey decrypts): those
//!   timeline entries, the uplink counters and every verdict and finding.
//!
//! Anything else that differs fails.
//!
//! The malformed messages (`malformed`, `stats.malformed_messages`) are no device's evidence
//! and are not in evidence.jsonl: the fresh diagnosis takes them from the signed report's
//! `capture` block, so they are listed as taken from there ([`Comparison::from_capture`]), not
//! as re-checked.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::report::diff::first_difference;

/// Verdict and finding codes whose rules read MIC results or decrypted join-accepts.
pub const MIC_CODES: [&str; 10] = [
    "JOIN_KEY_MISMATCH",
    "KEYS_FILE_STALE",
    "JOIN_NOT_REGISTERED",
    "DEVNONCE_REJECTED",
    "JOIN_HISTORY",
    "REPEATED_REJOINS",
    "JOIN_ACCEPT_CONTENT",
    "JOIN_ACCEPT_OPTNEG",
    "JOIN_ACCEPT_NOT_RECEIVED",
    "JOIN_ACCEPT_TX_FAILED",
];
/// The finding that compares with the JoinEUI registered in the keys file.
const KEYS_FILE_CODE: &str = "JOIN_EUI_MISMATCH";
/// Counters that depend on matching join-accepts by decryption.
const JOIN_ACCEPT_STATS: [&str; 3] = ["join_accepts", "join_accept_tx_ok", "join_accept_tx_failed"];
/// Counters over the uplinks.
const UPLINK_STATS: [&str; 10] = [
    "uplinks",
    "fcnt_first",
    "fcnt_last",
    "fcnt_missing",
    "fcnt_missing_unobserved",
    "fcnt_resets",
    "retransmissions",
    "gateways",
    "rssi_dbm",
    "snr_db",
];
/// Parts of the diagnosis the fresh one takes from the signed `capture` block.
const FROM_CAPTURE: [&str; 1] = ["malformed"];
/// Counters the fresh diagnosis takes from the signed `capture` block.
const FROM_CAPTURE_STATS: [&str; 1] = ["malformed_messages"];
/// The parts that belong to the verdict.
const VERDICT_PARTS: [&str; 4] = ["verdict", "cause", "sufficiency", "explanation"];

/// What the fresh diagnosis could not reproduce for lack of the AppKeys.
#[derive(Debug, Clone, Default)]
pub struct Without {
    /// The report was made with AppKeys that are not here.
    pub keys_missing: bool,
    /// Evidence indices attributed to the device only through its session (AppKey needed).
    pub session_only: BTreeSet<u64>,
    /// The fresh diagnosis took the malformed messages from the signed `capture` block.
    pub malformed_from_capture: bool,
}

/// What may differ in this comparison.
struct Scope<'w> {
    without: &'w Without,
    /// The signed timeline holds MIC results (valid or invalid) the fresh one lacks.
    mic_marks: bool,
    /// Codes whose findings go with a verdict that is not re-checked.
    verdict_codes: Vec<String>,
}

impl Scope<'_> {
    fn code(&self, code: &str) -> bool {
        let w = self.without;
        w.keys_missing
            && (!w.session_only.is_empty()
                || code == KEYS_FILE_CODE
                || (self.mic_marks && MIC_CODES.contains(&code))
                || self.verdict_codes.iter().any(|c| c == code))
    }
}

impl Without {
    fn stat(&self, field: &str) -> bool {
        self.keys_missing
            && (JOIN_ACCEPT_STATS.contains(&field)
                || (!self.session_only.is_empty() && UPLINK_STATS.contains(&field)))
    }
}

/// The outcome, part by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Parts that are equal.
    pub rechecked: Vec<String>,
    /// Parts that are equal because the fresh diagnosis took them from the signed `capture`
    /// block (not re-checked).
    pub from_capture: Vec<String>,
    /// Parts that differ and depend on the AppKeys.
    pub not_rechecked: Vec<String>,
    /// Parts that differ although they do not depend on the AppKeys (with the first
    /// difference).
    pub failed: Vec<String>,
}

fn get<'v>(v: &'v Value, key: &str) -> &'v Value {
    v.get(key).unwrap_or(&Value::Null)
}

fn code_of(v: &Value) -> String {
    get(get(v, "verdict"), "code").as_str().unwrap_or("none").to_string()
}

/// Compares `signed` with `fresh` (both `diagnose --format json` objects).
#[must_use]
pub fn compare(signed: &Value, fresh: &Value, without: &Without) -> Comparison {
    let mut out = Comparison::default();
    let marks = |v: &Value| masked(v, without).1;
    let mut scope =
        Scope { without, mic_marks: marks(signed) > marks(fresh), verdict_codes: Vec::new() };
    verdict(signed, fresh, &mut scope, &mut out);
    findings(signed, fresh, &scope, &mut out);
    stats(signed, fresh, without, &mut out);
    timeline(signed, fresh, without, &mut out);
    let handled: BTreeSet<&str> =
        VERDICT_PARTS.iter().copied().chain(["findings", "stats", "timeline"]).collect();
    let keys: BTreeSet<&String> = signed
        .as_object()
        .into_iter()
        .chain(fresh.as_object())
        .flat_map(|o| o.keys())
        .filter(|k| !handled.contains(k.as_str()))
        .collect();
    for k in keys {
        let (a, b) = (get(signed, k), get(fresh, k));
        if a == b && without.malformed_from_capture && FROM_CAPTURE.contains(&k.as_str()) {
            out.from_capture.push(k.clone());
        } else if a == b {
            out.rechecked.push(k.clone());
        } else {
            out.failed.push(first_difference(&format!("diagnosis.{k}"), a, b));
        }
    }
    out
}

fn verdict(signed: &Value, fresh: &Value, scope: &mut Scope<'_>, out: &mut Comparison) {
    let (code, fresh_code) = (code_of(signed), code_of(fresh));
    let differing = VERDICT_PARTS.iter().find(|p| get(signed, p) != get(fresh, p));
    match differing {
        None => out.rechecked.push(format!("verdict {code}")),
        Some(_) if scope.code(&code) || scope.code(&fresh_code) => {
            out.not_rechecked.push(if code == fresh_code {
                let part = differing.copied().filter(|p| *p != "verdict").unwrap_or("text");
                format!("the {part} of verdict {code}")
            } else {
                format!("verdict {code} (without the AppKeys the evidence gives {fresh_code})")
            });
            scope.verdict_codes = vec![code, fresh_code];
        }
        Some(p) => out.failed.push(first_difference(
            &format!("diagnosis.{p}"),
            get(signed, p),
            get(fresh, p),
        )),
    }
}

fn by_code(v: &Value) -> BTreeMap<String, Vec<Value>> {
    let mut map: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for f in get(v, "findings").as_array().into_iter().flatten() {
        let code = get(f, "code").as_str().unwrap_or_default().to_string();
        map.entry(code).or_default().push(f.clone());
    }
    map
}

fn findings(signed: &Value, fresh: &Value, scope: &Scope<'_>, out: &mut Comparison) {
    let (a, b) = (by_code(signed), by_code(fresh));
    let codes: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut equal = Vec::new();
    for code in codes {
        let (x, y) = (a.get(code).cloned(), b.get(code).cloned());
        if x == y {
            equal.push(code.clone());
        } else if scope.code(code) {
            out.not_rechecked.push(format!("finding {code}"));
        } else {
            out.failed.push(first_difference(
                &format!("diagnosis.findings[{code}]"),
                &x.map_or(Value::Null, Value::from),
                &y.map_or(Value::Null, Value::from),
            ));
        }
    }
    if equal.is_empty() {
        if a.is_empty() && b.is_empty() {
            out.rechecked.push("findings (none)".into());
        }
    } else {
        out.rechecked.push(format!("findings {}", equal.join(", ")));
    }
}

fn stats(signed: &Value, fresh: &Value, without: &Without, out: &mut Comparison) {
    let (a, b) = (get(signed, "stats"), get(fresh, "stats"));
    let fields: BTreeSet<&String> =
        a.as_object().into_iter().chain(b.as_object()).flat_map(|o| o.keys()).collect();
    let mut equal = 0;
    let mut taken = 0;
    for f in &fields {
        let (x, y) = (get(a, f), get(b, f));
        if x == y && without.malformed_from_capture && FROM_CAPTURE_STATS.contains(&f.as_str()) {
            taken += 1;
            out.from_capture.push(format!("stats.{f}"));
        } else if x == y {
            equal += 1;
        } else if without.stat(f) {
            out.not_rechecked.push(format!("stats.{f}"));
        } else {
            out.failed.push(first_difference(&format!("diagnosis.stats.{f}"), x, y));
        }
    }
    out.rechecked.push(format!("stats ({equal} of {} fields)", fields.len() - taken));
}

/// Timeline entries without what only the AppKeys give.
fn masked(v: &Value, without: &Without) -> (Vec<Value>, usize, usize) {
    let mut mic_marks = 0;
    let mut session_entries = 0;
    let mut entries = Vec::new();
    for e in get(v, "timeline").as_array().into_iter().flatten() {
        let mut e = e.clone();
        if without.keys_missing {
            if e.get("index")
                .and_then(Value::as_u64)
                .is_some_and(|i| without.session_only.contains(&i))
            {
                session_entries += 1;
                continue;
            }
            if let Some(o) = e.as_object_mut() {
                if o.remove("mic").is_some_and(|m| m != "unchecked") {
                    mic_marks += 1;
                }
                if o.get("kind").and_then(Value::as_str) == Some("join_accept") {
                    o.remove("dev_addr");
                }
            }
        }
        entries.push(e);
    }
    (entries, mic_marks, session_entries)
}

fn timeline(signed: &Value, fresh: &Value, without: &Without, out: &mut Comparison) {
    let (a, marks, session) = masked(signed, without);
    let (b, fresh_marks, _) = masked(fresh, without);
    if a != b {
        out.failed.push(first_difference("diagnosis.timeline", &Value::from(a), &Value::from(b)));
        return;
    }
    if marks > fresh_marks {
        out.rechecked.push(format!("timeline ({} entries, MIC marks aside)", a.len()));
        out.not_rechecked.push(format!("the MIC marks of {marks} timeline entries"));
    } else {
        out.rechecked.push(format!("timeline ({} entries)", a.len()));
    }
    if session > 0 {
        out.not_rechecked.push(format!(
            "{session} timeline entries attributed to the device through its session"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn diagnosis(code: &str, mic: &str, join_accepts: u64, uplinks: u64) -> Value {
        json!({
            "schema": "rmacheck.diagnosis.v1",
            "dev_eui": "70b3d57ed0000001",
            "window": {"from": "2026-11-21T09:00:00Z", "to": "2026-11-21T10:00:00Z"},
            "verdict": {"code": code, "class": "configuration", "summary": "…"},
            "findings": [
                {"code": code, "severity": "error", "summary": "…", "evidence": [0]},
                {"code": "GATEWAY_OFFLINE", "severity": "warning", "summary": "…", "evidence": [2]}
            ],
            "timeline": [
                {"index": 0, "kind": "join_request", "mic": mic, "dev_nonce": 1},
                {"index": 1, "kind": "join_accept", "mic": mic, "dev_addr": "01020304"},
                {"index": 3, "kind": "uplink", "f_cnt": 1}
            ],
            "stats": {"join_requests": 1, "join_accepts": join_accepts, "uplinks": uplinks,
                      "gateways_offline": 1},
            "malformed": []
        })
    }

    fn keys_missing() -> Without {
        Without { keys_missing: true, ..Without::default() }
    }

    #[test]
    fn malformed_messages_taken_from_the_capture_block_are_listed_as_such_not_as_re_checked() {
        let mut d = diagnosis("HEALTHY", "unchecked", 0, 3);
        d["stats"]["malformed_messages"] = json!(2);
        let c = compare(&d, &d, &Without { malformed_from_capture: true, ..Without::default() });
        assert_eq!(c.from_capture, ["stats.malformed_messages", "malformed"]);
        assert!(c.rechecked.contains(&"stats (4 of 4 fields)".to_string()), "{c:?}");
        assert!(!c.rechecked.iter().any(|p| p.contains("malformed")), "{c:?}");
        let mut tampered = d.clone();
        tampered["malformed"] = json!([{"index": 1, "source": "x", "reason": "y"}]);
        let c =
            compare(&d, &tampered, &Without { malformed_from_capture: true, ..Without::default() });
        assert!(c.failed.iter().any(|f| f.contains("diagnosis.malformed")), "{c:?}");
    }

    #[test]
    fn equal_diagnoses_name_every_part_re_checked() {
        let d = diagnosis("HEALTHY", "unchecked", 0, 3);
        let c = compare(&d, &d, &Without::default());
        assert!(c.failed.is_empty() && c.not_rechecked.is_empty(), "{c:?}");
        assert_eq!(
            c.rechecked,
            [
                "verdict HEALTHY",
                "findings GATEWAY_OFFLINE, HEALTHY",
                "stats (4 of 4 fields)",
                "timeline (3 entries)",
                "dev_eui",
                "malformed",
                "schema",
                "window"
            ]
        );
    }

    #[test]
    fn without_the_appkeys_mic_parts_are_not_re_checked_and_everything_else_is() {
        let signed = diagnosis("JOIN_KEY_MISMATCH", "invalid", 1, 3);
        let fresh = diagnosis("JOIN_ACCEPT_NOT_RECEIVED", "unchecked", 0, 3);
        let c = compare(&signed, &fresh, &keys_missing());
        assert!(c.failed.is_empty(), "{c:?}");
        assert_eq!(
            c.not_rechecked,
            [
                "verdict JOIN_KEY_MISMATCH (without the AppKeys the evidence gives JOIN_ACCEPT_NOT_RECEIVED)",
                "finding JOIN_ACCEPT_NOT_RECEIVED",
                "finding JOIN_KEY_MISMATCH",
                "stats.join_accepts",
                "the MIC marks of 2 timeline entries"
            ]
        );
        assert!(c.rechecked.contains(&"findings GATEWAY_OFFLINE".to_string()), "{c:?}");
        assert!(c.rechecked.contains(&"stats (3 of 4 fields)".to_string()), "{c:?}");
    }

    #[test]
    fn without_the_appkeys_a_difference_that_needs_no_key_fails() {
        // JOIN_KEY_MISMATCH from the network server's logs: no MIC result in the timeline.
        let signed = diagnosis("JOIN_KEY_MISMATCH", "unchecked", 0, 3);
        let cases: [(&str, Value); 5] = [
            ("uplinks", diagnosis("JOIN_KEY_MISMATCH", "unchecked", 0, 4)),
            ("verdict", diagnosis("POOR_COVERAGE", "unchecked", 0, 3)),
            ("window", {
                let mut d = signed.clone();
                d["window"]["to"] = json!("2026-11-21T11:00:00Z");
                d
            }),
            ("finding", {
                let mut d = signed.clone();
                d["findings"][1]["evidence"] = json!([2, 3]);
                d
            }),
            ("timeline", {
                let mut d = signed.clone();
                d["timeline"][2]["f_cnt"] = json!(2);
                d
            }),
        ];
        for (what, fresh) in cases {
            let c = compare(&signed, &fresh, &keys_missing());
            assert!(!c.failed.is_empty(), "a changed {what} passed: {c:?}");
        }
        // With the keys at hand nothing may differ.
        let fresh = diagnosis("JOIN_KEY_MISMATCH", "invalid", 0, 3);
        assert!(!compare(&signed, &fresh, &Without::default()).failed.is_empty());
        assert!(!compare(&fresh, &signed, &Without::default()).failed.is_empty());
    }

    #[test]
    fn frames_attributed_through_the_session_leave_uplink_figures_and_verdict_unchecked() {
        let signed = diagnosis("HEALTHY", "valid", 1, 3);
        let mut fresh = diagnosis("INSUFFICIENT_EVIDENCE", "unchecked", 0, 0);
        fresh["timeline"].as_array_mut().unwrap().pop();
        let without =
            Without { keys_missing: true, session_only: BTreeSet::from([3]), ..Without::default() };
        let c = compare(&signed, &fresh, &without);
        assert!(c.failed.is_empty(), "{c:?}");
        assert!(c.not_rechecked.contains(&"stats.uplinks".to_string()), "{c:?}");
        assert!(
            c.not_rechecked.contains(
                &"1 timeline entries attributed to the device through its session".to_string()
            ),
            "{c:?}"
        );
    }
}
