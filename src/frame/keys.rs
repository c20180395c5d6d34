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
    #[error("cannot read keys file {path}: {source}; check the path and that the file is readable")]
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
    /// Every problem in the file is reported at once, each naming the `[[device]]` entry
    /// (1-based) and the field. Unknown fields and duplicate DevEUIs are errors.
    ///
    /// # Errors
    /// [`KeysError::Invalid`] naming the entry and field at fault (never the key bytes).
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Self, KeysError> {
        let invalid = |message: String| KeysError::Invalid { path: origin.to_string(), message };
        let table: toml::Table =
            toml::from_str(text).map_err(|e| invalid(syntax_error(text, &e)))?;
        let mut problems = Vec::new();
        for key in table.keys().filter(|k| k.as_str() != "device") {
            problems.push(format!(
                "unknown top-level key {}: the file holds only [[device]] entries",
                field_name(key)
            ));
        }
        let entries: &[toml::Value] = match table.get("device") {
            None => &[],
            Some(toml::Value::Array(a)) => a,
            Some(_) => {
                problems.push(
                    "'device' must be written [[device]] (double brackets), once per device".into(),
                );
                &[]
            }
        };
        if entries.is_empty() && problems.is_empty() {
            problems.push(
                "no [[device]] entries: add one per device with dev_eui and app_key \
                 (see the keys file format in the README)"
                    .into(),
            );
        }
        let mut store = Self::new();
        let mut first_entry: BTreeMap<DevEui, usize> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let n = i + 1;
            match parse_entry(entry, n) {
                Ok((dev_eui, keys)) => {
                    if let Some(prev) = first_entry.get(&dev_eui) {
                        problems.push(format!(
                            "device entry {n}: dev_eui {dev_eui} is already listed in entry {prev}; \
                             keep one entry per device"
                        ));
                    } else {
                        first_entry.insert(dev_eui, n);
                        store.insert(dev_eui, keys);
                    }
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        match problems.len() {
            0 => Ok(store),
            1 => Err(invalid(problems.concat())),
            n => Err(invalid(format!("{n} problems:\n  - {}", problems.join("\n  - ")))),
        }
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

/// Describes a TOML syntax error by line and column only: the offending line may hold a key.
fn syntax_error(text: &str, e: &toml::de::Error) -> String {
    let at = e.span().map_or(String::new(), |span| {
        let before = text.get(..span.start).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!(" at line {line}, column {col}")
    });
    let msg = e.message().trim_end();
    format!(
        "not valid TOML{at}: {msg}; fix the TOML syntax there (values are quoted: app_key = \"…\")"
    )
}

/// Quotes a field name unless it looks like key material (a long run of hex digits).
fn field_name(k: &str) -> String {
    let longest_hex_run =
        k.split(|c: char| !c.is_ascii_hexdigit()).map(str::len).max().unwrap_or(0);
    if longest_hex_run >= 12 {
        "(name not shown: it looks like key material)".to_string()
    } else {
        format!("'{k}'")
    }
}

const FIELDS: &str = "dev_eui, join_eui, app_key";

/// Reads one `[[device]]` entry (`n` is 1-based); returns every problem found in it.
fn parse_entry(entry: &toml::Value, n: usize) -> Result<(DevEui, DeviceKeys), Vec<String>> {
    let Some(t) = entry.as_table() else {
        return Err(vec![format!("device entry {n} is not a table; write it as [[device]]")]);
    };
    let mut problems = Vec::new();
    for k in t.keys().filter(|k| !matches!(k.as_str(), "dev_eui" | "join_eui" | "app_key")) {
        problems.push(format!(
            "device entry {n}: unknown field {} (allowed: {FIELDS}); check its spelling",
            field_name(k)
        ));
    }
    let text = |field: &str, problems: &mut Vec<String>| -> Option<String> {
        match t.get(field) {
            None => None,
            Some(toml::Value::String(s)) => Some(s.clone()),
            Some(other) => {
                problems.push(format!(
                    "device entry {n}: {field} must be a quoted hex string, not a {}",
                    other.type_str()
                ));
                None
            }
        }
    };
    let dev_eui_text = text("dev_eui", &mut problems);
    let join_eui_text = text("join_eui", &mut problems);
    let app_key_text = text("app_key", &mut problems);
    // Values are never echoed: a key pasted into the wrong field must not show up either.
    let eui = |field: &str, s: &str, problems: &mut Vec<String>| -> Option<DevEui> {
        s.parse::<DevEui>()
            .map_err(|e| {
                let what = match e {
                    crate::model::IdError::Length { found, .. } => {
                        format!("must be 16 hex digits, this one has {found}")
                    }
                    crate::model::IdError::NotHex { .. } => {
                        "contains characters other than 0-9 and a-f".to_string()
                    }
                };
                problems.push(format!(
                    "device entry {n}: {field} {what}; copy it from the device label or the \
                     network server (separators - and : are allowed)"
                ));
            })
            .ok()
    };
    let dev_eui = match &dev_eui_text {
        Some(s) => eui("dev_eui", s, &mut problems),
        None => {
            if t.get("dev_eui").is_none() {
                problems.push(format!(
                    "device entry {n}: dev_eui is missing; add the device's 16-digit DevEUI"
                ));
            }
            None
        }
    };
    let join_eui = join_eui_text.as_deref().and_then(|s| eui("join_eui", s, &mut problems));
    let app_key = match &app_key_text {
        Some(s) => app_key(s, n, &mut problems),
        None => {
            if t.get("app_key").is_none() {
                problems.push(format!(
                    "device entry {n}: app_key is missing; add the AppKey as registered on \
                     the network server (32 hex digits)"
                ));
            }
            None
        }
    };
    match (dev_eui, app_key) {
        (Some(dev_eui), Some(app_key)) if problems.is_empty() => {
            Ok((dev_eui, DeviceKeys { join_eui, app_key }))
        }
        _ => Err(problems),
    }
}

/// Reads an AppKey; errors describe its shape, never its digits.
fn app_key(s: &str, n: usize, problems: &mut Vec<String>) -> Option<AesKey> {
    let digits: Vec<char> =
        s.trim().chars().filter(|c| !matches!(c, '-' | ':' | ' ' | '_')).collect();
    if !digits.iter().all(char::is_ascii_hexdigit) {
        problems.push(format!(
            "device entry {n}: app_key contains characters other than 0-9 and a-f; \
             copy the AppKey again from the network server"
        ));
        return None;
    }
    if digits.len() != 32 {
        problems.push(format!(
            "device entry {n}: app_key must be 32 hex digits (AES-128), this one has {}; \
             copy the whole AppKey from the network server",
            digits.len()
        ));
        return None;
    }
    match s.parse::<AesKey>() {
        Ok(k) => Some(k),
        Err(_) => {
            problems.push(format!("device entry {n}: app_key is not a valid AES-128 key"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";

    fn parse(text: &str) -> Result<KeyStore, String> {
        KeyStore::from_toml_str(text, "keys.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn a_valid_file_gives_every_device_with_its_keys() {
        let text = format!(
            "[[device]]\ndev_eui = \"70B3-D57E-D000-0001\"\njoin_eui = \"0000000000000000\"\n\
             app_key = \"{KEY}\"\n\n[[device]]\ndev_eui = \"70b3d57ed0000002\"\n\
             app_key = \"{}\"\n",
            KEY.to_uppercase()
        );
        let store = parse(&text).unwrap_or_default();
        assert_eq!(store.len(), 2);
        let one = store.get(&"70b3d57ed0000001".parse().unwrap_or_default());
        assert_eq!(one.map(|k| k.app_key.0[0]), Some(0x2b));
        assert_eq!(one.and_then(|k| k.join_eui), Some(DevEui::default()));
        let two = store.get(&"70b3d57ed0000002".parse().unwrap_or_default());
        assert_eq!(two.map(|k| k.join_eui), Some(None));
    }

    #[test]
    fn each_mistake_is_reported_with_its_entry_field_and_a_remedy() {
        let ok = format!("dev_eui = \"70b3d57ed0000001\"\napp_key = \"{KEY}\"");
        let cases: Vec<(&str, String, &[&str])> = vec![
            (
                "an unknown field",
                format!("[[device]]\n{ok}\nappkey = \"x\""),
                &["device entry 1", "unknown field 'appkey'", "spelling"],
            ),
            (
                "an unknown top-level key",
                format!("version = 1\n[[device]]\n{ok}"),
                &["unknown top-level key 'version'"],
            ),
            (
                "a missing app_key",
                "[[device]]\ndev_eui = \"70b3d57ed0000001\"".into(),
                &["device entry 1", "app_key is missing"],
            ),
            (
                "a missing dev_eui",
                format!("[[device]]\napp_key = \"{KEY}\""),
                &["dev_eui is missing"],
            ),
            (
                "a short app_key",
                format!("[[device]]\ndev_eui = \"70b3d57ed0000001\"\napp_key = \"{}\"", &KEY[..30]),
                &["app_key must be 32 hex digits", "has 30"],
            ),
            (
                "a non-hex app_key",
                format!(
                    "[[device]]\ndev_eui = \"70b3d57ed0000001\"\napp_key = \"{}zz\"",
                    &KEY[..30]
                ),
                &["app_key contains characters other than"],
            ),
            (
                "a numeric app_key",
                "[[device]]\ndev_eui = \"70b3d57ed0000001\"\napp_key = 12".into(),
                &["app_key must be a quoted hex string, not a integer"],
            ),
            (
                "a bad dev_eui",
                format!("[[device]]\ndev_eui = \"70b3d5\"\napp_key = \"{KEY}\""),
                &["device entry 1: dev_eui must be 16 hex digits"],
            ),
            (
                "a bad join_eui",
                format!("[[device]]\n{ok}\njoin_eui = \"xyz\""),
                &["join_eui must be 16 hex digits, this one has 3"],
            ),
            (
                "a duplicate dev_eui",
                format!("[[device]]\n{ok}\n[[device]]\n{ok}"),
                &["device entry 2", "already listed in entry 1"],
            ),
            ("single brackets", format!("[device]\n{ok}"), &["[[device]] (double brackets)"]),
            ("an empty file", String::new(), &["no [[device]] entries"]),
            (
                "broken TOML",
                format!("[[device]]\napp_key = {KEY}\n"),
                &["not valid TOML at line 2"],
            ),
            (
                "two problems",
                format!("[[device]]\nx = 1\n[[device]]\ny = 2\n{ok}"),
                &["problems:", "entry 1", "entry 2"],
            ),
        ];
        for (name, text, needles) in cases {
            let err = parse(&text).err().unwrap_or_default();
            assert!(err.starts_with("keys file keys.toml: "), "{name}: {err}");
            for needle in needles {
                assert!(err.contains(needle), "{name}: '{needle}' not in: {err}");
            }
        }
    }

    #[test]
    fn no_error_message_contains_key_material() {
        let fragments = ["2b7e1516", "28aed2a6", "abf71588", "09cf4f3c", "2B7E1516", "09CF4F3C"];
        let upper = KEY.to_uppercase();
        let texts = [
            format!("[[device]]\napp_key = {KEY}\n"),
            format!("[[device]]\napp_key = \"{KEY}\n"),
            format!("[[device]]\napp_key = \"{KEY}\" trailing\n"),
            format!("[[device]]\napp_key = \"{KEY}00\"\n"),
            format!("[[device]]\napp_key = \"{}\"\n", &KEY[..31]),
            format!("[[device]]\napp_key = \"{}g\"\n", &KEY[..31]),
            format!("[[device]]\napp_key = \"{upper}\"\napp_key = \"{KEY}\"\n"),
            format!("[[device]]\napp_key = [\"{KEY}\"]\n"),
            format!("[[device]]\n{KEY} = 1\n"),
            format!("app_key = \"{KEY}\"\n"),
            format!("[[device]]\ndev_eui = \"{KEY}\"\napp_key = \"{KEY}\"\n"),
            format!("[[device]]\njoin_eui = \"{KEY}x\"\napp_key = \"{KEY}\"\n"),
            format!(
                "[[device]]\ndev_eui = \"70b3d57ed0000001\"\napp_key = \"{KEY}\"\nkey = \"{KEY}\"\n"
            ),
        ];
        for text in &texts {
            let err = parse(text).err().unwrap_or_default();
            assert!(!err.is_empty(), "expected an error for {text:?}");
            for f in fragments {
                assert!(!err.contains(f), "key material in: {err}");
            }
        }
    }
}
