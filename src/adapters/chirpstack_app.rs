//! ChirpStack v4 application integration (`application/{uuid}/device/{devEui}/event/{kind}`).
//!
//! - JSON written by pbjson with `emit_fields` for the `integration` messages (scalars present
//!   even when zero) but not for the embedded `gw.*` radio metadata (zero values absent).
//! - One struct covers every event kind, so each payload is parsed once; unknown fields
//!   (`object`, `tags`, `regionConfigId`, …) are skipped without being built.
//! - The DevEUI comes from `deviceInfo.devEui`, else from the topic.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::chirpstack_events as events;
use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::common::{self, EnumValue, Text};
use super::{AdapterError, AdapterResult};
use crate::model::{AppUplink, DevEui, EventBody, LogLevel};

const HINT: &str = "malformed-hint-chirpstack-application";

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

/// Every field of the v4 events rmacheck reads (`up`, `join`, `ack`, `txack`, `log`, `status`),
/// in the order ChirpStack writes them. The simulator writes `up` and `join` with it: pbjson
/// emits the `integration` scalars even when zero, so it sets every field the event has.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventJson<'a> {
    /// UUID.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub deduplication_id: Option<Text<'a>>,
    /// Network-server time.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub time: Option<Text<'a>>,
    /// The device.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub device_info: Option<DeviceInfoJson<'a>>,
    /// DevAddr, hex.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub dev_addr: Option<Text<'a>>,
    /// ADR bit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adr: Option<bool>,
    /// Data rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dr: Option<u32>,
    /// Frame counter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f_cnt: Option<u32>,
    /// FPort.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f_port: Option<u32>,
    /// Confirmed uplink.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<bool>,
    /// Decrypted payload, base64.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub data: Option<Text<'a>>,
    /// Every gateway's reception.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub rx_info: Option<Vec<RxInfoJson<'a>>>,
    /// TX parameters.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub tx_info: Option<TxInfoJson<'a>>,
    /// `up`/`join`: region configuration (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub region_config_id: Option<Text<'a>>,
    /// `ack`: acknowledged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<bool>,
    /// `ack`/`txack`: downlink frame counter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f_cnt_down: Option<u32>,
    /// `txack`: gateway.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Text<'a>>,
    /// `log`: level.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub level: Option<EnumValue<'a>>,
    /// `log`: code.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub code: Option<EnumValue<'a>>,
    /// `log`: text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `log`: context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<BTreeMap<String, serde_json::Value>>,
    /// `status`: link margin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<i32>,
    /// `status`: external power.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_power_source: Option<bool>,
    /// `status`: battery level unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battery_level_unavailable: Option<bool>,
    /// `status`: battery percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battery_level: Option<f64>,
}

/// `integration.DeviceInfo`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInfoJson<'a> {
    /// Tenant UUID (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<Text<'a>>,
    /// Tenant name (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub tenant_name: Option<Text<'a>>,
    /// Application UUID (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<Text<'a>>,
    /// Application name (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub application_name: Option<Text<'a>>,
    /// Device-profile UUID (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub device_profile_id: Option<Text<'a>>,
    /// Device-profile name (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub device_profile_name: Option<Text<'a>>,
    /// Device name (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<Text<'a>>,
    /// DevEUI, hex.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub dev_eui: Option<Text<'a>>,
    /// `CLASS_A` (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub device_class_enabled: Option<Text<'a>>,
    /// Tags (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// Decodes one v4 application event; `None` for kinds rmacheck does not use.
#[cfg(test)]
pub(super) fn decode(kind: &str, topic_dev_eui: &str, payload: &[u8]) -> AdapterResult {
    decode_stamped(kind, topic_dev_eui, payload, &mut None)
}

/// Decodes one event and notes its `deduplicationId` once the payload is read (see
/// [`super::Stamp`]).
pub(super) fn decode_stamped(
    kind: &str,
    topic_dev_eui: &str,
    payload: &[u8],
    stamp: &mut super::Stamp,
) -> AdapterResult {
    if !matches!(kind, "up" | "join" | "ack" | "txack" | "log" | "status" | "location") {
        return Ok(None);
    }
    let ids = ("malformed-app-not-json", "malformed-what-application");
    let e: EventJson<'_> = common::app_json(payload, kind, ids, HINT)?;
    *stamp = Some(e.deduplication_id.as_deref().map(str::to_owned));
    let dev_eui = events::dev_eui(
        "deviceInfo.devEui",
        e.device_info.as_ref().and_then(|i| i.dev_eui.as_deref()),
        topic_dev_eui,
    )?;
    let event = match kind {
        "up" => EventBody::AppUplink(uplink(&e, dev_eui)?),
        "join" => events::join(dev_eui, e.dev_addr.as_deref())?,
        "ack" => events::ack(dev_eui, e.acknowledged, Some(e.f_cnt_down.unwrap_or(0))),
        "txack" => {
            events::tx_ack(dev_eui, e.gateway_id.as_deref(), Some(e.f_cnt_down.unwrap_or(0)))
        }
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

fn uplink(e: &EventJson<'_>, dev_eui: DevEui) -> Result<AppUplink, AdapterError> {
    let fields = events::uplink_json!(e, confirmed);
    let dedup_id = e.deduplication_id.as_deref().filter(|s| !s.is_empty()).map(str::to_owned);
    events::uplink(
        fields,
        events::Generation::V4,
        dev_eui,
        dedup_id,
        common::opt_time("time", e.time.as_ref())?,
    )
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
mod tests {
    use super::*;
    use crate::model::DownlinkOutcome;

    const DEV: &str = "0101010101010101";
    const INFO: &str = r#""deviceInfo":{"tenantId":"t","applicationId":"a","devEui":"0101010101010101","tags":{}}"#;

    crate::adapters::testkit::decoders!("00000000000000ee");

    #[test]
    fn a_real_uplink_decodes_every_field() {
        let json = r#"{"adr":true,"confirmed":false,"data":"AgI7AAMANwJxDGA=","deduplicationId":"ede7dfc1-a1f5-418c-b009-dc57ebcf0895","devAddr":"017d1f70","deviceInfo":{"applicationId":"32dafeb5-0865-4edd-bf1c-3f8d9b07af52","devEui":"70b3d57ba0003bb8","deviceClassEnabled":"CLASS_A","tags":{"lts":"true"}},"dr":5,"fCnt":20,"fPort":1,"rxInfo":[{"context":"AAAAAAAAAAAA/gADaoXb7A==","crcStatus":"CRC_OK","gatewayId":"fcc23dfffe2e72ed","gwTime":"2024-11-12T12:51:50+00:00","location":{"latitude":46.8,"longitude":7.1},"metadata":{"region_config_id":"eu868"},"nsTime":"2024-11-12T12:51:50.819853185+00:00","rssi":-106,"snr":3.0,"uplinkId":3257702911}],"time":"2024-11-10T12:51:50+00:00","txInfo":{"frequency":868300000,"modulation":{"lora":{"bandwidth":125000,"codeRate":"CR_4_5","spreadingFactor":7}}}}"#;
        let u = up(json);
        assert_eq!(u.dev_eui.to_string(), "70b3d57ba0003bb8");
        assert_eq!(u.dev_addr.map(|a| a.to_string()).as_deref(), Some("017d1f70"));
        assert_eq!(
            (u.f_cnt, u.f_port, u.confirmed, u.adr, u.payload_len),
            (20, Some(1), false, true, 11)
        );
        assert_eq!(u.tx.data_rate, Some(5));
        assert_eq!((u.tx.frequency_hz, u.tx.spreading_factor), (Some(868_300_000), Some(7)));
        assert_eq!(u.tx.coding_rate.as_deref(), Some("4/5"));
        assert_eq!(u.dedup_id.as_deref(), Some("ede7dfc1-a1f5-418c-b009-dc57ebcf0895"));
        assert_eq!(u.ns_time.map(|t| t.to_rfc3339()).as_deref(), Some("2024-11-10T12:51:50+00:00"));
        assert_eq!(u.receptions.len(), 1);
        let r = &u.receptions[0];
        assert_eq!(
            (r.gateway.as_str(), r.rssi_dbm, r.snr_db),
            ("fcc23dfffe2e72ed", Some(-106.0), Some(3.0))
        );
        assert_eq!((r.channel, r.crc_ok, r.context.len()), (Some(0), Some(true), 16));
    }

    #[test]
    fn omitted_counters_and_flags_read_as_zero_and_false() {
        let json = format!(
            r#"{{"deduplicationId":"d",{INFO},"devAddr":"00189440","dr":1,"fPort":1,"data":"qg==","rxInfo":[],"txInfo":{{}}}}"#
        );
        let u = up(&json);
        assert_eq!((u.f_cnt, u.confirmed, u.adr, u.payload_len), (0, false, false, 1));
    }

    #[test]
    fn fport_zero_without_data_means_no_fport() {
        let cases = [
            (r#""fPort":5,"data":"qg==""#, Some(Some(5))),
            (r#""fPort":0,"data":"""#, Some(None)),
            (r#""fPort":0"#, Some(None)),
            (r#""fPort":0,"data":"AwU=""#, Some(Some(0))),
            (r#""data":"AwU=""#, Some(None)),
            (r#""fPort":256,"data":"AwU=""#, None),
        ];
        for (fields, want) in cases {
            let json = format!(r#"{{{INFO},{fields}}}"#);
            let got = decode("up", DEV, json.as_bytes()).ok().flatten().map(|v| match &v[0] {
                EventBody::AppUplink(u) => u.f_port,
                _ => Some(99),
            });
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn every_log_code_and_level_is_kept_with_its_context_as_text() {
        for (i, code) in LOG_CODES.iter().enumerate() {
            for (level_json, level) in [
                ("\"INFO\"", LogLevel::Info),
                ("\"WARNING\"", LogLevel::Warning),
                ("2", LogLevel::Error),
            ] {
                for code_json in [format!("\"{code}\""), i.to_string()] {
                    let json = format!(
                        r#"{{{INFO},"level":{level_json},"code":{code_json},"description":"d","context":{{"dev_nonce":"258","n":3,"b":true,"z":null}}}}"#
                    );
                    let EventBody::AppLog { level: l, code: c, description, context, .. } =
                        one("log", &json)
                    else {
                        panic!()
                    };
                    assert_eq!(
                        (l, c.as_str(), description.as_str()),
                        (level, *code, "d"),
                        "{json}"
                    );
                    let ctx: Vec<(&str, &str)> =
                        context.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    assert_eq!(ctx, [("b", "true"), ("dev_nonce", "258"), ("n", "3"), ("z", "")]);
                }
            }
        }
    }

    #[test]
    fn a_log_without_level_or_code_is_info_unknown() {
        let json = format!(r#"{{{INFO},"description":"x"}}"#);
        let EventBody::AppLog { level, code, .. } = one("log", &json) else { panic!() };
        assert_eq!((level, code.as_str()), (LogLevel::Info, "UNKNOWN"));
    }

    #[test]
    fn joins_acks_txacks_and_status_events_decode() {
        let dev = DEV.parse().unwrap_or_default();
        let down = |outcome, f_cnt_down| crate::adapters::testkit::down(dev, outcome, f_cnt_down);
        let cases = [
            (
                "join",
                format!(r#"{{{INFO},"devAddr":"00189440"}}"#),
                EventBody::AppJoin {
                    dev_eui: dev,
                    dev_addr: Some(crate::model::DevAddr(0x0018_9440)),
                    join_eui: None,
                },
            ),
            (
                "ack",
                format!(r#"{{{INFO},"queueItemId":"q","acknowledged":true,"fCntDown":3}}"#),
                down(DownlinkOutcome::Ack, 3),
            ),
            (
                "ack",
                format!(r#"{{{INFO},"acknowledged":false,"fCntDown":4}}"#),
                down(DownlinkOutcome::Nack, 4),
            ),
            (
                "txack",
                format!(
                    r#"{{"downlinkId":3461958127,{INFO},"fCntDown":2,"gatewayId":"0016c001f153a14c","txInfo":{{"frequency":867900000,"power":14,"timing":{{"delay":{{"delay":"1s"}}}}}}}}"#
                ),
                EventBody::AppTxAck {
                    dev_eui: dev,
                    gateway: Some(crate::model::GatewayId::new("0016c001f153a14c")),
                    f_cnt_down: Some(2),
                },
            ),
            (
                "status",
                format!(r#"{{{INFO},"margin":10,"batteryLevel":88.3}}"#),
                EventBody::AppStatus {
                    dev_eui: dev,
                    margin_db: Some(10),
                    battery_percent: Some(88.3),
                    external_power: false,
                },
            ),
            (
                "status",
                format!(
                    r#"{{{INFO},"margin":-2,"externalPowerSource":true,"batteryLevelUnavailable":false,"batteryLevel":0}}"#
                ),
                EventBody::AppStatus {
                    dev_eui: dev,
                    margin_db: Some(-2),
                    battery_percent: None,
                    external_power: true,
                },
            ),
            (
                "status",
                format!(
                    r#"{{{INFO},"margin":7,"externalPowerSource":false,"batteryLevelUnavailable":true,"batteryLevel":0}}"#
                ),
                EventBody::AppStatus {
                    dev_eui: dev,
                    margin_db: Some(7),
                    battery_percent: None,
                    external_power: false,
                },
            ),
        ];
        for (kind, json, want) in cases {
            assert_eq!(one(kind, &json), want, "{kind} {json}");
        }
    }

    #[test]
    fn location_events_have_no_events_and_integration_events_are_ignored() {
        let json =
            format!(r#"{{{INFO},"location":{{"latitude":37.3,"longitude":-8.8,"altitude":2}}}}"#);
        assert_eq!(decode("location", DEV, json.as_bytes()), Ok(Some(Vec::new())));
        assert_eq!(decode("integration", DEV, json.as_bytes()), Ok(None));
        assert_eq!(decode("mystery", DEV, b"not even json"), Ok(None));
    }

    #[test]
    fn the_dev_eui_comes_from_device_info_else_from_the_topic() {
        let cases = [
            (
                r#"{"deviceInfo":{"devEui":"70B3D57BA0003BB8"},"devAddr":"01020304"}"#,
                "0000000000000001",
                Some("70b3d57ba0003bb8"),
            ),
            (r#"{"devAddr":"01020304"}"#, "0000000000000001", Some("0000000000000001")),
            (
                r#"{"deviceInfo":{},"devAddr":"01020304"}"#,
                "0000000000000001",
                Some("0000000000000001"),
            ),
            (r#"{"devAddr":"01020304"}"#, "not-an-eui", None),
        ];
        for (json, topic_eui, want) in cases {
            let got = decode("join", topic_eui, json.as_bytes())
                .ok()
                .flatten()
                .and_then(|v| v[0].dev_eui())
                .map(|e| e.to_string());
            assert_eq!(got.as_deref(), want, "{json}");
        }
    }

    #[test]
    fn malformed_application_payloads_are_errors_that_say_what_is_wrong() {
        let cases = [
            ("up", format!(r#"{{{INFO},"fCnt":"#), "EOF"),
            ("up", format!(r#"{{{INFO},"fCnt":"twelve"}}"#), "invalid type"),
            ("up", format!(r#"{{{INFO},"data":"**"}}"#), "data is not valid base64"),
            ("up", format!(r#"{{{INFO},"rxInfo":[{{"rssi":-1}}]}}"#), "rxInfo[0] has no gatewayId"),
            ("up", format!(r#"{{{INFO},"devAddr":"zz"}}"#), "devAddr"),
            ("up", format!(r#"{{{INFO},"time":"soon"}}"#), "RFC 3339"),
            ("join", r#"{"deviceInfo":{"devEui":"0102"}}"#.to_string(), "neither 16 hex digits"),
            ("log", format!(r#"{{{INFO},"context":[1]}}"#), "invalid type"),
            ("up", "\u{8}\u{1}protobuf".to_string(), "json=true"),
        ];
        for (kind, json, want) in cases {
            let err =
                decode(kind, DEV, json.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want), "{json}: {err}");
        }
    }
}
