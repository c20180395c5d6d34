//! Verification that just works: keygen writes the allowed_signers file, `report` prints
//! commands that run as printed, `verify` accepts any principal the verifier lists the key under.

use super::{Site, fixed_key, rmacheck, text, tool};

/// Runs one printed command line with `sh -c` in the site directory.
fn run_printed(site: &Site, line: &str) -> std::process::Output {
    let rmacheck_bin = assert_cmd::cargo::cargo_bin("rmacheck");
    let line = line.trim();
    let line = match line.strip_prefix("rmacheck ") {
        Some(rest) => format!("{} {rest}", rmacheck_bin.display()),
        None => line.to_string(),
    };
    std::process::Command::new("sh")
        .current_dir(site.dir.path())
        .env("NO_COLOR", "1")
        .args(["-c", &line])
        .output()
        .unwrap()
}

/// Runs every printed command line; each must succeed (`ssh-keygen` lines only where it is
/// installed, which CI requires).
fn run_all_printed(site: &Site, commands: &[String]) {
    for c in commands {
        if c.trim().starts_with("ssh-keygen") && tool("ssh-keygen").is_none() {
            continue;
        }
        let o = run_printed(site, c);
        assert!(o.status.success(), "{c}: {}", text(&o));
    }
}

fn printed_commands(report_stdout: &str) -> Vec<String> {
    report_stdout
        .lines()
        .skip_while(|l| !l.starts_with("check it with:"))
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn keygen_writes_the_allowed_signers_file_and_report_prints_commands_that_verify_as_printed() {
    let site = Site::new();
    let out = rmacheck()
        .current_dir(site.dir.path())
        .args(["keygen", "--out", "shop key", "--principal", "rma@shop.example"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let written = std::fs::read_to_string(site.path("shop key.allowed_signers")).unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(printed.lines().nth(1), written.lines().next(), "the printed line is the file's");
    assert!(written.starts_with("rma@shop.example namespaces=\"rmacheck-report-v1\" ssh-ed25519"));

    let report = site.report("bundle", &["--sign-key", "shop key"]);
    assert!(report.status.success(), "{}", text(&report));
    let commands = printed_commands(&String::from_utf8_lossy(&report.stdout));
    assert_eq!(commands.len(), 2, "{}", text(&report));
    assert!(commands[0].contains("--allowed-signers 'shop key.allowed_signers'"), "{commands:?}");
    assert!(commands[1].contains("-I rma@shop.example"), "{commands:?}");
    run_all_printed(&site, &commands);
}

#[test]
fn without_an_allowed_signers_file_next_to_the_key_report_prints_how_to_write_one() {
    let site = Site::new();
    std::fs::remove_file(site.path("key.allowed_signers")).ok();
    let report = site.report("bundle", &[]);
    assert!(report.status.success(), "{}", text(&report));
    let commands = printed_commands(&String::from_utf8_lossy(&report.stdout));
    assert_eq!(commands.len(), 3, "{}", text(&report));
    assert!(commands[0].trim().starts_with("printf"), "{commands:?}");
    run_all_printed(&site, &commands);
}

#[test]
fn verify_accepts_the_key_under_any_principal_the_verifier_chose_and_names_it() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let k = rmacheck::signing::keys::public_key_text(fixed_key().public_key());
    // (allowed_signers, --principal, success, principal(s) printed / reason)
    let cases: Vec<(String, Option<&str>, bool, &str)> = vec![
        (format!("customer-4711@shop {k}"), None, true, "signed by customer-4711@shop"),
        (
            format!("a@shop namespaces=\"rmacheck-report-v1\" {k}\nb@shop {k}"),
            None,
            true,
            "signed by a@shop, b@shop",
        ),
        (format!("customer-4711@shop namespaces=\"git\" {k}"), None, false, "namespace"),
        (format!("customer-4711@shop valid-before=\"20200101Z\" {k}"), None, false, "expired"),
        (format!("customer-4711@shop valid-after=\"20200101Z\" {k}"), None, true, "customer-4711"),
        (format!("customer-4711@shop {k}"), Some("rmacheck@test"), false, "not \"rmacheck@test\""),
        (format!("customer-4711@shop {k}"), Some("customer-4711@shop"), true, "customer-4711"),
    ];
    for (i, (signers, principal, ok, want)) in cases.iter().enumerate() {
        let name = format!("as{i}");
        std::fs::write(site.path(&name), format!("{signers}\n")).unwrap();
        let mut args = vec!["--allowed-signers", name.as_str()];
        if let Some(p) = principal {
            args.extend(["--principal", p]);
        }
        let out = site.verify("bundle", &args);
        let shown = text(&out);
        assert_eq!(out.status.success(), *ok, "{signers:?} {principal:?}: {shown}");
        assert!(shown.contains(want), "{signers:?} {principal:?}: {shown}");
        if !ok {
            continue;
        }
        // The printed stock OpenSSH command verifies as printed.
        let stdout = String::from_utf8_lossy(&out.stdout);
        let cmd = stdout.lines().skip_while(|l| !l.starts_with("same signature check")).nth(1);
        let cmd = cmd.unwrap_or_default().to_string();
        assert!(cmd.contains("ssh-keygen -Y verify"), "{stdout}");
        if tool("ssh-keygen").is_some() {
            let o = run_printed(&site, &cmd);
            assert!(o.status.success(), "{cmd}: {}", text(&o));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_inside_a_bundle_is_refused_without_being_opened() {
    let site = Site::new();
    assert!(site.report("bundle", &[]).status.success());
    let fifo = site.path("bundle/photos/zz.jpg");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("is not a regular file"), "{}", text(&out));
}
