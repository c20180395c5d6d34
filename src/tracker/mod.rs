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
mod repeats;
mod stats;
mod store;
mod timeline;
mod uplinks;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::frame::keys::KeyStore;
use crate::frame::{self, Frame, JoinAccept, MicStatus};
use crate::model::{
    DevAddr, DevEui, EventBody, GatewayId, JoinEui, LogLevel, Reception, TxAckStatus, TxParams,
};

pub use digest::{AppUplinkSeen, TimelineDigest};

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

/// The observation window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// Start (inclusive).
    pub from: DateTime<Utc>,
    /// End (inclusive).
    pub to: DateTime<Utc>,
}

/// One gateway's reception, with the message index it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RxSummary {
    /// Message index.
    pub index: u64,
    /// Gateway.
    pub gateway: GatewayId,
    /// RSSI in dBm.
    pub rssi_dbm: Option<f64>,
    /// SNR in dB.
    pub snr_db: Option<f64>,
}

/// One join-request transmission (copies from several gateways merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinAttempt {
    /// Index of the first message that carried it.
    pub index: u64,
    /// When it was first received.
    pub at: DateTime<Utc>,
    /// JoinEUI in the frame.
    pub join_eui: JoinEui,
    /// DevNonce.
    pub dev_nonce: u16,
    /// MIC against the supplied AppKey.
    pub mic: MicStatus,
    /// Radio parameters.
    pub tx: TxParams,
    /// Every gateway that heard it.
    pub receptions: Vec<RxSummary>,
    /// Whether this DevNonce was already used earlier in the window.
    pub dev_nonce_reused: bool,
    /// NS log codes attributed to this attempt (e.g. `UPLINK_MIC`, `OTAA`).
    pub ns_log_codes: Vec<String>,
    /// Index into [`DeviceRecord::join_accepts`] of the join-accept that answers it.
    pub accept: Option<usize>,
}

/// What the gateway reported for a downlink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "status")]
pub enum TxOutcome {
    /// No ack seen (yet).
    Pending,
    /// Transmitted.
    Ok,
    /// Every item failed; the first failing status.
    Failed(TxAckStatus),
}

/// A join-accept scheduled by the NS on a gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinAcceptRecord {
    /// Index of the `command/down` message.
    pub index: u64,
    /// When it was received.
    pub at: DateTime<Utc>,
    /// The gateway asked to send it.
    pub gateway: GatewayId,
    /// Correlation with the ack.
    pub downlink_id: u32,
    /// RX1 delay requested, seconds.
    pub rx1_delay_s: Option<f64>,
    /// Index into [`DeviceRecord::join_attempts`] of the request it answers.
    pub attempt: Option<usize>,
    /// Gateway TX outcome.
    pub tx: TxOutcome,
    /// Index of the ack message.
    pub ack_index: Option<u64>,
    /// Decrypted content when the AppKey was supplied and the MIC verified.
    pub decrypted: Option<JoinAccept>,
    /// MIC of the join-accept against the supplied AppKey.
    pub mic: MicStatus,
}

/// One distinct data uplink (after de-duplication).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UplinkRecord {
    /// Index of the first message that carried it.
    pub index: u64,
    /// When it was first received.
    pub at: DateTime<Utc>,
    /// Session address.
    pub dev_addr: DevAddr,
    /// Reconstructed 32-bit frame counter.
    pub f_cnt: u32,
    /// FPort.
    pub f_port: Option<u8>,
    /// Confirmed uplink.
    pub confirmed: bool,
    /// Radio parameters.
    pub tx: TxParams,
    /// Every gateway reception merged into this frame.
    pub receptions: Vec<RxSummary>,
    /// Session number (increments on each join / reset).
    pub session: u32,
    /// Data MIC status (when session keys are known).
    pub mic: MicStatus,
    /// The FCnt repeats the previous frame's (NbTrans / confirmed retry): counted in
    /// `retransmissions`, not in `uplinks`.
    #[serde(default)]
    pub retransmission: bool,
}

/// A network-server log event for the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogRecord {
    /// Message index.
    pub index: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Severity.
    pub level: LogLevel,
    /// Normalised code.
    pub code: String,
    /// Text.
    pub description: String,
    /// Context.
    pub context: BTreeMap<String, String>,
}

/// A frame-counter restart without a rejoin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FcntReset {
    /// Message index of the first frame after the reset.
    pub index: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Last counter before.
    pub from: u32,
    /// First counter after.
    pub to: u32,
}

/// Min / median / max of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Minimum.
    pub min: f64,
    /// Median.
    pub median: f64,
    /// Maximum.
    pub max: f64,
}

/// The contract's `stats` block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Distinct join-request transmissions.
    pub join_requests: u64,
    /// Join-accepts scheduled on a gateway.
    pub join_accepts: u64,
    /// Join-accepts the gateway reported sent.
    pub join_accept_tx_ok: u64,
    /// Join-accepts the gateway failed to send.
    pub join_accept_tx_failed: u64,
    /// Distinct DevNonces.
    pub dev_nonces_distinct: u64,
    /// Join-requests whose DevNonce was already used.
    pub dev_nonces_reused: u64,
    /// Distinct data uplinks.
    pub uplinks: u64,
    /// First reconstructed FCnt.
    pub fcnt_first: Option<u32>,
    /// Last reconstructed FCnt.
    pub fcnt_last: Option<u32>,
    /// Frame counters skipped within sessions.
    pub fcnt_missing: u64,
    /// Restarts from a lower FCnt without a rejoin.
    pub fcnt_resets: u64,
    /// Repeated FCnt (NbTrans / confirmed retries, or late copies).
    pub retransmissions: u64,
    /// Distinct gateways that heard the device.
    pub gateways: u64,
    /// RSSI of the best reception per frame, dBm.
    pub rssi_dbm: Option<Spread>,
    /// SNR of the best reception per frame, dB.
    pub snr_db: Option<Spread>,
    /// NS log codes and their counts.
    pub ns_log_codes: BTreeMap<String, u64>,
    /// Messages that could not be decoded (all sources).
    pub malformed_messages: u64,
    /// Gateways that can hear the device (those that heard it; every gateway seen when it was
    /// never heard) that were down at some time in the window.
    #[serde(default)]
    pub gateways_offline: u64,
    /// Frame counters skipped across a gap in the observation (not the device's loss; see
    /// [`gaps`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub fcnt_missing_unobserved: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One line of the device's timeline (one per message about the device).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// 0-based message index in the concatenated input.
    pub index: u64,
    /// Received at.
    pub at: Option<DateTime<Utc>>,
    /// `join_request`, `join_accept`, `join_accept_tx`, `uplink`, `app_uplink`, `app_join`,
    /// `ns_log`, `downlink`, `downlink_tx`, `status`.
    pub kind: String,
    /// Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<GatewayId>,
    /// RSSI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rssi_dbm: Option<f64>,
    /// SNR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snr_db: Option<f64>,
    /// Frequency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency_hz: Option<u64>,
    /// Spreading factor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sf: Option<u8>,
    /// DevNonce (join-requests).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev_nonce: Option<u16>,
    /// MIC status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mic: Option<MicStatus>,
    /// DevAddr.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev_addr: Option<DevAddr>,
    /// Reconstructed FCnt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f_cnt: Option<u32>,
    /// FPort.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f_port: Option<u8>,
    /// Gateway TX status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tx_status: Option<String>,
    /// NS log code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Short free text (log description, "duplicate of #12", …), in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Catalog id of the note (empty: `note` is a network server's own text, shown as given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_id: String,
    /// The named values the note is built from.
    #[serde(default, skip_serializing_if = "crate::catalog::Args::is_empty")]
    pub note_args: crate::catalog::Args,
}

impl TimelineEntry {
    /// The note in `lang`.
    #[must_use]
    pub fn note_in(&self, lang: crate::model::Lang) -> Option<String> {
        if self.note_id.is_empty() {
            self.note.clone()
        } else {
            Some(crate::catalog::text(lang, &self.note_id, &self.note_args))
        }
    }
}

/// Everything the tracker knows about one device.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceRecord {
    /// The device.
    pub dev_eui: DevEui,
    /// Join attempts (bounded).
    pub join_attempts: Vec<JoinAttempt>,
    /// Join-accepts (bounded).
    pub join_accepts: Vec<JoinAcceptRecord>,
    /// Distinct uplinks (bounded).
    pub uplinks: Vec<UplinkRecord>,
    /// NS logs (bounded).
    pub logs: Vec<LogRecord>,
    /// FCnt resets.
    pub fcnt_resets: Vec<FcntReset>,
    /// Application-level join events (index, at, DevAddr).
    pub app_joins: Vec<(u64, DateTime<Utc>, Option<DevAddr>)>,
    /// DevAddrs the device used.
    pub dev_addrs: Vec<DevAddr>,
    /// Timeline (bounded).
    pub timeline: Vec<TimelineEntry>,
    /// What the diagnosis reads of the timeline, when the tracker kept none (a timeline limit
    /// of 0, see [`Limits::timeline`]); not serialised.
    #[serde(skip)]
    pub timeline_digest: Option<TimelineDigest>,
    /// Message indices that concern the device (the report's evidence).
    pub evidence: BTreeSet<u64>,
    /// Counters.
    pub stats: Stats,
    /// Intervals in which messages were not observed (see [`gaps`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_observed: Vec<gaps::Gap>,
    /// Availability of the gateways that can hear the device: those that heard it, or every
    /// gateway seen when it was never heard.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateway_availability: Vec<GatewayAvailability>,
    /// The first malformed messages of the input (all sources), with their reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub malformed: Vec<MalformedMessage>,
}

/// Malformed messages listed with their reason (the rest are only counted).
pub const MALFORMED_LISTED: usize = 20;

/// A message that could not be decoded, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MalformedMessage {
    /// Message index (`None` for a capture line that could not be read at all: it takes no
    /// index).
    pub index: Option<u64>,
    /// The source it was attributed to (`chirpstack_gateway`, …, or `capture` for an
    /// unreadable line).
    pub source: String,
    /// The adapter's (or the capture reader's) error, in English.
    pub reason: String,
    /// Catalog id of the reason (`malformed-…`; empty: `reason` has no catalog text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// The named values the reason is built from.
    #[serde(default, skip_serializing_if = "crate::catalog::Args::is_empty")]
    pub args: crate::catalog::Args,
}

impl MalformedMessage {
    /// A malformed message whose reason is the catalog message `reason` (kept as its id and
    /// arguments, with its English text in `reason`).
    #[must_use]
    pub fn of(index: Option<u64>, source: &str, reason: crate::catalog::Message) -> Self {
        Self {
            index,
            source: source.to_string(),
            reason: reason.render(crate::model::Lang::En),
            code: reason.id,
            args: reason.args,
        }
    }

    /// The reason in `lang` (the English `reason` when it has no catalog text).
    #[must_use]
    pub fn reason_in(&self, lang: crate::model::Lang) -> String {
        if self.code.is_empty() {
            self.reason.clone()
        } else {
            crate::catalog::text(lang, &self.code, &self.args)
        }
    }
}

/// The tracker.
#[derive(Debug, Default)]
pub struct Tracker {
    config: TrackerConfig,
    limits: Limits,
    devices: BTreeMap<DevEui, Box<DeviceState>>,
    /// The latest owner of each DevAddr (every device, watched or not).
    addrs: HashMap<DevAddr, DevEui>,
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

    fn record_of(&self, d: &DeviceState, until: Option<DateTime<Utc>>) -> DeviceRecord {
        let until = until.or(self.gateways.latest());
        let mut record = d.to_record(&self.names, self.malformed);
        let heard: Vec<GatewayAvailability> = d
            .gateway_ids()
            .filter_map(|id| self.names.gateway(id))
            .filter_map(|g| self.gateways.availability(&g, until))
            .collect();
        self.annotate(&mut record, heard);
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
            self.annotate(&mut record, self.gateways.all_at(until.or(self.gateways.latest())));
            record
        })
    }

    /// Adds the gateways' availability, their up/down changes (timeline), `gateways_offline`,
    /// their evidence, and the malformed list to a record.
    fn annotate(&self, record: &mut DeviceRecord, gateways: Vec<GatewayAvailability>) {
        record.stats.gateways_offline = gateways.iter().filter(|g| g.was_down()).count() as u64;
        for g in &gateways {
            record.evidence.extend(g.evidence.iter().copied());
            for c in &g.changes {
                record.timeline.push(gateways::timeline_entry(g, c));
            }
        }
        record.timeline.sort_by_key(|e| e.index);
        record.gateway_availability = gateways;
        record.malformed = self.malformed_list.clone();
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
