//! `watch --all` against a real broker: the simulated site published, verdict-change events
//! written as JSON lines, the Prometheus endpoint scraped and parsed with a text-format
//! parser, and `/healthz` while the session is up.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use chrono::TimeDelta;
use rmacheck::agent::{AgentConfig, EventSink, FleetConfig};
use rmacheck::fleet::FleetDiagnoser;
use rmacheck::fleet::schedule::Schedule;
use rmacheck::sim::default_start;
use rmacheck::sim::site::site;
use rmacheck::transport::topics::default_filters;
use rmacheck::transport::{BrokerUrl, MqttConfig};

use super::broker::publish_to;
use super::start_configured;

/// One plain HTTP/1.0 GET on loopback: (status code, body).
pub(super) fn http_get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (code, body.to_string())
}

pub(super) fn value(v: &prometheus_parse::Value) -> f64 {
    match v {
        prometheus_parse::Value::Counter(x)
        | prometheus_parse::Value::Gauge(x)
        | prometheus_parse::Value::Untyped(x) => *x,
        other => panic!("unexpected sample {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_all_writes_verdict_events_and_serves_metrics_that_parse() {
    watch_all(&super::Target::embedded()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_all_writes_verdict_events_and_serves_metrics_that_parse_on_mosquitto() {
    if let Some(t) = super::Target::mosquitto() {
        watch_all(&t).await;
    }
}

/// The simulated site through `watch --all` on `target`. On a shared broker every topic gets
/// a test-unique first level (the adapters route by the last six levels) and the watch
/// subscribes to that level only.
async fn watch_all(target: &super::Target) {
    let prefix = (!target.defaults).then(|| format!("t{}", super::broker::token()));
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.jsonl");
    let out = site(7, default_start());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();

    let url: BrokerUrl = target.url().parse().unwrap();
    let filters = match &prefix {
        Some(p) => vec![format!("{p}/#")],
        None => {
            let mut f = default_filters(&[]);
            f.push("application/+/device/+/event/+".into());
            f
        }
    };
    let mut config = AgentConfig::new(MqttConfig::new(url, filters), Vec::new());
    let mut fleet = FleetConfig::all(FleetDiagnoser::new(&out.keys));
    fleet.events = Some(EventSink::File(events.clone()));
    fleet.metrics = Some(listener);
    fleet.schedule = Schedule::new(TimeDelta::zero(), TimeDelta::seconds(60));
    config.fleet = Some(fleet);
    config.keys = out.keys.clone();
    let mut running = start_configured(config);
    running.subscribed().await;
    let (code, body) =
        tokio::task::spawn_blocking(move || http_get(addr, "/healthz")).await.unwrap();
    assert_eq!(code, 200, "{body}");

    let topic = |t: &str| prefix.as_ref().map_or_else(|| t.to_string(), |p| format!("{p}/{t}"));
    let msgs: Vec<(String, Vec<u8>)> =
        out.messages.iter().map(|m| (topic(&m.topic), m.payload.clone())).collect();
    publish_to(&target.host, target.port, &msgs, false, Duration::ZERO).await;
    // Every message delivered and every heard device diagnosed (5 of the 6: one is silent).
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let scrape = loop {
        let (code, body) =
            tokio::task::spawn_blocking(move || http_get(addr, "/metrics")).await.unwrap();
        assert_eq!(code, 200);
        let scrape =
            prometheus_parse::Scrape::parse(body.lines().map(|l| Ok(l.to_string()))).unwrap();
        let total: f64 = scrape
            .samples
            .iter()
            .filter(|s| s.metric == "rmacheck_messages_total")
            .map(|s| value(&s.value))
            .sum();
        let devices: f64 = scrape
            .samples
            .iter()
            .filter(|s| s.metric == "rmacheck_devices")
            .map(|s| value(&s.value))
            .sum();
        if total as usize == msgs.len() && devices == 5.0 {
            break scrape;
        }
        assert!(std::time::Instant::now() < deadline, "metrics never caught up:\n{body}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let (outcome, log) = running.finish().await;
    let view = outcome.fleet.expect("fleet mode returns the health table");
    assert_eq!(view.devices.len(), 5, "{log}");
    for d in &view.devices {
        let eui = d.dev_eui.to_string();
        let sample = |metric: &str| {
            scrape
                .samples
                .iter()
                .find(|s| s.metric == metric && s.labels.get("dev_eui") == Some(eui.as_str()))
                .map(|s| value(&s.value))
        };
        assert_eq!(sample("rmacheck_device_uplinks_total"), Some(d.stats.uplinks as f64), "{eui}");
        assert_eq!(
            sample("rmacheck_device_missing_frames_total"),
            Some(d.stats.fcnt_missing as f64),
            "{eui}"
        );
        assert!(sample("rmacheck_device_last_seen_timestamp_seconds").is_some(), "{eui}");
        let verdicts: Vec<_> = scrape
            .samples
            .iter()
            .filter(|s| {
                s.metric == "rmacheck_device_verdict" && s.labels.get("dev_eui") == Some(&eui)
            })
            .collect();
        assert_eq!(verdicts.len(), 1, "{eui}: one current verdict");
        assert_eq!(verdicts[0].labels.get("code"), Some(d.verdict.code.as_str()));
    }
    let gateways = scrape.samples.iter().filter(|s| s.metric == "rmacheck_gateway_up").count();
    assert_eq!(gateways, 3);

    // The events: JSON lines; the last one per device is its final verdict.
    let text = std::fs::read_to_string(&events).unwrap();
    let lines: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for d in &view.devices {
        let eui = d.dev_eui.to_string();
        let mine: Vec<_> = lines.iter().filter(|e| e["dev_eui"] == eui.as_str()).collect();
        assert!(mine[0]["from"].is_null(), "{eui}: the first verdict comes from null");
        assert!(mine.windows(2).all(|w| w[0]["to"] == w[1]["from"]), "{eui}: a chain of changes");
        let last = mine.last().unwrap();
        assert_eq!(last["to"], d.verdict.code.as_str(), "{eui}");
        for key in ["at", "class", "summary"] {
            assert!(last.get(key).is_some(), "{eui}: {key}");
        }
    }
    // The endpoint is gone with the agent.
    assert!(TcpStream::connect(addr).is_err());
}
