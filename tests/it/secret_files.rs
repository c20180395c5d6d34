//! Files holding secrets that others can read get one warning saying `chmod 600`, as OpenSSH
//! warns about unprotected key files; private files get none.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

const DEV: &str = "70b3d57ed0000001";

fn run(dir: &std::path::Path, args: &[String]) -> String {
    let out = assert_cmd::Command::cargo_bin("rmacheck")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RMACHECK_TTS_API_KEY")
        .env_remove("RMACHECK_MQTT_PASSWORD")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn secret_files_others_can_read_get_one_warning_with_chmod_600_and_private_ones_none() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("keys.toml"),
        format!(
            "[[device]]\ndev_eui = \"{DEV}\"\njoin_eui = \"0000000000000000\"\napp_key = \"2b7e151628aed2a6abf7158809cf4f3c\"\n"
        ),
    )
    .unwrap();
    std::fs::write(p.join("pw"), "secret\n").unwrap();
    std::fs::write(p.join("api"), "NNSXS.KEY\n").unwrap();
    std::fs::write(
        p.join("cap.jsonl"),
        "{\"received_at\":\"2026-11-21T09:00:00Z\",\"topic\":\"eu868/gateway/0016c001f153a14c/state/conn\",\"payload_b64\":\"eyJzdGF0ZSI6Ik9OTElORSJ9\"}\n",
    )
    .unwrap();
    let closed = format!("mqtt://127.0.0.1:{}", crate::watch::broker::free_port());
    let tts = format!("http://127.0.0.1:{}", crate::watch::broker::free_port());
    let cases: Vec<(&str, &str, Vec<&str>)> = vec![
        (
            "keys.toml",
            "AppKeys",
            vec!["diagnose", "cap.jsonl", "--dev-eui", DEV, "--keys", "keys.toml"],
        ),
        (
            "keys.toml",
            "AppKeys",
            vec!["inspect", "cap.jsonl", "--dev-eui", DEV, "--keys", "keys.toml"],
        ),
        ("keys.toml", "AppKeys", vec!["fleet", "cap.jsonl", "--keys", "keys.toml"]),
        (
            "pw",
            "a password",
            vec![
                "replay",
                "cap.jsonl",
                "--broker",
                &closed,
                "--username",
                "u",
                "--password-file",
                "pw",
            ],
        ),
        (
            "pw",
            "a password",
            vec![
                "watch",
                "--broker",
                &closed,
                "--dev-eui",
                DEV,
                "--username",
                "u",
                "--password-file",
                "pw",
                "--duration",
                "600ms",
            ],
        ),
        (
            "api",
            "an API key",
            vec![
                "watch",
                "--tts",
                &tts,
                "--application-id",
                "app",
                "--device-id",
                "dev-1",
                "--dev-eui",
                DEV,
                "--api-key-file",
                "api",
                "--duration",
                "600ms",
            ],
        ),
    ];
    for (file, what, args) in &cases {
        let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        std::fs::set_permissions(p.join(file), std::fs::Permissions::from_mode(0o644)).unwrap();
        let stderr = run(p, &args);
        let warnings: Vec<&str> =
            stderr.lines().filter(|l| l.contains(&format!("chmod 600 {file}"))).collect();
        assert_eq!(warnings.len(), 1, "{args:?}: {stderr}");
        assert!(
            warnings[0].starts_with(&format!("warning: {file} holds {what}"))
                && warnings[0].contains("0644"),
            "{args:?}: {stderr}"
        );
        std::fs::set_permissions(p.join(file), std::fs::Permissions::from_mode(0o600)).unwrap();
        let stderr = run(p, &args);
        assert!(!stderr.contains("chmod 600"), "{args:?} warned about a private file: {stderr}");
    }
}
