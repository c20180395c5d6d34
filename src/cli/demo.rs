//! `rmacheck demo`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

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
}

/// Runs the command.
pub fn run(_args: DemoArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck demo' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
