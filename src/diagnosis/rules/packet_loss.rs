//! `HIGH_PACKET_LOSS` (network): loss above [`NORMAL_LOSS`] although the median link margin is
//! adequate (≥ [`ADEQUATE_MARGIN_DB`]) or unknown — not a coverage problem: interference,
//! gateway capacity or duty cycle, or frames the device never sent.
//!
//! A loss figure decides only over at least [`MIN_FRAMES_FOR_LOSS`] frames.

use super::coverage::{loss_outcome, sf_text};
use super::{Outcome, pct};
use crate::catalog::{Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::thresholds::{ADEQUATE_MARGIN_DB, NORMAL_LOSS};
use crate::diagnosis::{VerdictClass, VerdictCode};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let link = &f.link;
    let Some(loss) = link.loss else { return Outcome::none() };
    if loss <= NORMAL_LOSS || link.median_margin.is_some_and(|m| m < ADEQUATE_MARGIN_DB) {
        return Outcome::none();
    }
    let frames = link.received + link.missing;
    let margin = link.median_margin.map_or(Message::plain("loss-margin-unknown"), |m| {
        Message::new("loss-margin", args! { "margin" => format!("{m:.1}"), "sf" => sf_text(f) })
    });
    let observation = Message::new(
        "loss-seen",
        args! {
            "loss" => pct(loss),
            "missing" => link.missing,
            "frames" => frames,
            "normal" => pct(NORMAL_LOSS),
            "margin" => margin,
        },
    );
    loss_outcome(
        f,
        (VerdictCode::HighPacketLoss, VerdictClass::Network, "HIGH_PACKET_LOSS"),
        "loss-not-coverage",
        observation,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};

    #[test]
    fn loss_with_adequate_margin_is_high_packet_loss() {
        let mut b = Rb::new();
        // SF7 floor -7.5; SNR 5 → 12.5 dB. Every 3rd lost → ~33 %.
        b.uplinks(0, 600, (0..45).filter(|i| i % 3 != 1), 5.0, 7);
        let c = run_rule(evaluate, &b.build(), 0, 30_000).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::HighPacketLoss, VerdictClass::Network, true)
        );
        assert!(c.summary_en().contains("not a coverage problem"), "{}", c.summary_en());
    }

    #[test]
    fn normal_loss_is_not_high() {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..100).filter(|i| i % 20 != 1), 5.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 70_000).candidate.is_none());
    }

    #[test]
    fn loss_with_marginal_margin_is_left_to_the_coverage_rule() {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..45).filter(|i| i % 3 != 1), -3.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 30_000).candidate.is_none());
    }
}
