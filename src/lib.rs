//! rmacheck — LoRaWAN device diagnostics before an RMA.
//!
//! The pipeline, one module per stage:
//!
//! - [`capture`] and [`transport`] produce [`model::RawMessage`]s (capture files, MQTT);
//! - [`adapters`] decode them into the normalized [`model::EventBody`] model;
//! - [`frame`] decodes LoRaWAN PHYPayloads and checks MICs (the only user of `lorawan`);
//! - [`tracker`] keeps per-device state (sans-IO; time passed in), driven by [`pipeline`];
//! - [`diagnosis`] applies rules and decides a verdict, with [`profiles`] for expectations;
//! - [`report`], [`render`] and [`signing`] make the signed RMA bundle;
//! - [`agent`] runs the live `watch` loop, [`sim`] the scenario simulator, [`cli`] the commands.
//!
//! Only [`transport`], [`agent`] and the `watch`/`demo` commands use tokio.

#![forbid(unsafe_code)]

/// `insta::assert_snapshot!` / `assert_json_snapshot!` with the snapshot kept in the one
/// snapshot folder, `tests/it/snapshots` (named after the test's module, as insta does).
#[cfg(test)]
macro_rules! snapshot {
    ($assert:ident, $($args:tt)*) => {
        insta::with_settings!(
            { snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/snapshots") },
            { insta::$assert!($($args)*) }
        )
    };
}

pub mod adapters;
pub mod agent;
pub mod capture;
pub mod catalog;
pub mod cli;
pub mod diagnosis;
pub mod digest;
pub mod fleet;
pub mod frame;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod model;
pub mod parallel;
pub mod pipeline;
pub mod profiles;
pub mod render;
pub mod report;
pub mod signing;
pub mod sim;
pub mod state;
pub mod time;
pub mod tracker;
pub mod transport;
