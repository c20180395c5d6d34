//! Tests of `tts`.

use super::*;
use crate::model::DevAddr;

const IDS: &str = r#""end_device_ids":{"device_id":"dev1","application_ids":{"application_id":"app1"},"dev_eui":"0004A30B001C0530","join_eui":"800000000000000C","dev_addr":"01497ECC"}"#;

crate::adapters::testkit::decoders!("dev1");

#[test]
fn a_real_uplink_decodes_every_field() {
    let json = r#"{"end_device_ids":{"device_id":"eui-1000000000000001","application_ids":{"application_id":"application-tts-name"},"dev_eui":"1000000000000001","join_eui":"2000000000000001","dev_addr":"20000001"},"correlation_ids":["as:up:01H0S7ZJQ9MQPMVY49FT3SE07M","ns:uplink:01H0S7ZJGS9KKD4HTTPKFEMWCV"],"received_at":"2023-05-19T05:33:35.848446463Z","uplink_message":{"session_key_id":"AYfqmb0pc/1uRZv9xUydgQ==","f_port":2,"f_cnt":10335,"frm_payload":"ARI=","rx_metadata":[{"gateway_ids":{"gateway_id":"eui-6a7e111a10000000","eui":"6A7E111A10000000"},"time":"2023-05-19T05:33:35.608982Z","timestamp":3893546133,"rssi":-35,"channel_rssi":-35,"snr":13.2,"frequency_offset":"69","channel_index":3,"received_at":"2023-05-19T05:33:35.607383681Z"}],"settings":{"data_rate":{"lora":{"bandwidth":125000,"spreading_factor":7,"coding_rate":"4/5"}},"frequency":"867100000","timestamp":3893546133,"time":"2023-05-19T05:33:35.608982Z"},"received_at":"2023-05-19T05:33:35.641841782Z","consumed_airtime":"0.056576s"}}"#;
    let u = up(json);
    assert_eq!(u.dev_eui.to_string(), "1000000000000001");
    assert_eq!(u.dev_addr, Some(DevAddr(0x2000_0001)));
    assert_eq!(
        (u.f_cnt, u.f_port, u.payload_len, u.confirmed, u.adr),
        (10335, Some(2), 2, false, false)
    );
    assert_eq!(
        (u.tx.frequency_hz, u.tx.spreading_factor, u.tx.bandwidth_hz),
        (Some(867_100_000), Some(7), Some(125_000))
    );
    assert_eq!(u.tx.coding_rate.as_deref(), Some("4/5"));
    assert_eq!(u.dedup_id.as_deref(), Some("ns:uplink:01H0S7ZJGS9KKD4HTTPKFEMWCV"));
    assert_eq!(
        u.ns_time.map(|t| t.to_rfc3339()).as_deref(),
        Some("2023-05-19T05:33:35.641841782+00:00")
    );
    let r = &u.receptions[0];
    assert_eq!(
        (r.gateway.as_str(), r.rssi_dbm, r.snr_db, r.channel),
        ("6a7e111a10000000", Some(-35.0), Some(13.2), Some(3))
    );
}

#[test]
fn omitted_zeros_and_string_numbers_are_understood() {
    let cases = [
        // (uplink_message body) → (f_cnt, snr, rssi, frequency, coding rate, data rate)
        (
            r#""frm_payload":"AQ==","settings":{"frequency":"868300000"}"#,
            (0, None, None, Some(868_300_000), None, None),
        ),
        (
            r#""f_cnt":"7","settings":{"frequency":868300000,"coding_rate":"4/6","data_rate_index":5}"#,
            (7, None, None, Some(868_300_000), Some("4/6"), Some(5)),
        ),
        (
            r#""rx_metadata":[{"gateway_ids":{"gateway_id":"gtw1"},"channel_rssi":-71}]"#,
            (0, None, Some(-71.0), None, None, None),
        ),
        (
            r#""rx_metadata":[{"gateway_ids":{"gateway_id":"gtw1"},"rssi":"-70","snr":"5.5"}]"#,
            (0, Some(5.5), Some(-70.0), None, None, None),
        ),
    ];
    for (body, (f_cnt, snr, rssi, freq, cr, dr)) in cases {
        let u = up(&format!(r#"{{{IDS},"uplink_message":{{{body}}}}}"#));
        let r = u.receptions.first();
        assert_eq!(u.f_cnt, f_cnt, "{body}");
        assert_eq!((r.and_then(|r| r.snr_db), r.and_then(|r| r.rssi_dbm)), (snr, rssi), "{body}");
        assert_eq!(
            (u.tx.frequency_hz, u.tx.coding_rate.as_deref(), u.tx.data_rate),
            (freq, cr, dr),
            "{body}"
        );
    }
}

#[test]
fn gateways_are_named_by_eui_then_packet_broker_forwarder_then_id() {
    let cases = [
        (r#"{"gateway_ids":{"gateway_id":"gtw1","eui":"9C5C8E00001A05C4"}}"#, "9c5c8e00001a05c4"),
        (r#"{"gateway_ids":{"gateway_id":"gtw1"}}"#, "gtw1"),
        (
            r#"{"gateway_ids":{"gateway_id":"packetbroker"},"packet_broker":{"forwarder_gateway_eui":"6A7E111A10000000"}}"#,
            "6a7e111a10000000",
        ),
        (
            r#"{"gateway_ids":{"gateway_id":"packetbroker"},"packet_broker":{"forwarder_gateway_id":"eui-x"}}"#,
            "eui-x",
        ),
    ];
    for (meta, want) in cases {
        let u = up(&format!(r#"{{{IDS},"uplink_message":{{"rx_metadata":[{meta}]}}}}"#));
        assert_eq!(u.receptions[0].gateway.as_str(), want, "{meta}");
    }
    let twice = r#"[{"gateway_ids":{"eui":"6A7E111A10000000"},"rssi":-24},{"gateway_ids":{"gateway_id":"packetbroker"},"packet_broker":{"forwarder_gateway_eui":"6A7E111A10000000"},"rssi":-25}]"#;
    let u = up(&format!(r#"{{{IDS},"uplink_message":{{"rx_metadata":{twice}}}}}"#));
    assert_eq!(u.receptions.len(), 1, "the same gateway seen through Packet Broker counts once");
}

#[test]
fn the_dev_eui_comes_from_the_ids_else_from_an_eui_device_id() {
    let cases = [
        (
            r#"{"end_device_ids":{"device_id":"dev1","dev_eui":"0004A30B001C0530"},"join_accept":{}}"#,
            "dev1",
            Some("0004a30b001c0530"),
        ),
        (
            r#"{"end_device_ids":{"device_id":"eui-70b3d57ed0000001"},"join_accept":{}}"#,
            "x",
            Some("70b3d57ed0000001"),
        ),
        (r#"{"join_accept":{}}"#, "eui-70b3d57ed0000002", Some("70b3d57ed0000002")),
        (r#"{"end_device_ids":{"device_id":"dev1"},"join_accept":{}}"#, "dev1", None),
    ];
    for (json, topic_id, want) in cases {
        let got = decode("join", topic_id, json.as_bytes());
        let eui =
            got.as_ref().ok().and_then(|v| v.as_ref()?.first()?.dev_eui()).map(|e| e.to_string());
        assert_eq!(eui.as_deref(), want, "{json}");
        if want.is_none() {
            let err = got.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains("names no DevEUI") && err.contains("'dev1'"), "{err}");
        }
    }
}

#[test]
fn joins_and_downlink_events_decode() {
    let dev: DevEui = "0004a30b001c0530".parse().unwrap_or_default();
    let down = |outcome, f_cnt_down, error: Option<&str>| EventBody::AppDownlink {
        dev_eui: dev,
        outcome,
        f_cnt_down,
        error: error.map(str::to_string),
    };
    let cases = [
        (
            "join",
            r#""join_accept":{"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ==","received_at":"2020-02-17T07:49:09.736532315Z"}"#,
            EventBody::AppJoin {
                dev_eui: dev,
                dev_addr: Some(DevAddr(0x0149_7ecc)),
                join_eui: "800000000000000c".parse().ok(),
            },
        ),
        (
            "down/queued",
            r#""downlink_queued":{"f_port":15,"f_cnt":1,"frm_payload":"vu8=","confirmed":true,"priority":"NORMAL"}"#,
            down(DownlinkOutcome::Queued, Some(1), None),
        ),
        (
            "down/sent",
            r#""downlink_sent":{"f_port":15,"f_cnt":"2"}"#,
            down(DownlinkOutcome::Sent, Some(2), None),
        ),
        (
            "down/ack",
            r#""downlink_ack":{"f_port":15,"f_cnt":1,"frm_payload":"vu8=","confirmed":true}"#,
            down(DownlinkOutcome::Ack, Some(1), None),
        ),
        (
            "down/nack",
            r#""downlink_nack":{"f_port":15}"#,
            down(DownlinkOutcome::Nack, Some(0), None),
        ),
        (
            "down/failed",
            r#""downlink_failed":{"downlink":{"f_port":15,"frm_payload":"vu8="},"error":{"namespace":"pkg/networkserver","name":"application_downlink_too_long","message_format":"application downlink payload is too long","code":3}}"#,
            down(
                DownlinkOutcome::Failed,
                Some(0),
                Some(
                    "pkg/networkserver:application_downlink_too_long (application downlink payload is too long)",
                ),
            ),
        ),
        (
            "down/invalidated",
            r#""downlink_queue_invalidated":{"downlinks":[],"last_f_cnt_down":9}"#,
            down(DownlinkOutcome::Invalidated, Some(9), None),
        ),
    ];
    for (kind, body, want) in cases {
        assert_eq!(one(kind, &format!("{{{IDS},{body}}}")), want, "{kind}");
    }
}

#[test]
fn storage_and_events_api_framings_are_unwrapped() {
    let inner = format!(r#"{{{IDS},"uplink_message":{{"f_cnt":5}}}}"#);
    let framings = [
        format!(r#"{{"result":{inner}}}"#),
        format!(
            r#"{{"name":"as.up.data.forward","data":{{"@type":"type.googleapis.com/ttn.lorawan.v3.ApplicationUp",{}}}}}"#,
            &inner[1..inner.len() - 1]
        ),
        format!(r#"{{"result":{{"name":"as.up.data.forward","data":{inner}}}}}"#),
    ];
    for json in framings {
        assert_eq!(up(&json).f_cnt, 5, "{json}");
    }
}

#[test]
fn unused_topics_are_ignored_and_malformed_payloads_say_what_is_wrong() {
    assert_eq!(decode("up/normalized", "dev1", b"{}"), Ok(None));
    assert_eq!(decode("location/solved", "dev1", b"{}"), Ok(None));
    assert_eq!(decode("down/push", "dev1", b"{}"), Ok(None));
    let cases = [
        ("up", format!(r#"{{{IDS},"uplink_message":{{"f_cnt":"#), "EOF"),
        ("up", format!(r#"{{{IDS},"uplink_message":{{"f_cnt":"many"}}}}"#), "invalid value"),
        ("up", format!(r#"{{{IDS},"uplink_message":{{"f_cnt":-1}}}}"#), "out of range"),
        (
            "up",
            format!(r#"{{{IDS},"uplink_message":{{"frm_payload":"!"}}}}"#),
            "frm_payload is not valid base64",
        ),
        ("up", format!(r#"{{{IDS},"uplink_message":{{"f_port":999}}}}"#), "out of range"),
        (
            "up",
            format!(r#"{{{IDS},"uplink_message":{{"rx_metadata":[{{"rssi":-1}}]}}}}"#),
            "rx_metadata[0] has no gateway_ids",
        ),
        ("up", format!(r#"{{{IDS}}}"#), "none of uplink_message"),
        ("up", "garbage".to_string(), "expected value"),
        (
            "up",
            format!("{}{{}}{}", r#"{"result":"#.repeat(300), "}".repeat(300)),
            "recursion limit",
        ),
    ];
    for (kind, json, want) in cases {
        let err =
            decode(kind, "dev1", json.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains(want), "{json}: {err}");
    }
}
