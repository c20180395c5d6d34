//! `fleet --format json`: the contract's `rmacheck.fleet.v1` object.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use super::FleetView;
use super::view::{ClassCounts, Traffic};
use crate::diagnosis::Verdict;
use crate::model::DevEui;
use crate::tracker::{Stats, Window};

/// Schema name of the fleet JSON.
pub const SCHEMA: &str = "rmacheck.fleet.v1";

#[derive(Serialize)]
struct FleetJson<'a> {
    schema: &'static str,
    window: Option<Window>,
    #[serde(flatten)]
    traffic: Traffic,
    classes: ClassCounts,
    devices: Devices<'a>,
}

/// The devices, each made [`DeviceJson`] as it is written (a packed verdict is unpacked for
/// one device at a time).
struct Devices<'a>(&'a [super::DeviceHealth]);

impl Serialize for Devices<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(DeviceJson::of))
    }
}

#[derive(Serialize)]
struct DeviceJson<'a> {
    dev_eui: DevEui,
    verdict: Cow<'a, Verdict>,
    stats: &'a Stats,
    loss: Option<f64>,
    link_margin_db: Option<f64>,
    last_seen: Option<DateTime<Utc>>,
}

/// The view as pretty-printed JSON (devices worst first).
///
/// # Errors
/// Serialisation errors (none for well-formed views).
pub fn json(v: &FleetView) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_json(v, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Writes [`json`]'s text to `out` as it is serialised (a fleet of 100,000 devices is some
/// 200 MB of JSON: it is never held in memory whole).
///
/// # Errors
/// Writer errors.
pub fn write_json<W: std::io::Write>(v: &FleetView, out: W) -> Result<(), serde_json::Error> {
    let doc = FleetJson {
        schema: SCHEMA,
        window: v.window,
        traffic: v.traffic,
        classes: v.classes,
        devices: Devices(&v.devices),
    };
    serde_json::to_writer_pretty(out, &doc)
}

impl<'a> DeviceJson<'a> {
    fn of(d: &'a super::DeviceHealth) -> Self {
        DeviceJson {
            dev_eui: d.dev_eui,
            verdict: d.verdict(),
            stats: &d.stats,
            loss: d.loss,
            link_margin_db: d.link_margin_db,
            last_seen: d.last_seen,
        }
    }
}
