//! The final statistics of a watch run: one line about the run and a compact table with one row
//! per watched device (the `inspect` counters that matter at a glance).

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

/// The counters of the watched devices, at most `width` columns wide: one row per counter and
/// one column per device, or, when the devices side by side do not fit, one such table per
/// device, one below the other (cells wrap).
#[must_use]
pub fn device_table(outcome: &AgentOutcome, devices: &[DevEui], width: usize) -> String {
    let columns: Vec<Vec<String>> =
        devices.iter().map(|eui| column(outcome.pipeline.tracker().device(eui).as_ref())).collect();
    let style = |t: &mut tabled::Table| {
        t.with(Style::sharp());
    };
    let side_by_side = counters_rows(devices, &columns);
    let natural = crate::render::width::fitted(side_by_side.clone(), usize::MAX, style);
    if devices.len() < 2 || natural.total_width() <= width {
        return crate::render::width::fitted(side_by_side, width, style).to_string();
    }
    let one = |(eui, c): (&DevEui, &Vec<String>)| {
        let rows = counters_rows(std::slice::from_ref(eui), std::slice::from_ref(c));
        crate::render::width::fitted(rows, width, style).to_string()
    };
    devices.iter().zip(&columns).map(one).collect::<Vec<_>>().join("\n")
}

fn counters_rows(devices: &[DevEui], columns: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut header = vec![String::new()];
    header.extend(devices.iter().map(ToString::to_string));
    let mut rows = vec![header];
    for (i, label) in LABELS.iter().enumerate() {
        let mut row = vec![(*label).to_string()];
        row.extend(columns.iter().map(|c| c.get(i).cloned().unwrap_or_default()));
        rows.push(row);
    }
    rows
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
        crate::time::timestamp_spaced(outcome.started_at),
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
            fleet: None,
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
        let t = device_table(&outcome(), &[eui], 100);
        assert!(t.contains("0203040502030405") && t.contains("no messages"), "{t}");
        assert!(t.contains("join requests / accepts"), "{t}");
        assert_eq!(t.lines().count(), 4 + LABELS.len(), "{t}");
    }

    #[test]
    fn the_device_table_of_three_devices_fits_sixty_and_a_hundred_columns() {
        let devices: Vec<DevEui> = ["0203040502030405", "70b3d57ed0000001", "70b3d57ed0000002"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        for width in [60, 100] {
            let t = device_table(&outcome(), &devices, width);
            let widest = crate::render::width::widest_line(&t);
            assert!(widest <= width, "at {width}: {widest}\n{t}");
            assert!(t.contains("70b3d57ed0000002"), "{t}");
        }
        snapshot!(assert_snapshot, "watch_device_table_60", device_table(&outcome(), &devices, 60));
    }
}
