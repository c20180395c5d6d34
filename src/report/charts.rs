//! The report's charts: signal over time and the join timeline, as typed data of the view
//! model ([`Chart`], built from the timeline by [`signal`] and [`lanes`]) and as inline SVG
//! drawn from that data alone ([`svg`]).
//!
//! Pure string building: no scripts, no external resources, deterministic output (fixed
//! decimal places), every text escaped. The time axis spans the observation window.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::tracker::{TimelineEntry, Window};

const W: f64 = 680.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 12.0;

/// Which value a signal chart plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// RSSI, dBm.
    Rssi,
    /// SNR, dB.
    Snr,
}

/// What a point or tick stands for (its colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A join-request.
    JoinRequest,
    /// A data frame.
    Uplink,
    /// A gateway that sent a downlink (TX ack `OK`).
    Sent,
    /// A gateway that did not send a downlink (any other TX ack).
    NotSent,
    /// Anything else.
    Other,
}

impl Mark {
    fn of(e: &TimelineEntry) -> Self {
        match (e.tx_status.as_deref(), e.kind.as_str()) {
            (Some("OK"), _) => Mark::Sent,
            (Some(_), _) => Mark::NotSent,
            (None, "join_request") => Mark::JoinRequest,
            (None, "uplink" | "app_uplink") => Mark::Uplink,
            _ => Mark::Other,
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Mark::JoinRequest | Mark::NotSent => "#b03a2e",
            Mark::Uplink => "#1f5fa8",
            Mark::Sent => "#2e8b57",
            Mark::Other => "#777777",
        }
    }
}

/// One point of a signal chart: a transmission at its best gateway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// When.
    pub at: DateTime<Utc>,
    /// RSSI (dBm) or SNR (dB).
    pub value: f64,
    /// What was sent.
    pub mark: Mark,
}

/// One lane of the join timeline: its label and a tick per event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartLane {
    /// Label (translated).
    pub label: String,
    /// Events: when and what.
    pub ticks: Vec<(DateTime<Utc>, Mark)>,
}

/// What a chart plots.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Plot {
    /// Values over time.
    Signal {
        /// RSSI or SNR.
        metric: Metric,
        /// One point per transmission.
        points: Vec<Point>,
        /// Said when there are no points.
        no_data: String,
        /// Names of the join-request and uplink marks.
        legend: [String; 2],
    },
    /// Events over time, one lane per kind.
    Lanes {
        /// The lanes, top to bottom.
        lanes: Vec<ChartLane>,
    },
}

/// A chart of the view model: everything the SVG shows, already translated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Caption (also the SVG's accessible name).
    pub caption: String,
    /// The time axis.
    pub window: Window,
    /// The data.
    pub plot: Plot,
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

/// The time format of the axis labels, by window length: seconds for a few minutes, the date
/// alone beyond a few days, so that neighbouring labels differ.
fn time_format(window: Window) -> &'static str {
    let span = (window.to - window.from).num_seconds();
    if span < 3 * 60 {
        "%H:%M:%S"
    } else if span < 3 * 86_400 {
        "%m-%d %H:%M"
    } else {
        "%Y-%m-%d"
    }
}

/// A value-axis label: a decimal only where the value has one (ticks of 2.5), never "-0".
fn tick_label(v: f64, tick: f64) -> String {
    let v = if v.abs() < tick / 1000.0 { 0.0 } else { v };
    if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { format!("{v:.1}") }
}

/// One point per transmission: copies of the same frame heard by several gateways (same
/// kind, DevNonce or FCnt, within 2 s) keep only the copy with the best value.
fn best_per_transmission(
    timeline: &[TimelineEntry],
    value: impl Fn(&TimelineEntry) -> Option<f64>,
) -> Vec<(&TimelineEntry, f64)> {
    let mut out: Vec<(&TimelineEntry, f64)> = Vec::new();
    for e in timeline {
        let (Some(v), Some(at)) = (value(e), e.at) else { continue };
        if !v.is_finite() {
            continue;
        }
        let same = out.iter().rposition(|(p, _)| {
            p.kind == e.kind
                && p.dev_nonce == e.dev_nonce
                && p.f_cnt == e.f_cnt
                && p.at.is_some_and(|t| (at - t).num_milliseconds().abs() <= 2000)
        });
        match same {
            Some(i) if out[i].1 >= v => {}
            Some(i) => out[i] = (e, v),
            None => out.push((e, v)),
        }
    }
    out
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
            t.format(time_format(window))
        );
    }
}

/// The scatter chart of RSSI or SNR over the window (one point per transmission at its best
/// gateway); `legend` names join-requests and uplinks.
#[must_use]
pub fn signal(
    timeline: &[TimelineEntry],
    window: Window,
    metric: Metric,
    caption: &str,
    no_data: &str,
    legend: (&str, &str),
) -> Chart {
    let value = |e: &TimelineEntry| match metric {
        Metric::Rssi => e.rssi_dbm,
        Metric::Snr => e.snr_db,
    };
    let points = best_per_transmission(timeline, value)
        .into_iter()
        .filter_map(|(e, value)| Some(Point { at: e.at?, value, mark: Mark::of(e) }))
        .collect();
    Chart {
        caption: caption.to_string(),
        window,
        plot: Plot::Signal {
            metric,
            points,
            no_data: no_data.to_string(),
            legend: [legend.0.to_string(), legend.1.to_string()],
        },
    }
}

/// The chart as inline SVG.
#[must_use]
pub fn svg(chart: &Chart) -> String {
    match &chart.plot {
        Plot::Signal { metric, points, no_data, legend } => {
            signal_svg(chart, *metric, points, no_data, legend)
        }
        Plot::Lanes { lanes } => lanes_svg(chart, lanes),
    }
}

fn open_svg(h: f64, caption: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:.0} {h:.0}" width="100%" role="img" aria-label="{}">"#,
        escape(caption)
    )
}

fn signal_svg(
    chart: &Chart,
    metric: Metric,
    points: &[Point],
    no_data: &str,
    legend: &[String; 2],
) -> String {
    const H: f64 = 150.0;
    const TOP: f64 = 8.0;
    const BOTTOM: f64 = 34.0;
    let window = chart.window;
    let mut svg = open_svg(H, &chart.caption);
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
    let min = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let max = points.iter().map(|p| p.value).fold(f64::NEG_INFINITY, f64::max);
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
            r##"<line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#333">{}</text>"##,
            W - RIGHT,
            LEFT - 4.0,
            y + 3.5,
            tick_label(v, tick)
        );
        v += tick;
    }
    for p in points {
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="2.2" fill="{}"/>"#,
            x_of(p.at, window),
            y_of(p.value),
            p.mark.colour()
        );
    }
    time_axis(&mut svg, window, TOP + plot_h);
    let ly = H - 4.0;
    let _ = write!(
        svg,
        r##"<circle cx="{LEFT:.1}" cy="{:.1}" r="3" fill="#b03a2e"/><text x="{:.1}" y="{ly:.1}" font-size="10" fill="#333">{}</text><circle cx="{:.1}" cy="{:.1}" r="3" fill="#1f5fa8"/><text x="{:.1}" y="{ly:.1}" font-size="10" fill="#333">{}</text>"##,
        ly - 3.5,
        LEFT + 6.0,
        escape(&legend[0]),
        LEFT + 186.0,
        ly - 3.5,
        LEFT + 192.0,
        escape(&legend[1])
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

/// The join timeline: one lane per kind, a tick per event; gateway TX results are marked
/// sent (`OK`) or not sent.
#[must_use]
pub fn lanes(
    timeline: &[TimelineEntry],
    window: Window,
    lanes: &[Lane<'_>],
    caption: &str,
) -> Chart {
    let lanes = lanes
        .iter()
        .map(|lane| ChartLane {
            label: lane.label.to_string(),
            ticks: timeline
                .iter()
                .filter(|e| lane.kinds.contains(&e.kind.as_str()))
                .filter_map(|e| Some((e.at?, Mark::of(e))))
                .collect(),
        })
        .collect();
    Chart { caption: caption.to_string(), window, plot: Plot::Lanes { lanes } }
}

fn lanes_svg(chart: &Chart, lanes: &[ChartLane]) -> String {
    const LANE_H: f64 = 30.0;
    let h = LANE_H * lanes.len() as f64 + 24.0;
    let mut svg = open_svg(h, &chart.caption);
    for (i, lane) in lanes.iter().enumerate() {
        let top = LANE_H * i as f64;
        let base = top + LANE_H - 4.0;
        let _ = write!(
            svg,
            r##"<text x="{LEFT:.1}" y="{:.1}" font-size="10" fill="#333">{}</text><line x1="{LEFT:.1}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#ddd" stroke-width="1"/>"##,
            top + 10.0,
            escape(&lane.label),
            W - RIGHT
        );
        for (at, mark) in &lane.ticks {
            let x = x_of(*at, chart.window);
            let _ = write!(
                svg,
                r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{base:.1}" stroke="{}" stroke-width="1.6"/>"#,
                base - 12.0,
                mark.colour()
            );
        }
    }
    time_axis(&mut svg, chart.window, LANE_H * lanes.len() as f64);
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
        let svg = svg(&signal(&tl, window(), Metric::Rssi, "RSSI <dBm>", "no data", ("a", "b")));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 2 + 2, "two points and two legend dots");
        assert!(svg.contains(r#"cx="46.0""#) && svg.contains(r#"cx="668.0""#), "{svg}");
        assert!(svg.contains("RSSI &lt;dBm&gt;"));
        assert!(svg.contains(">-70<") && svg.contains(">-100<"), "{svg}");
    }

    #[test]
    fn an_empty_series_says_so() {
        let svg = svg(&signal(&[], window(), Metric::Snr, "SNR", "keine Daten", ("a", "b")));
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
        let svg = svg(&super::lanes(&tl, window(), &lanes, "joins"));
        assert!(svg.contains("#2e8b57") && svg.contains(r##"stroke="#b03a2e""##), "{svg}");
        assert_eq!(svg.matches("stroke-width=\"1.6\"").count(), 3);
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn axis_labels_never_read_minus_zero_and_keep_needed_decimals() {
        assert_eq!(tick_label(-0.0, 5.0), "0");
        assert_eq!(tick_label(-1e-12, 2.5), "0");
        assert_eq!(tick_label(2.5, 2.5), "2.5");
        assert_eq!(tick_label(-10.0, 10.0), "-10");
    }

    #[test]
    fn time_labels_differ_for_windows_from_seconds_to_weeks() {
        for (secs, want) in [(90, "%H:%M:%S"), (3600, "%m-%d %H:%M"), (14 * 86_400, "%Y-%m-%d")] {
            let w = Window {
                from: at("2026-11-21T09:00:00Z"),
                to: at("2026-11-21T09:00:00Z") + chrono::Duration::seconds(secs),
            };
            assert_eq!(time_format(w), want, "{secs} s");
        }
    }

    #[test]
    fn a_frame_heard_by_two_gateways_is_one_point_at_its_best_gateway() {
        let mut a = entry("2026-11-21T09:10:00Z", "uplink", Some(-90.0));
        a.f_cnt = Some(7);
        let mut b = entry("2026-11-21T09:10:00.040Z", "uplink", Some(-70.0));
        b.f_cnt = Some(7);
        let mut c = entry("2026-11-21T09:20:00Z", "uplink", Some(-80.0));
        c.f_cnt = Some(8);
        let timeline = [a, b, c];
        let best = best_per_transmission(&timeline, |e| e.rssi_dbm);
        let values: Vec<f64> = best.iter().map(|(_, v)| *v).collect();
        assert_eq!(values, vec![-70.0, -80.0]);
    }
}
