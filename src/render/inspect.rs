//! Renderers of `rmacheck inspect`: one JSON object (schema `rmacheck.inspect.v1`) or
//! terminal tables (header, counters, timeline).
//!
//! Pure functions of an [`InspectReport`] and a width: no clock, no colour, deterministic
//! output. Every line of the terminal form fits the width (at least
//! [`width::MIN_WIDTH`](super::width::MIN_WIDTH)); a timeline too wide for it is written as a
//! list, one entry in two or three lines.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use super::width::{DEFAULT_WIDTH, fitted, widest_line, wrap};
use crate::model::{DevEui, Lang, Source};
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

fn header(r: &InspectReport, width: usize) -> String {
    let mut out = format!("Device  {}\n", r.dev_eui);
    match r.window {
        Some(w) => {
            let span = crate::time::format_span(w.from, w.to);
            let text = format!("{} → {} ({span})", rfc3339(w.from), rfc3339(w.to));
            out.push_str(&wrap(&text, width, "Window  ", "        "));
        }
        None => out.push_str("Window  — (no messages)\n"),
    }
    out
}

fn stats_table(s: &Stats, width: usize) -> String {
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
    let rows = rows.into_iter().map(|(k, v)| vec![k.to_string(), v]).collect();
    fitted(rows, width, |t| {
        t.with(Style::blank());
    })
    .to_string()
}

/// The time of an entry: the time of day when the whole timeline is on one day.
fn entry_time(e: &TimelineEntry, same_day: bool) -> String {
    e.at.map_or_else(String::new, |a| {
        if same_day {
            a.format("%H:%M:%S%.3f").to_string()
        } else {
            a.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
        }
    })
}

/// MIC result, gateway acknowledgement and network-server code of an entry.
fn entry_status(e: &TimelineEntry) -> String {
    [e.mic.map(|m| m.as_str().to_string()), e.tx_status.clone(), e.code.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

fn same_day(r: &InspectReport) -> bool {
    let day = r.window.map(|w| w.from.date_naive());
    r.timeline.iter().all(|e| e.at.map(|a| a.date_naive()) == day)
}

/// The timeline as a table when it fits `width`, else as a list.
fn timeline(r: &InspectReport, width: usize) -> String {
    let table = timeline_table(r);
    if widest_line(&table) <= width { table } else { timeline_list(r, width) }
}

/// The timeline for narrow terminals: number, time, kind and gateway on one line, the radio
/// values, counter and status below, then the note, each wrapped and indented.
fn timeline_list(r: &InspectReport, width: usize) -> String {
    let same_day = same_day(r);
    let digits = r.timeline.iter().map(|e| e.index.to_string().len()).max().unwrap_or(1);
    let indent = " ".repeat(digits + 2);
    let mut out = String::new();
    for e in &r.timeline {
        let mut head = format!("{:>digits$}  {}  {}", e.index, entry_time(e, same_day), e.kind);
        if let Some(g) = &e.gateway {
            let _ = write!(head, "  gw {g}");
        }
        out.push_str(&wrap(&head, width, "", &indent));
        let mut values = Vec::new();
        if let Some(v) = e.rssi_dbm {
            values.push(format!("RSSI {} dBm", fixed(v, 0)));
        }
        if let Some(v) = e.snr_db {
            values.push(format!("SNR {} dB", fixed(v, 1)));
        }
        if let Some(f) = e.frequency_hz {
            values.push(format!("{:.3} MHz", f as f64 / 1e6));
        }
        if let Some(sf) = e.sf {
            values.push(format!("SF{sf}"));
        }
        match (e.dev_nonce, e.f_cnt) {
            (Some(n), _) => values.push(format!("DevNonce {n}")),
            (None, Some(f)) => values.push(format!("FCnt {f}")),
            (None, None) => {}
        }
        let status = entry_status(e);
        if !status.is_empty() {
            values.push(status);
        }
        if !values.is_empty() {
            out.push_str(&wrap(&values.join(" · "), width, &indent, &indent));
        }
        if let Some(note) = e.note.as_deref().filter(|n| !n.is_empty()) {
            out.push_str(&wrap(note, width, &indent, &indent));
        }
    }
    out
}

fn timeline_table(r: &InspectReport) -> String {
    let same_day = same_day(r);
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
        let number =
            e.dev_nonce.map(u32::from).or(e.f_cnt).map_or_else(String::new, |n| n.to_string());
        b.push_record([
            e.index.to_string(),
            entry_time(e, same_day),
            e.kind.clone(),
            e.gateway.as_ref().map_or_else(String::new, ToString::to_string),
            e.rssi_dbm.map_or_else(String::new, |v| fixed(v, 0)),
            e.snr_db.map_or_else(String::new, |v| fixed(v, 1)),
            e.frequency_hz.map_or_else(String::new, |f| format!("{:.3}", f as f64 / 1e6)),
            e.sf.map_or_else(String::new, |v| v.to_string()),
            number,
            entry_status(e),
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
/// up/down changes (empty when no gateway state was seen), at most `width` columns wide.
#[must_use]
pub fn gateways_section(gateways: &[GatewayAvailability], width: usize) -> String {
    if gateways.iter().all(|g| g.stats_messages == 0 && g.changes.is_empty()) {
        return String::new();
    }
    let mut rows = vec![vec!["gateway".into(), "stats".into(), "changes (#index time)".into()]];
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
        rows.push(vec![g.gateway.to_string(), stats, changes]);
    }
    let t = fitted(rows, width, |t| {
        t.with(Style::psql());
    });
    format!("Gateways\n{t}\n\n")
}

/// [`malformed_section_at`] at the default width.
#[must_use]
pub fn malformed_section(listed: &[MalformedMessage], total: u64) -> String {
    malformed_section_at(listed, total, DEFAULT_WIDTH, Lang::En)
}

/// The "Malformed messages" section: the first listed ones with index, source and reason
/// (empty when there were none), at most `width` columns wide.
#[must_use]
pub fn malformed_section_at(
    listed: &[MalformedMessage],
    total: u64,
    width: usize,
    lang: Lang,
) -> String {
    if listed.is_empty() {
        return String::new();
    }
    let l = |id: &str| crate::catalog::plain(lang, id);
    let mut rows = vec![vec!["#".into(), l("table-malformed-source"), l("table-malformed-reason")]];
    for m in listed {
        rows.push(vec![
            m.index.map_or_else(|| "—".to_string(), |i| i.to_string()),
            m.source.clone(),
            m.reason_in(lang),
        ]);
    }
    let t = fitted(rows, width, |t| {
        t.with(Style::psql());
        t.modify(Columns::new(0..1), Alignment::right());
    });
    let args = crate::catalog::args! { "listed" => listed.len(), "n" => total };
    let id =
        if total > listed.len() as u64 { "table-malformed-first" } else { "table-malformed-all" };
    let heading = crate::catalog::text(lang, id, &args);
    format!("{heading}\n{t}\n\n")
}

/// The "Not observed" lines: one wrapped paragraph per interval (empty when there were none).
#[must_use]
pub fn not_observed_section(gaps: &[Gap], width: usize) -> String {
    if gaps.is_empty() {
        return String::new();
    }
    let mut out = wrap("Not observed (silence and loss here are not the device's)", width, "", "");
    for g in gaps {
        out.push_str(&wrap(&g.describe(), width, "  ", "    "));
    }
    out
}

/// The terminal form at the default width.
#[must_use]
pub fn table(r: &InspectReport) -> String {
    table_at(r, DEFAULT_WIDTH)
}

/// The terminal form, at most `width` columns wide: header, counters, gateways, malformed
/// messages, timeline.
#[must_use]
pub fn table_at(r: &InspectReport, width: usize) -> String {
    let mut out = header(r, width);
    out.push('\n');
    out.push_str(&stats_table(&r.stats, width));
    out.push_str("\n\n");
    out.push_str(&gateways_section(&r.gateways, width));
    out.push_str(&malformed_section_at(&r.malformed, r.stats.malformed_messages, width, Lang::En));
    if !r.not_observed.is_empty() {
        out.push_str(&not_observed_section(&r.not_observed, width));
        out.push('\n');
    }
    if r.timeline.is_empty() {
        out.push_str("Timeline: nothing was heard from this device.\n");
    } else {
        let _ = writeln!(out, "Timeline ({} messages)", r.timeline.len());
        out.push_str(&timeline(r, width));
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
