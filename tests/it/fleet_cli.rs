//! `rmacheck fleet` on a simulated multi-device site (healthy, wrong key, silent, weak and
//! resetting devices behind three gateways): every format, and every device's verdict and
//! stats equal to `rmacheck diagnose --dev-eui` on the same capture.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

use super::support::{write_capture_file, write_keys_file};
use rmacheck::sim::site::{SITE_DEVICES, site};
use rmacheck::sim::{SimOutput, default_start};

struct Site {
    dir: tempfile::TempDir,
    capture: PathBuf,
    keys: PathBuf,
    out: SimOutput,
}

fn site_files() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let out = site(7, default_start());
    let capture = write_capture_file(dir.path(), "site.jsonl", &out.messages);
    let keys = write_keys_file(dir.path(), &out.keys);
    Site { dir, capture, keys, out }
}

fn rmacheck() -> Command {
    let mut c = Command::cargo_bin("rmacheck").unwrap();
    c.env_remove("RMACHECK_PROFILES_DIR");
    c
}

fn json_of(cmd: &mut Command) -> (i32, Value) {
    let out = cmd.output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code().unwrap_or(-1), v)
}

#[test]
fn every_devices_verdict_and_stats_equal_what_diagnose_prints() {
    let s = site_files();
    let list = s.dir.path().join("devices.txt");
    let all: String =
        SITE_DEVICES.iter().map(|d| format!("{}  # {}\n", d.dev_eui, d.name)).collect();
    std::fs::write(&list, format!("# the whole site\n{all}")).unwrap();
    let (code, fleet) = json_of(
        rmacheck()
            .arg("fleet")
            .arg(&s.capture)
            .arg("--keys")
            .arg(&s.keys)
            .arg("--dev-eui-file")
            .arg(&list)
            .args(["--format", "json"]),
    );
    assert_eq!(code, 1, "some devices are not healthy");
    assert_eq!(fleet["schema"], "rmacheck.fleet.v1");
    let devices = fleet["devices"].as_array().unwrap();
    assert_eq!(devices.len(), SITE_DEVICES.len());
    for d in SITE_DEVICES {
        let eui = d.dev_eui.to_string();
        let (_, diag) =
            json_of(rmacheck().arg("diagnose").arg(&s.capture).arg("--keys").arg(&s.keys).args([
                "--dev-eui",
                &eui,
                "--format",
                "json",
            ]));
        let mine = devices.iter().find(|x| x["dev_eui"] == eui.as_str()).unwrap();
        assert_eq!(mine["verdict"], diag["verdict"], "{}: verdict", d.name);
        assert_eq!(mine["stats"], diag["stats"], "{}: stats", d.name);
        assert_eq!(fleet["window"], diag["window"], "{}: window", d.name);
        assert_eq!(mine["verdict"]["code"], d.expected.as_str(), "{}", d.name);
    }
    let total: u64 =
        fleet["classes"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(total, SITE_DEVICES.len() as u64);
    assert_eq!(fleet["messages"], s.out.messages.len());
}

#[test]
fn the_table_fits_the_columns_asked_for() {
    let s = site_files();
    for width in [60, 100] {
        let out = rmacheck()
            .env("COLUMNS", width.to_string())
            .arg("fleet")
            .arg(&s.capture)
            .arg("--keys")
            .arg(&s.keys)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let widest = rmacheck::render::width::widest_line(&text);
        assert!(widest <= width, "at {width}: {widest}\n{text}");
        assert!(text.contains("device"), "{text}");
    }
}

#[test]
fn devices_come_worst_first_in_the_table_json_and_csv() {
    let s = site_files();
    let (_, fleet) = json_of(
        rmacheck()
            .arg("fleet")
            .arg(&s.capture)
            .arg("--keys")
            .arg(&s.keys)
            .args(["--format", "json"]),
    );
    let order: Vec<String> = fleet["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["verdict"]["class"].as_str().unwrap().to_string())
        .collect();
    let rank = |c: &str| {
        ["device_suspect", "configuration", "network", "coverage", "inconclusive", "healthy"]
            .iter()
            .position(|x| *x == c)
            .unwrap()
    };
    assert!(order.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])), "{order:?}");
    assert_eq!(order.len(), SITE_DEVICES.len() - 1, "the silent device is never heard");
    assert_eq!(order.last().map(String::as_str), Some("healthy"));

    let csv = rmacheck()
        .arg("fleet")
        .arg(&s.capture)
        .arg("--keys")
        .arg(&s.keys)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(&headers[0], "dev_eui");
    let csv_order: Vec<String> = rows.records().map(|r| r.unwrap()[0].to_string()).collect();
    let json_order: Vec<String> = fleet["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["dev_eui"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(csv_order, json_order);

    let table =
        rmacheck().arg("fleet").arg(&s.capture).arg("--keys").arg(&s.keys).output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    let first = table.lines().next().unwrap();
    assert!(first.starts_with("5 devices · "), "{first}");
    let rows: Vec<&str> = table.lines().skip(2).collect();
    let table_order: Vec<String> =
        rows.iter().filter_map(|l| l.split_whitespace().next().map(str::to_string)).collect();
    assert_eq!(table_order, json_order, "{table}");
}

#[test]
fn bad_lists_and_profiles_are_input_errors_that_name_the_line() {
    let s = site_files();
    let bad = s.dir.path().join("bad.txt");
    std::fs::write(&bad, "70b3d57ed0000101\nnot-an-eui\n").unwrap();
    let map = s.dir.path().join("map.txt");
    std::fs::write(&map, "70b3d57ed0000101 no-such-profile\n").unwrap();
    let cases: [(&[&str], &str); 2] = [
        (&["--dev-eui-file", bad.to_str().unwrap()], "bad.txt: line 2: "),
        (&["--profile-map", map.to_str().unwrap()], "no-such-profile"),
    ];
    for (args, needle) in cases {
        let out = rmacheck().arg("fleet").arg(&s.capture).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(needle), "{args:?}: expected '{needle}' in '{err}'");
    }
}
