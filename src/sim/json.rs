//! The JSON shapes the simulated gateway and network server publish, field for field as
//! ChirpStack v4 writes them (reference/ns-formats.md §1, §2, §8).
//!
//! Gateway topics use Go protojson without default values: zero numbers, `false` and the
//! zero enum are omitted (an IGNORED ack item is `{}`). Application events use pbjson with
//! emitted defaults for the `integration` messages, but the nested `gw.*` messages (rxInfo,
//! txInfo) still omit their zero fields.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::radio::Channel;

/// Base64 (standard, padded) as ChirpStack writes bytes.
#[must_use]
pub fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

/// RFC 3339 as the Go gateway bridge writes it (`Z`, microseconds).
#[must_use]
pub fn gw_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// RFC 3339 as the Rust network server writes it (`+00:00`, nanoseconds).
#[must_use]
pub fn ns_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, false)
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

fn is_false(v: &bool) -> bool {
    !*v
}

/// `common.Modulation` with the LoRa variant.
#[derive(Debug, Clone, Serialize)]
pub struct Modulation {
    /// LoRa parameters.
    pub lora: LoraModulation,
}

/// `gw.LoraModulationInfo`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoraModulation {
    /// Hz.
    pub bandwidth: u32,
    /// SF.
    pub spreading_factor: u32,
    /// Always CR_4_5.
    pub code_rate: &'static str,
    /// Set on downlinks.
    #[serde(skip_serializing_if = "is_false")]
    pub polarization_inversion: bool,
}

impl Modulation {
    /// The modulation of a channel.
    #[must_use]
    pub fn of(ch: Channel, downlink: bool) -> Self {
        Self {
            lora: LoraModulation {
                bandwidth: ch.bandwidth_hz,
                spreading_factor: u32::from(ch.sf),
                code_rate: "CR_4_5",
                polarization_inversion: downlink,
            },
        }
    }
}

/// `gw.UplinkTxInfo`.
#[derive(Debug, Clone, Serialize)]
pub struct UplinkTxInfo {
    /// Hz.
    pub frequency: u32,
    /// Modulation.
    pub modulation: Modulation,
}

/// `gw.UplinkRxInfo`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UplinkRxInfo {
    /// Gateway ID.
    pub gateway_id: String,
    /// Random per reception.
    pub uplink_id: u32,
    /// Gateway time of reception.
    pub gw_time: String,
    /// Set by the network server (application events only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ns_time: Option<String>,
    /// dBm.
    pub rssi: i32,
    /// dB.
    pub snr: f64,
    /// Concentrator channel (omitted when 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub channel: u32,
    /// RF chain (omitted when 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub rf_chain: u32,
    /// 4-byte Semtech `tmst`, base64.
    pub context: String,
    /// Region metadata (application events only).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
    /// `CRC_OK`.
    pub crc_status: &'static str,
}

/// `gw.UplinkFrame` (`event/up`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UplinkFrame {
    /// PHYPayload, base64.
    pub phy_payload: String,
    /// TX parameters.
    pub tx_info: UplinkTxInfo,
    /// The reception.
    pub rx_info: UplinkRxInfo,
}

/// `gw.DownlinkFrame` (`command/down`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownlinkFrame {
    /// Correlates with the ack.
    pub downlink_id: u32,
    /// RX1 first, then RX2.
    pub items: Vec<DownlinkItem>,
    /// Target gateway.
    pub gateway_id: String,
}

/// `gw.DownlinkFrameItem`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownlinkItem {
    /// PHYPayload, base64.
    pub phy_payload: String,
    /// TX parameters.
    pub tx_info: DownlinkTxInfo,
}

/// `gw.DownlinkTxInfo`.
#[derive(Debug, Clone, Serialize)]
pub struct DownlinkTxInfo {
    /// Hz.
    pub frequency: u32,
    /// dBm EIRP.
    pub power: i32,
    /// Modulation.
    pub modulation: Modulation,
    /// `{"delay":{"delay":"5s"}}`.
    pub timing: Timing,
    /// Copied from the uplink.
    pub context: String,
}

/// `gw.Timing` with the delay variant.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    /// Delay timing.
    pub delay: DelayTiming,
}

/// `gw.DelayTimingInfo`.
#[derive(Debug, Clone, Serialize)]
pub struct DelayTiming {
    /// Duration string (`"5s"`).
    pub delay: String,
}

/// `gw.DownlinkTxAck` (`event/ack`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownlinkTxAck {
    /// Gateway ID.
    pub gateway_id: String,
    /// Correlates with the downlink.
    pub downlink_id: u32,
    /// Index-aligned statuses; IGNORED is `{}`.
    pub items: Vec<TxAckItem>,
}

/// One ack item.
#[derive(Debug, Clone, Serialize)]
pub struct TxAckItem {
    /// Omitted for IGNORED (the zero value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// `gw.GatewayStats` (`event/stats`, the counters only).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayStats {
    /// Gateway ID.
    pub gateway_id: String,
    /// Time of the report.
    pub time: String,
    /// Packets received.
    #[serde(skip_serializing_if = "is_zero")]
    pub rx_packets_received: u32,
    /// Packets received with a valid CRC.
    #[serde(skip_serializing_if = "is_zero")]
    pub rx_packets_received_ok: u32,
    /// Downlinks received from the server.
    #[serde(skip_serializing_if = "is_zero")]
    pub tx_packets_received: u32,
    /// Downlinks emitted.
    #[serde(skip_serializing_if = "is_zero")]
    pub tx_packets_emitted: u32,
}

/// `gw.ConnState` (`state/conn`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnState {
    /// Gateway ID.
    pub gateway_id: String,
    /// `ONLINE`.
    pub state: &'static str,
}

/// `integration.DeviceInfo` (every field emitted).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInfo {
    /// Tenant, application and device profile.
    #[serde(flatten)]
    pub application: super::config::Application,
    /// Device name.
    pub device_name: String,
    /// DevEUI, lowercase hex.
    pub dev_eui: String,
    /// `CLASS_A`.
    pub device_class_enabled: &'static str,
    /// Tags.
    pub tags: BTreeMap<String, String>,
}

/// `integration.UplinkEvent`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpEvent {
    /// UUID.
    pub deduplication_id: String,
    /// NS time.
    pub time: String,
    /// Device.
    pub device_info: DeviceInfo,
    /// DevAddr hex.
    pub dev_addr: String,
    /// ADR bit.
    pub adr: bool,
    /// Data rate.
    pub dr: u32,
    /// Full frame counter.
    pub f_cnt: u32,
    /// FPort.
    pub f_port: u32,
    /// Confirmed uplink.
    pub confirmed: bool,
    /// Decrypted payload, base64.
    pub data: String,
    /// Every gateway's reception.
    pub rx_info: Vec<UplinkRxInfo>,
    /// TX parameters.
    pub tx_info: UplinkTxInfo,
    /// `eu868`.
    pub region_config_id: String,
}

/// `integration.JoinEvent`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinEvent {
    /// UUID.
    pub deduplication_id: String,
    /// NS time.
    pub time: String,
    /// Device.
    pub device_info: DeviceInfo,
    /// New DevAddr.
    pub dev_addr: String,
    /// `eu868`.
    pub region_config_id: String,
}

/// `integration.LogEvent`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEvent {
    /// NS time.
    pub time: String,
    /// Device.
    pub device_info: DeviceInfo,
    /// `ERROR` / `WARNING`.
    pub level: &'static str,
    /// Log code.
    pub code: &'static str,
    /// Text.
    pub description: &'static str,
    /// Context.
    pub context: BTreeMap<String, String>,
}

/// Serialises a payload (the shapes above cannot fail to serialise).
#[must_use]
pub fn to_bytes<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}
