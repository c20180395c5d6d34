//! A minimal network-server stand-in that behaves like ChirpStack v4 as observed on a live
//! instance (reference/ns-formats.md §5 and §8):
//!
//! - receptions of one frame are de-duplicated over 200 ms, then handled;
//! - join-request: unknown DevEUI → nothing at application level; MIC invalid → `log`
//!   UPLINK_MIC; DevNonce already used → `log` OTAA; otherwise a `command/down` with two items
//!   (RX1 `"5s"` on the uplink channel, RX2 `"6s"` 869.525 MHz SF12) to the best gateway and,
//!   in the same millisecond, the application `join` event; each accepted join gets a new
//!   DevAddr and session;
//! - data uplink: unknown DevAddr or bad MIC → nothing; FCnt lower than the session's last →
//!   `log` UPLINK_F_CNT_RESET and no `up`; the same FCnt again → `log`
//!   UPLINK_F_CNT_RETRANSMISSION; otherwise `up` with every gateway's rxInfo;
//! - a copy arriving after the 200 ms window is handled again on its own (late join copies
//!   hit the DevNonce check, late data copies the retransmission check).
//!
//! Frames are decoded, checked and decrypted with the real crypto of [`crate::frame`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use super::config::{Activation, Application, DeviceConfig};
use super::gateway::Rx;
use super::json::{self, text};
use super::radio::{Channel, Region};
use crate::adapters::wire::{DeviceInfoJson, EventJson};
use crate::frame::{self, Frame, MicStatus, SessionKeys, create};
use crate::model::{AesKey, DevAddr, DevEui, RawMessage};

/// ChirpStack's de-duplication window.
pub const DEDUP_WINDOW: TimeDelta = TimeDelta::milliseconds(200);

/// A device as registered on the server.
#[derive(Debug, Clone)]
struct Registered {
    name: String,
    app_key: AesKey,
    used_dev_nonces: BTreeSet<u16>,
    join_nonce: u32,
}

/// An active session.
#[derive(Debug, Clone)]
struct Session {
    dev_eui: DevEui,
    keys: SessionKeys,
    last_f_cnt: Option<u32>,
}

/// One frame as the gateways forwarded it (the server decrypts it itself).
#[derive(Debug, Clone)]
pub struct Uplink {
    /// The PHYPayload.
    pub phy: Vec<u8>,
    /// The channel it was sent on.
    pub channel: Channel,
    /// Every gateway reception.
    pub receptions: Vec<Rx>,
}

/// A join-accept the server scheduled.
#[derive(Debug, Clone)]
pub struct JoinAcceptDown {
    /// Gateway index.
    pub gateway: usize,
    /// Downlink ID.
    pub downlink_id: u32,
    /// When the `command/down` was published.
    pub sent: DateTime<Utc>,
    /// The encrypted join-accept.
    pub phy: Vec<u8>,
    /// SNR of the uplink at that gateway.
    pub uplink_snr: f64,
    /// RX1 channel.
    pub rx1: Channel,
}

/// The network-server stand-in.
#[derive(Debug)]
pub struct NetworkServer {
    region: Region,
    app: Application,
    net_id: u32,
    devices: BTreeMap<DevEui, Registered>,
    sessions: BTreeMap<DevAddr, Session>,
    gateway_down_topics: Vec<String>,
}

impl NetworkServer {
    /// A server for `region`; `gateway_down_topics[i]` is gateway i's `command/down` topic.
    #[must_use]
    pub fn new(region: Region, app: Application, gateway_down_topics: Vec<String>) -> Self {
        Self {
            region,
            app,
            net_id: 0,
            devices: BTreeMap::new(),
            sessions: BTreeMap::new(),
            gateway_down_topics,
        }
    }

    /// Registers a device (ignored when it has no registration).
    pub fn register(&mut self, d: &DeviceConfig, rng: &mut StdRng) {
        let Some(reg) = &d.registration else { return };
        self.devices.insert(
            d.dev_eui,
            Registered {
                name: reg.name.clone(),
                app_key: reg.app_key,
                used_dev_nonces: reg.used_dev_nonces.iter().copied().collect(),
                join_nonce: rng.gen_range(0..1000),
            },
        );
        if let Activation::Abp { dev_addr, nwk_s_key, app_s_key } = &d.activation {
            let keys = SessionKeys { nwk_s_key: *nwk_s_key, app_s_key: *app_s_key };
            self.sessions.insert(*dev_addr, Session { dev_eui: d.dev_eui, keys, last_f_cnt: None });
        }
    }

    fn device_info(&self, dev_eui: DevEui, name: &str) -> DeviceInfoJson<'static> {
        json::device_info(&self.app, name, &dev_eui.to_string())
    }

    fn app_topic(&self, dev_eui: DevEui, event: &str) -> String {
        format!("application/{}/device/{dev_eui}/event/{event}", self.app.application_id)
    }

    fn name_of(&self, dev_eui: DevEui) -> String {
        self.devices.get(&dev_eui).map(|r| r.name.clone()).unwrap_or_default()
    }

    #[allow(clippy::too_many_arguments)]
    fn log(
        &self,
        out: &mut Vec<RawMessage>,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        level: &'static str,
        code: &'static str,
        description: &'static str,
        context: BTreeMap<String, String>,
    ) {
        let ev = json::LogEvent {
            time: json::ns_time(at),
            device_info: self.device_info(dev_eui, &self.name_of(dev_eui)),
            level,
            code,
            description,
            context,
        };
        out.push(RawMessage {
            received_at: at,
            topic: self.app_topic(dev_eui, "log"),
            payload: json::to_bytes(&ev),
        });
    }

    /// Handles one frame: de-duplicates its receptions, publishes what ChirpStack would, and
    /// returns the join-accept it scheduled, if any.
    pub fn handle(
        &mut self,
        up: &Uplink,
        rng: &mut StdRng,
        out: &mut Vec<RawMessage>,
    ) -> Option<JoinAcceptDown> {
        let mut rxs = up.receptions.clone();
        rxs.sort_by_key(|r| r.arrived);
        let first = rxs.first()?.arrived;
        let (in_window, late): (Vec<Rx>, Vec<Rx>) =
            rxs.into_iter().partition(|r| r.arrived <= first + DEDUP_WINDOW);
        let at = first + DEDUP_WINDOW + TimeDelta::microseconds(rng.gen_range(1_000..12_000));
        let result = self.handle_set(up, &in_window, at, rng, out);
        for r in late {
            let at =
                r.arrived + DEDUP_WINDOW + TimeDelta::microseconds(rng.gen_range(1_000..12_000));
            let _ = self.handle_set(up, std::slice::from_ref(&r), at, rng, out);
        }
        result
    }

    fn handle_set(
        &mut self,
        up: &Uplink,
        rxs: &[Rx],
        at: DateTime<Utc>,
        rng: &mut StdRng,
        out: &mut Vec<RawMessage>,
    ) -> Option<JoinAcceptDown> {
        match frame::parse(&up.phy).ok()? {
            Frame::JoinRequest(jr) => self.join(up, jr, rxs, at, rng, out),
            Frame::Data(d) if d.uplink => {
                self.data(up, &d, rxs, at, rng, out);
                None
            }
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn join(
        &mut self,
        up: &Uplink,
        jr: frame::JoinRequest,
        rxs: &[Rx],
        at: DateTime<Utc>,
        rng: &mut StdRng,
        out: &mut Vec<RawMessage>,
    ) -> Option<JoinAcceptDown> {
        let dev = self.devices.get(&jr.dev_eui)?.clone();
        let dedup = uuid(rng);
        let mut context = BTreeMap::from([("deduplication_id".to_string(), dedup.clone())]);
        if frame::join_request_mic(&up.phy, &dev.app_key).ok() != Some(MicStatus::Valid) {
            let text = "MIC of join-request is invalid, make sure keys are correct";
            self.log(out, at, jr.dev_eui, "ERROR", "UPLINK_MIC", text, context);
            return None;
        }
        if dev.used_dev_nonces.contains(&jr.dev_nonce) {
            context.insert("dev_nonce".into(), jr.dev_nonce.to_string());
            context.insert("join_eui".into(), jr.join_eui.to_string());
            self.log(
                out,
                at,
                jr.dev_eui,
                "ERROR",
                "OTAA",
                "DevNonce has already been used",
                context,
            );
            return None;
        }
        let join_nonce = dev.join_nonce + 1;
        if let Some(d) = self.devices.get_mut(&jr.dev_eui) {
            d.used_dev_nonces.insert(jr.dev_nonce);
            d.join_nonce = join_nonce;
        }
        // NetID 000000 (type 0, NwkID 0): the DevAddr prefix is 7 zero bits.
        let dev_addr = DevAddr(rng.gen_range(1..0x0200_0000));
        let phy = create::join_accept(
            &dev.app_key,
            join_nonce,
            self.net_id,
            dev_addr,
            0x00,
            1,
            &self.region.cf_list(),
        )
        .ok()?;
        let keys = frame::derive_session_keys(&dev.app_key, join_nonce, self.net_id, jr.dev_nonce);
        self.sessions.retain(|_, s| s.dev_eui != jr.dev_eui);
        self.sessions.insert(dev_addr, Session { dev_eui: jr.dev_eui, keys, last_f_cnt: None });
        let best = rxs.iter().max_by(|a, b| a.snr.total_cmp(&b.snr))?;
        let downlink_id: u32 = rng.r#gen();
        let rx1 = self.region.rx1(up.channel);
        let rx2 = self.region.rx2();
        let (p1, p2) = self.region.downlink_power();
        let items = vec![
            json::downlink_item(&phy, (rx1, p1), "5s", &best.context),
            json::downlink_item(&phy, (rx2, p2), "6s", &best.context),
        ];
        let down = json::downlink_frame(downlink_id, items, best.info.gateway_id.clone());
        let topic = self.gateway_down_topics.get(best.gateway).cloned().unwrap_or_default();
        out.push(RawMessage { received_at: at, topic, payload: json::to_bytes(&down) });
        let join = EventJson {
            deduplication_id: Some(text(dedup)),
            time: Some(text(json::ns_time(at))),
            device_info: Some(self.device_info(jr.dev_eui, &dev.name)),
            dev_addr: Some(text(dev_addr.to_string())),
            region_config_id: Some(text(self.region.topic_prefix())),
            ..EventJson::default()
        };
        out.push(RawMessage {
            received_at: at + TimeDelta::microseconds(rng.gen_range(100..700)),
            topic: self.app_topic(jr.dev_eui, "join"),
            payload: json::to_bytes(&join),
        });
        Some(JoinAcceptDown {
            gateway: best.gateway,
            downlink_id,
            sent: at,
            phy,
            uplink_snr: best.snr,
            rx1,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn data(
        &mut self,
        up: &Uplink,
        d: &frame::DataFrame,
        rxs: &[Rx],
        at: DateTime<Utc>,
        rng: &mut StdRng,
        out: &mut Vec<RawMessage>,
    ) {
        let Some(session) = self.sessions.get(&d.dev_addr).cloned() else { return };
        let Some(f_cnt) = full_f_cnt(&up.phy, d.f_cnt16, &session) else { return };
        let dev_eui = session.dev_eui;
        let dedup = uuid(rng);
        let context = BTreeMap::from([
            ("deduplication_id".to_string(), dedup.clone()),
            ("f_cnt_up".to_string(), f_cnt.to_string()),
        ]);
        match session.last_f_cnt {
            Some(last) if f_cnt == last => {
                let text =
                    "Uplink was flagged as re-transmission / frame-counter did not increment";
                self.log(out, at, dev_eui, "WARNING", "UPLINK_F_CNT_RETRANSMISSION", text, context);
                return;
            }
            Some(last) if f_cnt < last => {
                let text = "Frame-counter reset or rollover detected";
                self.log(out, at, dev_eui, "WARNING", "UPLINK_F_CNT_RESET", text, context);
                return;
            }
            _ => {}
        }
        if let Some(s) = self.sessions.get_mut(&d.dev_addr) {
            s.last_f_cnt = Some(f_cnt);
        }
        let region_id = self.region.topic_prefix();
        let metadata = BTreeMap::from([
            ("region_common_name".to_string(), self.region.common_name().to_string()),
            ("region_config_id".to_string(), region_id.clone()),
        ]);
        let rx_info = rxs
            .iter()
            .map(|r| {
                let mut i = r.info.clone();
                i.ns_time = Some(text(json::ns_time(r.arrived)));
                i.metadata = Some(metadata.clone());
                i
            })
            .collect();
        let ev = EventJson {
            deduplication_id: Some(text(dedup)),
            time: Some(text(json::ns_time(at))),
            device_info: Some(self.device_info(dev_eui, &self.name_of(dev_eui))),
            dev_addr: Some(text(d.dev_addr.to_string())),
            adr: Some(d.adr),
            dr: Some(u32::from(self.region.data_rate(up.channel.sf))),
            f_cnt: Some(f_cnt),
            f_port: Some(u32::from(d.f_port.unwrap_or(0))),
            confirmed: Some(d.confirmed),
            data: Some(text(json::b64(
                &frame::decrypt_frm_payload(&up.phy, &session.keys, f_cnt).unwrap_or_default(),
            ))),
            rx_info: Some(rx_info),
            tx_info: Some(json::uplink_tx_info(up.channel)),
            region_config_id: Some(text(region_id)),
            ..EventJson::default()
        };
        out.push(RawMessage {
            received_at: at,
            topic: self.app_topic(dev_eui, "up"),
            payload: json::to_bytes(&ev),
        });
    }
}

/// Reconstructs the 32-bit FCnt as ChirpStack does: relative to the session's last counter,
/// with 16-bit rollover; when the MIC only verifies with the counter as sent, the device
/// restarted its counter (a reset). `None` when the MIC fails either way.
fn full_f_cnt(phy: &[u8], f_cnt16: u16, s: &Session) -> Option<u32> {
    let sent = u32::from(f_cnt16);
    let last = s.last_f_cnt.unwrap_or(0);
    let mut full = (last & 0xffff_0000) | sent;
    if full < last && last - full > 0x8000 {
        full = full.wrapping_add(0x1_0000);
    }
    let valid = |f| frame::data_mic(phy, &s.keys.nwk_s_key, f).ok() == Some(MicStatus::Valid);
    if valid(full) {
        Some(full)
    } else if full != sent && valid(sent) {
        Some(sent)
    } else {
        None
    }
}

/// A random (version 4) UUID as text.
pub fn uuid(rng: &mut StdRng) -> String {
    let mut b: [u8; 16] = rng.r#gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}
