//! The text of the watch views: notices, the live header and device lines, plain log lines.
//!
//! Pure formatting (no terminal, no clock); the views in [`super::live`] print what these return.

use std::time::Duration;

use anstyle::{AnsiColor, Style};
use chrono::{DateTime, Utc};

use super::duration::format_duration;
use super::status::Status;
use super::{Counters, Notice};
use crate::model::DevEui;
use crate::tracker::{DeviceRecord, TimelineEntry};

pub(crate) fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The text of a notice (both modes).
pub(crate) fn notice_text(n: &Notice) -> String {
    match n {
        Notice::Connecting { broker } => format!("connecting to {broker}"),
        Notice::Connected { broker, session_present, reconnect } => {
            let what = if *reconnect { "reconnected to" } else { "connected to" };
            let session = if *session_present { " (session resumed)" } else { "" };
            format!("{what} {broker}{session}")
        }
        Notice::Subscribed { granted, max_qos, refused } => {
            let list = |v: &[String]| {
                let mut shown: Vec<&str> = v.iter().take(4).map(String::as_str).collect();
                if v.len() > 4 {
                    shown.push("…");
                }
                shown.join(", ")
            };
            if *granted == 0 {
                return format!(
                    "the broker refused every subscription ({}) — nothing will arrive; check \
                     --topic and the account's rights",
                    list(refused)
                );
            }
            let filters = super::summary::plural(*granted as u64, "filter", "filters");
            let mut s = format!("subscribed to {filters} (QoS {max_qos} granted)");
            if !refused.is_empty() {
                s.push_str(&format!(
                    "; the broker refused {}: {} — check --topic and the account's rights",
                    refused.len(),
                    list(refused)
                ));
            }
            s
        }
        Notice::ConnectionFailed { message, retry_in: Some(d) } => {
            format!("{message}; retrying in {}", format_duration(*d))
        }
        Notice::ConnectionFailed { message, retry_in: None } => format!("{message}; giving up"),
        Notice::Recording { path, appending } => {
            let how = if *appending { "appending to" } else { "recording to" };
            format!("{how} {}", path.display())
        }
        Notice::Oversized { size, limit } => format!(
            "the broker sent a message of {size} bytes, more than --max-message-size {limit}: \
             skipped unread and counted as malformed; the broker session was discarded so that \
             it is not sent again (messages queued meanwhile are lost)"
        ),
        Notice::NotObserved(g) => format!("not observed: {}", g.describe()),
        Notice::Resumed { messages, since } => format!(
            "resumed from the state: {messages} messages observed since {}",
            crate::time::timestamp(*since)
        ),
        Notice::Stopping { reason } => format!("stopping: {reason}"),
    }
}

pub(crate) fn header_text(broker: &str, s: &Status, c: &Counters) -> String {
    let left = s.left.map(|d| format!(" · {} left", whole_seconds(d))).unwrap_or_default();
    if !s.connected {
        return format!("not connected to {broker} (retrying){left}");
    }
    match s.since_last_message {
        None => format!(
            "waiting for messages from {broker} ({} s) · {}{left}",
            s.waiting_for.as_secs(),
            super::summary::plural(s.filters as u64, "filter", "filters")
        ),
        Some(ago) => {
            let dropped = if c.dropped_redeliveries > 0 {
                format!(" ({} redeliveries dropped)", c.dropped_redeliveries)
            } else {
                String::new()
            };
            format!(
                "{broker} · {}{dropped} · last {} ago{left}",
                super::summary::plural(c.received, "message", "messages"),
                whole_seconds(ago)
            )
        }
    }
}

/// `0 s`, `12 s`, `2 min`: whole seconds, never milliseconds.
fn whole_seconds(d: Duration) -> String {
    crate::time::format_seconds(d.as_secs())
}

fn paint(color: bool, style: Style, s: &str) -> String {
    if color { format!("{}{s}{}", style.render(), style.render_reset()) } else { s.to_string() }
}

/// One line of live counters for a device (most important first: the terminal may cut it).
pub(crate) fn device_line(eui: &DevEui, rec: Option<&DeviceRecord>, color: bool) -> String {
    let name = paint(color, Style::new().bold(), &eui.to_string());
    let Some(rec) = rec else { return format!("{name}  nothing yet") };
    let s = &rec.stats;
    let mut parts = Vec::new();
    if s.join_requests > 0 || s.join_accepts > 0 {
        let mut joins = format!("joins {} → accepts {}", s.join_requests, s.join_accepts);
        if s.join_accept_tx_ok > 0 || s.join_accept_tx_failed > 0 {
            let failed = format!("failed {}", s.join_accept_tx_failed);
            let failed = if s.join_accept_tx_failed > 0 {
                paint(color, AnsiColor::Red.on_default(), &failed)
            } else {
                failed
            };
            joins.push_str(&format!(" (sent {}, {failed})", s.join_accept_tx_ok));
        }
        parts.push(joins);
    }
    let mut uplinks = format!("uplinks {}", s.uplinks);
    if let Some(f) = s.fcnt_last {
        uplinks.push_str(&format!(" · fcnt {f}"));
    }
    if s.fcnt_missing > 0 {
        let missing = format!("missing {}", s.fcnt_missing);
        uplinks.push_str(&format!(" · {}", paint(color, AnsiColor::Yellow.on_default(), &missing)));
    }
    if s.fcnt_resets > 0 {
        let resets = format!("resets {}", s.fcnt_resets);
        uplinks.push_str(&format!(" · {}", paint(color, AnsiColor::Red.on_default(), &resets)));
    }
    parts.push(uplinks);
    parts.push(format!("gw {}", s.gateways));
    match (s.rssi_dbm, s.snr_db) {
        (Some(r), Some(n)) => parts.push(format!("best {} dBm / {} dB", r.max, n.max)),
        (Some(r), None) => parts.push(format!("best {} dBm", r.max)),
        _ => {}
    }
    let last: Vec<&str> = rec.timeline.iter().rev().take(3).map(|e| e.kind.as_str()).collect();
    if !last.is_empty() {
        parts.push(format!("last: {}", last.join(", ")));
    }
    format!("{name}  {}", parts.join(" · "))
}

/// One plain log line for a timeline entry.
pub(crate) fn entry_line(eui: &DevEui, e: &TimelineEntry) -> String {
    let mut s = match e.at {
        Some(at) => format!("{} {eui} {}", stamp(at), e.kind),
        None => format!("{eui} {}", e.kind),
    };
    if let Some(g) = &e.gateway {
        s.push_str(&format!(" gw {g}"));
    }
    if let Some(r) = e.rssi_dbm {
        s.push_str(&format!(" rssi {r} dBm"));
    }
    if let Some(n) = e.snr_db {
        s.push_str(&format!(" snr {n} dB"));
    }
    if let Some(sf) = e.sf {
        s.push_str(&format!(" SF{sf}"));
    }
    if let Some(a) = e.dev_addr {
        s.push_str(&format!(" devaddr {a}"));
    }
    if let Some(f) = e.f_cnt {
        s.push_str(&format!(" fcnt {f}"));
    }
    if let Some(n) = e.dev_nonce {
        s.push_str(&format!(" devnonce {n}"));
    }
    if let Some(m) = e.mic.filter(|m| *m != crate::frame::MicStatus::Unchecked) {
        s.push_str(&format!(" mic {}", m.as_str()));
    }
    if let Some(t) = &e.tx_status {
        s.push_str(&format!(" tx {t}"));
    }
    if let Some(c) = &e.code {
        s.push_str(&format!(" {c}"));
    }
    if let Some(n) = &e.note {
        s.push_str(&format!(" ({n})"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GatewayId;
    use crate::tracker::{Spread, Stats};

    fn eui() -> DevEui {
        "0203040502030405".parse().unwrap()
    }

    #[test]
    fn a_join_request_line_has_time_kind_gateway_signal_and_devnonce() {
        let e = TimelineEntry {
            index: 0,
            at: Some("2026-11-21T09:00:00.123456Z".parse().unwrap()),
            kind: "join_request".into(),
            gateway: Some(GatewayId::new("0016c001f153a14c")),
            rssi_dbm: Some(-71.0),
            snr_db: Some(7.5),
            sf: Some(7),
            dev_nonce: Some(4141),
            mic: Some(crate::frame::MicStatus::Unchecked),
            ..TimelineEntry::default()
        };
        assert_eq!(
            entry_line(&eui(), &e),
            "2026-11-21T09:00:00.123Z 0203040502030405 join_request gw 0016c001f153a14c \
             rssi -71 dBm snr 7.5 dB SF7 devnonce 4141"
        );
        let checked = TimelineEntry { mic: Some(crate::frame::MicStatus::Invalid), ..e };
        assert!(entry_line(&eui(), &checked).ends_with("devnonce 4141 mic invalid"));
    }

    #[test]
    fn a_device_line_shows_counters_and_the_last_event_kinds() {
        let rec = DeviceRecord {
            dev_eui: eui(),
            stats: Stats {
                join_requests: 3,
                join_accepts: 2,
                join_accept_tx_ok: 1,
                join_accept_tx_failed: 1,
                uplinks: 12,
                fcnt_last: Some(45),
                fcnt_missing: 2,
                gateways: 2,
                rssi_dbm: Some(Spread { min: -110.0, median: -90.0, max: -71.0 }),
                snr_db: Some(Spread { min: -5.0, median: 2.0, max: 7.5 }),
                ..Stats::default()
            },
            timeline: ["join_request", "uplink", "app_uplink", "ns_log"]
                .iter()
                .map(|k| TimelineEntry { kind: (*k).into(), ..TimelineEntry::default() })
                .collect(),
            ..DeviceRecord::default()
        };
        assert_eq!(
            device_line(&eui(), Some(&rec), false),
            "0203040502030405  joins 3 → accepts 2 (sent 1, failed 1) · uplinks 12 · fcnt 45 \
             · missing 2 · gw 2 · best -71 dBm / 7.5 dB · last: ns_log, app_uplink, uplink"
        );
        let colored = device_line(&eui(), Some(&rec), true);
        assert!(colored.contains('\u{1b}'), "{colored}");
        assert_eq!(device_line(&eui(), None, false), "0203040502030405  nothing yet");
        let joining = DeviceRecord {
            dev_eui: eui(),
            stats: Stats { join_requests: 4, gateways: 1, ..Stats::default() },
            ..DeviceRecord::default()
        };
        assert_eq!(
            device_line(&eui(), Some(&joining), false),
            "0203040502030405  joins 4 → accepts 0 · uplinks 0 · gw 1"
        );
    }

    #[test]
    fn the_header_waits_then_counts() {
        let c = Counters { received: 7, dropped_redeliveries: 2, ..Counters::default() };
        let mut s = Status {
            connected: true,
            filters: 13,
            since_last_message: None,
            waiting_for: Duration::from_millis(12_400),
            left: Some(Duration::from_secs(90)),
        };
        assert_eq!(
            header_text("mqtt://127.0.0.1:1883", &s, &c),
            "waiting for messages from mqtt://127.0.0.1:1883 (12 s) · 13 filters · 2 min left"
        );
        s.since_last_message = Some(Duration::from_millis(3_200));
        s.left = Some(Duration::from_millis(400));
        assert!(header_text("mqtt://x:1", &s, &c).ends_with("last 3 s ago · 0 s left"));
        s.left = Some(Duration::from_secs(90));
        assert_eq!(
            header_text("mqtt://127.0.0.1:1883", &s, &c),
            "mqtt://127.0.0.1:1883 · 7 messages (2 redeliveries dropped) · last 3 s ago · 2 min left"
        );
        s.connected = false;
        assert!(header_text("mqtt://x:1", &s, &c).starts_with("not connected"));
    }

    #[test]
    fn notices_read_as_sentences() {
        let cases = [
            (
                Notice::Subscribed {
                    granted: 10,
                    max_qos: 0,
                    refused: vec!["gateway/+/event/+".into()],
                },
                "subscribed to 10 filters (QoS 0 granted); the broker refused 1: gateway/+/event/+ \
                 — check --topic and the account's rights",
            ),
            (
                Notice::Subscribed {
                    granted: 3,
                    max_qos: 0,
                    refused: (1..=6).map(|i| format!("f{i}")).collect(),
                },
                "subscribed to 3 filters (QoS 0 granted); the broker refused 6: f1, f2, f3, f4, … \
                 — check --topic and the account's rights",
            ),
            (
                Notice::Subscribed { granted: 0, max_qos: 0, refused: vec!["#".into()] },
                "the broker refused every subscription (#) — nothing will arrive; check --topic \
                 and the account's rights",
            ),
            (
                Notice::ConnectionFailed {
                    message: "cannot connect to 127.0.0.1:1883: connection refused".into(),
                    retry_in: Some(Duration::from_millis(500)),
                },
                "cannot connect to 127.0.0.1:1883: connection refused; retrying in 500 ms",
            ),
            (
                Notice::Connected {
                    broker: "mqtt://h:1".into(),
                    session_present: true,
                    reconnect: true,
                },
                "reconnected to mqtt://h:1 (session resumed)",
            ),
        ];
        for (n, want) in cases {
            assert_eq!(notice_text(&n), want);
        }
    }
}
