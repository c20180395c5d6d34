//! `POOR_COVERAGE` (coverage): the link margin is below the SF's demodulation floor plus
//! [`ADEQUATE_MARGIN_DB`], with loss.
//!
//! Fires when the median best-gateway margin is marginal (< 10 dB) and loss exceeds
//! [`NORMAL_LOSS`], or when the median margin is below the floor (< 0 dB) and any frame was
//! lost (receptions are then luck). A loss figure decides only over at least
//! [`MIN_FRAMES_FOR_LOSS`] frames; with fewer the candidate is thin.

use super::{Candidate, Outcome, beside_floor, pct};
use crate::catalog::{Message, args};
use crate::diagnosis::backoff::{Expectation, format_duration};
use crate::diagnosis::facts::{Facts, median};
use crate::diagnosis::thresholds::{
    ADEQUATE_MARGIN_DB, MIN_FRAMES_FOR_LOSS, NORMAL_LOSS, demodulation_floor_db,
};
use crate::diagnosis::{Severity, VerdictClass, VerdictCode};

/// The SF most uplinks used and its floor, for summaries ("SF10, floor -15.0 dB").
#[must_use]
pub fn sf_text(f: &Facts<'_>) -> Message {
    let sfs: Vec<f64> =
        f.record.uplinks.iter().filter_map(|u| u.tx.spreading_factor).map(f64::from).collect();
    let bw = f.record.uplinks.iter().find_map(|u| u.tx.bandwidth_hz);
    match median(&sfs).map(|s| s as u8) {
        Some(sf) => demodulation_floor_db(sf, bw).map_or_else(
            || Message::new("raw-text", args! { "text" => format!("SF{sf}") }),
            |floor| {
                Message::new("sf-floor", args! { "sf" => sf, "floor" => format!("{floor:.1}") })
            },
        ),
        None => Message::plain("sf-unknown"),
    }
}

/// Seconds to see `frames` more uplinks.
#[must_use]
pub fn watch_for_frames(f: &Facts<'_>, frames: u64) -> Expectation {
    let interval = f.uplink_interval_s();
    Expectation {
        seconds: interval.saturating_mul(frames),
        basis: crate::catalog::Message::new(
            "basis-frames-for-loss",
            crate::args! { "frames" => frames, "duration" => format_duration(interval) },
        ),
    }
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let link = &f.link;
    let (Some(loss), Some(margin)) = (link.loss, link.median_margin) else {
        return Outcome::none();
    };
    let poor =
        (loss > NORMAL_LOSS && margin < ADEQUATE_MARGIN_DB) || (margin < 0.0 && link.missing > 0);
    if !poor {
        return Outcome::none();
    }
    let frames = link.received + link.missing;
    let observation = beside_floor(
        margin,
        ("coverage-seen", "coverage-seen-below-floor"),
        args! {
            "loss" => pct(loss),
            "missing" => link.missing,
            "frames" => frames,
            "sf" => sf_text(f),
        },
    );
    loss_outcome(
        f,
        (VerdictCode::PoorCoverage, VerdictClass::Coverage, "POOR_COVERAGE"),
        "coverage-edge",
        observation,
    )
}

/// The outcome of a loss rule (`code`, its class and finding code): the catalog message
/// `verdict` around the observation over at least [`MIN_FRAMES_FOR_LOSS`] frames; with fewer a
/// thin candidate that says how long to watch.
#[must_use]
pub fn loss_outcome(
    f: &Facts<'_>,
    (code, class, finding): (VerdictCode, VerdictClass, &str),
    verdict: &str,
    observation: Message,
) -> Outcome {
    let frames = f.link.received + f.link.missing;
    let evidence: Vec<u64> = f.record.uplinks.iter().map(|u| u.index).collect();
    let candidate = if frames >= MIN_FRAMES_FOR_LOSS {
        let text = Message::new(verdict, args! { "seen" => observation });
        Candidate::sufficient_text(code, class, text, evidence.clone())
    } else {
        Candidate::thin_text(
            code,
            class,
            observation,
            Message::new("coverage-needed", args! { "min" => MIN_FRAMES_FOR_LOSS }),
            watch_for_frames(f, MIN_FRAMES_FOR_LOSS - frames),
            evidence.clone(),
        )
    };
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    Outcome::stated(candidate, finding, severity, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, assert_says, run_rule};
    use crate::model::Lang;

    /// `received` uplinks out of `total` counters, evenly spread losses.
    fn lossy(total: u32, every: u32, snr: f64, sf: u8) -> crate::tracker::DeviceRecord {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..total).filter(|i| i % every != 1), snr, sf);
        b.build()
    }

    #[test]
    fn marginal_margin_with_high_loss_is_poor_coverage() {
        // SF12 floor -20; SNR -15 → 5 dB; every 4th frame lost → 25 %.
        let c = run_rule(evaluate, &lossy(40, 4, -15.0, 12), 0, 30_000).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::PoorCoverage, VerdictClass::Coverage, true)
        );
        assert!(c.summary_en().contains("25.0 %"), "{}", c.summary_en());
        assert!(c.summary_en().contains("SF12, floor -20.0 dB"), "{}", c.summary_en());
    }

    #[test]
    fn below_the_floor_any_loss_is_poor_coverage() {
        // SNR -21 at SF12 → -1 dB; every 20th lost → 5 %.
        let c = run_rule(evaluate, &lossy(40, 20, -21.0, 12), 0, 30_000).candidate.unwrap();
        assert_eq!(c.code, VerdictCode::PoorCoverage);
    }

    #[test]
    fn below_the_floor_the_margin_is_said_as_the_distance_below_it_in_every_language() {
        // SNR -21 at SF12 → 1 dB below the floor; every 20th lost.
        let c = run_rule(evaluate, &lossy(40, 20, -21.0, 12), 0, 30_000).candidate.unwrap();
        assert_says(
            &c,
            [
                (Lang::En, "1.0 dB below the demodulation floor"),
                (Lang::De, "1.0 dB unter der Demodulationsgrenze"),
                (Lang::Fr, "1.0 dB sous le seuil de démodulation"),
                (Lang::Ro, "1.0 dB sub pragul de demodulare"),
            ],
            "-1.0",
        );
    }

    #[test]
    fn adequate_margin_is_never_poor_coverage() {
        assert!(run_rule(evaluate, &lossy(40, 4, 5.0, 7), 0, 30_000).candidate.is_none());
    }

    #[test]
    fn too_few_frames_are_thin() {
        let c = run_rule(evaluate, &lossy(8, 4, -15.0, 12), 0, 30_000).candidate.unwrap();
        assert!(!c.sufficient);
        assert!(c.summary_en().contains("at least 20 frames"), "{}", c.summary_en());
    }
}
