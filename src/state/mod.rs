//! `watch --state DIR`: what a watch keeps across restarts.
//!
//! The state is event-sourced: every message the watch ingested (and every "not observed"
//! record) is journalled, in ingest order, in an embedded store ([`store`], redb) together with
//! the current verdict of each device (so that `--events` does not repeat unchanged verdicts)
//! and a small [`Meta`] record (format, MQTT client id, start of the observation, last commit).
//! A restarted watch replays the journal through a fresh pipeline: every device's counters,
//! the learnt DevAddr mappings, gateway availability and the exactly-once window come back
//! exactly as they were, whatever the tracker's internal layout.
//!
//! The journal is written in batches (at least every [`COMMIT_INTERVAL_MS`] ms and whenever
//! [`COMMIT_BATCH`] messages wait), each an fsync'd redb transaction; the agent acknowledges a
//! QoS-1 message to the broker only after the batch holding it is committed. A watch killed
//! with SIGKILL therefore loses nothing: what was not committed was not acknowledged, and the
//! broker delivers it again to the persistent session; copies of what was committed are
//! dropped by the replayed exactly-once window.
//!
//! This module is sans-IO except [`store`]: formats, version checks and client ids are pure
//! functions tested from fixtures.

pub mod store;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::diagnosis::VerdictCode;
use crate::model::{DevEui, RawMessage};

pub use store::{Batch, Restored, StateStore};

/// The state format this version reads and writes.
pub const FORMAT: &str = "rmacheck.state.v1";
/// Longest time between two commits while messages wait, milliseconds.
pub const COMMIT_INTERVAL_MS: u64 = 250;
/// Messages waiting that trigger a commit at once (below Mosquitto's default of 20 QoS-1
/// messages in flight per client, so that holding acknowledgements never stalls the broker).
pub const COMMIT_BATCH: usize = 16;
/// The store's file inside the state directory.
pub const STORE_FILE: &str = "state.redb";

/// What the state knows about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// [`FORMAT`] of the version that created it.
    pub format: String,
    /// rmacheck version that last wrote it (informative).
    pub written_by: String,
    /// MQTT client id of the persistent session.
    pub client_id: String,
    /// Start of the observation (first run).
    pub started_at: DateTime<Utc>,
    /// Time of the last commit (agent clock): observation is certain up to here.
    pub last_at: DateTime<Utc>,
    /// Highest QoS the broker granted at the last subscription (0 when never subscribed).
    #[serde(default)]
    pub max_qos: u8,
}

impl Meta {
    /// A fresh state created at `now` for the client id `client_id`.
    #[must_use]
    pub fn new(client_id: String, now: DateTime<Utc>) -> Self {
        Self {
            format: FORMAT.into(),
            written_by: env!("CARGO_PKG_VERSION").into(),
            client_id,
            started_at: now,
            last_at: now,
            max_qos: 0,
        }
    }

    /// Reads the stored record and checks that this version can continue it.
    ///
    /// # Errors
    /// [`StateError::Incompatible`] for another format or an unreadable record.
    pub fn decode(bytes: &[u8], dir: &Path) -> Result<Self, StateError> {
        #[derive(Deserialize)]
        struct Format {
            format: Option<String>,
            written_by: Option<String>,
        }
        let incompatible = |found: String, by: Option<String>| StateError::Incompatible {
            dir: dir.display().to_string(),
            found,
            written_by: by.unwrap_or_else(|| "an unknown version".into()),
        };
        let head: Format = serde_json::from_slice(bytes)
            .map_err(|_| incompatible("an unreadable format record".into(), None))?;
        match head.format {
            Some(f) if f == FORMAT => {}
            Some(f) => return Err(incompatible(format!("format {f}"), head.written_by)),
            None => return Err(incompatible("no format record".into(), head.written_by)),
        }
        serde_json::from_slice(bytes)
            .map_err(|e| incompatible(format!("a damaged format record ({e})"), head.written_by))
    }

    /// The record as stored.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        // Strings, a number and dates: serialisation cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// The MQTT client id of a state directory: `rmacheck-s` and 12 hex digits of a hash of its
/// absolute path (22 characters, within MQTT 3.1.1's guaranteed 23). Fixed when the state is
/// created and kept in [`Meta`], so that a moved directory keeps its broker session.
#[must_use]
pub fn client_id_for(dir: &Path) -> String {
    let path = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let digest = Sha256::digest(path.to_string_lossy().as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("rmacheck-s{hex}")
}

/// One journalled message: the capture-file line (contract format, versioned with it).
#[must_use]
pub fn encode_message(m: &RawMessage) -> Vec<u8> {
    crate::capture::format_line(m).into_bytes()
}

/// A journalled message back.
///
/// # Errors
/// Why the entry cannot be read.
pub fn decode_message(bytes: &[u8]) -> Result<RawMessage, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    crate::capture::parse_line(text).map_err(|e| e.to_string())
}

/// A verdict as stored.
#[must_use]
pub fn encode_verdict(code: VerdictCode) -> &'static str {
    code.as_str()
}

/// A stored verdict back (`None` for a code this version does not know: it is then reported
/// again, which is harmless).
#[must_use]
pub fn decode_verdict(dev: &str, code: &str) -> Option<(DevEui, VerdictCode)> {
    let dev: DevEui = dev.parse().ok()?;
    let code: VerdictCode = serde_json::from_value(serde_json::Value::String(code.into())).ok()?;
    Some((dev, code))
}

/// Why the state cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Written by a version with another format.
    #[error(
        "the state directory {dir} was written by {written_by} ({found}); this version reads \
         {FORMAT}. Finish that watch with the version that wrote it, or start afresh with a new \
         --state directory (the old one can be deleted once it is no longer needed)"
    )]
    Incompatible {
        /// The directory.
        dir: String,
        /// What was found.
        found: String,
        /// The version that wrote it.
        written_by: String,
    },
    /// Another process has it open.
    #[error(
        "the state directory {dir} is in use by another rmacheck watch; stop that one first, \
         or give this watch its own --state directory"
    )]
    InUse {
        /// The directory.
        dir: String,
    },
    /// Reading or writing failed.
    #[error(
        "the state directory {dir} cannot be used: {reason} — check the path, free space and \
         permissions"
    )]
    Io {
        /// The directory.
        dir: String,
        /// What failed.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_meta_record_of_this_format_reads_back_as_written() {
        let m = Meta::new("rmacheck-s0123456789ab".into(), at("2026-11-21T09:00:00Z"));
        assert_eq!(Meta::decode(&m.encode(), Path::new("st")).unwrap(), m);
    }

    #[test]
    fn records_this_version_cannot_continue_are_refused_with_what_to_do() {
        let cases: [(&[u8], &str); 4] = [
            (
                br#"{"format":"rmacheck.state.v2","written_by":"9.0.0","client_id":"x"}"#,
                "written by 9.0.0 (format rmacheck.state.v2)",
            ),
            (br#"{"client_id":"x"}"#, "(no format record)"),
            (b"\x00\x01garbage", "(an unreadable format record)"),
            (br#"{"format":"rmacheck.state.v1","client_id":1}"#, "a damaged format record"),
        ];
        for (bytes, needle) in cases {
            let e = Meta::decode(bytes, Path::new("/srv/st")).unwrap_err().to_string();
            assert!(e.contains(needle), "expected '{needle}' in '{e}'");
            assert!(e.contains("/srv/st") && e.contains("start afresh with a new --state"), "{e}");
        }
    }

    #[test]
    fn client_ids_are_fixed_per_directory_and_short_enough_for_every_broker() {
        let a = client_id_for(Path::new("/var/lib/rmacheck/site-a"));
        assert_eq!(a, client_id_for(Path::new("/var/lib/rmacheck/site-a")));
        assert_ne!(a, client_id_for(Path::new("/var/lib/rmacheck/site-b")));
        assert!(a.starts_with("rmacheck-s") && a.len() == 22, "{a}");
    }

    #[test]
    fn journalled_messages_and_verdicts_read_back_unchanged() {
        let m = RawMessage {
            received_at: at("2026-11-21T09:00:00.123456Z"),
            topic: "eu868/gateway/0016c001f153a14c/event/up".into(),
            payload: vec![0, 159, 255, b'{'],
        };
        assert_eq!(decode_message(&encode_message(&m)).unwrap(), m);
        assert!(decode_message(b"\xff\xfe").unwrap_err().contains("not UTF-8"));
        let code = VerdictCode::Healthy;
        let back = decode_verdict("0203040502030405", encode_verdict(code));
        assert_eq!(back, Some(("0203040502030405".parse().unwrap(), code)));
        assert_eq!(decode_verdict("0203040502030405", "NO_SUCH_CODE"), None);
    }
}
