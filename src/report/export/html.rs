//! report.html: one self-contained, printable A4 document, a thin writer over the view model
//! ([`crate::report::page`]) like the Markdown writer.
//!
//! - The skeleton is a template (`report.html.tmpl`) and the style sheet is `report.css`
//!   (`@page` A4, print rules), both embedded; charts are inline SVG drawn from the view
//!   model's chart data, photos inline images (data URIs). No scripts, no external resources,
//!   so it opens offline and prints the same everywhere.
//! - Page 1 answers the return form; findings, counters, charts, a bounded timeline and the
//!   verification footer follow.
//! - The footer cannot show the SHA-256 of report.json (report.json carries this file's hash);
//!   it shows the SHA-256 of evidence.jsonl and of the canonical diagnosis instead, both of which
//!   are in the signed report.json.
//! - Every text from input is escaped ([`crate::render::markup`]); values are filled into the
//!   template in one pass, so a value can never be read as a placeholder.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::report::charts;
use crate::report::i18n;
use crate::report::model::ReportDoc;
use crate::report::page::{self, Block, Cell, Column, Page, Section, VerdictBox};

/// The page skeleton.
const TEMPLATE: &str = include_str!("report.html.tmpl");
/// The style sheet (A4 page, print rules), embedded in every report.html.
const CSS: &str = include_str!("report.css");

fn escape(s: &str) -> String {
    crate::render::markup::html(s)
}

/// Input text: escaped, line breaks kept.
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

/// Fills `{{name}}` placeholders of `template` in one pass; an unknown name is left out.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].trim();
        out.push_str(values.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
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

/// A value of the view model, inside a cell or a paragraph.
fn value(c: &Cell) -> String {
    match c {
        Cell::Text(t) => text(t),
        // Hashes and fingerprints may break anywhere; short codes (EUIs, finding codes) not.
        Cell::Code(t) if t.len() > 24 => format!("<span class=\"mono hash\">{}</span>", escape(t)),
        Cell::Code(t) => format!("<span class=\"mono\">{}</span>", escape(t)),
        Cell::File { path, name } => {
            format!("<span class=\"mono\">{}<br>({})</span>", escape(path), escape(name))
        }
        Cell::Status { text: t, ok } => {
            let class = if *ok { "within" } else { "expired" };
            format!("<span class=\"{class}\">{}</span>", text(t))
        }
    }
}

fn table(
    o: &mut String,
    columns: &[Column],
    rows: &[Vec<Cell>],
    omitted: Option<&(usize, String)>,
) {
    o.push_str("<table><thead><tr>");
    for c in columns {
        let _ = write!(o, "<th>{}</th>", escape(&c.label));
    }
    o.push_str("</tr></thead><tbody>\n");
    for (i, r) in rows.iter().enumerate() {
        if let Some((_, note)) = omitted.filter(|(after, _)| *after == i) {
            let _ = writeln!(
                o,
                "<tr class=\"omitted\"><td colspan=\"{}\">{}</td></tr>",
                columns.len(),
                escape(note)
            );
        }
        o.push_str("<tr>");
        for (c, cell) in r.iter().enumerate() {
            let numeric = columns.get(c).is_some_and(|c| c.numeric);
            let class = if numeric { " class=\"num\"" } else { "" };
            let _ = write!(o, "<td{class}>{}</td>", value(cell));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table>\n");
}

fn verdict(o: &mut String, v: &VerdictBox, colon: &str) {
    let _ = write!(
        o,
        "<div class=\"verdict c-{}\"><p><span class=\"code\">{}</span> — <span class=\"title\">{}</span></p>",
        escape(&v.class),
        escape(&v.code),
        escape(&v.title)
    );
    for (i, (label, line)) in v.lines.iter().enumerate() {
        // The summary may quote input; the other lines are fixed texts with `code` spans.
        let (class, line) =
            if i == 0 { (" class=\"summary\"", text(line)) } else { ("", rich(line)) };
        let _ = write!(o, "<p{class}><strong>{}{colon}</strong> {line}</p>", escape(label));
    }
    let _ = write!(o, "<p><strong>{}{colon}</strong></p><ol>", escape(&v.steps_label));
    for step in &v.steps {
        let _ = write!(o, "<li>{}</li>", rich(step));
    }
    o.push_str("</ol></div>\n");
    if !v.technician.is_empty() {
        let _ = writeln!(
            o,
            "<div class=\"technician\"><h3>{}</h3><pre>{}</pre></div>",
            escape(&v.technician_label),
            escape(&v.technician.join("\n"))
        );
    }
}

fn block(o: &mut String, b: &Block, colon: &str, files: &BTreeMap<String, Vec<u8>>) {
    match b {
        Block::Pairs { rows } => {
            o.push_str("<table class=\"kv\"><tbody>\n");
            for (label, v) in rows {
                let _ = writeln!(
                    o,
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                    escape(label),
                    value(v)
                );
            }
            o.push_str("</tbody></table>\n");
        }
        Block::Table { columns, rows, omitted } => table(o, columns, rows, omitted.as_ref()),
        Block::Text { text: t } => {
            let _ = writeln!(o, "<p>{}</p>", text(t));
        }
        Block::Note { text } => {
            let _ = writeln!(o, "<p>{}</p>", rich(text));
        }
        Block::PageNote { text } => {
            let _ = writeln!(o, "<p class=\"meta\">{}</p>", escape(text));
        }
        Block::Statement { text: t, code } => {
            let _ =
                writeln!(o, "<p><strong>{}</strong> <code>{}</code></p>", text(t), escape(code));
        }
        Block::List { items, numbered } => {
            let tag = if *numbered { "ol" } else { "ul" };
            let _ = write!(o, "<{tag}>");
            for i in items {
                let _ = write!(o, "<li>{}</li>", text(i));
            }
            let _ = writeln!(o, "</{tag}>");
        }
        Block::Command { text } => {
            let _ = writeln!(o, "<pre>{}</pre>", escape(text));
        }
        Block::Verdict(v) => verdict(o, v, colon),
        Block::Chart(c) => {
            let _ = writeln!(
                o,
                "<figure><figcaption>{}</figcaption>{}</figure>",
                escape(&c.caption),
                charts::svg(c)
            );
        }
        Block::Photos { photos } => {
            let pictures: String = photos
                .iter()
                .filter_map(|(path, caption)| {
                    let img = photo_img(files.get(path)?, caption)?;
                    Some(format!(
                        "<figure>{img}<figcaption>{}</figcaption></figure>",
                        escape(caption)
                    ))
                })
                .collect();
            if !pictures.is_empty() {
                let _ = writeln!(o, "<div class=\"photos\">{pictures}</div>");
            }
        }
    }
}

/// The class of a section's element: its look on the page.
fn section_class(s: &Section) -> Option<String> {
    match s.id {
        "activation" => s.blocks.iter().find_map(|b| match b {
            Block::Statement { code, .. } => Some(format!("a-{code}")),
            _ => None,
        }),
        "parcel" => Some("parcel".into()),
        "warnings" => Some("warnings".into()),
        "findings" => Some("page-break".into()),
        _ => None,
    }
}

fn section(o: &mut String, s: &Section, colon: &str, files: &BTreeMap<String, Vec<u8>>) {
    // The verification closes the document as its footer.
    let tag = if s.id == "verification" { "footer" } else { "section" };
    let class = section_class(s).map(|c| format!(" class=\"{}\"", escape(&c))).unwrap_or_default();
    let _ = writeln!(
        o,
        "<{tag} id=\"{}\"{class}><h{level}>{}</h{level}>",
        escape(s.id),
        escape(&s.heading),
        level = s.level
    );
    for b in &s.blocks {
        block(o, b, colon, files);
    }
    let _ = writeln!(o, "</{tag}>");
}

/// Formats a page as HTML; `files` holds the bundle's files (bundle path → bytes) for the
/// photos, `generator` names the tool.
#[must_use]
pub fn write_page(p: &Page, generator: &str, files: &BTreeMap<String, Vec<u8>>) -> String {
    let colon = i18n::colon(p.lang);
    let mut body = String::with_capacity(64 * 1024);
    for s in &p.sections {
        section(&mut body, s, colon, files);
    }
    let mut title = p.title.clone();
    if let Some(name) = &p.device_name {
        title.push_str(&format!(" — {name}"));
    }
    if let Some(eui) = &p.dev_eui {
        title.push_str(&format!(" ({eui})"));
    }
    fill(
        TEMPLATE,
        &[
            ("lang", p.lang.code()),
            ("generator", &escape(generator)),
            ("title", &escape(&title)),
            ("css", CSS),
            ("heading", &escape(&p.title)),
            ("meta", &escape(p.meta.as_deref().unwrap_or_default())),
            ("body", &body),
        ],
    )
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
    let generator = format!("{} {}", doc.tool.name, doc.tool.version);
    write_page(&page::build(doc), &generator, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_filled_in_one_pass_and_values_are_not_read_as_placeholders() {
        let cases = [
            ("<p>{{a}}</p>", vec![("a", "x")], "<p>x</p>"),
            ("{{a}}{{b}}", vec![("a", "{{b}}"), ("b", "y")], "{{b}}y"),
            ("{{unknown}}!", vec![], "!"),
            ("open {{a", vec![("a", "x")], "open {{a"),
        ];
        for (template, values, want) in cases {
            assert_eq!(fill(template, &values), want, "{template}");
        }
    }

    #[test]
    fn the_template_names_only_placeholders_the_writer_fills() {
        let known = ["lang", "generator", "title", "css", "heading", "meta", "body"];
        let names: Vec<&str> =
            TEMPLATE.split("{{").skip(1).filter_map(|s| s.split("}}").next()).collect();
        assert_eq!(names.len(), known.len(), "{names:?}");
        assert!(names.iter().all(|n| known.contains(n)), "{names:?}");
    }
}
