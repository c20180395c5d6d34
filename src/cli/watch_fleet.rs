//! The fleet options of `watch` (`--all`, `--dev-eui-file`, `--events`, `--metrics`, …),
//! flattened into [`super::watch::WatchArgs`], and their translation into the agent's
//! [`FleetConfig`].

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::anyhow;
use clap::{ArgAction, Args};

use super::fleet::DeviceSelection;
use super::{Failure, input_err, io_err};
use crate::agent::{EventSink, FleetConfig};
use crate::frame::keys::KeyStore;

/// Fleet mode of `watch`.
#[derive(Debug, Clone, Default, Args)]
pub struct FleetWatchArgs {
    /// Follow every device seen (DevAddrs learnt from joins and application events included)
    /// and show the fleet's health table.
    #[arg(long, conflicts_with_all = ["dev_eui", "dev_eui_file"])]
    pub all: bool,
    #[command(flatten)]
    pub select: DeviceSelection,
    /// Write one JSON line per verdict change to this file (appended), or `-` for standard
    /// output: {"at","dev_eui","from","to","class","summary"}.
    #[arg(long, value_name = "FILE|-")]
    pub events: Option<PathBuf>,
    /// Serve Prometheus metrics on this address (GET /metrics, GET /healthz), e.g.
    /// 127.0.0.1:9464. Keep it on loopback or behind a proxy.
    #[arg(long, value_name = "ADDR")]
    pub metrics: Option<SocketAddr>,
    /// Export the per-device metric families (`--metrics-per-device=false` for very large
    /// fleets).
    #[arg(long, value_name = "BOOL", default_value_t = true, action = ArgAction::Set)]
    pub metrics_per_device: bool,
}

impl FleetWatchArgs {
    /// True in fleet mode.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.all || self.select.dev_eui_file.is_some()
    }

    /// The application topics of every device (fleet mode subscribes to all of them).
    #[must_use]
    pub fn filters(&self) -> Vec<String> {
        if self.enabled() {
            vec!["application/+/device/+/event/+".into(), "application/+/device/+/+".into()]
        } else {
            Vec::new()
        }
    }

    /// The agent's fleet configuration; `None` outside fleet mode. Binds the metrics address
    /// (only that one).
    ///
    /// # Errors
    /// Bad lists or profiles, fleet options without fleet mode (input errors); an address that
    /// cannot be bound (I/O).
    pub fn config(&self, keys: &KeyStore) -> Result<Option<FleetConfig>, Failure> {
        if !self.enabled() {
            if self.events.is_some() || self.metrics.is_some() || self.select.profile_map.is_some()
            {
                return Err(input_err(anyhow!(
                    "--events, --metrics and --profile-map need fleet mode: add --all or \
                     --dev-eui-file F"
                )));
            }
            return Ok(None);
        }
        let listed = self.select.devices().map_err(input_err)?;
        let diagnoser = self.select.diagnoser(keys).map_err(input_err)?;
        let metrics = match self.metrics {
            Some(addr) => Some(std::net::TcpListener::bind(addr).map_err(|e| {
                io_err(anyhow!(
                    "cannot serve metrics on {addr}: {e} — choose a free port, e.g. \
                     --metrics 127.0.0.1:9464"
                ))
            })?),
            None => None,
        };
        let events = self.events.as_ref().map(|p| {
            if p.as_os_str() == "-" { EventSink::Stdout } else { EventSink::File(p.clone()) }
        });
        let mut c = FleetConfig::all(diagnoser);
        c.listed = listed;
        c.events = events;
        c.metrics = metrics;
        c.per_device_metrics = self.metrics_per_device;
        Ok(Some(c))
    }
}
