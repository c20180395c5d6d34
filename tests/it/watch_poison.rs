//! Poison-proof live ingest: a message larger than `--max-message-size` is skipped (rumqttc
//! cannot read past it, so the broker session is discarded once), the interval is recorded as
//! not observed, and the watch goes on — no reconnect loop, nothing else lost after it.

use std::time::Duration;

use rmacheck::agent::{AgentConfig, Notice};
use rmacheck::tracker::gaps::{GAP_TOPIC, GapReason};
use rmacheck::transport::{BrokerUrl, MqttConfig};

use super::broker::publish_to;
use super::{
    Names, Target, assert_expected_stats, assert_same_messages, chirpstack_stream, dev_eui,
    recorded, start_configured,
};

const LIMIT: usize = 64 * 1024;

async fn oversized_message(target: Target) {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("poison.jsonl");
    let names = Names::new();
    let url: BrokerUrl = target.url().parse().unwrap();
    let mut mqtt = MqttConfig::new(url, names.filters());
    mqtt.max_packet_size = LIMIT;
    let mut config = AgentConfig::new(mqtt, vec![dev_eui()]);
    config.record = Some(record.clone());
    let mut agent = start_configured(config);
    agent.subscribed().await;

    let stream = chirpstack_stream(&names);
    let (before, after) = stream.split_at(4);
    let gap = Duration::from_millis(15);
    publish_to(&target.host, target.port, before, false, gap).await;
    let poison = (names.gw("0016c001f153a14c", "event/up"), vec![b'x'; 3 * LIMIT]);
    publish_to(&target.host, target.port, std::slice::from_ref(&poison), false, gap).await;
    let seen = agent.wait_for("not observed", |n| matches!(n, Notice::NotObserved(_))).await;
    assert!(
        seen.iter()
            .any(|n| matches!(n, Notice::Oversized { size, limit: LIMIT } if *size > 3 * LIMIT)),
        "{seen:?}"
    );
    agent.subscribed().await;
    publish_to(&target.host, target.port, after, false, gap).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (outcome, log) = agent.finish().await;

    let got = recorded(&record);
    let (gaps, messages): (Vec<_>, Vec<_>) = got.into_iter().partition(|(t, _)| t == GAP_TOPIC);
    assert_same_messages(&messages, &stream);
    assert_eq!(gaps.len(), 1, "one gap recorded: {gaps:?}");
    let c = outcome.counters;
    assert_eq!((c.oversized, c.connections, c.gaps), (1, 2, 1), "no reconnect loop: {c:?}\n{log}");
    assert_eq!(c.malformed, 1, "the oversized message counts as malformed: {c:?}");
    let rec = outcome.pipeline.tracker().device(&dev_eui()).unwrap();
    assert_expected_stats(&rec.stats);
    assert_eq!(rec.not_observed.len(), 1, "{:?}", rec.not_observed);
    assert_eq!(rec.not_observed[0].reason, GapReason::OversizedMessage);
    assert!(outcome.loss_possible());
    assert!(log.contains("more than --max-message-size 65536: skipped unread"), "{log}");
    assert!(log.contains("(oversized message): messages published meanwhile may be lost"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_message_is_skipped_once_and_the_watch_goes_on() {
    oversized_message(Target::embedded()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_message_is_skipped_once_and_the_watch_goes_on_on_mosquitto() {
    if let Some(t) = Target::mosquitto() {
        oversized_message(t).await;
    }
}
