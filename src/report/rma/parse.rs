//! Parsing an RMA file's text: read into an all-optional shape first, then every unknown
//! key, missing or invalid field listed together in one error, each with what it is for.

use super::*;

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
