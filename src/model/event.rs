//! The normalized event model every adapter produces.
//!
//! - One [`RawMessage`] (topic, payload bytes, received time) becomes zero or more [`EventBody`]s.
//! - Values keep what the network server said and nothing more: fields a source omits are `None`,
//!   never guessed.
//! - Frames heard by gateways carry the raw PHYPayload; the `frame` module decodes it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{DevAddr, DevEui, GatewayId, JoinEui};

/// One MQTT message as received: the unit of capture files and of evidence indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMessage {
    /// When the message was received (UTC).
    pub received_at: DateTime<Utc>,
    /// The MQTT topic.
    pub topic: String,
    /// The exact payload bytes.
    pub payload: Vec<u8>,
}

/// Which producer a message came from (auto-detected from topic and payload).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Source {
    /// ChirpStack v4 Gateway Bridge / MQTT Forwarder topics (JSON or Protobuf).
    ChirpstackGateway,
    /// ChirpStack v4 application integration.
    ChirpstackApplication,
    /// ChirpStack v3 application server (`json` or `json_v3` marshaler).
    ChirpstackV3Application,
    /// The Things Stack v3 application server MQTT.
    TheThingsStack,
    /// The Things Stack v3 events (Events API stream, console export, `ttn-lw-cli events`).
    TheThingsStackEvents,
}

impl Source {
    /// All sources, in reporting order.
    pub const ALL: [Source; 5] = [
        Source::ChirpstackGateway,
        Source::ChirpstackApplication,
        Source::ChirpstackV3Application,
        Source::TheThingsStack,
        Source::TheThingsStackEvents,
    ];
    /// The snake_case name used in output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// LoRa (or other) modulation parameters of a transmission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TxParams {
    /// Centre frequency in Hz.
    pub frequency_hz: Option<u64>,
    /// LoRa spreading factor (7–12); `None` for FSK / LR-FHSS or when not reported.
    pub spreading_factor: Option<u8>,
    /// Bandwidth in Hz (125000, 250000, 500000).
    pub bandwidth_hz: Option<u32>,
    /// Coding rate as written by the source, normalised to `4/5` form.
    pub coding_rate: Option<String>,
    /// Data rate index, when the source reports it.
    pub data_rate: Option<u8>,
}

/// One gateway's reception of an uplink.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reception {
    /// The receiving gateway.
    pub gateway: GatewayId,
    /// Received signal strength in dBm.
    pub rssi_dbm: Option<f64>,
    /// Signal-to-noise ratio in dB.
    pub snr_db: Option<f64>,
    /// Concentrator channel.
    pub channel: Option<u32>,
    /// Gateway timestamp (`gwTime`, or `time` before ChirpStack 4.6).
    pub gw_time: Option<DateTime<Utc>>,
    /// Opaque gateway context (Semtech UDP: 4-byte `tmst`), copied into Class-A downlinks.
    pub context: Vec<u8>,
    /// CRC status when reported: `Some(false)` for BAD_CRC.
    pub crc_ok: Option<bool>,
}

/// Gateway TX acknowledgement status (`gw.TxAckStatus`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TxAckStatus {
    /// Zero value (omitted as `{}` in JSON): this item was not used.
    Ignored,
    /// Sent.
    Ok,
    /// The downlink reached the gateway too late for its TX time.
    TooLate,
    /// Too early for the gateway's just-in-time queue.
    TooEarly,
    /// Collides with another packet.
    CollisionPacket,
    /// Collides with a Class-B beacon.
    CollisionBeacon,
    /// Frequency not supported by the gateway.
    TxFreq,
    /// Power not supported by the gateway.
    TxPower,
    /// GPS time not available.
    GpsUnlocked,
    /// TX queue full.
    QueueFull,
    /// Gateway internal error.
    InternalError,
    /// Duty-cycle budget exhausted.
    DutyCycleOverflow,
    /// A status this version does not know (kept verbatim).
    #[serde(untagged)]
    Other(String),
}

impl TxAckStatus {
    /// From the protobuf enum number.
    #[must_use]
    pub fn from_number(n: i32) -> Self {
        match n {
            0 => Self::Ignored,
            1 => Self::Ok,
            2 => Self::TooLate,
            3 => Self::TooEarly,
            4 => Self::CollisionPacket,
            5 => Self::CollisionBeacon,
            6 => Self::TxFreq,
            7 => Self::TxPower,
            8 => Self::GpsUnlocked,
            9 => Self::QueueFull,
            10 => Self::InternalError,
            11 => Self::DutyCycleOverflow,
            other => Self::Other(other.to_string()),
        }
    }
    /// From the JSON enum name (`"TOO_LATE"`).
    #[must_use]
    pub fn from_name(s: &str) -> Self {
        match s {
            "IGNORED" => Self::Ignored,
            "OK" => Self::Ok,
            "TOO_LATE" => Self::TooLate,
            "TOO_EARLY" => Self::TooEarly,
            "COLLISION_PACKET" => Self::CollisionPacket,
            "COLLISION_BEACON" => Self::CollisionBeacon,
            "TX_FREQ" => Self::TxFreq,
            "TX_POWER" => Self::TxPower,
            "GPS_UNLOCKED" => Self::GpsUnlocked,
            "QUEUE_FULL" => Self::QueueFull,
            "INTERNAL_ERROR" => Self::InternalError,
            "DUTY_CYCLE_OVERFLOW" => Self::DutyCycleOverflow,
            other => Self::Other(other.to_string()),
        }
    }
    /// The JSON enum name.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Ignored => "IGNORED",
            Self::Ok => "OK",
            Self::TooLate => "TOO_LATE",
            Self::TooEarly => "TOO_EARLY",
            Self::CollisionPacket => "COLLISION_PACKET",
            Self::CollisionBeacon => "COLLISION_BEACON",
            Self::TxFreq => "TX_FREQ",
            Self::TxPower => "TX_POWER",
            Self::GpsUnlocked => "GPS_UNLOCKED",
            Self::QueueFull => "QUEUE_FULL",
            Self::InternalError => "INTERNAL_ERROR",
            Self::DutyCycleOverflow => "DUTY_CYCLE_OVERFLOW",
            Self::Other(s) => s,
        }
    }
}

/// When a gateway is told to transmit a downlink item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownlinkTiming {
    /// Relative to the uplink (Class A): `delay` in seconds (5 s / 6 s for join-accepts).
    Delay {
        /// Seconds after the uplink ended.
        seconds: f64,
    },
    /// Immediately (Class C).
    Immediately,
    /// At a GPS time (Class B).
    GpsEpoch,
}

/// One item of a `command/down` downlink frame (RX1, RX2, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownlinkItem {
    /// The PHYPayload to transmit.
    pub phy_payload: Vec<u8>,
    /// Radio parameters.
    pub tx: TxParams,
    /// TX power in dBm EIRP.
    pub power_dbm: Option<i32>,
    /// Timing.
    pub timing: Option<DownlinkTiming>,
    /// Context copied from the uplink (Class A).
    pub context: Vec<u8>,
}

/// Severity of a network-server log event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LogLevel {
    /// Informational.
    Info,
    /// Warning.
    Warning,
    /// Error.
    Error,
}

/// Which application-level downlink outcome (The Things Stack `down/*`, ChirpStack `ack`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownlinkOutcome {
    /// Queued at the network server.
    Queued,
    /// Sent by a gateway.
    Sent,
    /// Acknowledged by the device (confirmed downlink).
    Ack,
    /// Not acknowledged.
    Nack,
    /// Failed (error attached).
    Failed,
    /// Queue invalidated.
    Invalidated,
}

/// A data uplink as reported by an application integration (already deduplicated by the NS).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppUplink {
    /// The device.
    pub dev_eui: DevEui,
    /// Its session address, when reported.
    pub dev_addr: Option<DevAddr>,
    /// The full (32-bit) uplink frame counter as the NS reconstructed it.
    pub f_cnt: u32,
    /// FPort (`None` when absent, e.g. MAC-only frames).
    pub f_port: Option<u8>,
    /// Confirmed uplink.
    pub confirmed: bool,
    /// ADR bit.
    pub adr: bool,
    /// Application payload length in bytes (the payload itself is not kept).
    pub payload_len: usize,
    /// Radio parameters.
    pub tx: TxParams,
    /// One entry per receiving gateway.
    pub receptions: Vec<Reception>,
    /// The NS's deduplication / correlation ID.
    pub dedup_id: Option<String>,
    /// The NS's own timestamp of the uplink.
    pub ns_time: Option<DateTime<Utc>>,
}

/// The body of a normalized event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventBody {
    /// A frame heard by one gateway (`event/up`), raw PHYPayload.
    GatewayUplink {
        /// The raw PHYPayload.
        phy_payload: Vec<u8>,
        /// Radio parameters.
        tx: TxParams,
        /// The reception (gateway, RSSI, SNR, context).
        reception: Reception,
    },
    /// A downlink the NS asked a gateway to send (`command/down`).
    GatewayDownlink {
        /// The gateway.
        gateway: GatewayId,
        /// Correlates with the TX ack.
        downlink_id: u32,
        /// Items, first = highest priority (RX1), gateway sends at most one.
        items: Vec<DownlinkItem>,
    },
    /// The gateway's TX outcome (`event/ack`), index-aligned with the downlink items.
    GatewayTxAck {
        /// The gateway.
        gateway: GatewayId,
        /// Correlates with the downlink.
        downlink_id: u32,
        /// One status per downlink item.
        items: Vec<TxAckStatus>,
    },
    /// Gateway statistics (`event/stats`).
    GatewayStats {
        /// The gateway.
        gateway: GatewayId,
        /// Packets received.
        rx_received: u32,
        /// Packets received with a valid CRC.
        rx_received_ok: u32,
        /// Downlinks received from the NS.
        tx_received: u32,
        /// Downlinks emitted.
        tx_emitted: u32,
    },
    /// Gateway connection state (`state/conn`); a missing `state` means OFFLINE.
    GatewayConnState {
        /// The gateway.
        gateway: GatewayId,
        /// ONLINE.
        online: bool,
    },
    /// A data uplink from an application integration.
    AppUplink(AppUplink),
    /// An accepted (re)join reported by the application integration.
    AppJoin {
        /// The device.
        dev_eui: DevEui,
        /// The new session's address.
        dev_addr: Option<DevAddr>,
        /// JoinEUI when reported (TTS).
        join_eui: Option<JoinEui>,
    },
    /// A network-server log / error event.
    AppLog {
        /// The device.
        dev_eui: DevEui,
        /// Severity.
        level: LogLevel,
        /// Normalised ChirpStack v4 code (`UPLINK_MIC`, `OTAA`, `UPLINK_F_CNT_RESET`, …);
        /// ChirpStack v3 `FCNT` spellings map to the v4 `F_CNT` ones.
        code: String,
        /// Human-readable text as sent.
        description: String,
        /// Context (e.g. `dev_nonce`, `f_cnt_up`, `deduplication_id`).
        context: BTreeMap<String, String>,
    },
    /// Gateway TX acknowledgement of a downlink, as the application integration reports it.
    AppTxAck {
        /// The device.
        dev_eui: DevEui,
        /// The gateway that sent it.
        gateway: Option<GatewayId>,
        /// Downlink frame counter.
        f_cnt_down: Option<u32>,
    },
    /// Application-level downlink outcome.
    AppDownlink {
        /// The device.
        dev_eui: DevEui,
        /// What happened.
        outcome: DownlinkOutcome,
        /// Downlink frame counter.
        f_cnt_down: Option<u32>,
        /// Error name / text for `Failed`.
        error: Option<String>,
    },
    /// Device status (DevStatusAns).
    AppStatus {
        /// The device.
        dev_eui: DevEui,
        /// Demodulation margin in dB reported by the device for the last downlink.
        margin_db: Option<i32>,
        /// Battery level in percent, when known.
        battery_percent: Option<f64>,
        /// Externally powered.
        external_power: bool,
    },
    /// A downlink's transmission outcome as the network server reports it, keyed by the
    /// downlink's transmission ID rather than by a gateway TX ack (The Things Stack
    /// `ns.down.transmission.*`, `ns.down.*.schedule.fail`, `gs.down.tx.*`).
    NsTxResult {
        /// The device, when the event names it.
        dev_eui: Option<DevEui>,
        /// The gateway, when the event names it.
        gateway: Option<GatewayId>,
        /// The same ID as the [`EventBody::GatewayDownlink`] it settles.
        downlink_id: u32,
        /// `OK`, or why it was not sent.
        status: TxAckStatus,
    },
}

impl EventBody {
    /// The DevEUI the event names directly (gateway-level frames name none).
    #[must_use]
    pub fn dev_eui(&self) -> Option<DevEui> {
        match self {
            EventBody::AppUplink(u) => Some(u.dev_eui),
            EventBody::AppJoin { dev_eui, .. }
            | EventBody::AppLog { dev_eui, .. }
            | EventBody::AppTxAck { dev_eui, .. }
            | EventBody::AppDownlink { dev_eui, .. }
            | EventBody::AppStatus { dev_eui, .. } => Some(*dev_eui),
            EventBody::NsTxResult { dev_eui, .. } => *dev_eui,
            _ => None,
        }
    }
}
