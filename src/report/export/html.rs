//! report.html: one self-contained, printable A4 document rendered from the signed document.
//!
//! - Inline CSS (`@page` A4, print rules) and inline SVG charts; no scripts, no external
//!   resources, so it opens offline and prints the same everywhere.
//! - Page 1 answers the return form: order, device, DevEUI/JoinEUI, serial, delivery date and
//!   warranty status, reason, problem and steps, photos (name + SHA-256), verdict with
//!   explanation and next steps. Findings, counters, charts, a bounded timeline and the
//!   verification footer follow.
//! - The footer cannot show the SHA-256 of report.json (report.json carries this file's hash);
//!   it shows the SHA-256 of evidence.jsonl and of the canonical diagnosis instead, both of which
//!   are in the signed report.json.
//! - Every text from input is escaped.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::catalog::{self, args};
use crate::model::Lang;
use crate::report::charts::{self, Lane, Metric, escape};
use crate::report::i18n::{self, Texts};
use crate::report::model::{ReportDoc, names};
use crate::report::page::{Block, Cell, Page};
use crate::report::view;
use crate::report::warranty::Period;
use crate::signing::NAMESPACE;

/// The style sheet (A4 page, print rules), embedded in every report.html.
const CSS: &str = include_str!("report.css");

fn text(s: &str) -> String {
    escape(s).replace('\n', "<br>")
}

/// Escapes a fixed text and turns `code` spans into `<code>` elements.
fn rich(s: &str) -> String {
    escape(s)
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { format!("<code>{part}</code>") } else { part.to_string() })
        .collect()
}

fn kv(out: &mut String, label: &str, value_html: &str) {
    let _ = writeln!(out, "<tr><th scope=\"row\">{}</th><td>{value_html}</td></tr>", escape(label));
}

fn period_row(out: &mut String, lang: Lang, label: &str, p: &Period) {
    let status = match p.status {
        crate::report::warranty::PeriodStatus::Within => "within",
        crate::report::warranty::PeriodStatus::Expired => "expired",
    };
    let sentence = i18n::period_status(lang, p.status, &p.ends.to_string());
    kv(out, label, &format!("<span class=\"{status}\">{}</span>", escape(&sentence)));
}

fn class_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The image type of a photo, from its first bytes (JPEG, PNG, GIF, WebP); `None` for
/// anything a browser may not show, which is then listed without a picture.
#[must_use]
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some("image/png"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// A photo as an inline `<img>` (data URI), so the one HTML file is self-contained.
fn photo_img(bytes: &[u8], alt: &str) -> Option<String> {
    use base64::Engine as _;
    let mime = image_type(bytes)?;
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    Some(format!("<img class=\"photo\" alt=\"{}\" src=\"data:{mime};base64,{data}\">", escape(alt)))
}

/// A cell of the view model as a table cell.
fn cell_html(c: &Cell) -> String {
    match c {
        Cell::Text(t) => format!("<td>{}</td>", text(t)),
        Cell::Code(t) => format!("<td class=\"mono hash\">{}</td>", escape(t)),
        Cell::File { path, name } => {
            format!("<td class=\"mono\">{}<br>({})</td>", escape(path), escape(name))
        }
    }
}

/// A value of the view model inside a cell.
fn value_html(c: &Cell) -> String {
    match c {
        Cell::Text(t) => text(t),
        Cell::Code(t) => format!("<span class=\"mono\">{}</span>", escape(t)),
        Cell::File { path, name } => {
            format!("<span class=\"mono\">{}<br>({})</span>", escape(path), escape(name))
        }
    }
}

/// The tables and notes of the view model's section `id`.
fn section_blocks(o: &mut String, page: &Page, id: &str) {
    let blocks = page.sections.iter().filter(|s| s.id == id).flat_map(|s| &s.blocks);
    for b in blocks {
        match b {
            Block::Table { columns, rows } => {
                o.push_str("<table><thead><tr>");
                for c in columns {
                    let _ = write!(o, "<th>{}</th>", escape(&c.label));
                }
                o.push_str("</tr></thead><tbody>");
                for r in rows {
                    let cells: String = r.iter().map(cell_html).collect();
                    let _ = writeln!(o, "<tr>{cells}</tr>");
                }
                o.push_str("</tbody></table>");
            }
            Block::Pairs { rows } => {
                o.push_str("<table class=\"kv\"><tbody>");
                for (label, value) in rows {
                    kv(o, label, &value_html(value));
                }
                o.push_str("</tbody></table>");
            }
            Block::Note { text } | Block::Text { text } => {
                let _ = write!(o, "<p>{}</p>", rich(text));
            }
            _ => {}
        }
    }
}

/// Renders report.html from the signed document, without the photos' pictures.
#[must_use]
pub fn render(doc: &ReportDoc) -> String {
    render_with_files(doc, &BTreeMap::new())
}

/// Renders report.html with the bundle's files at hand (bundle path → bytes): photos are
/// embedded as data URIs.
#[must_use]
pub fn render_with_files(doc: &ReportDoc, files: &BTreeMap<String, Vec<u8>>) -> String {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let c = i18n::colon(lang);
    let d = &doc.diagnosis;
    let rma = &doc.rma;
    let mut o = String::with_capacity(64 * 1024);
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{} {}\">\n<title>{} — {} ({})</title>\n\
         <style>{CSS}</style>\n</head>\n<body>",
        lang.code(),
        escape(&doc.tool.name),
        escape(&doc.tool.version),
        escape(&t.title),
        escape(&rma.device_name),
        d.dev_eui
    );
    let _ = writeln!(
        o,
        "<header><h1>{}</h1><p class=\"meta\">{}{c} {} UTC · {} {} · {}{c} {}</p></header>",
        escape(&t.title),
        escape(&t.generated),
        view::fmt_time(doc.generated_at),
        escape(&doc.tool.name),
        escape(&doc.tool.version),
        escape(&t.order_number),
        escape(&rma.order_number)
    );

    if let Some(a) = &doc.activation {
        let _ = writeln!(
            o,
            "<section id=\"activation\" class=\"a-{code}\"><h2>{}</h2><p><strong>{}</strong> \
             <code>{code}</code></p></section>",
            escape(&crate::report::activation::heading(lang)),
            escape(&crate::report::activation::summary(lang, a)),
            code = crate::report::activation::outcome_code(a.outcome)
        );
    }

    // Page 1: the return form, the shop's own fields and the parcel label.
    let page = crate::report::page::build(doc);
    let _ = write!(o, "<section id=\"rma\"><h2>{}</h2>", escape(&t.section_rma));
    section_blocks(&mut o, &page, "rma");
    if !rma.extra.is_empty() {
        let _ = write!(o, "<h3>{}</h3>", escape(&t.section_extra));
        section_blocks(&mut o, &page, "extra");
    }
    o.push_str("</section>\n");
    if rma.sender.is_some() {
        let _ = write!(
            o,
            "<section id=\"parcel\" class=\"parcel\"><h2>{}</h2>",
            escape(&t.section_parcel)
        );
        section_blocks(&mut o, &page, "parcel");
        o.push_str("</section>\n");
    }

    let w = &doc.warranty;
    let _ = write!(
        o,
        "<section id=\"warranty\"><h2>{}</h2><table class=\"kv\"><tbody>",
        escape(&catalog::text(
            lang,
            "label-section-warranty",
            &args! { "date" => w.as_of.to_string() }
        ))
    );
    period_row(&mut o, lang, &t.withdrawal, &w.withdrawal);
    period_row(&mut o, lang, &t.voluntary_warranty, &w.voluntary_warranty);
    period_row(&mut o, lang, &t.statutory_liability, &w.statutory_liability);
    o.push_str("</tbody></table></section>\n");

    let class = class_name(&d.verdict.class);
    let code = class_name(&d.verdict.code);
    let explained = view::explanation(lang, d);
    let _ = write!(
        o,
        "<section id=\"diagnosis\"><h2>{}</h2><div class=\"verdict c-{class}\">\
         <p><span class=\"code\">{}</span> — <span class=\"title\">{}</span></p>\
         <p class=\"summary\"><strong>{}{c}</strong> {}</p>\
         <p><strong>{}:</strong> {}</p><p><strong>{}:</strong> {}</p>\
         <p><strong>{}{c}</strong> {}</p><p><strong>{}{c}</strong></p><ol>",
        escape(&t.section_diagnosis),
        escape(&code),
        escape(&i18n::verdict_title(lang, d.verdict.code)),
        escape(&catalog::plain(lang, "label-summary")),
        text(&d.verdict.summary_in(lang)),
        escape(&t.class),
        escape(&i18n::class(lang, d.verdict.class)),
        escape(&t.assessment),
        escape(&i18n::assessment(lang, d.verdict.class)),
        escape(&t.explanation),
        rich(&explained.meaning),
        escape(&t.next_steps),
    );
    for step in &explained.next_steps {
        let _ = write!(o, "<li>{}</li>", rich(step));
    }
    o.push_str("</ol></div>");
    if !explained.technician.is_empty() {
        let _ = write!(
            o,
            "<div class=\"technician\"><h3>{}</h3><pre>{}</pre></div>",
            escape(&catalog::plain(lang, "label-for-technician")),
            escape(&explained.technician.join("\n"))
        );
    }
    o.push_str("</section>\n");
    if !doc.warnings.is_empty() {
        let _ =
            write!(o, "<section class=\"warnings\"><h3>{}</h3><ul>", escape(&t.section_warnings));
        for w in &doc.warnings {
            let _ = write!(o, "<li>{}</li>", escape(&i18n::warning(lang, w)));
        }
        o.push_str("</ul></section>\n");
    }

    let _ = write!(o, "<section id=\"description\"><h2>{}</h2>", escape(&t.section_description));
    section_blocks(&mut o, &page, "description");
    o.push_str("</section>\n");

    let _ = write!(o, "<section id=\"photos\"><h2>{}</h2>", escape(&t.section_photos));
    section_blocks(&mut o, &page, "photos");
    let pictures: Vec<String> = rma
        .photo
        .iter()
        .filter_map(|p| {
            let alt = i18n::view(lang, p.view);
            let img = photo_img(files.get(&p.file)?, &alt)?;
            Some(format!("<figure>{img}<figcaption>{}</figcaption></figure>", escape(&alt)))
        })
        .collect();
    if !pictures.is_empty() {
        let _ = write!(o, "<div class=\"photos\">{}</div>", pictures.concat());
    }
    o.push_str("</section>\n");
    let _ = write!(o, "<section id=\"attachments\"><h2>{}</h2>", escape(&t.section_attachments));
    section_blocks(&mut o, &page, "attachments");
    let _ = writeln!(o, "<p class=\"meta\">{}</p></section>", escape(&t.details_follow));

    // Following pages: the evidence.
    render_details(&mut o, doc, t);
    render_footer(&mut o, doc, t);
    o.push_str("</body>\n</html>\n");
    o
}

fn render_details(o: &mut String, doc: &ReportDoc, t: &Texts) {
    let lang = doc.lang;
    let d = &doc.diagnosis;
    let _ = write!(
        o,
        "<section id=\"findings\" class=\"page-break\"><h2>{}</h2>",
        escape(&t.section_findings)
    );
    if d.findings.is_empty() {
        let _ = write!(o, "<p>{}</p>", escape(&t.no_findings));
    } else {
        let _ = write!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(&t.severity),
            escape(&t.code),
            escape(&t.observed),
            escape(&t.evidence_refs)
        );
        for f in &d.findings {
            let refs: Vec<String> = f.evidence.iter().take(40).map(u64::to_string).collect();
            let more = if f.evidence.len() > 40 {
                format!(" … (+{})", f.evidence.len() - 40)
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\">{}{more}</td></tr>",
                escape(&i18n::severity(lang, f.severity)),
                escape(&f.code),
                text(&f.summary_in(lang)),
                refs.join(", ")
            );
        }
        o.push_str("</tbody></table>");
    }
    let _ = writeln!(o, "<p class=\"meta\">{}</p></section>", escape(&t.index_note));

    let _ = write!(
        o,
        "<section id=\"stats\"><h2>{}</h2><table class=\"kv\"><tbody>",
        escape(&t.section_stats)
    );
    for (label, value) in view::stats_rows(lang, &d.stats) {
        kv(o, &label, &escape(&value));
    }
    o.push_str("</tbody></table>");
    if !d.malformed.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><table><thead><tr><th>#</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(&view::malformed_heading(lang, d)),
            escape(&catalog::plain(lang, "report-malformed-source")),
            escape(&catalog::plain(lang, "report-malformed-reason"))
        );
        for m in &d.malformed {
            let index = m.index.map(|i| i.to_string()).unwrap_or_default();
            let _ = writeln!(
                o,
                "<tr><td class=\"mono\">{index}</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td></tr>",
                escape(&m.source),
                text(&m.reason)
            );
        }
        let _ = write!(
            o,
            "</tbody></table><p class=\"meta\">{}</p>",
            escape(&catalog::plain(lang, "report-malformed-note"))
        );
    }
    o.push_str("</section>\n");

    let legend = (i18n::event_kind(lang, "join_request"), i18n::event_kind(lang, "uplink"));
    let _ = write!(o, "<section id=\"charts\"><h2>{}</h2>", escape(&t.section_charts));
    let limit_note = view::timeline_limit_note(lang, d.timeline.len());
    if let Some(note) = &limit_note {
        let _ = write!(o, "<p class=\"meta\">{}</p>", escape(note));
    }
    for (metric, caption) in [(Metric::Rssi, &t.chart_rssi), (Metric::Snr, &t.chart_snr)] {
        let svg = charts::signal_chart(
            &d.timeline,
            d.window,
            metric,
            caption,
            &t.no_data,
            (&legend.0, &legend.1),
        );
        let _ = write!(o, "<figure><figcaption>{}</figcaption>{svg}</figure>", escape(caption));
    }
    let labels: Vec<String> = ["join_request", "join_accept", "join_accept_tx", "uplink"]
        .iter()
        .map(|k| i18n::event_kind(lang, k))
        .collect();
    let lanes = [
        Lane { label: &labels[0], kinds: &["join_request"] },
        Lane { label: &labels[1], kinds: &["join_accept"] },
        Lane { label: &labels[2], kinds: &["join_accept_tx"] },
        Lane { label: &labels[3], kinds: &["uplink", "app_uplink"] },
    ];
    let svg = charts::join_chart(&d.timeline, d.window, &lanes, &t.chart_joins);
    let _ = writeln!(
        o,
        "<figure><figcaption>{}</figcaption>{svg}</figure></section>",
        escape(&t.chart_joins)
    );

    let _ = write!(o, "<section id=\"timeline\"><h2>{}</h2>", escape(&t.section_timeline));
    if d.timeline.is_empty() {
        let _ = write!(o, "<p>{}</p>", escape(&t.no_events));
    } else {
        let _ = write!(
            o,
            "<table><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>RSSI</th><th>SNR</th><th>{}</th></tr></thead><tbody>",
            escape(&t.time_utc),
            escape(&t.event),
            escape(&t.gateway),
            escape(&t.details)
        );
        let (head, tail, omitted) = view::timeline_slices(d.timeline.len());
        let row = |o: &mut String, e: &crate::tracker::TimelineEntry| {
            let _ = writeln!(
                o,
                "<tr><td class=\"num\">{}</td><td class=\"mono time\">{}</td><td>{}</td><td class=\"mono\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"mono\">{}</td></tr>",
                e.index,
                e.at.map(view::fmt_time).unwrap_or_default(),
                escape(&i18n::event_kind(lang, &e.kind)),
                e.gateway.as_ref().map(|g| escape(g.as_str())).unwrap_or_default(),
                view::fmt_opt(e.rssi_dbm),
                view::fmt_opt(e.snr_db),
                escape(&view::timeline_details(lang, e))
            );
        };
        for e in &d.timeline[head] {
            row(o, e);
        }
        if omitted > 0 {
            let _ = write!(
                o,
                "<tr class=\"omitted\"><td colspan=\"7\">{}</td></tr>",
                escape(&catalog::text(lang, "label-rows-omitted", &args! { "n" => omitted }))
            );
        }
        for e in &d.timeline[tail] {
            row(o, e);
        }
        o.push_str("</tbody></table>");
        if let Some(note) = &limit_note {
            let _ = write!(o, "<p class=\"meta\">{}</p>", escape(note));
        }
    }
    o.push_str("</section>\n");

    let _ = write!(
        o,
        "<section id=\"evidence\"><h2>{}</h2><table class=\"kv\"><tbody>",
        escape(&t.section_evidence)
    );
    kv(
        o,
        &t.window,
        &format!("{} — {}", view::fmt_time(doc.window.from), view::fmt_time(doc.window.to)),
    );
    kv(o, &t.capture_messages, &doc.capture.messages.to_string());
    kv(o, &t.evidence_messages, &doc.evidence.messages.to_string());
    let profile = doc
        .profile
        .as_ref()
        .map_or_else(|| t.profile_generic.clone(), |p| format!("{} — {}", p.id, p.title));
    kv(o, &t.profile, &escape(&profile));
    o.push_str("</tbody></table>");
    if let Some(r) = &doc.reference {
        let note = catalog::text(
            lang,
            "label-reference-note",
            &args! { "eui" => r.dev_eui.to_string(), "n" => r.messages },
        );
        let _ = write!(o, "<p>{}</p>", escape(&note));
    }
    let keys = if doc.keys_supplied { &t.keys_supplied } else { &t.keys_not_supplied };
    let _ = writeln!(o, "<p>{}</p><p>{}</p></section>", escape(keys), escape(&t.redactions));
}

fn render_footer(o: &mut String, doc: &ReportDoc, t: &Texts) {
    let principal = doc.signer.principal.as_deref();
    let evidence_hash = doc.files.get(names::EVIDENCE).map(String::as_str).unwrap_or_default();
    let _ = write!(
        o,
        "<footer id=\"verification\"><h2>{}</h2><table class=\"kv\"><tbody>",
        escape(&t.section_verification)
    );
    kv(
        o,
        &t.evidence_sha256,
        &format!("<span class=\"mono hash\">{}</span>", escape(evidence_hash)),
    );
    kv(
        o,
        &t.diagnosis_sha256,
        &format!("<span class=\"mono hash\">{}</span>", escape(&doc.diagnosis_sha256)),
    );
    kv(o, &t.signed_by, &escape(principal.unwrap_or(&t.none)));
    kv(
        o,
        &t.fingerprint,
        &format!("<span class=\"mono hash\">{}</span>", escape(&doc.signer.fingerprint)),
    );
    kv(o, &t.namespace, &format!("<span class=\"mono\">{NAMESPACE}</span>"));
    o.push_str("</tbody></table>");
    let _ = writeln!(
        o,
        "<p>{}</p><pre>{}</pre><p>{}</p><pre>{}</pre><p>{}</p></footer>",
        escape(&t.verify_intro),
        escape(&view::ssh_keygen_command(principal)),
        escape(&t.verify_windows),
        escape(&view::ssh_keygen_command_windows(principal)),
        rich(&t.verify_binding)
    );
}
