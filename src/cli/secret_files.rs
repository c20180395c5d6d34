//! Files that hold secrets (AppKeys, passwords, API keys, TLS client keys): a warning when
//! others can read them, as OpenSSH warns about unprotected key files.
//!
//! On Unix a file whose mode grants any permission to group or others (`mode & 0o077`) gets one
//! warning on stderr, naming the file, what it holds and the `chmod 600` that fixes it. Each
//! file is warned about once per run, however often it is read. The file is still used: the
//! warning says what to do, it does not stop the run. (The signing key is stricter: a private
//! key that others can read is refused, see [`crate::signing::keys::check_permissions`].)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::frame::keys::KeyStore;

use super::{Failure, input_err};

/// Files already warned about in this run.
static WARNED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The warning for a file with `mode` that holds `what`, when group or others may access it.
#[must_use]
pub fn warning(path: &Path, what: &str, mode: u32) -> Option<String> {
    if mode & 0o077 == 0 {
        return None;
    }
    let shown = crate::render::terminal::escape(&path.display().to_string()).into_owned();
    Some(format!(
        "warning: {shown} holds {what} and others can read it (mode {:04o}): make it private \
         with `chmod 600 {shown}`",
        mode & 0o7777
    ))
}

/// Warns on stderr (once per file and run) when others can read `path`, which holds `what`.
/// Files that cannot be examined are left to the code that reads them (it reports the error).
pub fn warn_if_readable_by_others(path: &Path, what: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else { return };
        let Some(text) = warning(path, what, meta.permissions().mode()) else { return };
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let first = WARNED.lock().map(|mut w| w.insert(key)).unwrap_or(true);
        if first {
            eprintln!("{text}");
        }
    }
    #[cfg(not(unix))]
    let _ = (path, what);
}

/// Loads a `--keys` file, warning first when others can read it.
///
/// # Errors
/// [`Failure::Input`] when the file cannot be read or is not a valid keys file.
pub fn load_keys(path: &Path) -> Result<KeyStore, Failure> {
    warn_if_readable_by_others(path, "AppKeys");
    KeyStore::load(path).map_err(input_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_open_to_group_or_others_get_a_warning_with_the_chmod_command() {
        let p = Path::new("keys.toml");
        for (mode, warned) in [
            (0o600, false),
            (0o400, false),
            (0o700, false),
            (0o640, true),
            (0o604, true),
            (0o644, true),
            (0o660, true),
            (0o100_644, true),
        ] {
            let w = warning(p, "AppKeys", mode);
            assert_eq!(w.is_some(), warned, "mode {mode:o}");
            if let Some(w) = w {
                assert!(w.contains("chmod 600 keys.toml") && w.contains("AppKeys"), "{w}");
                assert!(w.contains(&format!("{:04o}", mode & 0o7777)), "{w}");
            }
        }
    }
}
