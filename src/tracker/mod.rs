//! The per-device tracker: a sans-IO state machine fed with normalized events.
//!
//! - Time is passed in with every event; nothing here reads the clock.
//! - Join-requests (from the gateway stream), join-accepts (`command/down`, MHDR 0x20) and their
//!   gateway TX acks are matched; DevAddr ↔ DevEUI is learnt from application events or a
//!   decrypted join-accept so that gateway-level data frames are attributed to their device.
//! - One frame heard by several gateways, or seen on both gateway and application topics,
//!   counts once.
//! - Memory per device is bounded (see [`LIMITS`]); the buffer of gateway frames waiting for
//!   their DevAddr to be learnt is bounded globally ([`PENDING_MAX_FRAMES`]).
//! - Re-running the tracker on a device's `evidence` messages (with their original indices)
//!   reproduces its record.

mod app;
mod device;
mod digest;
mod fcnt;
pub mod gaps;
pub mod gateways;
mod joins;
mod pending;
mod record;
mod repeats;
mod stats;
mod store;
mod timeline;
mod uplinks;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use crate::frame::keys::KeyStore;
use crate::frame::{self, Frame};
use crate::model::{DevAddr, DevEui, EventBody, Reception, TxParams};

pub use digest::{AppUplinkSeen, TimelineDigest};
pub use record::*;

use device::DeviceState;
use gateways::{GatewayAvailability, GatewayLog};
use joins::{Downlinks, RecentJoins};
use pending::Pending;
use repeats::Repeats;
use store::Names;

pub use pending::{
    MAX_AGE_S as PENDING_MAX_AGE_S, MAX_FRAMES as PENDING_MAX_FRAMES,
    MAX_PER_ADDR as PENDING_MAX_PER_ADDR,
};

/// Copies of one transmission (other gateways, the application event) arrive within this
/// many milliseconds of each other.
pub const DUP_WINDOW_MS: i64 = 3_000;
/// A join-accept is scheduled at most this many milliseconds after the join-request it answers
/// is received: ChirpStack answers within about 1 s, The Things Stack about 3.8 s after the
/// join-request (for RX1 at 5 s); RX2 opens at 6 s, so nothing later can answer it.
pub const ACCEPT_WINDOW_MS: i64 = 6_000;
/// An `OTAA` / `UPLINK_MIC` log follows its join-request within this many milliseconds.
pub const LOG_WINDOW_MS: i64 = 5_000;
/// A join event naming the DevAddr of a session that started at most this many seconds earlier
/// announces that session (ChirpStack v3 sends it after the first uplink) instead of a new one.
pub const REJOIN_GRACE_S: i64 = 30;

/// Ring-buffer limits per device (oldest entries are dropped first; counters keep counting).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Timeline entries kept. 0: none, and a [`TimelineDigest`] of the latest
    /// [`LIMITS`]`.timeline` entries in the record instead (what the diagnosis reads of them).
    pub timeline: usize,
    /// Join attempts kept.
    pub join_attempts: usize,
    /// Join-accepts kept.
    pub join_accepts: usize,
    /// Uplinks kept.
    pub uplinks: usize,
    /// Log events kept.
    pub logs: usize,
    /// Message indices kept as evidence (0: none).
    pub evidence: usize,
    /// RSSI/SNR samples kept for the median.
    pub samples: usize,
}

/// The limits in force.
pub const LIMITS: Limits = Limits {
    timeline: 4096,
    join_attempts: 2048,
    join_accepts: 2048,
    uplinks: 4096,
    logs: 2048,
    evidence: 1_000_000,
    samples: 4096,
};

/// The limits of a tracker whose records are only diagnosed (`fleet`): no timeline but its
/// digest, no evidence index; the rest as [`LIMITS`], so that every verdict and counter equals
/// the one a tracker with [`LIMITS`] gives.
pub const DIAGNOSIS_LIMITS: Limits = Limits { timeline: 0, evidence: 0, ..LIMITS };

impl Default for Limits {
    fn default() -> Self {
        LIMITS
    }
}

/// What the tracker watches and which keys it may use.
#[derive(Debug, Clone, Default)]
pub struct TrackerConfig {
    /// AppKeys for MIC checks and join-accept decryption.
    pub keys: KeyStore,
    /// Only these devices (and frames attributable to them); `None` tracks every device seen.
    pub watch: Option<BTreeSet<DevEui>>,
}

/// A device's state out of its tracker (see [`Tracker::take_device`]).
#[derive(Debug)]
pub struct TakenDevice(Box<DeviceState>);

/// The tracker.
#[derive(Debug, Default)]
pub struct Tracker {
    config: TrackerConfig,
    limits: Limits,
    devices: BTreeMap<DevEui, Box<DeviceState>>,
    /// The latest owner of each DevAddr (every device, watched or not).
    addrs: store::FastMap<DevAddr, DevEui>,
    pending: Pending,
    joins: RecentJoins,
    downlinks: Downlinks,
    names: Names,
    repeats: Repeats,
    malformed: u64,
    malformed_list: Vec<MalformedMessage>,
    last_malformed: Option<MalformedMessage>,
    gateways: GatewayLog,
    gaps: gaps::Gaps,
}

impl Tracker {
    /// A tracker with the given configuration and the default [`LIMITS`].
    #[must_use]
    pub fn new(config: TrackerConfig) -> Self {
        Self::with_limits(config, LIMITS)
    }

    /// A tracker with other per-device limits (e.g. smaller ones for a large fleet).
    #[must_use]
    pub fn with_limits(config: TrackerConfig, limits: Limits) -> Self {
        Self { config, limits, ..Self::default() }
    }

    /// Feeds one normalized event from message `index`, received at `at`.
    pub fn ingest(&mut self, index: u64, at: DateTime<Utc>, event: &EventBody) {
        match event {
            EventBody::GatewayUplink { phy_payload, tx, reception } => {
                self.gateways.heard(&reception.gateway, index, at);
                self.on_gateway_uplink(index, at, phy_payload, tx, reception);
            }
            EventBody::GatewayDownlink { gateway, downlink_id, items } => {
                self.on_gateway_downlink(index, at, gateway, *downlink_id, items);
            }
            EventBody::GatewayTxAck { gateway, downlink_id, items } => {
                self.gateways.heard(gateway, index, at);
                self.on_tx_ack(index, at, gateway, *downlink_id, items);
            }
            EventBody::GatewayStats { gateway, .. } => self.gateways.stats(gateway, index, at),
            EventBody::GatewayConnState { gateway, online } => {
                self.gateways.conn(gateway, index, at, *online);
            }
            EventBody::AppUplink(u) => {
                for r in &u.receptions {
                    self.gateways.heard(&r.gateway, index, at);
                }
                self.on_app_uplink(index, at, u);
            }
            EventBody::AppJoin { dev_eui, dev_addr, .. } => {
                self.on_app_join(index, at, *dev_eui, *dev_addr);
            }
            EventBody::AppLog { dev_eui, level, code, description, context } => {
                self.on_app_log(index, at, *dev_eui, *level, code, description, context);
            }
            EventBody::AppTxAck { dev_eui, gateway, f_cnt_down } => {
                self.on_app_tx_ack(index, at, *dev_eui, gateway.as_ref(), *f_cnt_down);
            }
            EventBody::AppDownlink { dev_eui, outcome, f_cnt_down, error } => {
                self.on_app_downlink(index, at, *dev_eui, *outcome, *f_cnt_down, error.as_deref());
            }
            EventBody::AppStatus { dev_eui, margin_db, battery_percent, external_power } => {
                self.on_app_status(
                    index,
                    at,
                    *dev_eui,
                    *margin_db,
                    *battery_percent,
                    *external_power,
                );
            }
            EventBody::NsTxResult { dev_eui, downlink_id, status, .. } => {
                self.on_ns_tx_result(index, at, *dev_eui, *downlink_id, status);
            }
        }
    }

    fn on_gateway_uplink(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        phy: &[u8],
        tx: &TxParams,
        reception: &Reception,
    ) {
        if reception.crc_ok == Some(false) {
            return;
        }
        if self.repeats.repeated(at, phy, &reception.gateway, &reception.context) {
            self.note_repeat(index, phy);
            return;
        }
        match frame::parse(phy) {
            Ok(Frame::JoinRequest(jr)) => self.on_join_request(index, at, phy, &jr, tx, reception),
            Ok(Frame::Data(d)) if d.uplink => self.on_data_frame(index, at, phy, &d, tx, reception),
            _ => {}
        }
    }

    /// A reception reported again: only its message joins the owner's evidence.
    fn note_repeat(&mut self, index: u64, phy: &[u8]) {
        let owner = match frame::parse(phy) {
            Ok(Frame::JoinRequest(jr)) => Some(jr.dev_eui),
            Ok(Frame::Data(d)) => self.addrs.get(&d.dev_addr).copied(),
            _ => None,
        };
        if let Some(dev) = owner.and_then(|d| self.devices.get_mut(&d)) {
            dev.evidence(index);
        }
    }

    /// Counts a message that could not be decoded (no reason kept).
    pub fn note_malformed(&mut self) {
        self.malformed += 1;
    }

    /// Counts a message that could not be decoded and keeps its reason (the first
    /// [`MALFORMED_LISTED`] are listed; the last one is always available).
    pub fn note_malformed_reason(&mut self, m: MalformedMessage) {
        self.malformed += 1;
        if self.malformed_list.len() < MALFORMED_LISTED {
            self.malformed_list.push(m.clone());
        }
        self.last_malformed = Some(m);
    }

    /// The most recent malformed message, with its reason.
    #[must_use]
    pub fn last_malformed(&self) -> Option<&MalformedMessage> {
        self.last_malformed.as_ref()
    }

    /// The first malformed messages with their reasons.
    #[must_use]
    pub fn malformed(&self) -> &[MalformedMessage] {
        &self.malformed_list
    }

    /// Notes the received time of a message no adapter understood (gateway availability is
    /// evaluated at the last message received).
    pub fn observe_time(&mut self, at: DateTime<Utc>) {
        self.gateways.observe_time(at);
    }

    /// Availability of every gateway seen, evaluated at the last message received.
    #[must_use]
    pub fn gateways(&self) -> Vec<GatewayAvailability> {
        self.gateways.all()
    }

    /// Notes an interval in which messages were not observed.
    pub fn note_gap(&mut self, gap: gaps::Gap) {
        self.gaps.note(gap);
    }

    /// The intervals in which messages were not observed.
    #[must_use]
    pub fn gaps(&self) -> &gaps::Gaps {
        &self.gaps
    }

    /// The record of one device, with its stats brought up to date (gateway availability as
    /// of the last message).
    #[must_use]
    pub fn device(&self, dev_eui: &DevEui) -> Option<DeviceRecord> {
        self.device_at(dev_eui, None)
    }

    /// The record of one device with gateway availability judged at `until` (the end of the
    /// observation window; `None`: the last message received).
    #[must_use]
    pub fn device_at(
        &self,
        dev_eui: &DevEui,
        until: Option<DateTime<Utc>>,
    ) -> Option<DeviceRecord> {
        let d = self.devices.get(dev_eui)?;
        Some(self.record_of(d, until))
    }

    /// [`Tracker::device_at`], taking the device's state out of the tracker: a fleet diagnosed
    /// device by device frees each device's memory as it goes. `None` when it was never heard
    /// (or already taken).
    pub fn take_device_at(
        &mut self,
        dev_eui: &DevEui,
        until: Option<DateTime<Utc>>,
    ) -> Option<DeviceRecord> {
        let d = self.devices.remove(dev_eui)?;
        Some(self.record_of(&d, until))
    }

    /// A device's state taken out of the tracker (see [`Tracker::take_device_at`]), to be made
    /// into its record later, on any thread, with [`Tracker::record_of_taken`]. `None` when it
    /// was never heard (or already taken).
    pub fn take_device(&mut self, dev_eui: &DevEui) -> Option<TakenDevice> {
        self.devices.remove(dev_eui).map(TakenDevice)
    }

    /// The record of a [taken](Tracker::take_device) device, as [`Tracker::take_device_at`]
    /// would have given it but without the list of malformed messages, which is the
    /// tracker's and the same for every device ([`Tracker::malformed`]; a fleet of 100,000
    /// devices would copy it 100,000 times). Its state is freed on the calling thread.
    #[must_use]
    pub fn record_of_taken(
        &self,
        taken: TakenDevice,
        until: Option<DateTime<Utc>>,
    ) -> DeviceRecord {
        self.record_with(&taken.0, until, false)
    }

    fn record_of(&self, d: &DeviceState, until: Option<DateTime<Utc>>) -> DeviceRecord {
        self.record_with(d, until, true)
    }

    fn record_with(
        &self,
        d: &DeviceState,
        until: Option<DateTime<Utc>>,
        malformed: bool,
    ) -> DeviceRecord {
        let until = until.or(self.gateways.latest());
        let mut record = d.to_record(&self.names, self.malformed);
        let heard: Vec<GatewayAvailability> = d
            .gateway_ids()
            .filter_map(|id| self.names.gateway(id))
            .filter_map(|g| self.gateways.availability(&g, until))
            .collect();
        self.annotate(&mut record, heard, malformed);
        self.gaps.apply(&mut record, None);
        record
    }

    /// The record of one device; an empty one (zero counters) when nothing was heard from it,
    /// with the availability of every gateway seen.
    #[must_use]
    pub fn device_or_empty(&self, dev_eui: &DevEui) -> DeviceRecord {
        self.device_or_empty_at(dev_eui, None)
    }

    /// [`Self::device_or_empty`] with gateway availability judged at `until` (see
    /// [`Self::device_at`]).
    #[must_use]
    pub fn device_or_empty_at(
        &self,
        dev_eui: &DevEui,
        until: Option<DateTime<Utc>>,
    ) -> DeviceRecord {
        self.device_at(dev_eui, until).unwrap_or_else(|| {
            let mut record = DeviceRecord {
                dev_eui: *dev_eui,
                stats: Stats { malformed_messages: self.malformed, ..Stats::default() },
                not_observed: self.gaps.list().to_vec(),
                ..DeviceRecord::default()
            };
            let gateways = self.gateways.all_at(until.or(self.gateways.latest()));
            self.annotate(&mut record, gateways, true);
            record
        })
    }

    /// Adds the gateways' availability, their up/down changes (timeline), `gateways_offline`,
    /// their evidence, and (with `malformed`) the malformed list to a record.
    fn annotate(
        &self,
        record: &mut DeviceRecord,
        gateways: Vec<GatewayAvailability>,
        malformed: bool,
    ) {
        record.stats.gateways_offline = gateways.iter().filter(|g| g.was_down()).count() as u64;
        for g in &gateways {
            record.evidence.extend(g.evidence.iter().copied());
            for c in &g.changes {
                record.timeline.push(gateways::timeline_entry(g, c));
            }
        }
        record.timeline.sort_by_key(|e| e.index);
        record.gateway_availability = gateways;
        if malformed {
            record.malformed = self.malformed_list.clone();
        }
    }

    /// Every device seen.
    pub fn dev_euis(&self) -> impl Iterator<Item = &DevEui> {
        self.devices.keys()
    }

    /// Every device seen with the index of its latest evidence message: cheap change
    /// detection for re-diagnosing a fleet (no record is built).
    pub fn last_evidence(&self) -> impl Iterator<Item = (DevEui, Option<u64>)> + '_ {
        self.devices.iter().map(|(d, s)| (*d, s.last_evidence()))
    }

    /// Whether `dev` is tracked.
    fn watched(&self, dev: &DevEui) -> bool {
        self.config.watch.as_ref().is_none_or(|w| w.contains(dev))
    }

    /// The state of a device, created on first use.
    fn state<'a>(
        devices: &'a mut BTreeMap<DevEui, Box<DeviceState>>,
        limits: &Limits,
        dev: DevEui,
    ) -> &'a mut DeviceState {
        devices.entry(dev).or_insert_with(|| Box::new(DeviceState::new(dev, limits)))
    }
}
