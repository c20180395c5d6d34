//! `rmacheck verify`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The bundle directory.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// OpenSSH allowed_signers file; default: DIR/allowed_signers if present.
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,
    /// AppKeys (TOML): re-check the join-request MICs in the evidence.
    #[arg(long, value_name = "FILE.toml")]
    pub keys: Option<PathBuf>,
}

/// Runs the command.
pub fn run(_args: VerifyArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck verify' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
