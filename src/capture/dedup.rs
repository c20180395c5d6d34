//! Exactly once offline: second copies of one message in the input (a QoS-1 redelivery
//! recorded twice, the same capture given twice, a capture re-recorded from a replay) are
//! counted once.
//!
//! A message's identity, most specific first:
//! - ChirpStack v4 application events (`application/…/event/…`) with a `deduplicationId`:
//!   topic and that id (the network server's own once-per-uplink stamp; two serialisations of
//!   one event, e.g. a `mosquitto_sub -F %J` line and a `watch --record` line, are one event);
//! - The Things Stack events with a `unique_id` (top level or under `result`): that id;
//! - messages without any stamp of their own (`…/state/conn`, rmacheck's gap records): topic,
//!   payload bytes **and** received time — a gateway going ONLINE twice is two events, the same
//!   line read twice is one;
//! - everything else: topic and payload bytes. Every other producer stamps its payloads
//!   (`uplinkId`, `context`, `gwTime`, `downlinkId`, `time`, `received_at`), so byte-identical
//!   payloads are copies. A device replaying a join-request sends the same PHYPayload in a new
//!   envelope (new `uplinkId`, `context`): different bytes, counted again.
//!
//! Bounded: identities are 8-byte digests (XXH3, 64 bits: a fast non-cryptographic hash made
//! for such identities); the last [`OfflineDedup::DEFAULT_WINDOW`] are remembered (some 9 MB
//! at most: the digests in a ring, and a table of their 4-byte places in it). A copy further
//! than that from its first copy counts again. Two different messages within one window share
//! a digest with odds of about one in 10^8.

use std::borrow::Cow;
use std::sync::LazyLock;

use hashbrown::HashTable;
use memchr::memmem;
use serde::Deserialize;

use crate::adapters::Stamp;
use crate::model::RawMessage;
use crate::tracker::gaps::GAP_TOPIC;

/// A message's identity: a 64-bit XXH3 digest.
pub type Digest = u64;

/// Remembers the identities of recent messages.
#[derive(Debug, Clone)]
pub struct OfflineDedup {
    window: usize,
    /// The digests remembered, in a ring: once it is full, the next one takes the place of
    /// the oldest, at `next`.
    ring: Vec<Digest>,
    next: usize,
    /// The places in `ring` of the digests remembered, found by digest (half the size of a
    /// set of the digests themselves). Digests are already uniform (XXH3 bits): each is its
    /// own hash.
    seen: HashTable<u32>,
    dropped: u64,
}

impl Default for OfflineDedup {
    fn default() -> Self {
        Self::new(Self::DEFAULT_WINDOW)
    }
}

#[derive(Deserialize)]
struct Stamps<'a> {
    #[serde(rename = "deduplicationId", borrow, default)]
    deduplication_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    unique_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    result: Option<Inner<'a>>,
}

#[derive(Deserialize)]
struct Inner<'a> {
    #[serde(borrow, default)]
    unique_id: Option<Cow<'a, str>>,
}

impl OfflineDedup {
    /// Messages remembered.
    pub const DEFAULT_WINDOW: usize = 1 << 19;

    /// Remembers the last `window` messages (at least one; at most 2^32, the places the
    /// table can hold).
    #[must_use]
    pub fn new(window: usize) -> Self {
        let window = window.clamp(1, usize::try_from(1_u64 << 32).unwrap_or(usize::MAX));
        Self { window, ring: Vec::new(), next: 0, seen: HashTable::new(), dropped: 0 }
    }

    /// True for the first copy of a message; false (and counted) for a later copy.
    pub fn first_copy(&mut self, raw: &RawMessage) -> bool {
        self.first_copy_of(identity(raw, &None))
    }

    /// [`first_copy`](Self::first_copy) of a message whose [`identity`] is known.
    pub fn first_copy_of(&mut self, d: Digest) -> bool {
        let Self { window, ring, next, seen, .. } = self;
        if seen.find(d, |p| digest_at(ring, p) == Some(d)).is_some() {
            self.dropped += 1;
            return false;
        }
        if ring.capacity() == 0 {
            // Sized once for the whole window: no doubling (and no moment with both the old
            // and the new table) as the window fills. Pages are touched only as it fills.
            ring.reserve_exact(*window);
            // An eighth to spare (the default window's table stays at 2^20 places), so that a
            // refill (below) comes at most every eighth of a window.
            let room = window.saturating_add(*window / 8).saturating_add(1);
            seen.reserve(room, |p| digest_at(ring, p).unwrap_or_default());
        }
        if seen.len() >= seen.capacity() {
            // The places of forgotten digests leave tombstones that use up the table's spare
            // room, and the next insert would double it: it is refilled from the ring instead,
            // in the memory it has.
            seen.clear();
            for (at, digest) in ring.iter().enumerate() {
                seen.insert_unique(*digest, place(at), |p| digest_at(ring, p).unwrap_or_default());
            }
        }
        let at = if ring.len() < *window {
            ring.push(d);
            ring.len() - 1
        } else {
            // The new digest takes the oldest one's place in the ring, and the oldest leaves
            // the table.
            let oldest = *next;
            if let Some(slot) = ring.get_mut(oldest) {
                let old = std::mem::replace(slot, d);
                if let Ok(entry) = seen.find_entry(old, |p| *p == place(oldest)) {
                    entry.remove();
                }
            }
            *next = (oldest + 1) % *window;
            oldest
        };
        seen.insert_unique(d, place(at), |p| digest_at(ring, p).unwrap_or_default());
        true
    }

    /// Later copies seen so far.
    #[must_use]
    pub fn dropped(&self) -> u64 {
        self.dropped
    }
}

/// The place in the ring of its `at`th digest (the window is at most 2^32 places, so every
/// place fits).
fn place(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// The digest at `place` in `ring` (the table's hash of that entry).
fn digest_at(ring: &[Digest], place: &u32) -> Option<Digest> {
    ring.get(usize::try_from(*place).ok()?).copied()
}

/// What [`stamp`] looks for in a payload's bytes, searched with finders built once.
#[derive(Clone, Copy)]
enum Key {
    UniqueId,
    DeduplicationId,
    Result,
    Escape,
}

static KEYS: LazyLock<[memmem::Finder<'static>; 4]> = LazyLock::new(|| {
    [
        memmem::Finder::new(b"\"unique_id\""),
        memmem::Finder::new(b"\"deduplicationId\""),
        memmem::Finder::new(b"\"result\""),
        memmem::Finder::new(b"\\u"),
    ]
});

fn stamp(raw: &RawMessage, read: &Stamp) -> Option<(&'static str, String)> {
    let p = &raw.payload;
    if p.first().is_none_or(|b| *b != b'{') {
        return None;
    }
    let is_app = raw.topic.starts_with("application/") && raw.topic.contains("/event/");
    let has = |key: Key| KEYS[key as usize].find(p).is_some();
    let unique = has(Key::UniqueId);
    if !(is_app && has(Key::DeduplicationId) || unique) {
        return None;
    }
    // The adapter read the whole payload as a v4 application event: with no `unique_id` and
    // no `result` member, [`Stamps`] would read the same `deduplicationId` (or none). A key
    // written with `\u` escapes could hide either: then the payload is read again.
    if let (true, false, Some(id)) = (is_app, unique, read) {
        if !has(Key::Result) && !has(Key::Escape) {
            return id.clone().map(|id| ("chirpstack", id));
        }
    }
    let s: Stamps<'_> = serde_json::from_slice(p).ok()?;
    if is_app {
        if let Some(id) = s.deduplication_id {
            return Some(("chirpstack", id.to_string()));
        }
    }
    let unique = s.unique_id.or(s.result.and_then(|r| r.unique_id))?;
    Some(("tts", unique.to_string()))
}

/// A message's identity (see the module's documentation), given what the adapter read of its
/// stamp ([`Stamp`]; `&None` if nothing was read).
#[must_use]
pub fn identity(raw: &RawMessage, read: &Stamp) -> Digest {
    let topic = raw.topic.as_bytes();
    match stamp(raw, read) {
        Some(("tts", id)) => crate::digest::of_parts(&[b"tts", id.as_bytes()]),
        Some((kind, id)) => crate::digest::of_parts(&[kind.as_bytes(), topic, id.as_bytes()]),
        None if raw.topic.ends_with("/state/conn") || raw.topic == GAP_TOPIC => {
            let at = raw.received_at.timestamp_micros().to_be_bytes();
            crate::digest::of_parts(&[b"bytes", topic, &raw.payload, &at])
        }
        None => crate::digest::of_parts(&[b"bytes", topic, &raw.payload]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(topic: &str, payload: &str, at_s: i64) -> RawMessage {
        RawMessage {
            received_at: chrono::DateTime::from_timestamp(1_795_255_200 + at_s, 0)
                .unwrap_or_default(),
            topic: topic.into(),
            payload: payload.as_bytes().to_vec(),
        }
    }

    const UP: &str = "eu868/gateway/0016c001f153a14c/event/up";
    const APP: &str = "application/0c7b/device/0203040502030405/event/up";
    const CONN: &str = "eu868/gateway/0016c001f153a14c/state/conn";

    #[test]
    fn each_kind_of_copy_is_counted_once_and_each_distinct_message_kept() {
        let cases: [(&str, Vec<RawMessage>, Vec<bool>); 8] = [
            (
                "a redelivered gateway frame",
                vec![msg(UP, r#"{"uplinkId":1}"#, 0), msg(UP, r#"{"uplinkId":1}"#, 4)],
                vec![true, false],
            ),
            (
                "a replayed join-request in a new envelope",
                vec![
                    msg(UP, r#"{"uplinkId":1,"p":"AA"}"#, 0),
                    msg(UP, r#"{"uplinkId":2,"p":"AA"}"#, 4),
                ],
                vec![true, true],
            ),
            (
                "one application event in two serialisations",
                vec![
                    msg(APP, r#"{"deduplicationId":"d-1","fCnt":7}"#, 0),
                    msg(APP, r#"{"fCnt": 7, "deduplicationId": "d-1"}"#, 0),
                ],
                vec![true, false],
            ),
            (
                "two uplinks with their own deduplication ids",
                vec![
                    msg(APP, r#"{"deduplicationId":"d-1"}"#, 0),
                    msg(APP, r#"{"deduplicationId":"d-2"}"#, 0),
                ],
                vec![true, true],
            ),
            (
                "the same deduplication id on another event type",
                vec![
                    msg(APP, r#"{"deduplicationId":"d-1"}"#, 0),
                    msg(&APP.replace("/up", "/status"), r#"{"deduplicationId":"d-1"}"#, 0),
                ],
                vec![true, true],
            ),
            (
                "a TTS event exported twice",
                vec![
                    msg("tts", r#"{"result":{"unique_id":"01J","name":"as.up.data.forward"}}"#, 0),
                    msg("tts", r#"{"name":"as.up.data.forward","unique_id":"01J"}"#, 9),
                    msg("tts", r#"{"result":{"unique_id":"01K"}}"#, 9),
                ],
                vec![true, false, true],
            ),
            (
                "a gateway going online twice",
                vec![
                    msg(CONN, r#"{"state":"ONLINE"}"#, 0),
                    msg(CONN, r#"{"state":"OFFLINE"}"#, 5),
                    msg(CONN, r#"{"state":"ONLINE"}"#, 9),
                ],
                vec![true, true, true],
            ),
            (
                "a state line read twice",
                vec![msg(CONN, r#"{"state":"ONLINE"}"#, 0), msg(CONN, r#"{"state":"ONLINE"}"#, 0)],
                vec![true, false],
            ),
        ];
        for (name, msgs, want) in cases {
            let mut d = OfflineDedup::default();
            let got: Vec<bool> = msgs.iter().map(|m| d.first_copy(m)).collect();
            assert_eq!(got, want, "{name}");
            assert_eq!(d.dropped(), want.iter().filter(|w| !**w).count() as u64, "{name}");
        }
    }

    #[test]
    fn the_adapter_s_reading_of_the_stamp_gives_the_same_identity_as_reading_it_again() {
        let app = |kind: &str, body: &str| {
            msg(&APP.replace("/up", &format!("/{kind}")), &format!("{{{body}}}"), 0)
        };
        let dev = r#""deviceInfo":{"devEui":"0203040502030405"}"#;
        let cases = [
            app("up", &format!(r#""deduplicationId":"d-1",{dev},"fCnt":1,"devAddr":"01020304""#)),
            app("join", &format!(r#""deduplicationId":"d-2",{dev},"devAddr":"01020304""#)),
            app("status", &format!(r#""deduplicationId":"",{dev},"margin":3"#)),
            app("status", &format!(r#"{dev},"margin":3"#)),
            app("up", &format!(r#""deduplicationId":"d-12",{dev},"res\u0075lt":5"#)),
            app("up", &format!(r#""deduplicationId":null,{dev},"unique\u005fid":"u-13""#)),
            app("up", &format!(r#""deduplicationId":"d-\u0033",{dev},"fCnt":1"#)),
            app("up", &format!(r#""deduplicationId":"d-4",{dev},"result":5"#)),
            app("up", &format!(r#""deduplicationId":"d-5",{dev},"result":{{"unique_id":"u"}}"#)),
            app("up", &format!(r#""deduplicationId":"d-6",{dev},"unique_id":"u-6""#)),
            app("up", &format!(r#""deduplicationId":7,{dev}"#)),
            app("up", r#""deduplicationId":"d-8","deduplicationId":"d-9""#),
            app("integration", r#""deduplicationId":"d-10""#),
            app("up", r#""deduplicationId":"d-11","#),
        ];
        let mut read_whole = 0;
        for m in &cases {
            let (_, read) = crate::adapters::decode_stamped(&m.topic, &m.payload, m.received_at);
            read_whole += usize::from(read.is_some());
            assert_eq!(
                identity(m, &read),
                identity(m, &None),
                "{}: {read:?}",
                String::from_utf8_lossy(&m.payload)
            );
        }
        assert!(read_whole >= 6, "the adapter read only {read_whole} of the events whole");
    }

    #[test]
    fn only_the_last_window_of_messages_is_remembered() {
        let mut d = OfflineDedup::new(2);
        for p in ["a", "b", "c"] {
            assert!(d.first_copy(&msg(UP, p, 0)));
        }
        assert!(d.first_copy(&msg(UP, "a", 0)), "a was forgotten");
        assert!(!d.first_copy(&msg(UP, "c", 0)));
        assert!(d.seen.len() <= 2 && d.ring.len() <= 2);
    }

    #[test]
    fn the_ring_and_its_table_decide_as_a_plain_list_of_the_last_messages_would() {
        // Digests from a small set, so that copies come at every distance from their first,
        // inside and outside windows of several sizes (a plain list of the last `window`
        // digests is the reference).
        for window in [1, 2, 3, 7, 64] {
            let mut d = OfflineDedup::new(window);
            let mut last: std::collections::VecDeque<Digest> = std::collections::VecDeque::new();
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
            for i in 0..5_000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let digest = x % 97;
                let want = !last.contains(&digest);
                if want {
                    if last.len() == window {
                        last.pop_front();
                    }
                    last.push_back(digest);
                }
                assert_eq!(d.first_copy_of(digest), want, "window {window}, message {i}");
            }
            assert_eq!(d.seen.len(), window.min(97), "window {window}");
        }
    }

    #[test]
    fn refills_of_the_table_keep_every_remembered_digest_at_its_place() {
        // Copies at every distance up to twice the window, over digests spread as XXH3's are,
        // so that removals leave tombstones and the table is refilled: each decision as a
        // plain list of the last first copies, and the table always holding exactly the ring.
        let mix = |mut z: u64| {
            z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let window = 1024;
        let mut d = OfflineDedup::new(window);
        let mut last: std::collections::VecDeque<Digest> = std::collections::VecDeque::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut refills = 0;
        for i in 0..30_000_u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digest = mix(i.saturating_sub(x % 2048));
            let want = !last.contains(&digest);
            if want {
                if last.len() == window {
                    last.pop_front();
                }
                last.push_back(digest);
            }
            let spare = d.seen.capacity().saturating_sub(d.seen.len());
            assert_eq!(d.first_copy_of(digest), want, "message {i}");
            refills += usize::from(spare == 0 && !d.ring.is_empty());
            if i % 97 == 0 || spare == 0 {
                assert_eq!(d.seen.len(), d.ring.len(), "message {i}");
                for (place, digest) in d.ring.iter().enumerate() {
                    let found = d.seen.find(*digest, |p| usize::try_from(*p) == Ok(place));
                    assert!(found.is_some(), "message {i}: place {place} lost");
                }
            }
        }
        assert!(refills > 0, "the table was never refilled");
    }

    #[test]
    fn a_full_window_holds_exactly_its_digests_and_never_grows_past_them() {
        let mut d = OfflineDedup::new(100);
        for i in 0..1000 {
            assert!(d.first_copy(&msg(UP, &format!("m{i}"), 0)));
        }
        assert_eq!((d.seen.len(), d.ring.len()), (100, 100));
        // Sized once for the window: a doubled buffer would hold 128 or more.
        assert!(d.ring.capacity() < 128, "{}", d.ring.capacity());
        // The table, reserved with the first message, keeps its memory however many come and
        // go (a window of a power of two leaves it half full, as the default one does; 1,024
        // distinct messages used to double it, tables of 16 places or fewer never fill with
        // tombstones).
        for window in [5, 7, 1024] {
            let mut d = OfflineDedup::new(window);
            assert!(d.first_copy(&msg(UP, "m0", 0)));
            let reserved = d.seen.allocation_size();
            for i in 1..20_000 {
                assert!(d.first_copy(&msg(UP, &format!("m{i}"), 0)), "window {window}: m{i}");
            }
            assert_eq!((d.seen.len(), d.seen.allocation_size()), (window, reserved), "{window}");
        }
    }
}
