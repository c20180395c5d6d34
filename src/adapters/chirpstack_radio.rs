//! ChirpStack radio metadata in JSON: `gw.UplinkRxInfo`, `gw.UplinkTxInfo` and
//! `gw.DownlinkTxInfo` (v4) and their ChirpStack v3 forms.
//!
//! - Shared by the gateway adapter and both ChirpStack application adapters, which embed the
//!   same messages (`rxInfo`, `txInfo`).
//! - v4 writes `gatewayId` (hex), `snr`, `modulation: {"lora": {…}}` with Hz bandwidth and
//!   `codeRate: "CR_4_5"`; v3 writes `gatewayID` (base64 or hex), `loRaSNR`,
//!   `modulation: "LORA"` + `loRaModulationInfo` with kHz bandwidth and `codeRate: "4/5"`.
//!   One set of structs reads both; conversions normalise to the model's units.

use serde::Deserialize;

use super::AdapterError;
use super::common::{self, CODE_RATE_NAMES, EnumValue, ObjOrName, Text};
use crate::model::{DownlinkTiming, GatewayId, Reception, TxParams};

/// `gw.UplinkRxInfo` (v4) / `UplinkRXInfo` (v3) in JSON.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RxInfoJson<'a> {
    #[serde(borrow)]
    gateway_id: Option<Text<'a>>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id_v3: Option<Text<'a>>,
    rssi: Option<f64>,
    snr: Option<f64>,
    #[serde(rename = "loRaSNR")]
    lora_snr: Option<f64>,
    channel: Option<u32>,
    #[serde(borrow)]
    gw_time: Option<Text<'a>>,
    #[serde(borrow)]
    time: Option<Text<'a>>,
    #[serde(borrow)]
    context: Option<Text<'a>>,
    #[serde(borrow)]
    crc_status: Option<EnumValue<'a>>,
}

/// `gw.UplinkTxInfo` / `gw.DownlinkTxInfo` (v4) and their v3 forms in JSON.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TxInfoJson<'a> {
    frequency: Option<u64>,
    /// TX power (downlinks).
    pub(super) power: Option<i32>,
    #[serde(borrow)]
    modulation: Option<ObjOrName<ModulationJson<'a>>>,
    #[serde(borrow, rename = "loRaModulationInfo")]
    lora_modulation_info: Option<LoraJson<'a>>,
    #[serde(borrow)]
    timing: Option<ObjOrName<TimingJson<'a>>>,
    #[serde(borrow)]
    delay_timing_info: Option<DelayJson<'a>>,
    /// Gateway context (downlinks).
    #[serde(borrow)]
    pub(super) context: Option<Text<'a>>,
    /// ChirpStack v3 `json_v3` application events: `txInfo.dr`.
    pub(super) dr: Option<u32>,
    #[serde(borrow, rename = "gatewayID")]
    gateway_id_v3: Option<Text<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ModulationJson<'a> {
    #[serde(borrow)]
    lora: Option<LoraJson<'a>>,
    #[serde(borrow)]
    lr_fhss: Option<LrFhssJson<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoraJson<'a> {
    bandwidth: Option<u32>,
    spreading_factor: Option<u32>,
    #[serde(borrow)]
    code_rate: Option<EnumValue<'a>>,
    #[serde(borrow)]
    code_rate_legacy: Option<Text<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LrFhssJson<'a> {
    #[serde(borrow)]
    code_rate: Option<EnumValue<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TimingJson<'a> {
    immediately: Option<serde::de::IgnoredAny>,
    #[serde(borrow)]
    delay: Option<DelayJson<'a>>,
    gps_epoch: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
struct DelayJson<'a> {
    #[serde(borrow)]
    delay: Option<Text<'a>>,
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
