//! `JOIN_NOT_REGISTERED`: join-requests heard, the network server never answers and reports no
//! key error — the DevEUI/JoinEUI pair is unknown to it.
//!
//! Only join-requests since the last uplink that the NS had time to answer count; any answer
//! (join-accept or application join event), any key error and any DevNonce problem rule this
//! out (other rules take over). [`MIN_UNANSWERED_ATTEMPTS`] unanswered attempts are needed;
//! with fewer, the verdict waits and says how long (the back-off and, on US915/AU915, the
//! fraction of sub-bands the gateways hear, stretch that).

use super::{Candidate, Outcome, candidate_text, sentences};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::backoff::format_duration;
use crate::diagnosis::facts::{CODE_DEVNONCE, CODE_MIC, Facts};
use crate::diagnosis::thresholds::MIN_UNANSWERED_ATTEMPTS;
use crate::diagnosis::{Finding, Severity, VerdictClass, VerdictCode};
use crate::frame::MicStatus;

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    if f.trailing.is_empty()
        || f.trailing.iter().any(|&i| f.accept_for(i).is_some())
        || !f.trailing_accepts().is_empty()
        || !f.trailing_app_joins().is_empty()
    {
        return Outcome::none();
    }
    let key_or_nonce = |i: usize| {
        let codes = f.attempt_codes(i);
        codes.contains(CODE_MIC)
            || codes.contains(CODE_DEVNONCE)
            || f.attempt(i).is_some_and(|a| a.mic == MicStatus::Invalid || a.dev_nonce_reused)
    };
    if f.trailing.iter().any(|&i| key_or_nonce(i))
        || f.trailing_code(CODE_MIC).0 > 0
        || f.trailing_code(CODE_DEVNONCE).0 > 0
    {
        return Outcome::none();
    }
    let unanswered: Vec<usize> = f.trailing.iter().copied().filter(|&i| f.settled(i)).collect();
    if unanswered.is_empty() {
        // Only join-requests the network server had no time to answer yet.
        let evidence: Vec<u64> = f.trailing.iter().filter_map(|&i| f.index_of(i)).collect();
        let observation =
            Message::new("not-registered-too-late", args! { "n" => f.trailing.len() });
        let c = Candidate::thin_text(
            VerdictCode::JoinNotRegistered,
            VerdictClass::Configuration,
            observation,
            Message::new("not-registered-needed-any", args! { "min" => MIN_UNANSWERED_ATTEMPTS }),
            f.watch_for_attempts(MIN_UNANSWERED_ATTEMPTS),
            evidence.clone(),
        );
        let finding =
            Finding::text("JOIN_NOT_REGISTERED", Severity::Info, candidate_text(&c), evidence);
        return Outcome::candidate(c, vec![finding]);
    }
    let n = unanswered.len();
    let attempts: Vec<_> = unanswered.iter().filter_map(|&i| f.attempt(i)).collect();
    let evidence: Vec<u64> = attempts.iter().map(|a| a.index).collect();
    let join_euis: std::collections::BTreeSet<String> =
        attempts.iter().map(|a| a.join_eui.to_string()).collect();
    let join_eui = join_euis.into_iter().collect::<Vec<_>>().join(", ");
    let span = match (attempts.first(), attempts.last()) {
        (Some(a), Some(b)) if n > 1 => Arg::from(Message::new(
            "not-registered-span",
            args! { "duration" => format_duration((b.at - a.at).num_seconds().max(0) as u64) },
        )),
        _ => Arg::from(""),
    };
    let gateways = f.record.stats.gateways.max(f.gateways().len() as u64);
    let mut parts = vec![Message::new(
        "not-registered-seen",
        args! { "n" => n, "join_eui" => join_eui.clone(), "span" => span, "gateways" => gateways },
    )];
    let mut findings = Vec::new();
    if let Some(reg) = f.registered_join_eui {
        if attempts.iter().any(|a| a.join_eui != reg) {
            parts.push(Message::new(
                "not-registered-join-eui-differs",
                args! { "registered" => reg.to_string(), "join_eui" => join_eui },
            ));
        }
    }
    if attempts.iter().any(|a| a.mic == MicStatus::Valid) {
        parts.push(Message::plain("not-registered-mic-valid"));
    } else if f.record.logs.is_empty() {
        findings.push(Finding::text(
            "NS_ERRORS_NOT_VISIBLE",
            Severity::Info,
            Message::plain("finding-ns-errors-not-visible"),
            vec![],
        ));
    }
    let observation = sentences(parts);
    let candidate = if n >= MIN_UNANSWERED_ATTEMPTS {
        Candidate::sufficient_text(
            VerdictCode::JoinNotRegistered,
            VerdictClass::Configuration,
            Message::new("not-registered-conclusion", args! { "seen" => observation }),
            evidence.clone(),
        )
    } else {
        Candidate::thin_text(
            VerdictCode::JoinNotRegistered,
            VerdictClass::Configuration,
            observation,
            Message::new("not-registered-needed", args! { "min" => MIN_UNANSWERED_ATTEMPTS }),
            f.watch_for_attempts(MIN_UNANSWERED_ATTEMPTS - n),
            evidence.clone(),
        )
    };
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    findings.insert(
        0,
        Finding::text("JOIN_NOT_REGISTERED", severity, candidate_text(&candidate), evidence),
    );
    Outcome::candidate(candidate, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnoseOptions;
    use crate::diagnosis::rules::testkit::{Rb, run_rule, run_rule_with, window};
    use crate::model::JoinEui;
    use crate::tracker::TxOutcome;

    #[test]
    fn three_unanswered_join_requests_without_key_errors_mean_not_registered() {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 120, 100 + k as u16, 6.0, 7);
            b.mic(p, MicStatus::Valid);
        }
        let c = run_rule(evaluate, &b.build(), 0, 900).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::JoinNotRegistered, VerdictClass::Configuration, true)
        );
        assert!(c.summary_en().contains("over 4 min"), "{}", c.summary_en());
        assert!(c.summary_en().contains("keys are right"), "{}", c.summary_en());
    }

    #[test]
    fn two_unanswered_join_requests_are_thin_and_say_how_long_to_watch() {
        let mut b = Rb::new();
        b.join(0, 1, 6.0, 7);
        b.join(600, 2, 6.0, 7);
        let o = run_rule(evaluate, &b.build(), 0, 900);
        let c = o.candidate.unwrap();
        assert!(!c.sufficient);
        assert!(c.summary_en().contains("watch at least 10 min more"), "{}", c.summary_en());
        assert!(o.findings.iter().any(|x| x.code == "NS_ERRORS_NOT_VISIBLE"));
    }

    #[test]
    fn a_join_request_the_ns_had_no_time_to_answer_does_not_count() {
        let mut b = Rb::new();
        b.join(0, 1, 6.0, 7);
        b.join(60, 2, 6.0, 7);
        b.join(898, 3, 6.0, 7);
        assert!(!run_rule(evaluate, &b.build(), 0, 900).candidate.unwrap().sufficient);
    }

    #[test]
    fn a_join_request_whose_answer_would_fall_in_time_not_observed_does_not_count() {
        use crate::diagnosis::rules::testkit::not_observed;
        // Three join-requests; the answer to the second was due while nothing was observed.
        let mut b = Rb::new();
        for k in 0..3 {
            b.join(k * 120, 100 + k as u16, 6.0, 7);
        }
        let mut rec = b.build();
        let observed = run_rule(evaluate, &rec, 0, 900).candidate.unwrap();
        assert!(observed.sufficient, "{}", observed.summary_en());
        rec.not_observed = vec![not_observed(121, 200)];
        let c = run_rule(evaluate, &rec, 0, 900).candidate.unwrap();
        assert!(!c.sufficient, "{}", c.summary_en());
        assert!(c.summary_en().starts_with("2 join-requests"), "{}", c.summary_en());
    }

    #[test]
    fn a_join_request_at_the_very_end_of_the_window_waits_for_more() {
        let mut b = Rb::new();
        b.frequency_hz = 904_300_000;
        b.join(0, 1, 6.0, 10);
        let c = run_rule(evaluate, &b.build(), -600, 2).candidate.unwrap();
        assert!(!c.sufficient);
        assert!(c.summary_en().contains("too late to see"), "{}", c.summary_en());
        assert!(c.summary_en().contains("1 in 8"), "{}", c.summary_en());
    }

    #[test]
    fn a_join_eui_differing_from_the_keys_file_is_named() {
        let mut b = Rb::new();
        for k in 0..3 {
            b.join(k * 60, 1 + k as u16, 6.0, 7);
        }
        let rec = b.build();
        let opts = DiagnoseOptions {
            registered_join_eui: Some(JoinEui::from_u64(1)),
            ..DiagnoseOptions::new(window(0, 900))
        };
        let c = run_rule_with(evaluate, &rec, &opts).candidate.unwrap();
        assert!(
            c.summary_en().contains("registers JoinEUI 0000000000000001"),
            "{}",
            c.summary_en()
        );
    }

    #[test]
    fn any_answer_or_key_error_rules_it_out() {
        let mut b = Rb::new();
        for k in 0..3 {
            b.join(k * 60, 1 + k as u16, 6.0, 7);
        }
        b.accept(2, TxOutcome::Ok);
        assert!(run_rule(evaluate, &b.build(), 0, 900).candidate.is_none());

        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 1 + k as u16, 6.0, 7);
            b.ns_code(p, "UPLINK_MIC");
        }
        assert!(run_rule(evaluate, &b.build(), 0, 900).candidate.is_none());
    }
}
