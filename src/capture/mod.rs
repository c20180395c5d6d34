//! Capture files (`*.jsonl`): one MQTT message per line — the pipeline's input and `watch
//! --record`'s output.
//!
//! - Written by `watch --record` ([`CaptureWriter`]), read by every command that takes a
//!   capture ([`read_files`], [`CaptureReader`]).
//! - Readers also accept `mosquitto_sub -F %j` and `-F %J` lines (`tst`, `topic`, `payload`);
//!   see [`parse_line`] for what those formats can and cannot carry.
//! - A line that cannot be read is reported with its file, line number and reason, and skipped;
//!   it never aborts the run. Empty lines are skipped silently; CRLF line ends are accepted.
//! - A line longer than [`MAX_LINE_BYTES`] is reported and skipped; input without line ends
//!   is given up after [`MAX_SKIP_BYTES`] (`inspect /dev/zero` ends with an error, in bounded
//!   memory).
//! - Message order is file order, then line order: evidence indices are positions in the
//!   concatenation of the files as given.
//! - The Things Stack event files (console export, Events API stream, `ttn-lw-cli events`) are
//!   recognised by their first line and read by [`tts_events`]: one message per event, in time
//!   order, in bounded memory.

pub mod dedup;
mod line;
pub mod tts_events;

use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind, Read as _, Write};
use std::path::Path;

use chrono::SecondsFormat;
use serde::Serialize;

use crate::model::RawMessage;

pub use line::{LineError, parse_line, parse_line_general};

/// A capture line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct BadLine {
    /// File name as given.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: LineError,
}

impl BadLine {
    /// The reason as a catalog message: `file:line: what is wrong`, naming the file as `file`.
    #[must_use]
    pub fn reason(&self, file: &str) -> crate::catalog::Message {
        crate::catalog::Message::new(
            "malformed-line-at",
            crate::catalog::args! {
                "file" => file,
                "line" => self.line.to_string(),
                "error" => self.message.message().clone(),
            },
        )
    }
}

/// A capture file that could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("cannot read capture file {path}: {reason}; {hint}")]
pub struct CaptureError {
    /// The path as given.
    pub path: String,
    /// The operating system's reason.
    pub reason: String,
    /// What to do about it.
    pub hint: &'static str,
    /// The I/O error (not the error's `source`: `reason` already says it, and error chains
    /// would print it twice).
    pub io: std::io::Error,
}

impl CaptureError {
    fn new(path: &str, source: std::io::Error) -> Self {
        let hint = match source.kind() {
            ErrorKind::NotFound => {
                "check the path (captures are written by `rmacheck watch --record FILE.jsonl` \
                 or `mosquitto_sub -F %j`)"
            }
            ErrorKind::PermissionDenied => {
                "check the file's permissions (`ls -l`) or run as its owner"
            }
            ErrorKind::IsADirectory => {
                "give the capture file inside the directory, not the directory"
            }
            _ => "check that the file exists and is readable",
        };
        let reason = match source.kind() {
            ErrorKind::NotFound => "no such file".to_string(),
            ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => source.to_string(),
        };
        Self { path: path.to_string(), reason, hint, io: source }
    }
}

/// The longest capture line read (64 MiB): far above any network-server message, and a bound
/// on the memory one line can take. A longer line is reported with its number and skipped.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// How far the reader looks for the end of an over-long line (1 GiB) before it gives up on the
/// file: input without line ends (`/dev/zero`, a binary file) is not a capture.
pub const MAX_SKIP_BYTES: u64 = 1024 * 1024 * 1024;

/// Streams the messages of one capture; bad lines come out as `Err(BadLine)`.
///
/// After an I/O error (other than a line that is not UTF-8) the reader reports it once and
/// stops, so a failing device cannot make it loop. Memory is bounded by [`MAX_LINE_BYTES`].
pub struct CaptureReader<R: BufRead> {
    reader: R,
    file: String,
    line: usize,
    done: bool,
    /// The events of a The Things Stack event file (read by [`tts_events::Events`]).
    queued: Option<tts_events::Events>,
    max_line: usize,
    max_skip: u64,
    /// The line buffer (with several threads, the batch's lines one after the other), reused
    /// from line to line and batch to batch.
    buf: Vec<u8>,
    /// Threads that parse lines (1: on the caller's thread, line by line).
    threads: usize,
    /// Lines read and parsed ahead, in line order (only with more than one thread).
    batch: std::collections::VecDeque<Result<RawMessage, BadLine>>,
}

/// The threads capture readers use unless told otherwise (1 until
/// [`set_default_threads`] is called).
static DEFAULT_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// Sets how many threads every capture reader created afterwards uses to parse lines
/// (`--threads`). Messages, their order and every error are the same for any number.
pub fn set_default_threads(n: usize) {
    DEFAULT_THREADS.store(n.max(1), std::sync::atomic::Ordering::Relaxed);
}

/// The threads capture readers use unless told otherwise ([`set_default_threads`]).
#[must_use]
pub fn default_threads() -> usize {
    DEFAULT_THREADS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Lines read ahead per batch when parsing on several threads (fewer when they are long).
const BATCH_LINES: usize = 2048;
/// Bytes read ahead per batch at most (a batch ends after the line that crosses it).
const BATCH_BYTES: usize = 4 * 1024 * 1024;

/// What the reading thread found: an item already decided (an over-long or unreadable line),
/// or a line to parse (its number; the bytes are in the caller's buffer).
enum Slot {
    Ready(Result<RawMessage, BadLine>),
    Line(usize),
}

enum LineRead {
    Eof,
    Line,
    /// The line was longer than the limit; its rest was skipped (`false`: no line end was found
    /// within the skip limit, the rest of the file is skipped).
    TooLong(bool),
}

impl<R: BufRead> CaptureReader<R> {
    /// Reads from `reader`; `file` names it in errors.
    pub fn new(reader: R, file: &str) -> Self {
        Self::with_limits(reader, file, MAX_LINE_BYTES, MAX_SKIP_BYTES)
    }

    /// Whether this is a The Things Stack event file (its messages are in time order).
    #[must_use]
    pub fn is_event_file(&self) -> bool {
        self.queued.is_some()
    }

    /// As [`CaptureReader::new`], with other line and skip limits.
    pub fn with_limits(reader: R, file: &str, max_line: usize, max_skip: u64) -> Self {
        Self {
            reader,
            file: file.to_string(),
            line: 0,
            done: false,
            max_line,
            max_skip,
            queued: None,
            buf: Vec::new(),
            threads: DEFAULT_THREADS.load(std::sync::atomic::Ordering::Relaxed),
            batch: std::collections::VecDeque::new(),
        }
    }

    /// Parses lines on `n` threads (read ahead in batches, handed out in line order): the
    /// messages, their order and every error are those of one thread.
    #[must_use]
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    fn bad(&self, message: LineError) -> BadLine {
        BadLine { file: self.file.clone(), line: self.line, message }
    }

    /// Reads the next line onto the end of `buf` (from `start`, where `buf` ends).
    fn read_line(&mut self, buf: &mut Vec<u8>, start: usize) -> std::io::Result<LineRead> {
        let limit = self.max_line as u64 + 1;
        let n = read_until_newline(&mut self.reader, buf, limit)?;
        if n == 0 {
            return Ok(LineRead::Eof);
        }
        if buf.last() == Some(&b'\n') || (n as u64) < limit {
            return Ok(LineRead::Line);
        }
        buf.truncate(start);
        let mut skipped = 0u64;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(LineRead::TooLong(true));
            }
            if let Some(pos) = memchr::memchr(b'\n', avail) {
                self.reader.consume(pos + 1);
                return Ok(LineRead::TooLong(true));
            }
            let len = avail.len();
            self.reader.consume(len);
            skipped += len as u64;
            if skipped > self.max_skip {
                return Ok(LineRead::TooLong(false));
            }
        }
    }
}

/// `reader.take(limit).read_until(b'\n', buf)`, with the newline found by the `memchr` crate's
/// SIMD search rather than the standard library's (a capture line is a kilobyte or more).
fn read_until_newline(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<usize> {
    let mut read = 0usize;
    loop {
        let left = usize::try_from(limit.saturating_sub(read as u64)).unwrap_or(usize::MAX);
        if left == 0 {
            return Ok(read);
        }
        let avail = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let avail = &avail[..avail.len().min(left)];
        if avail.is_empty() {
            return Ok(read);
        }
        let (used, end) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        buf.extend_from_slice(&avail[..used]);
        reader.consume(used);
        read += used;
        if end {
            return Ok(read);
        }
    }
}

impl<R: BufRead> Iterator for CaptureReader<R> {
    type Item = Result<RawMessage, BadLine>;
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(q) = self.queued.as_mut() {
            return q.next();
        }
        if self.threads > 1 {
            // A batch of blank lines yields nothing: read on until an item or the end.
            while self.batch.is_empty() && !self.done {
                self.fill_batch();
            }
            return self.batch.pop_front();
        }
        let mut buf = std::mem::take(&mut self.buf);
        let item = self.next_line(&mut buf);
        // An over-long line's buffer is not kept.
        if buf.capacity() <= 1 << 20 {
            self.buf = buf;
        }
        item
    }
}

impl<R: BufRead> CaptureReader<R> {
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<Result<RawMessage, BadLine>> {
        loop {
            match self.read_slot(buf, 0)? {
                Slot::Ready(item) => return Some(item),
                Slot::Line(line) => {
                    if let Some(item) = parse_bytes(&self.file, line, buf) {
                        return Some(item);
                    }
                }
            }
        }
    }

    /// Reads ahead up to [`BATCH_LINES`] lines (or [`BATCH_BYTES`]), one after the other in
    /// one buffer, and parses them on the reader's threads; the results wait in `batch` in
    /// line order.
    fn fill_batch(&mut self) {
        let mut text = std::mem::take(&mut self.buf);
        text.clear();
        let mut slots = Vec::with_capacity(BATCH_LINES);
        while slots.len() < BATCH_LINES && text.len() < BATCH_BYTES {
            let start = text.len();
            match self.read_slot(&mut text, start) {
                None => break,
                Some(line @ Slot::Line(_)) => slots.push((line, start..text.len())),
                Some(ready) => slots.push((ready, start..start)),
            }
        }
        let (file, lines) = (self.file.as_str(), text.as_slice());
        let parsed = crate::parallel::map_owned(slots, self.threads, |(slot, at)| match slot {
            Slot::Ready(item) => Some(item),
            Slot::Line(line) => parse_bytes(file, line, lines.get(at).unwrap_or_default()),
        });
        self.batch.extend(parsed.into_iter().flatten());
        // A batch with an over-long line does not keep its buffer.
        if text.capacity() <= 2 * BATCH_BYTES {
            self.buf = text;
        }
    }

    /// Reads the next line: a line to parse (its bytes in `buf` from `start`, where `buf`
    /// ends), an item already decided, or `None` at the end.
    fn read_slot(&mut self, buf: &mut Vec<u8>, start: usize) -> Option<Slot> {
        while !self.done {
            buf.truncate(start);
            match self.read_line(buf, start) {
                Ok(LineRead::Eof) => self.done = true,
                Ok(LineRead::TooLong(found_end)) => {
                    self.line += 1;
                    let mib = self.max_line / (1024 * 1024);
                    let limit = if mib > 0 {
                        crate::catalog::Arg::Text(format!("{mib} MiB"))
                    } else {
                        crate::catalog::Arg::Msg(crate::catalog::Message::new(
                            "malformed-line-limit-bytes",
                            crate::catalog::args! { "n" => self.max_line.to_string() },
                        ))
                    };
                    let rest = if found_end {
                        "malformed-line-too-long-skipped"
                    } else {
                        self.done = true;
                        "malformed-line-too-long-no-end"
                    };
                    return Some(Slot::Ready(Err(self.bad(LineError(
                        crate::catalog::Message::new(
                            rest,
                            crate::catalog::args! { "limit" => limit },
                        ),
                    )))));
                }
                Ok(LineRead::Line) => {
                    self.line += 1;
                    return Some(Slot::Line(self.line));
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Slot::Ready(Err(self.bad(LineError(
                        crate::catalog::Message::new(
                            "malformed-line-read-error",
                            crate::catalog::args! { "reason" => e.to_string() },
                        ),
                    )))));
                }
            }
        }
        None
    }
}

/// Parses one capture line (`None`: a blank line, skipped silently).
fn parse_bytes(file: &str, line: usize, bytes: &[u8]) -> Option<Result<RawMessage, BadLine>> {
    let bad = |message: LineError| BadLine { file: file.to_string(), line, message };
    let text = match crate::model::utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Some(Err(bad(LineError(crate::catalog::Message::new(
                "malformed-line-not-utf8",
                crate::catalog::args! { "position" => (e.valid_up_to() + 1).to_string() },
            )))));
        }
    };
    if text.trim().is_empty() {
        return None;
    }
    Some(parse_line(text).map_err(bad))
}

/// Opens a capture file for streaming; `-` reads standard input.
///
/// # Errors
/// [`CaptureError`] saying why the file cannot be opened and what to do.
pub fn open(path: &Path) -> Result<CaptureReader<Box<dyn BufRead>>, CaptureError> {
    let name = path.display().to_string();
    if name == "-" {
        return sniffed(BufReader::new(std::io::stdin()), "<stdin>", &name, None);
    }
    let file = File::open(path).map_err(|e| CaptureError::new(&name, e))?;
    open_file(file, &name, &name)
}

/// Reads a capture file opened by the caller and positioned at its start; `name` names it in
/// errors about its lines, `path` in errors about the file (a regular file's The Things Stack
/// events are read from it in place).
///
/// # Errors
/// [`CaptureError`] when it is a directory or its start cannot be read.
pub fn open_file(
    file: File,
    name: &str,
    path: &str,
) -> Result<CaptureReader<Box<dyn BufRead>>, CaptureError> {
    let meta = file.metadata();
    if meta.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
        let e = std::io::Error::new(ErrorKind::IsADirectory, "is a directory");
        return Err(CaptureError::new(path, e));
    }
    let again = meta.is_ok_and(|m| m.is_file()).then(|| file.try_clone().ok()).flatten();
    sniffed(BufReader::with_capacity(1 << 20, file), name, path, again)
}

/// Reads up to the first non-blank line to tell a The Things Stack event file from a capture;
/// an event file is read by [`tts_events::Events`] (from `again`, the same regular file, in
/// place), a capture is streamed line by line from its start.
fn sniffed<R: BufRead + 'static>(
    mut reader: R,
    file: &str,
    path: &str,
    again: Option<File>,
) -> Result<CaptureReader<Box<dyn BufRead>>, CaptureError> {
    // At most SNIFF_BYTES are looked at (a capture with a huge or endless first line is then
    // read as a capture, with its own line limits).
    const SNIFF_BYTES: u64 = 1 << 20;
    let mut head = Vec::new();
    let mut first = String::new();
    for _ in 0..64 {
        let start = head.len();
        let left = SNIFF_BYTES.saturating_sub(head.len() as u64);
        if left == 0 {
            break;
        }
        match std::io::Read::by_ref(&mut reader).take(left).read_until(b'\n', &mut head) {
            Ok(0) => break,
            Ok(_) => {
                let line = String::from_utf8_lossy(&head[start..]);
                if !line.trim().is_empty() {
                    first = line.into_owned();
                    break;
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(CaptureError::new(path, e)),
        }
    }
    if tts_events::is_event_file(&first) {
        let mut r: CaptureReader<Box<dyn BufRead>> =
            CaptureReader::new(Box::new(std::io::empty()), file);
        r.queued = Some(tts_events::Events::new(head, Box::new(reader), again, file));
        return Ok(r);
    }
    let reader: Box<dyn BufRead> =
        Box::new(std::io::Read::chain(std::io::Cursor::new(head), reader));
    Ok(CaptureReader::new(reader, file))
}

/// Every readable message of some captures, in order, and the lines that were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capture {
    /// Messages in file order, then line order (evidence index = position here).
    pub messages: Vec<RawMessage>,
    /// Lines that could not be read.
    pub bad_lines: Vec<BadLine>,
}

/// Reads capture files one after the other (`-` is standard input).
///
/// # Errors
/// [`CaptureError`] when a file cannot be opened (all files are checked before any is read).
pub fn read_files<P: AsRef<Path>>(paths: &[P]) -> Result<Capture, CaptureError> {
    let readers = paths.iter().map(|p| open(p.as_ref())).collect::<Result<Vec<_>, _>>()?;
    let mut out = Capture::default();
    for reader in readers {
        for item in reader {
            match item {
                Ok(m) => out.messages.push(m),
                Err(b) => out.bad_lines.push(b),
            }
        }
    }
    Ok(out)
}

/// One line of the contract format (field order as written).
#[derive(Serialize)]
struct ContractLine<'a> {
    received_at: String,
    topic: &'a str,
    payload_b64: String,
}

/// Formats one message as a contract line (without the newline).
#[must_use]
pub fn format_line(msg: &RawMessage) -> String {
    use base64::Engine as _;
    let line = ContractLine {
        received_at: msg.received_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        topic: &msg.topic,
        payload_b64: base64::engine::general_purpose::STANDARD.encode(&msg.payload),
    };
    // Serialising strings into a String cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

/// Writes messages in the contract format, flushing after each one.
pub struct CaptureWriter<W: Write> {
    out: W,
}

impl<W: Write> CaptureWriter<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Self {
        Self { out }
    }
    /// Appends one message as one line and flushes, so an interrupted recording keeps every
    /// message received so far.
    ///
    /// # Errors
    /// The underlying I/O error.
    pub fn write(&mut self, msg: &RawMessage) -> std::io::Result<()> {
        let mut line = format_line(msg);
        line.push('\n');
        self.out.write_all(line.as_bytes())?;
        self.out.flush()
    }
    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead as _, BufReader, Read as _};

    #[test]
    fn lines_are_read_as_the_standard_library_reads_them_across_buffer_ends_and_limits() {
        let inputs: [&[u8]; 5] =
            [b"", b"one\ntwo\n", b"no end", b"\n\nlong line here\nx", &[b'a'; 100]];
        for input in inputs {
            for (capacity, limit) in [(1, 1000), (3, 1000), (7, 5), (64, 1), (2, 0), (5, 100)] {
                let mut ours = BufReader::with_capacity(capacity, input);
                let mut std = BufReader::with_capacity(capacity, input);
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let n = super::read_until_newline(&mut ours, &mut a, limit).unwrap();
                    let m = (&mut std).take(limit).read_until(b'\n', &mut b).unwrap();
                    assert_eq!((n, &a), (m, &b), "{input:?}, capacity {capacity}, limit {limit}");
                    if n == 0 {
                        break;
                    }
                }
            }
        }
    }
}
