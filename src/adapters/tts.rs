//! The Things Stack v3 application server MQTT (`v3/{app}[@{tenant}]/devices/{id}/{kind}`).
//!
//! - `ApplicationUp` JSON: snake_case proto names, UPPERCASE hex IDs, 64-bit integers as
//!   strings (`"frequency":"868300000"`), zero values omitted (no `f_cnt` = 0, no `snr` =
//!   not reported). Numbers are accepted as JSON numbers or strings everywhere.
//! - The message kind comes from the payload's oneof field (`uplink_message`, `join_accept`,
//!   `downlink_*`); the topic only decides that the message is for this adapter.
//! - The storage-integration / events-API framings (`{"result": …}`, event `data`) are unwrapped.
//! - The DevEUI comes from `end_device_ids.dev_eui`, else from a device ID `eui-<16 hex>`;
//!   a message naming no DevEUI is malformed (rmacheck tracks devices by DevEUI).

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::common::{self, Text, num_or_str};
use super::{AdapterError, AdapterResult};
use crate::catalog::{Message, args};
use crate::model::{AppUplink, DevEui, DownlinkOutcome, EventBody, GatewayId, Reception, TxParams};

const HINT: &str = "malformed-hint-tts";

/// `ttnpb.ApplicationUp` (the oneofs rmacheck uses) and its API framings.
#[derive(Debug, Deserialize)]
struct ApplicationUpJson<'a> {
    #[serde(borrow)]
    end_device_ids: Option<EndDeviceIdsJson<'a>>,
    #[serde(borrow)]
    correlation_ids: Option<Vec<Text<'a>>>,
    #[serde(borrow)]
    received_at: Option<Text<'a>>,
    #[serde(borrow)]
    uplink_message: Option<UplinkJson<'a>>,
    join_accept: Option<IgnoredAny>,
    downlink_queued: Option<DownlinkJson>,
    downlink_sent: Option<DownlinkJson>,
    downlink_ack: Option<DownlinkJson>,
    downlink_nack: Option<DownlinkJson>,
    #[serde(borrow)]
    downlink_failed: Option<DownlinkFailedJson<'a>>,
    downlink_queue_invalidated: Option<InvalidatedJson>,
    /// Storage integration / events API: `{"result": …}`.
    #[serde(borrow)]
    result: Option<Box<ApplicationUpJson<'a>>>,
    /// Events API: the event's `data` is the `ApplicationUp`.
    #[serde(borrow)]
    data: Option<Box<ApplicationUpJson<'a>>>,
}

#[derive(Debug, Deserialize)]
struct EndDeviceIdsJson<'a> {
    #[serde(borrow)]
    device_id: Option<Text<'a>>,
    #[serde(borrow)]
    dev_eui: Option<Text<'a>>,
    #[serde(borrow)]
    join_eui: Option<Text<'a>>,
    #[serde(borrow)]
    dev_addr: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
struct UplinkJson<'a> {
    #[serde(default, deserialize_with = "num_or_str")]
    f_port: Option<u32>,
    #[serde(default, deserialize_with = "num_or_str")]
    f_cnt: Option<u32>,
    #[serde(borrow)]
    frm_payload: Option<Text<'a>>,
    confirmed: Option<bool>,
    #[serde(borrow)]
    rx_metadata: Option<Vec<RxMetadataJson<'a>>>,
    #[serde(borrow)]
    settings: Option<SettingsJson<'a>>,
    #[serde(borrow)]
    received_at: Option<Text<'a>>,
}

/// `ttnpb.RxMetadata` (the fields rmacheck uses).
#[derive(Debug, Deserialize)]
pub(super) struct RxMetadataJson<'a> {
    #[serde(borrow)]
    gateway_ids: Option<GatewayIdsJson<'a>>,
    #[serde(borrow)]
    packet_broker: Option<PacketBrokerJson<'a>>,
    #[serde(default, deserialize_with = "num_or_str")]
    rssi: Option<f64>,
    #[serde(default, deserialize_with = "num_or_str")]
    channel_rssi: Option<f64>,
    #[serde(default, deserialize_with = "num_or_str")]
    snr: Option<f64>,
    #[serde(default, deserialize_with = "num_or_str")]
    channel_index: Option<u32>,
    #[serde(borrow)]
    time: Option<Text<'a>>,
    /// Concentrator timestamp (µs, uint32).
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) timestamp: Option<u32>,
    /// Opaque token the Network Server copies into the downlink path.
    #[serde(borrow)]
    pub(super) uplink_token: Option<Text<'a>>,
}

/// `ttnpb.GatewayIdentifiers`.
#[derive(Debug, Deserialize)]
pub(super) struct GatewayIdsJson<'a> {
    #[serde(borrow)]
    pub(super) gateway_id: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) eui: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
struct PacketBrokerJson<'a> {
    #[serde(borrow)]
    forwarder_gateway_eui: Option<Text<'a>>,
    #[serde(borrow)]
    forwarder_gateway_id: Option<Text<'a>>,
}

/// `ttnpb.TxSettings`.
#[derive(Debug, Deserialize)]
pub(super) struct SettingsJson<'a> {
    #[serde(borrow)]
    data_rate: Option<DataRateJson<'a>>,
    #[serde(default, deserialize_with = "num_or_str")]
    data_rate_index: Option<u32>,
    #[serde(borrow)]
    coding_rate: Option<Text<'a>>,
    #[serde(default, deserialize_with = "num_or_str")]
    frequency: Option<u64>,
}

/// `ttnpb.DataRate`.
#[derive(Debug, Deserialize)]
pub(super) struct DataRateJson<'a> {
    #[serde(borrow)]
    pub(super) lora: Option<LoraJson<'a>>,
}

/// `ttnpb.LoRaDataRate`.
#[derive(Debug, Deserialize)]
pub(super) struct LoraJson<'a> {
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) bandwidth: Option<u32>,
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) spreading_factor: Option<u32>,
    #[serde(borrow)]
    coding_rate: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
struct DownlinkJson {
    #[serde(default, deserialize_with = "num_or_str")]
    f_cnt: Option<u32>,
}

#[derive(Debug, Deserialize)]
struct DownlinkFailedJson<'a> {
    downlink: Option<DownlinkJson>,
    #[serde(borrow)]
    error: Option<ErrorDetailsJson<'a>>,
}

/// `ttnpb.ErrorDetails` (the fields rmacheck reports).
#[derive(Debug, Deserialize)]
pub(super) struct ErrorDetailsJson<'a> {
    #[serde(borrow)]
    pub(super) namespace: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) name: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) message_format: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
struct InvalidatedJson {
    #[serde(default, deserialize_with = "num_or_str")]
    last_f_cnt_down: Option<u32>,
}

/// Decodes one TTS application message; `None` for kinds rmacheck does not use.
pub(super) fn decode(kind: &str, topic_device_id: &str, payload: &[u8]) -> AdapterResult {
    if !matches!(
        kind,
        "up" | "join"
            | "down/queued"
            | "down/sent"
            | "down/ack"
            | "down/nack"
            | "down/failed"
            | "down/invalidated"
    ) {
        return Ok(None);
    }
    let mut msg: ApplicationUpJson<'_> = common::parse_json(
        payload,
        || Message::new("malformed-what-tts", args! { "kind" => kind }),
        HINT,
    )?;
    for _ in 0..4 {
        match msg.result.take().or_else(|| msg.data.take()) {
            Some(inner) => msg = *inner,
            None => break,
        }
    }
    let ids = msg.end_device_ids.as_ref();
    let dev_eui = dev_eui(ids, topic_device_id)?;
    let down = |outcome, d: Option<&DownlinkJson>| EventBody::AppDownlink {
        dev_eui,
        outcome,
        f_cnt_down: Some(d.and_then(|d| d.f_cnt).unwrap_or(0)),
        error: None,
    };
    let event = if let Some(up) = &msg.uplink_message {
        EventBody::AppUplink(uplink(&msg, up, dev_eui)?)
    } else if msg.join_accept.is_some() {
        EventBody::AppJoin {
            dev_eui,
            dev_addr: dev_addr(ids)?,
            join_eui: opt_id(
                ids.and_then(|i| i.join_eui.as_deref()),
                "end_device_ids.join_eui",
                common::eui,
            )?,
        }
    } else if let Some(d) = &msg.downlink_queued {
        down(DownlinkOutcome::Queued, Some(d))
    } else if let Some(d) = &msg.downlink_sent {
        down(DownlinkOutcome::Sent, Some(d))
    } else if let Some(d) = &msg.downlink_ack {
        down(DownlinkOutcome::Ack, Some(d))
    } else if let Some(d) = &msg.downlink_nack {
        down(DownlinkOutcome::Nack, Some(d))
    } else if let Some(f) = &msg.downlink_failed {
        EventBody::AppDownlink {
            dev_eui,
            outcome: DownlinkOutcome::Failed,
            f_cnt_down: Some(f.downlink.as_ref().and_then(|d| d.f_cnt).unwrap_or(0)),
            error: f.error.as_ref().map(error_text),
        }
    } else if let Some(i) = &msg.downlink_queue_invalidated {
        EventBody::AppDownlink {
            dev_eui,
            outcome: DownlinkOutcome::Invalidated,
            f_cnt_down: Some(i.last_f_cnt_down.unwrap_or(0)),
            error: None,
        }
    } else {
        return Err(AdapterError::invalid(
            "malformed-tts-no-content",
            args! { "kind" => kind, "hint" => Message::plain(HINT) },
        ));
    };
    Ok(Some(vec![event]))
}

fn opt_id<T>(
    s: Option<&str>,
    field: &str,
    parse: fn(&str, &str) -> Result<T, AdapterError>,
) -> Result<Option<T>, AdapterError> {
    s.filter(|s| !s.is_empty()).map(|s| parse(field, s)).transpose()
}

/// `end_device_ids.dev_addr`, when given.
fn dev_addr(
    ids: Option<&EndDeviceIdsJson<'_>>,
) -> Result<Option<crate::model::DevAddr>, AdapterError> {
    opt_id(ids.and_then(|i| i.dev_addr.as_deref()), "end_device_ids.dev_addr", common::dev_addr)
}

fn dev_eui(
    ids: Option<&EndDeviceIdsJson<'_>>,
    topic_device_id: &str,
) -> Result<DevEui, AdapterError> {
    if let Some(s) = ids.and_then(|i| i.dev_eui.as_deref()).filter(|s| !s.is_empty()) {
        return common::eui("end_device_ids.dev_eui", s);
    }
    let device_id = ids.and_then(|i| i.device_id.as_deref()).unwrap_or(topic_device_id);
    common::eui_from_device_id(device_id)
        .or_else(|| common::eui_from_device_id(topic_device_id))
        .ok_or_else(|| {
            AdapterError::invalid(
                "malformed-tts-no-dev-eui",
                args! { "device" => common::shorten(device_id).into_owned() },
            )
        })
}

/// `namespace:name (message)`.
pub(super) fn error_text(e: &ErrorDetailsJson<'_>) -> String {
    let name = match (e.namespace.as_deref(), e.name.as_deref()) {
        (Some(ns), Some(n)) if !ns.is_empty() => format!("{ns}:{n}"),
        (_, Some(n)) => n.to_string(),
        _ => "unknown error".to_string(),
    };
    match e.message_format.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => format!("{name} ({m})"),
        None => name,
    }
}

fn uplink(
    msg: &ApplicationUpJson<'_>,
    up: &UplinkJson<'_>,
    dev_eui: DevEui,
) -> Result<AppUplink, AdapterError> {
    let payload_len = match up.frm_payload.as_deref() {
        Some(p) => common::b64_len("uplink_message.frm_payload", p)?,
        None => 0,
    };
    let f_port = common::f_port("f_port", up.f_port, payload_len, false)?;
    let mut receptions: Vec<Reception> =
        Vec::with_capacity(up.rx_metadata.as_ref().map_or(0, Vec::len));
    for (i, rx) in up.rx_metadata.iter().flatten().enumerate() {
        let r = reception(rx, i)?;
        // Packet Broker can report the same gateway a second time: keep the first.
        if !receptions.iter().any(|x| x.gateway == r.gateway) {
            receptions.push(r);
        }
    }
    let ids = msg.end_device_ids.as_ref();
    let ns_time = match up.received_at.as_ref() {
        Some(t) => common::opt_time("uplink_message.received_at", Some(t))?,
        None => common::opt_time("received_at", msg.received_at.as_ref())?,
    };
    Ok(AppUplink {
        dev_eui,
        dev_addr: dev_addr(ids)?,
        f_cnt: up.f_cnt.unwrap_or(0),
        f_port,
        confirmed: up.confirmed.unwrap_or(false),
        adr: false,
        payload_len,
        tx: settings(up.settings.as_ref()),
        receptions,
        dedup_id: correlation_id(msg.correlation_ids.as_deref()),
        ns_time,
    })
}

/// The Network Server's uplink correlation ID (`ns:uplink:…`), else the first one.
fn correlation_id(ids: Option<&[Text<'_>]>) -> Option<String> {
    let ids = ids?;
    ids.iter().find(|c| c.starts_with("ns:uplink:")).or(ids.first()).map(|c| c.to_string())
}

/// One `rx_metadata` entry as a reception (the gateway named by EUI, else by Packet Broker
/// forwarder, else by ID).
pub(super) fn reception(rx: &RxMetadataJson<'_>, index: usize) -> Result<Reception, AdapterError> {
    let ids = rx.gateway_ids.as_ref();
    let pb = rx.packet_broker.as_ref();
    let gateway = ids
        .and_then(|g| g.eui.as_deref())
        .or_else(|| pb.and_then(|p| p.forwarder_gateway_eui.as_deref()))
        .or_else(|| pb.and_then(|p| p.forwarder_gateway_id.as_deref()))
        .or_else(|| ids.and_then(|g| g.gateway_id.as_deref()))
        .filter(|s| !s.is_empty())
        .map(GatewayId::new)
        .ok_or_else(|| {
            AdapterError::invalid(
                "malformed-tts-rx-no-gateway",
                args! { "index" => index.to_string() },
            )
        })?;
    Ok(Reception {
        gateway,
        rssi_dbm: rx.rssi.or(rx.channel_rssi),
        snr_db: rx.snr,
        channel: rx.channel_index,
        gw_time: common::opt_time("rx_metadata.time", rx.time.as_ref())?,
        context: Vec::new(),
        crc_ok: None,
    })
}

/// Radio parameters of `settings`.
pub(super) fn settings(s: Option<&SettingsJson<'_>>) -> TxParams {
    let Some(s) = s else {
        return TxParams::default();
    };
    let lora = s.data_rate.as_ref().and_then(|d| d.lora.as_ref());
    TxParams {
        frequency_hz: s.frequency.filter(|f| *f != 0),
        spreading_factor: lora.and_then(|l| l.spreading_factor).and_then(common::spreading_factor),
        bandwidth_hz: lora.and_then(|l| l.bandwidth).and_then(common::bandwidth_hz),
        coding_rate: lora
            .and_then(|l| l.coding_rate.as_deref())
            .or(s.coding_rate.as_deref())
            .and_then(common::code_rate),
        data_rate: s.data_rate_index.and_then(|d| u8::try_from(d).ok()),
    }
}

#[cfg(test)]
mod tests;
