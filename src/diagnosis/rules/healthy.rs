//! `HEALTHY`: the device is activated (uplinks, and no join-request after the last one) and its
//! uplinks flow with acceptable loss (≤ [`NORMAL_LOSS`]) and a margin at or above the floor.
//!
//! At least [`MIN_UPLINKS_HEALTHY`] uplinks are needed. A marginal margin (0–10 dB) with normal
//! loss is still healthy; the `link.rs` context rule warns about it.

use super::coverage::sf_text;
use super::{Candidate, Outcome, margin_band_text, pct, sentences};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::backoff::{Expectation, format_duration};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::thresholds::{
    MIN_UPLINKS_HEALTHY, MarginBand, NORMAL_LOSS, STOPPED_INTERVALS,
};
use crate::diagnosis::{Severity, VerdictClass, VerdictCode};

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
    let addr: Arg = f.record.uplinks.last().map_or_else(
        || Arg::from(""),
        |u| Arg::from(Message::new("healthy-devaddr", args! { "addr" => u.dev_addr.to_string() })),
    );
    let loss: Arg = link.loss.map_or_else(
        || Arg::from(""),
        |loss| {
            Arg::from(Message::new(
                "healthy-loss",
                args! { "loss" => pct(loss), "missing" => link.missing, "normal" => pct(NORMAL_LOSS) },
            ))
        },
    );
    let margin: Arg = link.median_margin.map_or_else(
        || Arg::from(""),
        |m| {
            Arg::from(Message::new(
                "healthy-margin",
                args! {
                    "margin" => format!("{m:.1}"),
                    "sf" => sf_text(f),
                    "band" => margin_band_text(MarginBand::of(m)),
                },
            ))
        },
    );
    let text = Message::new(
        "healthy-seen",
        args! {
            "addr" => addr,
            "uplinks" => link.received,
            "gateways" => f.record.stats.gateways.max(f.gateways().len() as u64),
            "loss" => loss,
            "margin" => margin,
        },
    );
    let mut evidence: Vec<u64> = f.record.uplinks.iter().map(|u| u.index).collect();
    if let Some(c) = stopped_while_gateway_down(f, &text, &mut evidence) {
        return Outcome::stated(c, "HEALTHY", Severity::Warning, evidence);
    }
    let candidate = if link.received >= MIN_UPLINKS_HEALTHY {
        Candidate::sufficient_text(
            VerdictCode::Healthy,
            VerdictClass::Healthy,
            text,
            evidence.clone(),
        )
    } else {
        let more = MIN_UPLINKS_HEALTHY - link.received;
        let interval = f.uplink_interval_s();
        Candidate::thin_text(
            VerdictCode::Healthy,
            VerdictClass::Healthy,
            text,
            Message::new("healthy-needed", args! { "min" => MIN_UPLINKS_HEALTHY }),
            Expectation {
                seconds: interval.saturating_mul(more),
                basis: crate::catalog::Message::new(
                    "basis-more-uplinks",
                    crate::args! { "n" => more, "duration" => format_duration(interval) },
                ),
            },
            evidence.clone(),
        )
    };
    let severity = if candidate.sufficient { Severity::Info } else { Severity::Warning };
    Outcome::stated(candidate, "HEALTHY", severity, evidence)
}

/// Uplinks that stopped more than [`STOPPED_INTERVALS`] observed intervals before the end of the
/// window (time not observed does not count) while a gateway that heard the device was down: neither healthy nor the device's fault yet
/// (a thin candidate, so the verdict is `INSUFFICIENT_EVIDENCE`, naming the gateway).
fn stopped_while_gateway_down(
    f: &Facts<'_>,
    observation: &Message,
    evidence: &mut Vec<u64>,
) -> Option<Candidate> {
    let last = f.last_uplink_at?;
    let interval = f.uplink_interval_s().max(1);
    // Time in which messages were not observed is not silence.
    let silence = ((f.window.to - last).num_seconds().max(0) as u64)
        .saturating_sub(f.unobserved_s(last, f.window.to));
    if silence <= STOPPED_INTERVALS.saturating_mul(interval) {
        return None;
    }
    let mut gateways = Vec::new();
    for (g, periods) in f.offline_gateways() {
        let during: Vec<_> =
            periods.into_iter().filter(|d| d.to.is_none_or(|t| t.at >= last)).collect();
        if during.is_empty() {
            continue;
        }
        let (sentence, ev) = super::gateway_offline::describe(g, &during);
        gateways.push(sentence);
        evidence.extend(ev);
    }
    if gateways.is_empty() {
        return None;
    }
    let then = Message::new(
        "healthy-then-silent",
        args! { "silence" => format_duration(silence), "interval" => format_duration(interval) },
    );
    let mut parts = vec![observation.clone(), then];
    parts.extend(gateways);
    Some(Candidate::thin_text(
        VerdictCode::Healthy,
        VerdictClass::Healthy,
        sentences(parts),
        Message::new(
            "healthy-gateway-down-needed",
            args! { "check" => super::gateway_offline::check_text() },
        ),
        Expectation {
            seconds: interval.saturating_mul(STOPPED_INTERVALS),
            basis: Message::new("basis-stopped-intervals", args! { "n" => STOPPED_INTERVALS }),
        },
        evidence.clone(),
    ))
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
        assert!(c.summary_en().contains("loss 5.0 %"), "{}", c.summary_en());
        assert!(c.summary_en().contains("adequate"), "{}", c.summary_en());
    }

    #[test]
    fn two_uplinks_are_thin() {
        let mut b = Rb::new();
        b.uplinks(0, 1200, 0..2, 8.0, 7);
        let c = run_rule(evaluate, &b.build(), 0, 1300).candidate.unwrap();
        assert!(!c.sufficient);
        assert!(c.summary_en().contains("watch at least 20 min more"), "{}", c.summary_en());
    }

    #[test]
    fn a_device_rejoining_after_its_uplinks_is_not_healthy() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 0..5, 8.0, 7);
        b.join(4000, 9, 8.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 5000).candidate.is_none());
    }

    #[test]
    fn uplinks_that_stop_while_their_gateway_is_down_are_not_healthy_yet() {
        use crate::diagnosis::rules::testkit::not_observed;
        use crate::diagnosis::rules::testkit::offline;
        use crate::tracker::gateways::ChangeReason;
        // (name, gateway down from, not observed from/to, expected sufficient)
        let cases = [
            ("stopped, then the gateway's Last Will", Some(3100), None, false),
            ("stopped with every gateway up", None, None, true),
            ("the silence is mostly time not observed", Some(3100), Some((3100, 19_500)), true),
        ];
        for (name, down, gap, sufficient) in cases {
            let mut b = Rb::new();
            b.uplinks(0, 600, 0..6, 8.0, 7);
            let mut rec = b.build();
            if let Some(from) = down {
                rec.gateway_availability =
                    vec![offline("0016c001f153a14c", from, ChangeReason::LastWill, None)];
            }
            if let Some((from, to)) = gap {
                rec.not_observed = vec![not_observed(from, to)];
            }
            let c = run_rule(evaluate, &rec, 0, 20_000).candidate.unwrap();
            assert_eq!(c.sufficient, sufficient, "{name}: {}", c.summary_en());
            if !sufficient {
                assert!(c.summary_en().contains("0016c001f153a14c"), "{name}: {}", c.summary_en());
                assert!(c.summary_en().contains("Last Will"), "{name}: {}", c.summary_en());
                let de = c.text.as_ref().map(|m| m.render(crate::model::Lang::De));
                assert!(de.as_ref().is_some_and(|t| t.contains("Funkstille")), "{name}: {de:?}");
            }
        }
    }

    #[test]
    fn high_loss_is_not_healthy() {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..40).filter(|i| i % 3 != 1), 8.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 30_000).candidate.is_none());
    }
}
