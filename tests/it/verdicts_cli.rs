//! Verdicts from the command line: gateways judged at `--to`; the same radio traffic through the
//! ChirpStack gateway bridge in JSON and in Protobuf gives the same stats and diagnosis; the
//! report shows the malformed messages `diagnose` shows for the same input.

use std::path::Path;

use assert_cmd::Command;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, TimeDelta, Utc};
use prost::Message as _;
use rmacheck::adapters::chirpstack_gw_proto as pb;
use rmacheck::model::{RawMessage, TxAckStatus};
use rmacheck::sim::config::GATEWAY_IDS;
use rmacheck::sim::{self, Scenario, SimOutput, default_start};
use serde_json::Value;

use super::support::{write_capture_file, write_keys_file};

fn rmacheck() -> Command {
    let mut c = Command::cargo_bin("rmacheck").unwrap();
    c.env_remove("RMACHECK_PROFILES_DIR");
    c
}

/// Runs rmacheck with `args` and parses its standard output as JSON.
fn json(args: &[&str]) -> Value {
    let out = rmacheck().args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The verdicts site (two gateways, the device heard only by gateway 0, a reference only by
/// gateway 1), the device silent, gateway 0 losing power after `offline_after`.
fn site(offline_after: TimeDelta) -> SimOutput {
    super::verdicts::site(12, Some(offline_after), true)
}

fn is_last_will(m: &RawMessage) -> bool {
    m.topic.ends_with("state/conn") && !String::from_utf8_lossy(&m.payload).contains("state")
}

/// When gateway 0 sent its last stats.
fn last_stats(messages: &[RawMessage]) -> DateTime<Utc> {
    messages
        .iter()
        .filter(|m| m.topic.contains(GATEWAY_IDS[0]) && m.topic.ends_with("event/stats"))
        .map(|m| m.received_at)
        .max()
        .unwrap()
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[test]
fn a_gateway_is_judged_at_the_end_of_the_window_given_with_to() {
    // Gateway 0's stats stop (no Last Will) while the device is silent.
    let dir = tempfile::tempdir().unwrap();
    let out = site(TimeDelta::hours(5));
    let stopped = last_stats(&out.messages);
    let without_will: Vec<RawMessage> =
        out.messages.iter().filter(|m| !is_last_will(m)).cloned().collect();
    // (name, capture ends, --to, gateway 0 offline at --to)
    let cases = [
        (
            "the capture ends 40 s after its last stats, --to 12 h later",
            stopped + TimeDelta::seconds(40),
            stopped + TimeDelta::hours(7),
            true,
        ),
        (
            "the capture goes on, --to 10 s after its last stats",
            stopped + TimeDelta::hours(7),
            stopped + TimeDelta::seconds(10),
            false,
        ),
    ];
    let dev = out.dev_eui.to_string();
    let reference = out.reference_dev_eui.unwrap().to_string();
    for (k, (name, end, to, offline)) in cases.into_iter().enumerate() {
        let messages: Vec<RawMessage> =
            without_will.iter().filter(|m| m.received_at <= end).cloned().collect();
        let cap = write_capture_file(dir.path(), &format!("cap{k}.jsonl"), &messages);
        let cap = cap.to_str().unwrap();
        let to = rfc3339(to);
        let d = json(&[
            "diagnose",
            cap,
            "--dev-eui",
            &dev,
            "--reference-dev-eui",
            &reference,
            "--to",
            &to,
            "--format",
            "json",
        ]);
        let summary = d["verdict"]["summary"].as_str().unwrap_or_default();
        // Never heard: every gateway seen counts (when the capture ends long before --to, the
        // other gateway's stats stopped too).
        let down = d["stats"]["gateways_offline"].as_u64().unwrap_or(0);
        assert_eq!(down > 0, offline, "{name}: {summary}");
        let named = d["findings"].as_array().unwrap().iter().any(|f| {
            f["code"] == "GATEWAY_OFFLINE"
                && f["summary"].as_str().unwrap_or_default().contains(GATEWAY_IDS[0])
        });
        assert_eq!(named, offline, "{name}: {summary}");
        if offline {
            assert_eq!(d["verdict"]["code"], "NO_RADIO_ACTIVITY", "{name}");
            assert_eq!(d["verdict"]["class"], "inconclusive", "{name}: {summary}");
            assert!(summary.contains("stats stopped"), "{name}: {summary}");
        }
    }
}

// --- The same traffic through the gateway bridge's Protobuf marshaler -----------------------

fn bytes(v: &Value) -> Vec<u8> {
    B64.decode(v.as_str().unwrap_or_default()).unwrap()
}

fn n(v: &Value) -> u32 {
    v.as_u64().unwrap_or(0) as u32
}

fn timestamp(v: &Value) -> Option<pb::Timestamp> {
    let t: DateTime<Utc> = v.as_str()?.parse().ok()?;
    Some(pb::Timestamp { seconds: t.timestamp(), nanos: t.timestamp_subsec_nanos() as i32 })
}

fn modulation(v: &Value) -> Option<pb::Modulation> {
    let l = &v["lora"];
    let code_rate = match l["codeRate"].as_str() {
        Some("CR_4_5") => pb::CodeRate::Cr45,
        Some("CR_4_6") => pb::CodeRate::Cr46,
        Some("CR_4_7") => pb::CodeRate::Cr47,
        Some("CR_4_8") => pb::CodeRate::Cr48,
        _ => pb::CodeRate::CrUndefined,
    };
    Some(pb::Modulation {
        lora: Some(pb::LoraModulationInfo {
            bandwidth: n(&l["bandwidth"]),
            spreading_factor: n(&l["spreadingFactor"]),
            polarization_inversion: l["polarizationInversion"].as_bool().unwrap_or(false),
            code_rate: code_rate as i32,
            ..Default::default()
        }),
    })
}

fn delay(v: &Value) -> Option<pb::Timing> {
    let s = v["delay"]["delay"].as_str()?.trim_end_matches('s');
    let seconds: f64 = s.parse().ok()?;
    Some(pb::Timing {
        parameters: Some(pb::TimingParameters::Delay(pb::DelayTimingInfo {
            delay: Some(pb::Duration { seconds: seconds.trunc() as i64, nanos: 0 }),
        })),
    })
}

/// A gateway-topic message as the gateway bridge writes it with its Protobuf marshaler (the
/// fields of `gw.proto`; SNR as float32); other messages unchanged.
fn to_protobuf(m: &RawMessage) -> RawMessage {
    if !m.topic.contains("/gateway/") {
        return m.clone();
    }
    let v: Value = serde_json::from_slice(&m.payload).unwrap();
    let gateway_id = v["gatewayId"].as_str().unwrap_or_default().to_string();
    let payload = if m.topic.ends_with("event/up") {
        let rx = &v["rxInfo"];
        pb::UplinkFrame {
            phy_payload: bytes(&v["phyPayload"]),
            tx_info: Some(pb::UplinkTxInfo {
                frequency: n(&v["txInfo"]["frequency"]),
                modulation: modulation(&v["txInfo"]["modulation"]),
            }),
            rx_info: Some(pb::UplinkRxInfo {
                gateway_id: rx["gatewayId"].as_str().unwrap_or_default().into(),
                uplink_id: n(&rx["uplinkId"]),
                gw_time: timestamp(&rx["gwTime"]),
                rssi: rx["rssi"].as_i64().unwrap_or(0) as i32,
                snr: rx["snr"].as_f64().unwrap_or(0.0) as f32,
                channel: n(&rx["channel"]),
                rf_chain: n(&rx["rfChain"]),
                context: bytes(&rx["context"]),
                crc_status: if rx["crcStatus"] == "CRC_OK" { 2 } else { 0 },
                ..Default::default()
            }),
            ..Default::default()
        }
        .encode_to_vec()
    } else if m.topic.ends_with("command/down") {
        let items = v["items"].as_array().unwrap().iter().map(|i| {
            let tx = &i["txInfo"];
            pb::DownlinkFrameItem {
                phy_payload: bytes(&i["phyPayload"]),
                tx_info: Some(pb::DownlinkTxInfo {
                    frequency: n(&tx["frequency"]),
                    power: tx["power"].as_i64().unwrap_or(0) as i32,
                    modulation: modulation(&tx["modulation"]),
                    timing: delay(&tx["timing"]),
                    context: bytes(&tx["context"]),
                }),
                ..Default::default()
            }
        });
        pb::DownlinkFrame {
            downlink_id: n(&v["downlinkId"]),
            items: items.collect(),
            gateway_id,
            ..Default::default()
        }
        .encode_to_vec()
    } else if m.topic.ends_with("event/ack") {
        let items = v["items"].as_array().unwrap().iter().map(|i| pb::DownlinkTxAckItem {
            status: (0..12)
                .find(|n| i["status"] == TxAckStatus::from_number(*n).name())
                .unwrap_or(0),
        });
        pb::DownlinkTxAck {
            downlink_id: n(&v["downlinkId"]),
            items: items.collect(),
            gateway_id,
            ..Default::default()
        }
        .encode_to_vec()
    } else if m.topic.ends_with("event/stats") {
        pb::GatewayStats {
            time: timestamp(&v["time"]),
            rx_packets_received: n(&v["rxPacketsReceived"]),
            rx_packets_received_ok: n(&v["rxPacketsReceivedOk"]),
            tx_packets_received: n(&v["txPacketsReceived"]),
            tx_packets_emitted: n(&v["txPacketsEmitted"]),
            gateway_id,
            ..Default::default()
        }
        .encode_to_vec()
    } else if m.topic.ends_with("state/conn") {
        let state = i32::from(v["state"] == "ONLINE");
        pb::ConnState { state, gateway_id, ..Default::default() }.encode_to_vec()
    } else {
        panic!("no Protobuf form for {}", m.topic)
    };
    RawMessage { received_at: m.received_at, topic: m.topic.clone(), payload }
}

/// `inspect` and `diagnose` JSON of a capture.
fn inspect_and_diagnose(
    dir: &Path,
    name: &str,
    out: &SimOutput,
    messages: &[RawMessage],
) -> (Value, Value) {
    let cap = write_capture_file(dir, &format!("{name}.jsonl"), messages);
    let keys = write_keys_file(dir, &out.keys);
    let (cap, keys) = (cap.to_str().unwrap(), keys.to_str().unwrap());
    let dev = out.dev_eui.to_string();
    let base = ["--dev-eui", dev.as_str(), "--keys", keys, "--format", "json"];
    let inspect = json(&[&["inspect", cap][..], &base].concat());
    let mut diagnose_args = [&["diagnose", cap][..], &base].concat();
    let reference = out.reference_dev_eui.map(|r| r.to_string());
    if let Some(r) = &reference {
        diagnose_args.extend(["--reference-dev-eui", r.as_str()]);
    }
    (inspect, json(&diagnose_args))
}

#[test]
fn the_same_radio_traffic_in_json_and_in_protobuf_gives_identical_stats_and_diagnosis() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, SimOutput)> = [
        Scenario::Healthy,
        Scenario::JoinAcceptLost,
        Scenario::GatewayTxFail,
        Scenario::WeakSignal,
        Scenario::FcntReset,
        Scenario::Unregistered,
    ]
    .into_iter()
    .map(|s| (s.name().to_string(), sim::run(s, 7, default_start())))
    .collect();
    cases.push(("gateway-last-will".into(), site(TimeDelta::hours(2))));
    for (name, out) in &cases {
        let protobuf: Vec<RawMessage> = out.messages.iter().map(to_protobuf).collect();
        assert_ne!(protobuf, out.messages, "{name}: nothing was re-encoded");
        let (inspect_json, diagnose_json) =
            inspect_and_diagnose(dir.path(), &format!("{name}-json"), out, &out.messages);
        let (inspect_pb, diagnose_pb) =
            inspect_and_diagnose(dir.path(), &format!("{name}-pb"), out, &protobuf);
        assert_eq!(inspect_pb["stats"], inspect_json["stats"], "{name}: inspect stats");
        assert_eq!(diagnose_pb, diagnose_json, "{name}: diagnosis");
    }
}

#[test]
fn the_report_shows_the_malformed_messages_diagnose_shows_and_verify_reproduces_them() {
    use super::report::{DEV, Site, site_messages, write_capture};
    let site = Site::new();
    let at = site_messages()[3].received_at;
    let bad = |topic: &str, payload: &[u8]| RawMessage {
        received_at: at,
        topic: topic.to_string(),
        payload: payload.to_vec(),
    };
    let mut messages = site_messages();
    messages.insert(4, bad("eu868/gateway/0016c001f153a14c/event/up", b"{\"phyPayload\": 12"));
    messages.insert(9, bad("eu868/gateway/0016c001f153a14c/state/conn", b"{\"state\":\"MAYBE\"}"));
    messages.push(bad(&format!("application/1/device/{DEV}/event/up"), b"not json"));
    // Plus the site's two undecodable payloads and one line that is not a capture line at all.
    write_capture(&site.path("cap.jsonl"), &messages, true);

    // The same input, given the same way (an unreadable line's reason names the file as given).
    let out = rmacheck()
        .current_dir(site.dir.path())
        .args(["diagnose", "cap.jsonl", "--dev-eui", DEV, "--format", "json"])
        .output()
        .unwrap();
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["stats"]["malformed_messages"], 6, "{}", d["malformed"]);
    assert_eq!(d["malformed"].as_array().map(Vec::len), Some(6));

    let made = site.report("bundle", &[]);
    assert!(made.status.success(), "{}", super::report::text(&made));
    let doc: Value =
        serde_json::from_slice(&std::fs::read(site.path("bundle/report.json")).unwrap()).unwrap();
    // The report's counter and list are diagnose's, with the input's indices.
    assert_eq!(doc["diagnosis"]["stats"]["malformed_messages"], d["stats"]["malformed_messages"]);
    assert_eq!(doc["diagnosis"]["malformed"], d["malformed"]);
    assert_eq!(doc["capture"]["malformed"], d["malformed"]);
    let md = std::fs::read_to_string(site.path("bundle/report.md")).unwrap();
    let html = std::fs::read_to_string(site.path("bundle/report.html")).unwrap();
    for page in [&md, &html] {
        assert!(page.contains("Malformed messages: the first 6 of 6"), "{page}");
        assert!(page.contains("MAYBE"), "{page}");
    }
    let verified = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert!(verified.status.success(), "{}", super::report::text(&verified));
}
