//! `rmacheck verify`: check a report bundle.
//!
//! The CLI edge: reads the bundle directory, the allowed_signers file (local times in the
//! machine's time zone, as ssh-keygen reads them) and the clock, then runs
//! [`crate::report::verify`]. stdout: one line per check and, on success, the equivalent
//! `ssh-keygen` command; exit 1 naming every failed check.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{CmdResult, Failure, input_err, io_err};
use crate::report::model::names;
use crate::report::verify::files::BundleFiles;
use crate::report::verify::{self, Status, VerifyRequest};
use crate::report::view;
use crate::signing::AllowedSigners;

const AFTER_HELP: &str = "\
Examples:
  rmacheck verify bundle/ --allowed-signers allowed_signers
  rmacheck verify bundle/ --allowed-signers allowed_signers --keys keys.toml
  rmacheck verify bundle/ --allowed-signers allowed_signers --principal rma@shop.example

Checks: the SSHSIG signature of report.json against allowed_signers (as ssh-keygen -Y verify),
the SHA-256 of every file, the report schema, a fresh diagnosis of evidence.jsonl compared part
by part (a report made with --keys and verified without them: the parts that need the AppKeys
are listed as not re-checked), and with --keys the join-request MICs. Exit 0 when all pass and the signer is trusted; 1 naming every
failed check, or when no --allowed-signers was given (integrity only, never 'verified').";

/// Arguments of `rmacheck verify`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct VerifyArgs {
    /// The bundle directory.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The OpenSSH allowed_signers file you trust (from the signer, e.g. `KEY.allowed_signers`
    /// written by `rmacheck keygen`). Without it only integrity is checked and verify exits 1.
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,
    /// AppKeys (TOML): re-check the join-request MICs in the evidence.
    #[arg(long, value_name = "FILE.toml")]
    pub keys: Option<PathBuf>,
    /// Require this signer principal (like `ssh-keygen -I`); default: any principal the
    /// allowed_signers file lists for the signing key (like `ssh-keygen -Y find-principals`).
    #[arg(long, short = 'I', value_name = "NAME")]
    pub principal: Option<String>,
}

/// A bundle directory: every regular file below it (paths with `/`), opened only when read.
/// Symbolic links, FIFOs, sockets and devices are refused before anything is opened.
#[derive(Debug)]
struct DirBundle {
    files: BTreeMap<String, PathBuf>,
}

impl BundleFiles for DirBundle {
    fn names(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }
    fn open(&self, name: &str) -> std::io::Result<Box<dyn BufRead + '_>> {
        let path = self.files.get(name).ok_or(std::io::ErrorKind::NotFound)?;
        // Metadata again: the file must still be a regular file (never block on a FIFO).
        if !std::fs::symlink_metadata(path)?.is_file() {
            return Err(std::io::Error::other("no longer a regular file"));
        }
        Ok(Box::new(BufReader::new(File::open(path)?)))
    }
    fn contains(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }
}

/// Lists every regular file below `dir`; symbolic links and other file types are refused.
fn read_bundle(dir: &Path) -> Result<DirBundle, Failure> {
    let mut out = BTreeMap::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, prefix)) = stack.pop() {
        let entries = std::fs::read_dir(&path).map_err(|e| {
            let msg = format!("cannot read the bundle directory {}: {e}", path.display());
            if e.kind() == std::io::ErrorKind::NotFound {
                input_err(anyhow::anyhow!(msg))
            } else {
                io_err(anyhow::anyhow!(msg))
            }
        })?;
        for entry in entries {
            let entry = entry
                .map_err(|e| io_err(anyhow::anyhow!("cannot read {}: {e}", path.display())))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            let kind =
                entry.file_type().map_err(|e| io_err(anyhow::anyhow!("cannot read {rel}: {e}")))?;
            if kind.is_symlink() {
                return Err(Failure::Problem(anyhow::anyhow!(
                    "verify failed: {rel} is a symbolic link; a bundle holds regular files only"
                )));
            } else if kind.is_dir() {
                stack.push((entry.path(), format!("{rel}/")));
            } else if !kind.is_file() {
                // Metadata first: a FIFO or device would block or never end; never open one.
                return Err(Failure::Problem(anyhow::anyhow!(
                    "verify failed: {rel} is not a regular file (a FIFO, socket or device); a \
                     bundle holds regular files only"
                )));
            } else {
                out.insert(rel, entry.path());
            }
        }
    }
    Ok(DirBundle { files: out })
}

/// One check: `ok  `, `FAIL` or `skip`, its name and its detail, each detail line wrapped to
/// `width` columns under the first.
fn check_lines(c: &verify::Check, width: usize) -> String {
    const INDENT: &str = "                  ";
    let tag = match c.status {
        Status::Ok => "ok  ",
        Status::Failed => "FAIL",
        Status::Skipped => "skip",
    };
    let mut out = String::new();
    for (k, line) in c.detail.lines().chain(c.detail.is_empty().then_some("")).enumerate() {
        let first = if k == 0 { format!("{tag}  {:<10}  ", c.name) } else { INDENT.to_string() };
        out.push_str(&crate::render::width::wrap(line, width, &first, INDENT));
    }
    out
}

/// Runs the command.
pub fn run(args: VerifyArgs) -> CmdResult {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(input_err(anyhow::anyhow!(
            "{} is not a directory: pass the bundle directory written by `rmacheck report --out DIR`",
            dir.display()
        )));
    }
    if !dir.join(names::REPORT_JSON).is_file() {
        return Err(Failure::Problem(anyhow::anyhow!(
            "verify failed: {} has no report.json: pass the bundle directory written by \
             `rmacheck report --out DIR` (if it was one, report.json was removed)",
            dir.display()
        )));
    }
    let allowed = match &args.allowed_signers {
        Some(path) => Some((path, read_allowed_signers(path)?)),
        None => None,
    };
    let keys = match &args.keys {
        Some(p) => Some(super::secret_files::load_keys(p)?),
        None => None,
    };
    let profiles = super::report::profile_registry()?;
    let files = read_bundle(dir)?;
    let outcome = verify::verify(&VerifyRequest {
        files: &files,
        allowed_signers: allowed.as_ref().map(|(_, a)| a),
        principal: args.principal.as_deref(),
        now: chrono::Utc::now(),
        keys: keys.as_ref(),
        profiles: &profiles,
    });

    let width = crate::render::width::terminal_width();
    for c in &outcome.checks {
        print!("{}", check_lines(c, width));
    }
    if !outcome.passed() {
        let failed: Vec<String> = outcome
            .failures()
            .map(|c| format!("{}: {}", c.name, c.detail.lines().next().unwrap_or_default()))
            .collect();
        return Err(Failure::Problem(anyhow::anyhow!(
            "verify failed ({} of {} checks): {}",
            failed.len(),
            outcome.checks.len(),
            failed.join("; ")
        )));
    }
    let Some((signers_path, _)) = &allowed else {
        return Err(Failure::Problem(anyhow::anyhow!(
            "not verified: {} is intact, but who signed it was not checked; run again with \
             --allowed-signers FILE, the allowed_signers file you received from the signer \
             (never the one inside the bundle)",
            dir.display()
        )));
    };
    if let Some(doc) = &outcome.doc {
        let code = serde_json::to_value(doc.diagnosis.verdict.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!(
            "verified: {} — {code} for {}, signed by {} ({})",
            dir.display(),
            doc.diagnosis.dev_eui,
            outcome.principals.join(", "),
            outcome.fingerprint.as_deref().unwrap_or("?")
        );
    }
    let dir_s = format!("{}/", dir.display().to_string().trim_end_matches('/'));
    let command = view::ssh_keygen_command_with(
        outcome.principal.as_deref(),
        &signers_path.display().to_string(),
        &dir_s,
    );
    println!("same signature check with stock OpenSSH:\n  {command}");
    Ok(ExitCode::SUCCESS)
}

/// Reads an allowed_signers file (local times in this machine's zone, as ssh-keygen reads
/// them), warning about skipped lines.
fn read_allowed_signers(path: &Path) -> Result<AllowedSigners, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        input_err(anyhow::anyhow!("cannot read allowed_signers file {}: {e}", path.display()))
    })?;
    let allowed = AllowedSigners::parse(&text, &chrono::Local);
    for p in allowed.problems() {
        eprintln!("warning: {}:{}: line ignored: {}", path.display(), p.line, p.message);
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_lines_wrap_under_the_first_and_fit_sixty_columns() {
        let check = verify::Check {
            name: "files",
            status: Status::Failed,
            detail: "evidence.jsonl: SHA-256 differs from the one in report.json (the file was \
                     changed after signing)\nextra.txt: not listed in report.json"
                .to_string(),
        };
        let text = check_lines(&check, 60);
        snapshot!(assert_snapshot, "verify_check_lines_60", text);
        assert!(crate::render::width::widest_line(&text) <= 60, "{text}");
        assert!(crate::render::width::widest_line(&check_lines(&check, 100)) <= 100);
        assert!(text.starts_with("FAIL  files       evidence.jsonl"), "{text}");
    }
}
