//! Join-requests, join-accepts, acks and join-related NS logs.

use super::*;
use crate::frame::MicStatus;
use crate::model::TxAckStatus as S;
use crate::tracker::TxOutcome;

#[test]
fn a_join_request_heard_by_two_gateways_counts_once() {
    let mut f = Feed::all();
    let phy = join_request_phy(&KEY_A, DEV_A, 7);
    let first = f.at(0, gw_up(phy.clone(), rx(1, -80.0, 5.0, b"ctx1")));
    f.at(40, gw_up(phy, rx(2, -100.0, -3.0, b"ctx2")));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.join_requests, 1);
    assert_eq!(r.stats.dev_nonces_distinct, 1);
    assert_eq!(r.stats.dev_nonces_reused, 0);
    assert_eq!(r.stats.gateways, 2);
    assert_eq!(r.join_attempts.len(), 1);
    assert_eq!(r.join_attempts[0].receptions.len(), 2);
    assert_eq!(r.timeline.len(), 2, "one entry per message");
    assert_eq!(
        r.timeline[1].note.as_deref(),
        Some(format!("same transmission as #{first}").as_str())
    );
    assert_eq!(r.evidence, BTreeSet::from([0, 1]));
    let rssi = r.stats.rssi_dbm.map(|s| (s.min, s.max));
    assert_eq!(rssi, Some((-80.0, -80.0)), "best reception of the one transmission");
}

#[test]
fn the_same_gateway_repeating_identical_bytes_is_a_new_transmission_and_a_reused_nonce() {
    let mut f = Feed::all();
    let phy = join_request_phy(&KEY_A, DEV_A, 7);
    f.at(0, gw_up(phy.clone(), rx(1, -80.0, 5.0, b"a")));
    f.at(1_500, gw_up(phy.clone(), rx(1, -81.0, 5.0, b"b")));
    f.at(9_000, gw_up(phy, rx(2, -90.0, 1.0, b"c")));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.join_requests, 3);
    assert_eq!(r.stats.dev_nonces_distinct, 1);
    assert_eq!(r.stats.dev_nonces_reused, 2);
    assert!(r.join_attempts[1].dev_nonce_reused && r.join_attempts[2].dev_nonce_reused);
    assert_eq!(r.timeline[1].note.as_deref(), Some("DevNonce already used at #0"));
}

#[test]
fn join_request_mics_are_checked_with_the_supplied_app_key() {
    let config = TrackerConfig { keys: keys(&[(DEV_A, KEY_A), (DEV_B, KEY_A)]), watch: None };
    let mut f = Feed::new(config);
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"")));
    f.at(10, gw_up(join_request_phy(&KEY_B, DEV_B, 1), rx(1, -80.0, 5.0, b"")));
    f.at(20, gw_up(join_request_phy(&KEY_B, DevEui::from_u64(9), 1), rx(1, -80.0, 5.0, b"")));
    let mic = |d: DevEui| f.record(d).join_attempts.first().map(|a| a.mic);
    assert_eq!(mic(DEV_A), Some(MicStatus::Valid));
    assert_eq!(mic(DEV_B), Some(MicStatus::Invalid));
    assert_eq!(mic(DevEui::from_u64(9)), Some(MicStatus::Unchecked));
    assert_eq!(f.record(DEV_B).timeline[0].mic, Some(MicStatus::Invalid));
}

#[test]
fn a_join_accept_goes_to_the_join_request_with_the_same_gateway_and_context() {
    let mut f = Feed::all();
    let a = f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"ctxA")));
    let b = f.at(100, gw_up(join_request_phy(&KEY_B, DEV_B, 1), rx(1, -80.0, 5.0, b"ctxB")));
    let down =
        f.at(900, accept_down(1, 42, join_accept_phy(&KEY_A, DevAddr(0x0100_0001)), b"ctxA"));
    let ackd = f.at(1_100, ack(1, 42, vec![S::Ok, S::Ignored]));
    let ra = f.record(DEV_A);
    let rb = f.record(DEV_B);
    assert_eq!(ra.stats.join_accepts, 1);
    assert_eq!(rb.stats.join_accepts, 0);
    assert_eq!(ra.join_accepts[0].attempt, Some(0));
    assert_eq!(ra.join_attempts[0].accept, Some(0));
    assert_eq!(ra.join_accepts[0].tx, TxOutcome::Ok);
    assert_eq!(ra.join_accepts[0].ack_index, Some(ackd));
    assert_eq!(ra.join_accepts[0].rx1_delay_s, Some(5.0));
    assert_eq!(ra.stats.join_accept_tx_ok, 1);
    assert_eq!(ra.evidence, BTreeSet::from([a, down, ackd]));
    assert_eq!(rb.evidence, BTreeSet::from([b]));
    let tl = kinds(&ra);
    assert_eq!(tl[1], (down, "join_accept".to_string()));
    assert_eq!(tl[2], (ackd, "join_accept_tx".to_string()));
    assert_eq!(ra.timeline[2].tx_status.as_deref(), Some("OK"));
    assert_eq!(ra.timeline[1].note.as_deref(), Some(format!("answers join-request #{a}").as_str()));
}

#[test]
fn without_contexts_the_app_key_picks_the_device_the_accept_answers() {
    let config = TrackerConfig { keys: keys(&[(DEV_A, KEY_A), (DEV_B, KEY_B)]), watch: None };
    let mut f = Feed::new(config);
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"")));
    f.at(100, gw_up(join_request_phy(&KEY_B, DEV_B, 1), rx(1, -80.0, 5.0, b"")));
    f.at(900, accept_down(1, 42, join_accept_phy(&KEY_A, DevAddr(0x0100_0001)), b""));
    let ra = f.record(DEV_A);
    assert_eq!(ra.stats.join_accepts, 1, "not the most recent request, but the key fits");
    assert_eq!(f.record(DEV_B).stats.join_accepts, 0);
    let dec = ra.join_accepts[0].decrypted.as_ref().map(|d| d.dev_addr);
    assert_eq!(dec, Some(DevAddr(0x0100_0001)));
    assert_eq!(ra.join_accepts[0].mic, MicStatus::Valid);
    assert_eq!(ra.dev_addrs, vec![DevAddr(0x0100_0001)]);
    assert_eq!(ra.timeline[1].dev_addr, Some(DevAddr(0x0100_0001)));
}

#[test]
fn a_wrong_app_key_on_the_ns_shows_as_an_invalid_join_accept_mic() {
    let config = TrackerConfig { keys: keys(&[(DEV_A, KEY_A)]), watch: None };
    let mut f = Feed::new(config);
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"c")));
    f.at(900, accept_down(1, 42, join_accept_phy(&KEY_B, DevAddr(5)), b"c"));
    let r = f.record(DEV_A);
    assert_eq!(r.join_accepts[0].mic, MicStatus::Invalid);
    assert_eq!(r.join_accepts[0].decrypted, None);
}

#[test]
fn a_join_accept_is_not_matched_to_a_request_too_long_ago_or_at_another_gateway() {
    let mut f = Feed::all();
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"")));
    f.at(6_500, accept_down(1, 1, join_accept_phy(&KEY_A, DevAddr(5)), b""));
    f.at(6_600, gw_up(join_request_phy(&KEY_A, DEV_A, 2), rx(1, -80.0, 5.0, b"")));
    f.at(7_400, accept_down(2, 2, join_accept_phy(&KEY_A, DevAddr(6)), b""));
    f.at(7_500, ack(2, 2, vec![S::Ok]));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.join_accepts, 0);
    assert_eq!(r.stats.join_accept_tx_ok, 0);
    assert_eq!(r.evidence.len(), 2);
}

#[test]
fn too_late_on_both_items_counts_a_failed_join_accept() {
    let mut f = Feed::all();
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"x")));
    f.at(800, accept_down(1, 7, join_accept_phy(&KEY_A, DevAddr(5)), b"x"));
    f.at(1_000, ack(1, 7, vec![S::TooLate, S::TooLate]));
    f.at(9_000, gw_up(join_request_phy(&KEY_A, DEV_A, 2), rx(1, -80.0, 5.0, b"y")));
    f.at(9_800, accept_down(1, 8, join_accept_phy(&KEY_A, DevAddr(6)), b"y"));
    f.at(10_000, ack(1, 8, vec![S::Ok, S::Ignored]));
    let r = f.record(DEV_A);
    assert_eq!(
        (r.stats.join_accepts, r.stats.join_accept_tx_ok, r.stats.join_accept_tx_failed),
        (2, 1, 1)
    );
    assert_eq!(r.join_accepts[0].tx, TxOutcome::Failed(S::TooLate));
    assert_eq!(r.timeline[2].tx_status.as_deref(), Some("TOO_LATE"));
    assert_eq!(r.join_accepts[1].attempt, Some(1));
}

#[test]
fn join_related_ns_logs_are_attributed_to_the_most_recent_join_attempt() {
    let mut f = Feed::all();
    let otaa = |n: &'static str| app_log(DEV_A, "OTAA", &[("dev_nonce", n), ("join_eui", "0")]);
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 258), rx(1, -80.0, 5.0, b"")));
    f.at(200, app_log(DEV_A, "UPLINK_MIC", &[]));
    f.at(9_000, gw_up(join_request_phy(&KEY_A, DEV_A, 259), rx(1, -80.0, 5.0, b"")));
    f.at(9_200, otaa("258"));
    f.at(18_000, gw_up(join_request_phy(&KEY_A, DEV_A, 258), rx(1, -80.0, 5.0, b"")));
    f.at(18_200, otaa("258"));
    f.at(40_000, app_log(DEV_A, "UPLINK_MIC", &[]));
    let r = f.record(DEV_A);
    let codes: Vec<Vec<String>> = r.join_attempts.iter().map(|a| a.ns_log_codes.clone()).collect();
    let want: Vec<Vec<String>> = vec![vec!["UPLINK_MIC".into()], vec![], vec!["OTAA".into()]];
    assert_eq!(codes, want, "by time, and by DevNonce for OTAA");
    assert_eq!(r.stats.ns_log_codes.get("UPLINK_MIC"), Some(&2));
    assert_eq!(r.stats.ns_log_codes.get("OTAA"), Some(&2));
    assert_eq!(r.logs.len(), 4);
    let log = r.timeline.iter().find(|e| e.kind == "ns_log");
    assert_eq!(log.and_then(|e| e.code.as_deref()), Some("UPLINK_MIC"));
    assert_eq!(log.and_then(|e| e.note.as_deref()), Some("UPLINK_MIC happened"));
}

#[test]
fn an_unwatched_device_is_not_tracked_and_its_accept_is_not_given_to_a_watched_one() {
    let mut f = Feed::new(watch(&[DEV_A]));
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"")));
    f.at(100, gw_up(join_request_phy(&KEY_B, DEV_B, 1), rx(1, -80.0, 5.0, b"")));
    f.at(900, accept_down(1, 9, join_accept_phy(&KEY_B, DevAddr(9)), b""));
    f.at(1_000, ack(1, 9, vec![S::Ok]));
    assert!(f.tracker.device(&DEV_B).is_none());
    let r = f.record(DEV_A);
    assert_eq!(r.stats.join_accepts, 0, "the accept answers the more recent request");
    assert_eq!(r.evidence, BTreeSet::from([0]));
    assert_eq!(f.tracker.dev_euis().count(), 1);
}

#[test]
fn an_unmatched_join_accept_is_attributed_by_trying_the_watched_devices_keys() {
    let config = TrackerConfig { keys: keys(&[(DEV_A, KEY_A)]), watch: Some([DEV_A].into()) };
    let mut f = Feed::new(config);
    let down = f.at(0, accept_down(1, 3, join_accept_phy(&KEY_A, DevAddr(0x55)), b""));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.join_accepts, 1);
    assert_eq!(r.join_accepts[0].attempt, None);
    assert_eq!(r.timeline[0].note.as_deref(), Some("no matching join-request heard"));
    assert_eq!(r.evidence, BTreeSet::from([down]));
}
