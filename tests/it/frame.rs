//! Published LoRaWAN crypto vectors (lora-packet and lora-rs) and creation round trips.

use aes::Aes128;
use aes::cipher::{BlockDecrypt, KeyInit, generic_array::GenericArray};
use rmacheck::frame::{
    self, DataFrame, Frame, FrameError, JoinAccept, JoinRequest, MicStatus, SessionKeys, create,
};
use rmacheck::model::{AesKey, DevAddr, Eui64};

fn bytes(h: &str) -> Vec<u8> {
    hex::decode(h).unwrap()
}
fn key(h: &str) -> AesKey {
    h.parse().unwrap()
}
fn eui(h: &str) -> Eui64 {
    h.parse().unwrap()
}
fn data(phy: &[u8]) -> DataFrame {
    match frame::parse(phy) {
        Ok(Frame::Data(d)) => d,
        other => panic!("not a data frame: {other:?}"),
    }
}
fn join_request(phy: &[u8]) -> JoinRequest {
    match frame::parse(phy) {
        Ok(Frame::JoinRequest(j)) => j,
        other => panic!("not a join-request: {other:?}"),
    }
}
/// Flips one bit in every byte position in turn; `verifies` must say no for each.
fn assert_every_flip_fails(phy: &[u8], verifies: impl Fn(&[u8]) -> bool) {
    assert!(verifies(phy), "the unmodified frame must verify");
    for i in 0..phy.len() {
        let mut p = phy.to_vec();
        p[i] ^= 0x01;
        assert!(!verifies(&p), "byte {i} flipped still verifies");
    }
}

const LP_NWK: &str = "44024241ed4ce9a68c6a8bc055233fd3";
const LP_APP: &str = "ec925802ae430ca77fd3dd73cb2cc588";
const LP_APP_KEY: &str = "98929b92c49edba9676d646d3b612456";

fn lp_keys() -> SessionKeys {
    SessionKeys { nwk_s_key: key(LP_NWK), app_s_key: key(LP_APP) }
}
fn rs_keys() -> SessionKeys {
    SessionKeys { nwk_s_key: AesKey([2; 16]), app_s_key: AesKey([1; 16]) }
}

struct DataVector {
    name: &'static str,
    phy: &'static str,
    keys: fn() -> SessionKeys,
    f_cnt: u32,
    expected: DataFrame,
    plaintext: &'static [u8],
}

fn df(uplink: bool, confirmed: bool, addr: u32, fctrl: u8, f_cnt16: u16) -> DataFrame {
    DataFrame {
        uplink,
        confirmed,
        dev_addr: DevAddr(addr),
        adr: fctrl & 0x80 != 0,
        ack: fctrl & 0x20 != 0,
        f_cnt16,
        f_opts: vec![],
        f_port: Some(1),
        payload_len: 0,
        mic: [0; 4],
    }
}

fn data_vectors() -> Vec<DataVector> {
    let fox = b"The quick brown fox jumps over the lazy dog.";
    vec![
        DataVector {
            name: "lora-packet data up 'test'",
            phy: "40F17DBE4900020001954378762B11FF0D",
            keys: lp_keys,
            f_cnt: 2,
            expected: DataFrame {
                payload_len: 4,
                mic: [0x2b, 0x11, 0xff, 0x0d],
                ..df(true, false, 0x49be7df1, 0, 2)
            },
            plaintext: b"test",
        },
        DataVector {
            name: "lora-packet data up with FPort and empty payload",
            phy: "40F17DBE49000300012A3518AF",
            keys: lp_keys,
            f_cnt: 3,
            expected: DataFrame {
                mic: [0x2a, 0x35, 0x18, 0xaf],
                ..df(true, false, 0x49be7df1, 0, 3)
            },
            plaintext: b"",
        },
        DataVector {
            name: "lora-packet data up with the fox sentence",
            phy: "40f17dbe490004000155332de41a11adc072553544429ce7787707d1c316e027e7e5e334263376affb8aa17ad30075293f28dea8a20af3c5e7",
            keys: lp_keys,
            f_cnt: 4,
            expected: DataFrame {
                payload_len: fox.len(),
                mic: [0x0a, 0xf3, 0xc5, 0xe7],
                ..df(true, false, 0x49be7df1, 0, 4)
            },
            plaintext: fox,
        },
        DataVector {
            name: "lora-packet data down with ACK",
            phy: "60f17dbe4920020001f9d65d27",
            keys: lp_keys,
            f_cnt: 2,
            expected: DataFrame {
                mic: [0xf9, 0xd6, 0x5d, 0x27],
                ..df(false, false, 0x49be7df1, 0x20, 2)
            },
            plaintext: b"",
        },
        DataVector {
            name: "lora-rs data up 'hello' with ADR",
            phy: "400403020180010001a694642615d6c3b582",
            keys: rs_keys,
            f_cnt: 1,
            expected: DataFrame {
                payload_len: 5,
                mic: [0xd6, 0xc3, 0xb5, 0x82],
                ..df(true, false, 0x01020304, 0x80, 1)
            },
            plaintext: b"hello",
        },
        DataVector {
            name: "lora-rs confirmed data down with the 32-bit FCnt 76543",
            phy: "a00403020180ff2a2a0af1a36a05d0125f885d881d49e1",
            keys: rs_keys,
            f_cnt: 76543,
            expected: DataFrame {
                f_port: Some(42),
                payload_len: 10,
                mic: [0x88, 0x1d, 0x49, 0xe1],
                ..df(false, true, 0x01020304, 0x80, 0x2aff)
            },
            plaintext: b"hello lora",
        },
    ]
}

#[test]
fn every_published_data_vector_parses_verifies_and_decrypts() {
    for v in data_vectors() {
        let phy = bytes(v.phy);
        let keys = (v.keys)();
        assert_eq!(data(&phy), v.expected, "{}", v.name);
        assert_eq!(
            frame::data_mic(&phy, &keys.nwk_s_key, v.f_cnt),
            Ok(MicStatus::Valid),
            "{}",
            v.name
        );
        let plain = frame::decrypt_frm_payload(&phy, &keys, v.f_cnt).unwrap();
        assert_eq!(plain, v.plaintext, "{}", v.name);
    }
}

#[test]
fn every_published_data_vector_fails_the_mic_with_any_byte_flipped_or_another_key() {
    for v in data_vectors() {
        let keys = (v.keys)();
        assert_every_flip_fails(&bytes(v.phy), |p| {
            frame::data_mic(p, &keys.nwk_s_key, v.f_cnt) == Ok(MicStatus::Valid)
        });
        let mut wrong = keys.nwk_s_key;
        wrong.0[15] ^= 0x80;
        assert_eq!(
            frame::data_mic(&bytes(v.phy), &wrong, v.f_cnt),
            Ok(MicStatus::Invalid),
            "{}",
            v.name
        );
    }
}

#[test]
fn the_32_bit_counter_matters_and_only_its_high_half_is_taken_from_the_caller() {
    let phy = bytes("a00403020180ff2a2a0af1a36a05d0125f885d881d49e1");
    let nwk = rs_keys().nwk_s_key;
    assert_eq!(frame::data_mic(&phy, &nwk, 0x2aff), Ok(MicStatus::Invalid));
    assert_eq!(frame::data_mic(&phy, &nwk, 0x0001_0000), Ok(MicStatus::Valid));
}

#[test]
fn the_fopts_vector_parses_without_fport() {
    let d = data(&bytes("4004030201030000020305d7fa0c6c"));
    assert_eq!(d.f_opts, vec![0x02, 0x03, 0x05]);
    assert_eq!((d.f_port, d.payload_len, d.f_cnt16), (None, 0, 0));
    assert_eq!(d.dev_addr.to_string(), "01020304");
    assert_eq!(d.mic, [0xd7, 0xfa, 0x0c, 0x6c]);
}

struct JoinRequestVector {
    name: &'static str,
    phy: &'static str,
    app_key: AesKey,
    expected: JoinRequest,
}

fn join_request_vectors() -> Vec<JoinRequestVector> {
    vec![
        JoinRequestVector {
            name: "lora-packet join-request",
            phy: "0039363463336913AA05693574323831330489C65B1304",
            app_key: key(LP_APP_KEY),
            expected: JoinRequest {
                join_eui: eui("aa13693363343639"),
                dev_eui: eui("3331383274356905"),
                dev_nonce: 0x8904,
                mic: [0xc6, 0x5b, 0x13, 0x04],
            },
        },
        JoinRequestVector {
            name: "lora-packet parse-test join-request with DevNonce f18e",
            phy: "0039363463336913AA05693574323831338EF1C1D5EC6C",
            app_key: key(LP_APP_KEY),
            expected: JoinRequest {
                join_eui: eui("aa13693363343639"),
                dev_eui: eui("3331383274356905"),
                dev_nonce: 0xf18e,
                mic: [0xc1, 0xd5, 0xec, 0x6c],
            },
        },
        JoinRequestVector {
            name: "lora-rs join-request",
            phy: "00040302010403020105040302050403022d106a990e12",
            app_key: AesKey([1; 16]),
            expected: JoinRequest {
                join_eui: eui("0102030401020304"),
                dev_eui: eui("0203040502030405"),
                dev_nonce: 0x102d,
                mic: [0x6a, 0x99, 0x0e, 0x12],
            },
        },
    ]
}

#[test]
fn published_join_requests_parse_and_pass_the_mic_with_their_app_key() {
    for v in join_request_vectors() {
        let phy = bytes(v.phy);
        assert_eq!(join_request(&phy), v.expected, "{}", v.name);
        assert_eq!(frame::join_request_mic(&phy, &v.app_key), Ok(MicStatus::Valid), "{}", v.name);
    }
}

#[test]
fn a_join_request_with_a_flipped_byte_fails_the_mic() {
    for v in join_request_vectors() {
        assert_every_flip_fails(&bytes(v.phy), |p| {
            frame::join_request_mic(p, &v.app_key) == Ok(MicStatus::Valid)
        });
    }
    let mut last_byte_05 = bytes("0039363463336913AA05693574323831330489C65B1304");
    last_byte_05[22] = 0x05;
    assert_eq!(frame::join_request_mic(&last_byte_05, &key(LP_APP_KEY)), Ok(MicStatus::Invalid));
}

#[test]
fn the_lora_rs_join_request_fails_with_app_key_02() {
    let phy = bytes("00040302010403020105040302050403022d106a990e12");
    assert_eq!(frame::join_request_mic(&phy, &AesKey([2; 16])), Ok(MicStatus::Invalid));
}

struct JoinAcceptVector {
    name: &'static str,
    phy: &'static str,
    app_key: AesKey,
    expected: JoinAccept,
}

fn join_accept_vectors() -> Vec<JoinAcceptVector> {
    vec![
        JoinAcceptVector {
            name: "lora-packet encrypted join-accept with AppKey 00",
            phy: "20e3de108795f776b8037610ef7869b5b3",
            app_key: AesKey([0; 16]),
            expected: JoinAccept {
                join_nonce: 0,
                net_id: 0,
                dev_addr: DevAddr(0),
                dl_settings: 0,
                rx_delay: 0,
                cf_list: vec![],
            },
        },
        JoinAcceptVector {
            name: "lora-rs join-accept with CFList",
            phy: "20e45673b63cb4b9cecb2aa83f0333e615d2ac89eea1659837c3aa6df9689889cf",
            app_key: AesKey([1; 16]),
            expected: JoinAccept {
                join_nonce: 0x010203,
                net_id: 0x090807,
                dev_addr: DevAddr(0x03040506),
                dl_settings: 0x12,
                rx_delay: 3,
                cf_list: vec![867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000],
            },
        },
    ]
}

#[test]
fn published_join_accepts_decrypt_to_their_fields() {
    for v in join_accept_vectors() {
        let phy = bytes(v.phy);
        assert_eq!(frame::parse(&phy), Ok(Frame::JoinAccept { len: phy.len() }), "{}", v.name);
        assert_eq!(
            frame::decrypt_join_accept(&phy, &v.app_key),
            Ok(v.expected.clone()),
            "{}",
            v.name
        );
    }
}

#[test]
fn a_join_accept_with_a_flipped_byte_or_another_key_fails_the_mic() {
    for v in join_accept_vectors() {
        assert_every_flip_fails(&bytes(v.phy), |p| {
            frame::decrypt_join_accept(p, &v.app_key).is_ok()
        });
        let mut other = v.app_key;
        other.0[0] ^= 0xff;
        assert_eq!(frame::decrypt_join_accept(&bytes(v.phy), &other), Err(FrameError::InvalidMic));
    }
}

#[test]
fn creating_the_published_join_accepts_gives_the_same_bytes() {
    for v in join_accept_vectors() {
        let e = &v.expected;
        let phy = create::join_accept(
            &v.app_key,
            e.join_nonce,
            e.net_id,
            e.dev_addr,
            e.dl_settings,
            e.rx_delay,
            &e.cf_list,
        )
        .unwrap();
        assert_eq!(hex::encode(phy), v.phy, "{}", v.name);
    }
}

#[test]
fn the_lora_packet_plaintext_join_accept_is_what_create_encrypts() {
    // Plaintext MHDR | AppNonce 376338 | NetID aabbcc | DevAddr 012ccde7 | 00 | 00 | MIC d9d0a6e7.
    let plain = bytes("20386337CCBBAAE7CD2C010000D9D0A6E7");
    let app_key = key(LP_APP_KEY);
    let created =
        create::join_accept(&app_key, 0x376338, 0xaabbcc, DevAddr(0x012ccde7), 0, 0, &[]).unwrap();
    // The NS "encrypts" with AES decrypt: applying it to the plaintext must give our bytes.
    let mut expected = plain.clone();
    let cipher = Aes128::new(&GenericArray::from(app_key.0));
    cipher.decrypt_block(GenericArray::from_mut_slice(&mut expected[1..17]));
    assert_eq!(created, expected);
    let ja = frame::decrypt_join_accept(&created, &app_key).unwrap();
    assert_eq!(
        (ja.join_nonce, ja.net_id, ja.dev_addr.to_string()),
        (0x376338, 0xaabbcc, "012ccde7".into())
    );
    let mut bad = created.clone();
    bad[16] ^= 0x01;
    assert_eq!(frame::decrypt_join_accept(&bad, &app_key), Err(FrameError::InvalidMic));
}

#[test]
fn session_keys_derive_as_in_lora_packet() {
    let app_key = key(LP_APP_KEY);
    let k = frame::derive_session_keys(&app_key, 0x376338, 0xaabbcc, 0xf18e);
    assert_eq!(k.nwk_s_key, key("4e3d6e6afbcc67af2ba3c8e8ec4acf4b"));
    assert_eq!(k.app_s_key, key("610897aa6f1460623443b527d3ac6a9d"));
    let mut other = app_key;
    other.0[3] ^= 0x01;
    let k2 = frame::derive_session_keys(&other, 0x376338, 0xaabbcc, 0xf18e);
    assert_ne!(k2.nwk_s_key, k.nwk_s_key);
    assert_ne!(frame::derive_session_keys(&app_key, 0x376338, 0xaabbcc, 0x8ef1), k);
}

#[test]
fn a_created_join_request_parses_and_verifies_only_with_its_key() {
    let app_key = AesKey([0x5a; 16]);
    let (join_eui, dev_eui) = (eui("70b3d57ed0000000"), eui("70b3d57ed0000001"));
    let phy = create::join_request(&app_key, join_eui, dev_eui, 0x1234).unwrap();
    let j = join_request(&phy);
    assert_eq!((j.join_eui, j.dev_eui, j.dev_nonce), (join_eui, dev_eui, 0x1234));
    assert_eq!(&phy[17..19], &[0x34, 0x12], "DevNonce is little-endian on the wire");
    assert_eq!(frame::join_request_mic(&phy, &app_key), Ok(MicStatus::Valid));
    assert_eq!(frame::join_request_mic(&phy, &AesKey([0x5b; 16])), Ok(MicStatus::Invalid));
}

#[test]
fn a_created_join_accept_decrypts_only_with_its_key() {
    let app_key = AesKey([0x33; 16]);
    let cf = [868_700_000, 868_900_000];
    let phy = create::join_accept(&app_key, 0xabcdef, 0x000013, DevAddr(0x2601_0203), 0x03, 1, &cf)
        .unwrap();
    assert_eq!(phy.len(), 33);
    let ja = frame::decrypt_join_accept(&phy, &app_key).unwrap();
    assert_eq!(
        ja,
        JoinAccept {
            join_nonce: 0xabcdef,
            net_id: 0x13,
            dev_addr: DevAddr(0x2601_0203),
            dl_settings: 0x03,
            rx_delay: 1,
            cf_list: cf.to_vec(),
        }
    );
    assert_eq!(frame::decrypt_join_accept(&phy, &AesKey([0x34; 16])), Err(FrameError::InvalidMic));
}

#[test]
fn a_created_data_uplink_verifies_and_decrypts_with_the_derived_session_keys() {
    let app_key = AesKey([0x21; 16]);
    let keys = frame::derive_session_keys(&app_key, 0x000102, 0x000013, 7);
    let addr = DevAddr(0x2601_0203);
    let f_cnt = 0x0001_0005; // above 16 bits: the MIC must use the full counter
    let phy =
        create::data_up(&keys.nwk_s_key, &keys.app_s_key, addr, f_cnt, 10, b"21.5C", true, true)
            .unwrap();
    let d = data(&phy);
    assert!(d.uplink && d.confirmed && d.adr && !d.ack);
    assert_eq!((d.dev_addr, d.f_cnt16, d.f_port, d.payload_len), (addr, 5, Some(10), 5));
    assert_eq!(frame::data_mic(&phy, &keys.nwk_s_key, f_cnt), Ok(MicStatus::Valid));
    assert_eq!(frame::data_mic(&phy, &keys.nwk_s_key, 5), Ok(MicStatus::Invalid));
    assert_eq!(frame::data_mic(&phy, &keys.app_s_key, f_cnt), Ok(MicStatus::Invalid));
    assert_eq!(frame::decrypt_frm_payload(&phy, &keys, f_cnt).unwrap(), b"21.5C");
    assert_ne!(&phy[9..14], b"21.5C", "the payload is encrypted on the wire");
}

#[test]
fn created_frames_reproduce_the_lora_rs_data_vectors() {
    let k = rs_keys();
    let up = create::data_up(
        &k.nwk_s_key,
        &k.app_s_key,
        DevAddr(0x01020304),
        1,
        1,
        b"hello",
        false,
        true,
    )
    .unwrap();
    assert_eq!(hex::encode(up), "400403020180010001a694642615d6c3b582");
    let down = create::data_down(
        &k.nwk_s_key,
        &k.app_s_key,
        DevAddr(0x01020304),
        76543,
        Some(42),
        b"hello lora",
        true,
        false,
    )
    .unwrap();
    // FCtrl of the published vector is 0x80 (ADR), which data_down does not set: compare the rest.
    let expected = bytes("a00403020180ff2a2a0af1a36a05d0125f885d881d49e1");
    assert_eq!(data(&down).f_port, Some(42));
    assert_eq!(frame::decrypt_frm_payload(&down, &k, 76543).unwrap(), b"hello lora");
    assert_eq!(&down[6..19], &expected[6..19]);
    assert_eq!(frame::data_mic(&down, &k.nwk_s_key, 76543), Ok(MicStatus::Valid));
}

#[test]
fn crypto_functions_refuse_frames_of_the_wrong_type() {
    let ja = bytes("20e3de108795f776b8037610ef7869b5b3");
    let jr = bytes("00040302010403020105040302050403022d106a990e12");
    let k = AesKey([0; 16]);
    assert!(matches!(frame::join_request_mic(&ja, &k), Err(FrameError::WrongType { .. })));
    assert!(matches!(frame::decrypt_join_accept(&jr, &k), Err(FrameError::WrongType { .. })));
    assert!(matches!(frame::data_mic(&jr, &k, 0), Err(FrameError::WrongType { .. })));
    assert!(matches!(frame::join_request_mic(&[], &k), Err(FrameError::Malformed(_))));
}

mod capture;

#[test]
fn a_missing_keys_file_is_an_error_that_says_what_to_do() {
    let err = rmacheck::frame::keys::KeyStore::load(std::path::Path::new("/nonexistent/keys.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("/nonexistent/keys.toml") && err.contains("check the path"), "{err}");
}
