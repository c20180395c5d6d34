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

use serde::Deserialize;

use super::AdapterError;
use super::chirpstack_gw_proto;
use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::common::{self, EnumValue, Text};
use crate::model::{DownlinkItem, EventBody, GatewayId, TxAckStatus};

/// Which gateway message a topic carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum GwKind {
    /// `event/up`: `gw.UplinkFrame`.
    Up,
    /// `event/ack`: `gw.DownlinkTxAck`.
    Ack,
    /// `event/stats`: `gw.GatewayStats`.
    Stats,
    /// `command/down`: `gw.DownlinkFrame`.
    Down,
    /// `state/conn`: `gw.ConnState`.
    Conn,
}

impl GwKind {
    /// The topic suffix, for messages.
    pub(super) const fn topic(self) -> &'static str {
        match self {
            GwKind::Up => "event/up",
            GwKind::Ack => "event/ack",
            GwKind::Stats => "event/stats",
            GwKind::Down => "command/down",
            GwKind::Conn => "state/conn",
        }
    }
}

const HINT: &str =
    "expected a ChirpStack Gateway Bridge / MQTT Forwarder payload (JSON or Protobuf)";

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
    let what = format!("gateway {} JSON", kind.topic());
    let err = |e: serde_json::Error| common::json_error(&what, &e, HINT);
    let event = match kind {
        GwKind::Up => uplink(serde_json::from_slice(payload).map_err(err)?, topic_gw)?,
        GwKind::Down => downlink(serde_json::from_slice(payload).map_err(err)?, topic_gw)?,
        GwKind::Ack => tx_ack(serde_json::from_slice(payload).map_err(err)?, topic_gw)?,
        GwKind::Stats => stats(serde_json::from_slice(payload).map_err(err)?, topic_gw),
        GwKind::Conn => conn(serde_json::from_slice(payload).map_err(err)?, topic_gw)?,
    };
    Ok(vec![event])
}

/// `gw.UplinkFrame`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UplinkFrameJson<'a> {
    #[serde(borrow)]
    phy_payload: Option<Text<'a>>,
    #[serde(borrow)]
    tx_info: Option<TxInfoJson<'a>>,
    #[serde(borrow)]
    rx_info: Option<RxInfoJson<'a>>,
}

fn uplink(f: UplinkFrameJson<'_>, topic_gw: &str) -> Result<EventBody, AdapterError> {
    let phy = f.phy_payload.as_deref().unwrap_or_default();
    if phy.is_empty() {
        return Err(AdapterError(
            "gateway event/up has no phyPayload: an uplink frame without its bytes cannot be used"
                .into(),
        ));
    }
    let phy_payload = common::b64("phyPayload", phy)?;
    let tx = f.tx_info.unwrap_or_default();
    let rx = f.rx_info.unwrap_or_default();
    let gateway = rx.gateway().unwrap_or_else(|| GatewayId::new(topic_gw));
    let reception = rx.reception(gateway, tx.is_lora(), true)?;
    Ok(EventBody::GatewayUplink { phy_payload, tx: tx.params(None), reception })
}

/// `gw.DownlinkFrame` (v4 with `items`; v3 also with top-level `phyPayload` + `txInfo`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DownlinkFrameJson<'a> {
    downlink_id: Option<u32>,
    #[serde(borrow, rename = "downlinkID")]
    downlink_id_v3: Option<Text<'a>>,
    token: Option<u32>,
    #[serde(borrow)]
    gateway_id: Option<Text<'a>>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id_v3: Option<Text<'a>>,
    #[serde(borrow)]
    items: Option<Vec<DownlinkItemJson<'a>>>,
    #[serde(borrow)]
    phy_payload: Option<Text<'a>>,
    #[serde(borrow)]
    tx_info: Option<TxInfoJson<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DownlinkItemJson<'a> {
    #[serde(borrow)]
    phy_payload: Option<Text<'a>>,
    #[serde(borrow)]
    tx_info: Option<TxInfoJson<'a>>,
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
        return Err(AdapterError(format!("command/down item {index} has no phyPayload")));
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
        return Err(AdapterError(
            "gateway command/down has no items: nothing was asked of the gateway".into(),
        ));
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
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TxAckJson<'a> {
    #[serde(borrow)]
    gateway_id: Option<Text<'a>>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id_v3: Option<Text<'a>>,
    downlink_id: Option<u32>,
    #[serde(borrow, rename = "downlinkID")]
    downlink_id_v3: Option<Text<'a>>,
    token: Option<u32>,
    #[serde(borrow)]
    items: Option<Vec<TxAckItemJson<'a>>>,
    #[serde(borrow)]
    error: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
struct TxAckItemJson<'a> {
    #[serde(borrow)]
    status: Option<EnumValue<'a>>,
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
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatsJson<'a> {
    #[serde(borrow)]
    gateway_id: Option<Text<'a>>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id_v3: Option<Text<'a>>,
    rx_packets_received: Option<u32>,
    #[serde(alias = "rxPacketsReceivedOK")]
    rx_packets_received_ok: Option<u32>,
    tx_packets_received: Option<u32>,
    tx_packets_emitted: Option<u32>,
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
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConnJson<'a> {
    #[serde(borrow)]
    gateway_id: Option<Text<'a>>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id_v3: Option<Text<'a>>,
    #[serde(borrow)]
    state: Option<EnumValue<'a>>,
}

fn conn(c: ConnJson<'_>, topic_gw: &str) -> Result<EventBody, AdapterError> {
    let online = match c.state.as_ref().map(|s| s.name(&["OFFLINE", "ONLINE"])).as_deref() {
        None | Some("OFFLINE") => false,
        Some("ONLINE") => true,
        Some(other) => {
            return Err(AdapterError(format!(
                "gateway state/conn has state '{}': expected ONLINE or OFFLINE",
                common::shorten(other)
            )));
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
mod tests {}
