//! Observation gaps: intervals in which rmacheck was not listening ("not observed").
//!
//! A gap is evidence like any message: `watch` learns of one from its transport (a lost
//! connection, a reconnect without the broker session, a message too large to read) and
//! records it in the capture as a message on the reserved topic [`GAP_TOPIC`], so that
//! `inspect`, `diagnose` and `report` see the same intervals offline.
//!
//! What a gap changes, and nothing more:
//! - frame counters skipped between two uplinks that have a gap (with possible loss) between
//!   them are not the device's loss: they move from `stats.fcnt_missing` to
//!   `stats.fcnt_missing_unobserved`;
//! - every gap that overlaps the observation window is listed in the device record
//!   (`not_observed`), so that silence inside it is shown as "not observed", not as silence.
//!
//! Gaps are few (one per reconnect); at most [`MAX_GAPS`] are kept (the longest survive, the
//! total count keeps counting).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{DeviceRecord, Window};
use crate::model::RawMessage;

/// The topic of gap records in a capture. Topics starting with `$` cannot be matched by the
/// wildcard subscriptions `watch` makes, so no broker message can pose as one.
pub const GAP_TOPIC: &str = "$rmacheck/not-observed";

/// Gaps kept per run.
pub const MAX_GAPS: usize = 1024;

/// Why rmacheck was not listening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// The connection was lost and came back with the broker session resumed.
    Disconnected,
    /// The connection came back without the broker session: what was queued is gone.
    SessionNotResumed,
    /// A message larger than `--max-message-size` could not be read; the broker session was
    /// discarded so that it is not re-sent.
    OversizedMessage,
}

impl GapReason {
    /// The reason as written in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            GapReason::Disconnected => "disconnected",
            GapReason::SessionNotResumed => "session_not_resumed",
            GapReason::OversizedMessage => "oversized_message",
        }
    }
}

/// One interval in which messages were not observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// Start (the connection was lost).
    pub from: DateTime<Utc>,
    /// End (the next connection was acknowledged).
    pub to: DateTime<Utc>,
    /// Why.
    pub reason: GapReason,
    /// Messages published in the interval may be missing (no resumed session, QoS 0 only, or a
    /// discarded session).
    pub loss_possible: bool,
}

impl Gap {
    /// The capture message that records this gap (received at its end).
    #[must_use]
    pub fn to_message(&self) -> RawMessage {
        // Serialising plain data cannot fail.
        let payload = serde_json::to_vec(self).unwrap_or_default();
        RawMessage { received_at: self.to, topic: GAP_TOPIC.to_string(), payload }
    }

    /// Reads a gap record's payload.
    ///
    /// # Errors
    /// What is wrong with it.
    pub fn from_payload(payload: &[u8]) -> Result<Self, crate::catalog::Message> {
        let gap: Gap = serde_json::from_slice(payload).map_err(|e| {
            crate::catalog::Message::new(
                "malformed-gap-not-record",
                crate::catalog::args! { "reason" => e.to_string() },
            )
        })?;
        if gap.to < gap.from {
            return Err(crate::catalog::Message::plain("malformed-gap-backwards"));
        }
        Ok(gap)
    }

    /// One line for terminals: `2026-11-21T09:00:05Z – 09:00:35Z (session not resumed:
    /// messages may have been lost)`.
    #[must_use]
    pub fn describe(&self) -> String {
        let from = self.from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let to = if self.to.date_naive() == self.from.date_naive() {
            self.to.format("%H:%M:%SZ").to_string()
        } else {
            self.to.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        let loss = if self.loss_possible {
            "messages may have been lost"
        } else {
            "the broker kept the session; queued messages followed"
        };
        format!("{from} – {to} ({}: {loss})", self.reason.as_str().replace('_', " "))
    }

    fn overlaps(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.from < to && self.to > from
    }
}

/// The gaps of a run or of some captures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gaps {
    list: Vec<Gap>,
    total: u64,
}

impl Gaps {
    /// Adds one gap (an identical one already known is not added twice).
    pub fn note(&mut self, gap: Gap) {
        if self.list.contains(&gap) {
            return;
        }
        self.total += 1;
        self.list.push(gap);
        if self.list.len() > MAX_GAPS {
            // Keep the longest: they are the ones that can hide a device's behaviour.
            if let Some((i, _)) = self.list.iter().enumerate().min_by_key(|(_, g)| g.to - g.from) {
                self.list.remove(i);
            }
        }
        self.list.sort_by_key(|g| (g.from, g.to));
    }

    /// The gaps kept, in time order.
    #[must_use]
    pub fn list(&self) -> &[Gap] {
        &self.list
    }

    /// Gaps noted (including those no longer kept).
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether any gap with possible loss lies (partly) between `a` and `b`.
    #[must_use]
    pub fn lossy_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
        self.list.iter().any(|g| g.loss_possible && g.overlaps(a, b))
    }

    /// Whether any gap may have lost messages.
    #[must_use]
    pub fn loss_possible(&self) -> bool {
        self.list.iter().any(|g| g.loss_possible)
    }

    /// How long within `window` was not observed (overlapping gaps counted once).
    #[must_use]
    pub fn unobserved(&self, window: Window) -> chrono::Duration {
        let mut total = chrono::Duration::zero();
        let mut end = window.from;
        for g in &self.list {
            let from = g.from.max(end);
            let to = g.to.min(window.to);
            if to > from {
                total += to - from;
                end = to;
            }
        }
        total
    }

    /// Adds the gaps to a device record: lists those overlapping `window` (when given) and moves
    /// frame counters skipped across a lossy gap from `fcnt_missing` to
    /// `fcnt_missing_unobserved`.
    pub fn apply(&self, record: &mut DeviceRecord, window: Option<Window>) {
        if self.list.is_empty() {
            return;
        }
        record.not_observed = self
            .list
            .iter()
            .filter(|g| window.is_none_or(|w| g.from <= w.to && g.to >= w.from))
            .cloned()
            .collect();
        let mut frames: Vec<_> = record.uplinks.iter().filter(|u| !u.retransmission).collect();
        frames.sort_by_key(|u| u.index);
        let mut moved = 0u64;
        for pair in frames.windows(2) {
            let [a, b] = pair else { continue };
            if a.session != b.session || b.f_cnt <= a.f_cnt.saturating_add(1) {
                continue;
            }
            if self.lossy_between(a.at, b.at) {
                moved += u64::from(b.f_cnt - a.f_cnt - 1);
            }
        }
        let moved = moved.min(record.stats.fcnt_missing);
        record.stats.fcnt_missing -= moved;
        record.stats.fcnt_missing_unobserved += moved;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DevAddr;
    use crate::tracker::UplinkRecord;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_255_200 + s, 0).unwrap_or_default()
    }

    #[test]
    fn an_unreadable_gap_record_says_why_in_english_as_before_and_in_the_chosen_language() {
        let backwards = gap(10, 5, true).to_message().payload;
        let Err(why) = Gap::from_payload(&backwards) else { panic!("a backwards gap is read") };
        assert_eq!(why.render(crate::model::Lang::En), "gap record ends before it starts");
        assert_eq!(
            why.render(crate::model::Lang::Fr),
            "l’enregistrement de lacune se termine avant de commencer"
        );
        let Err(why) = Gap::from_payload(b"x") else { panic!("'x' is read") };
        let en = why.render(crate::model::Lang::En);
        assert!(
            en.starts_with("not a gap record (")
                && en.ends_with("); written by `rmacheck watch --record`"),
            "{en}"
        );
        assert!(why.render(crate::model::Lang::De).starts_with("kein Lückeneintrag ("));
    }

    fn gap(from: i64, to: i64, loss: bool) -> Gap {
        Gap {
            from: t(from),
            to: t(to),
            reason: if loss { GapReason::SessionNotResumed } else { GapReason::Disconnected },
            loss_possible: loss,
        }
    }

    fn uplink(index: u64, at: i64, f_cnt: u32) -> UplinkRecord {
        UplinkRecord {
            index,
            at: t(at),
            dev_addr: DevAddr(0x0102_0304),
            f_cnt,
            f_port: Some(1),
            confirmed: false,
            tx: crate::model::TxParams::default(),
            receptions: Vec::new(),
            session: 0,
            mic: crate::frame::MicStatus::Unchecked,
            retransmission: false,
        }
    }

    #[test]
    fn a_gap_record_survives_the_capture_round_trip() {
        let g = gap(10, 70, true);
        let m = g.to_message();
        assert_eq!((m.topic.as_str(), m.received_at), (GAP_TOPIC, t(70)));
        assert_eq!(Gap::from_payload(&m.payload).as_ref(), Ok(&g));
        assert!(Gap::from_payload(b"{}").is_err());
        let backwards = Gap { from: t(5), to: t(1), ..gap(0, 0, true) };
        assert!(Gap::from_payload(&backwards.to_message().payload).is_err());
        assert_eq!(
            g.describe(),
            "2026-11-21T10:00:10Z – 10:01:10Z (session not resumed: messages may have been lost)"
        );
    }

    #[test]
    fn frames_skipped_across_a_lossy_gap_are_not_counted_against_the_device() {
        // FCnt 1 (t 0), 4 (t 10: 2 missing), 5 (t 20), 17 (t 50: 11 missing).
        let cases: [(&str, Vec<Gap>, (u64, u64)); 5] = [
            ("no gap", vec![], (13, 0)),
            ("a lossy gap between frames 5 and 17", vec![gap(25, 40, true)], (2, 11)),
            ("a lossy gap between frames 1 and 4", vec![gap(2, 8, true)], (11, 2)),
            ("a gap with the session resumed loses nothing", vec![gap(25, 40, false)], (13, 0)),
            ("a gap after the last frame", vec![gap(80, 90, true)], (13, 0)),
        ];
        for (name, list, want) in cases {
            let mut gaps = Gaps::default();
            for g in list {
                gaps.note(g);
            }
            let mut rec = DeviceRecord {
                uplinks: vec![
                    uplink(0, 0, 1),
                    uplink(1, 10, 4),
                    uplink(2, 20, 5),
                    uplink(3, 50, 17),
                ],
                ..DeviceRecord::default()
            };
            rec.stats.fcnt_missing = 13;
            gaps.apply(&mut rec, None);
            let got = (rec.stats.fcnt_missing, rec.stats.fcnt_missing_unobserved);
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn unobserved_time_counts_overlapping_gaps_once_and_only_inside_the_window() {
        let mut gaps = Gaps::default();
        for g in [gap(-10, 10, true), gap(5, 20, false), gap(50, 60, true), gap(95, 130, true)] {
            gaps.note(g);
        }
        let w = Window { from: t(0), to: t(100) };
        assert_eq!(gaps.unobserved(w), chrono::Duration::seconds(20 + 10 + 5));
        assert!(gaps.lossy_between(t(52), t(55)));
        assert!(!gaps.lossy_between(t(25), t(45)));
        let mut rec = DeviceRecord::default();
        gaps.apply(&mut rec, Some(Window { from: t(30), to: t(70) }));
        assert_eq!(rec.not_observed, vec![gap(50, 60, true)]);
    }

    #[test]
    fn the_same_gap_is_noted_once_and_the_list_stays_bounded() {
        let mut gaps = Gaps::default();
        gaps.note(gap(0, 5, true));
        gaps.note(gap(0, 5, true));
        assert_eq!(gaps.total(), 1);
        for i in 0..(MAX_GAPS as i64 + 10) {
            gaps.note(gap(100 + i * 10, 101 + i * 10, true));
        }
        assert_eq!(gaps.list().len(), MAX_GAPS);
        assert!(gaps.list().contains(&gap(0, 5, true)), "the longest gap is kept");
        assert_eq!(gaps.total(), MAX_GAPS as u64 + 11);
    }
}
