//! ChirpStack radio metadata in JSON: `gw.UplinkRxInfo`, `gw.UplinkTxInfo` and
//! `gw.DownlinkTxInfo` (v4) and their ChirpStack v3 forms.
//!
//! - Shared by the gateway adapter and both ChirpStack application adapters, which embed the
//!   same messages (`rxInfo`, `txInfo`).
//! - v4 writes `gatewayId` (hex), `snr`, `modulation: {"lora": {…}}` with Hz bandwidth and
//!   `codeRate: "CR_4_5"`; v3 writes `gatewayID` (base64 or hex), `loRaSNR`,
//!   `modulation: "LORA"` + `loRaModulationInfo` with kHz bandwidth and `codeRate: "4/5"`.
//!   One set of structs reads both; conversions normalise to the model's units.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::AdapterError;
use super::common::{self, CODE_RATE_NAMES, EnumValue, ObjOrName, Text};
use crate::model::{DownlinkTiming, GatewayId, Reception, TxParams};

/// `gw.UplinkRxInfo` (v4) / `UplinkRXInfo` (v3) in JSON, fields in the order ChirpStack
/// writes them. Fields marked `skip_deserializing` are written by the simulator only (the
/// adapters skip them unread, as they do any unknown field).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RxInfoJson<'a> {
    /// Gateway ID (v4, hex).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Text<'a>>,
    /// Gateway ID (v3, base64 or hex).
    #[serde(borrow, rename = "gatewayID", skip_serializing_if = "Option::is_none")]
    pub gateway_id_v3: Option<Text<'a>>,
    /// Random per reception.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub uplink_id: Option<u32>,
    /// Gateway time of reception.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub gw_time: Option<Text<'a>>,
    /// Reception time (v3).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub time: Option<Text<'a>>,
    /// Set by the network server (application events).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub ns_time: Option<Text<'a>>,
    /// dBm (a protobuf integer, written as one).
    #[serde(serialize_with = "common::whole", skip_serializing_if = "Option::is_none")]
    pub rssi: Option<f64>,
    /// dB (v4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snr: Option<f64>,
    /// dB (v3).
    #[serde(rename = "loRaSNR", skip_serializing_if = "Option::is_none")]
    pub lora_snr: Option<f64>,
    /// Concentrator channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<u32>,
    /// RF chain.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub rf_chain: Option<u32>,
    /// Gateway context (Semtech `tmst`), base64.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text<'a>>,
    /// Region metadata (application events).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// `CRC_OK`, …
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub crc_status: Option<EnumValue<'a>>,
}

/// `gw.UplinkTxInfo` / `gw.DownlinkTxInfo` (v4) and their v3 forms in JSON.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TxInfoJson<'a> {
    /// Hz.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<u64>,
    /// TX power (downlinks), dBm EIRP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power: Option<i32>,
    /// v4 object (`{"lora": …}`) or v3 name (`"LORA"`).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub modulation: Option<ObjOrName<ModulationJson<'a>>>,
    /// v3 LoRa parameters.
    #[serde(borrow, rename = "loRaModulationInfo", skip_serializing_if = "Option::is_none")]
    pub lora_modulation_info: Option<LoraJson<'a>>,
    /// v4 object (`{"delay": …}`) or v3 name (`"DELAY"`), downlinks.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub timing: Option<ObjOrName<TimingJson<'a>>>,
    /// v3 delay.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub delay_timing_info: Option<DelayJson<'a>>,
    /// Gateway context (downlinks).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text<'a>>,
    /// ChirpStack v3 `json_v3` application events: `txInfo.dr`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dr: Option<u32>,
    /// Gateway ID (v3 downlinks).
    #[serde(borrow, rename = "gatewayID", skip_serializing_if = "Option::is_none")]
    pub gateway_id_v3: Option<Text<'a>>,
}

/// `common.Modulation`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModulationJson<'a> {
    /// LoRa.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub lora: Option<LoraJson<'a>>,
    /// LR-FHSS.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub lr_fhss: Option<LrFhssJson<'a>>,
}

/// `gw.LoraModulationInfo` (v4 Hz bandwidth, v3 kHz).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoraJson<'a> {
    /// Bandwidth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth: Option<u32>,
    /// SF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spreading_factor: Option<u32>,
    /// `CR_4_5` (v4) or `4/5` (v3).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub code_rate: Option<EnumValue<'a>>,
    /// Legacy code-rate string.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub code_rate_legacy: Option<Text<'a>>,
    /// Set on downlinks.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub polarization_inversion: Option<bool>,
}

/// `gw.LrFhssModulationInfo` (the code rate only).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LrFhssJson<'a> {
    /// Code rate.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub code_rate: Option<EnumValue<'a>>,
}

/// `gw.Timing`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingJson<'a> {
    /// Immediately (read as present or not).
    #[serde(skip_serializing)]
    pub immediately: Option<serde::de::IgnoredAny>,
    /// Delay timing.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub delay: Option<DelayJson<'a>>,
    /// GPS-epoch timing (read as present or not).
    #[serde(skip_serializing)]
    pub gps_epoch: Option<serde::de::IgnoredAny>,
}

/// `gw.DelayTimingInfo`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DelayJson<'a> {
    /// Duration string (`"5s"`).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub delay: Option<Text<'a>>,
}

impl TxInfoJson<'_> {
    /// Radio parameters; `dr` is the data-rate index when the event carries one.
    pub(super) fn params(&self, dr: Option<u32>) -> TxParams {
        let modulation = self.modulation.as_ref().and_then(ObjOrName::obj);
        let lora = modulation.and_then(|m| m.lora.as_ref()).or(self.lora_modulation_info.as_ref());
        let mut p = TxParams {
            frequency_hz: self.frequency.filter(|f| *f != 0),
            data_rate: dr.or(self.dr).and_then(|d| u8::try_from(d).ok()),
            ..TxParams::default()
        };
        if let Some(l) = lora {
            p.spreading_factor = l.spreading_factor.and_then(common::spreading_factor);
            p.bandwidth_hz = l.bandwidth.and_then(common::bandwidth_hz);
            p.coding_rate = lora_code_rate(l.code_rate.as_ref(), l.code_rate_legacy.as_deref());
        } else if let Some(fhss) = modulation.and_then(|m| m.lr_fhss.as_ref()) {
            p.coding_rate = lora_code_rate(fhss.code_rate.as_ref(), None);
        }
        p
    }

    /// The downlink timing (v4 `timing` object or v3 `timing` name + `delayTimingInfo`).
    pub(super) fn downlink_timing(&self) -> Result<Option<DownlinkTiming>, AdapterError> {
        let delay = |d: Option<&DelayJson<'_>>| -> Result<DownlinkTiming, AdapterError> {
            let seconds = match d.and_then(|d| d.delay.as_deref()) {
                Some(s) => common::duration("txInfo.timing.delay.delay", s)?,
                None => 0.0,
            };
            Ok(DownlinkTiming::Delay { seconds })
        };
        if let Some(d) = &self.delay_timing_info {
            return delay(Some(d)).map(Some);
        }
        let Some(t) = self.timing.as_ref().and_then(ObjOrName::obj) else {
            return Ok(None);
        };
        if t.delay.is_some() {
            delay(t.delay.as_ref()).map(Some)
        } else if t.immediately.is_some() {
            Ok(Some(DownlinkTiming::Immediately))
        } else if t.gps_epoch.is_some() {
            Ok(Some(DownlinkTiming::GpsEpoch))
        } else {
            Ok(None)
        }
    }

    /// A v3 downlink's gateway ID (`txInfo.gatewayID`).
    pub(super) fn gateway_v3(&self) -> Option<&str> {
        self.gateway_id_v3.as_deref().filter(|s| !s.is_empty())
    }

    /// Whether the modulation is LoRa (so an absent SNR means 0 dB, not "not measured").
    pub(super) fn is_lora(&self) -> bool {
        self.lora_modulation_info.is_some()
            || self.modulation.as_ref().and_then(ObjOrName::obj).is_some_and(|m| m.lora.is_some())
    }
}

fn lora_code_rate(cr: Option<&EnumValue<'_>>, legacy: Option<&str>) -> Option<String> {
    cr.and_then(|c| common::code_rate(&c.name(&CODE_RATE_NAMES)))
        .or_else(|| legacy.and_then(common::code_rate))
}

impl RxInfoJson<'_> {
    /// The gateway this reception names, if any.
    pub(super) fn gateway(&self) -> Option<GatewayId> {
        self.gateway_id
            .as_deref()
            .or(self.gateway_id_v3.as_deref())
            .filter(|s| !s.is_empty())
            .map(common::chirpstack_gateway)
    }

    /// The normalized reception. `zero_defaults`: the producer omits zero values (proto3
    /// JSON), so an absent channel is channel 0 and an absent LoRa SNR is 0 dB.
    pub(super) fn reception(
        &self,
        gateway: GatewayId,
        lora: bool,
        zero_defaults: bool,
    ) -> Result<Reception, AdapterError> {
        let snr = self.snr.or(self.lora_snr).or((zero_defaults && lora).then_some(0.0));
        let time_field = if self.gw_time.is_some() { "rxInfo.gwTime" } else { "rxInfo.time" };
        let crc_ok = self.crc_status.as_ref().and_then(|c| {
            match &*c.name(&["NO_CRC", "BAD_CRC", "CRC_OK"]) {
                "CRC_OK" => Some(true),
                "BAD_CRC" => Some(false),
                _ => None,
            }
        });
        Ok(Reception {
            gateway,
            rssi_dbm: self.rssi,
            snr_db: snr,
            channel: self.channel.or(zero_defaults.then_some(0)),
            gw_time: common::opt_time(time_field, self.gw_time.as_ref().or(self.time.as_ref()))?,
            context: match self.context.as_deref() {
                Some(c) => common::b64("rxInfo.context", c)?,
                None => Vec::new(),
            },
            crc_ok,
        })
    }
}
