//! `rmacheck diagnose` and `rmacheck profiles` on the command line, on captures written from
//! simulated scenarios: formats, languages, exit codes, keys, profiles, bad lines.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use super::support::{write_capture_file, write_keys_file};
use rmacheck::sim::{self, Scenario, SimOutput, default_start};

fn write_capture(dir: &Path, out: &SimOutput) -> PathBuf {
    write_capture_file(dir, "capture.jsonl", &out.messages)
}

fn write_keys(dir: &Path, out: &SimOutput) -> PathBuf {
    write_keys_file(dir, &out.keys)
}

fn rmacheck() -> Command {
    let mut c = Command::cargo_bin("rmacheck").unwrap();
    c.env_remove("RMACHECK_PROFILES_DIR");
    c
}

/// `rmacheck diagnose CAPTURE --dev-eui DEV`, to be completed by the test.
fn diagnose(capture: impl AsRef<std::ffi::OsStr>, dev_eui: &str) -> Command {
    let mut c = rmacheck();
    c.arg("diagnose").arg(capture).args(["--dev-eui", dev_eui]);
    c
}

/// An empty capture file in a new directory.
fn empty_capture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    (dir, empty)
}

fn scenario(s: Scenario) -> (tempfile::TempDir, SimOutput, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = sim::run(s, 7, default_start());
    let cap = write_capture(dir.path(), &out);
    let keys = write_keys(dir.path(), &out);
    (dir, out, cap, keys)
}

#[test]
fn a_healthy_device_exits_0_and_the_table_shows_the_verdict() {
    let (_d, out, cap, _) = scenario(Scenario::Healthy);
    diagnose(&cap, &out.dev_eui.to_string())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("HEALTHY (healthy)"))
        .stdout(predicate::str::contains("Next steps before an RMA"));
}

#[test]
fn a_key_mismatch_exits_1_with_the_contract_json() {
    let (_d, out, cap, keys) = scenario(Scenario::WrongAppkey);
    let output = diagnose(&cap, &out.dev_eui.to_string().to_uppercase())
        .args(["--format", "json"])
        .arg("--keys")
        .arg(&keys)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["schema"], "rmacheck.diagnosis.v1");
    assert_eq!(v["dev_eui"], out.dev_eui.to_string());
    assert_eq!(v["verdict"]["code"], "JOIN_KEY_MISMATCH");
    assert_eq!(v["verdict"]["class"], "configuration");
    assert_eq!(v["cause"], "key_on_device");
    let n = out.messages.len() as u64;
    for f in v["findings"].as_array().unwrap() {
        for i in f["evidence"].as_array().unwrap() {
            assert!(i.as_u64().unwrap() < n, "evidence index {i} out of range");
        }
    }
    assert!(v["stats"]["ns_log_codes"]["UPLINK_MIC"].as_u64().unwrap() >= 2);
    assert!(
        !output.stdout.windows(32).any(|w| w == hex::encode(sim::config::DUT_APP_KEY.0).as_bytes())
    );
}

#[test]
fn markdown_in_german_with_a_reference_and_a_profile() {
    let (_d, out, cap, _) = scenario(Scenario::Silent);
    diagnose(&cap, &out.dev_eui.to_string())
        .args(["--reference-dev-eui", &out.reference_dev_eui.unwrap().to_string()])
        .args(["--profile", "dragino-lht65n-eu868", "--format", "markdown", "--lang", "de"])
        .assert()
        .code(1)
        // The report's verdict box, written by the report's Markdown writer.
        .stdout(predicate::str::contains("**`NO_RADIO_ACTIVITY` — Keine Funkaktivität des Geräts**"))
        .stdout(predicate::str::contains("- **Kategorie:** Gerät verdächtig"))
        .stdout(predicate::str::contains("- **Erläuterung:**"))
        .stdout(predicate::str::contains("| Profil | dragino-lht65n-eu868"))
        .stdout(
            predicate::str::contains("| Referenz |").and(predicate::str::contains("empfangen (")),
        )
        .stdout(predicate::str::contains("## Feststellungen").and(predicate::str::contains("## Zähler")));
}

#[test]
fn an_unknown_profile_exits_2_listing_the_valid_ids() {
    let (_d, out, cap, _) = scenario(Scenario::Healthy);
    diagnose(&cap, &out.dev_eui.to_string())
        .args(["--profile", "no-such-device"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown profile 'no-such-device'"))
        .stderr(predicate::str::contains("dragino-lht65n-eu868"));
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_skipped() {
    let (dir, out, cap, _) = scenario(Scenario::Healthy);
    let mut text = std::fs::read_to_string(&cap).unwrap();
    text.insert_str(0, "this is not json\n");
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, text).unwrap();
    diagnose(&broken, &out.dev_eui.to_string())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("broken.jsonl:1"));
}

#[test]
fn input_errors_exit_2_and_say_what_to_do() {
    let (dir, empty) = empty_capture();
    diagnose(&empty, "70b3d57ed0000001")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --from and --to"));
    diagnose(dir.path().join("missing.jsonl"), "70b3d57ed0000001")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.jsonl"));
    diagnose(&empty, "70b3d57ed0000001")
        .args(["--from", "2026-11-21T10:00:00Z", "--to", "2026-11-21T09:00:00Z"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("before it starts"));
}

#[test]
fn an_empty_capture_with_an_explicit_window_is_a_silent_device() {
    let (_dir, empty) = empty_capture();
    diagnose(&empty, "70b3d57ed0000001")
        .args(["--from", "2026-11-21T09:00:00Z", "--to", "2026-11-21T10:00:00Z"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("NO_RADIO_ACTIVITY (inconclusive)"))
        .stdout(predicate::str::contains("watch at least 7 h 11 min more"));
}

#[test]
fn profiles_list_and_show_work_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    rmacheck()
        .current_dir(dir.path())
        .arg("profiles")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("dragino-lht65n-eu868"))
        .stdout(predicate::str::contains("uplink interval"));
    rmacheck()
        .current_dir(dir.path())
        .args(["profiles", "show", "dragino-lht65n-eu868"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("macVersion: 1.0.3"))
        .stdout(predicate::str::contains("x-diagnostics:"));
    rmacheck()
        .args(["profiles", "show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid IDs: "));
}

#[test]
fn a_user_profile_directory_adds_profiles_and_invalid_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = include_str!("../fixtures/profiles/acme-t1.yaml");
    std::fs::write(dir.path().join("acme-t1.yaml"), good).unwrap();
    rmacheck()
        .env("RMACHECK_PROFILES_DIR", dir.path())
        .arg("profiles")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("acme-t1"));
    std::fs::write(dir.path().join("broken.yaml"), good.replace("'1.0.3'", "1.0")).unwrap();
    rmacheck()
        .env("RMACHECK_PROFILES_DIR", dir.path())
        .arg("profiles")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.yaml"))
        .stderr(predicate::str::contains("/macVersion"))
        .stderr(predicate::str::contains("quote version numbers"));
}

#[test]
fn the_help_documents_the_exit_codes() {
    rmacheck()
        .args(["diagnose", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "0 verdict HEALTHY, 1 any other verdict, 2 usage or input error",
        ))
        .stdout(predicate::str::contains("--lang"));
}
