//! The Things Stack Events API (`POST /api/v3/events`) as a live source for `watch --tts`.
//!
//! - Subscribes with the end devices' identifiers (an application-level subscription misses
//!   device events that do not propagate to the parent) and, optionally, gateways'
//!   identifiers for the `gs.*` events. Device IDs are given, or looked up from the watched
//!   DevEUIs in the application's device registry (`GET /api/v3/applications/{app}/devices`).
//! - `Authorization: Bearer` with the API key; the key is never written anywhere (not in
//!   errors, notices or recordings: reqwest's errors name the URL only, and the URL carries no
//!   key).
//! - The stream (`Accept: text/event-stream`: one `{"result": Event}` per line, blank-line
//!   separated, `data:` prefixes accepted) is read chunk by chunk; each event becomes one
//!   message exactly as the event-file readers make it (topic `tts/events/{name}`, received at
//!   the event's time).
//! - On an HTTP error, a dropped connection or the end of the stream: reconnect with
//!   exponential back-off (1 s doubling to 60 s, reset by each event), asking for the events
//!   `after` the last one received. 401/403 and an unknown application are permanent.
//! - `https://` only, except `http://` to a loopback host (tests, a local stack).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::mqtt::{Link, TransportEvent};
use super::problem::ConnectionProblem;
use super::{Delivery, Secret};
use crate::capture::tts_events::event_message;
use crate::model::DevEui;

/// The environment variable holding the API key.
pub const API_KEY_ENV: &str = "RMACHECK_TTS_API_KEY";

/// Why a `--tts` setting cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TtsError {
    /// Not a URL.
    #[error("--tts '{0}' is not a URL: write e.g. https://eu1.cloud.thethings.network")]
    Url(String),
    /// Plain HTTP to a remote host.
    #[error(
        "--tts {0}: http:// is accepted only for a loopback host; use https:// for The Things Stack"
    )]
    PlainHttp(String),
    /// No API key.
    #[error(
        "--tts needs an API key with the right to read the application's traffic: put it in a \
         file given with --api-key-file F, or in RMACHECK_TTS_API_KEY (never on the command line)"
    )]
    NoApiKey,
    /// The key file cannot be read or is empty.
    #[error("cannot read the API key from {path}: {reason}")]
    KeyFile {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// No TLS roots.
    #[error("cannot set up TLS for --tts: {0}")]
    Tls(String),
}

/// Everything the Events API source needs.
#[derive(Debug, Clone)]
pub struct TtsConfig {
    /// Base URL of the stack (`https://eu1.cloud.thethings.network`).
    pub url: url::Url,
    /// The application ID.
    pub application_id: String,
    /// Device IDs to subscribe to; empty: looked up from `dev_euis`.
    pub device_ids: Vec<String>,
    /// The watched DevEUIs (for the look-up).
    pub dev_euis: Vec<DevEui>,
    /// Gateway IDs whose `gs.*` events to subscribe to.
    pub gateway_ids: Vec<String>,
    /// The API key.
    pub api_key: Secret,
    /// TLS for `https://` (ring provider).
    pub tls: Option<Arc<rustls::ClientConfig>>,
    /// First reconnect delay.
    pub backoff_initial: Duration,
    /// Longest reconnect delay.
    pub backoff_max: Duration,
}

/// Checks the URL: `https://`, or `http://` to a loopback host.
///
/// # Errors
/// [`TtsError::Url`] or [`TtsError::PlainHttp`].
pub fn parse_url(s: &str) -> Result<url::Url, TtsError> {
    let url = url::Url::parse(s).map_err(|_| TtsError::Url(s.to_string()))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(TtsError::Url(s.to_string())),
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(TtsError::PlainHttp(s.to_string())),
        _ => Err(TtsError::Url(s.to_string())),
    }
}

/// The API key from `--api-key-file` (first line) or the environment.
///
/// # Errors
/// [`TtsError::NoApiKey`] or [`TtsError::KeyFile`].
pub fn api_key(file: Option<&std::path::Path>, env: Option<String>) -> Result<Secret, TtsError> {
    let key = match file {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| TtsError::KeyFile {
                path: p.display().to_string(),
                reason: e.kind().to_string(),
            })?;
            let key = text.lines().next().unwrap_or("").trim().to_string();
            if key.is_empty() {
                return Err(TtsError::KeyFile {
                    path: p.display().to_string(),
                    reason: "the file is empty".into(),
                });
            }
            key
        }
        None => {
            env.map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).ok_or(TtsError::NoApiKey)?
        }
    };
    Ok(Secret::new(key))
}

/// TLS client configuration with the ring provider and the system's root certificates.
///
/// # Errors
/// [`TtsError::Tls`] when no root certificate can be loaded.
pub fn tls_config() -> Result<Arc<rustls::ClientConfig>, TtsError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        return Err(TtsError::Tls(
            "no root certificates found on this system (install ca-certificates)".into(),
        ));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TtsError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// A running Events API subscription.
#[derive(Debug)]
pub struct TtsTransport {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl TtsTransport {
    /// Starts streaming in a new task; events go to `events` (like the MQTT transport's).
    #[must_use]
    pub fn start(config: TtsConfig, events: mpsc::Sender<TransportEvent>) -> Self {
        let (stop_tx, stop_rx) = watch::channel(false);
        Self { stop: stop_tx, task: tokio::spawn(run(config, events, stop_rx)) }
    }

    /// Stops the stream and waits for the task.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let mut task = self.task;
        if tokio::time::timeout(Duration::from_secs(5), &mut task).await.is_err() {
            task.abort();
        }
    }
}

/// The subscription request (`ttnpb.StreamEventsRequest`).
fn request_body(config: &TtsConfig, device_ids: &[String], after: Option<DateTime<Utc>>) -> Value {
    let app = &config.application_id;
    let mut ids: Vec<Value> = device_ids
        .iter()
        .map(
            |d| json!({"device_ids": {"device_id": d, "application_ids": {"application_id": app}}}),
        )
        .collect();
    ids.extend(config.gateway_ids.iter().map(|g| json!({"gateway_ids": {"gateway_id": g}})));
    let mut body = json!({"identifiers": ids});
    if let Some(t) = after {
        body["after"] = json!(t.to_rfc3339_opts(SecondsFormat::Nanos, true));
    }
    body
}

fn endpoint(base: &url::Url, path: &str) -> String {
    format!("{}{path}", base.as_str().trim_end_matches('/'))
}

enum Failure {
    Retry(ConnectionProblem),
    Permanent(ConnectionProblem),
}

fn problem(message: String, permanent: bool, auth: bool) -> ConnectionProblem {
    ConnectionProblem { message, permanent, auth }
}

fn status_failure(status: reqwest::StatusCode, what: &str, config: &TtsConfig) -> Failure {
    let host = config.url.host_str().unwrap_or("the stack");
    match status.as_u16() {
        401 | 403 => Failure::Permanent(problem(
            format!(
                "{host} refused the API key for {what} (HTTP {status}): give a key of application \
                 '{}' with the rights to read devices and traffic",
                config.application_id
            ),
            true,
            true,
        )),
        404 => Failure::Permanent(problem(
            format!("{host}: {what} not found (HTTP 404): check --tts and --application-id"),
            true,
            false,
        )),
        _ => Failure::Retry(problem(
            format!("{host}: {what} failed with HTTP {status}"),
            false,
            false,
        )),
    }
}

fn request_failure(e: reqwest::Error, what: &str) -> Failure {
    // reqwest names the URL only; drop it too, the host is in the message anyway.
    let e = e.without_url();
    Failure::Retry(problem(format!("{what}: {e}"), false, false))
}

/// Looks the watched DevEUIs up in the device registry.
async fn lookup_device_ids(
    client: &reqwest::Client,
    config: &TtsConfig,
) -> Result<Vec<String>, Failure> {
    let what = "the device registry look-up";
    let url = endpoint(
        &config.url,
        &format!("/api/v3/applications/{}/devices?field_mask=ids", config.application_id),
    );
    let resp = client
        .get(url)
        .bearer_auth(config.api_key.expose())
        .send()
        .await
        .map_err(|e| request_failure(e, what))?;
    if !resp.status().is_success() {
        return Err(status_failure(resp.status(), what, config));
    }
    let bytes = resp.bytes().await.map_err(|e| request_failure(e, what))?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        Failure::Retry(problem(format!("{what}: the answer is not JSON ({e})"), false, false))
    })?;
    let mut out = Vec::new();
    for d in body["end_devices"].as_array().into_iter().flatten() {
        let ids = &d["ids"];
        let eui = ids["dev_eui"].as_str().and_then(|s| s.parse::<DevEui>().ok());
        if let (Some(id), Some(eui)) = (ids["device_id"].as_str(), eui) {
            if config.dev_euis.contains(&eui) {
                out.push(id.to_string());
            }
        }
    }
    if out.is_empty() {
        return Err(Failure::Permanent(problem(
            format!(
                "none of the watched DevEUIs is registered in application '{}': check --dev-eui \
                 and --application-id, or name the devices with --device-id",
                config.application_id
            ),
            true,
            false,
        )));
    }
    Ok(out)
}

/// Splits the stream into lines and turns each event into a message.
#[derive(Debug, Default)]
struct Lines {
    buf: Vec<u8>,
}

impl Lines {
    fn push(&mut self, chunk: &[u8]) -> Vec<Value> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        while let Some(nl) = self.buf.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=nl).collect();
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            let text = text.strip_prefix("data:").map_or(text, str::trim_start);
            if text.starts_with('{') {
                if let Ok(v) = serde_json::from_str::<Value>(text) {
                    out.push(v);
                }
            }
        }
        out
    }
}

async fn stream_once(
    client: &reqwest::Client,
    config: &TtsConfig,
    device_ids: &[String],
    after: &mut Option<DateTime<Utc>>,
    events: &mpsc::Sender<TransportEvent>,
    backoff: &mut Duration,
) -> Failure {
    let what = "the event stream";
    let resp = client
        .post(endpoint(&config.url, "/api/v3/events"))
        .bearer_auth(config.api_key.expose())
        .header(reqwest::header::ACCEPT, "text/event-stream")
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(request_body(config, device_ids, *after).to_string())
        .send()
        .await;
    let mut resp = match resp {
        Ok(r) if r.status().is_success() => r,
        Ok(r) => return status_failure(r.status(), what, config),
        Err(e) => return request_failure(e, what),
    };
    let _ = events
        .send(TransportEvent::Connected { link: Link::Events, session_present: after.is_some() })
        .await;
    let mut lines = Lines::default();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                for v in lines.push(&chunk) {
                    match event_message(v) {
                        Ok(Some(raw)) => {
                            *after =
                                Some(after.map_or(raw.received_at, |a| a.max(raw.received_at)));
                            *backoff = config.backoff_initial;
                            let d = Delivery { raw, dup: false, retain: false, ack: None };
                            if events.send(TransportEvent::Message(d)).await.is_err() {
                                return Failure::Permanent(problem("stopped".into(), true, false));
                            }
                        }
                        Ok(None) => {}
                        Err(message) => {
                            return Failure::Retry(problem(
                                format!("{what}: {message}"),
                                false,
                                false,
                            ));
                        }
                    }
                }
            }
            Ok(None) => {
                return Failure::Retry(problem(
                    format!("{what} ended; reconnecting"),
                    false,
                    false,
                ));
            }
            Err(e) => return request_failure(e, what),
        }
    }
}

async fn run(
    config: TtsConfig,
    events: mpsc::Sender<TransportEvent>,
    mut stop: watch::Receiver<bool>,
) {
    // reqwest always needs a TLS backend: for http:// (loopback) one that trusts nothing.
    let tls = config.tls.as_ref().map_or_else(
        || {
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map(|b| {
                    b.with_root_certificates(rustls::RootCertStore::empty()).with_no_client_auth()
                })
        },
        |t| Ok((**t).clone()),
    );
    let mut builder = reqwest::Client::builder().connect_timeout(Duration::from_secs(10));
    if let Ok(tls) = tls {
        builder = builder.tls_backend_preconfigured(tls);
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            let p =
                problem(format!("cannot set up the HTTP client: {}", e.without_url()), true, false);
            let _ = events
                .send(TransportEvent::ConnectionFailed {
                    link: Link::Events,
                    problem: p,
                    retry_in: None,
                })
                .await;
            return;
        }
    };
    let mut backoff = config.backoff_initial;
    let mut device_ids = config.device_ids.clone();
    let mut after = None;
    loop {
        let attempt = async {
            if device_ids.is_empty() {
                device_ids = lookup_device_ids(&client, &config).await?;
            }
            Err::<(), _>(
                stream_once(&client, &config, &device_ids, &mut after, &events, &mut backoff).await,
            )
        };
        let failure = tokio::select! {
            r = attempt => r.err(),
            _ = stop.changed() => return,
        };
        let (problem, retry_in) = match failure {
            Some(Failure::Permanent(p)) => (p, None),
            Some(Failure::Retry(p)) => (p, Some(backoff)),
            None => return,
        };
        let permanent = retry_in.is_none();
        if events
            .send(TransportEvent::ConnectionFailed { link: Link::Events, problem, retry_in })
            .await
            .is_err()
            || permanent
        {
            return;
        }
        tokio::select! {
            () = tokio::time::sleep(backoff) => {}
            _ = stop.changed() => return,
        }
        backoff = (backoff * 2).min(config.backoff_max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_only_for_loopback_hosts() {
        assert!(parse_url("https://eu1.cloud.thethings.network").is_ok());
        assert!(parse_url("http://127.0.0.1:1885").is_ok());
        assert!(parse_url("http://[::1]:1885").is_ok());
        assert!(parse_url("http://localhost:1885").is_ok());
        assert_eq!(
            parse_url("http://eu1.cloud.thethings.network"),
            Err(TtsError::PlainHttp("http://eu1.cloud.thethings.network".into()))
        );
        assert!(matches!(parse_url("ftp://x"), Err(TtsError::Url(_))));
        assert!(matches!(parse_url("not a url"), Err(TtsError::Url(_))));
    }

    #[test]
    fn the_key_comes_from_the_file_first_and_is_never_shown() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("key");
        std::fs::write(&f, "NNSXS.ABC.DEF\n").unwrap();
        let k = api_key(Some(&f), Some("NNSXS.ENV".into())).unwrap();
        assert_eq!(k.expose(), "NNSXS.ABC.DEF");
        assert!(!format!("{k:?} {k}").contains("ABC"));
        assert_eq!(api_key(None, Some("NNSXS.ENV".into())).unwrap().expose(), "NNSXS.ENV");
        assert_eq!(api_key(None, None), Err(TtsError::NoApiKey));
        std::fs::write(&f, "\n").unwrap();
        assert!(matches!(api_key(Some(&f), None), Err(TtsError::KeyFile { .. })));
    }

    #[test]
    fn the_subscription_names_each_device_and_gateway() {
        let config = TtsConfig {
            url: parse_url("http://127.0.0.1:1").unwrap(),
            application_id: "app1".into(),
            device_ids: vec![],
            dev_euis: vec![],
            gateway_ids: vec!["gw1".into()],
            api_key: Secret::new("k"),
            tls: None,
            backoff_initial: Duration::from_millis(10),
            backoff_max: Duration::from_millis(100),
        };
        let body = request_body(&config, &["dev1".into()], None);
        assert_eq!(
            body,
            json!({"identifiers": [
                {"device_ids": {"device_id": "dev1", "application_ids": {"application_id": "app1"}}},
                {"gateway_ids": {"gateway_id": "gw1"}}
            ]})
        );
    }

    #[test]
    fn stream_lines_are_split_across_chunks_with_or_without_sse_framing() {
        let mut l = Lines::default();
        assert!(l.push(b"{\"result\":{\"name\":\"a\"").is_empty());
        let got = l.push(b"}}\n\ndata: {\"result\":{\"name\":\"b\"}}\n\n: comment\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1]["result"]["name"], "b");
    }
}
