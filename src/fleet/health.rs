//! One device's health: the verdict and stats `diagnose --dev-eui` gives, plus the few
//! figures the fleet views sort and export by (loss, link margin, last seen).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::packed::PackedArgs;
use crate::catalog::Args;
use crate::diagnosis::{self, Brief, DiagnoseOptions, Verdict};
use crate::frame::keys::KeyStore;
use crate::model::{DevEui, JoinEui};
use crate::profiles::Profile;
use crate::tracker::{DeviceRecord, Stats, Window};

/// What the fleet knows about one device after diagnosing it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceHealth {
    /// The device.
    pub dev_eui: DevEui,
    /// The verdict as `diagnose` decides it, with its arguments packed (`args` empty) and, when
    /// it is made from a catalog message, its English summary not rendered:
    /// [`DeviceHealth::verdict`] gives it whole.
    pub verdict: Verdict,
    /// The counters, exactly as `diagnose` prints them (boxed: a fleet holds every device's
    /// health in one list until it is sorted, and a slim entry keeps that list small).
    pub stats: Box<Stats>,
    /// Frames missing / (missing + received); `None` before any uplink.
    pub loss: Option<f64>,
    /// Median best-gateway link margin of the uplinks, dB.
    pub link_margin_db: Option<f64>,
    /// Received time of the last message about the device.
    pub last_seen: Option<DateTime<Utc>>,
    /// The verdict's arguments, packed (`verdict.args` is then empty: [`DeviceHealth::verdict`]
    /// gives the whole verdict).
    pub(crate) packed_args: Option<PackedArgs>,
}

impl DeviceHealth {
    /// The whole verdict: its arguments unpacked and its summary rendered where they were
    /// kept packed and unrendered.
    #[must_use]
    pub fn verdict(&self) -> Cow<'_, Verdict> {
        let args = self.packed_args.as_ref().and_then(PackedArgs::unpack);
        if args.is_none() && !self.verdict.unrendered() {
            return Cow::Borrowed(&self.verdict);
        }
        let mut v = self.verdict.clone();
        if let Some(args) = args {
            v.args = args;
        }
        v.render_summary();
        Cow::Owned(v)
    }

    /// The verdict's English summary (rendered here when it was kept unrendered).
    #[must_use]
    pub fn summary(&self) -> Cow<'_, str> {
        if !self.verdict.unrendered() {
            return Cow::Borrowed(&self.verdict.summary);
        }
        let packed = self.packed_args.as_ref().and_then(PackedArgs::unpack);
        let args = packed.as_ref().unwrap_or(&self.verdict.args);
        Cow::Owned(crate::catalog::text(crate::model::Lang::En, &self.verdict.message, args))
    }

    /// Keeps the verdict's English summary rendered and drops its arguments: for a view that
    /// reads the summary more than once and never the arguments (the table). The arguments'
    /// memory pays for the summary's.
    pub fn keep_summary_only(&mut self) {
        if self.verdict.unrendered() {
            self.verdict.summary = self.summary().into_owned();
        }
        self.packed_args = None;
        self.verdict.args = Args::new();
    }
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
        Self::health(dev_eui, record, self.brief(dev_eui, record, window))
    }

    /// What [`FleetDiagnoser::diagnose`] decides of a device: the part that can run on any
    /// thread (see [`FleetDiagnoser::health`]).
    #[must_use]
    pub fn brief(&self, dev_eui: DevEui, record: Option<&DeviceRecord>, window: Window) -> Brief {
        let opts = DiagnoseOptions {
            profile: self.profile(&dev_eui),
            registered_join_eui: self.join_euis.get(&dev_eui).copied(),
            ..DiagnoseOptions::new(window)
        };
        diagnosis::brief(dev_eui, record, &opts)
    }

    /// The device's health from its [`FleetDiagnoser::brief`]: the verdict's texts copied out
    /// of the brief (its English summary, when made from a catalog message, is rendered only as
    /// it is written out; its arguments packed), the stats cloned, so that nothing of the
    /// record or the brief is kept.
    #[must_use]
    pub fn health(dev_eui: DevEui, record: Option<&DeviceRecord>, brief: Brief) -> DeviceHealth {
        let (stats, loss, link_margin_db, last_seen) = match record {
            Some(r) => (r.stats.clone(), brief.loss, brief.median_margin, last_seen(r)),
            None => (Stats::default(), None, None, None),
        };
        let v = brief.verdict;
        DeviceHealth {
            dev_eui,
            verdict: Verdict {
                code: v.code,
                class: v.class,
                summary: v.summary.as_str().to_owned(),
                message: v.message.as_str().to_owned(),
                args: Args::new(),
            },
            stats: Box::new(stats),
            loss,
            link_margin_db,
            last_seen,
            packed_args: Some(PackedArgs::pack(&v.args)),
        }
    }
}

fn last_seen(r: &DeviceRecord) -> Option<DateTime<Utc>> {
    let timeline = r.timeline.iter().filter_map(|e| e.at).max();
    let digest = r.timeline_digest.as_ref().and_then(|d| d.latest);
    let uplink = r.uplinks.last().map(|u| u.at);
    let join = r.join_attempts.last().map(|j| j.at);
    [timeline, digest, uplink, join].into_iter().flatten().max()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::TimeDelta;

    use super::*;
    use crate::diagnosis::VerdictCode;
    use crate::model::{AesKey, DevAddr};
    use crate::pipeline::Pipeline;
    use crate::sim::config::GATEWAY_IDS;
    use crate::sim::{self, Builder, GatewayConfig, LinkParams, Scenario, SimOutput};
    use crate::tracker::{AppUplinkSeen, DIAGNOSIS_LIMITS, Tracker, TrackerConfig};

    fn read(out: &SimOutput, tracker: Tracker) -> Pipeline {
        let mut p = Pipeline::with_tracker(tracker);
        for m in &out.messages {
            p.ingest(m);
        }
        p
    }

    /// Days of one-minute uplinks (far more than a timeline holds) restarting their counter at
    /// the given frames.
    fn restarts(abp: bool, at: Vec<u32>) -> SimOutput {
        let link = LinkParams::new(-80.0, 8.0).jitter(1.0).uplink_loss(0.02);
        let mut b = Builder::new()
            .seed(7)
            .start(sim::default_start())
            .duration(TimeDelta::hours(60))
            .uplink_interval(TimeDelta::minutes(1))
            .gateway(GatewayConfig::new(GATEWAY_IDS[0]), link)
            .fcnt_reset_at(at);
        if abp {
            b = b.abp(DevAddr(0x2601_1234), AesKey([0x11; 16]), AesKey([0x22; 16]));
        }
        sim::simulate(&b.build())
    }

    #[test]
    fn a_tracker_without_timeline_or_evidence_gives_every_device_the_same_health() {
        let scenarios =
            Scenario::ALL.iter().map(|s| (sim::run(*s, 3, sim::default_start()), false));
        let long = [(restarts(true, vec![3_000]), true), (restarts(false, vec![500, 3_200]), true)];
        for (out, restarting) in scenarios.chain(long) {
            let config = TrackerConfig { keys: out.keys.clone(), watch: None };
            let full = read(&out, Tracker::new(config.clone()));
            let mut lean =
                read(&out, Tracker::with_limits(config, DIAGNOSIS_LIMITS)).into_tracker();
            let Some(window) = full.window() else { continue };
            let d = FleetDiagnoser::new(&out.keys);
            let mut devices: BTreeSet<DevEui> = full.tracker().dev_euis().copied().collect();
            devices.insert(out.dev_eui);
            for dev in devices {
                let want = d.diagnose(dev, full.tracker().device(&dev).as_ref(), window);
                if restarting && dev == out.dev_eui {
                    assert_eq!(want.verdict.code, VerdictCode::FrameCounterReset, "{dev}");
                }
                let record = lean.take_device_at(&dev, None);
                let got = d.diagnose(dev, record.as_ref(), window);
                assert_eq!(got, want, "{dev}");
                // The findings too (their evidence is what a digest could get wrong first).
                let opts = DiagnoseOptions::new(window);
                let findings =
                    |r: Option<&DeviceRecord>| diagnosis::diagnose(dev, r, &opts).findings;
                let kept = full.tracker().device(&dev);
                assert_eq!(findings(record.as_ref()), findings(kept.as_ref()), "{dev}");
                // The digest is what the timeline shows of the same entries.
                if let (Some(k), Some(r)) = (&kept, &record) {
                    let digest = r.timeline_digest.clone().unwrap_or_default();
                    let mut apps = digest.app_uplinks.clone();
                    apps.sort_by_key(|a| a.index);
                    let shown: Vec<AppUplinkSeen> = k
                        .timeline
                        .iter()
                        .filter(|e| e.kind == "app_uplink")
                        .filter_map(|e| {
                            Some(AppUplinkSeen { index: e.index, at: e.at?, f_cnt: e.f_cnt })
                        })
                        .collect();
                    assert_eq!(apps, shown, "{dev}");
                    let own = k.timeline.iter().filter(|e| !e.kind.starts_with("gateway_"));
                    assert_eq!(digest.latest, own.filter_map(|e| e.at).max(), "{dev}");
                }
                // Kept packed, and unpacked exactly the verdict `diagnose` gives.
                assert!(got.verdict.args.is_empty(), "{dev}");
                let opts = DiagnoseOptions {
                    registered_join_eui: d.join_euis.get(&dev).copied(),
                    ..DiagnoseOptions::new(window)
                };
                let verdict = diagnosis::diagnose(dev, kept.as_ref(), &opts).verdict;
                assert_eq!(*got.verdict(), verdict, "{dev}");
                assert_eq!(got.summary(), verdict.summary, "{dev}");
                // What the table keeps: the same summary, without the arguments.
                let mut table = got.clone();
                table.keep_summary_only();
                assert_eq!(table.verdict.summary, verdict.summary, "{dev}");
                assert_eq!(table.summary(), verdict.summary, "{dev}");
                assert!(table.packed_args.is_none() && table.verdict.args.is_empty(), "{dev}");
            }
        }
    }
}
