//! Derived facts several rules share: the join attempts since the last uplink ("trailing"),
//! answers to them, NS log codes, link margins, loss, and what was seen of the reference device.
//!
//! Invariant: everything here is a pure function of the record, the options and the window.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::backoff::{self, Expectation};
use super::region::{self, Plan};
use super::thresholds::{self, JOIN_ANSWER_GRACE_S};
use super::{DiagnoseOptions, ProfileUsed, ReferenceSeen};
use crate::model::{DevEui, GatewayId, JoinEui};
use crate::profiles::Profile;
use crate::tracker::gaps::Gaps;
use crate::tracker::gateways::{DownPeriod, GatewayAvailability};
use crate::tracker::{DeviceRecord, JoinAcceptRecord, JoinAttempt, LogRecord, RxSummary, Window};

/// NS log code for a join-request MIC failure (ChirpStack v4 spelling).
pub const CODE_MIC: &str = "UPLINK_MIC";
/// NS log code for a refused DevNonce.
pub const CODE_DEVNONCE: &str = "OTAA";
/// NS log code for a frame-counter reset.
pub const CODE_FCNT_RESET: &str = "UPLINK_F_CNT_RESET";
/// NS log code for a retransmission (benign).
pub const CODE_RETRANSMISSION: &str = "UPLINK_F_CNT_RETRANSMISSION";

/// Maps NS error spellings to the ChirpStack v4 codes the rules use. Adapters already
/// normalise; this also accepts The Things Stack error names and v3 spellings.
#[must_use]
pub fn normalize_code(code: &str) -> String {
    let lower = code.trim().to_ascii_lowercase();
    match lower.as_str() {
        "uplink_mic" | "mic" | "mic_mismatch" | "invalid_mic" => CODE_MIC.into(),
        "otaa" | "reuse_dev_nonce" | "dev_nonce_too_small" | "devnonce" | "dev_nonce" => {
            CODE_DEVNONCE.into()
        }
        "uplink_f_cnt_reset" | "uplink_fcnt_reset" => CODE_FCNT_RESET.into(),
        "uplink_f_cnt_retransmission" | "uplink_fcnt_retransmission" => CODE_RETRANSMISSION.into(),
        _ => code.trim().to_ascii_uppercase(),
    }
}

/// The normalised code of a log event; an `OTAA` error whose text is about the MIC (ChirpStack
/// v3 reports join-server MIC failures under `OTAA`) counts as `UPLINK_MIC`.
#[must_use]
pub fn log_code(log: &LogRecord) -> String {
    let code = normalize_code(&log.code);
    if code == CODE_DEVNONCE && log.description.to_ascii_lowercase().contains("mic") {
        CODE_MIC.into()
    } else {
        code
    }
}

/// Uplink link statistics over the window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkStats {
    /// Distinct uplinks received.
    pub received: u64,
    /// Frame counters missing within sessions.
    pub missing: u64,
    /// missing / (missing + received).
    pub loss: Option<f64>,
    /// Best-gateway margin per uplink (dB), where SF and SNR are known.
    pub margins: Vec<f64>,
    /// Median of `margins`.
    pub median_margin: Option<f64>,
    /// Median gap between consecutive uplinks, seconds.
    pub median_gap_s: Option<i64>,
}

/// Best SNR of a set of receptions.
#[must_use]
pub fn best_snr(rx: &[RxSummary]) -> Option<f64> {
    rx.iter().filter_map(|r| r.snr_db).reduce(f64::max)
}

/// Median of a list (upper median for even lengths).
#[must_use]
pub fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    Some(s[s.len() / 2])
}

/// Everything rules need, computed once.
#[derive(Debug)]
pub struct Facts<'a> {
    /// The device.
    pub dev_eui: DevEui,
    /// Its record.
    pub record: &'a DeviceRecord,
    /// Observation window.
    pub window: Window,
    /// Profile, if given.
    pub profile: Option<&'a Profile>,
    /// JoinEUI registered for the device.
    pub registered_join_eui: Option<JoinEui>,
    /// Reference device, when named.
    pub reference: Option<ReferenceSeen>,
    /// Received time of the last uplink.
    pub last_uplink_at: Option<DateTime<Utc>>,
    /// Positions (in `record.join_attempts`) of the join attempts after the last uplink.
    pub trailing: Vec<usize>,
    /// Log events after the last uplink.
    pub trailing_logs: Vec<&'a LogRecord>,
    /// Uplinks seen and no join-request after the last one.
    pub activated: bool,
    /// Uplink statistics.
    pub link: LinkStats,
}

impl<'a> Facts<'a> {
    /// Derives the facts.
    #[must_use]
    pub fn new(dev_eui: DevEui, record: &'a DeviceRecord, opts: &DiagnoseOptions<'a>) -> Self {
        let last_uplink_at = record.uplinks.iter().map(|u| u.at).max();
        let after_last_uplink = |at: DateTime<Utc>| last_uplink_at.is_none_or(|l| at > l);
        let trailing: Vec<usize> = (0..record.join_attempts.len())
            .filter(|&i| after_last_uplink(record.join_attempts[i].at))
            .collect();
        let trailing_logs = record.logs.iter().filter(|l| after_last_uplink(l.at)).collect();
        let activated = last_uplink_at.is_some() && trailing.is_empty();
        Self {
            dev_eui,
            record,
            window: opts.window,
            profile: opts.profile,
            registered_join_eui: opts.registered_join_eui,
            reference: reference_seen(opts),
            last_uplink_at,
            trailing,
            trailing_logs,
            activated,
            link: link_stats(record),
        }
    }

    /// A join attempt by position.
    #[must_use]
    pub fn attempt(&self, i: usize) -> Option<&'a JoinAttempt> {
        self.record.join_attempts.get(i)
    }

    /// The join-accept answering attempt `i`.
    #[must_use]
    pub fn accept_for(&self, i: usize) -> Option<&'a JoinAcceptRecord> {
        let a = self.attempt(i)?;
        a.accept
            .and_then(|k| self.record.join_accepts.get(k))
            .or_else(|| self.record.join_accepts.iter().find(|ja| ja.attempt == Some(i)))
    }

    /// Whether the network server was given time to answer attempt `i` within the window, and
    /// its answer would have been observed (no interval not observed overlaps that time).
    #[must_use]
    pub fn settled(&self, i: usize) -> bool {
        self.attempt(i).is_some_and(|a| {
            let answer_by = a.at + chrono::Duration::seconds(JOIN_ANSWER_GRACE_S);
            self.window.to >= answer_by && self.unobserved_s(a.at, answer_by) == 0
        })
    }

    /// Normalised NS codes of attempt `i` (an `OTAA` attributed to it becomes `UPLINK_MIC`
    /// when a log within 5 s says the MIC is wrong).
    #[must_use]
    pub fn attempt_codes(&self, i: usize) -> BTreeSet<String> {
        let Some(a) = self.attempt(i) else { return BTreeSet::new() };
        a.ns_log_codes
            .iter()
            .map(|c| {
                let n = normalize_code(c);
                if n == CODE_DEVNONCE
                    && self
                        .record
                        .logs
                        .iter()
                        .any(|l| (l.at - a.at).num_seconds().abs() <= 5 && log_code(l) == CODE_MIC)
                {
                    CODE_MIC.to_string()
                } else {
                    n
                }
            })
            .collect()
    }

    /// Trailing attempts carrying `code`, and trailing logs with `code`: `(count, evidence)`,
    /// where count is the larger of the two (one log per attempt is the normal case).
    #[must_use]
    pub fn trailing_code(&self, code: &str) -> (usize, Vec<u64>) {
        let attempts: Vec<u64> = self
            .trailing
            .iter()
            .filter(|&&i| self.attempt_codes(i).contains(code))
            .filter_map(|&i| self.attempt(i).map(|a| a.index))
            .collect();
        let logs: Vec<u64> =
            self.trailing_logs.iter().filter(|l| log_code(l) == code).map(|l| l.index).collect();
        let n = attempts.len().max(logs.len());
        (n, attempts.into_iter().chain(logs).collect())
    }

    /// Whether a later join-request follows attempt `i` (the device did not take the answer).
    #[must_use]
    pub fn followed_by_rejoin(&self, i: usize) -> bool {
        self.attempt(i).is_some_and(|a| self.rejoin_after(a.at))
    }

    /// Whether a join-request was received after `at`.
    #[must_use]
    pub fn rejoin_after(&self, at: DateTime<Utc>) -> bool {
        self.record.join_attempts.iter().any(|b| b.at > at)
    }

    /// Positions (in `record.join_accepts`) of the join-accepts scheduled after the last uplink.
    #[must_use]
    pub fn trailing_accepts(&self) -> Vec<usize> {
        (0..self.record.join_accepts.len())
            .filter(|&k| self.last_uplink_at.is_none_or(|l| self.record.join_accepts[k].at > l))
            .collect()
    }

    /// Application-level join events after the last uplink: `(index, at)`.
    #[must_use]
    pub fn trailing_app_joins(&self) -> Vec<(u64, DateTime<Utc>)> {
        self.record
            .app_joins
            .iter()
            .filter(|(_, at, _)| self.last_uplink_at.is_none_or(|l| *at > l))
            .map(|(i, at, _)| (*i, *at))
            .collect()
    }

    /// Message index of attempt `i` (for evidence).
    #[must_use]
    pub fn index_of(&self, i: usize) -> Option<u64> {
        self.attempt(i).map(|a| a.index)
    }

    /// Best-gateway margin of attempt `i`.
    #[must_use]
    pub fn attempt_margin(&self, i: usize) -> Option<f64> {
        let a = self.attempt(i)?;
        thresholds::margin_db(best_snr(&a.receptions)?, a.tx.spreading_factor?, a.tx.bandwidth_hz)
    }

    /// Seconds between consecutive trailing attempts.
    #[must_use]
    pub fn trailing_gaps(&self) -> Vec<i64> {
        let times: Vec<DateTime<Utc>> =
            self.trailing.iter().filter_map(|&i| self.attempt(i).map(|a| a.at)).collect();
        times.windows(2).map(|w| (w[1] - w[0]).num_seconds()).collect()
    }

    /// The most common SF/bandwidth of the trailing attempts.
    #[must_use]
    pub fn trailing_sf(&self) -> Option<(u8, Option<u32>)> {
        let mut counts: std::collections::BTreeMap<(u8, Option<u32>), usize> = Default::default();
        for &i in &self.trailing {
            if let Some(sf) = self.attempt(i).and_then(|a| a.tx.spreading_factor) {
                let bw = self.attempt(i).and_then(|a| a.tx.bandwidth_hz);
                *counts.entry((sf, bw)).or_default() += 1;
            }
        }
        counts.into_iter().max_by_key(|(k, n)| (*n, k.0)).map(|(k, _)| k)
    }

    /// US915/AU915 sub-bands the device's join-requests were heard on.
    #[must_use]
    pub fn sub_bands(&self) -> (Option<Plan>, BTreeSet<u8>) {
        let mut plan = None;
        let mut bands = BTreeSet::new();
        for a in &self.record.join_attempts {
            if let Some((p, b)) = a.tx.frequency_hz.and_then(region::sub_band) {
                plan = Some(p);
                bands.insert(b);
            }
        }
        (plan, bands)
    }

    /// How many of a compliant device's join-requests the gateways can hear: 1 in
    /// `8 / sub-bands heard` on US915/AU915, else 1 in 1.
    #[must_use]
    pub fn visibility_factor(&self) -> u64 {
        match self.sub_bands() {
            (Some(_), bands) if !bands.is_empty() => {
                (region::SUB_BANDS / bands.len() as u64).max(1)
            }
            _ => 1,
        }
    }

    /// How long to wait to see `more` further join-requests.
    #[must_use]
    pub fn watch_for_attempts(&self, more: usize) -> Expectation {
        backoff::watch_for_attempts(
            more,
            &self.trailing_gaps(),
            self.profile,
            self.trailing_sf(),
            self.visibility_factor(),
        )
    }

    /// Seconds between uplinks to expect: observed median, else the profile's, else 1 h.
    #[must_use]
    pub fn uplink_interval_s(&self) -> u64 {
        if let Some(g) = self.link.median_gap_s.filter(|g| *g > 0) {
            return g as u64;
        }
        backoff::uplink_gap(self.profile).seconds
    }

    /// Window length in seconds.
    #[must_use]
    pub fn window_s(&self) -> u64 {
        (self.window.to - self.window.from).num_seconds().max(0) as u64
    }

    /// Seconds within `[from, to]` in which messages were not observed (the record's
    /// `not_observed` intervals; overlapping ones counted once). Silence there is not the
    /// device's.
    #[must_use]
    pub fn unobserved_s(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> u64 {
        if to <= from || self.record.not_observed.is_empty() {
            return 0;
        }
        let mut gaps = Gaps::default();
        for g in &self.record.not_observed {
            gaps.note(g.clone());
        }
        gaps.unobserved(Window { from, to }).num_seconds().max(0) as u64
    }

    /// Seconds of the window in which messages were observed: its length minus the time not
    /// observed.
    #[must_use]
    pub fn observed_s(&self) -> u64 {
        self.window_s().saturating_sub(self.unobserved_s(self.window.from, self.window.to))
    }

    /// The MAC version in force: the profile's, else the assumed 1.0.3.
    #[must_use]
    pub fn mac_version(&self) -> &str {
        self.profile.map_or("1.0.3", |p| p.file.mac_version.as_str())
    }

    /// True when the reference device was named and heard.
    #[must_use]
    pub fn reference_heard(&self) -> bool {
        self.reference.as_ref().is_some_and(|r| r.heard)
    }

    /// True when hearing the reference device proves that the gateways that can hear this
    /// device were receiving: it was heard through a gateway that also heard the device, or —
    /// when the device was never heard — every gateway seen in the window stayed up.
    #[must_use]
    pub fn reference_counts(&self) -> bool {
        let Some(r) = self.reference.as_ref().filter(|r| r.heard) else { return false };
        let mine = self.gateways();
        if mine.is_empty() {
            return self.offline_gateways().is_empty();
        }
        r.gateways.iter().any(|g| mine.contains(g))
    }

    /// The reference's gateways that did not hear this device (when it was heard at all).
    #[must_use]
    pub fn reference_only_gateways(&self) -> Vec<GatewayId> {
        let mine = self.gateways();
        match self.reference.as_ref() {
            Some(r) if !mine.is_empty() => {
                r.gateways.iter().filter(|g| !mine.contains(g)).cloned().collect()
            }
            _ => Vec::new(),
        }
    }

    /// The gateways that can hear the device (see [`DeviceRecord::gateway_availability`]) and
    /// were down at some time in the window, with their down periods in it.
    #[must_use]
    pub fn offline_gateways(&self) -> Vec<(&'a GatewayAvailability, Vec<&'a DownPeriod>)> {
        let (from, to) = (self.window.from, self.window.to);
        self.record
            .gateway_availability
            .iter()
            .map(|g| (g, g.down_between(from, to).collect::<Vec<_>>()))
            .filter(|(_, d)| !d.is_empty())
            .collect()
    }

    /// Gateways that heard the device.
    #[must_use]
    pub fn gateways(&self) -> BTreeSet<&'a GatewayId> {
        let r = self.record;
        r.join_attempts
            .iter()
            .flat_map(|a| a.receptions.iter())
            .chain(r.uplinks.iter().flat_map(|u| u.receptions.iter()))
            .map(|x| &x.gateway)
            .collect()
    }

    /// The profile block of the output.
    #[must_use]
    pub fn profile_used(&self) -> ProfileUsed {
        match self.profile {
            Some(p) => {
                ProfileUsed { id: Some(p.id.clone()), title: Some(p.title()), assumptions: vec![] }
            }
            None => ProfileUsed {
                id: None,
                title: None,
                assumptions: vec![
                    "no profile given: assuming LoRaWAN 1.0.3 (random DevNonces)".into(),
                    "join-requests at up to SF12, throttled only by the LoRaWAN join back-off"
                        .into(),
                    format!(
                        "uplink interval unknown (assumed at most {})",
                        backoff::format_duration(backoff::DEFAULT_UPLINK_INTERVAL_S)
                    ),
                    "OTAA or ABP is inferred from the traffic".into(),
                ],
            },
        }
    }
}

fn link_stats(record: &DeviceRecord) -> LinkStats {
    // The stats block's counter: the kept list is bounded and holds retransmissions too.
    let distinct = record.uplinks.iter().filter(|u| !u.retransmission).count() as u64;
    let received = record.stats.uplinks.max(distinct);
    let missing = record.stats.fcnt_missing;
    let margins: Vec<f64> = record
        .uplinks
        .iter()
        .filter_map(|u| {
            thresholds::margin_db(
                best_snr(&u.receptions)?,
                u.tx.spreading_factor?,
                u.tx.bandwidth_hz,
            )
        })
        .collect();
    let mut times: Vec<DateTime<Utc>> = record.uplinks.iter().map(|u| u.at).collect();
    times.sort();
    let mut gaps: Vec<i64> = times.windows(2).map(|w| (w[1] - w[0]).num_seconds()).collect();
    gaps.sort_unstable();
    LinkStats {
        received,
        missing,
        loss: thresholds::loss_fraction(received, missing),
        median_margin: median(&margins),
        margins,
        median_gap_s: gaps.get(gaps.len() / 2).copied(),
    }
}

fn reference_seen(opts: &DiagnoseOptions<'_>) -> Option<ReferenceSeen> {
    let dev_eui = opts.reference_dev_eui.or(opts.reference.map(|r| r.dev_eui))?;
    let Some(r) = opts.reference else {
        return Some(ReferenceSeen {
            dev_eui,
            heard: false,
            join_requests: 0,
            uplinks: 0,
            gateways: vec![],
            first_heard: None,
            last_heard: None,
        });
    };
    let times = r.join_attempts.iter().map(|a| a.at).chain(r.uplinks.iter().map(|u| u.at));
    let gateways: BTreeSet<GatewayId> = r
        .join_attempts
        .iter()
        .flat_map(|a| a.receptions.iter())
        .chain(r.uplinks.iter().flat_map(|u| u.receptions.iter()))
        .map(|x| x.gateway.clone())
        .collect();
    let uplinks = r.stats.uplinks.max(r.uplinks.len() as u64);
    let join_requests = r.stats.join_requests.max(r.join_attempts.len() as u64);
    Some(ReferenceSeen {
        dev_eui,
        heard: uplinks + join_requests > 0,
        join_requests,
        uplinks,
        gateways: gateways.into_iter().collect(),
        first_heard: times.clone().min(),
        last_heard: times.max(),
    })
}
