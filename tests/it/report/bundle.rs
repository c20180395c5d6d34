//! `rmacheck report` bundles: layout, content, verification with rmacheck and stock OpenSSH,
//! evidence scope, secrets, determinism, printable HTML.

use std::collections::BTreeSet;

use base64::Engine as _;
use rmacheck::capture::CaptureReader;
use rmacheck::frame::{self, Frame};

use super::{APP_KEY, DEV, OTHER, REFERENCE, SEED, Site, eui, text, tool};

fn files_of(dir: &std::path::Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((p, prefix)) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let e = e.unwrap();
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.file_type().unwrap().is_dir() {
                stack.push((e.path(), format!("{name}/")));
            } else {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn a_bundle_has_the_contract_layout_and_verifies_with_rmacheck_and_stock_openssh() {
    let site = Site::new();
    let out = site.report("bundle", &["--keys", "keys.toml"]);
    assert!(out.status.success(), "{}", text(&out));
    let expected: BTreeSet<String> = [
        "evidence.jsonl",
        "photos/1-closed.jpg",
        "photos/2-open.png",
        "report.html",
        "report.json",
        "report.json.sig",
        "report.md",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(files_of(&site.path("bundle")), expected);

    let json = std::fs::read(site.path("bundle/report.json")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(serde_jcs::to_vec(&v).unwrap(), json, "report.json is canonical JCS");
    assert!(!json.ends_with(b"\n"));
    for key in rmacheck::report::model::REQUIRED_KEYS.into_iter().chain(["capture"]) {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["schema"], "rmacheck.report.v1");
    assert_eq!(v["generated_at"], "2026-11-21T12:00:00Z");
    assert_eq!(v["tool"]["name"], "rmacheck");
    assert_eq!(v["rma"]["order_number"], "LS-2026-10442");
    assert_eq!(v["warranty"]["withdrawal"]["status"], "expired");
    assert_eq!(v["warranty"]["statutory_liability"]["ends"], "2028-09-14");
    assert_eq!(v["signer"]["principal"], "rmacheck@test");
    assert_eq!(v["keys_supplied"], true);
    assert_eq!(v["capture"]["files"][0]["unreadable_lines"], 1);
    assert_eq!(v["capture"]["messages"], 42, "40 decoded and 2 that do not decode");
    assert_eq!(v["diagnosis"]["stats"]["malformed_messages"], 3, "with the unreadable line");
    // A malformed message keeps its English reason and carries its catalog code and arguments.
    let first = &v["diagnosis"]["malformed"][0];
    assert_eq!(first["code"], "malformed-gw-up-no-phy", "{first}");
    assert_eq!(
        first["reason"],
        "gateway event/up has no phyPayload: an uplink frame without its bytes cannot be used"
    );
    // Every other file is listed with its SHA-256.
    let listed: BTreeSet<String> = v["files"].as_object().unwrap().keys().cloned().collect();
    let others: BTreeSet<String> =
        expected.iter().filter(|f| !f.starts_with("report.json")).cloned().collect();
    assert_eq!(listed, others);
    for (name, hash) in v["files"].as_object().unwrap() {
        let bytes = std::fs::read(site.path("bundle").join(name)).unwrap();
        assert_eq!(hash, &rmacheck::report::model::sha256_hex(&bytes), "{name}");
    }

    let ours =
        site.verify("bundle", &["--allowed-signers", "allowed_signers", "--keys", "keys.toml"]);
    assert!(ours.status.success(), "{}", text(&ours));
    let said = String::from_utf8_lossy(&ours.stdout);
    assert!(said.contains("ssh-keygen -Y verify -f allowed_signers -I rmacheck@test -n rmacheck-report-v1 -s bundle/report.json.sig < bundle/report.json"), "{said}");
    if let Some(ssh) = site.ssh_keygen_verify("bundle", "allowed_signers", "rmacheck@test") {
        assert!(ssh.status.success(), "{}", text(&ssh));
        assert!(text(&ssh).contains("Good \"rmacheck-report-v1\" signature for rmacheck@test"));
    }
}

#[test]
fn evidence_holds_only_the_devices_messages_and_the_reference_only_when_named() {
    let site = Site::new();
    let kinds = |dir: &str| -> Vec<String> {
        let bytes = std::fs::read(site.path(dir).join("evidence.jsonl")).unwrap();
        CaptureReader::new(&bytes[..], "evidence.jsonl")
            .map(|m| {
                let m = m.unwrap();
                let v: serde_json::Value = serde_json::from_slice(&m.payload).unwrap();
                match v.get("phyPayload").and_then(|p| p.as_str()) {
                    Some(p) => {
                        let phy = base64::engine::general_purpose::STANDARD.decode(p).unwrap();
                        match frame::parse(&phy).unwrap() {
                            Frame::JoinRequest(j) => j.dev_eui.to_string(),
                            other => format!("{other:?}"),
                        }
                    }
                    None => v["deviceInfo"]["devEui"].as_str().unwrap_or("?").to_string(),
                }
            })
            .collect()
    };
    assert!(site.report("plain", &[]).status.success());
    let plain = kinds("plain");
    assert!(!plain.is_empty(), "the device's messages are in the evidence");
    assert!(plain.iter().all(|d| d == DEV), "{plain:?}");
    let out = site.report("withref", &["--reference-dev-eui", REFERENCE]);
    assert!(out.status.success(), "{}", text(&out));
    let with = kinds("withref");
    assert!(with.iter().any(|d| d == REFERENCE), "{with:?}");
    assert!(!with.iter().any(|d| d == OTHER), "{with:?}");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("withref/report.json")).unwrap()).unwrap();
    assert_eq!(v["reference"]["dev_eui"], REFERENCE);
    assert!(std::fs::read_to_string(site.path("withref/report.html")).unwrap().contains(REFERENCE));
    assert!(site.verify("withref", &["--allowed-signers", "allowed_signers"]).status.success());
    let _ = eui(DEV);
}

#[test]
fn no_appkey_password_or_private_key_material_appears_in_any_bundle_file() {
    let site = Site::new();
    let out = site.report("bundle", &["--keys", "keys.toml"]);
    assert!(out.status.success(), "{}", text(&out));
    let key_pem = std::fs::read_to_string(site.path("key")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    let app_key = hex::decode(APP_KEY).unwrap();
    let mut needles: Vec<Vec<u8>> = vec![
        APP_KEY.as_bytes().to_vec(),
        APP_KEY.to_uppercase().into_bytes(),
        b64.encode(&app_key).into_bytes(),
        app_key.clone(),
        hex::encode(SEED).into_bytes(),
        b64.encode(SEED).into_bytes(),
        SEED.to_vec(),
        b"PRIVATE KEY".to_vec(),
        b"correct horse".to_vec(),
    ];
    // Every line of the private key's armour body.
    needles.extend(
        key_pem
            .lines()
            .filter(|l| !l.starts_with("-----") && l.len() > 20)
            .map(|l| l.as_bytes().to_vec()),
    );
    for name in files_of(&site.path("bundle")) {
        let bytes = std::fs::read(site.path("bundle").join(&name)).unwrap();
        for n in &needles {
            assert!(
                !bytes.windows(n.len()).any(|w| w == &n[..]),
                "{name} contains secret material ({} bytes)",
                n.len()
            );
        }
    }
    // Not in the terminal output either.
    assert!(!text(&out).contains(APP_KEY));
}

#[test]
fn the_same_inputs_time_and_key_make_the_same_bytes() {
    let site = Site::new();
    assert!(site.report("a", &[]).status.success());
    assert!(site.report("b", &[]).status.success());
    for f in ["report.json", "report.json.sig", "report.html", "report.md", "evidence.jsonl"] {
        assert_eq!(
            std::fs::read(site.path("a").join(f)).unwrap(),
            std::fs::read(site.path("b").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn every_missing_rma_field_is_listed_at_once_and_nothing_is_written() {
    let site = Site::new();
    std::fs::write(site.path("rma.toml"), "order_number = \"1\"\n[contact]\nname = \"x\"\n")
        .unwrap();
    let out = site.report("bundle", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let msg = text(&out);
    // Every missing field is listed (the unit tests check the whole list).
    for f in ["device_name", "delivery_date", "contact.email", "description.problem"] {
        assert!(msg.contains(&format!("missing {f}")), "{f}: {msg}");
    }
    assert!(!site.path("bundle").exists());
    std::fs::write(site.path("rma.toml"), super::RMA.replace("order_number", "order_nummer"))
        .unwrap();
    let typo = site.report("bundle", &[]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(text(&typo).contains("order_nummer"), "{}", text(&typo));
}

#[test]
fn a_non_empty_output_directory_is_refused() {
    let site = Site::new();
    std::fs::create_dir_all(site.path("bundle")).unwrap();
    std::fs::write(site.path("bundle/old.txt"), "x").unwrap();
    let out = site.report("bundle", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("not empty"));
}

#[test]
fn missing_photos_are_warnings_in_the_report_and_on_stderr() {
    let site = Site::new();
    let rma = super::RMA.split("[[photo]]").next().unwrap().to_string();
    std::fs::write(site.path("rma.toml"), rma).unwrap();
    let out = site.report("bundle", &["--lang", "de"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No photo of the closed device"));
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("bundle/report.json")).unwrap()).unwrap();
    let codes: Vec<&str> =
        v["warnings"].as_array().unwrap().iter().filter_map(|w| w["view"].as_str()).collect();
    assert_eq!(codes, vec!["closed", "open"]);
    let html = std::fs::read_to_string(site.path("bundle/report.html")).unwrap();
    assert!(html.contains("Kein Foto des geschlossenen Geräts"), "German warning in the HTML");
}

#[test]
fn verify_without_allowed_signers_checks_integrity_only_and_never_says_verified() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    // Even a trust file planted inside the bundle is no trust anchor.
    std::fs::copy(site.path("allowed_signers"), site.path("bundle/allowed_signers")).unwrap();
    let none = site.verify("bundle", &[]);
    assert_eq!(none.status.code(), Some(1), "{}", text(&none));
    let shown = text(&none);
    assert!(
        shown.lines().any(|l| l.starts_with("ok    signature") && l.contains("intact")),
        "{shown}"
    );
    assert!(shown.contains("skip  signer"), "{shown}");
    assert!(shown.contains("not verified") && shown.contains("--allowed-signers"), "{shown}");
    assert!(!shown.lines().any(|l| l.starts_with("verified")), "{shown}");
    let trusted = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert!(trusted.status.success(), "{}", text(&trusted));
    assert!(text(&trusted).contains("verified: bundle"));
}

#[test]
fn the_html_is_self_contained_with_its_photos_and_loads_in_headless_chromium() {
    let site = Site::new();
    assert!(site.report("bundle", &["--lang", "fr"]).status.success());
    let html = std::fs::read_to_string(site.path("bundle/report.html")).unwrap();
    // Both photos are embedded as data URIs (the only `src=` allowed).
    assert_eq!(html.matches("<img class=\"photo\"").count(), 2, "two photos embedded");
    assert!(
        html.contains("src=\"data:image/jpeg;base64,")
            && html.contains("src=\"data:image/png;base64,")
    );
    let stripped =
        html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").replace("src=\"data:image/", "");
    for banned in ["<script", "http://", "https://", "src=", "@import", "<link", "url("] {
        assert!(!stripped.contains(banned), "{banned} in report.html");
    }
    assert!(html.contains("@page") && html.contains("size: A4") && html.contains("<svg"));
    let Some(chromium) = tool("chromium") else { return };
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", site.path("bundle/report.html").display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dom.contains("Rapport de diagnostic RMA") && dom.contains("LS-2026-10442"), "{dom}");
    assert!(dom.contains("</svg>") && dom.contains("ssh-keygen -Y verify"));
    assert_eq!(dom.matches("<img class=\"photo\"").count(), 2, "Chromium keeps both pictures");
}

/// Bundle files whose readers hand out at most what each read asks for and remember the
/// largest request made of `evidence.jsonl` and how much of it was read.
#[derive(Debug)]
struct Watched {
    files: std::collections::BTreeMap<String, Vec<u8>>,
    largest: std::cell::Cell<usize>,
    read: std::cell::Cell<usize>,
}

struct WatchedReader<'a> {
    bytes: &'a [u8],
    owner: &'a Watched,
}

impl std::io::Read for WatchedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.owner.largest.set(self.owner.largest.get().max(buf.len()));
        let n = buf.len().min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        self.owner.read.set(self.owner.read.get() + n);
        Ok(n)
    }
}

impl rmacheck::report::verify::files::BundleFiles for Watched {
    fn names(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }
    fn open(&self, name: &str) -> std::io::Result<Box<dyn std::io::BufRead + '_>> {
        let bytes = self.files.get(name).ok_or(std::io::ErrorKind::NotFound)?;
        if name == "evidence.jsonl" {
            Ok(Box::new(std::io::BufReader::new(WatchedReader { bytes, owner: self })))
        } else {
            Ok(Box::new(bytes.as_slice()))
        }
    }
}

#[test]
fn verify_streams_the_evidence_in_small_reads_and_never_reads_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = super::rmacheck()
        .args(["demo", "--scenario", "healthy", "--out"])
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let mut files = std::collections::BTreeMap::new();
    for name in files_of(&dir.path().join("b")) {
        files.insert(name.clone(), std::fs::read(dir.path().join("b").join(&name)).unwrap());
    }
    let evidence = files["evidence.jsonl"].len();
    assert!(evidence > 128 * 1024, "the demo's evidence is {evidence} bytes");
    let signers = rmacheck::signing::AllowedSigners::parse(
        std::str::from_utf8(&files["allowed_signers"]).unwrap(),
        &chrono::Utc,
    );
    let watched = Watched { files, largest: 0.into(), read: 0.into() };
    let profiles = rmacheck::profiles::Registry::shipped().unwrap();
    let outcome = rmacheck::report::verify::verify(&rmacheck::report::verify::VerifyRequest {
        files: &watched,
        allowed_signers: Some(&signers),
        principal: None,
        now: chrono::Utc::now(),
        keys: None,
        profiles: &profiles,
    });
    assert!(outcome.verified(), "{:?}", outcome.checks);
    // Read from start to end for each pass (hash, diagnosis, …), each in reads of a buffer's
    // size.
    let read = watched.read.get();
    assert!(read >= 2 * evidence && read % evidence == 0, "{read} bytes read of {evidence}");
    assert!(watched.largest.get() <= 16 * 1024, "a read of {} bytes", watched.largest.get());
}
