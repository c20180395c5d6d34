//! `rmacheck keygen`: create the Ed25519 key that signs reports.
//!
//! stdout: the `SHA256:` fingerprint and the `allowed_signers` line (one per line, for scripts);
//! stderr: where the files went and what to do with the line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{CmdResult, Failure, input_err, io_err};
use crate::signing::keys::{self, KeyError};

const AFTER_HELP: &str = "\
Examples:
  rmacheck keygen                                  # ~/.config/rmacheck/signing_key (+ .pub)
  rmacheck keygen --out ./shop-key --principal rma@shop.example
  rmacheck keygen | tail -n 1 >> allowed_signers   # append the allowed_signers line

Writes PATH (private key, mode 0600), PATH.pub and PATH.allowed_signers; never overwrites.
Give PATH.allowed_signers (or the printed line) to whoever verifies your reports
(manufacturer, shop support): rmacheck verify DIR --allowed-signers PATH.allowed_signers";

/// Arguments of `rmacheck keygen`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct KeygenArgs {
    /// Private key path (public key: PATH.pub); default $XDG_CONFIG_HOME/rmacheck/signing_key.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Principal named in the key comment and the allowed_signers line
    /// [default: rmacheck@<hostname or user>].
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,
}

/// `rmacheck@<hostname>` (or the user name), reduced to principal-safe characters.
fn default_principal() -> String {
    let from_file = |p: &str| std::fs::read_to_string(p).ok().map(|s| s.trim().to_string());
    let host = from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_default();
    let clean: String = host
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
        .collect();
    let clean = clean.trim_matches('-');
    if clean.is_empty() { "rmacheck@localhost".into() } else { format!("rmacheck@{clean}") }
}

fn key_failure(e: KeyError) -> Failure {
    match e {
        KeyError::Write { .. } | KeyError::Read { .. } | KeyError::Crypto(_) => io_err(e),
        _ => input_err(e),
    }
}

/// Runs the command.
pub fn run(args: KeygenArgs) -> CmdResult {
    let path = match args.out {
        Some(p) => p,
        None => {
            keys::default_key_path(std::env::var_os("XDG_CONFIG_HOME"), std::env::var_os("HOME"))
                .ok_or_else(|| input_err(KeyError::NoConfigDir))?
        }
    };
    let principal = args.principal.unwrap_or_else(default_principal);
    let key = keys::generate(&principal).map_err(key_failure)?;
    keys::write_key_pair(&path, &key).map_err(key_failure)?;
    let public = key.public_key();
    eprintln!(
        "wrote the private key to {} (mode 0600; keep it secret), the public key to {} and the \
         allowed_signers line to {}",
        path.display(),
        keys::public_path(&path).display(),
        keys::allowed_signers_path(&path).display()
    );
    eprintln!(
        "give {} to whoever verifies your reports; sign with: rmacheck report … --sign-key {}",
        keys::allowed_signers_path(&path).display(),
        path.display()
    );
    println!("{}", keys::fingerprint(public));
    println!("{}", keys::allowed_signers_line(&principal, public));
    Ok(ExitCode::SUCCESS)
}
