//! `--duration` values and the durations the watch prints: the crate's one reader and writer
//! of durations, [`crate::time`].

pub use crate::time::{DurationError, format_duration, parse_duration};
