//! The evidence property: re-running the tracker on a device's evidence messages (with their
//! original indices) reproduces the device's record exactly.

use super::*;
use crate::model::TxAckStatus as S;

const ADDR_A1: DevAddr = DevAddr(0x0100_00a1);
const ADDR_A2: DevAddr = DevAddr(0x0100_00a2);
const ADDR_B: DevAddr = DevAddr(0x0100_00b1);

/// Two devices sharing two gateways: a failed join, a successful one, data with copies,
/// pending frames, a retransmission, a counter reset, NS logs and status.
fn busy_site(f: &mut Feed) {
    // Device A: wrong-key-looking attempt with an NS log, then a TOO_LATE accept, then success.
    f.at(0, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(1, -80.0, 5.0, b"a1")));
    f.at(20, gw_up(join_request_phy(&KEY_A, DEV_A, 1), rx(2, -95.0, -2.0, b"a1-2")));
    f.at(200, app_log(DEV_A, "UPLINK_MIC", &[]));
    // Device B joins meanwhile on gateway 1.
    f.at(300, gw_up(join_request_phy(&KEY_B, DEV_B, 40), rx(1, -70.0, 9.0, b"b1")));
    f.at(1_100, accept_down(1, 100, join_accept_phy(&KEY_B, ADDR_B), b"b1"));
    f.at(1_300, ack(1, 100, vec![S::Ok, S::Ignored]));
    f.at(9_000, gw_up(join_request_phy(&KEY_A, DEV_A, 2), rx(1, -81.0, 5.0, b"a2")));
    f.at(9_800, accept_down(1, 101, join_accept_phy(&KEY_A, ADDR_A1), b"a2"));
    f.at(9_800, app_join(DEV_A, ADDR_A1));
    f.at(10_000, ack(1, 101, vec![S::TooLate, S::TooLate]));
    f.at(18_000, gw_up(join_request_phy(&KEY_A, DEV_A, 3), rx(2, -90.0, 0.5, b"a3")));
    f.at(18_900, accept_down(2, 102, join_accept_phy(&KEY_A, ADDR_A2), b"a3"));
    f.at(18_900, app_join(DEV_A, ADDR_A2));
    f.at(19_100, ack(2, 102, vec![S::Ok, S::Ignored]));
    // Data: without keys, B's DevAddr is learnt from its first `up`, after its gateway frames.
    for n in 0..6u32 {
        let base = 30_000 + i64::from(n) * 60_000;
        f.at(base, gw_up(data_phy(ADDR_B, n), rx(1, -72.0, 8.0, b"")));
        f.at(base + 15, gw_up(data_phy(ADDR_A2, n * 2), rx(2, -91.0, 0.0, b"")));
        f.at(base + 30, gw_up(data_phy(ADDR_B, n), rx(2, -99.0, -4.0, b"")));
        f.at(base + 200, app_up(DEV_B, Some(ADDR_B), n, &[(1, -72.0, 8.0), (2, -99.0, -4.0)]));
        f.at(base + 210, app_up(DEV_A, Some(ADDR_A2), n * 2, &[(2, -91.0, 0.0)]));
        f.at(base + 1_200, gw_up(data_phy(ADDR_A2, n * 2), rx(1, -101.0, -6.0, b"")));
    }
    // A retransmits, then restarts its counter without a rejoin.
    f.at(400_000, gw_up(data_phy(ADDR_A2, 11), rx(2, -91.0, 0.0, b"")));
    f.at(403_000, gw_up(data_phy(ADDR_A2, 11), rx(2, -92.0, 0.0, b"")));
    f.at(460_000, gw_up(data_phy(ADDR_A2, 0), rx(2, -91.0, 0.0, b"")));
    f.at(460_200, app_log(DEV_A, "UPLINK_F_CNT_RESET", &[("f_cnt_up", "0")]));
    f.at(
        470_000,
        EventBody::AppStatus {
            dev_eui: DEV_A,
            margin_db: Some(7),
            battery_percent: Some(80.0),
            external_power: false,
        },
    );
    // A foreign device's frame concerns nobody; gateway 1's stats concern the devices it heard.
    f.at(480_000, gw_up(data_phy(DevAddr(0x2600_0001), 5), rx(1, -120.0, -15.0, b"")));
    f.at(
        480_500,
        EventBody::GatewayStats {
            gateway: gw(1),
            rx_received: 10,
            rx_received_ok: 9,
            tx_received: 1,
            tx_emitted: 1,
        },
    );
}

#[test]
fn re_running_on_the_evidence_reproduces_each_record() {
    let configs = [
        TrackerConfig::default(),
        TrackerConfig { keys: keys(&[(DEV_A, KEY_A), (DEV_B, KEY_B)]), watch: None },
        watch(&[DEV_A]),
    ];
    for config in configs {
        let mut f = Feed::new(config);
        busy_site(&mut f);
        for dev in [DEV_A, DEV_B] {
            let mut full = f.record(dev);
            let mut again = f.rerun_evidence(dev);
            if full.stats.gateways == 0 {
                // Never heard: every gateway seen counts, and the evidence holds only their
                // state and stats messages, not the other devices' frames.
                full.gateway_availability.retain(|g| g.stats_messages > 0);
                again.gateway_availability.retain(|g| g.stats_messages > 0);
            }
            assert_eq!(full, again, "device {dev}");
        }
    }
}

#[test]
fn the_busy_site_is_counted_as_expected() {
    let mut f =
        Feed::new(TrackerConfig { keys: keys(&[(DEV_A, KEY_A), (DEV_B, KEY_B)]), watch: None });
    busy_site(&mut f);
    let a = f.record(DEV_A);
    assert_eq!(a.stats.join_requests, 3);
    assert_eq!(
        (a.stats.join_accepts, a.stats.join_accept_tx_ok, a.stats.join_accept_tx_failed),
        (2, 1, 1)
    );
    assert_eq!(a.join_attempts[0].ns_log_codes, vec!["UPLINK_MIC".to_string()]);
    assert_eq!(a.stats.uplinks, 8, "six frames, FCnt 11 and the restart");
    assert_eq!(a.stats.retransmissions, 1);
    assert_eq!(a.stats.fcnt_missing, 5, "one between each even counter");
    assert_eq!(a.stats.fcnt_resets, 1);
    assert_eq!(a.stats.gateways, 2);
    assert_eq!(a.uplinks[0].receptions.len(), 2, "the late copy from gateway 1 merged");
    assert_eq!(a.uplinks[0].mic, crate::frame::MicStatus::Invalid, "test frames use other keys");
    let b = f.record(DEV_B);
    assert_eq!((b.stats.join_requests, b.stats.join_accepts, b.stats.join_accept_tx_ok), (1, 1, 1));
    assert_eq!((b.stats.uplinks, b.stats.fcnt_missing, b.stats.retransmissions), (6, 0, 0));
    assert!(b.uplinks.iter().all(|u| u.receptions.len() == 2));
    let last = f.log.len() as u64;
    let shared: Vec<u64> = a.evidence.intersection(&b.evidence).copied().collect();
    assert_eq!(shared, vec![last - 1], "only gateway 1's stats concern both");
    assert!(!a.evidence.contains(&(last - 2)), "the foreign frame concerns nobody");
}
