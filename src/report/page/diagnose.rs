//! The view model of a diagnosis alone, for `diagnose --format markdown`: the report's verdict
//! box, the window and what the diagnosis assumed, the gaps in the observation, and the
//! report's findings, counters and malformed-message sections. Written by the same Markdown
//! writer as report.md.

use crate::catalog::{self, args};
use crate::diagnosis::Diagnosis;
use crate::model::Lang;
use crate::render::diagnosis as lines;
use crate::report::i18n;

use super::{Block, Page, details, pairs, section, sub_section, text, verdict_box};

/// The page of a diagnosis in `lang`.
#[must_use]
pub fn build(d: &Diagnosis, lang: Lang) -> Page {
    let t = i18n::texts(lang);
    let l = |id: &str| catalog::plain(lang, id);
    let context = pairs(vec![
        (l("diag-window"), text(lines::window_line(d))),
        (l("diag-evidence"), text(lines::sufficiency_line(lang, d.sufficiency.as_ref()))),
        (l("diag-profile"), text(lines::profile_line(lang, d.profile.as_ref()))),
        (l("diag-reference"), text(lines::reference_line(lang, d.reference.as_ref()))),
    ]);
    let mut sections =
        vec![section("diagnosis", &t.verdict, vec![Block::Verdict(verdict_box(lang, d)), context])];
    if !d.not_observed.is_empty() {
        let items = d.not_observed.iter().map(|g| lines::gap_line(lang, g)).collect();
        sections.push(sub_section(
            "not-observed",
            l("diag-not-observed"),
            vec![Block::List { items, numbered: false }],
        ));
    }
    sections.push(section("findings", &t.section_findings, vec![details::findings(lang, d)]));
    sections.push(section("stats", &t.section_stats, vec![details::stats(lang, d)]));
    sections.extend(details::malformed(lang, d));
    Page {
        lang,
        title: catalog::text(lang, "diag-title", &args! { "eui" => d.dev_eui.to_string() }),
        device_name: None,
        dev_eui: None,
        meta: None,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::diagnosis::fixtures::{healthy, key_mismatch};
    use crate::report::export::markdown::write_page;

    #[test]
    fn the_markdown_of_a_diagnosis_snapshot() {
        snapshot!(assert_snapshot, "markdown_en_healthy", write_page(&build(&healthy(), Lang::En)));
    }

    #[test]
    fn the_german_markdown_of_a_diagnosis_snapshot() {
        let page = build(&key_mismatch(), Lang::De);
        snapshot!(assert_snapshot, "markdown_de_key_mismatch", write_page(&page));
    }

    #[test]
    fn the_diagnosis_page_has_the_verdict_box_findings_and_counters_in_every_language() {
        for lang in Lang::ALL {
            let page = build(&key_mismatch(), lang);
            let ids: Vec<&str> = page.sections.iter().map(|s| s.id).collect();
            assert_eq!(ids, ["diagnosis", "findings", "stats"], "{lang:?}");
            assert!(matches!(page.sections[0].blocks[0], Block::Verdict(_)), "{lang:?}");
            let md = write_page(&page);
            assert!(md.contains("`JOIN_KEY_MISMATCH`"), "{lang:?}: {md}");
        }
    }
}
