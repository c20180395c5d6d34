//! MIC checks, join-accept decryption, FRMPayload decryption and 1.0.x session-key derivation.
//!
//! Every function checks the frame with [`super::parse`] first, so the `lorawan` crate only ever
//! sees length-checked bytes of the right message type.

use aes::Aes128;
use aes::cipher::{BlockEncrypt, KeyInit, generic_array::GenericArray};
use lorawan::keys::{AES128, AppKey};
use lorawan::parser::{
    AsPhyPayloadBytes, DecryptedJoinAcceptPayload, EncryptedDataPayload, JoinRequestPayload,
};

use super::parse::{JOIN_ACCEPT_CFLIST_LEN, check_length, f_port_offset, mtype_name};
use super::{FrameError, JoinAccept, MicStatus, SessionKeys};
use crate::model::{AesKey, DevAddr};

/// Checks that `phy` is a well-formed frame of one of the `wanted` MTypes.
fn expect(phy: &[u8], wanted: &[u8], expected: &'static str) -> Result<(), FrameError> {
    let mt = check_length(phy)?;
    if wanted.contains(&mt) {
        Ok(())
    } else {
        Err(FrameError::WrongType { expected, found: mtype_name(mt) })
    }
}

fn u24_le(b: &[u8]) -> u32 {
    match b {
        [a, b, c] => u32::from_le_bytes([*a, *b, *c, 0]),
        _ => 0,
    }
}

fn mic_status(ok: bool) -> MicStatus {
    if ok { MicStatus::Valid } else { MicStatus::Invalid }
}

/// Checks a join-request's MIC against an AppKey.
///
/// # Errors
/// When the frame is not a well-formed join-request.
pub fn join_request_mic(phy: &[u8], app_key: &AesKey) -> Result<MicStatus, FrameError> {
    expect(phy, &[0], "join_request")?;
    let jr = JoinRequestPayload::new(phy)
        .map_err(|e| FrameError::Malformed(format!("join-request rejected ({e:?})")))?;
    Ok(mic_status(jr.validate_mic(&AES128(app_key.0))))
}

/// Decrypts a join-accept with the AppKey and checks its MIC.
///
/// CFList type 0 gives up to five frequencies in Hz (trailing unused zero entries dropped);
/// other CFList types (channel masks) give an empty list.
///
/// # Errors
/// [`FrameError::InvalidMic`] when the AppKey is not the one the NS used (or the join-accept
/// is a LoRaWAN 1.1 one); [`FrameError::WrongType`] / [`FrameError::Malformed`] for other frames.
pub fn decrypt_join_accept(phy: &[u8], app_key: &AesKey) -> Result<JoinAccept, FrameError> {
    expect(phy, &[1], "join_accept")?;
    let ja = DecryptedJoinAcceptPayload::new(phy.to_vec(), &AppKey::from(app_key.0)).map_err(
        |e| match e {
            lorawan::parser::Error::InvalidMic => FrameError::InvalidMic,
            other => FrameError::Malformed(format!("join-accept rejected ({other:?})")),
        },
    )?;
    let mut addr = [0u8; 4];
    addr.copy_from_slice(ja.dev_addr().as_ref());
    let plain = ja.as_bytes();
    let mut cf_list = Vec::new();
    if plain.len() == JOIN_ACCEPT_CFLIST_LEN && plain.get(28) == Some(&0) {
        cf_list = plain
            .get(13..28)
            .unwrap_or_default()
            .chunks_exact(3)
            .map(|c| u24_le(c) * 100)
            .collect();
        while cf_list.last() == Some(&0) {
            cf_list.pop();
        }
    }
    Ok(JoinAccept {
        join_nonce: u24_le(ja.app_nonce().as_ref()),
        net_id: u24_le(ja.net_id().as_ref()),
        dev_addr: DevAddr::from_wire_bytes(addr),
        dl_settings: ja.dl_settings().raw_value(),
        rx_delay: plain.get(12).copied().unwrap_or(0),
        cf_list,
    })
}

/// Derives LoRaWAN 1.0.x session keys:
/// `aes128_encrypt(AppKey, 0x01|0x02 | JoinNonce | NetID | DevNonce | pad16)`, all fields in
/// wire (little-endian) order.
#[must_use]
pub fn derive_session_keys(
    app_key: &AesKey,
    join_nonce: u32,
    net_id: u32,
    dev_nonce: u16,
) -> SessionKeys {
    let cipher = Aes128::new(&GenericArray::from(app_key.0));
    let derive = |first: u8| {
        let mut block = [0u8; 16];
        block[0] = first;
        block[1..4].copy_from_slice(&join_nonce.to_le_bytes()[..3]);
        block[4..7].copy_from_slice(&net_id.to_le_bytes()[..3]);
        block[7..9].copy_from_slice(&dev_nonce.to_le_bytes());
        let mut b = GenericArray::from(block);
        cipher.encrypt_block(&mut b);
        AesKey(b.into())
    };
    SessionKeys { nwk_s_key: derive(0x01), app_s_key: derive(0x02) }
}

/// The 32-bit counter used for the crypto: high 16 bits from `f_cnt`, low 16 from the wire.
fn full_f_cnt(phy: &[u8], f_cnt: u32) -> u32 {
    let wire = match (phy.get(6), phy.get(7)) {
        (Some(lo), Some(hi)) => u32::from(u16::from_le_bytes([*lo, *hi])),
        _ => f_cnt & 0xffff,
    };
    (f_cnt & 0xffff_0000) | wire
}

/// Checks a data frame's MIC (LoRaWAN 1.0.x) with the NwkSKey and the 32-bit frame counter.
///
/// Only the high 16 bits of `f_cnt` are used; the low 16 bits always come from the frame, so
/// passing the 16-bit wire value works for counters below 65536.
///
/// # Errors
/// When the frame is not a well-formed data frame.
pub fn data_mic(phy: &[u8], nwk_s_key: &AesKey, f_cnt: u32) -> Result<MicStatus, FrameError> {
    expect(phy, &[2, 3, 4, 5], "data")?;
    let d = EncryptedDataPayload::new(phy)
        .map_err(|e| FrameError::Malformed(format!("data frame rejected ({e:?})")))?;
    Ok(mic_status(d.validate_mic(&AES128(nwk_s_key.0), full_f_cnt(phy, f_cnt))))
}

/// Decrypts a data frame's FRMPayload (AppSKey for FPort > 0, NwkSKey for FPort 0).
///
/// Does not check the MIC (use [`data_mic`]); a wrong key gives garbage, not an error.
/// Returns an empty vector when the frame has no FRMPayload. `f_cnt` as for [`data_mic`].
///
/// # Errors
/// When the frame is not a well-formed data frame.
pub fn decrypt_frm_payload(
    phy: &[u8],
    keys: &SessionKeys,
    f_cnt: u32,
) -> Result<Vec<u8>, FrameError> {
    expect(phy, &[2, 3, 4, 5], "data")?;
    let (fport_at, has_fport) = f_port_offset(phy);
    if !has_fport {
        return Ok(Vec::new());
    }
    let d = EncryptedDataPayload::new(phy.to_vec())
        .map_err(|e| FrameError::Malformed(format!("data frame rejected ({e:?})")))?;
    let (nwk, app) = (AES128(keys.nwk_s_key.0), AES128(keys.app_s_key.0));
    let full = full_f_cnt(phy, f_cnt);
    let plain = d
        .decrypt(Some(&nwk), Some(&app), full)
        .map_err(|e| FrameError::Malformed(format!("FRMPayload not decrypted ({e:?})")))?
        .to_inner();
    let end = plain.len().saturating_sub(4);
    Ok(plain.get(fport_at + 1..end).map(<[u8]>::to_vec).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lorawan::parser::DevNonce;
    use rand::{Rng, SeedableRng};

    #[test]
    fn no_length_and_no_message_type_makes_a_crypto_function_panic() {
        let key = AesKey([7; 16]);
        let keys = SessionKeys { nwk_s_key: key, app_s_key: key };
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        for len in 0..64usize {
            for mhdr in 0..=255u8 {
                let mut phy: Vec<u8> = (0..len).map(|_| rng.r#gen()).collect();
                if let Some(b) = phy.first_mut() {
                    *b = mhdr;
                }
                let _ = join_request_mic(&phy, &key);
                let _ = decrypt_join_accept(&phy, &key);
                let _ = data_mic(&phy, &key, rng.r#gen());
                let _ = decrypt_frm_payload(&phy, &keys, rng.r#gen());
            }
        }
    }

    #[test]
    fn session_keys_match_the_lorawan_crate_derivation() {
        let app_key = AesKey([0x42; 16]);
        let phy = super::super::create::join_accept(
            &app_key,
            0x0a0b0c,
            0x000013,
            DevAddr(0x2601_1234),
            0,
            1,
            &[],
        )
        .unwrap_or_default();
        let ja = DecryptedJoinAcceptPayload::new(phy, &AppKey::from(app_key.0));
        let Ok(ja) = ja else { panic!("join-accept did not verify") };
        let nonce = 0xbeefu16.to_le_bytes();
        let dn = DevNonce::new(&nonce[..]).unwrap_or_default();
        let ours = derive_session_keys(&app_key, 0x0a0b0c, 0x13, 0xbeef);
        assert_eq!(ours.nwk_s_key.0, ja.derive_newskey(&dn, &AppKey::from(app_key.0)).as_ref());
        assert_eq!(ours.app_s_key.0, ja.derive_appskey(&dn, &AppKey::from(app_key.0)).as_ref());
    }
}
