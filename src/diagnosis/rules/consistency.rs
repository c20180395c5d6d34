//! Context: does the traffic match what was registered and what the profile says? JoinEUI in
//! the join-requests vs the keys file; OTAA traffic from a profile that says ABP; frequencies
//! outside the profile's region.

use super::{Outcome, list};
use crate::catalog::{Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};

/// The frequency range (Hz) of a TTN region key, for a coarse plausibility check.
#[must_use]
pub fn region_range_hz(region: &str) -> Option<(u64, u64)> {
    let r = region.to_ascii_uppercase();
    let mhz = |a: u64, b: u64| Some((a * 1_000_000, b * 1_000_000));
    if r.starts_with("EU863") || r.starts_with("EU868") {
        mhz(863, 870)
    } else if r.starts_with("US902") || r.starts_with("US915") {
        mhz(902, 928)
    } else if r.starts_with("AU915") {
        mhz(915, 928)
    } else if r.starts_with("EU433") {
        mhz(433, 435)
    } else if r.starts_with("IN865") {
        mhz(865, 867)
    } else if r.starts_with("KR920") {
        mhz(920, 923)
    } else if r.starts_with("AS923") {
        mhz(915, 928)
    } else {
        None
    }
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let mut findings = Vec::new();
    let attempts = &f.record.join_attempts;
    if let Some(reg) = f.registered_join_eui {
        let wrong: Vec<_> = attempts.iter().filter(|a| a.join_eui != reg).collect();
        if let Some(first) = wrong.first() {
            let accepted = wrong.iter().any(|a| a.accept.is_some())
                || !f.record.app_joins.is_empty()
                || !f.record.uplinks.is_empty();
            findings.push(Finding::text(
                "JOIN_EUI_MISMATCH",
                Severity::Warning,
                Message::new(
                    "finding-join-eui-mismatch",
                    args! {
                        "sent" => first.join_eui.to_string(),
                        "registered" => reg.to_string(),
                        "accepted" => if accepted { "yes" } else { "no" },
                    },
                ),
                wrong.iter().map(|a| a.index).collect(),
            ));
        }
    }
    if let Some(p) = f.profile {
        if !p.file.supports_join && !attempts.is_empty() {
            findings.push(Finding::text(
                "PROFILE_MISMATCH",
                Severity::Warning,
                Message::new("finding-profile-mismatch", args! { "profile" => &p.id }),
                attempts.iter().map(|a| a.index).collect(),
            ));
        }
        let region = &p.file.diagnostics.device.region;
        if let Some((lo, hi)) = region_range_hz(region) {
            let outside: Vec<(u64, u64)> = attempts
                .iter()
                .map(|a| (a.index, a.tx.frequency_hz))
                .chain(f.record.uplinks.iter().map(|u| (u.index, u.tx.frequency_hz)))
                .filter_map(|(i, fr)| fr.map(|fr| (i, fr)))
                .filter(|(_, fr)| *fr < lo || *fr > hi)
                .collect();
            if !outside.is_empty() {
                let mhz: Vec<String> =
                    outside.iter().map(|(_, fr)| format!("{:.1} MHz", *fr as f64 / 1e6)).collect();
                findings.push(Finding::text(
                    "REGION_MISMATCH",
                    Severity::Warning,
                    Message::new(
                        "finding-region-mismatch",
                        args! { "profile" => &p.id, "region" => region, "frequencies" => list(&mhz, 3) },
                    ),
                    outside.iter().map(|(i, _)| *i).collect(),
                ));
            }
        }
    }
    Outcome::findings(findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnoseOptions;
    use crate::diagnosis::rules::testkit::{Rb, run_rule_with, window};
    use crate::model::JoinEui;
    use crate::profiles::Registry;

    #[test]
    fn a_join_eui_other_than_the_registered_one_is_a_warning() {
        let mut b = Rb::new();
        b.join(0, 1, 5.0, 7);
        let rec = b.build();
        let opts = DiagnoseOptions {
            registered_join_eui: Some(JoinEui::from_u64(7)),
            ..DiagnoseOptions::new(window(0, 60))
        };
        let o = run_rule_with(evaluate, &rec, &opts);
        assert_eq!(o.findings[0].code, "JOIN_EUI_MISMATCH");
        assert!(
            o.findings[0].summary_in(crate::model::Lang::En).contains("find no device"),
            "{}",
            o.findings[0].summary_in(crate::model::Lang::En)
        );
    }

    #[test]
    fn a_join_eui_mismatch_the_server_accepted_does_not_say_no_device_was_found() {
        let mut b = Rb::new();
        b.join(0, 1, 5.0, 7);
        b.app_join(1);
        b.uplinks(10, 600, 0..3, 5.0, 7);
        let rec = b.build();
        let opts = DiagnoseOptions {
            registered_join_eui: Some(JoinEui::from_u64(7)),
            ..DiagnoseOptions::new(window(0, 3600))
        };
        let s =
            &run_rule_with(evaluate, &rec, &opts).findings[0].summary_in(crate::model::Lang::En);
        assert!(!s.contains("find no device"), "{s}");
        assert!(s.contains("accepted the join") && s.contains("DevEUI only"), "{s}");
    }

    #[test]
    fn us_frequencies_with_an_eu_profile_are_a_region_mismatch() {
        let reg = Registry::shipped().unwrap();
        let p = reg.get("dragino-lht65n-eu868").unwrap();
        let mut b = Rb::new();
        b.frequency_hz = 903_900_000;
        b.join(0, 1, 5.0, 7);
        let rec = b.build();
        let opts = DiagnoseOptions { profile: Some(p), ..DiagnoseOptions::new(window(0, 60)) };
        let o = run_rule_with(evaluate, &rec, &opts);
        assert_eq!(o.findings[0].code, "REGION_MISMATCH");
    }
}
