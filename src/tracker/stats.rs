//! RSSI / SNR spreads: min / median / max of the best reception per transmission.
//!
//! Minimum and maximum cover every transmission of the window (evicted ones are folded into
//! [`Extremes`]); the median is taken over the most recent `Limits::samples` transmissions.
//! Minimum and maximum are values as the source reported them; the median (a derived value:
//! the mean of the middle two for an even count) is rounded to [`MEDIAN_DECIMALS`] decimals.

use super::Spread;

/// Best RSSI and best SNR of one transmission.
pub(crate) type Best = (Option<f64>, Option<f64>);

/// Running min/max of values no longer kept in the lists.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Extremes {
    rssi: Option<(f64, f64)>,
    snr: Option<(f64, f64)>,
}

fn widen(range: &mut Option<(f64, f64)>, v: Option<f64>) {
    if let Some(v) = v {
        *range = Some(match *range {
            None => (v, v),
            Some((lo, hi)) => (lo.min(v), hi.max(v)),
        });
    }
}

impl Extremes {
    /// Folds in the best (RSSI, SNR) of one transmission.
    pub(crate) fn add(&mut self, best: Best) {
        widen(&mut self.rssi, best.0);
        widen(&mut self.snr, best.1);
    }
}

/// The median of unsorted values (mean of the middle two for an even count).
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

/// Decimals a median RSSI / SNR is rounded to (sources report 0.1 dB at best; two decimals keep
/// the mean of two such values exact).
pub(crate) const MEDIAN_DECIMALS: i32 = 2;

/// `v` rounded to [`MEDIAN_DECIMALS`] decimals.
#[must_use]
pub(crate) fn round_derived(v: f64) -> f64 {
    let f = 10f64.powi(MEDIAN_DECIMALS);
    (v * f).round() / f
}

fn spread(all: &[Option<f64>], skip: usize, evicted: Option<(f64, f64)>) -> Option<Spread> {
    let mut range = evicted;
    for v in all {
        widen(&mut range, *v);
    }
    let (min, max) = range?;
    let mut recent: Vec<f64> = all.iter().skip(skip).filter_map(|v| *v).collect();
    let median = round_derived(median(&mut recent).unwrap_or((min + max) / 2.0));
    Some(Spread { min, median, max })
}

/// Spreads of RSSI and SNR from per-transmission bests in time order; the first `skip` are
/// left out of the median.
pub(crate) fn spreads(
    samples: &[Best],
    skip: usize,
    evicted: &Extremes,
) -> (Option<Spread>, Option<Spread>) {
    let rssi: Vec<Option<f64>> = samples.iter().map(|s| s.0).collect();
    let snr: Vec<Option<f64>> = samples.iter().map(|s| s.1).collect();
    (spread(&rssi, skip, evicted.rssi), spread(&snr, skip, evicted.snr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn a_median_is_rounded_to_two_decimals() {
        let samples = [(Some(-80.0), Some(9.1)), (Some(-81.0), Some(9.2))];
        let (_, snr) = spreads(&samples, 0, &Extremes::default());
        assert_eq!(snr.map(|s| s.median), Some(9.15));
    }

    #[test]
    fn evicted_extremes_widen_the_range_but_not_the_median() {
        let mut ev = Extremes::default();
        ev.add((Some(-120.0), Some(-15.0)));
        let samples = [(Some(-80.0), Some(5.0)), (Some(-60.0), None), (Some(-70.0), Some(7.0))];
        let (rssi, snr) = spreads(&samples, 0, &ev);
        assert_eq!(rssi, Some(Spread { min: -120.0, median: -70.0, max: -60.0 }));
        assert_eq!(snr, Some(Spread { min: -15.0, median: 6.0, max: 7.0 }));
    }

    #[test]
    fn the_median_uses_only_the_most_recent_samples() {
        let samples = [(Some(-100.0), None), (Some(-50.0), None), (Some(-52.0), None)];
        let (rssi, snr) = spreads(&samples, 1, &Extremes::default());
        assert_eq!(rssi, Some(Spread { min: -100.0, median: -51.0, max: -50.0 }));
        assert_eq!(snr, None);
    }
}
