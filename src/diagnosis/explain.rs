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
//! The texts are in the language catalog (`explain-…` messages of `src/catalog/*.ftl`, the
//! next steps as their `.step-N` attributes); the numbers (how long to watch, which gateway)
//! are in the verdict summary.

use serde::{Deserialize, Serialize};

use super::{Cause, Diagnosis, VerdictClass, VerdictCode};
use crate::catalog;
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

impl Topic {
    /// The catalog id of the topic's explanation (`explain-key-device`).
    pub(crate) fn id(self) -> &'static str {
        match self {
            Topic::Healthy => "explain-healthy",
            Topic::NoActivitySuspect => "explain-no-activity-suspect",
            Topic::NoActivityInconclusive => "explain-no-activity-inconclusive",
            Topic::NoActivityGatewayOffline => "explain-no-activity-gateway-offline",
            Topic::KeyDevice => "explain-key-device",
            Topic::KeyNetworkServer => "explain-key-network-server",
            Topic::KeyUnverified => "explain-key-unverified",
            Topic::KeyJoinAccept => "explain-key-join-accept",
            Topic::NotRegistered => "explain-not-registered",
            Topic::DevNonceCounter => "explain-dev-nonce-counter",
            Topic::DevNonceReuse => "explain-dev-nonce-reuse",
            Topic::TxFailed => "explain-tx-failed",
            Topic::NotReceivedSuspect => "explain-not-received-suspect",
            Topic::NotReceivedCoverage => "explain-not-received-coverage",
            Topic::NotReceivedInconclusive => "explain-not-received-inconclusive",
            Topic::FcntReset => "explain-fcnt-reset",
            Topic::FcntResetAbp => "explain-fcnt-reset-abp",
            Topic::PoorCoverage => "explain-poor-coverage",
            Topic::HighLoss => "explain-high-loss",
            Topic::Insufficient => "explain-insufficient",
        }
    }
}

/// A topic's text in one language: `(meaning, next steps)`.
fn text(topic: Topic, lang: Lang) -> (String, Vec<String>) {
    let id = topic.id();
    (catalog::plain(lang, id), catalog::steps(lang, id, &catalog::Args::new()))
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
    let (meaning, next_steps) = text(Topic::of(code, class, cause), lang);
    Explanation { meaning, next_steps }
}

/// The explanation of a finished diagnosis.
#[must_use]
pub fn explain_diagnosis(d: &Diagnosis, lang: Lang) -> Explanation {
    explain_cause(d.verdict.code, d.verdict.class, d.cause, lang)
}

/// Section headings in each language: `(meaning, next steps)`.
#[must_use]
pub fn headings(lang: Lang) -> (String, String) {
    (catalog::plain(lang, "heading-meaning"), catalog::plain(lang, "heading-next-steps"))
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
