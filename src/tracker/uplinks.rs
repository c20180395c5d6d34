//! Data uplinks: gateway frames, application `up` events, DevAddr attribution, de-duplication
//! and frame-counter accounting.
//!
//! - A gateway frame is attributed through the DevAddr → DevEUI map; unknown addresses wait
//!   in the [`super::pending`] buffer until the mapping is learnt.
//! - Copies: the same DevAddr and FCnt (and identical bytes) from a *different* gateway within
//!   [`DUP_WINDOW_MS`] is the same transmission; the same gateway again is a new one (a
//!   retransmission when the FCnt repeats). An application `up` with the same DevAddr and FCnt
//!   low bits within the window is the same frame and adds its receptions.
//! - When an application event reveals the full 32-bit FCnt of a frame counted from its
//!   16-bit wire value, the observation is redone with the full value.

use chrono::{DateTime, Utc};

use crate::frame::{self, DataFrame, MicStatus};
use crate::model::{AppUplink, DevAddr, DevEui, Reception, TxParams};

use super::device::DeviceState;
use super::fcnt::{Class, Observation, Observed};
use super::pending::GwFrame;
use super::store::{Kind, Note, Radio, Rx, TEntry, Uplink, pack_f64, phy_hash};
use super::{DUP_WINDOW_MS, FcntReset, Tracker};

/// Most recent uplinks searched for a copy.
const COPY_SEARCH: usize = 8;

fn within(a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
    (a - b).num_milliseconds().abs() <= DUP_WINDOW_MS
}

fn low16(f: u32) -> u16 {
    (f & 0xffff) as u16
}

/// The note of a new transmission.
fn note_for(obs: &Observation, prev_index: Option<u64>) -> Note {
    match obs.class {
        Class::Reset { from } => Note::Reset(from),
        Class::Repeat => prev_index.map_or(Note::None, Note::Retransmission),
        _ if obs.new_session && obs.session > 0 => Note::NewSession,
        _ => Note::None,
    }
}

/// Index of the newest uplink before sequence number `seq`.
fn prev_index(dev: &DeviceState, seq: u64) -> Option<u64> {
    seq.checked_sub(1).and_then(|s| dev.uplinks.get_seq(s)).map(|u| u.index)
}

/// Counts a new transmission; returns its sequence number and observation.
fn observe_new(
    dev: &mut DeviceState,
    mut up: Uplink,
    addr: Option<DevAddr>,
    obs_in: Observed,
    mic_phy: Option<&[u8]>,
) -> (u64, Observation) {
    let snapshot = dev.counter;
    let obs = dev.counter.observe(addr, obs_in);
    if obs.new_session || matches!(obs.class, Class::Reset { .. }) {
        dev.session_started = Some(up.at);
    }
    if let Class::Reset { from } = obs.class {
        dev.rare_mut().resets.push(FcntReset { index: up.index, at: up.at, from, to: obs.f_cnt });
    }
    if let (Some(phy), Some(a)) = (mic_phy, addr) {
        if let Some(key) = dev.session_key(a) {
            up.mic = frame::data_mic(phy, key, obs.f_cnt).unwrap_or(MicStatus::Unchecked);
        }
    }
    up.f_cnt = obs.f_cnt;
    up.session = obs.session;
    up.class = obs.class;
    up.dev_addr = up.dev_addr.or(dev.counter.addr());
    for rx in &up.receptions {
        dev.heard_by(rx.gw);
    }
    let seq = dev.push_uplink(up);
    dev.undo = Some((seq, snapshot));
    (seq, obs)
}

/// Redoes the newest observation with the full counter an application event revealed.
fn redo_full(dev: &mut DeviceState, seq: u64, full: u32) {
    let Some(up) = dev.uplinks.get_seq(seq) else {
        return;
    };
    let (old_class, addr, index, at) = (up.class, up.dev_addr, up.index, up.at);
    let receptions: Vec<u64> = up.receptions.iter().map(|r| r.index).collect();
    let Some((useq, snapshot)) = dev.undo.filter(|(s, _)| *s == seq) else {
        if let Some(up) = dev.uplinks.get_seq_mut(seq) {
            up.f_cnt = full;
        }
        return;
    };
    if matches!(old_class, Class::Reset { .. }) {
        dev.rare_mut().resets.pop_back();
    }
    dev.counter = snapshot;
    let obs = dev.counter.observe(addr, Observed::Full(full));
    dev.undo = Some((useq, snapshot));
    if let Class::Reset { from } = obs.class {
        dev.rare_mut().resets.push(FcntReset { index, at, from, to: obs.f_cnt });
    }
    let note = note_for(&obs, prev_index(dev, seq));
    if let Some(up) = dev.uplinks.get_seq_mut(seq) {
        up.f_cnt = obs.f_cnt;
        up.class = obs.class;
        up.session = obs.session;
    }
    dev.timeline.redo(4 * COPY_SEARCH, |i| receptions.contains(&i), index, obs.f_cnt, &note);
}

/// The newest uplink a gateway copy can merge into.
fn find_gw_copy(dev: &DeviceState, f: &GwFrame) -> Option<u64> {
    let first = dev.uplinks.first_seq();
    let (k, u) = dev.uplinks.iter().enumerate().rev().take(COPY_SEARCH).find(|(_, u)| {
        u.dev_addr.is_none_or(|a| a == f.dev_addr)
            && low16(u.f_cnt) == f.f_cnt16
            && within(u.at, f.at)
    })?;
    let same_bytes = u.phy_hash == 0 || u.phy_hash == f.hash;
    let new_gateway = !u.receptions.iter().any(|r| r.gw == f.rx.gw && r.from_gw);
    (same_bytes && new_gateway).then_some(first + k as u64)
}

/// The newest uplink an application event can merge into.
fn find_app_copy(dev: &DeviceState, u: &AppUplink, at: DateTime<Utc>) -> Option<u64> {
    let first = dev.uplinks.first_seq();
    let (k, up) = dev.uplinks.iter().enumerate().rev().take(COPY_SEARCH).find(|(_, up)| {
        low16(up.f_cnt) == low16(u.f_cnt)
            && within(up.at, at)
            && match (up.dev_addr, u.dev_addr) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    })?;
    (!up.has_app).then_some(first + k as u64)
}

/// Merges receptions, keeping one per gateway.
fn merge_rx(into: &mut Vec<Rx>, rx: Rx) {
    match into.iter_mut().find(|r| r.gw == rx.gw) {
        Some(r) => {
            r.from_gw |= rx.from_gw;
            r.from_app |= rx.from_app;
            if r.rssi.is_nan() {
                r.rssi = rx.rssi;
            }
            if r.snr.is_nan() {
                r.snr = rx.snr;
            }
        }
        None => super::store::push_snug(into, rx),
    }
}

impl Tracker {
    /// A data uplink heard by one gateway.
    pub(super) fn on_data_frame(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        phy: &[u8],
        d: &DataFrame,
        tx: &TxParams,
        reception: &Reception,
    ) {
        let owner = self.addrs.get(&d.dev_addr).copied();
        if owner.is_some_and(|dev| !self.watched(&dev)) {
            return;
        }
        let gw = self.names.gateways.intern(&reception.gateway);
        let mut frame = GwFrame {
            index,
            at,
            dev_addr: d.dev_addr,
            f_cnt16: d.f_cnt16,
            f_port: d.f_port,
            confirmed: d.confirmed,
            hash: phy_hash(phy),
            radio: Radio::pack(tx, &mut self.names),
            rx: Rx {
                index,
                rssi: pack_f64(reception.rssi_dbm),
                snr: pack_f64(reception.snr_db),
                gw,
                from_gw: true,
                from_app: false,
            },
            phy: Box::default(),
        };
        match owner {
            Some(dev) => self.attribute(dev, frame, phy),
            None => {
                frame.phy = phy.into();
                self.pending.push(frame);
            }
        }
    }

    /// Records a gateway frame (PHYPayload `phy`) as the device's.
    pub(super) fn attribute(&mut self, dev_eui: DevEui, f: GwFrame, phy: &[u8]) {
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        let mut e = TEntry::new(Kind::Uplink, f.index, f.at).radio(&f.radio).rx(&f.rx);
        e.dev_addr = Some(f.dev_addr);
        e.f_port = f.f_port;
        if let Some(seq) = find_gw_copy(dev, &f) {
            if let Some(up) = dev.uplinks.get_seq_mut(seq) {
                merge_rx(&mut up.receptions, f.rx);
                if up.phy_hash == 0 {
                    up.phy_hash = f.hash;
                }
                up.dev_addr = up.dev_addr.or(Some(f.dev_addr));
                e.f_cnt = Some(up.f_cnt);
                e.note = Note::SameAs(up.index);
            }
            dev.heard_by(f.rx.gw);
            dev.log_entry(e);
            return;
        }
        let up = Uplink {
            index: f.index,
            at: f.at,
            dev_addr: Some(f.dev_addr),
            f_cnt: 0,
            session: 0,
            class: Class::First,
            radio: f.radio,
            f_port: f.f_port,
            confirmed: f.confirmed,
            mic: MicStatus::Unchecked,
            phy_hash: f.hash,
            has_app: false,
            receptions: vec![f.rx],
        };
        let prev = dev.uplinks.back().map(|u| u.index);
        let (seq, obs) =
            observe_new(dev, up, Some(f.dev_addr), Observed::Wire(f.f_cnt16), Some(phy));
        e.f_cnt = Some(obs.f_cnt);
        e.note = note_for(&obs, prev);
        e.mic = dev.uplinks.get_seq(seq).map(|u| u.mic).filter(|m| *m != MicStatus::Unchecked);
        dev.log_entry(e);
    }

    /// Learns that `addr` is `dev_eui`'s and attributes the frames waiting for it.
    pub(super) fn learn_addr(&mut self, addr: DevAddr, dev_eui: DevEui, at: DateTime<Utc>) {
        if self.addrs.get(&addr) == Some(&dev_eui) {
            return;
        }
        let previous = self.addrs.insert(addr, dev_eui);
        let watched = self.watched(&dev_eui);
        if watched {
            Self::state(&mut self.devices, &self.limits, dev_eui).add_dev_addr(addr);
        }
        if previous.is_some() {
            // Frames of a known address were attributed on arrival; none can be waiting.
            return;
        }
        self.pending.expire(at);
        let frames = self.pending.take(addr);
        if watched {
            for mut f in frames {
                let phy = std::mem::take(&mut f.phy);
                self.attribute(dev_eui, f, &phy);
            }
        }
    }

    /// An application `up` event.
    pub(super) fn on_app_uplink(&mut self, index: u64, at: DateTime<Utc>, u: &AppUplink) {
        if let Some(addr) = u.dev_addr {
            self.learn_addr(addr, u.dev_eui, at);
        }
        if !self.watched(&u.dev_eui) {
            return;
        }
        let rxs: Vec<Rx> = u
            .receptions
            .iter()
            .map(|r| Rx {
                index,
                rssi: pack_f64(r.rssi_dbm),
                snr: pack_f64(r.snr_db),
                gw: self.names.gateways.intern(&r.gateway),
                from_gw: false,
                from_app: true,
            })
            .collect();
        let radio = Radio::pack(&u.tx, &mut self.names);
        let dev = Self::state(&mut self.devices, &self.limits, u.dev_eui);
        let mut e = TEntry::new(Kind::AppUplink, index, at).radio(&radio);
        let best = rxs.iter().max_by(|a, b| {
            let key = |r: &Rx| (if r.snr.is_nan() { f64::MIN } else { r.snr }, r.rssi);
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
        });
        if let Some(rx) = best {
            e = e.rx(rx);
        }
        e.dev_addr = u.dev_addr;
        e.f_port = u.f_port;
        if let Some(seq) = find_app_copy(dev, u, at) {
            let mut first_index = None;
            let mut old_f_cnt = u.f_cnt;
            if let Some(up) = dev.uplinks.get_seq_mut(seq) {
                for rx in &rxs {
                    merge_rx(&mut up.receptions, *rx);
                }
                up.has_app = true;
                up.f_port = u.f_port.or(up.f_port);
                up.confirmed |= u.confirmed;
                up.dev_addr = up.dev_addr.or(u.dev_addr);
                if up.radio.freq == 0 {
                    up.radio.freq = radio.freq;
                }
                if up.radio.dr == u8::MAX {
                    up.radio.dr = radio.dr;
                }
                first_index = Some(up.index);
                old_f_cnt = up.f_cnt;
            }
            for rx in &rxs {
                dev.heard_by(rx.gw);
            }
            if old_f_cnt != u.f_cnt {
                redo_full(dev, seq, u.f_cnt);
            }
            e.f_cnt = Some(u.f_cnt);
            e.note = first_index.map_or(Note::None, Note::SameAs);
            dev.log_entry(e);
            return;
        }
        let up = Uplink {
            index,
            at,
            dev_addr: u.dev_addr,
            f_cnt: 0,
            session: 0,
            class: Class::First,
            radio,
            f_port: u.f_port,
            confirmed: u.confirmed,
            mic: MicStatus::Unchecked,
            phy_hash: 0,
            has_app: true,
            receptions: rxs,
        };
        let prev = dev.uplinks.back().map(|x| x.index);
        let (_, obs) = observe_new(dev, up, u.dev_addr, Observed::Full(u.f_cnt), None);
        e.f_cnt = Some(obs.f_cnt);
        e.note = note_for(&obs, prev);
        dev.log_entry(e);
    }

    /// A ChirpStack `UPLINK_F_CNT_RESET` log: the NS dropped a frame with counter `f_cnt`.
    /// When no gateway copy of that frame was attributed, the log itself is the observation.
    pub(super) fn on_fcnt_reset_log(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        f_cnt: u32,
    ) {
        let seen = |t: &Self| {
            t.devices
                .get(&dev_eui)
                .and_then(|d| d.uplinks.back())
                .is_some_and(|u| low16(u.f_cnt) == low16(f_cnt) && within(u.at, at))
        };
        if seen(self) {
            return;
        }
        if let Some(addr) = self.pending.unique_addr_for(low16(f_cnt), at, DUP_WINDOW_MS / 1000) {
            if !self.addrs.contains_key(&addr) {
                self.learn_addr(addr, dev_eui, at);
                if seen(self) {
                    return;
                }
            }
        }
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        let up = Uplink {
            index,
            at,
            dev_addr: None,
            f_cnt: 0,
            session: 0,
            class: Class::First,
            radio: Radio::default(),
            f_port: None,
            confirmed: false,
            mic: MicStatus::Unchecked,
            phy_hash: 0,
            has_app: true,
            receptions: Vec::new(),
        };
        observe_new(dev, up, None, Observed::Full(f_cnt), None);
    }
}
