//! Every simulated scenario through `report` and `verify`: the signed verdict is the expected
//! one and both verifiers accept the bundle.

use std::fmt::Write as _;

use rmacheck::sim::{self, Scenario, SimOutput};

use super::{Site, text, write_capture};

pub(super) fn keys_toml(keys: &rmacheck::frame::keys::KeyStore) -> String {
    let mut s = String::new();
    for (dev, k) in keys.iter() {
        let _ = writeln!(
            s,
            "[[device]]\ndev_eui = \"{dev}\"\napp_key = \"{}\"",
            hex::encode(k.app_key.0)
        );
        if let Some(j) = k.join_eui {
            let _ = writeln!(s, "join_eui = \"{j}\"");
        }
    }
    s
}

/// Writes a simulated run's capture, keys file and RMA file as `{name}.*` (once) and makes its
/// bundle in `dir` with `extra` arguments (`--keys` and the reference device are given).
pub(super) fn sim_report(
    site: &Site,
    name: &str,
    out: &SimOutput,
    dir: &str,
    extra: &[&str],
) -> std::process::Output {
    let (capture, keys, rma) =
        (format!("{name}.jsonl"), format!("{name}.toml"), format!("{name}.rma.toml"));
    if !site.path(&capture).exists() {
        write_capture(&site.path(&capture), &out.messages, false);
        std::fs::write(site.path(&keys), keys_toml(&out.keys)).unwrap();
        let join_eui = out.keys.get(&out.dev_eui).and_then(|k| k.join_eui);
        let text = super::RMA.replace("70b3d57ed0000001", &out.dev_eui.to_string());
        let text = match join_eui {
            Some(j) => text.replace("\"0000000000000000\"", &format!("\"{j}\"")),
            None => text,
        };
        std::fs::write(site.path(&rma), text).unwrap();
    }
    let dev = out.dev_eui.to_string();
    let reference = out.reference_dev_eui.map(|r| r.to_string());
    let mut args = vec![
        "report",
        &capture,
        "--dev-eui",
        &dev,
        "--rma",
        &rma,
        "--sign-key",
        "key",
        "--out",
        dir,
        "--keys",
        &keys,
    ];
    if let Some(r) = &reference {
        args.extend(["--reference-dev-eui", r]);
    }
    args.extend(extra);
    super::rmacheck().current_dir(site.dir.path()).args(&args).output().unwrap()
}

#[test]
fn every_scenario_makes_a_bundle_with_its_verdict_that_both_verifiers_accept() {
    let site = Site::new();
    for scenario in Scenario::ALL {
        let out = sim::run(scenario, 7, sim::default_start());
        let name = scenario.name();
        let keys = format!("{name}.toml");
        let made = sim_report(&site, name, &out, name, &[]);
        assert!(made.status.success(), "{name}: {}", text(&made));
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(site.path(name).join("report.json")).unwrap())
                .unwrap();
        let expected = serde_json::to_value(scenario.expected_verdict()).unwrap();
        assert_eq!(v["diagnosis"]["verdict"]["code"], expected, "{name}");
        let class = v["diagnosis"]["verdict"]["class"].as_str().unwrap_or_default();
        let outcome = v["activation"]["outcome"].as_str().unwrap_or_default();
        eprintln!("{name}: {expected} ({class}) -> activation {outcome}");
        if class == "configuration" {
            assert_eq!(outcome, "configuration_fault", "{name}");
        }
        if ["healthy", "device_suspect", "network"].contains(&class) && name != "silent" {
            assert_eq!(outcome, "properly_attempted", "{name}");
        }

        let with_keys =
            site.verify(name, &["--allowed-signers", "allowed_signers", "--keys", &keys]);
        assert!(with_keys.status.success(), "{name} with keys: {}", text(&with_keys));
        assert!(String::from_utf8_lossy(&with_keys.stdout).contains("ok    diagnosis"), "{name}");
        assert!(String::from_utf8_lossy(&with_keys.stdout).contains("ok    activation"), "{name}");
        // Without the keys the diagnosis may not be reproducible, but nothing fails.
        let without = site.verify(name, &["--allowed-signers", "allowed_signers"]);
        assert!(without.status.success(), "{name} without keys: {}", text(&without));
        if let Some(ssh) = site.ssh_keygen_verify(name, "allowed_signers", "rmacheck@test") {
            assert!(ssh.status.success(), "{name}: {}", text(&ssh));
        }
    }
}

#[test]
fn verify_with_another_appkey_shows_the_frames_were_not_made_with_it() {
    let site = Site::new();
    let out = sim::run(Scenario::Healthy, 7, sim::default_start());
    write_capture(&site.path("h.jsonl"), &out.messages, false);
    std::fs::write(site.path("h.toml"), keys_toml(&out.keys)).unwrap();
    std::fs::write(
        site.path("h.rma.toml"),
        super::RMA.replace("70b3d57ed0000001", &out.dev_eui.to_string()),
    )
    .unwrap();
    let dev = out.dev_eui.to_string();
    let made = super::rmacheck()
        .current_dir(site.dir.path())
        .args([
            "report",
            "h.jsonl",
            "--dev-eui",
            &dev,
            "--rma",
            "h.rma.toml",
            "--sign-key",
            "key",
            "--out",
            "b",
            "--keys",
            "h.toml",
        ])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    let wrong = keys_toml(&out.keys).replace(
        &hex::encode(out.keys.get(&out.dev_eui).unwrap().app_key.0),
        "000102030405060708090a0b0c0d0e0f",
    );
    std::fs::write(site.path("wrong.toml"), wrong).unwrap();
    let v = site.verify("b", &["--allowed-signers", "allowed_signers", "--keys", "wrong.toml"]);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    let msg = text(&v);
    assert!(msg.contains("FAIL  diagnosis") || msg.contains("FAIL  mic"), "{msg}");
}

/// Canonical bytes of a JSON text (so -71.0 and -71 compare equal, as in JCS).
fn canonical(text: &[u8]) -> Vec<u8> {
    let v: serde_json::Value = serde_json::from_slice(text).unwrap();
    serde_jcs::to_vec(&v).unwrap()
}

#[test]
fn the_signed_diagnosis_is_what_diagnose_prints_for_the_evidence() {
    let site = Site::new();
    for (scenario, lang) in
        [(Scenario::DevnonceReuse, "fr"), (Scenario::Silent, "en"), (Scenario::WeakSignal, "de")]
    {
        let out = sim::run(scenario, 11, sim::default_start());
        let name = scenario.name();
        let (keys, dev) = (format!("{name}.toml"), out.dev_eui.to_string());
        let reference = out.reference_dev_eui.map(|r| r.to_string());
        let mut extra: Vec<&str> = vec!["--keys", &keys];
        if let Some(r) = &reference {
            extra.extend(["--reference-dev-eui", r]);
        }
        let made = sim_report(&site, name, &out, name, &["--lang", lang]);
        assert!(made.status.success(), "{name}: {}", text(&made));
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(site.path(name).join("report.json")).unwrap())
                .unwrap();
        let from = report["window"]["from"].as_str().unwrap().to_string();
        let to = report["window"]["to"].as_str().unwrap().to_string();
        let evidence = format!("{name}/evidence.jsonl");
        let mut args = vec![
            "diagnose",
            &evidence,
            "--dev-eui",
            &dev,
            "--from",
            &from,
            "--to",
            &to,
            "--lang",
            lang,
            "--format",
            "json",
        ];
        args.extend(&extra);
        let printed = super::rmacheck().current_dir(site.dir.path()).args(&args).output().unwrap();
        assert!(matches!(printed.status.code(), Some(0 | 1)), "{name}: {}", text(&printed));
        let signed = serde_jcs::to_vec(&report["diagnosis"]).unwrap();
        assert_eq!(
            String::from_utf8(canonical(&printed.stdout)).unwrap(),
            String::from_utf8(signed).unwrap(),
            "{name}: diagnose of evidence.jsonl vs the signed diagnosis"
        );
    }
}
