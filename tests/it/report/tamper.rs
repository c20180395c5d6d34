//! Changed bundles and untrusted signers are rejected — by `rmacheck verify` and by stock
//! `ssh-keygen -Y verify` alike.

use super::{Site, fixed_key, text, tool};

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn flipping_one_byte_anywhere_in_any_bundle_file_fails_verify() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let files = [
        "report.json",
        "report.json.sig",
        "report.html",
        "report.md",
        "evidence.jsonl",
        "photos/1-closed.jpg",
        "photos/2-open.png",
    ];
    let mut runs = 0;
    for f in files {
        let original = std::fs::read(site.path("bundle").join(f)).unwrap();
        assert!(!original.is_empty(), "{f} is empty");
        let n = original.len();
        let mut positions = vec![0, n / 3, n / 2, (2 * n) / 3, n - 1];
        positions.dedup();
        for pos in positions {
            let work = format!("t{runs}");
            copy_dir(&site.path("bundle"), &site.path(&work));
            let mut bytes = original.clone();
            bytes[pos] ^= 0x01;
            std::fs::write(site.path(&work).join(f), &bytes).unwrap();
            let out = site.verify(&work, &["--allowed-signers", "allowed_signers"]);
            assert_eq!(out.status.code(), Some(1), "{f} byte {pos} flipped: {}", text(&out));
            let msg = text(&out);
            let named = f.starts_with("report.json") || msg.contains(f);
            assert!(named, "the failure names {f}: {msg}");
            std::fs::remove_dir_all(site.path(&work)).unwrap();
            runs += 1;
        }
    }
    assert!(runs >= 30, "{runs}");
}

#[test]
fn missing_and_extra_files_fail_verify_and_are_named() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    copy_dir(&site.path("bundle"), &site.path("gone"));
    std::fs::remove_file(site.path("gone/photos/2-open.png")).unwrap();
    let out = site.verify("gone", &["--allowed-signers", "allowed_signers"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("photos/2-open.png: missing"), "{}", text(&out));
    copy_dir(&site.path("bundle"), &site.path("extra"));
    std::fs::write(site.path("extra/photos/3-open.jpg"), b"x").unwrap();
    let out = site.verify("extra", &["--allowed-signers", "allowed_signers"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("photos/3-open.jpg: extra file"), "{}", text(&out));
}

/// Runs both verifiers with `signers` (allowed_signers text) and `principal`; both must reject.
fn both_reject(site: &Site, signers: &str, principal: &str, why: &str) {
    std::fs::write(site.path("as_test"), signers).unwrap();
    let ours = site.verify("bundle", &["--allowed-signers", "as_test", "--principal", principal]);
    assert_eq!(ours.status.code(), Some(1), "{why}: {}", text(&ours));
    assert!(text(&ours).contains("signature"), "{why}: {}", text(&ours));
    if let Some(ssh) = site.ssh_keygen_verify("bundle", "as_test", principal) {
        assert!(!ssh.status.success(), "ssh-keygen accepted: {why}");
    }
}

#[test]
fn wrong_namespace_unknown_principal_and_expired_entries_are_rejected_by_both_verifiers() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let key = rmacheck::signing::keys::public_key_text(fixed_key().public_key());
    let other = rmacheck::signing::keys::generate("x@y").unwrap();
    let other_key = rmacheck::signing::keys::public_key_text(other.public_key());
    // Baseline: both accept the right line.
    let good = format!("rmacheck@test namespaces=\"rmacheck-report-v1\" {key}\n");
    std::fs::write(site.path("as_good"), &good).unwrap();
    assert!(site.verify("bundle", &["--allowed-signers", "as_good"]).status.success());
    if let Some(ssh) = site.ssh_keygen_verify("bundle", "as_good", "rmacheck@test") {
        assert!(ssh.status.success(), "{}", text(&ssh));
    }
    let cases = [
        (
            format!("rmacheck@test namespaces=\"git,file\" {key}\n"),
            "rmacheck@test",
            "namespace not allowed",
        ),
        (good.clone(), "someone@else", "unknown principal"),
        (
            format!("rmacheck@test namespaces=\"rmacheck-report-v1\" {other_key}\n"),
            "rmacheck@test",
            "unknown key",
        ),
        (
            format!("rmacheck@test valid-before=\"20200101\" {key}\n"),
            "rmacheck@test",
            "expired entry",
        ),
        (
            format!("rmacheck@test valid-after=\"20991231Z\" {key}\n"),
            "rmacheck@test",
            "not yet valid",
        ),
    ];
    for (signers, principal, why) in cases {
        both_reject(&site, &signers, principal, why);
    }
    let expired = site.verify("bundle", &["--allowed-signers", "as_test"]);
    assert!(text(&expired).contains("not yet valid"), "{}", text(&expired));
}

#[test]
fn a_signature_made_for_another_namespace_is_rejected_by_both_verifiers() {
    let Some(bin) = tool("ssh-keygen") else { return };
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    std::fs::remove_file(site.path("bundle/report.json.sig")).unwrap();
    let signed = std::process::Command::new(&bin)
        .args(["-Y", "sign", "-n", "file", "-f"])
        .arg(site.path("key"))
        .arg(site.path("bundle/report.json"))
        .output()
        .unwrap();
    assert!(signed.status.success(), "{}", text(&signed));
    let ours = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert_eq!(ours.status.code(), Some(1));
    assert!(text(&ours).contains("namespace \"file\""), "{}", text(&ours));
    let ssh = site.ssh_keygen_verify("bundle", "allowed_signers", "rmacheck@test").unwrap();
    assert!(!ssh.status.success());
}

#[test]
fn cert_authority_lines_are_explained_as_unsupported() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let key = rmacheck::signing::keys::public_key_text(fixed_key().public_key());
    std::fs::write(site.path("as_ca"), format!("*@test cert-authority {key}\n")).unwrap();
    let out = site.verify("bundle", &["--allowed-signers", "as_ca"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("cert-authority lines are not supported"), "{}", text(&out));
}

#[test]
fn a_signature_made_by_stock_ssh_keygen_verifies_and_only_its_canonical_armour_does() {
    use base64::Engine as _;
    let Some(bin) = tool("ssh-keygen") else { return };
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let sig = site.path("bundle/report.json.sig");
    for hash in ["sha512", "sha256"] {
        std::fs::remove_file(&sig).unwrap();
        let signed = std::process::Command::new(&bin)
            .current_dir(site.path("bundle"))
            .args(["-Y", "sign", "-f", "../key", "-n", "rmacheck-report-v1", "-O"])
            .arg(format!("hashalg={hash}"))
            .arg("report.json")
            .output()
            .unwrap();
        assert!(signed.status.success(), "{}", text(&signed));
        let out = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
        assert!(out.status.success(), "ssh-keygen's {hash} signature refused: {}", text(&out));
    }
    // The same signature with its version field set to 0 (PROTOCOL.sshsig: "SSHSIG", uint32
    // version, …): the signed data does not cover the version, so only the armour shows it.
    let pem = std::fs::read_to_string(&sig).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut blob = b64.decode(body).unwrap();
    blob[6..10].copy_from_slice(&0u32.to_be_bytes());
    let encoded = b64.encode(&blob);
    let lines: Vec<String> =
        encoded.as_bytes().chunks(70).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    let variants = [
        format!(
            "-----BEGIN SSH SIGNATURE-----\n{}\n-----END SSH SIGNATURE-----\n",
            lines.join("\n")
        ),
        format!("{pem}\n"),
        format!("{pem}trailing data\n"),
        pem.replacen('\n', " \n", 1),
    ];
    for (i, variant) in variants.iter().enumerate() {
        std::fs::write(&sig, variant).unwrap();
        let out = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
        assert_eq!(out.status.code(), Some(1), "variant {i} accepted: {}", text(&out));
        assert!(text(&out).contains("FAIL  signature"), "variant {i}: {}", text(&out));
    }
}

/// A change to report.json.
type Edit = fn(&mut serde_json::Value);

/// Changes the signed report.json with `edit` and signs it again with the test key (a signer
/// who lies), keeping diagnosis_sha256 consistent.
fn re_sign(site: &Site, dir: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = site.path(dir).join("report.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut v);
    let diagnosis = serde_jcs::to_vec(&v["diagnosis"]).unwrap();
    v["diagnosis_sha256"] = rmacheck::report::model::sha256_hex(&diagnosis).into();
    let json = serde_jcs::to_vec(&v).unwrap();
    std::fs::write(&path, &json).unwrap();
    let sig = rmacheck::signing::sign(&fixed_key(), &json).unwrap();
    std::fs::write(site.path(dir).join("report.json.sig"), sig).unwrap();
}

#[test]
fn without_the_appkeys_verify_re_checks_every_part_that_needs_none_and_names_the_rest() {
    let site = Site::new();
    assert!(site.report("bundle", &["--keys", "keys.toml"]).status.success());
    let trusted = ["--allowed-signers", "allowed_signers"];
    let out = site.verify("bundle", &trusted);
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    // Check lines wrap to the terminal width: compare with white space folded.
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = fold(&shown);
    // The site's device joins with the wrong key: the verdict's text and its finding cite the
    // local MIC check, which needs the AppKey; every figure heard on the air does not.
    assert!(
        flat.contains(&fold("ok    diagnosis   fresh diagnosis of evidence.jsonl (24 messages) without the AppKeys re-checks the signed one: stats (17 of 17 fields); timeline (24 entries, MIC marks aside); dev_eui;")),
        "{shown}"
    );
    // The malformed messages are not in evidence.jsonl: taken from the signed capture block.
    assert!(
        flat.contains("taken from the signed capture block (not in evidence.jsonl), not re-checked: stats.malformed_messages; malformed"),
        "{shown}"
    );
    assert!(!flat.contains("dev_eui; malformed;"), "{shown}");
    assert!(
        flat.contains(&fold("skip  appkeys     not re-checked, the report was made with AppKeys (--keys): the text of verdict JOIN_KEY_MISMATCH; finding JOIN_KEY_MISMATCH; the MIC marks of 16 timeline entries; pass --keys FILE.toml to re-check them")),
        "{shown}"
    );

    // A signer who changes what needs no key is caught without the keys: field by field.
    let edits: [(&str, Edit); 3] = [
        ("diagnosis.stats.join_requests", |v| v["diagnosis"]["stats"]["join_requests"] = 9.into()),
        ("diagnosis.window", |v| v["diagnosis"]["window"]["to"] = "2026-11-21T13:00:00Z".into()),
        ("diagnosis.timeline", |v| v["diagnosis"]["timeline"][0]["rssi_dbm"] = (-20.0).into()),
    ];
    for (i, (path, edit)) in edits.into_iter().enumerate() {
        let dir = format!("lie{i}");
        copy_dir(&site.path("bundle"), &site.path(&dir));
        re_sign(&site, &dir, edit);
        let out = site.verify(&dir, &trusted);
        let shown = text(&out);
        assert_eq!(out.status.code(), Some(1), "{path}: {shown}");
        assert!(shown.contains("FAIL  diagnosis") && shown.contains(path), "{path}: {shown}");
    }

    // A changed MIC mark needs the key: not re-checked without it, caught with it.
    copy_dir(&site.path("bundle"), &site.path("mic"));
    re_sign(&site, "mic", |v| v["diagnosis"]["timeline"][0]["mic"] = "valid".into());
    let out = site.verify("mic", &trusted);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("skip  appkeys"), "{}", text(&out));
    let out = site.verify("mic", &["--allowed-signers", "allowed_signers", "--keys", "keys.toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("FAIL  diagnosis"), "{}", text(&out));
}
