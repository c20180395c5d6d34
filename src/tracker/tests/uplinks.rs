//! Data uplinks: attribution, de-duplication and frame counters.

use super::*;
use crate::tracker::pending::MAX_PER_ADDR;

const ADDR: DevAddr = DevAddr(0x0100_0001);

#[test]
fn gateway_frames_before_the_app_event_are_attributed_once_the_dev_addr_is_learnt() {
    let mut f = Feed::all();
    let g1 = f.at(0, gw_up(data_phy(ADDR, 20), rx(1, -90.0, 2.0, b"")));
    let g2 = f.at(30, gw_up(data_phy(ADDR, 20), rx(2, -70.0, 8.0, b"")));
    assert!(f.tracker.device(&DEV_A).is_none());
    let app = f.at(200, app_up(DEV_A, Some(ADDR), 20, &[(1, -90.0, 2.0), (2, -70.0, 8.0)]));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.uplinks, 1);
    assert_eq!(r.uplinks.len(), 1);
    assert_eq!(r.uplinks[0].receptions.len(), 2, "one reception per gateway");
    assert_eq!(r.stats.gateways, 2);
    assert_eq!(r.evidence, BTreeSet::from([g1, g2, app]));
    assert_eq!(
        kinds(&r),
        vec![(g1, "uplink".into()), (g2, "uplink".into()), (app, "app_uplink".into())]
    );
    assert_eq!(r.timeline[2].note.as_deref(), Some("same transmission as #0"));
    assert_eq!((r.stats.fcnt_first, r.stats.fcnt_last), (Some(20), Some(20)));
    assert_eq!(r.stats.snr_db.map(|s| s.max), Some(8.0));
}

#[test]
fn a_late_copy_from_another_gateway_is_the_same_frame() {
    let mut f = Feed::all();
    f.at(0, app_join(DEV_A, ADDR));
    f.at(1_000, gw_up(data_phy(ADDR, 0), rx(1, -90.0, 2.0, b"")));
    f.at(1_200, app_up(DEV_A, Some(ADDR), 0, &[(1, -90.0, 2.0)]));
    f.at(2_200, gw_up(data_phy(ADDR, 0), rx(2, -95.0, 1.0, b"")));
    f.at(2_300, app_log(DEV_A, "UPLINK_F_CNT_RETRANSMISSION", &[("f_cnt_up", "0")]));
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.retransmissions), (1, 0));
    assert_eq!(r.uplinks[0].receptions.len(), 2);
    assert_eq!(r.stats.ns_log_codes.get("UPLINK_F_CNT_RETRANSMISSION"), Some(&1));
}

#[test]
fn the_same_gateway_repeating_a_frame_is_a_retransmission() {
    let mut f = Feed::all();
    f.at(0, app_join(DEV_A, ADDR));
    f.at(1_000, gw_up(data_phy(ADDR, 0), rx(1, -90.0, 2.0, b"")));
    let again = f.at(3_500, gw_up(data_phy(ADDR, 0), rx(1, -91.0, 2.0, b"")));
    f.at(3_600, gw_up(data_phy(ADDR, 0), rx(2, -99.0, 0.0, b"")));
    f.at(9_000, gw_up(data_phy(ADDR, 1), rx(1, -90.0, 2.0, b"")));
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.retransmissions, r.stats.fcnt_missing), (2, 1, 0));
    assert_eq!(r.uplinks.len(), 3);
    assert!(r.uplinks[1].retransmission);
    assert_eq!(r.uplinks[1].receptions.len(), 2, "the other gateway's copy joins the repeat");
    let e = r.timeline.iter().find(|e| e.index == again);
    assert_eq!(e.and_then(|e| e.note.as_deref()), Some("retransmission: same FCnt as #1"));
}

#[test]
fn counter_gaps_count_missing_frames_within_a_session() {
    let mut f = Feed::all();
    for (i, fc) in [10u32, 11, 14, 15, 20].into_iter().enumerate() {
        f.at(i as i64 * 60_000, app_up(DEV_A, Some(ADDR), fc, &[(1, -80.0, 5.0)]));
    }
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.fcnt_missing, r.stats.fcnt_resets), (5, 6, 0));
    assert_eq!((r.stats.fcnt_first, r.stats.fcnt_last), (Some(10), Some(20)));
}

#[test]
fn a_restart_from_zero_without_a_rejoin_is_one_reset_not_missing_frames() {
    let mut f = Feed::all();
    f.at(0, app_up(DEV_A, Some(ADDR), 500, &[(1, -80.0, 5.0)]));
    let mut first_after = 0;
    for fc in 0..3u32 {
        let at = 60_000 * (i64::from(fc) + 1);
        let i = f.at(at, gw_up(data_phy(ADDR, fc), rx(1, -80.0, 5.0, b"")));
        if fc == 0 {
            first_after = i;
        }
        let ctx = fc.to_string();
        f.at(at + 200, app_log(DEV_A, "UPLINK_F_CNT_RESET", &[("f_cnt_up", ctx.as_str())]));
    }
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.fcnt_resets, r.stats.fcnt_missing), (4, 1, 0));
    assert_eq!(r.fcnt_resets.len(), 1);
    assert_eq!(
        (r.fcnt_resets[0].index, r.fcnt_resets[0].from, r.fcnt_resets[0].to),
        (first_after, 500, 0)
    );
    assert_eq!(r.uplinks[1].session, r.uplinks[0].session + 1);
    assert_eq!(r.stats.ns_log_codes.get("UPLINK_F_CNT_RESET"), Some(&3));
}

#[test]
fn reset_logs_alone_reveal_the_reset_when_no_gateway_topic_was_captured() {
    let mut f = Feed::all();
    f.at(0, app_up(DEV_A, Some(ADDR), 500, &[(1, -80.0, 5.0)]));
    for fc in 0..3u32 {
        let ctx = fc.to_string();
        f.at(
            60_000 * (i64::from(fc) + 1),
            app_log(DEV_A, "UPLINK_F_CNT_RESET", &[("f_cnt_up", ctx.as_str())]),
        );
    }
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.fcnt_resets, r.stats.fcnt_missing), (4, 1, 0));
}

#[test]
fn a_reset_log_identifies_the_unknown_dev_addr_of_its_gateway_frame() {
    let mut f = Feed::all();
    let g = f.at(0, gw_up(data_phy(ADDR, 3), rx(1, -80.0, 5.0, b"")));
    f.at(200, app_log(DEV_A, "UPLINK_F_CNT_RESET", &[("f_cnt_up", "3")]));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.uplinks, 1);
    assert!(r.evidence.contains(&g));
    assert_eq!(r.uplinks[0].receptions.len(), 1);
}

#[test]
fn a_rejoin_restarting_at_zero_is_a_new_session_not_a_reset() {
    let mut f = Feed::all();
    f.at(0, app_join(DEV_A, ADDR));
    for fc in 0..5u32 {
        f.at(1_000 + i64::from(fc) * 60_000, app_up(DEV_A, Some(ADDR), fc, &[(1, -80.0, 5.0)]));
    }
    f.at(400_000, app_join(DEV_A, DevAddr(0x0200_0002)));
    f.at(401_000, gw_up(data_phy(DevAddr(0x0200_0002), 0), rx(1, -80.0, 5.0, b"")));
    f.at(461_000, app_up(DEV_A, Some(DevAddr(0x0200_0002)), 1, &[(1, -80.0, 5.0)]));
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.fcnt_resets, r.stats.fcnt_missing), (7, 0, 0));
    assert_eq!(r.uplinks.last().map(|u| u.session), Some(1));
    assert_eq!(r.dev_addrs, vec![ADDR, DevAddr(0x0200_0002)]);
    assert_eq!(r.app_joins.len(), 2);
}

#[test]
fn a_late_join_event_for_the_running_session_does_not_split_it() {
    let mut f = Feed::all();
    f.at(0, app_up(DEV_A, Some(ADDR), 0, &[(1, -80.0, 5.0)]));
    f.at(300, app_join(DEV_A, ADDR));
    f.at(60_000, app_up(DEV_A, Some(ADDR), 2, &[(1, -80.0, 5.0)]));
    let r = f.record(DEV_A);
    assert_eq!((r.stats.uplinks, r.stats.fcnt_missing), (2, 1));
    assert_eq!(r.uplinks[1].session, 0);
}

#[test]
fn the_full_counter_from_the_app_event_corrects_a_mid_session_capture() {
    let mut f = Feed::all();
    f.at(0, gw_up(data_phy(ADDR, 70_000), rx(1, -80.0, 5.0, b"")));
    f.at(200, app_up(DEV_A, Some(ADDR), 70_000, &[(1, -80.0, 5.0)]));
    f.at(60_000, gw_up(data_phy(ADDR, 70_002), rx(1, -80.0, 5.0, b"")));
    let r = f.record(DEV_A);
    assert_eq!((r.stats.fcnt_first, r.stats.fcnt_last), (Some(70_000), Some(70_002)));
    assert_eq!((r.stats.uplinks, r.stats.fcnt_missing), (2, 1));
    assert_eq!(r.timeline[0].f_cnt, Some(70_000), "the gateway entry shows the full counter");
}

#[test]
fn frames_of_unwatched_devices_are_not_stored() {
    let mut f = Feed::new(watch(&[DEV_A]));
    f.at(0, app_up(DEV_B, Some(DevAddr(9)), 1, &[(1, -80.0, 5.0)]));
    f.at(1_000, gw_up(data_phy(DevAddr(9), 2), rx(1, -80.0, 5.0, b"")));
    f.at(2_000, gw_up(data_phy(DevAddr(10), 2), rx(1, -80.0, 5.0, b"")));
    assert!(f.tracker.device(&DEV_B).is_none());
    assert_eq!(f.tracker.pending.len(), 1, "unknown DevAddr waits, known foreign one is dropped");
    f.at(2_200, app_up(DEV_B, Some(DevAddr(10)), 2, &[(1, -80.0, 5.0)]));
    assert_eq!(f.tracker.pending.len(), 0);
    assert!(f.tracker.device(&DEV_B).is_none());
}

#[test]
fn the_pending_buffer_keeps_only_a_bounded_number_of_frames_per_address() {
    let mut f = Feed::all();
    for i in 0..(MAX_PER_ADDR as u32 + 10) {
        f.at(i64::from(i) * 10, gw_up(data_phy(ADDR, i), rx(1, -80.0, 5.0, b"")));
    }
    f.at(1_000, app_up(DEV_A, Some(ADDR), MAX_PER_ADDR as u32 + 10, &[(1, -80.0, 5.0)]));
    let r = f.record(DEV_A);
    assert_eq!(r.stats.uplinks, MAX_PER_ADDR as u64 + 1);
    assert_eq!(r.stats.fcnt_first, Some(10));
}

#[test]
fn rssi_and_snr_spreads_use_the_best_reception_per_transmission() {
    let mut f = Feed::all();
    f.at(0, app_up(DEV_A, Some(ADDR), 1, &[(1, -110.0, -5.0), (2, -100.0, -8.0)]));
    f.at(60_000, app_up(DEV_A, Some(ADDR), 2, &[(1, -90.0, 1.0)]));
    f.at(120_000, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(3, -60.0, 9.5, b"")));
    let r = f.record(DEV_A);
    let rssi = r.stats.rssi_dbm.map(|s| (s.min, s.median, s.max));
    let snr = r.stats.snr_db.map(|s| (s.min, s.median, s.max));
    assert_eq!(rssi, Some((-100.0, -90.0, -60.0)));
    assert_eq!(snr, Some((-5.0, 1.0, 9.5)));
    assert_eq!(r.stats.gateways, 3);
}

#[test]
fn lists_are_bounded_while_counters_keep_counting() {
    let limits = Limits { timeline: 5, uplinks: 3, samples: 2, ..crate::tracker::LIMITS };
    let mut f = Feed::with_limits(TrackerConfig::default(), limits);
    for fc in 0..10u32 {
        f.at(
            i64::from(fc) * 60_000,
            app_up(DEV_A, Some(ADDR), fc, &[(1, -100.0 + f64::from(fc), 0.0)]),
        );
    }
    let r = f.record(DEV_A);
    assert_eq!((r.timeline.len(), r.uplinks.len()), (5, 3));
    assert_eq!(r.stats.uplinks, 10);
    assert_eq!(r.evidence.len(), 10);
    let rssi = r.stats.rssi_dbm.map(|s| (s.min, s.median, s.max));
    assert_eq!(rssi, Some((-100.0, -91.5, -91.0)), "extremes of all, median of the last two");
}

#[test]
fn malformed_messages_and_bad_crc_frames() {
    let mut f = Feed::all();
    f.tracker.note_malformed();
    f.tracker.note_malformed();
    let mut bad = rx(1, -80.0, 5.0, b"");
    bad.crc_ok = Some(false);
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), bad));
    f.at(10, gw_up(vec![0x40, 1, 2], rx(1, -80.0, 5.0, b"")));
    assert!(f.tracker.device(&DEV_A).is_none());
    assert_eq!(f.record(DEV_A).stats.malformed_messages, 2);
}
