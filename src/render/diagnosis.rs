//! Renderers of a [`Diagnosis`]: terminal tables (tabled) and JSON, and the lines both the
//! tables and the diagnosis page (`report::page::diagnose`, for Markdown) show.
//!
//! Pure functions from the diagnosis to a string. The explanation (meaning and next steps) is
//! rendered in the requested language, labels and findings too (from the catalog); codes,
//! EUIs and times are the same in every language. No colour codes are emitted, so the output
//! is the same on a terminal, in a pipe and with `NO_COLOR`. The terminal form fits the width
//! it is given (cells and paragraphs wrap at word boundaries).

use tabled::settings::Style;

use super::width::{DEFAULT_WIDTH, fitted, wrap};
use crate::catalog::{self, args};
use crate::diagnosis::backoff::{DEFAULT_UPLINK_INTERVAL_S, format_duration};
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

pub fn window_line(d: &Diagnosis) -> String {
    let secs = (d.window.to - d.window.from).num_seconds().max(0) as u64;
    format!(
        "{} – {} ({})",
        crate::time::timestamp_spaced(d.window.from),
        crate::time::timestamp_spaced(d.window.to),
        format_duration(secs)
    )
}

pub fn profile_line(lang: Lang, p: Option<&ProfileUsed>) -> String {
    match p {
        Some(ProfileUsed { id: Some(id), title, .. }) => {
            format!("{id}{}", title.as_ref().map(|t| format!(" — {t}")).unwrap_or_default())
        }
        Some(_) => catalog::text(
            lang,
            "diag-no-profile",
            &args! { "duration" => format_duration(DEFAULT_UPLINK_INTERVAL_S) },
        ),
        None => catalog::plain(lang, "diag-none"),
    }
}

pub fn reference_line(lang: Lang, r: Option<&ReferenceSeen>) -> String {
    match r {
        None => catalog::plain(lang, "diag-none-named"),
        Some(r) if r.heard => catalog::text(
            lang,
            "diag-reference-heard",
            &args! {
                "eui" => r.dev_eui.to_string(),
                "uplinks" => r.uplinks,
                "requests" => r.join_requests,
                "gateways" =>
                    r.gateways.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            },
        ),
        Some(r) => catalog::text(
            lang,
            "diag-reference-not-heard",
            &args! { "eui" => r.dev_eui.to_string() },
        ),
    }
}

/// Whether the evidence sufficed (why that long is in the summary).
pub fn sufficiency_line(lang: Lang, s: Option<&Sufficiency>) -> String {
    match s {
        Some(Sufficiency { sufficient: true, .. }) | None => {
            catalog::plain(lang, "diag-sufficient")
        }
        Some(s) => match s.watch_more_seconds {
            Some(w) => {
                catalog::text(lang, "diag-watch-more", &args! { "duration" => format_duration(w) })
            }
            None => catalog::plain(lang, "diag-not-sufficient"),
        },
    }
}

fn evidence_list(lang: Lang, f: &Finding) -> String {
    let mut s: Vec<String> =
        f.evidence.iter().take(MAX_EVIDENCE).map(|i| format!("#{i}")).collect();
    if f.evidence.len() > MAX_EVIDENCE {
        s.push(catalog::text(lang, "diag-in-all", &args! { "n" => f.evidence.len() }));
    }
    s.join(", ")
}

pub fn gap_line(lang: Lang, g: &crate::tracker::gaps::Gap) -> String {
    let from = g.from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let to = if g.to.date_naive() == g.from.date_naive() {
        g.to.format("%H:%M:%SZ").to_string()
    } else {
        g.to.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    catalog::text(
        lang,
        "diag-gap",
        &args! {
            "from" => from,
            "to" => to,
            "reason" => g.reason.as_str().replace('_', " "),
            "lost" => if g.loss_possible { "yes" } else { "no" },
        },
    )
}

fn spread(s: Option<&Spread>, unit: &str) -> String {
    s.map_or("–".into(), |s| format!("{:.1} / {:.1} / {:.1} {unit}", s.min, s.median, s.max))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or("–".into(), |v| v.to_string())
}

fn stats_rows(lang: Lang, s: &Stats) -> Vec<(String, String)> {
    let codes = if s.ns_log_codes.is_empty() {
        "–".to_string()
    } else {
        s.ns_log_codes.iter().map(|(k, v)| format!("{k} ×{v}")).collect::<Vec<_>>().join(", ")
    };
    let rows = [
        ("diag-stat-join-requests", s.join_requests.to_string()),
        (
            "diag-stat-join-accepts",
            format!("{} ({} / {})", s.join_accepts, s.join_accept_tx_ok, s.join_accept_tx_failed),
        ),
        ("diag-stat-dev-nonces", format!("{} / {}", s.dev_nonces_distinct, s.dev_nonces_reused)),
        ("diag-stat-uplinks", s.uplinks.to_string()),
        ("diag-stat-fcnt", format!("{} / {}", opt(s.fcnt_first), opt(s.fcnt_last))),
        ("diag-stat-fcnt-missing", format!("{} / {}", s.fcnt_missing, s.fcnt_resets)),
        ("diag-stat-retransmissions", s.retransmissions.to_string()),
        ("diag-stat-gateways", format!("{} ({})", s.gateways, s.gateways_offline)),
        ("diag-stat-rssi", spread(s.rssi_dbm.as_ref(), "dBm")),
        ("diag-stat-snr", spread(s.snr_db.as_ref(), "dB")),
        ("diag-stat-log-codes", codes),
        ("diag-stat-malformed", s.malformed_messages.to_string()),
    ];
    rows.into_iter().map(|(id, v)| (catalog::plain(lang, id), v)).collect()
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
    let l = |id: &str| catalog::plain(lang, id);
    if width < FINDINGS_TABLE_WIDTH {
        let mut out = String::new();
        for f in &d.findings {
            out.push_str(&wrap(
                &format!("{}  {}", f.severity.label(lang), f.code),
                width,
                "",
                "  ",
            ));
            out.push_str(&wrap(&f.summary_in(lang), width, "  ", "  "));
            let evidence = format!("{}: {}", l("diag-evidence"), evidence_list(lang, f));
            out.push_str(&wrap(&evidence, width, "  ", "  "));
        }
        return out.trim_end().to_string();
    }
    let mut rows =
        vec![vec![l("diag-severity"), l("label-code"), l("label-summary"), l("diag-evidence")]];
    for f in &d.findings {
        rows.push(vec![
            f.severity.label(lang),
            f.code.clone(),
            f.summary_in(lang),
            evidence_list(lang, f),
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
    let l = |id: &str| catalog::plain(lang, id);
    out.push_str(&catalog::text(lang, "diag-title", &args! { "eui" => d.dev_eui.to_string() }));
    out.push('\n');
    out.push_str(&two_columns(
        vec![
            (l("diag-verdict"), format!("{} ({})", d.verdict.code, d.verdict.class)),
            (l("label-summary"), d.verdict.summary_in(lang)),
            (l("diag-window"), window_line(d)),
            (l("diag-evidence"), sufficiency_line(lang, d.sufficiency.as_ref())),
            (l("diag-profile"), profile_line(lang, d.profile.as_ref())),
            (l("diag-reference"), reference_line(lang, d.reference.as_ref())),
        ],
        width,
    ));
    if !d.not_observed.is_empty() {
        out.push_str(&format!("\n{}\n", l("diag-not-observed")));
        for g in &d.not_observed {
            out.push_str(&wrap(&gap_line(lang, g), prose, "  ", "    "));
        }
    }
    out.push_str(&format!("\n\n{h_meaning}\n"));
    out.push_str(&wrap(&e.meaning, prose, "", ""));
    out.push_str(&format!("\n{h_steps}\n"));
    for (k, s) in e.next_steps.iter().enumerate() {
        out.push_str(&wrap(s, prose, &format!("{:>2}. ", k + 1), "    "));
    }
    if !d.findings.is_empty() {
        out.push_str(&format!("\n{}\n", l("diag-findings")));
        out.push_str(&findings(d, lang, width));
        out.push('\n');
    }
    out.push_str(&format!("\n{}\n", l("diag-stats")));
    out.push_str(&two_columns(stats_rows(lang, &d.stats), width));
    out.push('\n');
    let malformed =
        super::inspect::malformed_section_at(&d.malformed, d.stats.malformed_messages, width, lang);
    if !malformed.is_empty() {
        out.push('\n');
        out.push_str(malformed.trim_end());
        out.push('\n');
    }
    out
}

/// Two diagnoses for the renderers' tests: a join-key mismatch and a healthy device.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::diagnosis::rules::testkit::{Rb, window};
    use crate::diagnosis::{DiagnoseOptions, Diagnosis, diagnose};
    use crate::frame::MicStatus;

    /// Three join-requests that fail the MIC, logged `UPLINK_MIC`.
    pub(crate) fn key_mismatch() -> Diagnosis {
        let mut b = Rb::new();
        for k in 0..3 {
            let p = b.join(k * 60, 10 + k as u16, 7.5, 7);
            b.mic(p, MicStatus::Invalid);
            b.ns_code(p, "UPLINK_MIC");
        }
        let r = b.build();
        diagnose(r.dev_eui, Some(&r), &DiagnoseOptions::new(window(0, 3600)))
    }

    /// 38 of 40 uplinks over 6 h 40 min.
    pub(crate) fn healthy() -> Diagnosis {
        let mut b = Rb::new();
        b.uplinks(0, 600, (0..40).filter(|i| i % 20 != 1), 8.0, 7);
        let r = b.build();
        diagnose(r.dev_eui, Some(&r), &DiagnoseOptions::new(window(0, 24_000)))
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{healthy, key_mismatch};
    use super::*;

    #[test]
    fn the_table_snapshot() {
        snapshot!(assert_snapshot, "table_en_key_mismatch", table(&key_mismatch(), Lang::En));
    }

    #[test]
    fn the_german_table_snapshot() {
        snapshot!(assert_snapshot, "table_de_key_mismatch", table(&key_mismatch(), Lang::De));
    }

    #[test]
    fn the_json_snapshot() {
        let v: serde_json::Value = serde_json::from_str(&json(&key_mismatch()).unwrap()).unwrap();
        snapshot!(assert_json_snapshot, "json_key_mismatch", v);
    }

    #[test]
    fn french_and_romanian_render_their_headings() {
        assert!(table(&healthy(), Lang::Fr).contains("Ce que cela signifie"));
        assert!(table(&healthy(), Lang::Ro).contains("Ce înseamnă"));
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
}
