//! Signing of report bundles: OpenSSH SSHSIG signatures that stock `ssh-keygen -Y verify` accepts.
//!
//! - [`keys`] creates and loads the Ed25519 signing key (OpenSSH format; a private key readable by
//!   group or others is refused, as OpenSSH does; passphrase-protected keys are refused with advice).
//! - [`sshsig`] signs and verifies `report.json` bytes in the namespace [`NAMESPACE`] with SHA-512.
//! - [`allowed_signers`] reads OpenSSH `allowed_signers` files with `ssh-keygen`'s semantics.
//!
//! Private key material never appears in any output, error or report.

pub mod allowed_signers;
pub mod keys;
pub mod sshsig;

/// The SSHSIG namespace of report signatures (`ssh-keygen -Y verify -n rmacheck-report-v1`).
pub const NAMESPACE: &str = "rmacheck-report-v1";

pub use allowed_signers::{AllowedSigners, SignerMatch};
pub use keys::{KeyError, allowed_signers_line, fingerprint, load_private_key};
pub use sshsig::{SigError, SignatureInfo, sign, verify};
