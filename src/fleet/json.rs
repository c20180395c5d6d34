//! `fleet --format json`: the contract's `rmacheck.fleet.v1` object.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Error;
use serde_json::ser::{Formatter as _, PrettyFormatter, Serializer};

use super::view::{ClassCounts, Traffic};
use super::{DeviceHealth, FleetView};
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
struct Devices<'a>(&'a [DeviceHealth]);

impl Serialize for Devices<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
    write_json(v, 1, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Devices serialised together, a part on each thread, before they are written (a fleet of
/// 100,000 devices is some 200 MB of JSON: it is never held in memory whole).
const WRITTEN_TOGETHER: usize = 1024;

/// Writes [`json`]'s text to `out`, the devices serialised on up to `threads` threads: the same
/// bytes as one pretty serialisation of the whole object.
///
/// # Errors
/// Writer errors.
pub fn write_json<W: Write>(v: &FleetView, threads: usize, mut out: W) -> Result<(), Error> {
    let head = serde_json::to_vec_pretty(&envelope(v, &[]))?;
    // The object with no devices ends in their empty array: the devices take its place.
    let Some(head) = head.strip_suffix(EMPTY_TAIL) else {
        return serde_json::to_writer_pretty(out, &envelope(v, &v.devices));
    };
    out.write_all(head).map_err(Error::io)?;
    let mut f = PrettyFormatter::new();
    f.begin_object(&mut io::sink()).map_err(Error::io)?;
    f.begin_array(&mut out).map_err(Error::io)?;
    for (k, chunk) in v.devices.chunks(WRITTEN_TOGETHER).enumerate() {
        let start = k * WRITTEN_TOGETHER;
        for text in
            crate::parallel::map_parts(chunk, threads, |at, part| elements(start + at, part))
        {
            out.write_all(&text?).map_err(Error::io)?;
        }
    }
    if !v.devices.is_empty() {
        f.end_array_value(&mut out).map_err(Error::io)?;
    }
    f.end_array(&mut out).map_err(Error::io)?;
    f.end_object_value(&mut out).map_err(Error::io)?;
    f.end_object(&mut out).map_err(Error::io)
}

/// How the pretty object ends when its last field, `devices`, is empty.
const EMPTY_TAIL: &[u8] = b"[]\n}";

fn envelope<'a>(v: &FleetView, devices: &'a [DeviceHealth]) -> FleetJson<'a> {
    FleetJson {
        schema: SCHEMA,
        window: v.window,
        traffic: v.traffic,
        classes: v.classes,
        devices: Devices(devices),
    }
}

/// A formatter where the pretty serialiser is when it writes an element of `devices` (inside
/// the object, inside the array).
fn at_device_depth() -> Result<PrettyFormatter<'static>, Error> {
    let mut f = PrettyFormatter::new();
    f.begin_object(&mut io::sink()).map_err(Error::io)?;
    f.begin_array(&mut io::sink()).map_err(Error::io)?;
    Ok(f)
}

/// The devices of `part` as elements of `devices`, each after its separator; `at` is the
/// position of the first in the whole list.
fn elements(at: usize, part: &[DeviceHealth]) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::with_capacity(part.len() * 2048);
    for (k, d) in part.iter().enumerate() {
        let mut f = at_device_depth()?;
        f.begin_array_value(&mut buf, at + k == 0).map_err(Error::io)?;
        DeviceJson::of(d).serialize(&mut Serializer::with_formatter(&mut buf, f))?;
    }
    Ok(buf)
}

impl<'a> DeviceJson<'a> {
    fn of(d: &'a DeviceHealth) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Message, args};
    use crate::diagnosis::{VerdictClass, VerdictCode};
    use crate::fleet::packed::PackedArgs;
    use crate::fleet::view::Traffic;

    fn device(n: u64) -> DeviceHealth {
        let args = args! {
            "n" => n,
            "text" => "a \"quoted\"\nline",
            "nested" => Message::new("healthy-loss", args! { "loss" => 0.5 }),
        };
        DeviceHealth {
            dev_eui: crate::model::Eui64::from_u64(n),
            verdict: Verdict {
                code: VerdictCode::Healthy,
                class: if n % 3 == 0 { VerdictClass::Coverage } else { VerdictClass::Healthy },
                summary: format!("device {n}"),
                message: "healthy-seen".into(),
                args: Default::default(),
            },
            stats: Box::default(),
            loss: (n % 2 == 0).then_some(n as f64 / 1e4),
            link_margin_db: Some(-1.5),
            last_seen: DateTime::from_timestamp(1_700_000_000 + n as i64, 0),
            packed_args: Some(PackedArgs::pack(&args)),
        }
    }

    #[test]
    fn devices_written_on_several_threads_give_the_bytes_of_one_pretty_serialisation() {
        for count in [0, 1, 2, 5, WRITTEN_TOGETHER, WRITTEN_TOGETHER + 1, 2 * WRITTEN_TOGETHER + 7]
        {
            let v =
                FleetView::new(None, Traffic::default(), (0..count as u64).map(device).collect());
            let whole = serde_json::to_vec_pretty(&envelope(&v, &v.devices)).unwrap();
            for threads in [1, 2, 3, 8] {
                let mut written = Vec::new();
                write_json(&v, threads, &mut written).unwrap();
                assert!(written == whole, "{count} devices on {threads} threads");
            }
            let parsed: serde_json::Value = serde_json::from_slice(&whole).unwrap();
            assert_eq!(parsed["devices"].as_array().map(Vec::len), Some(count));
        }
    }
}
