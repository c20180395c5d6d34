//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

use rmacheck::capture::CaptureWriter;
use rmacheck::diagnosis::Diagnosis;
use rmacheck::frame::keys::KeyStore;
use rmacheck::model::{DevEui, RawMessage};
use rmacheck::sim::Scenario;

/// Writes messages as a capture file `dir/name`.
pub(crate) fn write_capture_file(dir: &Path, name: &str, messages: &[RawMessage]) -> PathBuf {
    let path = dir.join(name);
    let mut w = CaptureWriter::new(std::fs::File::create(&path).unwrap());
    for m in messages {
        w.write(m).unwrap();
    }
    path
}

/// Writes a keys file `dir/keys.toml` (the contract's `--keys` format).
pub(crate) fn write_keys_file(dir: &Path, keys: &KeyStore) -> PathBuf {
    let path = dir.join("keys.toml");
    let mut text = String::new();
    for (dev, k) in keys.iter() {
        text.push_str(&format!(
            "[[device]]\ndev_eui = \"{dev}\"\njoin_eui = \"{}\"\napp_key = \"{}\"\n\n",
            k.join_eui.unwrap_or_default(),
            hex::encode(k.app_key.0)
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Asserts that a scenario's diagnosis has the scenario's verdict; `case` says which run.
pub(crate) fn assert_scenario_verdict(d: &Diagnosis, s: Scenario, case: &str) {
    assert_eq!(
        d.verdict.code,
        s.expected_verdict(),
        "{} ({case}): {} — {:?}",
        s.name(),
        d.verdict.summary,
        d.findings.iter().map(|f| &f.code).collect::<Vec<_>>()
    );
}

/// `rmacheck diagnose CAPTURE --dev-eui DEV --format json`: its JSON, after checking the exit
/// code.
pub(crate) fn diagnose_json(capture: &Path, dev_eui: DevEui, code: i32) -> serde_json::Value {
    let assert = assert_cmd::Command::cargo_bin("rmacheck")
        .unwrap()
        .arg("diagnose")
        .arg(capture)
        .args(["--dev-eui", &dev_eui.to_string(), "--format", "json"])
        .assert()
        .code(code);
    serde_json::from_slice(&assert.get_output().stdout).unwrap()
}
