//! A deterministic capture of a busy site, in the mix of issue "replay speed": ChirpStack v4
//! gateway `event/up` in JSON (about 45 % of the messages) and in Protobuf (about 20 %),
//! application `up` events in JSON (about 30 %), and join procedures (about 5 %: join-request
//! copies, the join-accept `command/down`, its `event/ack` and the application `join` event).
//! 100,000 devices behind 50 gateways by default; devices send in turn every 300 s, 5 % of
//! frames are lost, about 4 % of the slots are a rejoin with a new DevAddr.
//!
//! Shared by `benches/pipeline.rs` and `examples/gen_capture.rs` (`#[path]` module).

#![allow(dead_code)]

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, Duration, Utc};
use prost::Message as _;

use rmacheck::adapters::chirpstack_gw_proto as pb;
use rmacheck::adapters::wire::{
    DeviceInfoJson, EnumValue, EventJson, RxInfoJson, TxInfoJson, UplinkFrameJson,
};
use rmacheck::model::RawMessage;
use rmacheck::sim::config::Application;
use rmacheck::sim::json::{self, text};
use rmacheck::sim::radio::Channel;

/// Devices of the default site.
pub(crate) const DEVICES: u32 = 100_000;
/// Gateways of the default site.
pub(crate) const GATEWAYS: u32 = 50;
const APP_ID: &str = "17c82e96-be03-4f38-aef3-f83d48582d97";
const SLOT_MS: i64 = 3;
const ROUND_S: i64 = 300;

/// xorshift64*: deterministic and fast.
pub(crate) struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The DevEUI of device `d`.
#[must_use]
pub(crate) fn dev_eui(d: u32) -> u64 {
    0x70b3_d57e_d000_0000 + u64::from(d)
}

fn gateway_id(g: u32) -> String {
    format!("0016c001f1{g:06x}")
}

fn channel() -> Channel {
    Channel { frequency_hz: 868_100_000, sf: 7, bandwidth_hz: 125_000 }
}

fn tx_info() -> TxInfoJson<'static> {
    json::uplink_tx_info(channel())
}

fn device_info(d: u32) -> DeviceInfoJson<'static> {
    let app = Application {
        tenant_id: "52f14cd4-c6f1-4fbd-8f87-4025e1d49242".into(),
        tenant_name: "ChirpStack".into(),
        application_id: APP_ID.into(),
        application_name: "Site".into(),
        device_profile_id: "14855bf7-d10d-4aee-b618-ebfcb64dc7ad".into(),
        device_profile_name: "Sensor".into(),
    };
    json::device_info(&app, &format!("sensor-{d:05}"), &format!("{:016x}", dev_eui(d)))
}

/// One gateway's reception as ChirpStack writes it.
struct Heard {
    gw: u32,
    rssi: i32,
    snr: f64,
    uplink_id: u32,
    context: [u8; 4],
}

impl Heard {
    fn rx_info(&self, at: DateTime<Utc>, app: bool) -> RxInfoJson<'static> {
        RxInfoJson {
            gateway_id: Some(text(gateway_id(self.gw))),
            uplink_id: Some(self.uplink_id),
            gw_time: Some(text(json::gw_time(at))),
            ns_time: app.then(|| text(json::ns_time(at))),
            rssi: Some(f64::from(self.rssi)),
            snr: Some(self.snr),
            channel: Some(1),
            rf_chain: Some(1),
            context: Some(text(json::b64(&self.context))),
            crc_status: Some(EnumValue::Name("CRC_OK".into())),
            ..RxInfoJson::default()
        }
    }
}

struct Timed {
    at: DateTime<Utc>,
    seq: u64,
    msg: RawMessage,
}

impl PartialEq for Timed {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl Eq for Timed {}
impl PartialOrd for Timed {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timed {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(o.at, o.seq))
    }
}

/// Generates the site's messages in received-time order.
pub(crate) struct Mix {
    rng: Rng,
    t0: DateTime<Utc>,
    devices: u32,
    gateways: u32,
    slot: u64,
    seq: u64,
    f_cnt: Vec<u32>,
    addr: Vec<u32>,
    nonce: Vec<u16>,
    next_addr: u32,
    next_downlink: u32,
    queue: BinaryHeap<Reverse<Timed>>,
}

impl Mix {
    /// The default site (100,000 devices, 50 gateways).
    #[must_use]
    pub(crate) fn new() -> Self {
        Self::site(DEVICES, GATEWAYS)
    }

    /// A site of `devices` devices and `gateways` gateways.
    #[must_use]
    pub(crate) fn site(devices: u32, gateways: u32) -> Self {
        let t0 = DateTime::from_timestamp(1_795_770_000, 0).unwrap_or_default();
        Self {
            rng: Rng(0x9e37_79b9_7f4a_7c15),
            t0,
            devices: devices.max(1),
            gateways: gateways.max(1),
            slot: 0,
            seq: 0,
            f_cnt: vec![0; devices.max(1) as usize],
            addr: (0..devices.max(1)).map(|d| 0x2600_0000 + d).collect(),
            nonce: vec![0; devices.max(1) as usize],
            next_addr: 0x2800_0000,
            next_downlink: 1,
            queue: BinaryHeap::new(),
        }
    }

    fn push(&mut self, at: DateTime<Utc>, topic: String, payload: Vec<u8>) {
        self.seq += 1;
        let msg = RawMessage { received_at: at, topic, payload };
        self.queue.push(Reverse(Timed { at, seq: self.seq, msg }));
    }

    fn heard(&mut self, d: u32, copies: u32) -> Vec<Heard> {
        (0..copies)
            .map(|c| Heard {
                gw: (d + c * 17) % self.gateways,
                rssi: -60 - self.rng.below(60) as i32,
                snr: 10.0 - self.rng.below(250) as f64 / 10.0,
                uplink_id: self.rng.next() as u32,
                context: (self.rng.next() as u32).to_be_bytes(),
            })
            .collect()
    }

    fn gw_up(&mut self, phy: &[u8], h: &Heard, at: DateTime<Utc>, protobuf: bool) {
        let topic = format!("eu868/gateway/{}/event/up", gateway_id(h.gw));
        let payload = if protobuf {
            pb::UplinkFrame {
                phy_payload: phy.to_vec(),
                tx_info: Some(pb::UplinkTxInfo {
                    frequency: 868_100_000,
                    modulation: Some(pb::Modulation {
                        lora: Some(pb::LoraModulationInfo {
                            bandwidth: 125_000,
                            spreading_factor: 7,
                            code_rate: 1,
                            ..Default::default()
                        }),
                    }),
                }),
                rx_info: Some(pb::UplinkRxInfo {
                    gateway_id: gateway_id(h.gw),
                    uplink_id: h.uplink_id,
                    rssi: h.rssi,
                    snr: h.snr as f32,
                    channel: 1,
                    rf_chain: 1,
                    context: h.context.to_vec(),
                    crc_status: 2,
                    ..Default::default()
                }),
                ..Default::default()
            }
            .encode_to_vec()
        } else {
            json::to_bytes(&UplinkFrameJson {
                phy_payload: Some(text(json::b64(phy))),
                tx_info: Some(tx_info()),
                rx_info: Some(h.rx_info(at, false)),
            })
        };
        self.push(at, topic, payload);
    }

    /// One data frame of device `d`: gateway copies, then the application `up`.
    fn data(&mut self, d: u32, at: DateTime<Utc>) {
        let f_cnt = self.f_cnt[d as usize];
        self.f_cnt[d as usize] += 1;
        if self.rng.below(100) < 5 {
            return;
        }
        let addr = self.addr[d as usize];
        let mut phy = vec![0x40];
        phy.extend_from_slice(&addr.to_le_bytes());
        phy.push(0x80);
        phy.extend_from_slice(&((f_cnt & 0xffff) as u16).to_le_bytes());
        phy.push(1);
        for _ in 0..12 {
            phy.push(self.rng.below(256) as u8);
        }
        phy.extend_from_slice(&(self.rng.next() as u32).to_le_bytes());
        // 1, 2 or 3 gateways (25 / 33 / 42 %): 2.17 gateway messages per application event.
        let copies = match self.rng.below(100) {
            0..25 => 1,
            25..58 => 2,
            _ => 3,
        };
        let heard = self.heard(d, copies);
        for (c, h) in heard.iter().enumerate() {
            let at = at + Duration::milliseconds(c as i64 * 15);
            let protobuf = self.rng.below(100) < 31;
            self.gw_up(&phy, h, at, protobuf);
        }
        let at = at + Duration::milliseconds(200);
        let up = EventJson {
            deduplication_id: Some(text(format!("3ac7e3c4-4401-4b8d-9386-{:012x}", self.seq))),
            time: Some(text(json::ns_time(at))),
            device_info: Some(device_info(d)),
            dev_addr: Some(text(format!("{addr:08x}"))),
            adr: Some(true),
            dr: Some(5),
            f_cnt: Some(f_cnt),
            f_port: Some(1),
            confirmed: Some(false),
            data: Some(text("AQIDBAUGBwgJCgsM")),
            rx_info: Some(heard.iter().map(|h| h.rx_info(at, true)).collect()),
            tx_info: Some(tx_info()),
            region_config_id: Some(text("eu868")),
            ..EventJson::default()
        };
        let topic = format!("application/{APP_ID}/device/{:016x}/event/up", dev_eui(d));
        self.push(at, topic, json::to_bytes(&up));
    }

    /// A rejoin of device `d`: join-request copies, join-accept, its ack, the `join` event.
    fn join(&mut self, d: u32, at: DateTime<Utc>) {
        self.nonce[d as usize] = self.nonce[d as usize].wrapping_add(1);
        let mut phy = vec![0x00];
        phy.extend_from_slice(&0x70b3_d57e_f000_0001u64.to_le_bytes());
        phy.extend_from_slice(&dev_eui(d).to_le_bytes());
        phy.extend_from_slice(&self.nonce[d as usize].to_le_bytes());
        phy.extend_from_slice(&(self.rng.next() as u32).to_le_bytes());
        let copies = 1 + self.rng.below(2) as u32;
        let heard = self.heard(d, copies);
        for (c, h) in heard.iter().enumerate() {
            self.gw_up(&phy, h, at + Duration::milliseconds(c as i64 * 15), false);
        }
        let gw = gateway_id(heard[0].gw);
        let downlink_id = self.next_downlink;
        self.next_downlink += 1;
        let mut accept = vec![0x20];
        for _ in 0..16 {
            accept.push(self.rng.below(256) as u8);
        }
        let down_at = at + Duration::milliseconds(900);
        let item = json::downlink_item(&accept, (channel(), 14), "5s", &heard[0].context);
        let down = json::downlink_frame(downlink_id, vec![item], Some(text(gw.clone())));
        self.push(down_at, format!("eu868/gateway/{gw}/command/down"), json::to_bytes(&down));
        let ack = json::tx_ack(&gw, downlink_id, vec![Some("OK".into())]);
        let ack_at = down_at + Duration::milliseconds(50);
        self.push(ack_at, format!("eu868/gateway/{gw}/event/ack"), json::to_bytes(&ack));
        let addr = self.next_addr;
        self.next_addr += 1;
        self.addr[d as usize] = addr;
        self.f_cnt[d as usize] = 0;
        let join_at = at + Duration::milliseconds(1000);
        let event = EventJson {
            deduplication_id: Some(text(format!("8f1d2c3b-4401-4b8d-9386-{:012x}", self.seq))),
            time: Some(text(json::ns_time(join_at))),
            device_info: Some(device_info(d)),
            dev_addr: Some(text(format!("{addr:08x}"))),
            region_config_id: Some(text("eu868")),
            ..EventJson::default()
        };
        let topic = format!("application/{APP_ID}/device/{:016x}/event/join", dev_eui(d));
        self.push(join_at, topic, json::to_bytes(&event));
    }

    fn slot(&mut self) {
        let round = self.slot / u64::from(self.devices);
        let d = (self.slot % u64::from(self.devices)) as u32;
        let at = self.t0
            + Duration::seconds(round as i64 * ROUND_S)
            + Duration::milliseconds(i64::from(d) * SLOT_MS);
        self.slot += 1;
        if self.rng.below(1000) < 40 {
            self.join(d, at);
        } else {
            self.data(d, at);
        }
    }

    /// The time of the next slot: messages received before it are final.
    fn horizon(&self) -> DateTime<Utc> {
        let round = self.slot / u64::from(self.devices);
        let d = self.slot % u64::from(self.devices);
        self.t0
            + Duration::seconds(round as i64 * ROUND_S)
            + Duration::milliseconds(d as i64 * SLOT_MS)
    }
}

impl Default for Mix {
    fn default() -> Self {
        Self::new()
    }
}

impl Iterator for Mix {
    type Item = RawMessage;
    fn next(&mut self) -> Option<RawMessage> {
        loop {
            if let Some(Reverse(first)) = self.queue.peek() {
                if first.at < self.horizon() {
                    return self.queue.pop().map(|Reverse(t)| t.msg);
                }
            }
            self.slot();
        }
    }
}

/// Writes the first `n` messages of `mix` as capture lines.
///
/// # Errors
/// The writer's.
pub(crate) fn write_capture(
    mix: Mix,
    n: usize,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    for msg in mix.take(n) {
        out.write_all(rmacheck::capture::format_line(&msg).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
