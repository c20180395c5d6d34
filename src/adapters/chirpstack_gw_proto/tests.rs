//! Tests of `chirpstack_gw_proto`.

use super::*;

#[test]
fn garbage_and_truncated_protobuf_is_rejected_without_panicking() {
    let valid = UplinkFrame {
        phy_payload: vec![0x40; 20],
        tx_info: Some(UplinkTxInfo { frequency: 868_100_000, modulation: None }),
        rx_info: Some(UplinkRxInfo {
            gateway_id: "0016c001f153a14c".into(),
            rssi: -80,
            ..Default::default()
        }),
        ..Default::default()
    }
    .encode_to_vec();
    for end in 0..valid.len() {
        for kind in [GwKind::Up, GwKind::Down, GwKind::Ack, GwKind::Stats, GwKind::Conn] {
            let _ = decode(kind, "gw", &valid[..end]);
        }
    }
    let cases: [(&[u8], &str); 4] = [
        (&[0xff, 0xff, 0xff], "neither JSON nor a valid Protobuf"),
        (&[0x0a, 0x05, 0x01], "neither JSON nor a valid Protobuf"),
        (&[0x30, 0x01], "no phyPayload"),
        (&[0x22, 0x00], "no phyPayload"),
    ];
    for (bytes, want) in cases {
        let err = decode(GwKind::Up, "gw", bytes).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains(want), "{bytes:02x?}: {err}");
    }
    let err =
        decode(GwKind::Down, "gw", &[0x18, 0x01]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no items"), "{err}");
    let err =
        decode(GwKind::Conn, "gw", &[0x10, 0x05]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("expected 0 (OFFLINE) or 1 (ONLINE)"), "{err}");
}

#[test]
fn a_float32_snr_keeps_the_resolution_it_was_written_with() {
    for (v, want) in [(10.2f32, 10.2), (-7.25, -7.25), (0.1, 0.1), (-19.8, -19.8)] {
        assert_eq!(as_written(v), want);
    }
}
