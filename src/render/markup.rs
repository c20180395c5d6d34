//! Escaping shared by the Markdown and HTML writers.
//!
//! Text from input (RMA fields, network-server codes and descriptions, gateway IDs) may hold
//! markup or control characters. Both writers pass every such text through here:
//!
//! - control characters (C0 except tab and line breaks, DEL, C1 — so NUL and ESC, the start of
//!   every terminal escape sequence) never reach a report file: each becomes a visible `U+001B`;
//! - [`html`] escapes `& < > " '`;
//! - [`markdown`] escapes what Markdown would interpret (`\ ` * _ [ ] | ~`) and, because
//!   Markdown viewers render inline HTML, `& < >` too; a line break becomes `<br>` so a value
//!   cannot end a table row or start a heading.

/// Whether `c` must not appear in a report file.
fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{2028}' || c == '\u{2029}'
}

fn push_visible(out: &mut String, c: char) {
    out.push_str(&format!("U+{:04X}", u32::from(c)));
}

/// Text with every control character made visible (`U+001B`), tabs and line breaks kept.
#[must_use]
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_control(c) { push_visible(&mut out, c) } else { out.push(c) }
    }
    out
}

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_control(c) => push_visible(&mut out, c),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown (paragraphs and table cells) that may be shown as HTML.
#[must_use]
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' | '*' | '_' | '[' | ']' | '\\' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if is_control(c) => push_visible(&mut out, c),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_inject_markup_or_terminal_sequences() {
        let cases = [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("a|b\nc", "a\\|b<br>c"),
            ("\u{1b}]0;title\u{7}", "U+001B\\]0;titleU+0007"),
            ("nul\0", "nulU+0000"),
            ("**bold** [link](x)", "\\*\\*bold\\*\\* \\[link\\](x)"),
            ("Tom & Jerry", "Tom &amp; Jerry"),
            ("\u{9b}31m", "U+009B31m"),
        ];
        for (input, want) in cases {
            assert_eq!(markdown(input), want, "{input:?}");
        }
        assert_eq!(
            html("<a href='x'>\u{1b}[2J</a>"),
            "&lt;a href=&#39;x&#39;&gt;U+001B[2J&lt;/a&gt;"
        );
        assert_eq!(visible("ok\tline\n\u{1b}"), "ok\tline\nU+001B");
    }
}
