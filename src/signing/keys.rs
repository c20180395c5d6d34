//! The report signing key: Ed25519, OpenSSH format, stored like `ssh-keygen` stores keys.
//!
//! - New keys are written with mode 0600 (created that way, never chmod-ed afterwards) and are
//!   never overwritten.
//! - Loading refuses a private key readable by group or others (`mode & 0o077 != 0`), as OpenSSH
//!   does, and refuses passphrase-protected and non-Ed25519 keys with advice on what to do.
//! - Errors name the file, never its content.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey};

use super::NAMESPACE;

/// File name of the default signing key inside the `rmacheck` configuration directory.
pub const DEFAULT_KEY_FILE: &str = "signing_key";

/// Why a signing key could not be created or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A key (or its public half) is already at the path.
    #[error(
        "a key already exists at {path}: rmacheck never overwrites keys. Keep using it, choose \
         another path with --out PATH, or, if you really want to replace it, delete {path} and \
         {path}.pub first (reports signed with the old key then verify only as long as its \
         allowed_signers line is kept)"
    )]
    Exists {
        /// The existing file.
        path: String,
    },
    /// The key files could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The key file could not be read.
    #[error("cannot read the signing key {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Group or others may read the private key.
    #[error(
        "permissions {mode:04o} for the private key {path} are too open: it must be readable by \
         its owner only, as OpenSSH requires. Run: chmod 600 {path}"
    )]
    TooOpen {
        /// The file.
        path: String,
        /// Its permission bits.
        mode: u32,
    },
    /// The key is protected by a passphrase.
    #[error(
        "the private key {path} is passphrase-protected: rmacheck cannot use encrypted keys for \
         signing reports. Create a dedicated signing key with `rmacheck keygen`, or remove the \
         passphrase from a copy: cp {path} report_key && ssh-keygen -p -N '' -f report_key"
    )]
    Encrypted {
        /// The file.
        path: String,
    },
    /// A public key was given where the private key is needed.
    #[error("{path} is a public key: pass the private key file (the same path without .pub)")]
    PublicKeyGiven {
        /// The file.
        path: String,
    },
    /// The file is not an OpenSSH private key.
    #[error(
        "{path} is not an OpenSSH private key ({detail}): create one with `rmacheck keygen` \
         (or `ssh-keygen -t ed25519`)"
    )]
    Invalid {
        /// The file.
        path: String,
        /// What the parser said (never key bytes).
        detail: String,
    },
    /// Not an Ed25519 key.
    #[error(
        "{path} is a {algorithm} key: reports are signed with Ed25519 keys only. Create one with \
         `rmacheck keygen`"
    )]
    Algorithm {
        /// The file.
        path: String,
        /// The key's algorithm.
        algorithm: String,
    },
    /// No configuration directory could be determined.
    #[error(
        "cannot find a configuration directory: set XDG_CONFIG_HOME or HOME, or pass --out PATH"
    )]
    NoConfigDir,
    /// The principal name cannot be used in an allowed_signers line.
    #[error(
        "'{0}' cannot be used as a principal: use letters, digits and . _ @ + - only (no spaces, \
         commas or quotes), e.g. rmacheck@workshop-3"
    )]
    BadPrincipal(String),
    /// Key generation or encoding failed.
    #[error("cannot create the key: {0}")]
    Crypto(String),
}

/// The default key path: `$XDG_CONFIG_HOME/rmacheck/signing_key`, else `~/.config/rmacheck/…`.
///
/// The environment is read by the caller and passed in.
#[must_use]
pub fn default_key_path(
    xdg_config_home: Option<OsString>,
    home: Option<OsString>,
) -> Option<PathBuf> {
    let base = match xdg_config_home.filter(|v| !v.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(home.filter(|v| !v.is_empty())?).join(".config"),
    };
    Some(base.join("rmacheck").join(DEFAULT_KEY_FILE))
}

/// Whether `name` is usable as an allowed_signers principal.
#[must_use]
pub fn is_valid_principal(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 256
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '+' | '-'))
}

/// Generates a new Ed25519 key whose comment is `principal`.
///
/// # Errors
/// [`KeyError::BadPrincipal`], or [`KeyError::Crypto`] when the OS random source fails.
pub fn generate(principal: &str) -> Result<PrivateKey, KeyError> {
    if !is_valid_principal(principal) {
        return Err(KeyError::BadPrincipal(principal.to_string()));
    }
    let mut rng = ssh_key::rand_core::OsRng;
    let mut key = PrivateKey::random(&mut rng, Algorithm::Ed25519)
        .map_err(|e| KeyError::Crypto(e.to_string()))?;
    key.set_comment(principal);
    Ok(key)
}

/// The public key path belonging to a private key path (`PATH.pub`).
#[must_use]
pub fn public_path(private: &Path) -> PathBuf {
    let mut s = private.as_os_str().to_owned();
    s.push(".pub");
    PathBuf::from(s)
}

/// The allowed_signers file written next to a private key path (`PATH.allowed_signers`).
#[must_use]
pub fn allowed_signers_path(private: &Path) -> PathBuf {
    let mut s = private.as_os_str().to_owned();
    s.push(".allowed_signers");
    PathBuf::from(s)
}

/// Writes a new key pair: the private key to `path` (mode 0600), the public key to `path.pub`
/// and, when the key's comment is a usable principal, its allowed_signers line to
/// `path.allowed_signers` (what verifiers need; see [`allowed_signers_line`]).
///
/// Creates missing parent directories (mode 0700 on Unix). Never overwrites.
///
/// # Errors
/// [`KeyError::Exists`] when any of the files exists; [`KeyError::Write`] on I/O failure.
pub fn write_key_pair(path: &Path, key: &PrivateKey) -> Result<(), KeyError> {
    let pub_path = public_path(path);
    let signers_path = allowed_signers_path(path);
    for p in [path, pub_path.as_path(), signers_path.as_path()] {
        if p.symlink_metadata().is_ok() {
            return Err(KeyError::Exists { path: p.display().to_string() });
        }
    }
    let write_err = |p: &Path| {
        let path = p.display().to_string();
        move |source| KeyError::Write { path, source }
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent).map_err(write_err(parent))?;
    }
    let pem = key.to_openssh(LineEnding::LF).map_err(|e| KeyError::Crypto(e.to_string()))?;
    let mut file = create_new(path, 0o600).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            KeyError::Exists { path: path.display().to_string() }
        } else {
            KeyError::Write { path: path.display().to_string(), source }
        }
    })?;
    file.write_all(pem.as_bytes()).and_then(|()| file.sync_all()).map_err(write_err(path))?;
    drop(file);
    let public = key.public_key().to_openssh().map_err(|e| KeyError::Crypto(e.to_string()))? + "\n";
    let written = create_new(&pub_path, 0o644)
        .and_then(|mut f| f.write_all(public.as_bytes()).and_then(|()| f.sync_all()));
    if let Err(source) = written {
        // Do not leave half a key pair behind: the private file was created just now by us.
        let _ = std::fs::remove_file(path);
        return Err(KeyError::Write { path: pub_path.display().to_string(), source });
    }
    if let Some(principal) = principal_of(key.public_key()) {
        let line = allowed_signers_line(&principal, key.public_key()) + "\n";
        let written = create_new(&signers_path, 0o644)
            .and_then(|mut f| f.write_all(line.as_bytes()).and_then(|()| f.sync_all()));
        if let Err(source) = written {
            let _ = std::fs::remove_file(path);
            let _ = std::fs::remove_file(&pub_path);
            return Err(KeyError::Write { path: signers_path.display().to_string(), source });
        }
    }
    Ok(())
}

#[cfg(unix)]
fn create_new(path: &Path, mode: u32) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(path)
}

#[cfg(not(unix))]
fn create_new(path: &Path, _mode: u32) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Checks that a private key file is readable by its owner only (Unix; elsewhere a no-op).
///
/// # Errors
/// [`KeyError::TooOpen`] (with the `chmod 600` advice) or [`KeyError::Read`].
pub fn check_permissions(path: &Path) -> Result<(), KeyError> {
    let meta = std::fs::metadata(path)
        .map_err(|source| KeyError::Read { path: path.display().to_string(), source })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            return Err(KeyError::TooOpen { path: path.display().to_string(), mode });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(())
}

/// Loads the private signing key: permission check, then parse, then refuse encrypted and
/// non-Ed25519 keys.
///
/// # Errors
/// A [`KeyError`] saying what is wrong and what to do.
pub fn load_private_key(path: &Path) -> Result<PrivateKey, KeyError> {
    let shown = path.display().to_string();
    let text =
        std::fs::read(path).map_err(|source| KeyError::Read { path: shown.clone(), source })?;
    // A public key passed by mistake gets its own advice, not "chmod 600".
    if looks_public(&text) {
        return Err(KeyError::PublicKeyGiven { path: shown });
    }
    check_permissions(path)?;
    parse_private_key(&text, &shown)
}

fn looks_public(text: &[u8]) -> bool {
    let trimmed = text.trim_ascii_start();
    [&b"ssh-"[..], b"ecdsa-", b"sk-"].iter().any(|p| trimmed.starts_with(p))
}

/// Parses private key text; `shown` names the file in errors.
///
/// # Errors
/// As [`load_private_key`], without the permission check.
pub fn parse_private_key(text: &[u8], shown: &str) -> Result<PrivateKey, KeyError> {
    let trimmed = text.trim_ascii_start();
    if looks_public(trimmed) {
        return Err(KeyError::PublicKeyGiven { path: shown.to_string() });
    }
    if !trimmed.starts_with(b"-----BEGIN OPENSSH PRIVATE KEY-----") {
        let detail = if trimmed.starts_with(b"-----BEGIN") {
            "PEM/PKCS#8 keys are not supported; convert with: ssh-keygen -p -f KEY".to_string()
        } else {
            "no '-----BEGIN OPENSSH PRIVATE KEY-----' header".to_string()
        };
        return Err(KeyError::Invalid { path: shown.to_string(), detail });
    }
    let key = PrivateKey::from_openssh(trimmed)
        .map_err(|e| KeyError::Invalid { path: shown.to_string(), detail: e.to_string() })?;
    if key.is_encrypted() {
        return Err(KeyError::Encrypted { path: shown.to_string() });
    }
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(KeyError::Algorithm {
            path: shown.to_string(),
            algorithm: key.algorithm().as_str().to_string(),
        });
    }
    Ok(key)
}

/// The `SHA256:…` fingerprint, as `ssh-keygen -l` prints it.
#[must_use]
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// The public key as `ssh-ed25519 AAAA…` without a comment.
#[must_use]
pub fn public_key_text(key: &PublicKey) -> String {
    PublicKey::new(key.key_data().clone(), "").to_openssh().unwrap_or_default()
}

/// The `allowed_signers` line for `key`, restricted to the report namespace.
#[must_use]
pub fn allowed_signers_line(principal: &str, key: &PublicKey) -> String {
    format!("{principal} namespaces=\"{NAMESPACE}\" {}", public_key_text(key))
}

/// The principal of a key: its comment when that is a usable principal.
#[must_use]
pub fn principal_of(key: &PublicKey) -> Option<String> {
    let c = key.comment().trim();
    is_valid_principal(c).then(|| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn the_default_path_prefers_xdg_config_home_and_falls_back_to_dot_config() {
        let cases = [
            (Some("/x"), Some("/h"), Some("/x/rmacheck/signing_key")),
            (None, Some("/h"), Some("/h/.config/rmacheck/signing_key")),
            (Some(""), Some("/h"), Some("/h/.config/rmacheck/signing_key")),
            (None, None, None),
        ];
        for (xdg, home, want) in cases {
            let got = default_key_path(xdg.map(OsString::from), home.map(OsString::from));
            assert_eq!(got, want.map(PathBuf::from), "xdg {xdg:?} home {home:?}");
        }
    }

    #[test]
    fn a_new_key_pair_is_private_and_never_overwritten() {
        let dir = tmp();
        let path = dir.path().join("sub/key");
        let key = generate("rmacheck@test").unwrap();
        write_key_pair(&path, &key).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let public = std::fs::read_to_string(public_path(&path)).unwrap();
        assert!(public.starts_with("ssh-ed25519 AAAA"), "{public}");
        assert!(public.trim_end().ends_with(" rmacheck@test"), "{public}");
        let again = write_key_pair(&path, &generate("rmacheck@test").unwrap());
        assert!(matches!(again, Err(KeyError::Exists { .. })), "{again:?}");
        let loaded = load_private_key(&path).unwrap();
        assert_eq!(loaded.public_key().key_data(), key.public_key().key_data());
    }

    #[cfg(unix)]
    #[test]
    fn a_private_key_readable_by_others_is_refused_with_the_chmod_advice() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tmp();
        let path = dir.path().join("key");
        write_key_pair(&path, &generate("a@b").unwrap()).unwrap();
        for mode in [0o640, 0o604, 0o644, 0o660] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let err = load_private_key(&path).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(&format!("chmod 600 {}", path.display())), "{mode:o}: {err}");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert!(load_private_key(&path).is_ok());
    }

    #[test]
    fn wrong_kinds_of_key_files_are_explained() {
        let key = generate("a@b").unwrap();
        let public = key.public_key().to_openssh().unwrap();
        let cases: [(&[u8], &str); 3] = [
            (public.as_bytes(), "is a public key"),
            (b"-----BEGIN PRIVATE KEY-----\nMC4\n-----END PRIVATE KEY-----\n", "PKCS#8"),
            (b"hello", "not an OpenSSH private key"),
        ];
        for (text, want) in cases {
            let err = parse_private_key(text, "k").err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want), "{want}: {err}");
        }
    }

    #[test]
    fn a_public_key_passed_as_the_signing_key_is_named_as_such_not_as_too_open() {
        let dir = tmp();
        let path = dir.path().join("key");
        write_key_pair(&path, &generate("a@b").unwrap()).unwrap();
        let err = load_private_key(&public_path(&path)).err();
        assert!(matches!(err, Some(KeyError::PublicKeyGiven { .. })), "{err:?}");
    }

    #[test]
    fn principals_with_spaces_commas_or_quotes_are_refused() {
        for bad in ["", "a b", "a,b", "a\"b", "ä@b"] {
            assert!(!is_valid_principal(bad), "{bad}");
        }
        for good in ["rmacheck@host-1", "shop.example+42@vendor.example"] {
            assert!(is_valid_principal(good), "{good}");
        }
    }

    #[test]
    fn the_allowed_signers_line_pins_the_namespace() {
        let key = generate("a@b").unwrap();
        let line = allowed_signers_line("a@b", key.public_key());
        assert!(
            line.starts_with("a@b namespaces=\"rmacheck-report-v1\" ssh-ed25519 AAAA"),
            "{line}"
        );
        assert_eq!(line.split(' ').count(), 4, "{line}");
        assert!(fingerprint(key.public_key()).starts_with("SHA256:"));
    }
}
