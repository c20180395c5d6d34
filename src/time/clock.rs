//! Clocks: where the watch agent's `received_at` times and its deadline come from.
//!
//! The CLI uses [`SystemClock`]. The demo uses a [`ScaledClock`], which starts at a chosen
//! instant and runs `factor` times faster than the wall clock, so that simulated hours pass in
//! seconds. The agent asks the clock how much wall time remains until a deadline
//! ([`Clock::wall_until`]) so that a `--duration` is measured in the clock's own time.

use std::fmt::Debug;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

/// A source of "now".
pub trait Clock: Send + Sync + Debug {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;

    /// Wall-clock time until this clock shows `t` (zero when `t` has passed).
    ///
    /// The default assumes the clock runs at real speed.
    fn wall_until(&self, t: DateTime<Utc>) -> Duration {
        (t - self.now()).to_std().unwrap_or(Duration::ZERO)
    }
}

/// The system clock (`Utc::now()`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A virtual clock: `start + wall elapsed × factor`.
#[derive(Debug, Clone, Copy)]
pub struct ScaledClock {
    start: DateTime<Utc>,
    wall_start: Instant,
    factor: f64,
}

impl ScaledClock {
    /// A clock showing `start` now and running `factor` times faster than real time
    /// (`factor` ≤ 0 or not finite is treated as 1).
    #[must_use]
    pub fn new(start: DateTime<Utc>, factor: f64) -> Self {
        let factor = if factor.is_finite() && factor > 0.0 { factor } else { 1.0 };
        Self { start, wall_start: Instant::now(), factor }
    }

    /// The speed-up factor.
    #[must_use]
    pub fn factor(&self) -> f64 {
        self.factor
    }

    fn at_wall(&self, wall_elapsed: Duration) -> DateTime<Utc> {
        let virt = wall_elapsed.mul_f64(self.factor);
        let virt = chrono::Duration::from_std(virt).unwrap_or(chrono::Duration::MAX);
        self.start.checked_add_signed(virt).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> DateTime<Utc> {
        self.at_wall(self.wall_start.elapsed())
    }

    fn wall_until(&self, t: DateTime<Utc>) -> Duration {
        (t - self.now()).to_std().unwrap_or(Duration::ZERO).div_f64(self.factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        "2026-11-21T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_scaled_clock_starts_at_its_start_and_runs_faster() {
        let c = ScaledClock::new(t0(), 3600.0);
        assert_eq!(c.at_wall(Duration::ZERO), t0());
        assert_eq!(c.at_wall(Duration::from_secs(2)), t0() + chrono::Duration::hours(2));
        assert!(c.now() >= t0());
    }

    #[test]
    fn the_wall_time_to_a_deadline_shrinks_by_the_factor() {
        let c = ScaledClock::new(t0(), 100.0);
        let wall = c.wall_until(t0() + chrono::Duration::seconds(100));
        assert!(wall <= Duration::from_secs(1) && wall > Duration::from_millis(900), "{wall:?}");
        assert_eq!(c.wall_until(t0() - chrono::Duration::seconds(1)), Duration::ZERO);
    }

    #[test]
    fn a_nonsense_factor_means_real_time() {
        for f in [0.0, -2.0, f64::NAN, f64::INFINITY] {
            assert_eq!(ScaledClock::new(t0(), f).factor(), 1.0);
        }
    }

    #[test]
    fn the_system_clock_waits_in_real_time() {
        let c = SystemClock;
        let wall = c.wall_until(c.now() + chrono::Duration::seconds(10));
        assert!(wall > Duration::from_secs(9) && wall <= Duration::from_secs(10), "{wall:?}");
    }
}
