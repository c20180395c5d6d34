//! The final statistics of a watch run: one line about the run and a compact table with one row
//! per watched device (the `inspect` counters that matter at a glance).

use tabled::builder::Builder;
use tabled::settings::Style;

use super::AgentOutcome;
use super::duration::format_duration;
use crate::model::DevEui;
use crate::tracker::DeviceRecord;

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "–".to_string(), |v| v.to_string())
}

/// One row of the table.
fn row(eui: &DevEui, rec: Option<&DeviceRecord>) -> Vec<String> {
    let Some(rec) = rec else {
        let mut r = vec![eui.to_string(), "no messages".to_string()];
        r.resize(9, String::new());
        return r;
    };
    let s = &rec.stats;
    let fcnt = match (s.fcnt_first, s.fcnt_last) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "–".into(),
    };
    vec![
        eui.to_string(),
        format!("{} / {}", s.join_requests, s.join_accepts),
        format!("{} / {}", s.join_accept_tx_ok, s.join_accept_tx_failed),
        s.uplinks.to_string(),
        fcnt,
        format!("{} / {}", s.fcnt_missing, s.fcnt_resets),
        s.gateways.to_string(),
        opt(s.rssi_dbm.map(|r| format!("{} / {}", r.median, r.max))),
        opt(s.snr_db.map(|r| format!("{} / {}", r.median, r.max))),
    ]
}

/// The table of watched devices.
#[must_use]
pub fn device_table(outcome: &AgentOutcome, devices: &[DevEui]) -> String {
    let mut b = Builder::default();
    b.push_record([
        "device",
        "joins req / acc",
        "accept tx ok / failed",
        "uplinks",
        "fcnt",
        "missing / resets",
        "gateways",
        "RSSI dBm med / best",
        "SNR dB med / best",
    ]);
    for eui in devices {
        b.push_record(row(eui, outcome.pipeline.tracker().device(eui).as_ref()));
    }
    b.build().with(Style::sharp()).to_string()
}

/// One sentence about the run.
#[must_use]
pub fn run_line(outcome: &AgentOutcome, broker: &str) -> String {
    let c = &outcome.counters;
    let took = (outcome.ended_at - outcome.started_at).to_std().unwrap_or_default();
    let took = format_duration(std::time::Duration::from_secs(took.as_secs()));
    let mut s = format!(
        "watched {broker} for {took} ({} – {}): {} messages",
        outcome.started_at.format("%Y-%m-%d %H:%M:%SZ"),
        outcome.ended_at.format("%H:%M:%SZ"),
        c.ingested
    );
    if c.dropped_redeliveries > 0 {
        s.push_str(&format!(", {} redelivered copies dropped", c.dropped_redeliveries));
    }
    if c.malformed > 0 {
        s.push_str(&format!(", {} malformed", c.malformed));
    }
    if c.connections > 1 {
        s.push_str(&format!(", {} reconnects", c.connections - 1));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::{Counters, EndReason};
    use crate::pipeline::Pipeline;

    fn outcome() -> AgentOutcome {
        AgentOutcome {
            pipeline: Pipeline::default(),
            counters: Counters {
                received: 12,
                dropped_redeliveries: 2,
                ingested: 10,
                malformed: 1,
                connections: 2,
                connection_errors: 1,
            },
            end: EndReason::Deadline,
            last_problem: None,
            started_at: "2026-11-21T09:00:00Z".parse().unwrap(),
            ended_at: "2026-11-21T09:30:05Z".parse().unwrap(),
        }
    }

    #[test]
    fn the_run_line_counts_messages_copies_and_reconnects() {
        assert_eq!(
            run_line(&outcome(), "mqtt://127.0.0.1:1883"),
            "watched mqtt://127.0.0.1:1883 for 30m5s (2026-11-21 09:00:00Z – 09:30:05Z): \
             10 messages, 2 redelivered copies dropped, 1 malformed, 1 reconnects"
        );
    }

    #[test]
    fn a_device_without_messages_gets_a_row_that_says_so() {
        let eui: DevEui = "0203040502030405".parse().unwrap();
        let t = device_table(&outcome(), &[eui]);
        assert!(t.contains("0203040502030405") && t.contains("no messages"), "{t}");
        assert!(t.contains("joins req / acc"), "{t}");
    }
}
