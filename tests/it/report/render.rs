//! The report view model in every language (insta snapshots, from a fixed signed document),
//! and structure checks of report.html and report.md against it.

use rmacheck::model::Lang;
use rmacheck::report::export::{html as report_html, markdown as report_markdown};
use rmacheck::report::model::{ReportDoc, sha256_hex};
use rmacheck::report::page;

use super::fixed_key;

fn doc(lang: Lang) -> ReportDoc {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report/doc.json");
    let mut doc: ReportDoc = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc.lang = lang;
    doc.diagnosis_sha256 = sha256_hex(&serde_jcs::to_vec(&doc.diagnosis).unwrap());
    let key = fixed_key();
    doc.signer.fingerprint = rmacheck::signing::fingerprint(key.public_key());
    doc.signer.public_key = rmacheck::signing::keys::public_key_text(key.public_key());
    doc
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn the_report_view_model_in_every_language() {
    settings().bind(|| {
        for lang in Lang::ALL {
            let p = page::build(&doc(lang));
            insta::assert_json_snapshot!(format!("report_page_{}", lang.code()), p);
        }
    });
}

/// The `<section id>`s (and the footer) of report.html in order, each with its heading.
fn html_sections(html: &str) -> Vec<(String, String)> {
    let mut found: Vec<(usize, String, String)> = ["<section id=\"", "<footer id=\""]
        .iter()
        .flat_map(|open| {
            html.match_indices(open).map(move |(at, _)| (at, &html[at + open.len()..]))
        })
        .map(|(at, rest)| {
            let id = rest.split('"').next().unwrap_or_default().to_string();
            let heading = rest
                .split_once("<h")
                .and_then(|(_, h)| h.split_once('>'))
                .and_then(|(_, h)| h.split("</h").next())
                .unwrap_or_default()
                .to_string();
            (at, id, heading)
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id, heading)| (id, heading)).collect()
}

#[test]
fn report_html_has_every_section_of_the_view_model_in_order_with_well_formed_tables() {
    for lang in Lang::ALL {
        let d = doc(lang);
        let p = page::build(&d);
        let html = report_html::render(&d);
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(!html.contains("<script") && !html.contains("src=\"http"), "self-contained");
        let sections = html_sections(&html);
        let ids: Vec<&str> = sections.iter().map(|(id, _)| id.as_str()).collect();
        let want: Vec<&str> = p.sections.iter().map(|s| s.id).collect();
        assert_eq!(ids, want, "{lang:?}: the sections of the view model, in order");
        for (s, (_, heading)) in p.sections.iter().zip(&sections) {
            assert_eq!(heading, &rmacheck::render::markup::html(&s.heading), "{}", s.id);
        }
        // The charts are drawn from the view model's data: one SVG per chart.
        let charts = p.sections.iter().flat_map(|s| &s.blocks);
        let charts = charts.filter(|b| matches!(b, page::Block::Chart(_))).count();
        assert_eq!(charts, 3, "{lang:?}: two signal charts and the join timeline");
        assert_eq!(html.matches("<svg ").count(), charts, "{lang:?}");
        // Every cell of every table of the view model is in report.html, escaped.
        for block in p.sections.iter().flat_map(|s| &s.blocks) {
            let page::Block::Table { rows, .. } = block else { continue };
            for cell in rows.iter().flatten() {
                let shown = match cell {
                    page::Cell::Text(t) | page::Cell::Code(t) => t.clone(),
                    page::Cell::File { path, .. } => path.clone(),
                    page::Cell::Status { text, .. } => text.clone(),
                };
                let escaped = rmacheck::render::markup::html(&shown).replace('\n', "<br>");
                assert!(html.contains(&escaped), "{lang:?}: {shown:?} of the view model");
            }
        }
        // Every table row has as many cells as its table has columns (or one spanning cell).
        for table in html.split("<table").skip(1) {
            let table = table.split("</table>").next().unwrap_or_default();
            let heads = table.matches("<th>").count();
            for row in table.split("<tr").skip(1).filter(|r| r.contains("<td")) {
                let cells = row.matches("<td").count() + row.matches("<th scope").count();
                assert!(heads == 0 || cells == heads || row.contains("colspan"), "{row}");
            }
        }
        for tag in ["section", "table", "tr", "div", "figure"] {
            let open = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            assert_eq!(open, html.matches(&format!("</{tag}>")).count(), "{lang:?}: <{tag}>");
        }
    }
}

#[test]
fn report_md_has_every_heading_of_the_view_model_in_order() {
    for lang in Lang::ALL {
        let d = doc(lang);
        let p = page::build(&d);
        let md = report_markdown::render(&d);
        assert!(!md.contains("<svg") && !md.contains("data:image"), "{lang:?}");
        let mut at = 0;
        // Charts and pictures are for the page only.
        for s in p.sections.iter().filter(|s| !s.is_visual()) {
            let heading = format!("\n{} {}\n", "#".repeat(usize::from(s.level)), s.heading);
            let found = md[at..].find(&heading);
            assert!(found.is_some(), "{lang:?}: {heading:?} after byte {at}");
            at += found.unwrap_or_default();
        }
    }
}

#[test]
fn input_text_is_escaped_in_both_renderings() {
    let d = doc(Lang::En);
    let html = report_html::render(&d);
    assert!(html.contains("Keller Süd 3 &lt;cellar&gt;") && !html.contains("<cellar>"));
    assert!(html.contains("Moved to the basement &amp; re-mounted"));
    assert!(html.contains("New battery;<br>power cycled"));
    let md = report_markdown::render(&d);
    assert!(md.contains("joins fail") && md.contains("2026-11-02 \\| joins fail"), "{md}");
}

#[test]
fn a_long_timeline_is_cut_in_the_middle_with_a_note() {
    let d = doc(Lang::De);
    let html = report_html::render(&d);
    assert!(html.contains("… 12 Zeilen sind hier nicht aufgeführt"), "72 rows, 60 shown");
    let md = report_markdown::render(&d);
    assert!(md.contains("… 12 Zeilen"));
}

#[test]
fn control_characters_and_markup_from_any_input_never_reach_the_report_files() {
    let hostile = "\u{1b}]0;pwned\u{7}<script>alert(1)</script>\0\u{9b}2J";
    let mut d = doc(Lang::De);
    d.rma.device_name = hostile.to_string();
    d.rma.description.problem = hostile.to_string();
    d.diagnosis.findings[0].summary = hostile.to_string();
    d.diagnosis.findings[0].message = String::new();
    d.diagnosis.timeline[0].code = Some(hostile.to_string());
    d.diagnosis.timeline[0].note = Some(hostile.to_string());
    for (name, out) in [("html", report_html::render(&d)), ("md", report_markdown::render(&d))] {
        for bad in ["\u{1b}", "\0", "\u{7}", "\u{9b}", "<script"] {
            assert!(!out.contains(bad), "{name} contains {bad:?}");
        }
        assert!(out.contains("U+001B"), "{name} shows the escape character visibly");
    }
}
