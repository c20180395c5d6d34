//! The diagnosis rules, one file per rule.
//!
//! A rule reads [`Facts`] and returns an [`Outcome`]: findings (context, with evidence) and at
//! most one [`Candidate`] verdict. Rules never decide alone: [`super::decide`] combines the
//! candidates by precedence. Verdict rules:
//!
//! | file | code |
//! |---|---|
//! | `key_mismatch.rs` | `JOIN_KEY_MISMATCH` |
//! | `devnonce.rs` | `DEVNONCE_REJECTED` |
//! | `tx_failed.rs` | `JOIN_ACCEPT_TX_FAILED` |
//! | `accept_not_received.rs` | `JOIN_ACCEPT_NOT_RECEIVED` |
//! | `not_registered.rs` | `JOIN_NOT_REGISTERED` |
//! | `fcnt_reset.rs` | `FRAME_COUNTER_RESET` |
//! | `coverage.rs` | `POOR_COVERAGE` |
//! | `packet_loss.rs` | `HIGH_PACKET_LOSS` |
//! | `healthy.rs` | `HEALTHY` |
//! | `no_activity.rs` | `NO_RADIO_ACTIVITY` |
//!
//! `INSUFFICIENT_EVIDENCE` is what [`super::decide`] says when the deciding candidate is thin.
//! Context rules (findings only): `reference.rs`, `gateway_offline.rs`, `join_accept_content.rs`, `sub_band.rs`,
//! `retransmissions.rs`, `join_history.rs`, `link.rs`, `consistency.rs`.

pub mod accept_not_received;
pub mod consistency;
pub mod coverage;
pub mod devnonce;
pub mod fcnt_reset;
pub mod gateway_offline;
pub mod healthy;
pub mod join_accept_content;
pub mod join_history;
pub mod key_mismatch;
pub mod link;
pub mod no_activity;
pub mod not_registered;
pub mod packet_loss;
pub mod reference;
pub mod retransmissions;
pub mod sub_band;
pub mod tx_failed;

#[cfg(test)]
pub(crate) mod testkit;

use super::backoff::{Expectation, format_duration};
use super::facts::Facts;
use super::{Cause, Finding, Severity, VerdictClass, VerdictCode};
use crate::catalog::{Message, args};
use crate::model::Lang;

/// A verdict a rule proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Code.
    pub code: VerdictCode,
    /// Class.
    pub class: VerdictClass,
    /// Cause, where the code has several.
    pub cause: Option<Cause>,
    /// Plain-language summary (for a thin candidate: what was seen and what is missing).
    pub summary: String,
    /// Message indices.
    pub evidence: Vec<u64>,
    /// Enough evidence to state this verdict.
    pub sufficient: bool,
    /// When thin: also hold back lower-precedence problem verdicts (join-phase rules); when
    /// false, a thin candidate only holds back `HEALTHY`.
    pub blocking: bool,
    /// How much longer to watch (thin candidates, and short silent windows).
    pub watch_more: Option<Expectation>,
    /// The summary as a catalog message, once the rule's texts are in the catalog (`summary`
    /// is then empty: only the deciding candidate's text is ever rendered, see
    /// [`Candidate::summary_en`]).
    pub text: Option<Message>,
}

impl Candidate {
    /// A candidate with enough evidence.
    #[must_use]
    pub fn sufficient(
        code: VerdictCode,
        class: VerdictClass,
        summary: String,
        evidence: Vec<u64>,
    ) -> Self {
        Self {
            code,
            class,
            cause: None,
            summary,
            evidence,
            sufficient: true,
            blocking: true,
            watch_more: None,
            text: None,
        }
    }

    /// A candidate with enough evidence, its summary from the catalog.
    #[must_use]
    pub fn sufficient_text(
        code: VerdictCode,
        class: VerdictClass,
        text: Message,
        evidence: Vec<u64>,
    ) -> Self {
        Self { text: Some(text), ..Self::sufficient(code, class, String::new(), evidence) }
    }

    /// The summary in English: the catalog text rendered, else the plain summary.
    #[must_use]
    pub fn summary_en(&self) -> String {
        self.text.as_ref().map_or_else(|| self.summary.clone(), |t| t.render(Lang::En))
    }

    /// A thin candidate from catalog messages: what was seen, what is missing and how long
    /// to watch.
    #[must_use]
    pub fn thin_text(
        code: VerdictCode,
        class: VerdictClass,
        observation: Message,
        needed: Message,
        watch: Expectation,
        evidence: Vec<u64>,
    ) -> Self {
        let text = thin_text(observation, needed, &watch);
        Self {
            sufficient: false,
            watch_more: Some(watch),
            text: Some(text),
            ..Self::sufficient(code, class, String::new(), evidence)
        }
    }

    /// Sets the cause.
    #[must_use]
    pub fn with_cause(mut self, cause: Cause) -> Self {
        self.cause = Some(cause);
        self
    }
}

/// "{observation} {needed}: watch at least 3 h 20 min more ({basis})." as a catalog message:
/// `summary-thin` with the parts as nested messages.
#[must_use]
pub fn thin_text(observation: Message, needed: Message, watch: &Expectation) -> Message {
    Message::new(
        "summary-thin",
        args! {
            "observation" => observation,
            "needed" => needed,
            "duration" => format_duration(watch.seconds.max(60)),
            "basis" => watch.basis.clone(),
        },
    )
}

/// The margin band in words ("adequate, ≥ 10 dB") as a catalog message.
#[must_use]
pub fn margin_band_text(band: crate::diagnosis::thresholds::MarginBand) -> Message {
    use crate::diagnosis::thresholds::MarginBand;
    Message::plain(match band {
        MarginBand::BelowFloor => "margin-band-below-floor",
        MarginBand::Marginal => "margin-band-marginal",
        MarginBand::Adequate => "margin-band-adequate",
    })
}

/// A catalog message that says `margin` beside the demodulation floor, with `args` and the
/// margin: `above` with the margin and its band, or, below the floor, `below` with the distance
/// below it (a margin is never said as a negative distance above the floor).
#[must_use]
pub fn beside_floor(
    margin: f64,
    (above, below): (&str, &str),
    mut args: crate::catalog::Args,
) -> Message {
    use crate::diagnosis::thresholds::MarginBand;
    if margin < 0.0 {
        args.insert("margin".into(), format!("{:.1}", -margin).into());
        return Message::new(below, args);
    }
    args.insert("margin".into(), format!("{margin:.1}").into());
    args.insert("band".into(), margin_band_text(MarginBand::of(margin)).into());
    Message::new(above, args)
}

/// Sentences joined by a space, as one catalog message (`sentence-join`, built from the end).
#[must_use]
pub fn sentences(parts: Vec<Message>) -> Message {
    parts
        .into_iter()
        .rev()
        .reduce(|rest, first| {
            Message::new("sentence-join", args! { "first" => first, "rest" => rest })
        })
        .unwrap_or_else(|| Message::new("raw-text", args! { "text" => "" }))
}

/// The candidate's summary as a catalog message (`raw-text` with the English summary when
/// its rule has no catalog text yet).
#[must_use]
pub fn candidate_text(c: &Candidate) -> Message {
    c.text
        .clone()
        .unwrap_or_else(|| Message::new("raw-text", args! { "text" => c.summary.clone() }))
}

/// What one rule returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Proposed verdict.
    pub candidate: Option<Candidate>,
    /// Findings.
    pub findings: Vec<Finding>,
}

impl Outcome {
    /// No candidate, no findings.
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }
    /// Only findings.
    #[must_use]
    pub fn findings(findings: Vec<Finding>) -> Self {
        Self { candidate: None, findings }
    }
    /// A candidate (and its findings).
    #[must_use]
    pub fn candidate(candidate: Candidate, findings: Vec<Finding>) -> Self {
        Self { candidate: Some(candidate), findings }
    }
    /// A candidate and the one finding that states it: its text, with `evidence`.
    #[must_use]
    pub fn stated(
        candidate: Candidate,
        code: &str,
        severity: Severity,
        evidence: Vec<u64>,
    ) -> Self {
        let finding = Finding::text(code, severity, candidate_text(&candidate), evidence);
        Self::candidate(candidate, vec![finding])
    }
}

/// Runs the rules that propose verdicts (what decides the verdict; their findings come too).
#[must_use]
pub fn evaluate_verdict_rules(f: &Facts<'_>) -> Vec<Outcome> {
    vec![
        key_mismatch::evaluate(f),
        devnonce::evaluate(f),
        tx_failed::evaluate(f),
        accept_not_received::evaluate(f),
        not_registered::evaluate(f),
        fcnt_reset::evaluate(f),
        coverage::evaluate(f),
        packet_loss::evaluate(f),
        healthy::evaluate(f),
        no_activity::evaluate(f),
    ]
}

/// Runs the context rules: findings only, never a candidate.
#[must_use]
pub fn evaluate_context_rules(f: &Facts<'_>) -> [Outcome; 8] {
    [
        reference::evaluate(f),
        gateway_offline::evaluate(f),
        consistency::evaluate(f),
        sub_band::evaluate(f),
        join_accept_content::evaluate(f),
        join_history::evaluate(f),
        link::evaluate(f),
        retransmissions::evaluate(f),
    ]
}

/// Runs every rule: the verdict rules, then the context rules.
#[must_use]
pub fn evaluate_all(f: &Facts<'_>) -> Vec<Outcome> {
    let mut all = evaluate_verdict_rules(f);
    all.extend(evaluate_context_rules(f));
    all
}

/// Up to `max` items joined by ", ", with "…" when there are more.
#[must_use]
pub fn list<T: std::fmt::Display>(items: &[T], max: usize) -> String {
    let mut s: Vec<String> = items.iter().take(max).map(ToString::to_string).collect();
    if items.len() > max {
        s.push("…".into());
    }
    s.join(", ")
}

/// A percentage with one decimal ("5.0 %").
#[must_use]
pub fn pct(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}
