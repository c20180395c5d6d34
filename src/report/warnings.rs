//! Warnings that save the customer money: what makes a shop refuse a return or bill for it,
//! found before the parcel is sent (in the report and on stderr).

use super::model::Warning;
use super::rma::{Reason, Rma};
use crate::diagnosis::{Diagnosis, VerdictClass};

/// The money warnings for an RMA and the diagnosis of its evidence.
///
/// `device_messages`: messages of the device in the evidence (traffic means it was used).
#[must_use]
pub fn money(rma: &Rma, diagnosis: &Diagnosis, device_messages: u64) -> Vec<Warning> {
    let mut out = Vec::new();
    let class = diagnosis.verdict.class;
    if rma.reason == Reason::Defect
        && matches!(
            class,
            VerdictClass::Configuration | VerdictClass::Network | VerdictClass::Coverage
        )
    {
        out.push(Warning::DefectNotShown {
            verdict: serde_json::to_value(diagnosis.verdict.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            class: class.as_str().to_string(),
        });
    }
    if !rma.factory_reset {
        out.push(Warning::FactoryResetMissing);
    }
    if rma.reason == Reason::Defect {
        for (field, value) in
            [("before", &rma.description.before), ("steps_taken", &rma.description.steps_taken)]
        {
            if value.is_none() {
                out.push(Warning::DescriptionMissing { field: field.to_string() });
            }
        }
    }
    if rma.reason == Reason::WrongOrder && device_messages > 0 {
        out.push(Warning::WrongOrderUsed { messages: device_messages });
    }
    out
}
