//! Inline SVG charts for report.html: signal over time and the join timeline.
//!
//! Pure string building: no scripts, no external resources, deterministic output (fixed
//! decimal places), every text escaped. The time axis spans the observation window.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::tracker::{TimelineEntry, Window};

const W: f64 = 680.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 12.0;

/// Which value a signal chart plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// RSSI, dBm.
    Rssi,
    /// SNR, dB.
    Snr,
}

/// Escapes text for XML/HTML content and attributes.
#[must_use]
pub fn escape(s: &str) -> String {
    crate::render::markup::html(s)
}

fn x_of(at: DateTime<Utc>, window: Window) -> f64 {
    let span = (window.to - window.from).num_milliseconds() as f64;
    let plot = W - LEFT - RIGHT;
    if span <= 0.0 {
        return LEFT + plot / 2.0;
    }
    let off = (at - window.from).num_milliseconds() as f64;
    LEFT + (off / span).clamp(0.0, 1.0) * plot
}

fn time_axis(svg: &mut String, window: Window, y: f64) {
    let labels = [
        (LEFT, "start", window.from),
        (W - RIGHT, "end", window.to),
        ((LEFT + W - RIGHT) / 2.0, "middle", window.from + (window.to - window.from) / 2),
    ];
    let _ = write!(
        svg,
        r##"<line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#555" stroke-width="1"/>"##,
        W - RIGHT
    );
    for (x, anchor, t) in labels {
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="{anchor}" fill="#333">{}</text>"##,
            y + 13.0,
            t.format("%m-%d %H:%M")
        );
    }
}

fn kind_colour(e: &TimelineEntry) -> &'static str {
    match e.kind.as_str() {
        "join_request" => "#b03a2e",
        "uplink" | "app_uplink" => "#1f5fa8",
        _ => "#777777",
    }
}

/// A scatter chart of RSSI or SNR over the window; `legend` names join requests and uplinks.
#[must_use]
pub fn signal_chart(
    timeline: &[TimelineEntry],
    window: Window,
    metric: Metric,
    caption: &str,
    no_data: &str,
    legend: (&str, &str),
) -> String {
    const H: f64 = 150.0;
    const TOP: f64 = 8.0;
    const BOTTOM: f64 = 34.0;
    let points: Vec<(f64, f64, &str)> = timeline
        .iter()
        .filter_map(|e| {
            let v = match metric {
                Metric::Rssi => e.rssi_dbm,
                Metric::Snr => e.snr_db,
            }?;
            let at = e.at?;
            v.is_finite().then(|| (x_of(at, window), v, kind_colour(e)))
        })
        .collect();
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:.0} {H:.0}" width="100%" role="img" aria-label="{}">"#,
        escape(caption)
    );
    let plot_h = H - TOP - BOTTOM;
    if points.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#777">{}</text>"##,
            W / 2.0,
            TOP + plot_h / 2.0,
            escape(no_data)
        );
        time_axis(&mut svg, window, TOP + plot_h);
        svg.push_str("</svg>");
        return svg;
    }
    let step = match metric {
        Metric::Rssi => 10.0,
        Metric::Snr => 5.0,
    };
    let min = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let mut lo = (min / step).floor() * step;
    let mut hi = (max / step).ceil() * step;
    if hi - lo < step {
        lo -= step;
        hi += step;
    }
    let mut tick = if (hi - lo) / step <= 2.0 { step / 2.0 } else { step };
    while (hi - lo) / tick > 8.0 {
        tick *= 2.0;
    }
    let y_of = |v: f64| TOP + (hi - v) / (hi - lo) * plot_h;
    let mut v = lo;
    while v <= hi + 1e-9 {
        let y = y_of(v);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#333">{v:.0}</text>"##,
            W - RIGHT,
            LEFT - 4.0,
            y + 3.5
        );
        v += tick;
    }
    for (x, val, colour) in &points {
        let _ =
            write!(svg, r#"<circle cx="{x:.1}" cy="{:.1}" r="2.2" fill="{colour}"/>"#, y_of(*val));
    }
    time_axis(&mut svg, window, TOP + plot_h);
    let ly = H - 4.0;
    let _ = write!(
        svg,
        r##"<circle cx="{LEFT:.1}" cy="{:.1}" r="3" fill="#b03a2e"/><text x="{:.1}" y="{ly:.1}" font-size="10" fill="#333">{}</text><circle cx="{:.1}" cy="{:.1}" r="3" fill="#1f5fa8"/><text x="{:.1}" y="{ly:.1}" font-size="10" fill="#333">{}</text>"##,
        ly - 3.5,
        LEFT + 6.0,
        escape(legend.0),
        LEFT + 186.0,
        ly - 3.5,
        LEFT + 192.0,
        escape(legend.1)
    );
    svg.push_str("</svg>");
    svg
}

/// One lane of the join timeline: its label and which entries it shows.
#[derive(Debug, Clone, Copy)]
pub struct Lane<'a> {
    /// Label (translated).
    pub label: &'a str,
    /// Timeline kinds shown in the lane.
    pub kinds: &'a [&'a str],
}

/// The join timeline: one lane per kind, a tick per event; gateway TX results are green when
/// sent (`OK`) and red otherwise.
#[must_use]
pub fn join_chart(
    timeline: &[TimelineEntry],
    window: Window,
    lanes: &[Lane<'_>],
    caption: &str,
) -> String {
    const LANE_H: f64 = 30.0;
    let h = LANE_H * lanes.len() as f64 + 24.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:.0} {h:.0}" width="100%" role="img" aria-label="{}">"#,
        escape(caption)
    );
    for (i, lane) in lanes.iter().enumerate() {
        let top = LANE_H * i as f64;
        let base = top + LANE_H - 4.0;
        let _ = write!(
            svg,
            r##"<text x="{LEFT:.1}" y="{:.1}" font-size="10" fill="#333">{}</text><line x1="{LEFT:.1}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#ddd" stroke-width="1"/>"##,
            top + 10.0,
            escape(lane.label),
            W - RIGHT
        );
        for e in timeline.iter().filter(|e| lane.kinds.contains(&e.kind.as_str())) {
            let Some(at) = e.at else { continue };
            let colour = match e.tx_status.as_deref() {
                Some("OK") => "#2e8b57",
                Some(_) => "#b03a2e",
                None => kind_colour(e),
            };
            let x = x_of(at, window);
            let _ = write!(
                svg,
                r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{base:.1}" stroke="{colour}" stroke-width="1.6"/>"#,
                base - 12.0
            );
        }
    }
    time_axis(&mut svg, window, LANE_H * lanes.len() as f64);
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn window() -> Window {
        Window { from: at("2026-11-21T09:00:00Z"), to: at("2026-11-21T10:00:00Z") }
    }

    fn entry(t: &str, kind: &str, rssi: Option<f64>) -> TimelineEntry {
        TimelineEntry {
            at: Some(at(t)),
            kind: kind.into(),
            rssi_dbm: rssi,
            snr_db: rssi.map(|r| r / 10.0),
            ..TimelineEntry::default()
        }
    }

    #[test]
    fn points_are_placed_on_the_window_and_values_axis() {
        let tl = [
            entry("2026-11-21T09:00:00Z", "join_request", Some(-71.0)),
            entry("2026-11-21T10:00:00Z", "uplink", Some(-95.5)),
            entry("2026-11-21T09:30:00Z", "ns_log", None),
        ];
        let svg = signal_chart(&tl, window(), Metric::Rssi, "RSSI <dBm>", "no data", ("a", "b"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 2 + 2, "two points and two legend dots");
        assert!(svg.contains(r#"cx="46.0""#) && svg.contains(r#"cx="668.0""#), "{svg}");
        assert!(svg.contains("RSSI &lt;dBm&gt;"));
        assert!(svg.contains(">-70<") && svg.contains(">-100<"), "{svg}");
    }

    #[test]
    fn an_empty_series_says_so() {
        let svg = signal_chart(&[], window(), Metric::Snr, "SNR", "keine Daten", ("a", "b"));
        assert!(svg.contains("keine Daten") && !svg.contains("<circle"));
    }

    #[test]
    fn join_lanes_colour_gateway_results() {
        let mut ok = entry("2026-11-21T09:10:00Z", "join_accept_tx", None);
        ok.tx_status = Some("OK".into());
        let mut late = entry("2026-11-21T09:20:00Z", "join_accept_tx", None);
        late.tx_status = Some("TOO_LATE".into());
        let tl = [entry("2026-11-21T09:05:00Z", "join_request", None), ok, late];
        let lanes = [
            Lane { label: "Join request", kinds: &["join_request"] },
            Lane { label: "TX", kinds: &["join_accept_tx"] },
        ];
        let svg = join_chart(&tl, window(), &lanes, "joins");
        assert!(svg.contains("#2e8b57") && svg.contains(r##"stroke="#b03a2e""##), "{svg}");
        assert_eq!(svg.matches("stroke-width=\"1.6\"").count(), 3);
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
