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

/// Makes `table` at most `width` columns wide (at least [`MIN_WIDTH`]): the widest columns give
/// way first and their cells wrap at word boundaries.
pub fn fit(table: &mut Table, width: usize) {
    table.with(Width::wrap(width.max(MIN_WIDTH)).keep_words(true).priority(PriorityMax::right()));
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
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        for word in ["JOIN_KEY_MISMATCH", "registered", "device"] {
            assert!(text.contains(word), "{word} lost:\n{text}");
        }
    }
}
