//! The Prometheus metric families of `--metrics` (prometheus-client), fed from the fleet's
//! state; encoding is synchronous, the HTTP endpoint lives in the agent.
//!
//! Families (contract): `rmacheck_messages_total{source}`,
//! `rmacheck_malformed_messages_total{source}`, `rmacheck_devices{class}`,
//! `rmacheck_device_verdict{dev_eui,code,class}` (1 for the current verdict),
//! `rmacheck_device_uplinks_total{dev_eui}`, `rmacheck_device_missing_frames_total{dev_eui}`,
//! `rmacheck_device_last_seen_timestamp_seconds{dev_eui}`,
//! `rmacheck_device_link_margin_db{dev_eui}`, `rmacheck_gateway_up{gateway}`. Without
//! per-device metrics the `rmacheck_device_*` families are not registered at all.
//!
//! Counters are set from the tracker's absolute counts (they only grow, also across a
//! restart with `--state`, where they continue from the stored counts).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Metric, Registry};

use super::DeviceHealth;
use super::view::ClassCounts;
use crate::model::DevEui;

/// The `Content-Type` of the exposition.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SourceLabels {
    source: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ClassLabels {
    class: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VerdictLabels {
    dev_eui: String,
    code: String,
    class: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DeviceLabels {
    dev_eui: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct GatewayLabels {
    gateway: String,
}

type FloatGauge = Gauge<f64, AtomicU64>;

#[derive(Debug, Default)]
struct DeviceFamilies {
    verdict: Family<VerdictLabels, Gauge>,
    uplinks: Family<DeviceLabels, Counter>,
    missing: Family<DeviceLabels, Counter>,
    last_seen: Family<DeviceLabels, FloatGauge>,
    margin: Family<DeviceLabels, FloatGauge>,
    current: Mutex<HashMap<DevEui, VerdictLabels>>,
}

/// The registry and its families. Shared between the agent (updates) and the endpoint
/// (encoding); every method takes `&self`.
#[derive(Debug)]
pub struct FleetMetrics {
    registry: Registry,
    messages: Family<SourceLabels, Counter>,
    malformed: Family<SourceLabels, Counter>,
    devices: Family<ClassLabels, Gauge>,
    gateway_up: Family<GatewayLabels, Gauge>,
    per_device: Option<DeviceFamilies>,
}

/// Raises a counter to `total` (counters never go down).
fn raise(c: &Counter, total: u64) {
    let now = c.get();
    if total > now {
        c.inc_by(total - now);
    }
}

/// A new family, registered under `name` with `help`.
fn family<M: Metric + Clone + Default>(registry: &mut Registry, name: &str, help: &str) -> M {
    let m = M::default();
    registry.register(name, help, m.clone());
    m
}

impl FleetMetrics {
    /// The families; the per-device ones only with `per_device`.
    #[must_use]
    pub fn new(per_device: bool) -> Self {
        let mut registry = Registry::default();
        let r = &mut registry;
        let messages = family(r, "rmacheck_messages", "Messages received, per source");
        let malformed = family(
            r,
            "rmacheck_malformed_messages",
            "Messages that could not be decoded, per source",
        );
        let devices = family(r, "rmacheck_devices", "Devices per verdict class");
        let gateway_up = family(
            r,
            "rmacheck_gateway_up",
            "1 while the gateway is connected (last state/conn or stats), else 0",
        );
        let per_device = per_device.then(|| DeviceFamilies {
            verdict: family(r, "rmacheck_device_verdict", "1 for the device's current verdict"),
            uplinks: family(r, "rmacheck_device_uplinks", "Distinct data uplinks of the device"),
            missing: family(
                r,
                "rmacheck_device_missing_frames",
                "Frame counters skipped within the device's sessions",
            ),
            last_seen: family(
                r,
                "rmacheck_device_last_seen_timestamp_seconds",
                "Received time of the last message about the device (Unix seconds)",
            ),
            margin: family(
                r,
                "rmacheck_device_link_margin_db",
                "Median best-gateway link margin of the device's uplinks, dB",
            ),
            current: Mutex::default(),
        });
        let m = Self { registry, messages, malformed, devices, gateway_up, per_device };
        m.set_classes(&ClassCounts::default());
        m
    }

    /// Sets the message counters of one source.
    pub fn set_source(&self, source: &str, messages: u64, malformed: u64) {
        let l = SourceLabels { source: source.to_string() };
        raise(&self.messages.get_or_create(&l), messages);
        raise(&self.malformed.get_or_create(&l), malformed);
    }

    /// Sets the devices per class (every class, zeros included).
    pub fn set_classes(&self, counts: &ClassCounts) {
        for (class, n) in counts.iter() {
            let l = ClassLabels { class: class.as_str().to_string() };
            self.devices.get_or_create(&l).set(i64::try_from(n).unwrap_or(i64::MAX));
        }
    }

    /// Sets a gateway's state.
    pub fn set_gateway(&self, gateway: &str, up: bool) {
        let l = GatewayLabels { gateway: gateway.to_string() };
        self.gateway_up.get_or_create(&l).set(i64::from(up));
    }

    /// Sets one device's families (nothing without per-device metrics).
    pub fn set_device(&self, d: &DeviceHealth) {
        let Some(f) = &self.per_device else { return };
        let dev_eui = d.dev_eui.to_string();
        let verdict = VerdictLabels {
            dev_eui: dev_eui.clone(),
            code: d.verdict.code.to_string(),
            class: d.verdict.class.to_string(),
        };
        if let Ok(mut current) = f.current.lock() {
            if let Some(old) = current.insert(d.dev_eui, verdict.clone()) {
                if old != verdict {
                    f.verdict.remove(&old);
                }
            }
        }
        f.verdict.get_or_create(&verdict).set(1);
        let l = DeviceLabels { dev_eui };
        raise(&f.uplinks.get_or_create(&l), d.stats.uplinks);
        raise(&f.missing.get_or_create(&l), d.stats.fcnt_missing);
        if let Some(t) = d.last_seen {
            f.last_seen.get_or_create(&l).set(t.timestamp_micros() as f64 / 1e6);
        }
        match d.link_margin_db {
            Some(m) => {
                f.margin.get_or_create(&l).set(m);
            }
            None => {
                f.margin.remove(&l);
            }
        }
    }

    /// The exposition (OpenMetrics text, which Prometheus scrapes natively).
    ///
    /// # Errors
    /// Formatting errors (none in practice).
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)?;
        Ok(out)
    }
}
