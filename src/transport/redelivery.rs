//! The redelivery filter: drops second copies of one MQTT publication before they reach the
//! recorder and the pipeline, so that a reconnect never makes anything count twice.
//!
//! Sans-IO: the caller passes a monotonic "now" (time since an arbitrary origin) and tells the
//! filter when a new connection starts.
//!
//! # When is a message a second copy?
//!
//! A message whose topic **and payload bytes** equal those of a message seen within the horizon
//! (the last [`RedeliveryFilter::DEFAULT_CAPACITY`] messages, at most
//! [`RedeliveryFilter::DEFAULT_HORIZON`] old) is dropped when one of these holds:
//!
//! - it arrived on a later connection than the first copy: after a reconnect with a persistent
//!   session (`clean_session = false`) the broker re-sends every QoS-1 message whose PUBACK it
//!   had not received, and some brokers resume a little earlier than the last ack;
//! - the broker set DUP (it says itself that it may have sent this before);
//! - the broker set RETAIN: a retained message is re-sent on every (re)subscription, and one
//!   identical to the last message (retained or live) of its topic is old state, not news — at
//!   any age;
//! - it is identical to the previous message on the same topic: overlapping `--topic` filters
//!   make some brokers deliver one publication once per matching filter, back to back.
//!
//! Why byte-identical payloads can be trusted to be copies: every producer rmacheck reads stamps
//! each message with something unique. ChirpStack gateway events carry the gateway's random
//! `uplinkId`, its `context` (concentrator counter) and `gwTime`; `command/down` and `event/ack`
//! carry a random `downlinkId`; application events carry a `deduplicationId` and `time`; The
//! Things Stack events carry `correlation_ids` and `received_at`. A device that replays a
//! join-request sends byte-identical PHYPayloads seconds apart, but each copy arrives in a new
//! envelope (new `uplinkId`, `context`, `gwTime`), so the MQTT payloads differ and both count.
//! Only exact byte equality is a copy; nothing is compared "semantically".
//!
//! The one producer without such a stamp is `state/conn` (`{"gatewayId":…,"state":"ONLINE"}`).
//! A gateway flapping ONLINE → OFFLINE → ONLINE is kept (the second ONLINE is not identical to
//! the previous message on the topic and arrives on the same connection); a retained ONLINE
//! re-sent after our reconnect is dropped.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use sha2::{Digest as _, Sha256};

type Digest = [u8; 16];

/// Why a message was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// A copy re-sent after a reconnect (or marked DUP).
    Redelivered,
    /// A retained message identical to the last retained one on its topic.
    RetainedReplay,
    /// A copy delivered once more because of overlapping subscriptions.
    OverlappingSubscription,
}

/// What to do with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// First copy: record and ingest.
    New,
    /// A second copy: drop it.
    Drop(DropReason),
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    at: Duration,
    epoch: u64,
    digest: Digest,
}

/// Remembers recent message digests; see the module documentation for the rule.
#[derive(Debug)]
pub struct RedeliveryFilter {
    horizon: Duration,
    capacity: usize,
    epoch: u64,
    recent: VecDeque<Seen>,
    latest: HashMap<Digest, (Duration, u64)>,
    last_on_topic: HashMap<String, Digest>,
    retained: HashMap<String, Digest>,
}

impl Default for RedeliveryFilter {
    fn default() -> Self {
        Self::new(Self::DEFAULT_HORIZON, Self::DEFAULT_CAPACITY)
    }
}

impl RedeliveryFilter {
    /// How long a digest is remembered.
    pub const DEFAULT_HORIZON: Duration = Duration::from_secs(60);
    /// How many digests are remembered.
    pub const DEFAULT_CAPACITY: usize = 4096;

    /// A filter remembering at most `capacity` digests for at most `horizon`.
    #[must_use]
    pub fn new(horizon: Duration, capacity: usize) -> Self {
        Self {
            horizon,
            capacity: capacity.max(1),
            epoch: 0,
            recent: VecDeque::new(),
            latest: HashMap::new(),
            last_on_topic: HashMap::new(),
            retained: HashMap::new(),
        }
    }

    /// Call on every successful (re)connect: copies of earlier messages arriving from now on
    /// are redeliveries.
    pub fn new_connection(&mut self) {
        self.epoch += 1;
    }

    fn digest(topic: &str, payload: &[u8]) -> Digest {
        let mut h = Sha256::new();
        h.update((topic.len() as u64).to_be_bytes());
        h.update(topic.as_bytes());
        h.update(payload);
        let full = h.finalize();
        let mut d = [0u8; 16];
        d.copy_from_slice(&full[..16]);
        d
    }

    fn evict(&mut self, now: Duration) {
        while let Some(front) = self.recent.front().copied() {
            let expired = now.saturating_sub(front.at) > self.horizon;
            if !expired && self.recent.len() <= self.capacity {
                break;
            }
            self.recent.pop_front();
            if self.latest.get(&front.digest) == Some(&(front.at, front.epoch)) {
                self.latest.remove(&front.digest);
            }
        }
    }

    fn remember_topic(map: &mut HashMap<String, Digest>, cap: usize, topic: &str, d: Digest) {
        if map.len() >= cap && !map.contains_key(topic) {
            map.clear();
        }
        map.insert(topic.to_string(), d);
    }

    /// Decides about one message received at `now` (monotonic).
    pub fn check(
        &mut self,
        topic: &str,
        payload: &[u8],
        dup: bool,
        retain: bool,
        now: Duration,
    ) -> Verdict {
        self.evict(now);
        let digest = Self::digest(topic, payload);
        if retain {
            let unchanged = self.retained.get(topic) == Some(&digest)
                || self.last_on_topic.get(topic) == Some(&digest);
            if unchanged {
                return Verdict::Drop(DropReason::RetainedReplay);
            }
            Self::remember_topic(&mut self.retained, self.capacity, topic, digest);
        }
        if let Some(&(_, epoch)) = self.latest.get(&digest) {
            if epoch < self.epoch || dup || retain {
                return Verdict::Drop(DropReason::Redelivered);
            }
            if self.last_on_topic.get(topic) == Some(&digest) {
                return Verdict::Drop(DropReason::OverlappingSubscription);
            }
        }
        self.recent.push_back(Seen { at: now, epoch: self.epoch, digest });
        self.latest.insert(digest, (now, self.epoch));
        Self::remember_topic(&mut self.last_on_topic, self.capacity, topic, digest);
        self.evict(now);
        Verdict::New
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    /// One step: (reconnect before it?, topic, payload, dup, retain, at seconds, expected).
    type Step = (bool, &'static str, &'static str, bool, bool, u64, Verdict);

    fn run(steps: &[Step]) {
        let mut f = RedeliveryFilter::new(S(60), 4096);
        f.new_connection();
        for (i, (reconnect, topic, payload, dup, retain, at, want)) in steps.iter().enumerate() {
            if *reconnect {
                f.new_connection();
            }
            let got = f.check(topic, payload.as_bytes(), *dup, *retain, S(*at));
            assert_eq!(got, *want, "step {i}: {topic} {payload}");
        }
    }

    const UP: &str = "eu868/gateway/0016c001f153a14c/event/up";
    const CONN: &str = "eu868/gateway/0016c001f153a14c/state/conn";
    const NEW: Verdict = Verdict::New;
    const REDELIVERED: Verdict = Verdict::Drop(DropReason::Redelivered);

    #[test]
    fn a_copy_after_a_reconnect_is_dropped() {
        run(&[
            (false, UP, "a", false, false, 0, NEW),
            (false, UP, "b", false, false, 1, NEW),
            (true, UP, "a", false, false, 3, REDELIVERED),
            (false, UP, "b", true, false, 3, REDELIVERED),
            (false, UP, "c", false, false, 4, NEW),
        ]);
    }

    #[test]
    fn a_dup_flagged_copy_is_dropped_but_a_dup_flagged_first_copy_is_kept() {
        run(&[
            (false, UP, "a", false, false, 0, NEW),
            (false, UP, "a", true, false, 1, REDELIVERED),
            (false, UP, "never seen", true, false, 2, NEW),
        ]);
    }

    #[test]
    fn a_replayed_join_request_in_a_new_envelope_is_kept() {
        // Same PHYPayload, different uplinkId/context: the MQTT payloads differ.
        let first = r#"{"phyPayload":"AAQDAgEEAwIBBQQDAgUEAwItEGqZDhI=","rxInfo":{"uplinkId":1,"context":"AAGGoA=="}}"#;
        let again = r#"{"phyPayload":"AAQDAgEEAwIBBQQDAgUEAwItEGqZDhI=","rxInfo":{"uplinkId":2,"context":"AAMNQA=="}}"#;
        run(&[(false, UP, first, false, false, 0, NEW), (true, UP, again, false, false, 5, NEW)]);
    }

    #[test]
    fn the_same_payload_on_another_topic_is_kept() {
        run(&[
            (false, UP, "x", false, false, 0, NEW),
            (true, "gateway/0016c001f153a14c/event/up", "x", false, false, 1, NEW),
        ]);
    }

    #[test]
    fn a_copy_older_than_the_horizon_is_kept() {
        run(&[
            (false, UP, "a", false, false, 0, NEW),
            (true, UP, "a", false, false, 61, NEW),
            (true, UP, "a", false, false, 62, REDELIVERED),
        ]);
    }

    #[test]
    fn only_the_last_n_digests_are_remembered() {
        let mut f = RedeliveryFilter::new(S(60), 3);
        f.new_connection();
        for p in ["a", "b", "c", "d"] {
            assert_eq!(f.check(UP, p.as_bytes(), false, false, S(0)), NEW);
        }
        f.new_connection();
        assert_eq!(f.check(UP, b"a", false, false, S(1)), NEW, "a was evicted");
        assert_eq!(f.check(UP, b"d", false, false, S(1)), REDELIVERED);
        assert!(f.recent.len() <= 3 && f.latest.len() <= 3);
    }

    #[test]
    fn retained_state_re_sent_on_resubscribe_is_dropped_at_any_age() {
        let online = r#"{"gatewayId":"0016c001f153a14c","state":"ONLINE"}"#;
        let offline = r#"{"gatewayId":"0016c001f153a14c"}"#;
        run(&[
            (false, CONN, online, false, true, 0, NEW),
            (true, CONN, online, false, true, 600, Verdict::Drop(DropReason::RetainedReplay)),
            (false, CONN, offline, false, false, 700, NEW),
            (true, CONN, offline, false, true, 701, Verdict::Drop(DropReason::RetainedReplay)),
        ]);
    }

    #[test]
    fn a_gateway_flapping_online_offline_online_keeps_every_state_change() {
        let online = r#"{"gatewayId":"0016c001f153a14c","state":"ONLINE"}"#;
        let offline = r#"{"gatewayId":"0016c001f153a14c"}"#;
        run(&[
            (false, CONN, online, false, false, 0, NEW),
            (false, CONN, offline, false, false, 5, NEW),
            (false, CONN, online, false, false, 10, NEW),
        ]);
    }

    #[test]
    fn a_back_to_back_copy_from_overlapping_filters_is_dropped() {
        run(&[
            (false, UP, "a", false, false, 0, NEW),
            (false, UP, "a", false, false, 0, Verdict::Drop(DropReason::OverlappingSubscription)),
        ]);
    }
}
