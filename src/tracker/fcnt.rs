//! Frame-counter reconstruction and per-device session accounting.
//!
//! - Gateway frames carry the low 16 bits of FCnt; application events carry the full value the
//!   network server reconstructed. [`classify`] turns either into a 32-bit value relative to
//!   the last counter of the session.
//! - A session is one DevAddr between (re)joins. A new DevAddr or a rejoin starts a new session
//!   without counting a reset; a counter that goes *down* within a session is a reset (new
//!   session number, no missing frames); the same counter again is a retransmission.
//! - [`Counter`] is `Copy` so that the caller can snapshot it before an observation and redo
//!   the observation when a later application event reveals the full counter.

use crate::model::DevAddr;

/// LoRaWAN MAX_FCNT_GAP (1.0.0–1.0.3): a larger forward jump reached only by assuming a 16-bit
/// rollover is read as a restart instead.
pub(crate) const MAX_FCNT_GAP: u32 = 16_384;

/// A frame counter as observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Observed {
    /// The low 16 bits from the frame header (gateway frames).
    Wire(u16),
    /// The full 32-bit value (application events, NS log context).
    Full(u32),
}

/// How a counter relates to the previous one of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Class {
    /// The first frame of a session.
    #[default]
    First,
    /// A higher counter; `missing` counters were skipped.
    Next {
        /// Counters between the previous frame and this one.
        missing: u32,
    },
    /// The same counter as the previous frame (NbTrans / confirmed retry).
    Repeat,
    /// A lower counter that was counted as missing: the frame arrived late (out of order, e.g.
    /// redelivered by a broker); it is taken back out of the missing count.
    Late,
    /// A lower counter without a rejoin.
    Reset {
        /// The counter before the restart.
        from: u32,
    },
}

/// Reconstructs the 32-bit counter and classifies it against `last`.
pub(crate) fn classify(last: Option<u32>, obs: Observed) -> (u32, Class) {
    let Some(last) = last else {
        return match obs {
            Observed::Wire(w) => (u32::from(w), Class::First),
            Observed::Full(f) => (f, Class::First),
        };
    };
    match obs {
        Observed::Full(f) => (f, relation(last, f)),
        Observed::Wire(w) => {
            let w = u32::from(w);
            let mut candidate = (last & 0xffff_0000) | w;
            let mut rolled = false;
            if candidate < last && last - candidate >= 0x8000 {
                match candidate.checked_add(0x1_0000) {
                    Some(c) => {
                        candidate = c;
                        rolled = true;
                    }
                    None => return (w, Class::Reset { from: last }),
                }
            }
            if candidate > last && rolled && candidate - last > MAX_FCNT_GAP {
                return (w, Class::Reset { from: last });
            }
            if candidate < last {
                return (w, Class::Reset { from: last });
            }
            (candidate, relation(last, candidate))
        }
    }
}

fn relation(last: u32, now: u32) -> Class {
    match now.cmp(&last) {
        std::cmp::Ordering::Equal => Class::Repeat,
        std::cmp::Ordering::Greater => Class::Next { missing: now - last - 1 },
        std::cmp::Ordering::Less => Class::Reset { from: last },
    }
}

/// The result of one observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Observation {
    /// The reconstructed counter.
    pub(crate) f_cnt: u32,
    /// Its relation to the previous frame.
    pub(crate) class: Class,
    /// The session number the frame belongs to.
    pub(crate) session: u32,
    /// A new session started with this frame (rejoin or new DevAddr), not counting resets.
    pub(crate) new_session: bool,
}

/// Per-device frame-counter state and counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counter {
    /// Current session number (0 for the first session seen).
    pub(crate) session: u32,
    started: bool,
    addr: Option<DevAddr>,
    last: Option<u32>,
    rejoined: bool,
    /// First counter of the window.
    pub(crate) first: Option<u32>,
    /// Latest counter.
    pub(crate) latest: Option<u32>,
    /// Distinct data frames.
    pub(crate) uplinks: u64,
    /// Counters skipped within sessions.
    pub(crate) missing: u64,
    /// Restarts without a rejoin.
    pub(crate) resets: u64,
    /// Repeated counters.
    pub(crate) retransmissions: u64,
    /// Which of the [`LATE_WINDOW`] counters below the last one were skipped (bit `i`: counter
    /// `last - 1 - i`), so that a frame arriving late is recognised.
    skipped: u64,
    /// Which of those counters arrived late (same bits): another copy of one is a repeat.
    late: u64,
}

/// How far below the last counter a frame still counts as late rather than as a restart.
pub(crate) const LATE_WINDOW: u32 = 64;

/// The full counter a lower frame would have within `last`'s 16-bit epoch.
fn below(last: u32, obs: Observed) -> Option<u32> {
    let c = match obs {
        Observed::Full(f) => f,
        Observed::Wire(w) => {
            let c = (last & 0xffff_0000) | u32::from(w);
            if c > last { c.checked_sub(0x1_0000)? } else { c }
        }
    };
    (c < last && last - c <= LATE_WINDOW).then_some(c)
}

impl Counter {
    /// The DevAddr of the current session, when known.
    pub(crate) fn addr(&self) -> Option<DevAddr> {
        self.addr
    }

    /// Whether any frame was observed.
    pub(crate) fn started(&self) -> bool {
        self.started
    }

    /// Marks a (re)join: the next frame starts a new session.
    pub(crate) fn rejoin(&mut self) {
        self.rejoined = true;
    }

    /// Observes one distinct transmission.
    pub(crate) fn observe(&mut self, addr: Option<DevAddr>, obs: Observed) -> Observation {
        let addr_changed = matches!((addr, self.addr), (Some(a), Some(b)) if a != b);
        let new_session = !self.started || self.rejoined || addr_changed;
        if new_session {
            if self.started {
                self.session = self.session.saturating_add(1);
            }
            self.started = true;
            self.last = None;
            self.rejoined = false;
        }
        if addr.is_some() {
            self.addr = addr;
        }
        if let Some(last) = self.last {
            if let Some(c) = below(last, obs) {
                let bit = 1u64 << (last - 1 - c);
                if self.late & bit != 0 {
                    self.retransmissions += 1;
                    let class = Class::Repeat;
                    return Observation { f_cnt: c, class, session: self.session, new_session };
                }
                if self.skipped & bit != 0 {
                    self.skipped &= !bit;
                    self.late |= bit;
                    self.uplinks += 1;
                    self.missing = self.missing.saturating_sub(1);
                    return Observation {
                        f_cnt: c,
                        class: Class::Late,
                        session: self.session,
                        new_session,
                    };
                }
            }
        }
        let (f_cnt, class) = classify(self.last, obs);
        match class {
            Class::First => {
                self.uplinks += 1;
                self.skipped = 0;
                self.late = 0;
            }
            Class::Next { missing } => {
                self.uplinks += 1;
                self.missing += u64::from(missing);
                let gap_bits = if missing >= 64 { u64::MAX } else { (1u64 << missing) - 1 };
                let shift = missing.saturating_add(1);
                self.skipped = self.skipped.checked_shl(shift).unwrap_or(0) | gap_bits;
                self.late = self.late.checked_shl(shift).unwrap_or(0);
            }
            Class::Repeat => self.retransmissions += 1,
            // Counted above, before `classify` (which never returns it).
            Class::Late => {}
            Class::Reset { .. } => {
                self.uplinks += 1;
                self.resets += 1;
                self.session = self.session.saturating_add(1);
                self.skipped = 0;
                self.late = 0;
            }
        }
        self.last = Some(f_cnt);
        if self.first.is_none() {
            self.first = Some(f_cnt);
        }
        self.latest = Some(f_cnt);
        Observation { f_cnt, class, session: self.session, new_session }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_arriving_out_of_order_are_late_not_a_restart_or_loss() {
        struct Case {
            name: &'static str,
            seq: &'static [u32],
            want: (u64, u64, u64),
        }
        let cases = [
            Case { name: "one frame late", seq: &[10, 12, 11, 13], want: (4, 0, 0) },
            Case { name: "two frames swapped twice", seq: &[1, 3, 2, 5, 4, 6], want: (6, 0, 0) },
            Case {
                name: "a late frame after a longer gap",
                seq: &[0, 40, 7, 41],
                want: (4, 38, 0),
            },
            Case {
                name: "a second copy of a late frame is a repeat",
                seq: &[10, 12, 11, 11, 13],
                want: (4, 0, 0),
            },
            Case {
                name: "a counter heard before is a restart",
                seq: &[10, 11, 12, 11],
                want: (4, 0, 1),
            },
            Case {
                name: "far below the last counter is a restart",
                seq: &[0, 100, 20],
                want: (3, 99, 1),
            },
            Case {
                name: "a restart to zero stays a restart",
                seq: &[0, 1, 2, 3, 0, 1],
                want: (6, 0, 1),
            },
        ];
        for case in cases {
            let mut c = Counter::default();
            for f in case.seq {
                c.observe(None, Observed::Wire(*f as u16));
            }
            assert_eq!((c.uplinks, c.missing, c.resets), case.want, "{}", case.name);
        }
    }

    #[test]
    fn wire_counters_are_reconstructed_relative_to_the_last_one() {
        struct Case {
            name: &'static str,
            last: Option<u32>,
            obs: Observed,
            want: (u32, Class),
        }
        let cases = [
            Case {
                name: "first frame keeps the wire value",
                last: None,
                obs: Observed::Wire(7),
                want: (7, Class::First),
            },
            Case {
                name: "next frame",
                last: Some(7),
                obs: Observed::Wire(8),
                want: (8, Class::Next { missing: 0 }),
            },
            Case {
                name: "a gap counts the skipped counters",
                last: Some(7),
                obs: Observed::Wire(11),
                want: (11, Class::Next { missing: 3 }),
            },
            Case {
                name: "same counter is a repeat",
                last: Some(7),
                obs: Observed::Wire(7),
                want: (7, Class::Repeat),
            },
            Case {
                name: "16-bit rollover continues the 32-bit counter",
                last: Some(0xffff),
                obs: Observed::Wire(0),
                want: (0x1_0000, Class::Next { missing: 0 }),
            },
            Case {
                name: "upper bits are kept above 65535",
                last: Some(0x1_0005),
                obs: Observed::Wire(6),
                want: (0x1_0006, Class::Next { missing: 0 }),
            },
            Case {
                name: "a lower counter is a reset",
                last: Some(500),
                obs: Observed::Wire(0),
                want: (0, Class::Reset { from: 500 }),
            },
            Case {
                name: "a lower counter above 65535 resets to the wire value",
                last: Some(70_000),
                obs: Observed::Wire(100),
                want: (100, Class::Reset { from: 70_000 }),
            },
            Case {
                name: "an implausible rollover is a reset",
                last: Some(40_000),
                obs: Observed::Wire(0),
                want: (0, Class::Reset { from: 40_000 }),
            },
            Case {
                name: "a plausible rollover with loss is a gap",
                last: Some(60_000),
                obs: Observed::Wire(5),
                want: (65_541, Class::Next { missing: 5_540 }),
            },
            Case {
                name: "full values need no reconstruction",
                last: Some(70_000),
                obs: Observed::Full(70_002),
                want: (70_002, Class::Next { missing: 1 }),
            },
            Case {
                name: "a lower full value is a reset",
                last: Some(70_000),
                obs: Observed::Full(3),
                want: (3, Class::Reset { from: 70_000 }),
            },
            Case {
                name: "rollover past u32::MAX is a reset",
                last: Some(u32::MAX),
                obs: Observed::Wire(0),
                want: (0, Class::Reset { from: u32::MAX }),
            },
        ];
        for c in cases {
            assert_eq!(classify(c.last, c.obs), c.want, "{}", c.name);
        }
    }

    fn addr(n: u32) -> Option<DevAddr> {
        Some(DevAddr(n))
    }

    #[test]
    fn a_rejoin_restarting_at_zero_is_a_new_session_not_a_reset() {
        let mut c = Counter::default();
        for f in 0..5 {
            c.observe(addr(1), Observed::Wire(f));
        }
        c.rejoin();
        let o = c.observe(addr(2), Observed::Wire(0));
        assert_eq!(o.class, Class::First);
        assert!(o.new_session);
        assert_eq!((c.resets, c.missing, c.uplinks, c.session), (0, 0, 6, 1));
    }

    #[test]
    fn a_new_dev_addr_starts_a_new_session_even_without_a_join_event() {
        let mut c = Counter::default();
        c.observe(addr(1), Observed::Wire(40));
        let o = c.observe(addr(2), Observed::Wire(0));
        assert!(o.new_session);
        assert_eq!((c.resets, c.session), (0, 1));
    }

    #[test]
    fn a_restart_without_rejoin_counts_one_reset_and_no_missing_frames() {
        let mut c = Counter::default();
        for f in [10, 11, 13, 0, 1, 2] {
            c.observe(addr(1), Observed::Wire(f));
        }
        assert_eq!((c.resets, c.missing, c.uplinks, c.session), (1, 1, 6, 1));
        assert_eq!((c.first, c.latest), (Some(10), Some(2)));
    }

    #[test]
    fn repeats_count_as_retransmissions_not_uplinks() {
        let mut c = Counter::default();
        for f in [1, 1, 2, 2, 2] {
            c.observe(addr(1), Observed::Wire(f));
        }
        assert_eq!((c.uplinks, c.retransmissions, c.missing), (2, 3, 0));
    }

    #[test]
    fn a_snapshot_allows_an_observation_to_be_redone_with_the_full_value() {
        let mut c = Counter::default();
        let snap = c;
        c.observe(addr(1), Observed::Wire(4464));
        c = snap;
        let o = c.observe(addr(1), Observed::Full(70_000));
        assert_eq!(o.f_cnt, 70_000);
        assert_eq!(c.first, Some(70_000));
        let o = c.observe(addr(1), Observed::Wire(4466));
        assert_eq!(o.class, Class::Next { missing: 1 });
        assert_eq!(o.f_cnt, 70_002);
    }
}
