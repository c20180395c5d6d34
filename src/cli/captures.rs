//! The one capture-reading loop of the commands: every file is opened first (a missing one
//! fails before anything is read), `-` is standard input, unreadable lines are reported on
//! stderr with file and line number (the first [`MAX_WARNINGS`], then a count) and skipped.

use std::ops::ControlFlow;
use std::path::PathBuf;

use indicatif::ProgressBar;

use crate::capture::{BadLine, CaptureError};
use crate::model::RawMessage;

/// Unreadable lines reported one by one before the rest are only counted.
pub const MAX_WARNINGS: u64 = 100;

/// One item of a capture: a message, or a line that could not be read (already reported).
#[derive(Debug)]
pub enum Item<'a> {
    /// The next message, with the index of the capture file it came from.
    Message(usize, RawMessage),
    /// A line that could not be read.
    Unreadable(&'a BadLine),
}

/// Reads the captures in order and hands every item to `each`, which may stop the reading
/// early with [`ControlFlow::Break`]. Warnings are printed through `progress` (so that a
/// progress bar is not torn). Returns the number of unreadable lines.
///
/// # Errors
/// A capture file that cannot be opened.
pub fn each_item(
    paths: &[PathBuf],
    progress: &ProgressBar,
    mut each: impl FnMut(Item<'_>) -> ControlFlow<()>,
) -> Result<u64, CaptureError> {
    let readers = paths.iter().map(|p| crate::capture::open(p)).collect::<Result<Vec<_>, _>>()?;
    let mut unreadable = 0u64;
    'files: for (file, reader) in readers.into_iter().enumerate() {
        for item in reader {
            let flow = match item {
                Ok(msg) => each(Item::Message(file, msg)),
                Err(bad) => {
                    unreadable += 1;
                    if unreadable <= MAX_WARNINGS {
                        progress.suspend(|| eprintln!("warning: {bad} (line skipped)"));
                    }
                    each(Item::Unreadable(&bad))
                }
            };
            if flow.is_break() {
                break 'files;
            }
        }
    }
    if unreadable > MAX_WARNINGS {
        progress.suspend(|| {
            eprintln!("warning: {} more unreadable lines were skipped", unreadable - MAX_WARNINGS);
        });
    }
    Ok(unreadable)
}
