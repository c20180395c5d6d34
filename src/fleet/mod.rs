//! Fleet mode: every device at once.
//!
//! Sans-IO and deterministic, like the tracker and the diagnosis: time is passed in, nothing
//! here reads the clock, the network or files (the lists in [`lists`] are parsed from text).
//!
//! - [`health`] diagnoses each device exactly as `diagnose --dev-eui` does and keeps what the
//!   fleet views need (verdict, stats, loss, link margin, last seen);
//! - [`view`] sorts devices worst first and counts them per class (the health table's model);
//! - [`table`], [`json`] and [`csv`] render it (`fleet --format …`, the final summary of
//!   `watch --all`);
//! - [`schedule`] decides which devices to re-diagnose while watching (rate-limited);
//! - [`events`] turns verdict changes into `--events` lines;
//! - [`metrics`] holds the Prometheus families of `--metrics`.

pub mod csv;
pub mod events;
pub mod health;
pub mod json;
pub mod lists;
pub mod metrics;
pub mod packed;
pub mod schedule;
pub mod table;
pub mod view;

pub use health::{DeviceHealth, FleetDiagnoser};
pub use view::FleetView;
