//! Renderers: terminal tables, JSON and Markdown of diagnoses and inspections, and the
//! escaping shared with the report writers (`report::export`).

pub mod diagnosis;
pub mod inspect;
pub mod markup;
pub mod terminal;
pub mod width;
