//! `report -`: standard input is copied once into a private temporary file and read twice,
//! like a file; it is still named `<stdin>`.

use super::*;

/// `report -` with the site's capture on standard input and `TMPDIR` set to `tmp`.
fn report_from_stdin(site: &Site, out: &str, tmp: &Path) -> Output {
    let capture = std::fs::read(site.path("cap.jsonl")).unwrap();
    rmacheck()
        .current_dir(site.dir.path())
        .env("TMPDIR", tmp)
        .args(["report", "-", "--dev-eui", DEV, "--rma", "rma.toml", "--out", out])
        .args(["--sign-key", "key", "--keys", "keys.toml"])
        .write_stdin(capture)
        .output()
        .unwrap()
}

fn report_json(site: &Site, dir: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(site.path(dir).join("report.json")).unwrap();
    serde_json::from_str(&text.replace("cap.jsonl", "<stdin>")).unwrap()
}

#[test]
fn a_report_from_standard_input_says_what_the_file_says_and_leaves_no_temporary_file() {
    let site = Site::new();
    let from_file = site.report("file", &["--keys", "keys.toml"]);
    assert!(from_file.status.success(), "{}", text(&from_file));
    let tmp = tempfile::tempdir().unwrap();
    let from_stdin = report_from_stdin(&site, "stdin", tmp.path());
    assert!(from_stdin.status.success(), "{}", text(&from_stdin));
    assert!(text(&from_stdin).contains("<stdin>:"), "{}", text(&from_stdin));

    let evidence = |dir: &str| std::fs::read(site.path(dir).join("evidence.jsonl")).unwrap();
    assert_eq!(evidence("file"), evidence("stdin"));
    let (file, stdin) = (report_json(&site, "file"), report_json(&site, "stdin"));
    assert_eq!(stdin["capture"]["files"][0]["name"], "<stdin>");
    assert_eq!(stdin["capture"]["files"][0]["unreadable_lines"], 1);
    for part in ["capture", "evidence", "diagnosis", "activation"] {
        assert_eq!(file[part], stdin[part], "{part}");
    }
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(names.is_empty(), "the copy of standard input is gone: {names:?}");
    let verified =
        site.verify("stdin", &["--allowed-signers", "allowed_signers", "--keys", "keys.toml"]);
    assert!(verified.status.success(), "{}", text(&verified));
}

#[test]
fn standard_input_that_cannot_be_kept_is_an_io_error_that_says_what_to_do() {
    let site = Site::new();
    let out = report_from_stdin(&site, "bundle", &site.path("no-such-directory"));
    assert_eq!(out.status.code(), Some(74), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("cannot keep standard input in a temporary file"), "{said}");
    assert!(said.contains("TMPDIR"), "{said}");
    assert!(!site.path("bundle").exists(), "nothing is written");
}
