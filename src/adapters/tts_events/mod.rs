//! The Things Stack v3 events (`ttn.lorawan.v3.Event`): one event per message, recorded under
//! the topic `tts/events/{event name}` by the event-file readers and `watch --tts`.
//!
//! What each event becomes (reference: tts-events.md, lorawan-stack v3.32):
//!
//! | event | normalized |
//! |---|---|
//! | `gs.up.receive`, `ns.up.join.receive`, `ns.up.join.process`, `ns.up.data.receive`, `ns.up.data.process` | one [`EventBody::GatewayUplink`] per `rx_metadata` entry (raw PHYPayload; context = the concentrator timestamp, so the same reception reported by the Gateway Server and again by the Network Server counts once) |
//! | `as.up.data.forward`, `as.up.join.forward` | the `ApplicationUp` in `data`, as the MQTT adapter reads it |
//! | `ns.up.join.cluster.fail`, `ns.up.join.interop.fail`, `ns.up.join.drop`, `ns.up.data.drop` | [`EventBody::AppLog`] with the error: `mic_mismatch` → `UPLINK_MIC`, `reuse_dev_nonce` / `dev_nonce_too_small` → `OTAA`, others by name (a drop repeating the Join Server's error is not counted twice; duplicate-uplink drops are ignored) |
//! | `ns.down.join.schedule.attempt`, `ns.down.data.schedule.attempt`, `gs.down.send` | [`EventBody::GatewayDownlink`] on the first downlink path's gateway, its ID derived from the `ns:transmission:` correlation ID |
//! | `ns.down.transmission.success` / `.fail`, `gs.down.tx.success` / `.fail`, `ns.down.*.schedule.fail` | [`EventBody::NsTxResult`] for the same ID (`TOO_LATE`, …; a scheduling failure by its Gateway Server error) |
//! | `ns.mac.dev_status.answer.accept` | [`EventBody::AppStatus`] (margin, battery) |
//! | `gs.gateway.connect` / `.disconnect` | [`EventBody::GatewayConnState`] |
//! | `gs.status.receive` | [`EventBody::GatewayStats`] (packet-forwarder counters) |
//!
//! Other names (`events.stream.start`, `js.join.reject` — which names no device —, …) are
//! ignored, not malformed. Pure: the event's own fields only.

mod json;

use prost::Message as _;

use super::common::{self, EnumValue, Text};
use super::tts::{self as app, GatewayIdsJson};
use super::{AdapterError, AdapterResult};
use crate::catalog::{Message, args};
use crate::model::{
    DevEui, DownlinkItem, DownlinkTiming, EventBody, GatewayId, LogLevel, TxAckStatus,
};
use json::{
    AnyData, DevStatusJson, DownlinkJson, EntityIdsJson, ErrorJson, EventJson, NameJson,
    StatusJson, TxResultJson, UplinkJson,
};

const HINT: &str = "malformed-hint-tts-events";

/// The topic prefix under which events are recorded.
pub const TOPIC_PREFIX: &str = "tts/events/";

/// Decodes one event; `name` is the event name from the topic.
pub(super) fn decode(name: &str, payload: &[u8]) -> AdapterResult {
    let event = unwrap_result(payload)?;
    let what = || Message::new("malformed-what-tts-event-named", args! { "name" => name });
    match name {
        "gs.up.receive" | "ns.up.join.receive" | "ns.up.join.process" | "ns.up.data.receive"
        | "ns.up.data.process" => {
            let e: EventJson<'_, UplinkJson<'_>> = common::parse_json(event, what, HINT)?;
            uplinks(&e).map(Some)
        }
        "as.up.data.forward" => app::decode("up", &device_id(event)?, event),
        "as.up.join.forward" => app::decode("join", &device_id(event)?, event),
        "ns.up.join.cluster.fail"
        | "ns.up.join.interop.fail"
        | "ns.up.join.drop"
        | "ns.up.data.drop" => {
            let e: EventJson<'_, ErrorJson<'_>> = common::parse_json(event, what, HINT)?;
            ns_error(name, &e)
        }
        "ns.down.join.schedule.attempt" | "ns.down.data.schedule.attempt" | "gs.down.send" => {
            let e: EventJson<'_, DownlinkJson<'_>> = common::parse_json(event, what, HINT)?;
            Ok(downlink(&e)?.map(|d| vec![d]))
        }
        "ns.down.transmission.success" | "gs.down.tx.success" => {
            let e: EventJson<'_, AnyData> = common::parse_json(event, what, HINT)?;
            Ok(tx_result(&e, TxAckStatus::Ok)?.map(|r| vec![r]))
        }
        "ns.down.transmission.fail"
        | "ns.down.join.schedule.fail"
        | "ns.down.data.schedule.fail" => {
            let e: EventJson<'_, ErrorJson<'_>> = common::parse_json(event, what, HINT)?;
            let status = e.data.as_ref().map_or(TxAckStatus::Other("UNKNOWN".into()), tx_status);
            Ok(tx_result(&e, status)?.map(|r| vec![r]))
        }
        "gs.down.tx.fail" => {
            let e: EventJson<'_, TxResultJson<'_>> = common::parse_json(event, what, HINT)?;
            let result = e.data.as_ref().and_then(|d| d.value.as_ref().or(d.result.as_ref()));
            let status = result.map_or(TxAckStatus::Other("UNKNOWN".into()), tx_ack_result);
            Ok(tx_result(&e, status)?.map(|r| vec![r]))
        }
        "ns.mac.dev_status.answer.accept" => {
            let e: EventJson<'_, DevStatusJson> = common::parse_json(event, what, HINT)?;
            dev_status(&e).map(|s| Some(vec![s]))
        }
        "gs.gateway.connect" | "gs.gateway.disconnect" => {
            let e: EventJson<'_, AnyData> = common::parse_json(event, what, HINT)?;
            let gateway = event_gateway(&e).ok_or_else(|| no_gateway(name))?;
            let online = name == "gs.gateway.connect";
            Ok(Some(vec![EventBody::GatewayConnState { gateway, online }]))
        }
        "gs.status.receive" => {
            let e: EventJson<'_, StatusJson> = common::parse_json(event, what, HINT)?;
            let gateway = event_gateway(&e).ok_or_else(|| no_gateway(name))?;
            let m = e.data.as_ref().and_then(|d| d.metrics.as_ref());
            let count = |v: Option<f64>| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                v.filter(|v| v.is_finite() && *v >= 0.0)
                    .map_or(0, |v| v.min(f64::from(u32::MAX)) as u32)
            };
            Ok(Some(vec![EventBody::GatewayStats {
                gateway,
                rx_received: count(m.and_then(|m| m.rxin)),
                rx_received_ok: count(m.and_then(|m| m.rxok)),
                tx_received: count(m.and_then(|m| m.txin)),
                tx_emitted: count(m.and_then(|m| m.txok)),
            }]))
        }
        _ => Ok(None),
    }
}

/// The event inside a `{"result": Event}` stream item (or the event itself).
fn unwrap_result(payload: &[u8]) -> Result<&[u8], AdapterError> {
    let head: NameJson<'_> =
        common::parse_json(payload, || Message::plain("malformed-what-tts-event"), HINT)?;
    if head.name.is_none() && head.result.is_some() {
        // Rare in recordings (the readers unwrap); re-serialising keeps this path simple.
        return Err(AdapterError::invalid("malformed-tts-nested-result", args! {}));
    }
    Ok(payload)
}

fn no_gateway(name: &str) -> AdapterError {
    AdapterError::invalid(
        "malformed-tts-event-no-gateway",
        args! { "name" => name, "hint" => Message::plain(HINT) },
    )
}

/// The gateway a gateway event names (EUI preferred, as for receptions).
fn event_gateway<D>(e: &EventJson<'_, D>) -> Option<GatewayId> {
    let ids = e.identifiers.as_deref()?;
    let gws = || ids.iter().filter_map(|i| i.gateway_ids.as_ref());
    gws()
        .find_map(|g| g.eui.as_deref().filter(|s| !s.is_empty()))
        .or_else(|| gws().find_map(|g| g.gateway_id.as_deref().filter(|s| !s.is_empty())))
        .map(GatewayId::new)
}

fn gateway_of(ids: &GatewayIdsJson<'_>) -> Option<GatewayId> {
    ids.eui
        .as_deref()
        .filter(|s| !s.is_empty())
        .or(ids.gateway_id.as_deref().filter(|s| !s.is_empty()))
        .map(GatewayId::new)
}

/// The DevEUI a device event names, if any (`dev_eui`, else an `eui-…` device ID).
fn event_dev_eui<D>(e: &EventJson<'_, D>) -> Result<Option<DevEui>, AdapterError> {
    let Some(ids) = e.identifiers.as_deref() else { return Ok(None) };
    for d in ids.iter().filter_map(|i: &EntityIdsJson<'_>| i.device_ids.as_ref()) {
        if let Some(s) = d.dev_eui.as_deref().filter(|s| !s.is_empty()) {
            return common::eui("identifiers[].device_ids.dev_eui", s).map(Some);
        }
        if let Some(eui) = d.device_id.as_deref().and_then(common::eui_from_device_id) {
            return Ok(Some(eui));
        }
    }
    Ok(None)
}

fn require_dev_eui<D>(e: &EventJson<'_, D>, name: &str) -> Result<DevEui, AdapterError> {
    event_dev_eui(e)?.ok_or_else(|| {
        AdapterError::invalid("malformed-tts-event-no-dev-eui", args! { "name" => name })
    })
}

/// The device ID of an application event (for the MQTT adapter's DevEUI fallback).
fn device_id(event: &[u8]) -> Result<String, AdapterError> {
    let e: EventJson<'_, AnyData> =
        common::parse_json(event, || Message::plain("malformed-what-tts-event"), HINT)?;
    let id = e.identifiers.iter().flatten().find_map(|i| i.device_ids.as_ref()?.device_id.clone());
    Ok(id.map(|t| t.0.into_owned()).unwrap_or_default())
}

/// The concentrator timestamp (else the uplink token) identifying one gateway's reception.
fn reception_context(rx: &super::tts::RxMetadataJson<'_>) -> Vec<u8> {
    match (rx.timestamp, rx.uplink_token.as_deref()) {
        (Some(t), _) if t != 0 => t.to_be_bytes().to_vec(),
        (_, Some(tok)) => common::b64("rx_metadata.uplink_token", tok).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn uplinks(e: &EventJson<'_, UplinkJson<'_>>) -> Result<Vec<EventBody>, AdapterError> {
    let Some(mut up) = e.data.as_ref() else { return Ok(Vec::new()) };
    if let Some(inner) = up.message.as_deref() {
        up = inner;
    }
    // Versions before 3.10 published these events without the frame.
    let Some(raw) = up.raw_payload.as_deref() else { return Ok(Vec::new()) };
    let phy = common::b64("data.raw_payload", raw)?;
    let tx = app::settings(up.settings.as_ref());
    let mut out = Vec::new();
    for (i, rx) in up.rx_metadata.iter().flatten().enumerate() {
        let mut reception = app::reception(rx, i)?;
        reception.context = reception_context(rx);
        out.push(EventBody::GatewayUplink { phy_payload: phy.clone(), tx: tx.clone(), reception });
    }
    Ok(out)
}

/// The 32-bit ID of a downlink transmission: FNV-1a of its `ns:transmission:` correlation ID
/// (else its `ns:downlink:` one), the same in every event about that transmission.
fn downlink_id(ids: &[&[Text<'_>]]) -> Option<u32> {
    let all = || ids.iter().flat_map(|l| l.iter());
    let id = all()
        .find(|c| c.starts_with("ns:transmission:"))
        .or_else(|| all().find(|c| c.starts_with("ns:downlink:")))?;
    Some(id.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)))
}

fn correlation_ids<'a, D>(e: &'a EventJson<'a, D>) -> &'a [Text<'a>] {
    e.correlation_ids.as_deref().unwrap_or(&[])
}

/// `ttnpb.UplinkToken` → the gateway it was received by.
#[derive(Clone, PartialEq, prost::Message)]
struct UplinkToken {
    #[prost(message, optional, tag = "1")]
    ids: Option<AntennaIds>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct AntennaIds {
    #[prost(message, optional, tag = "1")]
    gateway_ids: Option<GatewayIds>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct GatewayIds {
    #[prost(string, tag = "1")]
    gateway_id: String,
    #[prost(bytes = "vec", tag = "2")]
    eui: Vec<u8>,
}

fn token_gateway(token: &str) -> Option<GatewayId> {
    let bytes = common::b64("uplink_token", token).ok()?;
    let ids = UplinkToken::decode(bytes.as_slice()).ok()?.ids?.gateway_ids?;
    match <[u8; 8]>::try_from(ids.eui.as_slice()) {
        Ok(eui) => Some(GatewayId::from_eui(crate::model::Eui64::from_be_bytes(eui))),
        Err(_) => (!ids.gateway_id.is_empty()).then(|| GatewayId::new(&ids.gateway_id)),
    }
}

fn downlink(e: &EventJson<'_, DownlinkJson<'_>>) -> Result<Option<EventBody>, AdapterError> {
    let Some(d) = e.data.as_ref() else { return Ok(None) };
    let Some(raw) = d.raw_payload.as_deref() else { return Ok(None) };
    let phy = common::b64("data.raw_payload", raw)?;
    let request = d.request.as_ref();
    let path_gateway = request
        .and_then(|r| r.downlink_paths.as_deref())
        .and_then(|p| p.first())
        .and_then(|p| match (&p.uplink_token, &p.fixed) {
            (Some(t), _) => token_gateway(t),
            (None, Some(f)) => f.gateway_ids.as_ref().and_then(gateway_of),
            _ => None,
        });
    let Some(gateway) = path_gateway.or_else(|| event_gateway(e)) else { return Ok(None) };
    let ids = [correlation_ids(e), d.correlation_ids.as_deref().unwrap_or(&[])];
    let Some(downlink_id) = downlink_id(&ids) else { return Ok(None) };
    let join_accept = phy.first().is_some_and(|b| b >> 5 == 1);
    let rx1_delay_s = request.and_then(|r| r.rx1_delay.as_ref()).and_then(rx_delay_s);
    let timing = match (rx1_delay_s, request) {
        (_, None) => None,
        // A join-accept's RX1 is JOIN_ACCEPT_DELAY1 (5 s) whatever the session's RX1 delay.
        (_, Some(_)) if join_accept => Some(DownlinkTiming::Delay { seconds: 5.0 }),
        (Some(s), _) => Some(DownlinkTiming::Delay { seconds: s }),
        (None, Some(_)) => None,
    };
    let tx = match request {
        Some(r) => {
            let lora = r.rx1_data_rate.as_ref().and_then(|d| d.lora.as_ref());
            crate::model::TxParams {
                frequency_hz: r.rx1_frequency.filter(|f| *f != 0),
                spreading_factor: lora
                    .and_then(|l| l.spreading_factor)
                    .and_then(common::spreading_factor),
                bandwidth_hz: lora.and_then(|l| l.bandwidth).and_then(common::bandwidth_hz),
                ..Default::default()
            }
        }
        None => app::settings(d.scheduled.as_ref()),
    };
    let item = DownlinkItem { phy_payload: phy, tx, power_dbm: None, timing, context: Vec::new() };
    Ok(Some(EventBody::GatewayDownlink { gateway, downlink_id, items: vec![item] }))
}

/// `RX_DELAY_5` / `5` → seconds (`RX_DELAY_0` means 1 s).
fn rx_delay_s(v: &EnumValue<'_>) -> Option<f64> {
    let n = match v {
        EnumValue::Number(n) => *n,
        EnumValue::Name(s) => s.strip_prefix("RX_DELAY_")?.parse().ok()?,
    };
    #[allow(clippy::cast_precision_loss)]
    (0..=15).contains(&n).then_some(if n == 0 { 1.0 } else { n as f64 })
}

fn tx_result<D>(
    e: &EventJson<'_, D>,
    status: TxAckStatus,
) -> Result<Option<EventBody>, AdapterError> {
    let Some(downlink_id) = downlink_id(&[correlation_ids(e)]) else { return Ok(None) };
    Ok(Some(EventBody::NsTxResult {
        dev_eui: event_dev_eui(e)?,
        gateway: event_gateway(e),
        downlink_id,
        status,
    }))
}

/// `TxAcknowledgment.Result` (The Things Stack numbering: SUCCESS = 0, TOO_LATE = 2, …).
fn tx_ack_result(v: &EnumValue<'_>) -> TxAckStatus {
    const NAMES: [&str; 9] = [
        "SUCCESS",
        "UNKNOWN_ERROR",
        "TOO_LATE",
        "TOO_EARLY",
        "COLLISION_PACKET",
        "COLLISION_BEACON",
        "TX_FREQ",
        "TX_POWER",
        "GPS_UNLOCKED",
    ];
    match v.name(&NAMES).as_ref() {
        "SUCCESS" => TxAckStatus::Ok,
        name => TxAckStatus::from_name(name),
    }
}

/// Every error in the chain: the error, its causes and its per-path scheduling errors.
fn error_chain<'e, 'a>(e: &'e ErrorJson<'a>, out: &mut Vec<&'e ErrorJson<'a>>) {
    if out.len() >= 32 {
        return;
    }
    out.push(e);
    if let Some(c) = e.cause.as_deref() {
        error_chain(c, out);
    }
    for p in e.details.iter().flatten().flat_map(|d| d.path_errors.iter().flatten()) {
        error_chain(p, out);
    }
}

fn chain<'e, 'a>(e: &'e ErrorJson<'a>) -> Vec<&'e ErrorJson<'a>> {
    let mut out = Vec::new();
    error_chain(e, &mut out);
    out
}

/// Why a downlink was not sent: the `transmission` error's `result`, else the most specific
/// Gateway Server scheduling error.
fn tx_status(e: &ErrorJson<'_>) -> TxAckStatus {
    let all = chain(e);
    if let Some(result) = all
        .iter()
        .find_map(|x| x.attributes.as_ref()?.result.as_ref()?.as_str().map(str::to_string))
    {
        return TxAckStatus::from_name(&result);
    }
    let names: Vec<&str> = all.iter().filter_map(|x| x.head.name.as_deref()).collect();
    let specific = names
        .iter()
        .rev()
        .find(|n| {
            !matches!(**n, "schedule" | "schedule_path" | "rx_window_schedule" | "tx_schedule")
        })
        .or(names.first());
    match specific.copied() {
        Some("conflict") => TxAckStatus::CollisionPacket,
        Some("duty_cycle") => TxAckStatus::DutyCycleOverflow,
        Some("no_gps_sync" | "no_absolute_gateway_time") => TxAckStatus::GpsUnlocked,
        Some("too_late") => TxAckStatus::TooLate,
        Some("too_early") => TxAckStatus::TooEarly,
        Some(n) => TxAckStatus::Other(n.to_ascii_uppercase()),
        None => TxAckStatus::Other("SCHEDULE".into()),
    }
}

/// The NS log code of an error chain: ChirpStack's codes where the rules know the failure.
fn error_code(all: &[&ErrorJson<'_>]) -> Option<(&'static str, usize)> {
    all.iter().enumerate().find_map(|(i, x)| {
        let code = match x.head.name.as_deref()? {
            "mic_mismatch" => "UPLINK_MIC",
            "reuse_dev_nonce" | "dev_nonce_too_small" => "OTAA",
            _ => return None,
        };
        Some((code, i))
    })
}

fn ns_error(name: &str, e: &EventJson<'_, ErrorJson<'_>>) -> AdapterResult {
    let Some(err) = e.data.as_ref() else { return Ok(Some(Vec::new())) };
    let all = chain(err);
    let names: Vec<&str> = all.iter().filter_map(|x| x.head.name.as_deref()).collect();
    if names.iter().any(|n| matches!(*n, "duplicate_uplink" | "duplicate")) {
        return Ok(Some(Vec::new()));
    }
    let from_js = all.iter().any(|x| x.head.namespace.as_deref() == Some("pkg/joinserver"));
    if name == "ns.up.join.drop" && from_js {
        // Already reported by ns.up.join.cluster.fail with the same error.
        return Ok(Some(Vec::new()));
    }
    let dev_eui = require_dev_eui(e, name)?;
    let (code, at) = match error_code(&all) {
        Some((c, i)) => (c.to_string(), i),
        None => (
            names.last().or(names.first()).map_or("ERROR".into(), |n| n.to_ascii_uppercase()),
            all.len().saturating_sub(1),
        ),
    };
    let shown = all.get(at).copied().unwrap_or(err);
    let mut context = std::collections::BTreeMap::new();
    context.insert("event".to_string(), name.to_string());
    if let Some(ns) = shown.head.namespace.as_deref() {
        context.insert("namespace".to_string(), ns.to_string());
    }
    if let Some(n) = shown.head.name.as_deref() {
        context.insert("name".to_string(), n.to_string());
    }
    if let Some(v) = err.value.as_deref() {
        context.insert("message".to_string(), v.to_string());
    }
    Ok(Some(vec![EventBody::AppLog {
        dev_eui,
        level: LogLevel::Error,
        code,
        description: app::error_text(&shown.head),
        context,
    }]))
}

fn dev_status(e: &EventJson<'_, DevStatusJson>) -> Result<EventBody, AdapterError> {
    let dev_eui = require_dev_eui(e, "ns.mac.dev_status.answer.accept")?;
    let d = e.data.as_ref();
    let battery = d.and_then(|d| d.battery);
    Ok(EventBody::AppStatus {
        dev_eui,
        margin_db: d.and_then(|d| d.margin),
        // LoRaWAN DevStatusAns: 0 = external power, 1..254 = level, 255 = cannot measure.
        battery_percent: battery
            .filter(|b| (1..=254).contains(b))
            .map(|b| f64::from(b - 1) * 100.0 / 253.0),
        external_power: battery == Some(0),
    })
}

#[cfg(test)]
mod tests;
