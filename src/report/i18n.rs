//! Fixed texts of report.html and report.md, read from the language catalog
//! ([`crate::catalog`], `src/catalog/*.ftl`).
//!
//! Dates stay ISO 8601 (YYYY-MM-DD) in every language: unambiguous for shop and manufacturer.
//! Verdict explanations and next steps come from the diagnosis ([`crate::diagnosis::explain`]);
//! verdict titles and the assessment for the return are here.

use std::sync::LazyLock;

use crate::catalog::{self, args};
use crate::diagnosis::{VerdictClass, VerdictCode};
use crate::model::Lang;

use super::model::Warning;
use super::rma::{AttachmentKind, PhotoView, Reason};
use super::warranty::PeriodStatus;

macro_rules! texts_struct {
    ($($(#[$m:meta])* $field:ident),* $(,)?) => {
        /// Every fixed label of the reports in one language (catalog ids `label-…`).
        #[derive(Debug)]
        pub struct Texts {
            $($(#[$m])* pub $field: String,)*
        }
        impl Texts {
            fn load(lang: Lang) -> Self {
                Self { $($field: catalog::plain(lang, &label_id(stringify!($field))),)* }
            }
            /// (field name, text) pairs, for completeness checks.
            #[must_use]
            pub fn fields(&self) -> Vec<(&'static str, &str)> {
                vec![$((stringify!($field), self.$field.as_str())),*]
            }
        }
    };
}

fn label_id(field: &str) -> String {
    format!("label-{}", field.replace('_', "-"))
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
    /// Invoice number.
    invoice_number,
    /// Validated with technical support.
    support_validation,
    /// Manufacturer.
    manufacturer,
    /// Which RMA route applies.
    rma_route,
    /// Section: the shop's own fields (`[extra]`).
    section_extra,
    /// Section: the parcel label.
    section_parcel,
    /// Sender.
    sender,
    /// Contact person.
    contact_person,
    /// Ticket / RMA number on the parcel.
    return_reference,
    /// Section: attachments.
    section_attachments,
    /// Kind-of-document column.
    kind,
    /// No attachments.
    no_attachments,
}

static TEXTS: LazyLock<Vec<Texts>> = LazyLock::new(|| Lang::ALL.map(Texts::load).into());

/// The texts of a language.
#[must_use]
pub fn texts(lang: Lang) -> &'static Texts {
    static EMPTY: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::En));
    Lang::ALL.iter().position(|l| *l == lang).and_then(|i| TEXTS.get(i)).unwrap_or(&EMPTY)
}

/// The colon after a label: French puts a no-break space before it.
#[must_use]
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}:",
        _ => ":",
    }
}

fn kebab(s: &str) -> String {
    s.to_ascii_lowercase().replace('_', "-")
}

/// Label of a return reason.
#[must_use]
pub fn reason(lang: Lang, r: Reason) -> String {
    let id = match r {
        Reason::Defect => "reason-defect",
        Reason::WrongOrder => "reason-wrong-order",
        Reason::WrongDelivery => "reason-wrong-delivery",
        Reason::Withdrawal => "reason-withdrawal",
    };
    catalog::plain(lang, id)
}

/// Label of a photo view.
#[must_use]
pub fn view(lang: Lang, v: PhotoView) -> String {
    let id = match v {
        PhotoView::Closed => "view-closed",
        PhotoView::Open => "view-open",
    };
    catalog::plain(lang, id)
}

/// Label of an attachment kind.
#[must_use]
pub fn attachment_kind(lang: Lang, k: AttachmentKind) -> String {
    let id = match k {
        AttachmentKind::Invoice => "attachment-invoice",
        AttachmentKind::DeliveryNote => "attachment-delivery-note",
        AttachmentKind::Other => "attachment-other",
    };
    catalog::plain(lang, id)
}

/// Which RMA route applies, when the RMA file names the manufacturer: the manufacturer's own
/// service when a manufacturer ticket is given, else the shop's.
#[must_use]
pub fn rma_route(lang: Lang, manufacturer: Option<&str>, ticket: Option<&str>) -> Option<String> {
    let manufacturer = manufacturer?;
    Some(match ticket {
        Some(t) => catalog::text(
            lang,
            "route-manufacturer",
            &args! { "manufacturer" => manufacturer, "ticket" => t },
        ),
        None => catalog::text(lang, "route-shop", &args! { "manufacturer" => manufacturer }),
    })
}

/// Label of a verdict class.
#[must_use]
pub fn class(lang: Lang, c: VerdictClass) -> String {
    catalog::plain(lang, &format!("class-{}", kebab(c.as_str())))
}

/// What the verdict class means for the return.
#[must_use]
pub fn assessment(lang: Lang, c: VerdictClass) -> String {
    catalog::plain(lang, &format!("assessment-{}", kebab(c.as_str())))
}

/// Short title of a verdict.
#[must_use]
pub fn verdict_title(lang: Lang, c: VerdictCode) -> String {
    catalog::plain(lang, &format!("verdict-{}", kebab(c.as_str())))
}

/// Label of a timeline event kind (the kind itself when the catalog has none).
#[must_use]
pub fn event_kind(lang: Lang, kind: &str) -> String {
    let id = format!("event-{}", kebab(kind));
    if catalog::has(&id) { catalog::plain(lang, &id) } else { kind.to_string() }
}

/// The stats counters in display order (the contract's order, then the later ones).
pub const STAT_KEYS: [&str; 19] = [
    "join_requests",
    "join_accepts",
    "join_accept_tx_ok",
    "join_accept_tx_failed",
    "dev_nonces_distinct",
    "dev_nonces_reused",
    "uplinks",
    "fcnt_first",
    "fcnt_last",
    "fcnt_missing",
    "fcnt_resets",
    "retransmissions",
    "gateways",
    "rssi_dbm",
    "snr_db",
    "ns_log_codes",
    "malformed_messages",
    "gateways_offline",
    "fcnt_missing_unobserved",
];

/// Label of a stats counter (the key itself when the catalog has none).
#[must_use]
pub fn stat(lang: Lang, key: &str) -> String {
    let id = format!("stat-{}", kebab(key));
    if catalog::has(&id) { catalog::plain(lang, &id) } else { key.to_string() }
}

/// A period's status sentence.
#[must_use]
pub fn period_status(lang: Lang, status: PeriodStatus, ends: &str) -> String {
    let id = match status {
        PeriodStatus::Within => "label-within",
        PeriodStatus::Expired => "label-expired",
    };
    catalog::text(lang, id, &args! { "date" => ends })
}

/// A warning in a language.
#[must_use]
pub fn warning(lang: Lang, w: &Warning) -> String {
    match w {
        Warning::PhotoMissing { view: PhotoView::Closed } => {
            catalog::plain(lang, "warning-photo-missing-closed")
        }
        Warning::PhotoMissing { view: PhotoView::Open } => {
            catalog::plain(lang, "warning-photo-missing-open")
        }
        Warning::JoinEuiMismatch { rma, observed } => catalog::text(
            lang,
            "warning-join-eui-mismatch",
            &args! { "rma" => rma.to_string(), "observed" => observed.to_string() },
        ),
        Warning::WithdrawalPeriodOver { ended } => catalog::text(
            lang,
            "warning-withdrawal-period-over",
            &args! { "date" => ended.to_string() },
        ),
        Warning::LiabilityPeriodOver { ended } => catalog::text(
            lang,
            "warning-liability-period-over",
            &args! { "date" => ended.to_string() },
        ),
        Warning::ReferenceNotHeard { dev_eui } => catalog::text(
            lang,
            "warning-reference-not-heard",
            &args! { "eui" => dev_eui.to_string() },
        ),
        Warning::UnreadableLines { lines } => {
            catalog::text(lang, "warning-unreadable-lines", &args! { "n" => *lines })
        }
        Warning::EvidenceLimited { messages } => {
            catalog::text(lang, "warning-evidence-limited", &args! { "n" => *messages })
        }
        Warning::DefectNotShown { verdict, class } => catalog::text(
            lang,
            "warning-defect-not-shown",
            &args! { "verdict" => verdict, "class" => class },
        ),
        Warning::FactoryResetMissing => catalog::plain(lang, "warning-factory-reset-missing"),
        Warning::DescriptionMissing { field } => {
            catalog::text(lang, "warning-description-missing", &args! { "field" => field })
        }
        Warning::WrongOrderUsed { messages } => {
            catalog::text(lang, "warning-wrong-order-used", &args! { "n" => *messages })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_verdict_class_event_and_counter_is_in_the_catalog() {
        for f in texts(Lang::En).fields() {
            assert!(catalog::has(&label_id(f.0)), "{}", f.0);
        }
        for lang in Lang::ALL {
            for c in VerdictCode::ALL {
                assert!(catalog::has(&format!("verdict-{}", kebab(c.as_str()))), "{c}");
                assert!(!verdict_title(lang, c).is_empty());
            }
            for k in STAT_KEYS {
                assert_ne!(stat(lang, k), k, "{lang:?} {k}");
            }
            for k in ["join_request", "join_accept", "uplink", "ns_log", "downlink_tx"] {
                assert_ne!(event_kind(lang, k), k, "{lang:?} {k}");
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
            "kind",
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
    fn warnings_fill_in_their_arguments() {
        let table = [
            (Warning::UnreadableLines { lines: 3 }, "3"),
            (Warning::EvidenceLimited { messages: 1_000_000 }, "1000000"),
        ];
        for (w, number) in &table {
            for lang in Lang::ALL {
                assert!(warning(lang, w).contains(number), "{lang:?} {w:?}");
            }
        }
        assert_eq!(
            period_status(Lang::En, PeriodStatus::Expired, "2026-01-02"),
            "ended on 2026-01-02"
        );
    }
}
