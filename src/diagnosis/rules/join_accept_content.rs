//! Context: what the network server actually sent. A join-accept decrypted with the registered
//! AppKey proves the DevAddr and the RX settings the device was given (RX1 delay, RX1 DR
//! offset, RX2 data rate, CFList), and whether the NS treats the device as LoRaWAN 1.1
//! (OptNeg bit).

use super::Outcome;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};
use crate::frame::JoinAccept;

/// "DevAddr 260b1234, NetID 000013, RX1 delay 1 s, RX1 DR offset 0, RX2 DR 0, CFList …".
#[must_use]
pub fn describe(ja: &JoinAccept) -> String {
    let rx1_offset = (ja.dl_settings >> 4) & 0x07;
    let rx2_dr = ja.dl_settings & 0x0f;
    let delay = if ja.rx_delay == 0 { 1 } else { ja.rx_delay };
    let mut s = format!(
        "DevAddr {}, NetID {:06x}, RX1 delay {delay} s, RX1 DR offset {rx1_offset}, RX2 DR {rx2_dr}",
        ja.dev_addr, ja.net_id
    );
    if !ja.cf_list.is_empty() {
        let mhz: Vec<String> = ja
            .cf_list
            .iter()
            .filter(|&&f| f > 0)
            .map(|&f| format!("{:.1}", f64::from(f) / 1e6))
            .collect();
        s.push_str(&format!(", extra channels {} MHz", mhz.join("/")));
    }
    s
}

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let decrypted: Vec<_> =
        f.record.join_accepts.iter().filter(|ja| ja.decrypted.is_some()).collect();
    let Some(last) = decrypted.last() else { return Outcome::none() };
    let Some(ja) = &last.decrypted else { return Outcome::none() };
    let mut findings = vec![Finding::new(
        "JOIN_ACCEPT_CONTENT",
        Severity::Info,
        format!(
            "The join-accept at #{} decrypts with the registered AppKey, so the network server \
             has the right key. It assigns {}{}.",
            last.index,
            describe(ja),
            if decrypted.len() > 1 {
                format!(" ({} join-accepts decrypted)", decrypted.len())
            } else {
                String::new()
            }
        ),
        decrypted.iter().map(|d| d.index).collect(),
    )];
    let opt_neg = ja.dl_settings & 0x80 != 0;
    let mac = f.mac_version();
    if opt_neg && !mac.starts_with("1.1") {
        findings.push(Finding::new(
            "JOIN_ACCEPT_OPTNEG",
            Severity::Warning,
            format!(
                "The join-accept sets the OptNeg bit: the network server treats the device as \
                 LoRaWAN 1.1, but it is {}LoRaWAN {mac}. Set the MAC version on the network \
                 server to {mac}.",
                if f.profile.is_some() { "" } else { "assumed to be " }
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
        let s = &o.findings[0].summary;
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
