//! The Things Stack events: every verdict the ChirpStack scenarios give, reproduced from the
//! same radio traffic told as The Things Stack's events, in each file shape; on the command
//! line; and `watch --tts` against a local HTTP server.

pub(crate) mod convert;

use std::collections::BTreeSet;
use std::path::Path;

use rmacheck::diagnosis::{self, DiagnoseOptions, Diagnosis};
use rmacheck::frame::keys::KeyStore;
use rmacheck::model::{DevEui, Source};
use rmacheck::pipeline::Pipeline;
use rmacheck::sim::{self, Scenario, SimOutput, default_start};
use rmacheck::tracker::TrackerConfig;

use super::support::{assert_scenario_verdict, diagnose_json};
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
            assert_scenario_verdict(&d, s, &format!("keys: {with_keys}"));
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
    let json = diagnose_json(&path, out.dev_eui, 1);
    assert_eq!(json["verdict"]["code"], "JOIN_KEY_MISMATCH");
    assert_eq!(json["stats"]["ns_log_codes"]["UPLINK_MIC"].as_u64().map(|n| n > 0), Some(true));
}

#[test]
fn a_console_export_on_standard_input_is_read_without_a_writable_temporary_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = sim::run(Scenario::WrongAppkey, 7, default_start());
    let export = convert::console_export(&events_of(Scenario::WrongAppkey, &out));
    let run = rmacheck()
        .args(["diagnose", "-", "--format", "json", "--dev-eui", &out.dev_eui.to_string()])
        .env("TMPDIR", dir.path().join("missing"))
        .write_stdin(export)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect(&stderr);
    assert_eq!(json["verdict"]["code"], "JOIN_KEY_MISMATCH", "{stderr}");
    assert_eq!(json["stats"]["malformed_messages"], 0, "{stderr}");
}

/// The inputs of a report on the wrong-AppKey scenario: its console export, keys file, RMA
/// file and a new signing key.
fn report_inputs(dir: &Path, out: &SimOutput) -> [std::path::PathBuf; 4] {
    let events = events_of(Scenario::WrongAppkey, out);
    let export = write(dir, "live_data.json", &convert::console_export(&events));
    let keys = crate::support::write_keys_file(dir, &out.keys);
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join("rma.toml"),
    )
    .unwrap();
    let rma: String = example
        .lines()
        .map(|l| {
            if l.starts_with("dev_eui") {
                format!("dev_eui = \"{}\"", out.dev_eui)
            } else {
                l.into()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let rma = write(dir, "rma.toml", &rma);
    let key = dir.join("signing_key");
    rmacheck().args(["keygen", "--out"]).arg(&key).assert().success();
    [export, keys, rma, key]
}

fn rmacheck() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("rmacheck").unwrap()
}

#[test]
fn a_console_export_gives_a_signed_report_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let out = sim::run(Scenario::WrongAppkey, 7, default_start());
    let [export, keys, rma, key] = report_inputs(dir.path(), &out);
    let bundle = dir.path().join("bundle");
    rmacheck()
        .arg("report")
        .arg(&export)
        .args(["--dev-eui", &out.dev_eui.to_string(), "--rma"])
        .arg(&rma)
        .arg("--sign-key")
        .arg(&key)
        .arg("--keys")
        .arg(&keys)
        .arg("--out")
        .arg(&bundle)
        .assert()
        .success();
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["diagnosis"]["verdict"]["code"], "JOIN_KEY_MISMATCH");
    assert_eq!(report["activation"]["outcome"], "configuration_fault");
    rmacheck()
        .arg("verify")
        .arg(&bundle)
        .arg("--allowed-signers")
        .arg(dir.path().join("signing_key.allowed_signers"))
        .arg("--keys")
        .arg(&keys)
        .assert()
        .success();
}

#[test]
fn a_console_export_on_standard_input_gives_the_report_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = sim::run(Scenario::WrongAppkey, 7, default_start());
    let [export, keys, rma, key] = report_inputs(dir.path(), &out);
    let report = |input: &str, bundle: &str| {
        let mut c = rmacheck();
        c.current_dir(dir.path()).arg("report").arg(input);
        c.args(["--dev-eui", &out.dev_eui.to_string(), "--out", bundle, "--rma"]).arg(&rma);
        c.arg("--sign-key").arg(&key).arg("--keys").arg(&keys);
        if input == "-" {
            c.write_stdin(std::fs::read(&export).unwrap());
        }
        c.env("SOURCE_DATE_EPOCH", "1795262400").assert().success();
        let json = std::fs::read_to_string(dir.path().join(bundle).join("report.json")).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&json.replace("live_data.json", "<stdin>")).unwrap();
        (json, std::fs::read(dir.path().join(bundle).join("evidence.jsonl")).unwrap())
    };
    let (file, file_evidence) = report("live_data.json", "from-file");
    let (stdin, stdin_evidence) = report("-", "from-stdin");
    assert_eq!(stdin["capture"]["files"][0]["name"], "<stdin>");
    assert!(stdin["evidence"]["messages"].as_u64().is_some_and(|n| n > 0), "{}", stdin["evidence"]);
    assert_eq!(file_evidence, stdin_evidence);
    for part in ["capture", "evidence", "diagnosis", "activation"] {
        assert_eq!(file[part], stdin[part], "{part}");
    }
}

mod live {
    //! `watch --tts` against a local HTTP server that streams the events chunked and drops the
    //! first connection half-way.

    use std::sync::{Arc, Mutex};

    use axum::body::Body;
    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::post;
    use futures_util::StreamExt as _;

    use super::*;

    const KEY: &str = "NNSXS.LIVETESTKEY.SECRETPART";

    #[derive(Clone)]
    struct Server {
        lines: Arc<Vec<(chrono::DateTime<chrono::Utc>, String)>>,
        bodies: Arc<Mutex<Vec<serde_json::Value>>>,
    }

    async fn stream_events(
        State(s): State<Server>,
        headers: HeaderMap,
        body: String,
    ) -> (StatusCode, Body) {
        if headers.get("authorization").and_then(|v| v.to_str().ok())
            != Some(&format!("Bearer {KEY}"))
        {
            return (StatusCode::UNAUTHORIZED, Body::from("{\"code\":16}"));
        }
        let req: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let after =
            req["after"].as_str().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
        let first = {
            let mut b = s.bodies.lock().unwrap();
            b.push(req);
            b.len() == 1
        };
        let lines: Vec<String> = s
            .lines
            .iter()
            .filter(|(t, _)| after.is_none_or(|a| *t > a))
            .map(|(_, l)| format!("{l}\n\n"))
            .collect();
        let half = lines.len() / 2;
        let chunks: Vec<Result<String, std::io::Error>> = if first {
            let mut v: Vec<_> = lines[..half].iter().cloned().map(Ok).collect();
            v.push(Err(std::io::Error::other("connection dropped")));
            v
        } else {
            lines.into_iter().map(Ok).collect()
        };
        let stream = futures_util::stream::iter(chunks).chain(futures_util::stream::pending());
        (StatusCode::OK, Body::from_stream(stream))
    }

    #[test]
    fn watch_tts_streams_reconnects_after_a_drop_records_every_event_once_and_never_shows_the_key()
    {
        let out = sim::run(Scenario::WrongAppkey, 7, default_start());
        let mut events = events_of(Scenario::WrongAppkey, &out);
        events.sort_by_key(|e| e.at);
        let lines: Vec<_> = events
            .iter()
            .map(|e| (e.at, serde_json::json!({"result": e.event}).to_string()))
            .collect();
        let n = lines.len();
        let server = Server { lines: Arc::new(lines), bodies: Arc::default() };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let port = listener.local_addr().unwrap().port();
        let app = axum::Router::new()
            .route("/api/v3/events", post(stream_events))
            .with_state(server.clone());
        rt.spawn(async move { axum::serve(listener, app).await });

        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("live.jsonl");
        let assert = assert_cmd::Command::cargo_bin("rmacheck")
            .unwrap()
            .env("RMACHECK_TTS_API_KEY", KEY)
            .env("NO_COLOR", "1")
            .args([
                "watch",
                "--tts",
                &format!("http://127.0.0.1:{port}"),
                "--application-id",
                "site-app",
                "--device-id",
                &format!("eui-{}", out.dev_eui),
                "--gateway-id",
                "eui-0016c001f153a14c",
                "--dev-eui",
                &out.dev_eui.to_string(),
                "--duration",
                "6s",
                "--record",
                record.to_str().unwrap(),
            ])
            .assert();
        // 3: the watch says messages may have been lost while reconnecting (they were not:
        // the stream resumes after the last event, as the count below shows).
        let code = assert.get_output().status.code();
        assert!(matches!(code, Some(0 | 3)), "{:?}", assert.get_output());
        let o = assert.get_output();
        let shown =
            format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        let recorded = std::fs::read_to_string(&record).unwrap();
        for text in [&shown, &recorded] {
            assert!(!text.contains("SECRETPART"), "the API key leaked: {text}");
        }
        let events_recorded = recorded.lines().filter(|l| l.contains("\"tts/events/")).count();
        assert_eq!(events_recorded, n, "every event once, across the reconnect: {recorded}");

        let bodies = server.bodies.lock().unwrap().clone();
        assert!(bodies.len() >= 2, "reconnected: {bodies:?}");
        assert_eq!(
            bodies[0]["identifiers"][0]["device_ids"]["device_id"],
            format!("eui-{}", out.dev_eui)
        );
        assert_eq!(
            bodies[0]["identifiers"][1]["gateway_ids"]["gateway_id"],
            "eui-0016c001f153a14c"
        );
        assert!(bodies[0].get("after").is_none() && bodies[1]["after"].is_string());

        let json = diagnose_json(&record, out.dev_eui, 1);
        assert_eq!(json["verdict"]["code"], "JOIN_KEY_MISMATCH");
    }

    #[test]
    fn a_refused_key_and_plain_http_to_a_remote_host_are_input_errors() {
        let cases: [(&[&str], &str); 2] = [
            (&["--tts", "http://eu1.cloud.thethings.network", "--application-id", "a"], "loopback"),
            (&["--tts", "https://eu1.cloud.thethings.network", "--application-id", "a"], "API key"),
        ];
        for (argv, needle) in cases {
            let mut args = vec!["watch", "--dev-eui", "70b3d57ed0000001"];
            args.extend_from_slice(argv);
            let a = assert_cmd::Command::cargo_bin("rmacheck")
                .unwrap()
                .env_remove("RMACHECK_TTS_API_KEY")
                .args(&args)
                .assert()
                .code(2);
            let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
            assert!(err.contains(needle), "{argv:?}: {err}");
        }
    }
}
