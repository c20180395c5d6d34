//! The simulator: deterministic, ChirpStack-shaped messages, frames that verify with the
//! right keys, and each scenario's characteristic network-server behaviour.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::TimeDelta;
use rmacheck::frame::{self, Frame, MicStatus};
use rmacheck::model::{AesKey, DevAddr, DevEui};
use rmacheck::sim::{self, Builder, DevNonceMode, MacVersion, Scenario, SimOutput};
use serde_json::Value;

fn run(s: Scenario) -> SimOutput {
    sim::run(s, 7, sim::default_start())
}

fn json(payload: &[u8]) -> Value {
    serde_json::from_slice(payload).expect("payload is JSON")
}

fn b64(v: &Value) -> Vec<u8> {
    B64.decode(v.as_str().expect("base64 string")).expect("valid base64")
}

/// (topic suffix after the gateway or device id, payload JSON) of every message.
fn kinds(out: &SimOutput) -> Vec<(String, Value)> {
    out.messages
        .iter()
        .map(|m| {
            let parts: Vec<&str> = m.topic.split('/').collect();
            let kind = if parts[0] == "application" {
                format!("app/{}/{}", parts[3], parts[5])
            } else {
                parts[3..].join("/")
            };
            (kind, json(&m.payload))
        })
        .collect()
}

fn count(out: &SimOutput, kind: &str) -> usize {
    kinds(out).iter().filter(|(k, _)| k == kind).count()
}

/// Distinct PHYPayloads on the gateway topics (one per transmission when payloads differ).
fn distinct_frames(out: &SimOutput) -> usize {
    let set: std::collections::BTreeSet<String> = kinds(out)
        .into_iter()
        .filter(|(k, _)| k == "event/up")
        .filter_map(|(_, v)| v["phyPayload"].as_str().map(str::to_string))
        .collect();
    set.len()
}

fn dut_app(out: &SimOutput, event: &str) -> String {
    format!("app/{}/{event}", out.dev_eui)
}

#[test]
fn the_same_seed_gives_identical_messages_and_another_seed_different_ones() {
    for s in Scenario::ALL {
        let a = sim::run(s, 42, sim::default_start());
        let b = sim::run(s, 42, sim::default_start());
        assert_eq!(a.messages, b.messages, "{}", s.name());
        let c = sim::run(s, 43, sim::default_start());
        assert_ne!(a.messages, c.messages, "{}", s.name());
    }
}

#[test]
fn every_scenario_is_sorted_in_its_window_and_of_modest_size() {
    for s in Scenario::ALL {
        let out = run(s);
        let cfg = sim::scenarios::config(s, 7, sim::default_start());
        let end = cfg.start + cfg.duration;
        assert!(
            out.messages.windows(2).all(|w| w[0].received_at <= w[1].received_at),
            "{}",
            s.name()
        );
        assert!(out.messages.iter().all(|m| m.received_at >= cfg.start && m.received_at <= end));
        let n = out.messages.len();
        assert!((20..=400).contains(&n), "{}: {n} messages", s.name());
        for m in &out.messages {
            let _ = json(&m.payload);
            assert!(m.received_at.timestamp_subsec_nanos() % 1000 == 0, "µs precision");
        }
    }
}

#[test]
fn the_registered_keys_are_exported_for_the_device_and_the_reference() {
    let out = run(Scenario::JoinAcceptLost);
    let reference = out.reference_dev_eui.expect("reference device");
    assert!(out.keys.get(&out.dev_eui).is_some());
    assert!(out.keys.get(&reference).is_some());
    assert!(run(Scenario::Silent).reference_dev_eui.is_some());
    assert!(run(Scenario::Healthy).reference_dev_eui.is_none());
}

/// Join-request DevNonce by gateway context, to pair a join-accept with its request.
fn nonces_by_context(out: &SimOutput) -> BTreeMap<Vec<u8>, u16> {
    let mut map = BTreeMap::new();
    for (kind, v) in kinds(out) {
        if kind == "event/up" {
            if let Ok(Frame::JoinRequest(jr)) = frame::parse(&b64(&v["phyPayload"])) {
                map.insert(b64(&v["rxInfo"]["context"]), jr.dev_nonce);
            }
        }
    }
    map
}

#[test]
fn frames_verify_with_the_registered_keys_except_for_the_wrong_appkey_device() {
    for s in Scenario::ALL {
        let out = run(s);
        let nonces = nonces_by_context(&out);
        let mut sessions: BTreeMap<DevAddr, AesKey> = BTreeMap::new();
        let (mut joins, mut accepts, mut data) = (0, 0, 0);
        for (kind, v) in kinds(&out) {
            if kind == "command/down" {
                let item = &v["items"][0];
                let phy = b64(&item["phyPayload"]);
                let nonce = nonces[&b64(&item["txInfo"]["context"])];
                let ok = out.keys.iter().find_map(|(_, k)| {
                    frame::decrypt_join_accept(&phy, &k.app_key).ok().map(|ja| (ja, k.app_key))
                });
                let (ja, key) = ok.expect("a join-accept decrypts with a registered AppKey");
                let keys = frame::derive_session_keys(&key, ja.join_nonce, ja.net_id, nonce);
                sessions.insert(ja.dev_addr, keys.nwk_s_key);
                accepts += 1;
            }
            if kind != "event/up" {
                continue;
            }
            let phy = b64(&v["phyPayload"]);
            match frame::parse(&phy).expect("every uplink parses") {
                Frame::JoinRequest(jr) => {
                    joins += 1;
                    let key = out.keys.get(&jr.dev_eui).map(|k| k.app_key);
                    let mic = key.map(|k| frame::join_request_mic(&phy, &k).expect("join-request"));
                    let expected = match (s, jr.dev_eui == out.dev_eui) {
                        (Scenario::WrongAppkey, true) => Some(MicStatus::Invalid),
                        (Scenario::Unregistered, true) => None,
                        _ => Some(MicStatus::Valid),
                    };
                    assert_eq!(mic, expected, "{}", s.name());
                }
                Frame::Data(d) => {
                    data += 1;
                    let key = sessions.get(&d.dev_addr).expect("data from a joined session");
                    let mic = frame::data_mic(&phy, key, u32::from(d.f_cnt16)).expect("data");
                    assert_eq!(mic, MicStatus::Valid, "{} FCnt {}", s.name(), d.f_cnt16);
                }
                other => panic!("unexpected frame {other:?}"),
            }
        }
        assert!(joins > 0, "{}", s.name());
        let never_accepted = matches!(s, Scenario::WrongAppkey | Scenario::DevnonceReuse);
        assert_eq!(accepts == 0, never_accepted, "{}: {accepts} join-accepts", s.name());
        let no_data =
            matches!(s, Scenario::WrongAppkey | Scenario::DevnonceReuse | Scenario::GatewayTxFail);
        assert_eq!(data == 0, no_data, "{}: {data} data frames", s.name());
    }
}

#[test]
fn the_network_server_answers_like_chirpstack_in_each_scenario() {
    let out = run(Scenario::WrongAppkey);
    assert_eq!(
        count(&out, &dut_app(&out, "log")),
        distinct_frames(&out),
        "one log per join-request"
    );
    assert_eq!(count(&out, "command/down"), 0);
    for (k, v) in kinds(&out) {
        if k == dut_app(&out, "log") {
            assert_eq!(v["level"], "ERROR");
            assert_eq!(v["code"], "UPLINK_MIC");
            assert_eq!(
                v["description"],
                "MIC of join-request is invalid, make sure keys are correct"
            );
        }
    }

    let out = run(Scenario::Unregistered);
    assert!(kinds(&out).iter().all(|(k, _)| !k.contains(&out.dev_eui.to_string())));

    let out = run(Scenario::DevnonceReuse);
    let logs: Vec<Value> = kinds(&out)
        .into_iter()
        .filter(|(k, _)| *k == dut_app(&out, "log"))
        .map(|(_, v)| v)
        .collect();
    assert!(logs.len() >= 5);
    for v in &logs {
        assert_eq!(v["code"], "OTAA");
        assert_eq!(v["context"]["dev_nonce"], "258");
        assert_eq!(v["context"]["join_eui"], "70b3d57ed0000000");
    }

    let out = run(Scenario::GatewayTxFail);
    let acks: Vec<Value> =
        kinds(&out).into_iter().filter(|(k, _)| k == "event/ack").map(|(_, v)| v).collect();
    assert!(acks.len() >= 5);
    for a in &acks {
        assert_eq!(a["items"], serde_json::json!([{"status": "TOO_LATE"}, {"status": "TOO_LATE"}]));
    }

    let out = run(Scenario::JoinAcceptLost);
    let ks = kinds(&out);
    for (i, (k, v)) in ks.iter().enumerate() {
        if k == "command/down" {
            let items = v["items"].as_array().expect("items");
            assert_eq!(items.len(), 2);
            assert_eq!(items[0]["txInfo"]["timing"]["delay"]["delay"], "5s");
            assert_eq!(items[1]["txInfo"]["timing"]["delay"]["delay"], "6s");
            assert_eq!(items[1]["txInfo"]["frequency"], 869_525_000);
            assert_eq!(items[1]["txInfo"]["modulation"]["lora"]["spreadingFactor"], 12);
            let (next, _) = &ks[i + 1];
            assert!(next.ends_with("/join"), "the join event follows the command/down: {next}");
            let gap = out.messages[i + 1].received_at - out.messages[i].received_at;
            assert!(gap < TimeDelta::milliseconds(1));
        }
        if k == "event/ack" {
            assert_eq!(v["items"], serde_json::json!([{"status": "OK"}, {}]));
        }
    }
    let dut_joins = count(&out, &dut_app(&out, "join"));
    assert!(dut_joins >= 5, "{dut_joins}");
    assert_eq!(count(&out, &dut_app(&out, "up")), 0);
    let reference = out.reference_dev_eui.expect("reference");
    assert!(count(&out, &format!("app/{reference}/up")) >= 5);
}

#[test]
fn frame_counter_resets_are_forwarded_by_gateways_but_only_logged_by_the_server() {
    let out = run(Scenario::FcntReset);
    let ks = kinds(&out);
    let resets: Vec<&Value> = ks
        .iter()
        .filter(|(k, v)| *k == dut_app(&out, "log") && v["code"] == "UPLINK_F_CNT_RESET")
        .map(|(_, v)| v)
        .collect();
    assert!(resets.len() >= 10, "{}", resets.len());
    assert_eq!(resets[0]["level"], "WARNING");
    assert_eq!(resets[0]["description"], "Frame-counter reset or rollover detected");
    let retransmissions = ks
        .iter()
        .filter(|(k, v)| *k == dut_app(&out, "log") && v["code"] == "UPLINK_F_CNT_RETRANSMISSION")
        .count();
    let ups = count(&out, &dut_app(&out, "up"));
    assert_eq!(
        ups + resets.len() + retransmissions,
        distinct_frames(&out) - 1,
        "every data frame is either an up event or a log, never both (the 1 is the join-request)"
    );
    assert_eq!(count(&out, &dut_app(&out, "join")), 1, "no rejoin");
}

#[test]
fn an_up_event_carries_the_rx_info_of_every_gateway_200_ms_after_the_first() {
    let out = run(Scenario::Healthy);
    let ks = kinds(&out);
    let ups: Vec<(usize, &Value)> = ks
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == dut_app(&out, "up"))
        .map(|(i, (_, v))| (i, v))
        .collect();
    assert!(ups.len() >= 60, "{}", ups.len());
    let two =
        ups.iter().filter(|(_, v)| v["rxInfo"].as_array().is_some_and(|a| a.len() == 2)).count();
    assert!(two >= ups.len() / 2, "{two} of {}", ups.len());
    let (i, v) = ups[0];
    let first_gw = ks[..i].iter().rposition(|(k, _)| k == "event/up").expect("gateway copy");
    let gap = out.messages[i].received_at - out.messages[first_gw].received_at;
    assert!(gap >= TimeDelta::milliseconds(150) && gap <= TimeDelta::milliseconds(300), "{gap}");
    assert_eq!(v["deviceInfo"]["devEui"], out.dev_eui.to_string());
    assert_eq!(v["txInfo"]["modulation"]["lora"]["codeRate"], "CR_4_5");
    assert!(v["rxInfo"][0]["nsTime"].is_string());
    let data = b64(&v["data"]);
    assert_eq!((data.len(), data[0], data[3], data[5]), (8, 0x01, 0x02, 0x06), "decrypted reading");
}

#[test]
fn the_builder_covers_abp_dev_nonce_counters_and_us915() {
    let key = AesKey([3; 16]);
    let abp = sim::simulate(
        &Builder::new().abp(DevAddr(0x0123_4567), key, key).duration(TimeDelta::hours(1)).build(),
    );
    assert_eq!(count(&abp, "event/up"), count(&abp, &dut_app(&abp, "up")));
    assert!(count(&abp, &dut_app(&abp, "up")) >= 5);
    assert_eq!(count(&abp, &dut_app(&abp, "join")), 0);

    let counter = sim::simulate(
        &Builder::new()
            .mac_version(MacVersion::V1_0_4)
            .dev_nonce(DevNonceMode::Auto, (0..100).collect())
            .duration(TimeDelta::hours(1))
            .build(),
    );
    let nonces: Vec<u16> = kinds(&counter)
        .iter()
        .filter_map(|(k, v)| {
            (k == "event/up").then(|| frame::parse(&b64(&v["phyPayload"])).ok()).flatten()
        })
        .filter_map(|f| if let Frame::JoinRequest(jr) = f { Some(jr.dev_nonce) } else { None })
        .collect();
    assert!(nonces.len() >= 3);
    assert!(nonces.windows(2).all(|w| w[1] == w[0] + 1), "{nonces:?}");

    let us = sim::simulate(
        &Builder::new()
            .region(sim::Region::Us915 { sub_band: 2 })
            .duration(TimeDelta::hours(6))
            .build(),
    );
    assert!(
        us.messages
            .iter()
            .all(|m| !m.topic.contains("/gateway/") || m.topic.starts_with("us915_1/"))
    );
    let dut: DevEui = us.dev_eui;
    assert!(count(&us, &format!("app/{dut}/up")) >= 1, "the device joins eventually on sub-band 2");
}

#[test]
fn join_retries_stay_within_the_lorawan_join_back_off_budget_at_sf12() {
    let out = sim::simulate(
        &Builder::new()
            .device_app_key(AesKey([9; 16]))
            .spreading_factor(12, 12)
            .duration(TimeDelta::hours(35))
            .build(),
    );
    let first = out.messages.iter().find(|m| m.topic.ends_with("event/up")).unwrap().received_at;
    let hours: Vec<f64> = out
        .messages
        .iter()
        .filter(|m| m.topic.ends_with("event/up"))
        .map(|m| (m.received_at - first).num_milliseconds() as f64 / 3_600_000.0)
        .collect();
    let airtime = sim::radio::airtime_s(23, 12, 125_000);
    let budget = |from: f64, to: f64| {
        hours.iter().filter(|h| **h >= from && **h < to).count() as f64 * airtime
    };
    assert!(budget(0.0, 1.0) <= 36.0, "first hour: {} s", budget(0.0, 1.0));
    assert!(budget(1.0, 11.0) <= 36.0, "hours 1-11: {} s", budget(1.0, 11.0));
    assert!(budget(11.0, 35.0) <= 8.7 + airtime, "after 11 h: {} s per 24 h", budget(11.0, 35.0));
    assert!(hours.len() >= 15, "the device keeps trying: {} attempts", hours.len());
}

#[test]
fn scenarios_have_their_command_line_names_and_are_found_by_them() {
    let names = [
        "healthy",
        "wrong-appkey",
        "unregistered",
        "devnonce-reuse",
        "join-accept-lost",
        "gateway-tx-fail",
        "fcnt-reset",
        "weak-signal",
        "silent",
    ];
    assert_eq!(Scenario::ALL.map(Scenario::name), names);
    for s in Scenario::ALL {
        assert_eq!(Scenario::from_name(s.name()), Some(s));
    }
    assert_eq!(Scenario::from_name("Healthy"), None);
}
