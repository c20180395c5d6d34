//! The health table (terminal): a summary line with the counts per class and the message
//! rate, then one row per device, worst first, cut to fit the terminal.

use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::peaker::Priority;
use tabled::settings::{Modify, Style, Width};

use super::FleetView;

/// How much room the table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Columns; `None`: no limit (not a terminal).
    pub width: Option<usize>,
    /// Device rows; `None`: every device.
    pub rows: Option<usize>,
}

impl Fit {
    /// No limits.
    pub const NONE: Fit = Fit { width: None, rows: None };
}

/// The line above the table: devices, counts per class (non-zero ones), messages.
#[must_use]
pub fn summary_line(v: &FleetView) -> String {
    let mut parts =
        vec![format!("{} device{}", v.devices.len(), if v.devices.len() == 1 { "" } else { "s" })];
    parts.extend(v.classes.iter().filter(|(_, n)| *n > 0).map(|(c, n)| format!("{c} {n}")));
    let mut msgs = format!("{} messages", v.traffic.messages);
    if v.traffic.malformed > 0 {
        msgs.push_str(&format!(" ({} malformed)", v.traffic.malformed));
    }
    if let Some(r) = v.traffic.per_second {
        msgs.push_str(&format!(", {r:.1}/s"));
    }
    parts.push(msgs);
    parts.join(" · ")
}

fn pct(l: Option<f64>) -> String {
    l.map_or_else(|| "–".into(), |l| format!("{:.1} %", l * 100.0))
}

fn margin(m: Option<f64>) -> String {
    m.map_or_else(|| "–".into(), |m| format!("{m:+.1} dB"))
}

/// Device rows laid out together: the table is made a slice of rows at a time, each slice's
/// columns as wide as the whole table's, so that a fleet of any size is printed without
/// holding every row's text (the text is the same as one table of every row).
const ROWS_AT_ONCE: usize = 1024;

const HEADER: [&str; 8] =
    ["device", "verdict", "class", "uplinks", "loss", "margin", "last seen", "summary"];

/// Columns left out, in turn, when the terminal is too narrow for every one with a summary
/// of at least [`MIN_SUMMARY`] characters: last seen, margin, uplinks, class. The device,
/// its verdict, its loss and the summary stay.
const DROPPED_FIRST: [usize; 4] = [6, 5, 3, 2];
/// The summary column's narrowest useful width.
const MIN_SUMMARY: usize = 16;
/// The verdict's narrowest width, when it has to be cut.
const MIN_VERDICT: usize = 8;
/// The verdict column.
const VERDICT: usize = 1;
/// The summary column.
const SUMMARY: usize = 7;
/// What each column takes beside its text: one space either side and the blank rule between
/// it and the next (the last column has none: one character less in all).
const PADDING: usize = 3;

/// Each column's width (`None`: left out; cells wider are cut with "…") for columns whose
/// widest cells are `widths`, in `width` characters (`None`: no limit). Columns are left out
/// in the order of [`DROPPED_FIRST`] until the rest fit with a summary of [`MIN_SUMMARY`];
/// then the verdict is cut (to [`MIN_VERDICT`] at least) and the summary takes what is left.
/// `None` when even that does not fit: then every column is cut alike.
fn plan(widths: &[usize; 8], width: Option<usize>) -> Option<[Option<usize>; 8]> {
    let mut plan = widths.map(Some);
    // The last column has no rule after it.
    let Some(width) = width.map(|w| w + 1) else { return Some(plan) };
    let taken = |plan: &[Option<usize>; 8]| -> usize {
        (0..8).filter(|&k| k != SUMMARY).filter_map(|k| plan[k]).map(|w| w + PADDING).sum()
    };
    let summary = widths[SUMMARY].min(MIN_SUMMARY) + PADDING;
    for k in DROPPED_FIRST {
        if taken(&plan) + summary <= width {
            break;
        }
        plan[k] = None;
    }
    if taken(&plan) + summary > width {
        let over = taken(&plan) + summary - width;
        plan[VERDICT] = Some(widths[VERDICT].saturating_sub(over).max(MIN_VERDICT));
    }
    let room = width.checked_sub(taken(&plan) + PADDING)?;
    if room < widths[SUMMARY].min(MIN_SUMMARY) {
        return None;
    }
    plan[SUMMARY] = Some(room.min(widths[SUMMARY]));
    Some(plan)
}

/// A table of `records` (rows of every column) fitted to `width` by [`plan`]; lines may end in
/// white space (what is written trims it).
fn fitted(records: Vec<[String; 8]>, widths: &[usize; 8], width: Option<usize>) -> String {
    let plan = plan(widths, width);
    match plan {
        // The summary is the last column, and by far the widest: laid out by tabled it is
        // measured and padded in every row. Each row's summary is put after the other columns
        // instead, as tabled would have cut it, unless one spans lines or holds a tab.
        Some(plan) if records.iter().all(|r| !r[SUMMARY].contains(['\n', '\t'])) => {
            summary_after(records, widths, &plan)
        }
        _ => in_one_grid(records, widths, width, plan),
    }
}

/// Every column of `records` laid out by tabled, fitted by `plan` or, without one, every column
/// cut alike to `width`.
fn in_one_grid(
    records: Vec<[String; 8]>,
    widths: &[usize; 8],
    width: Option<usize>,
    plan: Option<[Option<usize>; 8]>,
) -> String {
    let mut b = Builder::default();
    for r in records {
        match plan {
            Some(plan) => b.push_record(r.into_iter().zip(plan).filter_map(|(c, w)| w.map(|_| c))),
            None => b.push_record(r),
        }
    }
    let mut t = b.build();
    t.with(Style::blank());
    match (plan, width) {
        (Some(plan), _) => cut_columns(&mut t, &plan, widths),
        (None, Some(w)) => {
            t.with(Width::truncate(w).priority(Priority::max(true)).suffix("…"));
        }
        (None, None) => {}
    }
    t.to_string()
}

/// Cuts each column shown by `plan` narrower than its widest cell (`widths`) to its width.
fn cut_columns(t: &mut tabled::Table, plan: &[Option<usize>; 8], widths: &[usize; 8]) {
    let shown = plan.iter().zip(widths).filter_map(|(cut, w)| cut.map(|c| (c, *w)));
    for (column, (cut, w)) in shown.enumerate() {
        if cut < w {
            t.with(Modify::new(Columns::one(column)).with(Width::truncate(cut).suffix("…")));
        }
    }
}

/// [`in_one_grid`]'s text for a `plan` that shows the summary, but for the white space that
/// ends its lines: the other columns laid out by [`in_one_grid`], each row's summary after
/// them (after the blank rule and the cell's left padding), cut to its width as tabled cuts it.
fn summary_after(
    mut records: Vec<[String; 8]>,
    widths: &[usize; 8],
    plan: &[Option<usize>; 8],
) -> String {
    let cut = plan[SUMMARY].unwrap_or(widths[SUMMARY]);
    let summaries: Vec<String> =
        records.iter_mut().map(|r| std::mem::take(&mut r[SUMMARY])).collect();
    let mut others = *plan;
    others[SUMMARY] = None;
    let grid = in_one_grid(records, widths, None, Some(others));
    let mut out =
        String::with_capacity(grid.len() + summaries.iter().map(|s| s.len() + 2).sum::<usize>());
    for (n, (line, summary)) in grid.split('\n').zip(&summaries).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(line);
        out.push_str("  ");
        out.push_str(&cut_cell(summary, cut, widths[SUMMARY]));
    }
    out
}

/// A cell of a column whose widest cell is `widest` wide, as `Width::truncate(cut).suffix("…")`
/// leaves it: as it is when the column or the cell is no wider than `cut`, else cut to one
/// column less and ended with "…" (a cut of 1 or 0 leaves "…" or nothing).
fn cut_cell(text: &str, cut: usize, widest: usize) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    use tabled::grid::util::string::get_text_width;
    use tabled::settings::width::Truncate;

    // A character is never wider than its UTF-8 bytes: short texts need no measuring.
    if cut >= widest || text.len() <= cut || get_text_width(text) <= cut {
        return Cow::Borrowed(text);
    }
    match cut {
        0 => Cow::Borrowed(""),
        1 => Cow::Borrowed("…"),
        _ => Cow::Owned(format!("{}…", Truncate::truncate(text, cut - 1))),
    }
}

fn row(d: &super::DeviceHealth) -> [String; 8] {
    [
        d.dev_eui.to_string(),
        d.verdict.code.to_string(),
        d.verdict.class.to_string(),
        d.stats.uplinks.to_string(),
        pct(d.loss),
        margin(d.link_margin_db),
        d.last_seen.map_or_else(|| "never".into(), crate::time::timestamp_spaced),
        // A summary may quote what messages carried (a gateway ID taken from a topic, a
        // network server's code): its control characters never reach the terminal.
        crate::render::terminal::escape(&d.summary()).into_owned(),
    ]
}

/// The summary line and the table, cut to `fit`.
#[must_use]
pub fn table(v: &FleetView, fit: Fit) -> String {
    let mut out = String::new();
    let _ = pieces(v, fit, 1, |piece| {
        out.push_str(piece);
        Ok(())
    });
    out
}

/// Writes [`table`]`(v, fit)` with its trailing white space trimmed and one line end, a slice
/// of rows at a time, the slices laid out on up to `threads` threads.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_table(
    v: &FleetView,
    fit: Fit,
    threads: usize,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut held = String::new();
    pieces(v, fit, threads, |piece| {
        out.write_all(held.as_bytes())?;
        held.clear();
        held.push_str(piece);
        Ok(())
    })?;
    writeln!(out, "{}", held.trim_end())
}

/// The text of [`table`], handed to `emit` in pieces; the rows' widths are measured and the
/// slices laid out on up to `threads` threads.
fn pieces(
    v: &FleetView,
    fit: Fit,
    threads: usize,
    mut emit: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let shown = &v.devices[..fit.rows.unwrap_or(usize::MAX).min(v.devices.len())];
    let widths = crate::parallel::map_parts(shown, threads, |_, part| widths_of(part))
        .into_iter()
        .fold(widths_of(&[]), |a, b| std::array::from_fn(|k| a[k].max(b[k])));
    // A row as wide as the whole table in every column, laid out with each slice and left
    // out of what is written: every slice's columns are then those of the whole table, and
    // so is what fitting them to the terminal makes of them.
    let widest = widths.map(|w| "x".repeat(w));
    emit(&(cut(&summary_line(v), fit.width) + "\n"))?;
    let slices: Vec<(usize, &[super::DeviceHealth])> = if shown.is_empty() {
        vec![(0, &[])]
    } else {
        shown.chunks(ROWS_AT_ONCE).enumerate().collect()
    };
    for group in slices.chunks(threads.max(1)) {
        let laid_out = crate::parallel::map(group, threads, |(i, slice)| {
            lay_out(*i, slice, (&widest, &widths), fit)
        });
        for piece in laid_out {
            emit(&piece)?;
        }
    }
    if shown.len() < v.devices.len() {
        emit(&format!("… and {} more (healthiest last)\n", v.devices.len() - shown.len()))?;
    }
    Ok(())
}

/// The widest cell of each column among the header and `devices`' rows.
fn widths_of(devices: &[super::DeviceHealth]) -> [usize; 8] {
    use tabled::grid::util::string::get_text_width;

    let mut widths = HEADER.map(get_text_width);
    for d in devices {
        for (w, cell) in widths.iter_mut().zip(row(d)) {
            *w = (*w).max(get_text_width(&cell));
        }
    }
    widths
}

/// Slice `i` of the table laid out (the header above the first), without the widest row
/// (`widest`: its cells, and their widths).
fn lay_out(
    i: usize,
    slice: &[super::DeviceHealth],
    (widest, widths): (&[String; 8], &[usize; 8]),
    fit: Fit,
) -> String {
    let mut records = Vec::with_capacity(slice.len() + 2);
    if i == 0 {
        records.push(HEADER.map(String::from));
    }
    records.push(widest.clone());
    records.extend(slice.iter().map(row));
    let text = fitted(records, widths, fit.width);
    let skip = usize::from(i == 0);
    let mut piece = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n != skip {
            piece.push_str(line.trim_end());
            piece.push('\n');
        }
    }
    piece
}

/// `s` cut to `width` characters, with "…" when cut.
#[must_use]
pub fn cut(s: &str, width: Option<usize>) -> String {
    match width {
        Some(w) if s.chars().count() > w => {
            let mut c: String = s.chars().take(w.saturating_sub(1)).collect();
            c.push('…');
            c
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta};

    use super::*;
    use crate::diagnosis::{Verdict, VerdictClass, VerdictCode};
    use crate::fleet::DeviceHealth;
    use crate::fleet::view::Traffic;

    /// The table as one tabled table of every row and column, each line's trailing white space
    /// trimmed (what the slices, with the summary put after the other columns, must add up to).
    fn one_table(v: &FleetView, fit: Fit) -> String {
        let shown = fit.rows.unwrap_or(usize::MAX).min(v.devices.len());
        let mut records = vec![HEADER.map(String::from)];
        records.extend(v.devices.iter().take(shown).map(row));
        let widths = widths_of(&v.devices[..shown]);
        let t = in_one_grid(records, &widths, fit.width, plan(&widths, fit.width));
        let t: Vec<&str> = t.split('\n').map(str::trim_end).collect();
        let mut out = cut(&summary_line(v), fit.width) + "\n" + &t.join("\n") + "\n";
        if shown < v.devices.len() {
            out.push_str(&format!("… and {} more (healthiest last)\n", v.devices.len() - shown));
        }
        out
    }

    fn fleet(n: u64) -> FleetView {
        let start = DateTime::from_timestamp(1_795_255_200, 0).unwrap_or_default();
        let classes = [VerdictClass::Healthy, VerdictClass::Coverage, VerdictClass::Inconclusive];
        let devices = (0..n)
            .map(|i| DeviceHealth {
                dev_eui: crate::model::Eui64::from_u64(0x70b3_d57e_d000_0000 + i),
                verdict: Verdict {
                    code: VerdictCode::Healthy,
                    class: classes[(i % 3) as usize],
                    // Lengths that peak in the last slice, and wide characters.
                    summary: format!(
                        "Gerät {i} – {}{}",
                        "ü…".repeat((i % 37 + i / 2400) as usize),
                        if i % 4 == 0 { "漢字" } else { "" }
                    ),
                    message: String::new(),
                    args: Default::default(),
                },
                stats: Box::default(),
                loss: (i % 5 != 0).then_some((i % 100) as f64 / 100.0),
                link_margin_db: (i % 7 != 0).then_some((i % 30) as f64 - 10.0),
                last_seen: (i % 11 != 0).then(|| start + TimeDelta::seconds(i as i64)),
                packed_args: None,
            })
            .collect();
        FleetView::new(None, Traffic { messages: 9 * n, malformed: 0, per_second: None }, devices)
    }

    #[test]
    fn a_narrow_terminal_leaves_out_last_seen_margin_uplinks_and_class_before_cutting_a_device() {
        use tabled::grid::util::string::get_text_width;
        let v = fleet(40);
        let eui = v.devices[0].dev_eui.to_string();
        // (width, header columns expected)
        let cases: [(usize, &[&str]); 6] = [
            (
                200,
                &[
                    "device", "verdict", "class", "uplinks", "loss", "margin", "last", "seen",
                    "summary",
                ],
            ),
            (110, &["device", "verdict", "class", "uplinks", "loss", "margin", "summary"]),
            (90, &["device", "verdict", "class", "uplinks", "loss", "summary"]),
            (80, &["device", "verdict", "class", "loss", "summary"]),
            (70, &["device", "verdict", "loss", "summary"]),
            (57, &["device", "verdict", "loss", "summary"]),
        ];
        for (width, columns) in cases {
            let text = table(&v, Fit { width: Some(width), rows: None });
            for line in text.lines() {
                assert!(get_text_width(line) <= width, "{width}: {line:?} is too wide");
            }
            let header: Vec<&str> = text.lines().nth(1).unwrap_or("").split_whitespace().collect();
            assert_eq!(header, columns, "{width} columns");
            assert!(text.contains(&eui), "{width} columns: the DevEUI {eui} is cut:\n{text}");
        }
        let wide = table(&v, Fit { width: Some(200), rows: None });
        assert!(
            wide.contains(" 2026-11-21 10:00:37Z "),
            "last seen as written everywhere:\n{wide}"
        );
        // Too narrow for a DevEUI, its verdict, its loss and a short summary: every column is
        // cut alike, and the table still fits.
        let text = table(&v, Fit { width: Some(40), rows: None });
        assert!(text.lines().all(|l| get_text_width(l) <= 40), "{text}");
    }

    #[test]
    fn control_characters_quoted_in_a_summary_are_escaped_in_every_table() {
        let mut v = fleet(3);
        v.devices[1].verdict.summary =
            "gateway \u{1b}]0;x\u{7}\u{1b}[2J went offline \u{9b}31m".into();
        for width in [None, Some(120), Some(40)] {
            let fit = Fit { width, rows: None };
            let mut written = Vec::new();
            write_table(&v, fit, 2, &mut written).unwrap();
            for text in [table(&v, fit), String::from_utf8(written).unwrap()] {
                assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{width:?}: {text:?}");
                if width.is_none() {
                    assert!(
                        text.contains(
                            "gateway \\u{1b}]0;x\\u{7}\\u{1b}[2J went offline \\u{9b}31m"
                        ),
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_table_made_a_slice_of_rows_at_a_time_is_the_one_table_of_every_row() {
        let widths = [None, Some(40), Some(52), Some(60), Some(80), Some(100), Some(250)];
        for n in [0, 1, 5, ROWS_AT_ONCE as u64, 2 * ROWS_AT_ONCE as u64 + 500] {
            let v = fleet(n);
            for width in widths {
                for rows in [None, Some(3), Some(ROWS_AT_ONCE + 1)] {
                    let fit = Fit { width, rows };
                    let want = one_table(&v, fit);
                    assert_eq!(table(&v, fit), want, "{n} devices, {fit:?}");
                    let want = format!("{}\n", want.trim_end());
                    for threads in [1, 2, 3] {
                        let mut written = Vec::new();
                        write_table(&v, fit, threads, &mut written).unwrap();
                        let written = String::from_utf8(written).unwrap();
                        assert_eq!(written, want, "{n} devices, {fit:?}, {threads} threads");
                    }
                }
            }
        }
    }
}
