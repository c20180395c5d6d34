//! The report's view model: everything report.md shows, already localised, as typed sections
//! of blocks (pairs, tables, texts, the verdict box). Built once from the signed document;
//! the Markdown writer (`report::export::markdown`) only formats it, and the insta
//! snapshots of this model (one per language) pin the content without the markup.
//!
//! Texts from input (RMA fields, network-server texts) stay raw here; the writers escape them.
//! [`Block::Note`] holds fixed catalog texts that may contain `code` spans.

use serde::Serialize;

use crate::catalog::{self, args};
use crate::model::Lang;
use crate::signing::NAMESPACE;

use super::i18n;
use super::model::{ReportDoc, names};
use super::view;

/// The whole page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Language.
    pub lang: Lang,
    /// Document title.
    pub title: String,
    /// The device's name.
    pub device_name: String,
    /// The device's DevEUI.
    pub dev_eui: String,
    /// "Generated: … UTC · rmacheck 0.1.0".
    pub meta: String,
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
    /// Its title.
    pub title: String,
    /// (label, text) lines: summary, class, assessment, explanation.
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
    /// A bulleted list.
    List {
        /// Items.
        items: Vec<String>,
    },
    /// A command to copy.
    Command {
        /// The command.
        text: String,
    },
    /// The verdict box.
    Verdict(VerdictBox),
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

fn pairs(rows: Vec<(String, Cell)>) -> Block {
    Block::Pairs { rows }
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
        sections.push(Section {
            id: "warnings",
            level: 3,
            heading: t.section_warnings.clone(),
            blocks: vec![Block::List { items }],
        });
    }
    sections.extend(customer_files(doc));
    sections.extend(details(doc));
    Page {
        lang,
        title: t.title.clone(),
        device_name: doc.rma.device_name.clone(),
        dev_eui: doc.diagnosis.dev_eui.to_string(),
        meta: format!(
            "{}{c} {} UTC · {} {}",
            t.generated,
            view::fmt_time(doc.generated_at),
            doc.tool.name,
            doc.tool.version
        ),
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
        out.push(Section {
            id: "extra",
            level: 3,
            heading: t.section_extra.clone(),
            blocks: vec![pairs(rows)],
        });
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
    .map(|(l, p)| (l.clone(), text(i18n::period_status(lang, p.status, &p.ends.to_string()))))
    .collect();
    out.push(section(
        "warranty",
        catalog::text(lang, "label-section-warranty", &args! { "date" => w.as_of.to_string() }),
        vec![pairs(rows)],
    ));
    out
}

fn diagnosis(doc: &ReportDoc) -> Section {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let d = &doc.diagnosis;
    let explained = view::explanation(lang, d);
    let verdict = VerdictBox {
        code: d.verdict.code.as_str().to_string(),
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
    };
    section("diagnosis", &t.section_diagnosis, vec![Block::Verdict(verdict)])
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
    let photos = if rma.photo.is_empty() {
        Block::Note { text: t.no_photos.clone() }
    } else {
        Block::Table {
            columns: columns(&[&t.view, &t.file, "SHA-256"]),
            rows: rma
                .photo
                .iter()
                .map(|p| {
                    vec![
                        text(i18n::view(lang, p.view)),
                        Cell::File { path: p.file.clone(), name: p.original_name.clone() },
                        code(&p.sha256),
                    ]
                })
                .collect(),
        }
    };
    let attachments = if rma.attachment.is_empty() {
        Block::Note { text: t.no_attachments.clone() }
    } else {
        Block::Table {
            columns: columns(&[&t.kind, &t.file, "SHA-256"]),
            rows: rma
                .attachment
                .iter()
                .map(|a| {
                    vec![
                        text(i18n::attachment_kind(lang, a.kind)),
                        Cell::File { path: a.file.clone(), name: a.original_name.clone() },
                        code(&a.sha256),
                    ]
                })
                .collect(),
        }
    };
    vec![
        section("description", &t.section_description, vec![description]),
        section("photos", &t.section_photos, vec![photos]),
        section("attachments", &t.section_attachments, vec![attachments]),
    ]
}

/// Findings, counters, timeline, evidence, verification.
fn details(doc: &ReportDoc) -> Vec<Section> {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let d = &doc.diagnosis;
    let findings = if d.findings.is_empty() {
        Block::Note { text: t.no_findings.clone() }
    } else {
        let rows = d
            .findings
            .iter()
            .map(|f| {
                let refs: Vec<String> = f.evidence.iter().take(20).map(u64::to_string).collect();
                let mut refs = refs.join(", ");
                if f.evidence.len() > 20 {
                    refs.push_str(&format!(" … (+{})", f.evidence.len() - 20));
                }
                vec![
                    text(i18n::severity(lang, f.severity)),
                    code(&f.code),
                    text(f.summary_in(lang)),
                    text(refs),
                ]
            })
            .collect();
        Block::Table {
            columns: columns(&[&t.severity, &t.code, &t.observed, &t.evidence_refs]),
            rows,
        }
    };
    let stats = view::stats_rows(lang, &d.stats).into_iter().map(|(l, v)| (l, text(v))).collect();
    let mut out = vec![
        section(
            "findings",
            &t.section_findings,
            vec![findings, Block::Note { text: t.index_note.clone() }],
        ),
        section("stats", &t.section_stats, vec![pairs(stats)]),
    ];
    if !d.malformed.is_empty() {
        let rows = d
            .malformed
            .iter()
            .map(|m| {
                vec![
                    text(m.index.map(|i| i.to_string()).unwrap_or_default()),
                    code(&m.source),
                    text(&m.reason),
                ]
            })
            .collect();
        let source = catalog::plain(lang, "report-malformed-source");
        let reason = catalog::plain(lang, "report-malformed-reason");
        out.push(Section {
            id: "malformed",
            level: 3,
            heading: view::malformed_heading(lang, d),
            blocks: vec![
                Block::Table { columns: columns(&["#", &source, &reason]), rows },
                Block::Note { text: catalog::plain(lang, "report-malformed-note") },
            ],
        });
    }
    let mut blocks = vec![timeline(doc)];
    blocks
        .extend(view::timeline_limit_note(lang, d.timeline.len()).map(|text| Block::Note { text }));
    out.push(section("timeline", &t.section_timeline, blocks));
    let profile = doc
        .profile
        .as_ref()
        .map_or_else(|| t.profile_generic.clone(), |p| format!("{} — {}", p.id, p.title));
    let mut evidence = vec![pairs(vec![
        (
            t.window.clone(),
            text(format!(
                "{} — {}",
                view::fmt_time(doc.window.from),
                view::fmt_time(doc.window.to)
            )),
        ),
        (t.capture_messages.clone(), text(doc.capture.messages.to_string())),
        (t.evidence_messages.clone(), text(doc.evidence.messages.to_string())),
        (t.profile.clone(), text(profile)),
    ])];
    if let Some(r) = &doc.reference {
        evidence.push(Block::Text {
            text: catalog::text(
                lang,
                "label-reference-note",
                &args! { "eui" => r.dev_eui.to_string(), "n" => r.messages },
            ),
        });
    }
    let keys = if doc.keys_supplied { &t.keys_supplied } else { &t.keys_not_supplied };
    evidence.push(Block::Note { text: keys.clone() });
    evidence.push(Block::Note { text: t.redactions.clone() });
    out.push(section("evidence", &t.section_evidence, evidence));

    let principal = doc.signer.principal.as_deref();
    let evidence_hash = doc.files.get(names::EVIDENCE).cloned().unwrap_or_default();
    out.push(section(
        "verification",
        &t.section_verification,
        vec![
            pairs(vec![
                (t.evidence_sha256.clone(), code(evidence_hash)),
                (t.diagnosis_sha256.clone(), code(&doc.diagnosis_sha256)),
                (t.signed_by.clone(), text(principal.unwrap_or(&t.none))),
                (t.fingerprint.clone(), code(&doc.signer.fingerprint)),
                (t.namespace.clone(), code(NAMESPACE)),
            ]),
            Block::Note { text: t.verify_intro.clone() },
            Block::Command { text: view::ssh_keygen_command(principal) },
            Block::Note { text: t.verify_windows.clone() },
            Block::Command { text: view::ssh_keygen_command_windows(principal) },
            Block::Note { text: t.verify_binding.clone() },
        ],
    ));
    out
}

fn timeline(doc: &ReportDoc) -> Block {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let tl = &doc.diagnosis.timeline;
    if tl.is_empty() {
        return Block::Note { text: t.no_events.clone() };
    }
    let row = |e: &crate::tracker::TimelineEntry| {
        vec![
            text(e.index.to_string()),
            text(e.at.map(view::fmt_time).unwrap_or_default()),
            text(i18n::event_kind(lang, &e.kind)),
            text(e.gateway.as_ref().map(|g| g.as_str().to_string()).unwrap_or_default()),
            text(view::fmt_opt(e.rssi_dbm)),
            text(view::fmt_opt(e.snr_db)),
            text(view::timeline_details(lang, e)),
        ]
    };
    let (head, tail, omitted) = view::timeline_slices(tl.len());
    let mut rows: Vec<Vec<Cell>> = tl[head].iter().map(row).collect();
    if omitted > 0 {
        let note = catalog::text(lang, "label-rows-omitted", &args! { "n" => omitted });
        let mut r = vec![text(""); 7];
        r[2] = text(note);
        rows.push(r);
    }
    rows.extend(tl[tail].iter().map(row));
    Block::Table {
        columns: columns(&["#", &t.time_utc, &t.event, &t.gateway, "RSSI", "SNR", &t.details]),
        rows,
    }
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
