//! Context: what the network server actually sent. A join-accept decrypted with the registered
//! AppKey proves the DevAddr and the RX settings the device was given (RX1 delay, RX1 DR
//! offset, RX2 data rate, CFList), and whether the NS treats the device as LoRaWAN 1.1
//! (OptNeg bit).

use super::Outcome;
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};
use crate::frame::JoinAccept;

/// "DevAddr 260b1234, NetID 000013, RX1 delay 1 s, RX1 DR offset 0, RX2 DR 0, CFList …" as a
/// catalog message (`join-accept-settings`).
#[must_use]
pub fn describe_text(ja: &JoinAccept) -> Message {
    let rx1_offset = (ja.dl_settings >> 4) & 0x07;
    let rx2_dr = ja.dl_settings & 0x0f;
    let delay = if ja.rx_delay == 0 { 1 } else { ja.rx_delay };
    let channels = if ja.cf_list.is_empty() {
        Arg::from("")
    } else {
        let mhz: Vec<String> = ja
            .cf_list
            .iter()
            .filter(|&&f| f > 0)
            .map(|&f| format!("{:.1}", f64::from(f) / 1e6))
            .collect();
        Arg::from(Message::new("join-accept-channels", args! { "mhz" => mhz.join("/") }))
    };
    Message::new(
        "join-accept-settings",
        args! {
            "addr" => ja.dev_addr.to_string(),
            "netid" => format!("{:06x}", ja.net_id),
            "delay" => delay,
            "offset" => rx1_offset,
            "rx2" => rx2_dr,
            "channels" => channels,
        },
    )
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let decrypted: Vec<_> =
        f.record.join_accepts.iter().filter(|ja| ja.decrypted.is_some()).collect();
    let Some(last) = decrypted.last() else { return Outcome::none() };
    let Some(ja) = &last.decrypted else { return Outcome::none() };
    let count = if decrypted.len() > 1 {
        Arg::from(Message::new("join-accept-decrypted", args! { "n" => decrypted.len() }))
    } else {
        Arg::from("")
    };
    let mut findings = vec![Finding::text(
        "JOIN_ACCEPT_CONTENT",
        Severity::Info,
        Message::new(
            "finding-join-accept-content",
            args! { "index" => last.index, "settings" => describe_text(ja), "count" => count },
        ),
        decrypted.iter().map(|d| d.index).collect(),
    )];
    let opt_neg = ja.dl_settings & 0x80 != 0;
    let mac = f.mac_version();
    if opt_neg && !mac.starts_with("1.1") {
        findings.push(Finding::text(
            "JOIN_ACCEPT_OPTNEG",
            Severity::Warning,
            Message::new(
                "finding-join-accept-optneg",
                args! {
                    "mac" => mac,
                    "assumed" => if f.profile.is_some() { "no" } else { "yes" },
                },
            ),
            vec![last.index],
        ));
    }
    Outcome::findings(findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};
    use crate::model::DevAddr;
    use crate::tracker::TxOutcome;

    fn accept(dl_settings: u8) -> JoinAccept {
        JoinAccept {
            join_nonce: 1,
            net_id: 0x13,
            dev_addr: DevAddr(0x260b_1234),
            dl_settings,
            rx_delay: 1,
            cf_list: vec![867_100_000, 867_300_000, 0],
        }
    }

    #[test]
    fn a_decrypted_join_accept_names_the_devaddr_and_rx_settings() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 5.0, 7);
        let k = b.accept(p, TxOutcome::Ok);
        b.decrypted(k, accept(0x03));
        let o = run_rule(evaluate, &b.build(), 0, 600);
        let s = &o.findings[0].summary_in(crate::model::Lang::En);
        assert!(
            s.contains("DevAddr 260b1234")
                && s.contains("RX2 DR 3")
                && s.contains("867.1/867.3 MHz"),
            "{s}"
        );
        assert_eq!(o.findings.len(), 1);
    }

    #[test]
    fn optneg_for_a_10x_device_is_a_version_warning() {
        let mut b = Rb::new();
        let p = b.join(0, 1, 5.0, 7);
        let k = b.accept(p, TxOutcome::Ok);
        b.decrypted(k, accept(0x80));
        let o = run_rule(evaluate, &b.build(), 0, 600);
        assert_eq!(o.findings[1].code, "JOIN_ACCEPT_OPTNEG");
    }
}
