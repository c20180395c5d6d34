//! The decision step: rule candidates → ONE verdict.
//!
//! Precedence (highest first), as in [`VerdictCode::ALL`]:
//!
//! 1. `JOIN_KEY_MISMATCH` — an explicit key error explains everything after it;
//! 2. `DEVNONCE_REJECTED`;
//! 3. `JOIN_ACCEPT_TX_FAILED` — answered but never sent;
//! 4. `JOIN_ACCEPT_NOT_RECEIVED` — sent but not taken;
//! 5. `JOIN_NOT_REGISTERED` — never answered, no error (weakest join signal: absence);
//! 6. `FRAME_COUNTER_RESET`;
//! 7. `POOR_COVERAGE`;
//! 8. `HIGH_PACKET_LOSS`;
//! 9. `HEALTHY`;
//!
//! and, exclusive of all of these, `NO_RADIO_ACTIVITY` (nothing heard at all).
//! `INSUFFICIENT_EVIDENCE` is the answer when the first candidate in precedence order is thin
//! (not enough attempts, frames or time): it never falls through to a lower verdict, except
//! that a thin `FRAME_COUNTER_RESET` (non-blocking) lets a sufficient coverage or loss verdict
//! through — but never `HEALTHY`. With no candidate at all, it is `INSUFFICIENT_EVIDENCE` too.

use super::backoff::{format_duration, uplink_gap};
use super::facts::Facts;
use super::rules::{Candidate, Outcome};
use super::{Cause, Finding, Severity, Sufficiency, Verdict, VerdictClass, VerdictCode};
use crate::catalog::{Message, args};

/// The outcome of the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The verdict.
    pub verdict: Verdict,
    /// Its cause, where the code has several.
    pub cause: Option<Cause>,
    /// All findings, most severe first (the verdict's own finding leads its severity group).
    pub findings: Vec<Finding>,
    /// Whether the evidence sufficed.
    pub sufficiency: Sufficiency,
}

/// Rank of a code in the precedence order (lower decides first).
#[must_use]
pub fn precedence(code: VerdictCode) -> usize {
    VerdictCode::ALL.iter().position(|c| *c == code).unwrap_or(usize::MAX)
}

/// Picks the candidate that decides, or the thin one that holds the verdict back.
fn choose(mut candidates: Vec<Candidate>) -> (Option<Candidate>, Option<Candidate>) {
    candidates.sort_by_key(|c| precedence(c.code));
    let mut thin: Option<Candidate> = None;
    for c in candidates {
        if c.sufficient {
            return match thin {
                Some(t) if t.blocking || c.code == VerdictCode::Healthy => (None, Some(t)),
                _ => (Some(c), None),
            };
        }
        if thin.is_none() {
            thin = Some(c);
        }
    }
    (None, thin)
}

/// Combines the rules' outcomes into one verdict.
#[must_use]
pub fn decide(f: &Facts<'_>, outcomes: Vec<Outcome>) -> Decision {
    let mut candidates = Vec::new();
    let mut findings = Vec::new();
    for o in outcomes {
        candidates.extend(o.candidate);
        findings.extend(o.findings);
    }
    let (chosen, thin) = choose(candidates);
    let (verdict, cause, sufficiency, lead) = match (chosen, thin) {
        (Some(c), _) => {
            let sufficiency = Sufficiency {
                sufficient: c.watch_more.is_none(),
                watch_more_seconds: c.watch_more.as_ref().map(|w| w.seconds),
                basis: c.watch_more.as_ref().map(crate::diagnosis::backoff::Expectation::basis_en),
            };
            (Verdict::new(c.code, c.class, c.summary, c.text), c.cause, sufficiency, Some(c.code))
        }
        (None, Some(t)) => {
            let sufficiency = Sufficiency {
                sufficient: false,
                watch_more_seconds: t.watch_more.as_ref().map(|w| w.seconds),
                basis: t.watch_more.as_ref().map(crate::diagnosis::backoff::Expectation::basis_en),
            };
            let verdict = Verdict::new(
                VerdictCode::InsufficientEvidence,
                VerdictClass::Inconclusive,
                t.summary,
                t.text,
            );
            (verdict, None, sufficiency, Some(t.code))
        }
        (None, None) => {
            let (text, seconds, basis) = fallback(f);
            findings.push(Finding::text(
                "INSUFFICIENT_EVIDENCE",
                Severity::Warning,
                text.clone(),
                vec![],
            ));
            let verdict = Verdict::new(
                VerdictCode::InsufficientEvidence,
                VerdictClass::Inconclusive,
                String::new(),
                Some(text),
            );
            let sufficiency = Sufficiency {
                sufficient: false,
                watch_more_seconds: Some(seconds),
                basis: Some(basis),
            };
            (verdict, None, sufficiency, None)
        }
    };
    // Most severe first; within a severity, the deciding rule's finding first; else stable.
    let lead = lead.map(|c| c.as_str().to_string());
    findings.sort_by_key(|x| (std::cmp::Reverse(x.severity), Some(&x.code) != lead.as_ref()));
    Decision { verdict, cause, findings, sufficiency }
}

/// The summary when no rule proposed anything (e.g. the window ended right after a join).
fn fallback(f: &Facts<'_>) -> (Message, u64, String) {
    // Without a profile interval, the interval observed in the capture (a device sending every
    // 30 s must not be told to wait for the assumed maximum).
    let observed = f.link.median_gap_s.filter(|g| *g > 0).map(|g| g as u64);
    let profile_gap = f.profile.and_then(|p| p.file.diagnostics.uplink.as_ref()).is_some();
    let gap = match observed {
        Some(s) if !profile_gap => super::backoff::Expectation {
            seconds: s,
            basis: Message::new(
                "basis-observed-uplink",
                args! { "duration" => format_duration(s) },
            ),
        },
        _ => uplink_gap(f.profile),
    };
    let answered_last = f.trailing.last().is_some_and(|&i| f.accept_for(i).is_some());
    let mut a = args! { "duration" => format_duration(gap.seconds), "basis" => gap.basis.clone() };
    let text = if answered_last {
        let idx = f.trailing.last().and_then(|&i| f.index_of(i)).unwrap_or_default();
        a.insert("index".into(), idx.into());
        Message::new("summary-answered-no-uplink", a)
    } else {
        Message::new("summary-not-enough", a)
    };
    (text, gap.seconds, gap.basis_en())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::backoff::Expectation;

    fn cand(code: VerdictCode, sufficient: bool, blocking: bool) -> Candidate {
        let mut c = if sufficient {
            Candidate::sufficient(code, VerdictClass::Configuration, code.as_str().into(), vec![])
        } else {
            let text = |t: &str| Message::new("raw-text", args! { "text" => t });
            Candidate::thin_text(
                code,
                VerdictClass::Configuration,
                text(code.as_str()),
                text("more needed"),
                Expectation {
                    seconds: 600,
                    basis: crate::catalog::Message::plain("basis-enough-attempts"),
                },
                vec![],
            )
        };
        c.blocking = blocking;
        c
    }

    #[test]
    fn the_precedence_follows_the_documented_order() {
        use VerdictCode::*;
        let order = [
            JoinKeyMismatch,
            DevnonceRejected,
            JoinAcceptTxFailed,
            JoinAcceptNotReceived,
            JoinNotRegistered,
            FrameCounterReset,
            PoorCoverage,
            HighPacketLoss,
            Healthy,
        ];
        for w in order.windows(2) {
            assert!(precedence(w[0]) < precedence(w[1]), "{:?} before {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn candidates_combine_by_precedence_and_sufficiency() {
        use VerdictCode::*;
        // (candidates, expected chosen code or None, expected thin code or None)
        let cases: Vec<(Vec<Candidate>, Option<VerdictCode>, Option<VerdictCode>)> = vec![
            (
                vec![cand(JoinNotRegistered, true, true), cand(JoinKeyMismatch, true, true)],
                Some(JoinKeyMismatch),
                None,
            ),
            (
                vec![cand(JoinKeyMismatch, false, true), cand(JoinNotRegistered, true, true)],
                None,
                Some(JoinKeyMismatch),
            ),
            (
                vec![cand(FrameCounterReset, false, false), cand(PoorCoverage, true, true)],
                Some(PoorCoverage),
                None,
            ),
            (
                vec![cand(FrameCounterReset, false, false), cand(Healthy, true, true)],
                None,
                Some(FrameCounterReset),
            ),
            (
                vec![cand(HighPacketLoss, false, true), cand(Healthy, true, true)],
                None,
                Some(HighPacketLoss),
            ),
            (vec![cand(Healthy, true, true)], Some(Healthy), None),
            (vec![], None, None),
        ];
        for (k, (cands, chosen, thin)) in cases.into_iter().enumerate() {
            let (c, t) = choose(cands);
            assert_eq!(c.map(|c| c.code), chosen, "case {k}");
            assert_eq!(t.map(|t| t.code), thin, "case {k}");
        }
    }
}
