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
use crate::capture::dedup::OfflineDedup;
use crate::model::{RawMessage, Source};
use crate::tracker::gaps::{GAP_TOPIC, Gap};
use crate::tracker::{MalformedMessage, Tracker, TrackerConfig, Window};

/// The `source` of an unreadable capture line in the malformed list.
pub const UNREADABLE_SOURCE: &str = "capture";

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
        let index = self.next_index;
        self.next_index += 1;
        self.extend_window(raw.received_at);
        self.tracker.observe_time(raw.received_at);
        if !self.dedup.first_copy(raw) {
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
        match adapters::decode(&raw.topic, &raw.payload, raw.received_at) {
            Decoded::Ignored => {}
            Decoded::Events { events, source } => {
                *self.by_source.entry(source).or_insert(0) += 1;
                for event in &events {
                    self.tracker.ingest(index, raw.received_at, event);
                }
            }
            Decoded::Malformed { source, error } => {
                *self.malformed.entry(source).or_insert(0) += 1;
                *self.by_source.entry(source).or_insert(0) += 1;
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
