//! Per-device state: bounded lists, counters and the frame-counter state machine.
//!
//! Everything here is bounded by [`super::Limits`]; counters keep counting when lists evict.
//! [`DeviceState::to_record`] materialises the public [`DeviceRecord`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use smallvec::SmallVec;

use crate::model::{AesKey, DevAddr, DevEui};

use super::digest::Digest;
use super::fcnt::Counter;
use super::stats::Extremes;
use super::store::{Accept, Attempt, Kind, Names, Ring, Rx, TEntry, Uplink, best_of};
use super::{
    DeviceRecord, FcntReset, JoinAcceptRecord, JoinAttempt, Limits, LogRecord, RxSummary, Stats,
    UplinkRecord,
};

/// Session keys derived from decrypted join-accepts kept per device.
const SESSION_KEYS: usize = 8;

/// The device's timeline, or with a timeline limit of 0 what the diagnosis reads of it.
#[derive(Debug, Clone)]
pub(crate) enum Timeline {
    /// The latest entries.
    Kept(Ring<TEntry>),
    /// The digest of a timeline of [`super::LIMITS`]`.timeline` entries.
    Digest(Digest),
}

impl Timeline {
    fn new(limit: usize) -> Self {
        if limit == 0 {
            Self::Digest(Digest::new(super::LIMITS.timeline))
        } else {
            Self::Kept(Ring::new(limit))
        }
    }

    /// Sets the FCnt of the uplinks and application uplinks among the latest `last` entries
    /// whose message `is_copy` accepts, and the note of the one at message `index`.
    pub(crate) fn redo(
        &mut self,
        last: usize,
        is_copy: impl Fn(u64) -> bool,
        index: u64,
        f_cnt: u32,
        note: &super::store::Note,
    ) {
        match self {
            Self::Kept(ring) => {
                for e in ring.iter_mut().rev().take(last) {
                    if matches!(e.kind, Kind::Uplink | Kind::AppUplink) && is_copy(e.index) {
                        e.f_cnt = Some(f_cnt);
                        if e.index == index {
                            e.note = note.clone();
                        }
                    }
                }
            }
            Self::Digest(d) => d.set_f_cnt(last, is_copy, f_cnt),
        }
    }
}

/// Join traffic of a device, allocated on its first join: most devices of a site join
/// seldom, and their state stays small without it.
#[derive(Debug, Clone)]
pub(crate) struct Joins {
    pub(crate) attempts: Ring<Attempt>,
    pub(crate) accepts: Ring<Accept>,
    pub(crate) app_joins: Ring<(u64, DateTime<Utc>, Option<DevAddr>)>,
    /// DevNonce → index of its first use.
    pub(crate) nonces: HashMap<u16, u64>,
    pub(crate) join_requests: u64,
    pub(crate) join_accepts: u64,
    pub(crate) tx_ok: u64,
    pub(crate) tx_failed: u64,
    pub(crate) nonces_reused: u64,
    /// NwkSKeys of sessions learnt from decrypted join-accepts.
    pub(crate) session_keys: Vec<(DevAddr, AesKey)>,
}

/// What few devices have (NS logs, frame-counter resets, transmissions evicted from the
/// lists), allocated on first use.
#[derive(Debug, Clone)]
pub(crate) struct Rare {
    pub(crate) logs: Ring<LogRecord>,
    pub(crate) log_codes: BTreeMap<String, u64>,
    pub(crate) resets: Ring<FcntReset>,
    /// RSSI/SNR extremes of transmissions evicted from the lists.
    evicted: Extremes,
}

/// The per-device limits, as the state keeps them (saturated to `u32`).
#[derive(Debug, Clone, Copy)]
struct Caps {
    join_attempts: u32,
    join_accepts: u32,
    logs: u32,
    evidence: u32,
    samples: u32,
}

fn cap(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn size(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Everything tracked about one device.
#[derive(Debug, Clone)]
pub(crate) struct DeviceState {
    pub(crate) dev_eui: DevEui,
    caps: Caps,
    pub(crate) uplinks: Ring<Uplink>,
    pub(crate) timeline: Timeline,
    evidence: Vec<u64>,
    /// Most devices keep one DevAddr and hear a few gateways: both lists are held in the state
    /// itself (in the room their `Vec`s took) until they outgrow it.
    pub(crate) dev_addrs: SmallVec<[DevAddr; 4]>,
    gateways: SmallVec<[u32; 4]>,
    pub(crate) counter: Counter,
    /// Snapshot of the counter before the newest uplink (its sequence number), for redo.
    pub(crate) undo: Option<(u64, Counter)>,
    /// When the current session's first frame was received.
    pub(crate) session_started: Option<DateTime<Utc>>,
    joins: Option<Box<Joins>>,
    rare: Option<Box<Rare>>,
}

impl DeviceState {
    /// An empty state.
    pub(crate) fn new(dev_eui: DevEui, limits: &Limits) -> Self {
        Self {
            dev_eui,
            caps: Caps {
                join_attempts: cap(limits.join_attempts),
                join_accepts: cap(limits.join_accepts),
                logs: cap(limits.logs),
                evidence: cap(limits.evidence),
                samples: cap(limits.samples.max(1)),
            },
            uplinks: Ring::new(limits.uplinks),
            timeline: Timeline::new(limits.timeline),
            evidence: Vec::new(),
            dev_addrs: SmallVec::new(),
            gateways: SmallVec::new(),
            counter: Counter::default(),
            undo: None,
            session_started: None,
            joins: None,
            rare: None,
        }
    }

    /// The join traffic, when the device joined.
    pub(crate) fn joins(&self) -> Option<&Joins> {
        self.joins.as_deref()
    }

    /// The join traffic to update, when the device joined.
    pub(crate) fn joins_if_any(&mut self) -> Option<&mut Joins> {
        self.joins.as_deref_mut()
    }

    /// The join traffic, allocated on first use.
    pub(crate) fn joins_mut(&mut self) -> &mut Joins {
        let caps = self.caps;
        self.joins.get_or_insert_with(|| {
            Box::new(Joins {
                attempts: Ring::new(size(caps.join_attempts)),
                accepts: Ring::new(size(caps.join_accepts)),
                app_joins: Ring::new(size(caps.join_accepts)),
                nonces: HashMap::new(),
                join_requests: 0,
                join_accepts: 0,
                tx_ok: 0,
                tx_failed: 0,
                nonces_reused: 0,
                session_keys: Vec::new(),
            })
        })
    }

    /// The rarely used parts, when used.
    pub(crate) fn rare(&self) -> Option<&Rare> {
        self.rare.as_deref()
    }

    /// The rarely used parts, allocated on first use.
    pub(crate) fn rare_mut(&mut self) -> &mut Rare {
        let (logs, uplinks) = (self.caps.logs, self.uplinks.cap());
        self.rare.get_or_insert_with(|| {
            Box::new(Rare {
                logs: Ring::new(size(logs)),
                log_codes: BTreeMap::new(),
                resets: Ring::new(uplinks),
                evicted: Extremes::default(),
            })
        })
    }

    /// Records that message `index` concerns the device.
    /// The index of the latest message kept as evidence (changes whenever the device's
    /// evidence grows, until the evidence limit is reached).
    pub(crate) fn last_evidence(&self) -> Option<u64> {
        self.evidence.last().copied()
    }

    pub(crate) fn evidence(&mut self, index: u64) {
        if self.evidence.last() != Some(&index) && self.evidence.len() < size(self.caps.evidence) {
            super::store::push_snug(&mut self.evidence, index);
        }
    }

    /// Adds a timeline entry and its message to the evidence.
    pub(crate) fn log_entry(&mut self, entry: TEntry) {
        self.evidence(entry.index);
        match &mut self.timeline {
            Timeline::Kept(ring) => {
                ring.push(entry);
            }
            Timeline::Digest(d) => d.push(&entry),
        }
    }

    /// Interned ids of the gateways that heard the device.
    pub(crate) fn gateway_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.gateways.iter().copied()
    }

    /// Notes that gateway `gw` heard the device.
    pub(crate) fn heard_by(&mut self, gw: u32) {
        if let Err(pos) = self.gateways.binary_search(&gw) {
            self.gateways.insert(pos, gw);
        }
    }

    /// Appends a join attempt; returns its sequence number.
    pub(crate) fn push_attempt(&mut self, a: Attempt) -> u64 {
        let attempts = &mut self.joins_mut().attempts;
        let seq = attempts.next_seq();
        if let Some(old) = attempts.push(a) {
            self.rare_mut().evicted.add(best_of(&old.receptions));
        }
        seq
    }

    /// Appends an uplink; returns its sequence number.
    pub(crate) fn push_uplink(&mut self, u: Uplink) -> u64 {
        let seq = self.uplinks.next_seq();
        if let Some(old) = self.uplinks.push(u) {
            self.rare_mut().evicted.add(best_of(&old.receptions));
        }
        seq
    }

    /// Remembers a DevAddr the device uses.
    pub(crate) fn add_dev_addr(&mut self, addr: DevAddr) {
        if !self.dev_addrs.contains(&addr) {
            if self.dev_addrs.len() >= size(self.caps.join_accepts.max(1)) {
                self.dev_addrs.remove(0);
            }
            self.dev_addrs.push(addr);
        }
    }

    /// Remembers the NwkSKey of a session.
    pub(crate) fn add_session_key(&mut self, addr: DevAddr, key: AesKey) {
        let keys = &mut self.joins_mut().session_keys;
        keys.retain(|(a, _)| *a != addr);
        if keys.len() >= SESSION_KEYS {
            keys.remove(0);
        }
        keys.push((addr, key));
    }

    /// The NwkSKey of a session, when known.
    pub(crate) fn session_key(&self, addr: DevAddr) -> Option<&AesKey> {
        self.joins()?.session_keys.iter().rev().find(|(a, _)| *a == addr).map(|(_, k)| k)
    }

    /// Marks a (re)join announcing `addr`, unless the current session already uses that
    /// address and started within `grace_s` seconds (ChirpStack v3 sends its join event after
    /// the first uplink of the new session).
    pub(crate) fn rejoin(&mut self, addr: Option<DevAddr>, at: DateTime<Utc>, grace_s: i64) {
        let current = self.counter.started() && addr.is_some() && self.counter.addr() == addr;
        let recent = self.session_started.is_some_and(|s| (at - s).num_seconds().abs() <= grace_s);
        if !(current && recent) {
            self.counter.rejoin();
        }
    }

    /// The public record.
    pub(crate) fn to_record(&self, names: &Names, malformed: u64) -> DeviceRecord {
        let joins = self.joins();
        let rare = self.rare();
        let attempts_first = joins.map_or(0, |j| j.attempts.first_seq());
        let accepts_first = joins.map_or(0, |j| j.accepts.first_seq());
        let rx_summaries = |rxs: &[Rx]| -> Vec<RxSummary> {
            rxs.iter()
                .map(|r| RxSummary {
                    index: r.index,
                    gateway: names.gateway(r.gw).unwrap_or_default(),
                    rssi_dbm: super::store::unpack_f64(r.rssi),
                    snr_db: super::store::unpack_f64(r.snr),
                })
                .collect()
        };
        let join_attempts = joins
            .into_iter()
            .flat_map(|j| j.attempts.iter())
            .map(|a| JoinAttempt {
                index: a.index,
                at: a.at,
                join_eui: a.join_eui,
                dev_nonce: a.dev_nonce,
                mic: a.mic,
                tx: a.radio.unpack(names),
                receptions: rx_summaries(&a.receptions),
                dev_nonce_reused: a.reused,
                ns_log_codes: a.log_codes.clone(),
                accept: a
                    .accept_seq
                    .and_then(|s| s.checked_sub(accepts_first))
                    .and_then(|p| usize::try_from(p).ok()),
            })
            .collect();
        let join_accepts = joins
            .into_iter()
            .flat_map(|j| j.accepts.iter())
            .map(|a| JoinAcceptRecord {
                index: a.index,
                at: a.at,
                gateway: names.gateway(a.gw).unwrap_or_default(),
                downlink_id: a.downlink_id,
                rx1_delay_s: a.rx1_delay_s,
                attempt: a
                    .attempt_seq
                    .and_then(|s| s.checked_sub(attempts_first))
                    .and_then(|p| usize::try_from(p).ok()),
                tx: a.tx.clone(),
                ack_index: a.ack_index,
                decrypted: a.decrypted.clone(),
                mic: a.mic,
            })
            .collect();
        let uplinks = self
            .uplinks
            .iter()
            .map(|u| UplinkRecord {
                index: u.index,
                at: u.at,
                dev_addr: u.dev_addr.unwrap_or_default(),
                f_cnt: u.f_cnt,
                f_port: u.f_port,
                confirmed: u.confirmed,
                tx: u.radio.unpack(names),
                receptions: rx_summaries(&u.receptions),
                session: u.session,
                mic: u.mic,
                retransmission: u.class == super::fcnt::Class::Repeat,
            })
            .collect();
        let (timeline, digest) = match &self.timeline {
            Timeline::Kept(ring) => {
                let mut timeline: Vec<_> =
                    ring.iter().map(|e| super::timeline::entry(e, names)).collect();
                timeline.sort_by_key(|e| e.index);
                (timeline, None)
            }
            Timeline::Digest(d) => (Vec::new(), Some(d.to_public())),
        };
        DeviceRecord {
            dev_eui: self.dev_eui,
            join_attempts,
            join_accepts,
            uplinks,
            logs: rare.into_iter().flat_map(|r| r.logs.iter()).cloned().collect(),
            fcnt_resets: rare.into_iter().flat_map(|r| r.resets.iter()).cloned().collect(),
            app_joins: joins.into_iter().flat_map(|j| j.app_joins.iter()).copied().collect(),
            dev_addrs: self.dev_addrs.to_vec(),
            timeline,
            timeline_digest: digest,
            evidence: self.evidence.iter().copied().collect::<BTreeSet<u64>>(),
            stats: self.stats(malformed),
            gateway_availability: Vec::new(),
            malformed: Vec::new(),
            not_observed: Vec::new(),
        }
    }

    fn stats(&self, malformed: u64) -> Stats {
        let joins = self.joins();
        let mut samples: Vec<(u64, super::stats::Best)> = joins
            .into_iter()
            .flat_map(|j| j.attempts.iter())
            .map(|a| (a.index, best_of(&a.receptions)))
            .chain(self.uplinks.iter().map(|u| (u.index, best_of(&u.receptions))))
            .collect();
        samples.sort_by_key(|s| s.0);
        let keep = samples.len().saturating_sub(size(self.caps.samples));
        let kept: Vec<super::stats::Best> = samples.iter().map(|s| s.1).collect();
        let evicted = self.rare().map(|r| r.evicted).unwrap_or_default();
        let (rssi_dbm, snr_db) = super::stats::spreads(&kept, keep, &evicted);
        let c = &self.counter;
        Stats {
            join_requests: joins.map_or(0, |j| j.join_requests),
            join_accepts: joins.map_or(0, |j| j.join_accepts),
            join_accept_tx_ok: joins.map_or(0, |j| j.tx_ok),
            join_accept_tx_failed: joins.map_or(0, |j| j.tx_failed),
            dev_nonces_distinct: joins.map_or(0, |j| j.nonces.len() as u64),
            dev_nonces_reused: joins.map_or(0, |j| j.nonces_reused),
            uplinks: c.uplinks,
            fcnt_first: c.first,
            fcnt_last: c.latest,
            fcnt_missing: c.missing,
            fcnt_resets: c.resets,
            retransmissions: c.retransmissions,
            gateways: self.gateways.len() as u64,
            rssi_dbm,
            snr_db,
            ns_log_codes: self.rare().map(|r| r.log_codes.clone()).unwrap_or_default(),
            malformed_messages: malformed,
            gateways_offline: 0,
            fcnt_missing_unobserved: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_s_gateways_and_dev_addrs_take_no_more_room_in_its_state_than_vecs_did() {
        // Held inline up to four each: no heap block for most devices, and the state no larger.
        assert_eq!(std::mem::size_of::<SmallVec<[u32; 4]>>(), std::mem::size_of::<Vec<u32>>());
        assert_eq!(
            std::mem::size_of::<SmallVec<[DevAddr; 4]>>(),
            std::mem::size_of::<Vec<DevAddr>>()
        );
        let mut d = DeviceState::new(DevEui::from_u64(1), &super::super::LIMITS);
        for gw in [7, 3, 9, 3, 1] {
            d.heard_by(gw);
        }
        assert_eq!(d.gateway_ids().collect::<Vec<_>>(), [1, 3, 7, 9]);
        assert!(!d.gateways.spilled(), "four gateways are held inline");
        d.heard_by(5);
        assert_eq!(d.gateway_ids().collect::<Vec<_>>(), [1, 3, 5, 7, 9]);
    }
}
