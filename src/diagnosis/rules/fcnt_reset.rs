//! `FRAME_COUNTER_RESET` (device_suspect): the uplink frame counter restarts without a rejoin
//! — reboots, typically brown-outs from a weak battery or power supply.
//!
//! Restarts come from the tracker (a lower FCnt in the same session) and from NS logs
//! `UPLINK_F_CNT_RESET` (ChirpStack drops those frames, so the tracker may see only the logs).
//! One restart can be a battery change or a deliberate power cycle: [`MIN_FCNT_RESETS`] are
//! needed, and a single one only holds back `HEALTHY` (it does not hide a coverage or loss
//! verdict).

use super::{Candidate, Outcome, candidate_text};
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::backoff::Expectation;
use crate::diagnosis::facts::{CODE_FCNT_RESET, Facts, log_code};
use crate::diagnosis::thresholds::{FCNT_RESET_WATCH_S, MIN_FCNT_RESETS};
use crate::diagnosis::{Finding, Severity, VerdictClass, VerdictCode};

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

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let resets = &f.record.fcnt_resets;
    let episodes = log_episodes(f);
    let n = resets.len().max(episodes.len());
    if n == 0 {
        return Outcome::none();
    }
    let log_count = f.record.logs.iter().filter(|l| log_code(l) == CODE_FCNT_RESET).count();
    let mut evidence: Vec<u64> = resets.iter().map(|r| r.index).collect();
    evidence
        .extend(f.record.logs.iter().filter(|l| log_code(l) == CODE_FCNT_RESET).map(|l| l.index));
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
        args! { "n" => n, "details" => details, "dropped" => log_count },
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
    Outcome::candidate(
        candidate.clone(),
        vec![Finding::text("FRAME_COUNTER_RESET", severity, candidate_text(&candidate), evidence)],
    )
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
        assert!(c.summary.contains("FCnt 109 → 0"), "{}", c.summary);
        assert!(c.summary.contains("If this is an ABP device"), "{}", c.summary);
    }

    #[test]
    fn one_restart_is_thin_and_does_not_block_other_problems() {
        let mut b = Rb::new();
        b.uplinks(0, 600, 100..110, 8.0, 7);
        b.reset(6000, 109, 0);
        let c = run_rule(evaluate, &b.build(), 0, 10_000).candidate.unwrap();
        assert!(!c.sufficient && !c.blocking);
        assert!(c.summary.contains("battery change"), "{}", c.summary);
        assert!(c.summary.contains("watch at least 1 d more"), "{}", c.summary);
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
        assert!(c.summary.contains("restarted 2 times"), "{}", c.summary);
        assert!(c.summary.contains("dropped 5 frames"), "{}", c.summary);
    }
}
