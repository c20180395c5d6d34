//! The Things Stack events: every verdict the ChirpStack scenarios give, reproduced from the
//! same radio traffic told as The Things Stack's events, in each file shape; on the command
//! line; and `watch --tts` against a local HTTP server.

mod convert;

use std::collections::BTreeSet;
use std::path::Path;

use rmacheck::diagnosis::{self, DiagnoseOptions, Diagnosis};
use rmacheck::frame::keys::KeyStore;
use rmacheck::model::{DevEui, Source};
use rmacheck::pipeline::Pipeline;
use rmacheck::sim::{self, Scenario, SimOutput, default_start};
use rmacheck::tracker::TrackerConfig;

use convert::{Converter, TtsEvent};

fn events_of(s: Scenario, out: &SimOutput) -> Vec<TtsEvent> {
    let unregistered = (s == Scenario::Unregistered).then_some(out.dev_eui);
    Converter::new(unregistered).run(&out.messages)
}

/// Reads an events file as every command does and diagnoses the device under test.
fn diagnose_file(path: &Path, out: &SimOutput, with_keys: bool) -> (Diagnosis, Pipeline) {
    let mut watch: BTreeSet<DevEui> = BTreeSet::from([out.dev_eui]);
    watch.extend(out.reference_dev_eui);
    let keys = if with_keys { out.keys.clone() } else { KeyStore::new() };
    let mut p = Pipeline::new(TrackerConfig { keys, watch: Some(watch) });
    let reader = rmacheck::capture::open(path).unwrap();
    assert!(reader.is_event_file());
    for item in reader {
        p.ingest(&item.unwrap());
    }
    let window = p.window().unwrap();
    let record = p.tracker().device(&out.dev_eui);
    let reference = out.reference_dev_eui.and_then(|r| p.tracker().device(&r));
    let opts = DiagnoseOptions {
        reference: reference.as_ref(),
        reference_dev_eui: out.reference_dev_eui,
        ..DiagnoseOptions::new(window)
    };
    (diagnosis::diagnose(out.dev_eui, record.as_ref(), &opts), p)
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn every_scenario_gives_the_chirpstack_verdict_from_the_things_stack_events() {
    let dir = tempfile::tempdir().unwrap();
    for s in Scenario::ALL {
        let out = sim::run(s, 7, default_start());
        let events = events_of(s, &out);
        let path = write(dir.path(), &format!("{}.json", s.name()), &convert::api_stream(&events));
        for with_keys in [true, false] {
            let (d, p) = diagnose_file(&path, &out, with_keys);
            assert_eq!(
                d.verdict.code,
                s.expected_verdict(),
                "{} (keys: {with_keys}): {} — {:?}",
                s.name(),
                d.verdict.summary,
                d.findings.iter().map(|f| &f.code).collect::<Vec<_>>()
            );
            assert_eq!(p.malformed_by_source().get(&Source::TheThingsStackEvents), None);
        }
    }
}

#[test]
fn the_counts_match_the_chirpstack_capture_of_the_same_traffic() {
    let dir = tempfile::tempdir().unwrap();
    for s in
        [Scenario::Healthy, Scenario::WrongAppkey, Scenario::GatewayTxFail, Scenario::FcntReset]
    {
        let out = sim::run(s, 7, default_start());
        let path = write(dir.path(), "e.json", &convert::api_stream(&events_of(s, &out)));
        let (_, p) = diagnose_file(&path, &out, true);
        let tts = p.tracker().device_or_empty(&out.dev_eui).stats;
        let mut cs = Pipeline::new(TrackerConfig::default());
        for m in &out.messages {
            cs.ingest(m);
        }
        let chirpstack = cs.tracker().device_or_empty(&out.dev_eui).stats;
        let key = |st: &rmacheck::tracker::Stats| {
            (
                st.join_requests,
                st.join_accepts,
                st.join_accept_tx_failed,
                st.dev_nonces_reused,
                st.uplinks,
                st.fcnt_resets,
                st.gateways,
            )
        };
        assert_eq!(key(&tts), key(&chirpstack), "{}", s.name());
    }
}

#[test]
fn the_console_export_and_the_cli_output_give_the_same_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    for s in
        [Scenario::WrongAppkey, Scenario::DevnonceReuse, Scenario::GatewayTxFail, Scenario::Healthy]
    {
        let out = sim::run(s, 7, default_start());
        let events = events_of(s, &out);
        for (shape, text) in
            [("console", convert::console_export(&events)), ("cli", convert::cli_output(&events))]
        {
            let path = write(dir.path(), &format!("{shape}.json"), &text);
            let (d, _) = diagnose_file(&path, &out, false);
            assert_eq!(d.verdict.code, s.expected_verdict(), "{} as {shape}", s.name());
        }
    }
}

#[test]
fn diagnose_reads_a_console_export_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = sim::run(Scenario::WrongAppkey, 7, default_start());
    let events = events_of(Scenario::WrongAppkey, &out);
    let path = write(dir.path(), "live_data.json", &convert::console_export(&events));
    let assert = assert_cmd::Command::cargo_bin("rmacheck")
        .unwrap()
        .args([
            "diagnose",
            path.to_str().unwrap(),
            "--dev-eui",
            &out.dev_eui.to_string(),
            "--format",
            "json",
        ])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(json["verdict"]["code"], "JOIN_KEY_MISMATCH");
    assert_eq!(json["stats"]["ns_log_codes"]["UPLINK_MIC"].as_u64().map(|n| n > 0), Some(true));
}
