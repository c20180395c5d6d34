//! Cleartext decoding of a PHYPayload (no keys needed).
//!
//! Lengths are checked here before the `lorawan` crate reads the bytes, so that no input can
//! make it slice out of range. FPort is computed here rather than by `lorawan` 0.9, which
//! reports a frame with FPort and an empty FRMPayload as having no FPort.

use lorawan::parser::{self as lp, DataHeader, DataPayload, MICAble, PhyPayload};

use super::{DataFrame, Frame, FrameError, JoinRequest};
use crate::model::{DevAddr, Eui64};

/// Length of a join-request.
pub(super) const JOIN_REQUEST_LEN: usize = 23;
/// Length of a join-accept without CFList.
pub(super) const JOIN_ACCEPT_LEN: usize = 17;
/// Length of a join-accept with CFList.
pub(super) const JOIN_ACCEPT_CFLIST_LEN: usize = 33;
/// MHDR (1) + FHDR without FOpts (7) + MIC (4).
pub(super) const DATA_MIN_LEN: usize = 12;

/// The 3-bit MType of an MHDR byte.
pub(super) const fn mtype(mhdr: u8) -> u8 {
    mhdr >> 5
}

/// Human name of an MType (for errors).
pub(super) const fn mtype_name(mtype: u8) -> &'static str {
    match mtype {
        0 => "join_request",
        1 => "join_accept",
        2 => "unconfirmed_data_up",
        3 => "unconfirmed_data_down",
        4 => "confirmed_data_up",
        5 => "confirmed_data_down",
        6 => "rejoin_request",
        _ => "proprietary",
    }
}

/// Checks the length of a frame against its MType; the error says what was expected.
pub(super) fn check_length(phy: &[u8]) -> Result<u8, FrameError> {
    let Some(&mhdr) = phy.first() else {
        return Err(FrameError::Malformed(
            "the PHYPayload is empty (no MHDR byte); check that the source field holds the frame"
                .into(),
        ));
    };
    if mhdr & 0x03 != 0 {
        return Err(FrameError::Malformed(format!(
            "MHDR 0x{mhdr:02x} names LoRaWAN major version {}, only version 0 (R1) exists; \
             the bytes are probably not a LoRaWAN frame",
            mhdr & 0x03
        )));
    }
    let mt = mtype(mhdr);
    let len = phy.len();
    match mt {
        0 if len != JOIN_REQUEST_LEN => Err(FrameError::Malformed(format!(
            "a join-request is {JOIN_REQUEST_LEN} bytes, this one has {len}"
        ))),
        1 if len != JOIN_ACCEPT_LEN && len != JOIN_ACCEPT_CFLIST_LEN => {
            Err(FrameError::Malformed(format!(
                "a join-accept is {JOIN_ACCEPT_LEN} or {JOIN_ACCEPT_CFLIST_LEN} bytes, this one has {len}"
            )))
        }
        2..=5 if len < DATA_MIN_LEN => Err(FrameError::Malformed(format!(
            "a data frame needs at least {DATA_MIN_LEN} bytes (MHDR, FHDR, MIC), this one has {len}"
        ))),
        2..=5 => {
            let f_opts_len = usize::from(phy[5] & 0x0f);
            if DATA_MIN_LEN + f_opts_len > len {
                Err(FrameError::Malformed(format!(
                    "FOptsLen {f_opts_len} does not fit in a {len}-byte data frame"
                )))
            } else {
                Ok(mt)
            }
        }
        _ => Ok(mt),
    }
}

/// Offset of FPort (= end of FHDR) and whether FPort is present, for a length-checked data frame.
pub(super) fn f_port_offset(phy: &[u8]) -> (usize, bool) {
    let fhdr_end = 1 + 7 + usize::from(phy.get(5).copied().unwrap_or(0) & 0x0f);
    (fhdr_end, phy.len() > fhdr_end + 4)
}

fn copy8(b: &[u8]) -> [u8; 8] {
    let mut out = [0u8; 8];
    if b.len() == 8 {
        out.copy_from_slice(b);
    }
    out
}

fn unexpected(e: &lp::Error, mt: u8) -> FrameError {
    FrameError::Malformed(format!("the {} frame could not be decoded ({e:?})", mtype_name(mt)))
}

/// Decodes the cleartext part of a PHYPayload.
///
/// # Errors
/// [`FrameError::Malformed`] when the bytes are not a LoRaWAN frame (empty, wrong major
/// version, wrong length for the message type, FOpts longer than the frame).
pub fn parse(phy: &[u8]) -> Result<Frame, FrameError> {
    let mt = check_length(phy)?;
    if mt >= 6 {
        return Ok(Frame::Other { mtype: mt });
    }
    match lp::parse(phy.to_vec()).map_err(|e| unexpected(&e, mt))? {
        PhyPayload::JoinRequest(jr) => {
            let nonce = jr.dev_nonce();
            let n = nonce.as_ref();
            let dev_nonce = match n {
                [a, b] => u16::from_le_bytes([*a, *b]),
                _ => 0,
            };
            Ok(Frame::JoinRequest(JoinRequest {
                join_eui: Eui64::from_wire_bytes(copy8(jr.app_eui().as_ref())),
                dev_eui: Eui64::from_wire_bytes(copy8(jr.dev_eui().as_ref())),
                dev_nonce,
                mic: jr.mic().0,
            }))
        }
        PhyPayload::JoinAccept(_) => Ok(Frame::JoinAccept { len: phy.len() }),
        PhyPayload::Data(DataPayload::Encrypted(d)) => {
            let fhdr = d.fhdr();
            let fctrl = fhdr.fctrl();
            let mut addr = [0u8; 4];
            addr.copy_from_slice(fhdr.dev_addr().as_ref());
            let (fport_at, has_fport) = f_port_offset(phy);
            let (f_port, payload_len) = if has_fport {
                (phy.get(fport_at).copied(), phy.len() - fport_at - 1 - 4)
            } else {
                (None, 0)
            };
            Ok(Frame::Data(DataFrame {
                uplink: d.is_uplink(),
                confirmed: d.is_confirmed(),
                dev_addr: DevAddr::from_wire_bytes(addr),
                adr: fctrl.adr(),
                ack: fctrl.ack(),
                f_cnt16: fhdr.fcnt(),
                f_opts: fhdr.data().to_vec(),
                f_port,
                payload_len,
                mic: d.mic().0,
            }))
        }
        PhyPayload::Data(DataPayload::Decrypted(_)) => Err(FrameError::Malformed(
            "the data frame was unexpectedly reported as decrypted".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    #[test]
    fn no_length_and_no_message_type_makes_parse_panic() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(0x5eed);
        for len in 0..64usize {
            for mhdr in 0..=255u8 {
                for fill in [0x00u8, 0xff, 0x0f] {
                    let mut phy = vec![fill; len];
                    if let Some(b) = phy.first_mut() {
                        *b = mhdr;
                    }
                    let _ = parse(&phy);
                }
                let mut phy: Vec<u8> = (0..len).map(|_| rng.r#gen()).collect();
                if let Some(b) = phy.first_mut() {
                    *b = mhdr;
                }
                let _ = parse(&phy);
            }
        }
    }

    #[test]
    fn frame_lengths_are_checked_per_message_type() {
        let cases: &[(&str, Vec<u8>, bool)] = &[
            ("empty", vec![], false),
            ("join-request of 22 bytes", vec![0x00; 22], false),
            ("join-request of 23 bytes", vec![0x00; 23], true),
            ("join-accept of 17 bytes", vec![0x20; 17], true),
            ("join-accept of 18 bytes", vec![0x20; 18], false),
            ("join-accept of 33 bytes", vec![0x20; 33], true),
            ("data frame of 11 bytes", vec![0x40; 11], false),
            ("data frame of 12 bytes", vec![0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], true),
            (
                "FOptsLen 15 in 20 bytes",
                [vec![0x40, 0, 0, 0, 0, 0x0f], vec![0; 14]].concat(),
                false,
            ),
            ("major version 1", vec![0x41; 12], false),
            ("proprietary of 1 byte", vec![0xe0], true),
        ];
        for (name, phy, ok) in cases {
            assert_eq!(parse(phy).is_ok(), *ok, "{name}: {:?}", parse(phy));
        }
    }

    #[test]
    fn an_empty_frm_payload_after_fport_keeps_the_fport() {
        let phy = hex::decode("40F17DBE49000300012A3518AF").unwrap_or_default();
        let Ok(Frame::Data(d)) = parse(&phy) else { panic!("not data: {:?}", parse(&phy)) };
        assert_eq!((d.f_port, d.payload_len), (Some(1), 0));
    }
}
