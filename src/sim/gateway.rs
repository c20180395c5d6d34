//! A simulated gateway behind a ChirpStack Gateway Bridge with the JSON marshaler: it
//! publishes `{prefix}/gateway/{id}/event/up` for every frame it demodulates, answers
//! `command/down` with `event/ack`, and optionally reports `event/stats` and `state/conn`.
//!
//! Invariants: the 4-byte `context` is the big-endian Semtech `tmst` (µs since the
//! concentrator started, wrapping at 2^32) of the end of reception; `event/up` reaches the
//! broker one backhaul latency after the frame ended.

use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use super::config::GatewayConfig;
use super::json::{self, text};
use super::radio::{Channel, Region};
use crate::adapters::wire::{ConnJson, EnumValue, RxInfoJson, StatsJson, UplinkFrameJson};
use crate::model::{RawMessage, TxAckStatus};

/// The Semtech packet forwarder rejects a downlink that arrives closer than this to its TX time.
const JIT_MARGIN: TimeDelta = TimeDelta::microseconds(32_500);

/// The broker publishes a lost client's Last Will after 1.5 keep-alive intervals (30 s).
pub const LAST_WILL_DELAY: TimeDelta = TimeDelta::seconds(45);

/// One gateway's reception of a frame, as the network server stand-in sees it.
#[derive(Debug, Clone)]
pub struct Rx {
    /// Index of the gateway in the configuration.
    pub gateway: usize,
    /// When the `event/up` reached the broker.
    pub arrived: DateTime<Utc>,
    /// The JSON `rxInfo` of the reception.
    pub info: RxInfoJson<'static>,
    /// The SNR, for picking the downlink gateway.
    pub snr: f64,
    /// Context bytes (tmst).
    pub context: Vec<u8>,
}

/// The simulated gateway.
#[derive(Debug, Clone)]
pub struct Gateway {
    /// Its configuration.
    pub config: GatewayConfig,
    prefix: String,
    boot: DateTime<Utc>,
    /// When it loses power (`None`: never).
    pub offline_at: Option<DateTime<Utc>>,
    /// Frames received (for stats).
    pub rx_log: Vec<DateTime<Utc>>,
    /// Downlinks received / emitted (for stats).
    pub tx_log: Vec<(DateTime<Utc>, bool)>,
}

impl Gateway {
    /// A gateway whose concentrator started some minutes before `start`.
    pub fn new(
        config: GatewayConfig,
        region: Region,
        start: DateTime<Utc>,
        rng: &mut StdRng,
    ) -> Self {
        let boot = start - TimeDelta::seconds(rng.gen_range(60..86_400));
        let offline_at = config.offline_after.map(|d| start + d);
        Self {
            config,
            prefix: region.topic_prefix(),
            boot,
            offline_at,
            rx_log: Vec::new(),
            tx_log: Vec::new(),
        }
    }

    /// Whether the gateway is powered at `at`.
    #[must_use]
    pub fn is_up(&self, at: DateTime<Utc>) -> bool {
        self.offline_at.is_none_or(|off| at < off)
    }

    /// The Last Will the broker publishes for a gateway that lost power (the JSON
    /// `gw.ConnState` without `state`: OFFLINE is the protobuf default and is omitted).
    #[must_use]
    pub fn last_will(&self) -> Option<RawMessage> {
        let at = self.offline_at? + LAST_WILL_DELAY;
        Some(RawMessage {
            received_at: at,
            topic: self.topic("state/conn"),
            payload: self.conn(None),
        })
    }

    /// A `state/conn` payload.
    fn conn(&self, state: Option<&'static str>) -> Vec<u8> {
        json::to_bytes(&ConnJson {
            gateway_id: Some(text(self.config.id.to_string())),
            gateway_id_v3: None,
            state: state.map(|s| EnumValue::Name(s.into())),
        })
    }

    fn topic(&self, kind: &str) -> String {
        format!("{}/gateway/{}/{kind}", self.prefix, self.config.id)
    }

    fn latency(&self, rng: &mut StdRng) -> TimeDelta {
        let base = i64::from(self.config.backhaul_ms) * 1000;
        TimeDelta::microseconds(base + rng.gen_range(0..=base / 4 + 1000))
    }

    /// The concentrator timestamp at `t`.
    #[must_use]
    pub fn tmst(&self, t: DateTime<Utc>) -> u32 {
        let us = (t - self.boot).num_microseconds().unwrap_or(0);
        (us.rem_euclid(1 << 32)) as u32
    }

    /// Publishes a frame that ended at `rx_end`, heard with `rssi`/`snr`.
    #[allow(clippy::too_many_arguments)]
    pub fn uplink(
        &mut self,
        index: usize,
        phy: &[u8],
        ch: Channel,
        concentrator_channel: u32,
        rx_end: DateTime<Utc>,
        (rssi, snr): (i32, f64),
        rng: &mut StdRng,
    ) -> (RawMessage, Rx) {
        self.rx_log.push(rx_end);
        let context = self.tmst(rx_end).to_be_bytes().to_vec();
        let info = RxInfoJson {
            gateway_id: Some(text(self.config.id.to_string())),
            uplink_id: Some(rng.r#gen()),
            gw_time: Some(text(json::gw_time(rx_end))),
            rssi: Some(f64::from(rssi)),
            snr: Some(snr),
            channel: Some(concentrator_channel).filter(|c| *c != 0),
            rf_chain: Some(u32::from(concentrator_channel < 3)).filter(|c| *c != 0),
            context: Some(text(json::b64(&context))),
            crc_status: Some(EnumValue::Name("CRC_OK".into())),
            ..RxInfoJson::default()
        };
        let frame = UplinkFrameJson {
            phy_payload: Some(text(json::b64(phy))),
            tx_info: Some(json::uplink_tx_info(ch)),
            rx_info: Some(info.clone()),
        };
        let arrived = rx_end + self.latency(rng);
        let msg = RawMessage {
            received_at: arrived,
            topic: self.topic("event/up"),
            payload: json::to_bytes(&frame),
        };
        (msg, Rx { gateway: index, arrived, info, snr, context })
    }

    /// The `command/down` topic.
    #[must_use]
    pub fn down_topic(&self) -> String {
        self.topic("command/down")
    }

    /// Handles a `command/down` published at `sent` whose items are timed `delays` after the
    /// uplink that ended at `rx_end`. Like the Semtech just-in-time queue, an item that reaches
    /// the gateway less than 32.5 ms before its TX time is TOO_LATE and the next one is tried;
    /// items after the one sent are IGNORED (`{}`). A configured failure fails every item.
    /// Returns the `event/ack` and the index of the item that goes on air.
    pub fn ack(
        &mut self,
        downlink_id: u32,
        delays: &[TimeDelta],
        rx_end: DateTime<Utc>,
        sent: DateTime<Utc>,
        rng: &mut StdRng,
    ) -> (RawMessage, Option<usize>) {
        let reached = sent + self.latency(rng);
        let mut on_air = None;
        let statuses: Vec<Option<String>> = delays
            .iter()
            .enumerate()
            .map(|(i, delay)| {
                let status = if let Some(s) = &self.config.downlink_failure {
                    Some(s.clone())
                } else if on_air.is_some() {
                    None
                } else if reached + JIT_MARGIN > rx_end + *delay {
                    Some(TxAckStatus::TooLate)
                } else {
                    on_air = Some(i);
                    Some(TxAckStatus::Ok)
                };
                status.map(|s| s.name().to_string())
            })
            .collect();
        let at = reached + self.latency(rng) + TimeDelta::milliseconds(2);
        self.tx_log.push((at, on_air.is_some()));
        let ack = json::tx_ack(&self.config.id.to_string(), downlink_id, statuses);
        let msg = RawMessage {
            received_at: at,
            topic: self.topic("event/ack"),
            payload: json::to_bytes(&ack),
        };
        (msg, on_air)
    }

    /// The retained `state/conn` ONLINE message the bridge publishes when it connects.
    #[must_use]
    pub fn online(&self, at: DateTime<Utc>) -> RawMessage {
        RawMessage {
            received_at: at,
            topic: self.topic("state/conn"),
            payload: self.conn(Some("ONLINE")),
        }
    }

    /// `event/stats` messages over `[start, end)` from what the gateway received and sent.
    #[must_use]
    pub fn stats(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<RawMessage> {
        let Some(interval) = self.config.stats_interval.filter(|i| *i > TimeDelta::zero()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut from = start;
        let end = self.offline_at.map_or(end, |off| end.min(off));
        while from + interval <= end {
            let to = from + interval;
            let rx = self.rx_log.iter().filter(|t| **t >= from && **t < to).count() as u32;
            let tx: Vec<_> = self.tx_log.iter().filter(|(t, _)| *t >= from && *t < to).collect();
            let count = |n: u32| Some(n).filter(|n| *n != 0);
            let stats = StatsJson {
                gateway_id: Some(text(self.config.id.to_string())),
                gateway_id_v3: None,
                time: Some(text(json::gw_time(to))),
                rx_packets_received: count(rx),
                rx_packets_received_ok: count(rx),
                tx_packets_received: count(tx.len() as u32),
                tx_packets_emitted: count(tx.iter().filter(|(_, ok)| *ok).count() as u32),
            };
            out.push(RawMessage {
                received_at: to + TimeDelta::milliseconds(i64::from(self.config.backhaul_ms)),
                topic: self.topic("event/stats"),
                payload: json::to_bytes(&stats),
            });
            from = to;
        }
        out
    }
}
