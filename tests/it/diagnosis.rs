//! Diagnosis over simulated captures: every named scenario gives its verdict (with and without
//! `--keys`), plus situations built with the simulator's builder; `diagnose` and `profiles` on
//! the command line.

use std::collections::BTreeSet;

use rmacheck::diagnosis::{self, DiagnoseOptions, Diagnosis, VerdictClass};
use rmacheck::frame::keys::KeyStore;
use rmacheck::model::DevEui;
use rmacheck::pipeline::Pipeline;
use rmacheck::profiles::Registry;
use rmacheck::sim::{self, Scenario, SimOutput, default_start};
use rmacheck::tracker::TrackerConfig;

use super::support::assert_scenario_verdict;

/// Feeds a simulation into the pipeline and diagnoses the device under test.
fn diagnose_sim(out: &SimOutput, with_keys: bool, profile: Option<&str>) -> Diagnosis {
    let mut watch: BTreeSet<DevEui> = BTreeSet::from([out.dev_eui]);
    watch.extend(out.reference_dev_eui);
    let keys = if with_keys { out.keys.clone() } else { KeyStore::new() };
    let mut p = Pipeline::new(TrackerConfig { keys, watch: Some(watch) });
    for m in &out.messages {
        p.ingest(m);
    }
    let window = p.window().expect("messages");
    let record = p.tracker().device(&out.dev_eui);
    let reference = out.reference_dev_eui.and_then(|r| p.tracker().device(&r));
    let registry = Registry::shipped().unwrap();
    let opts = DiagnoseOptions {
        reference: reference.as_ref(),
        reference_dev_eui: out.reference_dev_eui,
        profile: profile.map(|id| registry.get(id).unwrap()),
        ..DiagnoseOptions::new(window)
    };
    // The options borrow the registry only for this call.
    diagnosis::diagnose(out.dev_eui, record.as_ref(), &opts)
}

#[test]
fn every_scenario_gives_its_verdict_with_and_without_keys() {
    for s in Scenario::ALL {
        let out = sim::run(s, 7, default_start());
        for with_keys in [true, false] {
            let d = diagnose_sim(&out, with_keys, None);
            assert_scenario_verdict(&d, s, &format!("keys: {with_keys}"));
            assert!(!d.findings.is_empty(), "{}", s.name());
        }
    }
}

#[test]
fn scenario_verdicts_hold_for_other_seeds() {
    for seed in [1, 2, 3] {
        for s in Scenario::ALL {
            let d = diagnose_sim(&sim::run(s, seed, default_start()), true, None);
            assert_eq!(
                d.verdict.code,
                s.expected_verdict(),
                "{} seed {seed}: {}",
                s.name(),
                d.verdict.summary
            );
        }
    }
}

#[test]
fn scenario_classes_follow_the_evidence() {
    let cases = [
        (Scenario::Healthy, VerdictClass::Healthy),
        (Scenario::WrongAppkey, VerdictClass::Configuration),
        (Scenario::Unregistered, VerdictClass::Configuration),
        (Scenario::DevnonceReuse, VerdictClass::Configuration),
        (Scenario::GatewayTxFail, VerdictClass::Network),
        (Scenario::JoinAcceptLost, VerdictClass::DeviceSuspect),
        (Scenario::FcntReset, VerdictClass::DeviceSuspect),
        (Scenario::WeakSignal, VerdictClass::Coverage),
        (Scenario::Silent, VerdictClass::DeviceSuspect),
    ];
    for (s, class) in cases {
        let d = diagnose_sim(&sim::run(s, 7, default_start()), true, None);
        assert_eq!(d.verdict.class, class, "{}: {}", s.name(), d.verdict.summary);
    }
}

mod built {
    //! Situations the named scenarios do not cover, made with the simulator's builder.

    use chrono::TimeDelta;
    use rmacheck::diagnosis::{Cause, Diagnosis, VerdictClass, VerdictCode};
    use rmacheck::model::{AesKey, DevAddr};
    use rmacheck::sim::{
        self, Builder, DevNonceMode, GatewayConfig, JoinSchedule, LinkParams, MacVersion, Region,
        SimConfig, SimOutput,
    };

    use super::diagnose_sim;

    fn run(cfg: &SimConfig) -> (SimOutput, Diagnosis) {
        let out = sim::simulate(cfg);
        let d = diagnose_sim(&out, true, None);
        (out, d)
    }

    fn codes(d: &Diagnosis) -> Vec<&str> {
        d.findings.iter().map(|f| f.code.as_str()).collect()
    }

    fn good() -> LinkParams {
        LinkParams::new(-85.0, 7.0).jitter(1.0).uplink_loss(0.0).downlink_loss(0.0)
    }

    #[test]
    fn a_device_heard_by_three_gateways_is_healthy_and_counted_once_per_frame() {
        let cfg = Builder::new()
            .seed(11)
            .gateways(vec![
                (GatewayConfig::new("0016c001f153a14c"), good()),
                (
                    GatewayConfig::new("0016c001f1500812"),
                    LinkParams::new(-101.0, 2.0).uplink_loss(0.0),
                ),
                (
                    GatewayConfig::new("647fdafffe00d228"),
                    LinkParams::new(-110.0, -3.0).uplink_loss(0.0),
                ),
            ])
            .uplink_interval(TimeDelta::minutes(5))
            .duration(TimeDelta::hours(3))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(d.verdict.code, VerdictCode::Healthy, "{}", d.verdict.summary);
        assert_eq!(d.stats.gateways, 3);
        assert!(d.verdict.summary.contains("via 3 gateways"), "{}", d.verdict.summary);
        assert_eq!(d.stats.fcnt_missing, 0, "copies from three gateways are one frame each");
    }

    #[test]
    fn an_abp_device_is_diagnosed_from_its_uplinks_alone() {
        let key = AesKey([3; 16]);
        let cfg = Builder::new()
            .seed(5)
            .abp(DevAddr(0x0123_4567), key, key)
            .uplink_interval(TimeDelta::minutes(5))
            .duration(TimeDelta::hours(3))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(d.verdict.code, VerdictCode::Healthy, "{}", d.verdict.summary);
        assert_eq!(d.stats.join_requests, 0);
    }

    #[test]
    fn an_abp_device_that_reboots_restarts_its_frame_counter() {
        let key = AesKey([3; 16]);
        let cfg = Builder::new()
            .seed(5)
            .abp(DevAddr(0x0123_4567), key, key)
            .uplink_interval(TimeDelta::minutes(5))
            .fcnt_reset_at(vec![12, 30])
            .duration(TimeDelta::hours(4))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(
            (d.verdict.code, d.verdict.class),
            (VerdictCode::FrameCounterReset, VerdictClass::DeviceSuspect),
            "{}",
            d.verdict.summary
        );
        assert!(d.verdict.summary.contains("ABP"), "{}", d.verdict.summary);
    }

    #[test]
    fn a_104_device_whose_devnonce_counter_restarted_is_refused() {
        let cfg = Builder::new()
            .seed(3)
            .mac_version(MacVersion::V1_0_4)
            .dev_nonce(DevNonceMode::Counter { start: 0 }, (0..500).collect())
            .duration(TimeDelta::hours(2))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(d.verdict.code, VerdictCode::DevnonceRejected, "{}", d.verdict.summary);
        assert_eq!(d.cause, Some(Cause::DevNonceCounterRestart));
        let steps = d.explanation.as_ref().unwrap().next_steps.join(" ");
        assert!(
            steps.contains("FlushDevNonces") && steps.contains("Reset used DevNonces"),
            "{steps}"
        );
    }

    #[test]
    fn a_us915_device_heard_on_one_sub_band_of_eight_joins_slowly_without_a_fault() {
        let cfg = Builder::new()
            .seed(4)
            .region(Region::Us915 { sub_band: 2 })
            .uplink_interval(TimeDelta::minutes(10))
            .duration(TimeDelta::hours(6))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(d.verdict.code, VerdictCode::Healthy, "{}", d.verdict.summary);
        assert!(codes(&d).contains(&"SUB_BAND_LIMITED"), "{:?}", codes(&d));
    }

    #[test]
    fn an_unanswered_us915_device_heard_once_is_not_yet_blamed() {
        let cfg = Builder::new()
            .seed(4)
            .region(Region::Us915 { sub_band: 2 })
            .registered(false)
            .duration(TimeDelta::minutes(10))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(d.verdict.code, VerdictCode::InsufficientEvidence, "{}", d.verdict.summary);
        assert!(d.verdict.summary.contains("watch at least"), "{}", d.verdict.summary);
        assert!(d.verdict.summary.contains("1 in 8"), "{}", d.verdict.summary);
        assert!(codes(&d).contains(&"SUB_BAND_LIMITED"), "{:?}", codes(&d));
    }

    #[test]
    fn a_device_that_is_backing_off_is_not_decided_and_says_how_long_to_watch() {
        let cfg = Builder::new()
            .seed(8)
            .registered(false)
            .device(|d| {
                d.join_schedule = JoinSchedule { base_s: 900.0, factor: 2.0, max_s: 3600.0 }
            })
            .duration(TimeDelta::minutes(20))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(d.verdict.code, VerdictCode::InsufficientEvidence, "{}", d.verdict.summary);
        let s = d.sufficiency.as_ref().unwrap();
        assert!(!s.sufficient && s.watch_more_seconds.unwrap_or(0) >= 600, "{s:?}");
        assert!(d.verdict.summary.contains("watch at least"), "{}", d.verdict.summary);
    }

    #[test]
    fn a_healthy_device_with_normal_five_percent_loss_is_healthy() {
        let cfg = Builder::new()
            .seed(21)
            .gateways(vec![(
                GatewayConfig::new("0016c001f153a14c"),
                LinkParams::new(-90.0, 6.0).jitter(1.0).uplink_loss(0.05).downlink_loss(0.0),
            )])
            .uplink_interval(TimeDelta::minutes(5))
            .duration(TimeDelta::hours(24))
            .build();
        let (_, d) = run(&cfg);
        let loss = d.stats.fcnt_missing as f64 / (d.stats.fcnt_missing + d.stats.uplinks) as f64;
        assert!((0.02..0.09).contains(&loss), "loss {loss}");
        assert_eq!(d.verdict.code, VerdictCode::Healthy, "{}", d.verdict.summary);
    }

    #[test]
    fn loss_with_a_strong_signal_is_high_packet_loss_not_coverage() {
        let cfg = Builder::new()
            .seed(12)
            .gateways(vec![(
                GatewayConfig::new("0016c001f153a14c"),
                LinkParams::new(-80.0, 8.0).jitter(1.0).uplink_loss(0.3).downlink_loss(0.0),
            )])
            .uplink_interval(TimeDelta::minutes(5))
            .duration(TimeDelta::hours(6))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(
            (d.verdict.code, d.verdict.class),
            (VerdictCode::HighPacketLoss, VerdictClass::Network),
            "{}",
            d.verdict.summary
        );
    }

    #[test]
    fn ignored_join_accepts_without_a_reference_device_stay_inconclusive() {
        let cfg = Builder::new()
            .seed(6)
            .mac_version(MacVersion::V1_0_4)
            .device_never_receives_downlinks()
            .duration(TimeDelta::hours(2))
            .build();
        let (_, d) = run(&cfg);
        assert_eq!(
            (d.verdict.code, d.verdict.class),
            (VerdictCode::JoinAcceptNotReceived, VerdictClass::Inconclusive),
            "{}",
            d.verdict.summary
        );
        assert!(d.verdict.summary.contains("--reference-dev-eui"), "{}", d.verdict.summary);
    }
}
