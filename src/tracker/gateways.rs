//! Gateway availability: when each gateway was demonstrably up, and when it was down.
//!
//! Evidence, all from the gateway topics (ChirpStack itself publishes nothing when a gateway
//! goes away, `ns-formats.md` §8):
//!
//! - `state/conn`: ONLINE (retained on connect) and OFFLINE — the broker-published Last Will,
//!   whose payload has no `state` field because OFFLINE is the protobuf default (§1.6). A
//!   retained OFFLINE at the start of a capture means the gateway was already down.
//! - The `event/stats` cadence: a gateway whose stats stop for more than
//!   [`STATS_SILENCE_FACTOR`] of its observed interval (the median gap between its stats) is
//!   presumed down from its last sign of life.
//! - Signs of life: every message from the gateway except an OFFLINE `state/conn` (stats,
//!   uplinks, TX acks, ONLINE). A gateway that is heard again is up again.
//!
//! Availability is a pure function of these observations and the time it is evaluated at
//! ([`GatewayLog::availability`]): the end of the observation window (`--to`) when one is
//! given, else the last message the tracker was given. A gateway is judged at that time: its
//! stats silent since before it, or offline at it, mean down, and what came later is not used.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::store::Ring;
use crate::model::GatewayId;

/// Stats silent for more than this many observed intervals: the gateway is presumed down.
pub const STATS_SILENCE_FACTOR: f64 = 2.5;

/// Signs of life closer than this (seconds) are kept as one run (bounds memory; gaps between
/// runs are exact).
const RUN_MERGE_S: i64 = 10;

/// `state/conn` messages kept per gateway.
const MAX_CONN: usize = 4096;
/// `event/stats` messages kept per gateway (about 5.7 days at the default 30 s).
const MAX_STATS: usize = 16_384;
/// Runs of signs of life kept per gateway.
const MAX_RUNS: usize = 16_384;

/// One message: index and received time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Message index.
    pub index: u64,
    /// Received at.
    pub at: DateTime<Utc>,
}

/// Why a gateway's state changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeReason {
    /// `state/conn` ONLINE.
    ConnOnline,
    /// `state/conn` without `state` / OFFLINE: the Last Will (or a retained OFFLINE).
    LastWill,
    /// No stats for more than 2.5 observed intervals: presumed down from the last sign of life.
    StatsStopped,
    /// Heard again (stats, an uplink, an ack) after being down.
    HeardAgain,
}

/// One change of a gateway's state (an ONLINE while it is up, e.g. the retained one at the
/// start of a capture, is not a change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayChange {
    /// The message that shows it (for `stats_stopped`: the last sign of life).
    pub index: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Up (true) or down.
    pub online: bool,
    /// Why.
    pub reason: ChangeReason,
}

/// A period in which the gateway was down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownPeriod {
    /// Start: the Last Will, or the last sign of life before the stats stopped.
    pub from: Mark,
    /// Why it is considered down.
    pub reason: ChangeReason,
    /// The last sign of life before it went down (may equal `from`).
    pub last_life: Option<Mark>,
    /// The first message showing it up again; `None` = still down at the end of the window.
    pub to: Option<Mark>,
}

/// What the captures show of one gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GatewayAvailability {
    /// The gateway.
    pub gateway: GatewayId,
    /// `event/stats` messages seen.
    pub stats_messages: u64,
    /// Observed stats interval (median gap), seconds; `None` with fewer than two stats.
    pub stats_interval_s: Option<f64>,
    /// Up/down changes, in time order.
    pub changes: Vec<GatewayChange>,
    /// Periods down.
    pub down: Vec<DownPeriod>,
    /// Message indices of its `state/conn` and `event/stats` messages (evidence).
    #[serde(skip)]
    pub evidence: Vec<u64>,
}

impl GatewayAvailability {
    /// Whether the gateway was down at any time in the window.
    #[must_use]
    pub fn was_down(&self) -> bool {
        !self.down.is_empty()
    }

    /// The down periods overlapping `[from, to]`.
    pub fn down_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Iterator<Item = &DownPeriod> {
        self.down.iter().filter(move |d| d.from.at <= to && d.to.is_none_or(|t| t.at >= from))
    }
}

/// The timeline entry (`gateway_up` / `gateway_down`) of a change.
#[must_use]
pub fn timeline_entry(g: &GatewayAvailability, c: &GatewayChange) -> super::TimelineEntry {
    use crate::catalog::{Message, args};
    let note = match c.reason {
        ChangeReason::ConnOnline => Message::plain("note-gateway-online"),
        ChangeReason::LastWill => Message::plain("note-gateway-last-will"),
        ChangeReason::StatsStopped => Message::new(
            "note-gateway-stats-stopped",
            args! {
                "factor" => STATS_SILENCE_FACTOR,
                "interval" => g.stats_interval_s.map(|s| format!("{s}")).unwrap_or_default(),
            },
        ),
        ChangeReason::HeardAgain => Message::plain("note-gateway-heard-again"),
    };
    let mut e = super::TimelineEntry {
        index: c.index,
        at: Some(c.at),
        kind: if c.online { "gateway_up" } else { "gateway_down" }.to_string(),
        gateway: Some(g.gateway.clone()),
        ..super::TimelineEntry::default()
    };
    super::timeline::set_note(&mut e, note);
    e
}

#[derive(Debug, Clone, Copy)]
struct Run {
    first: Mark,
    last: Mark,
}

#[derive(Debug, Clone)]
struct GwState {
    conn: Ring<(Mark, bool)>,
    stats: Ring<Mark>,
    stats_total: u64,
    life: Ring<Run>,
}

impl Default for GwState {
    fn default() -> Self {
        Self {
            conn: Ring::new(MAX_CONN),
            stats: Ring::new(MAX_STATS),
            stats_total: 0,
            life: Ring::new(MAX_RUNS),
        }
    }
}

impl GwState {
    fn life(&mut self, m: Mark) {
        if let Some(run) = self.life.iter_mut().next_back()
            && (m.at - run.last.at).num_seconds() <= RUN_MERGE_S
            && m.at >= run.last.at
        {
            run.last = m;
            return;
        }
        self.life.push(Run { first: m, last: m });
    }
}

/// The gateway observations of a tracker.
#[derive(Debug, Clone, Default)]
pub struct GatewayLog {
    gateways: BTreeMap<GatewayId, GwState>,
    latest: Option<DateTime<Utc>>,
}

impl GatewayLog {
    /// Notes the received time of any message (the time availability is evaluated at).
    pub fn observe_time(&mut self, at: DateTime<Utc>) {
        self.latest = Some(self.latest.map_or(at, |l| l.max(at)));
    }

    /// The latest received time seen.
    #[must_use]
    pub fn latest(&self) -> Option<DateTime<Utc>> {
        self.latest
    }

    /// A `state/conn` message.
    pub fn conn(&mut self, gateway: &GatewayId, index: u64, at: DateTime<Utc>, online: bool) {
        self.observe_time(at);
        let g = self.gateways.entry(gateway.clone()).or_default();
        let m = Mark { index, at };
        g.conn.push((m, online));
        if online {
            g.life(m);
        }
    }

    /// An `event/stats` message.
    pub fn stats(&mut self, gateway: &GatewayId, index: u64, at: DateTime<Utc>) {
        self.observe_time(at);
        let g = self.gateways.entry(gateway.clone()).or_default();
        let m = Mark { index, at };
        g.stats.push(m);
        g.stats_total += 1;
        g.life(m);
    }

    /// Any other message from the gateway (an uplink it forwarded, a TX ack).
    pub fn heard(&mut self, gateway: &GatewayId, index: u64, at: DateTime<Utc>) {
        self.observe_time(at);
        let mark = Mark { index, at };
        // Looked up by reference: the ID is copied only for a gateway not seen before.
        match self.gateways.get_mut(gateway) {
            Some(g) => g.life(mark),
            None => self.gateways.entry(gateway.clone()).or_default().life(mark),
        }
    }

    /// Every gateway seen.
    pub fn ids(&self) -> impl Iterator<Item = &GatewayId> {
        self.gateways.keys()
    }

    /// Availability of every gateway seen, evaluated at the latest message.
    #[must_use]
    pub fn all(&self) -> Vec<GatewayAvailability> {
        self.all_at(self.latest)
    }

    /// Availability of every gateway seen, evaluated at `until` (see [`Self::availability`]).
    #[must_use]
    pub fn all_at(&self, until: Option<DateTime<Utc>>) -> Vec<GatewayAvailability> {
        self.gateways.keys().filter_map(|g| self.availability(g, until)).collect()
    }

    /// Availability of one gateway as known at `until`: observations received after it are left
    /// out, and stats silent at `until` for more than [`STATS_SILENCE_FACTOR`] intervals mean
    /// down (`None`: every observation, no stats-silence check at the end).
    #[must_use]
    pub fn availability(
        &self,
        gateway: &GatewayId,
        until: Option<DateTime<Utc>>,
    ) -> Option<GatewayAvailability> {
        let g = self.gateways.get(gateway)?;
        Some(evaluate(gateway, g, until))
    }
}

/// The median of positive gaps between consecutive marks, seconds.
fn median_gap(marks: &[Mark]) -> Option<f64> {
    let mut gaps: Vec<f64> = marks
        .windows(2)
        .map(|w| (w[1].at - w[0].at).num_milliseconds() as f64 / 1000.0)
        .filter(|g| *g > 0.0)
        .collect();
    super::stats::median(&mut gaps)
}

enum Ev {
    Conn(Mark, bool),
    Life(Run),
}

impl Ev {
    fn key(&self) -> (DateTime<Utc>, u64) {
        match self {
            Ev::Conn(m, _) => (m.at, m.index),
            Ev::Life(r) => (r.first.at, r.first.index),
        }
    }
}

/// Whether a message received at `at` was known at `until` (`None`: everything is).
fn known(at: DateTime<Utc>, until: Option<DateTime<Utc>>) -> bool {
    until.is_none_or(|u| at <= u)
}

/// A run of signs of life as known at `until`: one that goes on past `until` ends there (its
/// marks are at most [`RUN_MERGE_S`] apart, so the gateway was heard within that much of it).
fn run_at(r: &Run, until: Option<DateTime<Utc>>) -> Option<Run> {
    match until {
        Some(u) if r.first.at > u => None,
        Some(u) if r.last.at > u => Some(Run { first: r.first, last: Mark { at: u, ..r.first } }),
        _ => Some(*r),
    }
}

fn evaluate(gateway: &GatewayId, g: &GwState, until: Option<DateTime<Utc>>) -> GatewayAvailability {
    let mut stats: Vec<Mark> = g.stats.iter().copied().filter(|m| known(m.at, until)).collect();
    stats.sort_by_key(|m| (m.at, m.index));
    let interval = median_gap(&stats);
    let limit_ms = interval.map(|i| (i * STATS_SILENCE_FACTOR * 1000.0) as i64);
    let mut events: Vec<Ev> = g
        .conn
        .iter()
        .filter(|(m, _)| known(m.at, until))
        .map(|(m, on)| Ev::Conn(*m, *on))
        .chain(g.life.iter().filter_map(|r| run_at(r, until)).map(Ev::Life))
        .collect();
    events.sort_by_key(Ev::key);

    let mut out = Walk::default();
    for ev in events {
        match ev {
            Ev::Conn(m, true) => out.up(m, ChangeReason::ConnOnline),
            Ev::Conn(m, false) => out.down(m, ChangeReason::LastWill),
            Ev::Life(run) => {
                if let (Some(last), Some(limit)) = (out.last_life, limit_ms)
                    && !out.is_down()
                    && (run.first.at - last.at).num_milliseconds() > limit
                {
                    out.down(last, ChangeReason::StatsStopped);
                }
                if out.is_down() {
                    out.up(run.first, ChangeReason::HeardAgain);
                }
                out.last_life = Some(run.last);
            }
        }
    }
    if let (Some(last), Some(limit), Some(until)) = (out.last_life, limit_ms, until)
        && !out.is_down()
        && (until - last.at).num_milliseconds() > limit
    {
        out.down(last, ChangeReason::StatsStopped);
    }
    let mut evidence: Vec<u64> = g
        .conn
        .iter()
        .filter(|(m, _)| known(m.at, until))
        .map(|(m, _)| m.index)
        .chain(stats.iter().map(|m| m.index))
        .collect();
    evidence.sort_unstable();
    GatewayAvailability {
        gateway: gateway.clone(),
        stats_messages: g.stats_total,
        stats_interval_s: interval,
        changes: out.changes,
        down: out.down,
        evidence,
    }
}

#[derive(Default)]
struct Walk {
    changes: Vec<GatewayChange>,
    down: Vec<DownPeriod>,
    open: bool,
    last_life: Option<Mark>,
}

impl Walk {
    fn is_down(&self) -> bool {
        self.open
    }
    fn down(&mut self, m: Mark, reason: ChangeReason) {
        if self.open {
            return;
        }
        self.open = true;
        self.changes.push(GatewayChange { index: m.index, at: m.at, online: false, reason });
        self.down.push(DownPeriod { from: m, reason, last_life: self.last_life, to: None });
    }
    fn up(&mut self, m: Mark, reason: ChangeReason) {
        if self.open {
            self.open = false;
            if let Some(d) = self.down.last_mut() {
                d.to = Some(m);
            }
            self.changes.push(GatewayChange { index: m.index, at: m.at, online: true, reason });
        }
        self.last_life = Some(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gw() -> GatewayId {
        GatewayId::new("0016c001f153a14c")
    }

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_770_000 + s, 0).unwrap_or_default()
    }

    /// Feeds `(second, what)` with indices in order; `what`: 's' stats, 'u' uplink, '+' ONLINE,
    /// '-' OFFLINE.
    fn log(events: &[(i64, char)]) -> GatewayLog {
        let mut l = GatewayLog::default();
        for (i, (s, what)) in events.iter().enumerate() {
            let i = i as u64;
            match what {
                's' => l.stats(&gw(), i, t(*s)),
                '+' => l.conn(&gw(), i, t(*s), true),
                '-' => l.conn(&gw(), i, t(*s), false),
                _ => l.heard(&gw(), i, t(*s)),
            }
        }
        l
    }

    fn stats_every_30s(from: i64, to: i64) -> Vec<(i64, char)> {
        (from..=to).step_by(30).map(|s| (s, 's')).collect()
    }

    #[test]
    fn availability_follows_conn_state_and_the_stats_cadence() {
        struct Case {
            name: &'static str,
            events: Vec<(i64, char)>,
            until: i64,
            want: Vec<(bool, ChangeReason)>,
        }
        let mut lwt = vec![(0, '+')];
        lwt.extend(stats_every_30s(0, 600));
        lwt.push((650, '-'));
        let mut back = lwt.clone();
        back.push((1800, '+'));
        back.extend(stats_every_30s(1800, 2400));
        let mut gap = stats_every_30s(0, 600);
        gap.extend(stats_every_30s(1200, 1800));
        let mut gap_with_uplinks = stats_every_30s(0, 600);
        gap_with_uplinks.extend((630..1200).step_by(40).map(|s| (s, 'u')));
        gap_with_uplinks.extend(stats_every_30s(1200, 1800));
        let cases = vec![
            Case {
                name: "a gateway whose stats keep coming stays up",
                events: stats_every_30s(0, 3600),
                until: 3600,
                want: vec![],
            },
            Case {
                name: "a retained ONLINE then steady stats is no change",
                events: [vec![(0, '+')], stats_every_30s(0, 600)].concat(),
                until: 600,
                want: vec![],
            },
            Case {
                name: "a Last Will takes the gateway down until the end",
                events: lwt,
                until: 3600,
                want: vec![(false, ChangeReason::LastWill)],
            },
            Case {
                name: "an ONLINE after the Last Will brings it back",
                events: back,
                until: 2400,
                want: vec![(false, ChangeReason::LastWill), (true, ChangeReason::ConnOnline)],
            },
            Case {
                name: "stats that stop for more than 2.5 intervals presume it down",
                events: stats_every_30s(0, 600),
                until: 3600,
                want: vec![(false, ChangeReason::StatsStopped)],
            },
            Case {
                name: "stats late by less than 2.5 intervals are not an outage",
                events: stats_every_30s(0, 600),
                until: 670,
                want: vec![],
            },
            Case {
                name: "a gap in the stats is an outage that ends when it is heard again",
                events: gap,
                until: 1800,
                want: vec![(false, ChangeReason::StatsStopped), (true, ChangeReason::HeardAgain)],
            },
            Case {
                name: "uplinks forwarded during a stats gap are signs of life",
                events: gap_with_uplinks,
                until: 1800,
                want: vec![],
            },
            Case {
                name: "a retained OFFLINE at the start means down from the start",
                events: vec![(0, '-')],
                until: 3600,
                want: vec![(false, ChangeReason::LastWill)],
            },
        ];
        for c in cases {
            let l = log(&c.events);
            let a = l.availability(&gw(), Some(t(c.until))).unwrap_or_else(|| panic!("{}", c.name));
            let got: Vec<(bool, ChangeReason)> =
                a.changes.iter().map(|x| (x.online, x.reason)).collect();
            assert_eq!(got, c.want, "{}", c.name);
        }
    }

    #[test]
    fn stats_stopped_dates_the_outage_from_the_last_sign_of_life() {
        let l = log(&stats_every_30s(0, 600));
        let a = l.availability(&gw(), Some(t(3600))).unwrap_or_else(|| panic!("no gateway"));
        assert_eq!(a.stats_interval_s, Some(30.0));
        assert_eq!(a.down.len(), 1);
        assert_eq!(a.down[0].from, Mark { index: 20, at: t(600) });
        assert_eq!(a.down[0].to, None);
        assert_eq!(a.evidence.len(), 21);
    }

    #[test]
    fn the_last_will_period_keeps_the_last_stats_before_it() {
        let mut ev = stats_every_30s(0, 300);
        ev.push((340, '-'));
        let l = log(&ev);
        let a = l.availability(&gw(), Some(t(1000))).unwrap_or_else(|| panic!("no gateway"));
        assert_eq!(a.down[0].from.index, 11);
        assert_eq!(a.down[0].last_life, Some(Mark { index: 10, at: t(300) }));
        assert!(a.down_between(t(400), t(500)).next().is_some());
        assert!(a.down_between(t(0), t(300)).next().is_none());
    }

    #[test]
    fn availability_is_judged_at_the_time_it_is_evaluated_at() {
        // Stats every 30 s from 0 to 600, a Last Will at 650, ONLINE again at 1800.
        let mut ev = stats_every_30s(0, 600);
        ev.push((650, '-'));
        ev.push((1800, '+'));
        ev.extend(stats_every_30s(1800, 2400));
        let l = log(&ev);
        // (name, evaluated at, expected changes, still down at that time)
        type Changes = Vec<(bool, ChangeReason)>;
        let cases: [(&str, i64, Changes, bool); 4] = [
            ("before the outage: nothing known of it", 620, vec![], false),
            ("stats silent for less than 2.5 intervals at the end", 640, vec![], false),
            (
                "offline at the window end, back only later",
                1000,
                vec![(false, ChangeReason::LastWill)],
                true,
            ),
            (
                "after it came back",
                2400,
                vec![(false, ChangeReason::LastWill), (true, ChangeReason::ConnOnline)],
                false,
            ),
        ];
        for (name, until, want, down) in cases {
            let a = l.availability(&gw(), Some(t(until))).unwrap_or_else(|| panic!("{name}"));
            let got: Vec<(bool, ChangeReason)> =
                a.changes.iter().map(|x| (x.online, x.reason)).collect();
            assert_eq!(got, want, "{name}");
            assert_eq!(a.down.last().is_some_and(|d| d.to.is_none()), down, "{name}");
            assert!(a.evidence.iter().all(|i| ev[*i as usize].0 <= until), "{name}");
        }
        // Stats that stop before a later window end: down from the last stats.
        let l = log(&stats_every_30s(0, 600));
        let at_last = l.availability(&gw(), Some(t(600))).unwrap_or_else(|| panic!("no gateway"));
        assert!(at_last.down.is_empty());
        let later = l.availability(&gw(), Some(t(7200))).unwrap_or_else(|| panic!("no gateway"));
        assert_eq!(
            later.down.first().map(|d| (d.from.index, d.reason)),
            Some((20, ChangeReason::StatsStopped))
        );
    }

    #[test]
    fn a_run_of_signs_of_life_is_cut_at_the_evaluation_time() {
        // Uplinks every 5 s (one run) from 0 to 1000, stats every 30 s before: evaluated at 500
        // the gateway was heard until 500, not until 1000 and not only at 0.
        let mut ev = stats_every_30s(-300, -30);
        ev.extend((0..=1000).step_by(5).map(|s| (s, 'u')));
        let l = log(&ev);
        let a = l.availability(&gw(), Some(t(500))).unwrap_or_else(|| panic!("no gateway"));
        assert!(a.down.is_empty(), "{:?}", a.down);
    }
}
