//! `FRAME_COUNTER_RESET`: the uplink frame counter restarts without a rejoin.
//!
//! Restarts come from the tracker (a lower FCnt in the same session) and from NS logs
//! `UPLINK_F_CNT_RESET` (ChirpStack drops those frames, so the tracker may see only the logs).
//!
//! | restarts | NS drops frames | device | verdict |
//! |---|---|---|---|
//! | ≥ [`MIN_FCNT_RESETS`] | any | any | `device_suspect` (reboots, brown-outs, NVM) |
//! | 1 | yes | ABP (profile, or no join seen) | `configuration` (no FCnt persistence) |
//! | 1 | yes | OTAA | `device_suspect` (keeps the session, loses the counter) |
//! | 1 | no | any | thin: watch 1 d; holds back only `HEALTHY` |
//!
//! "Drops frames": `UPLINK_F_CNT_RESET` logs, or frames the gateways heard after the restart
//! that never reached the application topics (when the capture has them).

use chrono::{DateTime, Utc};

use super::{Candidate, Outcome};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::backoff::Expectation;
use crate::diagnosis::facts::{CODE_FCNT_RESET, Facts, log_code};
use crate::diagnosis::thresholds::{FCNT_RESET_WATCH_S, MIN_FCNT_RESETS};
use crate::diagnosis::{Cause, Severity, VerdictClass, VerdictCode};
use crate::tracker::DUP_WINDOW_MS;

/// Restart episodes seen in `UPLINK_F_CNT_RESET` logs: one per run of logs whose `f_cnt_up`
/// keeps rising (a new episode starts when it drops), with the first log's index.
#[must_use]
pub fn log_episodes(f: &Facts<'_>) -> Vec<u64> {
    let mut episodes = Vec::new();
    let mut last: Option<u64> = None;
    for l in f.record.logs.iter().filter(|l| log_code(l) == CODE_FCNT_RESET) {
        let fc = l.context.get("f_cnt_up").and_then(|v| v.parse::<u64>().ok());
        let new_episode = match (last, fc) {
            (None, _) => true,
            (Some(prev), Some(now)) => now < prev,
            (Some(_), None) => false,
        };
        if new_episode {
            episodes.push(l.index);
        }
        if fc.is_some() || last.is_none() {
            last = Some(fc.unwrap_or(0));
        }
    }
    episodes
}

/// Frames the network server dropped after the first restart: its `UPLINK_F_CNT_RESET` logs,
/// or — when the capture has the application topics (an application uplink was seen before
/// the restart) — frames the gateways heard that never reached the application.
#[must_use]
pub fn dropped_frames(f: &Facts<'_>, first_restart: Option<u64>) -> (usize, Vec<u64>) {
    let logs: Vec<u64> =
        f.record.logs.iter().filter(|l| log_code(l) == CODE_FCNT_RESET).map(|l| l.index).collect();
    let Some(first) = first_restart else { return (logs.len(), logs) };
    let apps = app_uplinks(f);
    let app_before = apps.iter().any(|e| e.index < first);
    let mut unreached = Vec::new();
    if app_before {
        for u in f.record.uplinks.iter().filter(|u| u.index >= first && !u.retransmission) {
            let reached = apps.iter().any(|e| {
                e.f_cnt == Some(u.f_cnt)
                    && e.at.is_some_and(|at| (at - u.at).num_milliseconds().abs() <= DUP_WINDOW_MS)
            });
            if !reached {
                unreached.push(u.index);
            }
        }
    }
    if unreached.len() > logs.len() { (unreached.len(), unreached) } else { (logs.len(), logs) }
}

/// An application uplink of the timeline.
struct AppSeen {
    index: u64,
    at: Option<DateTime<Utc>>,
    f_cnt: Option<u32>,
}

/// The timeline's application uplinks (from its digest when the tracker kept no timeline).
fn app_uplinks(f: &Facts<'_>) -> Vec<AppSeen> {
    match &f.record.timeline_digest {
        Some(d) => d
            .app_uplinks
            .iter()
            .map(|e| AppSeen { index: e.index, at: Some(e.at), f_cnt: e.f_cnt })
            .collect(),
        None => f
            .record
            .timeline
            .iter()
            .filter(|e| e.kind == "app_uplink")
            .map(|e| AppSeen { index: e.index, at: e.at, f_cnt: e.f_cnt })
            .collect(),
    }
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let resets = &f.record.fcnt_resets;
    let episodes = log_episodes(f);
    // The stats block counts every restart (the kept list is bounded).
    let n = (f.record.stats.fcnt_resets as usize).max(resets.len()).max(episodes.len());
    if n == 0 {
        return Outcome::none();
    }
    let first = resets.iter().map(|r| r.index).chain(episodes.iter().copied()).min();
    let (dropped, dropped_evidence) = dropped_frames(f, first);
    let mut evidence: Vec<u64> = resets.iter().map(|r| r.index).collect();
    evidence.extend(episodes.iter().copied());
    evidence.extend(dropped_evidence);
    let mut steps: Vec<Arg> = resets
        .iter()
        .take(3)
        .map(|r| {
            Arg::from(Message::new(
                "fcnt-reset-step",
                args! { "from" => r.from, "to" => r.to, "index" => r.index },
            ))
        })
        .collect();
    if resets.len() > 3 {
        steps.push(Arg::from("…"));
    }
    let details = if steps.is_empty() {
        Arg::from("")
    } else {
        Arg::from(Message::new("fcnt-reset-details", args! { "list" => steps }))
    };
    let observation = Message::new(
        "fcnt-reset-seen",
        args! { "n" => n, "details" => details, "dropped" => dropped },
    );
    let no_joins = f.record.join_attempts.is_empty() && f.record.app_joins.is_empty();
    let abp = match f.profile {
        Some(p) if !p.file.supports_join => "profile",
        None if no_joins => "maybe",
        _ => "no",
    };
    let candidate = if n >= MIN_FCNT_RESETS {
        Candidate::sufficient_text(
            VerdictCode::FrameCounterReset,
            VerdictClass::DeviceSuspect,
            Message::new("fcnt-reset-reboots", args! { "seen" => observation, "abp" => abp }),
            evidence.clone(),
        )
        .with_cause(Cause::CounterRestart)
    } else if dropped > 0 && abp != "no" {
        // One restart the server drops frames for, on an ABP device: no FCnt persistence.
        Candidate::sufficient_text(
            VerdictCode::FrameCounterReset,
            VerdictClass::Configuration,
            Message::new("fcnt-reset-abp-now", args! { "seen" => observation, "abp" => abp }),
            evidence.clone(),
        )
        .with_cause(Cause::AbpCounterRestart)
    } else if dropped > 0 {
        // One restart on an OTAA device that kept its session: it lost its counter.
        Candidate::sufficient_text(
            VerdictCode::FrameCounterReset,
            VerdictClass::DeviceSuspect,
            Message::new("fcnt-reset-otaa-now", args! { "seen" => observation }),
            evidence.clone(),
        )
        .with_cause(Cause::CounterRestart)
    } else {
        let mut c = Candidate::thin_text(
            VerdictCode::FrameCounterReset,
            VerdictClass::DeviceSuspect,
            observation,
            Message::plain("fcnt-reset-needed"),
            Expectation {
                seconds: FCNT_RESET_WATCH_S,
                basis: crate::catalog::Message::plain("basis-brown-outs-recur"),
            },
            evidence.clone(),
        );
        c.blocking = false;
        c
    };
    let severity = if candidate.sufficient { Severity::Error } else { Severity::Warning };
    Outcome::stated(candidate, "FRAME_COUNTER_RESET", severity, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};

    #[test]
    fn repeated_restarts_make_the_device_suspect() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 100..110, 8.0, 7);
        b.reset(6000, 109, 0);
        b.uplink_at(6000, 0, 8.0, 7);
        b.reset(9000, 5, 0);
        b.uplink_at(9000, 0, 8.0, 7);
        let c = run_rule(evaluate, &b.build(), 0, 10_000).candidate.unwrap();
        assert_eq!(
            (c.code, c.class, c.sufficient),
            (VerdictCode::FrameCounterReset, VerdictClass::DeviceSuspect, true)
        );
        assert!(c.summary_en().contains("FCnt 109 → 0"), "{}", c.summary_en());
        assert!(c.summary_en().contains("If this is an ABP device"), "{}", c.summary_en());
    }

    #[test]
    fn one_restart_is_thin_and_does_not_block_other_problems() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 100..110, 8.0, 7);
        b.reset(6000, 109, 0);
        let c = run_rule(evaluate, &b.build(), 0, 10_000).candidate.unwrap();
        assert!(!c.sufficient && !c.blocking);
        assert!(c.summary_en().contains("battery change"), "{}", c.summary_en());
        assert!(c.summary_en().contains("watch at least 1 d more"), "{}", c.summary_en());
    }

    #[test]
    fn chirpstack_reset_logs_count_as_episodes() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 100..105, 8.0, 7);
        for (s, fc) in [(4000, "0"), (4600, "1"), (5200, "2"), (7000, "0"), (7600, "1")] {
            b.log(s, "UPLINK_F_CNT_RESET", &[("f_cnt_up", fc)]);
        }
        let c = run_rule(evaluate, &b.build(), 0, 8000).candidate.unwrap();
        assert!(c.sufficient);
        assert!(c.summary_en().contains("restarted 2 times"), "{}", c.summary_en());
        assert!(c.summary_en().contains("dropped 5 frames"), "{}", c.summary_en());
    }

    #[test]
    fn a_timeline_digest_tells_the_rule_which_frames_reached_the_application() {
        use crate::tracker::{AppUplinkSeen, TimelineDigest};
        let mut b = Rb::new();
        b.uplinks(10, 600, 100..103, 8.0, 7);
        b.reset(2000, 102, 0);
        b.uplinks(2000, 600, 0..4, 8.0, 7);
        let mut with_timeline = b.build();
        // Frames 100, 101 and, after the restart, 1 reached the application.
        let reached: Vec<(u64, chrono::DateTime<chrono::Utc>, u32)> = with_timeline
            .uplinks
            .iter()
            .filter(|u| [100, 101, 1].contains(&u.f_cnt))
            .map(|u| (u.index + 1, u.at + chrono::Duration::milliseconds(200), u.f_cnt))
            .collect();
        for (index, at, f_cnt) in &reached {
            with_timeline.timeline.push(crate::tracker::TimelineEntry {
                index: *index,
                at: Some(*at),
                kind: "app_uplink".into(),
                f_cnt: Some(*f_cnt),
                ..Default::default()
            });
        }
        let mut with_digest = with_timeline.clone();
        with_digest.timeline.clear();
        with_digest.timeline_digest = Some(TimelineDigest {
            latest: None,
            app_uplinks: reached
                .iter()
                .map(|(index, at, f_cnt)| AppUplinkSeen {
                    index: *index,
                    at: *at,
                    f_cnt: Some(*f_cnt),
                })
                .collect(),
        });
        let from_timeline = run_rule(evaluate, &with_timeline, 0, 5000);
        let from_digest = run_rule(evaluate, &with_digest, 0, 5000);
        assert_eq!(format!("{from_digest:?}"), format!("{from_timeline:?}"));
        let summary = from_timeline.candidate.map(|c| c.summary_en()).unwrap_or_default();
        assert!(summary.contains("dropped 3 frames"), "{summary}");
    }

    #[test]
    fn a_single_restart_the_server_drops_frames_for_is_decided_at_once() {
        // (name, joined first, expected class, cause, words in the summary)
        let cases = [
            (
                "an ABP device (no join seen)",
                false,
                VerdictClass::Configuration,
                Cause::AbpCounterRestart,
                &["dropped 3 frames", "power cycled", "Reset frame counters", "OTAA"][..],
            ),
            (
                "an OTAA device that kept its session",
                true,
                VerdictClass::DeviceSuspect,
                Cause::CounterRestart,
                &["dropped 3 frames", "power cycled", "non-volatile storage"][..],
            ),
        ];
        for (name, joined, class, cause, words) in cases {
            let mut b = Rb::new();
            if joined {
                b.app_join(0);
            }
            b.uplinks(10, 600, 100..105, 8.0, 7);
            for (s, fc) in [(4000, "0"), (4600, "1"), (5200, "2")] {
                b.log(s, "UPLINK_F_CNT_RESET", &[("f_cnt_up", fc)]);
            }
            let c = run_rule(evaluate, &b.build(), 0, 5400).candidate.unwrap();
            assert_eq!((c.class, c.cause, c.sufficient), (class, Some(cause), true), "{name}");
            assert!(c.watch_more.is_none(), "{name}");
            for w in words {
                assert!(c.summary_en().contains(w), "{name}: {}", c.summary_en());
            }
        }
    }
}
