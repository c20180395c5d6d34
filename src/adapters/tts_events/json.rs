//! The parts of `ttn.lorawan.v3.Event` and of its `data` messages that rmacheck reads
//! (api/ttn/lorawan/v3/events.proto, messages.proto, lorawan.proto, error.proto).
//!
//! Proto field names, enums as names or numbers, 64-bit integers as strings or numbers, bytes
//! as base64, EUIs and DevAddrs as hex (older versions: base64): every field is optional, so
//! any version's event reads.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::super::common::{EnumValue, Text, num_or_str};
use super::super::tts::{ErrorDetailsJson, GatewayIdsJson, RxMetadataJson, SettingsJson};

/// The event envelope with a `data` of type `D`.
#[derive(Debug, Deserialize)]
pub(super) struct EventJson<'a, D> {
    #[serde(borrow)]
    pub(super) identifiers: Option<Vec<EntityIdsJson<'a>>>,
    pub(super) data: Option<D>,
    #[serde(borrow)]
    pub(super) correlation_ids: Option<Vec<Text<'a>>>,
}

/// Only the name, to choose how to read the rest.
#[derive(Debug, Deserialize)]
pub(super) struct NameJson<'a> {
    #[serde(borrow)]
    pub(super) name: Option<Text<'a>>,
    /// `{"result": Event}` (Events API stream).
    #[serde(borrow)]
    pub(super) result: Option<Box<NameJson<'a>>>,
}

/// `ttnpb.EntityIdentifiers` (the two kinds events name).
#[derive(Debug, Deserialize)]
pub(super) struct EntityIdsJson<'a> {
    #[serde(borrow)]
    pub(super) device_ids: Option<DeviceIdsJson<'a>>,
    #[serde(borrow)]
    pub(super) gateway_ids: Option<GatewayIdsJson<'a>>,
}

/// `ttnpb.EndDeviceIdentifiers`.
#[derive(Debug, Deserialize)]
pub(super) struct DeviceIdsJson<'a> {
    #[serde(borrow)]
    pub(super) device_id: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) dev_eui: Option<Text<'a>>,
}

/// `ttnpb.UplinkMessage`, or `ttnpb.GatewayUplinkMessage` (`{message, band_id}`, v3.2x+).
#[derive(Debug, Deserialize)]
pub(super) struct UplinkJson<'a> {
    #[serde(borrow)]
    pub(super) raw_payload: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) rx_metadata: Option<Vec<RxMetadataJson<'a>>>,
    #[serde(borrow)]
    pub(super) settings: Option<SettingsJson<'a>>,
    /// `GatewayUplinkMessage.message`.
    #[serde(borrow)]
    pub(super) message: Option<Box<UplinkJson<'a>>>,
}

/// `ttnpb.DownlinkMessage`.
#[derive(Debug, Deserialize)]
pub(super) struct DownlinkJson<'a> {
    #[serde(borrow)]
    pub(super) raw_payload: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) request: Option<TxRequestJson<'a>>,
    #[serde(borrow)]
    pub(super) scheduled: Option<SettingsJson<'a>>,
    #[serde(borrow)]
    pub(super) correlation_ids: Option<Vec<Text<'a>>>,
}

/// `ttnpb.TxRequest`.
#[derive(Debug, Deserialize)]
pub(super) struct TxRequestJson<'a> {
    #[serde(borrow)]
    pub(super) downlink_paths: Option<Vec<DownlinkPathJson<'a>>>,
    #[serde(borrow)]
    pub(super) rx1_delay: Option<EnumValue<'a>>,
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) rx1_frequency: Option<u64>,
    #[serde(borrow)]
    pub(super) rx1_data_rate: Option<super::super::tts::DataRateJson<'a>>,
}

/// `ttnpb.DownlinkPath`: `{uplink_token}` or `{fixed: {gateway_ids}}`.
#[derive(Debug, Deserialize)]
pub(super) struct DownlinkPathJson<'a> {
    #[serde(borrow)]
    pub(super) uplink_token: Option<Text<'a>>,
    #[serde(borrow)]
    pub(super) fixed: Option<FixedPathJson<'a>>,
}

/// `ttnpb.GatewayAntennaIdentifiers`.
#[derive(Debug, Deserialize)]
pub(super) struct FixedPathJson<'a> {
    #[serde(borrow)]
    pub(super) gateway_ids: Option<GatewayIdsJson<'a>>,
}

/// `ttnpb.ErrorDetails` with its causes, attributes and details.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorJson<'a> {
    #[serde(borrow, flatten)]
    pub(super) head: ErrorDetailsJson<'a>,
    pub(super) attributes: Option<AttributesJson>,
    #[serde(borrow)]
    pub(super) cause: Option<Box<ErrorJson<'a>>>,
    /// `ScheduleDownlinkErrorDetails {path_errors: [ErrorDetails]}` among others.
    #[serde(borrow)]
    pub(super) details: Option<Vec<ErrorDetailJson<'a>>>,
    /// A `google.protobuf.StringValue` (errors that are not The Things Stack's own).
    #[serde(borrow)]
    pub(super) value: Option<Text<'a>>,
}

/// The attributes rmacheck reads (`transmission`'s `result`).
#[derive(Debug, Deserialize)]
pub(super) struct AttributesJson {
    pub(super) result: Option<serde_json::Value>,
}

/// One `details` entry.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorDetailJson<'a> {
    #[serde(borrow)]
    pub(super) path_errors: Option<Vec<ErrorJson<'a>>>,
}

/// `gs.down.tx.fail` data: a `google.protobuf.Value` holding the `TxAcknowledgment.Result`
/// (name or number), or a `TxAcknowledgment` (`{result}`).
#[derive(Debug, Deserialize)]
pub(super) struct TxResultJson<'a> {
    #[serde(borrow)]
    pub(super) value: Option<EnumValue<'a>>,
    #[serde(borrow)]
    pub(super) result: Option<EnumValue<'a>>,
}

/// `ttnpb.GatewayStatus` (`gs.status.receive`).
#[derive(Debug, Deserialize)]
pub(super) struct StatusJson {
    pub(super) metrics: Option<MetricsJson>,
}

/// The packet-forwarder counters in `GatewayStatus.metrics`.
#[derive(Debug, Deserialize)]
pub(super) struct MetricsJson {
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) rxin: Option<f64>,
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) rxok: Option<f64>,
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) txin: Option<f64>,
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) txok: Option<f64>,
}

/// `ttnpb.MACCommand.DevStatusAns`.
#[derive(Debug, Deserialize)]
pub(super) struct DevStatusJson {
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) battery: Option<u32>,
    #[serde(default, deserialize_with = "num_or_str")]
    pub(super) margin: Option<i32>,
}

/// Any data (kept only to check that it is JSON).
pub(super) type AnyData = IgnoredAny;
