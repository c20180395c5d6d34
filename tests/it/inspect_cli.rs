//! `rmacheck inspect`: renderer snapshots from a fixed record, and the command on small
//! captures written by the tests (ChirpStack v4 JSON payloads, base64 in capture lines).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use base64::Engine as _;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use predicates::prelude::*;
use serde_json::{Value, json};

use rmacheck::frame::{MicStatus, create};
use rmacheck::model::{AesKey, DevAddr, DevEui, GatewayId, JoinEui, Source};
use rmacheck::render::inspect::{self, InspectReport};
use rmacheck::tracker::{DeviceRecord, Spread, Stats, TimelineEntry, Window};

const DEV: &str = "70b3d57ed0000001";
const APP_KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";
const GW1: &str = "0016c001f153a14c";
const GW2: &str = "0016c001f153a14d";

fn t(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_770_000, 0).unwrap_or_default() + Duration::milliseconds(ms)
}

// ---------------------------------------------------------------------------
// Renderers
// ---------------------------------------------------------------------------

fn fixed_report() -> InspectReport {
    let gw = GatewayId::new(GW1);
    let entry = |index: u64, ms: i64, kind: &str| TimelineEntry {
        index,
        at: Some(t(ms)),
        kind: kind.to_string(),
        ..TimelineEntry::default()
    };
    let timeline = vec![
        TimelineEntry {
            gateway: Some(gw.clone()),
            rssi_dbm: Some(-71.0),
            snr_db: Some(7.5),
            frequency_hz: Some(868_100_000),
            sf: Some(7),
            dev_nonce: Some(4660),
            mic: Some(MicStatus::Valid),
            ..entry(3, 0, "join_request")
        },
        TimelineEntry {
            gateway: Some(gw.clone()),
            frequency_hz: Some(868_100_000),
            sf: Some(7),
            dev_addr: Some(DevAddr(0x0018_9440)),
            mic: Some(MicStatus::Valid),
            note: Some("answers join-request #3".into()),
            ..entry(5, 900, "join_accept")
        },
        TimelineEntry {
            gateway: Some(gw.clone()),
            tx_status: Some("TOO_LATE".into()),
            note: Some("gateway ack for #5".into()),
            ..entry(6, 1_100, "join_accept_tx")
        },
        TimelineEntry {
            code: Some("UPLINK_MIC".into()),
            note: Some("MIC of join-request is invalid, make sure keys are correct".into()),
            ..entry(7, 1_200, "ns_log")
        },
        TimelineEntry {
            gateway: Some(gw),
            rssi_dbm: Some(-80.0),
            snr_db: Some(5.0),
            frequency_hz: Some(868_300_000),
            sf: Some(9),
            dev_addr: Some(DevAddr(0x0018_9440)),
            f_cnt: Some(12),
            f_port: Some(2),
            ..entry(12, 65_000, "uplink")
        },
    ];
    let stats = Stats {
        join_requests: 8,
        join_accepts: 1,
        join_accept_tx_failed: 1,
        dev_nonces_distinct: 8,
        uplinks: 1,
        fcnt_first: Some(12),
        fcnt_last: Some(12),
        gateways: 1,
        rssi_dbm: Some(Spread { min: -80.0, median: -71.0, max: -60.0 }),
        snr_db: Some(Spread { min: 5.0, median: 7.5, max: 9.5 }),
        ns_log_codes: BTreeMap::from([("UPLINK_MIC".to_string(), 8)]),
        malformed_messages: 2,
        ..Stats::default()
    };
    let record = DeviceRecord {
        dev_eui: DEV.parse().unwrap_or_default(),
        timeline,
        stats,
        evidence: BTreeSet::from([3, 5, 6, 7, 12]),
        ..DeviceRecord::default()
    };
    let window = Some(Window { from: t(-1_000), to: t(3_600_000) });
    let malformed = BTreeMap::from([(Source::ChirpstackGateway, 1)]);
    InspectReport::new(record, window, &malformed, 1)
}

#[test]
fn the_table_renderer_shows_header_counters_and_timeline() {
    insta::assert_snapshot!("inspect_table", inspect::table_at(&fixed_report(), 200));
}

/// The fixed report with every section: a gateway's changes, malformed messages and an
/// interval that was not observed.
fn full_report() -> InspectReport {
    use rmacheck::tracker::MalformedMessage;
    use rmacheck::tracker::gaps::{Gap, GapReason};
    use rmacheck::tracker::gateways::{ChangeReason, GatewayAvailability, GatewayChange};
    let mut r = fixed_report();
    let change = |index, ms, online, reason| GatewayChange { index, at: t(ms), online, reason };
    r.gateways = vec![GatewayAvailability {
        gateway: GatewayId::new(GW1),
        stats_messages: 60,
        stats_interval_s: Some(30.0),
        changes: vec![
            change(40, 600_000, false, ChangeReason::LastWill),
            change(44, 900_000, true, ChangeReason::ConnOnline),
        ],
        down: Vec::new(),
        evidence: Vec::new(),
    }];
    r.malformed = vec![
        MalformedMessage {
            index: Some(9),
            source: "chirpstack_gateway".into(),
            reason: "the protobuf payload ends inside field 3 (rx_info): truncated message".into(),
            ..MalformedMessage::default()
        },
        MalformedMessage {
            index: None,
            source: "capture".into(),
            reason: "line 14: expected a JSON object with received_at, topic and payload_b64"
                .into(),
            ..MalformedMessage::default()
        },
    ];
    r.not_observed = vec![Gap {
        from: t(1_200_000),
        to: t(1_260_000),
        reason: GapReason::SessionNotResumed,
        loss_possible: true,
    }];
    r
}

#[test]
fn every_line_of_the_table_fits_sixty_and_a_hundred_columns() {
    let report = full_report();
    for width in [60, 100] {
        let text = inspect::table_at(&report, width);
        let widest = rmacheck::render::width::widest_line(&text);
        assert!(widest <= width, "at {width}: a line of {widest} columns\n{text}");
        for word in ["UPLINK_MIC", "TOO_LATE", "answers", "truncated", "Last Will", "4660"] {
            assert!(text.contains(word), "{word} lost at {width}:\n{text}");
        }
    }
}

#[test]
fn the_sixty_column_table_lists_the_timeline_under_each_entry() {
    insta::assert_snapshot!("inspect_table_60", inspect::table_at(&full_report(), 60));
}

#[test]
fn the_json_renderer_follows_the_contract() {
    let text = inspect::json(&fixed_report());
    insta::assert_snapshot!("inspect_json", text);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "rmacheck.inspect.v1");
    for key in ["dev_eui", "window", "timeline", "stats", "malformed_by_source"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["timeline"][0]["mic"], "valid");
    assert!(v["timeline"][0].get("f_cnt").is_none(), "absent fields are left out");
}

#[test]
fn an_empty_record_renders_without_a_timeline() {
    let record = DeviceRecord { dev_eui: DEV.parse().unwrap_or_default(), ..Default::default() };
    let report = InspectReport::new(record, None, &BTreeMap::new(), 0);
    let text = inspect::table_at(&report, 100);
    assert!(text.contains("nothing was heard from this device"), "{text}");
    assert!(text.contains("Window  — (no messages)"), "{text}");
    let v: Value = serde_json::from_str(&inspect::json(&report)).unwrap();
    assert_eq!(v["window"], Value::Null);
    assert_eq!(v["stats"]["join_requests"], 0);
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn line(ms: i64, topic: &str, payload: &Value) -> String {
    json!({
        "received_at": t(ms).to_rfc3339_opts(SecondsFormat::Micros, true),
        "topic": topic,
        "payload_b64": b64(payload.to_string().as_bytes()),
    })
    .to_string()
}

fn lora(freq: u64, sf: u32) -> Value {
    json!({"frequency": freq, "modulation": {"lora": {"bandwidth": 125000, "spreadingFactor": sf, "codeRate": "CR_4_5"}}})
}

/// The capture line of gateway `gw`'s `event/up` with `phy`, received at `ms`.
fn gw_up(ms: i64, gw: &str, phy: &[u8], (rssi, snr): (i32, f64), context: &[u8]) -> String {
    let payload = json!({
        "phyPayload": b64(phy),
        "txInfo": lora(868_100_000, 7),
        "rxInfo": {"gatewayId": gw, "uplinkId": 1, "rssi": rssi, "snr": snr,
                   "context": b64(context), "crcStatus": "CRC_OK"},
    });
    line(ms, &format!("eu868/gateway/{gw}/event/up"), &payload)
}

fn device_info() -> Value {
    json!({"tenantId": "t", "applicationId": "a", "deviceName": "sensor", "devEui": DEV, "tags": {}})
}

fn key() -> AesKey {
    APP_KEY.parse().unwrap()
}

fn dev() -> DevEui {
    DEV.parse().unwrap()
}

/// A healthy ChirpStack v4 session: a join-request heard by two gateways, the join-accept
/// and its ack, the join event, two data frames (one heard twice, both reported as `up`),
/// an unrelated gateway's stats and one unreadable line.
fn healthy_capture(dir: &Path) -> PathBuf {
    let addr = DevAddr(0x0018_9440);
    let jr = create::join_request(&key(), JoinEui::from_u64(0), dev(), 0x1234).unwrap();
    let ja = create::join_accept(&key(), 1, 0x13, addr, 0, 1, &[]).unwrap();
    let up = |f: u32| {
        create::data_up(&AesKey([1; 16]), &AesKey([2; 16]), addr, f, 2, b"\x01\x02", false, true)
            .unwrap()
    };
    let app_topic = |kind: &str| format!("application/a/device/{DEV}/event/{kind}");
    // The application's `up` event of frame `f_cnt`, received at `ms` and timed `time`.
    let app_up = |(ms, time): (i64, &str), f_cnt: u32, rx_info: Value| {
        let payload = json!({"deduplicationId": format!("u{f_cnt}"), "time": time,
            "deviceInfo": device_info(), "devAddr": addr.to_string(), "adr": true, "dr": 5,
            "fCnt": f_cnt, "fPort": 2, "confirmed": false, "data": "AQI=",
            "txInfo": lora(868_100_000, 7), "rxInfo": rx_info});
        line(ms, &app_topic("up"), &payload)
    };
    let down_item = |freq: u64, sf: u32, delay: &str| {
        let mut tx = lora(freq, sf);
        tx["power"] = json!(14);
        tx["timing"] = json!({"delay": {"delay": delay}});
        tx["context"] = json!(b64(b"\x00\x01\x86\xa0"));
        json!({"phyPayload": b64(&ja), "txInfo": tx})
    };
    let lines = [
        gw_up(0, GW1, &jr, (-57, 9.5), b"\x00\x01\x86\xa0"),
        gw_up(40, GW2, &jr, (-90, -1.0), b"\x00\x00\x00\x07"),
        line(
            950,
            &format!("eu868/gateway/{GW1}/command/down"),
            &json!({
            "downlinkId": 77, "gatewayId": GW1,
            "items": [down_item(868_100_000, 7, "5s"), down_item(869_525_000, 12, "6s")]}),
        ),
        line(
            950,
            &app_topic("join"),
            &json!({"deduplicationId": "d", "time": "2026-11-21T09:00:00+00:00",
            "deviceInfo": device_info(), "devAddr": addr.to_string()}),
        ),
        "this line is not JSON".to_string(),
        line(
            1_150,
            &format!("eu868/gateway/{GW1}/event/ack"),
            &json!({"gatewayId": GW1, "downlinkId": 77,
            "items": [{"status": "OK"}, {}]}),
        ),
        gw_up(9_000, GW1, &up(0), (-60, 8.0), b"\x00\x00\x00\x09"),
        gw_up(9_030, GW2, &up(0), (-95, -3.0), b"\x00\x00\x00\x0a"),
        app_up(
            (9_200, "2026-11-21T09:00:09+00:00"),
            0,
            json!([{"gatewayId": GW1, "rssi": -60, "snr": 8.0}, {"gatewayId": GW2, "rssi": -95, "snr": -3.0}]),
        ),
        gw_up(70_000, GW1, &up(2), (-62, 7.0), b"\x00\x00\x00\x0b"),
        app_up(
            (70_200, "2026-11-21T09:01:10+00:00"),
            2,
            json!([{"gatewayId": GW1, "rssi": -62, "snr": 7.0}]),
        ),
        line(
            80_000,
            &format!("eu868/gateway/{GW1}/event/stats"),
            &json!({"gatewayId": GW1,
            "rxPacketsReceived": 5, "rxPacketsReceivedOk": 5}),
        ),
    ];
    let path = dir.join("healthy.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn rmacheck() -> Command {
    let mut c = Command::cargo_bin("rmacheck").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn inspect_json(args: &[&str]) -> Value {
    let out = rmacheck().arg("inspect").args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn inspect_json_counts_a_healthy_session() {
    let dir = tempfile::tempdir().unwrap();
    let cap = healthy_capture(dir.path());
    let v = inspect_json(&[cap.to_str().unwrap(), "--dev-eui", "70-B3-D5-7E-D0-00-00-01"]);
    assert_eq!(v["schema"], "rmacheck.inspect.v1");
    assert_eq!(v["dev_eui"], DEV);
    let s = &v["stats"];
    assert_eq!(s["join_requests"], 1);
    assert_eq!(s["join_accepts"], 1);
    assert_eq!(s["join_accept_tx_ok"], 1);
    assert_eq!(s["uplinks"], 2);
    assert_eq!(s["fcnt_first"], 0);
    assert_eq!(s["fcnt_last"], 2);
    assert_eq!(s["fcnt_missing"], 1);
    assert_eq!(s["gateways"], 2);
    assert_eq!(s["malformed_messages"], 1);
    assert_eq!(v["malformed_by_source"]["capture_lines"], 1);
    assert_eq!(v["window"]["from"], "2026-11-27T09:00:00Z");
    let kinds: Vec<&str> =
        v["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "join_request",
            "join_request",
            "join_accept",
            "app_join",
            "join_accept_tx",
            "uplink",
            "uplink",
            "app_uplink",
            "uplink",
            "app_uplink"
        ]
    );
    let indices: Vec<u64> =
        v["timeline"].as_array().unwrap().iter().map(|e| e["index"].as_u64().unwrap()).collect();
    assert_eq!(indices, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "the bad line takes no index");
    assert_eq!(v["timeline"][0]["mic"], "unchecked");
    assert_eq!(v["timeline"][0]["dev_nonce"], 0x1234);
}

#[test]
fn with_the_keys_file_mics_are_checked_and_the_accept_decrypted() {
    let dir = tempfile::tempdir().unwrap();
    let cap = healthy_capture(dir.path());
    let keys = dir.path().join("keys.toml");
    std::fs::write(
        &keys,
        format!("[[device]]\ndev_eui = \"{DEV}\"\njoin_eui = \"0000000000000000\"\napp_key = \"{APP_KEY}\"\n"),
    )
    .unwrap();
    let v =
        inspect_json(&[cap.to_str().unwrap(), "--dev-eui", DEV, "--keys", keys.to_str().unwrap()]);
    assert_eq!(v["timeline"][0]["mic"], "valid");
    assert_eq!(v["timeline"][2]["mic"], "valid");
    assert_eq!(v["timeline"][2]["dev_addr"], "00189440");
}

#[test]
fn inspect_table_warns_about_the_bad_line_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let cap = healthy_capture(dir.path());
    rmacheck()
        .args(["inspect", cap.to_str().unwrap(), "--dev-eui", DEV])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("warning: ").and(predicate::str::contains("healthy.jsonl:5:")),
        )
        .stdout(
            predicate::str::contains("join_accept_tx")
                .and(predicate::str::contains("FCnt missing")),
        );
}

#[test]
fn an_unknown_device_still_prints_and_says_nothing_was_heard() {
    let dir = tempfile::tempdir().unwrap();
    let cap = healthy_capture(dir.path());
    let out = rmacheck()
        .args([
            "inspect",
            cap.to_str().unwrap(),
            "--dev-eui",
            "0102030405060708",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing was heard from 0102030405060708"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["timeline"], json!([]));
    assert_eq!(v["stats"]["join_requests"], 0);
}

#[test]
fn a_missing_capture_file_is_an_input_error() {
    rmacheck()
        .args(["inspect", "/nonexistent/cap.jsonl", "--dev-eui", DEV])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/cap.jsonl"));
}

#[test]
fn a_bad_keys_file_is_an_input_error_that_never_shows_key_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let cap = healthy_capture(dir.path());
    let keys = dir.path().join("keys.toml");
    std::fs::write(&keys, format!("[[device]]\ndev_eui = \"{DEV}\"\napp_key = \"{APP_KEY}zz\"\n"))
        .unwrap();
    rmacheck()
        .args([
            "inspect",
            cap.to_str().unwrap(),
            "--dev-eui",
            DEV,
            "--keys",
            keys.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("keys.toml").and(predicate::str::contains("2b7e1516").not()),
        );
}
