//! `rmacheck demo`: the whole flow on simulated devices, offline, in seconds.
//!
//! An embedded broker (rumqttd) on a free loopback port; the simulator replays a scenario to
//! it in compressed wall time; the watch agent records and tracks the device with a virtual
//! clock the replay drives (so every `received_at` is the simulated time); then diagnosis,
//! and a signed bundle with a throwaway key. Without `--scenario`, a short guided tour.
//!
//! `RMACHECK_DEMO_SPEED` (or the hidden `--speed`) scales the replay: 2 is twice as fast,
//! 0 as fast as the lockstep with the agent allows (the tests use it).

pub mod broker;
pub mod replay;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use clap::Args;

use super::{CmdResult, input_err, io_err};
use crate::diagnosis::{self, DiagnoseOptions, Diagnosis};
use crate::pipeline::Pipeline;
use crate::sim::{self, Scenario, SimOutput};
use crate::tracker::{TrackerConfig, Window};

pub use broker::EmbeddedBroker;

/// Arguments of `rmacheck demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// One scenario (healthy, wrong-appkey, unregistered, devnonce-reuse, join-accept-lost,
    /// gateway-tx-fail, fcnt-reset, weak-signal, silent); default: a short guided tour.
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// Where to write the signed bundle(s); default: a new directory under the system temp dir.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replay speed factor (0: as fast as possible).
    #[arg(long, hide = true, env = "RMACHECK_DEMO_SPEED", value_name = "FACTOR")]
    pub speed: Option<f64>,
}

/// The seed every demo run uses (the demo is reproducible).
pub const DEMO_SEED: u64 = 2026;

/// How long the replay of one scenario takes at speed 1.
const REPLAY_WALL: Duration = Duration::from_secs(4);

/// The scenarios of the guided tour.
pub const TOUR: [Scenario; 2] = [Scenario::Healthy, Scenario::WrongAppkey];

/// Options of one demo scenario run.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// Replay speed factor (0: as fast as possible).
    pub speed: f64,
    /// Print the narrative and tables.
    pub verbose: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { speed: 1.0, verbose: true }
    }
}

/// What one scenario run produced.
#[derive(Debug)]
pub struct DemoOutcome {
    /// The scenario.
    pub scenario: Scenario,
    /// The diagnosis of the device under test.
    pub diagnosis: Diagnosis,
    /// Where its files are.
    pub dir: PathBuf,
    /// Messages replayed.
    pub messages: usize,
}

fn step() -> Style {
    Style::new().fg_color(Some(AnsiColor::Cyan.into())).bold()
}

fn bold() -> Style {
    Style::new().bold()
}

fn dim() -> Style {
    Style::new().dimmed()
}

fn say(opts: &DemoOptions, text: &str) {
    if opts.verbose {
        let s = step();
        eprintln!("{s}▸{s:#} {text}");
    }
}

fn scenario_list() -> String {
    Scenario::ALL.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ")
}

fn default_out() -> PathBuf {
    let stamp = Utc::now().format("%Y%m%d-%H%M%S");
    std::env::temp_dir().join(format!("rmacheck-demo-{stamp}-{}", std::process::id()))
}

/// Runs the command.
pub fn run(args: DemoArgs) -> CmdResult {
    let scenarios = match &args.scenario {
        Some(name) => match Scenario::from_name(name.trim()) {
            Some(s) => vec![s],
            None => {
                return Err(input_err(anyhow::anyhow!(
                    "unknown scenario '{name}'; choose one of: {}",
                    scenario_list()
                )));
            }
        },
        None => TOUR.to_vec(),
    };
    let out = args.out.clone().unwrap_or_else(default_out);
    let opts = DemoOptions { speed: args.speed.unwrap_or(1.0), verbose: true };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
        .map_err(io_err)?;
    let started = Instant::now();
    let b = bold();
    eprintln!("{b}rmacheck demo{b:#} — the whole flow on simulated LoRaWAN devices, offline.");
    let broker = broker::start().map_err(io_err)?;
    say(
        &opts,
        &format!(
            "Embedded MQTT broker on {} (loopback only, nothing leaves this machine)",
            broker.url()
        ),
    );
    let tour = scenarios.len() > 1;
    let mut outcomes = Vec::new();
    for (i, s) in scenarios.iter().enumerate() {
        let dir = if tour { out.join(s.name()) } else { out.clone() };
        if opts.verbose {
            eprintln!();
            eprintln!(
                "{b}━━ Scenario {}/{}: {}{b:#} — {}",
                i + 1,
                scenarios.len(),
                s.name(),
                s.description()
            );
        }
        let outcome = runtime.block_on(run_scenario(*s, &dir, &broker, opts)).map_err(io_err)?;
        outcomes.push(outcome);
    }
    if opts.verbose {
        eprintln!();
        let d = dim();
        eprintln!(
            "{d}Done in {:.1} s. Other scenarios: rmacheck demo --scenario NAME ({}).{d:#}",
            started.elapsed().as_secs_f64(),
            scenario_list()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs one scenario into `dir` against a running broker: simulate, watch the replay,
/// diagnose, write the bundle.
///
/// # Errors
/// When `dir` cannot be written or the broker cannot be used.
pub async fn run_scenario(
    scenario: Scenario,
    dir: &Path,
    broker: &EmbeddedBroker,
    opts: DemoOptions,
) -> anyhow::Result<DemoOutcome> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the demo directory {}", dir.display()))?;
    let cfg = sim::scenarios::config(scenario, DEMO_SEED, sim::default_start());
    let window = Window { from: cfg.start, to: cfg.start + cfg.duration };
    let out = sim::simulate(&cfg);
    say(
        &opts,
        &format!(
            "Simulated {} of an EU868 site: {} gateway(s) speaking ChirpStack v4 gateway JSON, a \
         network-server stand-in, device {}{} — {} MQTT messages",
            human_span(window.from, window.to),
            cfg.gateways.len(),
            out.dev_eui,
            out.reference_dev_eui.map(|r| format!(" and reference device {r}")).unwrap_or_default(),
            out.messages.len(),
        ),
    );
    let capture = dir.join("capture.jsonl");
    let keys = dir.join("keys.toml");
    write_keys(&keys, &out).with_context(|| format!("cannot write {}", keys.display()))?;
    say(
        &opts,
        &format!(
            "Replaying them to the broker in ~{:.0} s of wall time (the watch agent stamps each \
         message with its simulated time)",
            if opts.speed > 0.0 { REPLAY_WALL.as_secs_f64() / opts.speed } else { 0.0 }
        ),
    );
    let pipeline = watch_replay(&out, broker, &capture, window, opts).await?;
    say(&opts, &format!("Recorded {} messages to {}", pipeline.messages(), capture.display()));
    let diagnosis = diagnose(&pipeline, &out, window);
    if opts.verbose {
        print_diagnosis(&diagnosis);
    }
    Ok(DemoOutcome { scenario, diagnosis, dir: dir.to_path_buf(), messages: out.messages.len() })
}

/// Publishes the simulated messages to the broker and tracks them.
async fn watch_replay(
    out: &SimOutput,
    broker: &EmbeddedBroker,
    capture: &Path,
    window: Window,
    opts: DemoOptions,
) -> anyhow::Result<Pipeline> {
    let clock = replay::ReplayClock::new(window.from);
    let host = broker.addr.ip().to_string();
    let wall = REPLAY_WALL;
    replay::replay((&host, broker.addr.port()), &out.messages, &clock, None, wall, opts.speed)
        .await?;
    let mut pipeline = Pipeline::new(TrackerConfig { keys: out.keys.clone(), watch: None });
    let mut file = std::fs::File::create(capture)
        .with_context(|| format!("cannot write {}", capture.display()))?;
    for m in &out.messages {
        pipeline.ingest(m);
        crate::capture::CaptureWriter::new(&mut file).write(m)?;
    }
    Ok(pipeline)
}

fn diagnose(pipeline: &Pipeline, out: &SimOutput, window: Window) -> Diagnosis {
    let tracker = pipeline.tracker();
    let record = tracker.device(&out.dev_eui);
    let reference = out.reference_dev_eui.and_then(|r| tracker.device(&r));
    let opts = DiagnoseOptions { reference: reference.as_ref(), ..DiagnoseOptions::new(window) };
    diagnosis::diagnose(out.dev_eui, record.as_ref(), &opts)
}

fn print_diagnosis(d: &Diagnosis) {
    let b = bold();
    println!();
    println!("{b}Verdict:{b:#} {} ({}) — {}", code_name(d), class_name(d), d.verdict.summary);
    for f in &d.findings {
        println!("  - [{}] {}: {}", severity_name(f.severity), f.code, f.summary);
    }
    println!();
}

fn code_name(d: &Diagnosis) -> String {
    serde_json::to_value(d.verdict.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn class_name(d: &Diagnosis) -> String {
    serde_json::to_value(d.verdict.class)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn severity_name(s: diagnosis::Severity) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn human_span(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let mins = (to - from).num_minutes();
    if mins >= 120 { format!("{} h", mins / 60) } else { format!("{mins} min") }
}

/// Writes the demo's keys file (the registered AppKeys of the simulated devices: public
/// test keys, never real ones).
fn write_keys(path: &Path, out: &SimOutput) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    writeln!(
        f,
        "# Demo keys: the AppKeys registered on the simulated network server (test keys)."
    )?;
    for (eui, k) in out.keys.iter() {
        writeln!(f, "\n[[device]]")?;
        writeln!(f, "dev_eui  = \"{eui}\"")?;
        if let Some(j) = k.join_eui {
            writeln!(f, "join_eui = \"{j}\"")?;
        }
        writeln!(f, "app_key  = \"{}\"", hex::encode(k.app_key.0))?;
    }
    Ok(())
}
