//! Renderers of `rmacheck inspect`: one JSON object (schema `rmacheck.inspect.v1`) or
//! terminal tables (header, counters, timeline).
//!
//! Pure functions of an [`InspectReport`]: no clock, no colour, deterministic output.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use crate::model::{DevEui, Source};
use crate::tracker::gaps::Gap;
use crate::tracker::gateways::{ChangeReason, GatewayAvailability};
use crate::tracker::{DeviceRecord, MalformedMessage, Spread, Stats, TimelineEntry, Window};

/// Schema name of the inspect JSON.
pub const SCHEMA: &str = "rmacheck.inspect.v1";

/// Key of capture lines that could not be read in `malformed_by_source`.
pub const CAPTURE_LINES: &str = "capture_lines";

/// What `inspect` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InspectReport {
    /// `rmacheck.inspect.v1`.
    pub schema: String,
    /// The device.
    pub dev_eui: DevEui,
    /// First and last received time of all messages read (`null` when none).
    pub window: Option<Window>,
    /// One entry per message concerning the device.
    pub timeline: Vec<TimelineEntry>,
    /// Counters (contract field names).
    pub stats: Stats,
    /// Malformed messages per source, plus unreadable capture lines.
    pub malformed_by_source: BTreeMap<String, u64>,
    /// The first malformed messages with their reasons.
    pub malformed: Vec<MalformedMessage>,
    /// Availability of the gateways that can hear the device.
    pub gateways: Vec<GatewayAvailability>,
    /// Intervals in which messages were not observed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_observed: Vec<Gap>,
    /// Second copies of messages in the input, counted once.
    #[serde(skip_serializing_if = "is_zero")]
    pub duplicate_messages: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl InspectReport {
    /// Assembles the report from a device record and pipeline totals.
    #[must_use]
    pub fn new(
        record: DeviceRecord,
        window: Option<Window>,
        malformed: &BTreeMap<Source, u64>,
        unreadable_lines: u64,
    ) -> Self {
        let mut by_source: BTreeMap<String, u64> = Source::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), malformed.get(s).copied().unwrap_or(0)))
            .collect();
        by_source.insert(CAPTURE_LINES.to_string(), unreadable_lines);
        Self {
            schema: SCHEMA.to_string(),
            dev_eui: record.dev_eui,
            window,
            timeline: record.timeline,
            stats: record.stats,
            malformed_by_source: by_source,
            malformed: record.malformed,
            gateways: record.gateway_availability,
            not_observed: record.not_observed,
            duplicate_messages: 0,
        }
    }

    /// The report of `record` with the totals of the pipeline that produced it.
    #[must_use]
    pub fn of_pipeline(record: DeviceRecord, pipeline: &crate::pipeline::Pipeline) -> Self {
        let mut report = Self::new(
            record,
            pipeline.window(),
            pipeline.malformed_by_source(),
            pipeline.unreadable_lines(),
        );
        report.duplicate_messages = pipeline.duplicates();
        report
    }
}

/// The JSON form: one pretty-printed object and a newline.
#[must_use]
pub fn json(report: &InspectReport) -> String {
    // Serialising plain data with string keys cannot fail; fall back to an empty object.
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn spread(s: Option<Spread>, unit: &str) -> String {
    s.map_or_else(
        || "—".to_string(),
        |s| {
            let (lo, mid, hi) = (fixed(s.min, 1), fixed(s.median, 1), fixed(s.max, 1));
            format!("min {lo} / median {mid} / max {hi} {unit}")
        },
    )
}

/// `v` with `decimals` decimals, never as a negative zero.
fn fixed(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    crate::time::timestamp_ms(t)
}

fn header(r: &InspectReport) -> String {
    let mut out = format!("Device  {}\n", r.dev_eui);
    match r.window {
        Some(w) => {
            let span = crate::time::format_span(w.from, w.to);
            let _ = writeln!(out, "Window  {} → {} ({span})", rfc3339(w.from), rfc3339(w.to));
        }
        None => out.push_str("Window  — (no messages)\n"),
    }
    out
}

fn stats_table(s: &Stats) -> String {
    let logs = if s.ns_log_codes.is_empty() {
        "—".to_string()
    } else {
        s.ns_log_codes.iter().map(|(c, n)| format!("{c} ×{n}")).collect::<Vec<_>>().join(", ")
    };
    let rows: Vec<(&str, String)> = vec![
        ("join requests", s.join_requests.to_string()),
        ("join accepts", s.join_accepts.to_string()),
        ("join accepts sent (gateway ack OK)", s.join_accept_tx_ok.to_string()),
        ("join accepts not sent (gateway ack failed)", s.join_accept_tx_failed.to_string()),
        ("DevNonces distinct", s.dev_nonces_distinct.to_string()),
        ("DevNonces reused", s.dev_nonces_reused.to_string()),
        ("uplinks (distinct frames)", s.uplinks.to_string()),
        ("FCnt first / last", format!("{} / {}", opt(s.fcnt_first), opt(s.fcnt_last))),
        ("FCnt missing", s.fcnt_missing.to_string()),
        ("FCnt resets", s.fcnt_resets.to_string()),
        ("retransmissions", s.retransmissions.to_string()),
        ("gateways", s.gateways.to_string()),
        ("gateways offline in the window", s.gateways_offline.to_string()),
        ("RSSI (best per frame)", spread(s.rssi_dbm, "dBm")),
        ("SNR (best per frame)", spread(s.snr_db, "dB")),
        ("NS log codes", logs),
        ("malformed messages", s.malformed_messages.to_string()),
    ];
    let mut rows = rows;
    if s.fcnt_missing_unobserved > 0 {
        rows.insert(9, ("FCnt missing while not observed", s.fcnt_missing_unobserved.to_string()));
    }
    let mut b = Builder::default();
    for (k, v) in rows {
        b.push_record([k.to_string(), v]);
    }
    let mut t = b.build();
    t.with(Style::blank());
    t.to_string()
}

fn timeline_table(r: &InspectReport) -> String {
    let day = r.window.map(|w| w.from.date_naive());
    let same_day = r.timeline.iter().all(|e| e.at.map(|a| a.date_naive()) == day);
    let mut b = Builder::default();
    b.push_record([
        "#",
        "time (UTC)",
        "kind",
        "gateway",
        "RSSI",
        "SNR",
        "MHz",
        "SF",
        "DevNonce/FCnt",
        "MIC/status",
        "note",
    ]);
    for e in &r.timeline {
        let time = e.at.map_or_else(String::new, |a| {
            if same_day {
                a.format("%H:%M:%S%.3f").to_string()
            } else {
                a.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
            }
        });
        let number =
            e.dev_nonce.map(u32::from).or(e.f_cnt).map_or_else(String::new, |n| n.to_string());
        let status = [e.mic.map(|m| m.as_str().to_string()), e.tx_status.clone(), e.code.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        b.push_record([
            e.index.to_string(),
            time,
            e.kind.clone(),
            e.gateway.as_ref().map_or_else(String::new, ToString::to_string),
            e.rssi_dbm.map_or_else(String::new, |v| fixed(v, 0)),
            e.snr_db.map_or_else(String::new, |v| fixed(v, 1)),
            e.frequency_hz.map_or_else(String::new, |f| format!("{:.3}", f as f64 / 1e6)),
            e.sf.map_or_else(String::new, |v| v.to_string()),
            number,
            status,
            e.note.clone().unwrap_or_default(),
        ]);
    }
    let mut t = b.build();
    t.with(Style::psql());
    t.modify(Columns::new(0..1), Alignment::right());
    t.modify(Columns::new(4..9), Alignment::right());
    t.to_string()
}

/// The "Gateways" section: each gateway that can hear the device, its stats cadence and its
/// up/down changes (empty when no gateway state was seen).
#[must_use]
pub fn gateways_section(gateways: &[GatewayAvailability]) -> String {
    if gateways.iter().all(|g| g.stats_messages == 0 && g.changes.is_empty()) {
        return String::new();
    }
    let mut b = Builder::default();
    b.push_record(["gateway", "stats", "changes (#index time)"]);
    for g in gateways {
        let stats = match g.stats_interval_s {
            Some(i) => format!("{} (every {} s)", g.stats_messages, fixed(i, 0)),
            None => g.stats_messages.to_string(),
        };
        let changes = if g.changes.is_empty() {
            "up throughout".to_string()
        } else {
            g.changes
                .iter()
                .map(|c| {
                    let what = match c.reason {
                        ChangeReason::ConnOnline => "up (ONLINE)",
                        ChangeReason::HeardAgain => "up (heard again)",
                        ChangeReason::LastWill => "down (Last Will)",
                        ChangeReason::StatsStopped => "down (stats stopped)",
                    };
                    format!("{what} #{} {}", c.index, rfc3339(c.at))
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        b.push_record([g.gateway.to_string(), stats, changes]);
    }
    let mut t = b.build();
    t.with(Style::psql());
    format!("Gateways\n{t}\n\n")
}

/// The "Malformed messages" section: the first listed ones with index, source and reason
/// (empty when there were none).
#[must_use]
pub fn malformed_section(listed: &[MalformedMessage], total: u64) -> String {
    if listed.is_empty() {
        return String::new();
    }
    let mut b = Builder::default();
    b.push_record(["#", "source", "reason"]);
    for m in listed {
        b.push_record([
            m.index.map_or_else(|| "—".to_string(), |i| i.to_string()),
            m.source.clone(),
            m.reason.clone(),
        ]);
    }
    let mut t = b.build();
    t.with(Style::psql());
    t.modify(Columns::new(0..1), Alignment::right());
    let heading = if total > listed.len() as u64 {
        format!("Malformed messages (first {} of {total})", listed.len())
    } else {
        format!("Malformed messages ({total})")
    };
    format!("{heading}\n{t}\n\n")
}

/// The terminal form: header, counters, gateways, malformed messages, timeline.
#[must_use]
pub fn table(r: &InspectReport) -> String {
    let mut out = header(r);
    out.push('\n');
    out.push_str(&stats_table(&r.stats));
    out.push_str("\n\n");
    out.push_str(&gateways_section(&r.gateways));
    out.push_str(&malformed_section(&r.malformed, r.stats.malformed_messages));
    if !r.not_observed.is_empty() {
        out.push_str("Not observed (silence and loss here are not the device's)\n");
        for g in &r.not_observed {
            let _ = writeln!(out, "  {}", g.describe());
        }
        out.push('\n');
    }
    if r.timeline.is_empty() {
        out.push_str("Timeline: nothing was heard from this device.\n");
    } else {
        let _ = writeln!(out, "Timeline ({} messages)", r.timeline.len());
        out.push_str(&timeline_table(r));
        out.push('\n');
    }
    // Table cells are padded to the column width; trailing blanks only hurt copy-paste.
    out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn numbers_never_print_as_negative_zero() {
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.3, 0), "0");
        assert_eq!(fixed(-7.25, 1), "-7.2");
        assert_eq!(fixed(12.0, 0), "12");
    }
}
