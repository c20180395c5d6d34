//! Reliability offline: exactly once (redelivered copies, the same capture twice, a replay
//! re-recorded), intervals not observed in a capture, bounded capture lines.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use rmacheck::capture::{CaptureReader, CaptureWriter};
use rmacheck::model::RawMessage;
use rmacheck::sim::{self, Scenario, default_start};
use rmacheck::tracker::gaps::{Gap, GapReason};

fn write(dir: &Path, name: &str, msgs: &[RawMessage]) -> PathBuf {
    let path = dir.join(name);
    let mut w = CaptureWriter::new(std::fs::File::create(&path).unwrap());
    for m in msgs {
        w.write(m).unwrap();
    }
    path
}

fn rmacheck() -> Command {
    let mut c = Command::cargo_bin("rmacheck").unwrap();
    c.env_remove("RMACHECK_PROFILES_DIR");
    c
}

/// `diagnose --format json` of some captures: (JSON, stderr).
fn diagnose(captures: &[&Path], dev_eui: &str) -> (Value, String) {
    let out = rmacheck()
        .arg("diagnose")
        .args(captures)
        .args(["--dev-eui", dev_eui, "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (v, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn healthy() -> (tempfile::TempDir, sim::SimOutput, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = sim::run(Scenario::Healthy, 7, default_start());
    let cap = write(dir.path(), "healthy.jsonl", &out.messages);
    (dir, out, cap)
}

/// Indices of the gateway uplink messages that carry data frames.
fn gateway_uplinks(msgs: &[RawMessage]) -> Vec<usize> {
    (0..msgs.len())
        .filter(|&i| msgs[i].topic.ends_with("/event/up") && msgs[i].topic.contains("/gateway/"))
        .collect()
}

#[test]
fn a_redelivered_copy_the_same_capture_twice_and_a_re_recorded_replay_count_once() {
    let (dir, out, cap) = healthy();
    let eui = out.dev_eui.to_string();
    let (want, _) = diagnose(&[&cap], &eui);
    assert_eq!(want["verdict"]["code"], "HEALTHY");
    assert_eq!(want["stats"]["fcnt_resets"], 0);

    // A QoS-1 redelivery recorded a few messages after the first copy.
    let ups = gateway_uplinks(&out.messages);
    let copied = ups[ups.len() / 2];
    let mut redelivered = out.messages.clone();
    redelivered.insert(copied + 6, out.messages[copied].clone());
    let with_copy = write(dir.path(), "redelivered.jsonl", &redelivered);
    // The same events re-recorded from a replay: same payloads, later received times.
    let replayed: Vec<RawMessage> = out
        .messages
        .iter()
        .map(|m| RawMessage { received_at: m.received_at + chrono::Duration::days(3), ..m.clone() })
        .collect();
    let replay = write(dir.path(), "replay.jsonl", &replayed);

    // Gateway state messages carry no stamp of their own: a replayed ONLINE is a new one.
    let states = out.messages.iter().filter(|m| m.topic.ends_with("/state/conn")).count();
    let all = out.messages.len() as u64;
    let cases: [(&str, Vec<&Path>, u64); 3] = [
        ("a redelivered copy", vec![&with_copy], 1),
        ("the same capture twice", vec![&cap, &cap], all),
        ("a capture and its re-recorded replay", vec![&cap, &replay], all - states as u64),
    ];
    for (name, files, copies) in cases {
        let (got, stderr) = diagnose(&files, &eui);
        assert_eq!(got["verdict"]["code"], want["verdict"]["code"], "{name}");
        for key in ["uplinks", "fcnt_missing", "fcnt_resets", "retransmissions", "join_requests"] {
            assert_eq!(got["stats"][key], want["stats"][key], "{name}: {key}");
        }
        let note = format!("note: {copies} second cop");
        assert!(stderr.contains(&note), "{name}: '{note}' not in {stderr}");
    }
}

#[test]
fn frames_lost_while_not_observed_are_not_the_devices_loss() {
    let (dir, out, _) = healthy();
    let eui = out.dev_eui.to_string();
    // Drop everything in one hour of the six and record that hour as a gap (as `watch`
    // does after a reconnect without its session).
    let from = default_start() + chrono::Duration::hours(2);
    let to = from + chrono::Duration::hours(1);
    let kept: Vec<RawMessage> = out
        .messages
        .iter()
        .filter(|m| m.received_at < from || m.received_at > to)
        .cloned()
        .collect();
    let gap = Gap { from, to, reason: GapReason::SessionNotResumed, loss_possible: true };
    let at = kept.iter().position(|m| m.received_at > to).unwrap();
    let mut with_gap = kept.clone();
    with_gap.insert(at, gap.to_message());
    let lossy = write(dir.path(), "lossy.jsonl", &kept);
    let recorded = write(dir.path(), "recorded.jsonl", &with_gap);

    let (without, _) = diagnose(&[&lossy], &eui);
    let missing = without["stats"]["fcnt_missing"].as_u64().unwrap();
    assert!(missing >= 10, "an hour of 5-minute uplinks is missing: {}", without["stats"]);
    let (with, _) = diagnose(&[&recorded], &eui);
    assert_eq!(with["stats"]["fcnt_missing"], 0, "{}", with["stats"]);
    assert_eq!(with["stats"]["fcnt_missing_unobserved"], missing);
    assert_eq!(with["not_observed"][0]["reason"], "session_not_resumed", "{with}");
    assert_eq!(with["not_observed"][0]["loss_possible"], true);

    let table =
        rmacheck().arg("inspect").arg(&recorded).args(["--dev-eui", &eui]).output().unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("Not observed (silence and loss here are not the device's)"), "{text}");
    let line = format!(
        "  {} – {} (session not resumed: messages may have been lost)",
        from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        to.format("%H:%M:%SZ")
    );
    assert!(text.contains(&line), "'{line}' not in {text}");
    assert!(text.contains("FCnt missing while not observed"), "{text}");
}

#[test]
fn an_over_long_line_is_reported_with_its_number_and_the_next_line_is_read() {
    let good = r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a/b","payload_b64":"aGk="}"#;
    let long = format!("{{\"topic\":\"{}\"}}", "x".repeat(300));
    let cases: [(&str, String, usize, &str); 3] = [
        (
            "a long line between good ones",
            format!("{good}\n{long}\n{good}\n"),
            2,
            "the line was skipped",
        ),
        (
            "a long last line without a line end",
            format!("{good}\n{good}\n{long}"),
            2,
            "the line was skipped",
        ),
        ("no line end at all", "x".repeat(5000), 0, "not a capture file"),
    ];
    for (name, input, good_lines, needle) in cases {
        let reader = CaptureReader::with_limits(input.as_bytes(), "t.jsonl", 256, 1024);
        let items: Vec<_> = reader.collect();
        let ok = items.iter().filter(|r| r.is_ok()).count();
        let bad: Vec<String> =
            items.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect();
        assert_eq!(ok, good_lines, "{name}: {bad:?}");
        assert_eq!(bad.len(), 1, "{name}: {bad:?}");
        assert!(
            bad[0].contains("longer than 256 bytes") && bad[0].contains(needle),
            "{name}: {bad:?}"
        );
    }
    let lines: Vec<usize> =
        CaptureReader::with_limits(format!("{good}\n{long}\n").as_bytes(), "t", 256, 1024)
            .filter_map(Result::err)
            .map(|b| b.line)
            .collect();
    assert_eq!(lines, [2]);
}

#[test]
fn inspect_of_dev_zero_ends_with_a_clear_error_in_bounded_memory() {
    let out = rmacheck()
        .args(["inspect", "/dev/zero", "--dev-eui", "0203040502030405"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/dev/zero:1: the line is longer than 64 MiB")
            && stderr.contains("not a capture file"),
        "{stderr}"
    );
}

#[test]
fn escape_sequences_from_the_network_server_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let mut out = sim::run(Scenario::WrongAppkey, 7, default_start());
    let hostile = "\u{1b}]8;;http://evil.example\u{7}click\u{1b}]8;;\u{7}\u{1b}[2J\rOK\u{202e}";
    let mut changed = 0;
    for m in &mut out.messages {
        if m.topic.ends_with("/event/log") {
            let mut v: Value = serde_json::from_slice(&m.payload).unwrap();
            v["description"] = Value::from(hostile);
            v["code"] = Value::from("UPLINK_MIC\u{1b}[31m");
            m.payload = serde_json::to_vec(&v).unwrap();
            changed += 1;
        }
    }
    assert!(changed > 0, "the scenario has network-server log events");
    let cap = write(dir.path(), "hostile.jsonl", &out.messages);
    let eui = out.dev_eui.to_string();
    for args in [vec!["inspect"], vec!["diagnose"], vec!["diagnose", "--format", "markdown"]] {
        let o = rmacheck().args(&args).arg(&cap).args(["--dev-eui", &eui]).output().unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        for bad in ['\u{1b}', '\u{7}', '\r', '\u{202e}'] {
            assert!(!text.contains(bad) && !stderr.contains(bad), "{args:?}: {bad:?} in {text}");
        }
        if args == ["inspect"] {
            assert!(text.contains("\\u{1b}[2J"), "{args:?}: shown escaped: {text}");
        }
    }
}

#[test]
fn a_missing_capture_is_named_once_with_what_to_do_and_the_os_reason_only_once() {
    let cases: [&[&str]; 4] = [
        &["inspect", "no-such-capture.jsonl", "--dev-eui", "0004a30b001c0530"],
        &["diagnose", "no-such-capture.jsonl", "--dev-eui", "0004a30b001c0530"],
        &["fleet", "no-such-capture.jsonl"],
        &["replay", "no-such-capture.jsonl", "--broker", "mqtt://127.0.0.1:1"],
    ];
    for args in cases {
        let out = rmacheck().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.matches("no-such-capture.jsonl").count(), 1, "{args:?}: {stderr}");
        assert_eq!(stderr.to_lowercase().matches("no such file").count(), 1, "{args:?}: {stderr}");
        assert!(!stderr.contains("os error"), "{args:?}: {stderr}");
        assert!(stderr.contains("check the path"), "{args:?}: {stderr}");
    }
}
