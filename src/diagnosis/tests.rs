//! End-to-end table tests of [`diagnose`] over hand-built records: every verdict code, the
//! precedence between them, and the JSON shape of the contract.

use super::rules::testkit::{Rb, too_late, window};
use super::*;
use crate::frame::MicStatus;
use crate::tracker::TxOutcome;

const REF: u64 = 0x70b3_d57e_d000_0002;

fn reference() -> DeviceRecord {
    let mut b = Rb::for_device(REF);
    b.uplinks(0, 1800, 0..20, 6.0, 7);
    b.build()
}

/// (name, record, window end in seconds, with heard reference, expected code, expected class)
fn cases() -> Vec<(&'static str, DeviceRecord, i64, bool, VerdictCode, VerdictClass)> {
    use VerdictClass as C;
    use VerdictCode as V;
    let mut out = Vec::new();

    let mut b = Rb::new();
    let p = b.join(0, 1, 8.0, 7);
    b.accept(p, TxOutcome::Ok);
    b.uplinks(10, 600, (0..100).filter(|i| i % 20 != 1), 8.0, 7);
    out.push(("healthy with 5 % loss", b.build(), 70_000, false, V::Healthy, C::Healthy));

    out.push((
        "silent for 10 h with the reference heard",
        Rb::new().build(),
        36_000,
        true,
        V::NoRadioActivity,
        C::DeviceSuspect,
    ));
    out.push((
        "silent for 1 h",
        Rb::new().build(),
        3600,
        true,
        V::NoRadioActivity,
        C::Inconclusive,
    ));

    let mut b = Rb::new();
    for k in 0..4 {
        let p = b.join(k * 60, 10 + k as u16, 7.0, 7);
        b.mic(p, MicStatus::Invalid);
        b.ns_code(p, "UPLINK_MIC");
    }
    out.push(("wrong AppKey", b.build(), 900, false, V::JoinKeyMismatch, C::Configuration));

    let mut b = Rb::new();
    for k in 0..4 {
        b.join(k * 300, 10 + k as u16, 7.0, 7);
    }
    out.push(("unregistered", b.build(), 1800, false, V::JoinNotRegistered, C::Configuration));

    let mut b = Rb::new();
    for k in 0..3 {
        let p = b.join(k * 60, 42, 7.0, 7);
        b.ns_code(p, "OTAA");
    }
    out.push(("DevNonce reuse", b.build(), 900, false, V::DevnonceRejected, C::Configuration));

    let mut b = Rb::new();
    for k in 0..3 {
        let p = b.join(k * 60, 10 + k as u16, 7.0, 7);
        b.accept(p, too_late());
    }
    out.push(("TOO_LATE", b.build(), 900, false, V::JoinAcceptTxFailed, C::Network));

    let mut b = Rb::new();
    for k in 0..4 {
        let p = b.join(k * 60, 10 + k as u16, 8.0, 7);
        b.accept(p, TxOutcome::Ok);
    }
    out.push((
        "join-accepts ignored, reference heard",
        b.build(),
        900,
        true,
        V::JoinAcceptNotReceived,
        C::DeviceSuspect,
    ));

    let mut b = Rb::new();
    b.uplinks(0, 600, 100..110, 8.0, 7);
    b.reset(6000, 109, 0);
    b.uplinks(6000, 600, 0..5, 8.0, 7);
    b.reset(9000, 4, 0);
    b.uplinks(9000, 600, 0..5, 8.0, 7);
    out.push((
        "frame-counter resets",
        b.build(),
        12_000,
        false,
        V::FrameCounterReset,
        C::DeviceSuspect,
    ));

    let mut b = Rb::new();
    b.uplinks(0, 600, (0..40).filter(|i| i % 4 != 1), -15.0, 12);
    out.push(("weak signal with loss", b.build(), 30_000, false, V::PoorCoverage, C::Coverage));

    let mut b = Rb::new();
    b.uplinks(0, 600, (0..45).filter(|i| i % 3 != 1), 5.0, 7);
    out.push(("loss despite margin", b.build(), 30_000, false, V::HighPacketLoss, C::Network));

    let mut b = Rb::new();
    b.join(0, 1, 7.0, 7);
    b.join(600, 2, 7.0, 7);
    out.push((
        "two unanswered joins",
        b.build(),
        900,
        false,
        V::InsufficientEvidence,
        C::Inconclusive,
    ));

    let mut b = Rb::new();
    b.uplinks(0, 600, 0..10, 8.0, 7);
    b.reset(6000, 9, 0);
    b.uplinks(6000, 600, 0..5, 8.0, 7);
    out.push((
        "one reset on an otherwise healthy device",
        b.build(),
        10_000,
        false,
        V::InsufficientEvidence,
        C::Inconclusive,
    ));

    let mut b = Rb::new();
    let p = b.join(0, 1, 7.0, 7);
    b.accept(p, TxOutcome::Ok);
    out.push((
        "answered at the end of the window",
        b.build(),
        30,
        false,
        V::InsufficientEvidence,
        C::Inconclusive,
    ));

    let mut b = Rb::new();
    for k in 0..3 {
        let p = b.join(k * 60, 10 + k as u16, 7.0, 7);
        b.ns_code(p, "UPLINK_MIC");
        b.accept(p, too_late());
    }
    out.push((
        "key mismatch wins over TX failure",
        b.build(),
        900,
        false,
        V::JoinKeyMismatch,
        C::Configuration,
    ));
    out
}

fn run(record: &DeviceRecord, to: i64, with_ref: bool) -> Diagnosis {
    let r = reference();
    let opts = DiagnoseOptions {
        reference: with_ref.then_some(&r),
        reference_dev_eui: with_ref.then(|| DevEui::from_u64(REF)),
        ..DiagnoseOptions::new(window(0, to))
    };
    diagnose(record.dev_eui, Some(record), &opts)
}

#[test]
fn every_verdict_code_comes_out_of_a_matching_record() {
    let mut seen = std::collections::BTreeSet::new();
    for (name, record, to, with_ref, code, class) in cases() {
        let d = run(&record, to, with_ref);
        assert_eq!(
            (d.verdict.code, d.verdict.class),
            (code, class),
            "{name}: {}",
            d.verdict.summary
        );
        assert!(!d.verdict.summary.is_empty(), "{name}");
        assert!(!d.findings.is_empty(), "{name}");
        seen.insert(code);
    }
    for code in VerdictCode::ALL {
        assert!(seen.contains(&code), "no case for {code}");
    }
}

#[test]
fn a_brief_gives_the_verdict_and_link_figures_of_the_whole_diagnosis() {
    for (name, record, to, with_ref, _, _) in cases() {
        let d = run(&record, to, with_ref);
        let r = reference();
        let opts = DiagnoseOptions {
            reference: with_ref.then_some(&r),
            reference_dev_eui: with_ref.then(|| DevEui::from_u64(REF)),
            ..DiagnoseOptions::new(window(0, to))
        };
        let b = brief(record.dev_eui, Some(&record), &opts);
        assert!(b.verdict.message.is_empty() || b.verdict.unrendered(), "{name}");
        let mut verdict = b.verdict;
        verdict.render_summary();
        assert_eq!(verdict, d.verdict, "{name}");
        let facts = facts::Facts::new(record.dev_eui, &record, &opts);
        assert_eq!(
            (b.loss, b.median_margin),
            (facts.link.loss, facts.link.median_margin),
            "{name}"
        );
    }
}

#[test]
fn thin_evidence_never_produces_device_suspect_and_always_says_how_long_to_watch() {
    for (name, record, to, with_ref, _, _) in cases() {
        let d = run(&record, to, with_ref);
        let s = d.sufficiency.clone().unwrap();
        if d.verdict.code == VerdictCode::InsufficientEvidence {
            assert!(!s.sufficient, "{name}");
            assert!(s.watch_more_seconds.is_some_and(|w| w > 0), "{name}");
            assert!(d.verdict.summary.contains("watch at least"), "{name}: {}", d.verdict.summary);
        }
        if d.verdict.class == VerdictClass::DeviceSuspect {
            assert!(s.sufficient, "{name}");
        }
    }
}

#[test]
fn the_verdict_finding_leads_and_evidence_points_into_the_input() {
    let (_, record, to, with_ref, code, _) = cases().swap_remove(3);
    let d = run(&record, to, with_ref);
    assert_eq!(d.findings[0].code, code.as_str());
    let known: std::collections::BTreeSet<u64> = record
        .join_attempts
        .iter()
        .map(|a| a.index)
        .chain(record.logs.iter().map(|l| l.index))
        .collect();
    assert!(
        d.findings[0].evidence.iter().all(|i| known.contains(i)),
        "{:?}",
        d.findings[0].evidence
    );
}

#[test]
fn the_json_has_the_contract_fields_and_the_additive_blocks() {
    let (_, record, to, _, _, _) = cases().swap_remove(0);
    let d = run(&record, to, true);
    let v = serde_json::to_value(&d).unwrap();
    for key in [
        "schema",
        "dev_eui",
        "window",
        "verdict",
        "findings",
        "timeline",
        "stats",
        "profile",
        "reference",
        "sufficiency",
        "explanation",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["schema"], "rmacheck.diagnosis.v1");
    assert_eq!(v["verdict"]["code"], "HEALTHY");
    assert_eq!(v["verdict"]["class"], "healthy");
    assert_eq!(v["dev_eui"], "70b3d57ed0000001");
    assert_eq!(v["reference"]["heard"], true);
    assert_eq!(v["findings"][0]["severity"], "info");
    assert!(v["profile"]["assumptions"][0].as_str().unwrap().starts_with("no profile given"));
    let back: Diagnosis = serde_json::from_value(v).unwrap();
    assert_eq!(back, d);
}

#[test]
fn the_explanation_follows_the_requested_language() {
    let (_, record, to, _, _, _) = cases().swap_remove(3);
    let opts = DiagnoseOptions { lang: Lang::De, ..DiagnoseOptions::new(window(0, to)) };
    let d = diagnose(record.dev_eui, Some(&record), &opts);
    let e = d.explanation.unwrap();
    assert_eq!(e.lang, Lang::De);
    assert!(e.meaning.contains("Join-Requests"), "{}", e.meaning);
    assert!(e.next_steps.iter().any(|s| s.contains("MSB-Reihenfolge")));
}

#[test]
fn a_device_never_seen_is_diagnosed_without_a_record() {
    let d = diagnose(DevEui::from_u64(9), None, &DiagnoseOptions::new(window(0, 600)));
    assert_eq!(d.verdict.code, VerdictCode::NoRadioActivity);
    assert_eq!(d.dev_eui.to_string(), "0000000000000009");
}

#[test]
fn diagnosis_is_deterministic() {
    for (_, record, to, with_ref, _, _) in cases() {
        assert_eq!(run(&record, to, with_ref), run(&record, to, with_ref));
    }
}

#[test]
fn verdict_codes_classes_sources_and_mic_states_are_named_as_in_the_json() {
    fn json<T: serde::Serialize>(v: T) -> String {
        serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
    for code in VerdictCode::ALL {
        assert_eq!((code.as_str(), code.to_string()), (json(code).as_str(), json(code)));
    }
    use VerdictClass as C;
    let classes =
        [C::Healthy, C::Configuration, C::Network, C::Coverage, C::DeviceSuspect, C::Inconclusive];
    for class in classes {
        assert_eq!((class.as_str(), class.to_string()), (json(class).as_str(), json(class)));
    }
    for source in crate::model::Source::ALL {
        assert_eq!(source.as_str(), json(source));
    }
    for mic in [MicStatus::Unchecked, MicStatus::Valid, MicStatus::Invalid] {
        assert_eq!(mic.as_str(), json(mic));
    }
}
