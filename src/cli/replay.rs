//! `rmacheck replay`: publish a capture's messages to a broker with their original topics and
//! payload bytes, keeping their relative timing (scaled by `--speed`), so that support staff can
//! reproduce a customer's case against their own tools or a second rmacheck.
//!
//! A reader thread runs the shared capture loop and feeds a bounded channel; the publisher
//! waits for each message's wall slot and publishes it; the rumqttc event loop runs in its own
//! task and counts the broker's acknowledgements. The command ends when every message is
//! acknowledged (QoS 1) or written to the connection (QoS 0).
//!
//! Exit codes: 0 every message published; 2 bad arguments, an unreadable capture file, or the
//! broker refused the credentials or the TLS handshake; 74 the broker could not be reached or
//! the connection was lost.

use std::io::IsTerminal as _;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rumqttc::{AsyncClient, ConnectionError, Event, Outgoing, Packet, QoS};
use tokio::sync::{mpsc, watch};

use super::captures::{self, Item};
use super::connection::ConnectionArgs;
use super::{CmdResult, Failure, input_err, io_err};
use crate::model::RawMessage;
use crate::transport::MqttConfig;
use crate::transport::problem::classify;

const REPLAY_HELP: &str = "\
Examples:
  # Replay a customer's evidence in real time to the local broker
  rmacheck replay bundle/evidence.jsonl --broker mqtt://127.0.0.1:1883
  # Sixty times faster, under a prefix that keeps it apart from live traffic
  rmacheck replay cap.jsonl --broker mqtt://127.0.0.1:1883 --speed 60 --topic-prefix replay/88812
  # As fast as the broker takes it, then record it with a second rmacheck:
  rmacheck watch --broker mqtt://127.0.0.1:1883 --all --topic 'replay/#' --record copy.jsonl

Messages keep their topics and payload bytes; their relative timing is kept, scaled by
--speed. The password comes from --password-file or RMACHECK_MQTT_PASSWORD. Exit codes:
0 every message published, 2 bad arguments or credentials refused, 74 broker not reached or
connection lost.";

/// Arguments of `rmacheck replay`.
#[derive(Debug, Args)]
#[command(after_help = REPLAY_HELP)]
pub struct ReplayArgs {
    /// Capture files (JSONL; also `mosquitto_sub -F %j` / `-F %J` output), played in order.
    #[arg(required = true, value_name = "CAPTURE.jsonl")]
    pub captures: Vec<PathBuf>,
    /// The broker and how to log in.
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(flatten)]
    pub threads: super::ThreadsArg,
    /// Play N times faster than recorded (0.5 = half as fast).
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Publish without pauses, as fast as the broker takes the messages.
    #[arg(long, conflicts_with = "speed")]
    pub as_fast_as_possible: bool,
    /// Publish under PREFIX/<original topic> instead of the original topic.
    #[arg(long, value_name = "PREFIX", value_parser = parse_prefix)]
    pub topic_prefix: Option<String>,
    /// QoS of every publication.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(0..=1))]
    pub qos: u8,
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err("must be a number above 0 (e.g. 1, 60, 0.5); or use --as-fast-as-possible".into()),
    }
}

fn parse_prefix(s: &str) -> Result<String, String> {
    let p = s.trim_end_matches('/');
    if p.is_empty() || p.contains(['+', '#', '\0']) {
        return Err("must be a topic prefix without '+', '#' or NUL, e.g. replay/case-88812".into());
    }
    Ok(p.to_string())
}

/// How fast the capture is played.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pace {
    /// Relative timing kept, divided by the factor.
    Scaled(f64),
    /// No pauses.
    AsFastAsPossible,
}

/// When (after the first message) a message received at `at` is due, for a capture whose first
/// message was received at `first`. Never negative: a message older than the first one is due
/// at once.
#[must_use]
pub fn due_after(first: DateTime<Utc>, at: DateTime<Utc>, pace: Pace) -> Duration {
    let Pace::Scaled(factor) = pace else { return Duration::ZERO };
    let offset = (at - first).to_std().unwrap_or(Duration::ZERO);
    Duration::try_from_secs_f64(offset.as_secs_f64() / factor).unwrap_or(Duration::MAX)
}

/// The topic a message is published on.
#[must_use]
pub fn replay_topic(prefix: Option<&str>, topic: &str) -> String {
    match prefix {
        Some(p) => format!("{p}/{topic}"),
        None => topic.to_string(),
    }
}

/// Why the connection ended.
#[derive(Debug, Clone)]
enum Ended {
    /// Retrying cannot help (credentials, TLS): a usage error.
    Refused(String),
    /// The broker could not be reached, or the connection was lost.
    Lost(String),
}

impl Ended {
    fn failure(&self) -> Failure {
        match self {
            Ended::Refused(m) => input_err(anyhow!("{m}")),
            Ended::Lost(m) => io_err(anyhow!("{m}")),
        }
    }
}

/// What the event-loop task has seen so far.
#[derive(Debug, Clone, Default)]
struct LoopState {
    connected: bool,
    /// PUBACKs (QoS 1) or publications written to the connection (QoS 0).
    done: u64,
    failed: Option<Ended>,
}

async fn drive(
    mut eventloop: rumqttc::EventLoop,
    config: MqttConfig,
    qos: QoS,
    state: watch::Sender<LoopState>,
) {
    loop {
        let event = eventloop.poll().await;
        match event {
            Ok(Event::Incoming(Packet::ConnAck(_))) => state.send_modify(|s| s.connected = true),
            Ok(Event::Incoming(Packet::PubAck(_))) if qos == QoS::AtLeastOnce => {
                state.send_modify(|s| s.done += 1);
            }
            Ok(Event::Outgoing(Outgoing::Publish(_))) if qos == QoS::AtMostOnce => {
                state.send_modify(|s| s.done += 1);
            }
            Ok(Event::Outgoing(Outgoing::Disconnect)) | Err(ConnectionError::RequestsDone) => {
                return;
            }
            Ok(_) => {}
            Err(e) => {
                let connected = state.borrow().connected;
                let problem = classify(&e, &config.url, connected);
                let failure = if connected {
                    Ended::Lost(format!(
                        "the connection to {} was lost: {}",
                        config.url, problem.message
                    ))
                } else if problem.permanent {
                    Ended::Refused(problem.message)
                } else {
                    Ended::Lost(problem.message)
                };
                state.send_modify(|s| s.failed = Some(failure));
                return;
            }
        }
    }
}

/// Waits until the event loop state satisfies `ready`, or it failed.
async fn wait_for(
    state: &mut watch::Receiver<LoopState>,
    ready: impl Fn(&LoopState) -> bool,
) -> Result<(), Failure> {
    let s = state.wait_for(|s| s.failed.is_some() || ready(s)).await;
    let s = s.map_err(|_| io_err(anyhow!("the MQTT connection ended unexpectedly")))?;
    match &s.failed {
        Some(ended) => Err(ended.failure()),
        None => Ok(()),
    }
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} messages published · {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

async fn publish_all(
    args: &ReplayArgs,
    config: MqttConfig,
    mut messages: mpsc::Receiver<RawMessage>,
    progress: &ProgressBar,
) -> Result<u64, Failure> {
    let qos = if args.qos == 0 { QoS::AtMostOnce } else { QoS::AtLeastOnce };
    let pace =
        if args.as_fast_as_possible { Pace::AsFastAsPossible } else { Pace::Scaled(args.speed) };
    let (client, mut eventloop) = AsyncClient::new(config.options(true), 64);
    eventloop.set_network_options(config.network_options());
    let (state_tx, mut state) = watch::channel(LoopState::default());
    let task = tokio::spawn(drive(eventloop, config.clone(), qos, state_tx));
    wait_for(&mut state, |s| s.connected).await?;
    progress.set_message(format!("connected to {}", config.url));
    let plain = progress.is_hidden();
    let mut first: Option<(DateTime<Utc>, tokio::time::Instant)> = None;
    let mut published = 0u64;
    while let Some(msg) = messages.recv().await {
        let (t0, wall0) = *first.get_or_insert((msg.received_at, tokio::time::Instant::now()));
        let due = wall0 + due_after(t0, msg.received_at, pace);
        tokio::select! {
            () = tokio::time::sleep_until(due) => {}
            r = wait_for(&mut state, |_| false) => r?,
        }
        let topic = replay_topic(args.topic_prefix.as_deref(), &msg.topic);
        let sent = tokio::select! {
            r = client.publish(topic, qos, false, msg.payload) => r,
            r = wait_for(&mut state, |_| false) => { r?; continue; }
        };
        sent.map_err(|e| io_err(anyhow!("could not publish to {}: {e}", config.url)))?;
        published += 1;
        progress.set_position(published);
        progress.set_message(crate::time::timestamp(msg.received_at));
        if plain && published % 1000 == 0 {
            eprintln!(
                "{published} messages published (capture time {})",
                crate::time::timestamp(msg.received_at)
            );
        }
    }
    wait_for(&mut state, |s| s.done >= published).await?;
    let _ = client.disconnect().await;
    let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
    Ok(published)
}

/// Runs the command.
pub fn run(args: ReplayArgs) -> CmdResult {
    let config = args.connection.mqtt_config(Vec::new())?;
    // Open every capture before connecting: a wrong path fails fast.
    for path in &args.captures {
        crate::capture::open(path).map_err(input_err)?;
    }
    let progress = progress_bar();
    let (tx, rx) = mpsc::channel::<RawMessage>(256);
    let paths = args.captures.clone();
    let reader_progress = progress.clone();
    let reader = std::thread::spawn(move || {
        captures::each_item(&paths, &reader_progress, |item| match item {
            Item::Message(_, msg) => {
                if tx.blocking_send(msg).is_err() {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Item::Unreadable(..) => ControlFlow::Continue(()),
        })
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| io_err(anyhow!("cannot start the async runtime: {e}")))?;
    let result = runtime.block_on(publish_all(&args, config.clone(), rx, &progress));
    progress.finish_and_clear();
    let unreadable = match reader.join() {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => return Err(input_err(e)),
        Err(_) => return Err(io_err(anyhow!("the capture reader stopped unexpectedly"))),
    };
    let published = result?;
    let skipped = if unreadable > 0 {
        format!(" ({unreadable} unreadable lines skipped)")
    } else {
        String::new()
    };
    println!("published {published} messages to {}{skipped}", config.url);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn t(s: u32, ms: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, s).unwrap()
            + chrono::TimeDelta::milliseconds(ms.into())
    }

    #[test]
    fn messages_are_due_at_their_offset_divided_by_the_speed() {
        let cases = [
            (t(0, 0), Pace::Scaled(1.0), Duration::ZERO),
            (t(30, 0), Pace::Scaled(1.0), Duration::from_secs(30)),
            (t(30, 0), Pace::Scaled(60.0), Duration::from_millis(500)),
            (t(1, 500), Pace::Scaled(0.5), Duration::from_secs(3)),
            (t(59, 0), Pace::AsFastAsPossible, Duration::ZERO),
        ];
        for (at, pace, want) in cases {
            assert_eq!(due_after(t(0, 0), at, pace), want, "{at} at {pace:?}");
        }
    }

    #[test]
    fn a_message_older_than_the_first_is_due_at_once() {
        assert_eq!(due_after(t(10, 0), t(5, 0), Pace::Scaled(1.0)), Duration::ZERO);
    }

    #[test]
    fn a_prefix_goes_in_front_of_the_original_topic() {
        assert_eq!(replay_topic(None, "eu868/gateway/1/event/up"), "eu868/gateway/1/event/up");
        assert_eq!(
            replay_topic(Some("r/1"), "eu868/gateway/1/event/up"),
            "r/1/eu868/gateway/1/event/up"
        );
    }

    #[test]
    fn bad_speeds_and_prefixes_are_refused_with_what_to_write() {
        for bad in ["0", "-1", "fast", "NaN", "inf"] {
            assert!(parse_speed(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_speed("60"), Ok(60.0));
        for bad in ["", "/", "a/+/b", "#"] {
            assert!(parse_prefix(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_prefix("replay/1/").as_deref(), Ok("replay/1"));
    }
}
