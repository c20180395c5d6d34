//! The fleet's health table as a view model: devices worst first, counts per class.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::DeviceHealth;
use crate::diagnosis::VerdictClass;
use crate::tracker::Window;

/// Classes from worst to best: the order of the health table.
pub const CLASS_ORDER: [VerdictClass; 6] = [
    VerdictClass::DeviceSuspect,
    VerdictClass::Configuration,
    VerdictClass::Network,
    VerdictClass::Coverage,
    VerdictClass::Inconclusive,
    VerdictClass::Healthy,
];

/// Position of a class in [`CLASS_ORDER`] (0 = worst).
#[must_use]
pub fn rank(class: VerdictClass) -> usize {
    CLASS_ORDER.iter().position(|c| *c == class).unwrap_or(CLASS_ORDER.len())
}

/// Sorts losses highest first, unknown last (as `f64::total_cmp` orders them).
fn loss_key(loss: Option<f64>) -> (bool, std::cmp::Reverse<i64>) {
    let bits = loss.map_or(0, |l| {
        let b = l.to_bits() as i64;
        b ^ (((b >> 63) as u64) >> 1) as i64
    });
    (loss.is_none(), std::cmp::Reverse(bits))
}

/// Devices per class, in [`CLASS_ORDER`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassCounts(pub [u64; 6]);

impl ClassCounts {
    /// Counts the devices' classes.
    #[must_use]
    pub fn of(devices: &[DeviceHealth]) -> Self {
        let mut c = [0u64; 6];
        for d in devices {
            if let Some(n) = c.get_mut(rank(d.verdict.class)) {
                *n += 1;
            }
        }
        Self(c)
    }
    /// `(class, count)` in [`CLASS_ORDER`].
    pub fn iter(&self) -> impl Iterator<Item = (VerdictClass, u64)> + '_ {
        CLASS_ORDER.iter().copied().zip(self.0.iter().copied())
    }
}

impl Serialize for ClassCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(CLASS_ORDER.len()))?;
        for (class, n) in self.iter() {
            m.serialize_entry(class.as_str(), &n)?;
        }
        m.end()
    }
}

/// Message counters shown above the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Traffic {
    /// Messages read or received.
    pub messages: u64,
    /// Messages that could not be decoded.
    pub malformed: u64,
    /// Messages per second (live only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_second: Option<f64>,
}

/// The health table's model.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetView {
    /// Observation window.
    pub window: Option<Window>,
    /// Message counters.
    pub traffic: Traffic,
    /// Devices per class.
    pub classes: ClassCounts,
    /// Devices, worst first.
    pub devices: Vec<DeviceHealth>,
    /// When the view was made (live views; `None` for captures).
    pub at: Option<DateTime<Utc>>,
}

impl FleetView {
    /// Sorts `devices` worst first: by class ([`CLASS_ORDER`]), then by loss (highest first,
    /// unknown last), then by DevEUI.
    #[must_use]
    pub fn new(window: Option<Window>, traffic: Traffic, mut devices: Vec<DeviceHealth>) -> Self {
        // By key (stable, like `sort_by`): the sort's scratch space is a key per device rather
        // than half the devices.
        devices.sort_by_cached_key(|d| (rank(d.verdict.class), loss_key(d.loss), d.dev_eui));
        Self { window, traffic, classes: ClassCounts::of(&devices), devices, at: None }
    }

    /// True when every device is healthy.
    #[must_use]
    pub fn all_healthy(&self) -> bool {
        self.devices.iter().all(|d| d.verdict.class == VerdictClass::Healthy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::{Verdict, VerdictCode};

    fn dev(n: u64, class: VerdictClass, loss: Option<f64>) -> DeviceHealth {
        DeviceHealth {
            dev_eui: crate::model::Eui64::from_u64(n),
            verdict: Verdict {
                code: VerdictCode::Healthy,
                class,
                summary: String::new(),
                message: String::new(),
                args: Default::default(),
            },
            stats: Box::default(),
            loss,
            link_margin_db: None,
            last_seen: None,
            packed_args: None,
        }
    }

    #[test]
    fn the_loss_key_orders_losses_as_total_cmp_does_highest_first() {
        let losses = [0.5, 0.0, -0.0, 1.0, f64::NAN, -f64::NAN, 0.25, f64::INFINITY, -1.0];
        for x in losses {
            for y in losses {
                assert_eq!(loss_key(Some(x)).cmp(&loss_key(Some(y))), y.total_cmp(&x), "{x} {y}");
            }
            assert!(loss_key(Some(x)) < loss_key(None));
        }
    }

    #[test]
    fn devices_are_sorted_by_class_then_loss_then_dev_eui() {
        let v = FleetView::new(
            None,
            Traffic::default(),
            vec![
                dev(1, VerdictClass::Healthy, Some(0.0)),
                dev(2, VerdictClass::Coverage, Some(0.1)),
                dev(3, VerdictClass::Coverage, Some(0.3)),
                dev(4, VerdictClass::DeviceSuspect, None),
                dev(5, VerdictClass::Coverage, None),
                dev(6, VerdictClass::Configuration, None),
                dev(0, VerdictClass::Healthy, Some(0.0)),
            ],
        );
        let order: Vec<u64> = v.devices.iter().map(|d| d.dev_eui.to_u64()).collect();
        assert_eq!(order, [4, 6, 3, 2, 5, 0, 1]);
        assert_eq!(v.classes.0, [1, 1, 0, 3, 0, 2]);
        assert!(!v.all_healthy());
    }
}
