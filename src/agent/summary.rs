//! The final statistics of a watch run: one line about the run and a compact table with one row
//! per watched device (the `inspect` counters that matter at a glance).

use tabled::builder::Builder;
use tabled::settings::Style;

use super::AgentOutcome;
use super::duration::format_duration;
use crate::model::DevEui;
use crate::tracker::DeviceRecord;

fn spread(s: Option<crate::tracker::Spread>) -> String {
    s.map_or_else(|| "–".to_string(), |r| format!("{} / {} / {}", r.min, r.median, r.max))
}

/// Row labels and one value per row for a device (`None`: nothing seen about it).
const LABELS: [&str; 11] = [
    "join requests / accepts",
    "accepts sent ok / failed",
    "DevNonces distinct / reused",
    "uplinks",
    "FCnt first – last",
    "FCnt missing / resets",
    "retransmissions",
    "gateways",
    "RSSI dBm min / med / max",
    "SNR dB min / med / max",
    "network-server logs",
];

fn column(rec: Option<&DeviceRecord>) -> Vec<String> {
    let Some(rec) = rec else {
        let mut c = vec!["no messages".to_string()];
        c.resize(LABELS.len(), String::new());
        return c;
    };
    let s = &rec.stats;
    let fcnt = match (s.fcnt_first, s.fcnt_last) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "–".into(),
    };
    let logs = if s.ns_log_codes.is_empty() {
        "–".to_string()
    } else {
        s.ns_log_codes.iter().map(|(c, n)| format!("{c} ×{n}")).collect::<Vec<_>>().join(", ")
    };
    vec![
        format!("{} / {}", s.join_requests, s.join_accepts),
        format!("{} / {}", s.join_accept_tx_ok, s.join_accept_tx_failed),
        format!("{} / {}", s.dev_nonces_distinct, s.dev_nonces_reused),
        s.uplinks.to_string(),
        fcnt,
        format!("{} / {}", s.fcnt_missing, s.fcnt_resets),
        s.retransmissions.to_string(),
        s.gateways.to_string(),
        spread(s.rssi_dbm),
        spread(s.snr_db),
        logs,
    ]
}

/// The counters of the watched devices: one row per counter, one column per device.
#[must_use]
pub fn device_table(outcome: &AgentOutcome, devices: &[DevEui]) -> String {
    let columns: Vec<Vec<String>> =
        devices.iter().map(|eui| column(outcome.pipeline.tracker().device(eui).as_ref())).collect();
    let mut b = Builder::default();
    let mut header = vec![String::new()];
    header.extend(devices.iter().map(ToString::to_string));
    b.push_record(header);
    for (i, label) in LABELS.iter().enumerate() {
        let mut row = vec![(*label).to_string()];
        row.extend(columns.iter().map(|c| c.get(i).cloned().unwrap_or_default()));
        b.push_record(row);
    }
    b.build().with(Style::sharp()).to_string()
}

/// `1 message`, `2 messages`.
#[must_use]
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One sentence about the run.
#[must_use]
pub fn run_line(outcome: &AgentOutcome, broker: &str) -> String {
    let c = &outcome.counters;
    let took = (outcome.ended_at - outcome.started_at).to_std().unwrap_or_default();
    let took = format_duration(std::time::Duration::from_secs(took.as_secs()));
    let mut s = format!(
        "watched {broker} for {took} ({} – {}): {}",
        outcome.started_at.format("%Y-%m-%d %H:%M:%SZ"),
        outcome.ended_at.format("%H:%M:%SZ"),
        plural(c.ingested, "message", "messages")
    );
    if c.dropped_redeliveries > 0 {
        let copies = plural(c.dropped_redeliveries, "redelivered copy", "redelivered copies");
        s.push_str(&format!(", {copies} dropped"));
    }
    if c.malformed > 0 {
        s.push_str(&format!(", {} malformed", c.malformed));
    }
    if c.connections > 1 {
        s.push_str(&format!(", {}", plural(c.connections - 1, "reconnect", "reconnects")));
    }
    let gaps = outcome.pipeline.tracker().gaps();
    if gaps.total() > 0 {
        let w = crate::tracker::Window { from: outcome.started_at, to: outcome.ended_at };
        let secs = u64::try_from(gaps.unobserved(w).num_seconds()).unwrap_or(0);
        s.push_str(&format!(
            ", not observed for {} in {}{}",
            format_duration(std::time::Duration::from_secs(secs)),
            plural(gaps.total(), "interval", "intervals"),
            if outcome.loss_possible() { " (messages may have been lost)" } else { "" }
        ));
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
                ..Counters::default()
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
            "watched mqtt://127.0.0.1:1883 for 30 min (2026-11-21 09:00:00Z – 09:30:05Z): \
             10 messages, 2 redelivered copies dropped, 1 malformed, 1 reconnect"
        );
    }

    #[test]
    fn a_device_without_messages_gets_a_row_that_says_so() {
        let eui: DevEui = "0203040502030405".parse().unwrap();
        let t = device_table(&outcome(), &[eui]);
        assert!(t.contains("0203040502030405") && t.contains("no messages"), "{t}");
        assert!(t.contains("join requests / accepts"), "{t}");
        assert_eq!(t.lines().count(), 4 + LABELS.len(), "{t}");
    }
}
