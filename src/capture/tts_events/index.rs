//! The time index of an events file: where each event is and its time, 24 bytes an event,
//! sorted in runs that go to a private temporary file once there are more than fit one run,
//! then merged. Memory holds one run and a small buffer per run, whatever the file's size.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use chrono::{DateTime, Utc};

/// Events sorted in memory at a time (3 MiB).
pub(crate) const RUN: usize = 1 << 17;
/// Entries read ahead from each run while merging.
const RUN_BUFFER: usize = 1 << 10;
const ENTRY_BYTES: usize = 24;

/// Seconds, nanoseconds, offset.
type Key = (i64, u32, u64);

/// One event: its time (seconds, nanoseconds: sorted as the time is), where its text starts and
/// how long it is. Sorted by time, then by offset: the order of the file among equal times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    secs: i64,
    nanos: u32,
    /// Length of the event's text (an event is shorter than 4 GiB).
    len: u32,
    pub(crate) offset: u64,
}

impl Entry {
    pub(crate) fn new(time: DateTime<Utc>, offset: u64, len: u64) -> Self {
        Self {
            secs: time.timestamp(),
            nanos: time.timestamp_subsec_nanos(),
            len: u32::try_from(len).unwrap_or(u32::MAX),
            offset,
        }
    }

    pub(crate) fn len(&self) -> u64 {
        u64::from(self.len)
    }

    /// The sort key: time, then place in the file.
    fn key(&self) -> Key {
        (self.secs, self.nanos, self.offset)
    }

    fn to_bytes(self) -> [u8; ENTRY_BYTES] {
        let mut b = [0u8; ENTRY_BYTES];
        b[..8].copy_from_slice(&self.secs.to_le_bytes());
        b[8..12].copy_from_slice(&self.nanos.to_le_bytes());
        b[12..16].copy_from_slice(&self.len.to_le_bytes());
        b[16..].copy_from_slice(&self.offset.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8; ENTRY_BYTES]) -> Self {
        let [
            s0,
            s1,
            s2,
            s3,
            s4,
            s5,
            s6,
            s7,
            n0,
            n1,
            n2,
            n3,
            l0,
            l1,
            l2,
            l3,
            o0,
            o1,
            o2,
            o3,
            o4,
            o5,
            o6,
            o7,
        ] = *b;
        Self {
            secs: i64::from_le_bytes([s0, s1, s2, s3, s4, s5, s6, s7]),
            nanos: u32::from_le_bytes([n0, n1, n2, n3]),
            len: u32::from_le_bytes([l0, l1, l2, l3]),
            offset: u64::from_le_bytes([o0, o1, o2, o3, o4, o5, o6, o7]),
        }
    }
}

/// Collects entries in file order.
pub(crate) struct Index {
    entries: Vec<Entry>,
    run: usize,
    /// The runs written so far: entries' start (in entries) and count.
    runs: Vec<(u64, u64)>,
    spill: Option<BufWriter<File>>,
    spilled: u64,
}

impl Index {
    /// An index that sorts `run` entries in memory at a time.
    pub(crate) fn new(run: usize) -> Self {
        Self { entries: Vec::new(), run: run.max(1), runs: Vec::new(), spill: None, spilled: 0 }
    }

    /// Adds the next event.
    ///
    /// # Errors
    /// Writing a full run to the temporary file failed.
    pub(crate) fn push(&mut self, entry: Entry) -> io::Result<()> {
        self.entries.push(entry);
        if self.entries.len() >= self.run {
            self.write_run()?;
        }
        Ok(())
    }

    fn write_run(&mut self) -> io::Result<()> {
        self.entries.sort_unstable_by_key(Entry::key);
        let out = match &mut self.spill {
            Some(out) => out,
            None => self.spill.insert(BufWriter::new(tempfile::tempfile()?)),
        };
        for e in &self.entries {
            out.write_all(&e.to_bytes())?;
        }
        let n = self.entries.len() as u64;
        self.runs.push((self.spilled, n));
        self.spilled += n;
        self.entries.clear();
        Ok(())
    }

    /// The entries in time order.
    ///
    /// # Errors
    /// Writing or reading the temporary file failed.
    pub(crate) fn sorted(mut self) -> io::Result<Sorted> {
        if self.runs.is_empty() {
            self.entries.sort_unstable_by_key(Entry::key);
            self.entries.shrink_to_fit();
            return Ok(Sorted::Memory(self.entries.into_iter()));
        }
        if !self.entries.is_empty() {
            self.write_run()?;
        }
        self.entries = Vec::new();
        let file = match self.spill.take() {
            Some(out) => out.into_inner().map_err(io::IntoInnerError::into_error)?,
            None => return Ok(Sorted::Memory(Vec::new().into_iter())),
        };
        let mut merge = Merge { file, runs: Vec::new(), heap: BinaryHeap::new() };
        for (start, count) in self.runs {
            merge.runs.push(Run { next: start, left: count, buf: Vec::new(), at: 0 });
        }
        for i in 0..merge.runs.len() {
            merge.refill(i)?;
            if let Some(e) = merge.peek(i) {
                merge.heap.push(Reverse((e.key(), i)));
            }
        }
        Ok(Sorted::Merged(Box::new(merge)))
    }
}

/// The entries in time order: from memory, or merged from the runs on disk.
pub(crate) enum Sorted {
    Memory(std::vec::IntoIter<Entry>),
    Merged(Box<Merge>),
}

impl Iterator for Sorted {
    type Item = io::Result<Entry>;
    fn next(&mut self) -> Option<io::Result<Entry>> {
        match self {
            Self::Memory(entries) => entries.next().map(Ok),
            Self::Merged(merge) => merge.next_entry().transpose(),
        }
    }
}

struct Run {
    /// The next entry on disk to read (in entries).
    next: u64,
    /// Entries on disk not yet read.
    left: u64,
    buf: Vec<Entry>,
    at: usize,
}

/// A k-way merge of the sorted runs.
pub(crate) struct Merge {
    file: File,
    runs: Vec<Run>,
    /// Each run's next entry: its key and the run.
    heap: BinaryHeap<Reverse<(Key, usize)>>,
}

impl Merge {
    fn peek(&self, i: usize) -> Option<Entry> {
        self.runs.get(i).and_then(|r| r.buf.get(r.at).copied())
    }

    fn refill(&mut self, i: usize) -> io::Result<()> {
        let Some(run) = self.runs.get_mut(i) else { return Ok(()) };
        if run.at < run.buf.len() || run.left == 0 {
            return Ok(());
        }
        let n = run.left.min(RUN_BUFFER as u64);
        let mut bytes = vec![0u8; usize::try_from(n).unwrap_or(0) * ENTRY_BYTES];
        self.file.seek(SeekFrom::Start(run.next * ENTRY_BYTES as u64))?;
        self.file.read_exact(&mut bytes)?;
        run.buf.clear();
        run.buf.extend(
            bytes
                .chunks_exact(ENTRY_BYTES)
                .filter_map(|c| <&[u8; ENTRY_BYTES]>::try_from(c).ok())
                .map(Entry::from_bytes),
        );
        run.at = 0;
        run.next += n;
        run.left -= n;
        Ok(())
    }

    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        let Some(Reverse((_, i))) = self.heap.pop() else { return Ok(None) };
        let Some(entry) = self.peek(i) else { return Ok(None) };
        if let Some(run) = self.runs.get_mut(i) {
            run.at += 1;
        }
        self.refill(i)?;
        if let Some(e) = self.peek(i) {
            self.heap.push(Reverse((e.key(), i)));
        }
        Ok(Some(entry))
    }
}
