//! The watch agent: MQTT messages → redelivery filter → recorder → pipeline, with a live view.
//!
//! [`run`] is the reusable loop behind `rmacheck watch` (and the demo). One `tokio::select!`
//! waits for transport events, Ctrl-C (when enabled), an external stop signal, the deadline
//! (measured on the injected [`Clock`]) and a 250 ms tick for the view. Per message, in order:
//!
//! 1. the [`RedeliveryFilter`] drops second copies (they are counted, never recorded);
//! 2. the capture file gets the message, flushed at once (a crash loses at most one message);
//! 3. [`Pipeline::ingest`] decodes and tracks it (synchronous, deterministic).
//!
//! On the way out the transport disconnects and purges its broker session; the finished
//! pipeline and the counters are returned in an [`AgentOutcome`].

pub use crate::time::clock;
pub mod duration;
pub mod fleet;
pub mod lines;
pub mod live;
mod metrics_http;
mod notice;
pub mod persist;
mod status;
pub mod summary;

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use crate::capture::CaptureWriter;
use crate::frame::keys::KeyStore;
use crate::model::DevEui;
use crate::pipeline::Pipeline;
use crate::tracker::TrackerConfig;
use crate::tracker::gaps::Gap;
use crate::transport::observed::GapDetector;
use crate::transport::redelivery::Verdict;
use crate::transport::{
    ConnectionProblem, Delivery, Link, MqttConfig, MqttTransport, RedeliveryFilter, TransportEvent,
};

pub use clock::{Clock, ScaledClock, SystemClock};
pub use fleet::{EventSink, FleetConfig};
pub use live::ViewMode;
pub use notice::{Counters, EndReason, Notice, RecordError};
pub use persist::StateConfig;

/// Everything one watch run needs (besides the clock and the view).
#[derive(Debug)]
pub struct AgentConfig {
    /// Broker, credentials, TLS and topic filters.
    pub mqtt: MqttConfig,
    /// The devices to watch.
    pub devices: Vec<DevEui>,
    /// AppKeys for MIC checks.
    pub keys: KeyStore,
    /// Stop after this long, measured on the agent's clock; `None`: until stopped.
    pub duration: Option<Duration>,
    /// Append every message to this capture file.
    pub record: Option<PathBuf>,
    /// Capacity of the channel between transport and agent.
    pub channel_capacity: usize,
    /// Stop on Ctrl-C (installs a SIGINT handler; a second Ctrl-C exits at once).
    pub handle_ctrl_c: bool,
    /// Stop when this becomes `true` (for library callers).
    pub stop: Option<watch::Receiver<bool>>,
    /// A copy of every notice, for library callers (e.g. to wait for the subscription).
    pub notices: Option<mpsc::UnboundedSender<Notice>>,
    /// Fleet mode (`--all` / `--dev-eui-file`): verdicts, events, metrics, health table.
    pub fleet: Option<FleetConfig>,
    /// The Things Stack Events API as a further source (`watch --tts`).
    pub tts: Option<crate::transport::tts::TtsConfig>,
    /// Keep the state across restarts (`watch --state DIR`), with a persistent MQTT session.
    pub state: Option<StateConfig>,
}

impl AgentConfig {
    /// A configuration with defaults: no duration, no recording, no keys, no Ctrl-C handling.
    #[must_use]
    pub fn new(mqtt: MqttConfig, devices: Vec<DevEui>) -> Self {
        Self {
            mqtt,
            devices,
            keys: KeyStore::default(),
            duration: None,
            record: None,
            channel_capacity: 1024,
            handle_ctrl_c: false,
            stop: None,
            notices: None,
            fleet: None,
            tts: None,
            state: None,
        }
    }
}

/// What the run is connected to, for messages: the broker, else the Events API URL.
#[must_use]
pub fn source_name(config: &AgentConfig) -> String {
    match &config.tts {
        Some(t) if config.mqtt.filters.is_empty() => t.url.to_string(),
        _ => config.mqtt.url.to_string(),
    }
}

/// The result of a run.
#[derive(Debug)]
pub struct AgentOutcome {
    /// The pipeline with everything ingested.
    pub pipeline: Pipeline,
    /// Counters.
    pub counters: Counters,
    /// Why the run ended.
    pub end: EndReason,
    /// The last connection problem, if any.
    pub last_problem: Option<ConnectionProblem>,
    /// Start, on the agent's clock.
    pub started_at: DateTime<Utc>,
    /// End, on the agent's clock.
    pub ended_at: DateTime<Utc>,
    /// Fleet mode: the final health table (every device re-diagnosed at the end).
    pub fleet: Option<crate::fleet::FleetView>,
}

impl AgentOutcome {
    /// True when messages may have been lost: a gap in the observation without a resumed
    /// QoS-1 session, or a message too large to read.
    #[must_use]
    pub fn loss_possible(&self) -> bool {
        self.counters.oversized > 0 || self.pipeline.tracker().gaps().loss_possible()
    }

    /// True when no connection ever succeeded.
    #[must_use]
    pub fn never_connected(&self) -> bool {
        self.counters.connections == 0
    }
}

/// Why the agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// The capture file could not be opened.
    #[error("cannot open the capture file {}: {source} — check the path and its directory", path.display())]
    Record {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The events file could not be opened.
    #[error("cannot open the events file {}: {source} — check the path and its directory", path.display())]
    Events {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Nothing to subscribe to.
    #[error("no topic filters to subscribe to; give --topic or at least one --dev-eui")]
    NoFilters,
    /// The state directory cannot be used.
    #[error(transparent)]
    State(#[from] crate::state::StateError),
}

type Recorder = CaptureWriter<BufWriter<File>>;

fn open_record(path: &Path) -> Result<(Recorder, bool), AgentError> {
    let err = |source| AgentError::Record { path: path.to_path_buf(), source };
    let file = OpenOptions::new().create(true).append(true).open(path).map_err(err)?;
    let appending = file.metadata().map_err(err)?.len() > 0;
    Ok((CaptureWriter::new(BufWriter::new(file)), appending))
}

struct Agent {
    broker: String,
    clock: Arc<dyn Clock>,
    view: live::View,
    notices: Option<mpsc::UnboundedSender<Notice>>,
    recorder: Option<(Recorder, PathBuf)>,
    pipeline: Pipeline,
    filter: RedeliveryFilter,
    counters: Counters,
    origin: Instant,
    connected: bool,
    filters: usize,
    last_message: Option<Instant>,
    last_problem: Option<ConnectionProblem>,
    gaps: GapDetector,
    fleet: Option<fleet::FleetAgent>,
    persist: Option<persist::Persist>,
}

impl Agent {
    fn notice(&mut self, n: Notice) {
        self.view.notice(self.clock.now(), &n);
        if let Some(tx) = &self.notices {
            let _ = tx.send(n);
        }
    }

    /// Handles one transport event; `Some` ends the run.
    fn on_event(&mut self, ev: TransportEvent) -> Option<EndReason> {
        match ev {
            TransportEvent::Connected { link, session_present } => {
                if let Some(gap) = self.gaps.connected(self.clock.now(), session_present) {
                    if let Some(end) = self.on_gap(gap) {
                        return Some(end);
                    }
                }
                self.filter.new_connection();
                // Only the broker's session has packet ids to acknowledge.
                if let (Some(p), Link::Broker) = (&mut self.persist, link) {
                    p.connected(session_present);
                }
                self.counters.connections += 1;
                self.connected = true;
                if let Some(f) = &self.fleet {
                    f.set_session_up(true);
                }
                let reconnect = self.counters.connections > 1;
                self.notice(Notice::Connected {
                    broker: self.broker.clone(),
                    session_present,
                    reconnect,
                });
            }
            TransportEvent::Subscribed { granted, max_qos, refused } => {
                self.gaps.subscribed(max_qos);
                if let Some(p) = &mut self.persist {
                    p.subscribed(max_qos);
                }
                self.filters = granted;
                self.notice(Notice::Subscribed { granted, max_qos, refused });
            }
            TransportEvent::Oversized { size, limit } => {
                self.gaps.oversized(self.clock.now());
                self.counters.oversized += 1;
                self.notice(Notice::Oversized { size, limit });
            }
            TransportEvent::ConnectionFailed { link, problem, retry_in } => {
                self.gaps.lost(self.clock.now());
                if let (Some(p), Link::Broker) = (&mut self.persist, link) {
                    p.lost(self.clock.now());
                }
                self.counters.connection_errors += 1;
                self.connected = false;
                if let Some(f) = &self.fleet {
                    f.set_session_up(false);
                }
                self.last_problem = Some(problem.clone());
                self.notice(Notice::ConnectionFailed {
                    message: problem.message.clone(),
                    retry_in,
                });
                if retry_in.is_none() {
                    return Some(EndReason::GaveUp(problem));
                }
            }
            TransportEvent::Message(d) => return self.on_message(d),
        }
        None
    }

    /// Records, ingests and announces a gap in the observation.
    fn on_gap(&mut self, gap: Gap) -> Option<EndReason> {
        self.counters.gaps += 1;
        let raw = gap.to_message();
        if let Some(end) = self.record(&raw) {
            return Some(end);
        }
        self.pipeline.ingest(&raw);
        self.notice(Notice::NotObserved(gap));
        None
    }

    fn record(&mut self, raw: &crate::model::RawMessage) -> Option<EndReason> {
        if let Some(p) = &mut self.persist {
            p.journal(raw);
        }
        if let Some((rec, path)) = &mut self.recorder {
            if let Err(e) = rec.write(raw) {
                return Some(EndReason::RecordFailed(RecordError::Capture {
                    path: path.clone(),
                    reason: e.to_string(),
                }));
            }
        }
        None
    }

    fn on_message(&mut self, d: Delivery) -> Option<EndReason> {
        self.counters.received += 1;
        let now = self.origin.elapsed();
        if let Verdict::Drop(_) =
            self.filter.check(&d.raw.topic, &d.raw.payload, d.dup, d.retain, now)
        {
            self.counters.dropped_redeliveries += 1;
            self.ack_later(d.ack);
            return None;
        }
        self.last_message = Some(Instant::now());
        if let Some(end) = self.record(&d.raw) {
            return Some(end);
        }
        self.ack_later(d.ack);
        self.pipeline.ingest(&d.raw);
        self.counters.ingested += 1;
        None
    }

    /// With `--state`: acknowledges a QoS-1 message once what was ingested so far is stored.
    fn ack_later(&mut self, ack: Option<u16>) {
        if let (Some(p), Some(pkid)) = (&mut self.persist, ack) {
            p.ack_later(pkid);
        }
    }

    /// With `--state`: stores what waits when `force`, when enough waits, or when it is due;
    /// `Some` ends the run (the store cannot be written).
    async fn store(&mut self, force: bool) -> Option<EndReason> {
        let p = self.persist.as_mut()?;
        if !(force || p.full() || p.due()) {
            return None;
        }
        p.commit(self.clock.now()).await.err().map(EndReason::RecordFailed)
    }

    /// Fleet mode: re-diagnoses what is due (everything with `all`), reports verdict
    /// changes and refreshes the health table; `Some` ends the run (events sink failed).
    fn fleet_update(&mut self, all: bool) -> Option<EndReason> {
        let f = self.fleet.as_mut()?;
        let now = self.clock.now();
        match f.update(now, &self.pipeline, all) {
            Ok(changes) => {
                if let Some(p) = &mut self.persist {
                    p.verdicts(&changes);
                }
                for ev in &changes {
                    self.view.verdict_changed(ev);
                }
                let table = f.view(now, &self.pipeline);
                self.view.fleet(&table, self.pipeline.last_malformed());
                None
            }
            Err(e) => Some(EndReason::RecordFailed(e)),
        }
    }

    fn status(&self, deadline: Option<DateTime<Utc>>) -> live::Status {
        live::Status {
            connected: self.connected,
            filters: self.filters,
            since_last_message: self.last_message.map(|t| t.elapsed()),
            waiting_for: self.origin.elapsed(),
            left: deadline.map(|d| (d - self.clock.now()).to_std().unwrap_or(Duration::ZERO)),
        }
    }
}

/// Runs one watch until the duration elapses, Ctrl-C, the stop signal, or a permanent
/// connection problem.
///
/// Connection failures are retried with back-off until then; a run that never connected
/// returns normally with [`AgentOutcome::never_connected`] true.
///
/// # Errors
/// [`AgentError`] when the capture file cannot be opened or there is nothing to subscribe to.
pub async fn run(
    config: AgentConfig,
    clock: Arc<dyn Clock>,
    view: ViewMode,
) -> Result<AgentOutcome, AgentError> {
    if config.mqtt.filters.is_empty() && config.tts.is_none() {
        return Err(AgentError::NoFilters);
    }
    let recorder = match &config.record {
        Some(path) => Some((open_record(path)?, path.clone())),
        None => None,
    };
    let broker = source_name(&config);
    let started_at = clock.now();
    let deadline = config
        .duration
        .and_then(|d| chrono::Duration::from_std(d).ok())
        .and_then(|d| started_at.checked_add_signed(d));
    let mut fleet_config = config.fleet;
    let watch_set: Option<BTreeSet<DevEui>> = match &fleet_config {
        Some(f) => f.listed.as_ref().map(|l| l.iter().copied().collect()),
        None => Some(config.devices.iter().copied().collect()),
    };
    let mut pipeline = Pipeline::new(TrackerConfig { keys: config.keys, watch: watch_set });
    let mut mqtt = config.mqtt;
    let (persist, resumed) = match &config.state {
        Some(state) => {
            let (p, resumed, client_id) = persist::Persist::open(state, &mut pipeline, started_at)?;
            mqtt.client_id = client_id;
            mqtt.persistent = true;
            (Some(p), Some(resumed))
        }
        None => (None, None),
    };
    let observed_from = resumed.as_ref().map_or(started_at, |r| r.started_at);
    let fleet = match &mut fleet_config {
        Some(f) => Some(fleet::FleetAgent::new(f, observed_from)?),
        None => None,
    };
    let metrics_listener = fleet_config.as_mut().and_then(|f| f.metrics.take());
    let ctx = live::ViewContext { broker: broker.clone(), devices: config.devices.clone() };
    let mut agent = Agent {
        broker: broker.clone(),
        clock: clock.clone(),
        view: live::View::new(view, ctx),
        notices: config.notices,
        recorder: None,
        pipeline,
        filter: RedeliveryFilter::default(),
        counters: Counters::default(),
        origin: Instant::now(),
        connected: false,
        filters: 0,
        last_message: None,
        last_problem: None,
        gaps: resumed
            .as_ref()
            .and_then(|r| r.previous)
            .map_or_else(GapDetector::default, |(at, qos)| GapDetector::resume(at, qos)),
        fleet,
        persist,
    };
    let mut early_end = None;
    if let Some(r) = resumed.as_ref().filter(|r| r.previous.is_some()) {
        agent.notice(Notice::Resumed { messages: r.messages, since: r.started_at });
        if let Some(f) = &mut agent.fleet {
            f.restore_verdicts(r.verdicts.iter().copied());
        }
        early_end = agent.fleet_update(true);
    }
    let (metrics_stop, metrics_stopped) = tokio::sync::oneshot::channel::<()>();
    let metrics_task = match (metrics_listener, &agent.fleet) {
        (Some(listener), Some(f)) => f.metrics.clone().map(|m| {
            let up = f.session_up.clone();
            tokio::spawn(metrics_http::serve(listener, m, up, async move {
                let _ = metrics_stopped.await;
            }))
        }),
        _ => None,
    };
    if let Some(((rec, appending), path)) = recorder {
        agent.notice(Notice::Recording { path: path.clone(), appending });
        agent.recorder = Some((rec, path));
    }
    agent.notice(Notice::Connecting { broker });

    let (tx, mut rx) = mpsc::channel(config.channel_capacity.max(1));
    let tts = config.tts.map(|c| crate::transport::tts::TtsTransport::start(c, tx.clone()));
    let mut transport =
        (!mqtt.filters.is_empty()).then(|| MqttTransport::start(mqtt, clock.clone(), tx));
    if let (Some(p), Some(t)) = (&mut agent.persist, &mut transport) {
        p.set_acker(t.take_acker());
    }
    let mut stop = config.stop;
    let handle_ctrl_c = config.handle_ctrl_c;
    let ctrl_c = async move {
        if handle_ctrl_c {
            interrupted().await;
            return;
        }
        std::future::pending::<()>().await;
    };
    tokio::pin!(ctrl_c);
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let end = if let Some(end) = early_end {
        end
    } else {
        loop {
            let wait = deadline.map_or(Duration::from_secs(3600), |d| clock.wall_until(d));
            tokio::select! {
                ev = rx.recv() => match ev {
                    Some(ev) => {
                        if let Some(end) = agent.on_event(ev) { break end }
                        if let Some(end) = agent.store(false).await { break end }
                    }
                    None => break agent.last_problem.clone().map_or(EndReason::Stopped, EndReason::GaveUp),
                },
                () = &mut ctrl_c => break EndReason::Interrupted,
                r = wait_stop(&mut stop) => if r { break EndReason::Stopped },
                () = tokio::time::sleep(wait), if deadline.is_some() => {
                    if deadline.is_some_and(|d| clock.now() >= d) {
                        break EndReason::Deadline;
                    }
                }
                _ = tick.tick() => {
                    let status = agent.status(deadline);
                    agent.counters.malformed = malformed(&agent.pipeline) + agent.counters.oversized;
                    agent.view.tick(&status, &agent.counters, &agent.pipeline);
                    if let Some(end) = agent.fleet_update(false) { break end }
                    if let Some(end) = agent.store(false).await { break end }
                }
            }
        }
    };

    // Messages already received before the end still count.
    if !matches!(end, EndReason::RecordFailed(_)) {
        while let Ok(ev) = rx.try_recv() {
            if let TransportEvent::Message(d) = ev {
                if agent.on_message(d).is_some() {
                    break;
                }
            }
        }
    }
    if let Some(gap) = agent.gaps.end(clock.now()) {
        let _ = agent.on_gap(gap);
    }
    let mut end = end;
    if let Some(failed) = agent.fleet_update(true) {
        if !matches!(end, EndReason::RecordFailed(_)) {
            end = failed;
        }
    }
    if let Some(failed) = agent.store(true).await {
        end = failed;
    }
    agent.view.flush(&agent.pipeline);
    agent.notice(Notice::Stopping { reason: end.clone() });
    if handle_ctrl_c {
        // A second Ctrl-C during the clean disconnect exits at once.
        tokio::spawn(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        });
    }
    drop(rx);
    if let Some(p) = &mut agent.persist {
        p.drop_acker();
    }
    if let Some(t) = tts {
        t.shutdown().await;
    }
    if let Some(t) = transport {
        t.shutdown().await;
    }
    let _ = metrics_stop.send(());
    if let Some(task) = metrics_task {
        let _ = task.await;
    }
    agent.view.finish(&agent.pipeline);
    let fleet_view = agent.fleet.as_ref().map(|f| f.view(clock.now(), &agent.pipeline));
    agent.counters.malformed = malformed(&agent.pipeline) + agent.counters.oversized;
    Ok(AgentOutcome {
        pipeline: agent.pipeline,
        counters: agent.counters,
        end,
        last_problem: agent.last_problem,
        started_at,
        ended_at: clock.now(),
        fleet: fleet_view,
    })
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                r = tokio::signal::ctrl_c() => if r.is_err() { std::future::pending::<()>().await },
                _ = term.recv() => {}
            }
            return;
        }
    }
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

fn malformed(p: &Pipeline) -> u64 {
    p.malformed_by_source().values().sum()
}

/// Resolves to `true` when the stop signal is set, and never when there is none.
async fn wait_stop(stop: &mut Option<watch::Receiver<bool>>) -> bool {
    match stop {
        Some(rx) => {
            if *rx.borrow_and_update() {
                return true;
            }
            match rx.changed().await {
                Ok(()) => *rx.borrow(),
                Err(_) => {
                    // The sender is gone: nobody can stop us any more.
                    std::future::pending::<()>().await;
                    false
                }
            }
        }
        None => std::future::pending().await,
    }
}
