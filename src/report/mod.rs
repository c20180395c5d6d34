//! The signed RMA report bundle: RMA file, warranty periods, evidence, the signed
//! `report.json`, its renderings and verification.
//!
//! - [`activation`] states whether activation was properly attempted, from the evidence.
//! - [`rma`] reads the RMA file; [`warranty`] computes the periods from the delivery date.
//! - [`evidence`] cuts the device's messages out of the captures and diagnoses exactly those.
//! - [`bundle`] assembles and signs the bundle (time is passed in; nothing reads the clock);
//!   [`verify`] checks a bundle (signature, hashes, schema, fresh diagnosis).
//! - [`page`] is the localised view model; [`export`] writes report.html and report.md;
//!   [`i18n`] holds the fixed texts of the renderings, [`charts`] draws their inline SVG.

pub mod activation;
pub mod bundle;
pub mod charts;
pub mod diff;
pub mod evidence;
pub mod export;
pub mod finite;
pub mod i18n;
pub mod model;
pub mod page;
pub mod rma;
pub mod verify;
pub mod view;
pub mod warnings;
pub mod warranty;
