//! Context: on US902-928 / AU915-928, which sub-bands the device's join-requests were heard on.
//! A compliant device spreads join-requests over eight sub-bands; an 8-channel gateway hears
//! one, so only about 1 in 8 arrives — slow joins are expected, not a fault. The factor also
//! stretches the "watch at least" estimates (see `facts::visibility_factor`).

use super::Outcome;
use crate::catalog::{Message, args};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::region;
use crate::diagnosis::{Finding, Severity};

/// Evaluates the rule.
#[must_use]
pub fn evaluate(f: &Facts<'_>) -> Outcome {
    let (Some(plan), bands) = f.sub_bands() else { return Outcome::none() };
    if bands.is_empty() || bands.len() as u64 >= region::SUB_BANDS {
        return Outcome::none();
    }
    let names: Vec<Message> = bands.iter().map(|&b| region::describe_text(plan, b)).collect();
    let evidence = f.record.join_attempts.iter().map(|a| a.index).collect();
    Outcome::findings(vec![Finding::text(
        "SUB_BAND_LIMITED",
        Severity::Info,
        Message::new(
            "finding-sub-band-limited",
            args! {
                "plan" => plan.name(),
                "n" => bands.len(),
                "bands" => names,
                "total" => region::SUB_BANDS,
                "factor" => f.visibility_factor(),
            },
        ),
        evidence,
    )])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{Rb, run_rule};

    #[test]
    fn a_us915_device_heard_on_one_sub_band_is_expected_to_join_slowly() {
        let mut b = Rb::new();
        b.frequency_hz = 904_300_000;
        b.join(0, 1, 5.0, 10);
        let o = run_rule(evaluate, &b.build(), 0, 600);
        let s = &o.findings[0].summary_in(crate::model::Lang::En);
        assert!(s.contains("sub-band 2 (903.9–905.3 MHz)") && s.contains("1 in 8"), "{s}");
    }

    #[test]
    fn eu868_has_no_sub_band_finding() {
        let mut b = Rb::new();
        b.join(0, 1, 5.0, 7);
        assert!(run_rule(evaluate, &b.build(), 0, 600).findings.is_empty());
    }
}
