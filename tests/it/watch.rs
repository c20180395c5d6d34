//! `watch` end to end: a scripted ChirpStack v4 stream through a real broker (in-process
//! rumqttd, and the local Mosquitto when `RMACHECK_TEST_MQTT` is set), recorded and checked
//! byte for byte; broker restarts with redelivery; TLS; exit codes of the binary.

#[path = "broker.rs"]
#[allow(unreachable_pub)]
pub(crate) mod broker;
#[path = "watch_cli.rs"]
mod cli;
#[path = "watch_fleet.rs"]
mod fleet;
#[path = "watch_poison.rs"]
mod poison;
#[path = "watch_state.rs"]
mod state;
#[path = "watch_tls.rs"]
mod tls;

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use rmacheck::agent::{self, AgentConfig, AgentOutcome, Notice, SystemClock, ViewMode};
use rmacheck::frame::{create, derive_session_keys};
use rmacheck::model::{AesKey, DevAddr, DevEui};
use rmacheck::transport::{BrokerUrl, MqttConfig};
use serde_json::json;
use tokio::sync::{mpsc, watch};

use broker::{Proxy, embedded_broker, mosquitto, publish_to, token};

const DEV_EUI: &str = "0203040502030405";
const GW1: &str = "0016c001f153a14c";
const GW2: &str = "0016c001f153a14d";
const JOIN_REQUEST_B64: &str = "AAQDAgEEAwIBBQQDAgUEAwItEGqZDhI=";

type Msg = (String, Vec<u8>);

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn dev_eui() -> DevEui {
    DEV_EUI.parse().unwrap()
}

/// Where the scripted messages go: a region prefix and an application id unique to the test,
/// so that runs on a shared broker never see each other.
#[derive(Debug, Clone)]
struct Names {
    prefix: String,
    app: String,
}

impl Names {
    fn new() -> Self {
        Self { prefix: format!("t{}", token()), app: format!("{}-4b5e-9f00-0123456789ab", token()) }
    }
    fn gw(&self, gw: &str, rest: &str) -> String {
        format!("{}/gateway/{gw}/{rest}", self.prefix)
    }
    fn app(&self, event: &str) -> String {
        format!("application/{}/device/{DEV_EUI}/event/{event}", self.app)
    }
    /// Filters that catch exactly this test's topics (for a shared broker).
    fn filters(&self) -> Vec<String> {
        vec![
            format!("{}/gateway/+/event/+", self.prefix),
            format!("{}/gateway/+/command/down", self.prefix),
            format!("{}/gateway/+/state/conn", self.prefix),
            format!("application/{}/device/+/event/+", self.app),
        ]
    }
}

fn rx_info(gw: &str, uplink_id: u32, rssi: i32, snr: f64, context: &str) -> serde_json::Value {
    json!({"gatewayId": gw, "uplinkId": uplink_id, "gwTime": "2026-11-21T09:00:00.123456Z",
           "rssi": rssi, "snr": snr, "channel": 1, "rfChain": 1, "context": context,
           "crcStatus": "CRC_OK"})
}

fn tx_info(freq: u32, sf: u32) -> serde_json::Value {
    json!({"frequency": freq, "modulation": {"lora": {"bandwidth": 125000,
           "spreadingFactor": sf, "codeRate": "CR_4_5"}}})
}

fn device_info(n: &Names) -> serde_json::Value {
    json!({"tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242", "tenantName": "ChirpStack",
           "applicationId": n.app, "applicationName": "rma", "deviceProfileId":
           "14855bf7-d10d-4aee-b618-ebfcb64dc7ad", "deviceProfileName": "test",
           "deviceName": "sensor", "devEui": DEV_EUI, "deviceClassEnabled": "CLASS_A", "tags": {}})
}

fn bytes(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

const DEV_ADDR: u32 = 0x2601_1234;

/// A ChirpStack v4 conversation: gateway state, a join-request, its join-accept (RX1 5 s /
/// RX2 6 s) and TX ack, the application join event, two data uplinks heard by two gateways
/// with their application up events, and a log event.
fn chirpstack_stream(n: &Names) -> Vec<Msg> {
    let app_key = AesKey([1; 16]);
    let join_request =
        create::join_request(&app_key, "0102030401020304".parse().unwrap(), dev_eui(), 0x102d)
            .unwrap();
    assert_eq!(b64(&join_request), JOIN_REQUEST_B64);
    let (join_nonce, net_id) = (0x00_0102, 0x00_0013);
    let accept =
        create::join_accept(&app_key, join_nonce, net_id, DevAddr(DEV_ADDR), 0, 1, &[]).unwrap();
    let keys = derive_session_keys(&app_key, join_nonce, net_id, 0x102d);
    let data = |f_cnt| {
        create::data_up(
            &keys.nwk_s_key,
            &keys.app_s_key,
            DevAddr(DEV_ADDR),
            f_cnt,
            2,
            &[0x01, 0x17],
            false,
            true,
        )
        .unwrap()
    };
    let up = |phy: &[u8], rx: serde_json::Value| {
        bytes(&json!({"phyPayload": b64(phy), "txInfo": tx_info(868_100_000, 7), "rxInfo": rx}))
    };
    // (uplinkId, RSSI, SNR, context) per gateway and frame counter, as the gateways report them.
    let rx = |gw: &str, f_cnt: u32| match (gw == GW1, f_cnt) {
        (true, 1) => rx_info(GW1, 101, -71, 7.5, "AAGGoA=="),
        (false, 1) => rx_info(GW2, 201, -98, -3.0, "AAMNQA=="),
        (true, _) => rx_info(GW1, 102, -73, 6.0, "AAKGoA=="),
        (false, _) => rx_info(GW2, 202, -99, -4.5, "AARNQA=="),
    };
    let app_up = |f_cnt: u32, dedup: &str| {
        bytes(&json!({"deduplicationId": dedup, "time": "2026-11-21T09:00:10.5+00:00",
            "deviceInfo": device_info(n), "devAddr": format!("{DEV_ADDR:08x}"), "adr": true,
            "dr": 5, "fCnt": f_cnt, "fPort": 2, "confirmed": false, "data": "ARc=",
            "rxInfo": [rx(GW1, f_cnt), rx(GW2, f_cnt)],
            "txInfo": tx_info(868_100_000, 7), "regionConfigId": "eu868"}))
    };
    let item = |freq: u32, sf: u32, delay: &str| {
        json!({"phyPayload": b64(&accept), "txInfo": {"frequency": freq, "power": 14,
               "modulation": {"lora": {"bandwidth": 125000, "spreadingFactor": sf,
               "codeRate": "CR_4_5", "polarizationInversion": true}},
               "timing": {"delay": {"delay": delay}}, "context": "AAGGoA=="}})
    };
    vec![
        (n.gw(GW1, "state/conn"), bytes(&json!({"gatewayId": GW1, "state": "ONLINE"}))),
        (
            n.gw(GW1, "event/up"),
            up(&join_request, rx_info(GW1, 3_735_928_559, -57, 9.5, "AAGGoA==")),
        ),
        (
            n.gw(GW1, "command/down"),
            bytes(&json!({"downlinkId": 894_104_280, "gatewayId": GW1,
                "items": [item(868_100_000, 7, "5s"), item(869_525_000, 12, "6s")]})),
        ),
        (
            n.app("join"),
            bytes(&json!({"deduplicationId": "c9dbe358-2578-4fb7-b295-66b44edc45a6",
                "time": "2026-11-21T09:00:01+00:00", "deviceInfo": device_info(n),
                "devAddr": format!("{DEV_ADDR:08x}"), "regionConfigId": "eu868"})),
        ),
        (
            n.gw(GW1, "event/ack"),
            bytes(
                &json!({"gatewayId": GW1, "downlinkId": 894_104_280, "items": [{"status": "OK"}, {}]}),
            ),
        ),
        (n.gw(GW1, "event/up"), up(&data(1), rx(GW1, 1))),
        (n.gw(GW2, "event/up"), up(&data(1), rx(GW2, 1))),
        (n.app("up"), app_up(1, "ede7dfc1-a1f5-418c-b009-dc57ebcf0895")),
        (n.gw(GW1, "event/up"), up(&data(2), rx(GW1, 2))),
        (n.gw(GW2, "event/up"), up(&data(2), rx(GW2, 2))),
        (n.app("up"), app_up(2, "3ac7e3c4-4401-4b8d-9386-a5c902f9202d")),
        (
            n.app("log"),
            bytes(&json!({"time": "2026-11-21T09:00:12+00:00", "deviceInfo": device_info(n),
                "level": "WARNING", "code": "UPLINK_F_CNT_RETRANSMISSION",
                "description": "Uplink was flagged as re-transmission / frame-counter did not increment",
                "context": {"deduplication_id": "4e91db13-5ce3-4c8c-ab0f-dfc626cf0771", "f_cnt_up": "2"}})),
        ),
    ]
}

/// A writer the test can read back.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// A broker to test against.
#[derive(Debug, Clone)]
struct Target {
    host: String,
    port: u16,
    /// Subscribe with the defaults (private broker) or with test-unique filters (shared one).
    defaults: bool,
}

impl Target {
    fn embedded() -> Self {
        Self { host: "127.0.0.1".into(), port: embedded_broker(None).port, defaults: true }
    }
    fn mosquitto() -> Option<Self> {
        let Some((host, port)) = mosquitto() else {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(!ci, "CI=true needs RMACHECK_TEST_MQTT (a Mosquitto, see .ci/run)");
            eprintln!("RMACHECK_TEST_MQTT is not set: skipping the Mosquitto run");
            return None;
        };
        Some(Self { host, port, defaults: false })
    }
    fn url(&self) -> String {
        format!("mqtt://{}:{}", self.host, self.port)
    }
}

struct Running {
    client_id: String,
    task: tokio::task::JoinHandle<AgentOutcome>,
    notices: mpsc::UnboundedReceiver<Notice>,
    stop: watch::Sender<bool>,
    log: Shared,
}

fn start_agent(
    url: &str,
    filters: Vec<String>,
    record: Option<&Path>,
    duration: Option<Duration>,
) -> Running {
    let url: BrokerUrl = url.parse().unwrap();
    let mut config = AgentConfig::new(MqttConfig::new(url, filters), vec![dev_eui()]);
    config.record = record.map(Path::to_path_buf);
    config.duration = duration;
    start_configured(config)
}

fn start_configured(mut config: AgentConfig) -> Running {
    let client_id = config.mqtt.client_id.clone();
    let (stop_tx, stop_rx) = watch::channel(false);
    config.stop = Some(stop_rx);
    let (tx, notices) = mpsc::unbounded_channel();
    config.notices = Some(tx);
    let log = Shared::default();
    let view = ViewMode::Plain(Box::new(log.clone()));
    let task = tokio::spawn(async move {
        agent::run(config, Arc::new(SystemClock), view).await.expect("the agent starts")
    });
    Running { client_id, task, notices, stop: stop_tx, log }
}

impl Running {
    /// Waits for a notice matching `pred` (at most 10 s), returning every notice seen.
    async fn wait_for(&mut self, what: &str, pred: impl Fn(&Notice) -> bool) -> Vec<Notice> {
        let mut seen = Vec::new();
        let found = tokio::time::timeout(Duration::from_secs(10), async {
            while let Some(n) = self.notices.recv().await {
                let hit = pred(&n);
                seen.push(n);
                if hit {
                    return true;
                }
            }
            false
        })
        .await;
        assert!(
            matches!(found, Ok(true)),
            "no {what} notice; saw {seen:?}\nlog:\n{}",
            self.log.text()
        );
        seen
    }

    async fn subscribed(&mut self) -> Vec<Notice> {
        self.wait_for("subscribed", |n| matches!(n, Notice::Subscribed { .. })).await
    }

    async fn finish(self) -> (AgentOutcome, String) {
        let _ = self.stop.send(true);
        let outcome =
            tokio::time::timeout(Duration::from_secs(10), self.task).await.unwrap().unwrap();
        (outcome, self.log.text())
    }
}

fn recorded(path: &Path) -> Vec<Msg> {
    let capture = rmacheck::capture::read_files(&[path]).unwrap();
    assert!(capture.bad_lines.is_empty(), "{:?}", capture.bad_lines);
    capture.messages.into_iter().map(|m| (m.topic, m.payload)).collect()
}

/// The counters the scripted conversation must produce.
fn assert_expected_stats(s: &rmacheck::tracker::Stats) {
    let got = (s.join_requests, s.join_accepts, s.join_accept_tx_ok, s.join_accept_tx_failed);
    assert_eq!(got, (1, 1, 1, 0), "joins: {s:?}");
    assert_eq!((s.dev_nonces_distinct, s.dev_nonces_reused), (1, 0), "{s:?}");
    assert_eq!((s.uplinks, s.fcnt_first, s.fcnt_last), (2, Some(1), Some(2)), "{s:?}");
    assert_eq!((s.fcnt_missing, s.fcnt_resets, s.gateways), (0, 0, 2), "{s:?}");
    assert_eq!(s.retransmissions, 0, "{s:?}");
    assert_eq!(s.ns_log_codes.get("UPLINK_F_CNT_RETRANSMISSION"), Some(&1), "{s:?}");
    assert_eq!(s.malformed_messages, 0, "{s:?}");
    let best_rssi = s.rssi_dbm.map(|r| r.max);
    assert_eq!(best_rssi, Some(-57.0), "the join-request was heard best: {s:?}");
}

/// The device's counters from reading a capture back, as `inspect` does.
fn offline_stats(record: &Path) -> rmacheck::tracker::Stats {
    let capture = rmacheck::capture::read_files(&[record]).unwrap();
    let config = rmacheck::tracker::TrackerConfig {
        watch: Some([dev_eui()].into_iter().collect()),
        ..Default::default()
    };
    let mut pipeline = rmacheck::pipeline::Pipeline::new(config);
    for m in &capture.messages {
        pipeline.ingest(m);
    }
    pipeline.tracker().device(&dev_eui()).unwrap().stats
}

fn assert_same_messages(got: &[Msg], want: &[Msg]) {
    let show =
        |v: &[Msg]| v.iter().map(|(t, p)| format!("{t} ({} bytes)", p.len())).collect::<Vec<_>>();
    let mut g = got.to_vec();
    let mut w = want.to_vec();
    g.sort();
    w.sort();
    assert_eq!(show(&g), show(&w), "recorded topics differ");
    assert!(g == w, "recorded payloads differ from the published bytes");
}

async fn end_to_end(target: Target) {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("out.jsonl");
    let names = Names::new();
    let filters = if target.defaults {
        rmacheck::transport::topics::default_filters(&[dev_eui()])
    } else {
        names.filters()
    };
    let n_filters = filters.len();
    let mut agent = start_agent(&target.url(), filters, Some(&record), None);
    let seen = agent.subscribed().await;
    assert!(
        seen.iter().any(|n| matches!(n, Notice::Subscribed { granted, refused, .. }
            if *granted == n_filters && refused.is_empty())),
        "{seen:?}"
    );
    let stream = chirpstack_stream(&names);
    publish_to(&target.host, target.port, &stream, false, Duration::from_millis(15)).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let client_id = agent.client_id.clone();
    let (outcome, log) = agent.finish().await;
    assert!(
        !broker::session_present(&target.host, target.port, &client_id).await,
        "the broker still keeps the watch's session after the end"
    );

    let got = recorded(&record);
    assert_same_messages(&got, &stream);
    let rec = outcome.pipeline.tracker().device(&dev_eui()).expect("the device was tracked");
    assert_expected_stats(&rec.stats);
    assert_eq!(rec.stats, offline_stats(&record), "the capture replays to the same counters");
    for line in [
        " 0203040502030405 join_request gw 0016c001f153a14c rssi -57 dBm snr 9.5 dB SF7 devnonce 4141\n",
        " 0203040502030405 join_accept_tx gw 0016c001f153a14c tx OK (gateway ack for #2)\n",
        " 0203040502030405 uplink gw 0016c001f153a14d rssi -98 dBm snr -3 dB SF7 devaddr 26011234 fcnt 1",
        " 0203040502030405 ns_log UPLINK_F_CNT_RETRANSMISSION",
    ] {
        assert!(log.contains(line), "missing '{line}' in\n{log}");
    }
    let c = outcome.counters;
    assert_eq!(
        (c.received, c.dropped_redeliveries, c.ingested, c.connections),
        (12, 0, 12, 1),
        "{c:?}"
    );
    assert_eq!(outcome.pipeline.messages(), 12);
    assert!(log.contains(&format!("subscribed to {n_filters} filters")), "{log}");
    assert!(log.contains(&format!("recording to {}", record.display())), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chirpstack_stream_is_recorded_exactly_once_and_byte_exact() {
    end_to_end(Target::embedded()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chirpstack_stream_is_recorded_exactly_once_and_byte_exact_on_mosquitto() {
    if let Some(t) = Target::mosquitto() {
        end_to_end(t).await;
    }
}

/// The broker "restarts" (as the client sees it: port closed, connections dropped) in the
/// middle of the watch; what is published while it is down is queued in the persistent
/// session, and one message delivered before the restart is delivered again after it.
async fn restart(target: Target) {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("restart.jsonl");
    let names = Names::new();
    let filters = names.filters();
    let mut proxy = Proxy::start_to(&target.host, target.port).await;
    let mut agent =
        start_agent(&format!("mqtt://127.0.0.1:{}", proxy.port), filters, Some(&record), None);
    agent.subscribed().await;

    let stream = chirpstack_stream(&names);
    // The last message before the restart is the join-request: counted twice, it would show
    // as a second join-request with a reused DevNonce. The join-accept is published while the
    // broker is "down" (one message: rumqttd replays a resumed session filter by filter, so
    // several queued messages on different filters may come back in another order).
    let (before, rest) = stream.split_at(2);
    let (during, after) = rest.split_at(1);
    let gap = Duration::from_millis(15);
    publish_to(&target.host, target.port, before, false, gap).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    proxy.replay_last_publish_after_next_connect();
    proxy.down().await;
    agent
        .wait_for("connection failed", |n| {
            matches!(n, Notice::ConnectionFailed { retry_in: Some(_), .. })
        })
        .await;
    publish_to(&target.host, target.port, during, false, gap).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    proxy.up().await;
    let seen = agent
        .wait_for("reconnected", |n| matches!(n, Notice::Connected { reconnect: true, .. }))
        .await;
    assert!(
        seen.iter().any(|n| matches!(n, Notice::Connected { session_present: true, .. })),
        "the broker kept the session: {seen:?}"
    );
    agent.subscribed().await;
    publish_to(&target.host, target.port, after, false, gap).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (outcome, log) = agent.finish().await;
    proxy.down().await;

    let (gaps, messages): (Vec<_>, Vec<_>) =
        recorded(&record).into_iter().partition(|(t, _)| t == rmacheck::tracker::gaps::GAP_TOPIC);
    assert_same_messages(&messages, &stream);
    assert_eq!(gaps.len(), 1, "the restart is recorded as one interval not observed");
    let rec = outcome.pipeline.tracker().device(&dev_eui()).expect("the device was tracked");
    assert_expected_stats(&rec.stats);
    let gap = &rec.not_observed;
    assert_eq!(gap.len(), 1, "{gap:?}");
    assert_eq!(gap[0].reason, rmacheck::tracker::gaps::GapReason::Disconnected);
    assert!(!outcome.loss_possible(), "the session was resumed at QoS 1: {gap:?}");
    assert!(log.contains("(disconnected: the broker kept the session"), "{log}");
    let c = outcome.counters;
    assert_eq!(c.connections, 2, "{c:?}\n{log}");
    assert!(c.dropped_redeliveries >= 1, "the replayed copy was dropped: {c:?}");
    assert_eq!(c.ingested, 12, "{c:?}");
    assert_eq!(c.received, 12 + c.dropped_redeliveries, "{c:?}");
    assert!(log.contains("connection to 127.0.0.1:") && log.contains("retrying in"), "{log}");
    assert!(log.contains("reconnected to"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_broker_restart_queued_messages_arrive_and_nothing_counts_twice() {
    restart(Target::embedded()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_broker_restart_queued_messages_arrive_and_nothing_counts_twice_on_mosquitto() {
    if let Some(t) = Target::mosquitto() {
        restart(t).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scaled_clock_runs_a_long_virtual_duration_in_wall_seconds() {
    let target = Target::embedded();
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("scaled.jsonl");
    let names = Names::new();
    let url: BrokerUrl = target.url().parse().unwrap();
    let mut config = AgentConfig::new(MqttConfig::new(url, names.filters()), vec![dev_eui()]);
    config.record = Some(record.clone());
    config.duration = Some(Duration::from_secs(2 * 3600));
    let start: chrono::DateTime<chrono::Utc> = "2026-11-21T09:00:00Z".parse().unwrap();
    let clock = Arc::new(agent::ScaledClock::new(start, 3600.0));
    let (tx, mut notices) = mpsc::unbounded_channel();
    config.notices = Some(tx);
    let task = tokio::spawn(agent::run(config, clock, ViewMode::Quiet));
    while let Some(n) = notices.recv().await {
        if matches!(n, Notice::Subscribed { .. }) {
            break;
        }
    }
    let stream = chirpstack_stream(&names);
    publish_to(&target.host, target.port, &stream[..3], false, Duration::ZERO).await;
    // 2 virtual hours at ×3600 end after about 2 s; on a real-time clock this would time out.
    let outcome =
        tokio::time::timeout(Duration::from_secs(10), task).await.unwrap().unwrap().unwrap();
    assert_eq!(outcome.end, agent::EndReason::Deadline);
    assert!(outcome.ended_at >= start + chrono::Duration::hours(2), "{}", outcome.ended_at);
    let capture = rmacheck::capture::read_files(&[&record]).unwrap();
    assert_eq!(capture.messages.len(), 3);
    for m in &capture.messages {
        assert!(m.received_at >= start && m.received_at <= outcome.ended_at, "{}", m.received_at);
    }
}
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_things_stack_the_refused_chirpstack_filters_are_reported_and_the_rest_kept() {
    let port = broker::tts_like_broker();
    let filters = rmacheck::transport::topics::default_filters(&[dev_eui()]);
    let mut agent = start_agent(&format!("mqtt://127.0.0.1:{port}"), filters, None, None);
    let seen = agent.subscribed().await;
    let refused = seen.iter().find_map(|n| match n {
        Notice::Subscribed { granted, max_qos, refused } => {
            Some((*granted, *max_qos, refused.clone()))
        }
        _ => None,
    });
    let (granted, max_qos, refused) = refused.unwrap();
    assert_eq!((granted, max_qos, refused.len()), (3, 0, 8), "{refused:?}");
    assert!(refused.contains(&"+/gateway/+/event/+".to_string()), "{refused:?}");
    let (outcome, log) = agent.finish().await;
    assert_eq!(outcome.end, agent::EndReason::Stopped);
    assert!(
        log.contains(
            "subscribed to 3 filters (QoS 0 granted); the broker refused 8: +/gateway/+/event/+"
        ),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broker_refusing_every_filter_is_reported_as_such() {
    let port = broker::tts_like_broker();
    let mut agent =
        start_agent(&format!("mqtt://127.0.0.1:{port}"), vec!["application/#".into()], None, None);
    agent.subscribed().await;
    let (_, log) = agent.finish().await;
    assert!(
        log.contains("the broker refused every subscription (application/#) — nothing will arrive"),
        "{log}"
    );
}
