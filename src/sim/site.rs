//! A multi-device site for fleet tests: six devices with different faults behind three EU868
//! gateways, simulated together (same gateways, same network-server stand-in).
//!
//! | device | DevEUI | what happens | verdict |
//! |---|---|---|---|
//! | healthy-a | `70b3d57ed0000101` | joins, 5-minute uplinks, two gateways | `HEALTHY` |
//! | healthy-b | `70b3d57ed0000102` | joins, 10-minute uplinks, two other gateways | `HEALTHY` |
//! | wrong-key | `70b3d57ed0000103` | AppKey byte-reversed in the device | `JOIN_KEY_MISMATCH` |
//! | silent | `70b3d57ed0000104` | registered, never transmits | `NO_RADIO_ACTIVITY` |
//! | weak | `70b3d57ed0000105` | SF12 at the −20 dB floor of one gateway | `POOR_COVERAGE` |
//! | reset | `70b3d57ed0000106` | reboots twice without rejoining | `FRAME_COUNTER_RESET` |
//!
//! Deterministic from the seed, like every simulation.

use chrono::{DateTime, TimeDelta, Utc};

use super::config::{
    Activation, Builder, DUT_APP_KEY, DeviceConfig, GATEWAY_IDS, GatewayConfig, SimConfig,
};
use super::radio::LinkParams;
use super::{SimOutput, simulate_with};
use crate::diagnosis::VerdictCode;
use crate::model::{AesKey, DevEui, Eui64};

/// One device of the site and the verdict it must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteDevice {
    /// Its DevEUI.
    pub dev_eui: DevEui,
    /// Its role (`healthy-a`, `wrong-key`, …).
    pub name: &'static str,
    /// The verdict it must get from a full-length capture.
    pub expected: VerdictCode,
}

/// The devices of [`site`], in DevEUI order.
pub const SITE_DEVICES: [SiteDevice; 6] = [
    site_device(0x101, "healthy-a", VerdictCode::Healthy),
    site_device(0x102, "healthy-b", VerdictCode::Healthy),
    site_device(0x103, "wrong-key", VerdictCode::JoinKeyMismatch),
    site_device(0x104, "silent", VerdictCode::NoRadioActivity),
    site_device(0x105, "weak", VerdictCode::PoorCoverage),
    site_device(0x106, "reset", VerdictCode::FrameCounterReset),
];

const fn site_device(low: u64, name: &'static str, expected: VerdictCode) -> SiteDevice {
    SiteDevice { dev_eui: Eui64::from_u64(0x70b3_d57e_d000_0000 | low), name, expected }
}

fn near() -> LinkParams {
    LinkParams::new(-80.0, 8.0).jitter(1.5).uplink_loss(0.01).downlink_loss(0.01)
}

fn far() -> LinkParams {
    LinkParams::new(-103.0, 2.0).jitter(2.0).uplink_loss(0.03).downlink_loss(0.03)
}

fn key(n: u8) -> AesKey {
    let mut k = DUT_APP_KEY.0;
    k[15] = n;
    AesKey(k)
}

fn device(n: usize) -> DeviceConfig {
    let d = SITE_DEVICES[n];
    let mut c = DeviceConfig::otaa(d.dev_eui, key(n as u8 + 1), d.name);
    c.uplink_interval = TimeDelta::minutes(5);
    c.first_tx_after = TimeDelta::seconds(20 + 40 * n as i64);
    c.links = vec![Some(near()), Some(far()), None];
    c
}

/// The site's configuration: the first device as the device under test, the others beside it.
#[must_use]
pub fn site_config(seed: u64, start: DateTime<Utc>) -> (SimConfig, Vec<DeviceConfig>) {
    let mut healthy_b = device(1);
    healthy_b.uplink_interval = TimeDelta::minutes(10);
    healthy_b.links = vec![None, Some(near()), Some(far())];
    let mut wrong_key = device(2);
    if let Activation::Otaa { app_key, .. } = &mut wrong_key.activation {
        app_key.0.reverse();
    }
    let mut silent = device(3);
    silent.transmits = false;
    let mut weak = device(4);
    weak.join_sf = 12;
    weak.data_sf = 12;
    weak.uplink_interval = TimeDelta::minutes(10);
    weak.links = vec![
        None,
        None,
        Some(LinkParams::new(-124.0, -19.0).jitter(1.5).uplink_loss(0.05).downlink_loss(0.05)),
    ];
    let mut reset = device(5);
    reset.fcnt_resets_at = vec![20, 45];
    let mut gateways: Vec<(GatewayConfig, LinkParams)> =
        GATEWAY_IDS.iter().map(|id| (GatewayConfig::new(id), near())).collect();
    for (g, _) in &mut gateways {
        g.stats_interval = Some(TimeDelta::hours(1));
    }
    let mut cfg = Builder::new()
        .seed(seed)
        .start(start)
        .duration(TimeDelta::hours(12))
        .gateways(gateways)
        .build();
    cfg.device = device(0);
    (cfg, vec![healthy_b, wrong_key, silent, weak, reset])
}

/// Simulates the site for 12 hours from `start`. The keys cover every device.
#[must_use]
pub fn site(seed: u64, start: DateTime<Utc>) -> SimOutput {
    let (cfg, others) = site_config(seed, start);
    simulate_with(&cfg, &others)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_deterministic_and_every_transmitting_device_is_heard() {
        let a = site(7, super::super::default_start());
        let b = site(7, super::super::default_start());
        assert_eq!(a.messages, b.messages);
        assert_eq!(a.keys.len(), SITE_DEVICES.len());
        let mut p = crate::pipeline::Pipeline::new(crate::tracker::TrackerConfig::default());
        for m in &a.messages {
            p.ingest(m);
        }
        let heard: Vec<DevEui> = p.tracker().dev_euis().copied().collect();
        let transmitting: Vec<DevEui> =
            SITE_DEVICES.iter().filter(|d| d.name != "silent").map(|d| d.dev_eui).collect();
        assert_eq!(heard, transmitting);
    }
}
