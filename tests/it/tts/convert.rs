//! Re-tells a simulated site's radio traffic as The Things Stack would report it in its events
//! (tts-events.md §1 and §6, lorawan-stack v3.32): the same frames, the same gateways and the
//! same network-server decisions, in the documented event structures.
//!
//! - Every gateway reception → `gs.up.receive` (gateway stream, `GatewayUplinkMessage`).
//! - A registered device's join-request → `ns.up.join.receive` (first copy); an accepted one →
//!   `ns.up.join.process` (all gateways) and, 3.8 s after the request, the join-accept's
//!   `ns.down.join.schedule.attempt` + `gs.down.send`; the gateway's TX ack →
//!   `ns.down.transmission.success|fail` + `gs.down.tx.success|fail`.
//! - A MIC or DevNonce refusal → `ns.up.join.cluster.fail` + `ns.up.join.drop` with the Join
//!   Server's `ErrorDetails` (`js.join.reject` names no device and is left out).
//! - An unregistered device → nothing but `gs.up.receive`; a frame-counter reset → nothing but
//!   `gs.up.receive` (the Network Server finds no session for it).
//! - A data uplink the server accepts → `ns.up.data.process` (all gateways) and
//!   `as.up.data.forward`; `as.up.join.forward` for a join; gateway stats → `gs.status.receive`.

use std::collections::{BTreeMap, HashMap};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde_json::{Value, json};

use rmacheck::adapters::{self, Decoded};
use rmacheck::frame::{self, Frame};
use rmacheck::model::{DevAddr, DevEui, EventBody, RawMessage, Reception, TxAckStatus, TxParams};

/// How long after the join-request The Things Stack schedules the join-accept.
const ACCEPT_AFTER_MS: i64 = 3_800;

/// One event with its time.
#[derive(Debug, Clone)]
pub(crate) struct TtsEvent {
    pub(crate) at: DateTime<Utc>,
    pub(crate) event: Value,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn gateway_ids(gw: &str) -> Value {
    json!({"gateway_id": format!("eui-{gw}"), "eui": gw.to_ascii_uppercase()})
}

fn device_ids(dev: DevEui, addr: Option<DevAddr>) -> Value {
    let mut ids = json!({
        "device_id": format!("eui-{dev}"),
        "application_ids": {"application_id": "site-app"},
        "dev_eui": dev.to_string().to_ascii_uppercase(),
        "join_eui": "0000000000000000",
    });
    if let Some(a) = addr {
        ids["dev_addr"] = json!(a.to_string().to_ascii_uppercase());
    }
    json!({"device_ids": ids})
}

/// An uplink token as the Gateway Server writes it (`ttnpb.UplinkToken`, protobuf): the
/// gateway's ID and EUI and the concentrator timestamp.
fn uplink_token(gw: &str, tmst: u32) -> String {
    let id = format!("eui-{gw}");
    let eui: Vec<u8> =
        (0..8).filter_map(|i| u8::from_str_radix(gw.get(2 * i..2 * i + 2)?, 16).ok()).collect();
    let mut gw_ids = vec![0x0a, id.len() as u8];
    gw_ids.extend(id.as_bytes());
    gw_ids.extend([0x12, 8]);
    gw_ids.extend(&eui);
    let mut antenna = vec![0x0a, gw_ids.len() as u8];
    antenna.extend(gw_ids);
    let mut token = vec![0x0a, antenna.len() as u8];
    token.extend(antenna);
    token.push(0x10);
    let mut v = tmst;
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            token.push(b);
            break;
        }
        token.push(b | 0x80);
    }
    STANDARD.encode(token)
}

fn tmst(r: &Reception) -> u32 {
    match <[u8; 4]>::try_from(r.context.as_slice()) {
        Ok(b) => u32::from_le_bytes(b),
        Err(_) => 1,
    }
}

fn rx_metadata(r: &Reception, at: DateTime<Utc>) -> Value {
    let gw = r.gateway.as_str();
    let mut md = json!({
        "gateway_ids": gateway_ids(gw),
        "time": time(at),
        "timestamp": tmst(r),
        "channel_index": r.channel.unwrap_or(0),
        "uplink_token": uplink_token(gw, tmst(r)),
        "received_at": time(at),
    });
    if let Some(v) = r.rssi_dbm {
        md["rssi"] = json!(v);
        md["channel_rssi"] = json!(v);
    }
    if let Some(v) = r.snr_db.filter(|v| *v != 0.0) {
        md["snr"] = json!(v);
    }
    md
}

fn settings(tx: &TxParams) -> Value {
    json!({
        "data_rate": {"lora": {"bandwidth": tx.bandwidth_hz.unwrap_or(125_000),
                                "spreading_factor": tx.spreading_factor.unwrap_or(7),
                                "coding_rate": "4/5"}},
        "frequency": tx.frequency_hz.unwrap_or(868_100_000).to_string(),
    })
}

fn uplink_message(phy: &[u8], tx: &TxParams, rxs: &[(Reception, DateTime<Utc>)]) -> Value {
    json!({
        "@type": "type.googleapis.com/ttn.lorawan.v3.UplinkMessage",
        "raw_payload": STANDARD.encode(phy),
        "settings": settings(tx),
        "rx_metadata": rxs.iter().map(|(r, at)| rx_metadata(r, *at)).collect::<Vec<_>>(),
        "received_at": rxs.first().map(|(_, at)| time(*at)),
    })
}

fn error(namespace: &str, name: &str, format: &str, code: u32) -> Value {
    json!({"@type": "type.googleapis.com/ttn.lorawan.v3.ErrorDetails", "namespace": namespace,
           "name": name, "message_format": format, "code": code})
}

/// A join-request transmission seen so far.
struct Join {
    dev: DevEui,
    at: DateTime<Utc>,
    phy: Vec<u8>,
    tx: TxParams,
    rxs: Vec<(Reception, DateTime<Utc>)>,
    corr: String,
}

/// A data frame seen on the gateway stream.
struct DataSeen {
    at: DateTime<Utc>,
    phy: Vec<u8>,
    tx: TxParams,
    rxs: Vec<(Reception, DateTime<Utc>)>,
}

/// The converter's state.
pub(crate) struct Converter {
    unregistered: Option<DevEui>,
    out: Vec<TtsEvent>,
    joins: Vec<Join>,
    data: HashMap<(DevAddr, u16), DataSeen>,
    /// ChirpStack downlink ID → (transmission ID, device, gateway, attempt data, attempt time).
    downlinks: HashMap<u32, (String, DevEui, String, Value, DateTime<Utc>)>,
    addrs: BTreeMap<DevAddr, DevEui>,
    next: u64,
}

impl Converter {
    pub(crate) fn new(unregistered: Option<DevEui>) -> Self {
        Self {
            unregistered,
            out: Vec::new(),
            joins: Vec::new(),
            data: HashMap::new(),
            downlinks: HashMap::new(),
            addrs: BTreeMap::new(),
            next: 0,
        }
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}:01JPA{:021}", self.next)
    }

    fn push(&mut self, name: &str, at: DateTime<Utc>, ids: Vec<Value>, data: Value, corr: &[&str]) {
        let unique = self.id("u");
        let mut event = json!({
            "name": name,
            "time": time(at),
            "identifiers": ids,
            "correlation_ids": corr,
            "origin": "ip-10-100-5-248.eu-west-1.compute.internal",
            "context": {"tenant-id": "CgN0dG4="},
            "visibility": {"rights": ["RIGHT_APPLICATION_TRAFFIC_READ"]},
            "unique_id": unique.trim_start_matches("u:"),
        });
        if !data.is_null() {
            event["data"] = data;
        }
        self.out.push(TtsEvent { at, event });
    }

    /// Converts a whole simulation; events come out in the order written (not by time).
    pub(crate) fn run(mut self, messages: &[RawMessage]) -> Vec<TtsEvent> {
        for m in messages {
            if let Decoded::Events { events, .. } =
                adapters::decode(&m.topic, &m.payload, m.received_at)
            {
                for e in events {
                    self.event(m.received_at, e);
                }
            }
        }
        self.out
    }

    fn registered(&self, dev: DevEui) -> bool {
        self.unregistered != Some(dev)
    }

    fn event(&mut self, at: DateTime<Utc>, e: EventBody) {
        match e {
            EventBody::GatewayUplink { phy_payload, tx, reception } => {
                self.gateway_uplink(at, phy_payload, tx, reception);
            }
            EventBody::AppLog { dev_eui, code, .. } => {
                let err = match code.as_str() {
                    "UPLINK_MIC" => error("pkg/joinserver", "mic_mismatch", "MIC mismatch", 3),
                    "OTAA" => error(
                        "pkg/joinserver",
                        "reuse_dev_nonce",
                        "DevNonce has already been used",
                        3,
                    ),
                    _ => return,
                };
                let Some(j) = self.joins.iter().rev().find(|j| j.dev == dev_eui) else { return };
                let corr = j.corr.clone();
                let ids = vec![device_ids(dev_eui, None)];
                self.push("ns.up.join.cluster.fail", at, ids.clone(), err.clone(), &[&corr]);
                self.push("ns.up.join.drop", at + TimeDelta::milliseconds(2), ids, err, &[&corr]);
            }
            EventBody::AppJoin { dev_eui, dev_addr, .. } => {
                if let Some(a) = dev_addr {
                    self.addrs.insert(a, dev_eui);
                }
                let data = json!({"@type": "type.googleapis.com/ttn.lorawan.v3.ApplicationUp",
                    "end_device_ids": device_ids(dev_eui, dev_addr)["device_ids"],
                    "join_accept": {"session_key_id": "AXBSH1Pk6Z0G166RlH16CQ=="}});
                self.push("as.up.join.forward", at, vec![device_ids(dev_eui, dev_addr)], data, &[]);
            }
            EventBody::AppUplink(u) => {
                if let Some(a) = u.dev_addr {
                    self.addrs.insert(a, u.dev_eui);
                }
                let key = (u.dev_addr.unwrap_or_default(), (u.f_cnt & 0xffff) as u16);
                let ids = vec![device_ids(u.dev_eui, u.dev_addr)];
                if let Some(seen) = self.data.remove(&key) {
                    let data = uplink_message(&seen.phy, &seen.tx, &seen.rxs);
                    let process_at = seen.at + TimeDelta::milliseconds(210);
                    self.push("ns.up.data.process", process_at, ids.clone(), data, &[]);
                }
                let rxs: Vec<Value> = u.receptions.iter().map(|r| rx_metadata(r, at)).collect();
                let mut up = json!({"rx_metadata": rxs, "settings": settings(&u.tx),
                                    "frm_payload": STANDARD.encode(vec![0u8; u.payload_len])});
                if u.f_cnt != 0 {
                    up["f_cnt"] = json!(u.f_cnt);
                }
                if let Some(p) = u.f_port {
                    up["f_port"] = json!(p);
                }
                let data = json!({"@type": "type.googleapis.com/ttn.lorawan.v3.ApplicationUp",
                    "end_device_ids": device_ids(u.dev_eui, u.dev_addr)["device_ids"],
                    "uplink_message": up});
                self.push("as.up.data.forward", at, ids, data, &[]);
            }
            EventBody::GatewayDownlink { gateway, downlink_id, items } => {
                self.downlink(at, gateway.as_str(), downlink_id, &items);
            }
            EventBody::GatewayTxAck { gateway, downlink_id, items } => {
                let Some((tx_id, dev, _gw, attempt, sent_at)) = self.downlinks.remove(&downlink_id)
                else {
                    return;
                };
                let at = at.max(sent_at + TimeDelta::milliseconds(1_200));
                let ok = items.contains(&TxAckStatus::Ok);
                let status = items.iter().find(|s| **s != TxAckStatus::Ignored).cloned();
                let dev_ids = vec![device_ids(dev, None)];
                let gw_ids = vec![json!({"gateway_ids": gateway_ids(gateway.as_str())})];
                if ok {
                    self.push("gs.down.tx.success", at, gw_ids, Value::Null, &[&tx_id]);
                    self.push("ns.down.transmission.success", at, dev_ids, attempt, &[&tx_id]);
                } else {
                    let name = status.map_or("UNKNOWN_ERROR".to_string(), |s| s.name().to_string());
                    let value = json!({"@type": "type.googleapis.com/google.protobuf.Value", "value": name});
                    self.push("gs.down.tx.fail", at, gw_ids, value, &[&tx_id]);
                    let mut err = error(
                        "pkg/networkserver",
                        "transmission",
                        "downlink transmission failed with result `{result}`",
                        0,
                    );
                    err["attributes"] = json!({"result": name});
                    self.push("ns.down.transmission.fail", at, dev_ids, err, &[&tx_id]);
                }
            }
            EventBody::GatewayStats {
                gateway,
                rx_received,
                rx_received_ok,
                tx_received,
                tx_emitted,
            } => {
                let data = json!({"@type": "type.googleapis.com/ttn.lorawan.v3.GatewayStatus", "time": time(at),
                    "metrics": {"rxin": rx_received, "rxok": rx_received_ok, "txin": tx_received, "txok": tx_emitted}});
                let ids = vec![json!({"gateway_ids": gateway_ids(gateway.as_str())})];
                self.push("gs.status.receive", at, ids, data, &[]);
            }
            EventBody::GatewayConnState { gateway, online } => {
                let name = if online { "gs.gateway.connect" } else { "gs.gateway.disconnect" };
                let ids = vec![json!({"gateway_ids": gateway_ids(gateway.as_str())})];
                self.push(name, at, ids, Value::Null, &[]);
            }
            EventBody::AppStatus { dev_eui, margin_db, battery_percent, external_power } => {
                let battery = if external_power {
                    0
                } else {
                    battery_percent.map_or(255, |p| (p * 253.0 / 100.0).round() as u32 + 1)
                };
                let data = json!({"@type": "type.googleapis.com/ttn.lorawan.v3.MACCommand.DevStatusAns",
                                  "battery": battery, "margin": margin_db.unwrap_or(0)});
                self.push(
                    "ns.mac.dev_status.answer.accept",
                    at,
                    vec![device_ids(dev_eui, None)],
                    data,
                    &[],
                );
            }
            _ => {}
        }
    }

    fn gateway_uplink(&mut self, at: DateTime<Utc>, phy: Vec<u8>, tx: TxParams, r: Reception) {
        let gw = r.gateway.as_str().to_string();
        let message = uplink_message(&phy, &tx, &[(r.clone(), at)]);
        let data = json!({"@type": "type.googleapis.com/ttn.lorawan.v3.GatewayUplinkMessage",
                          "message": message, "band_id": "EU_863_870"});
        self.push("gs.up.receive", at, vec![json!({"gateway_ids": gateway_ids(&gw)})], data, &[]);
        match frame::parse(&phy) {
            Ok(Frame::JoinRequest(jr)) => {
                if !self.registered(jr.dev_eui) {
                    return;
                }
                let copy = self
                    .joins
                    .iter_mut()
                    .rev()
                    .find(|j| j.phy == phy && (at - j.at).num_milliseconds() < 1_000);
                if let Some(j) = copy {
                    j.rxs.push((r, at));
                    return;
                }
                let corr = self.id("ns:uplink");
                let data = uplink_message(&phy, &tx, &[(r.clone(), at)]);
                let ids = vec![device_ids(jr.dev_eui, None)];
                self.push(
                    "ns.up.join.receive",
                    at + TimeDelta::milliseconds(3),
                    ids,
                    data,
                    &[&corr],
                );
                self.joins.push(Join { dev: jr.dev_eui, at, phy, tx, rxs: vec![(r, at)], corr });
            }
            Ok(Frame::Data(d)) if d.uplink => {
                let key = (d.dev_addr, d.f_cnt16);
                let seen =
                    self.data.entry(key).or_insert(DataSeen { at, phy, tx, rxs: Vec::new() });
                seen.rxs.push((r, at));
            }
            _ => {}
        }
    }

    fn downlink(
        &mut self,
        at: DateTime<Utc>,
        gw: &str,
        downlink_id: u32,
        items: &[rmacheck::model::DownlinkItem],
    ) {
        let Some(item) = items.first() else { return };
        let is_accept = item.phy_payload.first().is_some_and(|b| b >> 5 == 1);
        let (dev, sent_at, name, token_tmst) = if is_accept {
            let Some(j) = self
                .joins
                .iter()
                .rev()
                .find(|j| j.rxs.iter().any(|(r, _)| r.gateway.as_str() == gw))
            else {
                return;
            };
            let (dev, req_at, rxs, phy, tx, corr) =
                (j.dev, j.at, j.rxs.clone(), j.phy.clone(), j.tx.clone(), j.corr.clone());
            let token_tmst =
                rxs.iter().find(|(r, _)| r.gateway.as_str() == gw).map_or(1, |(r, _)| tmst(r));
            let data = uplink_message(&phy, &tx, &rxs);
            self.push(
                "ns.up.join.process",
                req_at + TimeDelta::milliseconds(230),
                vec![device_ids(dev, None)],
                data,
                &[&corr],
            );
            (
                dev,
                req_at + TimeDelta::milliseconds(ACCEPT_AFTER_MS),
                "ns.down.join.schedule.attempt",
                token_tmst,
            )
        } else {
            let Ok(Frame::Data(d)) = frame::parse(&item.phy_payload) else { return };
            let Some(dev) = self.addrs.get(&d.dev_addr).copied() else { return };
            (dev, at, "ns.down.data.schedule.attempt", 1)
        };
        let tx_id = self.id("ns:transmission");
        let attempt = json!({
            "@type": "type.googleapis.com/ttn.lorawan.v3.DownlinkMessage",
            "raw_payload": STANDARD.encode(&item.phy_payload),
            "payload": {"m_hdr": {"m_type": if is_accept { "JOIN_ACCEPT" } else { "UNCONFIRMED_DOWN" }}},
            "request": {
                "downlink_paths": [{"uplink_token": uplink_token(gw, token_tmst)}],
                "rx1_delay": "RX_DELAY_5",
                "rx1_data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": item.tx.spreading_factor.unwrap_or(7)}},
                "rx1_frequency": item.tx.frequency_hz.unwrap_or(868_100_000).to_string(),
                "priority": "HIGHEST",
                "frequency_plan_id": "EU_863_870_TTN",
            },
            "correlation_ids": [tx_id],
        });
        self.push(name, sent_at, vec![device_ids(dev, None)], attempt.clone(), &[&tx_id]);
        let send = json!({"@type": "type.googleapis.com/ttn.lorawan.v3.DownlinkMessage",
            "raw_payload": STANDARD.encode(&item.phy_payload),
            "scheduled": {"frequency": item.tx.frequency_hz.unwrap_or(868_100_000).to_string(),
                          "timestamp": token_tmst.wrapping_add(5_000_000)},
            "correlation_ids": [tx_id]});
        let gw_ids = vec![json!({"gateway_ids": gateway_ids(gw)})];
        self.push("gs.down.send", sent_at + TimeDelta::milliseconds(2), gw_ids, send, &[&tx_id]);
        self.downlinks.insert(downlink_id, (tx_id, dev, gw.to_string(), attempt, sent_at));
    }
}

/// The events as an Events API stream file: one `{"result": Event}` per line, in time order.
pub(crate) fn api_stream(events: &[TtsEvent]) -> String {
    let mut sorted = events.to_vec();
    sorted.sort_by_key(|e| e.at);
    let mut out = String::from(
        "{\"result\":{\"name\":\"events.stream.start\",\"time\":\"2026-01-01T00:00:00Z\",\"identifiers\":[]}}\n",
    );
    for e in sorted {
        out.push_str(&json!({"result": e.event}).to_string());
        out.push('\n');
    }
    out
}

/// The events as the console's *Export as JSON*: an array, newest first, 2-space indent.
pub(crate) fn console_export(events: &[TtsEvent]) -> String {
    let mut sorted = events.to_vec();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.at));
    let list: Vec<Value> = sorted.into_iter().map(|e| e.event).collect();
    serde_json::to_string_pretty(&list).unwrap_or_default()
}

/// The events as `ttn-lw-cli events subscribe` prints them: pretty objects, one after another.
pub(crate) fn cli_output(events: &[TtsEvent]) -> String {
    let mut out = String::new();
    for e in events {
        out.push_str(&serde_json::to_string_pretty(&e.event).unwrap_or_default());
        out.push('\n');
    }
    out
}
