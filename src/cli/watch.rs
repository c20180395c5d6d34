//! `rmacheck watch`.

#[allow(unused_imports)]
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[allow(unused_imports)]
use super::{CaptureArgs, CmdResult, DiagnoseFormat, InspectFormat, Lang, input_err};

/// Arguments of `rmacheck watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Broker URL: mqtt://host:port or mqtts://host:port (TLS).
    #[arg(long, value_name = "URL")]
    pub broker: String,
    /// Devices to watch (repeatable).
    #[arg(long = "dev-eui", value_name = "EUI", required = true)]
    pub dev_eui: Vec<crate::model::DevEui>,
    /// Topic filters to subscribe to instead of the defaults (repeatable).
    #[arg(long = "topic", value_name = "FILTER")]
    pub topic: Vec<String>,
    /// MQTT username.
    #[arg(long, env = "RMACHECK_MQTT_USERNAME")]
    pub username: Option<String>,
    /// File holding the MQTT password (or set RMACHECK_MQTT_PASSWORD).
    #[arg(long, value_name = "F")]
    pub password_file: Option<PathBuf>,
    /// CA certificate (PEM) for mqtts://.
    #[arg(long, value_name = "F")]
    pub ca_file: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS.
    #[arg(long, value_name = "F", requires = "client_key")]
    pub client_cert: Option<PathBuf>,
    /// Client private key (PEM) for mutual TLS.
    #[arg(long, value_name = "F", requires = "client_cert")]
    pub client_key: Option<PathBuf>,
    /// Stop after this long (e.g. 90s, 30m, 2h); default: until Ctrl-C.
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
    /// Write every message received to this capture file as it arrives.
    #[arg(long, value_name = "FILE.jsonl")]
    pub record: Option<PathBuf>,
    /// AppKeys as registered on the network server (TOML), for MIC checks.
    #[arg(long, value_name = "FILE.toml")]
    pub keys: Option<PathBuf>,
}

/// Runs the command.
pub fn run(_args: WatchArgs) -> CmdResult {
    Err(input_err(anyhow::anyhow!("'rmacheck watch' is not implemented yet")))
}

#[allow(dead_code)]
fn _unused() -> ExitCode {
    ExitCode::SUCCESS
}
