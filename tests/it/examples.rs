//! The files in `examples/` are simulator output, so the documentation's examples run on real,
//! reproducible LoRaWAN traffic. After a simulator change, regenerate them with
//! `RMACHECK_UPDATE_EXAMPLES=1 cargo test --test it examples` and review the diff.

use std::path::{Path, PathBuf};

use chrono::TimeDelta;
use rmacheck::frame::keys::KeyStore;
use rmacheck::sim::{self, Scenario};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The example captures: file name and the simulation behind it.
fn example_captures() -> Vec<(&'static str, sim::SimOutput)> {
    let start = sim::default_start();
    let mut healthy = sim::scenarios::config(Scenario::Healthy, 2026, start);
    healthy.duration = TimeDelta::hours(1);
    vec![
        ("healthy.jsonl", sim::simulate(&healthy)),
        ("wrong-appkey.jsonl", sim::run(Scenario::WrongAppkey, 2026, start)),
    ]
}

fn capture_text(out: &sim::SimOutput) -> String {
    out.messages.iter().map(|m| rmacheck::capture::format_line(m) + "\n").collect()
}

#[test]
fn the_example_captures_are_what_the_simulator_writes() {
    let update = std::env::var_os("RMACHECK_UPDATE_EXAMPLES").is_some();
    for (name, out) in example_captures() {
        let path = examples_dir().join(name);
        let want = capture_text(&out);
        if update {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap();
        assert!(
            have == want,
            "{name} differs from the simulation; regenerate it (see the top of this file)"
        );
        assert!(out.messages.len() >= 20, "{name}: {} messages", out.messages.len());
    }
}

#[test]
fn the_example_keys_file_holds_the_keys_registered_in_the_simulation() {
    let file = KeyStore::load(&examples_dir().join("keys.toml")).unwrap();
    for (name, out) in example_captures() {
        assert!(!out.keys.is_empty(), "{name}");
        for (eui, keys) in out.keys.iter() {
            let listed = file.get(eui).unwrap_or_else(|| panic!("{eui} of {name} missing"));
            assert!(listed == keys, "{eui} of {name}: the keys differ");
        }
    }
}
