//! ChirpStack gateway topics, Protobuf side (the Gateway Bridge's default marshaler).
//!
//! - The messages below mirror `api/proto/gw/gw.proto` of chirpstack/chirpstack with the
//!   real field numbers, reduced to the fields rmacheck uses (prost skips the others).
//! - The v4 messages keep their `*_legacy` fields: they carry the ChirpStack v3 layout
//!   (bytes gateway IDs, `UplinkRXInfo`, kHz bandwidth), so v3 bridges decode too.
//! - proto3 has no presence for scalars: 0 / empty means "not set", read as `None` where
//!   zero is not a real value (frequency, RSSI, timestamps) and as 0 where it is (channel).

use prost::Message;

use super::AdapterError;
use super::GwKind;
use super::common;
use crate::catalog::args;
use crate::model::{
    DownlinkItem, DownlinkTiming, Eui64, EventBody, GatewayId, Reception, TxAckStatus, TxParams,
};

/// `google.protobuf.Timestamp`.
#[derive(Clone, PartialEq, Message)]
pub struct Timestamp {
    #[prost(int64, tag = "1")]
    pub seconds: i64,
    #[prost(int32, tag = "2")]
    pub nanos: i32,
}

/// `google.protobuf.Duration`.
#[derive(Clone, PartialEq, Message)]
pub struct Duration {
    #[prost(int64, tag = "1")]
    pub seconds: i64,
    #[prost(int32, tag = "2")]
    pub nanos: i32,
}

/// `gw.CodeRate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum CodeRate {
    /// Not set.
    CrUndefined = 0,
    /// 4/5.
    Cr45 = 1,
    /// 4/6.
    Cr46 = 2,
    /// 4/7.
    Cr47 = 3,
    /// 4/8.
    Cr48 = 4,
    /// 3/8 (LR-FHSS).
    Cr38 = 5,
    /// 2/6 (LR-FHSS).
    Cr26 = 6,
    /// 1/4 (LR-FHSS).
    Cr14 = 7,
    /// 1/6 (LR-FHSS).
    Cr16 = 8,
    /// 5/6 (LR-FHSS).
    Cr56 = 9,
    /// 4/5 long interleaving (LoRa 2.4 GHz).
    CrLi45 = 10,
    /// 4/6 long interleaving.
    CrLi46 = 11,
    /// 4/8 long interleaving.
    CrLi48 = 12,
}

/// `gw.CRCStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum CrcStatus {
    /// No CRC.
    NoCrc = 0,
    /// Bad CRC.
    BadCrc = 1,
    /// CRC OK.
    CrcOk = 2,
}

/// `gw.LoraModulationInfo` (v3 `LoRaModulationInfo`: bandwidth in kHz, code rate as text).
#[derive(Clone, PartialEq, Message)]
pub struct LoraModulationInfo {
    /// Bandwidth (Hz in v4, kHz in v3).
    #[prost(uint32, tag = "1")]
    pub bandwidth: u32,
    #[prost(uint32, tag = "2")]
    pub spreading_factor: u32,
    /// Code rate as text (`"4/5"`; v3 and deprecated v4).
    #[prost(string, tag = "3")]
    pub code_rate_legacy: String,
    #[prost(bool, tag = "4")]
    pub polarization_inversion: bool,
    #[prost(enumeration = "CodeRate", tag = "5")]
    pub code_rate: i32,
}

/// `gw.Modulation` (only the LoRa branch is used).
#[derive(Clone, PartialEq, Message)]
pub struct Modulation {
    #[prost(message, optional, tag = "3")]
    pub lora: Option<LoraModulationInfo>,
}

/// `gw.UplinkTxInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct UplinkTxInfo {
    /// Frequency (Hz).
    #[prost(uint32, tag = "1")]
    pub frequency: u32,
    #[prost(message, optional, tag = "2")]
    pub modulation: Option<Modulation>,
}

/// `gw.UplinkTxInfoLegacy` = v3 `UplinkTXInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct UplinkTxInfoLegacy {
    /// Frequency (Hz).
    #[prost(uint32, tag = "1")]
    pub frequency: u32,
    #[prost(message, optional, tag = "3")]
    pub lora_modulation_info: Option<LoraModulationInfo>,
}

/// `gw.UplinkRxInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct UplinkRxInfo {
    /// Gateway ID (hex).
    #[prost(string, tag = "1")]
    pub gateway_id: String,
    #[prost(uint32, tag = "2")]
    pub uplink_id: u32,
    /// Gateway RX time (`time` before ChirpStack 4.6, same field number).
    #[prost(message, optional, tag = "3")]
    pub gw_time: Option<Timestamp>,
    /// RSSI (dBm).
    #[prost(int32, tag = "6")]
    pub rssi: i32,
    /// SNR (dB).
    #[prost(float, tag = "7")]
    pub snr: f32,
    #[prost(uint32, tag = "8")]
    pub channel: u32,
    #[prost(uint32, tag = "9")]
    pub rf_chain: u32,
    #[prost(bytes = "vec", tag = "13")]
    pub context: Vec<u8>,
    #[prost(enumeration = "CrcStatus", tag = "16")]
    pub crc_status: i32,
    #[prost(message, optional, tag = "17")]
    pub ns_time: Option<Timestamp>,
}

/// `gw.UplinkRxInfoLegacy` = v3 `UplinkRXInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct UplinkRxInfoLegacy {
    /// Gateway ID (8 bytes).
    #[prost(bytes = "vec", tag = "1")]
    pub gateway_id: Vec<u8>,
    #[prost(message, optional, tag = "2")]
    pub time: Option<Timestamp>,
    /// RSSI (dBm).
    #[prost(int32, tag = "5")]
    pub rssi: i32,
    /// LoRa SNR (dB).
    #[prost(double, tag = "6")]
    pub lora_snr: f64,
    #[prost(uint32, tag = "7")]
    pub channel: u32,
    #[prost(bytes = "vec", tag = "15")]
    pub context: Vec<u8>,
    #[prost(enumeration = "CrcStatus", tag = "17")]
    pub crc_status: i32,
}

/// `gw.UplinkFrame`.
#[derive(Clone, PartialEq, Message)]
pub struct UplinkFrame {
    #[prost(bytes = "vec", tag = "1")]
    pub phy_payload: Vec<u8>,
    /// v3 TX info.
    #[prost(message, optional, tag = "2")]
    pub tx_info_legacy: Option<UplinkTxInfoLegacy>,
    /// v3 RX info.
    #[prost(message, optional, tag = "3")]
    pub rx_info_legacy: Option<UplinkRxInfoLegacy>,
    #[prost(message, optional, tag = "4")]
    pub tx_info: Option<UplinkTxInfo>,
    #[prost(message, optional, tag = "5")]
    pub rx_info: Option<UplinkRxInfo>,
}

/// `gw.DelayTimingInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct DelayTimingInfo {
    #[prost(message, optional, tag = "1")]
    pub delay: Option<Duration>,
}

/// `gw.ImmediatelyTimingInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct ImmediatelyTimingInfo {}

/// `gw.GPSEpochTimingInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct GpsEpochTimingInfo {
    #[prost(message, optional, tag = "1")]
    pub time_since_gps_epoch: Option<Duration>,
}

/// `gw.Timing`.
#[derive(Clone, PartialEq, Message)]
pub struct Timing {
    #[prost(oneof = "TimingParameters", tags = "1, 2, 3")]
    pub parameters: Option<TimingParameters>,
}

/// `gw.Timing.parameters`.
#[derive(Clone, PartialEq, prost::Oneof)]
pub enum TimingParameters {
    #[prost(message, tag = "1")]
    Immediately(ImmediatelyTimingInfo),
    #[prost(message, tag = "2")]
    Delay(DelayTimingInfo),
    #[prost(message, tag = "3")]
    GpsEpoch(GpsEpochTimingInfo),
}

/// `gw.DownlinkTxInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct DownlinkTxInfo {
    /// Frequency (Hz).
    #[prost(uint32, tag = "1")]
    pub frequency: u32,
    /// TX power (dBm EIRP).
    #[prost(int32, tag = "2")]
    pub power: i32,
    #[prost(message, optional, tag = "3")]
    pub modulation: Option<Modulation>,
    #[prost(message, optional, tag = "6")]
    pub timing: Option<Timing>,
    /// Context (copy of the uplink's).
    #[prost(bytes = "vec", tag = "7")]
    pub context: Vec<u8>,
}

/// `gw.DownlinkTxInfoLegacy` = v3 `DownlinkTXInfo`.
#[derive(Clone, PartialEq, Message)]
pub struct DownlinkTxInfoLegacy {
    /// Frequency (Hz).
    #[prost(uint32, tag = "5")]
    pub frequency: u32,
    /// TX power (dBm EIRP).
    #[prost(int32, tag = "6")]
    pub power: i32,
    #[prost(message, optional, tag = "8")]
    pub lora_modulation_info: Option<LoraModulationInfo>,
    /// Timing kind (`gw.DownlinkTiming`: 0 immediately, 1 delay, 2 GPS epoch).
    #[prost(int32, tag = "12")]
    pub timing: i32,
    #[prost(message, optional, tag = "14")]
    pub delay_timing_info: Option<DelayTimingInfo>,
    #[prost(bytes = "vec", tag = "16")]
    pub context: Vec<u8>,
}

/// `gw.DownlinkFrameItem`.
#[derive(Clone, PartialEq, Message)]
pub struct DownlinkFrameItem {
    #[prost(bytes = "vec", tag = "1")]
    pub phy_payload: Vec<u8>,
    /// v3 TX info.
    #[prost(message, optional, tag = "2")]
    pub tx_info_legacy: Option<DownlinkTxInfoLegacy>,
    #[prost(message, optional, tag = "3")]
    pub tx_info: Option<DownlinkTxInfo>,
}

/// `gw.DownlinkFrame`.
#[derive(Clone, PartialEq, Message)]
pub struct DownlinkFrame {
    /// Downlink ID (v3: `token`, same field number).
    #[prost(uint32, tag = "3")]
    pub downlink_id: u32,
    /// Downlink ID as UUID bytes (v3).
    #[prost(bytes = "vec", tag = "4")]
    pub downlink_id_legacy: Vec<u8>,
    /// Items, first = highest priority.
    #[prost(message, repeated, tag = "5")]
    pub items: Vec<DownlinkFrameItem>,
    /// Gateway ID as bytes (v3).
    #[prost(bytes = "vec", tag = "6")]
    pub gateway_id_legacy: Vec<u8>,
    #[prost(string, tag = "7")]
    pub gateway_id: String,
}

/// `gw.DownlinkTxAckItem`.
#[derive(Clone, PartialEq, Message)]
pub struct DownlinkTxAckItem {
    #[prost(int32, tag = "1")]
    pub status: i32,
}

/// `gw.DownlinkTxAck`.
#[derive(Clone, PartialEq, Message)]
pub struct DownlinkTxAck {
    /// Gateway ID as bytes (v3).
    #[prost(bytes = "vec", tag = "1")]
    pub gateway_id_legacy: Vec<u8>,
    /// Downlink ID (v3: `token`).
    #[prost(uint32, tag = "2")]
    pub downlink_id: u32,
    /// v3 only: error text (empty = sent).
    #[prost(string, tag = "3")]
    pub error: String,
    /// Downlink ID as UUID bytes (v3).
    #[prost(bytes = "vec", tag = "4")]
    pub downlink_id_legacy: Vec<u8>,
    #[prost(message, repeated, tag = "5")]
    pub items: Vec<DownlinkTxAckItem>,
    #[prost(string, tag = "6")]
    pub gateway_id: String,
}

/// `gw.GatewayStats` (main counters).
#[derive(Clone, PartialEq, Message)]
pub struct GatewayStats {
    /// Gateway ID as bytes (v3).
    #[prost(bytes = "vec", tag = "1")]
    pub gateway_id_legacy: Vec<u8>,
    #[prost(message, optional, tag = "2")]
    pub time: Option<Timestamp>,
    #[prost(uint32, tag = "5")]
    pub rx_packets_received: u32,
    #[prost(uint32, tag = "6")]
    pub rx_packets_received_ok: u32,
    #[prost(uint32, tag = "7")]
    pub tx_packets_received: u32,
    #[prost(uint32, tag = "8")]
    pub tx_packets_emitted: u32,
    #[prost(string, tag = "17")]
    pub gateway_id: String,
}

/// `gw.ConnState`.
#[derive(Clone, PartialEq, Message)]
pub struct ConnState {
    /// Gateway ID as bytes (v3).
    #[prost(bytes = "vec", tag = "1")]
    pub gateway_id_legacy: Vec<u8>,
    /// `gw.ConnState.State`: 0 OFFLINE, 1 ONLINE.
    #[prost(int32, tag = "2")]
    pub state: i32,
    #[prost(string, tag = "3")]
    pub gateway_id: String,
}

/// Decodes one Protobuf gateway payload.
pub(super) fn decode(
    kind: GwKind,
    topic_gw: &str,
    payload: &[u8],
) -> Result<Vec<EventBody>, AdapterError> {
    let err = |e: prost::DecodeError| {
        AdapterError::invalid(
            "malformed-gw-not-protobuf",
            args! { "topic" => kind.topic(), "reason" => e.to_string() },
        )
    };
    let event = match kind {
        GwKind::Up => uplink(UplinkFrame::decode(payload).map_err(err)?, topic_gw)?,
        GwKind::Down => downlink(DownlinkFrame::decode(payload).map_err(err)?, topic_gw)?,
        GwKind::Ack => {
            let a = DownlinkTxAck::decode(payload).map_err(err)?;
            let mut items: Vec<TxAckStatus> =
                a.items.iter().map(|i| TxAckStatus::from_number(i.status)).collect();
            if items.is_empty() && !a.error.is_empty() {
                items.push(TxAckStatus::from_name(&a.error));
            }
            EventBody::GatewayTxAck {
                gateway: gateway(&a.gateway_id, &a.gateway_id_legacy, topic_gw),
                downlink_id: downlink_id(a.downlink_id, &a.downlink_id_legacy),
                items,
            }
        }
        GwKind::Stats => {
            let s = GatewayStats::decode(payload).map_err(err)?;
            EventBody::GatewayStats {
                gateway: gateway(&s.gateway_id, &s.gateway_id_legacy, topic_gw),
                rx_received: s.rx_packets_received,
                rx_received_ok: s.rx_packets_received_ok,
                tx_received: s.tx_packets_received,
                tx_emitted: s.tx_packets_emitted,
            }
        }
        GwKind::Conn => {
            let c = ConnState::decode(payload).map_err(err)?;
            let online = match c.state {
                0 => false,
                1 => true,
                n => {
                    return Err(AdapterError::invalid(
                        "malformed-conn-state-number",
                        args! { "state" => n.to_string() },
                    ));
                }
            };
            EventBody::GatewayConnState {
                gateway: gateway(&c.gateway_id, &c.gateway_id_legacy, topic_gw),
                online,
            }
        }
    };
    Ok(vec![event])
}

fn gateway(id: &str, legacy: &[u8], topic_gw: &str) -> GatewayId {
    if !id.is_empty() {
        return common::chirpstack_gateway(id);
    }
    match <[u8; 8]>::try_from(legacy) {
        Ok(b) => GatewayId::from_eui(Eui64::from_be_bytes(b)),
        Err(_) => GatewayId::new(topic_gw),
    }
}

fn downlink_id(id: u32, legacy: &[u8]) -> u32 {
    if id != 0 {
        return id;
    }
    legacy.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_be_bytes)
}

fn time(t: Option<&Timestamp>) -> Option<chrono::DateTime<chrono::Utc>> {
    let t = t?;
    let nanos = u32::try_from(t.nanos).ok()?;
    chrono::DateTime::from_timestamp(t.seconds, nanos).filter(|t| t.timestamp() > 0)
}

fn lora_params(frequency: u32, lora: Option<&LoraModulationInfo>) -> TxParams {
    let mut p = TxParams {
        frequency_hz: Some(u64::from(frequency)).filter(|f| *f != 0),
        ..TxParams::default()
    };
    if let Some(l) = lora {
        p.spreading_factor = common::spreading_factor(l.spreading_factor);
        p.bandwidth_hz = common::bandwidth_hz(l.bandwidth);
        let named = usize::try_from(l.code_rate)
            .ok()
            .and_then(|i| common::CODE_RATE_NAMES.get(i))
            .and_then(|n| common::code_rate(n));
        p.coding_rate = named.or_else(|| common::code_rate(&l.code_rate_legacy));
    }
    p
}

fn crc(status: i32) -> Option<bool> {
    match CrcStatus::try_from(status) {
        Ok(CrcStatus::CrcOk) => Some(true),
        Ok(CrcStatus::BadCrc) => Some(false),
        _ => None,
    }
}

fn uplink(f: UplinkFrame, topic_gw: &str) -> Result<EventBody, AdapterError> {
    if f.phy_payload.is_empty() {
        return Err(AdapterError::invalid("malformed-gw-up-proto-no-phy", args! {}));
    }
    let (tx, reception) = if let Some(rx) = f.rx_info {
        let lora = f.tx_info.as_ref().and_then(|t| t.modulation.as_ref()?.lora.as_ref());
        let tx = lora_params(f.tx_info.as_ref().map_or(0, |t| t.frequency), lora);
        let reception = Reception {
            gateway: gateway(&rx.gateway_id, &[], topic_gw),
            rssi_dbm: (rx.rssi != 0).then_some(f64::from(rx.rssi)),
            snr_db: (lora.is_some() || rx.snr != 0.0).then_some(as_written(rx.snr)),
            channel: Some(rx.channel),
            gw_time: time(rx.gw_time.as_ref()),
            context: rx.context,
            crc_ok: crc(rx.crc_status),
        };
        (tx, reception)
    } else if let Some(rx) = f.rx_info_legacy {
        let txl = f.tx_info_legacy.as_ref();
        let lora = txl.and_then(|t| t.lora_modulation_info.as_ref());
        let tx = lora_params(txl.map_or(0, |t| t.frequency), lora);
        let reception = Reception {
            gateway: gateway("", &rx.gateway_id, topic_gw),
            rssi_dbm: (rx.rssi != 0).then_some(f64::from(rx.rssi)),
            snr_db: (lora.is_some() || rx.lora_snr != 0.0).then_some(rx.lora_snr),
            channel: Some(rx.channel),
            gw_time: time(rx.time.as_ref()),
            context: rx.context,
            crc_ok: crc(rx.crc_status),
        };
        (tx, reception)
    } else {
        let lora = f.tx_info.as_ref().and_then(|t| t.modulation.as_ref()?.lora.as_ref());
        let tx = lora_params(f.tx_info.as_ref().map_or(0, |t| t.frequency), lora);
        (tx, Reception { gateway: GatewayId::new(topic_gw), ..Reception::default() })
    };
    Ok(EventBody::GatewayUplink { phy_payload: f.phy_payload, tx, reception })
}

fn duration_seconds(d: Option<&Duration>) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    d.map_or(0.0, |d| d.seconds as f64 + f64::from(d.nanos) / 1e9)
}

/// A Protobuf `float` at the resolution it was written with: the shortest decimal that
/// round-trips the f32 (`10.2`), not its widened binary value (`10.199999809265137`), so that
/// the same radio traffic gives the same numbers from the JSON and the Protobuf marshaler.
#[must_use]
pub fn as_written(v: f32) -> f64 {
    v.to_string().parse().unwrap_or(f64::from(v))
}

fn downlink(f: DownlinkFrame, topic_gw: &str) -> Result<EventBody, AdapterError> {
    if f.items.is_empty() {
        return Err(AdapterError::invalid("malformed-down-proto-no-items", args! {}));
    }
    let mut items = Vec::with_capacity(f.items.len());
    for (i, item) in f.items.into_iter().enumerate() {
        if item.phy_payload.is_empty() {
            return Err(AdapterError::invalid(
                "malformed-down-item-no-phy",
                args! { "index" => i.to_string() },
            ));
        }
        let out = if let Some(tx) = item.tx_info {
            let lora = tx.modulation.as_ref().and_then(|m| m.lora.as_ref());
            let timing = tx.timing.and_then(|t| t.parameters).map(|p| match p {
                TimingParameters::Immediately(_) => DownlinkTiming::Immediately,
                TimingParameters::Delay(d) => {
                    DownlinkTiming::Delay { seconds: duration_seconds(d.delay.as_ref()) }
                }
                TimingParameters::GpsEpoch(_) => DownlinkTiming::GpsEpoch,
            });
            DownlinkItem {
                phy_payload: item.phy_payload,
                tx: lora_params(tx.frequency, lora),
                power_dbm: Some(tx.power),
                timing,
                context: tx.context,
            }
        } else if let Some(tx) = item.tx_info_legacy {
            let timing = match tx.timing {
                0 => DownlinkTiming::Immediately,
                1 => DownlinkTiming::Delay {
                    seconds: duration_seconds(
                        tx.delay_timing_info.as_ref().and_then(|d| d.delay.as_ref()),
                    ),
                },
                _ => DownlinkTiming::GpsEpoch,
            };
            DownlinkItem {
                phy_payload: item.phy_payload,
                tx: lora_params(tx.frequency, tx.lora_modulation_info.as_ref()),
                power_dbm: Some(tx.power),
                timing: Some(timing),
                context: tx.context,
            }
        } else {
            DownlinkItem {
                phy_payload: item.phy_payload,
                tx: TxParams::default(),
                power_dbm: None,
                timing: None,
                context: Vec::new(),
            }
        };
        items.push(out);
    }
    Ok(EventBody::GatewayDownlink {
        gateway: gateway(&f.gateway_id, &f.gateway_id_legacy, topic_gw),
        downlink_id: downlink_id(f.downlink_id, &f.downlink_id_legacy),
        items,
    })
}

#[cfg(test)]
mod tests;
