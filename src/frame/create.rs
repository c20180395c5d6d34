//! Frame creation for the simulator and tests (real LoRaWAN 1.0.x crypto).
//!
//! - Join-requests and data frames are built with the `lorawan` crate's creators.
//! - Join-accepts are built here: `lorawan` 0.9.0's `JoinAcceptCreator::set_c_f_list` never
//!   marks the CFList as present, so its `build` drops the CFList (and it returns its whole
//!   33-byte buffer even for a 17-byte join-accept). The construction is the
//!   spec's: MIC = aes128_cmac(AppKey, MHDR | fields)[0..4], then the frame after the MHDR is
//!   "encrypted" with the AES *decrypt* operation, as a network server sends it.
//! - Invalid inputs (values wider than their field, too long payloads) are errors, not panics.

use aes::Aes128;
use aes::cipher::{BlockDecrypt, KeyInit, generic_array::GenericArray};
use lorawan::creator::{DataPayloadCreator, JoinRequestCreator};
use lorawan::default_crypto::DefaultFactory;
use lorawan::keys::{AES128, AppKey, AppSKey, CryptoFactory, Mac, NewSKey};
use lorawan::parser::FCtrl;

use super::FrameError;
use crate::model::{AesKey, DevAddr, DevEui, JoinEui};

/// Largest FRMPayload the data creator accepts (MACPayload of 250 bytes minus FHDR and FPort).
pub const MAX_FRM_PAYLOAD: usize = 242;

/// Builds a join-request signed with `app_key`.
///
/// # Errors
/// Never for valid inputs; kept fallible for the crypto layer.
pub fn join_request(
    app_key: &AesKey,
    join_eui: JoinEui,
    dev_eui: DevEui,
    dev_nonce: u16,
) -> Result<Vec<u8>, FrameError> {
    let join_eui = join_eui.to_wire_bytes();
    let dev_eui = dev_eui.to_wire_bytes();
    let nonce = dev_nonce.to_le_bytes();
    let mut c = JoinRequestCreator::new();
    c.set_app_eui(&join_eui).set_dev_eui(&dev_eui).set_dev_nonce(&nonce);
    Ok(c.build(&AppKey::from(app_key.0)).to_vec())
}

fn u24(value: u32, what: &str) -> Result<[u8; 3], FrameError> {
    if value > 0x00ff_ffff {
        return Err(FrameError::InvalidInput(format!(
            "{what} 0x{value:x} does not fit in 24 bits (at most 0xffffff)"
        )));
    }
    let b = value.to_le_bytes();
    Ok([b[0], b[1], b[2]])
}

/// Builds an encrypted join-accept (LoRaWAN 1.0.x) with an optional CFList (type 0, up to
/// five frequencies in Hz, each a multiple of 100 Hz).
///
/// # Errors
/// [`FrameError::InvalidInput`] when JoinNonce or NetID exceed 24 bits, RxDelay exceeds 15,
/// or the CFList has more than five entries or an unencodable frequency.
#[allow(clippy::too_many_arguments)]
pub fn join_accept(
    app_key: &AesKey,
    join_nonce: u32,
    net_id: u32,
    dev_addr: DevAddr,
    dl_settings: u8,
    rx_delay: u8,
    cf_list: &[u32],
) -> Result<Vec<u8>, FrameError> {
    if rx_delay > 15 {
        return Err(FrameError::InvalidInput(format!(
            "RxDelay {rx_delay} is out of range (0..=15 seconds)"
        )));
    }
    if cf_list.len() > 5 {
        return Err(FrameError::InvalidInput(format!(
            "a CFList holds at most 5 frequencies, {} were given",
            cf_list.len()
        )));
    }
    let mut plain = vec![0x20u8];
    plain.extend_from_slice(&u24(join_nonce, "JoinNonce")?);
    plain.extend_from_slice(&u24(net_id, "NetID")?);
    plain.extend_from_slice(&dev_addr.to_wire_bytes());
    plain.push(dl_settings);
    plain.push(rx_delay);
    if !cf_list.is_empty() {
        let mut list = [0u8; 16]; // 5 × 3 bytes + CFListType 0
        for (i, hz) in cf_list.iter().enumerate() {
            if hz % 100 != 0 {
                return Err(FrameError::InvalidInput(format!(
                    "CFList frequency {hz} Hz is not a multiple of 100 Hz"
                )));
            }
            list[i * 3..i * 3 + 3].copy_from_slice(&u24(hz / 100, "CFList frequency / 100")?);
        }
        plain.extend_from_slice(&list);
    }
    let mut mac = DefaultFactory.new_mac(&AES128(app_key.0));
    mac.input(&plain);
    let full = mac.result();
    plain.extend_from_slice(&full[..4]);
    let cipher = Aes128::new(&GenericArray::from(app_key.0));
    for block in plain[1..].chunks_exact_mut(16) {
        cipher.decrypt_block(GenericArray::from_mut_slice(block));
    }
    Ok(plain)
}

/// Which data frame to build (internal to [`data_up`] / [`data_down`]).
struct DataSpec<'a> {
    uplink: bool,
    confirmed: bool,
    fctrl: u8,
    dev_addr: DevAddr,
    f_cnt: u32,
    f_port: Option<u8>,
    payload: &'a [u8],
}

fn data(nwk_s_key: &AesKey, app_s_key: &AesKey, s: &DataSpec<'_>) -> Result<Vec<u8>, FrameError> {
    if s.payload.len() > MAX_FRM_PAYLOAD {
        return Err(FrameError::InvalidInput(format!(
            "an FRMPayload of {} bytes is longer than the {MAX_FRM_PAYLOAD} bytes a frame carries",
            s.payload.len()
        )));
    }
    if !s.payload.is_empty() && matches!(s.f_port, None | Some(0)) {
        return Err(FrameError::InvalidInput(
            "an application payload needs an FPort of 1..=255 (FPort 0 carries MAC commands)"
                .into(),
        ));
    }
    let addr = s.dev_addr.to_wire_bytes();
    let mut c = DataPayloadCreator::new();
    c.set_confirmed(s.confirmed)
        .set_uplink(s.uplink)
        .set_dev_addr(&addr)
        .set_fctrl(&FCtrl::new(s.fctrl, s.uplink))
        .set_fcnt(s.f_cnt);
    if let Some(p) = s.f_port {
        c.set_f_port(p);
    }
    c.build(s.payload, &[], &NewSKey::from(nwk_s_key.0), &AppSKey::from(app_s_key.0))
        .map(<[u8]>::to_vec)
        .map_err(|e| FrameError::InvalidInput(format!("data frame not built ({e:?})")))
}

/// Builds a data uplink with encrypted FRMPayload and MIC over the 32-bit `f_cnt` (its 16 low
/// bits go on the wire).
///
/// # Errors
/// [`FrameError::InvalidInput`] for a payload over [`MAX_FRM_PAYLOAD`] bytes or a non-empty
/// payload on FPort 0.
#[allow(clippy::too_many_arguments)]
pub fn data_up(
    nwk_s_key: &AesKey,
    app_s_key: &AesKey,
    dev_addr: DevAddr,
    f_cnt: u32,
    f_port: u8,
    payload: &[u8],
    confirmed: bool,
    adr: bool,
) -> Result<Vec<u8>, FrameError> {
    let spec = DataSpec {
        uplink: true,
        confirmed,
        fctrl: if adr { 0x80 } else { 0 },
        dev_addr,
        f_cnt,
        f_port: Some(f_port),
        payload,
    };
    data(nwk_s_key, app_s_key, &spec)
}

/// Builds a data downlink (`f_port: None` for an empty frame, e.g. a bare ACK).
///
/// # Errors
/// As for [`data_up`]; also a non-empty payload without FPort.
#[allow(clippy::too_many_arguments)]
pub fn data_down(
    nwk_s_key: &AesKey,
    app_s_key: &AesKey,
    dev_addr: DevAddr,
    f_cnt: u32,
    f_port: Option<u8>,
    payload: &[u8],
    confirmed: bool,
    ack: bool,
) -> Result<Vec<u8>, FrameError> {
    let spec = DataSpec {
        uplink: false,
        confirmed,
        fctrl: if ack { 0x20 } else { 0 },
        dev_addr,
        f_cnt,
        f_port,
        payload,
    };
    data(nwk_s_key, app_s_key, &spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lorawan::creator::JoinAcceptCreator;

    #[test]
    fn a_join_accept_without_cflist_equals_the_lorawan_crate_output() {
        let key = [0x11u8; 16];
        let ours =
            join_accept(&AesKey(key), 0x010203, 0x070809, DevAddr(0x0304_0506), 0x12, 3, &[])
                .unwrap_or_default();
        let mut c = JoinAcceptCreator::new();
        c.set_app_nonce(&[0x03, 0x02, 0x01])
            .set_net_id(&[0x09, 0x08, 0x07])
            .set_dev_addr(&[0x06, 0x05, 0x04, 0x03])
            .set_dl_settings(0x12)
            .set_rx_delay(3);
        let theirs = c.build(&AES128(key)).map(<[u8]>::to_vec).unwrap_or_default();
        // lorawan 0.9.0 returns its whole 33-byte buffer even without CFList: compare 17 bytes.
        assert_eq!(ours.len(), 17);
        assert_eq!(ours[..], theirs[..17]);
    }

    #[test]
    fn out_of_range_creation_inputs_are_errors() {
        let k = AesKey([0; 16]);
        let a = DevAddr(1);
        let cases: Vec<(&str, Result<Vec<u8>, FrameError>)> = vec![
            ("JoinNonce of 25 bits", join_accept(&k, 0x0100_0000, 0, a, 0, 1, &[])),
            ("NetID of 25 bits", join_accept(&k, 0, 0x0100_0000, a, 0, 1, &[])),
            ("RxDelay 16", join_accept(&k, 0, 0, a, 0, 16, &[])),
            ("six CFList entries", join_accept(&k, 0, 0, a, 0, 1, &[868_100_000; 6])),
            ("frequency not in 100 Hz", join_accept(&k, 0, 0, a, 0, 1, &[868_100_050])),
            ("payload of 243 bytes", data_up(&k, &k, a, 0, 1, &[0; 243], false, false)),
            ("payload on FPort 0", data_up(&k, &k, a, 0, 0, b"x", false, false)),
            ("downlink payload without FPort", data_down(&k, &k, a, 0, None, b"x", false, false)),
        ];
        for (name, r) in cases {
            assert!(matches!(r, Err(FrameError::InvalidInput(_))), "{name}: {r:?}");
        }
        assert!(data_up(&k, &k, a, 0, 1, &[0; 242], false, false).is_ok());
    }
}
