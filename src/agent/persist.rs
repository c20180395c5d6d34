//! `--state DIR` in the agent loop: restores the pipeline from the store at the start,
//! journals what is ingested, commits in batches (in a blocking task, off the loop's thread)
//! and acknowledges QoS-1 messages to the broker only once the batch holding them is stored.
//! The formats and the store are in [`crate::state`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use super::RecordError;
use crate::diagnosis::VerdictCode;
use crate::fleet::events::VerdictEvent;
use crate::model::{DevEui, RawMessage};
use crate::pipeline::Pipeline;
use crate::state::{
    Batch, COMMIT_BATCH, COMMIT_INTERVAL_MS, Meta, StateError, StateStore, client_id_for,
    encode_message,
};
use crate::transport::mqtt::Acker;

/// The store is written at least this often, even when nothing arrives (the time up to which
/// observation is certain moves on).
pub const HEARTBEAT: Duration = Duration::from_secs(10);

/// `--state` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateConfig {
    /// The state directory.
    pub dir: PathBuf,
    /// MQTT client id instead of the one kept in the state (`--client-id`).
    pub client_id: Option<String>,
}

/// What was restored, for the agent.
#[derive(Debug)]
pub(crate) struct Resumed {
    /// Start of the observation (first run).
    pub(crate) started_at: DateTime<Utc>,
    /// Not the first run: observation is certain up to this time, and the highest QoS
    /// granted then.
    pub(crate) previous: Option<(DateTime<Utc>, u8)>,
    /// Last verdicts.
    pub(crate) verdicts: Vec<(DevEui, VerdictCode)>,
    /// Messages replayed.
    pub(crate) messages: u64,
}

pub(crate) struct Persist {
    store: Arc<StateStore>,
    meta: Meta,
    next_seq: u64,
    batch: Batch,
    acks: Vec<u16>,
    acker: Option<Acker>,
    last_commit: Instant,
    observing: bool,
}

impl Persist {
    /// Opens the state, replays its journal into `pipeline` and returns the MQTT client id
    /// to use.
    pub(crate) fn open(
        config: &StateConfig,
        pipeline: &mut Pipeline,
        now: DateTime<Utc>,
    ) -> Result<(Self, Resumed, String), StateError> {
        let (store, restored) = StateStore::open(
            &config.dir,
            || client_id_for(&config.dir),
            now,
            |m| {
                pipeline.ingest(&m);
            },
        )?;
        for reason in restored.unreadable {
            pipeline.note_unreadable_line_reason(reason);
        }
        let mut meta = restored.meta;
        if let Some(id) = &config.client_id {
            meta.client_id.clone_from(id);
        }
        let client_id = meta.client_id.clone();
        let resumed = Resumed {
            started_at: meta.started_at,
            previous: (!restored.fresh).then_some((meta.last_at, meta.max_qos)),
            verdicts: restored.verdicts,
            messages: restored.messages,
        };
        let persist = Self {
            store: Arc::new(store),
            meta,
            next_seq: restored.next_seq,
            batch: Batch::default(),
            acks: Vec::new(),
            acker: None,
            last_commit: Instant::now(),
            observing: false,
        };
        Ok((persist, resumed, client_id))
    }

    pub(crate) fn set_acker(&mut self, acker: Option<Acker>) {
        self.acker = acker;
    }

    /// Drops the acknowledger (before the transport shuts down).
    pub(crate) fn drop_acker(&mut self) {
        self.acker = None;
    }

    /// A message or a gap record was ingested.
    pub(crate) fn journal(&mut self, raw: &RawMessage) {
        self.batch.messages.push(encode_message(raw));
    }

    /// A QoS-1 message to acknowledge once everything before it is stored.
    pub(crate) fn ack_later(&mut self, pkid: u16) {
        self.acks.push(pkid);
    }

    /// Verdicts that changed.
    pub(crate) fn verdicts(&mut self, changes: &[VerdictEvent]) {
        self.batch.verdicts.extend(changes.iter().map(|e| (e.dev_eui, e.to)));
    }

    /// Connected; without a resumed session the packet ids still to acknowledge belong to a
    /// session that is gone (and could name new messages of the new one).
    pub(crate) fn connected(&mut self, session_present: bool) {
        self.observing = true;
        if !session_present {
            self.acks.clear();
        }
    }

    /// The connection was lost at `at`: observation is certain up to there.
    pub(crate) fn lost(&mut self, at: DateTime<Utc>) {
        if self.observing {
            self.meta.last_at = at;
        }
        self.observing = false;
    }

    pub(crate) fn subscribed(&mut self, max_qos: u8) {
        self.meta.max_qos = max_qos;
    }

    /// Enough is waiting to commit at once.
    pub(crate) fn full(&self) -> bool {
        self.batch.messages.len().max(self.acks.len()) >= COMMIT_BATCH
    }

    /// Something waits longer than the commit interval, or the heartbeat is due.
    pub(crate) fn due(&self) -> bool {
        let waited = self.last_commit.elapsed();
        (!self.batch.is_empty() || !self.acks.is_empty())
            && waited >= Duration::from_millis(COMMIT_INTERVAL_MS)
            || waited >= HEARTBEAT
    }

    /// Stores what waits (in a blocking task) and then acknowledges its messages.
    pub(crate) async fn commit(&mut self, now: DateTime<Utc>) -> Result<(), RecordError> {
        if self.observing {
            self.meta.last_at = now;
        }
        // Taken with their batch: if storing it fails, its messages are never acknowledged
        // (the broker delivers them again after a restart).
        let batch = std::mem::take(&mut self.batch);
        let acks = std::mem::take(&mut self.acks);
        let store = self.store.clone();
        let meta = self.meta.clone();
        let seq = self.next_seq;
        let done = tokio::task::spawn_blocking(move || store.commit(seq, &batch, &meta))
            .await
            .map_err(|e| RecordError::StateTask(e.to_string()))?;
        self.next_seq = done.map_err(|e| RecordError::State(e.to_string()))?;
        self.last_commit = Instant::now();
        if let Some(acker) = &self.acker {
            for pkid in acks {
                acker.ack(pkid);
            }
        }
        Ok(())
    }
}
