//! The activation attestation: in report.json, the report's first block, re-derived by `verify`.

use super::{Site, fixed_key, text};

fn report_json(site: &Site, dir: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(site.path(dir).join("report.json")).unwrap()).unwrap()
}

#[test]
fn the_report_states_whether_activation_was_properly_attempted_first_in_every_language() {
    let site = Site::new();
    assert!(site.report("bundle", &["--keys", "keys.toml", "--lang", "de"]).status.success());
    let a = &report_json(&site, "bundle")["activation"];
    assert_eq!(a["outcome"], "configuration_fault", "{a}");
    assert_eq!(a["mode"], "otaa");
    assert_eq!(a["join_requests"], 8);
    assert_eq!(a["span_s"], 2100);
    assert_eq!((a["mic_checked"].as_bool(), a["mic_valid"].as_bool()), (Some(true), Some(false)));
    assert_eq!(a["fault"], "JOIN_KEY_MISMATCH");
    assert_eq!(a["session_established"], false);
    assert!(a["summary"].as_str().unwrap().contains("configuration fault"), "{a}");
    let html = std::fs::read_to_string(site.path("bundle/report.html")).unwrap();
    let first_section = html.find("<section").unwrap();
    assert!(
        html[first_section..].starts_with("<section id=\"activation\""),
        "activation comes first"
    );
    assert!(html.contains("Konfigurationsfehler gefunden (JOIN_KEY_MISMATCH)"), "German text");
    let md = std::fs::read_to_string(site.path("bundle/report.md")).unwrap();
    assert!(md.contains("## Aktivierungsversuch"), "{md}");
}

#[test]
fn verify_re_derives_the_attestation_and_fails_a_signed_but_false_one() {
    let site = Site::new();
    assert!(site.report("bundle", &["--keys", "keys.toml"]).status.success());
    let ok =
        site.verify("bundle", &["--allowed-signers", "allowed_signers", "--keys", "keys.toml"]);
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(text(&ok).contains("ok    activation"), "{}", text(&ok));
    // Without the keys the MIC part is reported as not re-checked; the rest still must match.
    let no_keys = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert!(no_keys.status.success(), "{}", text(&no_keys));
    assert!(text(&no_keys).contains("not re-checked without AppKeys"), "{}", text(&no_keys));

    // A signer who claims "properly attempted" is caught by the evidence.
    let mut v = report_json(&site, "bundle");
    v["activation"]["outcome"] = "properly_attempted".into();
    v["activation"]["join_requests"] = 40.into();
    let json = serde_jcs::to_vec(&v).unwrap();
    let sig = rmacheck::signing::sign(&fixed_key(), &json).unwrap();
    std::fs::write(site.path("bundle/report.json"), &json).unwrap();
    std::fs::write(site.path("bundle/report.json.sig"), sig).unwrap();
    let lie =
        site.verify("bundle", &["--allowed-signers", "allowed_signers", "--keys", "keys.toml"]);
    assert_eq!(lie.status.code(), Some(1), "{}", text(&lie));
    assert!(text(&lie).contains("FAIL  activation"), "{}", text(&lie));
    let lie = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert_eq!(lie.status.code(), Some(1), "without keys too: {}", text(&lie));
}
