//! Adapters: pure functions from one MQTT message to normalized events.
//!
//! - One file per producer; [`decode`] picks the adapter from the topic (and, for gateway
//!   topics, sniffs JSON vs Protobuf from the payload, as ChirpStack does).
//! - Unknown topics are [`Decoded::Ignored`]; payloads that do not parse are
//!   [`Decoded::Malformed`], counted per source by the caller, never a panic.

use chrono::{DateTime, Utc};

use crate::model::{EventBody, Source};

/// Why a payload could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AdapterError(pub String);

/// The outcome of decoding one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// Not a topic rmacheck understands (or an event kind it does not use).
    Ignored,
    /// Decoded events (possibly none, e.g. a `location` event).
    Events {
        /// The producer.
        source: Source,
        /// Normalized events.
        events: Vec<EventBody>,
    },
    /// The topic was recognised but the payload is malformed.
    Malformed {
        /// The producer the topic belongs to.
        source: Source,
        /// What is wrong.
        error: AdapterError,
    },
}

/// Decodes one message by topic.
#[must_use]
pub fn decode(_topic: &str, _payload: &[u8], _received_at: DateTime<Utc>) -> Decoded {
    Decoded::Ignored
}
