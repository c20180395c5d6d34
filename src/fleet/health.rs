//! One device's health: the verdict and stats `diagnose --dev-eui` gives, plus the few
//! figures the fleet views sort and export by (loss, link margin, last seen).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::diagnosis::facts::Facts;
use crate::diagnosis::{self, DiagnoseOptions, Verdict};
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, JoinEui};
use crate::profiles::Profile;
use crate::tracker::{DeviceRecord, Stats, Window};

/// What the fleet knows about one device after diagnosing it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceHealth {
    /// The device.
    pub dev_eui: DevEui,
    /// The verdict, exactly as `diagnose` decides it.
    pub verdict: Verdict,
    /// The counters, exactly as `diagnose` prints them.
    pub stats: Stats,
    /// Frames missing / (missing + received); `None` before any uplink.
    pub loss: Option<f64>,
    /// Median best-gateway link margin of the uplinks, dB.
    pub link_margin_db: Option<f64>,
    /// Received time of the last message about the device.
    pub last_seen: Option<DateTime<Utc>>,
}

/// Diagnoses devices one by one with the options `diagnose` would use for each: the device's
/// profile (from the profile map, else the default), its registered JoinEUI from the keys.
#[derive(Debug, Clone, Default)]
pub struct FleetDiagnoser {
    /// Profile for devices not in the map (`--profile`); `None`: safe defaults.
    pub default_profile: Option<Arc<Profile>>,
    /// Profile per device (`--profile-map`).
    pub profile_map: HashMap<DevEui, Arc<Profile>>,
    /// Registered JoinEUIs (from `--keys`).
    pub join_euis: HashMap<DevEui, JoinEui>,
}

impl FleetDiagnoser {
    /// A diagnoser with the registered JoinEUIs of `keys` and no profiles.
    #[must_use]
    pub fn new(keys: &KeyStore) -> Self {
        let join_euis = keys.iter().filter_map(|(dev, k)| k.join_eui.map(|j| (*dev, j))).collect();
        Self { join_euis, ..Self::default() }
    }

    /// The profile used for `dev`.
    #[must_use]
    pub fn profile(&self, dev: &DevEui) -> Option<&Profile> {
        self.profile_map.get(dev).or(self.default_profile.as_ref()).map(AsRef::as_ref)
    }

    /// Diagnoses one device over `window`; `record` is `None` when it was never heard.
    #[must_use]
    pub fn diagnose(
        &self,
        dev_eui: DevEui,
        record: Option<&DeviceRecord>,
        window: Window,
    ) -> DeviceHealth {
        let opts = DiagnoseOptions {
            profile: self.profile(&dev_eui),
            registered_join_eui: self.join_euis.get(&dev_eui).copied(),
            ..DiagnoseOptions::new(window)
        };
        let d = diagnosis::diagnose(dev_eui, record, &opts);
        let (loss, link_margin_db, last_seen) = match record {
            Some(r) => {
                let link = Facts::new(dev_eui, r, &opts).link;
                (link.loss, link.median_margin, last_seen(r))
            }
            None => (None, None, None),
        };
        DeviceHealth {
            dev_eui,
            verdict: d.verdict,
            stats: d.stats,
            loss,
            link_margin_db,
            last_seen,
        }
    }
}

fn last_seen(r: &DeviceRecord) -> Option<DateTime<Utc>> {
    let timeline = r.timeline.iter().filter_map(|e| e.at).max();
    let uplink = r.uplinks.last().map(|u| u.at);
    let join = r.join_attempts.last().map(|j| j.at);
    [timeline, uplink, join].into_iter().flatten().max()
}
