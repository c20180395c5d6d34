//! The embedded store of a state directory (redb, one file `state.redb`).
//!
//! Tables: `meta` (one record, [`Meta`] as JSON), `journal` (sequence number → one journalled
//! message, see [`super::encode_message`]) and `verdicts` (DevEUI → verdict code). Every
//! [`StateStore::commit`] is one transaction with immediate durability (fsync): after a crash
//! the store is exactly as after the last commit that returned.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use redb::{Database, ReadableTable, ReadableTableMetadata, TableDefinition};

use super::{Meta, STORE_FILE, StateError, decode_message, decode_verdict, encode_verdict};
use crate::diagnosis::VerdictCode;
use crate::model::{DevEui, RawMessage};

const META: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("meta");
const JOURNAL: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("journal");
const VERDICTS: TableDefinition<'_, &str, &str> = TableDefinition::new("verdicts");
const META_KEY: &str = "meta";

/// An open state directory.
#[derive(Debug)]
pub struct StateStore {
    db: Database,
    dir: PathBuf,
}

/// What a state directory held when it was opened.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Its record (fresh when the directory was new).
    pub meta: Meta,
    /// The directory was new.
    pub fresh: bool,
    /// Messages replayed.
    pub messages: u64,
    /// Sequence number of the next journal entry.
    pub next_seq: u64,
    /// Journal entries that could not be read (skipped; counted as malformed).
    pub unreadable: Vec<String>,
    /// The last verdict of each device.
    pub verdicts: Vec<(DevEui, VerdictCode)>,
}

/// What one commit adds.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// Journal entries, in ingest order.
    pub messages: Vec<Vec<u8>>,
    /// Verdicts that changed.
    pub verdicts: Vec<(DevEui, VerdictCode)>,
}

impl Batch {
    /// Nothing to write.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty() && self.verdicts.is_empty()
    }
}

fn io(dir: &Path, e: impl std::fmt::Display) -> StateError {
    StateError::Io { dir: dir.display().to_string(), reason: e.to_string() }
}

impl StateStore {
    /// Opens (or creates) the state in `dir` and replays its journal into `on_message`, in
    /// ingest order. A new state gets the client id `client_id` and starts at `now`.
    ///
    /// # Errors
    /// [`StateError`]: another format, in use by another process, or I/O.
    pub fn open(
        dir: &Path,
        client_id: impl FnOnce() -> String,
        now: DateTime<Utc>,
        mut on_message: impl FnMut(RawMessage),
    ) -> Result<(Self, Restored), StateError> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let db = Database::create(dir.join(STORE_FILE)).map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => {
                StateError::InUse { dir: dir.display().to_string() }
            }
            redb::DatabaseError::UpgradeRequired(v) => StateError::Incompatible {
                dir: dir.display().to_string(),
                found: format!("store file format {v}"),
                written_by: "another version".into(),
            },
            other => io(dir, other),
        })?;
        let read = db.begin_read().map_err(|e| io(dir, e))?;
        let stored: Option<Vec<u8>> = match read.open_table(META) {
            Ok(t) => t.get(META_KEY).map_err(|e| io(dir, e))?.map(|v| v.value().to_vec()),
            Err(redb::TableError::TableDoesNotExist(_)) => None,
            Err(e) => return Err(io(dir, e)),
        };
        let (meta, fresh) = match stored {
            Some(bytes) => (Meta::decode(&bytes, dir)?, false),
            None => (Meta::new(client_id(), now), true),
        };
        let mut restored = Restored {
            meta,
            fresh,
            messages: 0,
            next_seq: 0,
            unreadable: Vec::new(),
            verdicts: Vec::new(),
        };
        if !fresh {
            let journal = read.open_table(JOURNAL).map_err(|e| io(dir, e))?;
            for entry in journal.iter().map_err(|e| io(dir, e))? {
                let (seq, bytes) = entry.map_err(|e| io(dir, e))?;
                restored.next_seq = seq.value() + 1;
                match decode_message(bytes.value()) {
                    Ok(m) => {
                        restored.messages += 1;
                        on_message(m);
                    }
                    Err(e) => {
                        restored.unreadable.push(format!("journal entry {}: {e}", seq.value()))
                    }
                }
            }
            let verdicts = read.open_table(VERDICTS).map_err(|e| io(dir, e))?;
            for entry in verdicts.iter().map_err(|e| io(dir, e))? {
                let (dev, code) = entry.map_err(|e| io(dir, e))?;
                restored.verdicts.extend(decode_verdict(dev.value(), code.value()));
            }
        }
        drop(read);
        let store = Self { db, dir: dir.to_path_buf() };
        if fresh {
            store.commit(0, &Batch::default(), &restored.meta)?;
        }
        Ok((store, restored))
    }

    /// Appends a batch (its first entry gets sequence number `seq`) and stores `meta`, in one
    /// durable transaction; returns the sequence number of the next entry.
    ///
    /// # Errors
    /// [`StateError::Io`]; nothing of the batch is stored then.
    pub fn commit(&self, mut seq: u64, batch: &Batch, meta: &Meta) -> Result<u64, StateError> {
        let dir = &self.dir;
        let tx = self.db.begin_write().map_err(|e| io(dir, e))?;
        {
            let mut m = tx.open_table(META).map_err(|e| io(dir, e))?;
            m.insert(META_KEY, meta.encode().as_slice()).map_err(|e| io(dir, e))?;
            let mut j = tx.open_table(JOURNAL).map_err(|e| io(dir, e))?;
            for bytes in &batch.messages {
                j.insert(seq, bytes.as_slice()).map_err(|e| io(dir, e))?;
                seq += 1;
            }
            let mut v = tx.open_table(VERDICTS).map_err(|e| io(dir, e))?;
            for (dev, code) in &batch.verdicts {
                v.insert(dev.to_string().as_str(), encode_verdict(*code))
                    .map_err(|e| io(dir, e))?;
            }
        }
        tx.commit().map_err(|e| io(dir, e))?;
        Ok(seq)
    }

    /// Journal entries stored.
    ///
    /// # Errors
    /// [`StateError::Io`].
    pub fn journal_len(&self) -> Result<u64, StateError> {
        let read = self.db.begin_read().map_err(|e| io(&self.dir, e))?;
        let t = read.open_table(JOURNAL).map_err(|e| io(&self.dir, e))?;
        t.len().map_err(|e| io(&self.dir, e))
    }

    /// The directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(i: u32) -> RawMessage {
        RawMessage {
            received_at: "2026-11-21T09:00:00Z".parse().unwrap(),
            topic: format!("eu868/gateway/0016c001f153a14c/event/up/{i}"),
            payload: i.to_be_bytes().to_vec(),
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-11-21T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_state_reopens_with_its_journal_in_order_its_verdicts_and_its_client_id() {
        let dir = tempfile::tempdir().unwrap();
        let (store, r) = StateStore::open(dir.path(), || "id-1".into(), now(), |_| {}).unwrap();
        assert!(r.fresh && r.meta.client_id == "id-1");
        let dev: DevEui = "0203040502030405".parse().unwrap();
        let mut seq = r.next_seq;
        for chunk in [0..3, 3..5] {
            let batch = Batch {
                messages: chunk.map(|i| super::super::encode_message(&msg(i))).collect(),
                verdicts: vec![(dev, VerdictCode::Healthy)],
            };
            seq = store.commit(seq, &batch, &r.meta).unwrap();
        }
        drop(store);
        let mut seen = Vec::new();
        let (store, r) =
            StateStore::open(dir.path(), || "id-2".into(), now(), |m| seen.push(m)).unwrap();
        assert!(!r.fresh && r.next_seq == 5);
        assert_eq!(r.meta.client_id, "id-1", "the client id is kept");
        assert_eq!(seen, (0..5).map(msg).collect::<Vec<_>>());
        assert_eq!(r.verdicts, vec![(dev, VerdictCode::Healthy)]);
        assert_eq!(store.journal_len().unwrap(), 5);
    }

    #[test]
    fn a_state_in_use_or_of_another_format_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = StateStore::open(dir.path(), || "a".into(), now(), |_| {}).unwrap();
        let e = StateStore::open(dir.path(), || "a".into(), now(), |_| {}).unwrap_err();
        assert!(e.to_string().contains("in use by another rmacheck watch"), "{e}");
        let mut meta = Meta::new("a".into(), now());
        meta.format = "rmacheck.state.v0".into();
        store.commit(0, &Batch::default(), &meta).unwrap();
        drop(store);
        let e = StateStore::open(dir.path(), || "a".into(), now(), |_| {}).unwrap_err();
        assert!(e.to_string().contains("format rmacheck.state.v0"), "{e}");
        let junk = tempfile::tempdir().unwrap();
        std::fs::write(junk.path().join(STORE_FILE), b"not a database at all").unwrap();
        let e = StateStore::open(junk.path(), || "a".into(), now(), |_| {}).unwrap_err();
        assert!(e.to_string().contains("cannot be used"), "{e}");
    }
}
