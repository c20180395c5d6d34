//! Numeric thresholds of the diagnosis rules, in one place.
//!
//! Every number here comes from `reference/failure-modes.md` (B.0, B.1, B.2) or is a documented
//! choice of this project (marked *choice*). The README section `diagnosis.md` lists them.
//!
//! - Demodulation floor: the SNR a LoRa receiver needs at a spreading factor and bandwidth
//!   (ChirpStack `get_required_snr_for_sf`, The Things Stack `demodulationFloor`).
//! - Link margin = best-gateway SNR − floor. Bands: below 0 dB the frame was received by luck,
//!   0–10 dB is marginal, 10 dB and more is adequate (ChirpStack's ADR installation margin).
//! - Loss = missing / (missing + received) from frame-counter gaps after de-duplication; up to
//!   10 % is normal (The Things Stack best practice).

use serde::{Deserialize, Serialize};

/// Margin at or above which a link is adequate, dB (ChirpStack ADR installation margin).
pub const ADEQUATE_MARGIN_DB: f64 = 10.0;

/// Loss fraction considered normal for LoRaWAN ("expect packet loss up to 10 %").
pub const NORMAL_LOSS: f64 = 0.10;

/// Frames (received + missing) needed before a loss figure may decide a verdict (*choice*:
/// 20 frames puts one lost frame at 5 %, half the normal-loss threshold).
pub const MIN_FRAMES_FOR_LOSS: u64 = 20;

/// Distinct uplinks needed before a device is called healthy (*choice*).
pub const MIN_UPLINKS_HEALTHY: u64 = 3;

/// Join-requests failing with an explicit NS error or a local MIC failure needed for a
/// configuration verdict (*choice*: one failure can be a stale NS cache or a one-off).
pub const MIN_EXPLICIT_FAILURES: usize = 2;

/// Unanswered join-requests (no key error) needed for `JOIN_NOT_REGISTERED` (*choice*).
pub const MIN_UNANSWERED_ATTEMPTS: usize = 3;

/// Join-accepts the gateway failed to send needed for `JOIN_ACCEPT_TX_FAILED` (*choice*: a
/// single TOO_LATE can be a transient backhaul delay).
pub const MIN_TX_FAILURES: usize = 2;

/// Join-accepts sent OK but followed by another join-request needed for
/// `JOIN_ACCEPT_NOT_RECEIVED` (*choice*).
pub const MIN_IGNORED_ACCEPTS: usize = 2;

/// Frame-counter restarts without a rejoin needed for `FRAME_COUNTER_RESET` (*choice*: one
/// restart can be a battery change or a deliberate power cycle).
pub const MIN_FCNT_RESETS: usize = 2;

/// Seconds the network server is given to answer a join-request before it counts as
/// unanswered (JOIN_ACCEPT_DELAY1 is 5 s; the NS schedules the answer before that).
pub const JOIN_ANSWER_GRACE_S: i64 = 6;

/// Uplinks silent for more than this many intervals before the end of the window have
/// stopped (*choice*: three missed uplinks in a row are rare with normal loss, 0.1 ³).
pub const STOPPED_INTERVALS: u64 = 3;

/// How long to keep watching after a single frame-counter restart before deciding, seconds.
pub const FCNT_RESET_WATCH_S: u64 = 24 * 3600;

/// The SNR a LoRa demodulator needs, in dB, for a spreading factor and bandwidth.
///
/// Values for 125 kHz from ChirpStack and The Things Stack; 250/500 kHz from The Things Stack's
/// table, except SF12/500 kHz, where its −24 dB breaks the 2.5 dB-per-SF progression: −14 dB is
/// used, as in `failure-modes.md`. Unknown bandwidths are treated as 125 kHz (the common case,
/// and the strictest floor). `None` outside SF6–SF12.
#[must_use]
pub fn demodulation_floor_db(sf: u8, bandwidth_hz: Option<u32>) -> Option<f64> {
    let base = match sf {
        6 => -5.0,
        7 => -7.5,
        8 => -10.0,
        9 => -12.5,
        10 => -15.0,
        11 => -17.5,
        12 => -20.0,
        _ => return None,
    };
    // Doubling the bandwidth costs 3 dB of sensitivity; the NS tables use 3 dB (250 kHz) and
    // 6 dB (500 kHz) — the same numbers as this offset.
    let offset = match bandwidth_hz {
        Some(250_000) => 3.0,
        Some(500_000) => 6.0,
        _ => 0.0,
    };
    Some(base + offset)
}

/// Margin bands (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarginBand {
    /// Below the demodulation floor (< 0 dB): receptions are luck.
    BelowFloor,
    /// 0–10 dB above the floor.
    Marginal,
    /// 10 dB or more above the floor.
    Adequate,
}

impl MarginBand {
    /// The band of a margin in dB.
    #[must_use]
    pub fn of(margin_db: f64) -> Self {
        if margin_db < 0.0 {
            MarginBand::BelowFloor
        } else if margin_db < ADEQUATE_MARGIN_DB {
            MarginBand::Marginal
        } else {
            MarginBand::Adequate
        }
    }
}

/// Link margin of one reception: SNR minus the floor of its SF and bandwidth.
#[must_use]
pub fn margin_db(snr_db: f64, sf: u8, bandwidth_hz: Option<u32>) -> Option<f64> {
    demodulation_floor_db(sf, bandwidth_hz).map(|floor| snr_db - floor)
}

/// Loss fraction from received and missing frame counts; `None` when nothing was expected.
#[must_use]
pub fn loss_fraction(received: u64, missing: u64) -> Option<f64> {
    let total = received + missing;
    if total == 0 { None } else { Some(missing as f64 / total as f64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_follows_the_ns_tables_for_every_sf_and_bandwidth() {
        let cases: &[(u8, Option<u32>, f64)] = &[
            (7, Some(125_000), -7.5),
            (8, Some(125_000), -10.0),
            (9, None, -12.5),
            (10, Some(125_000), -15.0),
            (11, Some(125_000), -17.5),
            (12, Some(125_000), -20.0),
            (7, Some(250_000), -4.5),
            (12, Some(250_000), -17.0),
            (7, Some(500_000), -1.5),
            (8, Some(500_000), -4.0),
            (10, Some(500_000), -9.0),
            (12, Some(500_000), -14.0),
        ];
        for &(sf, bw, want) in cases {
            assert_eq!(demodulation_floor_db(sf, bw), Some(want), "SF{sf} {bw:?}");
        }
        assert_eq!(demodulation_floor_db(13, None), None);
        assert_eq!(demodulation_floor_db(5, None), None);
    }

    #[test]
    fn margins_fall_into_three_bands() {
        let cases = [
            (-0.1, MarginBand::BelowFloor),
            (0.0, MarginBand::Marginal),
            (9.9, MarginBand::Marginal),
            (10.0, MarginBand::Adequate),
            (25.0, MarginBand::Adequate),
        ];
        for (m, band) in cases {
            assert_eq!(MarginBand::of(m), band, "{m}");
        }
    }

    #[test]
    fn an_sf12_frame_at_minus_15_db_has_5_db_of_margin() {
        assert_eq!(margin_db(-15.0, 12, Some(125_000)), Some(5.0));
    }

    #[test]
    fn loss_is_missing_over_missing_plus_received() {
        assert_eq!(loss_fraction(95, 5), Some(0.05));
        assert_eq!(loss_fraction(0, 0), None);
        assert_eq!(loss_fraction(0, 3), Some(1.0));
    }
}
