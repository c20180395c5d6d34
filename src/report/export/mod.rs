//! The report's writers, one file per format: [`html`] (report.html, printable and
//! self-contained; skeleton and style sheet in template files) and [`markdown`] (report.md,
//! for ticket systems). Both are thin writers over the view model ([`super::page`]), which
//! holds every text (from the catalog) and the charts' data; escaping is shared
//! ([`crate::render::markup`]).

use std::collections::BTreeMap;

use super::model::{ReportDoc, names};

pub mod html;
pub mod markdown;

/// A rendering of the report.
pub trait Export {
    /// The bundle file it writes.
    fn file_name(&self) -> &'static str;
    /// Renders the document; `files` holds the bundle's files (bundle path → bytes), for
    /// what is embedded (photos).
    fn render(&self, doc: &ReportDoc, files: &BTreeMap<String, Vec<u8>>) -> String;
}

/// report.html.
#[derive(Debug, Clone, Copy)]
pub struct Html;

/// report.md.
#[derive(Debug, Clone, Copy)]
pub struct Markdown;

impl Export for Html {
    fn file_name(&self) -> &'static str {
        names::REPORT_HTML
    }
    fn render(&self, doc: &ReportDoc, files: &BTreeMap<String, Vec<u8>>) -> String {
        html::render_with_files(doc, files)
    }
}

impl Export for Markdown {
    fn file_name(&self) -> &'static str {
        names::REPORT_MD
    }
    fn render(&self, doc: &ReportDoc, _files: &BTreeMap<String, Vec<u8>>) -> String {
        markdown::render(doc)
    }
}

/// Every rendering a bundle holds, in the order they are written.
#[must_use]
pub fn all() -> [&'static dyn Export; 2] {
    [&Html, &Markdown]
}
