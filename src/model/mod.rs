//! The normalized model shared by every stage of the pipeline: identifiers and events.

pub mod event;
pub mod ids;
pub mod lang;

pub use event::{
    AppUplink, DownlinkItem, DownlinkOutcome, DownlinkTiming, EventBody, LogLevel, RawMessage,
    Reception, Source, TxAckStatus, TxParams,
};
pub use ids::{AesKey, DevAddr, DevEui, Eui64, GatewayId, IdError, JoinEui};
pub use lang::Lang;
