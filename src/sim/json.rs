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

use super::config::Application;
use super::radio::Channel;
use crate::adapters::wire::{
    DelayJson, DeviceInfoJson, DownlinkFrameJson, DownlinkItemJson, EnumValue, LoraJson,
    ModulationJson, ObjOrName, Text, TimingJson, TxAckItemJson, TxAckJson, TxInfoJson,
};

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

/// An owned JSON string.
#[must_use]
pub fn text(s: impl Into<String>) -> Text<'static> {
    Text::from(s.into())
}

/// `common.Modulation` with the LoRa variant (CR 4/5; polarisation inverted on downlinks).
#[must_use]
pub fn modulation(ch: Channel, downlink: bool) -> Option<ObjOrName<ModulationJson<'static>>> {
    Some(ObjOrName::Obj(ModulationJson {
        lora: Some(LoraJson {
            bandwidth: Some(ch.bandwidth_hz),
            spreading_factor: Some(u32::from(ch.sf)),
            code_rate: Some(EnumValue::Name("CR_4_5".into())),
            code_rate_legacy: None,
            polarization_inversion: downlink.then_some(true),
        }),
        lr_fhss: None,
    }))
}

/// `gw.UplinkTxInfo` of a channel.
#[must_use]
pub fn uplink_tx_info(ch: Channel) -> TxInfoJson<'static> {
    TxInfoJson {
        frequency: Some(u64::from(ch.frequency_hz)),
        modulation: modulation(ch, false),
        ..TxInfoJson::default()
    }
}

/// `integration.DeviceInfo` (every field emitted).
#[must_use]
pub fn device_info(app: &Application, name: &str, dev_eui: &str) -> DeviceInfoJson<'static> {
    DeviceInfoJson {
        tenant_id: Some(text(&app.tenant_id)),
        tenant_name: Some(text(&app.tenant_name)),
        application_id: Some(text(&app.application_id)),
        application_name: Some(text(&app.application_name)),
        device_profile_id: Some(text(&app.device_profile_id)),
        device_profile_name: Some(text(&app.device_profile_name)),
        device_name: Some(text(name)),
        dev_eui: Some(text(dev_eui)),
        device_class_enabled: Some(text("CLASS_A")),
        tags: Some(BTreeMap::new()),
    }
}

/// `gw.DownlinkFrameItem` with delay timing (`delay` as Go writes it, `"5s"`).
#[must_use]
pub fn downlink_item(
    phy: &[u8],
    (ch, power): (Channel, i32),
    delay: &str,
    context: &[u8],
) -> DownlinkItemJson<'static> {
    DownlinkItemJson {
        phy_payload: Some(text(b64(phy))),
        tx_info: Some(TxInfoJson {
            frequency: Some(u64::from(ch.frequency_hz)),
            power: Some(power),
            modulation: modulation(ch, true),
            timing: Some(ObjOrName::Obj(TimingJson {
                delay: Some(DelayJson { delay: Some(text(delay)) }),
                ..TimingJson::default()
            })),
            context: Some(text(b64(context))),
            ..TxInfoJson::default()
        }),
    }
}

/// `gw.DownlinkFrame` (`command/down`).
#[must_use]
pub fn downlink_frame(
    downlink_id: u32,
    items: Vec<DownlinkItemJson<'static>>,
    gateway_id: Option<Text<'static>>,
) -> DownlinkFrameJson<'static> {
    DownlinkFrameJson {
        downlink_id: Some(downlink_id),
        downlink_id_v3: None,
        token: None,
        items: Some(items),
        gateway_id,
        gateway_id_v3: None,
        phy_payload: None,
        tx_info: None,
    }
}

/// `gw.DownlinkTxAck` (`event/ack`); a `None` status is IGNORED, written `{}`.
#[must_use]
pub fn tx_ack(
    gateway_id: &str,
    downlink_id: u32,
    statuses: Vec<Option<String>>,
) -> TxAckJson<'static> {
    TxAckJson {
        gateway_id: Some(text(gateway_id)),
        gateway_id_v3: None,
        downlink_id: Some(downlink_id),
        downlink_id_v3: None,
        token: None,
        items: Some(
            statuses
                .into_iter()
                .map(|s| TxAckItemJson { status: s.map(|s| EnumValue::Name(s.into())) })
                .collect(),
        ),
        error: None,
    }
}

/// `integration.LogEvent`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEvent {
    /// NS time.
    pub time: String,
    /// Device.
    pub device_info: DeviceInfoJson<'static>,
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
