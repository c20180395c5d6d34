//! The rumqttc (MQTT 3.1.1) event loop in one task that only polls and forwards.
//!
//! - Every message becomes a [`TransportEvent::Message`] stamped with the caller's clock and is
//!   sent into a bounded channel (back-pressure: a slow consumer slows the broker via TCP).
//! - Every `ConnAck` triggers a fresh SUBSCRIBE of all filters at QoS 1: rumqttc does not restore
//!   subscriptions, and a broker answering `session_present = false` has forgotten them. The
//!   broker grants what it allows (The Things Stack: QoS 0).
//! - The session is persistent (`clean_session = false`) under one client id per run, so that a
//!   reconnect collects the QoS-1 messages queued while the connection was down. At the end the
//!   session is purged (a reconnect with `clean_session = true`), so that the broker does not
//!   keep queueing for a client that will never return — except with
//!   [`MqttConfig::persistent`] (`watch --state`): the client id is the state directory's, the
//!   session is kept for the next run, and QoS-1 messages are acknowledged by the agent
//!   ([`Acker`]) only once they are stored, so that a watch killed at any moment gets what it
//!   had not stored again from the broker.
//! - rumqttc has no reconnect back-off; this loop sleeps 0.5 s after an error, doubling up to
//!   10 s, and starts again at 0.5 s after a successful `ConnAck`.
//! - Permanent refusals (bad credentials, not authorised, TLS certificate errors) end the loop:
//!   retrying cannot help and brokers may ban clients that hammer them.
//! - An incoming packet larger than [`MqttConfig::max_packet_size`] (default
//!   [`DEFAULT_MAX_MESSAGE_SIZE`]): rumqttc 0.25 checks the size in the fixed header and fails
//!   the whole connection (`PayloadSizeLimitExceeded`) before it knows the topic or packet id,
//!   so it cannot acknowledge or skip that one message, and a broker holding our persistent
//!   session re-sends it on every reconnect (bytebeamio/rumqtt#614). The loop reports
//!   [`TransportEvent::Oversized`], discards the broker-side session once (a connect with
//!   `clean_session = true`, which drops the queued copy) and reconnects: the next `ConnAck`
//!   says `session_present = false`, so whatever else was queued is lost and shows as a gap.
//!   While oversized packets keep coming (e.g. a retained one re-sent on every subscription)
//!   the back-off is not reset, so the loop slows down to one attempt every
//!   [`MqttConfig::backoff_max`] instead of spinning.

use std::sync::Arc;
use std::time::Duration;

use rumqttc::{
    AsyncClient, ConnectionError, Event, EventLoop, MqttOptions, NetworkOptions, Outgoing, Packet,
    QoS, StateError, SubscribeFilter, SubscribeReasonCode, TlsConfiguration, Transport,
};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub use super::problem::{ConnectionProblem, classify};
use super::{BrokerUrl, Credentials, Delivery};
use crate::model::RawMessage;
use crate::time::clock::Clock;

/// The default largest incoming message (16 MiB): far above any LoRaWAN network-server event,
/// small enough that a hostile publisher cannot make the agent allocate without bound.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 16 * 1024 * 1024;

/// Everything the MQTT connection needs.
#[derive(Debug, Clone)]
pub struct MqttConfig {
    /// The broker.
    pub url: BrokerUrl,
    /// Client id, stable for the run (`rmacheck-<random>`).
    pub client_id: String,
    /// Username and password.
    pub credentials: Option<Credentials>,
    /// TLS client configuration (required for `mqtts://`).
    pub tls: Option<Arc<rustls::ClientConfig>>,
    /// Topic filters to subscribe to on every connect.
    pub filters: Vec<String>,
    /// MQTT keep-alive.
    pub keep_alive: Duration,
    /// First back-off after an error.
    pub backoff_initial: Duration,
    /// Longest back-off.
    pub backoff_max: Duration,
    /// Timeout of one connection attempt (TCP, TLS and CONNACK), whole seconds.
    pub connect_timeout_s: u64,
    /// Largest packet accepted or sent (bytes; MQTT fixed header excluded).
    pub max_packet_size: usize,
    /// The session outlives the run (`watch --state`): QoS-1 messages are acknowledged by the
    /// agent through [`MqttTransport::take_acker`] once they are stored, and the broker-side
    /// session is not purged at the end, so that the broker keeps what arrives meanwhile.
    pub persistent: bool,
}

impl MqttConfig {
    /// Defaults for `url` and `filters`, with a fresh random client id.
    #[must_use]
    pub fn new(url: BrokerUrl, filters: Vec<String>) -> Self {
        Self {
            url,
            client_id: random_client_id(),
            credentials: None,
            tls: None,
            filters,
            keep_alive: Duration::from_secs(30),
            backoff_initial: Duration::from_millis(500),
            backoff_max: Duration::from_secs(10),
            connect_timeout_s: 5,
            max_packet_size: DEFAULT_MAX_MESSAGE_SIZE,
            persistent: false,
        }
    }

    /// The rumqttc options: client id, keep-alive, session, packet size, credentials, TLS.
    #[must_use]
    pub fn options(&self, clean_session: bool) -> MqttOptions {
        let mut o = MqttOptions::new(&self.client_id, &self.url.host, self.url.port);
        o.set_keep_alive(self.keep_alive);
        o.set_clean_session(clean_session);
        o.set_manual_acks(self.persistent && !clean_session);
        o.set_max_packet_size(self.max_packet_size, self.max_packet_size);
        if let Some(c) = &self.credentials {
            o.set_credentials(&c.username, c.password.as_ref().map_or("", |p| p.expose()));
        }
        if let Some(tls) = &self.tls {
            o.set_transport(Transport::tls_with_config(TlsConfiguration::Rustls(tls.clone())));
        }
        o
    }

    /// The rumqttc network options (connection timeout).
    #[must_use]
    pub fn network_options(&self) -> NetworkOptions {
        let mut n = NetworkOptions::new();
        n.set_connection_timeout(self.connect_timeout_s.max(1));
        n
    }
}

/// `rmacheck-` and 12 random hex digits (21 characters: within MQTT 3.1.1's guaranteed 23).
#[must_use]
pub fn random_client_id() -> String {
    let n: u64 = rand::random::<u64>() & 0xffff_ffff_ffff;
    format!("rmacheck-{n:012x}")
}

/// Which connection a transport event is about: only the MQTT broker's session has packet
/// ids to acknowledge (`--state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The MQTT broker.
    Broker,
    /// The Things Stack's Events API.
    Events,
}

/// What the transport reports, in order of occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportEvent {
    /// Connected (CONNACK accepted).
    Connected {
        /// Which connection.
        link: Link,
        /// The broker still had our session.
        session_present: bool,
    },
    /// The broker answered the SUBSCRIBE.
    Subscribed {
        /// Filters granted.
        granted: usize,
        /// Highest QoS granted.
        max_qos: u8,
        /// Filters refused.
        refused: Vec<String>,
    },
    /// A message.
    Message(Delivery),
    /// The broker sent a packet larger than the limit: the connection was dropped, the
    /// broker-side session discarded (so that it is not re-sent) and a reconnect follows.
    Oversized {
        /// Size of the packet as announced in its fixed header, bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The connection failed or was lost.
    ConnectionFailed {
        /// Which connection.
        link: Link,
        /// What happened.
        problem: ConnectionProblem,
        /// When the next attempt starts; `None` when the transport gave up (permanent problem).
        retry_in: Option<Duration>,
    },
}

/// A running MQTT connection.
#[derive(Debug)]
pub struct MqttTransport {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    acker: Option<Acker>,
    acks: Option<JoinHandle<()>>,
}

/// Acknowledges QoS-1 messages of a persistent session ([`MqttConfig::persistent`]) once the
/// agent has stored them. Acknowledgements go through their own task, so that the agent never
/// waits for the event loop (which may itself wait for the agent).
#[derive(Debug)]
pub struct Acker(mpsc::UnboundedSender<u16>);

impl Acker {
    /// Acknowledges the message with this packet id (see [`Delivery::ack`]).
    pub fn ack(&self, pkid: u16) {
        // The task only ends with the transport: nothing to acknowledge any more then.
        let _ = self.0.send(pkid);
    }
}

async fn send_acks(client: AsyncClient, mut pkids: mpsc::UnboundedReceiver<u16>) {
    while let Some(pkid) = pkids.recv().await {
        let mut p = rumqttc::Publish::new("", QoS::AtLeastOnce, Vec::new());
        p.pkid = pkid;
        if client.ack(&p).await.is_err() {
            break;
        }
    }
}

impl MqttTransport {
    /// Starts connecting in a new task; events go to `events`.
    ///
    /// Must be called within a tokio runtime.
    #[must_use]
    pub fn start(
        config: MqttConfig,
        clock: Arc<dyn Clock>,
        events: mpsc::Sender<TransportEvent>,
    ) -> Self {
        let (stop_tx, stop_rx) = watch::channel(false);
        let capacity = if config.persistent { 256 } else { 16 };
        let (client, mut eventloop) = AsyncClient::new(config.options(false), capacity);
        eventloop.set_network_options(config.network_options());
        let (acker, acks) = if config.persistent {
            let (tx, rx) = mpsc::unbounded_channel();
            (Some(Acker(tx)), Some(tokio::spawn(send_acks(client.clone(), rx))))
        } else {
            (None, None)
        };
        let looper = Looper {
            config,
            clock,
            client,
            eventloop,
            events,
            stop: stop_rx,
            connected: false,
            ever_connected: false,
            oversized_streak: 0,
        };
        Self { stop: stop_tx, task: tokio::spawn(looper.run()), acker, acks }
    }

    /// The acknowledger of a persistent session (once; `None` otherwise). Drop it before
    /// [`Self::shutdown`] so that the acknowledgements still queued are sent first.
    pub fn take_acker(&mut self) -> Option<Acker> {
        self.acker.take()
    }

    /// Disconnects cleanly, purges the broker-side session and waits for the task (a few
    /// seconds at most).
    pub async fn shutdown(self) {
        drop(self.acker);
        if let Some(mut acks) = self.acks {
            if tokio::time::timeout(Duration::from_secs(2), &mut acks).await.is_err() {
                acks.abort();
            }
        }
        let _ = self.stop.send(true);
        let mut task = self.task;
        if tokio::time::timeout(Duration::from_secs(5), &mut task).await.is_err() {
            task.abort();
        }
    }

    /// True when the task has ended (stopped, or gave up on a permanent problem).
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

struct Looper {
    config: MqttConfig,
    clock: Arc<dyn Clock>,
    client: AsyncClient,
    eventloop: EventLoop,
    events: mpsc::Sender<TransportEvent>,
    stop: watch::Receiver<bool>,
    connected: bool,
    ever_connected: bool,
    /// Oversized packets since the last message that could be read.
    oversized_streak: u32,
}

enum Step {
    Continue,
    Stop,
}

impl Looper {
    async fn run(mut self) {
        let mut backoff = self.config.backoff_initial;
        loop {
            let polled = tokio::select! {
                biased;
                _ = self.stop.changed() => break,
                r = self.eventloop.poll() => r,
            };
            let step = match polled {
                Ok(event) => self.on_event(event, &mut backoff).await,
                Err(ConnectionError::RequestsDone) => Step::Stop,
                Err(e) => self.on_error(&e, &mut backoff).await,
            };
            if matches!(step, Step::Stop) {
                break;
            }
        }
        self.finish().await;
    }

    async fn on_event(&mut self, event: Event, backoff: &mut Duration) -> Step {
        match event {
            Event::Incoming(Packet::ConnAck(ack)) => {
                self.connected = true;
                self.ever_connected = true;
                if self.oversized_streak == 0 {
                    *backoff = self.config.backoff_initial;
                }
                let filters = self
                    .config
                    .filters
                    .iter()
                    .map(|f| SubscribeFilter::new(f.clone(), QoS::AtLeastOnce));
                if let Err(e) = self.client.try_subscribe_many(filters) {
                    let problem = ConnectionProblem {
                        message: format!("could not request the subscriptions: {e}"),
                        permanent: true,
                        auth: false,
                    };
                    return self.fail_permanently(problem).await;
                }
                self.forward(TransportEvent::Connected {
                    link: Link::Broker,
                    session_present: ack.session_present,
                })
                .await
            }
            Event::Incoming(Packet::SubAck(ack)) => {
                let mut granted = 0;
                let mut max_qos = 0;
                let mut refused = Vec::new();
                for (i, code) in ack.return_codes.iter().enumerate() {
                    match code {
                        SubscribeReasonCode::Success(q) => {
                            granted += 1;
                            max_qos = max_qos.max(*q as u8);
                        }
                        SubscribeReasonCode::Failure => {
                            refused.push(self.config.filters.get(i).cloned().unwrap_or_default());
                        }
                    }
                }
                self.forward(TransportEvent::Subscribed { granted, max_qos, refused }).await
            }
            Event::Incoming(Packet::Publish(p)) => {
                self.oversized_streak = 0;
                let ack = (self.config.persistent && p.qos != QoS::AtMostOnce).then_some(p.pkid);
                let raw = RawMessage {
                    received_at: self.clock.now(),
                    topic: p.topic,
                    payload: p.payload.to_vec(),
                };
                self.forward(TransportEvent::Message(Delivery {
                    raw,
                    dup: p.dup,
                    retain: p.retain,
                    ack,
                }))
                .await
            }
            Event::Incoming(Packet::Disconnect) | Event::Outgoing(Outgoing::Disconnect) => {
                self.connected = false;
                Step::Continue
            }
            _ => Step::Continue,
        }
    }

    /// Reports a connection problem that retrying cannot solve, and stops.
    async fn fail_permanently(&mut self, problem: ConnectionProblem) -> Step {
        let failed =
            TransportEvent::ConnectionFailed { link: Link::Broker, problem, retry_in: None };
        let _ = self.forward(failed).await;
        Step::Stop
    }

    async fn on_error(&mut self, e: &ConnectionError, backoff: &mut Duration) -> Step {
        self.connected = false;
        if let Some(size) = oversized(e) {
            let limit = self.config.max_packet_size;
            if matches!(self.forward(TransportEvent::Oversized { size, limit }).await, Step::Stop) {
                return Step::Stop;
            }
            self.oversized_streak = self.oversized_streak.saturating_add(1);
            // The broker keeps the unacknowledged copy in our session: discard the session.
            purge_session(&self.config).await;
        }
        let problem = classify(e, &self.config.url, self.ever_connected);
        if problem.permanent {
            return self.fail_permanently(problem).await;
        }
        let delay = *backoff;
        *backoff = (*backoff * 2).min(self.config.backoff_max);
        if matches!(
            self.forward(TransportEvent::ConnectionFailed {
                link: Link::Broker,
                problem,
                retry_in: Some(delay)
            })
            .await,
            Step::Stop
        ) {
            return Step::Stop;
        }
        tokio::select! {
            biased;
            _ = self.stop.changed() => Step::Stop,
            () = tokio::time::sleep(delay) => Step::Continue,
        }
    }

    /// Sends an event to the agent; stops when asked to or when nobody listens any more.
    async fn forward(&mut self, event: TransportEvent) -> Step {
        tokio::select! {
            biased;
            _ = self.stop.changed() => Step::Stop,
            r = self.events.send(event) => if r.is_ok() { Step::Continue } else { Step::Stop },
        }
    }

    async fn finish(mut self) {
        if self.connected && self.client.try_disconnect().is_ok() {
            let _ = tokio::time::timeout(Duration::from_secs(1), async {
                loop {
                    match self.eventloop.poll().await {
                        Ok(Event::Outgoing(Outgoing::Disconnect)) | Err(_) => break,
                        Ok(_) => {}
                    }
                }
            })
            .await;
        }
        if self.ever_connected && !self.config.persistent {
            purge_session(&self.config).await;
        }
    }
}

/// The announced size of an incoming packet rumqttc refused as too large.
fn oversized(e: &ConnectionError) -> Option<usize> {
    match e {
        ConnectionError::MqttState(StateError::Deserialization(
            rumqttc::Error::PayloadSizeLimitExceeded(n),
        )) => Some(*n),
        _ => None,
    }
}

/// Connects once with `clean_session = true` under the run's client id, which makes the broker
/// discard the persistent session, and disconnects.
async fn purge_session(config: &MqttConfig) {
    let (client, mut eventloop) = AsyncClient::new(config.options(true), 4);
    eventloop.set_network_options(config.network_options());
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        loop {
            match eventloop.poll().await {
                Ok(Event::Incoming(Packet::ConnAck(_))) => {
                    if client.try_disconnect().is_err() {
                        break;
                    }
                }
                Ok(Event::Outgoing(Outgoing::Disconnect)) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> BrokerUrl {
        BrokerUrl::plain("127.0.0.1", 1883)
    }

    #[test]
    fn client_ids_are_random_and_short_enough_for_every_broker() {
        let a = random_client_id();
        let b = random_client_id();
        assert_ne!(a, b);
        assert!(a.starts_with("rmacheck-") && a.len() == 21, "{a}");
    }

    #[test]
    fn the_options_carry_credentials_session_and_packet_size() {
        let mut c = MqttConfig::new(url(), vec!["#".into()]);
        c.credentials = Some(Credentials {
            username: "app@ttn".into(),
            password: Some(super::super::Secret::new("NNSXS.KEY")),
        });
        let o = c.options(false);
        assert!(!o.clean_session());
        assert_eq!(o.client_id(), c.client_id);
        assert_eq!(o.credentials().map(|l| l.username), Some("app@ttn".to_string()));
        assert_eq!(o.max_packet_size(), DEFAULT_MAX_MESSAGE_SIZE);
        assert!(c.options(true).clean_session());
        assert!(!format!("{c:?}").contains("NNSXS.KEY"));
    }
}
