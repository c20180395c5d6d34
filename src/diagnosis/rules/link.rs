//! Context: the uplink link budget — median best-gateway SNR, margin above the demodulation
//! floor and its band, RSSI, and loss from frame-counter gaps.

use super::coverage::sf_text;
use super::{Outcome, margin_band_text, pct};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::facts::{Facts, median};
use crate::diagnosis::thresholds::MarginBand;
use crate::diagnosis::{Finding, Severity};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let link = &f.link;
    if link.received == 0 {
        return Outcome::none();
    }
    let mut findings = Vec::new();
    let evidence: Vec<u64> = f.record.uplinks.iter().map(|u| u.index).collect();
    if let Some(m) = link.median_margin {
        let band = MarginBand::of(m);
        let snrs: Vec<f64> = f
            .record
            .uplinks
            .iter()
            .filter_map(|u| crate::diagnosis::facts::best_snr(&u.receptions))
            .collect();
        let rssis: Vec<f64> = f
            .record
            .uplinks
            .iter()
            .filter_map(|u| u.receptions.iter().filter_map(|r| r.rssi_dbm).reduce(f64::max))
            .collect();
        let worst = link.margins.iter().copied().reduce(f64::min).unwrap_or(m);
        let rssi = median(&rssis).map_or(Arg::from(""), |r| {
            Arg::from(Message::new("link-median-rssi", args! { "rssi" => format!("{r:.0}") }))
        });
        findings.push(Finding::text(
            "LINK_MARGIN",
            if band == MarginBand::Adequate { Severity::Info } else { Severity::Warning },
            Message::new(
                "finding-link-margin",
                args! {
                    "margin" => format!("{m:.1}"),
                    "band" => margin_band_text(band),
                    "worst" => format!("{worst:.1}"),
                    "snr" => format!("{:.1}", median(&snrs).unwrap_or(0.0)),
                    "sf" => sf_text(f),
                    "rssi" => rssi,
                },
            ),
            evidence.clone(),
        ));
    }
    if let Some(loss) = link.loss {
        findings.push(Finding::text(
            "PACKET_LOSS",
            Severity::Info,
            Message::new(
                "finding-packet-loss",
                args! { "loss" => pct(loss), "received" => link.received, "missing" => link.missing },
            ),
            evidence,
        ));
    }
    Outcome::findings(findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};

    #[test]
    fn a_marginal_link_is_a_warning_with_figures() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 0..5, -15.0, 12);
        let o = run_rule(evaluate, &b.build(), 0, 4000);
        assert_eq!(o.findings[0].severity, Severity::Warning);
        assert!(
            o.findings[0].summary_in(crate::model::Lang::En).contains("Median link margin 5.0 dB"),
            "{}",
            o.findings[0].summary_in(crate::model::Lang::En)
        );
        assert_eq!(o.findings[1].code, "PACKET_LOSS");
    }
}
