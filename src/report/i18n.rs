//! Fixed texts of report.html and report.md in English, German, French and Romanian.
//!
//! Dates stay ISO 8601 (YYYY-MM-DD) in every language: unambiguous for shop and manufacturer.
//! Verdict explanations and next steps come from the diagnosis ([`crate::diagnosis::explain`]);
//! verdict titles and the assessment for the return are here.

use crate::diagnosis::{Severity, VerdictClass, VerdictCode};
use crate::model::Lang;

use super::model::Warning;
use super::rma::{PhotoView, Reason};
use super::warranty::PeriodStatus;

mod de;
mod en;
mod fr;
mod ro;

macro_rules! texts_struct {
    ($($(#[$m:meta])* $field:ident),* $(,)?) => {
        /// Every fixed label of the reports, one set per language.
        #[derive(Debug)]
        pub struct Texts {
            $($(#[$m])* pub $field: &'static str,)*
        }
        impl Texts {
            /// (field name, text) pairs, for completeness checks.
            #[must_use]
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

texts_struct! {
    /// Document title.
    title,
    /// "Generated".
    generated,
    /// "Tool".
    tool,
    /// Section: the return request.
    section_rma,
    /// Order number.
    order_number,
    /// Device name.
    device_name,
    /// Model.
    model,
    /// Serial number.
    serial_number,
    /// JoinEUI as seen in join-requests.
    join_eui_observed,
    /// Delivery date.
    delivery_date,
    /// Reason for return.
    reason,
    /// Shop ticket.
    support_ticket,
    /// Manufacturer ticket.
    manufacturer_ticket,
    /// Factory reset question.
    factory_reset,
    /// Yes.
    yes,
    /// No.
    no,
    /// Accessories.
    accessories,
    /// None / not given.
    none,
    /// Contact.
    contact,
    /// Name.
    name,
    /// E-mail.
    email,
    /// Phone.
    phone,
    /// Section: description.
    section_description,
    /// Before the problem.
    before,
    /// The problem.
    problem,
    /// Steps taken.
    steps_taken,
    /// Section: warranty, `{date}` = report date.
    section_warranty,
    /// Withdrawal period label.
    withdrawal,
    /// Voluntary warranty label.
    voluntary_warranty,
    /// Statutory liability label.
    statutory_liability,
    /// Period running, `{date}` = last day.
    within,
    /// Period over, `{date}` = last day.
    expired,
    /// Section: photos.
    section_photos,
    /// View column.
    view,
    /// File column.
    file,
    /// No photos.
    no_photos,
    /// Section: diagnosis.
    section_diagnosis,
    /// Verdict.
    verdict,
    /// Class of the verdict.
    class,
    /// Assessment for the return.
    assessment,
    /// Explanation.
    explanation,
    /// Next steps.
    next_steps,
    /// Section: notes.
    section_warnings,
    /// Section: findings.
    section_findings,
    /// Severity column.
    severity,
    /// Code column.
    code,
    /// What was seen column.
    observed,
    /// Evidence column.
    evidence_refs,
    /// No findings.
    no_findings,
    /// Section: counters.
    section_stats,
    /// Section: charts.
    section_charts,
    /// RSSI chart caption.
    chart_rssi,
    /// SNR chart caption.
    chart_snr,
    /// Join timeline caption.
    chart_joins,
    /// No data in a chart.
    no_data,
    /// Section: timeline.
    section_timeline,
    /// Time column.
    time_utc,
    /// Event column.
    event,
    /// Gateway column.
    gateway,
    /// Details column.
    details,
    /// Rows left out, `{n}` = how many.
    rows_omitted,
    /// Empty timeline.
    no_events,
    /// Section: evidence.
    section_evidence,
    /// Observation window.
    window,
    /// Messages in the captures.
    capture_messages,
    /// Messages in evidence.jsonl.
    evidence_messages,
    /// Reference device sentence, `{eui}`, `{n}`.
    reference_note,
    /// Keys were supplied.
    keys_supplied,
    /// Keys were not supplied.
    keys_not_supplied,
    /// Device profile.
    profile,
    /// Generic profile.
    profile_generic,
    /// Message numbers refer to evidence.jsonl.
    index_note,
    /// Section: verification.
    section_verification,
    /// SHA-256 of evidence.jsonl.
    evidence_sha256,
    /// SHA-256 of the diagnosis.
    diagnosis_sha256,
    /// Signer.
    signed_by,
    /// Key fingerprint.
    fingerprint,
    /// Namespace.
    namespace,
    /// How to verify.
    verify_intro,
    /// Windows note.
    verify_windows,
    /// What report.json binds.
    verify_binding,
    /// Secrets statement.
    redactions,
    /// Page-1 link to the details.
    details_follow,
}

/// The texts of a language.
#[must_use]
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &en::TEXTS,
        Lang::De => &de::TEXTS,
        Lang::Fr => &fr::TEXTS,
        Lang::Ro => &ro::TEXTS,
    }
}

/// The colon after a label: French puts a no-break space before it.
#[must_use]
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}:",
        _ => ":",
    }
}

/// Replaces `{key}` placeholders.
#[must_use]
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Label of a return reason.
#[must_use]
pub fn reason(lang: Lang, r: Reason) -> &'static str {
    let t = match lang {
        Lang::En => &en::REASONS,
        Lang::De => &de::REASONS,
        Lang::Fr => &fr::REASONS,
        Lang::Ro => &ro::REASONS,
    };
    match r {
        Reason::Defect => t[0],
        Reason::WrongOrder => t[1],
        Reason::WrongDelivery => t[2],
        Reason::Withdrawal => t[3],
    }
}

/// Label of a photo view.
#[must_use]
pub fn view(lang: Lang, v: PhotoView) -> &'static str {
    let t = match lang {
        Lang::En => &en::VIEWS,
        Lang::De => &de::VIEWS,
        Lang::Fr => &fr::VIEWS,
        Lang::Ro => &ro::VIEWS,
    };
    match v {
        PhotoView::Closed => t[0],
        PhotoView::Open => t[1],
    }
}

/// Label of a finding severity.
#[must_use]
pub fn severity(lang: Lang, s: Severity) -> &'static str {
    let t = match lang {
        Lang::En => &en::SEVERITIES,
        Lang::De => &de::SEVERITIES,
        Lang::Fr => &fr::SEVERITIES,
        Lang::Ro => &ro::SEVERITIES,
    };
    match s {
        Severity::Info => t[0],
        Severity::Warning => t[1],
        Severity::Error => t[2],
    }
}

const CLASS_ORDER: [VerdictClass; 6] = [
    VerdictClass::Healthy,
    VerdictClass::Configuration,
    VerdictClass::Network,
    VerdictClass::Coverage,
    VerdictClass::DeviceSuspect,
    VerdictClass::Inconclusive,
];

fn class_index(c: VerdictClass) -> usize {
    CLASS_ORDER.iter().position(|x| *x == c).unwrap_or(5)
}

/// Label of a verdict class.
#[must_use]
pub fn class(lang: Lang, c: VerdictClass) -> &'static str {
    let t = match lang {
        Lang::En => &en::CLASSES,
        Lang::De => &de::CLASSES,
        Lang::Fr => &fr::CLASSES,
        Lang::Ro => &ro::CLASSES,
    };
    t[class_index(c)].0
}

/// What the verdict class means for the return.
#[must_use]
pub fn assessment(lang: Lang, c: VerdictClass) -> &'static str {
    let t = match lang {
        Lang::En => &en::CLASSES,
        Lang::De => &de::CLASSES,
        Lang::Fr => &fr::CLASSES,
        Lang::Ro => &ro::CLASSES,
    };
    t[class_index(c)].1
}

const CODE_ORDER: [VerdictCode; 11] = [
    VerdictCode::Healthy,
    VerdictCode::NoRadioActivity,
    VerdictCode::JoinKeyMismatch,
    VerdictCode::JoinNotRegistered,
    VerdictCode::DevnonceRejected,
    VerdictCode::JoinAcceptTxFailed,
    VerdictCode::JoinAcceptNotReceived,
    VerdictCode::FrameCounterReset,
    VerdictCode::PoorCoverage,
    VerdictCode::HighPacketLoss,
    VerdictCode::InsufficientEvidence,
];

/// Short title of a verdict.
#[must_use]
pub fn verdict_title(lang: Lang, c: VerdictCode) -> &'static str {
    let t = match lang {
        Lang::En => &en::VERDICTS,
        Lang::De => &de::VERDICTS,
        Lang::Fr => &fr::VERDICTS,
        Lang::Ro => &ro::VERDICTS,
    };
    t[CODE_ORDER.iter().position(|x| *x == c).unwrap_or(10)]
}

/// Label of a timeline event kind (the kind itself when unknown).
#[must_use]
pub fn event_kind(lang: Lang, kind: &str) -> String {
    let t = match lang {
        Lang::En => &en::EVENTS,
        Lang::De => &de::EVENTS,
        Lang::Fr => &fr::EVENTS,
        Lang::Ro => &ro::EVENTS,
    };
    t.iter().find(|(k, _)| *k == kind).map_or_else(|| kind.to_string(), |(_, v)| (*v).to_string())
}

/// Label of a stats counter (the key itself when unknown).
#[must_use]
pub fn stat(lang: Lang, key: &str) -> String {
    let t = match lang {
        Lang::En => &en::STATS,
        Lang::De => &de::STATS,
        Lang::Fr => &fr::STATS,
        Lang::Ro => &ro::STATS,
    };
    t.iter().find(|(k, _)| *k == key).map_or_else(|| key.to_string(), |(_, v)| (*v).to_string())
}

/// The stats keys in display order (the contract's order).
pub fn stat_keys() -> impl Iterator<Item = &'static str> {
    en::STATS.iter().map(|(k, _)| *k)
}

/// A period's status sentence.
#[must_use]
pub fn period_status(lang: Lang, status: PeriodStatus, ends: &str) -> String {
    let t = texts(lang);
    let template = match status {
        PeriodStatus::Within => t.within,
        PeriodStatus::Expired => t.expired,
    };
    fill(template, &[("date", ends)])
}

/// A warning in a language.
#[must_use]
pub fn warning(lang: Lang, w: &Warning) -> String {
    let t = match lang {
        Lang::En => &en::WARNINGS,
        Lang::De => &de::WARNINGS,
        Lang::Fr => &fr::WARNINGS,
        Lang::Ro => &ro::WARNINGS,
    };
    match w {
        Warning::PhotoMissing { view: PhotoView::Closed } => t[0].to_string(),
        Warning::PhotoMissing { view: PhotoView::Open } => t[1].to_string(),
        Warning::JoinEuiMismatch { rma, observed } => {
            fill(t[2], &[("rma", &rma.to_string()), ("observed", &observed.to_string())])
        }
        Warning::WithdrawalPeriodOver { ended } => fill(t[3], &[("date", &ended.to_string())]),
        Warning::LiabilityPeriodOver { ended } => fill(t[4], &[("date", &ended.to_string())]),
        Warning::ReferenceNotHeard { dev_eui } => fill(t[5], &[("eui", &dev_eui.to_string())]),
        Warning::UnreadableLines { lines } => fill(t[6], &[("n", &lines.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_verdict_class_event_and_warning() {
        for lang in Lang::ALL {
            for c in CODE_ORDER {
                assert!(!verdict_title(lang, c).is_empty());
            }
            for c in CLASS_ORDER {
                assert!(!class(lang, c).is_empty() && !assessment(lang, c).is_empty());
            }
            for k in en::EVENTS.iter().map(|(k, _)| *k) {
                assert_ne!(event_kind(lang, k), k, "{lang:?} {k}");
            }
            for k in en::STATS.iter().map(|(k, _)| *k) {
                assert_ne!(stat(lang, k), k, "{lang:?} {k}");
            }
        }
    }

    #[test]
    fn languages_other_than_english_translate_every_fixed_text() {
        // Labels that are legitimately the same word in several languages.
        let same_ok = [
            "model",
            "contact",
            "code",
            "gateway",
            "namespace",
            "tool",
            "verdict",
            "class",
            "section_photos",
            "problem",
            "section_diagnosis",
            "email",
            "phone",
            "name",
            "details",
            "none",
        ];
        let en = texts(Lang::En).fields();
        for lang in [Lang::De, Lang::Fr, Lang::Ro] {
            let other = texts(lang).fields();
            assert_eq!(en.len(), other.len());
            for ((field, a), (_, b)) in en.iter().zip(&other) {
                assert!(!b.is_empty(), "{lang:?} {field} is empty");
                assert!(a != b || same_ok.contains(field), "{lang:?} {field} is untranslated: {b}");
            }
        }
    }

    #[test]
    fn placeholders_survive_translation() {
        for lang in Lang::ALL {
            let t = texts(lang);
            for (s, p) in [
                (t.section_warranty, "{date}"),
                (t.within, "{date}"),
                (t.expired, "{date}"),
                (t.rows_omitted, "{n}"),
                (t.reference_note, "{eui}"),
                (t.reference_note, "{n}"),
            ] {
                assert!(s.contains(p), "{lang:?}: {s}");
            }
        }
    }
}
