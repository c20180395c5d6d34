//! What the ChirpStack v4 and v3 application adapters build alike: the uplink from its fields
//! (both generations name them the same, but for the gateway ID's spelling), the downlink
//! acknowledgement and the gateway's transmission acknowledgement.

use super::chirpstack_radio::{RxInfoJson, TxInfoJson};
use super::{AdapterError, common};
use crate::model::{AppUplink, DevAddr, DevEui, DownlinkOutcome, EventBody};

/// The uplink fields of an application event, as both generations send them.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct UplinkJson<'e, 'a> {
    pub(super) dev_addr: Option<&'e str>,
    pub(super) data: Option<&'e str>,
    pub(super) f_port: Option<u32>,
    pub(super) f_cnt: Option<u32>,
    pub(super) dr: Option<u32>,
    pub(super) adr: Option<bool>,
    pub(super) confirmed: Option<bool>,
    pub(super) rx_info: Option<&'e [RxInfoJson<'a>]>,
    pub(super) tx_info: Option<&'e TxInfoJson<'a>>,
}

/// The [`UplinkJson`] of an event struct with the fields both generations name alike;
/// `confirmed` names the field that says whether the uplink was confirmed.
macro_rules! uplink_json {
    ($e:expr, $confirmed:ident) => {
        $crate::adapters::chirpstack_events::UplinkJson {
            dev_addr: $e.dev_addr.as_deref(),
            data: $e.data.as_deref(),
            f_port: $e.f_port,
            f_cnt: $e.f_cnt,
            dr: $e.dr,
            adr: $e.adr,
            confirmed: $e.$confirmed,
            rx_info: $e.rx_info.as_deref(),
            tx_info: $e.tx_info.as_ref(),
        }
    };
}
pub(super) use uplink_json;

/// Which generation sent it: how the gateway ID is spelled, and whether v4's reception rules
/// apply.
#[derive(Debug, Clone, Copy)]
pub(super) enum Generation {
    /// ChirpStack v4 (`gatewayId`).
    V4,
    /// ChirpStack v3 (`gatewayID`).
    V3,
}

/// `devAddr` when present and not empty.
pub(super) fn dev_addr(s: Option<&str>) -> Result<Option<DevAddr>, AdapterError> {
    s.filter(|s| !s.is_empty()).map(|s| common::dev_addr("devAddr", s)).transpose()
}

/// The DevEUI the payload names in `field`, else the one in the topic.
pub(super) fn dev_eui(
    field: &'static str,
    payload: Option<&str>,
    topic_dev_eui: &str,
) -> Result<DevEui, AdapterError> {
    match payload.filter(|s| !s.is_empty()) {
        Some(s) => common::eui(field, s),
        None => common::eui("the DevEUI in the topic", topic_dev_eui)
            .map_err(|_| common::topic_dev_eui_error(topic_dev_eui, field)),
    }
}

/// A join: the device's new session address.
pub(super) fn join(
    dev_eui: DevEui,
    dev_addr_text: Option<&str>,
) -> Result<EventBody, AdapterError> {
    Ok(EventBody::AppJoin { dev_eui, dev_addr: dev_addr(dev_addr_text)?, join_eui: None })
}

/// The uplink; `dedup_id` and `ns_time` are what the generation adds.
pub(super) fn uplink(
    u: UplinkJson<'_, '_>,
    generation: Generation,
    dev_eui: DevEui,
    dedup_id: Option<String>,
    ns_time: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<AppUplink, AdapterError> {
    let payload_len = match u.data {
        Some(d) => common::b64_len("data", d)?,
        None => 0,
    };
    let f_port = common::f_port("fPort", u.f_port, payload_len, true)?;
    let empty = TxInfoJson::default();
    let tx_info = u.tx_info.unwrap_or(&empty);
    let lora = tx_info.is_lora();
    let (field, v4) = match generation {
        Generation::V4 => ("gatewayId", true),
        Generation::V3 => ("gatewayID", false),
    };
    let mut receptions = Vec::with_capacity(u.rx_info.map_or(0, <[_]>::len));
    for (i, rx) in u.rx_info.unwrap_or_default().iter().enumerate() {
        let gateway = rx.gateway().ok_or_else(|| {
            AdapterError::invalid(
                "malformed-rx-no-gateway",
                crate::catalog::args! { "index" => i.to_string(), "field" => field },
            )
        })?;
        receptions.push(rx.reception(gateway, lora, v4)?);
    }
    Ok(AppUplink {
        dev_eui,
        dev_addr: dev_addr(u.dev_addr)?,
        f_cnt: u.f_cnt.unwrap_or(0),
        f_port,
        confirmed: u.confirmed.unwrap_or(false),
        adr: u.adr.unwrap_or(false),
        payload_len,
        tx: tx_info.params(u.dr),
        receptions,
        dedup_id,
        ns_time,
    })
}

/// The device's acknowledgement (or not) of a confirmed downlink.
pub(super) fn ack(
    dev_eui: DevEui,
    acknowledged: Option<bool>,
    f_cnt_down: Option<u32>,
) -> EventBody {
    EventBody::AppDownlink {
        dev_eui,
        outcome: if acknowledged.unwrap_or(false) {
            DownlinkOutcome::Ack
        } else {
            DownlinkOutcome::Nack
        },
        f_cnt_down,
        error: None,
    }
}

/// The gateway's acknowledgement that it sent a downlink.
pub(super) fn tx_ack(
    dev_eui: DevEui,
    gateway_id: Option<&str>,
    f_cnt_down: Option<u32>,
) -> EventBody {
    EventBody::AppTxAck {
        dev_eui,
        gateway: gateway_id.filter(|g| !g.is_empty()).map(common::chirpstack_gateway),
        f_cnt_down,
    }
}
