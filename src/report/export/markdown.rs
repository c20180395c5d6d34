//! report.md: the report as Markdown for pasting into ticket systems.
//!
//! A thin writer over the view model ([`crate::report::page`]): same content order as
//! report.html (return form, parcel label, warranty, verdict, notes, description, photos,
//! attachments, findings, counters, bounded timeline, evidence, verification), without what
//! only a page can show (charts, pictures, page notes). `diagnose --format markdown` writes
//! its page ([`crate::report::page::diagnose`]) with it too.
//! Table cells are escaped (`|`, line breaks) so input text cannot break the tables.

use std::fmt::Write;

use crate::report::model::ReportDoc;
use crate::report::page::{self, Block, Cell, Page, VerdictBox};

/// Escapes text for a Markdown table cell.
#[must_use]
pub fn cell(s: &str) -> String {
    crate::render::markup::markdown(s)
}

fn value(c: &Cell) -> String {
    match c {
        Cell::Text(t) | Cell::Status { text: t, .. } => cell(t),
        Cell::Code(t) => code(t),
        Cell::File { path, name } => format!("{} ({})", code(path), cell(name)),
    }
}

fn code(t: &str) -> String {
    format!("`{}`", crate::render::markup::visible(&t.replace('`', "'")))
}

/// Renders report.md from the signed document.
#[must_use]
pub fn render(doc: &ReportDoc) -> String {
    write_page(&page::build(doc))
}

/// Formats a report page as Markdown.
#[must_use]
pub fn write_page(p: &Page) -> String {
    let mut o = String::with_capacity(16 * 1024);
    let _ = write!(o, "# {}", cell(&p.title));
    if let Some(name) = &p.device_name {
        let _ = write!(o, " — {}", cell(name));
    }
    if let Some(eui) = &p.dev_eui {
        let _ = write!(o, " ({})", code(eui));
    }
    o.push('\n');
    if let Some(meta) = &p.meta {
        let _ = writeln!(o, "\n{}", cell(meta));
    }
    for s in p.sections.iter().filter(|s| !s.is_visual()) {
        let _ = writeln!(o, "\n{} {}\n", "#".repeat(usize::from(s.level)), cell(&s.heading));
        for (i, b) in s.blocks.iter().filter(|b| !b.is_visual()).enumerate() {
            if i > 0 {
                o.push('\n');
            }
            block(&mut o, b);
        }
    }
    o
}

fn block(o: &mut String, b: &Block) {
    match b {
        Block::Pairs { rows } => {
            o.push_str("| | |\n|---|---|\n");
            for (label, v) in rows {
                let _ = writeln!(o, "| {} | {} |", cell(label), value(v));
            }
        }
        Block::Table { columns, rows, omitted } => {
            let heads: Vec<String> = columns.iter().map(|c| cell(&c.label)).collect();
            let rules: Vec<&str> =
                columns.iter().map(|c| if c.numeric { "---:" } else { "---" }).collect();
            let _ = writeln!(o, "| {} |\n|{}|", heads.join(" | "), rules.join("|"));
            for (i, r) in rows.iter().enumerate() {
                if let Some((_, note)) = omitted.as_ref().filter(|(after, _)| *after == i) {
                    // The note in the third column (the event's), the others empty.
                    let mut cells = vec![String::new(); columns.len()];
                    if let Some(c) = cells.get_mut(2.min(columns.len().saturating_sub(1))) {
                        *c = cell(note);
                    }
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
                let cells: Vec<String> = r.iter().map(value).collect();
                let _ = writeln!(o, "| {} |", cells.join(" | "));
            }
        }
        Block::Text { text } => {
            let _ = writeln!(o, "{}", cell(text));
        }
        Block::Note { text } => {
            let _ = writeln!(o, "{}", crate::render::markup::visible(text));
        }
        Block::Statement { text, code } => {
            let _ = writeln!(o, "**{}** `{code}`", cell(text));
        }
        Block::List { items, numbered } => {
            for (n, i) in items.iter().enumerate() {
                if *numbered {
                    let _ = writeln!(o, "{}. {}", n + 1, cell(i));
                } else {
                    let _ = writeln!(o, "- {}", cell(i));
                }
            }
        }
        Block::Command { text } => {
            let _ = writeln!(o, "```\n{}\n```", crate::render::markup::visible(text));
        }
        Block::Verdict(v) => verdict(o, v),
        Block::Chart(_) | Block::Photos { .. } | Block::PageNote { .. } => {}
    }
}

fn verdict(o: &mut String, v: &VerdictBox) {
    let _ = writeln!(o, "**`{}` — {}**\n", v.code, cell(&v.title));
    for (label, text) in &v.lines {
        let _ = writeln!(o, "- **{}:** {}", cell(label), cell(text));
    }
    let _ = writeln!(o, "- **{}:**", cell(&v.steps_label));
    for (i, step) in v.steps.iter().enumerate() {
        let _ = writeln!(o, "  {}. {}", i + 1, cell(step));
    }
    if !v.technician.is_empty() {
        let commands = crate::render::markup::visible(&v.technician.join("\n"));
        let _ = writeln!(
            o,
            "\n**{}**\n\n```\n{}\n```",
            cell(&v.technician_label),
            commands.replace('`', "'")
        );
    }
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
