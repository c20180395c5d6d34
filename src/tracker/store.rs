//! Compact internal storage of the tracker.
//!
//! - Per-device lists are [`Ring`]s: bounded FIFOs that evict the oldest entry and remember how
//!   many were evicted, so that entries can be referred to by a stable sequence number.
//! - Gateway IDs and coding rates are interned ([`Interner`]) so that the per-message entries
//!   hold a `u32` instead of a heap string; optional radio values use NaN / 0 sentinels.
//! - The public [`super::DeviceRecord`] is materialised from these on demand.

use std::collections::VecDeque;
use std::hash::Hash;

use chrono::{DateTime, Utc};

use crate::frame::{JoinAccept, MicStatus};
use crate::model::{DevAddr, GatewayId, JoinEui, TxAckStatus, TxParams};

use super::TxOutcome;
use super::fcnt::Class;

/// "No gateway" in a `u32` gateway slot.
pub(crate) const NO_GW: u32 = u32::MAX;

/// A bounded FIFO with stable sequence numbers.
#[derive(Debug, Clone)]
pub(crate) struct Ring<T> {
    items: VecDeque<T>,
    cap: usize,
    evicted: u64,
}

impl<T> Ring<T> {
    /// An empty ring holding at most `cap` (at least 1) entries.
    pub(crate) fn new(cap: usize) -> Self {
        Self { items: VecDeque::new(), cap: cap.max(1), evicted: 0 }
    }
    /// Appends; returns the evicted entry when full.
    pub(crate) fn push(&mut self, item: T) -> Option<T> {
        let out = if self.items.len() >= self.cap {
            self.evicted += 1;
            self.items.pop_front()
        } else {
            None
        };
        let len = self.items.len();
        if len == self.items.capacity() {
            // Grow by half (at least 2) rather than double: most devices keep a few entries,
            // and a doubled buffer would leave up to half of it unused in every one of them.
            self.items.reserve_exact((len / 2).max(2).min(self.cap - len));
        }
        self.items.push_back(item);
        out
    }
    /// Entries it holds at most.
    pub(crate) fn cap(&self) -> usize {
        self.cap
    }
    /// Sequence number the next pushed entry gets.
    pub(crate) fn next_seq(&self) -> u64 {
        self.evicted + self.items.len() as u64
    }
    /// Sequence number of the oldest entry kept.
    pub(crate) fn first_seq(&self) -> u64 {
        self.evicted
    }
    /// The entry with sequence number `seq`, if still kept.
    pub(crate) fn get_seq(&self, seq: u64) -> Option<&T> {
        let pos = usize::try_from(seq.checked_sub(self.evicted)?).ok()?;
        self.items.get(pos)
    }
    /// Mutable access by sequence number.
    pub(crate) fn get_seq_mut(&mut self, seq: u64) -> Option<&mut T> {
        let pos = usize::try_from(seq.checked_sub(self.evicted)?).ok()?;
        self.items.get_mut(pos)
    }
    /// Entries, oldest first.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.items.iter()
    }
    /// Mutable entries, oldest first.
    pub(crate) fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = &mut T> + ExactSizeIterator {
        self.items.iter_mut()
    }
    /// The newest entry.
    pub(crate) fn back(&self) -> Option<&T> {
        self.items.back()
    }
    /// Removes the newest entry.
    pub(crate) fn pop_back(&mut self) -> Option<T> {
        self.items.pop_back()
    }
}

/// Appends to a list that usually stays short (a device's receptions, evidence indices),
/// growing it by half (at least one) instead of doubling from four: across a fleet of
/// thousands of devices the unused tail of every list is most of the memory.
pub(crate) fn push_snug<T>(list: &mut Vec<T>, item: T) {
    let len = list.len();
    if len == list.capacity() {
        list.reserve_exact((len / 2).max(1));
    }
    list.push(item);
}

/// The tracker's maps keyed by what messages carry (DevAddrs, DevEUIs, gateway IDs, downlink
/// IDs): foldhash, seeded per map (no fixed order an attacker could aim collisions at), a
/// fraction of SipHash's cost for these short keys.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Maps values to dense `u32` ids.
#[derive(Debug, Clone)]
pub(crate) struct Interner<T: Eq + Hash + Clone> {
    items: Vec<T>,
    ids: FastMap<T, u32>,
}

impl<T: Eq + Hash + Clone> Default for Interner<T> {
    fn default() -> Self {
        Self { items: Vec::new(), ids: FastMap::default() }
    }
}

impl<T: Eq + Hash + Clone> Interner<T> {
    /// The id of `v`, adding it when new.
    pub(crate) fn intern(&mut self, v: &T) -> u32 {
        if let Some(id) = self.ids.get(v) {
            return *id;
        }
        let id = u32::try_from(self.items.len()).unwrap_or(u32::MAX - 1);
        self.items.push(v.clone());
        self.ids.insert(v.clone(), id);
        id
    }
    /// The id of `v` when known.
    pub(crate) fn lookup(&self, v: &T) -> Option<u32> {
        self.ids.get(v).copied()
    }
    /// Values interned.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }
    /// The value of an id.
    pub(crate) fn get(&self, id: u32) -> Option<&T> {
        self.items.get(usize::try_from(id).ok()?)
    }
}

/// Interned gateway IDs and coding rates.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    /// Gateway IDs.
    pub(crate) gateways: Interner<GatewayId>,
    /// Coding rates (`4/5`).
    pub(crate) coding_rates: Interner<String>,
}

impl Names {
    /// The gateway of an id (`NO_GW` gives `None`).
    pub(crate) fn gateway(&self, id: u32) -> Option<GatewayId> {
        if id == NO_GW { None } else { self.gateways.get(id).cloned() }
    }
}

/// `Option<f64>` as a NaN sentinel.
pub(crate) fn pack_f64(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// NaN sentinel back to `Option<f64>`.
pub(crate) fn unpack_f64(v: f64) -> Option<f64> {
    if v.is_nan() { None } else { Some(v) }
}

/// FNV-1a over a PHYPayload: identity of byte-identical copies.
pub(crate) fn phy_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h | 1
}

/// Compact radio parameters (0 / 255 sentinels for "not reported").
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Radio {
    pub(crate) freq: u32,
    pub(crate) bw: u32,
    pub(crate) sf: u8,
    pub(crate) dr: u8,
    pub(crate) cr: u8,
}

impl Radio {
    /// Packs `TxParams`.
    pub(crate) fn pack(tx: &TxParams, names: &mut Names) -> Self {
        let cr = tx
            .coding_rate
            .as_ref()
            .and_then(|c| {
                // At most 254 distinct spellings fit the u8 slot; more are not kept.
                names.coding_rates.lookup(c).or_else(|| {
                    (names.coding_rates.len() < 254).then(|| names.coding_rates.intern(c))
                })
            })
            .and_then(|id| u8::try_from(id.saturating_add(1)).ok())
            .unwrap_or(0);
        Self {
            freq: tx.frequency_hz.and_then(|f| u32::try_from(f).ok()).unwrap_or(0),
            bw: tx.bandwidth_hz.unwrap_or(0),
            sf: tx.spreading_factor.unwrap_or(0),
            dr: tx.data_rate.unwrap_or(u8::MAX),
            cr,
        }
    }
    /// Back to `TxParams`.
    pub(crate) fn unpack(&self, names: &Names) -> TxParams {
        TxParams {
            frequency_hz: (self.freq != 0).then_some(u64::from(self.freq)),
            spreading_factor: (self.sf != 0).then_some(self.sf),
            bandwidth_hz: (self.bw != 0).then_some(self.bw),
            coding_rate: if self.cr == 0 {
                None
            } else {
                names.coding_rates.get(u32::from(self.cr) - 1).cloned()
            },
            data_rate: (self.dr != u8::MAX).then_some(self.dr),
        }
    }
}

/// One gateway reception of a transmission.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rx {
    /// Message that reported it first.
    pub(crate) index: u64,
    pub(crate) rssi: f64,
    pub(crate) snr: f64,
    pub(crate) gw: u32,
    /// Reported on a gateway topic (raw frame).
    pub(crate) from_gw: bool,
    /// Reported in an application event.
    pub(crate) from_app: bool,
}

/// Best RSSI and best SNR over receptions (each may come from a different gateway).
pub(crate) fn best_of(rxs: &[Rx]) -> (Option<f64>, Option<f64>) {
    let max = |it: &mut dyn Iterator<Item = f64>| it.filter(|v| !v.is_nan()).reduce(f64::max);
    (max(&mut rxs.iter().map(|r| r.rssi)), max(&mut rxs.iter().map(|r| r.snr)))
}

/// A join-request transmission.
#[derive(Debug, Clone)]
pub(crate) struct Attempt {
    pub(crate) index: u64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) join_eui: JoinEui,
    pub(crate) dev_nonce: u16,
    pub(crate) mic: MicStatus,
    pub(crate) mic_bytes: [u8; 4],
    pub(crate) radio: Radio,
    pub(crate) receptions: Vec<Rx>,
    pub(crate) reused: bool,
    pub(crate) log_codes: Vec<String>,
    pub(crate) accept_seq: Option<u64>,
}

/// A join-accept scheduled on a gateway.
#[derive(Debug, Clone)]
pub(crate) struct Accept {
    pub(crate) index: u64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) gw: u32,
    pub(crate) downlink_id: u32,
    pub(crate) rx1_delay_s: Option<f64>,
    pub(crate) attempt_seq: Option<u64>,
    pub(crate) tx: TxOutcome,
    pub(crate) ack_index: Option<u64>,
    pub(crate) decrypted: Option<JoinAccept>,
    pub(crate) mic: MicStatus,
}

/// One distinct data transmission (retransmissions included, flagged by `class`).
#[derive(Debug, Clone)]
pub(crate) struct Uplink {
    pub(crate) index: u64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) dev_addr: Option<DevAddr>,
    pub(crate) f_cnt: u32,
    pub(crate) session: u32,
    pub(crate) class: Class,
    pub(crate) radio: Radio,
    pub(crate) f_port: Option<u8>,
    pub(crate) confirmed: bool,
    pub(crate) mic: MicStatus,
    /// Hash of the gateway PHYPayload (0: not seen on a gateway topic).
    pub(crate) phy_hash: u64,
    /// An application event was merged into it.
    pub(crate) has_app: bool,
    pub(crate) receptions: Vec<Rx>,
}

/// Timeline entry kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    JoinRequest,
    JoinAccept,
    JoinAcceptTx,
    Uplink,
    AppUplink,
    AppJoin,
    NsLog,
    Downlink,
    DownlinkTx,
    Status,
}

impl Kind {
    /// The contract's name.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Kind::JoinRequest => "join_request",
            Kind::JoinAccept => "join_accept",
            Kind::JoinAcceptTx => "join_accept_tx",
            Kind::Uplink => "uplink",
            Kind::AppUplink => "app_uplink",
            Kind::AppJoin => "app_join",
            Kind::NsLog => "ns_log",
            Kind::Downlink => "downlink",
            Kind::DownlinkTx => "downlink_tx",
            Kind::Status => "status",
        }
    }
}

/// Structured note of a timeline entry (rendered to text on output).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Note {
    None,
    /// Another gateway's copy of the transmission first reported at this index.
    SameAs(u64),
    /// The same FCnt as the frame at this index.
    Retransmission(u64),
    /// The DevNonce was first used at this index.
    NonceReused(u64),
    /// The frame counter restarted from this value.
    Reset(u32),
    /// First frame of a new session.
    NewSession,
    /// Answers the join-request at this index.
    Answers(u64),
    /// No join-request matched.
    Unmatched,
    /// TX ack of the downlink at this index.
    AckFor(u64),
    /// Free text (kept in [`Extra::text`]): a network server's own words, shown as given.
    Text,
    /// A device status (DevStatusAns): link margin, battery or external power.
    Status(StatusNote),
    /// An application-level downlink outcome; the network server's error, if any, is in
    /// [`Extra::text`].
    Downlink(crate::model::DownlinkOutcome),
}

/// What a device status reported (compact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatusNote {
    /// Demodulation margin, dB.
    pub(crate) margin_db: Option<i32>,
    /// Battery level, whole percent (`None`: unknown or external power).
    pub(crate) battery_percent: Option<u8>,
    /// Powered externally.
    pub(crate) external_power: bool,
}

/// Rarely used timeline fields, boxed to keep entries small.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Extra {
    pub(crate) tx_status: Option<TxAckStatus>,
    pub(crate) code: Option<String>,
    pub(crate) text: Option<String>,
}

/// A compact timeline entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TEntry {
    pub(crate) index: u64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) rssi: f64,
    pub(crate) snr: f64,
    pub(crate) freq: u32,
    pub(crate) gw: u32,
    pub(crate) dev_nonce: Option<u16>,
    pub(crate) f_cnt: Option<u32>,
    pub(crate) dev_addr: Option<DevAddr>,
    pub(crate) f_port: Option<u8>,
    pub(crate) sf: u8,
    pub(crate) mic: Option<MicStatus>,
    pub(crate) kind: Kind,
    pub(crate) note: Note,
    pub(crate) extra: Option<Box<Extra>>,
}

impl TEntry {
    /// A bare entry of `kind`.
    pub(crate) fn new(kind: Kind, index: u64, at: DateTime<Utc>) -> Self {
        Self {
            index,
            at,
            rssi: f64::NAN,
            snr: f64::NAN,
            freq: 0,
            gw: NO_GW,
            dev_nonce: None,
            f_cnt: None,
            dev_addr: None,
            f_port: None,
            sf: 0,
            mic: None,
            kind,
            note: Note::None,
            extra: None,
        }
    }
    /// Sets the radio fields.
    pub(crate) fn radio(mut self, radio: &Radio) -> Self {
        self.freq = radio.freq;
        self.sf = radio.sf;
        self
    }
    /// Sets the reception fields.
    pub(crate) fn rx(mut self, rx: &Rx) -> Self {
        self.gw = rx.gw;
        self.rssi = rx.rssi;
        self.snr = rx.snr;
        self
    }
    /// Sets the note.
    pub(crate) fn note(mut self, note: Note) -> Self {
        self.note = note;
        self
    }
    /// Sets a TX status.
    pub(crate) fn tx_status(mut self, status: Option<TxAckStatus>) -> Self {
        if status.is_some() {
            self.extra.get_or_insert_with(Box::default).tx_status = status;
        }
        self
    }
    /// Sets a free-text note.
    pub(crate) fn text(mut self, text: String) -> Self {
        if !text.is_empty() {
            self.note = Note::Text;
            self.extra.get_or_insert_with(Box::default).text = Some(text);
        }
        self
    }
    /// Sets a structured note with a network server's free text beside it.
    pub(crate) fn note_with_text(mut self, note: Note, text: Option<&str>) -> Self {
        self.note = note;
        if let Some(t) = text.filter(|t| !t.is_empty()) {
            self.extra.get_or_insert_with(Box::default).text = Some(t.to_string());
        }
        self
    }
    /// Sets an NS log code.
    pub(crate) fn code(mut self, code: &str) -> Self {
        self.extra.get_or_insert_with(Box::default).code = Some(code.to_string());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_ring_evicts_the_oldest_and_keeps_sequence_numbers_stable() {
        let mut r = Ring::new(2);
        assert_eq!(r.push(1), None);
        assert_eq!(r.push(2), None);
        assert_eq!(r.push(3), Some(1));
        assert_eq!((r.first_seq(), r.next_seq()), (1, 3));
        assert_eq!(r.get_seq(0), None);
        assert_eq!(r.get_seq(2), Some(&3));
    }

    #[test]
    fn radio_parameters_survive_packing() {
        let mut names = Names::default();
        let tx = TxParams {
            frequency_hz: Some(868_100_000),
            spreading_factor: Some(7),
            bandwidth_hz: Some(125_000),
            coding_rate: Some("4/5".into()),
            data_rate: Some(5),
        };
        assert_eq!(Radio::pack(&tx, &mut names).unpack(&names), tx);
        let empty = TxParams::default();
        assert_eq!(Radio::pack(&empty, &mut names).unpack(&names), empty);
    }

    #[test]
    fn best_of_takes_the_best_rssi_and_snr_independently() {
        let rx =
            |rssi: f64, snr: f64| Rx { index: 0, rssi, snr, gw: 0, from_gw: true, from_app: false };
        assert_eq!(best_of(&[rx(-100.0, 9.0), rx(-80.0, f64::NAN)]), (Some(-80.0), Some(9.0)));
        assert_eq!(best_of(&[]), (None, None));
    }
}
