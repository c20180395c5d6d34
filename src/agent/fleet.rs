//! Fleet mode of the agent (`watch --all` / `--dev-eui-file`): re-diagnoses devices as their
//! evidence changes (rate-limited by [`Schedule`], on the agent's clock), writes verdict
//! changes to the `--events` sink, keeps the Prometheus families up to date and builds the
//! health table. The decisions are in [`crate::fleet`]; this is the glue to the agent loop.

use std::collections::{BTreeMap, VecDeque};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};

use super::RecordError;
use crate::diagnosis::VerdictCode;
use crate::fleet::events::{Changes, VerdictEvent};
use crate::fleet::metrics::FleetMetrics;
use crate::fleet::schedule::Schedule;
use crate::fleet::view::{ClassCounts, Traffic};
use crate::fleet::{DeviceHealth, FleetDiagnoser, FleetView};
use crate::model::DevEui;
use crate::pipeline::Pipeline;
use crate::tracker::Window;

/// Where verdict-change events go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventSink {
    /// Standard output (`--events -`).
    Stdout,
    /// Appended to this file.
    File(PathBuf),
}

/// What fleet mode needs.
#[derive(Debug)]
pub struct FleetConfig {
    /// Diagnoses each device (profiles, JoinEUIs).
    pub diagnoser: FleetDiagnoser,
    /// Only these devices; `None`: every device seen.
    pub listed: Option<Vec<DevEui>>,
    /// Verdict-change events.
    pub events: Option<EventSink>,
    /// The bound `--metrics` listener.
    pub metrics: Option<std::net::TcpListener>,
    /// Export the `rmacheck_device_*` families.
    pub per_device_metrics: bool,
    /// When devices are re-diagnosed.
    pub schedule: Schedule,
}

impl FleetConfig {
    /// Every device seen, no events, no metrics, the default schedule.
    #[must_use]
    pub fn all(diagnoser: FleetDiagnoser) -> Self {
        Self {
            diagnoser,
            listed: None,
            events: None,
            metrics: None,
            per_device_metrics: true,
            schedule: Schedule::default(),
        }
    }
}

/// Seconds of message history behind the messages-per-second figure.
const RATE_WINDOW_S: i64 = 10;

pub(crate) struct FleetAgent {
    diagnoser: FleetDiagnoser,
    listed: Option<Vec<DevEui>>,
    schedule: Schedule,
    changes: Changes,
    health: BTreeMap<DevEui, DeviceHealth>,
    events: Option<(Box<dyn Write + Send>, String)>,
    pub(crate) metrics: Option<Arc<FleetMetrics>>,
    pub(crate) session_up: Arc<AtomicBool>,
    rate: VecDeque<(DateTime<Utc>, u64)>,
    started_at: DateTime<Utc>,
}

impl FleetAgent {
    /// Opens the events sink and sets up the metric families.
    pub(crate) fn new(
        config: &mut FleetConfig,
        started_at: DateTime<Utc>,
    ) -> Result<Self, super::AgentError> {
        let events: Option<(Box<dyn Write + Send>, String)> = match &config.events {
            None => None,
            Some(EventSink::Stdout) => {
                Some((Box::new(std::io::stdout()), "standard output".into()))
            }
            Some(EventSink::File(path)) => {
                let file =
                    OpenOptions::new().create(true).append(true).open(path).map_err(|source| {
                        super::AgentError::Events { path: path.clone(), source }
                    })?;
                Some((Box::new(std::io::BufWriter::new(file)), path.display().to_string()))
            }
        };
        let metrics = config
            .metrics
            .is_some()
            .then(|| Arc::new(FleetMetrics::new(config.per_device_metrics)));
        Ok(Self {
            diagnoser: std::mem::take(&mut config.diagnoser),
            listed: config.listed.clone(),
            schedule: config.schedule.clone(),
            changes: Changes::default(),
            health: BTreeMap::new(),
            events,
            metrics,
            session_up: Arc::new(AtomicBool::new(false)),
            rate: VecDeque::new(),
            started_at,
        })
    }

    /// Continues from the verdicts of an earlier run (`--state`): unchanged ones are not
    /// reported again.
    pub(crate) fn restore_verdicts(
        &mut self,
        known: impl IntoIterator<Item = (DevEui, VerdictCode)>,
    ) {
        self.changes = Changes::from_known(known);
    }

    pub(crate) fn set_session_up(&self, up: bool) {
        self.session_up.store(up, Ordering::Relaxed);
    }

    fn window(&self, now: DateTime<Utc>) -> Window {
        Window { from: self.started_at, to: now.max(self.started_at) }
    }

    /// Re-diagnoses the devices that are due (all of them with `all`); returns the verdict
    /// changes, or why the events sink failed.
    pub(crate) fn update(
        &mut self,
        now: DateTime<Utc>,
        pipeline: &Pipeline,
        all: bool,
    ) -> Result<Vec<VerdictEvent>, RecordError> {
        let tracker = pipeline.tracker();
        let mut candidates: Vec<(DevEui, Option<u64>)> = tracker.last_evidence().collect();
        if let Some(listed) = &self.listed {
            let heard: std::collections::BTreeSet<DevEui> =
                candidates.iter().map(|(d, _)| *d).collect();
            candidates.extend(listed.iter().filter(|d| !heard.contains(d)).map(|d| (*d, None)));
        }
        let due = if all {
            candidates.into_iter().map(|(d, _)| d).collect()
        } else {
            self.schedule.due(now, candidates)
        };
        let window = self.window(now);
        let mut changed = Vec::new();
        for dev in due {
            let h = self.diagnoser.diagnose(dev, tracker.device(&dev).as_ref(), window);
            if let Some(ev) = self.changes.observe(now, dev, &h.verdict()) {
                self.write_event(&ev)?;
                changed.push(ev);
            }
            if let Some(m) = &self.metrics {
                m.set_device(&h);
            }
            self.health.insert(dev, h);
        }
        self.rate.push_back((now, pipeline.messages()));
        while self.rate.front().is_some_and(|(t, _)| (now - *t).num_seconds() > RATE_WINDOW_S) {
            self.rate.pop_front();
        }
        if let Some(m) = &self.metrics {
            self.export(m, pipeline);
        }
        Ok(changed)
    }

    fn write_event(&mut self, ev: &VerdictEvent) -> Result<(), RecordError> {
        let Some((out, name)) = &mut self.events else { return Ok(()) };
        let line = ev.json_line().map_err(|e| RecordError::EventLine(e.to_string()))?;
        writeln!(out, "{line}")
            .and_then(|()| out.flush())
            .map_err(|e| RecordError::Events { name: name.clone(), reason: e.to_string() })
    }

    fn export(&self, m: &FleetMetrics, pipeline: &Pipeline) {
        m.set_classes(&ClassCounts::of(&self.health.values().cloned().collect::<Vec<_>>()));
        let malformed = pipeline.malformed_by_source();
        for (source, n) in pipeline.messages_by_source() {
            m.set_source(source.as_str(), *n, malformed.get(source).copied().unwrap_or(0));
        }
        for g in pipeline.tracker().gateways() {
            let down = g.down.last().is_some_and(|d| d.to.is_none());
            m.set_gateway(&g.gateway.to_string(), !down);
        }
    }

    /// The health table as it stands.
    pub(crate) fn view(&self, now: DateTime<Utc>, pipeline: &Pipeline) -> FleetView {
        let per_second = match (self.rate.front(), self.rate.back()) {
            (Some((t0, n0)), Some((t1, n1))) if t1 > t0 => {
                let secs = (*t1 - *t0).num_milliseconds() as f64 / 1000.0;
                Some(n1.saturating_sub(*n0) as f64 / secs)
            }
            _ => Some(0.0),
        };
        let traffic = Traffic {
            messages: pipeline.messages(),
            malformed: pipeline.malformed_by_source().values().sum(),
            per_second,
        };
        let mut v = FleetView::new(
            Some(self.window(now)),
            traffic,
            self.health.values().cloned().collect(),
        );
        v.at = Some(now);
        v
    }
}
