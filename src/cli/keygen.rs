//! `rmacheck keygen`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Private key path (public key: PATH.pub); default $XDG_CONFIG_HOME/rmacheck/signing_key.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// Runs the command.
pub fn run(_args: KeygenArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck keygen' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
