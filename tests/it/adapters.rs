//! Adapters against the documented and real third-party payloads in
//! `tests/fixtures/adapters/` (listed with their topics in `MANIFEST.tsv`), Protobuf round
//! trips through the public `decode`, and fuzz-style robustness checks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use prost::Message;
use rmacheck::adapters::chirpstack_gw_proto as pb;
use rmacheck::adapters::{Decoded, decode};
use rmacheck::model::{
    AppUplink, DevAddr, DownlinkOutcome, DownlinkTiming, EventBody, LogLevel, Source, TxAckStatus,
};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adapters")
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).single().unwrap_or_default()
}

/// (file, topic, expected outcome) for every manifest line.
fn manifest() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(dir().join("MANIFEST.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 4, "manifest line needs 4 tab-separated columns: {l}");
            (cols[0].to_string(), cols[1].to_string(), cols[2].to_string())
        })
        .collect()
}

fn payload(file: &str) -> Vec<u8> {
    std::fs::read(dir().join(file)).unwrap()
}

fn decoded(file: &str, topic: &str) -> (Source, Vec<EventBody>) {
    match decode(topic, &payload(file), at()) {
        Decoded::Events { source, events } => (source, events),
        other => panic!("{file} on {topic}: {other:?}"),
    }
}

fn the_event(file: &str, topic: &str) -> EventBody {
    let (_, mut events) = decoded(file, topic);
    assert_eq!(events.len(), 1, "{file}");
    events.remove(0)
}

fn uplink(file: &str, topic: &str) -> AppUplink {
    match the_event(file, topic) {
        EventBody::AppUplink(u) => u,
        other => panic!("{file}: {other:?}"),
    }
}

fn topic_of(file: &str) -> String {
    manifest().into_iter().find(|(f, _, _)| f == file).map(|(_, t, _)| t).unwrap()
}

#[test]
fn every_fixture_in_the_manifest_decodes_as_expected_and_every_fixture_is_listed() {
    let mut listed = BTreeSet::new();
    for (file, topic, expect) in manifest() {
        listed.insert(file.clone());
        let got = decode(&topic, &payload(&file), at());
        let ok = match expect.as_str() {
            "events" => matches!(&got, Decoded::Events { events, .. } if !events.is_empty()),
            "empty" => matches!(&got, Decoded::Events { events, .. } if events.is_empty()),
            "malformed" => matches!(got, Decoded::Malformed { .. }),
            other => panic!("unknown expectation {other}"),
        };
        assert!(ok, "{file} on {topic}: expected {expect}, got {got:?}");
    }
    for sub in ["chirpstack-gw", "chirpstack-app", "chirpstack-v3", "tts"] {
        for entry in std::fs::read_dir(dir().join(sub)).unwrap() {
            let name = format!("{sub}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(listed.contains(&name), "{name} is not in MANIFEST.tsv");
        }
    }
}

#[test]
fn fixtures_are_attributed_to_their_source() {
    for (file, topic, expect) in manifest() {
        let want = match file.split('/').next() {
            Some("chirpstack-gw") => Source::ChirpstackGateway,
            Some("chirpstack-app") => Source::ChirpstackApplication,
            Some("chirpstack-v3") => Source::ChirpstackV3Application,
            _ => Source::TheThingsStack,
        };
        let source = match decode(&topic, &payload(&file), at()) {
            Decoded::Events { source, .. } | Decoded::Malformed { source, .. } => source,
            Decoded::Ignored => panic!("{file} ignored"),
        };
        assert_eq!(source, want, "{file} ({expect})");
    }
}

#[test]
fn chirpstack_gateway_fixtures_decode_to_the_documented_values() {
    let t = |f: &str| topic_of(f);
    let f = "chirpstack-gw/v4-up-join-request.json";
    let EventBody::GatewayUplink { phy_payload, tx, reception } = the_event(f, &t(f)) else {
        panic!()
    };
    assert_eq!(hex::encode_upper(&phy_payload), "0039363463336913AA05693574323831330489C65B1304");
    assert_eq!(
        (tx.frequency_hz, tx.spreading_factor, tx.bandwidth_hz),
        (Some(868_100_000), Some(7), Some(125_000))
    );
    assert_eq!(reception.gateway.as_str(), "0016c001f153a14c");
    assert_eq!(
        (reception.rssi_dbm, reception.snr_db, reception.channel),
        (Some(-57.0), Some(9.5), Some(1))
    );
    assert_eq!(
        (reception.crc_ok, reception.context.as_slice()),
        (Some(true), &[0x00, 0x01, 0x86, 0xa0][..])
    );
    assert_eq!(
        reception.gw_time.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-11-12T12:51:50.123456+00:00")
    );

    let f = "chirpstack-gw/v4-down-data.json";
    let EventBody::GatewayDownlink { gateway, downlink_id, items } = the_event(f, &t(f)) else {
        panic!()
    };
    assert_eq!((gateway.as_str(), downlink_id, items.len()), ("0016c001f153a14c", 894_104_280, 2));
    assert_eq!(hex::encode(&items[0].phy_payload), "60a6fe6a01a0030092ccd6db");
    assert_eq!((items[0].tx.frequency_hz, items[0].power_dbm), (Some(867_300_000), Some(14)));
    assert_eq!(items[0].timing, Some(DownlinkTiming::Delay { seconds: 1.0 }));
    assert_eq!(
        (items[1].tx.frequency_hz, items[1].tx.spreading_factor, items[1].power_dbm),
        (Some(869_525_000), Some(12), Some(27))
    );
    assert_eq!(items[1].timing, Some(DownlinkTiming::Delay { seconds: 2.0 }));
    assert_eq!(items[1].context, vec![0xc7, 0x0c, 0x74, 0x19]);

    let f = "chirpstack-gw/v4-down-join-accept.json";
    let EventBody::GatewayDownlink { items, .. } = the_event(f, &t(f)) else { panic!() };
    assert_eq!(items.iter().map(|i| i.phy_payload[0]).collect::<Vec<_>>(), [0x20, 0x20]);
    let delays: Vec<_> = items.iter().map(|i| i.timing.clone()).collect();
    assert_eq!(
        delays,
        [
            Some(DownlinkTiming::Delay { seconds: 5.0 }),
            Some(DownlinkTiming::Delay { seconds: 6.0 })
        ]
    );

    let f = "chirpstack-gw/v4-ack-ok-ignored.json";
    let EventBody::GatewayTxAck { downlink_id, items, .. } = the_event(f, &t(f)) else { panic!() };
    assert_eq!((downlink_id, items), (894_104_280, vec![TxAckStatus::Ok, TxAckStatus::Ignored]));

    let f = "chirpstack-gw/v4-stats-doc.json";
    let EventBody::GatewayStats { rx_received, rx_received_ok, tx_received, tx_emitted, .. } =
        the_event(f, &t(f))
    else {
        panic!()
    };
    assert_eq!((rx_received, rx_received_ok, tx_received, tx_emitted), (1, 1, 1, 1));

    for (f, gw, online) in [
        ("chirpstack-gw/v4-conn-offline-will.json", "0807060504030201", false),
        ("chirpstack-gw/v4-conn-online.json", "0016c001f153a14c", true),
    ] {
        let EventBody::GatewayConnState { gateway, online: o } = the_event(f, &t(f)) else {
            panic!()
        };
        assert_eq!((gateway.as_str(), o), (gw, online), "{f}");
    }

    let f = "chirpstack-gw/v3-up-doc.json";
    let EventBody::GatewayUplink { tx, reception, .. } = the_event(f, &t(f)) else { panic!() };
    assert_eq!(
        (tx.bandwidth_hz, tx.spreading_factor, tx.coding_rate.as_deref()),
        (Some(125_000), Some(11), Some("4/5"))
    );
    assert_eq!(
        (reception.gateway.as_str(), reception.rssi_dbm, reception.snr_db),
        ("7276ff002e062c18", Some(-55.0), Some(15.0))
    );

    let f = "chirpstack-gw/v3-up-third-party.json";
    let EventBody::GatewayUplink { phy_payload, reception, .. } = the_event(f, &t(f)) else {
        panic!()
    };
    assert_eq!((phy_payload[0], reception.gateway.as_str()), (0x00, "00800000a0000825"));
    assert_eq!(
        (reception.gw_time, reception.snr_db, reception.context.len()),
        (None, Some(8.8), 4)
    );
}

#[test]
fn chirpstack_v4_application_fixtures_decode_to_the_documented_values() {
    let t = |f: &str| topic_of(f);
    let f = "chirpstack-app/v4-up-decentlab-dl5tm.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.dev_eui.to_string(), u.dev_addr),
        ("70b3d57ba0003bb8".to_string(), Some(DevAddr(0x017d_1f70)))
    );
    assert_eq!(
        (u.f_cnt, u.f_port, u.adr, u.confirmed, u.payload_len, u.tx.data_rate),
        (20, Some(1), true, false, 11, Some(5))
    );
    assert_eq!((u.receptions[0].rssi_dbm, u.receptions[0].snr_db), (Some(-106.0), Some(3.0)));
    assert!(u.receptions[0].gw_time.is_some());

    let f = "chirpstack-app/v4-up-browan-cd10.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.f_cnt, u.f_port, u.payload_len, u.tx.frequency_hz),
        (4, Some(127), 7, Some(868_500_000))
    );
    let r = &u.receptions[0];
    assert_eq!(
        (r.gateway.as_str(), r.channel, r.snr_db),
        ("6a7e111a10000000", Some(2), Some(11.5))
    );
    assert_eq!(r.gw_time.map(|t| t.timestamp_micros()), Some(1_684_741_625_404_859));

    let f = "chirpstack-app/v4-up-doc.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.dev_eui.to_string(), u.f_cnt, u.f_port, u.tx.data_rate, u.tx.spreading_factor),
        ("0101010101010101".to_string(), 0, Some(1), Some(1), Some(11))
    );

    let f = "chirpstack-app/v4-up-short-capture.json";
    let u = uplink(f, &t(f));
    assert_eq!((u.f_cnt, u.f_port, u.confirmed, u.payload_len), (6, Some(2), true, 3));
    assert_eq!(
        (u.receptions[0].channel, u.receptions[0].snr_db, u.receptions[0].gw_time),
        (Some(7), Some(9.2), None)
    );
    assert_eq!(u.dedup_id.as_deref(), Some("test-123"));

    let dev = "0101010101010101".parse().unwrap();
    let cases = [
        (
            "chirpstack-app/v4-status-doc.json",
            EventBody::AppStatus {
                dev_eui: dev,
                margin_db: Some(10),
                battery_percent: Some(88.3),
                external_power: false,
            },
        ),
        (
            "chirpstack-app/v4-join-doc.json",
            EventBody::AppJoin {
                dev_eui: dev,
                dev_addr: Some(DevAddr(0x0018_9440)),
                join_eui: None,
            },
        ),
        (
            "chirpstack-app/v4-ack-doc.json",
            EventBody::AppDownlink {
                dev_eui: dev,
                outcome: DownlinkOutcome::Ack,
                f_cnt_down: Some(3),
                error: None,
            },
        ),
        (
            "chirpstack-app/v4-txack-doc.json",
            EventBody::AppTxAck {
                dev_eui: dev,
                gateway: Some(rmacheck::model::GatewayId::new("0016c001f153a14c")),
                f_cnt_down: Some(2),
            },
        ),
    ];
    for (f, want) in cases {
        assert_eq!(the_event(f, &t(f)), want, "{f}");
    }

    let logs = [
        (
            "chirpstack-app/v4-log-uplink-mic.json",
            LogLevel::Error,
            "UPLINK_MIC",
            "deduplication_id",
            "4e91db13-5ce3-4c8c-ab0f-dfc626cf0771",
        ),
        ("chirpstack-app/v4-log-otaa-devnonce.json", LogLevel::Error, "OTAA", "dev_nonce", "258"),
        (
            "chirpstack-app/v4-log-fcnt-reset.json",
            LogLevel::Warning,
            "UPLINK_F_CNT_RESET",
            "f_cnt_up",
            "0",
        ),
        (
            "chirpstack-app/v4-log-fcnt-retransmission.json",
            LogLevel::Warning,
            "UPLINK_F_CNT_RETRANSMISSION",
            "f_cnt_up",
            "42",
        ),
    ];
    for (f, want_level, want_code, key, value) in logs {
        let EventBody::AppLog { dev_eui, level, code, description, context } = the_event(f, &t(f))
        else {
            panic!()
        };
        assert_eq!((dev_eui, level, code.as_str()), (dev, want_level, want_code), "{f}");
        assert!(!description.is_empty(), "{f}");
        assert_eq!(context.get(key).map(String::as_str), Some(value), "{f}");
    }
}

#[test]
fn chirpstack_v3_application_fixtures_decode_to_the_documented_values() {
    let t = |f: &str| topic_of(f);
    let dev = "0202020202020202".parse().unwrap();
    let f = "chirpstack-v3/json-up-doc.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.dev_eui, u.f_cnt, u.f_port, u.payload_len, u.tx.bandwidth_hz),
        (dev, 10, Some(5), 3, Some(125_000))
    );
    assert_eq!(u.receptions[0].gateway.as_str(), "0303030303030303");
    let f = "chirpstack-v3/json-up-decentlab-dl5tm.json";
    assert_eq!(uplink(f, &t(f)).payload_len, 11);

    let smartico = "chirpstack-v3/json-v3-up-smartico.json";
    let a = decoded(smartico, "application/3/device/02aaaa0100000014/event/up");
    let b = decoded(smartico, "application/3/device/02aaaa0100000014/rx");
    assert_eq!(a, b, "the pre-3.11 topic form decodes the same");
    let EventBody::AppUplink(u) = &a.1[0] else { panic!() };
    assert_eq!(
        (u.f_cnt, u.f_port, u.tx.frequency_hz, u.tx.data_rate),
        (28, Some(33), Some(868_500_000), Some(0))
    );
    assert_eq!(
        (u.receptions[0].gateway.as_str(), u.receptions[0].snr_db),
        ("647fdafffe00d228", Some(7.5))
    );

    let cases = [
        (
            "chirpstack-v3/json-status-doc.json",
            EventBody::AppStatus {
                dev_eui: dev,
                margin_db: Some(6),
                battery_percent: Some(75.5),
                external_power: false,
            },
        ),
        (
            "chirpstack-v3/json-join-doc.json",
            EventBody::AppJoin {
                dev_eui: dev,
                dev_addr: Some(DevAddr(0x0051_3942)),
                join_eui: None,
            },
        ),
        (
            "chirpstack-v3/json-ack-doc.json",
            EventBody::AppDownlink {
                dev_eui: dev,
                outcome: DownlinkOutcome::Ack,
                f_cnt_down: Some(15),
                error: None,
            },
        ),
        (
            "chirpstack-v3/json-txack-doc.json",
            EventBody::AppTxAck { dev_eui: dev, gateway: None, f_cnt_down: Some(12) },
        ),
    ];
    for (f, want) in cases {
        assert_eq!(the_event(f, &t(f)), want, "{f}");
    }
    let errors = [
        ("chirpstack-v3/json-error-doc.json", "UPLINK_CODEC", "...", None),
        (
            "chirpstack-v3/json-v3-error-fcnt-retransmission.json",
            "UPLINK_F_CNT_RETRANSMISSION",
            "frame-counter did not increment",
            Some("10"),
        ),
        ("chirpstack-v3/json-v3-error-otaa.json", "OTAA", "validate dev-nonce error", None),
    ];
    for (f, want_code, want_text, f_cnt_up) in errors {
        let EventBody::AppLog { level, code, description, context, .. } = the_event(f, &t(f))
        else {
            panic!()
        };
        assert_eq!(
            (level, code.as_str(), description.as_str()),
            (LogLevel::Error, want_code, want_text),
            "{f}"
        );
        assert_eq!(context.get("f_cnt_up").map(String::as_str), f_cnt_up, "{f}");
    }
}

#[test]
fn the_things_stack_fixtures_decode_to_the_documented_values() {
    let t = |f: &str| topic_of(f);
    let f = "tts/up-bosch-ttn.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.dev_eui.to_string(), u.f_cnt, u.f_port, u.payload_len),
        ("1000000000000001".to_string(), 10335, Some(2), 2)
    );
    assert_eq!(
        (u.tx.frequency_hz, u.receptions[0].gateway.as_str()),
        (Some(867_100_000), "6a7e111a10000000")
    );
    let f = "tts/up-bosch-parking-ttn-payload-1.json";
    assert_eq!((uplink(f, &t(f)).f_port, uplink(f, &t(f)).payload_len), (Some(1), 1));

    let f = "tts/up-browan-cd10-tti.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.f_cnt, u.f_port, u.tx.frequency_hz, u.receptions.len()),
        (5017, Some(127), Some(868_500_000), 1)
    );
    assert_eq!(
        (u.receptions[0].rssi_dbm, u.receptions[0].snr_db, u.receptions[0].channel),
        (Some(-24.0), Some(12.0), Some(2))
    );

    let f = "tts/up-decentlab-alb-ttn-2020.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.dev_eui.to_string(), u.dev_addr),
        ("70b3d57ba0000bce".to_string(), Some(DevAddr(0x2700_0020)))
    );
    assert_eq!(
        (u.tx.spreading_factor, u.tx.coding_rate.as_deref(), u.tx.data_rate, u.tx.frequency_hz),
        (Some(11), Some("4/5"), Some(1), Some(867_700_000))
    );

    let f = "tts/up-doc.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.f_cnt, u.f_port, u.payload_len, u.tx.coding_rate.as_deref()),
        (1, None, 3, Some("4/6"))
    );
    assert_eq!(
        (u.receptions[0].gateway.as_str(), u.receptions[0].snr_db),
        ("9c5c8e00001a05c4", Some(5.0))
    );

    let f = "tts/up-storage-result-humidr.json";
    let u = uplink(f, &t(f));
    assert_eq!(
        (u.dev_eui.to_string(), u.f_cnt, u.f_port, u.payload_len),
        ("a8404194a1875ff3".to_string(), 0, Some(2), 11)
    );
    assert_eq!(
        (u.tx.spreading_factor, u.tx.frequency_hz, u.receptions[0].snr_db),
        (Some(12), Some(867_500_000), Some(5.8))
    );

    let dev = "0004a30b001c0530".parse().unwrap();
    let f = "tts/join-doc.json";
    assert_eq!(
        the_event(f, &t(f)),
        EventBody::AppJoin {
            dev_eui: dev,
            dev_addr: Some(DevAddr(0x0149_7ecc)),
            join_eui: "800000000000000c".parse().ok()
        }
    );
    let f = "tts/down-ack-doc.json";
    assert_eq!(
        the_event(f, &t(f)),
        EventBody::AppDownlink {
            dev_eui: dev,
            outcome: DownlinkOutcome::Ack,
            f_cnt_down: Some(1),
            error: None
        }
    );
}

#[test]
fn tts_messages_that_name_no_dev_eui_are_malformed_with_a_clear_message() {
    for (f, id) in [
        ("tts/down-failed-doc.json", "'dev1'"),
        ("tts/up-json-test.json", "'foo-device'"),
        ("tts/join-json-test.json", "'foo-device'"),
    ] {
        let Decoded::Malformed { source, error } = decode(&topic_of(f), &payload(f), at()) else {
            panic!("{f}")
        };
        assert_eq!(source, Source::TheThingsStack);
        let text = error.to_string();
        assert!(text.contains("names no DevEUI") && text.contains(id), "{f}: {error}");
    }
    // The same json_test.go message with a DevEUI decodes in full (the Go zero time is unset).
    let text = String::from_utf8(payload("tts/up-json-test.json")).unwrap();
    let with_eui = text.replace(
        r#""device_id":"foo-device","#,
        r#""device_id":"foo-device","dev_eui":"0004A30B001C0530","#,
    );
    let Decoded::Events { events, .. } =
        decode("v3/foo-app/devices/foo-device/up", with_eui.as_bytes(), at())
    else {
        panic!()
    };
    let EventBody::AppUplink(u) = &events[0] else { panic!() };
    assert_eq!((u.f_cnt, u.f_port, u.payload_len, u.ns_time), (42, Some(42), 3, None));
}

#[test]
fn protobuf_gateway_messages_decode_exactly_like_their_json_twins() {
    let lora = |sf, pol| pb::Modulation {
        lora: Some(pb::LoraModulationInfo {
            bandwidth: 125_000,
            spreading_factor: sf,
            code_rate_legacy: String::new(),
            polarization_inversion: pol,
            code_rate: pb::CodeRate::Cr45 as i32,
        }),
    };
    let topic = "eu868/gateway/0016c001f153a14c";
    let up = pb::UplinkFrame {
        phy_payload: vec![
            0x80, 0xa6, 0xfe, 0x6a, 0x01, 0x80, 0x05, 0x00, 0x01, 0x38, 0x87, 0x3a, 0x73, 0x04,
        ],
        tx_info: Some(pb::UplinkTxInfo {
            frequency: 867_300_000,
            modulation: Some(lora(7, false)),
        }),
        rx_info: Some(pb::UplinkRxInfo {
            gateway_id: "0016c001f153a14c".into(),
            uplink_id: 7895,
            gw_time: Some(pb::Timestamp { seconds: 1_659_537_463, nanos: 383_634_108 }),
            rssi: -52,
            snr: 13.75,
            context: vec![0xc7, 0x0c, 0x74, 0x19],
            ..Default::default()
        }),
        ..Default::default()
    };
    let item = |freq, power, sf, secs| pb::DownlinkFrameItem {
        phy_payload: hex::decode("60a6fe6a01a0030092ccd6db").unwrap(),
        tx_info_legacy: None,
        tx_info: Some(pb::DownlinkTxInfo {
            frequency: freq,
            power,
            modulation: Some(lora(sf, true)),
            timing: Some(pb::Timing {
                parameters: Some(pb::TimingParameters::Delay(pb::DelayTimingInfo {
                    delay: Some(pb::Duration { seconds: secs, nanos: 0 }),
                })),
            }),
            context: vec![0xc7, 0x0c, 0x74, 0x19],
        }),
    };
    let down = pb::DownlinkFrame {
        downlink_id: 894_104_280,
        items: vec![item(867_300_000, 14, 7, 1), item(869_525_000, 27, 12, 2)],
        gateway_id: "0016c001f153a14c".into(),
        ..Default::default()
    };
    let ack = pb::DownlinkTxAck {
        gateway_id: "0016c001f153a14c".into(),
        downlink_id: 894_104_280,
        items: vec![pb::DownlinkTxAckItem { status: 1 }, pb::DownlinkTxAckItem { status: 0 }],
        ..Default::default()
    };
    let stats = pb::GatewayStats {
        gateway_id: "0016c001f153a14c".into(),
        rx_packets_received: 1,
        rx_packets_received_ok: 1,
        tx_packets_received: 1,
        tx_packets_emitted: 1,
        ..Default::default()
    };
    let conn =
        pb::ConnState { gateway_id: "0016c001f153a14c".into(), state: 1, ..Default::default() };
    let twins = [
        ("event/up", up.encode_to_vec(), "chirpstack-gw/v4-up-doc.json"),
        ("command/down", down.encode_to_vec(), "chirpstack-gw/v4-down-data.json"),
        ("event/ack", ack.encode_to_vec(), "chirpstack-gw/v4-ack-ok-ignored.json"),
        ("event/stats", stats.encode_to_vec(), "chirpstack-gw/v4-stats-doc.json"),
        ("state/conn", conn.encode_to_vec(), "chirpstack-gw/v4-conn-online.json"),
    ];
    for (suffix, bytes, json_file) in twins {
        let topic = format!("{topic}/{suffix}");
        let from_pb = decode(&topic, &bytes, at());
        let from_json = decode(&topic, &payload(json_file), at());
        assert!(matches!(from_pb, Decoded::Events { .. }), "{suffix}: {from_pb:?}");
        assert_eq!(from_pb, from_json, "{suffix}");
    }
}

#[test]
fn a_hand_encoded_protobuf_uplink_decodes_through_the_public_entry_point() {
    // UplinkFrame { phy_payload (1), tx_info (4) { frequency (1), modulation (2) { lora (3) {
    // bandwidth (1), spreading_factor (2), code_rate (5) } } }, rx_info (5) { gateway_id (1),
    // rssi (6), snr (7, float), channel (8), context (13), crc_status (16) } }
    let bytes = hex::decode(concat!(
        "0a17",
        "0039363463336913aa05693574323831330489c65b1304",
        "2212",
        "08a0cff89d03",
        "120a1a08",
        "08c8d007",
        "1007",
        "2801",
        "2a2d",
        "0a10",
        "30303136633030316631353361313463",
        "30c7ffffffffffffffff01",
        "3d00001841",
        "4001",
        "6a04000186a0",
        "800102",
    ))
    .unwrap();
    let json = payload("chirpstack-gw/v4-up-join-request.json");
    let from_pb = decode("eu868/gateway/0016c001f153a14c/event/up", &bytes, at());
    let Decoded::Events { events, .. } =
        decode("eu868/gateway/0016c001f153a14c/event/up", &json, at())
    else {
        panic!()
    };
    // Same frame as the JSON fixture, without its gateway time.
    let mut want = events;
    if let EventBody::GatewayUplink { reception, .. } = &mut want[0] {
        reception.gw_time = None;
    }
    assert_eq!(from_pb, Decoded::Events { source: Source::ChirpstackGateway, events: want });
}

#[test]
fn empty_truncated_and_mistyped_payloads_are_malformed_on_every_topic_family() {
    let families = [
        (
            "eu868/gateway/0016c001f153a14c/event/up",
            Source::ChirpstackGateway,
            r#"{"phyPayload":"AQ==","rxInfo":{"rssi":"x"}}"#,
            r#"{"phyPayload":"A"}"#,
        ),
        (
            "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/0101010101010101/event/up",
            Source::ChirpstackApplication,
            r#"{"deviceInfo":{"devEui":"0101010101010101"},"fCnt":"x"}"#,
            r#"{"deviceInfo":{"devEui":"0101010101010101"},"data":"A"}"#,
        ),
        (
            "application/123/device/0202020202020202/event/up",
            Source::ChirpstackV3Application,
            r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","fCnt":[]}"#,
            r#"{"applicationID":"123","devEUI":"AgICAgICAgI=","data":"A"}"#,
        ),
        (
            "v3/app1/devices/eui-0004a30b001c0530/up",
            Source::TheThingsStack,
            r#"{"uplink_message":{"f_cnt":{}}}"#,
            r#"{"uplink_message":{"frm_payload":"A"}}"#,
        ),
    ];
    for (topic, source, mistyped, bad_base64) in families {
        for payload in
            [&b""[..], b"  \n", b"{", br#"{"a":"#, mistyped.as_bytes(), bad_base64.as_bytes()]
        {
            match decode(topic, payload, at()) {
                Decoded::Malformed { source: s, error } => {
                    assert_eq!(s, source, "{topic}");
                    assert!(!error.to_string().trim().is_empty(), "{topic}: {error:?}");
                }
                other => panic!("{topic} {:?}: {other:?}", String::from_utf8_lossy(payload)),
            }
        }
    }
}

#[test]
fn every_truncation_of_every_fixture_is_malformed_and_nothing_panics() {
    for (file, topic, _) in manifest() {
        let full = payload(&file);
        let end = full.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |i| i + 1);
        let stride = if end > 600 { 7 } else { 1 };
        for cut in (0..end).step_by(stride) {
            let got = decode(&topic, &full[..cut], at());
            assert!(matches!(got, Decoded::Malformed { .. }), "{file} cut at {cut}: {got:?}");
        }
    }
}

#[test]
fn pseudo_random_bytes_never_panic_on_any_topic() {
    let topics = [
        "eu868/gateway/0016c001f153a14c/event/up",
        "eu868/gateway/0016c001f153a14c/command/down",
        "eu868/gateway/0016c001f153a14c/event/ack",
        "eu868/gateway/0016c001f153a14c/event/stats",
        "eu868/gateway/0016c001f153a14c/state/conn",
        "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/0101010101010101/event/up",
        "application/123/device/0202020202020202/event/error",
        "v3/app1/devices/dev1/up",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..400 {
        let len = round % 97;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) as u8
            })
            .collect();
        for topic in topics {
            let got = decode(topic, &bytes, at());
            if !topic.contains("/gateway/") {
                assert!(matches!(got, Decoded::Malformed { .. }), "{topic}: {got:?}");
            }
        }
    }
}
