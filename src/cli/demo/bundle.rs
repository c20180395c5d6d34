//! The demo's signed bundle: a built-in example RMA (clearly marked as demo data), a
//! throwaway Ed25519 key that lives only in memory, the bundle written by the report module,
//! `allowed_signers` for that key, and an in-process verification of the result.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use crate::frame::keys::KeyStore;
use crate::model::{DevEui, Lang, RawMessage};
use crate::profiles::Registry;
use crate::report::bundle::{self, ReportRequest};
use crate::report::evidence::CaptureInput;
use crate::report::model::ReportDoc;
use crate::report::rma::{self, LoadedRma};
use crate::report::verify::{self, VerifyRequest};
use crate::signing::{self, AllowedSigners};
use crate::sim::Scenario;

/// The principal of the demo's throwaway signing key.
pub const DEMO_PRINCIPAL: &str = "rmacheck-demo";

/// The built-in RMA of the demo (TOML, as a user would write it).
#[must_use]
pub fn demo_rma_toml(scenario: Scenario, dev_eui: DevEui) -> String {
    let n = Scenario::ALL.iter().position(|s| *s == scenario).unwrap_or(0) + 1;
    let name = scenario.name();
    format!(
        r#"# DEMO DATA written by `rmacheck demo` for a simulated device: not a real return.
order_number   = "DEMO-2026-{n:04}"
device_name    = "Demo: Keller Süd 3 ({name})"
model          = "Simulated CO2 sensor, LoRaWAN 1.0.x (demo)"
serial_number  = "DEMO-{serial}"
dev_eui        = "{dev_eui}"
delivery_date  = "2026-09-14"
reason         = "defect"
support_ticket = "DEMO-SUP-{n:04}"
factory_reset  = false
accessories    = ["battery"]

[contact]
name  = "Demo Customer (fictitious)"
email = "demo@example.org"

[description]
before      = "DEMO DATA. Simulated scenario '{name}': {what}."
problem     = "Demo: the diagnosis below was computed from simulated network-server traffic."
steps_taken = "Ran `rmacheck demo --scenario {name}`."
"#,
        serial = dev_eui.to_string().to_ascii_uppercase(),
        what = scenario.description(),
    )
}

/// What was written.
#[derive(Debug, Clone)]
pub struct WrittenBundle {
    /// The signed document.
    pub doc: ReportDoc,
    /// `SHA256:…` of the throwaway key.
    pub fingerprint: String,
    /// Result of verifying the files as written: the signature line, or every failure.
    pub verified: Result<String, String>,
    /// Checks the verification could not run, with the reason.
    pub skipped: Vec<String>,
}

/// Signs a bundle of `messages` (the agent's capture) for `dev_eui` into `dir` (new or empty),
/// writes `dir/allowed_signers`, and verifies the result.
///
/// # Errors
/// When the key cannot be made, the RMA does not parse, or the bundle cannot be built or written.
#[allow(clippy::too_many_arguments)]
pub fn write_bundle(
    dir: &Path,
    scenario: Scenario,
    messages: Vec<RawMessage>,
    dev_eui: DevEui,
    reference: Option<DevEui>,
    keys: &KeyStore,
    generated_at: DateTime<Utc>,
) -> anyhow::Result<WrittenBundle> {
    let key =
        signing::keys::generate(DEMO_PRINCIPAL).context("cannot make the demo signing key")?;
    let toml = demo_rma_toml(scenario, dev_eui);
    let (rma, _) = rma::parse(&toml, "demo RMA", dev_eui).context("the built-in demo RMA")?;
    let loaded = LoadedRma { rma, photos: Vec::new(), attachments: Vec::new() };
    let captures =
        vec![CaptureInput { name: "capture.jsonl".into(), messages, unreadable_lines: 0 }];
    let req = ReportRequest {
        captures: &captures,
        dev_eui,
        reference_dev_eui: reference,
        keys,
        keys_supplied: true,
        profile: None,
        rma: &loaded,
        lang: Lang::En,
        generated_at,
        signing_key: &key,
    };
    let b = bundle::make(dir, &req).context("cannot make the demo report bundle")?;
    let line = signing::allowed_signers_line(DEMO_PRINCIPAL, key.public_key());
    let signers_path = dir.join("allowed_signers");
    std::fs::write(&signers_path, format!("{line}\n"))
        .with_context(|| format!("cannot write {}", signers_path.display()))?;
    let fingerprint = signing::fingerprint(key.public_key());
    let (verified, skipped) = verify_dir(dir, generated_at.max(Utc::now()), keys);
    Ok(WrittenBundle { doc: b.doc, fingerprint, verified, skipped })
}

/// Verifies the bundle as written on disk, as `rmacheck verify DIR` does.
fn verify_dir(
    dir: &Path,
    now: DateTime<Utc>,
    keys: &KeyStore,
) -> (Result<String, String>, Vec<String>) {
    let mut files = BTreeMap::new();
    if let Err(e) = read_tree(dir, dir, &mut files) {
        return (Err(format!("cannot read the bundle back: {e}")), Vec::new());
    }
    let signers_text = files
        .get("allowed_signers")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let signers = AllowedSigners::parse(&signers_text, &Utc);
    let profiles = match Registry::shipped() {
        Ok(p) => p,
        Err(e) => return (Err(format!("cannot load the device profiles: {e}")), Vec::new()),
    };
    let outcome = verify::verify(&VerifyRequest {
        files: &files,
        allowed_signers: Some(&signers),
        principal: Some(DEMO_PRINCIPAL),
        now,
        keys: Some(keys),
        profiles: &profiles,
    });
    let skipped = outcome
        .checks
        .iter()
        .filter(|c| c.status == verify::Status::Skipped)
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    let result = if outcome.passed() {
        let sig = outcome.checks.iter().find(|c| c.name == "signature");
        Ok(sig.map(|c| c.detail.clone()).unwrap_or_default())
    } else {
        Err(outcome
            .failures()
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect::<Vec<_>>()
            .join("; "))
    };
    (result, skipped)
}

fn read_tree(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_tree(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(name, std::fs::read(&path)?);
        }
    }
    Ok(())
}

/// Where the demo puts the keys file for a bundle directory: next to it, `DIR.keys.toml`
/// (inside the bundle it would be a file the signature does not cover).
#[must_use]
pub fn keys_path(dir: &Path) -> std::path::PathBuf {
    match dir.file_name() {
        Some(name) => dir.with_file_name(format!("{}.keys.toml", name.to_string_lossy())),
        None => std::env::temp_dir().join("rmacheck-demo.keys.toml"),
    }
}

/// Writes the AppKeys registered on the simulated network server (public test keys, never
/// real ones) as a keys file.
///
/// # Errors
/// When the file cannot be written.
pub fn write_keys(path: &Path, keys: &KeyStore) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let mut text = String::from(
        "# Demo keys: the AppKeys registered on the simulated network server (public test keys).\n",
    );
    for (eui, k) in keys.iter() {
        let _ = write!(text, "\n[[device]]\ndev_eui  = \"{eui}\"\n");
        if let Some(j) = k.join_eui {
            let _ = writeln!(text, "join_eui = \"{j}\"");
        }
        let _ = writeln!(text, "app_key  = \"{}\"", hex::encode(k.app_key.0));
    }
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_file_sits_next_to_the_bundle_and_reads_back() {
        let tmp =
            std::env::temp_dir().join(format!("rmacheck-demo-keys-test-{}", std::process::id()));
        let dir = tmp.join("bundle");
        let path = keys_path(&dir);
        assert_eq!(path, tmp.join("bundle.keys.toml"));
        let out = crate::sim::run(Scenario::Healthy, 1, crate::sim::default_start());
        std::fs::create_dir_all(&tmp).unwrap();
        write_keys(&path, &out.keys).unwrap();
        let back = KeyStore::load(&path).unwrap();
        let _ = std::fs::remove_dir_all(&tmp);
        assert_eq!(back.len(), out.keys.len());
        assert_eq!(
            back.get(&out.dev_eui).map(|k| k.app_key),
            out.keys.get(&out.dev_eui).map(|k| k.app_key)
        );
    }

    #[test]
    fn the_demo_rma_of_every_scenario_parses_and_says_it_is_demo_data() {
        let dev: DevEui = "70b3d57ed0000001".parse().unwrap_or_default();
        for s in Scenario::ALL {
            let text = demo_rma_toml(s, dev);
            let (r, photos) = rma::parse(&text, "demo", dev).unwrap();
            assert!(r.order_number.starts_with("DEMO-"), "{}", s.name());
            assert!(r.description.before.unwrap_or_default().starts_with("DEMO DATA"));
            assert!(photos.photos.is_empty());
        }
    }
}
