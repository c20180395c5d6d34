//! ChirpStack v3 Application Server events (`application/{id}/device/{devEUI}/event/{kind}`,
//! and before v3.11 `application/{id}/device/{devEUI}/{kind}` with `rx` for uplinks).
//!
//! - Both marshalers are read by one struct: `json` (protobuf JSON: base64 `devEUI`,
//!   `gatewayID`, `devAddr`; `txInfo.loRaModulationInfo` with kHz bandwidth; `objectJSON`)
//!   and `json_v3` (the v3 default: hex IDs, `txInfo.dr`, `object`). IDs are told apart by
//!   their form (16 hex digits vs base64), never by configuration.
//! - `error` events become [`EventBody::AppLog`] at level ERROR, with the v3 type names mapped
//!   to the v4 log codes (`UPLINK_FCNT_RESET` → `UPLINK_F_CNT_RESET`, `DOWNLINK_FCNT` →
//!   `F_CNT_DOWN`, …) so diagnosis rules need one vocabulary.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::common::{self, EnumValue, Text};
use super::{AdapterError, AdapterResult};
use crate::model::{AppUplink, DevEui, DownlinkOutcome, EventBody, LogLevel};

const HINT: &str = "expected a ChirpStack v3 application event (marshaler \"json\" or \"json_v3\")";

/// v3 `ErrorType` names, indexed by enum number.
const ERROR_TYPES: [&str; 10] = [
    "UNKNOWN",
    "DOWNLINK_PAYLOAD_SIZE",
    "DOWNLINK_FCNT",
    "UPLINK_CODEC",
    "DOWNLINK_CODEC",
    "OTAA",
    "UPLINK_FCNT_RESET",
    "UPLINK_MIC",
    "UPLINK_FCNT_RETRANSMISSION",
    "DOWNLINK_GATEWAY",
];

/// Every field of the v3 events rmacheck reads, in both marshalers.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventJson<'a> {
    #[serde(borrow, rename = "devEUI")]
    dev_eui: Option<Text<'a>>,
    #[serde(borrow)]
    dev_addr: Option<Text<'a>>,
    #[serde(borrow)]
    rx_info: Option<Vec<RxInfoJson<'a>>>,
    #[serde(borrow)]
    tx_info: Option<TxInfoJson<'a>>,
    adr: Option<bool>,
    dr: Option<u32>,
    f_cnt: Option<u32>,
    f_port: Option<u32>,
    #[serde(borrow)]
    data: Option<Text<'a>>,
    confirmed_uplink: Option<bool>,
    #[serde(borrow)]
    published_at: Option<Text<'a>>,
    acknowledged: Option<bool>,
    #[serde(borrow, rename = "type")]
    error_type: Option<EnumValue<'a>>,
    error: Option<String>,
    margin: Option<i32>,
    external_power_source: Option<bool>,
    battery_level_unavailable: Option<bool>,
    battery_level: Option<f64>,
    battery: Option<u32>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id: Option<Text<'a>>,
}

/// Decodes one v3 application event; `None` for kinds rmacheck does not use.
pub(super) fn decode(kind: &str, topic_dev_eui: &str, payload: &[u8]) -> AdapterResult {
    let kind = if kind == "rx" { "up" } else { kind };
    if !matches!(kind, "up" | "join" | "ack" | "error" | "status" | "txack" | "location") {
        return Ok(None);
    }
    if !common::looks_like_json(payload) {
        return Err(AdapterError(format!(
            "ChirpStack v3 application event {kind} is not JSON: rmacheck reads the \"json\" and \
             \"json_v3\" marshalers, not \"protobuf\" (change it in the integration settings)"
        )));
    }
    let e: EventJson<'_> = serde_json::from_slice(payload).map_err(|err| {
        common::json_error(&format!("ChirpStack v3 application event {kind}"), &err, HINT)
    })?;
    let dev_eui = match e.dev_eui.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => common::eui("devEUI", s)?,
        None => common::eui("the DevEUI in the topic", topic_dev_eui)
            .map_err(|err| AdapterError(format!("{err}, and the payload has no devEUI")))?,
    };
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
            f_cnt_down: e.f_cnt,
            error: None,
        },
        "txack" => EventBody::AppTxAck {
            dev_eui,
            gateway: e
                .gateway_id
                .as_deref()
                .filter(|g| !g.is_empty())
                .map(common::chirpstack_gateway),
            f_cnt_down: e.f_cnt,
        },
        "error" => error(e, dev_eui),
        "status" => status(&e, dev_eui),
        _ => return Ok(Some(Vec::new())), // location: nothing rmacheck uses
    };
    Ok(Some(vec![event]))
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
            AdapterError(format!("rxInfo[{i}] has no gatewayID: a reception needs its gateway"))
        })?;
        receptions.push(rx.reception(gateway, lora, false)?);
    }
    Ok(AppUplink {
        dev_eui,
        dev_addr: dev_addr(e)?,
        f_cnt: e.f_cnt.unwrap_or(0),
        f_port,
        confirmed: e.confirmed_uplink.unwrap_or(false),
        adr: e.adr.unwrap_or(false),
        payload_len,
        tx: tx_info.params(e.dr),
        receptions,
        dedup_id: None,
        ns_time: common::opt_time("publishedAt", e.published_at.as_ref())?,
    })
}

/// The v4 spelling of a v3 error type.
fn v4_code(v3: &str) -> &str {
    match v3 {
        "UPLINK_FCNT_RESET" => "UPLINK_F_CNT_RESET",
        "UPLINK_FCNT_RETRANSMISSION" => "UPLINK_F_CNT_RETRANSMISSION",
        "DOWNLINK_FCNT" => "F_CNT_DOWN",
        other => other,
    }
}

fn error(e: EventJson<'_>, dev_eui: DevEui) -> EventBody {
    let code = e
        .error_type
        .as_ref()
        .map_or_else(|| "UNKNOWN".to_string(), |t| v4_code(&t.name(&ERROR_TYPES)).to_string());
    let mut context = BTreeMap::new();
    if let Some(f) = e.f_cnt.filter(|f| *f != 0 || code.starts_with("UPLINK_F_CNT")) {
        context.insert("f_cnt_up".to_string(), f.to_string());
    }
    EventBody::AppLog {
        dev_eui,
        level: LogLevel::Error,
        code,
        description: e.error.unwrap_or_default(),
        context,
    }
}

fn status(e: &EventJson<'_>, dev_eui: DevEui) -> EventBody {
    // `battery` (older v3): 0 = external power, 255 = unknown, 1..254 = level.
    let external_power = e.external_power_source.unwrap_or(false) || e.battery == Some(0);
    let unavailable = e.battery_level_unavailable.unwrap_or(false) || e.battery == Some(255);
    let level = e.battery_level.or_else(|| e.battery.map(|b| f64::from(b) * 100.0 / 254.0));
    EventBody::AppStatus {
        dev_eui,
        margin_db: e.margin,
        battery_percent: if external_power || unavailable { None } else { level },
        external_power,
    }
}

#[cfg(test)]
mod tests {}
