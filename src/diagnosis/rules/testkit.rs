//! Hand-built device records for the rule table tests.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::diagnosis::DiagnoseOptions;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::rules::Outcome;
use crate::frame::{JoinAccept, MicStatus};
use crate::model::{DevAddr, DevEui, GatewayId, JoinEui, LogLevel, TxAckStatus, TxParams};
use crate::tracker::{
    DeviceRecord, FcntReset, JoinAcceptRecord, JoinAttempt, LogRecord, RxSummary, TimelineEntry,
    TxOutcome, UplinkRecord, Window,
};

/// The test device.
pub(crate) const DEV: u64 = 0x70b3_d57e_d000_0001;

/// Start of every test window.
pub(crate) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).single().unwrap_or_default()
}

/// t0 + seconds.
pub(crate) fn t(s: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(s)
}

/// A window from t0+from_s to t0+to_s.
pub(crate) fn window(from_s: i64, to_s: i64) -> Window {
    Window { from: t(from_s), to: t(to_s) }
}

/// Record builder.
pub(crate) struct Rb {
    rec: DeviceRecord,
    next: u64,
    session: u32,
    /// Gateway for new receptions.
    pub gateway: GatewayId,
    /// Frequency for new join-requests.
    pub frequency_hz: u64,
    /// Bandwidth for new frames.
    pub bandwidth_hz: u32,
}

impl Rb {
    pub(crate) fn new() -> Self {
        Self::for_device(DEV)
    }

    pub(crate) fn for_device(dev: u64) -> Self {
        Self {
            rec: DeviceRecord { dev_eui: DevEui::from_u64(dev), ..DeviceRecord::default() },
            next: 0,
            session: 0,
            gateway: GatewayId::new("0016c001f153a14c"),
            frequency_hz: 868_100_000,
            bandwidth_hz: 125_000,
        }
    }

    fn idx(&mut self) -> u64 {
        self.next += 1;
        self.next * 10
    }

    fn tx(&self, sf: u8) -> TxParams {
        TxParams {
            frequency_hz: Some(self.frequency_hz),
            spreading_factor: Some(sf),
            bandwidth_hz: Some(self.bandwidth_hz),
            coding_rate: Some("4/5".into()),
            data_rate: None,
        }
    }

    fn rx(&self, index: u64, snr: f64) -> Vec<RxSummary> {
        vec![RxSummary {
            index,
            gateway: self.gateway.clone(),
            rssi_dbm: Some(-100.0),
            snr_db: Some(snr),
        }]
    }

    /// A join-request at t0+at_s; returns its position.
    pub(crate) fn join(&mut self, at_s: i64, dev_nonce: u16, snr: f64, sf: u8) -> usize {
        let index = self.idx();
        let reused = self.rec.join_attempts.iter().any(|a| a.dev_nonce == dev_nonce);
        self.rec.join_attempts.push(JoinAttempt {
            index,
            at: t(at_s),
            join_eui: JoinEui::from_u64(0x70b3_d57e_d000_0000),
            dev_nonce,
            mic: MicStatus::Unchecked,
            tx: self.tx(sf),
            receptions: self.rx(index, snr),
            dev_nonce_reused: reused,
            ns_log_codes: vec![],
            accept: None,
        });
        self.rec.timeline.push(TimelineEntry {
            index,
            at: Some(t(at_s)),
            kind: "join_request".into(),
            dev_nonce: Some(dev_nonce),
            ..TimelineEntry::default()
        });
        self.rec.join_attempts.len() - 1
    }

    /// Sets the local MIC result of an attempt.
    pub(crate) fn mic(&mut self, pos: usize, mic: MicStatus) {
        if let Some(a) = self.rec.join_attempts.get_mut(pos) {
            a.mic = mic;
        }
    }

    /// An NS log with `code` attributed to attempt `pos`, 200 ms later.
    pub(crate) fn ns_code(&mut self, pos: usize, code: &str) {
        let index = self.idx();
        let Some(a) = self.rec.join_attempts.get_mut(pos) else { return };
        a.ns_log_codes.push(code.to_string());
        let at = a.at + Duration::milliseconds(200);
        let mut context = BTreeMap::new();
        context.insert("dev_nonce".to_string(), a.dev_nonce.to_string());
        self.rec.logs.push(LogRecord {
            index,
            at,
            level: LogLevel::Error,
            code: code.to_string(),
            description: String::new(),
            context,
        });
    }

    /// A free-standing NS log at t0+at_s.
    pub(crate) fn log(&mut self, at_s: i64, code: &str, context: &[(&str, &str)]) {
        let index = self.idx();
        self.rec.logs.push(LogRecord {
            index,
            at: t(at_s),
            level: LogLevel::Warning,
            code: code.to_string(),
            description: String::new(),
            context: context.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        });
    }

    /// A join-accept answering attempt `pos`, 1 s later; returns its position.
    pub(crate) fn accept(&mut self, pos: usize, tx: TxOutcome) -> usize {
        let index = self.idx();
        let ack_index = (tx != TxOutcome::Pending).then(|| index + 1);
        let at = self.rec.join_attempts.get(pos).map_or(t0(), |a| a.at + Duration::seconds(1));
        self.rec.join_accepts.push(JoinAcceptRecord {
            index,
            at,
            gateway: self.gateway.clone(),
            downlink_id: index as u32,
            rx1_delay_s: Some(5.0),
            attempt: Some(pos),
            tx,
            ack_index,
            decrypted: None,
            mic: MicStatus::Unchecked,
        });
        let k = self.rec.join_accepts.len() - 1;
        if let Some(a) = self.rec.join_attempts.get_mut(pos) {
            a.accept = Some(k);
        }
        k
    }

    /// Sets the MIC status of a join-accept.
    pub(crate) fn accept_mic(&mut self, k: usize, mic: MicStatus) {
        if let Some(ja) = self.rec.join_accepts.get_mut(k) {
            ja.mic = mic;
        }
    }

    /// Attaches decrypted content to a join-accept.
    pub(crate) fn decrypted(&mut self, k: usize, ja: JoinAccept) {
        if let Some(r) = self.rec.join_accepts.get_mut(k) {
            r.decrypted = Some(ja);
            r.mic = MicStatus::Valid;
        }
    }

    /// Uplinks with the given frame counters, `interval_s` apart from t0+start_s.
    pub(crate) fn uplinks(
        &mut self,
        start_s: i64,
        interval_s: i64,
        fcnts: impl IntoIterator<Item = u32>,
        snr: f64,
        sf: u8,
    ) {
        self.session += 1;
        for (k, f_cnt) in fcnts.into_iter().enumerate() {
            self.uplink_at(start_s + k as i64 * interval_s, f_cnt, snr, sf);
        }
    }

    /// One uplink in the current session.
    pub(crate) fn uplink_at(&mut self, at_s: i64, f_cnt: u32, snr: f64, sf: u8) {
        let index = self.idx();
        self.rec.uplinks.push(UplinkRecord {
            index,
            at: t(at_s),
            dev_addr: DevAddr(0x260b_1234),
            f_cnt,
            f_port: Some(1),
            confirmed: false,
            tx: self.tx(sf),
            receptions: self.rx(index, snr),
            session: self.session,
            mic: MicStatus::Unchecked,
            retransmission: false,
        });
        self.rec.timeline.push(TimelineEntry {
            index,
            at: Some(t(at_s)),
            kind: "uplink".into(),
            f_cnt: Some(f_cnt),
            ..TimelineEntry::default()
        });
    }

    /// A frame-counter restart at t0+at_s.
    pub(crate) fn reset(&mut self, at_s: i64, from: u32, to: u32) {
        let index = self.idx();
        self.rec.fcnt_resets.push(FcntReset { index, at: t(at_s), from, to });
    }

    /// An application-level join event.
    pub(crate) fn app_join(&mut self, at_s: i64) {
        let index = self.idx();
        self.rec.app_joins.push((index, t(at_s), Some(DevAddr(0x260b_1234))));
    }

    /// The record with its stats filled in.
    pub(crate) fn build(mut self) -> DeviceRecord {
        let r = &mut self.rec;
        let s = &mut r.stats;
        s.join_requests = r.join_attempts.len() as u64;
        s.join_accepts = r.join_accepts.len() as u64;
        s.join_accept_tx_ok =
            r.join_accepts.iter().filter(|a| a.tx == TxOutcome::Ok).count() as u64;
        s.join_accept_tx_failed =
            r.join_accepts.iter().filter(|a| matches!(a.tx, TxOutcome::Failed(_))).count() as u64;
        let nonces: std::collections::BTreeSet<u16> =
            r.join_attempts.iter().map(|a| a.dev_nonce).collect();
        s.dev_nonces_distinct = nonces.len() as u64;
        s.dev_nonces_reused = r.join_attempts.iter().filter(|a| a.dev_nonce_reused).count() as u64;
        s.uplinks = r.uplinks.len() as u64;
        s.fcnt_first = r.uplinks.first().map(|u| u.f_cnt);
        s.fcnt_last = r.uplinks.last().map(|u| u.f_cnt);
        let resets: Vec<u64> = r.fcnt_resets.iter().map(|x| x.index).collect();
        s.fcnt_missing = r
            .uplinks
            .windows(2)
            .filter(|w| w[0].session == w[1].session && w[1].f_cnt > w[0].f_cnt)
            .filter(|w| !resets.iter().any(|&i| i > w[0].index && i < w[1].index))
            .map(|w| u64::from(w[1].f_cnt - w[0].f_cnt - 1))
            .sum();
        s.fcnt_resets = r.fcnt_resets.len() as u64;
        s.gateways = 1;
        for l in &r.logs {
            *s.ns_log_codes.entry(l.code.clone()).or_default() += 1;
        }
        r.evidence = r.timeline.iter().map(|e| e.index).collect();
        self.rec
    }
}

/// A failed TX outcome.
pub(crate) fn too_late() -> TxOutcome {
    TxOutcome::Failed(TxAckStatus::TooLate)
}

/// Runs one rule over a record with a window and no profile or reference.
pub(crate) fn run_rule(
    rule: fn(&Facts<'_>) -> Outcome,
    record: &DeviceRecord,
    from_s: i64,
    to_s: i64,
) -> Outcome {
    let opts = DiagnoseOptions::new(window(from_s, to_s));
    run_rule_with(rule, record, &opts)
}

/// Runs one rule with options.
pub(crate) fn run_rule_with(
    rule: fn(&Facts<'_>) -> Outcome,
    record: &DeviceRecord,
    opts: &DiagnoseOptions<'_>,
) -> Outcome {
    let f = Facts::new(record.dev_eui, record, opts);
    rule(&f)
}

/// A gateway down from t0+`from_s` (message #500, last sign of life #490) until t0+`to_s`
/// (#900), or to the end.
pub(crate) fn offline(
    gw: &str,
    from_s: i64,
    reason: crate::tracker::gateways::ChangeReason,
    to_s: Option<i64>,
) -> crate::tracker::gateways::GatewayAvailability {
    use crate::tracker::gateways::{DownPeriod, GatewayAvailability, Mark};
    GatewayAvailability {
        gateway: GatewayId::new(gw),
        stats_messages: 20,
        stats_interval_s: Some(30.0),
        changes: vec![],
        down: vec![DownPeriod {
            from: Mark { index: 500, at: t(from_s) },
            reason,
            last_life: Some(Mark { index: 490, at: t(from_s - 20) }),
            to: to_s.map(|s| Mark { index: 900, at: t(s) }),
        }],
        evidence: vec![490, 500],
    }
}

/// An interval not observed (messages may have been lost) from t0+from_s to t0+to_s.
pub(crate) fn not_observed(from_s: i64, to_s: i64) -> crate::tracker::gaps::Gap {
    crate::tracker::gaps::Gap {
        from: t(from_s),
        to: t(to_s),
        reason: crate::tracker::gaps::GapReason::SessionNotResumed,
        loss_possible: true,
    }
}

/// Asserts that `c`'s summary says each text in its language, and `never` in none.
pub(crate) fn assert_says(
    c: &crate::diagnosis::rules::Candidate,
    said: [(crate::model::Lang, &str); 4],
    never: &str,
) {
    for (lang, text) in said {
        let summary = c.text.as_ref().map(|t| t.render(lang)).unwrap_or_default();
        assert!(summary.contains(text), "{lang:?}: {summary}");
        assert!(!summary.contains(never), "{lang:?}: {summary}");
    }
}
