//! The files of a bundle as `verify` reads them: opened on demand and streamed, so that its
//! memory does not grow with the size of the evidence (hashes are computed while reading; the
//! evidence is diagnosed message by message).
//!
//! The directory reader lives at the CLI edge; [`BundleFiles`] for a map of names to bytes
//! serves tests and the fuzz harness.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use sha2::{Digest, Sha256};

use crate::capture::CaptureReader;
use crate::model::RawMessage;

use super::super::evidence::EvidenceError;

/// The largest `report.json` read (its timeline and lists are bounded, so a real one is far
/// smaller).
pub const MAX_REPORT_JSON: u64 = 64 * 1024 * 1024;
/// The largest `report.json.sig` or `allowed_signers` read.
pub const MAX_SMALL_FILE: u64 = 1024 * 1024;

/// A bundle's files, read on demand.
pub trait BundleFiles: std::fmt::Debug {
    /// Bundle-relative paths (with `/`) of every file, sorted.
    fn names(&self) -> Vec<String>;
    /// Opens a file from its start.
    ///
    /// # Errors
    /// [`std::io::ErrorKind::NotFound`] for a name not in [`BundleFiles::names`]; any read error.
    fn open(&self, name: &str) -> std::io::Result<Box<dyn BufRead + '_>>;
    /// Whether the bundle has this file.
    fn contains(&self, name: &str) -> bool {
        self.names().iter().any(|n| n == name)
    }
}

impl BundleFiles for BTreeMap<String, Vec<u8>> {
    fn names(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }
    fn open(&self, name: &str) -> std::io::Result<Box<dyn BufRead + '_>> {
        match self.get(name) {
            Some(bytes) => Ok(Box::new(bytes.as_slice())),
            None => Err(std::io::ErrorKind::NotFound.into()),
        }
    }
    fn contains(&self, name: &str) -> bool {
        self.contains_key(name)
    }
}

/// Reads a small file whole: `Ok(None)` when the bundle has no such file.
///
/// # Errors
/// A sentence naming the file: unreadable, or larger than `limit` bytes.
pub fn read_small(
    files: &dyn BundleFiles,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    if !files.contains(name) {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    files
        .open(name)
        .and_then(|r| r.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{name} cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name} is larger than {} MiB: it is not the file `rmacheck report` writes",
            limit / (1024 * 1024)
        ));
    }
    Ok(Some(bytes))
}

/// The SHA-256 (lowercase hex) of a file, computed while streaming it.
///
/// # Errors
/// The read error.
pub fn sha256(files: &dyn BundleFiles, name: &str) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut files.open(name)?, &mut hasher)?;
    Ok(hex::encode(hasher.finalize()))
}

/// The messages of `evidence.jsonl`, one at a time; stops at the first line that cannot be
/// read and keeps the reason (see [`EvidenceStream::finish`]).
pub struct EvidenceStream<R: BufRead> {
    reader: CaptureReader<R>,
    count: u64,
    error: Option<EvidenceError>,
}

impl<R: BufRead> EvidenceStream<R> {
    /// Reads capture lines from `reader`.
    pub fn new(reader: R) -> Self {
        Self { reader: CaptureReader::new(reader, "evidence.jsonl"), count: 0, error: None }
    }
    /// The number of messages read, or the first unreadable line.
    ///
    /// # Errors
    /// [`EvidenceError::Unreadable`] naming the line.
    pub fn finish(self) -> Result<u64, EvidenceError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.count),
        }
    }
}

impl<R: BufRead> Iterator for EvidenceStream<R> {
    type Item = RawMessage;
    fn next(&mut self) -> Option<RawMessage> {
        if self.error.is_some() {
            return None;
        }
        match self.reader.next()? {
            Ok(m) => {
                self.count += 1;
                Some(m)
            }
            Err(b) => {
                self.error = Some(EvidenceError::Unreadable {
                    line: b.line,
                    message: b.message.to_string(),
                });
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_are_bounded_and_hashes_match_the_whole_file() {
        let mut files = BTreeMap::new();
        files.insert("a".to_string(), b"abc".to_vec());
        files.insert("big".to_string(), vec![b'x'; 2000]);
        assert_eq!(read_small(&files, "a", 10).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_small(&files, "none", 10).unwrap(), None);
        assert!(read_small(&files, "big", 1000).unwrap_err().contains("larger than"));
        assert_eq!(
            sha256(&files, "a").unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256(&files, "big").unwrap(),
            super::super::super::model::sha256_hex(&[b'x'; 2000])
        );
    }

    #[test]
    fn the_evidence_stream_stops_at_the_first_unreadable_line_and_names_it() {
        let good =
            "{\"received_at\":\"2026-11-21T09:00:00Z\",\"topic\":\"a/b\",\"payload_b64\":\"\"}\n";
        let text = format!("{good}{good}not json\n{good}");
        let mut stream = EvidenceStream::new(text.as_bytes());
        assert_eq!(stream.by_ref().count(), 2);
        assert!(
            matches!(stream.finish(), Err(EvidenceError::Unreadable { line: 3, .. })),
            "line 3 is named"
        );
        let two = format!("{good}{good}");
        let mut s = EvidenceStream::new(two.as_bytes());
        assert_eq!(s.by_ref().count(), 2);
        assert_eq!(s.finish(), Ok(2));
    }
}
