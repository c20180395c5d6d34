//! `JOIN_KEY_MISMATCH`: join-requests fail the MIC.
//!
//! Evidence, strongest first, over the join-requests since the last uplink:
//! - local MIC check with the registered AppKey fails (and the NS did not accept them) →
//!   the key on the **device** differs ([`Cause::KeyOnDevice`]);
//! - the MIC verifies locally but the NS logs `UPLINK_MIC` → the **NS** settings are wrong
//!   (MAC version, NwkKey set, key type) ([`Cause::KeyOnNetworkServer`]);
//! - the NS logs `UPLINK_MIC`, no key supplied ([`Cause::KeyUnverified`]);
//! - the NS accepts, but its join-accepts do not verify with the registered AppKey
//!   ([`Cause::JoinAcceptKey`]).
//!
//! Explicit errors need only [`MIN_EXPLICIT_FAILURES`] attempts. A local failure on a
//! join-request the NS accepted means the keys file is stale, not the device.

use super::{Candidate, Outcome};
use crate::catalog::{Message, args};
use crate::diagnosis::facts::{CODE_MIC, Facts};
use crate::diagnosis::thresholds::MIN_EXPLICIT_FAILURES;
use crate::diagnosis::{Cause, Finding, Severity, VerdictClass, VerdictCode};
use crate::frame::MicStatus;

/// "1 join-request" / "3 join-requests" in the reader's language.
fn requests(n: usize) -> Message {
    Message::new("n-join-requests", args! { "n" => n })
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let mut findings = Vec::new();
    let mic_of = |i: usize| f.attempt(i).map_or(MicStatus::Unchecked, |a| a.mic);
    let local_invalid: Vec<usize> =
        f.trailing.iter().copied().filter(|&i| mic_of(i) == MicStatus::Invalid).collect();
    let (invalid_answered, invalid_unanswered): (Vec<usize>, Vec<usize>) =
        local_invalid.iter().partition(|&&i| f.accept_for(i).is_some());
    let keys_file_stale = !invalid_answered.is_empty();
    if keys_file_stale {
        findings.push(Finding::text(
            "KEYS_FILE_STALE",
            Severity::Warning,
            Message::new(
                "key-stale-keys-file",
                args! { "requests" => requests(invalid_answered.len()) },
            ),
            invalid_answered.iter().filter_map(|&i| f.index_of(i)).collect(),
        ));
    }
    let (ns_n, ns_ev) = f.trailing_code(CODE_MIC);
    let valid_with_ns_mic: Vec<usize> = f
        .trailing
        .iter()
        .copied()
        .filter(|&i| mic_of(i) == MicStatus::Valid && f.attempt_codes(i).contains(CODE_MIC))
        .collect();
    let accept_invalid: Vec<usize> = f
        .trailing
        .iter()
        .copied()
        .filter(|&i| {
            mic_of(i) != MicStatus::Invalid
                && f.accept_for(i).is_some_and(|ja| ja.mic == MicStatus::Invalid)
        })
        .collect();

    let (cause, n, evidence, summary) = if !keys_file_stale && !invalid_unanswered.is_empty() {
        let n = invalid_unanswered.len().max(ns_n);
        let mut ev: Vec<u64> = invalid_unanswered.iter().filter_map(|&i| f.index_of(i)).collect();
        ev.extend(&ns_ev);
        let s = Message::new(
            "key-mismatch-device",
            args! { "requests" => requests(invalid_unanswered.len()), "ns" => ns_n },
        );
        (Cause::KeyOnDevice, n, ev, s)
    } else if ns_n > 0 && !valid_with_ns_mic.is_empty() {
        let mut ev: Vec<u64> = valid_with_ns_mic.iter().filter_map(|&i| f.index_of(i)).collect();
        ev.extend(&ns_ev);
        let s = Message::new("key-mismatch-network-server", args! { "ns" => ns_n });
        (Cause::KeyOnNetworkServer, ns_n, ev, s)
    } else if ns_n > 0 {
        let s = Message::new("key-mismatch-unverified", args! { "requests" => requests(ns_n) });
        (Cause::KeyUnverified, ns_n, ns_ev, s)
    } else if !accept_invalid.is_empty() && !keys_file_stale {
        let mut ev: Vec<u64> = accept_invalid.iter().filter_map(|&i| f.index_of(i)).collect();
        ev.extend(accept_invalid.iter().filter_map(|&i| f.accept_for(i).map(|ja| ja.index)));
        let s = Message::new(
            "key-mismatch-join-accept",
            args! { "requests" => requests(accept_invalid.len()) },
        );
        (Cause::JoinAcceptKey, accept_invalid.len(), ev, s)
    } else {
        return Outcome::findings(findings);
    };

    let candidate = if n >= MIN_EXPLICIT_FAILURES {
        Candidate::sufficient_text(
            VerdictCode::JoinKeyMismatch,
            VerdictClass::Configuration,
            summary.clone(),
            evidence.clone(),
        )
    } else {
        Candidate::thin_text(
            VerdictCode::JoinKeyMismatch,
            VerdictClass::Configuration,
            summary.clone(),
            Message::new("key-mismatch-needed", args! { "min" => MIN_EXPLICIT_FAILURES }),
            f.watch_for_attempts(MIN_EXPLICIT_FAILURES - n),
            evidence.clone(),
        )
    }
    .with_cause(cause);
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    findings.push(Finding::text("JOIN_KEY_MISMATCH", severity, summary, evidence));
    Outcome::candidate(candidate, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};
    use crate::tracker::TxOutcome;

    #[test]
    fn local_mic_failures_blame_the_key_on_the_device() {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 100 + k as u16, 7.0, 7);
            b.mic(p, MicStatus::Invalid);
            b.ns_code(p, "UPLINK_MIC");
        }
        let o = run_rule(evaluate, &b.build(), 0, 600);
        let c = o.candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.cause),
            (VerdictCode::JoinKeyMismatch, VerdictClass::Configuration, Some(Cause::KeyOnDevice))
        );
        assert!(c.sufficient);
        assert!(c.summary_en().contains("programmed into the device"), "{}", c.summary_en());
        assert!(c.evidence.len() >= 3);
    }

    #[test]
    fn a_locally_valid_mic_with_ns_mic_errors_blames_the_network_server() {
        let mut b = Rb::new();
        for k in 0..2 {
            let p = b.join(k * 60, 100 + k as u16, 7.0, 7);
            b.mic(p, MicStatus::Valid);
            b.ns_code(p, "UPLINK_MIC");
        }
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert_eq!(c.cause, Some(Cause::KeyOnNetworkServer));
        assert!(c.summary_en().contains("MAC version"), "{}", c.summary_en());
    }

    #[test]
    fn ns_mic_errors_without_keys_say_to_pass_keys() {
        let mut b = Rb::new();
        for k in 0..2 {
            let p = b.join(k * 60, 100 + k as u16, 7.0, 7);
            b.ns_code(p, "UPLINK_MIC");
        }
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert_eq!(c.cause, Some(Cause::KeyUnverified));
        assert!(c.summary_en().contains("--keys"));
    }

    #[test]
    fn a_single_mic_failure_is_thin_and_says_how_long_to_watch() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 7.0, 7);
        b.ns_code(p, "UPLINK_MIC");
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert!(!c.sufficient);
        assert!(c.summary_en().contains("watch at least"), "{}", c.summary_en());
    }

    #[test]
    fn local_failures_on_accepted_joins_mean_a_stale_keys_file_not_a_device_fault() {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 100 + k as u16, 7.0, 7);
            b.mic(p, MicStatus::Invalid);
            b.accept(p, TxOutcome::Ok);
        }
        let o = run_rule(evaluate, &b.build(), 0, 600);
        assert!(o.candidate.is_none());
        assert_eq!(o.findings[0].code, "KEYS_FILE_STALE");
    }

    #[test]
    fn join_accepts_that_fail_the_registered_key_point_to_ns_version_settings() {
        let mut b = Rb::new();
        for k in 0..2 {
            let p = b.join(k * 60, 100 + k as u16, 7.0, 7);
            b.mic(p, MicStatus::Valid);
            let a = b.accept(p, TxOutcome::Ok);
            b.accept_mic(a, MicStatus::Invalid);
        }
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert_eq!(c.cause, Some(Cause::JoinAcceptKey));
    }

    #[test]
    fn mic_failures_before_a_successful_join_do_not_count() {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 100 + k as u16, 7.0, 7);
            b.ns_code(p, "UPLINK_MIC");
        }
        b.uplinks(600, 600, 0..5, 8.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 4000).candidate.is_none());
    }
}
