//! The MQTT connection options of the commands that talk to a broker (`replay`; the same flags
//! as `watch`): broker URL, username, password file or `RMACHECK_MQTT_PASSWORD`, TLS files.

use std::path::PathBuf;

use clap::Args;

use super::{Failure, input_err};
use crate::transport::tls::{self, TlsFiles};
use crate::transport::{BrokerUrl, Credentials, MqttConfig, TransportError};

/// The environment variable holding the MQTT password.
pub const PASSWORD_ENV: &str = "RMACHECK_MQTT_PASSWORD";

/// How to reach and log in to the broker.
#[derive(Debug, Clone, Args)]
pub struct ConnectionArgs {
    /// Broker URL: mqtt://host:port or mqtts://host:port (TLS).
    #[arg(long, value_name = "URL")]
    pub broker: String,
    /// Login and TLS.
    #[command(flatten)]
    pub login: LoginArgs,
}

/// How to log in to the broker: username, password file, TLS files (shared by `watch` and
/// `replay`).
#[derive(Debug, Clone, Default, Args)]
pub struct LoginArgs {
    /// MQTT username (The Things Stack: app-id@tenant).
    #[arg(long, env = "RMACHECK_MQTT_USERNAME")]
    pub username: Option<String>,
    /// File holding the MQTT password (or set RMACHECK_MQTT_PASSWORD).
    #[arg(long, value_name = "F")]
    pub password_file: Option<PathBuf>,
    /// CA certificate(s) (PEM) for mqtts://.
    #[arg(long, value_name = "F")]
    pub ca_file: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS.
    #[arg(long, value_name = "F", requires = "client_key")]
    pub client_cert: Option<PathBuf>,
    /// Client private key (PEM) for mutual TLS.
    #[arg(long, value_name = "F", requires = "client_cert")]
    pub client_key: Option<PathBuf>,
}

impl ConnectionArgs {
    /// The MQTT settings (no network yet) for subscribing to `filters`.
    ///
    /// # Errors
    /// A [`Failure::Input`] naming the bad option (URL, password file, TLS files).
    pub fn mqtt_config(&self, filters: Vec<String>) -> Result<MqttConfig, Failure> {
        let url: BrokerUrl = self.broker.parse().map_err(input_err)?;
        self.login.mqtt_config(url, filters)
    }
}

impl LoginArgs {
    /// The MQTT settings (no network yet) for `url` and `filters`, with these credentials and
    /// TLS files (TLS files without `mqtts://` are refused).
    ///
    /// # Errors
    /// A [`Failure::Input`] naming the bad option (password file, TLS files).
    pub fn mqtt_config(&self, url: BrokerUrl, filters: Vec<String>) -> Result<MqttConfig, Failure> {
        if let Some(f) = &self.password_file {
            super::secret_files::warn_if_readable_by_others(f, "a password");
        }
        if let Some(f) = &self.client_key {
            super::secret_files::warn_if_readable_by_others(f, "a private key");
        }
        let credentials = Credentials::from_inputs(
            self.username.as_deref(),
            self.password_file.as_deref(),
            std::env::var(PASSWORD_ENV).ok(),
        )
        .map_err(input_err)?;
        let files = TlsFiles {
            ca_file: self.ca_file.clone(),
            client_cert: self.client_cert.clone(),
            client_key: self.client_key.clone(),
        };
        let tls = if url.tls {
            Some(tls::client_config(&files).map_err(input_err)?)
        } else if !files.is_empty() {
            return Err(input_err(TransportError::TlsOptionsWithoutTls));
        } else {
            None
        };
        let mut mqtt = MqttConfig::new(url, filters);
        mqtt.credentials = credentials;
        mqtt.tls = tls;
        Ok(mqtt)
    }
}
