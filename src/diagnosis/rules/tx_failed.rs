//! `JOIN_ACCEPT_TX_FAILED` (network): the NS scheduled join-accepts, the gateway reported it
//! could not send them (TOO_LATE, TOO_EARLY, COLLISION_…, TX_FREQ, TX_POWER, GPS_UNLOCKED,
//! QUEUE_FULL, INTERNAL_ERROR, DUTY_CYCLE_OVERFLOW).
//!
//! Fires when failed join-accepts since the last uplink are at least as many as the ones sent
//! OK but not taken by the device; [`MIN_TX_FAILURES`] failures are needed (one TOO_LATE can be
//! a transient backhaul delay).

use std::collections::BTreeMap;

use super::{Candidate, Outcome, list};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::thresholds::MIN_TX_FAILURES;
use crate::diagnosis::{Finding, Severity, VerdictClass, VerdictCode};
use crate::model::TxAckStatus;
use crate::tracker::TxOutcome;

/// What to check for a TX ack status.
#[must_use]
pub fn status_hint(status: &TxAckStatus) -> &'static str {
    match status {
        TxAckStatus::TooLate => {
            "TOO_LATE: the join-accept reached the gateway after its transmit time — check the \
             gateway's backhaul latency (cellular or satellite links, a distant network server)"
        }
        TxAckStatus::TooEarly => {
            "TOO_EARLY: the join-accept arrived too far ahead of its transmit time — check the \
             gateway's clock and packet-forwarder version"
        }
        TxAckStatus::CollisionPacket | TxAckStatus::CollisionBeacon => {
            "a collision with another scheduled downlink or beacon on the gateway"
        }
        TxAckStatus::TxFreq | TxAckStatus::TxPower => {
            "the gateway does not support the requested frequency or power — check that the \
             gateway and network-server region settings match"
        }
        TxAckStatus::GpsUnlocked => "the gateway has no GPS time lock",
        TxAckStatus::DutyCycleOverflow => {
            "the gateway has used up its duty-cycle budget — too many downlinks on this gateway"
        }
        TxAckStatus::QueueFull | TxAckStatus::InternalError => {
            "a gateway-internal error (queue full or packet-forwarder fault) — restart or update \
             the gateway software"
        }
        TxAckStatus::Ignored | TxAckStatus::Ok | TxAckStatus::Other(_) => {
            "check the gateway's packet-forwarder log"
        }
    }
}

/// The catalog id of [`status_hint`] as a sentence (capitalised).
#[must_use]
pub fn status_hint_id(status: &TxAckStatus) -> &'static str {
    match status {
        TxAckStatus::TooLate => "tx-hint-too-late",
        TxAckStatus::TooEarly => "tx-hint-too-early",
        TxAckStatus::CollisionPacket | TxAckStatus::CollisionBeacon => "tx-hint-collision",
        TxAckStatus::TxFreq | TxAckStatus::TxPower => "tx-hint-freq-power",
        TxAckStatus::GpsUnlocked => "tx-hint-gps-unlocked",
        TxAckStatus::DutyCycleOverflow => "tx-hint-duty-cycle",
        TxAckStatus::QueueFull | TxAckStatus::InternalError => "tx-hint-internal",
        TxAckStatus::Ignored | TxAckStatus::Ok | TxAckStatus::Other(_) => "tx-hint-other",
    }
}

/// `(failed, sent-ok-but-followed-by-a-rejoin)` join-accepts since the last uplink.
#[must_use]
pub fn failed_and_ignored(f: &Facts<'_>) -> (Vec<usize>, Vec<usize>) {
    let accepts = f.trailing_accepts();
    let ja = &f.record.join_accepts;
    let failed =
        accepts.iter().copied().filter(|&k| matches!(ja[k].tx, TxOutcome::Failed(_))).collect();
    let ignored = accepts
        .iter()
        .copied()
        .filter(|&k| ja[k].tx == TxOutcome::Ok && f.rejoin_after(ja[k].at))
        .collect();
    (failed, ignored)
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let (failed, ignored) = failed_and_ignored(f);
    if failed.is_empty() || failed.len() < ignored.len() {
        return Outcome::none();
    }
    let ja = &f.record.join_accepts;
    // The summary quotes the whole window's failures, as the stats block counts them (the rule
    // fires on those since the last uplink).
    let all_failed: Vec<usize> =
        (0..ja.len()).filter(|&k| matches!(ja[k].tx, TxOutcome::Failed(_))).collect();
    let mut by_status: BTreeMap<String, (usize, TxAckStatus)> = BTreeMap::new();
    let mut gateways = Vec::new();
    for &k in &all_failed {
        if let TxOutcome::Failed(s) = &ja[k].tx {
            by_status.entry(s.name().to_string()).or_insert((0, s.clone())).0 += 1;
        }
        if !gateways.contains(&ja[k].gateway) {
            gateways.push(ja[k].gateway.clone());
        }
    }
    let statuses: Vec<String> = by_status.iter().map(|(n, (c, _))| format!("{n} ×{c}")).collect();
    let main = by_status.values().max_by_key(|(c, _)| *c).map(|(_, s)| s.clone());
    let hint =
        main.as_ref().map_or(Arg::from(""), |m| Arg::from(Message::plain(status_hint_id(m))));
    let summary = Message::new(
        "tx-failed-seen",
        args! {
            "gateways" => list(&gateways, 3),
            "n" => f.record.stats.join_accept_tx_failed.max(all_failed.len() as u64),
            "statuses" => statuses.join(", "),
            "hint" => hint,
        },
    );
    let mut evidence: Vec<u64> = failed.iter().map(|&k| ja[k].index).collect();
    evidence.extend(failed.iter().filter_map(|&k| ja[k].ack_index));
    evidence.extend(failed.iter().filter_map(|&k| ja[k].attempt).filter_map(|i| f.index_of(i)));
    let candidate = if failed.len() >= MIN_TX_FAILURES {
        Candidate::sufficient_text(
            VerdictCode::JoinAcceptTxFailed,
            VerdictClass::Network,
            summary.clone(),
            evidence.clone(),
        )
    } else {
        Candidate::thin_text(
            VerdictCode::JoinAcceptTxFailed,
            VerdictClass::Network,
            summary.clone(),
            Message::new("tx-failed-needed", args! { "min" => MIN_TX_FAILURES }),
            f.watch_for_attempts(MIN_TX_FAILURES - failed.len()),
            evidence.clone(),
        )
    };
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    Outcome::candidate(
        candidate,
        vec![Finding::text("JOIN_ACCEPT_TX_FAILED", severity, summary, evidence)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule, too_late};

    #[test]
    fn repeated_too_late_acks_are_a_network_problem_with_backhaul_advice() {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 10 + k as u16, 7.0, 7);
            b.accept(p, too_late());
        }
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::JoinAcceptTxFailed, VerdictClass::Network, true)
        );
        assert!(c.summary_en().contains("TOO_LATE ×3"), "{}", c.summary_en());
        assert!(c.summary_en().contains("backhaul latency"), "{}", c.summary_en());
    }

    #[test]
    fn one_too_late_is_thin() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 7.0, 7);
        b.accept(p, too_late());
        b.join(60, 2, 7.0, 7);
        let c = run_rule(evaluate, &b.build(), 0, 600).candidate.unwrap();
        assert!(!c.sufficient);
    }

    #[test]
    fn mostly_sent_join_accepts_are_not_a_tx_failure() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 7.0, 7);
        b.accept(p, too_late());
        for k in 1..4 {
            let p = b.join(k * 60, 1 + k as u16, 7.0, 7);
            b.accept(p, TxOutcome::Ok);
        }
        b.join(600, 9, 7.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 900).candidate.is_none());
    }

    #[test]
    fn every_status_has_advice() {
        for s in [
            "TOO_EARLY",
            "COLLISION_PACKET",
            "TX_FREQ",
            "GPS_UNLOCKED",
            "DUTY_CYCLE_OVERFLOW",
            "QUEUE_FULL",
            "WEIRD",
        ] {
            assert!(!status_hint(&TxAckStatus::from_name(s)).is_empty(), "{s}");
        }
    }

    #[test]
    fn the_catalog_hint_is_the_english_hint_as_a_sentence() {
        for s in ["TOO_LATE", "TOO_EARLY", "COLLISION_BEACON", "TX_POWER", "GPS_UNLOCKED"] {
            let status = TxAckStatus::from_name(s);
            let en = crate::catalog::plain(crate::model::Lang::En, status_hint_id(&status));
            let hint = status_hint(&status);
            let mut c = hint.chars();
            let first = c.next().map(|x| x.to_uppercase().chain(c).collect::<String>());
            assert_eq!(Some(en), first, "{s}");
        }
    }
}
