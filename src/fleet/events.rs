//! Verdict changes as `--events` lines: `{"at","dev_eui","from","to","class","summary"}`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::diagnosis::{Verdict, VerdictClass, VerdictCode};
use crate::model::DevEui;

/// One verdict change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictEvent {
    /// When the new verdict was reached (agent clock).
    pub at: DateTime<Utc>,
    /// The device.
    pub dev_eui: DevEui,
    /// The previous verdict; `null` for a device's first verdict.
    pub from: Option<VerdictCode>,
    /// The new verdict.
    pub to: VerdictCode,
    /// Its class.
    pub class: VerdictClass,
    /// Its plain-language summary.
    pub summary: String,
}

impl VerdictEvent {
    /// The event as one JSON line (without the newline).
    ///
    /// # Errors
    /// Serialisation errors (none for well-formed events).
    pub fn json_line(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// Remembers each device's last verdict code and reports changes.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    last: HashMap<DevEui, VerdictCode>,
}

impl Changes {
    /// Continues from known verdicts (e.g. restored state), so they are not reported again.
    #[must_use]
    pub fn from_known(known: impl IntoIterator<Item = (DevEui, VerdictCode)>) -> Self {
        Self { last: known.into_iter().collect() }
    }

    /// Records `verdict` for `dev`; `Some` when it differs from the last one.
    pub fn observe(
        &mut self,
        at: DateTime<Utc>,
        dev: DevEui,
        verdict: &Verdict,
    ) -> Option<VerdictEvent> {
        let from = self.last.insert(dev, verdict.code);
        (from != Some(verdict.code)).then(|| VerdictEvent {
            at,
            dev_eui: dev,
            from,
            to: verdict.code,
            class: verdict.class,
            summary: verdict.summary.clone(),
        })
    }

    /// The last verdict code of each device.
    pub fn known(&self) -> impl Iterator<Item = (&DevEui, &VerdictCode)> {
        self.last.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(code: VerdictCode, class: VerdictClass) -> Verdict {
        Verdict {
            code,
            class,
            summary: format!("{code}"),
            message: String::new(),
            args: Default::default(),
        }
    }

    #[test]
    fn only_changes_are_reported_the_first_verdict_coming_from_null() {
        let dev = crate::model::Eui64::from_u64(0x70b3_d57e_d000_0001);
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let mut c = Changes::default();
        let first =
            c.observe(at, dev, &v(VerdictCode::InsufficientEvidence, VerdictClass::Inconclusive));
        assert_eq!(
            first.unwrap().json_line().unwrap(),
            r#"{"at":"2027-01-15T08:00:00Z","dev_eui":"70b3d57ed0000001","from":null,"to":"INSUFFICIENT_EVIDENCE","class":"inconclusive","summary":"INSUFFICIENT_EVIDENCE"}"#
        );
        assert!(
            c.observe(at, dev, &v(VerdictCode::InsufficientEvidence, VerdictClass::Inconclusive))
                .is_none()
        );
        let change = c.observe(at, dev, &v(VerdictCode::Healthy, VerdictClass::Healthy)).unwrap();
        assert_eq!(
            (change.from, change.to),
            (Some(VerdictCode::InsufficientEvidence), VerdictCode::Healthy)
        );
    }
}
