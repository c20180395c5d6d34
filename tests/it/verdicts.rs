//! Verdicts a shop can trust, on simulated captures: a gateway that goes offline (Last Will,
//! stats stop) while the device is silent, single frame-counter restarts the network server
//! drops frames for (ABP and OTAA), and every kind of malformed message explained.

use std::collections::BTreeSet;

use chrono::TimeDelta;
use rmacheck::diagnosis::{self, Cause, DiagnoseOptions, Diagnosis, VerdictClass, VerdictCode};
use rmacheck::model::{AesKey, DevAddr, DevEui, RawMessage};
use rmacheck::pipeline::Pipeline;
use rmacheck::render::inspect::{self as render, InspectReport};
use rmacheck::sim::config::GATEWAY_IDS;
use rmacheck::sim::{self, Builder, GatewayConfig, LinkParams, SimOutput, default_start};
use rmacheck::tracker::TrackerConfig;

fn pipeline(out: &SimOutput) -> Pipeline {
    let mut watch: BTreeSet<DevEui> = BTreeSet::from([out.dev_eui]);
    watch.extend(out.reference_dev_eui);
    let mut p = Pipeline::new(TrackerConfig { keys: out.keys.clone(), watch: Some(watch) });
    for m in &out.messages {
        p.ingest(m);
    }
    p
}

fn diagnose(out: &SimOutput) -> Diagnosis {
    let p = pipeline(out);
    let record = p.tracker().device_or_empty(&out.dev_eui);
    let reference = out.reference_dev_eui.and_then(|r| p.tracker().device(&r));
    let opts = DiagnoseOptions {
        reference: reference.as_ref(),
        reference_dev_eui: out.reference_dev_eui,
        ..DiagnoseOptions::new(p.window().expect("messages"))
    };
    diagnosis::diagnose(out.dev_eui, Some(&record), &opts)
}

pub(crate) fn link() -> LinkParams {
    LinkParams::new(-80.0, 8.0).jitter(1.0).uplink_loss(0.01).downlink_loss(0.01)
}

/// Two gateways with 30 s stats; the device is heard only by the first, the reference only by
/// the second. `offline_after`: when the first loses power.
pub(crate) fn site(hours: i64, offline_after: Option<TimeDelta>, silent: bool) -> SimOutput {
    let mut b = Builder::new()
        .seed(11)
        .start(default_start())
        .duration(TimeDelta::hours(hours))
        .uplink_interval(TimeDelta::minutes(10))
        .gateways(vec![
            (GatewayConfig::new(GATEWAY_IDS[0]), link()),
            (GatewayConfig::new(GATEWAY_IDS[1]), link()),
        ])
        .reference_device()
        .reference(|r| {
            r.uplink_interval = TimeDelta::minutes(20);
            r.links = vec![None, Some(link())];
        })
        .device(|d| d.links = vec![Some(link()), None]);
    for g in 0..2 {
        b = b.gateway_config(g, |c| c.stats_interval = Some(TimeDelta::seconds(30)));
    }
    b = b.gateway_config(0, |c| c.offline_after = offline_after);
    if silent {
        b = b.device_silent();
    }
    sim::simulate(&b.build())
}

#[test]
fn a_gateway_that_drops_off_keeps_its_silent_device_inconclusive_and_is_named() {
    // (name, gateway 0 offline after, device silent all along, expected code, class)
    let cases = [
        (
            "never heard, its gateway's Last Will after 1 h",
            Some(TimeDelta::hours(1)),
            true,
            VerdictCode::NoRadioActivity,
            VerdictClass::Inconclusive,
        ),
        (
            "heard, then its gateway's Last Will after 3 h",
            Some(TimeDelta::hours(3)),
            false,
            VerdictCode::InsufficientEvidence,
            VerdictClass::Inconclusive,
        ),
        (
            "never heard, both gateways up",
            None,
            true,
            VerdictCode::NoRadioActivity,
            VerdictClass::DeviceSuspect,
        ),
    ];
    for (name, offline, silent, code, class) in cases {
        let out = site(12, offline, silent);
        let d = diagnose(&out);
        assert_eq!(
            (d.verdict.code, d.verdict.class),
            (code, class),
            "{name}: {}",
            d.verdict.summary
        );
        let gw_offline: Vec<_> =
            d.findings.iter().filter(|f| f.code == "GATEWAY_OFFLINE").collect();
        if offline.is_some() {
            assert!(d.verdict.summary.contains(GATEWAY_IDS[0]), "{name}: {}", d.verdict.summary);
            assert!(d.verdict.summary.contains("Last Will"), "{name}: {}", d.verdict.summary);
            assert_eq!(gw_offline.len(), 1, "{name}");
            assert!(!gw_offline[0].summary.contains(GATEWAY_IDS[1]), "{name}");
            assert_eq!(d.stats.gateways_offline, 1, "{name}");
            let will = out
                .messages
                .iter()
                .position(|m| {
                    m.topic.ends_with("state/conn")
                        && !String::from_utf8_lossy(&m.payload).contains("state")
                })
                .expect("a Last Will") as u64;
            assert!(gw_offline[0].evidence.contains(&will), "{name}: {:?}", gw_offline[0].evidence);
            assert!(
                d.timeline.iter().any(|e| e.kind == "gateway_down" && e.index == will),
                "{name}"
            );
        } else {
            assert!(gw_offline.is_empty(), "{name}");
            assert_eq!(d.stats.gateways_offline, 0, "{name}");
        }
    }
}

#[test]
fn gateway_state_shows_in_the_inspect_json_and_table() {
    let out = site(3, Some(TimeDelta::hours(1)), true);
    let p = pipeline(&out);
    let record = p.tracker().device_or_empty(&out.dev_eui);
    let report = InspectReport::new(record, p.window(), p.malformed_by_source(), 0);
    let json: serde_json::Value = serde_json::from_str(&render::json(&report)).unwrap();
    assert_eq!(json["stats"]["gateways_offline"], 1);
    let table = render::table(&report);
    assert!(table.contains("down (Last Will)"), "{table}");
    assert!(table.contains("every 30 s"), "{table}");
}

fn counter_restart(abp: bool) -> SimOutput {
    let mut b = Builder::new()
        .seed(5)
        .start(default_start())
        .duration(TimeDelta::hours(3))
        .uplink_interval(TimeDelta::minutes(5))
        .gateway(GatewayConfig::new(GATEWAY_IDS[0]), link())
        .fcnt_reset_at(vec![10]);
    if abp {
        b = b.abp(DevAddr(0x2601_1234), AesKey([0x11; 16]), AesKey([0x22; 16]));
    }
    sim::simulate(&b.build())
}

#[test]
fn a_single_counter_restart_the_server_drops_frames_for_is_decided_at_once() {
    // (name, ABP, class, cause)
    let cases = [
        ("ABP", true, VerdictClass::Configuration, Cause::AbpCounterRestart),
        ("OTAA keeping its session", false, VerdictClass::DeviceSuspect, Cause::CounterRestart),
    ];
    for (name, abp, class, cause) in cases {
        let d = diagnose(&counter_restart(abp));
        assert_eq!(
            (d.verdict.code, d.verdict.class, d.cause),
            (VerdictCode::FrameCounterReset, class, Some(cause)),
            "{name}: {}",
            d.verdict.summary
        );
        assert!(d.sufficiency.as_ref().is_some_and(|s| s.sufficient), "{name}");
        assert!(d.verdict.summary.contains("dropped"), "{name}: {}", d.verdict.summary);
        assert!(d.verdict.summary.contains("power cycled"), "{name}: {}", d.verdict.summary);
        assert!(!d.verdict.summary.contains("watch at least"), "{name}: {}", d.verdict.summary);
    }
}

#[test]
fn every_kind_of_malformed_message_is_listed_with_its_source_and_reason() {
    let at = default_start();
    let msg = |topic: &str, payload: &[u8]| RawMessage {
        received_at: at,
        topic: topic.to_string(),
        payload: payload.to_vec(),
    };
    let gw = "eu868/gateway/0016c001f153a14c";
    let app = "application/6d5e3a39-2b8c-4c1e-9f37-1d8e2f0a7b11/device/70b3d57ed0000001/event";
    let messages = [
        msg(&format!("{gw}/event/up"), b"{\"phyPayload\": 12"),
        msg(&format!("{gw}/event/up"), &[0x0a, 0xff, 0xff]),
        msg(
            &format!("{gw}/state/conn"),
            b"{\"gatewayId\":\"0016c001f153a14c\",\"state\":\"MAYBE\"}",
        ),
        msg(&format!("{app}/up"), b"{\"deviceInfo\": {\"devEui\": 7}}"),
        msg(&format!("{app}/up"), b"   "),
        msg("v3/app@ttn/devices/dev-1/up", b"not json"),
    ];
    let mut p = Pipeline::new(TrackerConfig::default());
    for m in &messages {
        p.ingest(m);
    }
    p.note_unreadable_line_reason("cap.jsonl:7: not a capture line".into());
    let listed = p.malformed();
    assert_eq!(listed.len(), messages.len() + 1);
    let sources: Vec<&str> = listed.iter().map(|m| m.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "chirpstack_gateway",
            "chirpstack_gateway",
            "chirpstack_gateway",
            "chirpstack_application",
            "chirpstack_application",
            "the_things_stack",
            "capture"
        ]
    );
    assert_eq!(
        listed.iter().map(|m| m.index).collect::<Vec<_>>()[..3],
        [Some(0), Some(1), Some(2)]
    );
    assert_eq!(listed[6].index, None);
    assert!(listed.iter().all(|m| m.reason.len() > 10), "{listed:?}");
    assert!(listed[2].reason.contains("MAYBE"), "{}", listed[2].reason);
    assert_eq!(p.last_malformed().map(|m| m.source.as_str()), Some("capture"));

    let dev = DevEui::from_u64(0x70b3_d57e_d000_0001);
    let record = p.tracker().device_or_empty(&dev);
    let d = diagnosis::diagnose(dev, Some(&record), &DiagnoseOptions::new(p.window().unwrap()));
    assert_eq!(d.stats.malformed_messages, 7);
    assert_eq!(d.malformed.len(), 7);
    let json: serde_json::Value =
        serde_json::from_str(&rmacheck::render::diagnosis::json(&d).unwrap()).unwrap();
    assert_eq!(json["malformed"][0]["index"], 0);
    assert_eq!(json["malformed"][5]["source"], "the_things_stack");
    let table = rmacheck::render::diagnosis::table(&d, rmacheck::model::Lang::En);
    assert!(table.contains("Malformed messages (7)"), "{table}");
}

#[test]
fn only_the_first_twenty_malformed_messages_are_listed_but_all_are_counted() {
    let mut p = Pipeline::new(TrackerConfig::default());
    for i in 0..25 {
        // Distinct payloads: byte-identical ones would be second copies, counted once.
        p.ingest(&RawMessage {
            received_at: default_start(),
            topic: "eu868/gateway/0016c001f153a14c/event/up".into(),
            payload: format!("{{\"n\":{i}").into_bytes(),
        });
    }
    assert_eq!(p.malformed().len(), 20);
    assert_eq!(p.last_malformed().and_then(|m| m.index), Some(24));
    let rec = p.tracker().device_or_empty(&DevEui::from_u64(1));
    assert_eq!(rec.stats.malformed_messages, 25);
    assert_eq!(
        render::malformed_section(&rec.malformed, 25).lines().next(),
        Some("Malformed messages (first 20 of 25)")
    );
}

/// Every nested catalog message of a diagnosis (verdict and findings): `(id, args)`.
fn messages(d: &Diagnosis) -> Vec<(String, serde_json::Map<String, serde_json::Value>)> {
    fn walk(
        v: &serde_json::Value,
        out: &mut Vec<(String, serde_json::Map<String, serde_json::Value>)>,
    ) {
        match v {
            serde_json::Value::Object(o) => {
                if let (Some(id), Some(serde_json::Value::Object(args))) =
                    (o.get("id"), o.get("args"))
                {
                    out.push((id.as_str().unwrap_or_default().to_string(), args.clone()));
                }
                o.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let top = std::iter::once((&d.verdict.message, &d.verdict.args))
        .chain(d.findings.iter().map(|f| (&f.message, &f.args)));
    for (id, args) in top {
        let json = serde_json::to_value(args).unwrap();
        if let serde_json::Value::Object(o) = &json {
            out.push((id.clone(), o.clone()));
        }
        walk(&json, &mut out);
    }
    out
}

#[test]
fn every_count_a_summary_quotes_equals_the_stats_block() {
    use rmacheck::sim::Scenario;
    use rmacheck::tracker::Stats;
    // (message id, argument) → the stats counter it quotes.
    type Counter = fn(&Stats) -> u64;
    let quoted: [(&str, &str, Counter); 13] = [
        ("healthy-seen", "uplinks", |s| s.uplinks),
        ("healthy-seen", "gateways", |s| s.gateways),
        ("healthy-loss", "missing", |s| s.fcnt_missing),
        ("coverage-seen", "missing", |s| s.fcnt_missing),
        ("coverage-seen", "frames", |s| s.uplinks + s.fcnt_missing),
        ("coverage-seen-below-floor", "missing", |s| s.fcnt_missing),
        ("coverage-seen-below-floor", "frames", |s| s.uplinks + s.fcnt_missing),
        ("loss-seen", "missing", |s| s.fcnt_missing),
        ("loss-seen", "frames", |s| s.uplinks + s.fcnt_missing),
        ("not-received-sent-of", "sent", |s| s.join_accept_tx_ok),
        ("tx-failed-seen", "n", |s| s.join_accept_tx_failed),
        ("not-registered-seen", "gateways", |s| s.gateways),
        ("fcnt-reset-seen", "n", |s| s.fcnt_resets),
    ];
    let mut cases: Vec<(String, SimOutput)> = Vec::new();
    for seed in [1, 7, 42] {
        for s in Scenario::ALL {
            cases.push((format!("{} (seed {seed})", s.name()), sim::run(s, seed, default_start())));
        }
    }
    cases.push((
        "gateway Last Will, device silent".into(),
        site(12, Some(TimeDelta::hours(1)), true),
    ));
    cases.push((
        "gateway Last Will, device heard".into(),
        site(12, Some(TimeDelta::hours(3)), false),
    ));
    cases.push(("ABP counter restart".into(), counter_restart(true)));
    cases.push(("OTAA counter restart".into(), counter_restart(false)));
    let mut checked = BTreeSet::new();
    for (name, out) in &cases {
        let d = diagnose(out);
        for (id, args) in messages(&d) {
            for (qid, arg, counter) in &quoted {
                if id != *qid {
                    continue;
                }
                let Some(v) = args.get(*arg).and_then(serde_json::Value::as_u64) else { continue };
                assert_eq!(
                    v,
                    counter(&d.stats),
                    "{name}: {id} quotes {arg} = {v}: {}",
                    d.verdict.summary
                );
                checked.insert(*qid);
            }
        }
    }
    for id in [
        "healthy-seen",
        "not-received-sent-of",
        "tx-failed-seen",
        "not-registered-seen",
        "fcnt-reset-seen",
        "coverage-seen",
    ] {
        assert!(checked.contains(id), "no scenario quoted {id}: {checked:?}");
    }
}
