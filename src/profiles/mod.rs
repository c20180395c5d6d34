//! Device profiles: TTN Device Repository profile fields plus an `x-diagnostics` block.
//!
//! - A profile file is YAML. Its top-level keys are The Things Network Device Repository's
//!   `endDeviceProfile` keys, verbatim (`macVersion`, `supportsJoin`, `maxEIRP`, …), so a TTN
//!   profile file drops in; rmacheck's expectations live under `x-diagnostics`.
//! - Every file is validated against `device-profiles/schema/profile.schema.json` (JSON Schema
//!   draft-07) before it is used. Errors name the file, the JSON path and what to fix.
//! - The shipped profiles are embedded in the binary ([`SHIPPED`]), so `--profile ID` works from
//!   any directory. A user directory can add or replace profiles ([`Registry::load_dir`]).
//! - The profile ID is the file name without `.yaml`/`.yml`.
//!
//! Pure: nothing here reads the environment; the CLI decides which directory to load.

mod shipped;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use shipped::SHIPPED;

/// The JSON Schema every profile file must satisfy.
pub const SCHEMA_JSON: &str = include_str!("../../device-profiles/schema/profile.schema.json");

/// Why a profile could not be used. Every message names the file and says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// The YAML does not parse.
    #[error("{file}: not valid YAML: {message} — fix the syntax at the position shown")]
    Yaml {
        /// File (shipped path or user path).
        file: String,
        /// Parser message with line and column.
        message: String,
    },
    /// The file does not satisfy the schema.
    #[error("{file}: {}", .problems.join("; "))]
    Schema {
        /// File.
        file: String,
        /// One line per problem: JSON path, what is wrong, what to do.
        problems: Vec<String>,
    },
    /// The schema itself does not compile (a defect of the shipped schema).
    #[error("the profile schema is invalid: {0}")]
    BadSchema(String),
    /// A directory or file could not be read.
    #[error("cannot read profiles from {path}: {message}")]
    Read {
        /// Path.
        path: String,
        /// I/O error text.
        message: String,
    },
    /// No profile has this ID.
    #[error("unknown profile '{id}'; valid IDs: {}", .valid.join(", "))]
    Unknown {
        /// The ID asked for.
        id: String,
        /// Every valid ID.
        valid: Vec<String>,
    },
}

/// A join retry step of the device firmware: `attempts` join-requests `interval_seconds` apart.
/// A step without `attempts` repeats forever; without `interval_seconds` the device sends as
/// fast as its duty-cycle and join back-off allow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetryStep {
    /// Attempts in this step; `None` = forever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    /// Seconds between attempts; `None` = as the duty cycle allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<u64>,
}

/// A spreading-factor range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SfRange {
    /// Lowest SF.
    pub min: u8,
    /// Highest SF.
    pub max: u8,
}

/// What the device's join behaviour should look like.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JoinExpectations {
    /// SFs the device uses for join-requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spreading_factors: Option<SfRange>,
    /// The firmware's join retry schedule, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retry_schedule: Vec<RetryStep>,
    /// A sentence on the schedule as the vendor documents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the device's uplink cadence should look like once joined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UplinkExpectations {
    /// Default (factory) uplink interval in seconds.
    pub nominal_interval_seconds: u64,
    /// Jitter accepted around the interval, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_seconds: Option<u64>,
    /// Whether the customer can change the interval (then the nominal one is only a default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configurable: Option<bool>,
}

/// Power supply facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Battery {
    /// Cell type and capacity as the vendor states it.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether the customer can replace it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaceable: Option<bool>,
}

/// Which device a profile describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceInfo {
    /// Vendor name.
    pub vendor: String,
    /// Model name.
    pub model: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Region the profile is for (TTN region key, e.g. `EU863-870`).
    pub region: String,
}

/// The `x-diagnostics` block: what rmacheck may expect from the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Diagnostics {
    /// Version of this block's layout (1).
    pub schema_version: u32,
    /// Which device.
    pub device: DeviceInfo,
    /// Uplink cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uplink: Option<UplinkExpectations>,
    /// Join behaviour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join: Option<JoinExpectations>,
    /// Power.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub battery: Option<Battery>,
    /// Where the facts come from (URLs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// One profile file (TTN `endDeviceProfile` keys + `x-diagnostics`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileFile {
    /// TR005 vendor profile ID.
    #[serde(default, rename = "vendorProfileID", skip_serializing_if = "Option::is_none")]
    pub vendor_profile_id: Option<u32>,
    /// LoRaWAN MAC version (`1.0.3`, `1.0.4`, …).
    pub mac_version: String,
    /// Regional parameters version (`RP001-1.0.3-RevA`, …).
    pub regional_parameters_version: String,
    /// OTAA (true) or ABP.
    pub supports_join: bool,
    /// RX1 delay, seconds (ABP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rx1_delay: Option<u8>,
    /// RX1 data-rate offset (ABP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rx1_data_rate_offset: Option<u8>,
    /// RX2 data-rate index (ABP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rx2_data_rate_index: Option<u8>,
    /// RX2 frequency, MHz (ABP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rx2_frequency: Option<f64>,
    /// Factory preset frequencies, MHz (ABP).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factory_preset_frequencies: Vec<f64>,
    /// Maximum EIRP, dBm.
    #[serde(rename = "maxEIRP")]
    pub max_eirp: i32,
    /// Maximum duty cycle (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duty_cycle: Option<f64>,
    /// 32-bit frame counters.
    #[serde(default, rename = "supports32bitFCnt", skip_serializing_if = "Option::is_none")]
    pub supports_32bit_fcnt: Option<bool>,
    /// Class B.
    pub supports_class_b: bool,
    /// Class B timeout, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_b_timeout: Option<u32>,
    /// Ping slot period, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ping_slot_period: Option<u32>,
    /// Ping slot data rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ping_slot_data_rate_index: Option<u8>,
    /// Ping slot frequency, MHz.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ping_slot_frequency: Option<f64>,
    /// Class C.
    pub supports_class_c: bool,
    /// Class C timeout, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_c_timeout: Option<u32>,
    /// rmacheck's expectations.
    #[serde(rename = "x-diagnostics")]
    pub diagnostics: Diagnostics,
}

/// A loaded, validated profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// ID (file name without extension).
    pub id: String,
    /// Where it came from (`device-profiles/…` for shipped files, else the path).
    pub origin: String,
    /// The file's content.
    #[serde(flatten)]
    pub file: ProfileFile,
}

impl Profile {
    /// `vendor model (region)`.
    #[must_use]
    pub fn title(&self) -> String {
        let d = &self.file.diagnostics.device;
        format!("{} {} ({})", d.vendor, d.model, d.region)
    }
    /// True for LoRaWAN 1.0.4 and later, whose DevNonce is a persistent counter.
    #[must_use]
    pub fn dev_nonce_is_counter(&self) -> bool {
        mac_version_at_least_104(&self.file.mac_version)
    }
}

/// True when a MAC version string is 1.0.4 or later (1.0.4, 1.1).
#[must_use]
pub fn mac_version_at_least_104(v: &str) -> bool {
    let parts: Vec<u32> = v.split('.').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [1, 0, patch, ..] => *patch >= 4,
        [1, minor, ..] => *minor >= 1,
        [major, ..] => *major > 1,
        [] => false,
    }
}

fn compile_schema() -> Result<jsonschema::Validator, ProfileError> {
    let schema: serde_json::Value =
        serde_json::from_str(SCHEMA_JSON).map_err(|e| ProfileError::BadSchema(e.to_string()))?;
    jsonschema::draft7::new(&schema).map_err(|e| ProfileError::BadSchema(e.to_string()))
}

/// What to do about one schema error.
fn hint(path: &str, message: &str) -> &'static str {
    if message.contains("is not of type \"string\"")
        && (path.ends_with("Version") || path.ends_with("version"))
    {
        " — quote version numbers ('1.0.3'): unquoted 1.0 is read as a number"
    } else if message.contains("Additional properties") {
        " — remove or correct the misspelt key (see device-profiles/schema/profile.schema.json)"
    } else if message.contains("is a required property") {
        " — add the missing key"
    } else {
        ""
    }
}

/// Parses and validates one profile file's text; `id` and `origin` name it.
///
/// # Errors
/// [`ProfileError::Yaml`] or [`ProfileError::Schema`] naming the file, path and fix.
pub fn parse_profile(id: &str, origin: &str, text: &str) -> Result<Profile, ProfileError> {
    let validator = compile_schema()?;
    parse_with(&validator, id, origin, text)
}

fn parse_with(
    validator: &jsonschema::Validator,
    id: &str,
    origin: &str,
    text: &str,
) -> Result<Profile, ProfileError> {
    let value: serde_json::Value = serde_yaml_ng::from_str(text)
        .map_err(|e| ProfileError::Yaml { file: origin.to_string(), message: e.to_string() })?;
    let errors: Vec<(String, String)> = validator
        .iter_errors(&value)
        .map(|e| {
            let path = e.instance_path.to_string();
            (if path.is_empty() { "/".to_string() } else { path }, e.to_string())
        })
        .collect();
    // A wrong type explains every other complaint about the same value: report it alone.
    let is_type = |m: &str| m.contains(" is not of type ");
    let problems: Vec<String> = errors
        .iter()
        .filter(|(p, m)| is_type(m) || !errors.iter().any(|(q, n)| q == p && is_type(n)))
        .map(|(p, m)| format!("at {p}: {m}{}", hint(p, m)))
        .collect();
    if !problems.is_empty() {
        return Err(ProfileError::Schema { file: origin.to_string(), problems });
    }
    let file: ProfileFile = serde_json::from_value(value).map_err(|e| ProfileError::Schema {
        file: origin.to_string(),
        problems: vec![format!("{e} — the schema and the loader disagree; report this")],
    })?;
    Ok(Profile { id: id.to_string(), origin: origin.to_string(), file })
}

/// Every known profile, by ID.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    profiles: BTreeMap<String, Profile>,
}

impl Registry {
    /// The profiles embedded in the binary.
    ///
    /// # Errors
    /// A shipped file that does not validate (caught by the test suite).
    pub fn shipped() -> Result<Self, ProfileError> {
        let validator = compile_schema()?;
        let mut profiles = BTreeMap::new();
        for (path, text) in SHIPPED {
            let id = id_from_path(path);
            let p = parse_with(&validator, &id, path, text)?;
            profiles.insert(id, p);
        }
        Ok(Self { profiles })
    }

    /// Adds every `*.yaml`/`*.yml` file under `dir` (recursively); a user profile with the ID
    /// of a shipped one replaces it. The `schema/` folder is skipped.
    ///
    /// # Errors
    /// [`ProfileError::Read`] for unreadable paths, or the first invalid file's error.
    pub fn load_dir(&mut self, dir: &Path) -> Result<usize, ProfileError> {
        let validator = compile_schema()?;
        let mut files = Vec::new();
        collect_yaml(dir, &mut files)?;
        files.sort();
        let mut n = 0;
        for path in files {
            let origin = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| ProfileError::Read { path: origin.clone(), message: e.to_string() })?;
            let id = id_from_path(&origin);
            let p = parse_with(&validator, &id, &origin, &text)?;
            self.profiles.insert(id, p);
            n += 1;
        }
        Ok(n)
    }

    /// One profile.
    ///
    /// # Errors
    /// [`ProfileError::Unknown`] listing the valid IDs.
    pub fn get(&self, id: &str) -> Result<&Profile, ProfileError> {
        self.profiles.get(id).ok_or_else(|| ProfileError::Unknown {
            id: id.to_string(),
            valid: self.profiles.keys().cloned().collect(),
        })
    }

    /// All profiles in ID order.
    pub fn iter(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.values()
    }

    /// Number of profiles.
    #[must_use]
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }
}

fn id_from_path(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.trim_end_matches(".yaml").trim_end_matches(".yml").to_string()
}

fn collect_yaml(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), ProfileError> {
    let read_err = |e: std::io::Error| ProfileError::Read {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "schema") {
                continue;
            }
            collect_yaml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
