//! The text of an event file, ready for random access: the file itself when it can be read
//! as it is, else its text normalised into a private temporary file.
//!
//! The text the events are read from is the file as UTF-8 (an invalid sequence becomes
//! U+FFFD), without leading byte-order marks, and without server-sent-event framing when its
//! first non-blank line is an SSE field (`data:` lines keep their content, other fields become
//! blank lines, line ends lose their `\r`, so line numbers stay those of the file). A regular
//! file that is valid UTF-8 and not SSE is that text already (past its byte-order marks) and is
//! read in place; anything else (standard input, SSE framing, invalid UTF-8) is written once,
//! normalised, to a temporary file (mode 0600, removed when dropped or when the process ends),
//! or into memory when no temporary file can be made.

use std::fs::File;
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};

/// Something the events can be read back from at any offset.
pub(crate) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// The normalised text: `src` from byte `base` on.
pub(crate) struct Source {
    pub(crate) src: Box<dyn ReadSeek>,
    pub(crate) base: u64,
}

/// Why the text could not be prepared.
#[derive(Debug)]
pub(crate) enum PrepareError {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the temporary file failed (disk full, no temporary directory, …).
    Spool(io::Error),
}

const CHUNK: usize = 1 << 20;

/// Prepares the text of an event file whose first bytes, `head`, were already read from
/// `rest`; `file` is the same input, when it is a regular file that can be read again.
pub(crate) fn prepare(
    head: Vec<u8>,
    rest: Box<dyn BufRead>,
    file: Option<File>,
) -> Result<Source, PrepareError> {
    if let Some(mut file) = file {
        if let Some(base) = in_place(&mut file).map_err(PrepareError::Read)? {
            return Ok(Source { src: Box::new(file), base });
        }
        file.seek(SeekFrom::Start(0)).map_err(PrepareError::Read)?;
        return spool(&mut io::BufReader::new(file));
    }
    spool(&mut io::Cursor::new(head).chain(rest))
}

/// Normalises `input` into a temporary file, or into memory when no temporary file can be
/// made (no writable temporary directory): the events are read all the same.
fn spool(input: &mut dyn Read) -> Result<Source, PrepareError> {
    let Ok(tmp) = tempfile::tempfile() else {
        let mut out = Vec::new();
        normalise(input, &mut out)?;
        return Ok(Source { src: Box::new(io::Cursor::new(out)), base: 0 });
    };
    let mut out = io::BufWriter::with_capacity(CHUNK, tmp);
    normalise(input, &mut out)?;
    let mut tmp = out.into_inner().map_err(|e| PrepareError::Spool(e.into_error()))?;
    tmp.seek(SeekFrom::Start(0)).map_err(PrepareError::Spool)?;
    Ok(Source { src: Box::new(tmp), base: 0 })
}

/// The normalised text of `text`, in memory.
pub(crate) fn in_memory(text: &str) -> Source {
    let mut out = Vec::with_capacity(text.len());
    // Reading a slice and writing to a vector cannot fail.
    let _ = normalise(&mut text.as_bytes(), &mut out);
    Source { src: Box::new(io::Cursor::new(out)), base: 0 }
}

/// Where the text of a regular file starts (past its byte-order marks) when the file can be
/// read in place: valid UTF-8 and no SSE framing. `None`: it must be normalised.
fn in_place(file: &mut File) -> io::Result<Option<u64>> {
    file.seek(SeekFrom::Start(0))?;
    let mut probe = Probe::default();
    let mut buf = vec![0u8; CHUNK];
    let mut carry = 0usize;
    let mut boms = 0u64;
    loop {
        let n = read_some(file, &mut buf[carry..])?;
        let filled = carry + n;
        let (valid, rest) = match std::str::from_utf8(&buf[..filled]) {
            Ok(s) => (s, 0),
            Err(e) if e.error_len().is_none() && n > 0 => {
                // A sequence cut by the chunk's end: read on.
                let upto = e.valid_up_to();
                (std::str::from_utf8(&buf[..upto]).unwrap_or_default(), filled - upto)
            }
            Err(_) => return Ok(None),
        };
        boms += probe.feed(valid);
        if probe.sse == Some(true) {
            return Ok(None);
        }
        if n == 0 {
            return Ok(if probe.decide() { None } else { Some(3 * boms) });
        }
        buf.copy_within(filled - rest..filled, 0);
        carry = rest;
    }
}

fn read_some(r: &mut (impl Read + ?Sized), buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// Tells, from the start of the text, how many byte-order marks lead it and whether its first
/// non-blank line is an SSE field.
#[derive(Default)]
struct Probe {
    /// Past the leading byte-order marks.
    past_boms: bool,
    /// The start of the first non-blank line (up to the longest field name).
    start: String,
    /// Decided: whether the text is SSE-framed.
    sse: Option<bool>,
}

impl Probe {
    /// Looks at the next piece of text; returns the byte-order marks it skipped.
    fn feed(&mut self, mut text: &str) -> u64 {
        let mut boms = 0;
        if !self.past_boms {
            let rest = text.trim_start_matches('\u{feff}');
            boms = ((text.len() - rest.len()) / 3) as u64;
            text = rest;
            self.past_boms = !text.is_empty();
        }
        if self.sse.is_none() {
            for c in text.chars() {
                if self.start.is_empty() && c.is_whitespace() {
                    continue;
                }
                self.start.push(c);
                if self.start.len() >= 6 {
                    break;
                }
            }
            if self.start.len() >= 6 {
                self.sse = Some(super::is_sse_field(&self.start));
            }
        }
        boms
    }

    /// At the end of the text: whether it is SSE-framed.
    fn decide(&mut self) -> bool {
        *self.sse.get_or_insert_with(|| super::is_sse_field(&self.start))
    }
}

/// Writes the normalised text of `input` to `out`.
fn normalise(input: &mut dyn Read, out: &mut dyn Write) -> Result<(), PrepareError> {
    let mut probe = Probe::default();
    // Text held until the probe has decided (only blank lines and the start of the first
    // non-blank one).
    let mut held = String::new();
    let mut sse = SseStrip::default();
    let mut buf = vec![0u8; CHUNK];
    let mut carry = 0usize;
    let mut text = String::with_capacity(CHUNK + 3);
    loop {
        let n = read_some(input, &mut buf[carry..]).map_err(PrepareError::Read)?;
        let filled = carry + n;
        text.clear();
        carry = decode_lossy(&buf[..filled], n == 0, &mut text);
        let unread = filled - carry..filled;
        buf.copy_within(unread, 0);
        let piece =
            if probe.past_boms { text.as_str() } else { text.trim_start_matches('\u{feff}') };
        probe.feed(&text);
        let sse_framed = match probe.sse {
            Some(s) => s,
            None if n == 0 => probe.decide(),
            None => {
                held.push_str(piece);
                continue;
            }
        };
        let mut write = |s: &str| out.write_all(s.as_bytes()).map_err(PrepareError::Spool);
        for part in [std::mem::take(&mut held).as_str(), piece] {
            if sse_framed {
                sse.push(part, &mut write)?;
            } else {
                write(part)?;
            }
        }
        if n == 0 {
            if sse_framed {
                sse.finish(&mut write)?;
            }
            return out.flush().map_err(PrepareError::Spool);
        }
    }
}

/// Appends `bytes` as text to `out` as [`String::from_utf8_lossy`] does; returns how many
/// bytes at the end were kept back as the start of a sequence cut off (none at the end).
fn decode_lossy(bytes: &[u8], end: bool, out: &mut String) -> usize {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return 0;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                match e.error_len() {
                    Some(n) => {
                        out.push('\u{fffd}');
                        rest = after.get(n..).unwrap_or_default();
                    }
                    None if end => {
                        out.push('\u{fffd}');
                        return 0;
                    }
                    None => return after.len(),
                }
            }
        }
    }
}

/// Removes server-sent-event framing line by line, keeping the line count.
#[derive(Default)]
struct SseStrip {
    /// The current line so far, while it is too short to tell what it is.
    start: String,
    /// What is done with the rest of the current line once told.
    mode: Option<LineMode>,
    /// A `\r` held back: dropped if the line ends right after it.
    cr: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum LineMode {
    Keep,
    Drop,
}

impl SseStrip {
    fn push(
        &mut self,
        text: &str,
        write: &mut dyn FnMut(&str) -> Result<(), PrepareError>,
    ) -> Result<(), PrepareError> {
        let mut rest = text;
        while !rest.is_empty() {
            let (line, ends) = match rest.find('\n') {
                Some(i) => (&rest[..i], true),
                None => (rest, false),
            };
            rest = if ends { &rest[line.len() + 1..] } else { "" };
            self.part(line, write)?;
            if ends {
                self.end_line(write)?;
            }
        }
        Ok(())
    }

    /// A piece of the current line (no `\n` in it).
    fn part(
        &mut self,
        piece: &str,
        write: &mut dyn FnMut(&str) -> Result<(), PrepareError>,
    ) -> Result<(), PrepareError> {
        if piece.is_empty() {
            return Ok(());
        }
        let piece = match self.mode {
            Some(_) => piece,
            None => {
                self.start.push_str(piece);
                // "retry:" is the longest field name; "data: " with its space.
                if self.start.len() < 6 {
                    return Ok(());
                }
                self.decide();
                let start = std::mem::take(&mut self.start);
                return self.emit(&start, write);
            }
        };
        self.emit(piece, write)
    }

    /// Decides what the current line is from its start (`start`, possibly the whole line) and
    /// strips the `data:` prefix from `start`.
    fn decide(&mut self) {
        if let Some(data) = self.start.strip_prefix("data:") {
            self.start = data.strip_prefix(' ').unwrap_or(data).to_string();
            self.mode = Some(LineMode::Keep);
        } else if super::is_sse_field(&self.start) || self.start.starts_with(':') {
            self.mode = Some(LineMode::Drop);
        } else {
            self.mode = Some(LineMode::Keep);
        }
    }

    /// Writes text of a line being kept, holding a trailing `\r` back.
    fn emit(
        &mut self,
        text: &str,
        write: &mut dyn FnMut(&str) -> Result<(), PrepareError>,
    ) -> Result<(), PrepareError> {
        if self.mode != Some(LineMode::Keep) || text.is_empty() {
            return Ok(());
        }
        if std::mem::take(&mut self.cr) {
            write("\r")?;
        }
        match text.strip_suffix('\r') {
            Some(body) => {
                self.cr = true;
                write(body)
            }
            None => write(text),
        }
    }

    fn end_line(
        &mut self,
        write: &mut dyn FnMut(&str) -> Result<(), PrepareError>,
    ) -> Result<(), PrepareError> {
        self.flush_start(write)?;
        // A `\r` right before the line end goes.
        self.cr = false;
        self.mode = None;
        write("\n")
    }

    /// At the end of the text: the last line, without a line end.
    fn finish(
        &mut self,
        write: &mut dyn FnMut(&str) -> Result<(), PrepareError>,
    ) -> Result<(), PrepareError> {
        self.flush_start(write)?;
        if std::mem::take(&mut self.cr) && self.mode == Some(LineMode::Keep) {
            write("\r")?;
        }
        Ok(())
    }

    /// A line that ended while still too short to tell: decided on what it has.
    fn flush_start(
        &mut self,
        write: &mut dyn FnMut(&str) -> Result<(), PrepareError>,
    ) -> Result<(), PrepareError> {
        if self.mode.is_none() && !self.start.is_empty() {
            self.decide();
            let start = std::mem::take(&mut self.start);
            self.emit(&start, write)?;
        }
        Ok(())
    }
}
