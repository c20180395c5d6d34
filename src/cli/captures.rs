//! The one capture-reading loop of the commands (`inspect`, `diagnose`, `fleet`, `report`,
//! `replay`): every file is opened first (a missing one fails before anything is read), `-` is
//! standard input, unreadable lines are reported on stderr with file and line number (the first
//! [`MAX_WARNINGS`], then a count) and skipped. With a The Things Stack event file among the
//! inputs, the messages of all inputs are handed over in received-time order (ties keep input
//! order), so the events and MQTT captures of the same traffic combine; otherwise in file
//! order, then line order.

use std::ops::ControlFlow;
use std::path::PathBuf;

use indicatif::ProgressBar;

use crate::capture::{BadLine, CaptureError};
use crate::model::RawMessage;
use crate::render::terminal::escape_line;

/// Unreadable lines reported one by one before the rest are only counted.
pub const MAX_WARNINGS: u64 = 100;

/// One item of a capture: a message, or a line that could not be read (already reported).
#[derive(Debug)]
pub enum Item<'a> {
    /// The next message, with the index of the input it came from.
    Message(usize, RawMessage),
    /// A line that could not be read, with the index of the input it came from.
    Unreadable(usize, &'a BadLine),
}

/// One input: the items of a capture file (or of one already read), and whether it is a The
/// Things Stack event file.
pub struct Input<'a> {
    /// Its messages and unreadable lines, in file order.
    pub items: Box<dyn Iterator<Item = Result<RawMessage, BadLine>> + 'a>,
    /// A The Things Stack event file: every input is then read in time order.
    pub event_file: bool,
}

impl std::fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input").field("event_file", &self.event_file).finish_non_exhaustive()
    }
}

/// Where the warnings about unreadable lines go.
#[derive(Debug, Clone, Copy)]
pub enum Warnings<'a> {
    /// To stderr, through this progress bar (so that it is not torn).
    Print(&'a ProgressBar),
    /// Nowhere (a second pass over inputs already reported).
    Silent,
}

/// Opens every capture file.
///
/// # Errors
/// The first one that cannot be opened.
pub fn open(paths: &[PathBuf]) -> Result<Vec<Input<'static>>, CaptureError> {
    paths
        .iter()
        .map(|p| {
            let reader = crate::capture::open(p)?;
            Ok(Input { event_file: reader.is_event_file(), items: Box::new(reader) })
        })
        .collect()
}

/// Opens the captures and hands every item to `each` (see [`each_item_of`]).
///
/// # Errors
/// A capture file that cannot be opened.
pub fn each_item(
    paths: &[PathBuf],
    progress: &ProgressBar,
    each: impl FnMut(Item<'_>) -> ControlFlow<()>,
) -> Result<u64, CaptureError> {
    Ok(each_item_of(open(paths)?, Warnings::Print(progress), each))
}

/// Reads the inputs and hands every item to `each`, which may stop the reading early with
/// [`ControlFlow::Break`]: in order, or, with an event file among them, unreadable lines as
/// they come and then every message in received-time order. Returns the number of
/// unreadable lines.
pub fn each_item_of(
    inputs: Vec<Input<'_>>,
    warnings: Warnings<'_>,
    mut each: impl FnMut(Item<'_>) -> ControlFlow<()>,
) -> u64 {
    let time_ordered = inputs.iter().any(|i| i.event_file);
    let mut sorted: Vec<(usize, RawMessage)> = Vec::new();
    let mut unreadable = 0u64;
    'inputs: for (file, input) in inputs.into_iter().enumerate() {
        for item in input.items {
            let flow = match item {
                Ok(msg) if time_ordered => {
                    sorted.push((file, msg));
                    ControlFlow::Continue(())
                }
                Ok(msg) => each(Item::Message(file, msg)),
                Err(bad) => {
                    unreadable += 1;
                    if unreadable <= MAX_WARNINGS {
                        warn(warnings, &format!("{} (line skipped)", bad));
                    }
                    each(Item::Unreadable(file, &bad))
                }
            };
            if flow.is_break() {
                break 'inputs;
            }
        }
    }
    if unreadable > MAX_WARNINGS {
        let more = unreadable - MAX_WARNINGS;
        warn(warnings, &format!("{more} more unreadable lines were skipped"));
    }
    sorted.sort_by_key(|(_, m)| m.received_at);
    for (file, msg) in sorted {
        if each(Item::Message(file, msg)).is_break() {
            break;
        }
    }
    unreadable
}

fn warn(warnings: Warnings<'_>, text: &str) {
    if let Warnings::Print(progress) = warnings {
        progress.suspend(|| eprintln!("warning: {}", escape_line(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn msg(secs: i64, topic: &str) -> RawMessage {
        RawMessage {
            received_at: DateTime::<Utc>::from_timestamp(1_795_770_000 + secs, 0).unwrap(),
            topic: topic.to_string(),
            payload: Vec::new(),
        }
    }

    fn input(event_file: bool, items: Vec<Result<RawMessage, BadLine>>) -> Input<'static> {
        Input { items: Box::new(items.into_iter()), event_file }
    }

    fn bad(line: usize) -> BadLine {
        let message =
            crate::capture::parse_line("not JSON").err().unwrap_or_else(|| unreachable!());
        BadLine { file: "a.jsonl".into(), line, message }
    }

    /// The topics handed over, unreadable lines as `!LINE`.
    fn read(inputs: Vec<Input<'static>>, stop_after: usize) -> (Vec<String>, u64) {
        let mut seen = Vec::new();
        let n = each_item_of(inputs, Warnings::Silent, |item| {
            seen.push(match item {
                Item::Message(file, m) => format!("{file}:{}", m.topic),
                Item::Unreadable(file, b) => format!("{file}:!{}", b.line),
            });
            if seen.len() >= stop_after {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        (seen, n)
    }

    #[test]
    fn captures_are_read_in_file_order_then_line_order() {
        let a = input(false, vec![Ok(msg(5, "a1")), Err(bad(2)), Ok(msg(1, "a3"))]);
        let b = input(false, vec![Ok(msg(0, "b1"))]);
        let (seen, unreadable) = read(vec![a, b], usize::MAX);
        assert_eq!(seen, ["0:a1", "0:!2", "0:a3", "1:b1"]);
        assert_eq!(unreadable, 1);
    }

    #[test]
    fn with_an_event_file_every_message_comes_in_time_order_after_the_bad_lines() {
        let a = input(false, vec![Ok(msg(5, "a1")), Err(bad(2)), Ok(msg(1, "a3"))]);
        let b = input(true, vec![Ok(msg(0, "b1")), Ok(msg(5, "b2"))]);
        let (seen, _) = read(vec![a, b], usize::MAX);
        assert_eq!(seen, ["0:!2", "1:b1", "0:a3", "0:a1", "1:b2"]);
    }

    #[test]
    fn the_reader_stops_when_asked() {
        let a = input(false, vec![Ok(msg(0, "a1")), Ok(msg(1, "a2")), Ok(msg(2, "a3"))]);
        let (seen, _) = read(vec![a], 2);
        assert_eq!(seen, ["0:a1", "0:a2"]);
    }
}
