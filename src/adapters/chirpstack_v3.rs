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

use super::chirpstack_events as events;
use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::common::{self, EnumValue, Text};
use super::{AdapterError, AdapterResult};
use crate::model::{AppUplink, DevEui, EventBody, LogLevel};

const HINT: &str = "malformed-hint-v3";

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
    let ids = ("malformed-v3-not-json", "malformed-what-v3-application");
    let e: EventJson<'_> = common::app_json(payload, kind, ids, HINT)?;
    let dev_eui = events::dev_eui("devEUI", e.dev_eui.as_deref(), topic_dev_eui)?;
    let event = match kind {
        "up" => EventBody::AppUplink(uplink(&e, dev_eui)?),
        "join" => events::join(dev_eui, e.dev_addr.as_deref())?,
        "ack" => events::ack(dev_eui, e.acknowledged, e.f_cnt),
        "txack" => events::tx_ack(dev_eui, e.gateway_id.as_deref(), e.f_cnt),
        "error" => error(e, dev_eui),
        "status" => status(&e, dev_eui),
        _ => return Ok(Some(Vec::new())), // location: nothing rmacheck uses
    };
    Ok(Some(vec![event]))
}

fn uplink(e: &EventJson<'_>, dev_eui: DevEui) -> Result<AppUplink, AdapterError> {
    let fields = events::uplink_json!(e, confirmed_uplink);
    let dedup_id = None;
    events::uplink(
        fields,
        events::Generation::V3,
        dev_eui,
        dedup_id,
        common::opt_time("publishedAt", e.published_at.as_ref())?,
    )
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
mod tests {
    use super::*;
    use crate::model::DownlinkOutcome;
    use crate::model::{DevAddr, GatewayId};

    const DEV: &str = "0202020202020202";

    crate::adapters::testkit::decoders!("00000000000000ee");

    #[test]
    fn the_json_marshaler_uplink_decodes_base64_ids_and_khz_bandwidth() {
        let json = r#"{"applicationID":"123","applicationName":"temperature-sensor","deviceName":"garden-sensor","devEUI":"AgICAgICAgI=","rxInfo":[{"gatewayID":"AwMDAwMDAwM=","time":"2019-11-08T13:59:25.048445Z","timeSinceGPSEpoch":null,"rssi":-48,"loRaSNR":9,"channel":5,"rfChain":0,"board":0,"antenna":0,"location":{"latitude":52.3740364,"longitude":4.9144401,"altitude":10.5},"fineTimestampType":"NONE","context":"9u/uvA==","uplinkID":"jhMh8Gq6RAOChSKbi83RHQ=="}],"txInfo":{"frequency":868100000,"modulation":"LORA","loRaModulationInfo":{"bandwidth":125,"spreadingFactor":11,"codeRate":"4/5","polarizationInversion":false}},"adr":true,"dr":1,"fCnt":10,"fPort":5,"data":"AgI7AAMANwJxDGA=","objectJSON":"{\"temperatureSensor\":25,\"humiditySensor\":32}","tags":{"key":"value"}}"#;
        let u = up(json);
        assert_eq!(u.dev_eui.to_string(), DEV);
        assert_eq!(
            (u.f_cnt, u.f_port, u.adr, u.confirmed, u.payload_len),
            (10, Some(5), true, false, 11)
        );
        assert_eq!(
            (u.tx.frequency_hz, u.tx.bandwidth_hz, u.tx.spreading_factor),
            (Some(868_100_000), Some(125_000), Some(11))
        );
        assert_eq!((u.tx.coding_rate.as_deref(), u.tx.data_rate), (Some("4/5"), Some(1)));
        let r = &u.receptions[0];
        assert_eq!(
            (r.gateway.as_str(), r.rssi_dbm, r.snr_db, r.channel),
            ("0303030303030303", Some(-48.0), Some(9.0), Some(5))
        );
        assert_eq!(r.context, vec![0xf6, 0xef, 0xee, 0xbc]);
        assert!(r.gw_time.is_some());
        assert_eq!((u.dedup_id, u.ns_time), (None, None));
    }

    #[test]
    fn the_json_v3_marshaler_uplink_decodes_hex_ids_and_tx_info_dr() {
        let json = r#"{"applicationID":"3","applicationName":"Smartico_wmbus_readers","deviceName":"0000020","devEUI":"02aaaa0100000014","rxInfo":[{"gatewayID":"647fdafffe00d228","uplinkID":"14b77859-1e6c-4668-8eb3-73900e49a33c","name":"tectelic_micro_lite_TECH","rssi":-89,"loRaSNR":7.5,"location":{"latitude":48.44229794818326,"longitude":35.014479160308845,"altitude":144}}],"txInfo":{"frequency":868500000,"dr":0},"adr":true,"fCnt":28,"fPort":33,"data":"IAP1YwIAAAAATFo="}"#;
        let u = up(json);
        assert_eq!(u.dev_eui.to_string(), "02aaaa0100000014");
        assert_eq!((u.f_cnt, u.f_port, u.payload_len), (28, Some(33), 11));
        assert_eq!(
            (u.tx.frequency_hz, u.tx.data_rate, u.tx.spreading_factor),
            (Some(868_500_000), Some(0), None)
        );
        let r = &u.receptions[0];
        assert_eq!(
            (r.gateway.as_str(), r.rssi_dbm, r.snr_db, r.channel),
            ("647fdafffe00d228", Some(-89.0), Some(7.5), None)
        );
    }

    #[test]
    fn error_types_map_to_v4_log_codes_with_the_frame_counter_as_context() {
        let cases = [
            ("UPLINK_FCNT_RESET", 0, "UPLINK_F_CNT_RESET", Some("0")),
            ("UPLINK_FCNT_RETRANSMISSION", 10, "UPLINK_F_CNT_RETRANSMISSION", Some("10")),
            ("DOWNLINK_FCNT", 4, "F_CNT_DOWN", Some("4")),
            ("OTAA", 0, "OTAA", None),
            ("UPLINK_MIC", 0, "UPLINK_MIC", None),
            ("UPLINK_CODEC", 7, "UPLINK_CODEC", Some("7")),
            ("DOWNLINK_GATEWAY", 0, "DOWNLINK_GATEWAY", None),
            ("SOMETHING_NEW", 0, "SOMETHING_NEW", None),
        ];
        for (v3, f_cnt, v4, ctx) in cases {
            let json = format!(
                r#"{{"applicationID":"123","devEUI":"AgICAgICAgI=","type":"{v3}","error":"it broke","fCnt":{f_cnt}}}"#
            );
            let EventBody::AppLog { level, code, description, context, .. } = one("error", &json)
            else {
                panic!()
            };
            assert_eq!(
                (level, code.as_str(), description.as_str()),
                (LogLevel::Error, v4, "it broke")
            );
            assert_eq!(context.get("f_cnt_up").map(String::as_str), ctx, "{v3}");
        }
        let json = r#"{"applicationID":"1","devEUI":"0202020202020202","type":6,"error":"x"}"#;
        let EventBody::AppLog { code, .. } = one("error", json) else { panic!() };
        assert_eq!(code, "UPLINK_F_CNT_RESET");
    }

    #[test]
    fn joins_acks_txacks_and_status_events_decode() {
        let dev: DevEui = DEV.parse().unwrap_or_default();
        let status = |margin, battery_percent, external_power| EventBody::AppStatus {
            dev_eui: dev,
            margin_db: margin,
            battery_percent,
            external_power,
        };
        let down = |outcome, f_cnt_down| crate::adapters::testkit::down(dev, outcome, f_cnt_down);
        let cases = [
            (
                "join",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","devAddr":"AFE5Qg==","dr":1}"#,
                EventBody::AppJoin {
                    dev_eui: dev,
                    dev_addr: Some(DevAddr(0x0051_3942)),
                    join_eui: None,
                },
            ),
            (
                "join",
                r#"{"applicationID":"123","devEUI":"0202020202020202","devAddr":"06e3f6b2"}"#,
                EventBody::AppJoin {
                    dev_eui: dev,
                    dev_addr: Some(DevAddr(0x06e3_f6b2)),
                    join_eui: None,
                },
            ),
            (
                "ack",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","acknowledged":true,"fCnt":15}"#,
                down(DownlinkOutcome::Ack, 15),
            ),
            (
                "ack",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","acknowledged":false,"fCnt":16}"#,
                down(DownlinkOutcome::Nack, 16),
            ),
            (
                "txack",
                r#"{"applicationID":"123","devEUI":"0202020202020202","fCnt":12,"gatewayID":"AwMDAwMDAwM="}"#,
                EventBody::AppTxAck {
                    dev_eui: dev,
                    gateway: Some(GatewayId::new("0303030303030303")),
                    f_cnt_down: Some(12),
                },
            ),
            (
                "status",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","margin":6,"externalPowerSource":false,"batteryLevelUnavailable":false,"batteryLevel":75.5}"#,
                status(Some(6), Some(75.5), false),
            ),
            (
                "status",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","margin":6,"battery":127}"#,
                status(Some(6), Some(50.0), false),
            ),
            (
                "status",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","margin":6,"battery":0}"#,
                status(Some(6), None, true),
            ),
            (
                "status",
                r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","margin":6,"battery":255}"#,
                status(Some(6), None, false),
            ),
        ];
        for (kind, json, want) in cases {
            assert_eq!(one(kind, json), want, "{kind} {json}");
        }
    }

    #[test]
    fn pre_3_11_rx_events_are_uplinks_and_unused_kinds_are_ignored() {
        let json = br#"{"applicationID":"1","devEUI":"0202020202020202","fCnt":3,"fPort":1,"data":"AQ=="}"#;
        assert!(
            matches!(decode("rx", DEV, json).ok().flatten().as_deref(), Some([EventBody::AppUplink(u)]) if u.f_cnt == 3)
        );
        assert_eq!(decode("location", DEV, json), Ok(Some(Vec::new())));
        assert_eq!(decode("integration", DEV, json), Ok(None));
        assert_eq!(decode("log", DEV, json), Ok(None));
    }

    #[test]
    fn malformed_v3_payloads_are_errors_that_say_what_is_wrong() {
        let cases = [
            ("up", r#"{"applicationID":"1","devEUI":"AgICAgICAgI=","fCnt":1"#, "EOF"),
            ("up", r#"{"applicationID":"1","devEUI":"AgICAgICAgI=","fCnt":true}"#, "invalid type"),
            ("up", r#"{"applicationID":"1","devEUI":"AgICAgI=","fCnt":1}"#, "devEUI"),
            (
                "up",
                r#"{"applicationID":"1","devEUI":"AgICAgICAgI=","data":"@@"}"#,
                "data is not valid base64",
            ),
            (
                "up",
                r#"{"applicationID":"1","devEUI":"AgICAgICAgI=","rxInfo":[{"rssi":-1}]}"#,
                "rxInfo[0] has no gatewayID",
            ),
            ("up", r#"{"applicationID":"1"}"#, "no devEUI"),
            ("join", r#"{"applicationID":"1","devEUI":"AgICAgICAgI=","devAddr":"x"}"#, "devAddr"),
            ("up", "\u{12}\u{3}pb", "\"json_v3\""),
        ];
        for (kind, json, want) in cases {
            let err =
                decode(kind, "x", json.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want), "{json}: {err}");
        }
    }
}
