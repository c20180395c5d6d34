//! Our allowed_signers reading agrees with stock `ssh-keygen -Y verify` line by line.

use super::{Site, fixed_key, text};

#[test]
fn rmacheck_and_ssh_keygen_agree_on_allowed_signers_variants() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let k = rmacheck::signing::keys::public_key_text(fixed_key().public_key());
    let cases: Vec<(String, bool)> = vec![
        (format!("rmacheck@test {k}"), true),
        (format!("\"rmacheck@test\" {k}"), true),
        (format!("*@test {k}"), true),
        (format!("other@x,rmacheck@test {k} laptop key"), true),
        (format!("*@test,!rmacheck@test {k}"), false),
        (format!("rmacheck@test NAMESPACES=\"rmacheck-*\" {k}"), true),
        (format!("rmacheck@test namespaces=\"git,file\" {k}"), false),
        (format!("rmacheck@test namespaces=rmacheck-report-v1 {k}"), false),
        (
            format!(
                "rmacheck@test namespaces=\"rmacheck-report-v1\",valid-after=\"20200101\",valid-before=\"20991231\" {k}"
            ),
            true,
        ),
        (format!("rmacheck@test valid-before=\"20200101Z\" {k}"), false),
        (format!("rmacheck@test valid-after=\"20991231\" {k}"), false),
        (format!("rmacheck@test valid-after=\"20991231\",valid-before=\"20200101\" {k}"), false),
        (format!("rmacheck@test namespaces=\"a\",namespaces=\"b\" {k}"), false),
        (format!("rmacheck@test bogus {k}"), false),
        (format!("rmacheck@test cert-authority {k}"), false),
        (format!("# the shop's key\n\n   rmacheck@test\t{k}"), true),
        (format!("rmacheck@test {k}\r"), true),
        (format!("broken line\nrmacheck@test {k}"), true),
        ("rmacheck@test ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJunk".to_string(), false),
    ];
    for (i, (signers, expect)) in cases.iter().enumerate() {
        let name = format!("as{i}");
        std::fs::write(site.path(&name), format!("{signers}\n")).unwrap();
        let ours =
            site.verify("bundle", &["--allowed-signers", &name, "--principal", "rmacheck@test"]);
        assert_eq!(ours.status.success(), *expect, "rmacheck on {signers:?}: {}", text(&ours));
        if let Some(ssh) = site.ssh_keygen_verify("bundle", &name, "rmacheck@test") {
            assert_eq!(ssh.status.success(), *expect, "ssh-keygen on {signers:?}: {}", text(&ssh));
        }
    }
}
