//! The tracker through its public API: fleets, watch filters and the evidence property.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};

use rmacheck::frame::create;
use rmacheck::model::{
    AesKey, AppUplink, DevAddr, DevEui, EventBody, GatewayId, Reception, TxParams,
};
use rmacheck::tracker::{Tracker, TrackerConfig};

fn t(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_770_000, 0).unwrap_or_default() + Duration::milliseconds(ms)
}

fn reception(gw: u8, rssi: f64) -> Reception {
    Reception {
        gateway: GatewayId::new(&format!("00000000000000{gw:02x}")),
        rssi_dbm: Some(rssi),
        snr_db: Some(rssi / 10.0 + 12.0),
        ..Reception::default()
    }
}

fn gw_frame(addr: DevAddr, f_cnt: u32, gw: u8) -> EventBody {
    let phy =
        create::data_up(&AesKey([1; 16]), &AesKey([2; 16]), addr, f_cnt, 1, b"x", false, false)
            .unwrap();
    EventBody::GatewayUplink {
        phy_payload: phy,
        tx: TxParams::default(),
        reception: reception(gw, -90.0),
    }
}

fn app_up(dev: DevEui, addr: DevAddr, f_cnt: u32) -> EventBody {
    EventBody::AppUplink(AppUplink {
        dev_eui: dev,
        dev_addr: Some(addr),
        f_cnt,
        receptions: vec![reception(1, -90.0), reception(2, -100.0)],
        ..AppUplink::default()
    })
}

/// `devices` devices, each sending `frames` frames heard by two gateways and reported as `up`
/// about 200 ms later, every third frame lost; plus foreign devices nobody knows.
fn fleet(devices: u32, frames: u32) -> Vec<(u64, DateTime<Utc>, EventBody)> {
    let mut out = Vec::new();
    for f in 0..frames {
        for d in 0..devices {
            let base = i64::from(f) * 600_000 + i64::from(d) * 50;
            let dev = DevEui::from_u64(0x70b3_d500_0000_0000 + u64::from(d));
            let addr = DevAddr(0x0100_0000 + d);
            let foreign = DevAddr(0x2600_0000 + f * devices + d);
            if f % 3 == 2 {
                continue;
            }
            for (ms, e) in [
                (base, gw_frame(addr, f, 1)),
                (base + 5, gw_frame(foreign, f, 1)),
                (base + 20, gw_frame(addr, f, 2)),
                (base + 200, app_up(dev, addr, f)),
            ] {
                out.push((out.len() as u64, t(ms), e));
            }
        }
    }
    out.sort_by_key(|(_, at, _)| *at);
    out.into_iter().enumerate().map(|(i, (_, at, e))| (i as u64, at, e)).collect()
}

#[test]
fn every_device_of_a_fleet_gets_its_own_counts() {
    let events = fleet(300, 9);
    let mut tracker = Tracker::new(TrackerConfig::default());
    for (i, at, e) in &events {
        tracker.ingest(*i, *at, e);
    }
    assert_eq!(tracker.dev_euis().count(), 300);
    for dev in tracker.dev_euis() {
        let r = tracker.device(dev).unwrap();
        assert_eq!(r.stats.uplinks, 6, "{dev}");
        assert_eq!(r.stats.fcnt_missing, 2, "{dev}: frames 2 and 5 lost");
        assert_eq!(r.stats.gateways, 2);
        assert_eq!(r.evidence.len(), 18, "{dev}: two gateway copies and the app event per frame");
        assert!(r.uplinks.iter().all(|u| u.receptions.len() == 2));
    }
}

#[test]
fn a_watched_device_in_a_fleet_has_the_same_record_as_without_the_filter() {
    let events = fleet(50, 6);
    let dev = DevEui::from_u64(0x70b3_d500_0000_0007);
    let mut all = Tracker::new(TrackerConfig::default());
    let mut one = Tracker::new(TrackerConfig {
        watch: Some(BTreeSet::from([dev])),
        ..TrackerConfig::default()
    });
    for (i, at, e) in &events {
        all.ingest(*i, *at, e);
        one.ingest(*i, *at, e);
    }
    assert_eq!(one.dev_euis().collect::<Vec<_>>(), vec![&dev]);
    assert_eq!(all.device(&dev), one.device(&dev));
}

#[test]
fn re_running_a_fleet_device_on_its_evidence_reproduces_its_record() {
    let events = fleet(40, 6);
    let mut tracker = Tracker::new(TrackerConfig::default());
    for (i, at, e) in &events {
        tracker.ingest(*i, *at, e);
    }
    for dev in [DevEui::from_u64(0x70b3_d500_0000_0000), DevEui::from_u64(0x70b3_d500_0000_0027)] {
        let record = tracker.device(&dev).unwrap();
        let mut again = Tracker::new(TrackerConfig::default());
        for (i, at, e) in events.iter().filter(|(i, _, _)| record.evidence.contains(i)) {
            again.ingest(*i, *at, e);
        }
        assert_eq!(again.device(&dev).as_ref(), Some(&record), "{dev}");
    }
}

/// Feeds messages through the adapters with the given indices (as the pipeline numbers them).
fn track(
    config: &TrackerConfig,
    messages: &[rmacheck::model::RawMessage],
    keep: impl Fn(u64) -> bool,
) -> Tracker {
    let mut tracker = Tracker::new(config.clone());
    for (i, m) in messages.iter().enumerate() {
        let index = i as u64;
        if !keep(index) {
            continue;
        }
        match rmacheck::adapters::decode(&m.topic, &m.payload, m.received_at) {
            rmacheck::adapters::Decoded::Events { events, .. } => {
                for e in &events {
                    tracker.ingest(index, m.received_at, e);
                }
            }
            rmacheck::adapters::Decoded::Malformed { .. } => tracker.note_malformed(),
            rmacheck::adapters::Decoded::Ignored => {}
        }
    }
    tracker
}

#[test]
fn every_simulated_scenario_is_reproduced_from_its_evidence() {
    use rmacheck::sim::{self, Scenario};
    for scenario in Scenario::ALL {
        let out = sim::run(scenario, 7, sim::default_start());
        let configs = [
            TrackerConfig::default(),
            TrackerConfig { keys: out.keys.clone(), watch: Some(BTreeSet::from([out.dev_eui])) },
        ];
        for config in configs {
            let full = track(&config, &out.messages, |_| true).device(&out.dev_eui);
            let Some(full) = full else {
                assert_eq!(scenario, Scenario::Silent, "{} heard nothing", scenario.name());
                continue;
            };
            let again = track(&config, &out.messages, |i| full.evidence.contains(&i));
            assert_eq!(again.device(&out.dev_eui).as_ref(), Some(&full), "{}", scenario.name());
        }
    }
}

#[test]
fn simulated_ns_logs_are_attributed_to_the_join_attempts_they_answer() {
    use rmacheck::sim::{self, Scenario};
    for (scenario, code) in
        [(Scenario::WrongAppkey, "UPLINK_MIC"), (Scenario::DevnonceReuse, "OTAA")]
    {
        let out = sim::run(scenario, 7, sim::default_start());
        let r =
            track(&TrackerConfig::default(), &out.messages, |_| true).device(&out.dev_eui).unwrap();
        assert!(r.stats.join_requests > 1, "{}", scenario.name());
        for a in &r.join_attempts {
            assert_eq!(
                a.ns_log_codes,
                vec![code.to_string()],
                "{} attempt #{}",
                scenario.name(),
                a.index
            );
        }
    }
}
