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

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};

use crate::model::DevAddr;

use super::store::{Radio, Rx};

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
#[derive(Debug, Default)]
pub(crate) struct Pending {
    frames: VecDeque<GwFrame>,
    per_addr: HashMap<DevAddr, usize>,
}

impl Pending {
    /// Adds a frame, evicting what falls outside the bounds.
    pub(crate) fn push(&mut self, frame: GwFrame) {
        self.expire(frame.at);
        let addr = frame.dev_addr;
        let count = self.per_addr.entry(addr).or_insert(0);
        *count += 1;
        if *count > MAX_PER_ADDR {
            if let Some(pos) = self.frames.iter().position(|f| f.dev_addr == addr) {
                self.frames.remove(pos);
                self.dec(addr);
            }
        }
        self.frames.push_back(frame);
        while self.frames.len() > MAX_FRAMES {
            if let Some(f) = self.frames.pop_front() {
                self.dec(f.dev_addr);
            }
        }
    }

    /// Drops frames older than [`MAX_AGE_S`] before `now`.
    pub(crate) fn expire(&mut self, now: DateTime<Utc>) {
        while let Some(f) = self.frames.front() {
            if (now - f.at).num_seconds() <= MAX_AGE_S {
                break;
            }
            let addr = f.dev_addr;
            self.frames.pop_front();
            self.dec(addr);
        }
    }

    fn dec(&mut self, addr: DevAddr) {
        if let Some(c) = self.per_addr.get_mut(&addr) {
            *c = c.saturating_sub(1);
            if *c == 0 {
                self.per_addr.remove(&addr);
            }
        }
    }

    /// Removes and returns the frames of `addr`, oldest first.
    pub(crate) fn take(&mut self, addr: DevAddr) -> Vec<GwFrame> {
        if self.per_addr.remove(&addr).is_none() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut kept = VecDeque::with_capacity(self.frames.len());
        for f in self.frames.drain(..) {
            if f.dev_addr == addr { out.push(f) } else { kept.push_back(f) }
        }
        self.frames = kept;
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
        for f in self.frames.iter().rev() {
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
        self.frames.len()
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
}
