use base64::Engine as _;

use super::*;

/// lorawan-stack#2410: JoinEUI 58A0CB0001500001, DevEUI 0004A30B001BDAED, DevNonce 68B3.
const JOIN_REQUEST: &str = "AAEAUAEAy6BY7dobAAujBACzaHMSWIU=";
const DEV: &str = r#"{"device_ids":{"device_id":"dev1","application_ids":{"application_id":"app1"},"dev_eui":"0004A30B001BDAED","join_eui":"58A0CB0001500001"}}"#;
const GW: &str = r#"{"gateway_ids":{"gateway_id":"gw1","eui":"0016C001F153A14C"}}"#;

fn event(name: &str, ids: &str, data: &str, corr: &[&str]) -> String {
    let corr: Vec<String> = corr.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        r#"{{"name":"{name}","time":"2026-03-14T09:26:53.589793238Z","identifiers":[{ids}],"data":{data},"correlation_ids":[{}],"origin":"ip-10-100-5-248","context":{{"tenant-id":"CgN0dG4="}},"visibility":{{"rights":["RIGHT_APPLICATION_TRAFFIC_READ"]}},"unique_id":"01JPA6BKXN0000000000000000"}}"#,
        corr.join(",")
    )
}

fn decoded(name: &str, json: &str) -> Vec<EventBody> {
    match decode(name, json.as_bytes()) {
        Ok(Some(v)) => v,
        other => panic!("{name}: {other:?}"),
    }
}

fn rx(gw_id: &str, eui: &str, ts: u32, rssi: f64, snr: f64) -> String {
    format!(
        r#"{{"gateway_ids":{{"gateway_id":"{gw_id}","eui":"{eui}"}},"time":"2026-03-14T09:26:53.500Z","timestamp":{ts},"rssi":{rssi},"channel_rssi":{rssi},"snr":{snr},"channel_index":2,"uplink_token":"CiIKIAoUZXVpLTZhN2UxMTFhMTAwMDAwMDASCCThJP/+9k6e"}}"#
    )
}

fn uplink_data(rxs: &[String]) -> String {
    format!(
        r#"{{"@type":"type.googleapis.com/ttn.lorawan.v3.UplinkMessage","raw_payload":"{JOIN_REQUEST}","payload":{{"m_hdr":{{"m_type":"JOIN_REQUEST"}},"mic":"c3MSWIU=","join_request_payload":{{"join_eui":"58A0CB0001500001","dev_eui":"0004A30B001BDAED","dev_nonce":"68B3"}}}},"settings":{{"data_rate":{{"lora":{{"bandwidth":125000,"spreading_factor":7,"coding_rate":"4/5"}}}},"frequency":"868100000"}},"rx_metadata":[{}],"received_at":"2026-03-14T09:26:53.589Z","correlation_ids":["gs:uplink:01JPA6"]}}"#,
        rxs.join(",")
    )
}

#[test]
fn a_join_request_event_gives_one_gateway_frame_per_receiving_gateway() {
    let data = uplink_data(&[
        rx("gw1", "0016C001F153A14C", 1000, -71.0, 7.5),
        rx("gw2", "0016C001F153A14D", 2000, -99.0, -2.0),
    ]);
    for name in ["ns.up.join.receive", "ns.up.join.process"] {
        let got = decoded(name, &event(name, DEV, &data, &[]));
        assert_eq!(got.len(), 2, "{name}");
        let EventBody::GatewayUplink { phy_payload, tx, reception } = &got[1] else {
            panic!("{got:?}")
        };
        let want = base64::engine::general_purpose::STANDARD.decode(JOIN_REQUEST).unwrap();
        assert_eq!(phy_payload, &want);
        assert_eq!((tx.frequency_hz, tx.spreading_factor), (Some(868_100_000), Some(7)));
        assert_eq!(
            (reception.gateway.as_str(), reception.rssi_dbm, reception.snr_db, reception.channel),
            ("0016c001f153a14d", Some(-99.0), Some(-2.0), Some(2))
        );
        assert_eq!(reception.context, 2000u32.to_be_bytes().to_vec(), "the concentrator time");
    }
}

#[test]
fn gateway_uplinks_read_in_the_current_and_the_2021_shape() {
    let plain = uplink_data(&[rx("gw1", "0016C001F153A14C", 7, -80.0, 5.0)]);
    let wrapped = format!(
        r#"{{"@type":"type.googleapis.com/ttn.lorawan.v3.GatewayUplinkMessage","message":{},"band_id":"EU_863_870"}}"#,
        plain
    );
    for data in [plain, wrapped] {
        let got = decoded("gs.up.receive", &event("gs.up.receive", GW, &data, &[]));
        assert!(matches!(&got[..], [EventBody::GatewayUplink { .. }]), "{got:?}");
    }
    let no_frame = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.UplinkMessage"}"#;
    assert_eq!(
        decoded("ns.up.join.receive", &event("ns.up.join.receive", DEV, no_frame, &[])),
        vec![]
    );
}

fn error(namespace: &str, name: &str, format: &str) -> String {
    format!(
        r#"{{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"{namespace}","name":"{name}","message_format":"{format}","correlation_id":"abc","code":3}}"#
    )
}

#[test]
fn join_server_errors_become_the_ns_log_codes_the_rules_know() {
    let mic = error("pkg/joinserver", "mic_mismatch", "MIC mismatch");
    let reused = error("pkg/joinserver", "reuse_dev_nonce", "DevNonce has already been used");
    let small = error("pkg/joinserver", "dev_nonce_too_small", "DevNonce is too small");
    let abp = error("pkg/networkserver", "abp_join_request", "ABP device sent a join-request");
    let nested = format!(
        r#"{{"namespace":"pkg/networkserver","name":"outdated_data","message_format":"outdated data","cause":{}}}"#,
        error("pkg/joinserver", "device_not_found", "device not found")
    );
    let dup = error("pkg/networkserver", "duplicate_uplink", "uplink is a duplicate");
    let cases = [
        ("ns.up.join.cluster.fail", &mic, Some("UPLINK_MIC")),
        ("ns.up.join.cluster.fail", &reused, Some("OTAA")),
        ("ns.up.join.cluster.fail", &small, Some("OTAA")),
        ("ns.up.join.drop", &mic, None),
        ("ns.up.join.drop", &abp, Some("ABP_JOIN_REQUEST")),
        ("ns.up.join.cluster.fail", &nested, Some("DEVICE_NOT_FOUND")),
        ("ns.up.data.drop", &dup, None),
    ];
    for (name, data, want) in cases {
        let got = decoded(name, &event(name, DEV, data, &[]));
        let code = got.iter().find_map(|e| match e {
            EventBody::AppLog { code, dev_eui, .. } => {
                assert_eq!(dev_eui.to_string(), "0004a30b001bdaed");
                Some(code.as_str())
            }
            _ => None,
        });
        assert_eq!(code, want, "{name} {data}");
    }
    let got =
        decoded("ns.up.join.cluster.fail", &event("ns.up.join.cluster.fail", DEV, &reused, &[]));
    let EventBody::AppLog { description, context, .. } = &got[0] else { panic!() };
    assert_eq!(description, "pkg/joinserver:reuse_dev_nonce (DevNonce has already been used)");
    assert_eq!(context.get("name").map(String::as_str), Some("reuse_dev_nonce"));
}

fn token(gateway_id: &str, eui: [u8; 8]) -> String {
    let t = UplinkToken {
        ids: Some(AntennaIds {
            gateway_ids: Some(GatewayIds { gateway_id: gateway_id.into(), eui: eui.to_vec() }),
        }),
    };
    base64::engine::general_purpose::STANDARD.encode(t.encode_to_vec())
}

#[test]
fn a_scheduled_join_accept_and_its_outcomes_share_one_downlink_id() {
    let tok = token("gw1", [0x00, 0x16, 0xc0, 0x01, 0xf1, 0x53, 0xa1, 0x4c]);
    let attempt = format!(
        r#"{{"@type":"type.googleapis.com/ttn.lorawan.v3.DownlinkMessage","raw_payload":"IIE/R/UI/6JnC24j4B+EueJdnEEV8C7qCz3T4gs+ypLa","payload":{{"m_hdr":{{"m_type":"JOIN_ACCEPT"}}}},"request":{{"downlink_paths":[{{"uplink_token":"{tok}"}}],"rx1_delay":"RX_DELAY_5","rx1_data_rate":{{"lora":{{"bandwidth":125000,"spreading_factor":7}}}},"rx1_frequency":"868100000","priority":"HIGHEST","frequency_plan_id":"EU_863_870_TTN"}},"correlation_ids":["ns:transmission:01JPA6X"]}}"#
    );
    let corr = ["ns:downlink:01JPA6D", "ns:transmission:01JPA6X"];
    let got = decoded(
        "ns.down.join.schedule.attempt",
        &event("ns.down.join.schedule.attempt", DEV, &attempt, &corr),
    );
    let [EventBody::GatewayDownlink { gateway, downlink_id, items }] = &got[..] else {
        panic!("{got:?}")
    };
    assert_eq!(gateway.as_str(), "0016c001f153a14c", "the gateway in the uplink token");
    assert_eq!(items[0].phy_payload.first(), Some(&0x20));
    assert_eq!(items[0].timing, Some(DownlinkTiming::Delay { seconds: 5.0 }));
    assert_eq!(items[0].tx.frequency_hz, Some(868_100_000));

    let tx_fail = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"pkg/networkserver","name":"transmission","message_format":"downlink transmission failed with result `{result}`","attributes":{"result":"TOO_LATE"},"code":2}"#;
    let path_errors = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"pkg/networkserver","name":"schedule","details":[{"@type":"type.googleapis.com/ttn.lorawan.v3.ScheduleDownlinkErrorDetails","path_errors":[{"namespace":"pkg/gatewayserver","name":"schedule_path","cause":{"namespace":"pkg/gatewayserver/scheduling","name":"conflict"}}]}]}"#;
    let cases: [(&str, &str, &str, TxAckStatus); 6] = [
        ("ns.down.transmission.success", DEV, &attempt, TxAckStatus::Ok),
        ("ns.down.transmission.fail", DEV, tx_fail, TxAckStatus::TooLate),
        ("ns.down.join.schedule.fail", DEV, path_errors, TxAckStatus::CollisionPacket),
        ("gs.down.tx.success", GW, "null", TxAckStatus::Ok),
        (
            "gs.down.tx.fail",
            GW,
            r#"{"@type":"type.googleapis.com/google.protobuf.Value","value":"TOO_LATE"}"#,
            TxAckStatus::TooLate,
        ),
        (
            "gs.down.tx.fail",
            GW,
            r#"{"@type":"type.googleapis.com/google.protobuf.Value","value":3}"#,
            TxAckStatus::TooEarly,
        ),
    ];
    for (name, ids, data, want) in cases {
        let got = decoded(name, &event(name, ids, data, &corr));
        let [EventBody::NsTxResult { downlink_id: id, status, .. }] = &got[..] else {
            panic!("{name}: {got:?}")
        };
        assert_eq!((id, status), (downlink_id, &want), "{name}");
    }
}

#[test]
fn gateway_connection_status_and_device_status_are_read() {
    let disc = error("pkg/gatewayserver", "context_canceled", "context canceled");
    assert_eq!(
        decoded("gs.gateway.disconnect", &event("gs.gateway.disconnect", GW, &disc, &[])),
        vec![EventBody::GatewayConnState {
            gateway: GatewayId::new("0016c001f153a14c"),
            online: false
        }]
    );
    let ids_only = r#"{"gateway_ids":{"gateway_id":"my-gw"}}"#;
    assert_eq!(
        decoded("gs.gateway.connect", &event("gs.gateway.connect", ids_only, "null", &[])),
        vec![EventBody::GatewayConnState { gateway: GatewayId::new("my-gw"), online: true }]
    );
    let status = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.GatewayStatus","time":"2026-03-14T09:26:00Z","metrics":{"rxin":12,"rxok":10,"txin":2,"txok":1,"ackr":100}}"#;
    assert_eq!(
        decoded("gs.status.receive", &event("gs.status.receive", GW, status, &[])),
        vec![EventBody::GatewayStats {
            gateway: GatewayId::new("0016c001f153a14c"),
            rx_received: 12,
            rx_received_ok: 10,
            tx_received: 2,
            tx_emitted: 1,
        }]
    );
    let ans = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.MACCommand.DevStatusAns","battery":128,"margin":12}"#;
    let got = decoded(
        "ns.mac.dev_status.answer.accept",
        &event("ns.mac.dev_status.answer.accept", DEV, ans, &[]),
    );
    let [EventBody::AppStatus { margin_db, battery_percent, external_power, .. }] = &got[..] else {
        panic!("{got:?}")
    };
    assert_eq!((*margin_db, *external_power), (Some(12), false));
    assert!(battery_percent.is_some_and(|b| (b - 50.2).abs() < 0.1));
}

#[test]
fn application_server_events_read_like_the_mqtt_messages() {
    let up = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.ApplicationUp","end_device_ids":{"device_id":"dev1","application_ids":{"application_id":"app1"},"dev_eui":"0004A30B001BDAED","dev_addr":"260B1234"},"uplink_message":{"f_port":2,"f_cnt":42,"frm_payload":"ARI=","rx_metadata":[{"gateway_ids":{"gateway_id":"gw1","eui":"0016C001F153A14C"},"rssi":-70,"snr":8}],"settings":{"frequency":"868300000"}}}"#;
    let got = decoded("as.up.data.forward", &event("as.up.data.forward", DEV, up, &[]));
    let [EventBody::AppUplink(u)] = &got[..] else { panic!("{got:?}") };
    assert_eq!((u.f_cnt, u.f_port, u.receptions.len()), (42, Some(2), 1));
    let join = r#"{"@type":"type.googleapis.com/ttn.lorawan.v3.ApplicationUp","end_device_ids":{"device_id":"eui-0004a30b001bdaed","dev_addr":"260B1235"},"join_accept":{"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ=="}}"#;
    let got = decoded("as.up.join.forward", &event("as.up.join.forward", DEV, join, &[]));
    assert!(matches!(&got[..], [EventBody::AppJoin { dev_addr: Some(_), .. }]), "{got:?}");
}

#[test]
fn unknown_events_are_ignored_and_broken_ones_say_what_is_wrong() {
    for name in ["events.stream.start", "js.join.reject", "ns.up.join.cluster.attempt", "x.y"] {
        assert_eq!(decode(name, event(name, DEV, "null", &[]).as_bytes()), Ok(None), "{name}");
    }
    let cases = [
        ("ns.up.join.receive", "{\"name\":".to_string(), "does not parse"),
        (
            "ns.up.join.receive",
            event("ns.up.join.receive", DEV, r#"{"raw_payload":"!!"}"#, &[]),
            "raw_payload is not valid base64",
        ),
        (
            "ns.up.join.cluster.fail",
            event(
                "ns.up.join.cluster.fail",
                GW,
                &error("pkg/joinserver", "mic_mismatch", "MIC"),
                &[],
            ),
            "names no DevEUI",
        ),
        ("gs.status.receive", event("gs.status.receive", DEV, "{}", &[]), "names no gateway"),
    ];
    for (name, json, want) in cases {
        let err = decode(name, json.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains(want), "{name}: {err}");
    }
}
