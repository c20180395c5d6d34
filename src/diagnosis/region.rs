//! Channel plans with sub-bands (US902-928, AU915-928): which sub-band a frequency is in.
//!
//! A compliant US915/AU915 device spreads its join-requests over all eight sub-bands (TR007);
//! an 8-channel gateway listens to one, so it hears only about 1 in 8 of them. Slow joins are
//! then expected, not a fault.

/// A channel plan with eight sub-bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// US902-928.
    Us915,
    /// AU915-928.
    Au915,
}

impl Plan {
    /// TTN region key.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Plan::Us915 => "US902-928",
            Plan::Au915 => "AU915-928",
        }
    }
}

/// Sub-bands in these plans.
pub const SUB_BANDS: u64 = 8;

/// The plan and 0-based sub-band of an uplink frequency, for the 64 × 125 kHz and the
/// 8 × 500 kHz uplink channels; `None` for anything else.
#[must_use]
pub fn sub_band(frequency_hz: u64) -> Option<(Plan, u8)> {
    // Channel rasters in Hz: first 125 kHz channel, first 500 kHz channel.
    for (plan, base125, base500) in
        [(Plan::Us915, 902_300_000u64, 903_000_000u64), (Plan::Au915, 915_200_000, 915_900_000)]
    {
        if frequency_hz >= base125 {
            let off = frequency_hz - base125;
            if off % 200_000 == 0 && off / 200_000 < 64 {
                return Some((plan, (off / 200_000 / 8) as u8));
            }
        }
        if frequency_hz >= base500 {
            let off = frequency_hz - base500;
            if off % 1_600_000 == 0 && off / 1_600_000 < 8 {
                return Some((plan, (off / 1_600_000) as u8));
            }
        }
    }
    None
}

/// Human form: "sub-band 2 (903.9–905.3 MHz)" for a 0-based sub-band.
#[must_use]
pub fn describe(plan: Plan, band: u8) -> String {
    describe_text(plan, band).render(crate::model::Lang::En)
}

/// [`describe`] as a catalog message (`sub-band-range`).
#[must_use]
pub fn describe_text(plan: Plan, band: u8) -> crate::catalog::Message {
    let base = match plan {
        Plan::Us915 => 902.3,
        Plan::Au915 => 915.2,
    };
    let lo = base + f64::from(band) * 1.6;
    crate::catalog::Message::new(
        "sub-band-range",
        crate::catalog::args! {
            "band" => band + 1,
            "from" => format!("{lo:.1}"),
            "to" => format!("{:.1}", lo + 1.4),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us915_and_au915_frequencies_map_to_their_sub_band() {
        let cases = [
            (902_300_000, Some((Plan::Us915, 0))),
            (903_900_000, Some((Plan::Us915, 1))),
            (905_300_000, Some((Plan::Us915, 1))),
            (914_900_000, Some((Plan::Us915, 7))),
            (904_600_000, Some((Plan::Us915, 1))), // 500 kHz channel 65
            (916_800_000, Some((Plan::Au915, 1))),
            (917_500_000, Some((Plan::Au915, 1))), // 500 kHz channel 65
            (868_100_000, None),
            (902_350_000, None),
        ];
        for (f, want) in cases {
            assert_eq!(sub_band(f), want, "{f}");
        }
    }

    #[test]
    fn sub_bands_are_described_one_based_with_their_frequencies() {
        assert_eq!(describe(Plan::Us915, 1), "sub-band 2 (903.9–905.3 MHz)");
    }
}
