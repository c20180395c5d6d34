//! `rmacheck inspect`: read captures, track one device, print its timeline and counters.
//!
//! Captures are read in the order given; every file is opened before any is read, so a
//! missing file fails fast (exit 2). A line that cannot be read is reported on stderr as
//! `warning: FILE:LINE: …`, skipped and counted as malformed.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::{CaptureArgs, CmdResult, InspectFormat, input_err, io_err};
use crate::frame::keys::KeyStore;
use crate::render::inspect::{self as render, InspectReport};
use crate::tracker::TrackerConfig;

const AFTER_HELP: &str = "\
Examples:
  rmacheck inspect cap.jsonl --dev-eui 70b3d57ed0000001
  rmacheck inspect day1.jsonl day2.jsonl --dev-eui 70-B3-D5-7E-D0-00-00-01 --keys keys.toml
  rmacheck inspect cap.jsonl --dev-eui 70b3d57ed0000001 --format json | jq .stats

Message indices (#) are positions in the concatenated captures; `diagnose` cites the same.";

/// Arguments of `rmacheck inspect`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: CaptureArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Table)]
    pub format: InspectFormat,
}

/// Runs the command.
pub fn run(args: InspectArgs) -> CmdResult {
    let dev_eui = args.input.dev_eui;
    let keys = match &args.input.keys {
        Some(path) => super::secret_files::load_keys(path)?,
        None => KeyStore::new(),
    };
    let config = TrackerConfig { keys, watch: Some(BTreeSet::from([dev_eui])) };
    let pipeline = super::read_captures(&args.input.captures, config).map_err(input_err)?;

    let messages = pipeline.messages();
    let record = match pipeline.tracker().device(&dev_eui) {
        Some(r) => r,
        None => {
            eprintln!(
                "note: nothing was heard from {dev_eui} in {messages} messages; check the DevEUI \
                 and that the capture includes the gateway topics (`+/gateway/+/event/+`) and \
                 the application topics"
            );
            pipeline.tracker().device_or_empty(&dev_eui)
        }
    };
    let report = InspectReport::of_pipeline(record, &pipeline);
    let text = match args.format {
        InspectFormat::Json => render::json(&report),
        InspectFormat::Table => {
            let width = crate::render::width::terminal_width();
            crate::render::terminal::escape(&render::table_at(&report, width)).into_owned()
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
        .map_err(io_err)?;
    Ok(ExitCode::SUCCESS)
}
