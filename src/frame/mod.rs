//! LoRaWAN PHYPayload decoding, MIC checks, join-accept decryption and frame creation.
//!
//! This is the only module that imports the `lorawan` crate, so a move to its next API
//! changes these files alone.
//!
//! - [`parse`] reads the cleartext header fields of any frame (no keys needed).
//! - With keys: [`join_request_mic`], [`decrypt_join_accept`], [`data_mic`].
//! - [`create`] builds real frames (join-request, join-accept, data) for the simulator.

pub mod keys;

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
    pub const fn as_str(self) -> &'static str {
        match self {
            MicStatus::Unchecked => "unchecked",
            MicStatus::Valid => "valid",
            MicStatus::Invalid => "invalid",
        }
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

/// Decodes the cleartext part of a PHYPayload.
///
/// # Errors
/// [`FrameError::Malformed`] when the bytes are not a LoRaWAN frame.
pub fn parse(_phy: &[u8]) -> Result<Frame, FrameError> {
    Err(FrameError::Malformed("frame decoding not implemented yet".into()))
}

/// Checks a join-request's MIC against an AppKey.
///
/// # Errors
/// When the frame is not a well-formed join-request.
pub fn join_request_mic(_phy: &[u8], _app_key: &AesKey) -> Result<MicStatus, FrameError> {
    Ok(MicStatus::Unchecked)
}

/// Decrypts a join-accept with the AppKey and checks its MIC.
///
/// # Errors
/// [`FrameError::InvalidMic`] when the AppKey is not the one the NS used.
pub fn decrypt_join_accept(_phy: &[u8], _app_key: &AesKey) -> Result<JoinAccept, FrameError> {
    Err(FrameError::Malformed("not implemented yet".into()))
}

/// Derives LoRaWAN 1.0.x session keys.
#[must_use]
pub fn derive_session_keys(
    app_key: &AesKey,
    _join_nonce: u32,
    _net_id: u32,
    _dev_nonce: u16,
) -> SessionKeys {
    SessionKeys { nwk_s_key: *app_key, app_s_key: *app_key }
}

/// Checks a data frame's MIC with the NwkSKey and the full 32-bit frame counter.
///
/// # Errors
/// When the frame is not a well-formed data frame.
pub fn data_mic(_phy: &[u8], _nwk_s_key: &AesKey, _f_cnt: u32) -> Result<MicStatus, FrameError> {
    Ok(MicStatus::Unchecked)
}

/// Frame creation for the simulator and tests (real crypto).
pub mod create {
    use super::FrameError;
    use crate::model::{AesKey, DevAddr, DevEui, JoinEui};

    /// Builds a join-request signed with `app_key`.
    ///
    /// # Errors
    /// Never for valid inputs; kept fallible for the crypto layer.
    pub fn join_request(
        _app_key: &AesKey,
        _join_eui: JoinEui,
        _dev_eui: DevEui,
        _dev_nonce: u16,
    ) -> Result<Vec<u8>, FrameError> {
        Ok(Vec::new())
    }

    /// Builds an encrypted join-accept (LoRaWAN 1.0.x) with an optional CFList.
    ///
    /// # Errors
    /// Never for valid inputs.
    #[allow(clippy::too_many_arguments)]
    pub fn join_accept(
        _app_key: &AesKey,
        _join_nonce: u32,
        _net_id: u32,
        _dev_addr: DevAddr,
        _dl_settings: u8,
        _rx_delay: u8,
        _cf_list: &[u32],
    ) -> Result<Vec<u8>, FrameError> {
        Ok(Vec::new())
    }

    /// Builds a data uplink with encrypted FRMPayload and MIC.
    ///
    /// # Errors
    /// Never for valid inputs.
    #[allow(clippy::too_many_arguments)]
    pub fn data_up(
        _nwk_s_key: &AesKey,
        _app_s_key: &AesKey,
        _dev_addr: DevAddr,
        _f_cnt: u32,
        _f_port: u8,
        _payload: &[u8],
        _confirmed: bool,
        _adr: bool,
    ) -> Result<Vec<u8>, FrameError> {
        Ok(Vec::new())
    }
}
