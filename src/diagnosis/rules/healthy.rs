//! `HEALTHY`: the device is activated (uplinks, and no join-request after the last one) and its
//! uplinks flow with acceptable loss (≤ [`NORMAL_LOSS`]) and a margin at or above the floor.
//!
//! At least [`MIN_UPLINKS_HEALTHY`] uplinks are needed. A marginal margin (0–10 dB) with normal
//! loss is still healthy; the `link.rs` context rule warns about it.

use super::coverage::sf_words;
use super::{Candidate, Outcome, pct, plural};
use crate::diagnosis::backoff::{Expectation, format_duration};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::thresholds::{MIN_UPLINKS_HEALTHY, MarginBand, NORMAL_LOSS};
use crate::diagnosis::{Finding, Severity, VerdictClass, VerdictCode};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    if !f.activated {
        return Outcome::none();
    }
    let link = &f.link;
    if link.loss.is_some_and(|l| l > NORMAL_LOSS) || link.median_margin.is_some_and(|m| m < 0.0) {
        return Outcome::none();
    }
    let addr =
        f.record.uplinks.last().map(|u| format!(" (DevAddr {})", u.dev_addr)).unwrap_or_default();
    let mut observation = format!(
        "The device is activated{addr} and sent {} via {}",
        plural(link.received as usize, "uplink", "uplinks"),
        plural(f.gateways().len(), "gateway", "gateways")
    );
    if let Some(loss) = link.loss {
        observation.push_str(&format!(
            "; loss {} ({} missing; up to {} is normal)",
            pct(loss),
            link.missing,
            pct(NORMAL_LOSS)
        ));
    }
    if let Some(m) = link.median_margin {
        observation.push_str(&format!(
            "; median link margin {m:.1} dB ({}; {})",
            sf_words(f),
            MarginBand::of(m).words()
        ));
    }
    observation.push('.');
    let evidence: Vec<u64> = f.record.uplinks.iter().map(|u| u.index).collect();
    let candidate = if link.received >= MIN_UPLINKS_HEALTHY {
        Candidate::sufficient(
            VerdictCode::Healthy,
            VerdictClass::Healthy,
            observation.clone(),
            evidence.clone(),
        )
    } else {
        let more = MIN_UPLINKS_HEALTHY - link.received;
        let interval = f.uplink_interval_s();
        Candidate::thin(
            VerdictCode::Healthy,
            VerdictClass::Healthy,
            &observation,
            &format!("At least {MIN_UPLINKS_HEALTHY} uplinks are needed to call it healthy"),
            Expectation {
                seconds: interval * more,
                basis: crate::catalog::Message::new(
                    "basis-more-uplinks",
                    crate::args! { "n" => more, "duration" => format_duration(interval) },
                ),
            },
            evidence.clone(),
        )
    };
    let severity = if candidate.sufficient { Severity::Info } else { Severity::Warning };
    Outcome::candidate(
        candidate.clone(),
        vec![Finding::new("HEALTHY", severity, candidate.summary, evidence)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};
    use crate::tracker::TxOutcome;

    #[test]
    fn a_joined_device_with_five_percent_loss_is_healthy() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 8.0, 7);
        b.accept(p, TxOutcome::Ok);
        b.uplinks(10, 600, (0..100).filter(|i| i % 20 != 1), 8.0, 7);
        let c = run_rule(evaluate, &b.build(), 0, 70_000).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::Healthy, VerdictClass::Healthy, true)
        );
        assert!(c.summary.contains("loss 5.0 %"), "{}", c.summary);
        assert!(c.summary.contains("adequate"), "{}", c.summary);
    }

    #[test]
    fn two_uplinks_are_thin() {
        let mut b = Rb::new();
        b.uplinks(0, 1200, 0..2, 8.0, 7);
        let c = run_rule(evaluate, &b.build(), 0, 1300).candidate.unwrap();
        assert!(!c.sufficient);
        assert!(c.summary.contains("watch at least 20 min more"), "{}", c.summary);
    }

    #[test]
    fn a_device_rejoining_after_its_uplinks_is_not_healthy() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 0..5, 8.0, 7);
        b.join(4000, 9, 8.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 5000).candidate.is_none());
    }

    #[test]
    fn high_loss_is_not_healthy() {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..40).filter(|i| i % 3 != 1), 8.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 30_000).candidate.is_none());
    }
}
