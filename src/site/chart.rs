//! Hand-made SVG charts: a metric key result's value over the period as a
//! step line (a value holds until the commit that changes it), with its
//! baseline and target. No script: hovering a point shows its date, value,
//! author and commit through the SVG `<title>`. Every text is escaped; every
//! number is printed with fixed decimals, so the same data gives the same
//! bytes.

use std::fmt::Write as _;

use super::markdown::escape;
use super::timeline::{Point, number_text};
use crate::model::Date;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 26.0;

/// What one chart shows.
pub struct MetricChart<'a> {
    pub title: &'a str,
    pub points: &'a [Point],
    pub baseline: f64,
    pub target: f64,
    pub unit: Option<&'a str>,
    /// The period's first and last day: the x axis.
    pub from: Date,
    pub to: Date,
    /// Where the line ends (today, or the period's end when it is over).
    pub until: Date,
}

/// The chart as an `<svg>` element.
pub fn metric(chart: &MetricChart<'_>) -> String {
    let days = chart.from.days_until(chart.to).max(1) as f64;
    let x = |date: Date| {
        let day = (chart.from.days_until(date) as f64).clamp(0.0, days);
        LEFT + day / days * (WIDTH - LEFT - RIGHT)
    };
    let values = chart.points.iter().map(|p| p.value);
    let (mut low, mut high) = values
        .chain([chart.baseline, chart.target])
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !(low.is_finite() && high.is_finite()) {
        (low, high) = (0.0, 1.0);
    }
    if (high - low).abs() < f64::EPSILON {
        low -= 1.0;
        high += 1.0;
    }
    let pad = (high - low) * 0.08;
    let (low, high) = (low - pad, high + pad);
    let y = |value: f64| TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM);
    let unit = chart.unit.map(|u| format!(" {u}")).unwrap_or_default();
    let number = |v: f64| format!("{}{}", number_text(v), unit);

    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("{}: value over the period", chart.title))
    );
    let _ = write!(
        svg,
        "<rect class=\"plot\" x=\"{LEFT}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{:.1}\"/>",
        WIDTH - LEFT - RIGHT,
        HEIGHT - TOP - BOTTOM
    );
    for (class, value, label) in [
        ("baseline", chart.baseline, "baseline"),
        ("target", chart.target, "target"),
    ] {
        let at = y(value);
        // The label above its line, or below where the line runs along the top.
        let label_y = if at - TOP < 14.0 { at + 13.0 } else { at - 4.0 };
        let _ = write!(
            svg,
            "<line class=\"{class}\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{at:.1}\" y2=\"{at:.1}\"/>\
             <text class=\"axis {class}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{} {}</text>",
            WIDTH - RIGHT,
            WIDTH - RIGHT - 4.0,
            label_y,
            label,
            escape(&number(value))
        );
    }
    // Axis labels: the value range at the left, the period's ends below.
    for value in [high - pad, low + pad] {
        let _ = write!(
            svg,
            "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 6.0,
            y(value) + 4.0,
            escape(&number_text(value))
        );
    }
    let _ = write!(
        svg,
        "<text class=\"axis\" x=\"{LEFT}\" y=\"{:.1}\">{}</text>\
         <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
        HEIGHT - 8.0,
        chart.from,
        WIDTH - RIGHT,
        HEIGHT - 8.0,
        chart.to
    );
    if chart.until < chart.to {
        let at = x(chart.until);
        let _ = write!(
            svg,
            "<line class=\"today\" x1=\"{at:.1}\" x2=\"{at:.1}\" y1=\"{TOP}\" y2=\"{:.1}\"/>",
            HEIGHT - BOTTOM
        );
    }
    if let Some(first) = chart.points.first() {
        let mut path = format!("M{:.1},{:.1}", x(first.date), y(first.value));
        for pair in chart.points.windows(2) {
            let _ = write!(path, " H{:.1} V{:.1}", x(pair[1].date), y(pair[1].value));
        }
        let _ = write!(path, " H{:.1}", x(chart.until));
        let _ = write!(svg, "<path class=\"value\" d=\"{path}\"/>");
        for point in chart.points {
            let who = match (&point.author, &point.commit) {
                (Some(author), Some(commit)) => format!(" · {author} · {commit}"),
                _ => " · at the start of the period".to_owned(),
            };
            let _ = write!(
                svg,
                "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>{}</title></circle>",
                x(point.date),
                y(point.value),
                escape(&format!("{}: {}{who}", point.date, number(point.value)))
            );
        }
    } else {
        let _ = write!(
            svg,
            "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no values in this period</text>",
            WIDTH / 2.0,
            HEIGHT / 2.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A progress bar (0 to 1) as a small `<svg>`; a dash when unknown.
pub fn bar(progress: Option<f64>) -> String {
    match progress {
        Some(p) => {
            let p = p.clamp(0.0, 1.0);
            format!(
                "<svg class=\"bar\" viewBox=\"0 0 100 8\" role=\"img\" aria-label=\"{:.0}%\">\
                 <rect class=\"track\" width=\"100\" height=\"8\" rx=\"4\"/>\
                 <rect class=\"fill\" width=\"{:.1}\" height=\"8\" rx=\"4\"/></svg>",
                p * 100.0,
                p * 100.0
            )
        }
        None => "<span class=\"muted\">—</span>".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(date: &str, value: f64, author: Option<&str>) -> Point {
        Point {
            date: date.parse().unwrap(),
            value,
            commit: author.map(|_| "abc1234".to_owned()),
            commit_id: None,
            author: author.map(str::to_owned),
        }
    }

    #[test]
    fn a_step_line_with_escaped_tooltips() {
        let points = [
            point("2026-10-01", 10.0, None),
            point("2026-11-01", 14.0, Some("<b>Ana</b>")),
        ];
        let svg = metric(&MetricChart {
            title: "Logos <script>",
            points: &points,
            baseline: 10.0,
            target: 20.0,
            unit: Some("logos"),
            from: "2026-10-01".parse().unwrap(),
            to: "2026-12-31".parse().unwrap(),
            until: "2026-11-22".parse().unwrap(),
        });
        assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
        assert!(svg.contains("<path class=\"value\" d=\"M56.0,"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("&lt;b&gt;Ana&lt;/b&gt; · abc1234"), "{svg}");
        assert!(svg.contains("Logos &lt;script&gt;"), "{svg}");
        assert!(!svg.contains("<script"), "{svg}");
    }
}
