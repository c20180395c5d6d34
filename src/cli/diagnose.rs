//! `rmacheck diagnose`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck diagnose`.
#[derive(Debug, Args)]
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
}

/// Runs the command.
pub fn run(_args: DiagnoseArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck diagnose' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
