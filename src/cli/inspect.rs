//! `rmacheck inspect`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: CaptureArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Table)]
    pub format: InspectFormat,
}

/// Runs the command.
pub fn run(_args: InspectArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck inspect' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
