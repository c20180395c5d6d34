//! `watch` over TLS: the right CA, an unknown CA (no retries, exit 2), mutual TLS.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::broker::{self, ClientAuth, embedded_broker, pki};
use super::{DEV_EUI, dev_eui, start_configured};
use rmacheck::agent::{self, AgentOutcome, Notice};

fn pem_file(dir: &Path, name: &str, pem: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, pem).unwrap();
    p
}

fn tls_args(url: &str, dir: &Path, ca: &str, client: bool) -> rmacheck::cli::watch::WatchArgs {
    rmacheck::cli::watch::WatchArgs {
        broker: Some(url.to_string()),
        dev_eui: vec![dev_eui()],
        topic: vec!["rmacheck-tls-test/#".into()],
        login: rmacheck::cli::connection::LoginArgs {
            username: None,
            password_file: None,
            ca_file: Some(pem_file(dir, "ca.pem", ca)),
            client_cert: client.then(|| pem_file(dir, "client.pem", pki::CLIENT_CERT_PEM)),
            client_key: client.then(|| pem_file(dir, "client.key", pki::CLIENT_KEY_PEM)),
        },
        duration: None,
        record: None,
        keys: None,
        max_message_size: rmacheck::transport::mqtt::DEFAULT_MAX_MESSAGE_SIZE,
        state: None,
        client_id: None,
        fleet: Default::default(),
        tts: Default::default(),
    }
}

/// Watches `mqtts://127.0.0.1:{port}` with the given CA (and client certificate); returns the
/// outcome after one message was published (or after the agent gave up by itself).
async fn tls_watch(
    tls_port: u16,
    plain_port: u16,
    ca: &str,
    client: bool,
) -> (AgentOutcome, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("mqtts://127.0.0.1:{tls_port}");
    let mut config = rmacheck::cli::watch::agent_config(&tls_args(&url, dir.path(), ca, client))
        .unwrap_or_else(|e| panic!("{:#}", e.error()));
    config.handle_ctrl_c = false;
    let mut agent = start_configured(config);
    let first = agent
        .wait_for("connected or failed", |n| {
            matches!(n, Notice::Subscribed { .. } | Notice::ConnectionFailed { retry_in: None, .. })
        })
        .await;
    if first.iter().any(|n| matches!(n, Notice::Subscribed { .. })) {
        let msg = vec![("rmacheck-tls-test/x".to_string(), b"over TLS".to_vec())];
        broker::publish(plain_port, &msg, false, Duration::ZERO).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    agent.finish().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mqtts_works_with_the_right_ca_and_gives_up_at_once_on_an_unknown_one() {
    let b = embedded_broker(None);
    let tls_port = broker::tls_proxy(b.port, ClientAuth::None).await;

    let (ok, log) = tls_watch(tls_port, b.port, pki::CA_PEM, false).await;
    assert_eq!((ok.counters.connections, ok.counters.ingested), (1, 1), "{log}");

    let (bad, log) = tls_watch(tls_port, b.port, pki::OTHER_CA_PEM, false).await;
    assert!(bad.never_connected(), "{log}");
    assert_eq!(bad.counters.connection_errors, 1, "no retries on a certificate error: {log}");
    assert!(matches!(&bad.end, agent::EndReason::GaveUp(p) if p.permanent), "{:?}", bad.end);
    assert!(
        log.contains("TLS handshake with 127.0.0.1:") && log.contains("UnknownIssuer"),
        "{log}"
    );
    assert!(
        log.contains("check that --ca-file holds the CA") && log.contains("giving up"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutual_tls_needs_the_client_certificate() {
    let b = embedded_broker(None);
    let tls_port = broker::tls_proxy(b.port, ClientAuth::Required).await;

    let (ok, log) = tls_watch(tls_port, b.port, pki::CA_PEM, true).await;
    assert_eq!((ok.counters.connections, ok.counters.ingested), (1, 1), "{log}");

    let (refused, log) = tls_watch(tls_port, b.port, pki::CA_PEM, false).await;
    assert!(refused.never_connected(), "{log}");
    assert!(log.contains("TLS handshake with 127.0.0.1:"), "{log}");
    assert!(log.contains("pass --client-cert and --client-key"), "{log}");
}

#[test]
fn the_binary_exits_2_when_the_broker_certificate_is_not_trusted() {
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let b = embedded_broker(None);
    let tls_port = rt.block_on(broker::tls_proxy(b.port, ClientAuth::None));
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(dir.path(), "other.pem", broker::pki::OTHER_CA_PEM);
    let url = format!("mqtts://127.0.0.1:{tls_port}");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rmacheck"))
        .args(["watch", "--broker", &url, "--dev-eui", DEV_EUI, "--ca-file", ca.to_str().unwrap()])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("error: TLS handshake with 127.0.0.1:"), "{stderr}");
    drop(rt);
}
