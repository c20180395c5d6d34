//! `rmacheck demo`: the whole flow on simulated devices, offline, in seconds.
//!
//! An embedded broker (rumqttd) on a free loopback port; the simulator replays a scenario to
//! it in compressed wall time; the watch agent records and tracks the device with a virtual
//! clock the replay drives (so every `received_at` is the simulated time); then diagnosis,
//! and a signed bundle with a throwaway key (kept in memory only) plus `allowed_signers`.
//! Without `--scenario`, a short guided tour.
//!
//! `--out DIR` receives exactly the bundle and `allowed_signers`, so `rmacheck verify DIR`
//! and `ssh-keygen -Y verify` work on it as-is. The agent's working capture lives in a
//! temporary directory that is removed afterwards (the bundle's `evidence.jsonl` keeps the
//! device's messages).
//!
//! `RMACHECK_DEMO_SPEED` (or the hidden `--speed`) scales the replay: 2 is twice as fast,
//! 0 as fast as the lockstep with the agent allows (the tests use it).

pub mod broker;
pub mod bundle;
pub mod replay;
pub mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use clap::Args;

use super::{CmdResult, input_err, io_err};
use crate::agent::ViewMode;
use crate::diagnosis::{self, DiagnoseOptions, Diagnosis};
use crate::model::{Lang, RawMessage};
use crate::pipeline::Pipeline;
use crate::sim::{self, Scenario, SimOutput};
use crate::tracker::Window;

pub use broker::EmbeddedBroker;
pub use bundle::{DEMO_PRINCIPAL, WrittenBundle};

/// Arguments of `rmacheck demo`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  rmacheck demo                                   # guided tour: healthy, then wrong-appkey
  rmacheck demo --scenario join-accept-lost       # one scenario
  rmacheck demo --scenario silent --out ./bundle  # choose where the signed bundle goes")]
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
    /// Print the narrative, the agent's view and the tables.
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
    /// The diagnosis of what the watch agent tracked live.
    pub live: Diagnosis,
    /// The signed bundle (its diagnosis is recomputed from the evidence).
    pub bundle: WrittenBundle,
    /// The bundle directory.
    pub dir: PathBuf,
    /// Messages replayed.
    pub messages: usize,
    /// What the agent recorded (the demo's working capture), in order.
    pub recorded: Vec<RawMessage>,
}

fn style(color: AnsiColor) -> Style {
    Style::new().fg_color(Some(color.into())).bold()
}

fn say(opts: &DemoOptions, text: &str) {
    if opts.verbose {
        let s = style(AnsiColor::Cyan);
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

fn is_empty_or_missing(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_none())
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
    let tour = scenarios.len() > 1;
    let dirs: Vec<PathBuf> =
        scenarios.iter().map(|s| if tour { out.join(s.name()) } else { out.clone() }).collect();
    if let Some(busy) = dirs.iter().find(|d| !is_empty_or_missing(d)) {
        return Err(input_err(anyhow::anyhow!(
            "{} is not empty: give --out a new or empty directory (every file in a report \
             bundle is covered by its signature)",
            busy.display()
        )));
    }
    let opts = DemoOptions { speed: args.speed.unwrap_or(1.0), verbose: true };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
        .map_err(io_err)?;
    let started = Instant::now();
    let b = Style::new().bold();
    eprintln!("{b}rmacheck demo{b:#} — the whole flow on simulated LoRaWAN devices, offline.");
    let broker = broker::start().map_err(io_err)?;
    say(
        &opts,
        &format!(
            "Embedded MQTT broker on {} (loopback only: nothing leaves this machine)",
            broker.url()
        ),
    );
    for (i, (s, dir)) in scenarios.iter().zip(&dirs).enumerate() {
        eprintln!();
        eprintln!("{b}━━ {}/{}: {}{b:#} — {}", i + 1, scenarios.len(), s.name(), s.description());
        runtime.block_on(run_scenario(*s, dir, &broker, opts)).map_err(io_err)?;
    }
    let d = Style::new().dimmed();
    eprintln!();
    eprintln!(
        "{d}Done in {:.1} s. More scenarios: rmacheck demo --scenario NAME ({}).{d:#}",
        started.elapsed().as_secs_f64(),
        scenario_list()
    );
    Ok(ExitCode::SUCCESS)
}

/// A temporary working directory, removed when dropped.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new(scenario: Scenario) -> anyhow::Result<Self> {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let name = format!("rmacheck-demo-work-{}-{}-{nanos}", std::process::id(), scenario.name());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create a working directory {}", path.display()))?;
        Ok(Self(path))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs one scenario into `dir` (new or empty) against a running broker: simulate, watch the
/// replay, diagnose, write and verify the signed bundle.
///
/// # Errors
/// When the broker or the agent cannot be used, or the bundle cannot be written.
pub async fn run_scenario(
    scenario: Scenario,
    dir: &Path,
    broker: &EmbeddedBroker,
    opts: DemoOptions,
) -> anyhow::Result<DemoOutcome> {
    let cfg = sim::scenarios::config(scenario, DEMO_SEED, sim::default_start());
    let window = Window { from: cfg.start, to: cfg.start + cfg.duration };
    let out = sim::simulate(&cfg);
    say(
        &opts,
        &format!(
            "Simulated {} at an EU868 site: {} speaking ChirpStack v4 gateway JSON, a \
             network-server stand-in, device {}{} — {} MQTT messages",
            human_span(window.from, window.to),
            plural(cfg.gateways.len(), "gateway"),
            out.dev_eui,
            out.reference_dev_eui.map(|r| format!(" and reference device {r}")).unwrap_or_default(),
            out.messages.len(),
        ),
    );
    let work = WorkDir::new(scenario)?;
    let capture = work.0.join("capture.jsonl");
    let seconds = if opts.speed > 0.0 { REPLAY_WALL.as_secs_f64() / opts.speed } else { 0.0 };
    say(
        &opts,
        &format!(
            "Replaying them to the broker in ~{seconds:.0} s while `watch` records them; its clock \
         follows the replay, so every message keeps its simulated time"
        ),
    );
    let view = if opts.verbose { ViewMode::auto() } else { ViewMode::Quiet };
    let (agent, stats) =
        watch::watch_replay(&out, broker, &capture, window, REPLAY_WALL, opts.speed, view).await?;
    if stats.unconfirmed > 0 {
        say(
            &opts,
            &format!(
                "{} of {} messages were recorded late; their times may be off",
                stats.unconfirmed, stats.published
            ),
        );
    }
    let live = diagnose(&agent.pipeline, &out, window);
    let recorded = crate::capture::read_files(&[&capture])
        .with_context(|| format!("cannot read the agent's capture {}", capture.display()))?;
    say(
        &opts,
        &format!(
            "`watch` recorded {} messages (a working copy, removed at the end: the bundle's \
             evidence.jsonl keeps the device's messages); diagnosing and signing the report",
            recorded.messages.len()
        ),
    );
    let keys_file = bundle::keys_path(dir);
    if let Some(parent) = keys_file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    bundle::write_keys(&keys_file, &out.keys)
        .with_context(|| format!("cannot write {}", keys_file.display()))?;
    let written = bundle::write_bundle(
        dir,
        scenario,
        recorded.messages.clone(),
        out.dev_eui,
        out.reference_dev_eui,
        &out.keys,
        window.to,
    )?;
    if opts.verbose {
        print_diagnosis(&written.doc.diagnosis);
        if written.doc.diagnosis.verdict.code != live.verdict.code {
            say(
                &opts,
                &format!(
                    "note: the live view concluded {:?}; the signed report, recomputed from the \
                 evidence alone, concludes {:?}",
                    live.verdict.code, written.doc.diagnosis.verdict.code
                ),
            );
        }
        print_bundle(dir, &keys_file, &written);
    }
    Ok(DemoOutcome {
        scenario,
        live,
        bundle: written,
        dir: dir.to_path_buf(),
        messages: out.messages.len(),
        recorded: recorded.messages,
    })
}

fn diagnose(pipeline: &Pipeline, out: &SimOutput, window: Window) -> Diagnosis {
    let tracker = pipeline.tracker();
    let record = Some(tracker.device_or_empty(&out.dev_eui));
    let reference = out.reference_dev_eui.and_then(|r| tracker.device(&r));
    let mut opts = DiagnoseOptions::new(window);
    opts.reference = reference.as_ref();
    opts.reference_dev_eui = out.reference_dev_eui;
    opts.registered_join_eui = out.keys.get(&out.dev_eui).and_then(|k| k.join_eui);
    diagnosis::diagnose(out.dev_eui, record.as_ref(), &opts)
}

fn print_diagnosis(d: &Diagnosis) {
    println!();
    print!(
        "{}",
        crate::render::diagnosis::table_at(d, Lang::En, crate::render::width::terminal_width())
    );
}

/// Quotes a path for a POSIX shell when it needs it.
fn shell(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c)) {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn print_bundle(dir: &Path, keys: &Path, w: &WrittenBundle) {
    let g = style(AnsiColor::Green);
    let r = style(AnsiColor::Red);
    println!();
    println!(
        "Signed report bundle: {} (throwaway key {}, never written to disk)",
        shell(dir),
        w.fingerprint
    );
    match &w.verified {
        Ok(detail) => println!("{g}✓{g:#} verified: {detail}"),
        Err(problems) => println!("{r}✗{r:#} verification failed: {problems}"),
    }
    println!("Check it yourself:");
    println!(
        "  rmacheck verify {} --allowed-signers {} --keys {}",
        shell(dir),
        shell(&dir.join("allowed_signers")),
        shell(keys)
    );
    println!(
        "  ssh-keygen -Y verify -f {} -I {DEMO_PRINCIPAL} -n {} -s {} < {}",
        shell(&dir.join("allowed_signers")),
        crate::signing::NAMESPACE,
        shell(&dir.join("report.json.sig")),
        shell(&dir.join("report.json")),
    );
    println!("Printable report: {}", shell(&dir.join("report.html")));
    println!("Keys file (the simulated server's public test AppKeys): {}", shell(keys));
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn human_span(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    crate::time::format_span(from, to)
}
