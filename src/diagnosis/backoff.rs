//! Evidence sufficiency: how long a silent or slowly re-joining device must be watched.
//!
//! A LoRaWAN device that gets no join-accept backs off (LoRaWAN 1.0.2 §7, 1.0.3, TR007 §4.8):
//!
//! | since the first join-request | join-request airtime allowed |
//! |---|---|
//! | first hour | 36 s |
//! | hours 1–11 | 36 s per 10 h |
//! | after 11 h | 8.7 s per 24 h |
//!
//! and firmware adds its own retry schedule on top (the profile's `x-diagnostics.join`). A
//! device that has been trying for a while may therefore stay silent for hours without being
//! faulty. The functions here turn airtime, budget and schedule into the longest gap between
//! join-requests a working device may leave, and into "watch at least … more" figures.
//!
//! When the device's phase is unknown the slowest phase (after 11 h) is assumed: the
//! conservative choice, so that nothing is blamed on the device too early.

use crate::profiles::Profile;

use crate::catalog::{Message, args};
use crate::model::Lang;

/// Bytes of a join-request PHYPayload (MHDR 1 + JoinEUI 8 + DevEUI 8 + DevNonce 2 + MIC 4).
pub const JOIN_REQUEST_BYTES: usize = 23;

/// Uplink interval assumed when no profile says otherwise, seconds (ChirpStack's device-profile
/// import default, 3600 s).
pub const DEFAULT_UPLINK_INTERVAL_S: u64 = 3600;

/// Spreading factor assumed for join-requests when nothing better is known (the slowest).
pub const DEFAULT_MAX_SF: u8 = 12;

/// A silent device must be watched this many times its longest legitimate gap (*choice*: two
/// gaps tolerate random back-off jitter and one lost frame).
pub const SILENCE_FACTOR: u64 = 2;

/// One phase of the join back-off budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetPhase {
    /// Name for output.
    pub name: &'static str,
    /// Airtime allowed per period, seconds.
    pub budget_s: f64,
    /// Period, seconds.
    pub period_s: f64,
}

/// The three phases, in order.
pub const PHASES: [BudgetPhase; 3] = [
    BudgetPhase { name: "first hour", budget_s: 36.0, period_s: 3600.0 },
    BudgetPhase { name: "hours 1–11", budget_s: 36.0, period_s: 36_000.0 },
    BudgetPhase { name: "after 11 h", budget_s: 8.7, period_s: 86_400.0 },
];

/// Time on air of a LoRa frame in seconds (Semtech formula: preamble 8 symbols, explicit
/// header, CRC on, coding rate 4/5, low-data-rate optimisation when a symbol lasts ≥ 16 ms).
#[must_use]
pub fn lora_airtime_s(payload_bytes: usize, sf: u8, bandwidth_hz: u32) -> f64 {
    let sf_f = f64::from(sf);
    let t_sym = 2f64.powf(sf_f) / f64::from(bandwidth_hz.max(1));
    let de = if t_sym >= 0.016 { 1.0 } else { 0.0 };
    let pl = payload_bytes as f64;
    let num = 8.0 * pl - 4.0 * sf_f + 28.0 + 16.0;
    let den = 4.0 * (sf_f - 2.0 * de);
    let payload_symbols = 8.0 + ((num / den).ceil() * 5.0).max(0.0);
    (8.0 + 4.25 + payload_symbols) * t_sym
}

/// Join-request airtime at a spreading factor and bandwidth (125 kHz when unknown).
#[must_use]
pub fn join_airtime_s(sf: u8, bandwidth_hz: Option<u32>) -> f64 {
    lora_airtime_s(JOIN_REQUEST_BYTES, sf, bandwidth_hz.unwrap_or(125_000))
}

/// Join-requests a budget phase allows per period.
#[must_use]
pub fn attempts_per_period(phase: &BudgetPhase, sf: u8, bandwidth_hz: Option<u32>) -> f64 {
    phase.budget_s / join_airtime_s(sf, bandwidth_hz)
}

/// Average gap between join-requests when a device uses a phase's budget fully, seconds.
#[must_use]
pub fn budget_gap_s(phase: &BudgetPhase, sf: u8, bandwidth_hz: Option<u32>) -> f64 {
    phase.period_s / attempts_per_period(phase, sf, bandwidth_hz)
}

/// An expected gap and the sentence that justifies it.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// Seconds.
    pub seconds: u64,
    /// Why (for summaries and the README): a catalog message (`basis-…`).
    pub basis: Message,
}

impl Expectation {
    /// The basis in English (the JSON's `sufficiency.basis`).
    #[must_use]
    pub fn basis_en(&self) -> String {
        self.basis.render(Lang::En)
    }
}

/// The longest gap between join-requests a working device may leave: the larger of the
/// slowest back-off phase at `sf` (or the profile's highest join SF, or SF12) and the longest
/// interval of the profile's retry schedule.
#[must_use]
pub fn join_gap(profile: Option<&Profile>, sf: Option<(u8, Option<u32>)>) -> Expectation {
    let join = profile.and_then(|p| p.file.diagnostics.join.as_ref());
    let (sf, bw) = sf.unwrap_or_else(|| {
        (join.and_then(|j| j.spreading_factors).map_or(DEFAULT_MAX_SF, |r| r.max), None)
    });
    let phase = &PHASES[2];
    let budget = budget_gap_s(phase, sf, bw).ceil() as u64;
    let schedule_max = join
        .map(|j| j.retry_schedule.iter().filter_map(|s| s.interval_seconds).max().unwrap_or(0))
        .unwrap_or(0);
    if schedule_max > budget {
        Expectation {
            seconds: schedule_max,
            basis: Message::new(
                "basis-retry-schedule",
                args! { "duration" => format_duration(schedule_max) },
            ),
        }
    } else {
        Expectation {
            seconds: budget,
            basis: Message::new(
                "basis-join-backoff",
                args! {
                    "budget" => phase.budget_s.to_string(),
                    "sf" => sf,
                    "duration" => format_duration(budget),
                },
            ),
        }
    }
}

/// Longest gap between uplinks of a joined device: the profile's interval plus tolerance,
/// else [`DEFAULT_UPLINK_INTERVAL_S`].
#[must_use]
pub fn uplink_gap(profile: Option<&Profile>) -> Expectation {
    match profile.and_then(|p| p.file.diagnostics.uplink.as_ref()) {
        Some(u) => Expectation {
            seconds: u.nominal_interval_seconds.saturating_add(u.tolerance_seconds.unwrap_or(0)),
            basis: Message::new(
                "basis-uplink-interval",
                args! { "duration" => format_duration(u.nominal_interval_seconds) },
            ),
        },
        None => Expectation {
            seconds: DEFAULT_UPLINK_INTERVAL_S,
            basis: Message::new(
                "basis-uplink-unknown",
                args! { "duration" => format_duration(DEFAULT_UPLINK_INTERVAL_S) },
            ),
        },
    }
}

/// How long a device must stay silent before silence says something about the device:
/// [`SILENCE_FACTOR`] times the longer of the join and uplink gaps. Nothing was heard from it,
/// so the back-off phase is a worst case, and the basis says so (it does not describe the
/// device as having spent hours in failed joins).
#[must_use]
pub fn silent_watch_required(profile: Option<&Profile>) -> Expectation {
    let mut j = join_gap(profile, None);
    if j.basis.id == "basis-join-backoff" {
        j.basis.id = "basis-silent-join-backoff".into();
    }
    let u = uplink_gap(profile);
    let longest = if j.seconds >= u.seconds { j } else { u };
    Expectation { seconds: longest.seconds.saturating_mul(SILENCE_FACTOR), basis: longest.basis }
}

/// Seconds needed to see `more` further join-requests, given the observed gaps between
/// attempts (used when at least one gap was seen) or else [`join_gap`], times the fraction of
/// attempts the gateways can hear (`visibility_factor`, 8 for one US915 sub-band of eight).
#[must_use]
pub fn watch_for_attempts(
    more: usize,
    observed_gaps_s: &[i64],
    profile: Option<&Profile>,
    sf: Option<(u8, Option<u32>)>,
    visibility_factor: u64,
) -> Expectation {
    if more == 0 {
        return Expectation { seconds: 0, basis: Message::plain("basis-enough-attempts") };
    }
    let more = more as u64;
    if let Some(median) = median_i64(observed_gaps_s) {
        let gap = median.max(1) as u64;
        return Expectation {
            seconds: gap.saturating_mul(more),
            basis: Message::new("basis-observed-gap", args! { "duration" => format_duration(gap) }),
        };
    }
    let g = join_gap(profile, sf);
    let factor = visibility_factor.max(1);
    let basis = if factor > 1 {
        Message::new("basis-visibility", args! { "basis" => g.basis, "factor" => factor })
    } else {
        g.basis
    };
    Expectation { seconds: g.seconds.saturating_mul(factor).saturating_mul(more), basis }
}

fn median_i64(v: &[i64]) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_unstable();
    Some(s[s.len() / 2])
}

/// "3 h 20 min", "45 min", "40 s", "2 d 3 h" (minutes are rounded up): [`crate::time`].
#[must_use]
pub fn format_duration(seconds: u64) -> String {
    // Rounded up: a time to watch must not come out shorter than needed.
    crate::time::format_seconds(if seconds < 60 {
        seconds
    } else {
        seconds.div_ceil(60).saturating_mul(60)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_too_long_to_count_saturate_instead_of_overflowing() {
        // A spreading factor of 74 (once in a fuzzed event file) makes the join back-off
        // budget larger than any count of seconds.
        let e = watch_for_attempts(5, &[], None, Some((74, None)), 8);
        assert_eq!(e.seconds, u64::MAX);
        assert_eq!(format_duration(e.seconds), "213503982334601 d 7 h");
        assert_eq!(watch_for_attempts(3, &[i64::MAX], None, None, 1).seconds, u64::MAX);
    }

    #[test]
    fn join_request_airtime_matches_the_reference_table() {
        // failure-modes.md B.1 (ms) and the US915 DR4 figure.
        let cases: &[(u8, u32, f64)] = &[
            (7, 125_000, 61.7),
            (8, 125_000, 113.2),
            (9, 125_000, 205.8),
            (10, 125_000, 370.7),
            (11, 125_000, 823.3),
            (12, 125_000, 1482.8),
            (8, 500_000, 28.3),
        ];
        for &(sf, bw, ms) in cases {
            let got = lora_airtime_s(JOIN_REQUEST_BYTES, sf, bw) * 1000.0;
            assert!((got - ms).abs() < 0.1, "SF{sf}/{bw}: {got} vs {ms}");
        }
    }

    #[test]
    fn the_budget_allows_the_attempt_counts_of_the_reference_table() {
        let cases: &[(u8, usize, f64)] = &[
            (12, 0, 24.3),
            (12, 1, 24.3),
            (12, 2, 5.9),
            (10, 0, 97.1),
            (10, 2, 23.5),
            (7, 0, 583.5),
            (7, 2, 141.0),
        ];
        for &(sf, phase, want) in cases {
            let got = attempts_per_period(&PHASES[phase], sf, None);
            assert!((got - want).abs() < 0.5, "SF{sf} phase {phase}: {got} vs {want}");
        }
    }

    #[test]
    fn without_a_profile_a_silent_device_must_be_watched_about_eight_hours() {
        let e = silent_watch_required(None);
        // SF12 after 11 h: one join-request every 4 h 5 min; twice that.
        assert_eq!(format_duration(e.seconds), "8 h 11 min");
        assert!(e.basis_en().contains("SF12"), "{}", e.basis_en());
    }

    #[test]
    fn a_profile_with_a_long_retry_pause_stretches_the_silent_watch() {
        let reg = crate::profiles::Registry::shipped().unwrap();
        let adeunis = reg.get("adeunis-comfort-co2-eu868").unwrap();
        let e = silent_watch_required(Some(adeunis));
        assert_eq!(format_duration(e.seconds), "1 d");
        assert!(e.basis_en().contains("retry schedule waits up to 12 h"), "{}", e.basis_en());
        // A 10-minute uplink interval does not shorten the join back-off bound.
        let em300 = reg.get("milesight-em300-th-eu868").unwrap();
        assert_eq!(silent_watch_required(Some(em300)).seconds, silent_watch_required(None).seconds);
    }

    #[test]
    fn observed_gaps_decide_how_long_to_wait_for_more_attempts() {
        let e = watch_for_attempts(2, &[600, 660, 540], None, None, 8);
        assert_eq!(e.seconds, 1200);
        let e = watch_for_attempts(1, &[], None, Some((7, Some(125_000))), 8);
        // SF7 after 11 h: ~10 min per attempt, 1 in 8 heard.
        assert_eq!(format_duration(e.seconds), "1 h 22 min");
        assert!(e.basis_en().contains("1 in 8"), "{}", e.basis_en());
    }

    #[test]
    fn durations_read_naturally() {
        let cases = [
            (0, "0 s"),
            (59, "59 s"),
            (60, "1 min"),
            (61, "2 min"),
            (3600, "1 h"),
            (12_000, "3 h 20 min"),
            (86_400, "1 d"),
            (97_200, "1 d 3 h"),
        ];
        for (s, want) in cases {
            assert_eq!(format_duration(s), want, "{s}");
        }
    }
}
