//! Tracker scenario tests: events are fed directly (no adapters), with real frames built by
//! `frame::create`.

mod evidence;
mod joins;
mod uplinks;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};

use crate::frame::create;
use crate::frame::keys::{DeviceKeys, KeyStore};
use crate::model::{
    AesKey, AppUplink, DevAddr, DevEui, DownlinkItem, DownlinkTiming, EventBody, GatewayId,
    JoinEui, LogLevel, Reception, TxAckStatus, TxParams,
};

use super::{DeviceRecord, Limits, Tracker, TrackerConfig};

pub(super) const DEV_A: DevEui = DevEui::from_u64(0x70b3_d57e_d000_0001);
pub(super) const DEV_B: DevEui = DevEui::from_u64(0x70b3_d57e_d000_0002);
pub(super) const JOIN_EUI: JoinEui = JoinEui::from_u64(0);
pub(super) const KEY_A: AesKey = AesKey([0x2b; 16]);
pub(super) const KEY_B: AesKey = AesKey([0x7e; 16]);

pub(super) fn gw(n: u8) -> GatewayId {
    GatewayId::new(&format!("0016c001f153a1{n:02x}"))
}

pub(super) fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_770_000, 0).unwrap_or_default()
}

pub(super) fn radio(freq: u64, sf: u8) -> TxParams {
    TxParams {
        frequency_hz: Some(freq),
        spreading_factor: Some(sf),
        bandwidth_hz: Some(125_000),
        coding_rate: Some("4/5".into()),
        data_rate: None,
    }
}

pub(super) fn rx(g: u8, rssi: f64, snr: f64, context: &[u8]) -> Reception {
    Reception {
        gateway: gw(g),
        rssi_dbm: Some(rssi),
        snr_db: Some(snr),
        context: context.to_vec(),
        crc_ok: Some(true),
        ..Reception::default()
    }
}

pub(super) fn join_request_phy(key: &AesKey, dev: DevEui, nonce: u16) -> Vec<u8> {
    create::join_request(key, JOIN_EUI, dev, nonce).unwrap_or_default()
}

pub(super) fn gw_up(phy: Vec<u8>, reception: Reception) -> EventBody {
    EventBody::GatewayUplink { phy_payload: phy, tx: radio(868_100_000, 7), reception }
}

pub(super) fn join_accept_phy(key: &AesKey, addr: DevAddr) -> Vec<u8> {
    create::join_accept(key, 0x10, 0x13, addr, 0, 1, &[]).unwrap_or_default()
}

/// A ChirpStack join-accept `command/down`: RX1 5 s, RX2 6 s.
pub(super) fn accept_down(g: u8, id: u32, phy: Vec<u8>, context: &[u8]) -> EventBody {
    let item = |freq: u64, sf: u8, delay: f64| DownlinkItem {
        phy_payload: phy.clone(),
        tx: radio(freq, sf),
        power_dbm: Some(14),
        timing: Some(DownlinkTiming::Delay { seconds: delay }),
        context: context.to_vec(),
    };
    EventBody::GatewayDownlink {
        gateway: gw(g),
        downlink_id: id,
        items: vec![item(868_100_000, 7, 5.0), item(869_525_000, 12, 6.0)],
    }
}

pub(super) fn ack(g: u8, id: u32, items: Vec<TxAckStatus>) -> EventBody {
    EventBody::GatewayTxAck { gateway: gw(g), downlink_id: id, items }
}

pub(super) fn data_phy(addr: DevAddr, f_cnt: u32) -> Vec<u8> {
    create::data_up(&AesKey([1; 16]), &AesKey([2; 16]), addr, f_cnt, 1, b"hi", false, false)
        .unwrap_or_default()
}

pub(super) fn app_up(
    dev: DevEui,
    addr: Option<DevAddr>,
    f_cnt: u32,
    gws: &[(u8, f64, f64)],
) -> EventBody {
    EventBody::AppUplink(AppUplink {
        dev_eui: dev,
        dev_addr: addr,
        f_cnt,
        f_port: Some(1),
        payload_len: 2,
        tx: radio(868_100_000, 7),
        receptions: gws.iter().map(|(g, r, s)| rx(*g, *r, *s, &[])).collect(),
        ..AppUplink::default()
    })
}

pub(super) fn app_join(dev: DevEui, addr: DevAddr) -> EventBody {
    EventBody::AppJoin { dev_eui: dev, dev_addr: Some(addr), join_eui: None }
}

pub(super) fn app_log(dev: DevEui, code: &str, ctx: &[(&str, &str)]) -> EventBody {
    EventBody::AppLog {
        dev_eui: dev,
        level: LogLevel::Error,
        code: code.into(),
        description: format!("{code} happened"),
        context: ctx
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    }
}

pub(super) fn keys(devs: &[(DevEui, AesKey)]) -> KeyStore {
    let mut k = KeyStore::new();
    for (d, key) in devs {
        k.insert(*d, DeviceKeys { join_eui: Some(JOIN_EUI), app_key: *key });
    }
    k
}

/// Feeds events with consecutive indices and remembers them for re-runs.
pub(super) struct Feed {
    pub(super) tracker: Tracker,
    pub(super) config: TrackerConfig,
    pub(super) limits: Limits,
    pub(super) log: Vec<(u64, DateTime<Utc>, EventBody)>,
}

impl Feed {
    pub(super) fn new(config: TrackerConfig) -> Self {
        Self::with_limits(config, super::LIMITS)
    }
    pub(super) fn with_limits(config: TrackerConfig, limits: Limits) -> Self {
        Self {
            tracker: Tracker::with_limits(config.clone(), limits),
            config,
            limits,
            log: Vec::new(),
        }
    }
    pub(super) fn all() -> Self {
        Self::new(TrackerConfig::default())
    }
    /// Feeds `event` at `ms` milliseconds after t0; returns its index.
    pub(super) fn at(&mut self, ms: i64, event: EventBody) -> u64 {
        let index = self.log.len() as u64;
        let at = t0() + Duration::milliseconds(ms);
        self.tracker.ingest(index, at, &event);
        self.log.push((index, at, event));
        index
    }
    pub(super) fn record(&self, dev: DevEui) -> DeviceRecord {
        self.tracker.device_or_empty(&dev)
    }
    /// Re-runs only the device's evidence (original indices) and returns the record.
    pub(super) fn rerun_evidence(&self, dev: DevEui) -> DeviceRecord {
        let evidence: BTreeSet<u64> = self.record(dev).evidence;
        let mut t = Tracker::with_limits(self.config.clone(), self.limits);
        for (index, at, event) in &self.log {
            if evidence.contains(index) {
                t.ingest(*index, *at, event);
            }
        }
        t.device_or_empty(&dev)
    }
}

pub(super) fn watch(devs: &[DevEui]) -> TrackerConfig {
    TrackerConfig { keys: KeyStore::new(), watch: Some(devs.iter().copied().collect()) }
}

pub(super) fn kinds(r: &DeviceRecord) -> Vec<(u64, String)> {
    r.timeline.iter().map(|e| (e.index, e.kind.clone())).collect()
}

#[test]
fn a_taken_device_s_record_is_the_kept_one_without_the_tracker_s_malformed_list() {
    let dev = DevEui::from_u64(0x70b3_d57e_d000_0001);
    let mut f = Feed::all();
    f.at(0, app_up(dev, Some(DevAddr(0x0110_c816)), 1, &[(1, -80.0, 5.0)]));
    f.tracker.note_malformed_reason(super::MalformedMessage {
        index: Some(9),
        source: "chirpstack_gateway".into(),
        reason: "not JSON".into(),
        ..super::MalformedMessage::default()
    });
    let kept = f.tracker.device(&dev).unwrap_or_default();
    assert_eq!(kept.malformed.len(), 1);
    let taken = f.tracker.take_device(&dev).map(|t| f.tracker.record_of_taken(t, None));
    let want = DeviceRecord { malformed: Vec::new(), ..kept };
    assert_eq!(taken, Some(want));
    assert!(f.tracker.take_device(&dev).is_none(), "taken once");
}
