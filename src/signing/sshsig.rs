//! SSHSIG signatures over raw bytes (OpenSSH `PROTOCOL.sshsig`), as `ssh-keygen -Y sign` makes them.
//!
//! - Signing: namespace [`NAMESPACE`], SHA-512, armoured PEM with LF line endings.
//! - Verifying: the armour must be the canonical encoding of the signature's fields, byte for
//!   byte (so any changed byte of `report.json.sig` is noticed): version 1, an empty reserved
//!   field, base64 wrapped at 70 columns, LF line endings, nothing before `-----BEGIN` or after
//!   the `-----END` line. `ssh-keygen -Y sign` writes exactly this. The namespace must be
//!   [`NAMESPACE`], and the Ed25519 signature must match the message. Who may sign is decided
//!   separately ([`super::allowed_signers`]).

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use super::NAMESPACE;
use super::keys::fingerprint;

/// Why a signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigError {
    /// The file is not an SSHSIG armour.
    #[error("not an OpenSSH signature ({0}): the file is damaged or is not report.json.sig")]
    Unreadable(String),
    /// The armour differs from its canonical encoding (e.g. CRLF line endings, edits).
    #[error(
        "the signature file is not byte-for-byte as written (changed bytes, CRLF line endings or \
         re-wrapped lines): copy the bundle as binary files (e.g. in a zip)"
    )]
    NotCanonical,
    /// Signed for another purpose.
    #[error(
        "the signature was made for namespace \"{found}\", not \"{NAMESPACE}\": it is not a \
         report signature"
    )]
    WrongNamespace {
        /// The namespace in the signature.
        found: String,
    },
    /// The cryptographic check failed.
    #[error(
        "the signature does not match report.json: report.json or report.json.sig was changed \
         after signing"
    )]
    Mismatch,
    /// Signing failed.
    #[error("cannot sign: {0}")]
    Sign(String),
}

/// What a valid signature says about its signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureInfo {
    /// The public key that made the signature (no comment).
    pub public_key: PublicKey,
    /// Its `SHA256:…` fingerprint.
    pub fingerprint: String,
    /// The hash algorithm (`sha512`).
    pub hash_alg: String,
}

/// Signs `msg` and returns the armoured signature (`-----BEGIN SSH SIGNATURE-----`, LF endings).
///
/// # Errors
/// [`SigError::Sign`] when the key cannot sign (e.g. encrypted).
pub fn sign(key: &PrivateKey, msg: &[u8]) -> Result<String, SigError> {
    let sig =
        key.sign(NAMESPACE, HashAlg::Sha512, msg).map_err(|e| SigError::Sign(e.to_string()))?;
    sig.to_pem(LineEnding::LF).map_err(|e| SigError::Sign(e.to_string()))
}

/// Verifies an armoured signature over `msg` in the report namespace.
///
/// # Errors
/// A [`SigError`] naming the failed check.
pub fn verify(armoured: &[u8], msg: &[u8]) -> Result<SignatureInfo, SigError> {
    let sig = SshSig::from_pem(armoured).map_err(|e| SigError::Unreadable(e.to_string()))?;
    // Re-encoded from the fields alone (version 1, no reserved data), not from what was parsed:
    // a parsed version 0 or reserved bytes would otherwise re-encode to themselves.
    let canonical = SshSig::new(
        sig.public_key().clone(),
        sig.namespace(),
        sig.hash_alg(),
        sig.signature().clone(),
    )
    .and_then(|c| c.to_pem(LineEnding::LF))
    .map_err(|e| SigError::Unreadable(e.to_string()))?;
    if canonical.as_bytes() != armoured {
        return Err(SigError::NotCanonical);
    }
    if sig.namespace() != NAMESPACE {
        return Err(SigError::WrongNamespace { found: sig.namespace().to_string() });
    }
    let public_key = PublicKey::from(sig.public_key().clone());
    public_key.verify(NAMESPACE, msg, &sig).map_err(|_| SigError::Mismatch)?;
    Ok(SignatureInfo {
        fingerprint: fingerprint(&public_key),
        public_key,
        hash_alg: sig.hash_alg().as_str().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::keys::generate;

    #[test]
    fn a_signature_verifies_and_names_its_key() {
        let key = generate("a@b").unwrap();
        let pem = sign(&key, b"{\"a\":1}").unwrap();
        assert!(pem.starts_with("-----BEGIN SSH SIGNATURE-----\n"), "{pem}");
        assert!(!pem.contains('\r'));
        let info = verify(pem.as_bytes(), b"{\"a\":1}").unwrap();
        assert_eq!(info.fingerprint, fingerprint(key.public_key()));
        assert_eq!(info.hash_alg, "sha512");
    }

    #[test]
    fn a_changed_message_or_signature_byte_is_detected() {
        let key = generate("a@b").unwrap();
        let msg = b"{\"verdict\":\"HEALTHY\"}".to_vec();
        let pem = sign(&key, &msg).unwrap().into_bytes();
        let mut changed = msg.clone();
        changed[3] ^= 0x01;
        assert_eq!(verify(&pem, &changed), Err(SigError::Mismatch));
        for pos in [0, 10, 40, pem.len() / 2, pem.len() - 40, pem.len() - 1] {
            let mut p = pem.clone();
            p[pos] ^= 0x01;
            assert!(verify(&p, &msg).is_err(), "flip at {pos} went unnoticed");
        }
    }

    #[test]
    fn a_signature_in_another_namespace_is_refused() {
        let key = generate("a@b").unwrap();
        let sig = key.sign("file", HashAlg::Sha512, b"x").unwrap();
        let pem = sig.to_pem(LineEnding::LF).unwrap();
        let err = verify(pem.as_bytes(), b"x");
        assert_eq!(err, Err(SigError::WrongNamespace { found: "file".into() }));
    }

    /// The armour around `blob`, base64 wrapped at `width` columns.
    fn armour(blob: &[u8], width: usize) -> String {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(blob);
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(width)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        format!(
            "-----BEGIN SSH SIGNATURE-----\n{}\n-----END SSH SIGNATURE-----\n",
            lines.join("\n")
        )
    }

    fn blob(pem: &str) -> Vec<u8> {
        use base64::Engine as _;
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD.decode(body).unwrap()
    }

    #[test]
    fn only_the_canonical_armour_of_a_valid_signature_is_accepted() {
        let key = generate("a@b").unwrap();
        let msg = b"{\"verdict\":\"HEALTHY\"}";
        let pem = sign(&key, msg).unwrap();
        let original = blob(&pem);
        assert_eq!(armour(&original, 70), pem, "the test's armour is the canonical one");
        assert!(verify(pem.as_bytes(), msg).is_ok());
        // SSHSIG blob: "SSHSIG", uint32 version, … (PROTOCOL.sshsig).
        let mut version0 = original.clone();
        version0[6..10].copy_from_slice(&0u32.to_be_bytes());
        let trailing_line = pem.replace("-----END", "    \n-----END");
        let variants: [(&str, String); 10] = [
            ("version field 0", armour(&version0, 70)),
            ("base64 wrapped at 64 columns", armour(&original, 64)),
            ("base64 wrapped at 76 columns", armour(&original, 76)),
            ("a trailing space on a line", pem.replacen('\n', " \n", 2)),
            ("a line of blanks", trailing_line),
            ("a blank line at the end", format!("{pem}\n")),
            ("no final line end", pem.trim_end().to_string()),
            ("trailing data", format!("{pem}extra\n")),
            ("leading data", format!("note\n{pem}")),
            ("CRLF line endings", pem.replace('\n', "\r\n")),
        ];
        for (what, armoured) in variants {
            let result = verify(armoured.as_bytes(), msg);
            assert!(
                matches!(result, Err(SigError::NotCanonical | SigError::Unreadable(_))),
                "{what} was accepted: {result:?}"
            );
        }
        assert_eq!(verify(armour(&version0, 70).as_bytes(), msg), Err(SigError::NotCanonical));
    }

    #[test]
    fn crlf_line_endings_are_reported_as_transport_damage() {
        let key = generate("a@b").unwrap();
        let pem = sign(&key, b"x").unwrap().replace('\n', "\r\n");
        let err = verify(pem.as_bytes(), b"x");
        assert!(matches!(err, Err(SigError::NotCanonical | SigError::Unreadable(_))), "{err:?}");
    }
}
