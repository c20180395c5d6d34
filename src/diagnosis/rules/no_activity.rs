//! `NO_RADIO_ACTIVITY`: nothing from the device in the window.
//!
//! The class is `device_suspect` only when the window is at least
//! [`silent_watch_required`](crate::diagnosis::backoff::silent_watch_required) long AND the
//! gateways demonstrably received throughout: the reference device was heard and every gateway
//! seen in the window stayed up ([`Facts::reference_counts`]). While a gateway was offline
//! (Last Will, or its stats stopped) it is `inconclusive` with cause `gateway_offline`, naming
//! the gateway (`GATEWAY_OFFLINE` finding). Otherwise it is `inconclusive`, and the summary says
//! what is missing: more time, a reference device, or both.
//!
//! Only observed time counts: intervals in which messages were not observed (`not_observed`,
//! e.g. a lost broker connection) are subtracted from the window before it is compared with
//! the time a silent device must be watched.

use super::gateway_offline::{check_text, describe};
use super::{Candidate, Outcome, sentences};
use crate::catalog::{Message, args};
use crate::diagnosis::Cause;
use crate::diagnosis::backoff::{Expectation, format_duration, silent_watch_required};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity, VerdictClass, VerdictCode};

/// True when the device left no trace at all.
#[must_use]
pub fn is_silent(f: &Facts<'_>) -> bool {
    let r = f.record;
    r.join_attempts.is_empty()
        && r.uplinks.is_empty()
        && r.app_joins.is_empty()
        && r.logs.is_empty()
        && r.stats.join_requests == 0
        && r.stats.uplinks == 0
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    if !is_silent(f) {
        return Outcome::none();
    }
    // Silence while messages were not observed (a lost broker connection) is not the device's.
    let window = f.observed_s();
    let unobserved = f.window_s() - window;
    let required = silent_watch_required(f.profile);
    let long_enough = window >= required.seconds;
    let mut parts = vec![Message::new(
        "no-activity-nothing-heard",
        args! { "duration" => format_duration(f.window_s()) },
    )];
    if unobserved > 0 {
        parts.push(Message::new(
            "no-activity-not-observed",
            args! {
                "unobserved" => format_duration(unobserved),
                "observed" => format_duration(window),
            },
        ));
    }
    let mut reference_evidence: Vec<u64> = Vec::new();
    let offline = f.offline_gateways();
    let class = match (&f.reference, long_enough) {
        _ if !offline.is_empty() => {
            for (g, periods) in &offline {
                let (sentence, evidence) = describe(g, periods);
                parts.push(sentence);
                reference_evidence.extend(evidence);
            }
            parts.push(Message::new(
                "no-activity-gateway-offline",
                args! { "check" => check_text() },
            ));
            if let Some(r) = f.reference.as_ref().filter(|r| r.heard) {
                parts.push(Message::new(
                    "no-activity-offline-reference-heard",
                    args! { "eui" => r.dev_eui.to_string() },
                ));
            }
            VerdictClass::Inconclusive
        }
        (Some(r), true) if f.reference_counts() => {
            parts.push(Message::new(
                "no-activity-reference-receives",
                args! {
                    "eui" => r.dev_eui.to_string(),
                    "n" => r.uplinks + r.join_requests,
                    "gateways" => r.gateways.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                },
            ));
            VerdictClass::DeviceSuspect
        }
        (reference, _) => {
            if !long_enough {
                parts.push(Message::new(
                    "no-activity-too-short",
                    args! {
                        "basis" => required.basis.clone(),
                        "duration" => format_duration(required.seconds - window),
                    },
                ));
            }
            parts.push(match reference {
                Some(r) if r.heard => Message::new(
                    "no-activity-reference-heard",
                    args! { "eui" => r.dev_eui.to_string() },
                ),
                Some(r) => Message::new(
                    "no-activity-reference-not-heard",
                    args! { "eui" => r.dev_eui.to_string() },
                ),
                None => Message::plain("no-activity-no-reference"),
            });
            VerdictClass::Inconclusive
        }
    };
    let text = sentences(parts);
    let mut candidate = Candidate::sufficient_text(
        VerdictCode::NoRadioActivity,
        class,
        text.clone(),
        reference_evidence.clone(),
    );
    if !offline.is_empty() {
        candidate = candidate.with_cause(Cause::GatewayOffline);
    }
    if !long_enough {
        candidate.watch_more =
            Some(Expectation { seconds: required.seconds - window, basis: required.basis });
    }
    let severity =
        if class == VerdictClass::DeviceSuspect { Severity::Error } else { Severity::Warning };
    Outcome::candidate(
        candidate,
        vec![Finding::text("NO_RADIO_ACTIVITY", severity, text, reference_evidence)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnoseOptions;
    use crate::diagnosis::rules::testkit::{Rb, run_rule, run_rule_with, window};
    use crate::model::DevEui;

    const REF: u64 = 0x70b3_d57e_d000_0002;

    fn reference() -> crate::tracker::DeviceRecord {
        let mut b = Rb::for_device(REF);
        b.uplinks(0, 3600, 0..10, 5.0, 7);
        b.build()
    }

    /// The rule over 10 h with the reference device heard.
    fn ten_hours_with_reference(silent: &crate::tracker::DeviceRecord) -> super::Candidate {
        let r = reference();
        let opts = DiagnoseOptions {
            reference: Some(&r),
            reference_dev_eui: Some(DevEui::from_u64(REF)),
            ..DiagnoseOptions::new(window(0, 10 * 3600))
        };
        run_rule_with(evaluate, silent, &opts).candidate.unwrap()
    }

    #[test]
    fn a_long_silence_with_a_heard_reference_makes_the_device_suspect() {
        let silent = Rb::new().build();
        let c = ten_hours_with_reference(&silent);
        assert_eq!((c.code, c.class), (VerdictCode::NoRadioActivity, VerdictClass::DeviceSuspect));
        assert!(c.summary_en().contains("battery"), "{}", c.summary_en());
        assert!(c.watch_more.is_none());
    }

    #[test]
    fn a_short_silence_is_inconclusive_and_says_how_long_to_watch() {
        let c = run_rule(evaluate, &Rb::new().build(), 0, 3600).candidate.unwrap();
        assert_eq!(c.class, VerdictClass::Inconclusive);
        assert!(c.summary_en().contains("Watch at least 7 h 11 min more"), "{}", c.summary_en());
        assert!(c.summary_en().contains("--reference-dev-eui"), "{}", c.summary_en());
        assert!(c.watch_more.is_some());
    }

    #[test]
    fn a_device_never_heard_is_not_described_as_having_spent_hours_in_failed_joins() {
        let c = run_rule(evaluate, &Rb::new().build(), 0, 3600).candidate.unwrap();
        let basis = c.watch_more.as_ref().map(Expectation::basis_en).unwrap_or_default();
        for text in [c.summary_en().as_str(), basis.as_str()] {
            assert!(!text.contains("after 11 h of failed joins"), "{text}");
            assert!(text.contains("nothing shows how long the device has been trying"), "{text}");
        }
        for lang in [crate::model::Lang::De, crate::model::Lang::Fr, crate::model::Lang::Ro] {
            let text = c.text.as_ref().map(|m| m.render(lang)).unwrap_or_default();
            assert!(!text.is_empty() && !text.contains("basis-"), "{lang:?}: {text}");
        }
    }

    #[test]
    fn a_long_silence_without_the_reference_heard_is_inconclusive() {
        let silent = Rb::new().build();
        let opts = DiagnoseOptions {
            reference_dev_eui: Some(DevEui::from_u64(REF)),
            ..DiagnoseOptions::new(window(0, 10 * 3600))
        };
        let c = run_rule_with(evaluate, &silent, &opts).candidate.unwrap();
        assert_eq!(c.class, VerdictClass::Inconclusive);
        assert!(c.summary_en().contains("not heard either"), "{}", c.summary_en());
    }

    #[test]
    fn an_offline_gateway_keeps_a_long_silence_inconclusive_even_with_the_reference_heard() {
        use crate::diagnosis::rules::testkit::offline;
        use crate::tracker::gateways::ChangeReason;
        // (name, gateway down from/to, expected class)
        let cases = [
            ("a Last Will during the window", Some((3600, None)), VerdictClass::Inconclusive),
            ("an outage that ended", Some((3600, Some(7200))), VerdictClass::Inconclusive),
            ("every gateway up", None, VerdictClass::DeviceSuspect),
        ];
        for (name, down, want) in cases {
            let mut silent = Rb::new().build();
            if let Some((from, to)) = down {
                silent.gateway_availability =
                    vec![offline("0016c001f153a1ff", from, ChangeReason::LastWill, to)];
            }
            let c = ten_hours_with_reference(&silent);
            assert_eq!(c.class, want, "{name}");
            if want == VerdictClass::Inconclusive {
                assert_eq!(c.cause, Some(Cause::GatewayOffline), "{name}");
                assert!(c.summary_en().contains("0016c001f153a1ff"), "{name}: {}", c.summary_en());
                assert!(c.summary_en().contains("backhaul"), "{name}: {}", c.summary_en());
                assert!(c.evidence.contains(&500), "{name}");
            }
        }
    }

    #[test]
    fn any_trace_of_the_device_is_not_silence() {
        let mut b = Rb::new();
        b.log(10, "UPLINK_F_CNT_RESET", &[]);
        assert!(run_rule(evaluate, &b.build(), 0, 3600).candidate.is_none());
    }

    #[test]
    fn time_not_observed_does_not_count_as_silence() {
        use crate::diagnosis::rules::testkit::not_observed;
        // (name, not observed from/to in s, expected class, says)
        let cases = [
            ("every hour observed", None, VerdictClass::DeviceSuspect, "battery"),
            (
                "4 h not observed leave 6 h, too short",
                Some((3600, 4 * 3600 + 3600)),
                VerdictClass::Inconclusive,
                "not observed for 4 h",
            ),
            (
                "a gap outside the window",
                Some((-7200, -3600)),
                VerdictClass::DeviceSuspect,
                "battery",
            ),
        ];
        for (name, gap, want, says) in cases {
            let mut silent = Rb::new().build();
            if let Some((from, to)) = gap {
                silent.not_observed = vec![not_observed(from, to)];
            }
            let c = ten_hours_with_reference(&silent);
            assert_eq!(c.class, want, "{name}: {}", c.summary_en());
            assert!(c.summary_en().contains(says), "{name}: {}", c.summary_en());
            assert_eq!(c.watch_more.is_some(), want == VerdictClass::Inconclusive, "{name}");
        }
    }
}
