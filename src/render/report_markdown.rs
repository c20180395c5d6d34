//! report.md: the report as Markdown for pasting into ticket systems.
//!
//! Same content order as report.html (return form, warranty, verdict, notes, description,
//! photos, findings, counters, bounded timeline, evidence, verification), without charts.
//! Table cells are escaped (`|`, line breaks) so input text cannot break the tables.

use std::fmt::Write;

use crate::catalog::{self, args};
use crate::report::i18n::{self, Texts};
use crate::report::model::{ReportDoc, names};
use crate::report::view;
use crate::signing::NAMESPACE;

/// Escapes text for a Markdown table cell.
#[must_use]
pub fn cell(s: &str) -> String {
    crate::render::markup::markdown(s)
}

fn row(o: &mut String, label: &str, value: &str) {
    let _ = writeln!(o, "| {} | {} |", cell(label), value);
}

fn or_none(t: &Texts, v: Option<&str>) -> String {
    v.map_or_else(|| t.none.clone(), cell)
}

/// Renders report.md from the signed document.
#[must_use]
pub fn render(doc: &ReportDoc) -> String {
    let lang = doc.lang;
    let t = i18n::texts(lang);
    let c = i18n::colon(lang);
    let d = &doc.diagnosis;
    let rma = &doc.rma;
    let mut o = String::with_capacity(16 * 1024);
    let _ = writeln!(o, "# {} — {} (`{}`)\n", &t.title, cell(&rma.device_name), d.dev_eui);
    let _ = writeln!(
        o,
        "{}{c} {} UTC · {} {}\n",
        &t.generated,
        view::fmt_time(doc.generated_at),
        cell(&doc.tool.name),
        cell(&doc.tool.version)
    );

    if let Some(a) = &doc.activation {
        let _ = writeln!(
            o,
            "## {}\n\n**{}** `{}`\n",
            crate::report::activation::heading(lang),
            cell(&crate::report::activation::summary(lang, a)),
            crate::report::activation::outcome_code(a.outcome)
        );
    }
    let _ = writeln!(o, "## {}\n\n| | |\n|---|---|", &t.section_rma);
    row(&mut o, &t.order_number, &cell(&rma.order_number));
    row(&mut o, &t.device_name, &cell(&rma.device_name));
    row(&mut o, &t.model, &cell(&rma.model));
    row(&mut o, &t.serial_number, &format!("`{}`", rma.serial_number.replace('`', "'")));
    row(&mut o, "DevEUI", &format!("`{}`", d.dev_eui));
    row(&mut o, "JoinEUI", &rma.join_eui.map_or_else(|| t.none.clone(), |e| format!("`{e}`")));
    if !doc.join_euis_observed.is_empty() {
        let seen: Vec<String> = doc.join_euis_observed.iter().map(|e| format!("`{e}`")).collect();
        row(&mut o, &t.join_eui_observed, &seen.join(", "));
    }
    row(&mut o, &t.delivery_date, &rma.delivery_date.to_string());
    row(&mut o, &t.reason, &cell(&i18n::reason(lang, rma.reason)));
    row(&mut o, &t.support_ticket, &or_none(t, rma.support_ticket.as_deref()));
    row(&mut o, &t.manufacturer_ticket, &or_none(t, rma.manufacturer_ticket.as_deref()));
    row(&mut o, &t.factory_reset, if rma.factory_reset { &t.yes } else { &t.no });
    let acc = (!rma.accessories.is_empty()).then(|| rma.accessories.join(", "));
    row(&mut o, &t.accessories, &or_none(t, acc.as_deref()));
    let mut contact = format!("{}<br>{}", cell(&rma.contact.name), cell(&rma.contact.email));
    if let Some(p) = &rma.contact.phone {
        let _ = write!(contact, "<br>{}", cell(p));
    }
    row(&mut o, &t.contact, &contact);
    for (label, value) in view::form_rows(lang, rma) {
        row(&mut o, &label, &cell(&value));
    }
    if !rma.extra.is_empty() {
        let _ = writeln!(o, "\n### {}\n\n| | |\n|---|---|", &t.section_extra);
        for (k, v) in &rma.extra {
            row(&mut o, k, &cell(v));
        }
    }
    if let Some(rows) = view::parcel_rows(lang, rma) {
        let _ = writeln!(o, "\n## {}\n\n| | |\n|---|---|", &t.section_parcel);
        for (label, value) in rows {
            row(&mut o, &label, &cell(&value));
        }
    }

    let w = &doc.warranty;
    let _ = writeln!(
        o,
        "\n## {}\n\n| | |\n|---|---|",
        catalog::text(lang, "label-section-warranty", &args! { "date" => w.as_of.to_string() })
    );
    for (label, p) in [
        (&t.withdrawal, &w.withdrawal),
        (&t.voluntary_warranty, &w.voluntary_warranty),
        (&t.statutory_liability, &w.statutory_liability),
    ] {
        row(&mut o, label, &cell(&i18n::period_status(lang, p.status, &p.ends.to_string())));
    }

    let code = serde_json::to_value(d.verdict.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let explained = view::explanation(lang, d);
    let _ = writeln!(
        o,
        "\n## {}\n\n**`{code}` — {}**\n\n- **{}{c}** {}\n- **{}{c}** {}\n- **{}{c}** {}\n- **{}{c}** {}\n- **{}{c}**",
        &t.section_diagnosis,
        i18n::verdict_title(lang, d.verdict.code),
        catalog::plain(lang, "label-summary"),
        cell(&d.verdict.summary_in(lang)),
        &t.class,
        i18n::class(lang, d.verdict.class),
        &t.assessment,
        i18n::assessment(lang, d.verdict.class),
        &t.explanation,
        explained.meaning.replace('\n', " "),
        &t.next_steps,
    );
    for (i, step) in explained.next_steps.iter().enumerate() {
        let _ = writeln!(o, "  {}. {}", i + 1, cell(step));
    }
    if !explained.technician.is_empty() {
        let commands = crate::render::markup::visible(&explained.technician.join("\n"));
        let _ = writeln!(
            o,
            "\n**{}**\n\n```\n{}\n```",
            cell(&catalog::plain(lang, "label-for-technician")),
            commands.replace('`', "'")
        );
    }
    if !doc.warnings.is_empty() {
        let _ = writeln!(o, "\n### {}\n", &t.section_warnings);
        for w in &doc.warnings {
            let _ = writeln!(o, "- {}", cell(&i18n::warning(lang, w)));
        }
    }

    let desc = &rma.description;
    let _ = writeln!(o, "\n## {}\n\n| | |\n|---|---|", &t.section_description);
    row(&mut o, &t.before, &or_none(t, desc.before.as_deref()));
    row(&mut o, &t.problem, &cell(&desc.problem));
    row(&mut o, &t.steps_taken, &or_none(t, desc.steps_taken.as_deref()));

    let _ = writeln!(o, "\n## {}\n", &t.section_photos);
    if rma.photo.is_empty() {
        let _ = writeln!(o, "{}", &t.no_photos);
    } else {
        let _ = writeln!(o, "| {} | {} | SHA-256 |\n|---|---|---|", &t.view, &t.file);
        for p in &rma.photo {
            let _ = writeln!(
                o,
                "| {} | `{}` ({}) | `{}` |",
                cell(&i18n::view(lang, p.view)),
                p.file,
                cell(&p.original_name),
                p.sha256
            );
        }
    }

    let _ = writeln!(o, "\n## {}\n", &t.section_attachments);
    if rma.attachment.is_empty() {
        let _ = writeln!(o, "{}", &t.no_attachments);
    } else {
        let _ = writeln!(o, "| {} | {} | SHA-256 |\n|---|---|---|", &t.kind, &t.file);
        for a in &rma.attachment {
            let _ = writeln!(
                o,
                "| {} | `{}` ({}) | `{}` |",
                cell(&i18n::attachment_kind(lang, a.kind)),
                a.file.replace('`', "'"),
                cell(&a.original_name),
                a.sha256
            );
        }
    }

    render_details(&mut o, doc, t);
    o
}

fn render_details(o: &mut String, doc: &ReportDoc, t: &Texts) {
    let lang = doc.lang;
    let d = &doc.diagnosis;
    let _ = writeln!(o, "\n## {}\n", &t.section_findings);
    if d.findings.is_empty() {
        let _ = writeln!(o, "{}", &t.no_findings);
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            &t.severity, &t.code, &t.observed, &t.evidence_refs
        );
        for f in &d.findings {
            let refs: Vec<String> = f.evidence.iter().take(20).map(u64::to_string).collect();
            let more = if f.evidence.len() > 20 {
                format!(" … (+{})", f.evidence.len() - 20)
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "| {} | `{}` | {} | {}{more} |",
                i18n::severity(lang, f.severity),
                f.code.replace('`', "'"),
                cell(&f.summary_in(lang)),
                refs.join(", ")
            );
        }
    }
    let _ = writeln!(o, "\n{}", &t.index_note);

    let _ = writeln!(o, "\n## {}\n\n| | |\n|---|---|", &t.section_stats);
    for (label, value) in view::stats_rows(lang, &d.stats) {
        row(o, &label, &cell(&value));
    }

    let _ = writeln!(o, "\n## {}\n", &t.section_timeline);
    if d.timeline.is_empty() {
        let _ = writeln!(o, "{}", &t.no_events);
    } else {
        let _ = writeln!(
            o,
            "| # | {} | {} | {} | RSSI | SNR | {} |\n|---:|---|---|---|---:|---:|---|",
            &t.time_utc, &t.event, &t.gateway, &t.details
        );
        let (head, tail, omitted) = view::timeline_slices(d.timeline.len());
        let line = |o: &mut String, e: &crate::tracker::TimelineEntry| {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                e.index,
                e.at.map(view::fmt_time).unwrap_or_default(),
                cell(&i18n::event_kind(lang, &e.kind)),
                e.gateway.as_ref().map(|g| cell(g.as_str())).unwrap_or_default(),
                view::fmt_opt(e.rssi_dbm),
                view::fmt_opt(e.snr_db),
                cell(&view::timeline_details(lang, e))
            );
        };
        for e in &d.timeline[head] {
            line(o, e);
        }
        if omitted > 0 {
            let _ = writeln!(
                o,
                "| | | {} | | | | |",
                cell(&catalog::text(lang, "label-rows-omitted", &args! { "n" => omitted }))
            );
        }
        for e in &d.timeline[tail] {
            line(o, e);
        }
    }

    let _ = writeln!(o, "\n## {}\n\n| | |\n|---|---|", &t.section_evidence);
    row(
        o,
        &t.window,
        &format!("{} — {}", view::fmt_time(doc.window.from), view::fmt_time(doc.window.to)),
    );
    row(o, &t.capture_messages, &doc.capture.messages.to_string());
    row(o, &t.evidence_messages, &doc.evidence.messages.to_string());
    let profile = doc
        .profile
        .as_ref()
        .map_or_else(|| t.profile_generic.clone(), |p| format!("{} — {}", p.id, p.title));
    row(o, &t.profile, &cell(&profile));
    if let Some(r) = &doc.reference {
        let _ = writeln!(
            o,
            "\n{}",
            cell(&catalog::text(
                lang,
                "label-reference-note",
                &args! { "eui" => r.dev_eui.to_string(), "n" => r.messages }
            ))
        );
    }
    let keys = if doc.keys_supplied { &t.keys_supplied } else { &t.keys_not_supplied };
    let _ = writeln!(o, "\n{keys}\n\n{}", &t.redactions);

    let principal = doc.signer.principal.as_deref();
    let _ = writeln!(o, "\n## {}\n\n| | |\n|---|---|", &t.section_verification);
    let evidence_hash = doc.files.get(names::EVIDENCE).map(String::as_str).unwrap_or_default();
    row(o, &t.evidence_sha256, &format!("`{evidence_hash}`"));
    row(o, &t.diagnosis_sha256, &format!("`{}`", doc.diagnosis_sha256));
    row(o, &t.signed_by, &or_none(t, principal));
    row(o, &t.fingerprint, &format!("`{}`", doc.signer.fingerprint));
    row(o, &t.namespace, &format!("`{NAMESPACE}`"));
    let _ = writeln!(
        o,
        "\n{}\n\n```\n{}\n```\n\n{}\n\n```\n{}\n```\n\n{}",
        &t.verify_intro,
        view::ssh_keygen_command(principal),
        &t.verify_windows,
        view::ssh_keygen_command_windows(principal),
        &t.verify_binding
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_a_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(cell("<script>"), "&lt;script&gt;");
        assert_eq!(cell("*x* `y`"), "\\*x\\* \\`y\\`");
    }
}
