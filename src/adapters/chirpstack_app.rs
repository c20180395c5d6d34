//! ChirpStack v4 application integration (`application/{uuid}/device/{devEui}/event/{kind}`).
//!
//! - JSON written by pbjson with `emit_fields` for the `integration` messages (scalars present
//!   even when zero) but not for the embedded `gw.*` radio metadata (zero values absent).
//! - One struct covers every event kind, so each payload is parsed once; unknown fields
//!   (`object`, `tags`, `regionConfigId`, …) are skipped without being built.
//! - The DevEUI comes from `deviceInfo.devEui`, else from the topic.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::common::{self, EnumValue, Text};
use super::{AdapterError, AdapterResult};
use crate::model::{AppUplink, DevEui, DownlinkOutcome, EventBody, LogLevel};

const HINT: &str = "expected a ChirpStack v4 application event (MQTT integration with json=true)";

/// `integration.LogCode` names, indexed by enum number.
const LOG_CODES: [&str; 12] = [
    "UNKNOWN",
    "DOWNLINK_PAYLOAD_SIZE",
    "UPLINK_CODEC",
    "DOWNLINK_CODEC",
    "OTAA",
    "UPLINK_F_CNT_RESET",
    "UPLINK_MIC",
    "UPLINK_F_CNT_RETRANSMISSION",
    "DOWNLINK_GATEWAY",
    "RELAY_NEW_END_DEVICE",
    "F_CNT_DOWN",
    "EXPIRED",
];

/// Every field of the v4 events rmacheck reads (`up`, `join`, `ack`, `txack`, `log`, `status`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventJson<'a> {
    #[serde(borrow)]
    deduplication_id: Option<Text<'a>>,
    #[serde(borrow)]
    time: Option<Text<'a>>,
    #[serde(borrow)]
    device_info: Option<DeviceInfoJson<'a>>,
    #[serde(borrow)]
    dev_addr: Option<Text<'a>>,
    adr: Option<bool>,
    dr: Option<u32>,
    f_cnt: Option<u32>,
    f_port: Option<u32>,
    confirmed: Option<bool>,
    #[serde(borrow)]
    data: Option<Text<'a>>,
    #[serde(borrow)]
    rx_info: Option<Vec<RxInfoJson<'a>>>,
    #[serde(borrow)]
    tx_info: Option<TxInfoJson<'a>>,
    acknowledged: Option<bool>,
    f_cnt_down: Option<u32>,
    #[serde(borrow)]
    gateway_id: Option<Text<'a>>,
    #[serde(borrow)]
    level: Option<EnumValue<'a>>,
    #[serde(borrow)]
    code: Option<EnumValue<'a>>,
    description: Option<String>,
    context: Option<BTreeMap<String, serde_json::Value>>,
    margin: Option<i32>,
    external_power_source: Option<bool>,
    battery_level_unavailable: Option<bool>,
    battery_level: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeviceInfoJson<'a> {
    #[serde(borrow)]
    dev_eui: Option<Text<'a>>,
}

/// Decodes one v4 application event; `None` for kinds rmacheck does not use.
pub(super) fn decode(kind: &str, topic_dev_eui: &str, payload: &[u8]) -> AdapterResult {
    if !matches!(kind, "up" | "join" | "ack" | "txack" | "log" | "status" | "location") {
        return Ok(None);
    }
    if !common::looks_like_json(payload) {
        return Err(AdapterError(format!(
            "application event/{kind} is not JSON: rmacheck reads the ChirpStack MQTT integration \
             with json=true (set it in the [integration.mqtt] section of chirpstack.toml)"
        )));
    }
    let e: EventJson<'_> = serde_json::from_slice(payload)
        .map_err(|err| common::json_error(&format!("application event/{kind}"), &err, HINT))?;
    let dev_eui = dev_eui(e.device_info.as_ref(), topic_dev_eui)?;
    let event = match kind {
        "up" => EventBody::AppUplink(uplink(&e, dev_eui)?),
        "join" => EventBody::AppJoin { dev_eui, dev_addr: dev_addr(&e)?, join_eui: None },
        "ack" => EventBody::AppDownlink {
            dev_eui,
            outcome: if e.acknowledged.unwrap_or(false) {
                DownlinkOutcome::Ack
            } else {
                DownlinkOutcome::Nack
            },
            f_cnt_down: Some(e.f_cnt_down.unwrap_or(0)),
            error: None,
        },
        "txack" => EventBody::AppTxAck {
            dev_eui,
            gateway: e
                .gateway_id
                .as_deref()
                .filter(|g| !g.is_empty())
                .map(common::chirpstack_gateway),
            f_cnt_down: Some(e.f_cnt_down.unwrap_or(0)),
        },
        "log" => log(e, dev_eui),
        "status" => {
            let external_power = e.external_power_source.unwrap_or(false);
            let unavailable = e.battery_level_unavailable.unwrap_or(false);
            EventBody::AppStatus {
                dev_eui,
                margin_db: Some(e.margin.unwrap_or(0)),
                battery_percent: if external_power || unavailable {
                    None
                } else {
                    Some(e.battery_level.unwrap_or(0.0))
                },
                external_power,
            }
        }
        _ => return Ok(Some(Vec::new())), // location: nothing rmacheck uses
    };
    Ok(Some(vec![event]))
}

fn dev_eui(info: Option<&DeviceInfoJson<'_>>, topic_dev_eui: &str) -> Result<DevEui, AdapterError> {
    match info.and_then(|i| i.dev_eui.as_deref()).filter(|s| !s.is_empty()) {
        Some(s) => common::eui("deviceInfo.devEui", s),
        None => common::eui("the DevEUI in the topic", topic_dev_eui)
            .map_err(|e| AdapterError(format!("{e}, and the payload has no deviceInfo.devEui"))),
    }
}

fn dev_addr(e: &EventJson<'_>) -> Result<Option<crate::model::DevAddr>, AdapterError> {
    e.dev_addr
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| common::dev_addr("devAddr", s))
        .transpose()
}

fn uplink(e: &EventJson<'_>, dev_eui: DevEui) -> Result<AppUplink, AdapterError> {
    let payload_len = match e.data.as_deref() {
        Some(d) => common::b64_len("data", d)?,
        None => 0,
    };
    let f_port = match e.f_port {
        None => None,
        Some(0) if payload_len == 0 => None,
        Some(p) => Some(u8::try_from(p).map_err(|_| {
            AdapterError(format!("fPort {p} is out of range: LoRaWAN ports are 0-255"))
        })?),
    };
    let empty = TxInfoJson::default();
    let tx_info = e.tx_info.as_ref().unwrap_or(&empty);
    let lora = tx_info.is_lora();
    let mut receptions = Vec::with_capacity(e.rx_info.as_ref().map_or(0, Vec::len));
    for (i, rx) in e.rx_info.iter().flatten().enumerate() {
        let gateway = rx.gateway().ok_or_else(|| {
            AdapterError(format!("rxInfo[{i}] has no gatewayId: a reception needs its gateway"))
        })?;
        receptions.push(rx.reception(gateway, lora, true)?);
    }
    Ok(AppUplink {
        dev_eui,
        dev_addr: dev_addr(e)?,
        f_cnt: e.f_cnt.unwrap_or(0),
        f_port,
        confirmed: e.confirmed.unwrap_or(false),
        adr: e.adr.unwrap_or(false),
        payload_len,
        tx: tx_info.params(e.dr),
        receptions,
        dedup_id: e.deduplication_id.as_deref().filter(|s| !s.is_empty()).map(str::to_owned),
        ns_time: common::opt_time("time", e.time.as_ref())?,
    })
}

fn log(e: EventJson<'_>, dev_eui: DevEui) -> EventBody {
    let level = match e.level.as_ref().map(|l| l.name(&["INFO", "WARNING", "ERROR"])).as_deref() {
        Some("ERROR") => LogLevel::Error,
        Some("WARNING" | "WARN") => LogLevel::Warning,
        _ => LogLevel::Info,
    };
    let code = e.code.as_ref().map_or_else(|| "UNKNOWN".to_string(), |c| c.name(&LOG_CODES).into());
    EventBody::AppLog {
        dev_eui,
        level,
        code,
        description: e.description.unwrap_or_default(),
        context: stringify_context(e.context.unwrap_or_default()),
    }
}

/// Log context values as text (ChirpStack sends strings; anything else is rendered as JSON).
pub(super) fn stringify_context(
    context: BTreeMap<String, serde_json::Value>,
) -> BTreeMap<String, String> {
    context
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, v)
        })
        .collect()
}

#[cfg(test)]
mod tests {}
