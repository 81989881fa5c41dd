//! Grouped bar charts as inline SVG: one group of bars per month, one bar per series.
//! Presentation attributes only (the CSP forbids style attributes), `role="img"` with a
//! `<title>` and a `<desc>` that lists every value, colours with at least 4.5:1 contrast
//! on white. Values are [`Shown`]: a `<5` is drawn as a dashed outline up to 4 with the
//! label `<5`, never as its true height; every bar carries its label.

use crate::console::html::esc;
use nabij_store::report::{Shown, THRESHOLD};
use std::fmt::Write as _;

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
    let mut legend = String::new();
    let (mut lx, mut ly) = (LEFT, TOP + PLOT_H + MONTH_LABEL_H + 4);
    for (i, se) in series.iter().enumerate() {
        let w = item_w(se.label);
        if lx + w > width && lx > LEFT {
            lx = LEFT;
            ly += LEGEND_ROW;
        }
        let _ = write!(
            legend,
            "<rect x=\"{lx}\" y=\"{}\" width=\"11\" height=\"11\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{INK}\">{}</text>",
            ly,
            COLOURS[i % COLOURS.len()],
            lx + 16,
            ly + 10,
            esc(se.label)
        );
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
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         width=\"{width}\" height=\"{total_h}\" viewBox=\"0 0 {width} {total_h}\" class=\"chart\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(&describe(desc_intro, months, series)),
    );
    // Grid lines at 0, half and the top, with their values.
    for v in [0, max / 2, max] {
        let y = base - height(v, max);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\" fill=\"{INK}\">{v}</text>",
            LEFT + plot_w,
            LEFT - 4,
            y + 3
        );
    }
    for (g, month) in months.iter().enumerate() {
        let gx = LEFT + g as u32 * group_w + (group_w - s * BAR_W) / 2;
        for (i, se) in series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            let x = gx + i as u32 * BAR_W;
            let cx = x + BAR_W / 2;
            let v = se.values.get(g).copied().unwrap_or(Shown::Exact(0));
            let (h, label) = match v {
                Shown::Exact(n) => {
                    let h = height(n, max);
                    if h > 0 {
                        let _ = write!(
                            out,
                            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{h}\" fill=\"{colour}\"/>",
                            x + 1,
                            base - h,
                            BAR_W - 2
                        );
                    }
                    (h, n.to_string())
                }
                Shown::Small | Shown::Hidden => {
                    let h = height(THRESHOLD - 1, max).max(4);
                    let _ = write!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{h}\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
                        x + 2,
                        base - h,
                        BAR_W - 4
                    );
                    (h, v.text())
                }
            };
            let _ = write!(
                out,
                "<text x=\"{cx}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
                base - h - 3,
                esc(&label)
            );
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            gx + (s * BAR_W) / 2,
            base + 15,
            esc(month)
        );
    }
    out.push_str(&legend);
    out.push_str("</svg>");
    out
}

/// Every value in words, month by month.
fn describe(intro: &str, months: &[String], series: &[Series<'_>]) -> String {
    let mut d = intro.to_string();
    for (g, month) in months.iter().enumerate() {
        let _ = write!(d, " {month}: ");
        let parts: Vec<String> = series
            .iter()
            .map(|se| {
                let v = se.values.get(g).copied().unwrap_or(Shown::Exact(0));
                format!("{} {}", se.label, v.text())
            })
            .collect();
        d.push_str(&parts.join(", "));
        d.push('.');
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
