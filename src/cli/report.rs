//! `rmacheck report`: write the signed RMA bundle.
//!
//! The CLI edge: reads the clock (or `SOURCE_DATE_EPOCH`), the key, the RMA file and the
//! captures, then hands everything to [`crate::report::bundle`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, TimeZone, Utc};
use clap::Args;

use super::captures;
use super::{CaptureArgs, CmdResult, Failure, Lang, input_err, io_err};
use crate::frame::keys::KeyStore;
use crate::profiles::Registry;
use crate::report::bundle::{self, BundleError, ReportRequest};
use crate::report::evidence::{CaptureItem, CaptureSource, EvidenceError};
use crate::report::model::CaptureFileInfo;
use crate::report::{rma, view};
use crate::signing::keys::{self, KeyError};

const AFTER_HELP: &str = "\
Examples:
  rmacheck report cap.jsonl --dev-eui 70b3d57ed0000001 --rma rma.toml \\
      --sign-key ~/.config/rmacheck/signing_key --out bundle/
  rmacheck report day1.jsonl day2.jsonl --dev-eui 70b3d57ed0000001 --rma rma.toml \\
      --sign-key key --out bundle/ --keys keys.toml --lang de --reference-dev-eui 70b3d57ed0000002

The bundle: report.json (signed, RFC 8785), report.json.sig (SSHSIG), report.html (printable),
report.md (for tickets), evidence.jsonl (only this device's messages), photos/.
SOURCE_DATE_EPOCH (seconds) fixes the report time for reproducible bundles.";

/// Arguments of `rmacheck report`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: CaptureArgs,
    /// The RMA form data (TOML; see README).
    #[arg(long, value_name = "RMA.toml")]
    pub rma: PathBuf,
    /// OpenSSH Ed25519 private key (from `rmacheck keygen`).
    #[arg(long, value_name = "KEY")]
    pub sign_key: PathBuf,
    /// Output directory for the bundle (must not exist or be empty).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Device profile ID.
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// A known-good device at the same site; its messages are included in the evidence.
    #[arg(long, value_name = "EUI")]
    pub reference_dev_eui: Option<crate::model::DevEui>,
    /// Language of report.html and report.md.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

/// The report time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now, to the second.
fn report_time() -> Result<DateTime<Utc>, Failure> {
    if let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = v.trim().parse().map_err(|_| {
            input_err(anyhow::anyhow!(
                "SOURCE_DATE_EPOCH={v} is not a number of seconds: unset it or fix it"
            ))
        })?;
        return Utc.timestamp_opt(secs, 0).single().ok_or_else(|| {
            input_err(anyhow::anyhow!("SOURCE_DATE_EPOCH={v} is out of range: unset it or fix it"))
        });
    }
    let now = Utc::now();
    Ok(Utc.timestamp_opt(now.timestamp(), 0).single().unwrap_or(now))
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The capture files, read twice by the report through the one capture loop (never held in
/// memory). Standard input, which cannot be read twice, is copied once into a private
/// temporary file and read from there like a file.
#[derive(Debug)]
struct CaptureFiles {
    paths: Vec<PathBuf>,
    /// Standard input's copy (for the first `-`; another `-` finds it at its end, empty).
    stdin: Option<std::fs::File>,
    /// Unreadable lines are reported on the first pass only.
    passes: std::cell::Cell<u32>,
}

impl CaptureFiles {
    fn open(paths: &[PathBuf]) -> Result<Self, Failure> {
        let mut stdin = None;
        for path in paths {
            if path.as_os_str() == "-" {
                if stdin.is_none() {
                    stdin = Some(spool_stdin(&mut std::io::stdin().lock())?);
                }
                continue;
            }
            // Fail early with the reader's own message (missing file, directory, …).
            crate::capture::open(path).map_err(input_err)?;
        }
        Ok(Self { paths: paths.to_vec(), stdin, passes: std::cell::Cell::new(0) })
    }

    fn inputs(&self) -> Result<Vec<captures::Input<'_>>, EvidenceError> {
        let mut inputs = Vec::new();
        let mut stdin_seen = false;
        for path in &self.paths {
            let reader = if path.as_os_str() == "-" {
                let first = !std::mem::replace(&mut stdin_seen, true);
                let spool = self.stdin.as_ref().filter(|_| first);
                read_spool(spool).map_err(EvidenceError::Read)?
            } else {
                crate::capture::open(path).map_err(|e| EvidenceError::Read(e.to_string()))?
            };
            inputs.push(captures::Input {
                event_file: reader.is_event_file(),
                items: Box::new(reader),
            });
        }
        Ok(inputs)
    }
}

/// Copies standard input (`input`) into a private temporary file (mode 0600, without a name,
/// gone when closed or when the process ends).
fn spool_stdin(input: &mut dyn std::io::Read) -> Result<std::fs::File, Failure> {
    use std::io::Write as _;
    let full = |e: std::io::Error| {
        io_err(anyhow::anyhow!(
            "cannot keep standard input in a temporary file in {}: {e}; free space there, set \
             TMPDIR to a directory with room, or give the capture as a file",
            std::env::temp_dir().display()
        ))
    };
    let file = tempfile::tempfile().map_err(full)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(io_err(anyhow::anyhow!("cannot read standard input: {e}")));
            }
        };
        out.write_all(buf.get(..n).unwrap_or_default()).map_err(full)?;
    }
    out.into_inner().map_err(|e| full(e.into_error()))
}

/// Reads standard input's copy from its start, named `<stdin>` as standard input is (`None`:
/// standard input already read, empty).
fn read_spool(
    spool: Option<&std::fs::File>,
) -> Result<crate::capture::CaptureReader<Box<dyn std::io::BufRead>>, String> {
    use std::io::Seek as _;
    let Some(spool) = spool else {
        return Ok(crate::capture::CaptureReader::new(Box::new(std::io::empty()), "<stdin>"));
    };
    let again = |e: std::io::Error| format!("cannot read standard input's copy again: {e}");
    let mut file = spool.try_clone().map_err(again)?;
    file.seek(std::io::SeekFrom::Start(0)).map_err(again)?;
    crate::capture::open_file(file, "<stdin>", "-").map_err(|e| e.to_string())
}

impl CaptureSource for CaptureFiles {
    fn pass(
        &self,
        f: &mut dyn FnMut(CaptureItem<'_>),
    ) -> Result<Vec<CaptureFileInfo>, EvidenceError> {
        let first = self.passes.get() == 0;
        self.passes.set(self.passes.get() + 1);
        let mut files: Vec<CaptureFileInfo> = self
            .paths
            .iter()
            .map(|p| CaptureFileInfo {
                name: if p.as_os_str() == "-" { "<stdin>".to_string() } else { file_name(p) },
                messages: 0,
                unreadable_lines: 0,
            })
            .collect();
        let progress = indicatif::ProgressBar::hidden();
        let warnings =
            if first { captures::Warnings::Print(&progress) } else { captures::Warnings::Silent };
        captures::each_item_of(self.inputs()?, warnings, |item| {
            match item {
                captures::Item::Message(i, m) => {
                    if let Some(info) = files.get_mut(i) {
                        info.messages += 1;
                    }
                    f(CaptureItem::Message(&m));
                }
                captures::Item::Unreadable(i, bad) => {
                    if let Some(info) = files.get_mut(i) {
                        info.unreadable_lines += 1;
                    }
                    // A signed report names the file without its directories.
                    let file = file_name(std::path::Path::new(&bad.file));
                    let why = bad.reason(&file);
                    f(CaptureItem::Unreadable(Some(&why)));
                }
            }
            std::ops::ControlFlow::Continue(())
        });
        Ok(files)
    }
}

/// The shipped device profiles plus those in `$RMACHECK_PROFILES_DIR` (as for `diagnose`).
///
/// # Errors
/// An invalid profile file (input error naming it).
pub fn profile_registry() -> Result<Registry, Failure> {
    super::diagnose::load_registry(super::diagnose::user_profiles_dir().as_deref())
        .map_err(input_err)
}

fn key_failure(e: KeyError) -> Failure {
    match e {
        KeyError::Read { .. } => io_err(e),
        _ => input_err(e),
    }
}

fn bundle_failure(e: BundleError) -> Failure {
    match e {
        BundleError::Write { .. } => io_err(e),
        BundleError::Evidence(EvidenceError::Empty | EvidenceError::Read(_))
        | BundleError::Warranty(_)
        | BundleError::OutDir(_) => input_err(e),
        _ => Failure::Io(e.into()),
    }
}

/// Runs the command.
pub fn run(args: ReportArgs) -> CmdResult {
    let generated_at = report_time()?;
    let signing_key = keys::load_private_key(&args.sign_key).map_err(key_failure)?;
    let (keys, keys_supplied) = match &args.input.keys {
        Some(p) => (super::secret_files::load_keys(p)?, true),
        None => (KeyStore::new(), false),
    };
    let rma = rma::load(&args.rma, args.input.dev_eui).map_err(input_err)?;
    let registry = match &args.profile {
        Some(_) => profile_registry()?,
        None => Registry::default(),
    };
    let profile = match &args.profile {
        Some(id) => Some(registry.get(id).map_err(input_err)?),
        None => None,
    };
    let captures = CaptureFiles::open(&args.input.captures)?;
    let request = ReportRequest {
        captures: &captures,
        dev_eui: args.input.dev_eui,
        reference_dev_eui: args.reference_dev_eui,
        keys: &keys,
        keys_supplied,
        profile,
        rma: &rma,
        lang: args.lang,
        generated_at,
        signing_key: &signing_key,
    };
    let bundle = bundle::make(&args.out, &request).map_err(bundle_failure)?;

    let doc = &bundle.doc;
    for w in &doc.warnings {
        eprintln!("warning: {}", crate::report::i18n::warning(Lang::En, w));
    }
    let code = serde_json::to_value(doc.diagnosis.verdict.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let dir = args.out.display().to_string();
    println!("wrote the signed report bundle to {dir}");
    println!("  verdict    {code}: {}", doc.diagnosis.verdict.summary);
    println!(
        "  evidence   {} messages in evidence.jsonl (of {} in the captures)",
        doc.evidence.messages, doc.capture.messages
    );
    println!("  files      {}", bundle.names().join(", "));
    println!(
        "  signed by  {} {}",
        doc.signer.principal.as_deref().unwrap_or("(no principal in the key comment)"),
        doc.signer.fingerprint
    );
    print_verify_commands(&args.out, &args.sign_key, &signing_key);
    Ok(ExitCode::SUCCESS)
}

/// Prints commands that verify the bundle exactly as printed (from the current directory):
/// with the key's `KEY.allowed_signers` when it lists the key, else after writing the line.
fn print_verify_commands(out: &Path, sign_key: &Path, key: &ssh_key::PrivateKey) {
    let public = key.public_key();
    let signers_path = keys::allowed_signers_path(sign_key);
    let listed = std::fs::read_to_string(&signers_path)
        .ok()
        .map(|text| crate::signing::AllowedSigners::parse(&text, &chrono::Local))
        .and_then(|file| file.find_principals(public, Utc::now()).ok());
    let claimed = keys::principal_of(public);
    let dir = out.display().to_string();
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    println!("check it with:");
    let (file, principal) = match listed {
        Some(matches) => (
            signers_path.display().to_string(),
            crate::report::verify::pick_principal(&matches, claimed.as_deref()),
        ),
        None => {
            let principal = claimed.unwrap_or_else(|| "rmacheck".to_string());
            let line = keys::allowed_signers_line(&principal, public);
            let file = format!("{}.allowed_signers", prefix.trim_end_matches('/'));
            println!("  printf '%s\\n' {} > {}", view::shell_word(&line), view::shell_word(&file));
            (file, Some(principal))
        }
    };
    println!(
        "  rmacheck verify {} --allowed-signers {}",
        view::shell_word(&dir),
        view::shell_word(&file)
    );
    println!("  {}", view::ssh_keygen_command_with(principal.as_deref(), &file, &prefix));
}
