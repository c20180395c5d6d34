//! LoRaWAN PHYPayload decoding, MIC checks, join-accept decryption and frame creation.
//!
//! This is the only module that imports the `lorawan` crate, so a move to its next API
//! changes these files alone.
//!
//! - [`parse`] reads the cleartext header fields of any frame (no keys needed).
//! - With keys: [`join_request_mic`], [`decrypt_join_accept`], [`data_mic`].
//! - [`create`] builds real frames (join-request, join-accept, data) for the simulator.
//!
//! Invariants: no function here panics on any byte input (every length is checked before the
//! `lorawan` crate sees the bytes); key material is never part of an error or `Debug` output.
//! Byte order follows the LoRaWAN wire format: EUIs, DevNonce, JoinNonce, NetID, DevAddr and
//! CFList frequencies are little-endian on air and are returned as numbers / display-order IDs.
//! Only LoRaWAN 1.0.x key schedules are implemented (a 1.1 join-accept, OptNeg set, fails the
//! 1.0 MIC check).

pub mod create;
mod crypto;
pub mod keys;
mod parse;

pub use crypto::{
    data_mic, decrypt_frm_payload, decrypt_join_accept, derive_session_keys, join_request_mic,
};
pub use parse::parse;

use serde::{Deserialize, Serialize};

use crate::model::{AesKey, DevAddr, DevEui, JoinEui};

/// Why a frame could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// Too short or inconsistent for its message type.
    #[error("malformed LoRaWAN frame: {0}")]
    Malformed(String),
    /// The MIC does not match (wrong key).
    #[error("MIC check failed: the key does not match the one the frame was made with")]
    InvalidMic,
    /// A frame cannot be built from these values (simulator / test input).
    #[error("cannot build the LoRaWAN frame: {0}")]
    InvalidInput(String),
    /// The operation does not apply to this message type.
    #[error("expected a {expected} frame, got {found}")]
    WrongType {
        /// What the operation needs.
        expected: &'static str,
        /// What the frame is.
        found: &'static str,
    },
}

/// Result of a MIC check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum MicStatus {
    /// No key was available.
    #[default]
    Unchecked,
    /// Verified with the supplied key.
    Valid,
    /// Does not verify with the supplied key.
    Invalid,
}

impl MicStatus {
    /// `unchecked` / `valid` / `invalid`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A join-request's cleartext fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinRequest {
    /// JoinEUI (AppEUI).
    pub join_eui: JoinEui,
    /// DevEUI.
    pub dev_eui: DevEui,
    /// DevNonce as a number (wire bytes are little-endian).
    pub dev_nonce: u16,
    /// MIC as sent.
    pub mic: [u8; 4],
}

/// A data frame's cleartext header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFrame {
    /// Uplink (true) or downlink.
    pub uplink: bool,
    /// Confirmed message type.
    pub confirmed: bool,
    /// Device address.
    pub dev_addr: DevAddr,
    /// FCtrl: ADR.
    pub adr: bool,
    /// FCtrl: ACK.
    pub ack: bool,
    /// Low 16 bits of the frame counter as sent.
    pub f_cnt16: u16,
    /// FOpts bytes (MAC commands in the header).
    pub f_opts: Vec<u8>,
    /// FPort, `None` when absent.
    pub f_port: Option<u8>,
    /// FRMPayload length.
    pub payload_len: usize,
    /// MIC as sent.
    pub mic: [u8; 4],
}

/// A decoded PHYPayload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// MHDR 0x00.
    JoinRequest(JoinRequest),
    /// MHDR 0x20, still encrypted (needs the AppKey: [`decrypt_join_accept`]).
    JoinAccept {
        /// Length of the encrypted frame (17 or 33 bytes).
        len: usize,
    },
    /// Data up / down, confirmed or not.
    Data(DataFrame),
    /// Rejoin-request or proprietary: only the MType is kept.
    Other {
        /// The 3-bit MType.
        mtype: u8,
    },
}

impl Frame {
    /// Short name of the message type.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Frame::JoinRequest(_) => "join_request",
            Frame::JoinAccept { .. } => "join_accept",
            Frame::Data(d) if d.uplink => "data_up",
            Frame::Data(_) => "data_down",
            Frame::Other { .. } => "other",
        }
    }
}

/// A decrypted, MIC-checked join-accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinAccept {
    /// JoinNonce (AppNonce) as a number.
    pub join_nonce: u32,
    /// NetID as a number (display as 6 hex digits).
    pub net_id: u32,
    /// The device address assigned.
    pub dev_addr: DevAddr,
    /// DLSettings byte (RX1DROffset, RX2DataRate; bit 7 OptNeg).
    pub dl_settings: u8,
    /// RxDelay (0 means 1 s).
    pub rx_delay: u8,
    /// CFList frequencies in Hz (type 0), if present.
    pub cf_list: Vec<u32>,
}

/// Session keys derived from a LoRaWAN 1.0.x join.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SessionKeys {
    /// Network session key.
    pub nwk_s_key: AesKey,
    /// Application session key.
    pub app_s_key: AesKey,
}
