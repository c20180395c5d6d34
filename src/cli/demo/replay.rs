//! Replays simulated messages to the demo broker in compressed wall time, in lockstep with
//! the watching agent so that every message is stamped with its exact virtual time.
//!
//! - [`ReplayClock`] is the agent's clock: it shows message *i*'s virtual time from just
//!   before *i* is published until the agent has recorded it, then glides towards message
//!   *i+1*'s time while the publisher waits for *i+1*'s wall slot.
//! - The publisher learns that the agent recorded a message from the capture file the agent
//!   writes (one flushed line per message).
//! - Wall pacing compresses quiet periods more than bursts (logarithmically): a join-request
//!   and its answers stay visibly ordered, hours of silence pass in a blink. `speed` scales
//!   the whole replay.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, TimeDelta, Utc};
use rumqttc::{AsyncClient, Event, MqttOptions, Packet, QoS};

use crate::model::RawMessage;

#[derive(Debug, Clone, Copy)]
struct Segment {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    wall_from: Instant,
    wall_to: Instant,
}

/// The virtual clock the publisher drives (monotonic).
#[derive(Debug)]
pub struct ReplayClock {
    segment: Mutex<Segment>,
}

impl ReplayClock {
    /// A clock standing at `start`.
    #[must_use]
    pub fn new(start: DateTime<Utc>) -> Self {
        let now = Instant::now();
        Self {
            segment: Mutex::new(Segment { from: start, to: start, wall_from: now, wall_to: now }),
        }
    }

    /// The current virtual time.
    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        let Ok(s) = self.segment.lock() else { return DateTime::<Utc>::MIN_UTC };
        let span = s.wall_to.saturating_duration_since(s.wall_from);
        if span.is_zero() || s.to <= s.from {
            return s.to;
        }
        let done = Instant::now().saturating_duration_since(s.wall_from).min(span);
        let frac = done.as_secs_f64() / span.as_secs_f64();
        let us = ((s.to - s.from).num_microseconds().unwrap_or(0) as f64 * frac) as i64;
        s.from + TimeDelta::microseconds(us)
    }

    /// Holds the clock at `t` (never moves backwards).
    pub fn hold(&self, t: DateTime<Utc>) {
        let current = self.now();
        if let Ok(mut s) = self.segment.lock() {
            let t = t.max(current);
            let now = Instant::now();
            *s = Segment { from: t, to: t, wall_from: now, wall_to: now };
        }
    }

    /// Lets the clock run from where it is to `t`, arriving at wall time `at`.
    pub fn glide(&self, t: DateTime<Utc>, at: Instant) {
        let current = self.now();
        if let Ok(mut s) = self.segment.lock() {
            *s = Segment {
                from: current,
                to: t.max(current),
                wall_from: Instant::now(),
                wall_to: at,
            };
        }
    }
}

impl crate::agent::Clock for ReplayClock {
    fn now(&self) -> DateTime<Utc> {
        ReplayClock::now(self)
    }
}

/// Wall offsets (from the start of the replay) at which each message is published, so
/// that the whole replay lasts about `target`: each gap of g seconds gets a share of
/// ln(1 + g), monotone in g but logarithmic, so a 200 ms burst stays visible and an hour of
/// silence takes only about twelve times as long as a one-second gap.
#[must_use]
pub fn schedule(messages: &[RawMessage], target: Duration) -> Vec<Duration> {
    let raw: Vec<f64> = messages
        .windows(2)
        .map(|w| {
            let gap =
                (w[1].received_at - w[0].received_at).num_milliseconds().max(0) as f64 / 1000.0;
            gap.ln_1p()
        })
        .collect();
    let total: f64 = raw.iter().sum();
    let scale = if total > 0.0 { target.as_secs_f64() / total } else { 0.0 };
    let mut at = 0.0;
    let mut out = vec![Duration::ZERO];
    for g in raw {
        at += g * scale;
        out.push(Duration::from_secs_f64(at));
    }
    out
}

/// Counts the lines the agent has written to its capture file.
#[derive(Debug)]
pub struct RecordWatcher {
    path: PathBuf,
    file: Option<std::fs::File>,
    lines: usize,
}

impl RecordWatcher {
    /// Watches `path` (it may not exist yet).
    #[must_use]
    pub fn new(path: &Path) -> Self {
        Self { path: path.to_path_buf(), file: None, lines: 0 }
    }

    /// Lines written so far.
    pub fn lines(&mut self) -> usize {
        if self.file.is_none() {
            self.file = std::fs::File::open(&self.path).ok();
        }
        if let Some(f) = &mut self.file {
            let mut buf = Vec::new();
            if f.read_to_end(&mut buf).is_ok() {
                self.lines += buf.iter().filter(|b| **b == b'\n').count();
            }
        }
        self.lines
    }

    /// Waits until at least `n` lines are written; false after `timeout`.
    pub async fn wait_for(&mut self, n: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.lines() >= n {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_micros(500)).await;
        }
    }
}

/// What a replay did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplayStats {
    /// Messages published.
    pub published: usize,
    /// Messages the agent did not confirm in time (their timestamps may be late).
    pub unconfirmed: usize,
}

/// Publishes `messages` to the broker at `host:port`, driving `clock` in lockstep with the
/// agent recording to `record` (when given); `speed` > 1 replays faster, 0 as fast as the
/// lockstep allows.
///
/// # Errors
/// When the publisher cannot connect to the broker.
pub async fn replay(
    (host, port): (&str, u16),
    messages: &[RawMessage],
    clock: &ReplayClock,
    mut record: Option<&mut RecordWatcher>,
    target: Duration,
    speed: f64,
) -> anyhow::Result<ReplayStats> {
    let mut opts =
        MqttOptions::new(format!("rmacheck-demo-sim-{}", std::process::id()), host, port);
    opts.set_keep_alive(Duration::from_secs(30));
    opts.set_max_packet_size(512 * 1024, 512 * 1024);
    let (client, mut eventloop) = AsyncClient::new(opts, 64);
    let (connected_tx, connected_rx) = tokio::sync::oneshot::channel();
    let driver = tokio::spawn(async move {
        let mut connected = Some(connected_tx);
        loop {
            match eventloop.poll().await {
                Ok(Event::Incoming(Packet::ConnAck(_))) => {
                    if let Some(tx) = connected.take() {
                        let _ = tx.send(Ok(()));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    if let Some(tx) = connected.take() {
                        let _ = tx.send(Err(e.to_string()));
                    }
                    return;
                }
            }
        }
    });
    match tokio::time::timeout(Duration::from_secs(5), connected_rx).await {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => anyhow::bail!("the simulator cannot connect to the demo broker: {e}"),
        _ => anyhow::bail!("the simulator could not connect to the demo broker within 5 s"),
    }
    let speed = if speed.is_finite() && speed >= 0.0 { speed } else { 1.0 };
    let slots = if speed == 0.0 {
        vec![Duration::ZERO; messages.len()]
    } else {
        schedule(messages, target.div_f64(speed.max(1e-3)))
    };
    let start = Instant::now();
    let base = record.as_mut().map_or(0, |r| r.lines());
    let mut stats = ReplayStats::default();
    for (i, m) in messages.iter().enumerate() {
        let slot = start + slots.get(i).copied().unwrap_or_default();
        clock.glide(m.received_at, slot);
        tokio::time::sleep_until(slot.into()).await;
        clock.hold(m.received_at);
        client
            .publish(m.topic.clone(), QoS::AtLeastOnce, false, m.payload.clone())
            .await
            .context("the demo broker connection closed while replaying")?;
        stats.published += 1;
        if let Some(r) = record.as_mut() {
            if !r.wait_for(base + i + 1, Duration::from_secs(3)).await {
                stats.unconfirmed += 1;
            }
        }
    }
    let _ = client.disconnect().await;
    let _ = tokio::time::timeout(Duration::from_secs(1), driver).await;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(secs: i64) -> RawMessage {
        let t0: DateTime<Utc> = "2026-11-21T09:00:00Z".parse().unwrap_or_default();
        RawMessage {
            received_at: t0 + TimeDelta::seconds(secs),
            topic: "t".into(),
            payload: Vec::new(),
        }
    }

    #[test]
    fn the_schedule_fits_the_target_and_compresses_silence_more_than_bursts() {
        let msgs = [msg(0), msg(1), msg(2), msg(3600), msg(3601)];
        let s = schedule(&msgs, Duration::from_secs(4));
        assert_eq!(s.len(), 5);
        assert!((s[4].as_secs_f64() - 4.0).abs() < 1e-6);
        let burst = s[1] - s[0];
        let hour = s[3] - s[2];
        assert!(hour > burst, "{hour:?} vs {burst:?}");
        assert!(s.windows(2).all(|w| w[0] <= w[1]), "monotone");
        assert!(hour.as_secs_f64() / burst.as_secs_f64() < 3600.0 / 10.0);
    }

    #[test]
    fn the_replay_clock_holds_then_glides_without_going_back() {
        let t0: DateTime<Utc> = "2026-11-21T09:00:00Z".parse().unwrap_or_default();
        let c = ReplayClock::new(t0);
        assert_eq!(c.now(), t0);
        c.hold(t0 + TimeDelta::seconds(10));
        assert_eq!(c.now(), t0 + TimeDelta::seconds(10));
        c.hold(t0);
        assert_eq!(c.now(), t0 + TimeDelta::seconds(10), "monotonic");
        c.glide(t0 + TimeDelta::hours(1), Instant::now());
        assert_eq!(c.now(), t0 + TimeDelta::hours(1));
    }
}
