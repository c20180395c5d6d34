//! The ChirpStack v4 JSON shapes, described once: the adapters read them, the simulator
//! ([`crate::sim`]) writes them.
//!
//! - Every field is optional: the adapters read absence as zero, and the writer omits a field
//!   by leaving it `None`. Gateway topics follow Go protojson without defaults (the simulator
//!   leaves zero values `None`); `integration` events follow pbjson with defaults (the
//!   simulator sets every scalar the event has).
//! - Fields are declared in the order ChirpStack writes them, so serialising gives its bytes.
//! - Fields only the simulator needs are `skip_deserializing`: the adapters skip them unread.

pub use super::chirpstack_app::{DeviceInfoJson, EventJson};
pub use super::chirpstack_gw::{
    ConnJson, DownlinkFrameJson, DownlinkItemJson, StatsJson, TxAckItemJson, TxAckJson,
    UplinkFrameJson,
};
pub use super::chirpstack_radio::{
    DelayJson, LoraJson, LrFhssJson, ModulationJson, RxInfoJson, TimingJson, TxInfoJson,
};
pub use super::common::{EnumValue, ObjOrName, Text};
