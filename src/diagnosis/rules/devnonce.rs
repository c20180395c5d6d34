//! `DEVNONCE_REJECTED`: join-requests refused for a reused or too-small DevNonce.
//!
//! - Explicit: the NS logs `OTAA` ("DevNonce has already been used"; The Things Stack's
//!   `reuse_dev_nonce` / `dev_nonce_too_small` are normalised to it). [`MIN_EXPLICIT_FAILURES`]
//!   attempts suffice.
//! - Inferred (no NS log captured): unanswered join-requests that reuse a DevNonce seen earlier
//!   in the window, or — for a counter DevNonce (LoRaWAN 1.0.4, or a sequence that counts up
//!   by one) — a DevNonce not larger than one the NS already accepted. Needs
//!   [`MIN_UNANSWERED_ATTEMPTS`] such attempts.
//! - NS behaviour by MAC version: ChirpStack v4 rejects any DevNonce it has stored for the
//!   device, whatever the version; The Things Stack remembers the last 10 DevNonces before
//!   1.0.4 and requires increasing DevNonces from 1.0.4 on.

use super::{Candidate, Outcome, list, sentences};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::facts::{CODE_DEVNONCE, CODE_MIC, Facts};
use crate::diagnosis::thresholds::{MIN_EXPLICIT_FAILURES, MIN_UNANSWERED_ATTEMPTS};
use crate::diagnosis::{Cause, Finding, Severity, VerdictClass, VerdictCode};
use crate::frame::MicStatus;
use crate::profiles::mac_version_at_least_104;

/// A restart of a counting DevNonce: position of the first attempt after it, old and new value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterRestart {
    /// Position in `join_attempts`.
    pub pos: usize,
    /// Message index.
    pub index: u64,
    /// DevNonce before.
    pub from: u16,
    /// DevNonce after.
    pub to: u16,
}

/// True when the DevNonces count up by one at least three times in a row.
fn looks_like_counter(nonces: &[u16]) -> bool {
    let mut run = 0;
    for w in nonces.windows(2) {
        if w[1] == w[0].wrapping_add(1) {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The last place where a counting DevNonce went backwards.
#[must_use]
pub fn counter_restart(f: &Facts<'_>) -> Option<CounterRestart> {
    let attempts = &f.record.join_attempts;
    let nonces: Vec<u16> = attempts.iter().map(|a| a.dev_nonce).collect();
    let counter = f.profile.is_some_and(|p| p.dev_nonce_is_counter())
        || mac_version_at_least_104(f.mac_version())
        || looks_like_counter(&nonces);
    if !counter {
        return None;
    }
    (1..attempts.len()).rev().find(|&k| nonces[k] < nonces[k - 1]).map(|k| CounterRestart {
        pos: k,
        index: attempts[k].index,
        from: nonces[k - 1],
        to: nonces[k],
    })
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let (explicit_n, explicit_ev) = f.trailing_code(CODE_DEVNONCE);
    let restart = counter_restart(f);
    let counter = restart.is_some()
        || f.profile.is_some_and(|p| p.dev_nonce_is_counter())
        || mac_version_at_least_104(f.mac_version());
    // Largest DevNonce the NS accepted before each attempt (for the counter rule).
    let accepted_max_before = |i: usize| -> Option<u16> {
        (0..i)
            .filter(|&k| f.accept_for(k).is_some())
            .filter_map(|k| f.attempt(k))
            .map(|a| a.dev_nonce)
            .max()
    };
    let inferred: Vec<usize> = f
        .trailing
        .iter()
        .copied()
        .filter(|&i| f.accept_for(i).is_none() && f.settled(i))
        .filter(|&i| f.attempt(i).is_some_and(|a| a.mic != MicStatus::Invalid))
        .filter(|&i| !f.attempt_codes(i).contains(CODE_MIC))
        .filter(|&i| {
            let Some(a) = f.attempt(i) else { return false };
            a.dev_nonce_reused
                || (counter && accepted_max_before(i).is_some_and(|m| a.dev_nonce <= m))
        })
        .collect();
    if explicit_n == 0 && inferred.is_empty() {
        return Outcome::none();
    }
    let mut evidence: Vec<u64> = explicit_ev.clone();
    evidence.extend(inferred.iter().filter_map(|&i| f.index_of(i)));
    let nonces: Vec<u16> = {
        let mut v: Vec<u16> = f
            .trailing
            .iter()
            .filter(|&&i| f.attempt_codes(i).contains(CODE_DEVNONCE) || inferred.contains(&i))
            .filter_map(|&i| f.attempt(i).map(|a| a.dev_nonce))
            .collect();
        v.dedup();
        v
    };
    let mut parts = vec![if explicit_n > 0 {
        let listed = if nonces.is_empty() {
            Arg::from("")
        } else {
            Arg::from(Message::new("devnonce-list", args! { "list" => list(&nonces, 5) }))
        };
        Message::new(
            "devnonce-refused",
            args! {
                "requests" => Message::new("n-join-requests", args! { "n" => explicit_n }),
                "nonces" => listed,
            },
        )
    } else {
        Message::new("devnonce-reused", args! { "n" => inferred.len(), "list" => list(&nonces, 5) })
    }];
    let counting = looks_like_counter(&nonces) || mac_version_at_least_104(f.mac_version());
    if let Some(r) = restart {
        parts.push(Message::new(
            "devnonce-counter-restarted",
            args! { "index" => r.index, "from" => r.from, "to" => r.to },
        ));
    } else if counting && explicit_n > 0 {
        parts.push(Message::plain("devnonce-counting-seen-before"));
    }
    parts.push(Message::plain(if counter || counting {
        "devnonce-ns-counter"
    } else {
        "devnonce-ns-random"
    }));
    let summary = sentences(parts);
    let cause = if restart.is_some() || (counting && explicit_n > 0) {
        Cause::DevNonceCounterRestart
    } else {
        Cause::DevNonceReused
    };
    let enough = explicit_n >= MIN_EXPLICIT_FAILURES || inferred.len() >= MIN_UNANSWERED_ATTEMPTS;
    let candidate = if enough {
        Candidate::sufficient_text(
            VerdictCode::DevnonceRejected,
            VerdictClass::Configuration,
            summary.clone(),
            evidence.clone(),
        )
    } else {
        let (needed, more) = if explicit_n > 0 {
            (
                Message::new("devnonce-needed-refusals", args! { "min" => MIN_EXPLICIT_FAILURES }),
                MIN_EXPLICIT_FAILURES - explicit_n,
            )
        } else {
            (
                Message::new(
                    "devnonce-needed-attempts",
                    args! { "min" => MIN_UNANSWERED_ATTEMPTS },
                ),
                MIN_UNANSWERED_ATTEMPTS - inferred.len(),
            )
        };
        Candidate::thin_text(
            VerdictCode::DevnonceRejected,
            VerdictClass::Configuration,
            summary.clone(),
            needed,
            f.watch_for_attempts(more),
            evidence.clone(),
        )
    }
    .with_cause(cause);
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    Outcome::candidate(
        candidate,
        vec![Finding::text("DEVNONCE_REJECTED", severity, summary, evidence)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnoseOptions;
    use crate::diagnosis::rules::testkit::{Rb, run_rule, run_rule_with, window};
    use crate::profiles::parse_profile;
    use crate::tracker::TxOutcome;

    #[test]
    fn ns_otaa_errors_reject_the_devnonce() {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 30, 77, 7.0, 7);
            b.ns_code(p, "OTAA");
        }
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::DevnonceRejected, VerdictClass::Configuration, true)
        );
        assert_eq!(c.cause, Some(Cause::DevNonceReused));
        assert!(c.summary_en().contains("DevNonce 77"), "{}", c.summary_en());
        assert!(c.summary_en().contains("last 10"), "{}", c.summary_en());
    }

    #[test]
    fn refused_devnonces_that_count_up_mean_a_restarted_counter() {
        let mut b = Rb::new();
        for k in 0..4 {
            let p = b.join(k * 30, k as u16, 7.0, 7);
            b.ns_code(p, "OTAA");
        }
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert_eq!(c.cause, Some(Cause::DevNonceCounterRestart));
        assert!(c.summary_en().contains("count up"), "{}", c.summary_en());
    }

    #[test]
    fn tts_error_names_count_as_devnonce_refusals() {
        let mut b = Rb::new();
        for k in 0..2 {
            let p = b.join(k * 30, 5 + k as u16, 7.0, 7);
            b.ns_code(p, "dev_nonce_too_small");
        }
        assert!(run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap().sufficient);
    }

    #[test]
    fn a_restarted_104_counter_is_named_and_inferred_without_ns_logs() {
        let mut b = Rb::new();
        // Counting DevNonces, accepted, then the counter restarts at 0 and nothing is answered.
        for (k, n) in (200u16..204).enumerate() {
            let p = b.join(k as i64 * 60, n, 7.0, 7);
            b.accept(p, TxOutcome::Ok);
        }
        b.uplinks(300, 60, 0..3, 8.0, 7);
        for (k, n) in (0u16..4).enumerate() {
            b.join(1000 + k as i64 * 60, n, 7.0, 7);
        }
        let c = run_rule(evaluate, &b.build(), 0, 3000).candidate.unwrap();
        assert_eq!(c.cause, Some(Cause::DevNonceCounterRestart));
        assert!(c.sufficient);
        assert!(c.summary_en().contains("from 203 to 0"), "{}", c.summary_en());
        assert!(c.summary_en().contains("not larger than the last one"), "{}", c.summary_en());
    }

    #[test]
    fn a_profile_declaring_104_makes_small_devnonces_suspect() {
        let text = include_str!("../../../device-profiles/dragino/dragino-lht65n-eu868.yaml")
            .replace("macVersion: '1.0.3'", "macVersion: '1.0.4'")
            .replace("RP001-1.0.3-RevA", "RP002-1.0.1");
        let p = parse_profile("x", "x.yaml", &text).unwrap();
        let mut b = Rb::new();
        let first = b.join(0, 50, 7.0, 7);
        b.accept(first, TxOutcome::Ok);
        b.uplinks(100, 60, 0..2, 8.0, 7);
        // 10 and 11 are below the accepted 50 (not a reuse within the window).
        b.join(1000, 10, 7.0, 7);
        b.join(1100, 11, 7.0, 7);
        let rec = b.build();
        let opts = DiagnoseOptions { profile: Some(&p), ..DiagnoseOptions::new(window(0, 3000)) };
        let c = run_rule_with(evaluate, &rec, &opts).candidate.unwrap();
        assert!(!c.sufficient, "two inferred attempts are thin");
        assert!(c.summary_en().contains("watch at least"), "{}", c.summary_en());
    }

    #[test]
    fn unique_random_devnonces_without_answers_are_not_a_devnonce_problem() {
        let mut b = Rb::new();
        for (k, n) in [4711u16, 815, 31337].iter().enumerate() {
            b.join(k as i64 * 60, *n, 7.0, 7);
        }
        assert!(run_rule(evaluate, &b.build(), 0, 600).candidate.is_none());
    }
}
