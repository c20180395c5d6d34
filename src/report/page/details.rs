//! The report's following pages: findings, counters, malformed messages, charts, the bounded
//! timeline, the evidence and the verification footer. The findings, counters and malformed
//! messages are shared with the diagnosis page ([`super::diagnose`]).

use crate::catalog::{self, args};
use crate::diagnosis::Diagnosis;
use crate::model::Lang;
use crate::report::charts::{self, Lane, Metric};
use crate::report::i18n;
use crate::report::model::{ReportDoc, names};
use crate::report::view;
use crate::signing::NAMESPACE;
use crate::tracker::TimelineEntry;

use super::{Block, Cell, Section, code, columns, pairs, section, sub_section, table, text};

/// Evidence indices listed per finding before "… (+n)".
pub const EVIDENCE_LISTED: usize = 20;

/// Findings, counters, charts, timeline, evidence, verification.
#[must_use]
pub fn sections(doc: &ReportDoc) -> Vec<Section> {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let d = &doc.diagnosis;
    let mut out = vec![
        section(
            "findings",
            &t.section_findings,
            vec![findings(lang, d), Block::Note { text: t.index_note.clone() }],
        ),
        section("stats", &t.section_stats, vec![stats(lang, d)]),
    ];
    out.extend(malformed(lang, d));
    // A timeline as long as the tracker keeps shows only the latest events: said above the
    // charts and under the timeline.
    let limit = view::timeline_limit_note(lang, d.timeline.len()).map(|text| Block::Note { text });
    let mut charts: Vec<Block> = limit.iter().cloned().collect();
    charts.extend(self::charts(doc));
    out.push(section("charts", &t.section_charts, charts));
    out.push(section(
        "timeline",
        &t.section_timeline,
        [timeline(doc)].into_iter().chain(limit).collect(),
    ));
    out.push(section("evidence", &t.section_evidence, evidence(doc)));
    out.push(verification(doc));
    out
}

/// The findings table (or a note that there are none).
#[must_use]
pub fn findings(lang: Lang, d: &Diagnosis) -> Block {
    let t = i18n::texts(lang);
    if d.findings.is_empty() {
        return Block::Note { text: t.no_findings.clone() };
    }
    let rows = d
        .findings
        .iter()
        .map(|f| {
            let listed: Vec<String> =
                f.evidence.iter().take(EVIDENCE_LISTED).map(u64::to_string).collect();
            let mut refs = listed.join(", ");
            if f.evidence.len() > EVIDENCE_LISTED {
                refs.push_str(&format!(" … (+{})", f.evidence.len() - EVIDENCE_LISTED));
            }
            vec![text(f.severity.label(lang)), code(&f.code), text(f.summary_in(lang)), text(refs)]
        })
        .collect();
    table(columns(&[&t.severity, &t.code, &t.observed, &t.evidence_refs]), rows)
}

/// The counters.
#[must_use]
pub fn stats(lang: Lang, d: &Diagnosis) -> Block {
    pairs(view::stats_rows(lang, &d.stats).into_iter().map(|(l, v)| (l, text(v))).collect())
}

/// The malformed messages with their reasons in `lang`, when there are any.
#[must_use]
pub fn malformed(lang: Lang, d: &Diagnosis) -> Option<Section> {
    if d.malformed.is_empty() {
        return None;
    }
    let rows = d
        .malformed
        .iter()
        .map(|m| {
            vec![
                text(m.index.map(|i| i.to_string()).unwrap_or_default()),
                code(&m.source),
                text(m.reason_in(lang)),
            ]
        })
        .collect();
    let source = catalog::plain(lang, "diag-source");
    let reason = catalog::plain(lang, "diag-reason");
    Some(sub_section(
        "malformed",
        view::malformed_heading(lang, d),
        vec![
            table(columns(&["#", &source, &reason]), rows),
            Block::Note { text: catalog::plain(lang, "report-malformed-note") },
        ],
    ))
}

fn charts(doc: &ReportDoc) -> Vec<Block> {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let d = &doc.diagnosis;
    let legend = (i18n::event_kind(lang, "join_request"), i18n::event_kind(lang, "uplink"));
    let mut out: Vec<Block> = [(Metric::Rssi, &t.chart_rssi), (Metric::Snr, &t.chart_snr)]
        .into_iter()
        .map(|(metric, caption)| {
            Block::Chart(charts::signal(
                &d.timeline,
                d.window,
                metric,
                caption,
                &t.no_data,
                (&legend.0, &legend.1),
            ))
        })
        .collect();
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
    out.push(Block::Chart(charts::lanes(&d.timeline, d.window, &lanes, &t.chart_joins)));
    out
}

fn timeline(doc: &ReportDoc) -> Block {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let tl = &doc.diagnosis.timeline;
    if tl.is_empty() {
        return Block::Note { text: t.no_events.clone() };
    }
    let row = |e: &TimelineEntry| {
        vec![
            text(e.index.to_string()),
            text(e.at.map(view::fmt_time).unwrap_or_default()),
            text(i18n::event_kind(lang, &e.kind)),
            e.gateway.as_ref().map_or_else(|| text(""), |g| code(g.as_str())),
            text(view::fmt_opt(e.rssi_dbm)),
            text(view::fmt_opt(e.snr_db)),
            text(view::timeline_details(lang, e)),
        ]
    };
    let (head, tail, left_out) = view::timeline_slices(tl.len());
    let mut rows: Vec<Vec<Cell>> = tl[head].iter().map(row).collect();
    let omitted = (left_out > 0).then(|| {
        (rows.len(), catalog::text(lang, "label-rows-omitted", &args! { "n" => left_out }))
    });
    rows.extend(tl[tail].iter().map(row));
    Block::Table {
        columns: columns(&["#", &t.time_utc, &t.event, &t.gateway, "RSSI", "SNR", &t.details]),
        rows,
        omitted,
    }
}

fn evidence(doc: &ReportDoc) -> Vec<Block> {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let profile = doc
        .profile
        .as_ref()
        .map_or_else(|| t.profile_generic.clone(), |p| format!("{} — {}", p.id, p.title));
    let window = format!("{} — {}", view::fmt_time(doc.window.from), view::fmt_time(doc.window.to));
    let mut out = vec![pairs(vec![
        (t.window.clone(), text(window)),
        (t.capture_messages.clone(), text(doc.capture.messages.to_string())),
        (t.evidence_messages.clone(), text(doc.evidence.messages.to_string())),
        (t.profile.clone(), text(profile)),
    ])];
    if let Some(r) = &doc.reference {
        out.push(Block::Text {
            text: catalog::text(
                lang,
                "label-reference-note",
                &args! { "eui" => r.dev_eui.to_string(), "n" => r.messages },
            ),
        });
    }
    let keys = if doc.keys_supplied { &t.keys_supplied } else { &t.keys_not_supplied };
    out.push(Block::Note { text: keys.clone() });
    out.push(Block::Note { text: t.redactions.clone() });
    out
}

fn verification(doc: &ReportDoc) -> Section {
    let t = i18n::texts(doc.lang);
    let principal = doc.signer.principal.as_deref();
    let evidence_hash = doc.files.get(names::EVIDENCE).cloned().unwrap_or_default();
    section(
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
    )
}
