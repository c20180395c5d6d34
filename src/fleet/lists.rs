//! The device lists of fleet mode, parsed from text: `--dev-eui-file` (one EUI per line) and
//! `--profile-map` (one `EUI PROFILE-ID` pair per line). Blank lines and `#` comments (whole
//! lines or the rest of a line) are ignored; EUIs in any case, with or without separators.

use std::collections::BTreeSet;

use crate::model::DevEui;

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ListError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and what to write instead.
    pub message: String,
}

fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.split('#').next().unwrap_or_default().trim();
        (!l.is_empty()).then_some((i + 1, l))
    })
}

fn eui(line: usize, s: &str) -> Result<DevEui, ListError> {
    s.parse().map_err(|e| ListError {
        line,
        message: format!("{e} (write one DevEUI such as 70b3d57ed0000001)"),
    })
}

/// The DevEUIs of a `--dev-eui-file`, de-duplicated, in file order.
///
/// # Errors
/// The first line that is not an EUI.
pub fn dev_euis(text: &str) -> Result<Vec<DevEui>, ListError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (line, l) in content_lines(text) {
        let d = eui(line, l)?;
        if seen.insert(d) {
            out.push(d);
        }
    }
    Ok(out)
}

/// The `(DevEUI, profile ID)` pairs of a `--profile-map`; the EUI and the ID are separated by
/// spaces, a tab, a comma or `=`.
///
/// # Errors
/// The first line without two fields or with a bad EUI, or a device listed twice.
pub fn profile_map(text: &str) -> Result<Vec<(DevEui, String)>, ListError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (line, l) in content_lines(text) {
        let mut parts =
            l.splitn(2, |c: char| c.is_whitespace() || c == ',' || c == '=').map(str::trim);
        let (Some(dev), Some(id)) = (parts.next(), parts.next().filter(|p| !p.is_empty())) else {
            return Err(ListError {
                line,
                message: format!(
                    "'{l}' needs a DevEUI and a profile ID, e.g. \
                     70b3d57ed0000001 dragino-lht65n-eu868"
                ),
            });
        };
        let dev = eui(line, dev)?;
        if !seen.insert(dev) {
            return Err(ListError { line, message: format!("{dev} is listed twice") });
        }
        out.push((dev, id.trim_start_matches(['=', ',']).trim().to_string()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eui_lists_skip_comments_and_blank_lines_and_drop_repeats() {
        let text =
            "# site A\n70B3-D57E-D000-0001\n\n70b3d57ed0000002  # cellar\n70b3d57ed0000001\n";
        let got: Vec<String> = dev_euis(text).unwrap().iter().map(ToString::to_string).collect();
        assert_eq!(got, ["70b3d57ed0000001", "70b3d57ed0000002"]);
    }

    #[test]
    fn a_bad_eui_names_its_line() {
        let err = dev_euis("70b3d57ed0000001\nnot-an-eui\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("line 2: "), "{err}");
    }

    #[test]
    fn profile_maps_accept_space_comma_and_equals_separators() {
        let text = "70b3d57ed0000001 a\n70b3d57ed0000002,b\n70b3d57ed0000003 = c\n";
        let got: Vec<String> =
            profile_map(text).unwrap().into_iter().map(|(d, id)| format!("{d}:{id}")).collect();
        assert_eq!(got, ["70b3d57ed0000001:a", "70b3d57ed0000002:b", "70b3d57ed0000003:c"]);
    }

    #[test]
    fn profile_map_lines_without_an_id_or_listed_twice_are_errors() {
        assert_eq!(profile_map("70b3d57ed0000001\n").unwrap_err().line, 1);
        let twice = profile_map("70b3d57ed0000001 a\n70b3d57ed0000001 b\n").unwrap_err();
        assert_eq!(twice.line, 2);
        assert!(twice.message.contains("twice"));
    }
}
