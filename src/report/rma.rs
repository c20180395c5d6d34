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
    invoice_number: Option<String>,
    support_validation: Option<String>,
    manufacturer: Option<String>,
    sender: Option<RawSender>,
    attachment: Option<Vec<RawAttachment>>,
    extra: Option<toml::Table>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSender {
    name: Option<String>,
    address: Option<Vec<String>>,
    phone: Option<String>,
    email: Option<String>,
    contact_person: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttachment {
    file: Option<String>,
    kind: Option<String>,
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
/// [`RmaError::Invalid`] listing every problem: a TOML syntax error (line and column), or
/// every unknown key (with a did-you-mean), missing or invalid field.
pub fn parse(text: &str, origin: &str, dev_eui: DevEui) -> Result<(Rma, FileSpecs), RmaError> {
    let invalid = |problems: Vec<String>| RmaError::Invalid { path: origin.to_string(), problems };
    let mut table: toml::Table =
        toml::from_str(text).map_err(|e| invalid(vec![syntax_problem(text, &e)]))?;
    let mut problems = Vec::new();
    schema::strip_unknown(&mut table, &mut problems);
    let raw = match RawRma::deserialize(toml::Value::Table(table)) {
        Ok(raw) => raw,
        Err(e) => {
            problems.push(e.message().trim_end().to_string());
            return Err(invalid(problems));
        }
    };
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
    let mut attachments = Vec::new();
    for (i, a) in raw.attachment.unwrap_or_default().into_iter().enumerate() {
        let n = i + 1;
        let kinds = "\"invoice\", \"delivery_note\" or \"other\"";
        let kind = match non_empty(a.kind) {
            None => {
                problems.push(format!("attachment {n}: missing kind: {kinds}"));
                None
            }
            Some(k) => {
                let found = AttachmentKind::ALL.into_iter().find(|x| x.as_str() == k);
                if found.is_none() {
                    problems
                        .push(format!("attachment {n}: kind \"{k}\" is not known: use {kinds}"));
                }
                found
            }
        };
        match (non_empty(a.file), kind) {
            (Some(file), Some(kind)) => attachments.push(AttachmentSpec { file, kind }),
            (None, _) => problems.push(format!(
                "attachment {n}: missing file: the document's path, relative to the RMA file"
            )),
            _ => {}
        }
    }
    let sender = match raw.sender {
        None => None,
        Some(s) => {
            let name = non_empty(s.name);
            let address: Vec<String> = s
                .address
                .unwrap_or_default()
                .into_iter()
                .filter_map(|l| non_empty(Some(l)))
                .collect();
            if name.is_none() {
                problems.push(
                    "missing sender.name: who the parcel comes from ([sender] name = \"…\")".into(),
                );
            }
            if address.is_empty() {
                problems.push(
                    "missing sender.address: the return address as lines ([sender] address = \
                     [\"Street 1\", \"12345 Town\", \"Country\"])"
                        .into(),
                );
            }
            name.map(|name| Sender {
                name,
                address,
                phone: non_empty(s.phone),
                email: non_empty(s.email),
                contact_person: non_empty(s.contact_person),
            })
        }
    };
    let extra = raw
        .extra
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            let shown = match v {
                toml::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, shown)
        })
        .collect();
    let (Some(delivery_date), Some(reason), Some(factory_reset), true) =
        (delivery_date, reason, raw.factory_reset, problems.is_empty())
    else {
        return Err(invalid(problems));
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
        invoice_number: non_empty(raw.invoice_number),
        support_validation: non_empty(raw.support_validation),
        manufacturer: non_empty(raw.manufacturer),
        sender,
        attachment: Vec::new(),
        extra,
    };
    Ok((rma, FileSpecs { photos, attachments }))
}

/// A TOML syntax error as one problem line, with line and column.
fn syntax_problem(text: &str, e: &toml::de::Error) -> String {
    let position = e.span().map(|span| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!(" at line {line}, column {column}")
    });
    format!(
        "TOML syntax error{}: {} (strings need double quotes, tables are written [name])",
        position.unwrap_or_default(),
        e.message().trim_end()
    )
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
mod schema;

#[cfg(test)]
mod tests;
