//! `rmacheck report`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: CaptureArgs,
    /// The RMA form data (TOML; see README).
    #[arg(long, value_name = "RMA.toml")]
    pub rma: PathBuf,
    /// OpenSSH Ed25519 private key (from `rmacheck keygen`).
    #[arg(long, value_name = "KEY")]
    pub sign_key: PathBuf,
    /// Output directory for the bundle.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Device profile ID.
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// A known-good device at the same site.
    #[arg(long, value_name = "EUI")]
    pub reference_dev_eui: Option<crate::model::DevEui>,
    /// Language of report.html and report.md.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

/// Runs the command.
pub fn run(_args: ReportArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck report' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
