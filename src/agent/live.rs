//! What `watch` shows while it runs: a live view on a terminal, plain log lines otherwise.
//!
//! - [`ViewMode::Live`]: a spinner line (connection, message count, time left; "waiting for
//!   messages from … (12 s)" while nothing arrives) and one refreshed line of counters per
//!   watched device, drawn with indicatif on stderr. Notices print above the bars.
//! - [`ViewMode::Plain`]: one line per message that concerns a watched device (time, kind,
//!   gateway, RSSI/SNR, FCnt/DevNonce, MIC) and one per connection change, to the given writer.
//!   Message lines are written in batches on the 250 ms tick, in message order.
//! - [`ViewMode::Quiet`]: nothing (library callers that watch [`Notice`]s themselves).
//!
//! Colour (live view only) follows anstream's rules: `NO_COLOR`, `CLICOLOR`, terminal or not.
//! The text comes from [`super::lines`] (pure, tested); only `LiveView` touches the terminal.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use chrono::{DateTime, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::lines::{device_line, entry_line, header_text, notice_text, stamp};
pub(crate) use super::status::Status;
use super::{Counters, Notice};
use crate::model::DevEui;
use crate::pipeline::Pipeline;

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
    /// Live on a terminal, plain lines to stderr otherwise (also on `TERM=dumb`, where the
    /// live view could not redraw).
    #[must_use]
    pub fn auto() -> Self {
        use std::io::IsTerminal;
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        if std::io::stderr().is_terminal() && !dumb {
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

pub(crate) enum View {
    Live(LiveView),
    Plain(PlainView),
    Quiet,
}

impl View {
    pub(crate) fn new(mode: ViewMode, ctx: ViewContext) -> Self {
        match mode {
            ViewMode::Live => View::Live(LiveView::new(ctx)),
            ViewMode::Plain(out) => {
                View::Plain(PlainView { out, ctx, printed: HashMap::new(), last_messages: 0 })
            }
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

    /// Refreshes the view (every 250 ms). Plain lines for the messages since the last tick
    /// are written here, not per message: materialising a device record is costly, and a
    /// busy gateway stream can bring thousands of messages a second.
    pub(crate) fn tick(&mut self, status: &Status, counters: &Counters, pipeline: &Pipeline) {
        match self {
            View::Live(v) => v.refresh(status, counters, pipeline),
            View::Plain(v) => v.flush_entries(pipeline),
            View::Quiet => {}
        }
    }

    /// Writes the plain lines still pending (before a notice that must come after them).
    pub(crate) fn flush(&mut self, pipeline: &Pipeline) {
        if let View::Plain(v) = self {
            v.flush_entries(pipeline);
        }
    }

    /// The end of the run: last lines, clear the live view.
    pub(crate) fn finish(&mut self, pipeline: &Pipeline) {
        match self {
            View::Live(v) => v.finish(),
            View::Plain(v) => v.flush_entries(pipeline),
            View::Quiet => {}
        }
    }
}

/// Identifies a timeline entry already printed (entries can be attributed to a device after
/// later messages, so "everything after the last index printed" is not enough).
type EntryKey = (u64, String, Option<String>);

pub(crate) struct PlainView {
    out: Box<dyn Write + Send>,
    ctx: ViewContext,
    printed: HashMap<DevEui, BTreeSet<EntryKey>>,
    last_messages: u64,
}

impl PlainView {
    fn line(&mut self, s: &str) {
        // A closed stderr must not stop the watch; the capture file is what matters.
        let _ = writeln!(self.out, "{s}");
        let _ = self.out.flush();
    }

    /// Prints the timeline entries of every watched device not printed yet, in message order.
    fn flush_entries(&mut self, pipeline: &Pipeline) {
        if pipeline.messages() == self.last_messages {
            return;
        }
        self.last_messages = pipeline.messages();
        let mut lines: Vec<(u64, String)> = Vec::new();
        for eui in &self.ctx.devices {
            let Some(rec) = pipeline.tracker().device(eui) else { continue };
            let printed = self.printed.entry(*eui).or_default();
            for e in &rec.timeline {
                let key = (e.index, e.kind.clone(), e.gateway.as_ref().map(ToString::to_string));
                if printed.insert(key) {
                    lines.push((e.index, entry_line(eui, e)));
                }
            }
            // Forget what the bounded timeline no longer holds.
            if let Some(oldest) = rec.timeline.first().map(|e| e.index) {
                printed.retain(|k| k.0 >= oldest);
            }
        }
        lines.sort_by_key(|(i, _)| *i);
        for (_, l) in lines {
            self.line(&l);
        }
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
        let spinner = ProgressStyle::with_template("{spinner} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let line = ProgressStyle::with_template("  {wide_msg}")
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
#[cfg(test)]
mod tests {
    use super::*;

    fn eui() -> DevEui {
        "0203040502030405".parse().unwrap()
    }

    #[derive(Clone, Default)]
    struct Buf(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().map_err(|_| std::io::ErrorKind::Other)?.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn join_request_up(uplink_id: u32, at: &str) -> crate::model::RawMessage {
        let payload = format!(
            r#"{{"phyPayload":"AAQDAgEEAwIBBQQDAgUEAwItEGqZDhI=","txInfo":{{"frequency":868100000,"modulation":{{"lora":{{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}}},"rxInfo":{{"gatewayId":"0016c001f153a14c","uplinkId":{uplink_id},"rssi":-57,"snr":9.5,"context":"AAGGoA=="}}}}"#
        );
        crate::model::RawMessage {
            received_at: at.parse().unwrap(),
            topic: "eu868/gateway/0016c001f153a14c/event/up".into(),
            payload: payload.into_bytes(),
        }
    }

    #[test]
    fn plain_lines_come_once_per_entry_in_message_order_on_each_tick() {
        let buf = Buf::default();
        let ctx = ViewContext { broker: "mqtt://x:1".into(), devices: vec![eui()] };
        let mut view = View::new(ViewMode::Plain(Box::new(buf.clone())), ctx);
        let config = crate::tracker::TrackerConfig {
            watch: Some([eui()].into_iter().collect()),
            ..Default::default()
        };
        let mut p = Pipeline::new(config);
        let text = || String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        p.ingest(&join_request_up(1, "2026-11-21T09:00:00Z"));
        p.ingest(&join_request_up(2, "2026-11-21T09:00:10Z"));
        view.finish(&p);
        assert_eq!(text().lines().count(), 2, "{}", text());
        assert!(
            text()
                .lines()
                .next()
                .unwrap()
                .starts_with("2026-11-21T09:00:00.000Z 0203040502030405 join_request")
        );
        view.finish(&p);
        assert_eq!(text().lines().count(), 2, "nothing new, nothing printed");
        p.ingest(&join_request_up(3, "2026-11-21T09:00:20Z"));
        view.finish(&p);
        assert_eq!(text().lines().count(), 3, "{}", text());
        assert!(text().lines().last().unwrap().starts_with("2026-11-21T09:00:20.000Z"));
    }
}
