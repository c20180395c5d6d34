//! ChirpStack gateway topics (`{prefix}/gateway/{id}/event|command|state/…`), JSON side.
//!
//! - Payloads are sniffed like ChirpStack does: a JSON object (first non-whitespace byte `{`)
//!   is decoded here, anything else goes to [`super::chirpstack_gw_proto`].
//! - JSON follows Go protojson with `EmitUnpopulated:false`: zero values are absent, so every
//!   field is optional and absence means zero (`{}` ack item = IGNORED, conn state without
//!   `state` = OFFLINE). ChirpStack v3 gateway-bridge JSON (`gatewayID` base64, `loRaSNR`,
//!   `loRaModulationInfo` with kHz bandwidth, `timing:"DELAY"` + `delayTimingInfo`) is read by
//!   the same structs.
//! - The radio metadata (`rxInfo`, `txInfo`) is read by [`super::chirpstack_radio`].

use serde::{Deserialize, Serialize};

use super::chirpstack_gw_proto;
use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::common::{self, EnumValue, Text};
use super::{AdapterError, GwKind};
use crate::catalog::{Message, args};
use crate::model::{DownlinkItem, EventBody, GatewayId, TxAckStatus};

const HINT: &str = "malformed-hint-chirpstack-gateway";

/// Decodes one gateway-topic payload; `topic_gw` is the ID from the topic (the fallback when
/// the payload names no gateway).
pub(super) fn decode(
    kind: GwKind,
    topic_gw: &str,
    payload: &[u8],
) -> Result<Vec<EventBody>, AdapterError> {
    if !common::looks_like_json(payload) {
        return chirpstack_gw_proto::decode(kind, topic_gw, payload);
    }
    let what = || Message::new("malformed-what-gateway", args! { "topic" => kind.topic() });
    let event = match kind {
        GwKind::Up => uplink(common::parse_json(payload, what, HINT)?, topic_gw)?,
        GwKind::Down => downlink(common::parse_json(payload, what, HINT)?, topic_gw)?,
        GwKind::Ack => tx_ack(common::parse_json(payload, what, HINT)?, topic_gw)?,
        GwKind::Stats => stats(common::parse_json(payload, what, HINT)?, topic_gw),
        GwKind::Conn => conn(common::parse_json(payload, what, HINT)?, topic_gw)?,
    };
    Ok(vec![event])
}

/// `gw.UplinkFrame` (`event/up`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UplinkFrameJson<'a> {
    /// PHYPayload, base64.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub phy_payload: Option<Text<'a>>,
    /// TX parameters.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub tx_info: Option<TxInfoJson<'a>>,
    /// The reception.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub rx_info: Option<RxInfoJson<'a>>,
}

fn uplink(f: UplinkFrameJson<'_>, topic_gw: &str) -> Result<EventBody, AdapterError> {
    let phy = f.phy_payload.as_deref().unwrap_or_default();
    if phy.is_empty() {
        return Err(AdapterError::invalid("malformed-gw-up-no-phy", args! {}));
    }
    let phy_payload = common::b64("phyPayload", phy)?;
    let tx = f.tx_info.unwrap_or_default();
    let rx = f.rx_info.unwrap_or_default();
    let gateway = rx.gateway().unwrap_or_else(|| GatewayId::new(topic_gw));
    let reception = rx.reception(gateway, tx.is_lora(), true)?;
    Ok(EventBody::GatewayUplink { phy_payload, tx: tx.params(None), reception })
}

/// `gw.DownlinkFrame` (`command/down`; v4 with `items`, v3 also with top-level `phyPayload`
/// + `txInfo`), fields in the order ChirpStack writes them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownlinkFrameJson<'a> {
    /// Correlates with the ack (v4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downlink_id: Option<u32>,
    /// v3 UUID, base64.
    #[serde(borrow, rename = "downlinkID", skip_serializing_if = "Option::is_none")]
    pub downlink_id_v3: Option<Text<'a>>,
    /// v3 token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<u32>,
    /// RX1 first, then RX2.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<DownlinkItemJson<'a>>>,
    /// Target gateway (v4).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Text<'a>>,
    /// Target gateway (v3).
    #[serde(borrow, rename = "gatewayID", skip_serializing_if = "Option::is_none")]
    pub gateway_id_v3: Option<Text<'a>>,
    /// v3 single item: PHYPayload.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub phy_payload: Option<Text<'a>>,
    /// v3 single item: TX parameters.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub tx_info: Option<TxInfoJson<'a>>,
}

/// `gw.DownlinkFrameItem`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownlinkItemJson<'a> {
    /// PHYPayload, base64.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub phy_payload: Option<Text<'a>>,
    /// TX parameters.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub tx_info: Option<TxInfoJson<'a>>,
}

/// The u32 that correlates a downlink with its TX ack: v4 `downlinkId`, else the v3 `token`,
/// else the first four bytes of the v3 `downlinkID` UUID.
fn downlink_id(v4: Option<u32>, token: Option<u32>, uuid: Option<&str>) -> u32 {
    v4.filter(|v| *v != 0)
        .or(token.filter(|t| *t != 0))
        .or_else(|| {
            let bytes = common::b64("downlinkID", uuid?).ok()?;
            Some(u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
        })
        .unwrap_or(0)
}

fn down_item(
    phy: Option<&str>,
    tx: Option<&TxInfoJson<'_>>,
    index: usize,
) -> Result<DownlinkItem, AdapterError> {
    let phy = phy.unwrap_or_default();
    if phy.is_empty() {
        return Err(AdapterError::invalid(
            "malformed-down-item-no-phy",
            args! { "index" => index.to_string() },
        ));
    }
    let empty = TxInfoJson::default();
    let tx = tx.unwrap_or(&empty);
    Ok(DownlinkItem {
        phy_payload: common::b64("items[].phyPayload", phy)?,
        tx: tx.params(None),
        power_dbm: Some(tx.power.unwrap_or(0)),
        timing: tx.downlink_timing()?,
        context: match tx.context.as_deref() {
            Some(c) => common::b64("items[].txInfo.context", c)?,
            None => Vec::new(),
        },
    })
}

fn downlink(f: DownlinkFrameJson<'_>, topic_gw: &str) -> Result<EventBody, AdapterError> {
    let mut items = Vec::with_capacity(f.items.as_ref().map_or(1, Vec::len));
    for (i, item) in f.items.iter().flatten().enumerate() {
        items.push(down_item(item.phy_payload.as_deref(), item.tx_info.as_ref(), i)?);
    }
    if items.is_empty() && f.phy_payload.is_some() {
        items.push(down_item(f.phy_payload.as_deref(), f.tx_info.as_ref(), 0)?);
    }
    if items.is_empty() {
        return Err(AdapterError::invalid("malformed-down-no-items", args! {}));
    }
    let gateway = f
        .gateway_id
        .as_deref()
        .or(f.gateway_id_v3.as_deref())
        .or_else(|| f.tx_info.as_ref().and_then(TxInfoJson::gateway_v3))
        .filter(|s| !s.is_empty())
        .map_or_else(|| GatewayId::new(topic_gw), common::chirpstack_gateway);
    Ok(EventBody::GatewayDownlink {
        gateway,
        downlink_id: downlink_id(f.downlink_id, f.token, f.downlink_id_v3.as_deref()),
        items,
    })
}

/// `gw.DownlinkTxAck` (v3 also: `error` text instead of items).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TxAckJson<'a> {
    /// Gateway ID (v4).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Text<'a>>,
    /// Gateway ID (v3).
    #[serde(borrow, rename = "gatewayID", skip_serializing_if = "Option::is_none")]
    pub gateway_id_v3: Option<Text<'a>>,
    /// Correlates with the downlink (v4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downlink_id: Option<u32>,
    /// v3 UUID, base64.
    #[serde(borrow, rename = "downlinkID", skip_serializing_if = "Option::is_none")]
    pub downlink_id_v3: Option<Text<'a>>,
    /// v3 token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<u32>,
    /// Index-aligned statuses; IGNORED is `{}`.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<TxAckItemJson<'a>>>,
    /// v3 error text.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub error: Option<Text<'a>>,
}

/// One `gw.DownlinkTxAckItem`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TxAckItemJson<'a> {
    /// Absent for IGNORED (the zero value).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub status: Option<EnumValue<'a>>,
}

fn tx_ack(a: TxAckJson<'_>, topic_gw: &str) -> Result<EventBody, AdapterError> {
    let items: Vec<TxAckStatus> = match (&a.items, a.error.as_deref()) {
        (Some(items), _) if !items.is_empty() => items
            .iter()
            .map(|i| match &i.status {
                None => TxAckStatus::Ignored,
                Some(EnumValue::Number(n)) => {
                    TxAckStatus::from_number(i32::try_from(*n).unwrap_or(i32::MAX))
                }
                Some(EnumValue::Name(n)) => TxAckStatus::from_name(n),
            })
            .collect(),
        (_, Some(err)) if !err.is_empty() => vec![TxAckStatus::from_name(err)],
        (_, Some(_)) => vec![TxAckStatus::Ok],
        _ => Vec::new(),
    };
    Ok(EventBody::GatewayTxAck {
        gateway: gateway_or_topic(a.gateway_id.as_deref(), a.gateway_id_v3.as_deref(), topic_gw),
        downlink_id: downlink_id(a.downlink_id, a.token, a.downlink_id_v3.as_deref()),
        items,
    })
}

/// `gw.GatewayStats` (the main counters; v3 spells `rxPacketsReceivedOK`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsJson<'a> {
    /// Gateway ID (v4).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Text<'a>>,
    /// Gateway ID (v3).
    #[serde(borrow, rename = "gatewayID", skip_serializing_if = "Option::is_none")]
    pub gateway_id_v3: Option<Text<'a>>,
    /// Time of the report (written only).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub time: Option<Text<'a>>,
    /// Packets received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rx_packets_received: Option<u32>,
    /// Packets received with a valid CRC.
    #[serde(alias = "rxPacketsReceivedOK", skip_serializing_if = "Option::is_none")]
    pub rx_packets_received_ok: Option<u32>,
    /// Downlinks received from the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tx_packets_received: Option<u32>,
    /// Downlinks emitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tx_packets_emitted: Option<u32>,
}

fn stats(s: StatsJson<'_>, topic_gw: &str) -> EventBody {
    EventBody::GatewayStats {
        gateway: gateway_or_topic(s.gateway_id.as_deref(), s.gateway_id_v3.as_deref(), topic_gw),
        rx_received: s.rx_packets_received.unwrap_or(0),
        rx_received_ok: s.rx_packets_received_ok.unwrap_or(0),
        tx_received: s.tx_packets_received.unwrap_or(0),
        tx_emitted: s.tx_packets_emitted.unwrap_or(0),
    }
}

/// `gw.ConnState`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnJson<'a> {
    /// Gateway ID (v4).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Text<'a>>,
    /// Gateway ID (v3).
    #[serde(borrow, rename = "gatewayID", skip_serializing_if = "Option::is_none")]
    pub gateway_id_v3: Option<Text<'a>>,
    /// `ONLINE`; absent: OFFLINE.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub state: Option<EnumValue<'a>>,
}

fn conn(c: ConnJson<'_>, topic_gw: &str) -> Result<EventBody, AdapterError> {
    let online = match c.state.as_ref().map(|s| s.name(&["OFFLINE", "ONLINE"])).as_deref() {
        None | Some("OFFLINE") => false,
        Some("ONLINE") => true,
        Some(other) => {
            return Err(AdapterError::invalid(
                "malformed-conn-state",
                args! { "state" => common::shorten(other).into_owned() },
            ));
        }
    };
    Ok(EventBody::GatewayConnState {
        gateway: gateway_or_topic(c.gateway_id.as_deref(), c.gateway_id_v3.as_deref(), topic_gw),
        online,
    })
}

fn gateway_or_topic(v4: Option<&str>, v3: Option<&str>, topic_gw: &str) -> GatewayId {
    v4.or(v3)
        .filter(|s| !s.is_empty())
        .map_or_else(|| GatewayId::new(topic_gw), common::chirpstack_gateway)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DownlinkTiming, Reception, TxParams};

    const GW: &str = "0016c001f153a14c";

    fn one(kind: GwKind, json: &str) -> EventBody {
        match decode(kind, "00000000000000ff", json.as_bytes()) {
            Ok(mut v) if v.len() == 1 => v.remove(0),
            other => panic!("{json}: {other:?}"),
        }
    }

    fn reception(json: &str) -> (TxParams, Reception) {
        match one(GwKind::Up, json) {
            EventBody::GatewayUplink { tx, reception, .. } => (tx, reception),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_documented_uplink_decodes_every_field() {
        let json = r#"{"phyPayload":"gKb+agGABQABOIc6cwQ=","txInfo":{"frequency":867300000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}},"rxInfo":{"gatewayId":"0016c001f153a14c","uplinkId":7895,"time":"2022-08-03T14:37:43.383634108Z","rssi":-52,"snr":13.75,"context":"xwx0GQ=="}}"#;
        let EventBody::GatewayUplink { phy_payload, tx, reception } = one(GwKind::Up, json) else {
            panic!("not an uplink")
        };
        assert_eq!(hex::encode(phy_payload), "80a6fe6a018005000138873a7304");
        assert_eq!(tx.frequency_hz, Some(867_300_000));
        assert_eq!(tx.spreading_factor, Some(7));
        assert_eq!(tx.bandwidth_hz, Some(125_000));
        assert_eq!(tx.coding_rate.as_deref(), Some("4/5"));
        assert_eq!(reception.gateway.as_str(), GW);
        assert_eq!(reception.rssi_dbm, Some(-52.0));
        assert_eq!(reception.snr_db, Some(13.75));
        assert_eq!(reception.channel, Some(0));
        assert_eq!(reception.context, vec![0xc7, 0x0c, 0x74, 0x19]);
        assert_eq!(reception.crc_ok, None);
        assert_eq!(
            reception.gw_time.map(|t| t.to_rfc3339()).as_deref(),
            Some("2022-08-03T14:37:43.383634108+00:00")
        );
    }

    #[test]
    fn absent_radio_fields_follow_proto3_zero_defaults() {
        let lora = r#""txInfo":{"modulation":{"lora":{"spreadingFactor":9}}}"#;
        let fsk = r#""txInfo":{"modulation":{"fsk":{"datarate":50000}}}"#;
        // (txInfo, rxInfo extra fields) → (rssi, snr, channel, crc)
        let cases = [
            (lora, r#""rssi":-80"#, Some(-80.0), Some(0.0), Some(0), None),
            (lora, r#""snr":-7.25,"channel":3"#, None, Some(-7.25), Some(3), None),
            (fsk, r#""rssi":-90"#, Some(-90.0), None, Some(0), None),
            (lora, r#""crcStatus":"CRC_OK""#, None, Some(0.0), Some(0), Some(true)),
            (lora, r#""crcStatus":"BAD_CRC""#, None, Some(0.0), Some(0), Some(false)),
            (lora, r#""crcStatus":2"#, None, Some(0.0), Some(0), Some(true)),
            (lora, r#""crcStatus":"NO_CRC""#, None, Some(0.0), Some(0), None),
        ];
        for (tx, rx, rssi, snr, channel, crc) in cases {
            let json =
                format!(r#"{{"phyPayload":"AQ==",{tx},"rxInfo":{{"gatewayId":"{GW}",{rx}}}}}"#);
            let (_, r) = reception(&json);
            assert_eq!(
                (r.rssi_dbm, r.snr_db, r.channel, r.crc_ok),
                (rssi, snr, channel, crc),
                "{json}"
            );
        }
    }

    #[test]
    fn gw_time_and_the_older_time_name_both_give_the_gateway_time() {
        for key in ["time", "gwTime"] {
            let json = format!(
                r#"{{"phyPayload":"AQ==","rxInfo":{{"gatewayId":"{GW}","{key}":"2024-11-12T12:51:50.123456Z"}}}}"#
            );
            let (_, r) = reception(&json);
            assert_eq!(
                r.gw_time.map(|t| t.timestamp_micros()),
                Some(1_731_415_910_123_456),
                "{key}"
            );
        }
    }

    #[test]
    fn the_gateway_comes_from_the_payload_else_from_the_topic() {
        let cases = [
            (r#"{"phyPayload":"AQ==","rxInfo":{"gatewayId":"0016C001F153A14C"}}"#, GW),
            (r#"{"phyPayload":"AQ==","rxInfo":{"rssi":-1}}"#, "00000000000000ff"),
            (r#"{"phyPayload":"AQ=="}"#, "00000000000000ff"),
            (r#"{"phyPayload":"AQ==","rxInfo":{"gatewayID":"cnb/AC4GLBg="}}"#, "7276ff002e062c18"),
        ];
        for (json, want) in cases {
            assert_eq!(reception(json).1.gateway.as_str(), want, "{json}");
        }
    }

    #[test]
    fn a_v3_gateway_bridge_uplink_decodes_with_khz_bandwidth_and_lora_snr() {
        let json = r#"{"phyPayload":"AAEBAQEBAQEBAQEBAQEBAQGXFgzLPxI=","txInfo":{"frequency":868300000,"modulation":"LORA","loRaModulationInfo":{"bandwidth":125,"spreadingFactor":11,"codeRate":"4/5","polarizationInversion":false}},"rxInfo":{"gatewayID":"cnb/AC4GLBg=","time":"2018-07-26T15:15:58.599497Z","timestamp":58692860,"rssi":-55,"loRaSNR":15,"channel":2,"rfChain":0,"board":0,"antenna":0,"location":null,"fineTimestampType":"ENCRYPTED","encryptedFineTimestamp":{"aesKeyIndex":0,"encryptedNS":"d2YFe51PraE3EpnrZJV4aw=="}}}"#;
        let (tx, r) = reception(json);
        assert_eq!(
            (tx.frequency_hz, tx.spreading_factor, tx.bandwidth_hz),
            (Some(868_300_000), Some(11), Some(125_000))
        );
        assert_eq!(tx.coding_rate.as_deref(), Some("4/5"));
        assert_eq!(
            (r.gateway.as_str(), r.rssi_dbm, r.snr_db, r.channel),
            ("7276ff002e062c18", Some(-55.0), Some(15.0), Some(2))
        );
    }

    #[test]
    fn go_protojson_whitespace_does_not_change_the_result() {
        let compact =
            r#"{"phyPayload":"AQ==","rxInfo":{"gatewayId":"0016c001f153a14c","rssi":-52}}"#;
        let spaced = "  {\"phyPayload\" :  \"AQ==\",\n \"rxInfo\":{ \"gatewayId\":\"0016c001f153a14c\" , \"rssi\": -52 } }";
        assert_eq!(one(GwKind::Up, compact), one(GwKind::Up, spaced));
    }

    #[test]
    fn ack_items_map_to_statuses_and_an_empty_item_is_ignored() {
        let cases = [
            (r#"{"items":[{"status":"OK"},{}]}"#, vec![TxAckStatus::Ok, TxAckStatus::Ignored]),
            (
                r#"{"items":[{"status":"TOO_LATE"},{"status":"TOO_LATE"}]}"#,
                vec![TxAckStatus::TooLate; 2],
            ),
            (r#"{"items":[{"status":2}]}"#, vec![TxAckStatus::TooLate]),
            (r#"{"items":[{"status":"NEW_THING"}]}"#, vec![TxAckStatus::Other("NEW_THING".into())]),
            (r#"{"token":7,"error":"COLLISION_PACKET"}"#, vec![TxAckStatus::CollisionPacket]),
            (r#"{"token":7,"error":""}"#, vec![TxAckStatus::Ok]),
        ];
        for (json, want) in cases {
            let EventBody::GatewayTxAck { items, .. } = one(GwKind::Ack, json) else { panic!() };
            assert_eq!(items, want, "{json}");
        }
    }

    #[test]
    fn downlink_ids_correlate_v4_ids_v3_tokens_and_v3_uuids() {
        let cases = [
            (r#"{"downlinkId":894104280,"items":[{"phyPayload":"AQ=="}]}"#, 894_104_280),
            (r#"{"token":1234,"items":[{"phyPayload":"AQ=="}]}"#, 1234),
            (
                r#"{"downlinkID":"AQIDBAUGBwgJCgsMDQ4PEA==","items":[{"phyPayload":"AQ=="}]}"#,
                0x0102_0304,
            ),
        ];
        for (json, want) in cases {
            let EventBody::GatewayDownlink { downlink_id, .. } = one(GwKind::Down, json) else {
                panic!()
            };
            assert_eq!(downlink_id, want, "{json}");
        }
    }

    #[test]
    fn downlink_timings_are_read_from_v4_objects_and_v3_names() {
        let delay = |s| Some(DownlinkTiming::Delay { seconds: s });
        let cases = [
            (r#"{"timing":{"delay":{"delay":"5s"}}}"#, delay(5.0)),
            (r#"{"timing":{"delay":{"delay":"1.5s"}}}"#, delay(1.5)),
            (r#"{"timing":{"delay":{}}}"#, delay(0.0)),
            (r#"{"timing":{"immediately":{}}}"#, Some(DownlinkTiming::Immediately)),
            (
                r#"{"timing":{"gpsEpoch":{"timeSinceGpsEpoch":"1s"}}}"#,
                Some(DownlinkTiming::GpsEpoch),
            ),
            (r#"{"timing":"DELAY","delayTimingInfo":{"delay":"1s"}}"#, delay(1.0)),
            (r#"{}"#, None),
        ];
        for (tx, want) in cases {
            let json = format!(r#"{{"items":[{{"phyPayload":"AQ==","txInfo":{tx}}}]}}"#);
            let EventBody::GatewayDownlink { items, .. } = one(GwKind::Down, &json) else {
                panic!()
            };
            assert_eq!(items[0].timing, want, "{json}");
        }
    }

    #[test]
    fn connection_state_without_state_is_offline() {
        let cases = [
            (r#"{"gatewayId":"0807060504030201"}"#, "0807060504030201", false),
            (r#"{"gatewayId":"0016c001f153a14c","state":"ONLINE"}"#, GW, true),
            (r#"{"state":1}"#, "00000000000000ff", true),
            (r#"{"gatewayID":"AwMDAwMDAwM=","state":"OFFLINE"}"#, "0303030303030303", false),
        ];
        for (json, gw, want) in cases {
            assert_eq!(
                one(GwKind::Conn, json),
                EventBody::GatewayConnState { gateway: GatewayId::new(gw), online: want },
                "{json}"
            );
        }
    }

    #[test]
    fn stats_keep_the_four_main_counters() {
        let json = r#"{"gatewayId":"0016c001f153a14c","rxPacketsReceived":10,"rxPacketsReceivedOk":8,"txPacketsReceived":3,"txPacketsPerStatus":{"OK":1}}"#;
        let want = EventBody::GatewayStats {
            gateway: GatewayId::new(GW),
            rx_received: 10,
            rx_received_ok: 8,
            tx_received: 3,
            tx_emitted: 0,
        };
        assert_eq!(one(GwKind::Stats, json), want);
    }

    #[test]
    fn malformed_gateway_payloads_are_errors_that_say_what_is_wrong() {
        let cases = [
            (GwKind::Up, r#"{"phyPayload":"AQ==","rxInfo":{"rssi":"#, "EOF"),
            (GwKind::Up, r#"{"phyPayload":"AQ==","rxInfo":{"rssi":"loud"}}"#, "invalid type"),
            (GwKind::Up, r#"{"phyPayload":"@@@"}"#, "phyPayload is not valid base64"),
            (GwKind::Up, r#"{"rxInfo":{}}"#, "no phyPayload"),
            (GwKind::Up, r#"{"phyPayload":"AQ==","rxInfo":{"context":"%"}}"#, "rxInfo.context"),
            (GwKind::Up, r#"{"phyPayload":"AQ==","rxInfo":{"time":"noon"}}"#, "RFC 3339"),
            (GwKind::Up, r#"[1,2]"#, "neither JSON nor a valid Protobuf"),
            (GwKind::Down, r#"{"downlinkId":1}"#, "no items"),
            (GwKind::Down, r#"{"items":[{"txInfo":{}}]}"#, "item 0 has no phyPayload"),
            (
                GwKind::Down,
                r#"{"items":[{"phyPayload":"AQ==","txInfo":{"timing":{"delay":{"delay":"soon"}}}}]}"#,
                "duration",
            ),
            (GwKind::Ack, r#"{"items":{}}"#, "invalid type"),
            (GwKind::Conn, r#"{"state":"SLEEPING"}"#, "expected ONLINE or OFFLINE"),
            (GwKind::Stats, r#"{"rxPacketsReceived":-1}"#, "invalid value"),
        ];
        for (kind, json, want) in cases {
            let err =
                decode(kind, GW, json.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want), "{json}: {err}");
        }
    }

    #[test]
    fn every_prefix_of_a_valid_payload_is_decoded_or_rejected_without_panicking() {
        let json = r#"{"downlinkId":894104280,"items":[{"phyPayload":"YKb+agGgAwCSzNbb","txInfo":{"frequency":867300000,"power":14,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5","polarizationInversion":true}},"timing":{"delay":{"delay":"1s"}},"context":"xwx0GQ=="}}],"gatewayId":"0016c001f153a14c"}"#;
        for kind in [GwKind::Up, GwKind::Down, GwKind::Ack, GwKind::Stats, GwKind::Conn] {
            for end in 0..json.len() {
                let _ = decode(kind, GW, &json.as_bytes()[..end]);
            }
        }
    }
}
