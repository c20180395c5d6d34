//! The demo's watch step: the real watch agent on the embedded broker, fed by the lockstep
//! replay, recording to a working capture file.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use super::broker::EmbeddedBroker;
use super::replay::{self, RecordWatcher, ReplayClock, ReplayStats};
use crate::agent::{self, AgentConfig, AgentOutcome, Clock, Notice, ViewMode};
use crate::model::DevEui;
use crate::sim::SimOutput;
use crate::tracker::Window;
use crate::transport::topics::default_filters;
use crate::transport::{BrokerUrl, MqttConfig};

/// How long the agent gets to connect and subscribe.
const SUBSCRIBE_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs the watch agent on the broker (default topic filters for the device and the
/// reference device, the registered keys, recording to `capture`), replays `out` to it in
/// lockstep, and returns what the agent saw.
///
/// # Errors
/// When the agent cannot subscribe, the replay cannot connect, or the agent fails.
pub async fn watch_replay(
    out: &SimOutput,
    broker: &EmbeddedBroker,
    capture: &Path,
    window: Window,
    wall: Duration,
    speed: f64,
    view: ViewMode,
) -> anyhow::Result<(AgentOutcome, ReplayStats)> {
    let clock = Arc::new(ReplayClock::new(window.from));
    let url: BrokerUrl = broker.url().parse().context("the demo broker URL")?;
    let devices: Vec<DevEui> = std::iter::once(out.dev_eui).chain(out.reference_dev_eui).collect();
    let mut cfg = AgentConfig::new(MqttConfig::new(url, default_filters(&devices)), devices);
    cfg.keys = out.keys.clone();
    cfg.record = Some(capture.to_path_buf());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    cfg.stop = Some(stop_rx);
    let (notice_tx, mut notices) = tokio::sync::mpsc::unbounded_channel();
    cfg.notices = Some(notice_tx);
    let agent_clock: Arc<dyn Clock> = clock.clone();
    let agent = tokio::spawn(agent::run(cfg, agent_clock, view));
    let subscribed = tokio::time::timeout(SUBSCRIBE_TIMEOUT, async {
        while let Some(n) = notices.recv().await {
            match n {
                Notice::Subscribed { .. } => return Ok(()),
                Notice::ConnectionFailed { message, retry_in: None } => anyhow::bail!(message),
                _ => {}
            }
        }
        anyhow::bail!("the watch agent stopped before it subscribed")
    })
    .await
    .unwrap_or_else(|_| Err(anyhow::anyhow!("no subscription within 10 s")));
    if let Err(e) = subscribed {
        let _ = stop_tx.send(true);
        let _ = agent.await;
        return Err(e.context("the watch agent could not subscribe to the demo broker"));
    }
    let mut record = RecordWatcher::new(capture);
    let host = broker.addr.ip().to_string();
    let port = broker.addr.port();
    let replayed =
        replay::replay((&host, port), &out.messages, &clock, Some(&mut record), wall, speed).await;
    clock.hold(window.to);
    let _ = stop_tx.send(true);
    let outcome = agent.await.context("the watch agent task failed")?.context("the watch agent")?;
    Ok((outcome, replayed?))
}
