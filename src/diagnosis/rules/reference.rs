//! Context: what was seen of the known-good reference device. Hearing it in the window proves
//! the gateways (and the capture) work; it is what lets `NO_RADIO_ACTIVITY` and
//! `JOIN_ACCEPT_NOT_RECEIVED` point at the device.

use super::Outcome;
use crate::catalog::{Arg, Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let Some(r) = &f.reference else { return Outcome::none() };
    let finding = if r.heard {
        let last = r.last_heard.map_or(Arg::from(""), |t| {
            Arg::from(Message::new("reference-last-heard", args! { "at" => t.to_rfc3339() }))
        });
        let gateways: Vec<String> = r.gateways.iter().map(ToString::to_string).collect();
        Finding::text(
            "REFERENCE_HEARD",
            Severity::Info,
            Message::new(
                "finding-reference-heard",
                args! {
                    "eui" => r.dev_eui.to_string(),
                    "uplinks" => r.uplinks,
                    "requests" => r.join_requests,
                    "gateways" => gateways.join(", "),
                    "last" => last,
                },
            ),
            vec![],
        )
    } else {
        Finding::text(
            "REFERENCE_NOT_HEARD",
            Severity::Warning,
            Message::new("finding-reference-not-heard", args! { "eui" => r.dev_eui.to_string() }),
            vec![],
        )
    };
    Outcome::findings(vec![finding])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::DiagnoseOptions;
    use crate::diagnosis::rules::testkit::{Rb, run_rule, run_rule_with, window};
    use crate::model::DevEui;

    #[test]
    fn a_heard_reference_is_reported_with_its_gateways() {
        let mut rb = Rb::for_device(2);
        rb.uplinks(0, 600, 0..3, 5.0, 7);
        let r = rb.build();
        let dev = Rb::new().build();
        let opts = DiagnoseOptions { reference: Some(&r), ..DiagnoseOptions::new(window(0, 3600)) };
        let o = run_rule_with(evaluate, &dev, &opts);
        assert_eq!(o.findings[0].code, "REFERENCE_HEARD");
        assert!(o.findings[0].summary_in(crate::model::Lang::En).contains("0016c001f153a14c"));
    }

    #[test]
    fn a_named_but_silent_reference_is_a_warning() {
        let dev = Rb::new().build();
        let opts = DiagnoseOptions {
            reference_dev_eui: Some(DevEui::from_u64(2)),
            ..DiagnoseOptions::new(window(0, 3600))
        };
        let o = run_rule_with(evaluate, &dev, &opts);
        assert_eq!(
            (o.findings[0].code.as_str(), o.findings[0].severity),
            ("REFERENCE_NOT_HEARD", Severity::Warning)
        );
    }

    #[test]
    fn no_reference_no_finding() {
        assert!(run_rule(evaluate, &Rb::new().build(), 0, 60).findings.is_empty());
    }
}
