//! Simulation configuration and its builder: the site (region, gateways and their links),
//! the device under test, an optional reference device, the network server's registrations,
//! and the virtual time span.
//!
//! Everything the simulation does follows from a [`SimConfig`] and its seed.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::radio::{LinkParams, Region};
use crate::model::{AesKey, DevAddr, DevEui, Eui64, GatewayId, JoinEui, TxAckStatus};

/// LoRaWAN MAC version of an OTAA device (decides the default DevNonce behaviour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacVersion {
    /// 1.0.3: random DevNonce.
    V1_0_3,
    /// 1.0.4: DevNonce is a persistent counter.
    V1_0_4,
}

/// How the device picks DevNonces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevNonceMode {
    /// As the MAC version says (random for 1.0.3, a counter from 0 for 1.0.4).
    Auto,
    /// A counter starting at `start` (a 1.0.4 device that lost its counter restarts low).
    Counter {
        /// First DevNonce.
        start: u16,
    },
    /// Always the same value (hard-coded nonce, broken RNG).
    Fixed(u16),
}

/// How the device activates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    /// Over-the-air activation with the device's own AppKey.
    Otaa {
        /// The AppKey programmed into the device.
        app_key: AesKey,
        /// MAC version.
        mac: MacVersion,
        /// DevNonce behaviour.
        dev_nonce: DevNonceMode,
    },
    /// Activation by personalisation: session preset, no join.
    Abp {
        /// Session address.
        dev_addr: DevAddr,
        /// Network session key.
        nwk_s_key: AesKey,
        /// Application session key.
        app_s_key: AesKey,
    },
}

/// How the device is registered on the network server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The AppKey registered for it (what `--keys` holds).
    pub app_key: AesKey,
    /// DevNonces the server already saw before the simulation starts.
    pub used_dev_nonces: Vec<u16>,
    /// The device's name in the application.
    pub name: String,
}

/// The join retry schedule: `base` seconds after the first failure, times `factor` after
/// each further one, capped at `max`, with ±20 % random jitter; never faster than the
/// LoRaWAN join back-off duty cycle allows (1 % / 0.1 % / 0.01 %).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JoinSchedule {
    /// First retry delay, seconds.
    pub base_s: f64,
    /// Growth per attempt.
    pub factor: f64,
    /// Largest delay, seconds.
    pub max_s: f64,
}

impl Default for JoinSchedule {
    fn default() -> Self {
        Self { base_s: 30.0, factor: 1.3, max_s: 900.0 }
    }
}

/// One simulated device.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceConfig {
    /// DevEUI.
    pub dev_eui: DevEui,
    /// JoinEUI in its join-requests.
    pub join_eui: JoinEui,
    /// OTAA or ABP.
    pub activation: Activation,
    /// Registration on the network server (`None`: unknown DevEUI).
    pub registration: Option<Registration>,
    /// Spreading factor of join-requests.
    pub join_sf: u8,
    /// Spreading factor of data uplinks.
    pub data_sf: u8,
    /// Time between data uplinks.
    pub uplink_interval: TimeDelta,
    /// Delay before the first transmission.
    pub first_tx_after: TimeDelta,
    /// Join retry schedule.
    pub join_schedule: JoinSchedule,
    /// Data uplink numbers (0-based, counted over the device's life) at which the device
    /// reboots and restarts its frame counter at 0 without rejoining.
    pub fcnt_resets_at: Vec<u32>,
    /// False: the device never receives downlinks (broken RX path).
    pub receives_downlinks: bool,
    /// False: the device never transmits at all.
    pub transmits: bool,
    /// FPort of data uplinks.
    pub f_port: u8,
    /// Send confirmed uplinks.
    pub confirmed: bool,
    /// Link to each gateway, index-aligned with [`SimConfig::gateways`] (missing: not heard).
    pub links: Vec<Option<LinkParams>>,
}

/// Application-side names the network server uses in its events (serialised as the first
/// fields of `integration.DeviceInfo`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// Tenant UUID.
    pub tenant_id: String,
    /// Tenant name.
    pub tenant_name: String,
    /// Application UUID (in the topic).
    pub application_id: String,
    /// Application name.
    pub application_name: String,
    /// Device-profile UUID.
    pub device_profile_id: String,
    /// Device-profile name.
    pub device_profile_name: String,
}

impl Default for Application {
    fn default() -> Self {
        Self {
            tenant_id: "52f14cd4-c6f1-4fbd-8f87-4025e1d49242".into(),
            tenant_name: "ChirpStack".into(),
            application_id: "17c82e96-be03-4f38-aef3-f83d48582d97".into(),
            application_name: "building-sensors".into(),
            device_profile_id: "14855bf7-d10d-4aee-b618-ebfcb64dc7ad".into(),
            device_profile_name: "EU868 class A OTAA 1.0.3".into(),
        }
    }
}

/// One simulated gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct GatewayConfig {
    /// Gateway ID (16 hex digits).
    pub id: GatewayId,
    /// One-way backhaul latency gateway ↔ broker, milliseconds (RTT is twice this).
    pub backhaul_ms: u32,
    /// When set, every downlink it is asked to send fails with this status on both items.
    pub downlink_failure: Option<TxAckStatus>,
    /// Publish `event/stats` at this interval.
    pub stats_interval: Option<TimeDelta>,
    /// The gateway loses power this long after the start: it stops receiving and reporting,
    /// and the broker publishes its Last Will (`state/conn` without `state`) one keep-alive
    /// timeout later.
    pub offline_after: Option<TimeDelta>,
}

/// Everything a run needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    /// RNG seed.
    pub seed: u64,
    /// Virtual start time.
    pub start: DateTime<Utc>,
    /// Virtual duration.
    pub duration: TimeDelta,
    /// Region.
    pub region: Region,
    /// Gateways.
    pub gateways: Vec<GatewayConfig>,
    /// The device under test.
    pub device: DeviceConfig,
    /// A known-good device at the same site.
    pub reference: Option<DeviceConfig>,
    /// Names used in application events.
    pub application: Application,
}

/// The default virtual start time of scenarios: 2026-11-21 09:00:00 UTC.
#[must_use]
pub fn default_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).single().unwrap_or_default()
}

/// The default device under test's DevEUI.
pub const DUT_DEV_EUI: Eui64 = Eui64::from_u64(0x70b3_d57e_d000_0001);
/// The default reference device's DevEUI.
pub const REFERENCE_DEV_EUI: Eui64 = Eui64::from_u64(0x70b3_d57e_d000_0002);
/// The default JoinEUI.
pub const JOIN_EUI: Eui64 = Eui64::from_u64(0x70b3_d57e_d000_0000);
/// The AppKey registered for the device under test (a well-known test key).
pub const DUT_APP_KEY: AesKey = AesKey([
    0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
]);
/// The AppKey of the reference device.
pub const REFERENCE_APP_KEY: AesKey = AesKey([
    0x6a, 0x1c, 0x9e, 0x03, 0x42, 0x7d, 0xb8, 0x15, 0xf0, 0x2e, 0x61, 0xc4, 0x93, 0x0b, 0x7a, 0x58,
]);
/// The default gateway IDs.
pub const GATEWAY_IDS: [&str; 3] = ["0016c001f153a14c", "0016c001f1500812", "647fdafffe00d228"];

impl DeviceConfig {
    /// An OTAA LoRaWAN 1.0.3 device with a registered key equal to its own, SF7, 10-minute
    /// uplinks, heard by no gateway yet.
    #[must_use]
    pub fn otaa(dev_eui: DevEui, app_key: AesKey, name: &str) -> Self {
        Self {
            dev_eui,
            join_eui: JOIN_EUI,
            activation: Activation::Otaa {
                app_key,
                mac: MacVersion::V1_0_3,
                dev_nonce: DevNonceMode::Auto,
            },
            registration: Some(Registration {
                app_key,
                used_dev_nonces: Vec::new(),
                name: name.to_string(),
            }),
            join_sf: 7,
            data_sf: 7,
            uplink_interval: TimeDelta::minutes(10),
            first_tx_after: TimeDelta::seconds(20),
            join_schedule: JoinSchedule::default(),
            fcnt_resets_at: Vec::new(),
            receives_downlinks: true,
            transmits: true,
            f_port: 2,
            confirmed: false,
            links: Vec::new(),
        }
    }

    /// The AppKey programmed into the device (OTAA only).
    #[must_use]
    pub fn device_app_key(&self) -> Option<AesKey> {
        match &self.activation {
            Activation::Otaa { app_key, .. } => Some(*app_key),
            Activation::Abp { .. } => None,
        }
    }
}

impl GatewayConfig {
    /// A gateway with 30 ms backhaul that sends every downlink.
    #[must_use]
    pub fn new(id: &str) -> Self {
        Self {
            id: GatewayId::new(id),
            backhaul_ms: 30,
            downlink_failure: None,
            stats_interval: None,
            offline_after: None,
        }
    }
}

/// Builds a [`SimConfig`] step by step; defaults: seed 1, [`default_start`], 6 h, EU868, one
/// gateway, a healthy 1.0.3 OTAA device at −85 dBm / 7 dB, no reference device.
#[derive(Debug, Clone)]
pub struct Builder {
    config: SimConfig,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// The defaults above.
    #[must_use]
    pub fn new() -> Self {
        let mut device = DeviceConfig::otaa(DUT_DEV_EUI, DUT_APP_KEY, "keller-sued-3");
        device.links = vec![Some(LinkParams::default())];
        Self {
            config: SimConfig {
                seed: 1,
                start: default_start(),
                duration: TimeDelta::hours(6),
                region: Region::Eu868,
                gateways: vec![GatewayConfig::new(GATEWAY_IDS[0])],
                device,
                reference: None,
                application: Application::default(),
            },
        }
    }
    /// RNG seed.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.config.seed = seed;
        self
    }
    /// Virtual start time.
    #[must_use]
    pub fn start(mut self, start: DateTime<Utc>) -> Self {
        self.config.start = start;
        self
    }
    /// Virtual duration.
    #[must_use]
    pub fn duration(mut self, d: TimeDelta) -> Self {
        self.config.duration = d;
        self
    }
    /// Region.
    #[must_use]
    pub fn region(mut self, region: Region) -> Self {
        self.config.region = region;
        self
    }
    /// Replaces the gateways; `links` are the device under test's links to each (the
    /// reference device, when added later, gets the same links unless given its own).
    #[must_use]
    pub fn gateways(mut self, gateways: Vec<(GatewayConfig, LinkParams)>) -> Self {
        self.config.device.links = gateways.iter().map(|(_, l)| Some(l.clone())).collect();
        self.config.gateways = gateways.into_iter().map(|(g, _)| g).collect();
        self
    }
    /// Adds a gateway with the device's link to it.
    #[must_use]
    pub fn gateway(mut self, gateway: GatewayConfig, link: LinkParams) -> Self {
        self.config.gateways.push(gateway);
        self.config.device.links.push(Some(link));
        self
    }
    /// Changes the device under test.
    #[must_use]
    pub fn device(mut self, f: impl FnOnce(&mut DeviceConfig)) -> Self {
        f(&mut self.config.device);
        self
    }
    /// The device's AppKey differs from the registered one.
    #[must_use]
    pub fn device_app_key(mut self, key: AesKey) -> Self {
        if let Activation::Otaa { app_key, .. } = &mut self.config.device.activation {
            *app_key = key;
        }
        self
    }
    /// The AppKey registered on the network server.
    #[must_use]
    pub fn registered_app_key(mut self, key: AesKey) -> Self {
        if let Some(r) = &mut self.config.device.registration {
            r.app_key = key;
        }
        self
    }
    /// Registers the device on the network server or not.
    #[must_use]
    pub fn registered(mut self, yes: bool) -> Self {
        let d = &mut self.config.device;
        if !yes {
            d.registration = None;
        } else if d.registration.is_none() {
            let key = d.device_app_key().unwrap_or(DUT_APP_KEY);
            d.registration = Some(Registration {
                app_key: key,
                used_dev_nonces: Vec::new(),
                name: "dut".into(),
            });
        }
        self
    }
    /// MAC version (1.0.3 random DevNonce, 1.0.4 counter).
    #[must_use]
    pub fn mac_version(mut self, v: MacVersion) -> Self {
        if let Activation::Otaa { mac, .. } = &mut self.config.device.activation {
            *mac = v;
        }
        self
    }
    /// DevNonce behaviour, and DevNonces the server already saw.
    #[must_use]
    pub fn dev_nonce(mut self, mode: DevNonceMode, already_used: Vec<u16>) -> Self {
        if let Activation::Otaa { dev_nonce, .. } = &mut self.config.device.activation {
            *dev_nonce = mode;
        }
        if let Some(r) = &mut self.config.device.registration {
            r.used_dev_nonces = already_used;
        }
        self
    }
    /// Makes the device ABP with a preset session (registered with the same session).
    #[must_use]
    pub fn abp(mut self, dev_addr: DevAddr, nwk_s_key: AesKey, app_s_key: AesKey) -> Self {
        self.config.device.activation = Activation::Abp { dev_addr, nwk_s_key, app_s_key };
        self
    }
    /// The device reboots and restarts its FCnt at 0 at these data uplink numbers.
    #[must_use]
    pub fn fcnt_reset_at(mut self, frames: Vec<u32>) -> Self {
        self.config.device.fcnt_resets_at = frames;
        self
    }
    /// Data uplink interval.
    #[must_use]
    pub fn uplink_interval(mut self, d: TimeDelta) -> Self {
        self.config.device.uplink_interval = d;
        self
    }
    /// Spreading factors for joins and data.
    #[must_use]
    pub fn spreading_factor(mut self, join_sf: u8, data_sf: u8) -> Self {
        self.config.device.join_sf = join_sf.clamp(7, 12);
        self.config.device.data_sf = data_sf.clamp(7, 12);
        self
    }
    /// Every gateway fails to send downlinks with `status` (e.g. TOO_LATE).
    #[must_use]
    pub fn join_accept_tx_failure(mut self, status: TxAckStatus) -> Self {
        for g in &mut self.config.gateways {
            g.downlink_failure = Some(status.clone());
        }
        self
    }
    /// The device never receives downlinks (join-accepts go out, nothing comes in).
    #[must_use]
    pub fn device_never_receives_downlinks(mut self) -> Self {
        self.config.device.receives_downlinks = false;
        self
    }
    /// The device never transmits.
    #[must_use]
    pub fn device_silent(mut self) -> Self {
        self.config.device.transmits = false;
        self
    }
    /// Adds a healthy reference device at the same site (same links as the device).
    #[must_use]
    pub fn reference_device(mut self) -> Self {
        let mut r = DeviceConfig::otaa(REFERENCE_DEV_EUI, REFERENCE_APP_KEY, "reference-sensor");
        r.links = self.config.device.links.clone();
        r.uplink_interval = TimeDelta::minutes(15);
        r.first_tx_after = TimeDelta::seconds(75);
        self.config.reference = Some(r);
        self
    }
    /// Changes the reference device (after [`Builder::reference_device`]).
    #[must_use]
    pub fn reference(mut self, f: impl FnOnce(&mut DeviceConfig)) -> Self {
        if let Some(r) = &mut self.config.reference {
            f(r);
        }
        self
    }
    /// Changes one gateway.
    #[must_use]
    pub fn gateway_config(mut self, index: usize, f: impl FnOnce(&mut GatewayConfig)) -> Self {
        if let Some(g) = self.config.gateways.get_mut(index) {
            f(g);
        }
        self
    }
    /// The finished configuration.
    #[must_use]
    pub fn build(self) -> SimConfig {
        self.config
    }
}
