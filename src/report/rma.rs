//! The RMA file (`report --rma RMA.toml`): the return form's data for one device.
//!
//! - Unknown keys are an error everywhere, so typos never vanish: each is listed with a
//!   did-you-mean; shop-specific fields go under `[extra]`.
//! - The file is first read into an all-optional shape; then every unknown key, missing or
//!   invalid field is listed together in one error, each with what it is for.
//! - Photos are read relative to the RMA file and copied into the bundle as
//!   `photos/<n>-<view>.<ext>`; a missing closed or open view is a warning, not an error
//!   (the report is still useful; the shop can ask for photos separately).
//! - Photos and attachments are read only from inside the RMA file's directory tree
//!   ([`confine`]); attachments go to `attachments/<n>-<kind>.<ext>`.

use std::path::Path;

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

/// What an attached document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// The purchase invoice.
    Invoice,
    /// The delivery note.
    DeliveryNote,
    /// Anything else the shop asks for.
    Other,
}

impl AttachmentKind {
    /// Every kind, in documentation order.
    pub const ALL: [AttachmentKind; 3] =
        [AttachmentKind::Invoice, AttachmentKind::DeliveryNote, AttachmentKind::Other];
    /// The RMA-file spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Invoice => "invoice",
            AttachmentKind::DeliveryNote => "delivery_note",
            AttachmentKind::Other => "other",
        }
    }
}

/// An attachment as it appears in the report: its bundle path, kind and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// Path inside the bundle (`attachments/1-invoice.pdf`).
    pub file: String,
    /// The file name it had next to the RMA file.
    pub original_name: String,
    /// What it is.
    pub kind: AttachmentKind,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

/// The return address: the parcel label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    /// Sender name (person or company).
    pub name: String,
    /// Address lines.
    #[serde(default)]
    pub address: Vec<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Contact person, when the sender is a company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<String>,
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
    /// The purchase invoice's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    /// Who validated the fault with technical support, and the ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_validation: Option<String>,
    /// The device's manufacturer (decides the RMA route).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    /// The return address (parcel label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<Sender>,
    /// Attached documents (bundle paths and hashes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment: Vec<AttachmentRef>,
    /// Shop-specific fields, shown as given.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, String>,
}

/// A photo named by the RMA file, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSpec {
    /// Path as written (relative to the RMA file).
    pub file: String,
    /// What it shows.
    pub view: PhotoView,
}

/// An attachment named by the RMA file, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentSpec {
    /// Path as written (relative to the RMA file).
    pub file: String,
    /// What it is.
    pub kind: AttachmentKind,
}

/// An attachment read from disk, ready to go into the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    /// Path as written in the RMA file.
    pub original: String,
    /// What it is.
    pub kind: AttachmentKind,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// What the RMA file names besides its fields: photos and attachments to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSpecs {
    /// Photos, in file order.
    pub photos: Vec<PhotoSpec>,
    /// Attachments, in file order.
    pub attachments: Vec<AttachmentSpec>,
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
    /// The attachments, in file order.
    pub attachments: Vec<AttachmentFile>,
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
    let mut problems = Vec::new();
    let mut photos = Vec::new();
    for (i, spec) in specs.photos.into_iter().enumerate() {
        match confine::read_confined(&base, &spec.file) {
            Ok(bytes) => photos.push(PhotoFile { original: spec.file, view: spec.view, bytes }),
            Err(why) => problems.push(format!("photo {}: {why}", i + 1)),
        }
    }
    let mut attachments = Vec::new();
    for (i, spec) in specs.attachments.into_iter().enumerate() {
        match confine::read_confined(&base, &spec.file) {
            Ok(bytes) => {
                attachments.push(AttachmentFile { original: spec.file, kind: spec.kind, bytes });
            }
            Err(why) => problems.push(format!("attachment {}: {why}", i + 1)),
        }
    }
    if !problems.is_empty() {
        return Err(RmaError::Invalid { path: shown, problems });
    }
    Ok(LoadedRma { rma, photos, attachments })
}

/// The bundle path of the `n`-th attachment (1-based): `attachments/<n>-<kind>.<ext>`.
#[must_use]
pub fn bundle_attachment_name(n: usize, kind: AttachmentKind, original: &str) -> String {
    format!("attachments/{n}-{}.{}", kind.as_str(), safe_ext(original))
}

fn safe_ext(original: &str) -> String {
    Path::new(original)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| (1..=5).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_string())
}

/// The bundle path of the `n`-th photo (1-based): `photos/<n>-<view>.<ext>`.
///
/// The extension is kept when it is short and alphanumeric (lowercased), else `bin`.
#[must_use]
pub fn bundle_photo_name(n: usize, view: PhotoView, original: &str) -> String {
    format!("photos/{n}-{}.{}", view.as_str(), safe_ext(original))
}

/// The file-name part of a path as written (for display; never a full local path).
#[must_use]
pub fn display_name(original: &str) -> String {
    Path::new(original).file_name().and_then(|n| n.to_str()).unwrap_or(original).to_string()
}

pub mod confine;
mod parse;
mod schema;

pub use parse::parse;

#[cfg(test)]
mod tests;
