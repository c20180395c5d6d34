//! Join-requests, join-accepts and their gateway TX acks.
//!
//! - A join-request copy from another gateway within [`DUP_WINDOW_MS`] merges into the same
//!   attempt; the same gateway reporting identical bytes again is a new transmission (a
//!   replay, which also counts as a reused DevNonce).
//! - A join-accept (`command/down`, MHDR 0x20) names no device. It is matched to a recent
//!   join-request heard by the same gateway, at most [`ACCEPT_WINDOW_MS`] earlier, with the
//!   same context when both carry one, and answered with a delay timing (5 s / 6 s). With
//!   keys, a candidate whose AppKey decrypts the accept wins; without a candidate, the keys of
//!   the watched devices are tried. The accept belongs to the device of the chosen request.
//! - Acks are index-aligned with the downlink items: OK if any item is OK, else the first
//!   failing status.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};

use crate::frame::{self, FrameError, JoinAccept, JoinRequest, MicStatus};
use crate::model::{
    DevEui, DownlinkItem, DownlinkTiming, GatewayId, Reception, TxAckStatus, TxParams,
};

use super::device::DeviceState;
use super::store::{Accept, Attempt, FastMap, Kind, Note, Radio, Rx, TEntry, pack_f64};
use super::{ACCEPT_WINDOW_MS, DUP_WINDOW_MS, REJOIN_GRACE_S, Tracker, TxOutcome};

/// Recent join-request copies kept for matching (all devices, watched or not).
const RECENT_JOINS: usize = 4096;
/// Age limit of recent join-requests, seconds.
const RECENT_JOIN_AGE_S: i64 = 30;
/// Downlinks awaiting an ack.
const OPEN_DOWNLINKS: usize = 4096;
/// Age limit of downlinks awaiting an ack, seconds.
const OPEN_DOWNLINK_AGE_S: i64 = 120;
/// Keys tried on an unmatched join-accept at most.
const FALLBACK_KEYS: usize = 64;

/// One gateway copy of a recent join-request.
#[derive(Debug, Clone)]
pub(crate) struct RecentJoin {
    at: DateTime<Utc>,
    gw: u32,
    context: Box<[u8]>,
    dev: DevEui,
    attempt_seq: Option<u64>,
    answered: bool,
}

/// Recent join-request copies in arrival order (at most [`RECENT_JOINS`], none older than
/// [`RECENT_JOIN_AGE_S`] before the newest), numbered by a running sequence number and indexed
/// by gateway and by device, so that a join-accept looks only at its gateway's copies.
#[derive(Debug, Default)]
pub(crate) struct RecentJoins {
    list: VecDeque<RecentJoin>,
    /// Sequence number of `list[0]`.
    first: u64,
    by_gw: FastMap<u32, VecDeque<u64>>,
    by_dev: FastMap<DevEui, VecDeque<u64>>,
}

/// Removes the oldest sequence number of `key`'s list (the map drops empty lists).
fn pop_oldest<K: std::hash::Hash + Eq>(map: &mut FastMap<K, VecDeque<u64>>, key: &K) {
    if let Some(seqs) = map.get_mut(key) {
        seqs.pop_front();
        if seqs.is_empty() {
            map.remove(key);
        }
    }
}

impl RecentJoins {
    /// Adds a copy received at `j.at`, first dropping what falls outside the bounds.
    fn push(&mut self, j: RecentJoin) {
        while let Some(front) = self.list.front() {
            let full = self.list.len() >= RECENT_JOINS;
            if !full && (j.at - front.at).num_seconds() <= RECENT_JOIN_AGE_S {
                break;
            }
            if let Some(old) = self.list.pop_front() {
                self.first += 1;
                pop_oldest(&mut self.by_gw, &old.gw);
                pop_oldest(&mut self.by_dev, &old.dev);
            }
        }
        let seq = self.first + self.list.len() as u64;
        self.by_gw.entry(j.gw).or_default().push_back(seq);
        self.by_dev.entry(j.dev).or_default().push_back(seq);
        self.list.push_back(j);
    }

    fn get(&self, seq: u64) -> Option<&RecentJoin> {
        self.list.get(usize::try_from(seq.checked_sub(self.first)?).ok()?)
    }

    fn get_mut(&mut self, seq: u64) -> Option<&mut RecentJoin> {
        self.list.get_mut(usize::try_from(seq.checked_sub(self.first)?).ok()?)
    }

    /// The copies heard by gateway `gw`, oldest first, with their sequence numbers.
    fn of_gateway(&self, gw: u32) -> impl Iterator<Item = (u64, &RecentJoin)> {
        self.by_gw.get(&gw).into_iter().flatten().filter_map(|s| Some((*s, self.get(*s)?)))
    }

    /// Marks every copy of the device's attempt `attempt_seq` answered.
    fn mark_answered(&mut self, dev: &DevEui, attempt_seq: u64) {
        let seqs: Vec<u64> = self.by_dev.get(dev).into_iter().flatten().copied().collect();
        for s in seqs {
            if let Some(j) = self.get_mut(s).filter(|j| j.attempt_seq == Some(attempt_seq)) {
                j.answered = true;
            }
        }
    }
}

/// What a downlink awaiting its ack is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DownlinkWhat {
    JoinAccept(u64),
    Data,
}

/// A downlink awaiting its ack.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OpenDownlink {
    dev: DevEui,
    index: u64,
    at: DateTime<Utc>,
    what: DownlinkWhat,
}

/// Downlinks awaiting an ack, by (gateway, downlink id).
#[derive(Debug, Default)]
pub(crate) struct Downlinks {
    open: FastMap<(u32, u32), OpenDownlink>,
    order: VecDeque<(DateTime<Utc>, (u32, u32))>,
}

impl Downlinks {
    fn insert(&mut self, key: (u32, u32), dl: OpenDownlink) {
        while let Some((at, k)) = self.order.front().copied() {
            let expired = (dl.at - at).num_seconds() > OPEN_DOWNLINK_AGE_S;
            let full = self.open.len() >= OPEN_DOWNLINKS || self.order.len() >= 2 * OPEN_DOWNLINKS;
            if !expired && !full {
                break;
            }
            self.order.pop_front();
            if self.open.get(&k).is_some_and(|o| o.at == at) {
                self.open.remove(&k);
            }
        }
        self.open.insert(key, dl);
        self.order.push_back((dl.at, key));
    }
}

/// The gateway's TX outcome of a downlink from its per-item statuses.
pub(crate) fn tx_outcome(items: &[TxAckStatus]) -> TxOutcome {
    if items.contains(&TxAckStatus::Ok) {
        TxOutcome::Ok
    } else if let Some(s) = items.iter().find(|s| **s != TxAckStatus::Ignored) {
        TxOutcome::Failed(s.clone())
    } else if items.is_empty() {
        TxOutcome::Pending
    } else {
        TxOutcome::Failed(TxAckStatus::Ignored)
    }
}

fn ms(a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
    (a - b).num_milliseconds()
}

fn is_join_accept(item: &DownlinkItem) -> bool {
    item.phy_payload.first().is_some_and(|b| b >> 5 == 1)
}

struct Candidate {
    /// Sequence number of the recent join-request copy.
    pos: Option<u64>,
    dev: DevEui,
    attempt_seq: Option<u64>,
    context_match: bool,
    mic: MicStatus,
    decrypted: Option<JoinAccept>,
    answered: bool,
    at: DateTime<Utc>,
}

impl Candidate {
    fn rank(&self) -> (bool, bool, bool, bool, DateTime<Utc>) {
        (
            self.context_match,
            self.mic == MicStatus::Valid,
            self.mic != MicStatus::Invalid,
            !self.answered,
            self.at,
        )
    }
}

fn decrypt(phy: &[u8], key: Option<&crate::model::AesKey>) -> (MicStatus, Option<JoinAccept>) {
    match key.map(|k| frame::decrypt_join_accept(phy, k)) {
        Some(Ok(ja)) => (MicStatus::Valid, Some(ja)),
        Some(Err(FrameError::InvalidMic)) => (MicStatus::Invalid, None),
        _ => (MicStatus::Unchecked, None),
    }
}

/// Records one gateway copy of a join-request; returns the attempt's sequence number.
#[allow(clippy::too_many_arguments)]
fn record_join_request(
    dev: &mut DeviceState,
    index: u64,
    at: DateTime<Utc>,
    phy: &[u8],
    jr: &JoinRequest,
    radio: Radio,
    rx: Rx,
    app_key: Option<&crate::model::AesKey>,
) -> u64 {
    let joins = dev.joins_mut();
    let first = joins.attempts.first_seq();
    let copy = joins.attempts.iter().enumerate().rev().take(8).find_map(|(k, a)| {
        let same =
            a.join_eui == jr.join_eui && a.dev_nonce == jr.dev_nonce && a.mic_bytes == jr.mic;
        let close = ms(at, a.at).abs() <= DUP_WINDOW_MS;
        let other_gw = !a.receptions.iter().any(|r| r.gw == rx.gw);
        (same && close && other_gw).then_some(first + k as u64)
    });
    let entry = TEntry::new(Kind::JoinRequest, index, at).radio(&radio).rx(&rx);
    if let Some(seq) = copy {
        let mut note = Note::None;
        let mut mic = MicStatus::Unchecked;
        if let Some(a) = dev.joins_mut().attempts.get_seq_mut(seq) {
            super::store::push_snug(&mut a.receptions, rx);
            note = Note::SameAs(a.index);
            mic = a.mic;
        }
        dev.heard_by(rx.gw);
        let mut e = entry.note(note);
        e.dev_nonce = Some(jr.dev_nonce);
        e.mic = Some(mic);
        dev.log_entry(e);
        return seq;
    }
    let mic = app_key
        .map(|k| frame::join_request_mic(phy, k).unwrap_or(MicStatus::Unchecked))
        .unwrap_or(MicStatus::Unchecked);
    let joins = dev.joins_mut();
    let first_use = joins.nonces.get(&jr.dev_nonce).copied();
    if first_use.is_none() {
        joins.nonces.insert(jr.dev_nonce, index);
    }
    joins.join_requests += 1;
    if first_use.is_some() {
        joins.nonces_reused += 1;
    }
    let seq = dev.push_attempt(Attempt {
        index,
        at,
        join_eui: jr.join_eui,
        dev_nonce: jr.dev_nonce,
        mic,
        mic_bytes: jr.mic,
        radio,
        receptions: vec![rx],
        reused: first_use.is_some(),
        log_codes: Vec::new(),
        accept_seq: None,
    });
    dev.heard_by(rx.gw);
    let mut e = entry.note(first_use.map_or(Note::None, Note::NonceReused));
    e.dev_nonce = Some(jr.dev_nonce);
    e.mic = Some(mic);
    dev.log_entry(e);
    seq
}

impl Tracker {
    /// A join-request heard by one gateway.
    pub(super) fn on_join_request(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        phy: &[u8],
        jr: &JoinRequest,
        tx: &TxParams,
        reception: &Reception,
    ) {
        let gw = self.names.gateways.intern(&reception.gateway);
        let radio = Radio::pack(tx, &mut self.names);
        let rx = Rx {
            index,
            rssi: pack_f64(reception.rssi_dbm),
            snr: pack_f64(reception.snr_db),
            gw,
            from_gw: true,
            from_app: false,
        };
        let attempt_seq = if self.watched(&jr.dev_eui) {
            let app_key = self.config.keys.get(&jr.dev_eui).map(|k| k.app_key);
            let dev = Self::state(&mut self.devices, &self.limits, jr.dev_eui);
            Some(record_join_request(dev, index, at, phy, jr, radio, rx, app_key.as_ref()))
        } else {
            None
        };
        self.joins.push(RecentJoin {
            at,
            gw,
            context: reception.context.clone().into_boxed_slice(),
            dev: jr.dev_eui,
            attempt_seq,
            answered: false,
        });
    }

    /// A `command/down`: a join-accept or a data downlink.
    pub(super) fn on_gateway_downlink(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        gateway: &GatewayId,
        downlink_id: u32,
        items: &[DownlinkItem],
    ) {
        if let Some(item) = items.iter().find(|i| is_join_accept(i)) {
            self.on_join_accept(index, at, gateway, downlink_id, item, items);
        } else if let Some(item) = items.first() {
            self.on_data_downlink(index, at, gateway, downlink_id, item);
        }
    }

    fn candidates(&self, at: DateTime<Utc>, gw: u32, item: &DownlinkItem) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        let mut decrypted: HashMap<DevEui, (MicStatus, Option<JoinAccept>)> = HashMap::new();
        for (pos, j) in self.joins.of_gateway(gw) {
            let dt = ms(at, j.at);
            if !(0..=ACCEPT_WINDOW_MS).contains(&dt) {
                continue;
            }
            let both = !j.context.is_empty() && !item.context.is_empty();
            if both && *j.context != *item.context {
                continue;
            }
            let (mic, dec) = decrypted
                .entry(j.dev)
                .or_insert_with(|| {
                    let key = self.config.keys.get(&j.dev).map(|k| k.app_key);
                    decrypt(&item.phy_payload, key.as_ref())
                })
                .clone();
            out.push(Candidate {
                pos: Some(pos),
                dev: j.dev,
                attempt_seq: j.attempt_seq,
                context_match: both,
                mic,
                decrypted: dec,
                answered: j.answered,
                at: j.at,
            });
        }
        if out.is_empty() {
            for (dev, keys) in self.config.keys.iter().take(FALLBACK_KEYS) {
                if !self.watched(dev) {
                    continue;
                }
                if let (MicStatus::Valid, Some(ja)) =
                    decrypt(&item.phy_payload, Some(&keys.app_key))
                {
                    out.push(Candidate {
                        pos: None,
                        dev: *dev,
                        attempt_seq: None,
                        context_match: false,
                        mic: MicStatus::Valid,
                        decrypted: Some(ja),
                        answered: false,
                        at,
                    });
                    break;
                }
            }
        }
        out
    }

    fn on_join_accept(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        gateway: &GatewayId,
        downlink_id: u32,
        item: &DownlinkItem,
        items: &[DownlinkItem],
    ) {
        let gw = self.names.gateways.intern(gateway);
        if let Some(open) = self.downlinks.open.get(&(gw, downlink_id)) {
            // The same downlink reported again (The Things Stack: the Network Server's
            // schedule attempt and the Gateway Server's send).
            if let Some(dev) = self.devices.get_mut(&open.dev) {
                dev.evidence(index);
            }
            return;
        }
        let rx1 = items.first().and_then(|i| i.timing.as_ref());
        if matches!(rx1, Some(DownlinkTiming::Immediately | DownlinkTiming::GpsEpoch)) {
            return;
        }
        let rx1_delay_s = match rx1 {
            Some(DownlinkTiming::Delay { seconds }) => Some(*seconds),
            _ => None,
        };
        let Some(best) =
            self.candidates(at, gw, item).into_iter().max_by(|a, b| a.rank().cmp(&b.rank()))
        else {
            return;
        };
        match (best.pos, best.attempt_seq) {
            (Some(_), Some(seq)) => self.joins.mark_answered(&best.dev, seq),
            (Some(pos), None) => {
                if let Some(j) = self.joins.get_mut(pos) {
                    j.answered = true;
                }
            }
            (None, _) => {}
        }
        if !self.watched(&best.dev) {
            return;
        }
        let app_key = self.config.keys.get(&best.dev).map(|k| k.app_key);
        let radio =
            Radio::pack(&items.first().map(|i| i.tx.clone()).unwrap_or_default(), &mut self.names);
        let dev = Self::state(&mut self.devices, &self.limits, best.dev);
        let joins = dev.joins_mut();
        let seq = joins.accepts.next_seq();
        let mut answers = None;
        let mut dev_nonce = None;
        if let Some(a) = best.attempt_seq.and_then(|s| joins.attempts.get_seq_mut(s)) {
            if a.accept_seq.is_none() {
                a.accept_seq = Some(seq);
            }
            answers = Some(a.index);
            dev_nonce = Some(a.dev_nonce);
        }
        let dev_addr = best.decrypted.as_ref().map(|ja| ja.dev_addr);
        joins.accepts.push(Accept {
            index,
            at,
            gw,
            downlink_id,
            rx1_delay_s,
            attempt_seq: best.attempt_seq,
            tx: TxOutcome::Pending,
            ack_index: None,
            decrypted: best.decrypted.clone(),
            mic: best.mic,
        });
        joins.join_accepts += 1;
        let mut e = TEntry::new(Kind::JoinAccept, index, at)
            .radio(&radio)
            .note(answers.map_or(Note::Unmatched, Note::Answers));
        e.gw = gw;
        e.dev_addr = dev_addr;
        e.mic = Some(best.mic);
        dev.log_entry(e);
        dev.rejoin(dev_addr, at, REJOIN_GRACE_S);
        if let (Some(ja), Some(nonce), Some(key)) = (&best.decrypted, dev_nonce, app_key) {
            let keys = frame::derive_session_keys(&key, ja.join_nonce, ja.net_id, nonce);
            dev.add_session_key(ja.dev_addr, keys.nwk_s_key);
        }
        self.downlinks.insert(
            (gw, downlink_id),
            OpenDownlink { dev: best.dev, index, at, what: DownlinkWhat::JoinAccept(seq) },
        );
        if let Some(addr) = dev_addr {
            self.learn_addr(addr, best.dev, at);
        }
    }

    fn on_data_downlink(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        gateway: &GatewayId,
        downlink_id: u32,
        item: &DownlinkItem,
    ) {
        let Ok(frame::Frame::Data(d)) = frame::parse(&item.phy_payload) else {
            return;
        };
        if d.uplink {
            return;
        }
        let Some(dev_eui) = self.addrs.get(&d.dev_addr).copied() else {
            return;
        };
        if !self.watched(&dev_eui) {
            return;
        }
        let gw = self.names.gateways.intern(gateway);
        let radio = Radio::pack(&item.tx, &mut self.names);
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        let mut e = TEntry::new(Kind::Downlink, index, at).radio(&radio);
        e.gw = gw;
        e.dev_addr = Some(d.dev_addr);
        e.f_cnt = Some(u32::from(d.f_cnt16));
        e.f_port = d.f_port;
        dev.log_entry(e);
        self.downlinks.insert(
            (gw, downlink_id),
            OpenDownlink { dev: dev_eui, index, at, what: DownlinkWhat::Data },
        );
    }

    /// A gateway TX ack (`event/ack`).
    pub(super) fn on_tx_ack(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        gateway: &GatewayId,
        downlink_id: u32,
        items: &[TxAckStatus],
    ) {
        let Some(gw) = self.names.gateways.lookup(gateway) else {
            return;
        };
        self.settle_downlink(index, at, (gw, downlink_id), items);
    }

    /// A network server's report of a downlink's outcome, by its transmission ID (whatever the
    /// gateway): the first report settles the downlink, later ones find it settled.
    pub(super) fn on_ns_tx_result(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: Option<DevEui>,
        downlink_id: u32,
        status: &TxAckStatus,
    ) {
        let key = self
            .downlinks
            .open
            .iter()
            .filter(|(k, dl)| k.1 == downlink_id && dev_eui.is_none_or(|d| dl.dev == d))
            .map(|(k, _)| *k)
            .min();
        match key {
            Some(key) => self.settle_downlink(index, at, key, std::slice::from_ref(status)),
            None => {
                if let Some(dev) = dev_eui.and_then(|d| self.devices.get_mut(&d)) {
                    dev.evidence(index);
                }
            }
        }
    }

    fn settle_downlink(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        key: (u32, u32),
        items: &[TxAckStatus],
    ) {
        let gw = key.0;
        let Some(dl) = self.downlinks.open.remove(&key) else {
            return;
        };
        let outcome = tx_outcome(items);
        let status = match &outcome {
            TxOutcome::Ok => Some(TxAckStatus::Ok),
            TxOutcome::Failed(s) => Some(s.clone()),
            TxOutcome::Pending => None,
        };
        let dev = Self::state(&mut self.devices, &self.limits, dl.dev);
        let kind = match dl.what {
            DownlinkWhat::JoinAccept(seq) => {
                let joins = dev.joins_mut();
                match outcome {
                    TxOutcome::Ok => joins.tx_ok += 1,
                    TxOutcome::Failed(_) => joins.tx_failed += 1,
                    TxOutcome::Pending => {}
                }
                if let Some(a) = joins.accepts.get_seq_mut(seq) {
                    a.tx = outcome;
                    a.ack_index = Some(index);
                }
                Kind::JoinAcceptTx
            }
            DownlinkWhat::Data => Kind::DownlinkTx,
        };
        let mut e = TEntry::new(kind, index, at).tx_status(status).note(Note::AckFor(dl.index));
        e.gw = gw;
        dev.log_entry(e);
    }
}

#[cfg(test)]
mod tests;
