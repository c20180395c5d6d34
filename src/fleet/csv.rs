//! `fleet --format csv`: one row per device, worst first, with a header row.

use super::FleetView;

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
    let bytes = write_csv(v, Vec::new())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Writes [`csv`]'s text to `out` row by row; returns the writer.
///
/// # Errors
/// Writer errors.
pub fn write_csv<W: std::io::Write>(v: &FleetView, out: W) -> Result<W, csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for d in &v.devices {
        let s = &d.stats;
        w.write_record([
            d.dev_eui.to_string(),
            d.verdict.code.to_string(),
            d.verdict.class.to_string(),
            d.verdict.summary.clone(),
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
