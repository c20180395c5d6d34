//! What `watch` shows while it runs: a live view on a terminal, plain log lines otherwise.
//!
//! - [`ViewMode::Live`]: a spinner line (connection, message count, time left; "waiting for
//!   messages from … (12 s)" while nothing arrives) and one refreshed line of counters per
//!   watched device, drawn with indicatif on stderr. Notices print above the bars.
//! - [`ViewMode::Plain`]: one line per message that concerns a watched device (time, kind,
//!   gateway, RSSI/SNR, FCnt/DevNonce) and one per connection change, to the given writer.
//! - [`ViewMode::Quiet`]: nothing (library callers that watch [`Notice`]s themselves).
//!
//! Colour (live view only) follows anstream's rules: `NO_COLOR`, `CLICOLOR`, terminal or not.
//! The line formatting is pure and tested; only [`LiveView`] touches the terminal.

use std::io::Write;
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use chrono::{DateTime, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::duration::format_duration;
use super::{Counters, Notice};
use crate::model::DevEui;
use crate::pipeline::Pipeline;
use crate::tracker::{DeviceRecord, TimelineEntry};

/// How the agent shows progress.
pub enum ViewMode {
    /// Live counters on the terminal (stderr).
    Live,
    /// Plain log lines to this writer.
    Plain(Box<dyn Write + Send>),
    /// Nothing.
    Quiet,
}

impl std::fmt::Debug for ViewMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ViewMode::Live => "Live",
            ViewMode::Plain(_) => "Plain",
            ViewMode::Quiet => "Quiet",
        })
    }
}

impl ViewMode {
    /// Live on a terminal, plain lines to stderr otherwise.
    #[must_use]
    pub fn auto() -> Self {
        use std::io::IsTerminal;
        if std::io::stderr().is_terminal() {
            ViewMode::Live
        } else {
            ViewMode::Plain(Box::new(std::io::stderr()))
        }
    }
}

/// What the view needs to know about the run.
#[derive(Debug, Clone)]
pub(crate) struct ViewContext {
    pub(crate) broker: String,
    pub(crate) devices: Vec<DevEui>,
}

/// The state shown on every refresh.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Status {
    pub(crate) connected: bool,
    pub(crate) filters: usize,
    pub(crate) since_last_message: Option<Duration>,
    pub(crate) waiting_for: Duration,
    pub(crate) left: Option<Duration>,
}

pub(crate) enum View {
    Live(LiveView),
    Plain(PlainView),
    Quiet,
}

impl View {
    pub(crate) fn new(mode: ViewMode, ctx: ViewContext) -> Self {
        match mode {
            ViewMode::Live => View::Live(LiveView::new(ctx)),
            ViewMode::Plain(out) => View::Plain(PlainView { out, ctx }),
            ViewMode::Quiet => View::Quiet,
        }
    }

    pub(crate) fn notice(&mut self, at: DateTime<Utc>, n: &Notice) {
        match self {
            View::Live(v) => v.println(&notice_text(n)),
            View::Plain(v) => v.line(&format!("{} {}", stamp(at), notice_text(n))),
            View::Quiet => {}
        }
    }

    /// After message `index` went into the pipeline.
    pub(crate) fn ingested(&mut self, index: u64, pipeline: &Pipeline) {
        if let View::Plain(v) = self {
            for eui in v.ctx.devices.clone() {
                let Some(rec) = pipeline.tracker().device(&eui) else { continue };
                if !rec.evidence.contains(&index) {
                    continue;
                }
                let entries: Vec<&TimelineEntry> =
                    rec.timeline.iter().rev().take_while(|e| e.index >= index).collect();
                for e in entries.into_iter().rev().filter(|e| e.index == index) {
                    v.line(&entry_line(&eui, e));
                }
            }
        }
    }

    pub(crate) fn tick(&mut self, status: &Status, counters: &Counters, pipeline: &Pipeline) {
        if let View::Live(v) = self {
            v.refresh(status, counters, pipeline);
        }
    }

    pub(crate) fn finish(&mut self) {
        if let View::Live(v) = self {
            v.finish();
        }
    }
}

pub(crate) struct PlainView {
    out: Box<dyn Write + Send>,
    ctx: ViewContext,
}

impl PlainView {
    fn line(&mut self, s: &str) {
        // A closed stderr must not stop the watch; the capture file is what matters.
        let _ = writeln!(self.out, "{s}");
        let _ = self.out.flush();
    }
}

pub(crate) struct LiveView {
    ctx: ViewContext,
    multi: MultiProgress,
    header: ProgressBar,
    devices: Vec<ProgressBar>,
    color: bool,
    last_messages: Option<u64>,
}

impl LiveView {
    fn new(ctx: ViewContext) -> Self {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let spinner = ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let line = ProgressStyle::with_template("  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let header = multi.add(ProgressBar::new_spinner().with_style(spinner));
        header.set_message(format!("connecting to {} …", ctx.broker));
        let devices = ctx
            .devices
            .iter()
            .map(|eui| {
                let bar = multi.add(ProgressBar::new_spinner().with_style(line.clone()));
                bar.set_message(format!("{eui}  nothing yet"));
                bar
            })
            .collect();
        let color = anstream::stderr().current_choice() != anstream::ColorChoice::Never;
        Self { ctx, multi, header, devices, color, last_messages: None }
    }

    fn println(&self, s: &str) {
        let _ = self.multi.println(s);
    }

    fn refresh(&mut self, status: &Status, counters: &Counters, pipeline: &Pipeline) {
        self.header.set_message(header_text(&self.ctx.broker, status, counters));
        self.header.tick();
        let messages = pipeline.messages();
        if self.last_messages == Some(messages) {
            return;
        }
        self.last_messages = Some(messages);
        for (eui, bar) in self.ctx.devices.iter().zip(&self.devices) {
            let rec = pipeline.tracker().device(eui);
            bar.set_message(device_line(eui, rec.as_ref(), self.color));
        }
    }

    fn finish(&mut self) {
        for bar in &self.devices {
            bar.finish_and_clear();
        }
        self.header.finish_and_clear();
        let _ = self.multi.clear();
    }
}

fn stamp(at: DateTime<Utc>) -> String {
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
            let filters = super::summary::plural(*granted as u64, "filter", "filters");
            let mut s = format!("subscribed to {filters} (QoS {max_qos} granted)");
            if !refused.is_empty() {
                s.push_str(&format!(
                    "; the broker refused {}: {} — check --topic and the account's rights",
                    refused.len(),
                    refused.join(", ")
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
        Notice::Stopping { reason } => format!("stopping: {reason}"),
    }
}

fn header_text(broker: &str, s: &Status, c: &Counters) -> String {
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

/// `0s`, `12s`, `1m30s`: whole seconds, never milliseconds.
fn whole_seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        "0s".into()
    } else {
        format_duration(Duration::from_secs(d.as_secs()))
    }
}

fn paint(color: bool, style: Style, s: &str) -> String {
    if color { format!("{}{s}{}", style.render(), style.render_reset()) } else { s.to_string() }
}

/// One line of live counters for a device.
pub(crate) fn device_line(eui: &DevEui, rec: Option<&DeviceRecord>, color: bool) -> String {
    let name = paint(color, Style::new().bold(), &eui.to_string());
    let Some(rec) = rec else { return format!("{name}  nothing yet") };
    let s = &rec.stats;
    let mut parts = Vec::new();
    if s.join_requests > 0 || s.join_accepts > 0 {
        let failed = if s.join_accept_tx_failed > 0 {
            paint(
                color,
                AnsiColor::Red.on_default(),
                &format!("failed {}", s.join_accept_tx_failed),
            )
        } else {
            "failed 0".into()
        };
        parts.push(format!(
            "joins {} · accepts {} (tx ok {}, {failed})",
            s.join_requests, s.join_accepts, s.join_accept_tx_ok
        ));
    }
    let fcnt = s.fcnt_last.map(|f| format!(" · fcnt {f}")).unwrap_or_default();
    let missing = if s.fcnt_missing > 0 {
        paint(color, AnsiColor::Yellow.on_default(), &format!("missing {}", s.fcnt_missing))
    } else {
        "missing 0".into()
    };
    parts.push(format!("uplinks {}{fcnt} · {missing}", s.uplinks));
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
            "0203040502030405  joins 3 · accepts 2 (tx ok 1, failed 1) · uplinks 12 · fcnt 45 \
             · missing 2 · gw 2 · best -71 dBm / 7.5 dB · last: ns_log, app_uplink, uplink"
        );
        let colored = device_line(&eui(), Some(&rec), true);
        assert!(colored.contains('\u{1b}'), "{colored}");
        assert_eq!(device_line(&eui(), None, false), "0203040502030405  nothing yet");
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
            "waiting for messages from mqtt://127.0.0.1:1883 (12 s) · 13 filters · 1m30s left"
        );
        s.since_last_message = Some(Duration::from_millis(3_200));
        s.left = Some(Duration::from_millis(400));
        assert!(header_text("mqtt://x:1", &s, &c).ends_with("last 3s ago · 0s left"));
        s.left = Some(Duration::from_secs(90));
        assert_eq!(
            header_text("mqtt://127.0.0.1:1883", &s, &c),
            "mqtt://127.0.0.1:1883 · 7 messages (2 redeliveries dropped) · last 3s ago · 1m30s left"
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
                Notice::ConnectionFailed {
                    message: "cannot connect to 127.0.0.1:1883: connection refused".into(),
                    retry_in: Some(Duration::from_millis(500)),
                },
                "cannot connect to 127.0.0.1:1883: connection refused; retrying in 500ms",
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
