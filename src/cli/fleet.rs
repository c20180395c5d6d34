//! `rmacheck fleet`: diagnose every device in the captures (or those listed) and print the
//! fleet's health table, worst first, as a table, JSON (`rmacheck.fleet.v1`) or CSV.
//!
//! Each device's verdict and stats are exactly what `diagnose --dev-eui` gives for the same
//! captures: the same tracker, window, keys and profile.
//!
//! Exit codes: 0 every device is healthy; 1 at least one is not; 2 usage or input error.

use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, anyhow};
use clap::{Args, ValueEnum};

use super::diagnose::{load_registry, user_profiles_dir};
use super::{CmdResult, input_err, io_err};
use crate::diagnosis::Brief;
use crate::fleet::table::Fit;
use crate::fleet::view::Traffic;
use crate::fleet::{FleetDiagnoser, FleetView, lists};
use crate::frame::keys::KeyStore;
use crate::model::DevEui;
use crate::pipeline::Pipeline;
use crate::tracker::{DIAGNOSIS_LIMITS, DeviceRecord, Tracker, TrackerConfig};

const AFTER_HELP: &str = "\
Examples:
  rmacheck fleet site.jsonl
  rmacheck fleet day1.jsonl day2.jsonl --keys keys.toml --profile dragino-lht65n-eu868
  rmacheck fleet site.jsonl --dev-eui-file devices.txt --profile-map profiles.txt --format csv
  rmacheck fleet site.jsonl --format json | jq '.devices[] | select(.verdict.class != \"healthy\")'

Without --dev-eui-file every device heard is diagnosed; with it, exactly the devices listed
(one EUI per line, # comments), also those never heard. --profile-map lines are
`EUI PROFILE-ID`; devices not in it use --profile (or safe defaults). Devices are sorted
worst first: device_suspect, configuration, network, coverage, inconclusive, healthy, then by
loss. Every device's verdict and stats equal `rmacheck diagnose --dev-eui EUI` on the same
captures.

Exit codes: 0 every device HEALTHY, 1 any other verdict, 2 usage or input error.";

/// Output formats of `fleet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FleetFormat {
    /// The health table (fits the terminal).
    Table,
    /// One JSON object (`rmacheck.fleet.v1`).
    Json,
    /// One row per device.
    Csv,
}

/// Which devices to follow and with which profiles (shared by `fleet` and `watch`).
#[derive(Debug, Clone, Default, Args)]
pub struct DeviceSelection {
    /// Only these devices: one EUI per line, `#` comments.
    #[arg(long, value_name = "F")]
    pub dev_eui_file: Option<PathBuf>,
    /// Device profile ID for every device not in --profile-map (see `rmacheck profiles list`).
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// Profile per device: one `EUI PROFILE-ID` pair per line, `#` comments.
    #[arg(long, value_name = "F")]
    pub profile_map: Option<PathBuf>,
}

/// Arguments of `rmacheck fleet`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct FleetArgs {
    /// Capture files (JSONL; also `mosquitto_sub -F %j` / `-F %J` output), read in order.
    #[arg(required = true, value_name = "CAPTURE.jsonl")]
    pub captures: Vec<PathBuf>,
    #[command(flatten)]
    pub select: DeviceSelection,
    #[command(flatten)]
    pub threads: super::ThreadsArg,
    /// AppKeys as registered on the network server (TOML), for MIC checks.
    #[arg(long, value_name = "FILE.toml")]
    pub keys: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FleetFormat::Table)]
    pub format: FleetFormat,
}

fn read_list(path: &Path, what: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} {}: check the path", path.display()))
}

impl DeviceSelection {
    /// The listed devices, `None` for every device seen.
    ///
    /// # Errors
    /// An unreadable file or a bad line (named with its number).
    pub fn devices(&self) -> anyhow::Result<Option<Vec<DevEui>>> {
        let Some(path) = &self.dev_eui_file else { return Ok(None) };
        let text = read_list(path, "--dev-eui-file")?;
        let devs = lists::dev_euis(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
        if devs.is_empty() {
            return Err(anyhow!(
                "{} lists no DevEUI: write one per line, or leave --dev-eui-file out to follow \
                 every device",
                path.display()
            ));
        }
        Ok(Some(devs))
    }

    /// A diagnoser with the profiles selected and the JoinEUIs of `keys`.
    ///
    /// # Errors
    /// An unknown profile ID, an invalid profile directory or a bad profile map.
    pub fn diagnoser(&self, keys: &KeyStore) -> anyhow::Result<FleetDiagnoser> {
        let registry = load_registry(user_profiles_dir().as_deref())?;
        let mut d = FleetDiagnoser::new(keys);
        if let Some(id) = &self.profile {
            d.default_profile = Some(Arc::new(registry.get(id)?.clone()));
        }
        if let Some(path) = &self.profile_map {
            let text = read_list(path, "--profile-map")?;
            let pairs =
                lists::profile_map(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
            let mut loaded: HashMap<String, Arc<crate::profiles::Profile>> = HashMap::new();
            for (dev, id) in pairs {
                let p = match loaded.get(&id) {
                    Some(p) => p.clone(),
                    None => {
                        let p = Arc::new(
                            registry
                                .get(&id)
                                .with_context(|| format!("{}: device {dev}", path.display()))?
                                .clone(),
                        );
                        loaded.insert(id, p.clone());
                        p
                    }
                };
                d.profile_map.insert(dev, p);
            }
        }
        Ok(d)
    }
}

fn load_keys(path: Option<&Path>) -> Result<KeyStore, super::Failure> {
    match path {
        Some(p) => super::secret_files::load_keys(p),
        None => Ok(KeyStore::new()),
    }
}

/// Devices whose states leave the tracker together to be diagnosed on every thread.
const DIAGNOSED_TOGETHER: usize = 256;

/// Runs the command.
pub fn run(args: FleetArgs) -> CmdResult {
    let keys = load_keys(args.keys.as_deref())?;
    let listed = args.select.devices().map_err(input_err)?;
    let diagnoser = args.select.diagnoser(&keys).map_err(input_err)?;
    let watch = listed.as_ref().map(|l| l.iter().copied().collect::<BTreeSet<_>>());
    // Only verdicts and stats are printed: the tracker keeps no timeline (its digest gives the
    // diagnosis what it reads of one) and no evidence index.
    let tracker = Tracker::with_limits(TrackerConfig { keys, watch }, DIAGNOSIS_LIMITS);
    let pipeline = super::read_captures_into(&args.captures, Pipeline::with_tracker(tracker))
        .map_err(input_err)?;
    let Some(window) = pipeline.window() else {
        return Err(input_err(anyhow!(
            "the captures contain no messages: record some with `rmacheck watch --all --record \
             FILE.jsonl`"
        )));
    };
    let traffic = Traffic {
        messages: pipeline.messages(),
        malformed: pipeline.malformed_by_source().values().sum::<u64>(),
        per_second: None,
    };
    // Each device's state leaves the tracker as it is diagnosed, so that the fleet's verdicts
    // take the place of its evidence rather than adding to it.
    let mut tracker = pipeline.into_tracker();
    let devices: Vec<DevEui> = match listed {
        Some(l) => l,
        None => tracker.dev_euis().copied().collect(),
    };
    // Diagnosed a slice of devices at a time on every thread, this one included once it has
    // made what the fleet keeps of the slice before (allocated here, where the memory the freed
    // states leave is reused: kept on the diagnosing threads, it made the peak vary by 20 MB).
    // Whichever thread is free takes the next device, so none waits for another.
    let threads = crate::capture::default_threads();
    let table = matches!(args.format, FleetFormat::Table);
    let keep = |(dev, record, brief): (DevEui, Option<DeviceRecord>, Brief)| {
        let mut health = FleetDiagnoser::health(dev, record.as_ref(), brief);
        if table {
            // The table reads each summary twice (the columns are measured first) and never
            // the verdict's arguments: the summary is kept rendered (on the diagnosing
            // threads), the arguments dropped.
            health.keep_summary_only();
        }
        health
    };
    let mut health = Vec::with_capacity(devices.len());
    let mut before = Vec::new();
    for part in devices.chunks(DIAGNOSED_TOGETHER) {
        let taken: Vec<_> = part.iter().map(|dev| (*dev, tracker.take_device(dev))).collect();
        let (tracker, diagnoser, health) = (&tracker, &diagnoser, &mut health);
        let made = std::mem::take(&mut before).into_iter().map(keep);
        // Each state is made into its record, freed and diagnosed on the diagnosing threads.
        (before, ()) = crate::parallel::map_beside(
            taken,
            threads,
            |(dev, state)| {
                let record = state.map(|s| tracker.record_of_taken(s, None));
                let mut brief = diagnoser.brief(dev, record.as_ref(), window);
                if table {
                    // Rendered here, on every thread, rather than as the health is made.
                    brief.verdict.render_summary();
                }
                (dev, record, brief)
            },
            move || health.extend(made),
        );
    }
    health.extend(before.into_iter().map(keep));
    drop(tracker);
    let view = FleetView::new(Some(window), traffic, health);
    let code = if view.all_healthy() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        FleetFormat::Json => crate::fleet::json::write_json(&view, threads, &mut out)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        FleetFormat::Csv => crate::fleet::csv::write_csv(&view, threads, &mut out)
            .map(|_| ())
            .map_err(|e| match e.into_kind() {
                csv::ErrorKind::Io(e) => e,
                other => std::io::Error::other(format!("{other:?}")),
            }),
        FleetFormat::Table => {
            crate::fleet::table::write_table(&view, stdout_fit(), threads, &mut out)
        }
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(io_err(anyhow!(e).context("cannot write to standard output")))
        }
        _ => Ok(code),
    }
}

/// `COLUMNS` when set, else the terminal's width when standard output is one (read as every
/// table reads them); no limit in a pipe or file.
pub(crate) fn stdout_fit() -> Fit {
    use std::io::IsTerminal as _;
    let columns = std::env::var("COLUMNS").ok();
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten();
    let width = (columns.is_some() || terminal.is_some())
        .then(|| crate::render::width::width_from(columns.as_deref(), terminal));
    Fit { width, rows: None }
}
