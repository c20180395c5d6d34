//! Per-device state: bounded lists, counters and the frame-counter state machine.
//!
//! Everything here is bounded by [`super::Limits`]; counters keep counting when lists evict.
//! [`DeviceState::to_record`] materialises the public [`DeviceRecord`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use crate::model::{AesKey, DevAddr, DevEui};

use super::fcnt::Counter;
use super::stats::Extremes;
use super::store::{Accept, Attempt, Names, Ring, Rx, TEntry, Uplink, best_of};
use super::{
    DeviceRecord, FcntReset, JoinAcceptRecord, JoinAttempt, Limits, LogRecord, RxSummary, Stats,
    UplinkRecord,
};

/// Session keys derived from decrypted join-accepts kept per device.
const SESSION_KEYS: usize = 8;

/// Everything tracked about one device.
#[derive(Debug, Clone)]
pub(crate) struct DeviceState {
    pub(crate) dev_eui: DevEui,
    pub(crate) attempts: Ring<Attempt>,
    pub(crate) accepts: Ring<Accept>,
    pub(crate) uplinks: Ring<Uplink>,
    pub(crate) logs: Ring<LogRecord>,
    pub(crate) resets: Ring<FcntReset>,
    pub(crate) app_joins: Ring<(u64, DateTime<Utc>, Option<DevAddr>)>,
    pub(crate) dev_addrs: Vec<DevAddr>,
    dev_addr_cap: usize,
    pub(crate) timeline: Ring<TEntry>,
    evidence: Vec<u64>,
    evidence_cap: usize,
    samples_cap: usize,
    pub(crate) counter: Counter,
    /// Snapshot of the counter before the newest uplink (its sequence number), for redo.
    pub(crate) undo: Option<(u64, Counter)>,
    /// When the current session's first frame was received.
    pub(crate) session_started: Option<DateTime<Utc>>,
    /// DevNonce → index of its first use.
    pub(crate) nonces: HashMap<u16, u64>,
    pub(crate) join_requests: u64,
    pub(crate) join_accepts: u64,
    pub(crate) tx_ok: u64,
    pub(crate) tx_failed: u64,
    pub(crate) nonces_reused: u64,
    gateways: Vec<u32>,
    pub(crate) log_codes: BTreeMap<String, u64>,
    /// RSSI/SNR extremes of transmissions evicted from the lists.
    evicted: Extremes,
    /// NwkSKeys of sessions learnt from decrypted join-accepts.
    pub(crate) session_keys: Vec<(DevAddr, AesKey)>,
}

impl DeviceState {
    /// An empty state.
    pub(crate) fn new(dev_eui: DevEui, limits: &Limits) -> Self {
        Self {
            dev_eui,
            attempts: Ring::new(limits.join_attempts),
            accepts: Ring::new(limits.join_accepts),
            uplinks: Ring::new(limits.uplinks),
            logs: Ring::new(limits.logs),
            resets: Ring::new(limits.uplinks),
            app_joins: Ring::new(limits.join_accepts),
            dev_addrs: Vec::new(),
            dev_addr_cap: limits.join_accepts.max(1),
            timeline: Ring::new(limits.timeline),
            evidence: Vec::new(),
            evidence_cap: limits.evidence,
            samples_cap: limits.samples.max(1),
            counter: Counter::default(),
            undo: None,
            session_started: None,
            nonces: HashMap::new(),
            join_requests: 0,
            join_accepts: 0,
            tx_ok: 0,
            tx_failed: 0,
            nonces_reused: 0,
            gateways: Vec::new(),
            log_codes: BTreeMap::new(),
            evicted: Extremes::default(),
            session_keys: Vec::new(),
        }
    }

    /// Records that message `index` concerns the device.
    /// The index of the latest message kept as evidence (changes whenever the device's
    /// evidence grows, until the evidence limit is reached).
    pub(crate) fn last_evidence(&self) -> Option<u64> {
        self.evidence.last().copied()
    }

    pub(crate) fn evidence(&mut self, index: u64) {
        if self.evidence.last() != Some(&index) && self.evidence.len() < self.evidence_cap {
            super::store::push_snug(&mut self.evidence, index);
        }
    }

    /// Adds a timeline entry and its message to the evidence.
    pub(crate) fn log_entry(&mut self, entry: TEntry) {
        self.evidence(entry.index);
        self.timeline.push(entry);
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
        let seq = self.attempts.next_seq();
        if let Some(old) = self.attempts.push(a) {
            self.evicted.add(best_of(&old.receptions));
        }
        seq
    }

    /// Appends an uplink; returns its sequence number.
    pub(crate) fn push_uplink(&mut self, u: Uplink) -> u64 {
        let seq = self.uplinks.next_seq();
        if let Some(old) = self.uplinks.push(u) {
            self.evicted.add(best_of(&old.receptions));
        }
        seq
    }

    /// Remembers a DevAddr the device uses.
    pub(crate) fn add_dev_addr(&mut self, addr: DevAddr) {
        if !self.dev_addrs.contains(&addr) {
            if self.dev_addrs.len() >= self.dev_addr_cap {
                self.dev_addrs.remove(0);
            }
            self.dev_addrs.push(addr);
        }
    }

    /// Remembers the NwkSKey of a session.
    pub(crate) fn add_session_key(&mut self, addr: DevAddr, key: AesKey) {
        self.session_keys.retain(|(a, _)| *a != addr);
        if self.session_keys.len() >= SESSION_KEYS {
            self.session_keys.remove(0);
        }
        self.session_keys.push((addr, key));
    }

    /// The NwkSKey of a session, when known.
    pub(crate) fn session_key(&self, addr: DevAddr) -> Option<&AesKey> {
        self.session_keys.iter().rev().find(|(a, _)| *a == addr).map(|(_, k)| k)
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
        let attempts_first = self.attempts.first_seq();
        let accepts_first = self.accepts.first_seq();
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
        let join_attempts = self
            .attempts
            .iter()
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
        let join_accepts = self
            .accepts
            .iter()
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
        let mut timeline: Vec<_> =
            self.timeline.iter().map(|e| super::timeline::entry(e, names)).collect();
        timeline.sort_by_key(|e| e.index);
        DeviceRecord {
            dev_eui: self.dev_eui,
            join_attempts,
            join_accepts,
            uplinks,
            logs: self.logs.iter().cloned().collect(),
            fcnt_resets: self.resets.iter().cloned().collect(),
            app_joins: self.app_joins.iter().cloned().collect(),
            dev_addrs: self.dev_addrs.clone(),
            timeline,
            evidence: self.evidence.iter().copied().collect::<BTreeSet<u64>>(),
            stats: self.stats(malformed),
            gateway_availability: Vec::new(),
            malformed: Vec::new(),
            not_observed: Vec::new(),
        }
    }

    fn stats(&self, malformed: u64) -> Stats {
        let mut samples: Vec<(u64, super::stats::Best)> = self
            .attempts
            .iter()
            .map(|a| (a.index, best_of(&a.receptions)))
            .chain(self.uplinks.iter().map(|u| (u.index, best_of(&u.receptions))))
            .collect();
        samples.sort_by_key(|s| s.0);
        let keep = samples.len().saturating_sub(self.samples_cap);
        let kept: Vec<super::stats::Best> = samples.iter().map(|s| s.1).collect();
        let (rssi_dbm, snr_db) = super::stats::spreads(&kept, keep, &self.evicted);
        let c = &self.counter;
        Stats {
            join_requests: self.join_requests,
            join_accepts: self.join_accepts,
            join_accept_tx_ok: self.tx_ok,
            join_accept_tx_failed: self.tx_failed,
            dev_nonces_distinct: self.nonces.len() as u64,
            dev_nonces_reused: self.nonces_reused,
            uplinks: c.uplinks,
            fcnt_first: c.first,
            fcnt_last: c.latest,
            fcnt_missing: c.missing,
            fcnt_resets: c.resets,
            retransmissions: c.retransmissions,
            gateways: self.gateways.len() as u64,
            rssi_dbm,
            snr_db,
            ns_log_codes: self.log_codes.clone(),
            malformed_messages: malformed,
            gateways_offline: 0,
            fcnt_missing_unobserved: 0,
        }
    }
}
