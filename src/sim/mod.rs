//! The scenario simulator: an EU868 gateway speaking ChirpStack v4 gateway JSON, a LoRaWAN
//! 1.0.x OTAA device with real crypto, and a minimal network-server stand-in.
//!
//! Deterministic from a seed: the same (scenario, seed, start) always yields the same
//! messages with the same virtual timestamps. The demo publishes them to a broker with
//! compressed wall time; tests feed them straight into the pipeline.
//!
//! - [`Scenario`] is the public list of named situations, each with the verdict it must
//!   produce; [`run`] simulates one.
//! - [`Builder`] makes any other [`SimConfig`] (keys, registration, DevNonce behaviour, ABP,
//!   FCnt resets, gateways and their links, loss, TX failures, a reference device, region);
//!   [`simulate`] runs it.
//! - Modules: `radio` (channels, airtime, RSSI/SNR/loss), `device`, `gateway`, `ns` (the
//!   network-server stand-in), `json` (payload shapes), `engine` (the loop), `scenarios`.

pub mod config;
pub mod device;
mod engine;
pub mod gateway;
pub mod json;
pub mod ns;
pub mod radio;
pub mod scenarios;
pub mod site;

use chrono::{DateTime, Utc};

pub use config::{
    Activation, Application, Builder, DevNonceMode, DeviceConfig, GatewayConfig, JoinSchedule,
    MacVersion, Registration, SimConfig, default_start,
};
pub use engine::{simulate, simulate_with};
pub use radio::{LinkParams, Region};

use crate::diagnosis::VerdictCode;
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, RawMessage};

/// A named scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Scenario {
    /// Joins, uplinks flow.
    Healthy,
    /// The device's AppKey differs from the registered one.
    WrongAppkey,
    /// The DevEUI is not registered on the NS.
    Unregistered,
    /// The device reuses DevNonces.
    DevnonceReuse,
    /// Join-accepts are sent but never received.
    JoinAcceptLost,
    /// The gateway fails to send the join-accepts (TOO_LATE).
    GatewayTxFail,
    /// The frame counter restarts without a rejoin.
    FcntReset,
    /// Weak signal with loss.
    WeakSignal,
    /// Nothing is heard from the device.
    Silent,
}

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 9] = [
        Scenario::Healthy,
        Scenario::WrongAppkey,
        Scenario::Unregistered,
        Scenario::DevnonceReuse,
        Scenario::JoinAcceptLost,
        Scenario::GatewayTxFail,
        Scenario::FcntReset,
        Scenario::WeakSignal,
        Scenario::Silent,
    ];
    /// The CLI name (`wrong-appkey`).
    #[must_use]
    pub fn name(self) -> &'static str {
        self.into()
    }
    /// Looks a scenario up by CLI name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }
    /// The verdict the scenario must produce.
    #[must_use]
    pub const fn expected_verdict(self) -> VerdictCode {
        match self {
            Scenario::Healthy => VerdictCode::Healthy,
            Scenario::WrongAppkey => VerdictCode::JoinKeyMismatch,
            Scenario::Unregistered => VerdictCode::JoinNotRegistered,
            Scenario::DevnonceReuse => VerdictCode::DevnonceRejected,
            Scenario::JoinAcceptLost => VerdictCode::JoinAcceptNotReceived,
            Scenario::GatewayTxFail => VerdictCode::JoinAcceptTxFailed,
            Scenario::FcntReset => VerdictCode::FrameCounterReset,
            Scenario::WeakSignal => VerdictCode::PoorCoverage,
            Scenario::Silent => VerdictCode::NoRadioActivity,
        }
    }
    /// One line saying what happens in the scenario.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Scenario::Healthy => "a sensor joins and reports every 5 minutes for 6 hours",
            Scenario::WrongAppkey => {
                "the AppKey in the device is the registered one with its bytes reversed"
            }
            Scenario::Unregistered => "nobody registered the DevEUI on the network server",
            Scenario::DevnonceReuse => {
                "the device sends a hard-coded DevNonce the server has already seen"
            }
            Scenario::JoinAcceptLost => {
                "join-accepts go out on a strong link, but the device never hears them"
            }
            Scenario::GatewayTxFail => {
                "the gateway's 3 s backhaul makes every join-accept arrive too late to send"
            }
            Scenario::FcntReset => {
                "the device reboots twice and restarts its frame counter without rejoining"
            }
            Scenario::WeakSignal => "SF12 at the edge of coverage: SNR near the -20 dB floor",
            Scenario::Silent => "nothing from the device for 26 hours; a reference device is heard",
        }
    }
}

/// What a simulation run produced.
#[derive(Debug, Clone, Default)]
pub struct SimOutput {
    /// The device under test.
    pub dev_eui: DevEui,
    /// A known-good reference device at the same site, when the scenario has one.
    pub reference_dev_eui: Option<DevEui>,
    /// The keys as registered on the NS (for `--keys`).
    pub keys: KeyStore,
    /// Messages in order of their (virtual) received time.
    pub messages: Vec<RawMessage>,
}

/// Runs a scenario from `start` with `seed`.
#[must_use]
pub fn run(scenario: Scenario, seed: u64, start: DateTime<Utc>) -> SimOutput {
    simulate(&scenarios::config(scenario, seed, start))
}
