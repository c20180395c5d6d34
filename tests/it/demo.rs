//! `rmacheck demo`: every scenario goes through the embedded broker and the real watch agent
//! unchanged, gives its verdict live and in the signed bundle, and the bundle verifies (also
//! with stock OpenSSH when it is installed); usage errors exit 2.

use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use rmacheck::cli::demo::{self, DemoOptions};
use rmacheck::sim::{self, Scenario};

/// `ssh-keygen -Y verify` of a bundle; `None` only when OpenSSH is missing outside CI.
fn ssh_keygen_verify(dir: &std::path::Path) -> Option<bool> {
    let bin = super::report::tool("ssh-keygen")?;
    let report = std::fs::File::open(dir.join("report.json")).unwrap();
    let status = std::process::Command::new(bin)
        .args(["-Y", "verify", "-f"])
        .arg(dir.join("allowed_signers"))
        .args(["-I", demo::DEMO_PRINCIPAL, "-n", rmacheck::signing::NAMESPACE, "-s"])
        .arg(dir.join("report.json.sig"))
        .stdin(report)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    Some(status.success())
}

#[test]
fn every_scenario_of_the_demo_produces_its_verdict_and_a_bundle_that_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let broker = demo::broker::start().unwrap();
    let opts = DemoOptions { speed: 0.0, verbose: false };
    let mut wrong = Vec::new();
    for s in Scenario::ALL {
        let dir = tmp.path().join(s.name());
        let outcome = runtime.block_on(demo::run_scenario(s, &dir, &broker, opts)).unwrap();
        let simulated = sim::run(s, demo::DEMO_SEED, sim::default_start());
        assert!(
            outcome.recorded == simulated.messages,
            "{}: the agent recorded {} messages, the simulator sent {}; every message and its \
             simulated time must come through the broker unchanged",
            s.name(),
            outcome.recorded.len(),
            simulated.messages.len()
        );
        for (what, d) in [("live", &outcome.live), ("signed", &outcome.bundle.doc.diagnosis)] {
            if d.verdict.code != s.expected_verdict() {
                wrong.push(format!(
                    "{} ({what}): expected {:?}, got {:?}: {}",
                    s.name(),
                    s.expected_verdict(),
                    d.verdict.code,
                    d.verdict.summary
                ));
            }
        }
        assert!(outcome.bundle.verified.is_ok(), "{}: {:?}", s.name(), outcome.bundle.verified);
        let skipped = &outcome.bundle.skipped;
        assert!(!skipped.iter().any(|c| c.starts_with("diagnosis")), "{}: {skipped:?}", s.name());
        assert!(tmp.path().join(format!("{}.keys.toml", s.name())).is_file());
        assert!(
            ssh_keygen_verify(&dir).unwrap_or(true),
            "{}: ssh-keygen -Y verify failed",
            s.name()
        );
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "allowed_signers",
                "evidence.jsonl",
                "report.html",
                "report.json",
                "report.json.sig",
                "report.md"
            ],
            "{}: the bundle directory holds the bundle and allowed_signers, nothing else (no key)",
            s.name()
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unknown_scenario_exits_2_and_lists_the_names() {
    Command::cargo_bin("rmacheck")
        .unwrap()
        .args(["demo", "--scenario", "no-such-thing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown scenario 'no-such-thing'"))
        .stderr(predicate::str::contains("healthy, wrong-appkey, unregistered"));
}

#[test]
fn the_demo_refuses_a_non_empty_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("something"), "x").unwrap();
    Command::cargo_bin("rmacheck")
        .unwrap()
        .args(["demo", "--scenario", "healthy", "--out"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not empty"));
}

#[test]
fn one_scenario_from_the_command_line_writes_a_bundle_and_prints_how_to_verify_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bundle");
    Command::cargo_bin("rmacheck")
        .unwrap()
        .args(["demo", "--scenario", "gateway-tx-fail", "--out"])
        .arg(&out)
        .env("RMACHECK_DEMO_SPEED", "0")
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .stdout(predicate::str::contains("JOIN_ACCEPT_TX_FAILED (network)"))
        .stdout(predicate::str::contains("✓ verified"))
        .stdout(predicate::str::contains("ssh-keygen -Y verify -f"))
        .stdout(predicate::str::contains("rmacheck verify"))
        .stderr(predicate::str::contains("Embedded MQTT broker on mqtt://127.0.0.1:"));
    let keys = tmp.path().join("bundle.keys.toml");
    assert!(keys.is_file(), "the keys file sits next to the bundle");
    Command::cargo_bin("rmacheck")
        .unwrap()
        .arg("verify")
        .arg(&out)
        .arg("--allowed-signers")
        .arg(out.join("allowed_signers"))
        .arg("--keys")
        .arg(&keys)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok    diagnosis"))
        .stdout(predicate::str::contains("JOIN_ACCEPT_TX_FAILED"));
}

/// Every file below `dir`, as paths relative to it, sorted.
fn tree(dir: &std::path::Path) -> Vec<String> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn the_readme_quick_start_runs_as_printed_from_a_fresh_directory() {
    // Exactly the README's first command: `rmacheck demo`, no arguments, from a new working
    // directory whose system temp dir is new too (nothing exists before the command).
    let cwd = tempfile::tempdir().unwrap();
    let tmpdir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("rmacheck")
        .unwrap()
        .arg("demo")
        .current_dir(cwd.path())
        .env("TMPDIR", tmpdir.path())
        .env_remove("RMACHECK_DEMO_SPEED")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.matches("✓ verified").count() == 2, "both tour bundles verify:\n{stdout}");
    let demo_dirs: Vec<_> = std::fs::read_dir(tmpdir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("rmacheck-demo-"))
        })
        .collect();
    assert_eq!(demo_dirs.len(), 1, "one output directory under TMPDIR: {demo_dirs:?}");
    let files = tree(&demo_dirs[0]);
    for s in demo::TOUR {
        for f in [
            "allowed_signers",
            "evidence.jsonl",
            "report.html",
            "report.json",
            "report.json.sig",
            "report.md",
        ] {
            let want = format!("{}/{f}", s.name());
            assert!(files.contains(&want), "{want} missing from {files:?}");
        }
        assert!(files.contains(&format!("{}.keys.toml", s.name())), "{files:?}");
    }
    assert!(tree(cwd.path()).is_empty(), "nothing is written into the working directory");
}

#[test]
fn the_tour_into_a_new_nested_out_directory_creates_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("new").join("tour");
    Command::cargo_bin("rmacheck")
        .unwrap()
        .args(["demo", "--out"])
        .arg(&out)
        .env("RMACHECK_DEMO_SPEED", "0")
        .env("NO_COLOR", "1")
        .assert()
        .success();
    let files = tree(&out);
    assert!(files.contains(&"healthy/report.json".to_string()), "{files:?}");
    assert!(files.contains(&"wrong-appkey.keys.toml".to_string()), "{files:?}");
}
