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
///
/// An event file's reader gives its unreadable events first, then its messages in time order
/// (see [`crate::capture::tts_events::Events`]): those are merged as they come, so no event
/// file is held in memory. A capture file among event files is held in memory and sorted.
pub fn each_item_of(
    inputs: Vec<Input<'_>>,
    warnings: Warnings<'_>,
    mut each: impl FnMut(Item<'_>) -> ControlFlow<()>,
) -> u64 {
    let time_ordered = inputs.iter().any(|i| i.event_file);
    let mut bad = Unreadable { count: 0, warnings };
    let mut streams: Vec<Stream<'_>> = Vec::new();
    'inputs: for (file, input) in inputs.into_iter().enumerate() {
        let mut items = input.items;
        if !time_ordered {
            for item in items {
                let flow = match item {
                    Ok(msg) => each(Item::Message(file, msg)),
                    Err(line) => bad.report(file, &line, &mut each),
                };
                if flow.is_break() {
                    break 'inputs;
                }
            }
        } else if input.event_file {
            // Its unreadable events, up to its first message (the earliest).
            while let Some(item) = items.next() {
                match item {
                    Ok(msg) => {
                        streams.push(Stream { file, next: msg, rest: items });
                        break;
                    }
                    Err(line) => {
                        if bad.report(file, &line, &mut each).is_break() {
                            break 'inputs;
                        }
                    }
                }
            }
        } else {
            let mut messages = Vec::new();
            let mut stop = false;
            for item in items {
                match item {
                    Ok(msg) => messages.push(msg),
                    Err(line) => stop = bad.report(file, &line, &mut each).is_break(),
                }
                if stop {
                    break;
                }
            }
            messages.sort_by_key(|m| m.received_at);
            let mut rest: Box<dyn Iterator<Item = Result<RawMessage, BadLine>>> =
                Box::new(messages.into_iter().map(Ok));
            if let Some(Ok(next)) = rest.next() {
                streams.push(Stream { file, next, rest });
            }
            if stop {
                break 'inputs;
            }
        }
    }
    // The earliest message of all, the first input's on equal times.
    while let Some(i) = (0..streams.len()).min_by_key(|&i| (streams[i].next.received_at, i)) {
        let stream = &mut streams[i];
        let file = stream.file;
        let following = loop {
            match stream.rest.next() {
                None => break None,
                Some(Ok(msg)) => break Some(msg),
                Some(Err(line)) => {
                    if bad.report(file, &line, &mut each).is_break() {
                        bad.summary();
                        return bad.count;
                    }
                }
            }
        };
        let msg = match following {
            Some(after) => std::mem::replace(&mut stream.next, after),
            None => streams.remove(i).next,
        };
        if each(Item::Message(file, msg)).is_break() {
            break;
        }
    }
    // After the merge too: event files report some unreadable events only as they are read.
    bad.summary();
    bad.count
}

/// Counts the unreadable lines and reports the first ones.
struct Unreadable<'w> {
    count: u64,
    warnings: Warnings<'w>,
}

impl Unreadable<'_> {
    fn report(
        &mut self,
        file: usize,
        line: &BadLine,
        each: &mut impl FnMut(Item<'_>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.count += 1;
        if self.count <= MAX_WARNINGS {
            warn(self.warnings, &format!("{line} (line skipped)"));
        }
        each(Item::Unreadable(file, line))
    }

    fn summary(&self) {
        if self.count > MAX_WARNINGS {
            let more = self.count - MAX_WARNINGS;
            warn(self.warnings, &format!("{more} more unreadable lines were skipped"));
        }
    }
}

/// An input being merged: its next message and the rest.
struct Stream<'a> {
    file: usize,
    next: RawMessage,
    rest: Box<dyn Iterator<Item = Result<RawMessage, BadLine>> + 'a>,
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
