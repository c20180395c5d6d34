//! The `--tts …` options of `rmacheck watch`: The Things Stack Events API as a live source.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{Failure, input_err};
use crate::model::DevEui;
use crate::transport::tts::{self, API_KEY_ENV, TtsConfig};

/// The Things Stack Events API options.
#[derive(Debug, Clone, Default, Args)]
pub struct TtsArgs {
    /// The Things Stack to stream events from (https://…; http:// only for loopback), e.g.
    /// https://eu1.cloud.thethings.network.
    #[arg(long, value_name = "URL", requires = "application_id")]
    pub tts: Option<String>,
    /// The application the watched devices belong to.
    #[arg(long, value_name = "APP", requires = "tts")]
    pub application_id: Option<String>,
    /// Device IDs to subscribe to (repeatable); default: looked up from --dev-eui.
    #[arg(long = "device-id", value_name = "ID", requires = "tts")]
    pub device_id: Vec<String>,
    /// Gateway IDs whose gateway events to subscribe to (repeatable; needs the owner's rights).
    #[arg(long = "gateway-id", value_name = "GW", requires = "tts")]
    pub gateway_id: Vec<String>,
    /// File holding the API key (or set RMACHECK_TTS_API_KEY).
    #[arg(long, value_name = "F", requires = "tts")]
    pub api_key_file: Option<PathBuf>,
}

impl TtsArgs {
    /// The Events API configuration, when `--tts` is given.
    ///
    /// # Errors
    /// A [`Failure::Input`] naming the bad option.
    pub fn config(&self, dev_euis: &[DevEui]) -> Result<Option<TtsConfig>, Failure> {
        let Some(url) = &self.tts else { return Ok(None) };
        let url = tts::parse_url(url).map_err(input_err)?;
        if let Some(f) = &self.api_key_file {
            super::secret_files::warn_if_readable_by_others(f, "an API key");
        }
        let api_key = tts::api_key(self.api_key_file.as_deref(), std::env::var(API_KEY_ENV).ok())
            .map_err(input_err)?;
        let tls = if url.scheme() == "https" {
            Some(tts::tls_config().map_err(input_err)?)
        } else {
            None
        };
        Ok(Some(TtsConfig {
            url,
            application_id: self.application_id.clone().unwrap_or_default(),
            device_ids: self.device_id.clone(),
            dev_euis: dev_euis.to_vec(),
            gateway_ids: self.gateway_id.clone(),
            api_key,
            tls,
            backoff_initial: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
        }))
    }
}
