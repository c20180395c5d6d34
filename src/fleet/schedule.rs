//! When to re-diagnose a device while watching: as its evidence changes, at most once per
//! `min_interval`, and at least every `refresh` (a verdict can change with time alone, e.g.
//! a device that falls silent). Time is the agent's clock, passed in.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::DevEui;

/// Default shortest time between two diagnoses of one device.
pub const MIN_INTERVAL: TimeDelta = TimeDelta::seconds(2);
/// Default longest time between two diagnoses of one device.
pub const REFRESH: TimeDelta = TimeDelta::seconds(60);

#[derive(Debug, Clone, Copy)]
struct Entry {
    at: DateTime<Utc>,
    evidence: Option<u64>,
}

/// The re-diagnosis schedule.
#[derive(Debug, Clone)]
pub struct Schedule {
    min_interval: TimeDelta,
    refresh: TimeDelta,
    last: HashMap<DevEui, Entry>,
}

impl Default for Schedule {
    fn default() -> Self {
        Self::new(MIN_INTERVAL, REFRESH)
    }
}

impl Schedule {
    /// A schedule with these intervals.
    #[must_use]
    pub fn new(min_interval: TimeDelta, refresh: TimeDelta) -> Self {
        Self { min_interval, refresh, last: HashMap::new() }
    }

    /// The devices to diagnose now, among `candidates` (each with the index of its latest
    /// evidence message); they count as diagnosed at `now`.
    pub fn due(
        &mut self,
        now: DateTime<Utc>,
        candidates: impl IntoIterator<Item = (DevEui, Option<u64>)>,
    ) -> Vec<DevEui> {
        let mut out = Vec::new();
        for (dev, evidence) in candidates {
            let due = match self.last.get(&dev) {
                None => true,
                Some(e) => {
                    let age = now - e.at;
                    (e.evidence != evidence && age >= self.min_interval) || age >= self.refresh
                }
            };
            if due {
                self.last.insert(dev, Entry { at: now, evidence });
                out.push(dev);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000 + s, 0).unwrap_or_default()
    }

    #[test]
    fn devices_are_rediagnosed_on_new_evidence_rate_limited_and_after_the_refresh() {
        let a = crate::model::Eui64::from_u64(1);
        let mut s = Schedule::new(TimeDelta::seconds(2), TimeDelta::seconds(60));
        let cases: [(i64, Option<u64>, bool, &str); 6] = [
            (0, Some(5), true, "first sight"),
            (1, Some(6), false, "new evidence within the minimum interval"),
            (2, Some(6), true, "new evidence after the minimum interval"),
            (30, Some(6), false, "no new evidence"),
            (62, Some(6), true, "refresh without new evidence"),
            (63, Some(6), false, "just refreshed"),
        ];
        for (at, ev, want, what) in cases {
            assert_eq!(s.due(t(at), [(a, ev)]) == [a], want, "{what}");
        }
    }
}
