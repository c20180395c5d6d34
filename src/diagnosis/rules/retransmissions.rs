//! Context: repeated frame counters (NbTrans or confirmed retries, or late copies from a slow
//! gateway backhaul; ChirpStack logs `UPLINK_F_CNT_RETRANSMISSION`). Benign — never an error.

use super::Outcome;
use crate::catalog::{Message, args};
use crate::diagnosis::facts::{CODE_RETRANSMISSION, Facts, log_code};
use crate::diagnosis::{Finding, Severity};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let logs: Vec<u64> = f
        .record
        .logs
        .iter()
        .filter(|l| log_code(l) == CODE_RETRANSMISSION)
        .map(|l| l.index)
        .collect();
    let n = (f.record.stats.retransmissions as usize).max(logs.len());
    if n == 0 {
        return Outcome::none();
    }
    let logged = if logs.is_empty() { "no" } else { "yes" };
    Outcome::findings(vec![Finding::text(
        "RETRANSMISSIONS",
        Severity::Info,
        Message::new("finding-retransmissions", args! { "n" => n, "logged" => logged }),
        logs,
    )])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};

    #[test]
    fn retransmission_logs_are_benign_information() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 0..3, 5.0, 7);
        b.log(601, "UPLINK_F_CNT_RETRANSMISSION", &[]);
        let o = run_rule(evaluate, &b.build(), 0, 2000);
        assert_eq!(
            (o.findings[0].code.as_str(), o.findings[0].severity),
            ("RETRANSMISSIONS", Severity::Info)
        );
    }
}
