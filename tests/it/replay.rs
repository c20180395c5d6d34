//! `rmacheck replay`: a capture replayed into a real broker (in-process rumqttd, and the local
//! Mosquitto when `RMACHECK_TEST_MQTT` is set) while `rmacheck watch --record` records it gives
//! the same messages: topics (without the prefix), payload bytes and order. Usage errors exit 2,
//! a broker that cannot be reached 74.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rmacheck::capture;

use super::watch::broker;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

fn rmacheck() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rmacheck"));
    cmd.env_remove("RMACHECK_MQTT_PASSWORD").env("NO_COLOR", "1");
    cmd
}

/// Starts `watch` recording `filter` and returns once it has subscribed.
fn start_watch(url: &str, filter: &str, record: &Path) -> (Child, mpsc::Receiver<String>) {
    let mut child = rmacheck()
        .args(["watch", "--broker", url, "--dev-eui", "70b3d57ed0000001", "--topic", filter])
        .arg("--record")
        .arg(record)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    loop {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) if line.contains("subscribed to") => return (child, rx),
            Ok(_) => {}
            Err(e) => panic!("watch did not subscribe: {e}"),
        }
    }
}

fn lines_in(path: &Path) -> usize {
    std::fs::read_to_string(path).map(|t| t.lines().count()).unwrap_or(0)
}

fn replay_is_recorded_unchanged(url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("copy.jsonl");
    let prefix = format!("rmacheck-replay-test/{}-{}", std::process::id(), broker::free_port());
    let (mut watch, _stderr) = start_watch(url, &format!("{prefix}/#"), &record);

    let original = example("wrong-appkey.jsonl");
    let out = rmacheck()
        .arg("replay")
        .arg(&original)
        .args(["--broker", url, "--as-fast-as-possible", "--topic-prefix", &prefix])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let want = capture::read_files(&[&original]).unwrap().messages;
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&format!("published {} messages", want.len())), "{stdout}");

    // Every publication was acknowledged by the broker; give the watcher time to write them.
    let deadline = Instant::now() + Duration::from_secs(30);
    while lines_in(&record) < want.len() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = Command::new("kill").args(["-INT", &watch.id().to_string()]).status().unwrap();
    assert!(status.success());
    assert_eq!(watch.wait().unwrap().code(), Some(0));

    let got = capture::read_files(&[&record]).unwrap().messages;
    let strip = format!("{prefix}/");
    let got: Vec<(&str, &[u8])> = got
        .iter()
        .map(|m| (m.topic.strip_prefix(&strip).unwrap_or("(without the prefix)"), &m.payload[..]))
        .collect();
    let want: Vec<(&str, &[u8])> = want.iter().map(|m| (&m.topic[..], &m.payload[..])).collect();
    assert_eq!(got.len(), want.len(), "messages recorded");
    assert!(got == want, "the recording differs from the replayed capture");
}

#[test]
fn a_replayed_capture_is_recorded_by_watch_with_the_same_topics_payloads_and_order() {
    let broker = broker::embedded_broker(None);
    replay_is_recorded_unchanged(&format!("mqtt://127.0.0.1:{}", broker.port));
}

#[test]
fn a_replay_into_mosquitto_is_recorded_unchanged_when_one_is_configured() {
    match broker::mosquitto() {
        Some((host, port)) => replay_is_recorded_unchanged(&format!("mqtt://{host}:{port}")),
        None => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(!ci, "CI=true needs RMACHECK_TEST_MQTT (a Mosquitto, see .ci/run)");
            eprintln!("RMACHECK_TEST_MQTT is not set: the Mosquitto replay did not run");
        }
    }
}

#[test]
fn bad_arguments_and_unreadable_captures_exit_2_and_say_what_to_do() {
    let capture = example("healthy.jsonl");
    let cases: [(&[&str], &str); 4] = [
        (&["--speed", "0"], "must be a number above 0"),
        (&["--speed", "2", "--as-fast-as-possible"], "cannot be used with"),
        (&["--topic-prefix", "a/+/b"], "without '+', '#'"),
        (&["--qos", "2"], "--qos"),
    ];
    for (extra, needle) in cases {
        let out = rmacheck()
            .arg("replay")
            .arg(&capture)
            .args(["--broker", "mqtt://127.0.0.1:1"])
            .args(extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {stderr}");
        assert!(stderr.contains(needle), "{extra:?}: expected '{needle}' in {stderr}");
    }
    let out = rmacheck()
        .args(["replay", "no-such-capture.jsonl", "--broker", "mqtt://127.0.0.1:1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no-such-capture.jsonl") && stderr.contains("no such file"),
        "{stderr}"
    );
}

#[test]
fn a_broker_that_cannot_be_reached_exits_74_and_says_what_to_check() {
    let port = broker::free_port();
    let out = rmacheck()
        .arg("replay")
        .arg(example("healthy.jsonl"))
        .args(["--broker", &format!("mqtt://127.0.0.1:{port}")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(74), "{stderr}");
    assert!(stderr.contains("connection refused") && stderr.contains("--broker"), "{stderr}");
}
