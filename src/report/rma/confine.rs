//! Files named by the RMA file (photos, attachments) are read only when they are regular files
//! inside the RMA file's directory tree, small enough, and not secrets.
//!
//! - No absolute path, no `..`, no symbolic link that leads out of the tree.
//! - Metadata first: FIFOs, devices and directories are refused without being opened (a FIFO
//!   would block).
//! - At most [`MAX_FILE_BYTES`] each.
//! - A file that looks like a private key or a keys file (AppKeys) is refused by its content,
//!   whatever its name: a bundle goes to third parties.

use std::io::Read;
use std::path::{Component, Path};

/// Size limit of one photo or attachment (25 MiB).
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;

/// Whether the bytes look like key material: an armoured private key or a keys file.
#[must_use]
pub fn looks_secret(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"PRIVATE KEY-----")
        || has(b"PuTTY-User-Key-File")
        || (has(b"[[device]]") && (has(b"app_key") || has(b"nwk_key")))
}

/// Reads `file` (as written in the RMA file) relative to `base`, the RMA file's directory.
///
/// # Errors
/// What is wrong with the file, in words for the RMA file's author.
pub fn read_confined(base: &Path, file: &str) -> Result<Vec<u8>, String> {
    let rel = Path::new(file);
    if rel.is_absolute()
        || rel.components().any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Err(format!(
            "{file} is an absolute path: give it relative to the RMA file and keep it in the \
             RMA file's directory"
        ));
    }
    if rel.components().any(|c| c == Component::ParentDir) {
        return Err(format!(
            "{file} contains `..`: files must be inside the RMA file's directory; copy it there"
        ));
    }
    let base = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    let full = base.join(rel);
    let root = base.canonicalize().map_err(|e| format!("{}: {e}", base.display()))?;
    let real =
        full.canonicalize().map_err(|e| format!("{file}: {e} (looked for {})", full.display()))?;
    if !real.starts_with(&root) {
        return Err(format!(
            "{file} is a symbolic link that leads out of the RMA file's directory: copy the file \
             there instead"
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("{file}: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{file} is not a regular file (a directory, FIFO or device): name a photo or \
             document file"
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{file} is {} MiB, more than the limit of {} MiB: scale the photo down or compress \
             the document",
            meta.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{file}: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("{file} grew beyond {} MiB while it was read", MAX_FILE_BYTES >> 20));
    }
    if looks_secret(&bytes) {
        return Err(format!(
            "{file} looks like a private key or a keys file (AppKeys): it is refused so that no \
             secret ends up in a bundle sent to third parties"
        ));
    }
    Ok(bytes)
}
