//! The `rmacheck watch` binary: recording for a duration, `inspect` of the recording, exit
//! codes (2 bad arguments or refused credentials, 74 broker never reached or capture file not
//! writable), Ctrl-C, passwords from the environment.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::assert::OutputAssertExt;

use super::broker::{self, embedded_broker};
use super::{
    DEV_EUI, Names, assert_expected_stats, assert_same_messages, chirpstack_stream, recorded,
};

/// Runs the binary until its stderr shows the subscription, then `during` runs; returns the
/// output after the process ends by itself.
pub(super) fn run_binary(
    args: &[&str],
    env: &[(&str, &str)],
    during: impl FnOnce(),
) -> (std::process::Output, String) {
    run_binary_until_subscribed(args, env, |_| during())
}

/// As [`run_binary`]; `during` gets the process id.
fn run_binary_until_subscribed(
    args: &[&str],
    env: &[(&str, &str)],
    during: impl FnOnce(u32),
) -> (std::process::Output, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rmacheck"));
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RMACHECK_MQTT_PASSWORD");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (line_tx, line_rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines() {
            let line = line.unwrap_or_default();
            let _ = line_tx.send(line.clone());
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut subscribed = false;
    while std::time::Instant::now() < deadline {
        match line_rx.recv_timeout(Duration::from_millis(100)) {
            Ok(l) if l.contains("subscribed to") => {
                subscribed = true;
                break;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            _ => {}
        }
    }
    if subscribed {
        during(child.id());
    }
    let output = child.wait_with_output().unwrap();
    let err = reader.join().unwrap();
    (output, err)
}

#[test]
fn the_binary_records_a_stream_for_its_duration_and_prints_the_device_table() {
    let broker = embedded_broker(None);
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("cli.jsonl");
    let names = Names::new();
    let stream = chirpstack_stream(&names);
    let url = format!("mqtt://127.0.0.1:{}", broker.port);
    let keys = dir.path().join("keys.toml");
    std::fs::write(
        &keys,
        format!(
            "[[device]]\ndev_eui = \"{DEV_EUI}\"\njoin_eui = \"0102030401020304\"\n\
             app_key = \"01010101010101010101010101010101\"\n"
        ),
    )
    .unwrap();
    let args = [
        "watch",
        "--broker",
        &url,
        "--dev-eui",
        "02-03-04-05-02-03-04-05",
        "--duration",
        "3s",
        "--record",
        record.to_str().unwrap(),
        "--keys",
        keys.to_str().unwrap(),
    ];
    let (output, stderr) = run_binary(&args, &[], || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(broker::publish(broker.port, &stream, false, Duration::from_millis(15)));
    });
    output.clone().assert().success();
    // The watch ends because its duration is over (said on stderr, below), not on a wall clock.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!("watched {url}")) && stdout.contains(": 12 messages"),
        "{stdout}"
    );
    assert!(stdout.contains(DEV_EUI) && stdout.contains("join requests / accepts"), "{stdout}");
    assert!(stderr.contains("subscribed to 11 filters (QoS 1 granted)"), "{stderr}");
    assert!(stderr.contains("stopping: the duration has elapsed"), "{stderr}");
    assert!(stderr.contains(&format!("next: rmacheck diagnose {}", record.display())), "{stderr}");
    assert!(
        stderr.contains(
            "join_request gw 0016c001f153a14c rssi -57 dBm snr 9.5 dB SF7 devnonce 4141 mic valid"
        ),
        "{stderr}"
    );
    assert!(stdout.contains("│ 1 / 1 "), "join requests / accepts: {stdout}");
    assert_same_messages(&recorded(&record), &stream);

    // `inspect` of the recording gives the counters the watch showed.
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rmacheck"))
        .args(["inspect", record.to_str().unwrap(), "--dev-eui", DEV_EUI, "--format", "json"])
        .args(["--keys", keys.to_str().unwrap()])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let stats: rmacheck::tracker::Stats = serde_json::from_value(json["stats"].clone()).unwrap();
    assert_expected_stats(&stats);
    let first = &json["timeline"][0];
    assert_eq!(
        (first["kind"].as_str(), first["mic"].as_str()),
        (Some("join_request"), Some("valid"))
    );
}

#[test]
fn a_broker_that_never_answers_ends_with_exit_74_and_says_what_to_check() {
    let port = broker::free_port();
    let url = format!("mqtt://127.0.0.1:{port}");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rmacheck"))
        .args(["watch", "--broker", &url, "--dev-eui", DEV_EUI, "--duration", "1500ms"])
        .assert()
        .code(74);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!(
            "cannot connect to 127.0.0.1:{port}: connection refused — is the broker running? check --broker"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("retrying in 500 ms") && stderr.contains("retrying in 1 s"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("error: never connected to {url}")), "{stderr}");
}

#[test]
fn bad_arguments_exit_with_2_and_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys.toml");
    std::fs::write(&keys, "[[device]]\ndev_eui = \"nothex\"\n").unwrap();
    let keys = keys.to_str().unwrap().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--broker", "http://127.0.0.1"], "unknown scheme 'http'"),
        (vec!["--broker", "mqtt://127.0.0.1", "--duration", "soon"], "invalid duration 'soon'"),
        (
            vec![
                "--broker",
                "mqtt://127.0.0.1",
                "--username",
                "u",
                "--password-file",
                "/nonexistent/pw",
            ],
            "cannot read password file",
        ),
        (vec!["--broker", "mqtts://127.0.0.1"], "mqtts:// needs --ca-file"),
        (vec!["--broker", "mqtt://127.0.0.1", "--topic", "gateway/#/up"], "invalid topic filter"),
        (vec!["--broker", "mqtt://127.0.0.1", "--keys", &keys], "keys file"),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["watch", "--dev-eui", DEV_EUI];
        args.extend(extra.iter());
        let out =
            assert_cmd::Command::new(env!("CARGO_BIN_EXE_rmacheck")).args(&args).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains(needle), "{args:?}: expected '{needle}' in '{stderr}'");
    }
}

#[test]
fn a_password_from_the_environment_logs_in_and_is_never_printed() {
    let broker = embedded_broker(Some(("rma-user", "s3cret-api-key")));
    let url = format!("mqtt://127.0.0.1:{}", broker.port);
    let args = [
        "watch",
        "--broker",
        &url,
        "--dev-eui",
        DEV_EUI,
        "--duration",
        "1s",
        "--username",
        "rma-user",
    ];
    let (output, stderr) =
        run_binary(&args, &[("RMACHECK_MQTT_PASSWORD", "s3cret-api-key")], || {});
    output.clone().assert().success();
    assert!(stderr.contains("subscribed to"), "{stderr}");
    let all = format!("{stderr}{}", String::from_utf8_lossy(&output.stdout));
    assert!(!all.contains("s3cret"), "{all}");

    // A wrong password never gets in (rumqttd closes the connection instead of refusing).
    let (output, stderr) = run_binary(&args, &[("RMACHECK_MQTT_PASSWORD", "wr0ng-pw-7f3a")], || {});
    output.clone().assert().code(74);
    assert!(stderr.contains("check the username and password"), "{stderr}");
    assert!(!stderr.contains("wr0ng-pw"), "{stderr}");
}

#[test]
fn ctrl_c_ends_the_watch_cleanly_with_the_summary() {
    let broker = embedded_broker(None);
    let url = format!("mqtt://127.0.0.1:{}", broker.port);
    // The duration only bounds a broken Ctrl-C handling: the watch must say it was interrupted.
    let args = ["watch", "--broker", &url, "--dev-eui", DEV_EUI, "--duration", "60s"];
    let (output, stderr) = run_binary_until_subscribed(&args, &[], |pid| {
        let status = Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
        assert!(status.success());
    });
    output.clone().assert().success();
    assert!(stderr.contains("stopping: interrupted"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!("watched {url}")) && stdout.contains("0 messages"),
        "{stdout}"
    );
}

#[test]
fn refused_credentials_end_the_watch_at_once_with_exit_2() {
    let port = broker::refusing_broker(4);
    let url = format!("mqtt://127.0.0.1:{port}");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rmacheck"))
        .args(["watch", "--broker", &url, "--dev-eui", DEV_EUI, "--username", "app@ttn"])
        .env("RMACHECK_MQTT_PASSWORD", "NNSXS.NOT-THE-KEY")
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("rejected the username or password"), "{stderr}");
    assert!(stderr.contains("giving up") && !stderr.contains("retrying"), "{stderr}");
    assert!(!stderr.contains("NOT-THE-KEY"), "{stderr}");
}

#[test]
fn an_unwritable_capture_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("missing-dir").join("cap.jsonl");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rmacheck"))
        .args(["watch", "--broker", "mqtt://127.0.0.1:1", "--dev-eui", DEV_EUI])
        .args(["--record", record.to_str().unwrap()])
        .assert()
        .code(74);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("cannot open the capture file") && stderr.contains("missing-dir"),
        "{stderr}"
    );
}
