//! `rmacheck diagnose`: read captures, track the device (and a reference device), decide one
//! verdict with evidence, print it as a table, JSON or Markdown.
//!
//! Exit codes: 0 when the verdict is `HEALTHY`; 1 for any other verdict (the command ran and
//! found a problem, or could not yet clear the device); 2 for usage or input errors (unreadable
//! capture or keys file, unknown profile, empty capture without `--from/--to`).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use chrono::{DateTime, Utc};
use clap::Args;

use super::{CaptureArgs, CmdResult, DiagnoseFormat, Lang, input_err, io_err};
use crate::diagnosis::{self, DiagnoseOptions, VerdictCode};
use crate::frame::keys::KeyStore;
use crate::model::DevEui;
use crate::profiles::{Profile, Registry};
use crate::render;
use crate::tracker::{TrackerConfig, Window};

/// Environment variable naming a directory of extra device profiles.
pub const PROFILES_DIR_ENV: &str = "RMACHECK_PROFILES_DIR";

const AFTER_HELP: &str = "\
Examples:
  rmacheck diagnose cap.jsonl --dev-eui 70b3d57ed0000001
  rmacheck diagnose day1.jsonl day2.jsonl --dev-eui 70b3d57ed0000001 --keys keys.toml \\
      --profile dragino-lht65n-eu868 --reference-dev-eui 70b3d57ed0000002
  rmacheck diagnose cap.jsonl --dev-eui 70b3d57ed0000001 --format json > diagnosis.json
  rmacheck diagnose cap.jsonl --dev-eui 70b3d57ed0000001 --format markdown --lang de

The window is the first to the last message of the captures unless --from/--to say otherwise.
Without --profile, safe defaults are assumed and stated in the output (rmacheck profiles list).
Extra profiles are read from the directory in RMACHECK_PROFILES_DIR.

Exit codes: 0 verdict HEALTHY, 1 any other verdict, 2 usage or input error.";

/// Arguments of `rmacheck diagnose`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct DiagnoseArgs {
    #[command(flatten)]
    pub input: CaptureArgs,
    /// Device profile ID (see `rmacheck profiles list`); default: safe generic expectations.
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// A known-good device at the same site: hearing it proves the gateways work.
    #[arg(long, value_name = "EUI")]
    pub reference_dev_eui: Option<crate::model::DevEui>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagnoseFormat::Table)]
    pub format: DiagnoseFormat,
    /// Language of the explanation (meaning and next steps).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Start of the observation window (RFC 3339); default: the first message.
    #[arg(long, value_name = "TIME")]
    pub from: Option<DateTime<Utc>>,
    /// End of the observation window (RFC 3339); default: the last message.
    #[arg(long, value_name = "TIME")]
    pub to: Option<DateTime<Utc>>,
}

/// Loads the shipped profiles plus the user directory, if any.
///
/// # Errors
/// An invalid profile file (input error: the message names the file, path and fix).
pub fn load_registry(user_dir: Option<&Path>) -> anyhow::Result<Registry> {
    let mut reg = Registry::shipped()?;
    if let Some(dir) = user_dir {
        reg.load_dir(dir).with_context(|| {
            format!("loading profiles from {PROFILES_DIR_ENV}={}", dir.display())
        })?;
    }
    Ok(reg)
}

/// The user profile directory from the environment.
#[must_use]
pub fn user_profiles_dir() -> Option<std::path::PathBuf> {
    std::env::var_os(PROFILES_DIR_ENV).filter(|v| !v.is_empty()).map(Into::into)
}

/// Runs the command.
pub fn run(args: DiagnoseArgs) -> CmdResult {
    let dev = args.input.dev_eui;
    let keys = match &args.input.keys {
        Some(path) => super::secret_files::load_keys(path)?,
        None => KeyStore::new(),
    };
    let registry = load_registry(user_profiles_dir().as_deref()).map_err(input_err)?;
    let profile: Option<&Profile> = match &args.profile {
        Some(id) => Some(registry.get(id).map_err(input_err)?),
        None => None,
    };
    let registered_join_eui = keys.get(&dev).and_then(|k| k.join_eui);
    let mut watch: BTreeSet<DevEui> = BTreeSet::from([dev]);
    watch.extend(args.reference_dev_eui);
    let pipeline =
        super::read_captures(&args.input.captures, TrackerConfig { keys, watch: Some(watch) })
            .map_err(input_err)?;
    let window = window(&args, pipeline.window()).map_err(input_err)?;
    // Gateways are judged at the end of the window (`--to`), not at the last message.
    let until = Some(window.to);
    let record = Some(pipeline.tracker().device_or_empty_at(&dev, until));
    let reference = args.reference_dev_eui.and_then(|r| pipeline.tracker().device_at(&r, until));
    let opts = DiagnoseOptions {
        reference: reference.as_ref(),
        reference_dev_eui: args.reference_dev_eui,
        profile,
        registered_join_eui,
        lang: args.lang,
        ..DiagnoseOptions::new(window)
    };
    let d = diagnosis::diagnose(dev, record.as_ref(), &opts);
    let text = match args.format {
        DiagnoseFormat::Json => render::diagnosis::json(&d).map_err(io_err)?,
        // Network-server texts in the table never reach the terminal raw.
        DiagnoseFormat::Table => {
            let width = render::width::terminal_width();
            render::terminal::escape(&render::diagnosis::table_at(&d, args.lang, width))
                .into_owned()
        }
        DiagnoseFormat::Markdown => {
            let page = crate::report::page::diagnose::build(&d, args.lang);
            render::terminal::escape(&crate::report::export::markdown::write_page(&page))
                .into_owned()
        }
    };
    let code =
        if d.verdict.code == VerdictCode::Healthy { ExitCode::SUCCESS } else { ExitCode::from(1) };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", text.trim_end()).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(io_err(anyhow!(e).context("cannot write to standard output")))
        }
        _ => Ok(code),
    }
}

/// The observation window: `--from/--to` where given, else the captures' first and last
/// message.
fn window(args: &DiagnoseArgs, seen: Option<Window>) -> anyhow::Result<Window> {
    let from = args.from.or(seen.map(|w| w.from));
    let to = args.to.or(seen.map(|w| w.to));
    match (from, to) {
        (Some(from), Some(to)) if from <= to => Ok(Window { from, to }),
        (Some(from), Some(to)) => {
            Err(anyhow!("the window ends ({to}) before it starts ({from}): check --from and --to"))
        }
        _ => Err(anyhow!(
            "the captures contain no messages, so the observation window is unknown: pass \
             --from and --to (RFC 3339) to diagnose a silent period"
        )),
    }
}
