//! `rmacheck profiles`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck profiles`.
#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// `list` (default) or `show ID`.
    #[command(subcommand)]
    pub action: Option<ProfilesAction>,
}

/// Runs the command.
pub fn run(_args: ProfilesArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck profiles' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}

/// Profile actions.
#[derive(Debug, clap::Subcommand)]
pub enum ProfilesAction {
    /// List the shipped profiles.
    List,
    /// Show one profile.
    Show {
        /// Profile ID.
        id: String,
    },
}
