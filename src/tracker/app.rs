//! Application-integration events other than `up`: joins, NS logs, status, downlink outcomes.
//!
//! - `OTAA` and `UPLINK_MIC` logs (ChirpStack sends them about 200 ms after the gateway
//!   uplink) are attributed to the most recent join attempt within [`LOG_WINDOW_MS`] that does
//!   not carry that code yet; an `OTAA` log's `dev_nonce` (decimal) must match.
//! - `UPLINK_F_CNT_RESET` logs stand for frames the NS dropped without an `up` event.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::model::{DevAddr, DevEui, DownlinkOutcome, GatewayId, LogLevel};

use super::device::DeviceState;
use super::store::{Kind, Note, StatusNote, TEntry};
use super::{LOG_WINDOW_MS, LogRecord, REJOIN_GRACE_S, Tracker};

/// Distinct NS log codes counted per device; further codes are counted as [`OTHER_CODES`].
const MAX_LOG_CODES: usize = 64;
/// Where codes beyond [`MAX_LOG_CODES`] are counted.
const OTHER_CODES: &str = "OTHER";

/// Attributes a join-related NS log code to the join attempt it answers.
fn attribute_to_attempt(
    dev: &mut DeviceState,
    at: DateTime<Utc>,
    code: &str,
    dev_nonce: Option<u16>,
) {
    let Some(joins) = dev.joins_if_any() else { return };
    let target = joins.attempts.iter_mut().rev().take(64).find(|a| {
        let dt = (at - a.at).num_milliseconds();
        (-1000..=LOG_WINDOW_MS).contains(&dt)
            && dev_nonce.is_none_or(|n| n == a.dev_nonce)
            && !a.log_codes.iter().any(|c| c == code)
    });
    if let Some(a) = target {
        a.log_codes.push(code.to_string());
    }
}

impl Tracker {
    /// An application `join` event.
    pub(super) fn on_app_join(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        dev_addr: Option<DevAddr>,
    ) {
        if let Some(addr) = dev_addr {
            self.learn_addr(addr, dev_eui, at);
        }
        if !self.watched(&dev_eui) {
            return;
        }
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        dev.joins_mut().app_joins.push((index, at, dev_addr));
        dev.rejoin(dev_addr, at, REJOIN_GRACE_S);
        let mut e = TEntry::new(Kind::AppJoin, index, at);
        e.dev_addr = dev_addr;
        dev.log_entry(e);
    }

    /// A network-server log event.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_app_log(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        level: LogLevel,
        code: &str,
        description: &str,
        context: &BTreeMap<String, String>,
    ) {
        if !self.watched(&dev_eui) {
            return;
        }
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        let rare = dev.rare_mut();
        let key = if rare.log_codes.contains_key(code) || rare.log_codes.len() < MAX_LOG_CODES {
            code
        } else {
            OTHER_CODES
        };
        *rare.log_codes.entry(key.to_string()).or_insert(0) += 1;
        rare.logs.push(LogRecord {
            index,
            at,
            level,
            code: code.to_string(),
            description: description.to_string(),
            context: context.clone(),
        });
        dev.log_entry(TEntry::new(Kind::NsLog, index, at).code(code).text(description.to_string()));
        match code {
            "OTAA" | "UPLINK_MIC" => {
                let nonce = context.get("dev_nonce").and_then(|n| n.trim().parse::<u16>().ok());
                attribute_to_attempt(dev, at, code, nonce);
            }
            "UPLINK_F_CNT_RESET" => {
                if let Some(f) = context.get("f_cnt_up").and_then(|n| n.trim().parse::<u32>().ok())
                {
                    self.on_fcnt_reset_log(index, at, dev_eui, f);
                }
            }
            _ => {}
        }
    }

    /// A device status (DevStatusAns) event.
    pub(super) fn on_app_status(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        margin_db: Option<i32>,
        battery_percent: Option<f64>,
        external_power: bool,
    ) {
        if !self.watched(&dev_eui) {
            return;
        }
        let status = StatusNote {
            margin_db,
            battery_percent: battery_percent
                .filter(|b| b.is_finite() && !external_power)
                .map(|b| b.round().clamp(0.0, 255.0) as u8),
            external_power,
        };
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        dev.log_entry(TEntry::new(Kind::Status, index, at).note(Note::Status(status)));
    }

    /// A downlink TX ack reported by the application integration.
    pub(super) fn on_app_tx_ack(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        gateway: Option<&GatewayId>,
        f_cnt_down: Option<u32>,
    ) {
        if !self.watched(&dev_eui) {
            return;
        }
        let gw = gateway.map(|g| self.names.gateways.intern(g));
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        let mut e = TEntry::new(Kind::DownlinkTx, index, at);
        if let Some(gw) = gw {
            e.gw = gw;
        }
        e.f_cnt = f_cnt_down;
        dev.log_entry(e);
    }

    /// An application-level downlink outcome.
    pub(super) fn on_app_downlink(
        &mut self,
        index: u64,
        at: DateTime<Utc>,
        dev_eui: DevEui,
        outcome: DownlinkOutcome,
        f_cnt_down: Option<u32>,
        error: Option<&str>,
    ) {
        if !self.watched(&dev_eui) {
            return;
        }
        let dev = Self::state(&mut self.devices, &self.limits, dev_eui);
        let mut e =
            TEntry::new(Kind::Downlink, index, at).note_with_text(Note::Downlink(outcome), error);
        e.f_cnt = f_cnt_down;
        dev.log_entry(e);
    }
}
