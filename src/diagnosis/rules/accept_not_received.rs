//! `JOIN_ACCEPT_NOT_RECEIVED`: join-accepts were sent, yet the device keeps re-joining and no
//! uplink from the new session arrives.
//!
//! Class by evidence (uplink margin of the answered join-requests stands in for the downlink):
//! - median margin below [`ADEQUATE_MARGIN_DB`] → `coverage` (the join-accept probably fades);
//! - adequate margin and the reference device heard at the site → `device_suspect` (its
//!   receive path: radio, antenna, RX timing);
//! - adequate margin without a heard reference, or no gateway TX ack captured, or no margin
//!   known → `inconclusive`.
//!
//! [`MIN_IGNORED_ACCEPTS`] ignored join-accepts are needed.

use super::tx_failed::failed_and_ignored;
use super::{Candidate, Outcome, beside_floor, sentences};
use crate::catalog::{Message, args};
use crate::diagnosis::facts::{Facts, median};
use crate::diagnosis::thresholds::{ADEQUATE_MARGIN_DB, MIN_IGNORED_ACCEPTS};
use crate::diagnosis::{Finding, Severity, VerdictClass, VerdictCode};
use crate::tracker::TxOutcome;

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let (failed, ignored_ok) = failed_and_ignored(f);
    if !failed.is_empty() && failed.len() >= ignored_ok.len() {
        return Outcome::none(); // a TX failure, not a reception failure
    }
    let ja = &f.record.join_accepts;
    let ignored_unknown: Vec<usize> = f
        .trailing_accepts()
        .into_iter()
        .filter(|&k| ja[k].tx == TxOutcome::Pending && f.rejoin_after(ja[k].at))
        .collect();
    // Application-level join events stand in for join-accepts when no gateway downlink was
    // captured (e.g. The Things Stack's `join` message).
    let app_joins: Vec<(u64, chrono::DateTime<chrono::Utc>)> = if ja.is_empty() {
        f.trailing_app_joins().into_iter().filter(|(_, at)| f.rejoin_after(*at)).collect()
    } else {
        Vec::new()
    };
    let n = ignored_ok.len() + ignored_unknown.len() + app_joins.len();
    if n == 0 {
        return Outcome::none();
    }
    let mut evidence: Vec<u64> = Vec::new();
    for &k in ignored_ok.iter().chain(&ignored_unknown) {
        evidence.push(ja[k].index);
        evidence.extend(ja[k].ack_index);
        evidence.extend(ja[k].attempt.and_then(|i| f.index_of(i)));
    }
    evidence.extend(app_joins.iter().map(|(i, _)| *i));
    evidence.extend(f.trailing.iter().filter_map(|&i| f.index_of(i)));

    let answered: Vec<usize> =
        f.trailing.iter().copied().filter(|&i| f.accept_for(i).is_some()).collect();
    let margins: Vec<f64> = answered
        .iter()
        .chain(if answered.is_empty() { f.trailing.iter() } else { [].iter() })
        .filter_map(|&i| f.attempt_margin(i))
        .collect();
    let margin = median(&margins);
    let sf = f.trailing_sf().map_or(String::new(), |(sf, _)| format!("SF{sf} "));

    // "sent" is the stats block's counter (every join-accept the gateway reported sent); the
    // ones the device answered with a new join-request are a part of it, said as such.
    let mut parts = vec![if ignored_ok.is_empty() {
        Message::new("not-received-answered", args! { "n" => n })
    } else {
        Message::new(
            "not-received-sent-of",
            args! {
                "sent" => f.record.stats.join_accept_tx_ok.max(ignored_ok.len() as u64),
                "ignored" => ignored_ok.len(),
            },
        )
    }];
    let class = match margin {
        Some(m) if m < ADEQUATE_MARGIN_DB => {
            parts.push(beside_floor(
                m,
                ("not-received-low-margin", "not-received-below-floor"),
                args! { "sf" => sf.clone() },
            ));
            VerdictClass::Coverage
        }
        _ if ignored_ok.is_empty() => {
            parts.push(Message::plain("not-received-no-tx-ack"));
            VerdictClass::Inconclusive
        }
        None => {
            parts.push(Message::plain("not-received-margin-unknown"));
            VerdictClass::Inconclusive
        }
        Some(m) if f.reference_counts() => {
            let r = f.reference.as_ref().map(|r| r.dev_eui.to_string()).unwrap_or_default();
            parts.push(Message::new(
                "not-received-receive-path",
                args! { "margin" => format!("{m:.1}"), "sf" => sf.clone(), "eui" => r },
            ));
            VerdictClass::DeviceSuspect
        }
        Some(m) => {
            parts.push(Message::new(
                "not-received-no-reference",
                args! { "margin" => format!("{m:.1}"), "sf" => sf.clone() },
            ));
            VerdictClass::Inconclusive
        }
    };
    let summary = sentences(parts);
    let candidate = if n >= MIN_IGNORED_ACCEPTS {
        Candidate::sufficient_text(
            VerdictCode::JoinAcceptNotReceived,
            class,
            summary.clone(),
            evidence.clone(),
        )
    } else {
        Candidate::thin_text(
            VerdictCode::JoinAcceptNotReceived,
            class,
            summary.clone(),
            Message::new("not-received-needed", args! { "min" => MIN_IGNORED_ACCEPTS }),
            f.watch_for_attempts(MIN_IGNORED_ACCEPTS - n),
            evidence.clone(),
        )
    };
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    Outcome::candidate(
        candidate,
        vec![Finding::text("JOIN_ACCEPT_NOT_RECEIVED", severity, summary, evidence)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnoseOptions;
    use crate::diagnosis::rules::testkit::{Rb, assert_says, run_rule, run_rule_with, window};
    use crate::model::{DevEui, Lang};

    fn ignored_accepts(snr: f64, sf: u8, tx: TxOutcome) -> crate::tracker::DeviceRecord {
        let mut b = Rb::new();
        for k in 0..4 {
            let p = b.join(k * 60, 10 + k as u16, snr, sf);
            if k < 3 {
                b.accept(p, tx.clone());
            }
        }
        b.build()
    }

    #[test]
    fn ignored_accepts_with_poor_margin_are_coverage() {
        // SF10 floor -15 dB; SNR -12 → 3 dB margin.
        let c = run_rule(evaluate, &ignored_accepts(-12.0, 10, TxOutcome::Ok), 0, 900)
            .candidate
            .unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::JoinAcceptNotReceived, VerdictClass::Coverage, true)
        );
        assert!(c.summary_en().contains("3.0 dB"), "{}", c.summary_en());
    }

    #[test]
    fn below_the_floor_the_margin_is_said_as_the_distance_below_it_in_every_language() {
        // SF10 floor -15 dB; SNR -17 → 2 dB below it.
        let c = run_rule(evaluate, &ignored_accepts(-17.0, 10, TxOutcome::Ok), 0, 900)
            .candidate
            .unwrap();
        assert_eq!(c.class, VerdictClass::Coverage);
        assert_says(
            &c,
            [
                (Lang::En, "arrive 2.0 dB below the SF10 demodulation floor"),
                (Lang::De, "kommen 2.0 dB unter der Demodulationsgrenze SF10 an"),
                (Lang::Fr, "arrivent 2.0 dB sous le seuil SF10 de démodulation"),
                (Lang::Ro, "ajung cu 2.0 dB sub pragul SF10 de demodulare"),
            ],
            "-2.0",
        );
    }

    #[test]
    fn ignored_accepts_with_good_margin_and_a_heard_reference_make_the_device_suspect() {
        let rec = ignored_accepts(8.0, 7, TxOutcome::Ok);
        let mut rb = Rb::for_device(0x70b3_d57e_d000_0002);
        rb.uplinks(0, 300, 0..3, 5.0, 7);
        let reference = rb.build();
        let opts = DiagnoseOptions {
            reference: Some(&reference),
            reference_dev_eui: Some(DevEui::from_u64(0x70b3_d57e_d000_0002)),
            ..DiagnoseOptions::new(window(0, 900))
        };
        let c = run_rule_with(evaluate, &rec, &opts).candidate.unwrap();
        assert_eq!(c.class, VerdictClass::DeviceSuspect);
        assert!(c.summary_en().contains("receive path"), "{}", c.summary_en());
    }

    #[test]
    fn ignored_accepts_with_good_margin_but_no_reference_stay_inconclusive() {
        let c =
            run_rule(evaluate, &ignored_accepts(8.0, 7, TxOutcome::Ok), 0, 900).candidate.unwrap();
        assert_eq!(c.class, VerdictClass::Inconclusive);
        assert!(c.summary_en().contains("--reference-dev-eui"), "{}", c.summary_en());
    }

    #[test]
    fn answers_without_a_tx_ack_are_inconclusive() {
        let c = run_rule(evaluate, &ignored_accepts(8.0, 7, TxOutcome::Pending), 0, 900)
            .candidate
            .unwrap();
        assert_eq!(c.class, VerdictClass::Inconclusive);
        assert!(c.summary_en().contains("event/ack"), "{}", c.summary_en());
    }

    #[test]
    fn an_answer_the_device_took_is_not_ignored() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 8.0, 7);
        b.accept(p, TxOutcome::Ok);
        b.uplinks(10, 60, 0..3, 8.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 900).candidate.is_none());
    }

    #[test]
    fn app_join_events_count_when_no_gateway_downlink_was_captured() {
        let mut b = Rb::new();
        for k in 0..3 {
            b.join(k * 60, 10 + k as u16, 8.0, 7);
            b.app_join(k * 60 + 1);
        }
        let c = run_rule(evaluate, &b.build(), 0, 900).candidate.unwrap();
        assert_eq!((c.class, c.sufficient), (VerdictClass::Inconclusive, true));
    }
}
