//! The ingest pipeline: raw messages → adapters → tracker, with message indices and
//! malformed-message counts per source.
//!
//! Synchronous and deterministic: the received time of each message is the only clock.
//!
//! - Every message gets the next 0-based index (its position in the concatenated captures),
//!   whether or not an adapter understands it; capture lines that cannot be read at all take
//!   no index (they are counted in [`Pipeline::unreadable_lines`] and as malformed).
//! - Each decoded event is handed to the [`Tracker`] with its message's index and time.
//! - A second copy of a message ([`OfflineDedup`]: a redelivery, the same capture twice) keeps
//!   its index but is not decoded again; [`Pipeline::duplicates`] counts them.

use std::collections::BTreeMap;

use crate::adapters::{self, Decoded};
use crate::capture::dedup::{self, Digest, OfflineDedup};
use crate::model::{RawMessage, Source};
use crate::tracker::gaps::{GAP_TOPIC, Gap};
use crate::tracker::{MalformedMessage, Tracker, TrackerConfig, Window};

/// The `source` of an unreadable capture line in the malformed list.
pub const UNREADABLE_SOURCE: &str = "capture";

/// What can be worked out of one message alone, before the pipeline takes it in order: its
/// decoded events and its identity for de-duplication. Pure, so batches of messages are
/// prepared on several threads ([`prepare_all`]) and ingested in order with the same result.
#[derive(Debug)]
pub struct Prepared {
    digest: Digest,
    decoded: Decoded,
}

impl Prepared {
    /// Decodes `raw` and works out its identity.
    #[must_use]
    pub fn of(raw: &RawMessage) -> Self {
        let (decoded, stamp) = if raw.topic == GAP_TOPIC {
            (Decoded::Ignored, None)
        } else {
            adapters::decode_stamped(&raw.topic, &raw.payload, raw.received_at)
        };
        Self { digest: dedup::identity(raw, &stamp), decoded }
    }
}

/// [`Prepared::of`] every message, on up to `threads` threads; in the messages' order.
#[must_use]
pub fn prepare_all(raws: &[RawMessage], threads: usize) -> Vec<Prepared> {
    crate::parallel::map(raws, threads, Prepared::of)
}

/// How [`ingest_with`] takes messages: prepared [`Batch::MESSAGES`] at a time on `threads`
/// threads, then ingested in order with the unreadable lines among them (the same result as
/// ingesting each as it comes; with one thread every message is ingested as it is pushed).
#[derive(Debug)]
pub struct Batch {
    threads: usize,
    size: usize,
    messages: Vec<RawMessage>,
    /// Unreadable lines' reasons, each with the number of messages before it in the batch.
    unreadable: Vec<(usize, crate::catalog::Message)>,
}

impl Batch {
    /// Messages prepared together.
    pub const MESSAGES: usize = 2048;

    /// A batch prepared on `threads` threads.
    #[must_use]
    pub fn new(threads: usize) -> Self {
        Self {
            threads: threads.max(1),
            size: Self::MESSAGES,
            messages: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    /// Prepares `n` messages together instead of [`Batch::MESSAGES`] (at least one).
    #[must_use]
    pub fn size(mut self, n: usize) -> Self {
        self.size = n.max(1);
        self
    }

    /// Everything queued, prepared on the batch's threads (the batch is left empty).
    fn prepare(&mut self) -> PreparedBatch {
        let messages = std::mem::take(&mut self.messages);
        let prepared = prepare_all(&messages, self.threads);
        PreparedBatch { messages, prepared, unreadable: std::mem::take(&mut self.unreadable) }
    }

    fn is_full(&self) -> bool {
        self.messages.len() >= self.size
    }
}

/// A batch of messages prepared together, with the unreadable lines among them, ready to be
/// ingested in order.
#[derive(Debug)]
struct PreparedBatch {
    messages: Vec<RawMessage>,
    prepared: Vec<Prepared>,
    unreadable: Vec<(usize, crate::catalog::Message)>,
}

impl PreparedBatch {
    /// Ingests the batch; returns what is left of it (its messages and decoded events), to be
    /// freed on the reading thread.
    fn ingest_into(self, pipeline: &mut Pipeline, mut each: impl FnMut(u64)) -> Spent {
        let mut unreadable = self.unreadable.into_iter().peekable();
        for (i, (raw, p)) in self.messages.iter().zip(&self.prepared).enumerate() {
            while let Some((_, reason)) = unreadable.next_if(|(before, _)| *before <= i) {
                pipeline.note_unreadable_line_message(reason);
            }
            each(pipeline.ingest_prepared(raw, p));
        }
        for (_, reason) in unreadable {
            pipeline.note_unreadable_line_message(reason);
        }
        Spent { _messages: self.messages, _prepared: self.prepared }
    }
}

/// The messages and decoded events of an ingested batch, kept only to be dropped.
struct Spent {
    _messages: Vec<RawMessage>,
    _prepared: Vec<Prepared>,
}

/// Batches handed to the thread that ingests them while the next ones are read and prepared.
const IN_FLIGHT: usize = 1;

/// Where [`Feed`] sends what it is given.
enum Sink<'p, F: FnMut(u64)> {
    /// One thread: each message is ingested as it is pushed (`batch` stays empty).
    Here(&'p mut Pipeline, F),
    /// Several: prepared batches go to the ingesting thread, and come back spent to be freed
    /// here, off the ingesting thread (the one that limits the speed).
    Away(std::sync::mpsc::SyncSender<PreparedBatch>, std::sync::mpsc::Receiver<Spent>),
    /// The ingesting thread has gone (it panicked): what is pushed is dropped.
    Gone,
}

/// Messages given to [`ingest_with`]; see there.
pub struct Feed<'p, F: FnMut(u64)> {
    batch: Batch,
    sink: Sink<'p, F>,
}

impl<F: FnMut(u64)> std::fmt::Debug for Feed<'_, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Feed").field("batch", &self.batch).finish_non_exhaustive()
    }
}

impl<F: FnMut(u64)> Feed<'_, F> {
    /// Takes the next message.
    pub fn push(&mut self, raw: RawMessage) {
        match &mut self.sink {
            Sink::Here(pipeline, each) => each(pipeline.ingest(&raw)),
            Sink::Away(to, spent) => {
                self.batch.messages.push(raw);
                if self.batch.is_full() {
                    // Fails only once the ingesting thread has gone: it panicked, and the
                    // panic reaches the caller when the thread is joined. Nothing more is
                    // prepared for it.
                    if to.send(self.batch.prepare()).is_err() {
                        self.sink = Sink::Gone;
                        return;
                    }
                    while spent.try_recv().is_ok() {}
                }
            }
            Sink::Gone => {}
        }
    }

    /// Takes an unreadable line (see [`Pipeline::note_unreadable_line_message`]) in its place
    /// among the messages.
    pub fn push_unreadable(&mut self, reason: crate::catalog::Message) {
        match &mut self.sink {
            Sink::Here(pipeline, _) => pipeline.note_unreadable_line_message(reason),
            Sink::Away(..) => self.batch.unreadable.push((self.batch.messages.len(), reason)),
            Sink::Gone => {}
        }
    }

    fn finish(mut self) {
        if let Sink::Away(to, _) = &self.sink {
            let _ = to.send(self.batch.prepare());
        }
    }
}

/// Ingests into `pipeline` the messages that `feed` pushes, with the same result as
/// [`Pipeline::ingest`] of each in turn: with several threads, each batch is prepared on the
/// calling thread and its helpers while another thread ingests the batches before it, in
/// order (`each` is called there with the index of every message). With one thread
/// everything happens on the calling thread.
pub fn ingest_with<T>(
    pipeline: &mut Pipeline,
    batch: Batch,
    each: impl FnMut(u64) + Send,
    feed: impl FnOnce(&mut Feed<'_, &mut dyn FnMut(u64)>) -> T,
) -> T {
    let mut each = each;
    if batch.threads <= 1 {
        let each: &mut dyn FnMut(u64) = &mut each;
        let mut f = Feed { batch, sink: Sink::Here(pipeline, each) };
        let out = feed(&mut f);
        f.finish();
        return out;
    }
    let (to, from) = std::sync::mpsc::sync_channel::<PreparedBatch>(IN_FLIGHT);
    let (spent_to, spent) = std::sync::mpsc::channel::<Spent>();
    std::thread::scope(|scope| {
        let ingesting = scope.spawn(move || {
            for batch in from {
                // Freed by the reading thread, or here once it has stopped taking them.
                let _ = spent_to.send(batch.ingest_into(pipeline, &mut each));
            }
        });
        let mut f = Feed { batch, sink: Sink::Away(to, spent) };
        let out = feed(&mut f);
        f.finish();
        if let Err(panic) = ingesting.join() {
            std::panic::resume_unwind(panic);
        }
        out
    })
}

/// Feeds messages through the adapters into a tracker.
#[derive(Debug, Default)]
pub struct Pipeline {
    tracker: Tracker,
    next_index: u64,
    malformed: BTreeMap<Source, u64>,
    by_source: BTreeMap<Source, u64>,
    unreadable: u64,
    window: Option<Window>,
    dedup: OfflineDedup,
}

impl Pipeline {
    /// A pipeline whose tracker uses `config`.
    #[must_use]
    pub fn new(config: TrackerConfig) -> Self {
        Self::with_tracker(Tracker::new(config))
    }

    /// A pipeline feeding an existing tracker (e.g. one built with other limits).
    #[must_use]
    pub fn with_tracker(tracker: Tracker) -> Self {
        Self { tracker, ..Self::default() }
    }

    /// Ingests one message and returns its 0-based index.
    pub fn ingest(&mut self, raw: &RawMessage) -> u64 {
        self.ingest_prepared(raw, &Prepared::of(raw))
    }

    /// Ingests one message already [prepared](Prepared::of) (on any thread); returns its
    /// 0-based index. The same as [`ingest`](Self::ingest).
    pub fn ingest_prepared(&mut self, raw: &RawMessage, prepared: &Prepared) -> u64 {
        let index = self.next_index;
        self.next_index += 1;
        self.extend_window(raw.received_at);
        self.tracker.observe_time(raw.received_at);
        let Prepared { digest, decoded } = prepared;
        if !self.dedup.first_copy_of(*digest) {
            return index;
        }
        if raw.topic == GAP_TOPIC {
            match Gap::from_payload(&raw.payload) {
                Ok(gap) => self.tracker.note_gap(gap),
                Err(e) => {
                    self.unreadable += 1;
                    self.tracker.note_malformed_reason(MalformedMessage::of(
                        Some(index),
                        UNREADABLE_SOURCE,
                        e,
                    ));
                }
            }
            return index;
        }
        match decoded {
            Decoded::Ignored => {}
            Decoded::Events { events, source } => {
                *self.by_source.entry(*source).or_insert(0) += 1;
                for event in events {
                    self.tracker.ingest(index, raw.received_at, event);
                }
            }
            Decoded::Malformed { source, error } => {
                *self.malformed.entry(*source).or_insert(0) += 1;
                *self.by_source.entry(*source).or_insert(0) += 1;
                self.tracker.note_malformed_reason(MalformedMessage::of(
                    Some(index),
                    source.as_str(),
                    error.message(),
                ));
            }
        }
        index
    }

    /// Counts a capture line that could not be read at all (it still takes no index).
    pub fn note_unreadable_line(&mut self) {
        self.unreadable += 1;
        self.tracker.note_malformed();
    }

    /// Second copies of messages, taken once (see [`OfflineDedup`]).
    #[must_use]
    pub fn duplicates(&self) -> u64 {
        self.dedup.dropped()
    }

    /// Counts a capture line that could not be read at all, keeping why (`reason` names the
    /// file and line); it takes no index.
    pub fn note_unreadable_line_reason(&mut self, reason: String) {
        self.unreadable += 1;
        self.tracker.note_malformed_reason(MalformedMessage {
            index: None,
            source: UNREADABLE_SOURCE.to_string(),
            reason,
            ..MalformedMessage::default()
        });
    }

    /// Counts a capture line that could not be read at all, keeping why as a catalog message
    /// (`malformed-line-at`: it names the file and line); it takes no index.
    pub fn note_unreadable_line_message(&mut self, reason: crate::catalog::Message) {
        self.unreadable += 1;
        self.tracker.note_malformed_reason(MalformedMessage::of(None, UNREADABLE_SOURCE, reason));
    }

    /// The most recent malformed message or unreadable line, with its reason (for live
    /// displays).
    #[must_use]
    pub fn last_malformed(&self) -> Option<&MalformedMessage> {
        self.tracker.last_malformed()
    }

    /// The first [`MALFORMED_LISTED`](crate::tracker::MALFORMED_LISTED) malformed messages.
    #[must_use]
    pub fn malformed(&self) -> &[MalformedMessage] {
        self.tracker.malformed()
    }

    /// Capture lines that could not be read.
    #[must_use]
    pub fn unreadable_lines(&self) -> u64 {
        self.unreadable
    }

    fn extend_window(&mut self, at: chrono::DateTime<chrono::Utc>) {
        self.window = Some(match self.window {
            None => Window { from: at, to: at },
            Some(w) => Window { from: w.from.min(at), to: w.to.max(at) },
        });
    }

    /// First and last received time of all messages ingested.
    #[must_use]
    pub fn window(&self) -> Option<Window> {
        self.window
    }

    /// Messages ingested.
    #[must_use]
    pub fn messages(&self) -> u64 {
        self.next_index
    }

    /// Messages per source (decoded or malformed; not those of unknown topics).
    #[must_use]
    pub fn messages_by_source(&self) -> &BTreeMap<Source, u64> {
        &self.by_source
    }

    /// Malformed payloads per source.
    #[must_use]
    pub fn malformed_by_source(&self) -> &BTreeMap<Source, u64> {
        &self.malformed
    }

    /// The tracker.
    #[must_use]
    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    /// Consumes the pipeline, returning its tracker.
    #[must_use]
    pub fn into_tracker(self) -> Tracker {
        self.tracker
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(i: u32) -> RawMessage {
        RawMessage {
            received_at: chrono::DateTime::from_timestamp(1_795_255_200 + i64::from(i), 0)
                .unwrap_or_default(),
            topic: format!("eu868/gateway/0016c001f1{i:06x}/event/stats"),
            payload: br#"{"rxPacketsReceived":1}"#.to_vec(),
        }
    }

    #[test]
    fn a_panic_on_the_ingesting_thread_reaches_the_caller_once_the_feed_is_done() {
        let mut pipeline = Pipeline::default();
        let mut pushed = 0;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ingest_with(
                &mut pipeline,
                Batch::new(2).size(4),
                |i| assert!(i < 10, "index {i}"),
                |feed| {
                    for i in 0..1_000 {
                        feed.push(message(i));
                        pushed += 1;
                    }
                },
            );
        }));
        assert!(caught.is_err());
        assert_eq!(pushed, 1_000, "the feed is not stopped, only no longer prepared");
    }

    #[test]
    fn fed_messages_are_ingested_in_order_whatever_the_threads() {
        for threads in [1, 2, 3] {
            let mut pipeline = Pipeline::default();
            let mut seen = Vec::new();
            ingest_with(
                &mut pipeline,
                Batch::new(threads).size(7),
                |i| seen.push(i),
                |feed| {
                    for i in 0..100 {
                        feed.push(message(i));
                        if i % 10 == 0 {
                            feed.push_unreadable(crate::catalog::Message::plain(
                                "malformed-line-no-format",
                            ));
                        }
                    }
                },
            );
            assert_eq!(seen, (0..100).collect::<Vec<u64>>(), "{threads} threads");
            assert_eq!((pipeline.messages(), pipeline.unreadable_lines()), (100, 10), "{threads}");
        }
    }
}
