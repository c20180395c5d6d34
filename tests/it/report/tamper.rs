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
