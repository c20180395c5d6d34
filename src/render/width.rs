//! Tables that fit the terminal: the width comes from `COLUMNS`, else the size of the terminal
//! on stdout, else [`DEFAULT_WIDTH`] (pipes and files). Renderers take the width as an argument
//! (pure and testable); only the commands ask [`terminal_width`].

use tabled::Table;
use tabled::settings::Width;
use tabled::settings::peaker::PriorityMax;

/// The width when neither `COLUMNS` nor a terminal says otherwise.
pub const DEFAULT_WIDTH: usize = 100;

/// Narrower than this, tables are not squeezed further (they wrap in the terminal instead).
pub const MIN_WIDTH: usize = 40;

/// `COLUMNS` when it is a positive number, else the terminal's width, else [`DEFAULT_WIDTH`].
#[must_use]
pub fn terminal_width() -> usize {
    width_from(
        std::env::var("COLUMNS").ok().as_deref(),
        terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)),
    )
}

/// [`terminal_width`] from its inputs.
#[must_use]
pub fn width_from(columns: Option<&str>, terminal: Option<usize>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or(terminal.filter(|&t| t > 0))
        .unwrap_or(DEFAULT_WIDTH)
}

/// Columns `s` takes on a terminal (East Asian wide characters count two, combining marks
/// none).
#[must_use]
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The display width of the widest line of `text` (trailing blanks aside).
#[must_use]
pub fn widest_line(text: &str) -> usize {
    text.lines().map(|l| display_width(l.trim_end())).max().unwrap_or(0)
}

/// `text` wrapped at word boundaries to lines of at most `width` columns (at least
/// [`MIN_WIDTH`]), breaking at spaces only and filling each line before the next; the first
/// line begins with `first`, the others with `rest`. Words longer than a line are broken. Ends with a line feed.
#[must_use]
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    if text.trim().is_empty() {
        return format!("{}\n", first.trim_end());
    }
    let options = textwrap::Options::new(width.max(MIN_WIDTH))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut out = textwrap::fill(text, options);
    out.push('\n');
    out
}

/// Makes `table` at most `width` columns wide (at least [`MIN_WIDTH`]): the widest columns give
/// way first and their cells wrap. A safety net for tables built by [`fitted`], and the way
/// to fit tables whose cells are not at hand.
pub fn fit(table: &mut Table, width: usize) {
    table.with(Width::wrap(width.max(MIN_WIDTH)).keep_words(true).priority(PriorityMax::right()));
}

/// A table of `rows` (the first is the header, if any) styled by `style` and at most `width`
/// columns wide (at least [`MIN_WIDTH`]). Too wide, the widest columns give way first, never
/// narrower than their longest word while another column can still give way, and each cell is
/// wrapped at spaces to its column.
pub fn fitted(rows: Vec<Vec<String>>, width: usize, style: impl Fn(&mut Table)) -> Table {
    let width = width.max(MIN_WIDTH);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut natural = vec![0; columns];
    let mut longest_word = vec![0; columns];
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            natural[i] = natural[i].max(widest_line(cell));
            let word = cell.split_whitespace().map(display_width).max().unwrap_or(0);
            longest_word[i] = longest_word[i].max(word);
        }
    }
    let build = |rows: &[Vec<String>]| {
        let mut b = tabled::builder::Builder::default();
        for row in rows {
            b.push_record(row.clone());
        }
        let mut t = b.build();
        style(&mut t);
        t
    };
    let mut table = build(&rows);
    let overhead = table.total_width().saturating_sub(natural.iter().sum());
    let room = width.saturating_sub(overhead).max(columns);
    if natural.iter().sum::<usize>() <= room {
        return table;
    }
    let targets = shrink(&natural, &longest_word, room);
    let wrapped: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().enumerate().map(|(i, cell)| wrap_cell(cell, targets[i])).collect())
        .collect();
    table = build(&wrapped);
    fit(&mut table, width);
    table
}

/// Column widths summing to at most `room`: the widest column above its longest word gives
/// way one column at a time; when all are down to their longest words, the widest gives way.
fn shrink(natural: &[usize], longest_word: &[usize], room: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    while widths.iter().sum::<usize>() > room {
        let above_word = (0..widths.len())
            .filter(|&i| widths[i] > longest_word[i].min(natural[i]))
            .max_by_key(|&i| (widths[i], i));
        let widest = (0..widths.len()).filter(|&i| widths[i] > 1).max_by_key(|&i| (widths[i], i));
        match above_word.or(widest) {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    widths
}

/// Each line of `cell` wrapped at spaces to `width` columns (long words broken).
fn wrap_cell(cell: &str, width: usize) -> String {
    if widest_line(cell) <= width {
        return cell.to_string();
    }
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    cell.lines().map(|l| textwrap::fill(l, &options)).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tabled::builder::Builder;

    #[test]
    fn columns_wins_then_the_terminal_then_the_default() {
        let cases = [
            (Some("72"), Some(200), 72),
            (Some(" 60 "), None, 60),
            (Some("0"), Some(120), 120),
            (Some("wide"), Some(120), 120),
            (None, Some(132), 132),
            (None, None, DEFAULT_WIDTH),
        ];
        for (columns, terminal, want) in cases {
            assert_eq!(width_from(columns, terminal), want, "{columns:?} {terminal:?}");
        }
    }

    #[test]
    fn a_fitted_table_is_no_wider_than_asked_and_keeps_every_word() {
        let mut b = Builder::default();
        b.push_record(["code", "summary"]);
        b.push_record([
            "JOIN_KEY_MISMATCH",
            "18 join-requests fail the MIC check with the AppKey registered for this device",
        ]);
        let mut t = b.build();
        fit(&mut t, 60);
        let text = t.to_string();
        assert!(widest_line(&text) <= 60, "{text}");
        for word in ["JOIN_KEY_MISMATCH", "registered", "device"] {
            assert!(text.contains(word), "{word} lost:\n{text}");
        }
    }

    #[test]
    fn a_table_too_wide_gives_way_at_its_widest_column_and_keeps_codes_whole() {
        let rows = vec![
            vec!["severity".to_string(), "code".into(), "summary".into(), "evidence".into()],
            vec![
                "error".to_string(),
                "JOIN_KEY_MISMATCH".into(),
                "3 join-requests fail the MIC check with the AppKey registered for this device"
                    .into(),
                "#10, #20, #30, #40, #50, #60".into(),
            ],
        ];
        for width in [60, 80, 100] {
            let text = fitted(rows.clone(), width, |t| {
                t.with(tabled::settings::Style::sharp());
            })
            .to_string();
            assert!(widest_line(&text) <= width, "{width}:\n{text}");
            assert!(text.contains("JOIN_KEY_MISMATCH"), "{width}:\n{text}");
            let blank_start = text
                .lines()
                .flat_map(|l| l.split('│'))
                .any(|c| c.starts_with("  ") && !c.trim().is_empty());
            assert!(!blank_start, "a cell starts with a blank:\n{text}");
        }
        assert_eq!(shrink(&[5, 17, 70, 28], &[5, 17, 13, 4], 50), vec![5, 17, 14, 14]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(display_width("Keller Süd"), 10);
        assert_eq!(display_width("東京"), 4);
        assert_eq!(widest_line("ab\n東京東\n"), 6);
    }

    #[test]
    fn wrapped_text_keeps_its_indents_and_its_width() {
        let text = "the gateway acknowledged 18 join-accepts with TOO_LATE: the network server \
                    answers after the receive window";
        let out = wrap(text, 44, " 1. ", "    ");
        assert_eq!(
            out,
            " 1. the gateway acknowledged 18 join-accepts\n    with TOO_LATE: the network server\n    \
             answers after the receive window\n"
        );
        assert!(widest_line(&out) <= 44);
    }
}
