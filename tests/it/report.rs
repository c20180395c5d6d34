//! Report bundles end to end: keygen, report, verify, stock OpenSSH, tampering, secrets,
//! headless Chromium, renderer snapshots.

mod activation;
mod bundle;
mod forms;
mod keys;
mod language;
mod render;
mod scenarios;
mod signers;
mod stdin;
mod tamper;
mod trust;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use rmacheck::capture::format_line;
use rmacheck::frame::create;
use rmacheck::model::{AesKey, DevEui, JoinEui, RawMessage};
use ssh_key::PrivateKey;
use ssh_key::private::Ed25519Keypair;

/// The device under test.
pub(crate) const DEV: &str = "70b3d57ed0000001";
/// Another device at the same site (must never reach a bundle).
pub(crate) const OTHER: &str = "70b3d57ed0000009";
/// A known-good reference device.
pub(crate) const REFERENCE: &str = "70b3d57ed0000002";
/// The AppKey registered on the network server for [`DEV`] (must never reach a bundle).
pub(crate) const APP_KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";
/// The AppKey actually in the device (differs: JOIN_KEY_MISMATCH).
pub(crate) const DEVICE_KEY: &str = "000102030405060708090a0b0c0d0e0f";
/// Seed of the fixed test signing key.
pub(crate) const SEED: [u8; 32] = [7; 32];
/// The fixed report time (2026-11-21T12:00:00Z).
pub(crate) const EPOCH: &str = "1795262400";

pub(crate) fn eui(s: &str) -> DevEui {
    s.parse().unwrap()
}

pub(crate) fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The fixed signing key (comment `rmacheck@test`).
pub(crate) fn fixed_key() -> PrivateKey {
    let mut k = PrivateKey::from(Ed25519Keypair::from_seed(&SEED));
    k.set_comment("rmacheck@test");
    k
}

/// A required external tool: `None` (with a note) when missing locally; a failure in CI.
pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin").join(name);
    if path.exists() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!ci, "{} is required in CI (CI=true) but missing", path.display());
    eprintln!("note: {} not found; skipping the part of this test that needs it", path.display());
    None
}

pub(crate) fn rmacheck() -> Command {
    let mut c = Command::cargo_bin("rmacheck").unwrap();
    c.env("NO_COLOR", "1").env("SOURCE_DATE_EPOCH", EPOCH);
    c
}

pub(crate) fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn gateway_up(t: DateTime<Utc>, gw: &str, phy: &[u8], rssi: i32, snr: f64) -> RawMessage {
    let b64 = base64::engine::general_purpose::STANDARD.encode(phy);
    let payload = serde_json::json!({
        "phyPayload": b64,
        "txInfo": {"frequency": 868100000, "modulation": {"lora": {"bandwidth": 125000, "spreadingFactor": 7, "codeRate": "CR_4_5"}}},
        "rxInfo": {"gatewayId": gw, "uplinkId": 1234, "rssi": rssi, "snr": snr, "channel": 0, "context": "AAGGoA==", "crcStatus": "CRC_OK"}
    });
    RawMessage {
        received_at: t,
        topic: format!("eu868/gateway/{gw}/event/up"),
        payload: payload.to_string().into_bytes(),
    }
}

fn app_log(t: DateTime<Utc>, dev: &str) -> RawMessage {
    let payload = serde_json::json!({
        "time": t.to_rfc3339(),
        "deviceInfo": {"tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242", "tenantName": "ChirpStack",
            "applicationId": "17c82e96-be03-4f38-aef3-f83d48582d97", "applicationName": "Test application",
            "deviceProfileId": "14855bf7-d10d-4aee-b618-ebfcb64dc7ad", "deviceProfileName": "Test device-profile",
            "deviceName": "Test device", "devEui": dev},
        "level": "ERROR", "code": "UPLINK_MIC",
        "description": "MIC of join-request is invalid, make sure keys are correct",
        "context": {"deduplication_id": "4e91db13-5ce3-4c8c-ab0f-dfc626cf0771"}
    });
    RawMessage {
        received_at: t,
        topic: format!("application/17c82e96-be03-4f38-aef3-f83d48582d97/device/{dev}/event/log"),
        payload: payload.to_string().into_bytes(),
    }
}

/// A site capture: the device joins with the wrong key (8 attempts, NS logs UPLINK_MIC), another
/// device and a reference device join correctly in between.
pub(crate) fn site_messages() -> Vec<RawMessage> {
    let start = at("2026-11-21T09:00:00Z");
    let join_eui: JoinEui = "0000000000000000".parse().unwrap();
    let device_key: AesKey = DEVICE_KEY.parse().unwrap();
    let other_key: AesKey = "11111111111111111111111111111111".parse().unwrap();
    let mut out = Vec::new();
    for i in 0..8u16 {
        let t = start + Duration::seconds(i64::from(i) * 300);
        let phy = create::join_request(&device_key, join_eui, eui(DEV), 0x1234 + i).unwrap();
        out.push(gateway_up(
            t,
            "0016c001f153a14c",
            &phy,
            -71 - i32::from(i),
            7.5 - f64::from(i) / 2.0,
        ));
        out.push(gateway_up(t + Duration::milliseconds(40), "0016c001f153a14d", &phy, -90, 1.25));
        out.push(app_log(t + Duration::milliseconds(300), DEV));
        let other = create::join_request(&other_key, join_eui, eui(OTHER), 0x0100 + i).unwrap();
        out.push(gateway_up(t + Duration::seconds(60), "0016c001f153a14c", &other, -80, 5.0));
        let reference =
            create::join_request(&other_key, join_eui, eui(REFERENCE), 0x0200 + i).unwrap();
        out.push(gateway_up(t + Duration::seconds(120), "0016c001f153a14c", &reference, -75, 6.0));
    }
    out
}

/// Writes messages as a capture file (plus, when `garbage`, two payloads that do not decode
/// and one unreadable line).
pub(crate) fn write_capture(path: &Path, messages: &[RawMessage], garbage: bool) {
    let mut s: String = messages.iter().map(|m| format_line(m) + "\n").collect();
    if garbage {
        let t = messages.last().map_or_else(|| at("2026-11-21T09:00:00Z"), |m| m.received_at);
        let bad = |topic: &str, payload: &[u8]| RawMessage {
            received_at: t,
            topic: topic.to_string(),
            payload: payload.to_vec(),
        };
        for m in [
            bad("eu868/gateway/0016c001f153a14c/event/up", br#"{"rxInfo":{"rssi":-70}}"#),
            bad("application/1/device/70b3d57ed0000009/event/up", b"\x0a\x02\x08\x01"),
        ] {
            s.push_str(&(format_line(&m) + "\n"));
        }
        s.push_str("this line is not JSON\n");
    }
    std::fs::write(path, s).unwrap();
}

pub(crate) const RMA: &str = include_str!("../fixtures/report/rma.toml");

/// A work directory with a key (0600), allowed_signers, keys file, RMA file, photos and capture.
pub(crate) struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let key = fixed_key();
        rmacheck::signing::keys::write_key_pair(&p.join("key"), &key).unwrap();
        let line = rmacheck::signing::allowed_signers_line("rmacheck@test", key.public_key());
        std::fs::write(p.join("allowed_signers"), format!("# shop keys\n{line}\n")).unwrap();
        std::fs::write(
            p.join("keys.toml"),
            format!("[[device]]\ndev_eui = \"{DEV}\"\njoin_eui = \"0000000000000000\"\napp_key = \"{APP_KEY}\"\n"),
        )
        .unwrap();
        std::fs::write(p.join("rma.toml"), RMA).unwrap();
        std::fs::write(p.join("closed.jpg"), b"\xff\xd8\xff\xe0 closed housing").unwrap();
        std::fs::create_dir_all(p.join("img")).unwrap();
        std::fs::write(p.join("img/open.png"), b"\x89PNG\r\n\x1a\n open board").unwrap();
        write_capture(&p.join("cap.jsonl"), &site_messages(), true);
        Self { dir }
    }
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    /// Runs `rmacheck report` into `out` with extra arguments; returns the output.
    pub(crate) fn report(&self, out: &str, extra: &[&str]) -> Output {
        let mut c = rmacheck();
        c.current_dir(self.dir.path()).args([
            "report",
            "cap.jsonl",
            "--dev-eui",
            DEV,
            "--rma",
            "rma.toml",
            "--out",
            out,
        ]);
        let own_key = !extra.contains(&"--sign-key");
        if own_key {
            c.args(["--sign-key", "key"]);
        }
        c.args(extra);
        let output = c.output().unwrap();
        // Stock OpenSSH must accept every bundle the tests make.
        if output.status.success() && own_key {
            if let Some(ssh) = self.ssh_keygen_verify(out, "allowed_signers", "rmacheck@test") {
                assert!(ssh.status.success(), "ssh-keygen rejects {out}: {}", text(&ssh));
            }
        }
        output
    }
    /// Runs `rmacheck verify DIR` with extra arguments.
    pub(crate) fn verify(&self, dir: &str, extra: &[&str]) -> Output {
        let mut c = rmacheck();
        c.current_dir(self.dir.path()).args(["verify", dir]).args(extra);
        c.output().unwrap()
    }
    /// Runs stock `ssh-keygen -Y verify` on a bundle; `None` when ssh-keygen is missing locally.
    pub(crate) fn ssh_keygen_verify(
        &self,
        dir: &str,
        signers: &str,
        principal: &str,
    ) -> Option<Output> {
        let bin = tool("ssh-keygen")?;
        let json = std::fs::File::open(self.path(dir).join("report.json")).unwrap();
        let out = std::process::Command::new(bin)
            .current_dir(self.dir.path())
            .args([
                "-Y",
                "verify",
                "-f",
                signers,
                "-I",
                principal,
                "-n",
                "rmacheck-report-v1",
                "-s",
            ])
            .arg(format!("{dir}/report.json.sig"))
            .stdin(json)
            .output()
            .unwrap();
        Some(out)
    }
}
