//! What the agent tells its caller: [`Notice`]s while it runs, why it ended ([`EndReason`]) and
//! its message and connection [`Counters`].

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::tracker::gaps::Gap;
use crate::transport::ConnectionProblem;

/// A change worth telling the user about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// First connection attempt.
    Connecting {
        /// The broker URL.
        broker: String,
    },
    /// Connected (or reconnected).
    Connected {
        /// The broker URL.
        broker: String,
        /// The broker still had the session.
        session_present: bool,
        /// Not the first connection of the run.
        reconnect: bool,
    },
    /// The broker answered the subscription.
    Subscribed {
        /// Filters granted.
        granted: usize,
        /// Highest QoS granted.
        max_qos: u8,
        /// Filters refused.
        refused: Vec<String>,
    },
    /// A connection attempt failed or the connection was lost.
    ConnectionFailed {
        /// What happened and what to check.
        message: String,
        /// When the next attempt starts; `None`: no more attempts.
        retry_in: Option<Duration>,
    },
    /// Recording to a capture file.
    Recording {
        /// The file.
        path: PathBuf,
        /// The file already had content; new lines are appended.
        appending: bool,
    },
    /// A message larger than `--max-message-size` could not be read; the broker session was
    /// discarded so that it is not re-sent, and the watch reconnects.
    Oversized {
        /// Announced size, bytes.
        size: usize,
        /// The limit, bytes.
        limit: usize,
    },
    /// An interval in which messages were not observed (recorded in the capture too).
    NotObserved(Gap),
    /// `--state`: the state of an earlier run was restored.
    Resumed {
        /// Messages replayed from the state.
        messages: u64,
        /// Start of the observation (first run).
        since: DateTime<Utc>,
    },
    /// The run is ending.
    Stopping {
        /// Why.
        reason: EndReason,
    },
}

/// Why the run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndReason {
    /// The duration elapsed.
    Deadline,
    /// Ctrl-C.
    Interrupted,
    /// The caller's stop signal.
    Stopped,
    /// The transport gave up (bad credentials, TLS certificate refused, …).
    GaveUp(ConnectionProblem),
    /// Writing the capture file, the events or the state failed.
    RecordFailed(RecordError),
}

/// What could not be written while watching (the OS's or the store's reason as text, so that
/// notices stay comparable).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Writing `--record`'s capture file failed.
    #[error(
        "writing the capture file {} failed: {reason} — check free space and permissions; the \
         lines written so far are complete",
        .path.display()
    )]
    Capture {
        /// The capture file.
        path: PathBuf,
        /// The OS's reason.
        reason: String,
    },
    /// Writing the verdict events failed.
    #[error(
        "writing the events to {name} failed: {reason} — check free space and permissions; the \
         lines written so far are complete"
    )]
    Events {
        /// Where the events go.
        name: String,
        /// The OS's reason.
        reason: String,
    },
    /// A verdict event could not be written as JSON.
    #[error("{0}")]
    EventLine(String),
    /// The task storing the state did not finish.
    #[error(
        "storing the state failed: {0} — check the --state directory; a restarted watch \
         continues from the last stored point"
    )]
    StateTask(String),
    /// The store refused the state.
    #[error("{0}")]
    State(String),
}

impl fmt::Display for EndReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndReason::Deadline => f.write_str("the duration has elapsed"),
            EndReason::Interrupted => f.write_str("interrupted"),
            EndReason::Stopped => f.write_str("stopped"),
            EndReason::GaveUp(p) => f.write_str(&p.message),
            EndReason::RecordFailed(e) => write!(f, "{e}"),
        }
    }
}

/// Message and connection counters of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Messages delivered by the broker (including dropped copies).
    pub received: u64,
    /// Second copies dropped by the redelivery filter.
    pub dropped_redeliveries: u64,
    /// Messages recorded and ingested.
    pub ingested: u64,
    /// Messages the adapters could not decode.
    pub malformed: u64,
    /// Successful connections (1 + reconnects).
    pub connections: u64,
    /// Failed connection attempts and lost connections.
    pub connection_errors: u64,
    /// Messages larger than the limit (dropped unread; counted in `malformed` too).
    pub oversized: u64,
    /// Intervals not observed.
    pub gaps: u64,
}
