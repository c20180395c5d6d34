//! What a verdict means and what the customer should do before an RMA, in English, German,
//! French and Romanian.
//!
//! API:
//! - [`explain`]`(code, class, lang)` — by verdict code and class;
//! - [`explain_cause`]`(code, class, cause, lang)` — also by [`Cause`], where a code has causes
//!   with different next steps (key on the device vs on the network server, DevNonce counter
//!   restart vs reuse);
//! - [`explain_diagnosis`]`(&diagnosis, lang)` — for a finished [`Diagnosis`] (what renderers
//!   and the report use).
//!
//! Texts are static; the numbers (how long to watch, which gateway) are in the verdict summary.

mod de;
mod en;
mod fr;
mod ro;

use serde::{Deserialize, Serialize};

use super::{Cause, Diagnosis, VerdictClass, VerdictCode};
use crate::model::Lang;

/// Meaning and next steps of a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the verdict means, in plain language.
    pub meaning: String,
    /// What to do before an RMA, in order.
    pub next_steps: Vec<String>,
}

/// The distinct explanations (a verdict code, refined by class and cause).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Topic {
    Healthy,
    NoActivitySuspect,
    NoActivityInconclusive,
    NoActivityGatewayOffline,
    KeyDevice,
    KeyNetworkServer,
    KeyUnverified,
    KeyJoinAccept,
    NotRegistered,
    DevNonceCounter,
    DevNonceReuse,
    TxFailed,
    NotReceivedSuspect,
    NotReceivedCoverage,
    NotReceivedInconclusive,
    FcntReset,
    FcntResetAbp,
    PoorCoverage,
    HighLoss,
    Insufficient,
}

impl Topic {
    /// Every topic (for completeness tests).
    #[cfg(test)]
    pub(crate) const ALL: [Topic; 20] = [
        Topic::Healthy,
        Topic::NoActivitySuspect,
        Topic::NoActivityInconclusive,
        Topic::NoActivityGatewayOffline,
        Topic::KeyDevice,
        Topic::KeyNetworkServer,
        Topic::KeyUnverified,
        Topic::KeyJoinAccept,
        Topic::NotRegistered,
        Topic::DevNonceCounter,
        Topic::DevNonceReuse,
        Topic::TxFailed,
        Topic::NotReceivedSuspect,
        Topic::NotReceivedCoverage,
        Topic::NotReceivedInconclusive,
        Topic::FcntReset,
        Topic::FcntResetAbp,
        Topic::PoorCoverage,
        Topic::HighLoss,
        Topic::Insufficient,
    ];

    fn of(code: VerdictCode, class: VerdictClass, cause: Option<Cause>) -> Self {
        match code {
            VerdictCode::Healthy => Topic::Healthy,
            VerdictCode::NoRadioActivity => match class {
                _ if cause == Some(Cause::GatewayOffline) => Topic::NoActivityGatewayOffline,
                VerdictClass::DeviceSuspect => Topic::NoActivitySuspect,
                _ => Topic::NoActivityInconclusive,
            },
            VerdictCode::JoinKeyMismatch => match cause {
                Some(Cause::KeyOnDevice) => Topic::KeyDevice,
                Some(Cause::KeyOnNetworkServer) => Topic::KeyNetworkServer,
                Some(Cause::JoinAcceptKey) => Topic::KeyJoinAccept,
                _ => Topic::KeyUnverified,
            },
            VerdictCode::JoinNotRegistered => Topic::NotRegistered,
            VerdictCode::DevnonceRejected => match cause {
                Some(Cause::DevNonceCounterRestart) => Topic::DevNonceCounter,
                _ => Topic::DevNonceReuse,
            },
            VerdictCode::JoinAcceptTxFailed => Topic::TxFailed,
            VerdictCode::JoinAcceptNotReceived => match class {
                VerdictClass::DeviceSuspect => Topic::NotReceivedSuspect,
                VerdictClass::Coverage => Topic::NotReceivedCoverage,
                _ => Topic::NotReceivedInconclusive,
            },
            VerdictCode::FrameCounterReset => match cause {
                Some(Cause::AbpCounterRestart) => Topic::FcntResetAbp,
                _ => Topic::FcntReset,
            },
            VerdictCode::PoorCoverage => Topic::PoorCoverage,
            VerdictCode::HighPacketLoss => Topic::HighLoss,
            VerdictCode::InsufficientEvidence => Topic::Insufficient,
        }
    }
}

/// A topic's text in one language: `(meaning, next steps)`.
pub(crate) type Text = (&'static str, &'static [&'static str]);

fn text(topic: Topic, lang: Lang) -> Text {
    match lang {
        Lang::En => en::text(topic),
        Lang::De => de::text(topic),
        Lang::Fr => fr::text(topic),
        Lang::Ro => ro::text(topic),
    }
}

/// The explanation of a verdict code and class.
#[must_use]
pub fn explain(code: VerdictCode, class: VerdictClass, lang: Lang) -> Explanation {
    explain_cause(code, class, None, lang)
}

/// The explanation of a verdict code, class and cause.
#[must_use]
pub fn explain_cause(
    code: VerdictCode,
    class: VerdictClass,
    cause: Option<Cause>,
    lang: Lang,
) -> Explanation {
    let (meaning, steps) = text(Topic::of(code, class, cause), lang);
    Explanation {
        meaning: meaning.to_string(),
        next_steps: steps.iter().map(|s| (*s).to_string()).collect(),
    }
}

/// The explanation of a finished diagnosis.
#[must_use]
pub fn explain_diagnosis(d: &Diagnosis, lang: Lang) -> Explanation {
    explain_cause(d.verdict.code, d.verdict.class, d.cause, lang)
}

/// Section headings in each language: `(meaning, next steps)`.
#[must_use]
pub fn headings(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("What this means", "Next steps before an RMA"),
        Lang::De => ("Was das bedeutet", "Nächste Schritte vor einer RMA"),
        Lang::Fr => ("Ce que cela signifie", "Étapes avant une RMA"),
        Lang::Ro => ("Ce înseamnă", "Pași următori înainte de un RMA"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_has_text_in_every_language() {
        for lang in Lang::ALL {
            for t in Topic::ALL {
                let (meaning, steps) = text(t, lang);
                assert!(meaning.len() > 40, "{t:?} {lang:?}");
                assert!(steps.len() >= 2, "{t:?} {lang:?}");
                assert!(steps.iter().all(|s| s.len() > 15), "{t:?} {lang:?}");
            }
        }
    }

    #[test]
    fn every_verdict_code_has_an_explanation_for_each_of_its_classes() {
        let classes = [
            VerdictClass::Healthy,
            VerdictClass::Configuration,
            VerdictClass::Network,
            VerdictClass::Coverage,
            VerdictClass::DeviceSuspect,
            VerdictClass::Inconclusive,
        ];
        for code in VerdictCode::ALL {
            for class in classes {
                for lang in Lang::ALL {
                    assert!(!explain(code, class, lang).next_steps.is_empty());
                }
            }
        }
    }

    #[test]
    fn the_key_mismatch_side_changes_the_next_steps() {
        let dev = explain_cause(
            VerdictCode::JoinKeyMismatch,
            VerdictClass::Configuration,
            Some(Cause::KeyOnDevice),
            Lang::En,
        );
        let ns = explain_cause(
            VerdictCode::JoinKeyMismatch,
            VerdictClass::Configuration,
            Some(Cause::KeyOnNetworkServer),
            Lang::En,
        );
        assert!(dev.next_steps.iter().any(|s| s.contains("MSB")));
        assert!(ns.next_steps.iter().any(|s| s.contains("MAC version")));
        assert_ne!(dev, ns);
    }

    #[test]
    fn the_devnonce_steps_name_the_ns_specific_actions() {
        for lang in Lang::ALL {
            let e = explain(VerdictCode::DevnonceRejected, VerdictClass::Configuration, lang);
            let all = e.next_steps.join(" ");
            assert!(all.contains("ChirpStack") && all.contains("The Things Stack"), "{lang:?}");
        }
    }

    #[test]
    fn languages_differ_and_keep_their_diacritics() {
        let de = explain(VerdictCode::PoorCoverage, VerdictClass::Coverage, Lang::De);
        let ro = explain(VerdictCode::PoorCoverage, VerdictClass::Coverage, Lang::Ro);
        let fr = explain(VerdictCode::PoorCoverage, VerdictClass::Coverage, Lang::Fr);
        assert!(de.meaning.contains("Funkabdeckung"));
        assert!(ro.meaning.contains("ă") || ro.meaning.contains("ș"));
        assert!(fr.meaning.contains("é"));
    }
}
