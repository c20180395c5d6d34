//! Radio model: regional channel plans, LoRa airtime, demodulation floors and the per-link
//! RSSI/SNR/loss sampling used by the simulated gateways and devices.
//!
//! Invariants: pure functions of their inputs and the caller's seeded RNG (no clock, no
//! global state); SNR comes out in the 0.25 dB steps a concentrator reports, RSSI in whole dB.

use rand::Rng;
use rand::rngs::StdRng;

/// The regional parameters the simulator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// EU 863–870 MHz: three join channels, CFList with five more, RX2 869.525 MHz SF12.
    Eu868,
    /// US 902–928 MHz with gateways listening to one 8-channel sub-band (1–8); devices join
    /// on all 64 125 kHz channels, rotating sub-bands as TR007 recommends.
    Us915 {
        /// The sub-band the gateways listen to (1–8; ChirpStack `us915_{sub_band-1}`).
        sub_band: u8,
    },
}

/// One uplink or downlink channel / data-rate choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Channel {
    /// Centre frequency in Hz.
    pub frequency_hz: u32,
    /// Bandwidth in Hz.
    pub bandwidth_hz: u32,
    /// Spreading factor.
    pub sf: u8,
}

/// EU868 default (join) channels.
const EU868_JOIN: [u32; 3] = [868_100_000, 868_300_000, 868_500_000];
/// EU868 channels a ChirpStack join-accept adds through the CFList.
pub const EU868_CFLIST: [u32; 5] =
    [867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000];

impl Region {
    /// The ChirpStack MQTT topic prefix (`eu868`, `us915_1`).
    #[must_use]
    pub fn topic_prefix(self) -> String {
        match self {
            Region::Eu868 => "eu868".to_string(),
            Region::Us915 { sub_band } => format!("us915_{}", sub_band.clamp(1, 8) - 1),
        }
    }

    /// `regionCommonName` in ChirpStack metadata.
    #[must_use]
    pub const fn common_name(self) -> &'static str {
        match self {
            Region::Eu868 => "EU868",
            Region::Us915 { .. } => "US915",
        }
    }

    /// The data rate index of a 125 kHz uplink at `sf`.
    #[must_use]
    pub fn data_rate(self, sf: u8) -> u8 {
        match self {
            Region::Eu868 => 12u8.saturating_sub(sf.clamp(7, 12)),
            Region::Us915 { .. } => 10u8.saturating_sub(sf.clamp(7, 10)),
        }
    }

    /// The CFList frequencies the network server sends in the join-accept (type 0 only).
    #[must_use]
    pub fn cf_list(self) -> Vec<u32> {
        match self {
            Region::Eu868 => EU868_CFLIST.to_vec(),
            Region::Us915 { .. } => Vec::new(),
        }
    }

    /// The channel a join-request uses on attempt `attempt` (0-based).
    pub fn join_channel(self, attempt: u32, sf: u8, rng: &mut StdRng) -> Channel {
        match self {
            Region::Eu868 => Channel {
                frequency_hz: EU868_JOIN[rng.gen_range(0..EU868_JOIN.len())],
                bandwidth_hz: 125_000,
                sf,
            },
            Region::Us915 { .. } => {
                // TR007: a different 8-channel bank every attempt, random channel inside it.
                let bank = attempt % 8;
                let ch = bank * 8 + rng.gen_range(0..8);
                Channel { frequency_hz: us915_up(ch), bandwidth_hz: 125_000, sf: sf.min(10) }
            }
        }
    }

    /// The channel a data uplink uses once the device is activated.
    pub fn data_channel(self, sf: u8, rng: &mut StdRng) -> Channel {
        match self {
            Region::Eu868 => {
                let all: Vec<u32> = EU868_JOIN.iter().chain(EU868_CFLIST.iter()).copied().collect();
                Channel {
                    frequency_hz: all[rng.gen_range(0..all.len())],
                    bandwidth_hz: 125_000,
                    sf,
                }
            }
            Region::Us915 { sub_band } => {
                let ch = u32::from(sub_band.clamp(1, 8) - 1) * 8 + rng.gen_range(0..8);
                Channel { frequency_hz: us915_up(ch), bandwidth_hz: 125_000, sf: sf.min(10) }
            }
        }
    }

    /// Whether a gateway of this region (listening to its sub-band) demodulates `frequency_hz`,
    /// and on which of its 8 concentrator channels.
    #[must_use]
    pub fn gateway_channel(self, frequency_hz: u32) -> Option<u32> {
        match self {
            Region::Eu868 => match frequency_hz {
                867_100_000 => Some(3),
                867_300_000 => Some(4),
                867_500_000 => Some(5),
                867_700_000 => Some(6),
                867_900_000 => Some(7),
                868_100_000 => Some(0),
                868_300_000 => Some(1),
                868_500_000 => Some(2),
                _ => None,
            },
            Region::Us915 { sub_band } => {
                let ch = frequency_hz.checked_sub(902_300_000)? / 200_000;
                let first = u32::from(sub_band.clamp(1, 8) - 1) * 8;
                (ch >= first && ch < first + 8 && us915_up(ch) == frequency_hz).then(|| ch - first)
            }
        }
    }

    /// RX1 for a Class-A answer to an uplink on `up` (RX1DROffset 0).
    #[must_use]
    pub fn rx1(self, up: Channel) -> Channel {
        match self {
            Region::Eu868 => up,
            Region::Us915 { .. } => {
                let ch = (up.frequency_hz.saturating_sub(902_300_000)) / 200_000;
                Channel {
                    frequency_hz: 923_300_000 + (ch % 8) * 600_000,
                    bandwidth_hz: 500_000,
                    sf: up.sf,
                }
            }
        }
    }

    /// RX2 (region default: EU868 869.525 MHz SF12, US915 923.3 MHz SF12/500 kHz).
    #[must_use]
    pub const fn rx2(self) -> Channel {
        match self {
            Region::Eu868 => Channel { frequency_hz: 869_525_000, bandwidth_hz: 125_000, sf: 12 },
            Region::Us915 { .. } => {
                Channel { frequency_hz: 923_300_000, bandwidth_hz: 500_000, sf: 12 }
            }
        }
    }

    /// Downlink TX power (dBm EIRP) ChirpStack asks for on RX1 and RX2.
    #[must_use]
    pub const fn downlink_power(self) -> (i32, i32) {
        match self {
            Region::Eu868 => (14, 27),
            Region::Us915 { .. } => (20, 20),
        }
    }
}

fn us915_up(ch: u32) -> u32 {
    902_300_000 + (ch % 64) * 200_000
}

/// The SNR below which a 125 kHz LoRa frame at `sf` cannot be demodulated (dB).
#[must_use]
pub fn snr_floor(sf: u8) -> f64 {
    match sf {
        0..=7 => -7.5,
        8 => -10.0,
        9 => -12.5,
        10 => -15.0,
        11 => -17.5,
        _ => -20.0,
    }
}

/// LoRa time on air in seconds (explicit header, CRC on, CR 4/5, 8-symbol preamble,
/// low-data-rate optimisation when a symbol lasts 16 ms or more).
#[must_use]
pub fn airtime_s(payload_len: usize, sf: u8, bandwidth_hz: u32) -> f64 {
    let sf_f = f64::from(sf);
    let t_sym = 2f64.powi(i32::from(sf)) / f64::from(bandwidth_hz.max(1));
    let de = if t_sym >= 0.016 { 1.0 } else { 0.0 };
    let pl = payload_len as f64;
    let num = 8.0 * pl - 4.0 * sf_f + 28.0 + 16.0;
    let den = 4.0 * (sf_f - 2.0 * de);
    let payload_symbols = 8.0 + ((num / den).ceil() * 5.0).max(0.0);
    (8.0 + 4.25) * t_sym + payload_symbols * t_sym
}

/// How one device is heard by one gateway (and hears it back).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkParams {
    /// Mean RSSI at the gateway, dBm.
    pub rssi_dbm: f64,
    /// Mean SNR at the gateway, dB.
    pub snr_db: f64,
    /// Standard deviation of both, dB (slow fading, interference).
    pub jitter_db: f64,
    /// Per-SF overrides of (RSSI, SNR) means.
    pub per_sf: Vec<(u8, f64, f64)>,
    /// Probability an uplink is lost for reasons other than SNR (collisions, interference).
    pub uplink_loss: f64,
    /// Probability a downlink sent by this gateway is not received by the device.
    pub downlink_loss: f64,
}

impl Default for LinkParams {
    fn default() -> Self {
        Self::new(-85.0, 7.0)
    }
}

impl LinkParams {
    /// A link with the given means, 1.5 dB jitter and 1 % uplink loss.
    #[must_use]
    pub fn new(rssi_dbm: f64, snr_db: f64) -> Self {
        Self {
            rssi_dbm,
            snr_db,
            jitter_db: 1.5,
            per_sf: Vec::new(),
            uplink_loss: 0.01,
            downlink_loss: 0.01,
        }
    }
    /// Sets the jitter.
    #[must_use]
    pub fn jitter(mut self, db: f64) -> Self {
        self.jitter_db = db;
        self
    }
    /// Sets the uplink loss probability.
    #[must_use]
    pub fn uplink_loss(mut self, p: f64) -> Self {
        self.uplink_loss = p;
        self
    }
    /// Sets the downlink loss probability.
    #[must_use]
    pub fn downlink_loss(mut self, p: f64) -> Self {
        self.downlink_loss = p;
        self
    }
    /// Overrides the means at one spreading factor.
    #[must_use]
    pub fn at_sf(mut self, sf: u8, rssi_dbm: f64, snr_db: f64) -> Self {
        self.per_sf.retain(|(s, _, _)| *s != sf);
        self.per_sf.push((sf, rssi_dbm, snr_db));
        self
    }

    fn means(&self, sf: u8) -> (f64, f64) {
        self.per_sf
            .iter()
            .find(|(s, _, _)| *s == sf)
            .map_or((self.rssi_dbm, self.snr_db), |(_, r, s)| (*r, *s))
    }

    /// Samples one uplink reception: `Some((rssi, snr))` when the gateway demodulates it.
    pub fn sample_uplink(&self, sf: u8, rng: &mut StdRng) -> Option<(i32, f64)> {
        let (rssi_mean, snr_mean) = self.means(sf);
        let fade = gaussian(rng) * self.jitter_db;
        let rssi = (rssi_mean + fade + gaussian(rng) * 0.5).round();
        let snr = ((snr_mean + fade) * 4.0).round() / 4.0;
        let random_loss = rng.gen_bool(self.uplink_loss.clamp(0.0, 1.0));
        let demodulated = rng.gen_bool(demod_probability(snr, sf));
        (demodulated && !random_loss).then_some((rssi as i32, snr))
    }

    /// Whether the device receives a downlink this gateway transmitted; `uplink_snr` is the
    /// SNR the gateway measured on the uplink it answers (the link is taken as symmetric).
    pub fn sample_downlink(&self, sf: u8, uplink_snr: f64, rng: &mut StdRng) -> bool {
        let lost = rng.gen_bool(self.downlink_loss.clamp(0.0, 1.0));
        let snr = uplink_snr + gaussian(rng) * self.jitter_db.min(2.0);
        !lost && rng.gen_bool(demod_probability(snr, sf))
    }
}

/// Probability of demodulating a frame at `snr`: 50 % at the SF's floor, ~95 % 3 dB above.
#[must_use]
pub fn demod_probability(snr: f64, sf: u8) -> f64 {
    let x = snr - snr_floor(sf);
    (1.0 / (1.0 + (-x).exp())).clamp(0.0, 1.0)
}

/// A standard normal sample (Box–Muller).
pub fn gaussian(rng: &mut StdRng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn airtime_matches_the_reference_table_for_a_23_byte_join_request() {
        let cases =
            [(7, 0.0617), (8, 0.1132), (9, 0.2058), (10, 0.3707), (11, 0.8233), (12, 1.4828)];
        for (sf, expected) in cases {
            let got = airtime_s(23, sf, 125_000);
            assert!((got - expected).abs() < 0.001, "SF{sf}: {got} vs {expected}");
        }
    }

    #[test]
    fn eu868_channels_map_to_concentrator_channels_and_foreign_ones_are_not_heard() {
        assert_eq!(Region::Eu868.gateway_channel(868_100_000), Some(0));
        assert_eq!(Region::Eu868.gateway_channel(867_900_000), Some(7));
        assert_eq!(Region::Eu868.gateway_channel(869_525_000), None);
    }

    #[test]
    fn a_us915_gateway_hears_only_its_sub_band() {
        let r = Region::Us915 { sub_band: 2 };
        assert_eq!(r.topic_prefix(), "us915_1");
        assert_eq!(r.gateway_channel(903_900_000), Some(0)); // channel 8
        assert_eq!(r.gateway_channel(905_300_000), Some(7)); // channel 15
        assert_eq!(r.gateway_channel(902_300_000), None); // channel 0
        let mut rng = StdRng::seed_from_u64(1);
        let heard = (0..8).filter(|a| {
            let ch = r.join_channel(*a, 10, &mut rng);
            r.gateway_channel(ch.frequency_hz).is_some()
        });
        assert_eq!(heard.count(), 1, "one attempt in eight lands on the listened bank");
    }

    #[test]
    fn demodulation_is_certain_well_above_the_floor_and_rare_well_below() {
        assert!(demod_probability(5.0, 7) > 0.99);
        assert!(demod_probability(-25.0, 12) < 0.01);
        assert!((demod_probability(-20.0, 12) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn the_same_seed_samples_the_same_receptions() {
        let link = LinkParams::new(-110.0, -18.0).jitter(3.0).uplink_loss(0.1);
        let draw = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..50).map(|_| link.sample_uplink(12, &mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }
}
