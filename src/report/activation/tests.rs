//! The activation attestation from records built like the tracker builds them.

use super::*;
use crate::diagnosis::rules::testkit::{Rb, window};
use crate::diagnosis::{DiagnoseOptions, diagnose};
use crate::tracker::TxOutcome;

fn attest(rec: &DeviceRecord, to_s: i64, keys: bool, rma: Option<JoinEui>) -> Activation {
    let d = diagnose(rec.dev_eui, Some(rec), &DiagnoseOptions::new(window(0, to_s)));
    derive(Some(rec), &d, keys, rma)
}

fn joins(every_s: i64, n: u16) -> Rb {
    let mut b = Rb::new();
    for i in 0..n {
        b.join(i64::from(i) * every_s, 0x100 + i, 7.0, 7);
    }
    b
}

#[test]
fn the_outcome_follows_the_documented_criteria() {
    let sent = JoinEui::from_u64(0x70b3_d57e_d000_0000);
    let other = JoinEui::from_u64(1);
    type Case = (&'static str, DeviceRecord, i64, Option<JoinEui>, Outcome, Option<&'static str>);
    let cases: Vec<Case> = vec![
        ("nothing heard", Rb::new().build(), 7200, None, Outcome::NoAttemptHeard, None),
        (
            "joins rejected for a bad MIC",
            {
                let mut b = joins(600, 8);
                for i in 0..8 {
                    b.ns_code(i, "UPLINK_MIC");
                }
                b.build()
            },
            7200,
            None,
            Outcome::ConfigurationFault,
            Some("JOIN_KEY_MISMATCH"),
        ),
        (
            "a join, an accept sent and uplinks after it",
            {
                let mut b = joins(60, 1);
                b.accept(0, TxOutcome::Ok);
                b.uplinks(120, 600, 0..10, 8.0, 7);
                b.build()
            },
            7200,
            Some(sent),
            Outcome::ProperlyAttempted,
            None,
        ),
        (
            "two joins in five minutes",
            joins(300, 2).build(),
            400,
            None,
            Outcome::InsufficientEvidence,
            None,
        ),
        (
            "ABP uplinks",
            {
                let mut b = Rb::new();
                b.uplinks(0, 600, 0..12, 8.0, 7);
                b.build()
            },
            7200,
            None,
            Outcome::ProperlyAttempted,
            None,
        ),
        (
            "the device sends another JoinEUI than the RMA file's",
            {
                let mut b = joins(600, 8);
                for i in 0..8 {
                    b.accept(i, TxOutcome::Ok);
                }
                b.build()
            },
            7200,
            Some(other),
            Outcome::ConfigurationFault,
            Some("JOIN_EUI_MISMATCH"),
        ),
    ];
    // The same JoinEUI difference once the device has joined: the RMA file is wrong, not the
    // device's configuration.
    let mut joined = joins(60, 1);
    joined.accept(0, TxOutcome::Ok);
    joined.uplinks(120, 600, 0..10, 8.0, 7);
    let cases = cases.into_iter().chain([(
        "another JoinEUI, but a session followed",
        joined.build(),
        7200,
        Some(other),
        Outcome::ProperlyAttempted,
        None,
    )]);
    for (name, rec, to_s, rma, outcome, fault) in cases {
        let a = attest(&rec, to_s, false, rma);
        assert_eq!(a.outcome, outcome, "{name}: {a:#?}");
        assert_eq!(a.fault.as_deref(), fault, "{name}: {a:#?}");
        assert!(!a.summary.is_empty(), "{name}");
        for lang in Lang::ALL {
            let s = summary(lang, &a);
            assert!(!s.contains('{'), "{name} {lang:?}: {s}");
            if let Some(f) = fault {
                assert!(s.contains(f), "{name} {lang:?}: the fault is named: {s}");
            }
        }
    }
}

#[test]
fn otaa_figures_count_what_was_heard_and_what_the_server_did() {
    let mut b = joins(600, 6);
    b.accept(4, crate::diagnosis::rules::testkit::too_late());
    b.accept(5, TxOutcome::Ok);
    let rec = b.build();
    let a = attest(&rec, 7200, false, None);
    assert_eq!(a.mode, Some(Mode::Otaa));
    assert_eq!(a.join_requests, Some(6));
    assert_eq!(a.span_s, Some(3000));
    assert_eq!(a.dev_nonces_distinct, Some(6));
    assert_eq!((a.join_accepts_sent, a.join_accepts_tx_failed), (Some(2), Some(1)));
    assert_eq!(a.gateways, vec!["0016c001f153a14c".to_string()]);
    assert_eq!((a.mic_checked, a.mic_valid), (Some(false), None));
    assert!(!a.session_established);
    // An ABP device has no join fields.
    let mut abp = Rb::new();
    abp.uplinks(0, 600, 0..3, 8.0, 7);
    let a = attest(&abp.build(), 7200, false, None);
    assert_eq!((a.mode, a.join_requests, a.mic_checked), (Some(Mode::Abp), None, None));
}

#[test]
fn insufficient_evidence_says_how_much_longer_to_watch() {
    let a = attest(&joins(300, 2).build(), 400, false, None);
    assert!(a.watch_more_seconds.is_some_and(|s| s >= MIN_SPAN_S - 300), "{a:#?}");
    assert!(a.summary.contains("keep watching for at least"), "{}", a.summary);
}

#[test]
fn recheck_passes_equal_attestations_and_names_the_first_difference() {
    let mut b = joins(600, 6);
    b.mic(0, MicStatus::Valid);
    let rec = b.build();
    let signed = attest(&rec, 7200, true, None);
    assert!(recheck(Some(&signed), &signed, false).is_ok());
    let fresh_no_keys = attest(&joins(600, 6).build(), 7200, false, None);
    let ok = recheck(Some(&signed), &fresh_no_keys, true).unwrap();
    assert!(ok.contains("not re-checked without AppKeys"), "{ok}");
    let err = recheck(Some(&signed), &fresh_no_keys, false).unwrap_err();
    assert!(err.contains("activation.mic_checked"), "{err}");
    let fewer = attest(&joins(600, 5).build(), 7200, false, None);
    let err = recheck(Some(&signed), &fewer, true).unwrap_err();
    assert!(err.contains("activation."), "{err}");
    assert!(recheck(None, &signed, false).is_err());
}
