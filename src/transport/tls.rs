//! TLS client configuration for `mqtts://` (rustls with the ring provider).
//!
//! There are no bundled root certificates: the trust anchors come only from `--ca-file` (PEM,
//! one or more certificates — the system bundle file works too). Mutual TLS uses
//! `--client-cert` (PEM chain) and `--client-key` (PKCS#8, PKCS#1 or SEC1 PEM).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::TransportError;

/// The TLS files named on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsFiles {
    /// CA certificate(s), PEM.
    pub ca_file: Option<PathBuf>,
    /// Client certificate chain, PEM.
    pub client_cert: Option<PathBuf>,
    /// Client private key, PEM.
    pub client_key: Option<PathBuf>,
}

impl TlsFiles {
    /// True when no TLS file was named.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ca_file.is_none() && self.client_cert.is_none() && self.client_key.is_none()
    }
}

fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, TransportError> {
    std::fs::read(path).map_err(|source| TransportError::ReadFile {
        what,
        path: path.into(),
        source,
    })
}

fn certificates(
    what: &'static str,
    path: &Path,
) -> Result<Vec<CertificateDer<'static>>, TransportError> {
    let pem = read(what, path)?;
    let certs: Vec<_> = rustls_pemfile::certs(&mut pem.as_slice())
        .collect::<Result<_, _>>()
        .map_err(|source| TransportError::ReadFile { what, path: path.into(), source })?;
    if certs.is_empty() {
        return Err(TransportError::NoCertificate { path: path.into() });
    }
    Ok(certs)
}

fn private_key(path: &Path) -> Result<PrivateKeyDer<'static>, TransportError> {
    let pem = read("client key", path)?;
    rustls_pemfile::private_key(&mut pem.as_slice())
        .map_err(|source| TransportError::ReadFile {
            what: "client key",
            path: path.into(),
            source,
        })?
        .ok_or_else(|| TransportError::NoPrivateKey { path: path.into() })
}

/// Builds the rustls client configuration for `mqtts://`.
///
/// # Errors
/// [`TransportError::CaFileNeeded`] without a CA file; unreadable or empty PEM files; a client
/// key that does not match its certificate.
pub fn client_config(files: &TlsFiles) -> Result<Arc<rustls::ClientConfig>, TransportError> {
    let ca_file = files.ca_file.as_deref().ok_or(TransportError::CaFileNeeded)?;
    let mut roots = rustls::RootCertStore::empty();
    let (added, _ignored) = roots.add_parsable_certificates(certificates("CA file", ca_file)?);
    if added == 0 {
        return Err(TransportError::NoCertificate { path: ca_file.into() });
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TransportError::Tls(e.to_string()))?
        .with_root_certificates(roots);
    let config = match (&files.client_cert, &files.client_key) {
        (Some(cert), Some(key)) => builder
            .with_client_auth_cert(certificates("client certificate", cert)?, private_key(key)?)
            .map_err(|e| TransportError::Tls(format!("client certificate or key: {e}")))?,
        (None, None) => builder.with_no_client_auth(),
        _ => {
            return Err(TransportError::Tls(
                "--client-cert and --client-key must be given together".into(),
            ));
        }
    };
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mqtts_without_a_ca_file_says_a_ca_file_is_needed() {
        let err = client_config(&TlsFiles::default()).err().map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.contains("needs --ca-file") && err.contains("no bundled root"), "{err}");
    }

    #[test]
    fn unusable_pem_files_are_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.pem");
        std::fs::write(&junk, "not a certificate\n").unwrap();
        let missing = dir.path().join("missing.pem");
        let cases = [
            (
                TlsFiles { ca_file: Some(junk.clone()), ..TlsFiles::default() },
                "holds no PEM certificate",
            ),
            (TlsFiles { ca_file: Some(missing), ..TlsFiles::default() }, "cannot read CA file"),
        ];
        for (files, needle) in cases {
            let err = client_config(&files).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(needle) && err.contains(".pem"), "expected '{needle}' in '{err}'");
        }
    }
}
