//! The command line: argument definitions (clap derive) and dispatch to one file per command.
//!
//! Exit codes (contract): 0 success; 1 the command ran and found a problem (`verify` failed);
//! 2 usage or input error; 74 I/O failure (broker unreachable, unwritable file).

pub mod captures;
pub mod connection;
pub mod demo;
pub mod diagnose;
pub mod fleet;
pub mod inspect;
pub mod keygen;
pub mod profiles;
pub mod replay;
pub mod report;
pub mod secret_files;
pub mod verify;
pub mod watch;
pub mod watch_fleet;
pub mod watch_tts;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::DevEui;

/// How a command failed; decides the exit code.
#[derive(Debug)]
pub enum Failure {
    /// The command ran and found a problem (exit 1).
    Problem(anyhow::Error),
    /// Bad usage or input (exit 2).
    Input(anyhow::Error),
    /// I/O failure (exit 74).
    Io(anyhow::Error),
}

impl Failure {
    /// The process exit code.
    #[must_use]
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Problem(_) => ExitCode::from(1),
            Failure::Input(_) => ExitCode::from(2),
            Failure::Io(_) => ExitCode::from(74),
        }
    }
    /// The error with its cause chain.
    #[must_use]
    pub fn error(&self) -> &anyhow::Error {
        match self {
            Failure::Problem(e) | Failure::Input(e) | Failure::Io(e) => e,
        }
    }
}

/// Result of a command.
pub type CmdResult = Result<ExitCode, Failure>;

/// Wraps an error as an input error.
pub fn input_err(e: impl Into<anyhow::Error>) -> Failure {
    Failure::Input(e.into())
}

/// Wraps an error as an I/O error.
pub fn io_err(e: impl Into<anyhow::Error>) -> Failure {
    Failure::Io(e.into())
}

const AFTER_HELP: &str = "\
Examples:
  rmacheck demo                                   # the whole flow, offline, in under 30 s
  rmacheck watch --broker mqtt://127.0.0.1:1883 --dev-eui 70b3d57ed0000001 --record cap.jsonl
  rmacheck inspect cap.jsonl --dev-eui 70b3d57ed0000001
  rmacheck diagnose cap.jsonl --dev-eui 70b3d57ed0000001 --keys keys.toml
  rmacheck report cap.jsonl --dev-eui 70b3d57ed0000001 --rma rma.toml --sign-key key --out bundle/
  rmacheck verify bundle/ --allowed-signers allowed_signers
  rmacheck fleet cap.jsonl --keys keys.toml        # every device at once, worst first
  rmacheck replay bundle/evidence.jsonl --broker mqtt://127.0.0.1:1883 --speed 60

Exit codes: 0 success, 1 problem found (verify failed), 2 usage or input error, 74 I/O failure.
Colour: honours NO_COLOR.";

/// LoRaWAN device diagnostics before an RMA.
#[derive(Debug, Parser)]
#[command(name = "rmacheck", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats of `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectFormat {
    /// Human-readable tables.
    Table,
    /// One JSON object (contract).
    Json,
}

/// Output formats of `diagnose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnoseFormat {
    /// Human-readable tables.
    Table,
    /// One JSON object (contract).
    Json,
    /// Markdown for tickets.
    Markdown,
}

pub use crate::model::Lang;

/// Inputs shared by the commands that read captures.
#[derive(Debug, Clone, Args)]
pub struct CaptureArgs {
    /// Capture files (JSONL; also `mosquitto_sub -F %j` / `-F %J` output), read in order.
    #[arg(required = true, value_name = "CAPTURE.jsonl")]
    pub captures: Vec<PathBuf>,
    /// The device to look at (any case, separators allowed).
    #[arg(long, value_name = "EUI")]
    pub dev_eui: DevEui,
    /// AppKeys as registered on the network server (TOML), for MIC checks.
    #[arg(long, value_name = "FILE.toml")]
    pub keys: Option<PathBuf>,
    #[command(flatten)]
    pub threads: ThreadsArg,
}

/// `--threads N` of the commands that read captures.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct ThreadsArg {
    /// Threads that read and parse the captures, and that `fleet` diagnoses its devices on
    /// (default: all cores). Results and message indices are the same for every N; tracking
    /// runs in message order.
    #[arg(long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
}

impl ThreadsArg {
    /// Makes the capture readers use this many threads (all cores when not given).
    pub fn apply(self) {
        let n = self.threads.or_else(|| std::thread::available_parallelism().ok());
        crate::capture::set_default_threads(n.map_or(1, std::num::NonZeroUsize::get));
    }
}

/// The commands.
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Watch a network server's MQTT stream for devices, live.
    Watch(Box<watch::WatchArgs>),
    /// Show a device's timeline and counters from captures.
    Inspect(inspect::InspectArgs),
    /// Decide what is wrong with a device, with evidence.
    Diagnose(diagnose::DiagnoseArgs),
    /// Write the signed RMA report bundle.
    Report(report::ReportArgs),
    /// Verify a report bundle (signature, hashes, fresh diagnosis).
    Verify(verify::VerifyArgs),
    /// Create an Ed25519 signing key pair (OpenSSH format).
    Keygen(keygen::KeygenArgs),
    /// Run the whole flow offline against simulated devices.
    Demo(demo::DemoArgs),
    /// List or show device profiles.
    Profiles(profiles::ProfilesArgs),
    /// Diagnose every device at once: the fleet's health table, worst first.
    Fleet(fleet::FleetArgs),
    /// Publish captures to a broker with their original topics and timing.
    Replay(replay::ReplayArgs),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> CmdResult {
    match &cli.command {
        Command::Inspect(a) => a.input.threads.apply(),
        Command::Diagnose(a) => a.input.threads.apply(),
        Command::Report(a) => a.input.threads.apply(),
        Command::Fleet(a) => a.threads.apply(),
        Command::Replay(a) => a.threads.apply(),
        _ => {}
    }
    match cli.command {
        Command::Watch(a) => watch::run(*a),
        Command::Inspect(a) => inspect::run(a),
        Command::Diagnose(a) => diagnose::run(a),
        Command::Report(a) => report::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Keygen(a) => keygen::run(a),
        Command::Demo(a) => demo::run(a),
        Command::Profiles(a) => profiles::run(a),
        Command::Fleet(a) => fleet::run(a),
        Command::Replay(a) => replay::run(a),
    }
}

/// Reads every capture into a pipeline through the one capture loop ([`captures`]): all files
/// are opened first, so a missing one fails fast; `-` is standard input; bad lines are reported
/// on stderr with file and line number and skipped; a spinner shows progress on long captures
/// when stderr is a terminal.
///
/// # Errors
/// A capture file that cannot be opened.
pub fn read_captures(
    paths: &[std::path::PathBuf],
    config: crate::tracker::TrackerConfig,
) -> anyhow::Result<crate::pipeline::Pipeline> {
    read_captures_into(paths, crate::pipeline::Pipeline::new(config))
}

/// [`read_captures`] into a given pipeline (e.g. one whose tracker has other limits).
///
/// # Errors
/// A capture file that cannot be opened.
pub fn read_captures_into(
    paths: &[std::path::PathBuf],
    mut pipeline: crate::pipeline::Pipeline,
) -> anyhow::Result<crate::pipeline::Pipeline> {
    let progress = indicatif::ProgressBar::new_spinner();
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    // Messages are decoded on every capture thread, in batches, and ingested in order on
    // another thread while the next batches are read.
    let shown = |file: usize, index: u64| {
        let n = index + 1;
        if n % 20_000 == 0 {
            let name = paths.get(file).map(|p| p.display().to_string()).unwrap_or_default();
            progress.set_message(format!("{n} messages read; reading {name}"));
            progress.tick();
        }
    };
    // The file being read (it may be a batch or two ahead of the messages counted).
    let reading = std::sync::atomic::AtomicUsize::new(0);
    let batch = crate::pipeline::Batch::new(crate::capture::default_threads());
    let each = |i| shown(reading.load(std::sync::atomic::Ordering::Relaxed), i);
    crate::pipeline::ingest_with(&mut pipeline, batch, each, |feed| {
        captures::each_item(paths, &progress, |item| {
            match item {
                captures::Item::Message(file, msg) => {
                    reading.store(file, std::sync::atomic::Ordering::Relaxed);
                    feed.push(msg);
                }
                captures::Item::Unreadable(_, bad) => feed.push_unreadable(bad.reason(&bad.file)),
            }
            std::ops::ControlFlow::Continue(())
        })
    })?;
    progress.finish_and_clear();
    let copies = pipeline.duplicates();
    if copies > 0 {
        eprintln!(
            "note: {copies} second {} of messages (redeliveries, or a capture given twice) \
             counted once",
            if copies == 1 { "copy" } else { "copies" }
        );
    }
    Ok(pipeline)
}
