//! Warranty periods counted from the delivery date, as of the report date.
//!
//! - Right of withdrawal: 14 days (EU distance selling).
//! - Voluntary (commercial) warranty: 12 months.
//! - Statutory liability for defects: 24 months.
//!
//! A period ends at the end of the day `delivery_date + length` (months are calendar months; a
//! delivery on the 31st ends on the last day of a shorter month). It is `within` when the report
//! date is on or before that day, else `expired`. Pure: the report date is passed in.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Length of the right of withdrawal, days.
pub const WITHDRAWAL_DAYS: u32 = 14;
/// Length of the voluntary warranty, months.
pub const VOLUNTARY_WARRANTY_MONTHS: u32 = 12;
/// Length of the statutory liability for defects, months.
pub const STATUTORY_LIABILITY_MONTHS: u32 = 24;

/// Whether a period still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodStatus {
    /// The report date is on or before the last day.
    Within,
    /// The last day has passed.
    Expired,
}

/// One period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Length in days (withdrawal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Length in months (warranty, liability).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Last day of the period.
    pub ends: NaiveDate,
    /// Status on the report date.
    pub status: PeriodStatus,
}

/// The `warranty` block of `report.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warranty {
    /// The delivery date the periods are counted from.
    pub delivery_date: NaiveDate,
    /// The report date the statuses refer to.
    pub as_of: NaiveDate,
    /// Right of withdrawal.
    pub withdrawal: Period,
    /// Voluntary warranty.
    pub voluntary_warranty: Period,
    /// Statutory liability for defects.
    pub statutory_liability: Period,
}

/// Why the periods cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarrantyError {
    /// Delivery after the report date.
    #[error(
        "delivery_date {delivery} lies after the report date {as_of}: check the delivery date \
         in the RMA file"
    )]
    DeliveryInFuture {
        /// Delivery date.
        delivery: NaiveDate,
        /// Report date.
        as_of: NaiveDate,
    },
    /// Date arithmetic overflow (absurd dates).
    #[error("delivery_date {0} is out of range: check the delivery date in the RMA file")]
    OutOfRange(NaiveDate),
}

fn period(ends: NaiveDate, as_of: NaiveDate, days: Option<u32>, months: Option<u32>) -> Period {
    let status = if as_of <= ends { PeriodStatus::Within } else { PeriodStatus::Expired };
    Period { days, months, ends, status }
}

/// Computes the three periods for a delivery date, as of the report date.
///
/// # Errors
/// [`WarrantyError::DeliveryInFuture`] when delivery is after `as_of`.
pub fn compute(delivery_date: NaiveDate, as_of: NaiveDate) -> Result<Warranty, WarrantyError> {
    if delivery_date > as_of {
        return Err(WarrantyError::DeliveryInFuture { delivery: delivery_date, as_of });
    }
    let oor = || WarrantyError::OutOfRange(delivery_date);
    let w_end =
        delivery_date.checked_add_days(Days::new(WITHDRAWAL_DAYS.into())).ok_or_else(oor)?;
    let v_end =
        delivery_date.checked_add_months(Months::new(VOLUNTARY_WARRANTY_MONTHS)).ok_or_else(oor)?;
    let s_end = delivery_date
        .checked_add_months(Months::new(STATUTORY_LIABILITY_MONTHS))
        .ok_or_else(oor)?;
    Ok(Warranty {
        delivery_date,
        as_of,
        withdrawal: period(w_end, as_of, Some(WITHDRAWAL_DAYS), None),
        voluntary_warranty: period(v_end, as_of, None, Some(VOLUNTARY_WARRANTY_MONTHS)),
        statutory_liability: period(s_end, as_of, None, Some(STATUTORY_LIABILITY_MONTHS)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PeriodStatus::{Expired, Within};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_end_on_the_right_day_and_flip_status_the_day_after() {
        // (delivery, as_of, withdrawal, voluntary, statutory)
        let cases = [
            (
                "2026-09-14",
                "2026-09-28",
                ("2026-09-28", Within),
                ("2027-09-14", Within),
                ("2028-09-14", Within),
            ),
            (
                "2026-09-14",
                "2026-09-29",
                ("2026-09-28", Expired),
                ("2027-09-14", Within),
                ("2028-09-14", Within),
            ),
            (
                "2026-09-14",
                "2027-09-15",
                ("2026-09-28", Expired),
                ("2027-09-14", Expired),
                ("2028-09-14", Within),
            ),
            (
                "2026-09-14",
                "2028-09-15",
                ("2026-09-28", Expired),
                ("2027-09-14", Expired),
                ("2028-09-14", Expired),
            ),
            (
                "2024-02-29",
                "2024-03-01",
                ("2024-03-14", Within),
                ("2025-02-28", Within),
                ("2026-02-28", Within),
            ),
            (
                "2026-01-31",
                "2026-01-31",
                ("2026-02-14", Within),
                ("2027-01-31", Within),
                ("2028-01-31", Within),
            ),
        ];
        for (delivery, as_of, w, v, s) in cases {
            let got = compute(d(delivery), d(as_of)).unwrap();
            assert_eq!(
                (got.withdrawal.ends, got.withdrawal.status),
                (d(w.0), w.1),
                "{delivery} {as_of}"
            );
            assert_eq!((got.voluntary_warranty.ends, got.voluntary_warranty.status), (d(v.0), v.1));
            assert_eq!(
                (got.statutory_liability.ends, got.statutory_liability.status),
                (d(s.0), s.1)
            );
        }
    }

    #[test]
    fn a_delivery_after_the_report_date_is_refused() {
        let err = compute(d("2026-12-01"), d("2026-11-21")).unwrap_err().to_string();
        assert!(err.contains("lies after the report date"), "{err}");
    }
}
