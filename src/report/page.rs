//! The report's view model: everything report.html and report.md show, already localised, as
//! typed sections of blocks (pairs, tables, texts, the verdict box, charts, photos). Built once
//! from the signed document ([`build`]) or from a diagnosis ([`diagnose::build`], for
//! `diagnose --format markdown`); the writers (`report::export`) only format it, and the insta
//! snapshots of this model (one per language) pin the content without the markup.
//!
//! Texts from input (RMA fields, network-server texts) stay raw here; the writers escape them.
//! [`Block::Note`] holds fixed catalog texts that may contain `code` spans.

pub mod details;
pub mod diagnose;

use serde::Serialize;

use crate::catalog::{self, args};
use crate::model::Lang;

use super::charts::Chart;
use super::i18n;
use super::model::ReportDoc;
use super::view;

/// The whole page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Language.
    pub lang: Lang,
    /// Document title.
    pub title: String,
    /// The device's name (from input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// The device's DevEUI, when the title does not name it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev_eui: Option<String>,
    /// "Generated: … UTC · rmacheck 0.1.0 · Order number: …".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<String>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
}

/// One section: a heading and its blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Anchor (`rma`, `diagnosis`, …).
    pub id: &'static str,
    /// 2 for a section, 3 for a sub-section.
    pub level: u8,
    /// Heading.
    pub heading: String,
    /// Content.
    pub blocks: Vec<Block>,
}

impl Section {
    /// Whether only a printed or on-screen page can show it (charts, pictures, page notes):
    /// the Markdown writer leaves such a section out.
    #[must_use]
    pub fn is_visual(&self) -> bool {
        !self.blocks.is_empty() && self.blocks.iter().all(Block::is_visual)
    }
}

/// A table cell or a value: text, or a code (EUI, hash, file name) shown in monospace.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// Text (line breaks kept).
    Text(String),
    /// A code.
    Code(String),
    /// A file in the bundle and the name it had next to the RMA file.
    File {
        /// Bundle path.
        path: String,
        /// Original name.
        name: String,
    },
    /// A status sentence: good news (a period still running) or not.
    Status {
        /// The sentence.
        text: String,
        /// Good news.
        ok: bool,
    },
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Heading.
    pub label: String,
    /// Right-aligned numbers.
    pub numeric: bool,
}

/// The verdict box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictBox {
    /// `JOIN_KEY_MISMATCH`.
    pub code: String,
    /// Its class (`configuration`): the box's colour.
    pub class: String,
    /// Its title.
    pub title: String,
    /// (label, text) lines: summary (first), class, assessment, explanation.
    pub lines: Vec<(String, String)>,
    /// "Next steps".
    pub steps_label: String,
    /// Next steps for the customer.
    pub steps: Vec<String>,
    /// Heading of the technician's commands.
    pub technician_label: String,
    /// Commands for the technician.
    pub technician: Vec<String>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Label/value rows.
    Pairs {
        /// Rows.
        rows: Vec<(String, Cell)>,
    },
    /// A table.
    Table {
        /// Columns.
        columns: Vec<Column>,
        /// Rows.
        rows: Vec<Vec<Cell>>,
        /// Rows left out in the middle: after which row, and the note that says how many.
        #[serde(skip_serializing_if = "Option::is_none")]
        omitted: Option<(usize, String)>,
    },
    /// A text with input in it.
    Text {
        /// The text.
        text: String,
    },
    /// A fixed catalog text (may contain `code` spans).
    Note {
        /// The text.
        text: String,
    },
    /// A sentence in bold followed by a code.
    Statement {
        /// The sentence.
        text: String,
        /// The code.
        code: String,
    },
    /// A list of texts with input in them.
    List {
        /// Items.
        items: Vec<String>,
        /// Numbered (steps) rather than bulleted.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        numbered: bool,
    },
    /// A command to copy.
    Command {
        /// The command.
        text: String,
    },
    /// The verdict box.
    Verdict(VerdictBox),
    /// A chart (drawn by the HTML writer only).
    Chart(Chart),
    /// The photos themselves, by bundle path, with their captions (embedded by the HTML
    /// writer only; both writers list them in a table).
    Photos {
        /// (bundle path, caption).
        photos: Vec<(String, String)>,
    },
    /// A note about the printed pages (HTML only).
    PageNote {
        /// The text.
        text: String,
    },
}

impl Block {
    /// Whether only a printed or on-screen page can show it.
    #[must_use]
    pub fn is_visual(&self) -> bool {
        matches!(self, Block::Chart(_) | Block::Photos { .. } | Block::PageNote { .. })
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn code(s: impl Into<String>) -> Cell {
    Cell::Code(s.into())
}

fn section(id: &'static str, heading: impl Into<String>, blocks: Vec<Block>) -> Section {
    Section { id, level: 2, heading: heading.into(), blocks }
}

fn sub_section(id: &'static str, heading: impl Into<String>, blocks: Vec<Block>) -> Section {
    Section { id, level: 3, heading: heading.into(), blocks }
}

fn pairs(rows: Vec<(String, Cell)>) -> Block {
    Block::Pairs { rows }
}

fn table(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table { columns, rows, omitted: None }
}

fn columns(labels: &[&str]) -> Vec<Column> {
    labels
        .iter()
        .map(|l| Column { label: (*l).to_string(), numeric: matches!(*l, "#" | "RSSI" | "SNR") })
        .collect()
}

/// Builds the page of a signed document.
#[must_use]
pub fn build(doc: &ReportDoc) -> Page {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let c = i18n::colon(lang);
    let mut sections = Vec::new();
    if let Some(a) = &doc.activation {
        sections.push(section(
            "activation",
            super::activation::heading(lang),
            vec![Block::Statement {
                text: super::activation::summary(lang, a),
                code: super::activation::outcome_code(a.outcome),
            }],
        ));
    }
    sections.extend(form(doc));
    sections.push(diagnosis(doc));
    if !doc.warnings.is_empty() {
        let items = doc.warnings.iter().map(|w| i18n::warning(lang, w)).collect();
        sections.push(sub_section(
            "warnings",
            &t.section_warnings,
            vec![Block::List { items, numbered: false }],
        ));
    }
    sections.extend(customer_files(doc));
    sections.extend(details::sections(doc));
    Page {
        lang,
        title: t.title.clone(),
        device_name: Some(doc.rma.device_name.clone()),
        dev_eui: Some(doc.diagnosis.dev_eui.to_string()),
        meta: Some(format!(
            "{}{c} {} UTC · {} {} · {}{c} {}",
            t.generated,
            view::fmt_time(doc.generated_at),
            doc.tool.name,
            doc.tool.version,
            t.order_number,
            doc.rma.order_number
        )),
        sections,
    }
}

/// Return request, shop fields, parcel label, warranty.
fn form(doc: &ReportDoc) -> Vec<Section> {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let rma = &doc.rma;
    let none = || text(t.none.clone());
    let or_none = |v: &Option<String>| v.as_ref().map_or_else(none, |v| text(v.clone()));
    let mut rows = vec![
        (t.order_number.clone(), text(&rma.order_number)),
        (t.device_name.clone(), text(&rma.device_name)),
        (t.model.clone(), text(&rma.model)),
        (t.serial_number.clone(), code(&rma.serial_number)),
        ("DevEUI".to_string(), code(doc.diagnosis.dev_eui.to_string())),
        ("JoinEUI".to_string(), rma.join_eui.map_or_else(none, |e| code(e.to_string()))),
    ];
    if !doc.join_euis_observed.is_empty() {
        let seen: Vec<String> = doc.join_euis_observed.iter().map(ToString::to_string).collect();
        rows.push((t.join_eui_observed.clone(), code(seen.join(", "))));
    }
    rows.extend([
        (t.delivery_date.clone(), text(rma.delivery_date.to_string())),
        (t.reason.clone(), text(i18n::reason(lang, rma.reason))),
        (t.support_ticket.clone(), or_none(&rma.support_ticket)),
        (t.manufacturer_ticket.clone(), or_none(&rma.manufacturer_ticket)),
        (t.factory_reset.clone(), text(if rma.factory_reset { &t.yes } else { &t.no })),
        (
            t.accessories.clone(),
            if rma.accessories.is_empty() { none() } else { text(rma.accessories.join(", ")) },
        ),
    ]);
    let mut contact = vec![rma.contact.name.clone(), rma.contact.email.clone()];
    contact.extend(rma.contact.phone.clone());
    rows.push((t.contact.clone(), text(contact.join("\n"))));
    rows.extend(view::form_rows(lang, rma).into_iter().map(|(l, v)| (l, text(v))));
    let mut out = vec![section("rma", &t.section_rma, vec![pairs(rows)])];
    if !rma.extra.is_empty() {
        let rows = rma.extra.iter().map(|(k, v)| (k.clone(), text(v))).collect();
        out.push(sub_section("extra", &t.section_extra, vec![pairs(rows)]));
    }
    if let Some(rows) = view::parcel_rows(lang, rma) {
        let rows = rows.into_iter().map(|(l, v)| (l, text(v))).collect();
        out.push(section("parcel", &t.section_parcel, vec![pairs(rows)]));
    }
    let w = &doc.warranty;
    let rows = [
        (&t.withdrawal, &w.withdrawal),
        (&t.voluntary_warranty, &w.voluntary_warranty),
        (&t.statutory_liability, &w.statutory_liability),
    ]
    .into_iter()
    .map(|(l, p)| {
        let text = i18n::period_status(lang, p.status, &p.ends.to_string());
        (l.clone(), Cell::Status { text, ok: p.status == super::warranty::PeriodStatus::Within })
    })
    .collect();
    out.push(section(
        "warranty",
        catalog::text(lang, "label-section-warranty", &args! { "date" => w.as_of.to_string() }),
        vec![pairs(rows)],
    ));
    out
}

fn diagnosis(doc: &ReportDoc) -> Section {
    let t = i18n::texts(doc.lang);
    let verdict = verdict_box(doc.lang, &doc.diagnosis);
    section("diagnosis", &t.section_diagnosis, vec![Block::Verdict(verdict)])
}

/// The verdict box of a diagnosis: verdict, summary, class, assessment, explanation, next
/// steps and the technician's commands, in `lang`.
#[must_use]
pub fn verdict_box(lang: Lang, d: &crate::diagnosis::Diagnosis) -> VerdictBox {
    let t = i18n::texts(lang);
    let explained = view::explanation(lang, d);
    VerdictBox {
        code: d.verdict.code.as_str().to_string(),
        class: d.verdict.class.as_str().to_string(),
        title: i18n::verdict_title(lang, d.verdict.code),
        lines: vec![
            (catalog::plain(lang, "label-summary"), d.verdict.summary_in(lang)),
            (t.class.clone(), i18n::class(lang, d.verdict.class)),
            (t.assessment.clone(), i18n::assessment(lang, d.verdict.class)),
            (t.explanation.clone(), explained.meaning.replace('\n', " ")),
        ],
        steps_label: t.next_steps.clone(),
        steps: explained.next_steps,
        technician_label: catalog::plain(lang, "label-for-technician"),
        technician: explained.technician,
    }
}

/// Problem description, photos, attachments.
fn customer_files(doc: &ReportDoc) -> Vec<Section> {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let rma = &doc.rma;
    let desc = &rma.description;
    let or_none = |v: &Option<String>| text(v.clone().unwrap_or_else(|| t.none.clone()));
    let description = pairs(vec![
        (t.before.clone(), or_none(&desc.before)),
        (t.problem.clone(), text(&desc.problem)),
        (t.steps_taken.clone(), or_none(&desc.steps_taken)),
    ]);
    let file_rows = |label: &str, files: Vec<(String, &String, &String, &String)>| {
        let rows = files
            .into_iter()
            .map(|(what, path, name, sha256)| {
                vec![
                    text(what),
                    Cell::File { path: path.clone(), name: name.clone() },
                    code(sha256),
                ]
            })
            .collect();
        table(columns(&[label, &t.file, "SHA-256"]), rows)
    };
    let photos = if rma.photo.is_empty() {
        vec![Block::Note { text: t.no_photos.clone() }]
    } else {
        let listed = rma
            .photo
            .iter()
            .map(|p| (i18n::view(lang, p.view), &p.file, &p.original_name, &p.sha256));
        let shown = rma.photo.iter().map(|p| (p.file.clone(), i18n::view(lang, p.view)));
        vec![file_rows(&t.view, listed.collect()), Block::Photos { photos: shown.collect() }]
    };
    let attachments = if rma.attachment.is_empty() {
        Block::Note { text: t.no_attachments.clone() }
    } else {
        file_rows(
            &t.kind,
            rma.attachment
                .iter()
                .map(|a| {
                    (i18n::attachment_kind(lang, a.kind), &a.file, &a.original_name, &a.sha256)
                })
                .collect(),
        )
    };
    vec![
        section("description", &t.section_description, vec![description]),
        section("photos", &t.section_photos, photos),
        section(
            "attachments",
            &t.section_attachments,
            vec![attachments, Block::PageNote { text: t.details_follow.clone() }],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_columns_are_the_index_and_the_signal_values() {
        let c = columns(&["#", "Time", "RSSI", "SNR", "Details"]);
        let numeric: Vec<bool> = c.iter().map(|c| c.numeric).collect();
        assert_eq!(numeric, [true, false, true, true, false]);
    }
}
