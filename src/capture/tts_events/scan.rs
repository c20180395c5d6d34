//! The JSON values of an events file (array elements or top-level objects), found one at a time
//! by `serde_json` in a window that slides over the text: memory holds the window, not the
//! file.

use std::io::{self, Read, Seek, SeekFrom};

use serde_json::Value;

use super::source::Source;
use crate::capture::LineError;
use crate::catalog::args;

/// How much text is read at a time (a value longer than that is read in a window grown to
/// fit it).
const CHUNK: usize = 1 << 20;
/// What a value is first looked for in (at least).
const FIRST_LOOK: usize = 256 * 1024;

/// A window onto the text, reloaded from the source as reading moves on.
pub(crate) struct Window {
    source: Source,
    /// Text offset of `buf[0]`.
    start: u64,
    buf: Vec<u8>,
    /// `buf` reaches the end of the text.
    at_end: bool,
}

impl Window {
    pub(crate) fn new(source: Source) -> Self {
        Self { source, start: 0, buf: Vec::new(), at_end: false }
    }

    /// The text from `pos` on: at least `want` bytes of it, fewer only at the end of the text.
    fn at(&mut self, pos: u64, want: usize) -> io::Result<&[u8]> {
        Ok(self.look(pos, want)?.0)
    }

    /// As [`Window::at`], and whether that is the rest of the text.
    fn look(&mut self, pos: u64, want: usize) -> io::Result<(&[u8], bool)> {
        let end = self.start + self.buf.len() as u64;
        let held = pos >= self.start && pos <= end && (pos + want as u64 <= end || self.at_end);
        if !held {
            self.buf.clear();
            self.start = pos;
            self.source.src.seek(SeekFrom::Start(self.source.base + pos))?;
            let limit = (want + CHUNK) as u64;
            let n = (&mut self.source.src).take(limit).read_to_end(&mut self.buf)?;
            self.at_end = (n as u64) < limit;
        }
        let from = usize::try_from(pos - self.start).unwrap_or(usize::MAX);
        Ok((self.buf.get(from..).unwrap_or_default(), self.at_end))
    }

    fn byte(&mut self, pos: u64) -> io::Result<Option<u8>> {
        Ok(self.at(pos, 1)?.first().copied())
    }

    /// Reads `len` bytes at `pos` into `out` (for an event found before).
    pub(crate) fn read_exact_at(
        &mut self,
        pos: u64,
        len: u64,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        out.clear();
        self.source.src.seek(SeekFrom::Start(self.source.base + pos))?;
        let n = (&mut self.source.src).take(len).read_to_end(out)?;
        if (n as u64) < len {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the file got shorter"));
        }
        // The window no longer matches the source's position; it reloads by offset anyway.
        Ok(())
    }
}

/// A value found: its line, and the value with its offset and length, or what is wrong.
pub(crate) type Found = (usize, Result<(Value, u64, u64), LineError>);

/// Finds the values one after the other, as the whole-text reader did: after a syntax error,
/// reading resumes at the next line that starts an object at most as deep as the first value.
pub(crate) struct Scanner {
    pub(crate) window: Window,
    started: bool,
    done: bool,
    array: bool,
    indent: u64,
    pos: u64,
    /// Newlines before `counted`.
    newlines: usize,
    counted: u64,
}

impl Scanner {
    pub(crate) fn new(source: Source) -> Self {
        Self {
            window: Window::new(source),
            started: false,
            done: false,
            array: false,
            indent: 0,
            pos: 0,
            newlines: 0,
            counted: 0,
        }
    }

    /// The line of the next value (for a read error).
    pub(crate) fn line(&self) -> usize {
        self.newlines + 1
    }

    fn skip_ws(&mut self, mut pos: u64) -> io::Result<u64> {
        loop {
            let s = self.window.at(pos, 1)?;
            let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
            pos += n as u64;
            if n < s.len() || s.is_empty() {
                return Ok(pos);
            }
        }
    }

    /// The 1-based line of `pos` (never before the last one asked for).
    fn line_of(&mut self, pos: u64) -> io::Result<usize> {
        while self.counted < pos {
            let left = usize::try_from(pos - self.counted).unwrap_or(usize::MAX);
            let s = self.window.at(self.counted, 1)?;
            if s.is_empty() {
                break;
            }
            let s = s.get(..left.min(s.len())).unwrap_or_default();
            self.newlines += memchr::memchr_iter(b'\n', s).count();
            self.counted += s.len() as u64;
        }
        Ok(self.newlines + 1)
    }

    /// Where the line holding `pos` starts.
    fn line_start(&mut self, pos: u64) -> io::Result<u64> {
        let mut start = 0;
        let mut at = 0;
        while at < pos {
            let s = self.window.at(at, 1)?;
            if s.is_empty() {
                break;
            }
            let s = s.get(..usize::try_from(pos - at).unwrap_or(usize::MAX).min(s.len()));
            let s = s.unwrap_or_default();
            if let Some(i) = memchr::memrchr(b'\n', s) {
                start = at + i as u64 + 1;
            }
            at += s.len() as u64;
        }
        Ok(start)
    }

    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        let mut pos = self.skip_ws(0)?;
        self.array = self.window.byte(pos)? == Some(b'[');
        if self.array {
            pos = self.skip_ws(pos + 1)?;
        }
        self.indent = pos - self.line_start(pos)?;
        self.pos = pos;
        Ok(())
    }

    /// The next value, `None` at the end.
    ///
    /// # Errors
    /// Reading the text failed.
    pub(crate) fn next_value(&mut self) -> io::Result<Option<Found>> {
        if !self.started {
            self.start()?;
        }
        if self.done {
            return Ok(None);
        }
        let pos = self.pos;
        let next = self.window.byte(pos)?;
        if next.is_none() || (self.array && next == Some(b']')) {
            self.done = true;
            return Ok(None);
        }
        let line = self.line_of(pos)?;
        let mut want = FIRST_LOOK;
        loop {
            let (slice, whole) = self.window.look(pos, want)?;
            let len = slice.len();
            let mut stream = serde_json::Deserializer::from_slice(slice).into_iter::<Value>();
            let item = stream.next();
            let offset = stream.byte_offset() as u64;
            // A value or error at the window's end may be cut short: look again in more.
            let cut = match &item {
                Some(Ok(_)) => offset as usize >= len,
                Some(Err(e)) => e.is_eof(),
                None => true,
            };
            if cut && !whole {
                want = len.saturating_mul(2).max(want);
                continue;
            }
            return match item {
                None => {
                    self.done = true;
                    Ok(None)
                }
                Some(Ok(v)) => {
                    let mut next = self.skip_ws(pos + offset)?;
                    if self.array && self.window.byte(next)? == Some(b',') {
                        next = self.skip_ws(next + 1)?;
                    }
                    self.pos = next;
                    Ok(Some((line, Ok((v, pos, offset)))))
                }
                Some(Err(e)) => {
                    match self.resync(pos)? {
                        Some(next) => self.pos = next,
                        None => self.done = true,
                    }
                    let reason = LineError::new(
                        "malformed-line-not-json-value",
                        args! { "reason" => e.to_string() },
                    );
                    Ok(Some((line, Err(reason))))
                }
            };
        }
    }

    /// The start of the next line after `pos` that begins an object at most `indent` deep.
    fn resync(&mut self, pos: u64) -> io::Result<Option<u64>> {
        let mut at = pos;
        loop {
            let s = self.window.at(at, 1)?;
            if s.is_empty() {
                return Ok(None);
            }
            match memchr::memchr(b'\n', s) {
                None => at += s.len() as u64,
                Some(i) => {
                    at += i as u64 + 1;
                    let mut lead = 0u64;
                    while matches!(self.window.byte(at + lead)?, Some(b' ' | b'\t')) {
                        lead += 1;
                    }
                    if lead <= self.indent && self.window.byte(at + lead)? == Some(b'{') {
                        return Ok(Some(at + lead));
                    }
                }
            }
        }
    }
}
