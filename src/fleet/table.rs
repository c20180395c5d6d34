//! The health table (terminal): a summary line with the counts per class and the message
//! rate, then one row per device, worst first, cut to fit the terminal.

use tabled::builder::Builder;
use tabled::settings::peaker::Priority;
use tabled::settings::{Style, Width};

use super::FleetView;

/// How much room the table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Columns; `None`: no limit (not a terminal).
    pub width: Option<usize>,
    /// Device rows; `None`: every device.
    pub rows: Option<usize>,
}

impl Fit {
    /// No limits.
    pub const NONE: Fit = Fit { width: None, rows: None };
}

/// The line above the table: devices, counts per class (non-zero ones), messages.
#[must_use]
pub fn summary_line(v: &FleetView) -> String {
    let mut parts =
        vec![format!("{} device{}", v.devices.len(), if v.devices.len() == 1 { "" } else { "s" })];
    parts.extend(v.classes.iter().filter(|(_, n)| *n > 0).map(|(c, n)| format!("{c} {n}")));
    let mut msgs = format!("{} messages", v.traffic.messages);
    if v.traffic.malformed > 0 {
        msgs.push_str(&format!(" ({} malformed)", v.traffic.malformed));
    }
    if let Some(r) = v.traffic.per_second {
        msgs.push_str(&format!(", {r:.1}/s"));
    }
    parts.push(msgs);
    parts.join(" · ")
}

fn pct(l: Option<f64>) -> String {
    l.map_or_else(|| "–".into(), |l| format!("{:.1} %", l * 100.0))
}

fn margin(m: Option<f64>) -> String {
    m.map_or_else(|| "–".into(), |m| format!("{m:+.1} dB"))
}

/// The summary line and the table, cut to `fit`.
#[must_use]
pub fn table(v: &FleetView, fit: Fit) -> String {
    let mut b = Builder::default();
    b.push_record([
        "device",
        "verdict",
        "class",
        "uplinks",
        "loss",
        "margin",
        "last seen",
        "summary",
    ]);
    let shown = fit.rows.unwrap_or(usize::MAX).min(v.devices.len());
    for d in v.devices.iter().take(shown) {
        b.push_record([
            d.dev_eui.to_string(),
            d.verdict.code.to_string(),
            d.verdict.class.to_string(),
            d.stats.uplinks.to_string(),
            pct(d.loss),
            margin(d.link_margin_db),
            d.last_seen
                .map_or_else(|| "never".into(), |t| t.format("%Y-%m-%d %H:%M:%SZ").to_string()),
            d.verdict.summary.clone(),
        ]);
    }
    let mut t = b.build();
    t.with(Style::blank());
    if let Some(w) = fit.width {
        t.with(Width::truncate(w).priority(Priority::max(true)).suffix("…"));
    }
    let mut out = cut(&summary_line(v), fit.width);
    out.push('\n');
    out.push_str(&t.to_string());
    out.push('\n');
    if shown < v.devices.len() {
        out.push_str(&format!("… and {} more (healthiest last)\n", v.devices.len() - shown));
    }
    out
}

/// `s` cut to `width` characters, with "…" when cut.
#[must_use]
pub fn cut(s: &str, width: Option<usize>) -> String {
    match width {
        Some(w) if s.chars().count() > w => {
            let mut c: String = s.chars().take(w.saturating_sub(1)).collect();
            c.push('…');
            c
        }
        _ => s.to_string(),
    }
}
