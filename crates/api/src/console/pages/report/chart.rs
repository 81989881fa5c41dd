//! Grouped bar charts as inline SVG: one group of bars per month, one bar per series.
//! Presentation attributes only (the CSP forbids style attributes), `role="img"` with a
//! `<title>` and a `<desc>` that lists every value, colours with at least 4.5:1 contrast
//! on white. Values are [`Shown`]: a `<5` is drawn as a dashed outline up to 4 with the
//! label `<5`, never as its true height; every bar carries its label.

use askama::Template;
use nabij_store::report::{Shown, THRESHOLD};

/// Bar colours, each at least 4.5:1 against white.
const COLOURS: [&str; 6] = ["#0b5394", "#b45309", "#2f7d32", "#7b1fa2", "#475569", "#be123c"];
const INK: &str = "#1b1b1b";
const GRID: &str = "#b8b8b8";

const LEFT: u32 = 34;
const TOP: u32 = 16;
const PLOT_H: u32 = 130;
const BAR_W: u32 = 16;
const GAP: u32 = 20;
/// A month label needs about this much room.
const MIN_GROUP_W: u32 = 64;
const MONTH_LABEL_H: u32 = 22;
const LEGEND_ROW: u32 = 16;

/// One series: its label and a value per month.
pub(super) struct Series<'a> {
    pub label: &'a str,
    pub values: &'a [Shown],
}

/// The smallest 1, 2 or 5 × 10^k at or above `n` (at least [`THRESHOLD`]).
fn nice_max(n: i64) -> i64 {
    let n = n.max(THRESHOLD);
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= n {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// Height in pixels of a value on a scale up to `max`.
fn height(v: i64, max: i64) -> u32 {
    ((v as f64 / max as f64) * f64::from(PLOT_H)).round() as u32
}

/// One element of a chart, as `console/report_chart.html` draws it.
enum Shape {
    /// A filled bar or legend swatch.
    Bar {
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        fill: &'static str,
    },
    /// A dashed outline: a count shown as `<5` (or hidden), never at its height.
    Outline {
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        stroke: &'static str,
    },
    /// A grid line with its value.
    Grid { x1: u32, x2: u32, y: u32, value: i64 },
    Label {
        x: u32,
        y: u32,
        size: u32,
        /// `text-anchor="middle"`; else the text starts at `x`.
        middle: bool,
        text: String,
    },
}

#[derive(Template)]
#[template(path = "console/report_chart.html")]
struct Chart<'a> {
    id: &'a str,
    title: &'a str,
    desc: String,
    width: u32,
    height: u32,
    shapes: Vec<Shape>,
    ink: &'static str,
    grid: &'static str,
}

/// The chart; `id` must be unique on the page, `desc_intro` starts the description.
pub(super) fn bar_chart(
    id: &str,
    title: &str,
    desc_intro: &str,
    months: &[String],
    series: &[Series<'_>],
) -> String {
    let s = series.len().max(1) as u32;
    let group_w = (s * BAR_W + GAP).max(MIN_GROUP_W);
    let plot_w = group_w * months.len().max(1) as u32;
    // Legend: items flow in rows (about 6.5 px per character at 11 px); the chart is
    // at least as wide as its longest item.
    let item_w = |label: &str| 16 + (label.chars().count() as u32 * 13).div_ceil(2) + 14;
    let widest = series.iter().map(|se| item_w(se.label)).max().unwrap_or(0);
    let width = (LEFT + plot_w + 8).max(LEFT + widest + 8).max(300);
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (LEFT, TOP + PLOT_H + MONTH_LABEL_H + 4);
    for (i, se) in series.iter().enumerate() {
        let w = item_w(se.label);
        if lx + w > width && lx > LEFT {
            lx = LEFT;
            ly += LEGEND_ROW;
        }
        legend.push(Shape::Bar {
            x: lx,
            y: ly,
            w: 11,
            h: 11,
            fill: COLOURS[i % COLOURS.len()],
        });
        legend.push(Shape::Label {
            x: lx + 16,
            y: ly + 10,
            size: 11,
            middle: false,
            text: se.label.to_string(),
        });
        lx += w;
    }
    let total_h = ly + LEGEND_ROW + 2;
    let max = nice_max(
        series
            .iter()
            .flat_map(|se| se.values.iter())
            .map(|v| match v {
                Shown::Exact(n) => *n,
                _ => THRESHOLD,
            })
            .max()
            .unwrap_or(0),
    );
    let base = TOP + PLOT_H;
    let mut shapes = Vec::new();
    // Grid lines at 0, half and the top, with their values.
    for v in [0, max / 2, max] {
        shapes.push(Shape::Grid {
            x1: LEFT,
            x2: LEFT + plot_w,
            y: base - height(v, max),
            value: v,
        });
    }
    for (g, month) in months.iter().enumerate() {
        let gx = LEFT + g as u32 * group_w + (group_w - s * BAR_W) / 2;
        for (i, se) in series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            let x = gx + i as u32 * BAR_W;
            let v = se.values.get(g).copied().unwrap_or(Shown::Exact(0));
            let (h, label) = match v {
                Shown::Exact(n) => {
                    let h = height(n, max);
                    if h > 0 {
                        shapes.push(Shape::Bar {
                            x: x + 1,
                            y: base - h,
                            w: BAR_W - 2,
                            h,
                            fill: colour,
                        });
                    }
                    (h, n.to_string())
                }
                Shown::Small | Shown::Hidden => {
                    let h = height(THRESHOLD - 1, max).max(4);
                    shapes.push(Shape::Outline {
                        x: x + 2,
                        y: base - h,
                        w: BAR_W - 4,
                        h,
                        stroke: colour,
                    });
                    (h, v.text())
                }
            };
            shapes.push(Shape::Label {
                x: x + BAR_W / 2,
                y: base - h - 3,
                size: 10,
                middle: true,
                text: label,
            });
        }
        shapes.push(Shape::Label {
            x: gx + (s * BAR_W) / 2,
            y: base + 15,
            size: 11,
            middle: true,
            text: month.clone(),
        });
    }
    shapes.extend(legend);
    let chart = Chart {
        id,
        title,
        desc: describe(desc_intro, months, series),
        width,
        height: total_h,
        shapes,
        ink: INK,
        grid: GRID,
    };
    chart.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "report chart failed");
        String::new()
    })
}

/// Every value in words, month by month.
fn describe(intro: &str, months: &[String], series: &[Series<'_>]) -> String {
    let mut d = intro.to_string();
    for (g, month) in months.iter().enumerate() {
        let parts: Vec<String> = series
            .iter()
            .map(|se| {
                let v = se.values.get(g).copied().unwrap_or(Shown::Exact(0));
                [se.label, &v.text()].join(" ")
            })
            .collect();
        d.push_str(&[" ", month, ": ", &parts.join(", "), "."].concat());
    }
    d
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn scales_round_up_to_one_two_five() {
        assert_eq!(nice_max(0), 5);
        assert_eq!(nice_max(6), 10);
        assert_eq!(nice_max(11), 20);
        assert_eq!(nice_max(21), 50);
        assert_eq!(nice_max(500), 500);
    }

    #[test]
    fn small_counts_are_labelled_and_never_drawn_at_their_height() {
        let values = [Shown::Exact(12), Shown::Small, Shown::Exact(0)];
        let svg = bar_chart(
            "c1",
            "Vragen",
            "Per maand.",
            &["jan".into(), "feb".into(), "mrt".into()],
            &[Series {
                label: "Praktisch",
                values: &values,
            }],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\"") && svg.contains("<title id=\"c1-t\">Vragen</title>"));
        assert!(svg.contains("&lt;5"), "{svg}");
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.contains("feb: Praktisch &lt;5."), "{svg}");
        assert!(!svg.contains("style="));
        // One filled bar (12), one outline (<5), none for 0.
        assert_eq!(
            svg.matches("fill=\"#0b5394\"/>").count(),
            2,
            "bar and legend swatch"
        );
    }
}
