//! The named scenarios: one [`SimConfig`] each, sized so that the evidence is sufficient
//! for its verdict (reference/failure-modes.md §B) while keeping the message count to a few
//! hundred.
//!
//! Site: two EU868 gateways (a near one at −78 dBm / 8.5 dB and a far one at −104 dBm /
//! 1.5 dB for SF7), a LoRaWAN 1.0.3 OTAA CO₂ sensor as the device under test.

use chrono::{DateTime, TimeDelta, Utc};

use super::Scenario;
use super::config::{Builder, DevNonceMode, GATEWAY_IDS, GatewayConfig, MacVersion, SimConfig};
use super::radio::LinkParams;
use crate::model::AesKey;

fn near() -> LinkParams {
    LinkParams::new(-78.0, 8.5).jitter(1.5).uplink_loss(0.02).downlink_loss(0.02)
}

fn far() -> LinkParams {
    LinkParams::new(-104.0, 1.5).jitter(2.0).uplink_loss(0.03).downlink_loss(0.03)
}

fn two_gateways(seed: u64, start: DateTime<Utc>) -> Builder {
    Builder::new().seed(seed).start(start).gateways(vec![
        (GatewayConfig::new(GATEWAY_IDS[0]), near()),
        (GatewayConfig::new(GATEWAY_IDS[1]), far()),
    ])
}

/// The AppKey as registered, byte-reversed: the classic MSB/LSB mix-up when a key is
/// copied into a device configuration tool.
fn byte_swapped(key: AesKey) -> AesKey {
    let mut b = key.0;
    b.reverse();
    AesKey(b)
}

/// The configuration of a scenario.
#[must_use]
pub fn config(scenario: Scenario, seed: u64, start: DateTime<Utc>) -> SimConfig {
    let b = two_gateways(seed, start);
    match scenario {
        // 6 h of 5-minute uplinks after one join: ~72 frames, loss well under 5 %.
        Scenario::Healthy => {
            b.duration(TimeDelta::hours(6)).uplink_interval(TimeDelta::minutes(5)).build()
        }
        // The device's AppKey is the registered one byte-reversed: every join-request fails
        // the MIC on the server (UPLINK_MIC) and locally with the registered key.
        Scenario::WrongAppkey => {
            let key = super::config::DUT_APP_KEY;
            b.duration(TimeDelta::hours(2)).device_app_key(byte_swapped(key)).build()
        }
        // Nobody registered the DevEUI: join-requests on the gateway topic, nothing else.
        // The reference device shows the server answers others.
        Scenario::Unregistered => {
            b.duration(TimeDelta::hours(2)).registered(false).reference_device().build()
        }
        // A hard-coded DevNonce the server has already seen: identical join-requests,
        // each refused with OTAA "DevNonce has already been used".
        Scenario::DevnonceReuse => b
            .duration(TimeDelta::hours(2))
            .dev_nonce(DevNonceMode::Fixed(258), vec![17, 258, 4711])
            .build(),
        // Join-accepts are sent fine by a gateway with a strong link, yet the device never
        // hears them; a reference device at the same site joins and reports normally. (A 1.0.4
        // counter DevNonce: the server stores every answered nonce, and a random 1.0.3 nonce
        // repeating by chance would add an unrelated OTAA refusal.)
        Scenario::JoinAcceptLost => b
            .mac_version(MacVersion::V1_0_4)
            .duration(TimeDelta::hours(3))
            .device_never_receives_downlinks()
            .reference_device()
            .build(),
        // The only gateway sits behind a 3 s backhaul (satellite / poor cellular): every
        // join-accept reaches it after both RX windows and is acked TOO_LATE. (1.0.4 counter
        // DevNonce, for the reason given above.)
        Scenario::GatewayTxFail => Builder::new()
            .seed(seed)
            .start(start)
            .gateways(vec![(GatewayConfig::new(GATEWAY_IDS[2]), near())])
            .gateway_config(0, |g| g.backhaul_ms = 3_000)
            .mac_version(MacVersion::V1_0_4)
            .duration(TimeDelta::hours(2))
            .build(),
        // Brown-outs: the device reboots twice and restarts its FCnt at 0 with the old
        // session, without rejoining; the server drops those frames (UPLINK_F_CNT_RESET).
        Scenario::FcntReset => b
            .duration(TimeDelta::hours(6))
            .uplink_interval(TimeDelta::minutes(5))
            .fcnt_reset_at(vec![20, 45])
            .build(),
        // SF12 with the SNR around the −20 dB floor at the one gateway that hears it:
        // roughly a third of the uplinks are lost.
        Scenario::WeakSignal => Builder::new()
            .seed(seed)
            .start(start)
            .gateways(vec![(
                GatewayConfig::new(GATEWAY_IDS[0]),
                LinkParams::new(-124.0, -19.0).jitter(1.5).uplink_loss(0.05).downlink_loss(0.05),
            )])
            .spreading_factor(12, 12)
            .uplink_interval(TimeDelta::minutes(10))
            .duration(TimeDelta::hours(12))
            .build(),
        // Nothing from the device for 26 h while a reference device is heard every 20 min
        // and both gateways report hourly statistics.
        Scenario::Silent => b
            .duration(TimeDelta::hours(26))
            .device_silent()
            .reference_device()
            .reference(|r| r.uplink_interval = TimeDelta::minutes(20))
            .gateway_config(0, |g| g.stats_interval = Some(TimeDelta::hours(1)))
            .gateway_config(1, |g| g.stats_interval = Some(TimeDelta::hours(1)))
            .build(),
    }
}
