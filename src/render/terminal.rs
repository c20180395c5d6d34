//! Text for terminals: control characters from any input never reach them raw.
//!
//! Network-server strings (log codes and descriptions, device names), capture file contents
//! quoted in errors and broker messages can carry escape sequences (OSC 8 links, CSI cursor
//! moves, a title change), a bare CR that overwrites the line, or bidirectional-override
//! characters that reorder what is shown. [`escape`] writes each such character as `\u{..}`
//! (ESC becomes `\u{1b}`), keeping line feeds and tabs. Every writer of terminal text (tables,
//! plain watch lines, the live view's notices, warnings and errors) passes through it; rmacheck's
//! own colour codes are added afterwards, by the live view alone.
//!
//! JSON output needs no help (serde_json escapes every control character in strings).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as is.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` holds a character [`unsafe_char`] refuses, told from its UTF-8 bytes (a fleet
/// table quotes 100,000 summaries): C0 controls and DEL are single bytes, looked for in one
/// pass that does not stop early, so that it is vectorised; C1 controls start with `C2`, the
/// bidirectional controls with `E2 80` or `E2 81`, and those lead bytes are found with
/// `memchr`.
fn has_unsafe(s: &str) -> bool {
    let b = s.as_bytes();
    let single = b
        .iter()
        .fold(false, |seen, &x| seen | ((x < 0x20) & (x != b'\n') & (x != b'\t')) | (x == 0x7f));
    single
        || memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| {
            matches!(
                (b.get(i), b.get(i + 1), b.get(i + 2)),
                (Some(0xc2), Some(0x80..=0x9f), _)
                    | (Some(0xe2), Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae))
                    | (Some(0xe2), Some(0x81), Some(0xa6..=0xa9))
            )
        })
}

/// `s` with every control character except line feed and tab written as `\u{..}`.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// As [`escape`], on one line: line feeds and tabs are escaped too.
#[must_use]
pub fn escape_line(s: &str) -> Cow<'_, str> {
    match escape(s) {
        Cow::Borrowed(b) if !b.contains(['\n', '\t']) => Cow::Borrowed(b),
        other => Cow::Owned(other.replace('\n', "\\n").replace('\t', "\\t")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_told_from_their_bytes_as_from_the_characters() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let alone = c.to_string();
            let among = format!("a—{c}é");
            assert_eq!(has_unsafe(&alone), unsafe_char(c), "U+{:04X}", c as u32);
            assert_eq!(has_unsafe(&among), unsafe_char(c), "U+{:04X} among others", c as u32);
        }
    }

    #[test]
    fn each_kind_of_control_character_is_escaped_and_plain_text_kept() {
        let cases = [
            (
                "plain text",
                "UPLINK_MIC: MIC of join-request is invalid",
                "UPLINK_MIC: MIC of join-request is invalid",
            ),
            ("umlauts and symbols", "Keller Süd → 3 · ×2", "Keller Süd → 3 · ×2"),
            ("a CSI sequence", "\u{1b}[2J\u{1b}[Hgone", "\\u{1b}[2J\\u{1b}[Hgone"),
            (
                "an OSC 8 link",
                "\u{1b}]8;;http://x\u{7}click\u{1b}]8;;\u{7}",
                "\\u{1b}]8;;http://x\\u{7}click\\u{1b}]8;;\\u{7}",
            ),
            ("a bare CR", "ok\rFAILED", "ok\\u{d}FAILED"),
            ("NUL and DEL", "a\0b\u{7f}", "a\\u{0}b\\u{7f}"),
            ("a C1 CSI", "x\u{9b}31m", "x\\u{9b}31m"),
            ("a bidi override", "abc\u{202e}fed", "abc\\u{202e}fed"),
            ("lines and tabs stay", "a\tb\nc", "a\tb\nc"),
        ];
        for (name, input, want) in cases {
            assert_eq!(escape(input), want, "{name}");
        }
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_line("a\nb\t\u{1b}"), "a\\nb\\t\\u{1b}");
    }
}
