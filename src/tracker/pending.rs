//! The pending buffer: gateway data frames whose DevAddr is not yet mapped to a device.
//!
//! ChirpStack publishes the application `up` event (which reveals the DevAddr) about 200 ms
//! after the gateway events, and a capture may start mid-session, so the first gateway copies
//! of a frame often arrive before the tracker knows whose they are. They wait here until the
//! mapping is learnt ([`Pending::take`]) or they are evicted.
//!
//! Bounds (global, whatever the number of devices): at most [`MAX_FRAMES`] frames in total,
//! [`MAX_PER_ADDR`] per DevAddr, none older than [`MAX_AGE_S`] seconds before the newest event.
//! The oldest frame goes first.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use crate::model::DevAddr;

use super::store::{FastMap, Radio, Rx};

/// Frames kept in total.
pub const MAX_FRAMES: usize = 4096;
/// Frames kept per DevAddr.
pub const MAX_PER_ADDR: usize = 32;
/// Oldest frame kept, in seconds before the newest event.
pub const MAX_AGE_S: i64 = 30;

/// A gateway data uplink, decoded, waiting for (or being given to) its device.
#[derive(Debug, Clone)]
pub(crate) struct GwFrame {
    pub(crate) index: u64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) dev_addr: DevAddr,
    pub(crate) f_cnt16: u16,
    pub(crate) f_port: Option<u8>,
    pub(crate) confirmed: bool,
    pub(crate) hash: u64,
    pub(crate) radio: Radio,
    pub(crate) rx: Rx,
    /// The PHYPayload while waiting (for the data MIC when session keys become known).
    pub(crate) phy: Box<[u8]>,
}

/// The bounded buffer.
///
/// Frames sit in arrival order in slots numbered by a running sequence number; a frame taken
/// leaves an empty slot, dropped once it reaches the front. Each DevAddr's frames are indexed
/// by sequence number, so that taking them does not scan the buffer.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    slots: VecDeque<Option<GwFrame>>,
    /// Sequence number of `slots[0]`.
    first: u64,
    /// Frames held (slots that are not empty).
    held: usize,
    per_addr: FastMap<DevAddr, VecDeque<u64>>,
}

impl Pending {
    /// Adds a frame, evicting what falls outside the bounds.
    pub(crate) fn push(&mut self, frame: GwFrame) {
        self.expire(frame.at);
        let seq = self.first + self.slots.len() as u64;
        let seqs = self.per_addr.entry(frame.dev_addr).or_default();
        seqs.push_back(seq);
        if seqs.len() > MAX_PER_ADDR {
            if let Some(oldest) = seqs.pop_front() {
                self.remove(oldest);
            }
        }
        self.slots.push_back(Some(frame));
        self.held += 1;
        while self.held > MAX_FRAMES {
            self.pop_front();
        }
        self.trim();
        if self.slots.len() > 4 * MAX_FRAMES {
            self.compact();
        }
    }

    /// Drops the empty slots between held frames (a frame that stays at the front while
    /// later ones are taken would otherwise let them pile up), numbering the frames anew.
    fn compact(&mut self) {
        let frames: Vec<GwFrame> = self.slots.drain(..).flatten().collect();
        self.first = 0;
        self.per_addr.clear();
        for (seq, f) in frames.into_iter().enumerate() {
            self.per_addr.entry(f.dev_addr).or_default().push_back(seq as u64);
            self.slots.push_back(Some(f));
        }
    }

    /// Empties slot `seq`.
    fn remove(&mut self, seq: u64) -> Option<GwFrame> {
        let pos = usize::try_from(seq.checked_sub(self.first)?).ok()?;
        let f = self.slots.get_mut(pos)?.take()?;
        self.held -= 1;
        Some(f)
    }

    /// Drops empty slots at the front.
    fn trim(&mut self) {
        while self.slots.front().is_some_and(Option::is_none) {
            self.slots.pop_front();
            self.first += 1;
        }
    }

    /// Removes the oldest frame.
    fn pop_front(&mut self) {
        self.trim();
        if let Some(Some(f)) = self.slots.pop_front() {
            self.first += 1;
            self.held -= 1;
            if let Some(seqs) = self.per_addr.get_mut(&f.dev_addr) {
                seqs.pop_front();
                if seqs.is_empty() {
                    self.per_addr.remove(&f.dev_addr);
                }
            }
        }
        self.trim();
    }

    /// Drops frames older than [`MAX_AGE_S`] before `now`.
    pub(crate) fn expire(&mut self, now: DateTime<Utc>) {
        self.trim();
        while let Some(Some(f)) = self.slots.front() {
            if (now - f.at).num_seconds() <= MAX_AGE_S {
                break;
            }
            self.pop_front();
        }
    }

    /// Removes and returns the frames of `addr`, oldest first.
    pub(crate) fn take(&mut self, addr: DevAddr) -> Vec<GwFrame> {
        let Some(seqs) = self.per_addr.remove(&addr) else {
            return Vec::new();
        };
        let out = seqs.into_iter().filter_map(|s| self.remove(s)).collect();
        self.trim();
        out
    }

    /// The only DevAddr with a frame whose FCnt low bits are `f_cnt16`, received within
    /// `window_s` seconds before `at`; `None` when there is none or more than one.
    pub(crate) fn unique_addr_for(
        &self,
        f_cnt16: u16,
        at: DateTime<Utc>,
        window_s: i64,
    ) -> Option<DevAddr> {
        let mut found: Option<DevAddr> = None;
        for f in self.slots.iter().rev().flatten() {
            let age = (at - f.at).num_milliseconds();
            if age < -1000 || age > window_s * 1000 || f.f_cnt16 != f_cnt16 {
                continue;
            }
            match found {
                None => found = Some(f.dev_addr),
                Some(a) if a == f.dev_addr => {}
                Some(_) => return None,
            }
        }
        found
    }

    /// Frames held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::store::NO_GW;

    fn frame(index: u64, secs: i64, addr: u32, f_cnt16: u16) -> GwFrame {
        GwFrame {
            index,
            at: DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap_or_default(),
            dev_addr: DevAddr(addr),
            f_cnt16,
            f_port: Some(1),
            confirmed: false,
            hash: 1,
            radio: Radio::default(),
            rx: Rx { index, rssi: -80.0, snr: 5.0, gw: NO_GW, from_gw: true, from_app: false },
            phy: Box::new([]),
        }
    }

    #[test]
    fn frames_are_taken_per_address_in_order() {
        let mut p = Pending::default();
        p.push(frame(0, 0, 1, 5));
        p.push(frame(1, 0, 2, 9));
        p.push(frame(2, 1, 1, 6));
        let got: Vec<u64> = p.take(DevAddr(1)).iter().map(|f| f.index).collect();
        assert_eq!(got, vec![0, 2]);
        assert_eq!(p.len(), 1);
        assert!(p.take(DevAddr(1)).is_empty());
    }

    #[test]
    fn old_frames_expire() {
        let mut p = Pending::default();
        p.push(frame(0, 0, 1, 5));
        p.push(frame(1, MAX_AGE_S + 1, 2, 5));
        assert_eq!(p.len(), 1);
        assert!(p.take(DevAddr(1)).is_empty());
    }

    #[test]
    fn the_buffer_is_bounded_per_address_and_in_total() {
        let mut p = Pending::default();
        for i in 0..(MAX_PER_ADDR as u64 + 5) {
            p.push(frame(i, 0, 7, 0));
        }
        assert_eq!(p.len(), MAX_PER_ADDR);
        for i in 0..(MAX_FRAMES as u64 + 10) {
            p.push(frame(100 + i, 0, 1000 + i as u32, 0));
        }
        assert_eq!(p.len(), MAX_FRAMES);
    }

    #[test]
    fn an_ambiguous_counter_gives_no_address() {
        let mut p = Pending::default();
        p.push(frame(0, 0, 1, 5));
        let at = DateTime::from_timestamp(1_800_000_001, 0).unwrap_or_default();
        assert_eq!(p.unique_addr_for(5, at, 3), Some(DevAddr(1)));
        p.push(frame(1, 0, 2, 5));
        assert_eq!(p.unique_addr_for(5, at, 3), None);
        assert_eq!(p.unique_addr_for(6, at, 3), None);
    }

    #[test]
    fn frames_taken_behind_a_waiting_one_leave_no_trace() {
        let mut p = Pending::default();
        p.push(frame(0, 0, 1, 0));
        for i in 1..(10 * MAX_FRAMES as u64) {
            p.push(frame(i, 0, 2, 0));
            assert_eq!(p.take(DevAddr(2)).len(), 1);
        }
        assert!(p.slots.len() <= 4 * MAX_FRAMES + 1);
        p.push(frame(99_999, 0, 1, 1));
        let got: Vec<u64> = p.take(DevAddr(1)).iter().map(|f| f.index).collect();
        assert_eq!(got, vec![0, 99_999]);
        assert_eq!(p.len(), 0);
    }
}
