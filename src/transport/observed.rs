//! Turns connection events into observation gaps (sans-IO: times are passed in).
//!
//! - A connection lost at `t0` and acknowledged again at `t1` is a gap `[t0, t1]`.
//! - Its reason: `oversized_message` when the transport had to discard the broker session
//!   because of a message it could not read; `session_not_resumed` when the broker answered
//!   `session_present = false` (everything queued for us is gone); `disconnected` otherwise.
//! - Messages may have been lost unless the session was resumed **and** every subscription was
//!   granted QoS 1 (a broker does not queue QoS 0 messages for an absent client).
//! - A run that ends while disconnected ends with a gap up to its end.
//! - The first connection of a run is no gap: observation starts there.

use chrono::{DateTime, Utc};

use crate::tracker::gaps::{Gap, GapReason};

/// Follows one run's connection and reports its gaps.
#[derive(Debug, Clone, Default)]
pub struct GapDetector {
    lost_at: Option<DateTime<Utc>>,
    ever_connected: bool,
    oversized: bool,
    max_qos: u8,
}

impl GapDetector {
    /// Continues an earlier run (`watch --state`) that observed up to `until` with
    /// subscriptions granted up to `max_qos`: the next connection ends a gap from there.
    #[must_use]
    pub fn resume(until: DateTime<Utc>, max_qos: u8) -> Self {
        Self { lost_at: Some(until), ever_connected: true, oversized: false, max_qos }
    }

    /// The broker granted subscriptions; `max_qos` is the highest QoS granted.
    pub fn subscribed(&mut self, max_qos: u8) {
        self.max_qos = max_qos;
    }

    /// The connection failed or was lost at `at` (repeated failures keep the first time).
    pub fn lost(&mut self, at: DateTime<Utc>) {
        if self.ever_connected && self.lost_at.is_none() {
            self.lost_at = Some(at);
        }
    }

    /// A message was too large to read: the broker session is being discarded.
    pub fn oversized(&mut self, at: DateTime<Utc>) {
        self.lost(at);
        self.oversized = true;
    }

    /// Connected (CONNACK) at `at`; returns the gap that ends here.
    pub fn connected(&mut self, at: DateTime<Utc>, session_present: bool) -> Option<Gap> {
        self.ever_connected = true;
        let from = self.lost_at.take()?;
        let reason = if self.oversized {
            GapReason::OversizedMessage
        } else if !session_present {
            GapReason::SessionNotResumed
        } else {
            GapReason::Disconnected
        };
        self.oversized = false;
        let loss_possible = reason != GapReason::Disconnected || self.max_qos == 0;
        Some(Gap { from, to: at.max(from), reason, loss_possible })
    }

    /// The run ends at `at`; returns the gap still open, if any.
    pub fn end(&mut self, at: DateTime<Utc>) -> Option<Gap> {
        let from = self.lost_at.take()?;
        let reason =
            if self.oversized { GapReason::OversizedMessage } else { GapReason::Disconnected };
        Some(Gap { from, to: at.max(from), reason, loss_possible: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_255_200 + s, 0).unwrap_or_default()
    }

    enum Step {
        Sub(u8),
        Lost(i64),
        Oversized(i64),
        Conn(i64, bool),
        End(i64),
    }

    /// A gap as (from s, to s, reason, loss possible).
    type Seen = (i64, i64, GapReason, bool);

    fn run(steps: &[Step]) -> Vec<Seen> {
        let mut d = GapDetector::default();
        let mut out = Vec::new();
        for s in steps {
            let g = match s {
                Step::Sub(q) => {
                    d.subscribed(*q);
                    None
                }
                Step::Lost(at) => {
                    d.lost(t(*at));
                    None
                }
                Step::Oversized(at) => {
                    d.oversized(t(*at));
                    None
                }
                Step::Conn(at, sp) => d.connected(t(*at), *sp),
                Step::End(at) => d.end(t(*at)),
            };
            if let Some(g) = g {
                let secs = |x: DateTime<Utc>| (x - t(0)).num_seconds();
                out.push((secs(g.from), secs(g.to), g.reason, g.loss_possible));
            }
        }
        out
    }

    use GapReason::{Disconnected, OversizedMessage, SessionNotResumed};
    use Step::{Conn, End, Lost, Oversized, Sub};

    #[test]
    fn each_connection_history_gives_its_gaps() {
        let cases: Vec<(&str, Vec<Step>, Vec<Seen>)> = vec![
            (
                "failures before the first connection are no gap",
                vec![Lost(0), Lost(1), Conn(2, false), End(9)],
                vec![],
            ),
            (
                "a resumed QoS-1 session loses nothing",
                vec![Conn(0, false), Sub(1), Lost(5), Lost(6), Conn(8, true)],
                vec![(5, 8, Disconnected, false)],
            ),
            (
                "a resumed session with QoS 0 may lose",
                vec![Conn(0, false), Sub(0), Lost(5), Conn(8, true)],
                vec![(5, 8, Disconnected, true)],
            ),
            (
                "a session not resumed may lose",
                vec![Conn(0, false), Sub(1), Lost(5), Conn(8, false)],
                vec![(5, 8, SessionNotResumed, true)],
            ),
            (
                "an oversized message discards the session",
                vec![Conn(0, false), Sub(1), Oversized(5), Conn(6, false), Lost(7), Conn(9, true)],
                vec![(5, 6, OversizedMessage, true), (7, 9, Disconnected, false)],
            ),
            (
                "a run ending while disconnected",
                vec![Conn(0, false), Sub(1), Lost(5), End(20)],
                vec![(5, 20, Disconnected, true)],
            ),
        ];
        for (name, steps, want) in cases {
            assert_eq!(run(&steps), want, "{name}");
        }
    }

    #[test]
    fn a_resumed_run_starts_with_the_gap_since_the_last_stored_time() {
        let first = |session_present, qos| {
            let mut d = GapDetector::resume(t(5), qos);
            d.connected(t(30), session_present).map(|g| (g.from, g.to, g.reason, g.loss_possible))
        };
        assert_eq!(first(true, 1), Some((t(5), t(30), Disconnected, false)));
        assert_eq!(first(false, 1), Some((t(5), t(30), SessionNotResumed, true)));
        assert_eq!(first(true, 0), Some((t(5), t(30), Disconnected, true)));
    }
}
