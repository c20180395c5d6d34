//! The RMA file (`report --rma RMA.toml`): the return form's data for one device.
//!
//! - Unknown keys are an error everywhere (`deny_unknown_fields`), so typos never vanish.
//! - The file is first read into an all-optional shape; then every missing or invalid field is
//!   listed together in one error, each with what it is for.
//! - Photos are read relative to the RMA file and copied into the bundle as
//!   `photos/<n>-<view>.<ext>`; a missing closed or open view is a warning, not an error
//!   (the report is still useful; the shop can ask for photos separately).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{DevEui, JoinEui};

/// Why the device goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The device does not work.
    Defect,
    /// The customer ordered the wrong item.
    WrongOrder,
    /// The shop delivered the wrong item.
    WrongDelivery,
    /// The customer withdraws from the contract (14 days).
    Withdrawal,
}

impl Reason {
    /// Every reason, in documentation order.
    pub const ALL: [Reason; 4] =
        [Reason::Defect, Reason::WrongOrder, Reason::WrongDelivery, Reason::Withdrawal];
    /// The RMA-file spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::Defect => "defect",
            Reason::WrongOrder => "wrong_order",
            Reason::WrongDelivery => "wrong_delivery",
            Reason::Withdrawal => "withdrawal",
        }
    }
}

/// Which side of the device a photo shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoView {
    /// The closed housing (label, damage).
    Closed,
    /// The opened device (board, battery, corrosion).
    Open,
}

impl PhotoView {
    /// The RMA-file spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PhotoView::Closed => "closed",
            PhotoView::Open => "open",
        }
    }
}

/// Who the shop contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The customer's description of the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    /// What was done before the problem occurred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// What does not work.
    pub problem: String,
    /// What was already tried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps_taken: Option<String>,
}

/// A photo as it appears in the report: its bundle path and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRef {
    /// Path inside the bundle (`photos/1-closed.jpg`).
    pub file: String,
    /// The file name it had next to the RMA file.
    pub original_name: String,
    /// What it shows.
    pub view: PhotoView,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

/// The validated RMA data, as it appears in `report.json` under `rma`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rma {
    /// Order / delivery-note number.
    pub order_number: String,
    /// The device's name in the installation.
    pub device_name: String,
    /// Manufacturer and model.
    pub model: String,
    /// Serial number from the label.
    pub serial_number: String,
    /// DevEUI (from `--dev-eui`; the file's value must match it).
    pub dev_eui: DevEui,
    /// JoinEUI as given in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_eui: Option<JoinEui>,
    /// Delivery date; warranty periods are counted from it.
    pub delivery_date: NaiveDate,
    /// Why the device goes back.
    pub reason: Reason,
    /// The shop's ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_ticket: Option<String>,
    /// The manufacturer's ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer_ticket: Option<String>,
    /// Reset to factory settings and unlinked from accounts.
    pub factory_reset: bool,
    /// Accessories sent along.
    #[serde(default)]
    pub accessories: Vec<String>,
    /// Contact.
    pub contact: Contact,
    /// Problem description.
    pub description: Description,
    /// Photos (bundle paths and hashes).
    #[serde(default)]
    pub photo: Vec<PhotoRef>,
}

/// A photo named by the RMA file, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSpec {
    /// Path as written (relative to the RMA file).
    pub file: String,
    /// What it shows.
    pub view: PhotoView,
}

/// A photo read from disk, ready to go into the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFile {
    /// Path as written in the RMA file.
    pub original: String,
    /// What it shows.
    pub view: PhotoView,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The RMA file with its photos read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedRma {
    /// Validated fields (`photo` is filled in when the bundle is made).
    pub rma: Rma,
    /// The photos, in file order.
    pub photos: Vec<PhotoFile>,
}

/// Why the RMA file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RmaError {
    /// Unreadable.
    #[error("cannot read the RMA file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not valid TOML, or an unknown key.
    #[error("RMA file {path}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// The parser's message (line, column, unknown key and the keys allowed).
        message: String,
    },
    /// Missing or invalid fields, all of them.
    #[error(
        "RMA file {path} needs attention ({} problem{}):\n{}\nSee the commented example in the \
         README (section \"RMA file\").",
        .problems.len(),
        if .problems.len() == 1 { "" } else { "s" },
        .problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
    )]
    Invalid {
        /// The file.
        path: String,
        /// One line per problem.
        problems: Vec<String>,
    },
    /// A photo could not be read.
    #[error("RMA file {path}: cannot read photo {photo} ({resolved}): {source}")]
    Photo {
        /// The RMA file.
        path: String,
        /// The photo as written.
        photo: String,
        /// Where it was looked for.
        resolved: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRma {
    order_number: Option<String>,
    device_name: Option<String>,
    model: Option<String>,
    serial_number: Option<String>,
    dev_eui: Option<String>,
    join_eui: Option<String>,
    delivery_date: Option<toml::Value>,
    reason: Option<String>,
    support_ticket: Option<String>,
    manufacturer_ticket: Option<String>,
    factory_reset: Option<bool>,
    accessories: Option<Vec<String>>,
    contact: Option<RawContact>,
    description: Option<RawDescription>,
    photo: Option<Vec<RawPhoto>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDescription {
    before: Option<String>,
    problem: Option<String>,
    steps_taken: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    file: Option<String>,
    view: Option<String>,
}

/// Required fields and what each is for (shown when missing).
const PURPOSE: [(&str, &str); 10] = [
    ("order_number", "the order or delivery-note number the shop uses to find the purchase"),
    ("device_name", "the device's name in your installation, e.g. \"Keller Süd 3\""),
    ("model", "manufacturer and model, e.g. \"Elsys ERS CO2\""),
    ("serial_number", "the serial number printed on the device label"),
    (
        "delivery_date",
        "the delivery date as YYYY-MM-DD; the withdrawal and warranty periods are counted from it",
    ),
    ("reason", "why the device goes back: defect, wrong_order, wrong_delivery or withdrawal"),
    (
        "factory_reset",
        "true once the device is reset to factory settings and unlinked from your accounts \
         (shops require this), else false",
    ),
    ("contact.name", "who the shop contacts about this return ([contact] name = \"…\")"),
    ("contact.email", "where the shop answers ([contact] email = \"…\")"),
    ("description.problem", "what does not work ([description] problem = \"…\")"),
];

fn missing(field: &str) -> String {
    let purpose = PURPOSE.iter().find(|(f, _)| *f == field).map(|(_, p)| *p).unwrap_or("");
    format!("missing {field}: {purpose}")
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn parse_date(v: &toml::Value) -> Option<NaiveDate> {
    let text = match v {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        _ => return None,
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

/// Parses and validates RMA TOML text. `origin` names the file in errors; `dev_eui` is the
/// device of the report (`--dev-eui`).
///
/// # Errors
/// [`RmaError::Syntax`] for TOML errors and unknown keys; [`RmaError::Invalid`] listing every
/// missing or invalid field.
pub fn parse(text: &str, origin: &str, dev_eui: DevEui) -> Result<(Rma, Vec<PhotoSpec>), RmaError> {
    let raw: RawRma = toml::from_str(text).map_err(|e| RmaError::Syntax {
        path: origin.to_string(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let mut problems = Vec::new();
    let mut req = |name: &str, v: Option<String>| {
        let v = non_empty(v);
        if v.is_none() {
            problems.push(missing(name));
        }
        v.unwrap_or_default()
    };
    let order_number = req("order_number", raw.order_number);
    let device_name = req("device_name", raw.device_name);
    let model = req("model", raw.model);
    let serial_number = req("serial_number", raw.serial_number);
    let contact = raw.contact.unwrap_or_default();
    let contact_name = req("contact.name", contact.name);
    let contact_email = req("contact.email", contact.email);
    let description = raw.description.unwrap_or_default();
    let problem = req("description.problem", description.problem);

    if let Some(file_eui) = non_empty(raw.dev_eui) {
        match file_eui.parse::<DevEui>() {
            Ok(e) if e == dev_eui => {}
            Ok(e) => problems.push(format!(
                "dev_eui {e} does not match --dev-eui {dev_eui}: one report covers one device; \
                 fix the file or the command line"
            )),
            Err(e) => problems.push(format!("dev_eui: {e}")),
        }
    }
    let join_eui = match non_empty(raw.join_eui).map(|s| s.parse::<JoinEui>()) {
        None => None,
        Some(Ok(e)) => Some(e),
        Some(Err(e)) => {
            problems.push(format!("join_eui: {e}"));
            None
        }
    };
    let delivery_date = match &raw.delivery_date {
        None => {
            problems.push(missing("delivery_date"));
            None
        }
        Some(v) => {
            let d = parse_date(v);
            if d.is_none() {
                problems.push(format!(
                    "delivery_date {v} is not a date: write it as \"YYYY-MM-DD\", e.g. \
                     \"2026-09-14\""
                ));
            }
            d
        }
    };
    let reason = match non_empty(raw.reason) {
        None => {
            problems.push(missing("reason"));
            None
        }
        Some(r) => {
            let found = Reason::ALL.into_iter().find(|x| x.as_str() == r);
            if found.is_none() {
                problems.push(format!(
                    "reason \"{r}\" is not known: use one of defect, wrong_order, \
                     wrong_delivery, withdrawal"
                ));
            }
            found
        }
    };
    if raw.factory_reset.is_none() {
        problems.push(missing("factory_reset"));
    }
    let mut photos = Vec::new();
    for (i, p) in raw.photo.unwrap_or_default().into_iter().enumerate() {
        let n = i + 1;
        let file = non_empty(p.file);
        let view = match non_empty(p.view).as_deref() {
            Some("closed") => Some(PhotoView::Closed),
            Some("open") => Some(PhotoView::Open),
            Some(other) => {
                problems.push(format!(
                    "photo {n}: view \"{other}\" is not known: use \"closed\" or \"open\""
                ));
                None
            }
            None => {
                problems.push(format!("photo {n}: missing view: \"closed\" or \"open\""));
                None
            }
        };
        if file.is_none() {
            problems.push(format!(
                "photo {n}: missing file: the photo's path, relative to the RMA file"
            ));
        }
        if let (Some(file), Some(view)) = (file, view) {
            photos.push(PhotoSpec { file, view });
        }
    }
    let (Some(delivery_date), Some(reason), Some(factory_reset), true) =
        (delivery_date, reason, raw.factory_reset, problems.is_empty())
    else {
        return Err(RmaError::Invalid { path: origin.to_string(), problems });
    };
    let rma = Rma {
        order_number,
        device_name,
        model,
        serial_number,
        dev_eui,
        join_eui,
        delivery_date,
        reason,
        support_ticket: non_empty(raw.support_ticket),
        manufacturer_ticket: non_empty(raw.manufacturer_ticket),
        factory_reset,
        accessories: raw
            .accessories
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| non_empty(Some(a)))
            .collect(),
        contact: Contact {
            name: contact_name,
            email: contact_email,
            phone: non_empty(contact.phone),
        },
        description: Description {
            before: non_empty(description.before),
            problem,
            steps_taken: non_empty(description.steps_taken),
        },
        photo: Vec::new(),
    };
    Ok((rma, photos))
}

/// Reads an RMA file and its photos (relative to the file).
///
/// # Errors
/// [`RmaError`] for an unreadable or invalid file, or an unreadable photo.
pub fn load(path: &Path, dev_eui: DevEui) -> Result<LoadedRma, RmaError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|source| RmaError::Read { path: shown.clone(), source })?;
    let (rma, specs) = parse(&text, &shown, dev_eui)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut photos = Vec::new();
    for spec in specs {
        let resolved: PathBuf = base.join(&spec.file);
        let bytes = std::fs::read(&resolved).map_err(|source| RmaError::Photo {
            path: shown.clone(),
            photo: spec.file.clone(),
            resolved: resolved.display().to_string(),
            source,
        })?;
        photos.push(PhotoFile { original: spec.file, view: spec.view, bytes });
    }
    Ok(LoadedRma { rma, photos })
}

/// The bundle path of the `n`-th photo (1-based): `photos/<n>-<view>.<ext>`.
///
/// The extension is kept when it is short and alphanumeric (lowercased), else `bin`.
#[must_use]
pub fn bundle_photo_name(n: usize, view: PhotoView, original: &str) -> String {
    let ext = Path::new(original)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| (1..=5).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_string());
    format!("photos/{n}-{}.{ext}", view.as_str())
}

/// The file-name part of a path as written (for display; never a full local path).
#[must_use]
pub fn display_name(original: &str) -> String {
    Path::new(original).file_name().and_then(|n| n.to_str()).unwrap_or(original).to_string()
}

#[cfg(test)]
mod tests;
