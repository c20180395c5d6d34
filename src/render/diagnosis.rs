//! Renderers of a [`Diagnosis`]: terminal tables (tabled), Markdown and JSON.
//!
//! Pure functions from the diagnosis to a string. The explanation (meaning and next steps) is
//! rendered in the requested language; everything else is English. No colour codes are
//! emitted, so the output is the same on a terminal, in a pipe and with `NO_COLOR`. The
//! terminal form fits the width it is given (cells and paragraphs wrap at word boundaries).

use tabled::settings::Style;

use super::width::{DEFAULT_WIDTH, fitted, wrap};
use crate::diagnosis::backoff::format_duration;
use crate::diagnosis::explain::{explain_diagnosis, headings};
use crate::diagnosis::{Diagnosis, Finding, ProfileUsed, ReferenceSeen, Sufficiency};
use crate::model::Lang;
use crate::tracker::{Spread, Stats};

/// Tables are never made wider than this, however wide the terminal.
const MAX_TABLE_WIDTH: usize = 120;
/// Narrower than this, findings are listed rather than tabled (the summary column would be
/// too narrow to read).
const FINDINGS_TABLE_WIDTH: usize = 80;
/// Paragraphs are never wider than this (long lines are hard to read).
const MAX_PROSE_WIDTH: usize = 100;
/// Evidence indices shown per finding before "…".
const MAX_EVIDENCE: usize = 12;

/// The diagnosis as one JSON object (the contract's `rmacheck.diagnosis.v1`).
///
/// # Errors
/// Serialisation errors (none for well-formed diagnoses).
pub fn json(d: &Diagnosis) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(d)
}

fn window_line(d: &Diagnosis) -> String {
    let secs = (d.window.to - d.window.from).num_seconds().max(0) as u64;
    format!(
        "{} – {} ({})",
        d.window.from.format("%Y-%m-%d %H:%M:%SZ"),
        d.window.to.format("%Y-%m-%d %H:%M:%SZ"),
        format_duration(secs)
    )
}

fn profile_line(p: Option<&ProfileUsed>) -> String {
    match p {
        Some(ProfileUsed { id: Some(id), title, .. }) => {
            format!("{id}{}", title.as_ref().map(|t| format!(" — {t}")).unwrap_or_default())
        }
        Some(p) => p.assumptions.join("; "),
        None => "none".into(),
    }
}

fn reference_line(r: Option<&ReferenceSeen>) -> String {
    match r {
        None => "none named".into(),
        Some(r) if r.heard => format!(
            "{} heard ({} uplinks, {} join-requests, gateways {})",
            r.dev_eui,
            r.uplinks,
            r.join_requests,
            r.gateways.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        ),
        Some(r) => format!("{} NOT heard in the window", r.dev_eui),
    }
}

fn sufficiency_line(s: Option<&Sufficiency>) -> String {
    match s {
        Some(Sufficiency { sufficient: true, .. }) | None => "sufficient".into(),
        Some(s) => match s.watch_more_seconds {
            Some(w) => format!(
                "not sufficient: watch at least {} more{}",
                format_duration(w),
                s.basis.as_ref().map(|b| format!(" ({b})")).unwrap_or_default()
            ),
            None => "not sufficient".into(),
        },
    }
}

fn evidence_list(f: &Finding) -> String {
    let mut s: Vec<String> =
        f.evidence.iter().take(MAX_EVIDENCE).map(|i| format!("#{i}")).collect();
    if f.evidence.len() > MAX_EVIDENCE {
        s.push(format!("… ({} in all)", f.evidence.len()));
    }
    s.join(", ")
}

fn spread(s: Option<&Spread>, unit: &str) -> String {
    s.map_or("–".into(), |s| format!("{:.1} / {:.1} / {:.1} {unit}", s.min, s.median, s.max))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or("–".into(), |v| v.to_string())
}

fn stats_rows(s: &Stats) -> Vec<(&'static str, String)> {
    let codes = if s.ns_log_codes.is_empty() {
        "–".to_string()
    } else {
        s.ns_log_codes.iter().map(|(k, v)| format!("{k} ×{v}")).collect::<Vec<_>>().join(", ")
    };
    vec![
        ("join-requests", s.join_requests.to_string()),
        (
            "join-accepts (sent OK / failed)",
            format!("{} ({} / {})", s.join_accepts, s.join_accept_tx_ok, s.join_accept_tx_failed),
        ),
        (
            "DevNonces (distinct / reused)",
            format!("{} / {}", s.dev_nonces_distinct, s.dev_nonces_reused),
        ),
        ("uplinks", s.uplinks.to_string()),
        ("FCnt first / last", format!("{} / {}", opt(s.fcnt_first), opt(s.fcnt_last))),
        ("FCnt missing / resets", format!("{} / {}", s.fcnt_missing, s.fcnt_resets)),
        ("retransmissions", s.retransmissions.to_string()),
        ("gateways (offline in the window)", format!("{} ({})", s.gateways, s.gateways_offline)),
        ("RSSI min / median / max", spread(s.rssi_dbm.as_ref(), "dBm")),
        ("SNR min / median / max", spread(s.snr_db.as_ref(), "dB")),
        ("NS log codes", codes),
        ("malformed messages", s.malformed_messages.to_string()),
    ]
}

fn two_columns(rows: Vec<(String, String)>, width: usize) -> String {
    let rows = rows.into_iter().map(|(k, v)| vec![k, v]).collect();
    fitted(rows, width, |t| {
        t.with(Style::sharp().remove_horizontals());
    })
    .to_string()
}

/// The findings: a table, or below [`FINDINGS_TABLE_WIDTH`] a list (severity and code, then
/// the summary and the evidence wrapped and indented).
fn findings(d: &Diagnosis, lang: Lang, width: usize) -> String {
    if width < FINDINGS_TABLE_WIDTH {
        let mut out = String::new();
        for f in &d.findings {
            let severity = format!("{:?}", f.severity).to_lowercase();
            out.push_str(&wrap(&format!("{severity}  {}", f.code), width, "", "  "));
            out.push_str(&wrap(&f.summary_in(lang), width, "  ", "  "));
            out.push_str(&wrap(&format!("evidence: {}", evidence_list(f)), width, "  ", "  "));
        }
        return out.trim_end().to_string();
    }
    let mut rows =
        vec![vec!["severity".into(), "code".into(), "summary".into(), "evidence".into()]];
    for f in &d.findings {
        rows.push(vec![
            format!("{:?}", f.severity).to_lowercase(),
            f.code.clone(),
            f.summary_in(lang),
            evidence_list(f),
        ]);
    }
    fitted(rows, width, |t| {
        t.with(Style::sharp());
    })
    .to_string()
}

/// Human-readable tables at the default width; the explanation in `lang`.
#[must_use]
pub fn table(d: &Diagnosis, lang: Lang) -> String {
    table_at(d, lang, DEFAULT_WIDTH)
}

/// Human-readable tables, no line wider than `width` columns (at least
/// [`MIN_WIDTH`](super::width::MIN_WIDTH)); the explanation in `lang`.
#[must_use]
pub fn table_at(d: &Diagnosis, lang: Lang, width: usize) -> String {
    let prose = width.min(MAX_PROSE_WIDTH);
    let width = width.min(MAX_TABLE_WIDTH);
    let e = explain_diagnosis(d, lang);
    let (h_meaning, h_steps) = headings(lang);
    let mut out = String::new();
    out.push_str(&format!("Diagnosis of {}\n", d.dev_eui));
    out.push_str(&two_columns(
        vec![
            ("Verdict".into(), format!("{} ({})", d.verdict.code, d.verdict.class)),
            ("Summary".into(), d.verdict.summary_in(lang)),
            ("Window".into(), window_line(d)),
            ("Evidence".into(), sufficiency_line(d.sufficiency.as_ref())),
            ("Profile".into(), profile_line(d.profile.as_ref())),
            ("Reference".into(), reference_line(d.reference.as_ref())),
        ],
        width,
    ));
    if !d.not_observed.is_empty() {
        out.push('\n');
        out.push_str(&super::inspect::not_observed_section(&d.not_observed, prose));
    }
    out.push_str(&format!("\n\n{h_meaning}\n"));
    out.push_str(&wrap(&e.meaning, prose, "", ""));
    out.push_str(&format!("\n{h_steps}\n"));
    for (k, s) in e.next_steps.iter().enumerate() {
        out.push_str(&wrap(s, prose, &format!("{:>2}. ", k + 1), "    "));
    }
    if !d.findings.is_empty() {
        out.push_str("\nFindings\n");
        out.push_str(&findings(d, lang, width));
        out.push('\n');
    }
    out.push_str("\nStats\n");
    out.push_str(&two_columns(
        stats_rows(&d.stats).into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        width,
    ));
    out.push('\n');
    let malformed =
        super::inspect::malformed_section_at(&d.malformed, d.stats.malformed_messages, width);
    if !malformed.is_empty() {
        out.push('\n');
        out.push_str(malformed.trim_end());
        out.push('\n');
    }
    out
}

fn md_cell(s: &str) -> String {
    super::markup::markdown(s)
}

/// Markdown for tickets; the explanation in `lang`.
#[must_use]
pub fn markdown(d: &Diagnosis, lang: Lang) -> String {
    let e = explain_diagnosis(d, lang);
    let (h_meaning, h_steps) = headings(lang);
    let mut out = format!("# Diagnosis of `{}`\n\n", d.dev_eui);
    out.push_str("| | |\n|---|---|\n");
    for (k, v) in [
        ("Verdict", format!("**{}** ({})", d.verdict.code, d.verdict.class)),
        ("Window", md_cell(&window_line(d))),
        ("Evidence", md_cell(&sufficiency_line(d.sufficiency.as_ref()))),
        ("Profile", md_cell(&profile_line(d.profile.as_ref()))),
        ("Reference", md_cell(&reference_line(d.reference.as_ref()))),
    ] {
        out.push_str(&format!("| {k} | {v} |\n"));
    }
    out.push_str(&format!("\n**Summary.** {}\n", md_cell(&d.verdict.summary_in(lang))));
    out.push_str(&format!("\n## {h_meaning}\n\n{}\n", md_cell(&e.meaning)));
    out.push_str(&format!("\n## {h_steps}\n\n"));
    for (k, s) in e.next_steps.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", k + 1, md_cell(s)));
    }
    if !d.findings.is_empty() {
        out.push_str(
            "\n## Findings\n\n| Severity | Code | Summary | Evidence |\n|---|---|---|---|\n",
        );
        for f in &d.findings {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                format!("{:?}", f.severity).to_lowercase(),
                super::markup::visible(&f.code.replace('`', "'")),
                md_cell(&f.summary_in(lang)),
                evidence_list(f)
            ));
        }
    }
    out.push_str("\n## Stats\n\n| Counter | Value |\n|---|---|\n");
    for (k, v) in stats_rows(&d.stats) {
        out.push_str(&format!("| {k} | {} |\n", md_cell(&v)));
    }
    if !d.malformed.is_empty() {
        out.push_str(&format!(
            "\n## Malformed messages\n\n{} counted; the first {} with their reasons:\n\n\
             | # | Source | Reason |\n|---|---|---|\n",
            d.stats.malformed_messages,
            d.malformed.len()
        ));
        for m in &d.malformed {
            let index = m.index.map_or_else(|| "—".to_string(), |i| i.to_string());
            out.push_str(&format!("| {index} | {} | {} |\n", m.source, md_cell(&m.reason)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, window};
    use crate::diagnosis::{DiagnoseOptions, diagnose};
    use crate::frame::MicStatus;

    fn key_mismatch() -> Diagnosis {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 10 + k as u16, 7.5, 7);
            b.mic(p, MicStatus::Invalid);
            b.ns_code(p, "UPLINK_MIC");
        }
        let r = b.build();
        diagnose(r.dev_eui, Some(&r), &DiagnoseOptions::new(window(0, 3600)))
    }

    fn healthy() -> Diagnosis {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..40).filter(|i| i % 20 != 1), 8.0, 7);
        let r = b.build();
        diagnose(r.dev_eui, Some(&r), &DiagnoseOptions::new(window(0, 24_000)))
    }

    #[test]
    fn the_table_snapshot() {
        snapshot!(assert_snapshot, "table_en_key_mismatch", table(&key_mismatch(), Lang::En));
    }

    #[test]
    fn the_german_table_snapshot() {
        snapshot!(assert_snapshot, "table_de_key_mismatch", table(&key_mismatch(), Lang::De));
    }

    #[test]
    fn the_markdown_snapshot() {
        snapshot!(assert_snapshot, "markdown_en_healthy", markdown(&healthy(), Lang::En));
    }

    #[test]
    fn the_german_markdown_snapshot() {
        snapshot!(assert_snapshot, "markdown_de_key_mismatch", markdown(&key_mismatch(), Lang::De));
    }

    #[test]
    fn the_json_snapshot() {
        let v: serde_json::Value = serde_json::from_str(&json(&key_mismatch()).unwrap()).unwrap();
        snapshot!(assert_json_snapshot, "json_key_mismatch", v);
    }

    #[test]
    fn french_and_romanian_render_their_headings() {
        assert!(table(&healthy(), Lang::Fr).contains("Ce que cela signifie"));
        assert!(markdown(&healthy(), Lang::Ro).contains("## Ce înseamnă"));
    }

    #[test]
    fn every_line_of_the_table_fits_sixty_and_a_hundred_columns() {
        for (name, d) in [("key mismatch", key_mismatch()), ("healthy", healthy())] {
            for lang in Lang::ALL {
                for width in [60, 100] {
                    let t = table_at(&d, lang, width);
                    let widest = crate::render::width::widest_line(&t);
                    assert!(widest <= width, "{name} {lang:?} at {width}: {widest}\n{t}");
                }
            }
        }
    }

    #[test]
    fn the_sixty_column_table_snapshot() {
        snapshot!(
            assert_snapshot,
            "table_en_key_mismatch_60",
            table_at(&key_mismatch(), Lang::En, 60)
        );
    }

    #[test]
    fn markdown_cells_escape_pipes_and_markup() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(md_cell("<script>"), "&lt;script&gt;");
    }
}
