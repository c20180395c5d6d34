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
mod tests {
    use super::*;
    use crate::model::DevAddr;

    const IDS: &str = r#""end_device_ids":{"device_id":"dev1","application_ids":{"application_id":"app1"},"dev_eui":"0004A30B001C0530","join_eui":"800000000000000C","dev_addr":"01497ECC"}"#;

    crate::adapters::testkit::decoders!("dev1");

    #[test]
    fn a_real_uplink_decodes_every_field() {
        let json = r#"{"end_device_ids":{"device_id":"eui-1000000000000001","application_ids":{"application_id":"application-tts-name"},"dev_eui":"1000000000000001","join_eui":"2000000000000001","dev_addr":"20000001"},"correlation_ids":["as:up:01H0S7ZJQ9MQPMVY49FT3SE07M","ns:uplink:01H0S7ZJGS9KKD4HTTPKFEMWCV"],"received_at":"2023-05-19T05:33:35.848446463Z","uplink_message":{"session_key_id":"AYfqmb0pc/1uRZv9xUydgQ==","f_port":2,"f_cnt":10335,"frm_payload":"ARI=","rx_metadata":[{"gateway_ids":{"gateway_id":"eui-6a7e111a10000000","eui":"6A7E111A10000000"},"time":"2023-05-19T05:33:35.608982Z","timestamp":3893546133,"rssi":-35,"channel_rssi":-35,"snr":13.2,"frequency_offset":"69","channel_index":3,"received_at":"2023-05-19T05:33:35.607383681Z"}],"settings":{"data_rate":{"lora":{"bandwidth":125000,"spreading_factor":7,"coding_rate":"4/5"}},"frequency":"867100000","timestamp":3893546133,"time":"2023-05-19T05:33:35.608982Z"},"received_at":"2023-05-19T05:33:35.641841782Z","consumed_airtime":"0.056576s"}}"#;
        let u = up(json);
        assert_eq!(u.dev_eui.to_string(), "1000000000000001");
        assert_eq!(u.dev_addr, Some(DevAddr(0x2000_0001)));
        assert_eq!(
            (u.f_cnt, u.f_port, u.payload_len, u.confirmed, u.adr),
            (10335, Some(2), 2, false, false)
        );
        assert_eq!(
            (u.tx.frequency_hz, u.tx.spreading_factor, u.tx.bandwidth_hz),
            (Some(867_100_000), Some(7), Some(125_000))
        );
        assert_eq!(u.tx.coding_rate.as_deref(), Some("4/5"));
        assert_eq!(u.dedup_id.as_deref(), Some("ns:uplink:01H0S7ZJGS9KKD4HTTPKFEMWCV"));
        assert_eq!(
            u.ns_time.map(|t| t.to_rfc3339()).as_deref(),
            Some("2023-05-19T05:33:35.641841782+00:00")
        );
        let r = &u.receptions[0];
        assert_eq!(
            (r.gateway.as_str(), r.rssi_dbm, r.snr_db, r.channel),
            ("6a7e111a10000000", Some(-35.0), Some(13.2), Some(3))
        );
    }

    #[test]
    fn omitted_zeros_and_string_numbers_are_understood() {
        let cases = [
            // (uplink_message body) → (f_cnt, snr, rssi, frequency, coding rate, data rate)
            (
                r#""frm_payload":"AQ==","settings":{"frequency":"868300000"}"#,
                (0, None, None, Some(868_300_000), None, None),
            ),
            (
                r#""f_cnt":"7","settings":{"frequency":868300000,"coding_rate":"4/6","data_rate_index":5}"#,
                (7, None, None, Some(868_300_000), Some("4/6"), Some(5)),
            ),
            (
                r#""rx_metadata":[{"gateway_ids":{"gateway_id":"gtw1"},"channel_rssi":-71}]"#,
                (0, None, Some(-71.0), None, None, None),
            ),
            (
                r#""rx_metadata":[{"gateway_ids":{"gateway_id":"gtw1"},"rssi":"-70","snr":"5.5"}]"#,
                (0, Some(5.5), Some(-70.0), None, None, None),
            ),
        ];
        for (body, (f_cnt, snr, rssi, freq, cr, dr)) in cases {
            let u = up(&format!(r#"{{{IDS},"uplink_message":{{{body}}}}}"#));
            let r = u.receptions.first();
            assert_eq!(u.f_cnt, f_cnt, "{body}");
            assert_eq!(
                (r.and_then(|r| r.snr_db), r.and_then(|r| r.rssi_dbm)),
                (snr, rssi),
                "{body}"
            );
            assert_eq!(
                (u.tx.frequency_hz, u.tx.coding_rate.as_deref(), u.tx.data_rate),
                (freq, cr, dr),
                "{body}"
            );
        }
    }

    #[test]
    fn gateways_are_named_by_eui_then_packet_broker_forwarder_then_id() {
        let cases = [
            (
                r#"{"gateway_ids":{"gateway_id":"gtw1","eui":"9C5C8E00001A05C4"}}"#,
                "9c5c8e00001a05c4",
            ),
            (r#"{"gateway_ids":{"gateway_id":"gtw1"}}"#, "gtw1"),
            (
                r#"{"gateway_ids":{"gateway_id":"packetbroker"},"packet_broker":{"forwarder_gateway_eui":"6A7E111A10000000"}}"#,
                "6a7e111a10000000",
            ),
            (
                r#"{"gateway_ids":{"gateway_id":"packetbroker"},"packet_broker":{"forwarder_gateway_id":"eui-x"}}"#,
                "eui-x",
            ),
        ];
        for (meta, want) in cases {
            let u = up(&format!(r#"{{{IDS},"uplink_message":{{"rx_metadata":[{meta}]}}}}"#));
            assert_eq!(u.receptions[0].gateway.as_str(), want, "{meta}");
        }
        let twice = r#"[{"gateway_ids":{"eui":"6A7E111A10000000"},"rssi":-24},{"gateway_ids":{"gateway_id":"packetbroker"},"packet_broker":{"forwarder_gateway_eui":"6A7E111A10000000"},"rssi":-25}]"#;
        let u = up(&format!(r#"{{{IDS},"uplink_message":{{"rx_metadata":{twice}}}}}"#));
        assert_eq!(
            u.receptions.len(),
            1,
            "the same gateway seen through Packet Broker counts once"
        );
    }

    #[test]
    fn the_dev_eui_comes_from_the_ids_else_from_an_eui_device_id() {
        let cases = [
            (
                r#"{"end_device_ids":{"device_id":"dev1","dev_eui":"0004A30B001C0530"},"join_accept":{}}"#,
                "dev1",
                Some("0004a30b001c0530"),
            ),
            (
                r#"{"end_device_ids":{"device_id":"eui-70b3d57ed0000001"},"join_accept":{}}"#,
                "x",
                Some("70b3d57ed0000001"),
            ),
            (r#"{"join_accept":{}}"#, "eui-70b3d57ed0000002", Some("70b3d57ed0000002")),
            (r#"{"end_device_ids":{"device_id":"dev1"},"join_accept":{}}"#, "dev1", None),
        ];
        for (json, topic_id, want) in cases {
            let got = decode("join", topic_id, json.as_bytes());
            let eui = got
                .as_ref()
                .ok()
                .and_then(|v| v.as_ref()?.first()?.dev_eui())
                .map(|e| e.to_string());
            assert_eq!(eui.as_deref(), want, "{json}");
            if want.is_none() {
                let err = got.err().map(|e| e.to_string()).unwrap_or_default();
                assert!(err.contains("names no DevEUI") && err.contains("'dev1'"), "{err}");
            }
        }
    }

    #[test]
    fn joins_and_downlink_events_decode() {
        let dev: DevEui = "0004a30b001c0530".parse().unwrap_or_default();
        let down = |outcome, f_cnt_down, error: Option<&str>| EventBody::AppDownlink {
            dev_eui: dev,
            outcome,
            f_cnt_down,
            error: error.map(str::to_string),
        };
        let cases = [
            (
                "join",
                r#""join_accept":{"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ==","received_at":"2020-02-17T07:49:09.736532315Z"}"#,
                EventBody::AppJoin {
                    dev_eui: dev,
                    dev_addr: Some(DevAddr(0x0149_7ecc)),
                    join_eui: "800000000000000c".parse().ok(),
                },
            ),
            (
                "down/queued",
                r#""downlink_queued":{"f_port":15,"f_cnt":1,"frm_payload":"vu8=","confirmed":true,"priority":"NORMAL"}"#,
                down(DownlinkOutcome::Queued, Some(1), None),
            ),
            (
                "down/sent",
                r#""downlink_sent":{"f_port":15,"f_cnt":"2"}"#,
                down(DownlinkOutcome::Sent, Some(2), None),
            ),
            (
                "down/ack",
                r#""downlink_ack":{"f_port":15,"f_cnt":1,"frm_payload":"vu8=","confirmed":true}"#,
                down(DownlinkOutcome::Ack, Some(1), None),
            ),
            (
                "down/nack",
                r#""downlink_nack":{"f_port":15}"#,
                down(DownlinkOutcome::Nack, Some(0), None),
            ),
            (
                "down/failed",
                r#""downlink_failed":{"downlink":{"f_port":15,"frm_payload":"vu8="},"error":{"namespace":"pkg/networkserver","name":"application_downlink_too_long","message_format":"application downlink payload is too long","code":3}}"#,
                down(
                    DownlinkOutcome::Failed,
                    Some(0),
                    Some(
                        "pkg/networkserver:application_downlink_too_long (application downlink payload is too long)",
                    ),
                ),
            ),
            (
                "down/invalidated",
                r#""downlink_queue_invalidated":{"downlinks":[],"last_f_cnt_down":9}"#,
                down(DownlinkOutcome::Invalidated, Some(9), None),
            ),
        ];
        for (kind, body, want) in cases {
            assert_eq!(one(kind, &format!("{{{IDS},{body}}}")), want, "{kind}");
        }
    }

    #[test]
    fn storage_and_events_api_framings_are_unwrapped() {
        let inner = format!(r#"{{{IDS},"uplink_message":{{"f_cnt":5}}}}"#);
        let framings = [
            format!(r#"{{"result":{inner}}}"#),
            format!(
                r#"{{"name":"as.up.data.forward","data":{{"@type":"type.googleapis.com/ttn.lorawan.v3.ApplicationUp",{}}}}}"#,
                &inner[1..inner.len() - 1]
            ),
            format!(r#"{{"result":{{"name":"as.up.data.forward","data":{inner}}}}}"#),
        ];
        for json in framings {
            assert_eq!(up(&json).f_cnt, 5, "{json}");
        }
    }

    #[test]
    fn unused_topics_are_ignored_and_malformed_payloads_say_what_is_wrong() {
        assert_eq!(decode("up/normalized", "dev1", b"{}"), Ok(None));
        assert_eq!(decode("location/solved", "dev1", b"{}"), Ok(None));
        assert_eq!(decode("down/push", "dev1", b"{}"), Ok(None));
        let cases = [
            ("up", format!(r#"{{{IDS},"uplink_message":{{"f_cnt":"#), "EOF"),
            ("up", format!(r#"{{{IDS},"uplink_message":{{"f_cnt":"many"}}}}"#), "invalid value"),
            ("up", format!(r#"{{{IDS},"uplink_message":{{"f_cnt":-1}}}}"#), "out of range"),
            (
                "up",
                format!(r#"{{{IDS},"uplink_message":{{"frm_payload":"!"}}}}"#),
                "frm_payload is not valid base64",
            ),
            ("up", format!(r#"{{{IDS},"uplink_message":{{"f_port":999}}}}"#), "out of range"),
            (
                "up",
                format!(r#"{{{IDS},"uplink_message":{{"rx_metadata":[{{"rssi":-1}}]}}}}"#),
                "rx_metadata[0] has no gateway_ids",
            ),
            ("up", format!(r#"{{{IDS}}}"#), "none of uplink_message"),
            ("up", "garbage".to_string(), "expected value"),
            (
                "up",
                format!("{}{{}}{}", r#"{"result":"#.repeat(300), "}".repeat(300)),
                "recursion limit",
            ),
        ];
        for (kind, json, want) in cases {
            let err = decode(kind, "dev1", json.as_bytes())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains(want), "{json}: {err}");
        }
    }
}
