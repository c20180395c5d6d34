//! `fleet --format csv`: one row per device, worst first, with a header row.

use super::{DeviceHealth, FleetView};

/// The columns, in order.
pub const HEADER: [&str; 14] = [
    "dev_eui",
    "code",
    "class",
    "summary",
    "uplinks",
    "fcnt_missing",
    "fcnt_resets",
    "loss",
    "link_margin_db",
    "join_requests",
    "join_accepts",
    "gateways",
    "malformed_messages",
    "last_seen",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The view as CSV (RFC 4180 quoting; empty cells for unknown values).
///
/// # Errors
/// Writer errors (none when writing to memory).
pub fn csv(v: &FleetView) -> Result<String, csv::Error> {
    let bytes = write_csv(v, 1, Vec::new())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Rows made together, a part on each thread, before they are written.
const WRITTEN_TOGETHER: usize = 1024;

/// Writes [`csv`]'s text to `out`, the rows made on up to `threads` threads; returns the writer.
///
/// # Errors
/// Writer errors.
pub fn write_csv<W: std::io::Write>(
    v: &FleetView,
    threads: usize,
    out: W,
) -> Result<W, csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    let mut out = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    for chunk in v.devices.chunks(WRITTEN_TOGETHER) {
        for rows in crate::parallel::map_parts(chunk, threads, |_, part| rows(part)) {
            out.write_all(&rows?)?;
        }
    }
    Ok(out)
}

/// The rows of `devices`, as the one writer of every row writes them.
fn rows(devices: &[DeviceHealth]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(devices.len() * 320));
    for d in devices {
        let s = &d.stats;
        w.write_record([
            d.dev_eui.to_string(),
            d.verdict.code.to_string(),
            d.verdict.class.to_string(),
            d.summary().into_owned(),
            s.uplinks.to_string(),
            s.fcnt_missing.to_string(),
            s.fcnt_resets.to_string(),
            opt(d.loss.map(|l| format!("{l:.4}"))),
            opt(d.link_margin_db.map(|m| format!("{m:.1}"))),
            s.join_requests.to_string(),
            s.join_accepts.to_string(),
            s.gateways.to_string(),
            s.malformed_messages.to_string(),
            opt(d.last_seen.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::{Verdict, VerdictClass, VerdictCode};
    use crate::fleet::view::Traffic;

    fn device(n: u64) -> DeviceHealth {
        DeviceHealth {
            dev_eui: crate::model::Eui64::from_u64(n),
            verdict: Verdict {
                code: VerdictCode::HighPacketLoss,
                class: VerdictClass::Coverage,
                summary: format!("loss of {n} %, \"quoted\",\nover lines"),
                message: String::new(),
                args: Default::default(),
            },
            stats: Box::default(),
            loss: (n % 2 == 0).then_some(n as f64 / 1e4),
            link_margin_db: (n % 3 == 0).then_some(-2.25),
            last_seen: chrono::DateTime::from_timestamp(1_700_000_000 + n as i64, 0),
            packed_args: None,
        }
    }

    #[test]
    fn rows_made_on_several_threads_are_what_one_writer_of_every_row_writes() {
        for count in [0, 1, 3, WRITTEN_TOGETHER + 1, 2 * WRITTEN_TOGETHER + 9] {
            let v =
                FleetView::new(None, Traffic::default(), (0..count as u64).map(device).collect());
            let mut one = csv::Writer::from_writer(Vec::new());
            one.write_record(HEADER).unwrap();
            let mut want = one.into_inner().unwrap();
            want.extend(rows(&v.devices).unwrap());
            for threads in [1, 2, 3] {
                let written = write_csv(&v, threads, Vec::new()).unwrap();
                assert!(written == want, "{count} devices on {threads} threads");
            }
            let read = csv::Reader::from_reader(want.as_slice()).records().count();
            assert_eq!(read, count);
        }
    }
}
