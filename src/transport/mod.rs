//! MQTT transport (rumqttc, MQTT 3.1.1): the only network I/O besides the agent loop.
//!
//! Place in the pipeline: broker → [`mqtt::MqttTransport`] → bounded channel of
//! [`TransportEvent`]s → agent (redelivery filter, recorder, pipeline).
//!
//! - [`url`] parses `mqtt://` / `mqtts://` broker URLs.
//! - [`tls`] builds the rustls client configuration (ring provider, CA file, client certificate).
//! - [`topics`] knows the default subscriptions for ChirpStack v3/v4 and The Things Stack.
//! - [`redelivery`] drops byte-identical redeliveries after a reconnect (sans-IO).
//! - [`mqtt`] owns the rumqttc event loop in one task that only polls and forwards.
//! - [`observed`] turns connection events into observation gaps (sans-IO).
//! - [`problem`] turns connection errors into messages that say what to check.
//!
//! Invariants: passwords never appear in any output (the [`Credentials`] `Debug` is redacted);
//! the event loop is never blocked by anything but the bounded channel; every `ConnAck`
//! triggers a fresh subscription.

pub mod mqtt;
pub mod observed;
pub mod problem;
pub mod redelivery;
pub mod tls;
pub mod topics;
pub mod tts;
pub mod url;

use std::fmt;
use std::path::PathBuf;

pub use mqtt::{ConnectionProblem, Link, MqttConfig, MqttTransport, TransportEvent};
pub use redelivery::RedeliveryFilter;
pub use url::BrokerUrl;

/// What is wrong with the transport settings (found before connecting).
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The broker URL cannot be used.
    #[error("invalid broker URL '{input}': {reason}")]
    Url {
        /// The URL as given (credentials redacted).
        input: String,
        /// What is wrong and what to write instead.
        reason: String,
    },
    /// A `--topic` filter is not a valid MQTT topic filter.
    #[error(
        "invalid topic filter '{filter}': {reason} ('+' matches one level, '#' only at the end)"
    )]
    Filter {
        /// The filter as given.
        filter: String,
        /// What is wrong.
        reason: String,
    },
    /// `mqtts://` without `--ca-file`.
    #[error(
        "mqtts:// needs --ca-file: rmacheck has no bundled root certificates; pass the \
         broker's CA certificate as PEM (for a public CA, the system bundle works, e.g. \
         --ca-file /etc/ssl/certs/ca-certificates.crt)"
    )]
    CaFileNeeded,
    /// TLS files given for a plain `mqtt://` URL.
    #[error(
        "--ca-file, --client-cert and --client-key only apply to TLS; use an mqtts:// broker \
         URL (usually port 8883) or drop those options"
    )]
    TlsOptionsWithoutTls,
    /// A file could not be read.
    #[error("cannot read {what} {}: {source}", path.display())]
    ReadFile {
        /// What the file is (e.g. "CA file").
        what: &'static str,
        /// Its path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A PEM file holds no certificate.
    #[error(
        "{} holds no PEM certificate; it must contain '-----BEGIN CERTIFICATE-----' blocks",
        path.display()
    )]
    NoCertificate {
        /// The file.
        path: PathBuf,
    },
    /// A PEM file holds no private key.
    #[error(
        "{} holds no PEM private key; it must contain a '-----BEGIN PRIVATE KEY-----' \
         (PKCS#8), 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' block",
        path.display()
    )]
    NoPrivateKey {
        /// The file.
        path: PathBuf,
    },
    /// rustls refused the configuration.
    #[error("TLS setup failed: {0}; check the certificate and key files")]
    Tls(String),
    /// A password without a username.
    #[error(
        "a password was given (password file or RMACHECK_MQTT_PASSWORD) but no --username; \
         MQTT sends a password only together with a username"
    )]
    PasswordWithoutUsername,
    /// The password file is empty.
    #[error("the password file {} is empty; write the password (or API key) into it", path.display())]
    EmptyPassword {
        /// The file.
        path: PathBuf,
    },
}

/// A secret string whose `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    #[must_use]
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
    /// The secret itself, only for handing it to the MQTT client.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// MQTT username and optional password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Username (for The Things Stack: `app-id@tenant`).
    pub username: String,
    /// Password (for The Things Stack: an API key).
    pub password: Option<Secret>,
}

impl Credentials {
    /// Builds credentials from the command-line inputs.
    ///
    /// The password comes from `password_file` (trailing newline removed) or, when no file is
    /// given, from `password_env` (the value of `RMACHECK_MQTT_PASSWORD`).
    ///
    /// # Errors
    /// An unreadable or empty password file, or a password without a username.
    pub fn from_inputs(
        username: Option<&str>,
        password_file: Option<&std::path::Path>,
        password_env: Option<String>,
    ) -> Result<Option<Self>, TransportError> {
        let password = match password_file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| {
                    TransportError::ReadFile { what: "password file", path: path.into(), source }
                })?;
                let trimmed = text.trim_end_matches(['\n', '\r']);
                if trimmed.is_empty() {
                    return Err(TransportError::EmptyPassword { path: path.into() });
                }
                Some(Secret::new(trimmed))
            }
            None => password_env.filter(|p| !p.is_empty()).map(Secret::new),
        };
        match (username.filter(|u| !u.is_empty()), password) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(TransportError::PasswordWithoutUsername),
            (Some(u), password) => Ok(Some(Self { username: u.to_string(), password })),
        }
    }
}

/// One message as delivered by the broker, with the flags the redelivery filter needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The message (received time from the agent's clock).
    pub raw: crate::model::RawMessage,
    /// The broker set DUP: it may have sent this message before.
    pub dup: bool,
    /// Delivered because of a (re)subscription to a topic with a retained message.
    pub retain: bool,
    /// QoS-1 packet id to acknowledge when the transport leaves acknowledgements to the agent
    /// ([`MqttConfig::persistent`]); `None` when there is nothing to acknowledge.
    pub ack: Option<u16>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_file_loses_its_trailing_newline_and_is_never_printed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "NNSXS.SECRETKEY\r\n").unwrap();
        let c = Credentials::from_inputs(Some("app@ttn"), Some(&path), None).unwrap().unwrap();
        assert_eq!(c.password.as_ref().map(Secret::expose), Some("NNSXS.SECRETKEY"));
        let shown = format!("{c:?} {}", c.password.as_ref().unwrap());
        assert!(!shown.contains("SECRETKEY"), "{shown}");
    }

    #[test]
    fn the_password_file_wins_over_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "from-file\n").unwrap();
        let c = Credentials::from_inputs(Some("u"), Some(&path), Some("from-env".into())).unwrap();
        assert_eq!(c.unwrap().password.unwrap().expose(), "from-file");
        let c = Credentials::from_inputs(Some("u"), None, Some("from-env".into())).unwrap();
        assert_eq!(c.unwrap().password.unwrap().expose(), "from-env");
    }

    #[test]
    fn credential_mistakes_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "\n").unwrap();
        let missing = dir.path().join("missing");
        type Case<'a> = (Option<&'a str>, Option<&'a std::path::Path>, Option<String>, &'a str);
        let cases: [Case<'_>; 3] = [
            (None, None, Some("pw".into()), "no --username"),
            (Some("u"), Some(&empty), None, "is empty"),
            (Some("u"), Some(&missing), None, "cannot read password file"),
        ];
        for (user, file, env, needle) in cases {
            let err = Credentials::from_inputs(user, file, env).err().map(|e| e.to_string());
            let err = err.unwrap_or_default();
            assert!(err.contains(needle), "expected '{needle}' in '{err}'");
        }
    }

    #[test]
    fn no_username_and_no_password_means_anonymous() {
        assert_eq!(Credentials::from_inputs(None, None, None).unwrap(), None);
        let c = Credentials::from_inputs(Some("u"), None, None).unwrap().unwrap();
        assert_eq!(c.password, None);
    }
}
