//! Context: `GATEWAY_OFFLINE` — a gateway that can hear the device was down during the window.
//!
//! "Can hear the device": a gateway that heard it; when the device was never heard, every
//! gateway seen in the window. Down: its Last Will (`state/conn` without `state`), or its
//! `event/stats` silent for more than 2.5 of its observed intervals (presumed down from its last
//! sign of life); see `tracker::gateways`. While such a gateway is down, silence proves nothing
//! about the device: `no_activity.rs` then stays `inconclusive`.

use chrono::SecondsFormat;

use super::Outcome;
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::backoff::format_duration;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};
use crate::tracker::gateways::{
    ChangeReason, DownPeriod, GatewayAvailability, STATS_SILENCE_FACTOR,
};

/// What to check on a gateway that went offline (power, backhaul, packet forwarder).
#[must_use]
pub fn check_text() -> Message {
    Message::plain("gateway-offline-check")
}

/// One sentence about one gateway's outages, and the message indices that show them.
#[must_use]
pub fn describe(g: &GatewayAvailability, periods: &[&DownPeriod]) -> (Message, Vec<u64>) {
    let gateway = &g.gateway;
    let mut evidence = Vec::new();
    let mut parts = Vec::new();
    for d in periods {
        let went = d.from.at.to_rfc3339_opts(SecondsFormat::Secs, true);
        let how = match d.reason {
            ChangeReason::StatsStopped => {
                let interval = g.stats_interval_s.map(|s| format_duration(s.round() as u64));
                Message::new(
                    "gateway-offline-stats-stopped",
                    args! {
                        "index" => d.from.index,
                        "interval" => interval.unwrap_or_default(),
                        "factor" => STATS_SILENCE_FACTOR,
                    },
                )
            }
            _ => {
                let last = d.last_life.map_or(Arg::from(""), |l| {
                    Arg::from(Message::new(
                        "gateway-offline-last-life",
                        args! { "index" => l.index },
                    ))
                });
                Message::new(
                    "gateway-offline-last-will",
                    args! { "index" => d.from.index, "last" => last },
                )
            }
        };
        evidence.push(d.from.index);
        evidence.extend(d.last_life.map(|l| l.index));
        let back = match d.to {
            Some(to) => {
                evidence.push(to.index);
                Message::new(
                    "gateway-offline-back",
                    args! {
                        "at" => to.at.to_rfc3339_opts(SecondsFormat::Secs, true),
                        "index" => to.index,
                        "duration" =>
                            format_duration((to.at - d.from.at).num_seconds().max(0) as u64),
                    },
                )
            }
            None => Message::plain("gateway-offline-still-offline"),
        };
        parts.push(Message::new(
            "gateway-offline-period",
            args! { "at" => went, "how" => how, "back" => back },
        ));
    }
    // "A; then B; then C", built from the end.
    let periods = parts
        .into_iter()
        .rev()
        .reduce(|rest, first| {
            Message::new("gateway-offline-then", args! { "first" => first, "rest" => rest })
        })
        .map_or(Arg::from(""), Arg::from);
    (
        Message::new(
            "gateway-offline-sentence",
            args! { "gateway" => gateway.to_string(), "periods" => periods },
        ),
        evidence,
    )
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let findings = f
        .offline_gateways()
        .into_iter()
        .map(|(g, periods)| {
            let (sentence, evidence) = describe(g, &periods);
            let text = Message::new(
                "finding-gateway-offline",
                args! { "sentence" => sentence, "check" => check_text() },
            );
            Finding::text("GATEWAY_OFFLINE", Severity::Warning, text, evidence)
        })
        .collect();
    Outcome::findings(findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, offline, run_rule};

    #[test]
    fn an_offline_gateway_is_named_with_when_and_what_to_check() {
        struct Case {
            name: &'static str,
            reason: ChangeReason,
            to: Option<i64>,
            says: &'static [&'static str],
        }
        let cases = [
            Case {
                name: "a Last Will without recovery",
                reason: ChangeReason::LastWill,
                to: None,
                says: &["Last Will", "#500", "still offline", "backhaul"],
            },
            Case {
                name: "stats that stopped and came back",
                reason: ChangeReason::StatsStopped,
                to: Some(4000),
                says: &["stats stopped after #500", "30 s", "back at", "#900"],
            },
        ];
        for c in cases {
            let mut b = Rb::new();
            b.uplinks(0, 600, 0..3, 5.0, 7);
            let mut rec = b.build();
            rec.gateway_availability = vec![offline("0016c001f153a14c", 2000, c.reason, c.to)];
            let o = run_rule(evaluate, &rec, 0, 7200);
            assert_eq!(o.findings.len(), 1, "{}", c.name);
            let s = &o.findings[0].summary_in(crate::model::Lang::En);
            for w in c.says {
                assert!(s.contains(w), "{}: {s}", c.name);
            }
            assert!(o.findings[0].evidence.contains(&500), "{}", c.name);
        }
    }

    #[test]
    fn an_outage_outside_the_window_is_no_finding() {
        let mut rec = Rb::new().build();
        rec.gateway_availability =
            vec![offline("0016c001f153a14c", 100, ChangeReason::LastWill, Some(200))];
        assert!(run_rule(evaluate, &rec, 300, 7200).findings.is_empty());
    }
}
