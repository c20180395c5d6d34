//! The simulation loop: each device transmits in virtual time, every gateway that
//! demodulates the frame publishes it, the network-server stand-in answers, the serving
//! gateway acks its downlink, and the device learns whether it received the join-accept
//! before it decides its next transmission.
//!
//! Devices are simulated one after the other against the same gateways and server (their
//! traffic does not interact beyond that), each with its own RNG stream derived from the
//! seed, and the messages are merged and sorted by received time at the end. Messages
//! after the end of the window are dropped.

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::SimOutput;
use super::config::{DeviceConfig, SimConfig};
use super::device::Device;
use super::gateway::Gateway;
use super::ns::{NetworkServer, Uplink};
use super::radio::{self, Channel, Region};
use crate::frame::keys::{DeviceKeys, KeyStore};
use crate::model::RawMessage;

/// JOIN_ACCEPT_DELAY1 / 2.
const JOIN_ACCEPT_DELAY1: TimeDelta = TimeDelta::seconds(5);
const JOIN_ACCEPT_DELAY2: TimeDelta = TimeDelta::seconds(6);

/// Runs a configuration.
#[must_use]
pub fn simulate(cfg: &SimConfig) -> SimOutput {
    let mut rng = StdRng::seed_from_u64(cfg.seed);
    let mut gateways: Vec<Gateway> = cfg
        .gateways
        .iter()
        .map(|g| Gateway::new(g.clone(), cfg.region, cfg.start, &mut rng))
        .collect();
    let topics = gateways.iter().map(Gateway::down_topic).collect();
    let mut ns = NetworkServer::new(cfg.region, cfg.application.clone(), topics);
    let devices: Vec<&DeviceConfig> =
        std::iter::once(&cfg.device).chain(cfg.reference.as_ref()).collect();
    for d in &devices {
        ns.register(d, &mut rng);
    }
    let mut out: Vec<RawMessage> = gateways.iter().map(|g| g.online(cfg.start)).collect();
    let end = cfg.start + cfg.duration;
    for (i, d) in devices.iter().enumerate() {
        let stream = cfg.seed ^ 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(i as u64 + 1);
        let mut drng = StdRng::seed_from_u64(stream);
        run_device(d, cfg.region, cfg.start, end, &mut gateways, &mut ns, &mut drng, &mut out);
    }
    for g in &gateways {
        out.extend(g.stats(cfg.start, end));
        out.extend(g.last_will());
    }
    out.retain(|m| m.received_at <= end);
    for m in &mut out {
        m.received_at = truncate_to_micros(m.received_at);
    }
    out.sort_by_key(|m| m.received_at);
    let mut keys = KeyStore::new();
    for d in &devices {
        if let (Some(reg), Some(_)) = (&d.registration, d.device_app_key()) {
            keys.insert(d.dev_eui, DeviceKeys { join_eui: Some(d.join_eui), app_key: reg.app_key });
        }
    }
    SimOutput {
        dev_eui: cfg.device.dev_eui,
        reference_dev_eui: cfg.reference.as_ref().map(|r| r.dev_eui),
        keys,
        messages: out,
    }
}

fn truncate_to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    let extra = i64::from(t.timestamp_subsec_nanos() % 1000);
    t - TimeDelta::nanoseconds(extra)
}

/// Transmits one frame: every gateway that hears it publishes `event/up`; the server
/// handles the set. Returns the join-accept scheduled, if any.
#[allow(clippy::too_many_arguments)]
fn transmit(
    d: &DeviceConfig,
    region: Region,
    phy: &[u8],
    ch: Channel,
    rx_end: DateTime<Utc>,
    gateways: &mut [Gateway],
    ns: &mut NetworkServer,
    rng: &mut StdRng,
    out: &mut Vec<RawMessage>,
) -> Option<super::ns::JoinAcceptDown> {
    let mut receptions = Vec::new();
    for (i, gw) in gateways.iter_mut().enumerate() {
        let Some(Some(link)) = d.links.get(i) else { continue };
        if !gw.is_up(rx_end) {
            continue;
        }
        let Some(conc_ch) = region.gateway_channel(ch.frequency_hz) else { continue };
        let Some(signal) = link.sample_uplink(ch.sf, rng) else { continue };
        let (msg, rx) = gw.uplink(i, phy, ch, conc_ch, rx_end, signal, rng);
        out.push(msg);
        receptions.push(rx);
    }
    if receptions.is_empty() {
        return None;
    }
    let up = Uplink { phy: phy.to_vec(), channel: ch, receptions };
    ns.handle(&up, rng, out)
}

#[allow(clippy::too_many_arguments)]
fn run_device(
    d: &DeviceConfig,
    region: Region,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    gateways: &mut [Gateway],
    ns: &mut NetworkServer,
    rng: &mut StdRng,
    out: &mut Vec<RawMessage>,
) {
    if !d.transmits {
        return;
    }
    let mut device = Device::new(d.clone());
    let jitter_ms = rng.gen_range(0..5_000);
    let mut t = start + d.first_tx_after + TimeDelta::milliseconds(jitter_ms);
    while t < end {
        if device.session().is_some() {
            let Ok(up) = device.data_up(rng) else { break };
            let ch = region.data_channel(d.data_sf, rng);
            let air = radio::airtime_s(up.phy.len(), ch.sf, ch.bandwidth_hz);
            let rx_end = t + secs(air);
            let _ = transmit(d, region, &up.phy, ch, rx_end, gateways, ns, rng, out);
            let interval = d.uplink_interval.num_milliseconds() as f64 / 1000.0;
            let next = (interval * rng.gen_range(0.97..1.03)).max(air / 0.01);
            t += secs(next);
            continue;
        }
        let Ok((phy, nonce)) = device.join_request(t, rng) else { break };
        let ch = region.join_channel(device.join_attempts() - 1, d.join_sf, rng);
        let air = radio::airtime_s(phy.len(), ch.sf, ch.bandwidth_hz);
        let rx_end = t + secs(air);
        let accept = transmit(d, region, &phy, ch, rx_end, gateways, ns, rng, out);
        if let Some(dl) = accept {
            let gw = &mut gateways[dl.gateway];
            let delays = [JOIN_ACCEPT_DELAY1, JOIN_ACCEPT_DELAY2];
            let (ack, on_air) = gw.ack(dl.downlink_id, &delays, rx_end, dl.sent, rng);
            out.push(ack);
            let window_sf = match on_air {
                Some(0) => Some(dl.rx1.sf),
                Some(_) => Some(region.rx2().sf),
                None => None,
            };
            let link = d.links.get(dl.gateway).cloned().flatten();
            let heard = d.receives_downlinks
                && window_sf
                    .zip(link)
                    .is_some_and(|(sf, l)| l.sample_downlink(sf, dl.uplink_snr, rng));
            if heard && device.accept(&dl.phy, nonce) {
                let first_up = rng.gen_range(3_000..15_000);
                t = rx_end + JOIN_ACCEPT_DELAY2 + TimeDelta::milliseconds(first_up);
                continue;
            }
        }
        t = rx_end + JOIN_ACCEPT_DELAY2 + device.join_retry_delay(t, air, rng);
    }
}

fn secs(s: f64) -> TimeDelta {
    TimeDelta::microseconds((s * 1e6) as i64)
}
