//! `rmacheck watch`: subscribe to a network server's MQTT stream, follow the watched devices
//! live, optionally record every message, and print the devices' counters at the end.
//!
//! Exit codes: 0 the watch ended normally (duration, Ctrl-C); 2 bad arguments (URL, topic,
//! duration, password file, keys file, TLS files) or credentials / TLS certificate refused by the
//! broker; 74 the broker was never reached before the end, the capture file could not be written,
//! or the broker refused a reconnect permanently; 3 the watch ran but messages may have been lost
//! (an interval not observed without a resumed QoS-1 session, or a message larger than
//! `--max-message-size`): the capture and the counters are complete for what was observed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::anyhow;
use clap::Args;

use super::{CmdResult, Failure, input_err, io_err};
use crate::agent::duration::parse_duration;
use crate::agent::summary::{device_table, run_line};
use crate::agent::{self, AgentConfig, AgentOutcome, EndReason, SystemClock, ViewMode};
use crate::frame::keys::KeyStore;
use crate::transport::BrokerUrl;
use crate::transport::topics::{default_filters, validate_filters};

const WATCH_HELP: &str = "\
Examples:
  # ChirpStack v4 (gateway and application topics, any region prefix)
  rmacheck watch --broker mqtt://127.0.0.1:1883 --dev-eui 70b3d57ed0000001 --record cap.jsonl
  # The Things Stack: API key from a file (or RMACHECK_MQTT_PASSWORD), never on the command line
  rmacheck watch --broker mqtts://eu1.cloud.thethings.network --username my-app@ttn \\
      --password-file tts-api-key.txt --ca-file /etc/ssl/certs/ca-certificates.crt \\
      --dev-eui 70b3d57ed0000001 --duration 30m --record cap.jsonl
  # A fleet that survives restarts: state, Prometheus metrics and verdict events
  rmacheck watch --broker mqtt://127.0.0.1:1883 --all --state /var/lib/rmacheck/site-a \\
      --metrics 127.0.0.1:9464 --events verdicts.jsonl
  # The Things Stack Events API: failed joins and downlink outcomes too
  rmacheck watch --tts https://eu1.cloud.thethings.network --application-id my-app \\
      --api-key-file tts-api-key.txt --dev-eui 70b3d57ed0000001 --record cap.jsonl

Without --topic, watch subscribes to the ChirpStack gateway topics (with and without region
prefix), the ChirpStack application topics of each --dev-eui and The Things Stack's
v3/+/devices/+/{up,join,down/+}. The password comes from --password-file or
RMACHECK_MQTT_PASSWORD. With --state DIR a restarted watch continues every device's counters
and the broker keeps the messages that arrive meanwhile (persistent session, QoS 1). Exit codes: 0 normal end, 2 bad arguments or credentials refused,
3 messages may have been lost (see the \"not observed\" lines), 74 broker never reached or
capture file not writable.";

/// Arguments of `rmacheck watch`.
#[derive(Debug, Args)]
#[command(after_help = WATCH_HELP)]
pub struct WatchArgs {
    /// Fleet mode: `--all`, `--dev-eui-file`, `--events`, `--metrics`.
    #[command(flatten)]
    pub fleet: super::watch_fleet::FleetWatchArgs,
    /// Broker URL: mqtt://host:port or mqtts://host:port (TLS).
    #[arg(long, value_name = "URL", required_unless_present = "tts")]
    pub broker: Option<String>,
    /// Devices to watch (repeatable).
    #[arg(long = "dev-eui", value_name = "EUI", required_unless_present_any = ["all", "dev_eui_file"])]
    pub dev_eui: Vec<crate::model::DevEui>,
    /// Topic filters to subscribe to instead of the defaults (repeatable).
    #[arg(long = "topic", value_name = "FILTER")]
    pub topic: Vec<String>,
    /// Login and TLS.
    #[command(flatten)]
    pub login: super::connection::LoginArgs,
    /// Stop after this long (e.g. 90s, 30m, 2h, 1h30m, 1d); default: until Ctrl-C.
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
    /// Append every message received to this capture file as it arrives.
    #[arg(long, value_name = "FILE.jsonl")]
    pub record: Option<PathBuf>,
    /// AppKeys as registered on the network server (TOML), for MIC checks.
    #[arg(long, value_name = "FILE.toml")]
    pub keys: Option<PathBuf>,
    /// Largest message accepted (e.g. 16MiB, 512KiB, 1048576); a larger one is skipped unread
    /// and counted as malformed.
    #[arg(long, value_name = "SIZE", default_value = "16MiB", value_parser = parse_size)]
    pub max_message_size: usize,
    /// Keep the fleet's state in this directory and continue from it when restarted (device
    /// counters, learnt DevAddrs, gateway availability, verdicts), with a persistent MQTT
    /// session: messages the broker keeps while the watch is away arrive once, nothing counts
    /// twice.
    #[arg(long, value_name = "DIR")]
    pub state: Option<PathBuf>,
    /// MQTT client id of the persistent session instead of the one kept in the --state
    /// directory (derived from its path when it was created).
    #[arg(long, value_name = "ID", requires = "state")]
    pub client_id: Option<String>,
    /// The Things Stack Events API.
    #[command(flatten)]
    pub tts: super::watch_tts::TtsArgs,
}

/// The exit code of a watch that may have lost messages.
pub const EXIT_LOSS_POSSIBLE: u8 = 3;

fn parse_size(s: &str) -> Result<usize, String> {
    let size: bytesize::ByteSize = s
        .trim()
        .parse()
        .map_err(|e| format!("{e}; write a size such as 16MiB, 512KiB or 1048576"))?;
    let n = usize::try_from(size.as_u64()).map_err(|_| "too large".to_string())?;
    // MQTT's remaining-length field ends at 256 MiB - 1.
    if !(1024..=268_435_455).contains(&n) {
        return Err("must be between 1KiB and 256MiB".into());
    }
    Ok(n)
}

/// The environment variable holding the MQTT password.
pub const PASSWORD_ENV: &str = "RMACHECK_MQTT_PASSWORD";

/// Turns the arguments into an agent configuration (no network yet).
///
/// # Errors
/// A [`Failure::Input`] naming the bad argument.
pub fn agent_config(args: &WatchArgs) -> Result<AgentConfig, Failure> {
    let tts = args.tts.config(&args.dev_eui)?;
    // With --tts alone no MQTT connection is made (no topic filters).
    let url: BrokerUrl =
        args.broker.as_deref().unwrap_or("mqtt://127.0.0.1:1883").parse().map_err(input_err)?;
    let filters = if args.broker.is_none() {
        Vec::new()
    } else if args.topic.is_empty() {
        let mut f = default_filters(&args.dev_eui);
        f.extend(args.fleet.filters());
        f
    } else {
        validate_filters(&args.topic).map_err(input_err)?
    };
    let duration = args.duration.as_deref().map(parse_duration).transpose().map_err(input_err)?;
    let keys = match &args.keys {
        Some(path) => super::secret_files::load_keys(path)?,
        None => KeyStore::default(),
    };
    let mut mqtt = args.login.mqtt_config(url, filters)?;
    mqtt.max_packet_size = args.max_message_size;
    let fleet = args.fleet.config(&keys)?;
    let mut config = AgentConfig::new(mqtt, args.dev_eui.clone());
    config.fleet = fleet;
    config.keys = keys;
    config.duration = duration;
    config.record = args.record.clone();
    config.handle_ctrl_c = true;
    config.tts = tts;
    if let Some(id) = args.client_id.as_deref().filter(|id| id.trim().is_empty()) {
        return Err(input_err(anyhow!(
            "--client-id '{id}' is empty; give a non-empty MQTT client id"
        )));
    }
    config.state =
        args.state.clone().map(|dir| agent::StateConfig { dir, client_id: args.client_id.clone() });
    Ok(config)
}

/// Runs the command.
pub fn run(args: WatchArgs) -> CmdResult {
    let config = agent_config(&args)?;
    let broker = agent::source_name(&config);
    let devices = config.devices.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| io_err(anyhow!("cannot start the async runtime: {e}")))?;
    let outcome = runtime
        .block_on(agent::run(config, Arc::new(SystemClock), ViewMode::auto()))
        .map_err(|e| match e {
            agent::AgentError::Record { .. } | agent::AgentError::Events { .. } => io_err(e),
            agent::AgentError::NoFilters => input_err(e),
            agent::AgentError::State(crate::state::StateError::Io { .. }) => io_err(e),
            agent::AgentError::State(_) => input_err(e),
        })?;
    finish(&outcome, &broker, &devices, args.record.as_deref())
}

fn finish(
    outcome: &AgentOutcome,
    broker: &str,
    devices: &[crate::model::DevEui],
    record: Option<&std::path::Path>,
) -> CmdResult {
    if outcome.never_connected() {
        let why = outcome
            .last_problem
            .as_ref()
            .map_or_else(|| "no connection attempt finished".to_string(), |p| p.message.clone());
        return Err(match &outcome.end {
            EndReason::GaveUp(p) if p.permanent => input_err(anyhow!("{why}")),
            _ => io_err(anyhow!("never connected to {broker} before the end: {why}")),
        });
    }
    let escape = crate::render::terminal::escape;
    let width = crate::render::width::terminal_width();
    print!("{}", escape(&crate::render::width::wrap(&run_line(outcome, broker), width, "", "  ")));
    match &outcome.fleet {
        Some(view) => {
            println!("{}", escape(&crate::fleet::table::table(view, super::fleet::stdout_fit())));
        }
        None => println!("{}", escape(&device_table(outcome, devices, width))),
    }
    if let Some(path) = record {
        if outcome.counters.ingested > 0 {
            if let Some(eui) = devices.first() {
                eprintln!(
                    "next: rmacheck diagnose {} --dev-eui {eui}",
                    shell_word(&path.display().to_string())
                );
            }
        }
    }
    match &outcome.end {
        EndReason::GaveUp(p) => Err(io_err(anyhow!("the watch ended early: {}", p.message))),
        EndReason::RecordFailed(e) => Err(io_err(anyhow!("{e}"))),
        _ if outcome.loss_possible() => {
            eprintln!(
                "warning: messages may have been lost while the watch was not observing (see \
                 the \"not observed\" intervals); exit code {EXIT_LOSS_POSSIBLE}"
            );
            Ok(ExitCode::from(EXIT_LOSS_POSSIBLE))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn shell_word(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: WatchArgs,
    }

    fn parse(argv: &[&str]) -> WatchArgs {
        let mut full = vec!["watch"];
        full.extend_from_slice(argv);
        Wrapper::try_parse_from(full).unwrap().args
    }

    fn input_error(args: &WatchArgs) -> String {
        match agent_config(args) {
            Err(Failure::Input(e)) => format!("{e:#}"),
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn defaults_subscribe_to_gateway_application_and_tts_topics() {
        let c = agent_config(&parse(&[
            "--broker",
            "mqtt://127.0.0.1:1883",
            "--dev-eui",
            "0203040502030405",
        ]))
        .unwrap();
        assert_eq!(c.mqtt.filters.len(), 6 + 2 + 3);
        assert!(c.handle_ctrl_c && c.duration.is_none() && c.mqtt.tls.is_none());
    }

    #[test]
    fn bad_arguments_are_input_errors_that_name_the_problem() {
        let cases: [(&[&str], &str); 5] = [
            (&["--broker", "http://x", "--dev-eui", "0203040502030405"], "unknown scheme"),
            (
                &["--broker", "mqtt://x", "--dev-eui", "0203040502030405", "--duration", "30"],
                "unit is missing",
            ),
            (
                &["--broker", "mqtt://x", "--dev-eui", "0203040502030405", "--topic", "a/#/b"],
                "invalid topic filter",
            ),
            (&["--broker", "mqtts://x", "--dev-eui", "0203040502030405"], "needs --ca-file"),
            (
                &["--broker", "mqtt://x", "--dev-eui", "0203040502030405", "--ca-file", "ca.pem"],
                "only apply to TLS",
            ),
        ];
        for (argv, needle) in cases {
            let err = input_error(&parse(argv));
            assert!(err.contains(needle), "{argv:?}: expected '{needle}' in '{err}'");
        }
    }

    #[test]
    fn an_unreadable_password_file_is_an_input_error() {
        let err = input_error(&parse(&[
            "--broker",
            "mqtt://x",
            "--dev-eui",
            "0203040502030405",
            "--username",
            "u",
            "--password-file",
            "/nonexistent/pw",
        ]));
        assert!(err.contains("cannot read password file /nonexistent/pw"), "{err}");
    }

    #[test]
    fn message_sizes_are_read_with_units_and_bounded() {
        let cases = [
            ("16MiB", Ok(16 * 1024 * 1024)),
            ("512 KiB", Ok(512 * 1024)),
            ("1048576", Ok(1_048_576)),
            ("2MB", Ok(2_000_000)),
            ("1", Err("between")),
            ("1GiB", Err("between")),
            ("lots", Err("16MiB")),
        ];
        for (input, want) in cases {
            match (parse_size(input), want) {
                (Ok(n), Ok(w)) => assert_eq!(n, w, "{input}"),
                (Err(e), Err(needle)) => assert!(e.contains(needle), "{input}: {e}"),
                (got, want) => panic!("{input}: got {got:?}, want {want:?}"),
            }
        }
        let c = agent_config(&parse(&["--broker", "mqtt://x", "--dev-eui", "0203040502030405"]))
            .unwrap();
        assert_eq!(c.mqtt.max_packet_size, crate::transport::mqtt::DEFAULT_MAX_MESSAGE_SIZE);
    }

    #[test]
    fn capture_paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_word("cap.jsonl"), "cap.jsonl");
        assert_eq!(shell_word("my cap.jsonl"), "'my cap.jsonl'");
    }
}
