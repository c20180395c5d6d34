//! `rmacheck keygen` and how commands treat private keys.

use super::{Site, rmacheck, text, tool};

#[test]
fn keygen_writes_a_private_key_readable_by_the_owner_only_and_prints_the_allowed_signers_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = rmacheck()
        .current_dir(dir.path())
        .args(["keygen", "--out", "sub/signing_key", "--principal", "rma@shop.example"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("SHA256:"), "{stdout}");
    assert!(
        lines[1].starts_with("rma@shop.example namespaces=\"rmacheck-report-v1\" ssh-ed25519 AAAA"),
        "{stdout}"
    );
    let key = dir.path().join("sub/signing_key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let public = std::fs::read_to_string(dir.path().join("sub/signing_key.pub")).unwrap();
    assert!(
        public.starts_with("ssh-ed25519 AAAA") && public.trim_end().ends_with("rma@shop.example")
    );
    // The printed fingerprint is the one ssh-keygen computes.
    if let Some(bin) = tool("ssh-keygen") {
        let l = std::process::Command::new(bin)
            .args(["-l", "-f"])
            .arg(dir.path().join("sub/signing_key.pub"))
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&l.stdout);
        assert!(listed.contains(lines[0]), "{listed} vs {}", lines[0]);
    }
}

#[test]
fn keygen_never_overwrites_a_key_and_says_how_to_proceed() {
    let dir = tempfile::tempdir().unwrap();
    let run =
        || rmacheck().current_dir(dir.path()).args(["keygen", "--out", "k"]).output().unwrap();
    assert!(run().status.success());
    let before = std::fs::read(dir.path().join("k")).unwrap();
    let again = run();
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    let msg = text(&again);
    assert!(msg.contains("already exists") && msg.contains("--out"), "{msg}");
    assert_eq!(std::fs::read(dir.path().join("k")).unwrap(), before);
}

#[test]
fn keygen_defaults_to_the_xdg_config_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        rmacheck().env("XDG_CONFIG_HOME", dir.path().join("cfg")).arg("keygen").output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("cfg/rmacheck/signing_key").is_file());
    assert!(dir.path().join("cfg/rmacheck/signing_key.pub").is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("rmacheck@"));
}

#[cfg(unix)]
#[test]
fn a_signing_key_readable_by_others_is_refused_with_the_chmod_command() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    std::fs::set_permissions(site.path("key"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = site.report("bundle", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("chmod 600 key"), "{}", text(&out));
    assert!(!site.path("bundle").exists());
}

#[test]
fn a_passphrase_protected_key_is_refused_with_advice() {
    let Some(bin) = tool("ssh-keygen") else { return };
    let site = Site::new();
    let made = std::process::Command::new(bin)
        .args(["-q", "-t", "ed25519", "-N", "correct horse", "-C", "x@y", "-f"])
        .arg(site.path("enc"))
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = site.report("bundle", &["--sign-key", "enc"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains("passphrase-protected") && msg.contains("rmacheck keygen"), "{msg}");
    assert!(!msg.contains("correct horse"));
}

#[test]
fn a_key_made_by_ssh_keygen_signs_reports_that_ssh_keygen_accepts() {
    let Some(bin) = tool("ssh-keygen") else { return };
    let site = Site::new();
    let made = std::process::Command::new(&bin)
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "shop@example.org", "-f"])
        .arg(site.path("ossh"))
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = site.report("b", &["--sign-key", "ossh"]);
    assert!(out.status.success(), "{}", text(&out));
    let public = std::fs::read_to_string(site.path("ossh.pub")).unwrap();
    let line = format!("shop@example.org namespaces=\"rmacheck-report-v1\" {}", public.trim());
    std::fs::write(site.path("as2"), line + "\n").unwrap();
    let v = site.ssh_keygen_verify("b", "as2", "shop@example.org").unwrap();
    assert!(v.status.success(), "{}", text(&v));
    let ours = site.verify("b", &["--allowed-signers", "as2"]);
    assert!(ours.status.success(), "{}", text(&ours));
}
