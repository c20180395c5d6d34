//! Renderers: terminal tables, JSON, Markdown and HTML.

pub mod diagnosis;
pub mod inspect;
pub mod markup;
pub mod report_html;
pub mod report_markdown;
pub mod width;
