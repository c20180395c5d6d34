//! Context: join problems that are history. Join-requests before the last uplink that failed
//! (NS errors, local MIC failures, failed or ignored join-accepts) no longer decide the verdict
//! — the device joined after them — but they are reported. Re-joins after a device already
//! sent uplinks hint at restarts (power, battery, watchdog).

use std::collections::BTreeMap;

use super::Outcome;
use crate::catalog::{Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};
use crate::frame::MicStatus;
use crate::tracker::TxOutcome;

/// Re-joins after uplinks before which this many are reported as restarts.
pub const MIN_REJOINS: usize = 2;

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let Some(last_up) = f.last_uplink_at else { return Outcome::none() };
    let mut findings = Vec::new();
    let earlier: Vec<usize> = (0..f.record.join_attempts.len())
        .filter(|&i| f.attempt(i).is_some_and(|a| a.at < last_up))
        .collect();
    // (kind, detail) → count; kinds: 0 NS log code, 1 local MIC, 2 TX failure, 3 not taken.
    let mut problems: BTreeMap<(u8, String), usize> = BTreeMap::new();
    let mut evidence = Vec::new();
    for &i in &earlier {
        let mut failed = false;
        for c in f.attempt_codes(i) {
            *problems.entry((0, c)).or_default() += 1;
            failed = true;
        }
        if f.attempt(i).is_some_and(|a| a.mic == MicStatus::Invalid) {
            *problems.entry((1, String::new())).or_default() += 1;
            failed = true;
        }
        match f.accept_for(i).map(|ja| &ja.tx) {
            Some(TxOutcome::Failed(s)) => {
                *problems.entry((2, s.name().to_string())).or_default() += 1;
                failed = true;
            }
            Some(TxOutcome::Ok)
                if f.attempt(i).is_some_and(|a| {
                    earlier.iter().any(|&j| f.attempt(j).is_some_and(|b| b.at > a.at))
                }) =>
            {
                *problems.entry((3, String::new())).or_default() += 1;
                failed = true;
            }
            _ => {}
        }
        if failed {
            evidence.extend(f.index_of(i));
        }
    }
    if !problems.is_empty() {
        let list: Vec<Message> = problems
            .iter()
            .map(|((kind, detail), n)| match kind {
                0 => Message::new("join-history-code", args! { "code" => detail, "n" => *n }),
                1 => Message::new("join-history-local-mic", args! { "n" => *n }),
                2 => {
                    Message::new("join-history-tx-failed", args! { "status" => detail, "n" => *n })
                }
                _ => Message::new("join-history-not-taken", args! { "n" => *n }),
            })
            .collect();
        findings.push(Finding::text(
            "JOIN_HISTORY",
            Severity::Info,
            Message::new(
                "finding-join-history",
                args! { "n" => evidence.len(), "problems" => list },
            ),
            evidence,
        ));
    }
    // Answered join-requests sent after the device had already delivered uplinks.
    let first_up = f.record.uplinks.iter().map(|u| u.at).min();
    let rejoins: Vec<u64> = f
        .record
        .join_attempts
        .iter()
        .enumerate()
        .filter(|(i, a)| first_up.is_some_and(|u| a.at > u) && f.accept_for(*i).is_some())
        .map(|(_, a)| a.index)
        .collect();
    if rejoins.len() >= MIN_REJOINS {
        findings.push(Finding::text(
            "REPEATED_REJOINS",
            Severity::Warning,
            Message::new("finding-repeated-rejoins", args! { "n" => rejoins.len() }),
            rejoins,
        ));
    }
    Outcome::findings(findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};

    #[test]
    fn failed_joins_before_a_successful_one_are_reported_as_history() {
        let mut b = Rb::new();
        for k in 0..2 {
            let p = b.join(k * 60, k as u16, 5.0, 7);
            b.ns_code(p, "UPLINK_MIC");
        }
        let p = b.join(200, 5, 5.0, 7);
        b.accept(p, TxOutcome::Ok);
        b.uplinks(210, 600, 0..3, 5.0, 7);
        let o = run_rule(evaluate, &b.build(), 0, 3000);
        assert_eq!(o.findings[0].code, "JOIN_HISTORY");
        assert!(
            o.findings[0].summary_in(crate::model::Lang::En).contains("UPLINK_MIC ×2"),
            "{}",
            o.findings[0].summary_in(crate::model::Lang::En)
        );
    }

    #[test]
    fn rejoins_after_uplinks_hint_at_restarts() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 0..3, 5.0, 7);
        for s in [3000, 6000] {
            let p = b.join(s, s as u16, 5.0, 7);
            b.accept(p, TxOutcome::Ok);
            b.uplinks(s + 10, 600, 0..2, 5.0, 7);
        }
        let o = run_rule(evaluate, &b.build(), 0, 9000);
        assert!(o.findings.iter().any(|f| f.code == "REPEATED_REJOINS"));
    }
}
