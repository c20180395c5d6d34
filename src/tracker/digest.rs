//! What the diagnosis reads of a device's timeline, kept in place of the timeline when the
//! tracker keeps none ([`Limits::timeline`](super::Limits) 0, as `fleet` does).
//!
//! The diagnosis reads two things of a timeline: its application uplinks (the
//! frame-counter-reset rule asks which frames reached the application) and the received time
//! of its latest entry (the fleet's "last seen"). The digest follows the entries a timeline of
//! [`LIMITS`](super::LIMITS)`.timeline` entries would hold — the latest ones pushed — and keeps
//! exactly those two things of them, so that a diagnosis from it equals one from the timeline.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::store::{Kind, TEntry};

/// An application uplink (`app_uplink` entry) of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppUplinkSeen {
    /// Message index.
    pub index: u64,
    /// Received at.
    pub at: DateTime<Utc>,
    /// Reconstructed FCnt.
    pub f_cnt: Option<u32>,
}

/// What the diagnosis reads of a timeline that was not kept (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineDigest {
    /// Received time of the latest entry.
    pub latest: Option<DateTime<Utc>>,
    /// The application uplinks, oldest first.
    pub app_uplinks: Vec<AppUplinkSeen>,
}

/// An application uplink with its timeline sequence number: [`AppUplinkSeen`]'s fields beside
/// it, in 32 bytes rather than the 40 that an `AppUplinkSeen` and a number take.
#[derive(Debug, Clone, Copy)]
struct AppEntry {
    seq: Seq,
    index: u64,
    at: DateTime<Utc>,
    f_cnt: Option<u32>,
}

impl AppEntry {
    fn seen(&self) -> AppUplinkSeen {
        AppUplinkSeen { index: self.index, at: self.at, f_cnt: self.f_cnt }
    }
}

/// A timeline sequence number modulo 2³²: entries leave the digest long before the numbers
/// wrap around, and the distance between two of them is taken with wrapping arithmetic.
type Seq = u32;

/// The digest of the latest `span` entries pushed.
#[derive(Debug, Clone)]
pub(crate) struct Digest {
    span: u32,
    /// Entries pushed so far (modulo 2³²): the next entry's sequence number.
    pushed: Seq,
    /// The latest-received entry among those followed, `(seq, at)`.
    top: Option<(Seq, DateTime<Utc>)>,
    /// Entries pushed after `top`, each received later than every one pushed after it, so that
    /// one of them takes `top`'s place when `top` leaves the span (a sliding maximum; empty
    /// while entries arrive in time order).
    next: VecDeque<(Seq, DateTime<Utc>)>,
    apps: VecDeque<AppEntry>,
}

impl Digest {
    /// An empty digest following the latest `span` entries.
    pub(crate) fn new(span: usize) -> Self {
        Self {
            span: u32::try_from(span).unwrap_or(u32::MAX),
            pushed: 0,
            top: None,
            next: VecDeque::new(),
            apps: VecDeque::new(),
        }
    }

    /// Takes in the next entry of the timeline.
    pub(crate) fn push(&mut self, e: &TEntry) {
        let seq = self.pushed;
        self.pushed = self.pushed.wrapping_add(1);
        while self.next.back().is_some_and(|(_, at)| *at <= e.at) {
            self.next.pop_back();
        }
        if self.next.is_empty() && self.top.is_none_or(|(_, at)| at <= e.at) {
            self.top = Some((seq, e.at));
        } else {
            grow_snug(&mut self.next);
            self.next.push_back((seq, e.at));
        }
        while self.top.is_some_and(|(s, _)| !self.follows(s, self.span)) {
            self.top = self.next.pop_front();
        }
        if e.kind == Kind::AppUplink {
            grow_snug(&mut self.apps);
            self.apps.push_back(AppEntry { seq, index: e.index, at: e.at, f_cnt: e.f_cnt });
        }
        while self.apps.front().is_some_and(|a| !self.follows(a.seq, self.span)) {
            self.apps.pop_front();
        }
    }

    /// Sets the FCnt of the application uplinks among the latest `last` entries whose message
    /// index `is_copy` accepts (what a redone observation changes in a timeline).
    pub(crate) fn set_f_cnt(&mut self, last: usize, is_copy: impl Fn(u64) -> bool, f_cnt: u32) {
        let last = u32::try_from(last).unwrap_or(u32::MAX);
        let pushed = self.pushed;
        let within = |seq: Seq| pushed.wrapping_sub(seq) <= last;
        for a in self.apps.iter_mut().rev().take_while(|a| within(a.seq)) {
            if is_copy(a.index) {
                a.f_cnt = Some(f_cnt);
            }
        }
    }

    /// Whether entry `seq` is among the latest `last` pushed.
    fn follows(&self, seq: Seq, last: u32) -> bool {
        self.pushed.wrapping_sub(seq) <= last
    }

    /// The public form.
    pub(crate) fn to_public(&self) -> TimelineDigest {
        TimelineDigest {
            latest: self.top.map(|(_, at)| at),
            app_uplinks: self.apps.iter().map(AppEntry::seen).collect(),
        }
    }
}

/// Makes room for one more entry, growing by half (at least 2) rather than doubling.
fn grow_snug<T>(q: &mut VecDeque<T>) {
    let len = q.len();
    if len == q.capacity() {
        q.reserve_exact((len / 2).max(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_255_200 + s, 0).unwrap_or_default()
    }

    fn push(d: &mut Digest, kind: Kind, index: u64, s: i64) {
        let mut e = TEntry::new(kind, index, t(s));
        e.f_cnt = Some(u32::try_from(index).unwrap_or_default());
        d.push(&e);
    }

    #[test]
    fn the_latest_time_is_the_latest_of_the_entries_a_timeline_of_the_span_would_keep() {
        let mut d = Digest::new(3);
        for (i, s) in [50, 10, 40, 20, 30, 5].into_iter().enumerate() {
            push(&mut d, Kind::Uplink, i as u64, s);
        }
        // Kept: 20, 30, 5.
        assert_eq!(d.to_public().latest, Some(t(30)));
        push(&mut d, Kind::Uplink, 6, 1);
        push(&mut d, Kind::Uplink, 7, 2);
        assert_eq!(d.to_public().latest, Some(t(5)));
    }

    #[test]
    fn an_application_uplink_takes_32_bytes_in_the_digest() {
        // One per application uplink of every device of a fleet (see `AppEntry`).
        assert_eq!(std::mem::size_of::<AppEntry>(), 32);
    }

    #[test]
    fn application_uplinks_leave_the_digest_with_their_timeline_entries() {
        let mut d = Digest::new(2);
        push(&mut d, Kind::AppUplink, 0, 0);
        push(&mut d, Kind::Uplink, 1, 1);
        assert_eq!(d.to_public().app_uplinks.len(), 1);
        push(&mut d, Kind::AppUplink, 2, 2);
        let apps = d.to_public().app_uplinks;
        assert_eq!(apps, vec![AppUplinkSeen { index: 2, at: t(2), f_cnt: Some(2) }]);
        d.set_f_cnt(1, |i| i == 2, 70_000);
        assert_eq!(d.to_public().app_uplinks[0].f_cnt, Some(70_000));
    }
}
