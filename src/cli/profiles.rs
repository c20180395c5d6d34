//! `rmacheck profiles [list | show ID]`: the device profiles built into the binary (plus those
//! in `RMACHECK_PROFILES_DIR`).

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use tabled::builder::Builder;
use tabled::settings::Style;

use super::diagnose::{load_registry, user_profiles_dir};
use super::{CmdResult, input_err, io_err};
use crate::diagnosis::backoff::format_duration;
use crate::profiles::Profile;

const AFTER_HELP: &str = "\
Examples:
  rmacheck profiles                      # list the profiles
  rmacheck profiles show dragino-lht65n-eu868
  RMACHECK_PROFILES_DIR=./my-profiles rmacheck profiles list

Exit codes: 0 success, 2 unknown profile ID or invalid profile file.";

/// Arguments of `rmacheck profiles`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ProfilesArgs {
    /// `list` (default) or `show ID`.
    #[command(subcommand)]
    pub action: Option<ProfilesAction>,
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

fn interval(p: &Profile) -> String {
    p.file
        .diagnostics
        .uplink
        .as_ref()
        .map_or("–".into(), |u| format_duration(u.nominal_interval_seconds))
}

/// The `list` table.
#[must_use]
pub fn list_table<'a>(profiles: impl Iterator<Item = &'a Profile>) -> String {
    let mut b = Builder::default();
    b.push_record(["id", "device", "region", "LoRaWAN", "activation", "uplink interval"]);
    for p in profiles {
        let d = &p.file.diagnostics.device;
        b.push_record([
            p.id.clone(),
            format!("{} {}", d.vendor, d.model),
            d.region.clone(),
            p.file.mac_version.clone(),
            if p.file.supports_join { "OTAA".into() } else { "ABP".into() },
            interval(p),
        ]);
    }
    let mut t = b.build();
    t.with(Style::sharp());
    crate::render::width::fit(&mut t, crate::render::width::terminal_width());
    t.to_string()
}

/// The `show` text: the profile as YAML, with where it came from.
///
/// # Errors
/// Serialisation errors.
pub fn show_text(p: &Profile) -> Result<String, serde_yaml_ng::Error> {
    Ok(format!(
        "# {} — {}\n# from {}\n{}",
        p.id,
        p.title(),
        p.origin,
        serde_yaml_ng::to_string(&p.file)?
    ))
}

/// Runs the command.
pub fn run(args: ProfilesArgs) -> CmdResult {
    let reg = load_registry(user_profiles_dir().as_deref()).map_err(input_err)?;
    let text = match args.action.unwrap_or(ProfilesAction::List) {
        ProfilesAction::List => list_table(reg.iter()),
        ProfilesAction::Show { id } => {
            show_text(reg.get(&id).map_err(input_err)?).map_err(io_err)?
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", text.trim_end()).map_err(io_err)?;
    Ok(ExitCode::SUCCESS)
}
