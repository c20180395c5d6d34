//! Snapshots of report.html and report.md in every language, from a fixed signed document.

use rmacheck::model::Lang;
use rmacheck::render::{report_html, report_markdown};
use rmacheck::report::model::{ReportDoc, sha256_hex};

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
    s.set_snapshot_path("../../fixtures/report/snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn report_html_in_every_language() {
    settings().bind(|| {
        for lang in Lang::ALL {
            let html = report_html::render(&doc(lang));
            assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
            insta::assert_snapshot!(format!("report_html_{}", lang.code()), html);
        }
    });
}

#[test]
fn report_markdown_in_every_language() {
    settings().bind(|| {
        for lang in Lang::ALL {
            let md = report_markdown::render(&doc(lang));
            insta::assert_snapshot!(format!("report_md_{}", lang.code()), md);
        }
    });
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
