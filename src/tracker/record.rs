//! What the tracker tells about a device: its record (counters, join attempts, uplinks,
//! timeline, NS logs) and the types it is made of. Serialised as `diagnose` and the report
//! print them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::TimelineDigest;
use super::gaps;
use super::gateways::GatewayAvailability;
use crate::frame::{JoinAccept, MicStatus};
use crate::model::{DevAddr, DevEui, GatewayId, JoinEui, LogLevel, TxAckStatus, TxParams};

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
