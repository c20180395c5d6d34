//! Context: what was seen of the known-good reference device. Hearing it in the window proves
//! the gateways (and the capture) work; it is what lets `NO_RADIO_ACTIVITY` and
//! `JOIN_ACCEPT_NOT_RECEIVED` point at the device.

use super::{Outcome, plural};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::{Finding, Severity};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let Some(r) = &f.reference else { return Outcome::none() };
    let finding = if r.heard {
        let last =
            r.last_heard.map(|t| format!(", last at {}", t.to_rfc3339())).unwrap_or_default();
        Finding::new(
            "REFERENCE_HEARD",
            Severity::Info,
            format!(
                "The reference device {} was heard in the window ({}, {}) by gateway {}{last}: the \
                 gateways and the capture work.",
                r.dev_eui,
                plural(r.uplinks as usize, "uplink", "uplinks"),
                plural(r.join_requests as usize, "join-request", "join-requests"),
                r.gateways.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
            vec![],
        )
    } else {
        Finding::new(
            "REFERENCE_NOT_HEARD",
            Severity::Warning,
            format!(
                "The reference device {} was not heard in the window: either it is not at the \
                 site, or the gateways, their backhaul or the capture are down. Nothing can be \
                 blamed on the device until the reference is heard.",
                r.dev_eui
            ),
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
        assert!(o.findings[0].summary.contains("0016c001f153a14c"));
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
