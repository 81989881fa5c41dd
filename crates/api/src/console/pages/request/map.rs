//! The sketch map of a request: where its candidates live, roughly, relative to the
//! neighbour who asked, as a self-contained inline SVG (no tiles, no script).
//!
//! Privacy: positions are projected (metres, Belgian Lambert 2008) and reduced on the
//! server to whole cells of [`CELL_M`] east and north of the requester; only those cell
//! offsets reach the markup, as whole pixels. No latitude, longitude or exact distance
//! is ever written into the page, and the requester's own position is not in it at all
//! (it is the centre by definition).

use crate::console::html::esc;
use crate::console::Lang;
use nabij_engine::projection::Point;
use std::collections::HashMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

/// Positions are snapped to cells of this size, in metres, relative to the requester.
pub const CELL_M: f64 = 250.0;

/// Width and height of the drawing, in pixels.
const SIZE: i64 = 320;
/// Room left around the farthest cell, in pixels.
const PAD: i64 = 30;
/// Candidates in one cell are spread on a ring of this radius (pixels).
const RING: f64 = 13.0;

/// One candidate on the map: the number it has in the list, and its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    pub number: usize,
    pub name: String,
    /// The rounded distance shown in the list too.
    pub distance_m: u32,
    /// Whole cells east and north of the requester.
    cell: (i64, i64),
}

impl Spot {
    /// Reduces `at` to its cell relative to `home`; neither position is kept.
    pub fn new(number: usize, name: String, distance_m: u32, home: Point, at: Point) -> Spot {
        let cell = (
            ((at.x - home.x) / CELL_M).round() as i64,
            ((at.y - home.y) / CELL_M).round() as i64,
        );
        Spot {
            number,
            name,
            distance_m,
            cell,
        }
    }
}

/// The compass direction of a cell offset, or "same block".
fn direction(l: Lang, (east, north): (i64, i64)) -> &'static str {
    if east == 0 && north == 0 {
        return l.t("in hetzelfde blok", "dans le même bloc", "in the same block");
    }
    let angle = (north as f64).atan2(east as f64); // 0 = east, counter-clockwise
    let sector = ((angle / (PI / 4.0)).round() as i64).rem_euclid(8);
    match sector {
        0 => l.t("oost", "est", "east"),
        1 => l.t("noordoost", "nord-est", "north-east"),
        2 => l.t("noord", "nord", "north"),
        3 => l.t("noordwest", "nord-ouest", "north-west"),
        4 => l.t("west", "ouest", "west"),
        5 => l.t("zuidwest", "sud-ouest", "south-west"),
        6 => l.t("zuid", "sud", "south"),
        _ => l.t("zuidoost", "sud-est", "south-east"),
    }
}

/// A scale bar length in metres that takes at most `max_px` at `px_per_m`.
fn scale_length(px_per_m: f64, max_px: f64) -> f64 {
    const NICE: [f64; 10] = [
        100.0, 250.0, 500.0, 1_000.0, 2_000.0, 5_000.0, 10_000.0, 20_000.0, 50_000.0, 100_000.0,
    ];
    NICE.iter()
        .copied()
        .take_while(|m| m * px_per_m <= max_px)
        .last()
        .unwrap_or(NICE[0])
}

fn metres_text(m: f64) -> String {
    if m >= 1_000.0 {
        format!("{} km", m / 1_000.0)
    } else {
        format!("{m} m")
    }
}

fn short(name: &str) -> String {
    let mut s: String = name.chars().take(18).collect();
    if name.chars().count() > 18 {
        s.push('…');
    }
    s
}

/// The map as inline SVG markup with its explanation below it; `requester` names the
/// centre.
pub fn svg(l: Lang, requester: &str, spots: &[Spot]) -> String {
    let far = spots
        .iter()
        .map(|s| s.cell.0.abs().max(s.cell.1.abs()))
        .max()
        .unwrap_or(0)
        .max(2);
    let half_m = (far + 1) as f64 * CELL_M;
    let centre = SIZE / 2;
    let px_per_m = (centre - PAD) as f64 / half_m;
    let title = l.t(
        "Schets: waar de buren ongeveer wonen",
        "Croquis : où habitent à peu près les voisins",
        "Sketch: roughly where the neighbours live",
    );
    let mut desc = format!(
        "{} {}.",
        esc(&short(requester)),
        esc(l.t("in het midden", "au centre", "in the centre"))
    );
    for s in spots {
        let _ = write!(
            desc,
            " {}: {}, {} {} m, {}.",
            s.number,
            esc(&s.name),
            esc(l.t("ongeveer", "environ", "about")),
            s.distance_m,
            esc(direction(l, s.cell))
        );
    }
    let mut out = format!(
        "<figure class=\"sketch\"><svg class=\"sketch\" role=\"img\" aria-labelledby=\"map-title map-desc\" \
         width=\"{SIZE}\" height=\"{SIZE}\" viewBox=\"0 0 {SIZE} {SIZE}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"map-title\">{}</title><desc id=\"map-desc\">{desc}</desc>\
         <rect x=\"0\" y=\"0\" width=\"{SIZE}\" height=\"{SIZE}\" fill=\"#f3f5f8\" stroke=\"#4a4a4a\"/>",
        esc(title)
    );
    // Grid lines every scale-bar length from the centre.
    let bar_m = scale_length(px_per_m, (SIZE / 3) as f64);
    let step = (bar_m * px_per_m).round() as i64;
    if step >= 12 {
        let mut k = step;
        while k < centre {
            for p in [centre - k, centre + k] {
                let _ = write!(
                    out,
                    "<line x1=\"{p}\" y1=\"0\" x2=\"{p}\" y2=\"{SIZE}\" stroke=\"#c9d1dc\"/>\
                     <line x1=\"0\" y1=\"{p}\" x2=\"{SIZE}\" y2=\"{p}\" stroke=\"#c9d1dc\"/>"
                );
            }
            k += step;
        }
    }
    // North.
    let _ = write!(
        out,
        "<path d=\"M{x} 10 L{xl} 26 L{x} 22 L{xr} 26 Z\" fill=\"#1b1b1b\"/>\
         <text x=\"{x}\" y=\"40\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1b\">N</text>",
        x = SIZE - 20,
        xl = SIZE - 26,
        xr = SIZE - 14
    );
    // Scale bar.
    let bar_px = (bar_m * px_per_m).round() as i64;
    let (bx, by) = (12, SIZE - 14);
    let _ = write!(
        out,
        "<path d=\"M{bx} {t} V{by} H{e} V{t}\" fill=\"none\" stroke=\"#1b1b1b\" stroke-width=\"2\"/>\
         <text x=\"{bx}\" y=\"{ty}\" font-size=\"12\" fill=\"#1b1b1b\">{}</text>",
        metres_text(bar_m),
        t = by - 6,
        e = bx + bar_px,
        ty = by - 9
    );
    // The requester: a square in the centre (named last, on top of everything).
    let _ = write!(
        out,
        "<rect x=\"{a}\" y=\"{a}\" width=\"14\" height=\"14\" fill=\"#1b1b1b\"/>",
        a = centre - 7
    );
    // Candidates: numbered circles; several in one cell share it on a small ring (the
    // centre cell's ring leaves the requester's square free).
    let mut per_cell: HashMap<(i64, i64), Vec<&Spot>> = HashMap::new();
    for s in spots {
        per_cell.entry(s.cell).or_default().push(s);
    }
    for s in spots {
        let same = &per_cell[&s.cell];
        let k = same.iter().position(|o| o.number == s.number).unwrap_or(0);
        let (mut x, mut y) = (
            centre as f64 + s.cell.0 as f64 * CELL_M * px_per_m,
            centre as f64 - s.cell.1 as f64 * CELL_M * px_per_m,
        );
        let n = same.len() as f64;
        if s.cell == (0, 0) {
            // On an arc above the requester's square (its name is written below it).
            let a = -PI + PI * (k as f64 + 1.0) / (n + 1.0);
            x += RING * 1.7 * a.cos();
            y += RING * 1.7 * a.sin();
        } else if same.len() > 1 {
            let a = 2.0 * PI * k as f64 / n - PI / 2.0;
            x += RING * a.cos();
            y += RING * a.sin();
        }
        let (x, y) = (x.round() as i64, y.round() as i64);
        let _ = write!(
            out,
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"10\" fill=\"#0b5394\" stroke=\"#ffffff\" stroke-width=\"2\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\" fill=\"#ffffff\">{}</text>",
            s.number,
            ty = y + 4
        );
    }
    let _ = write!(
        out,
        "<text x=\"{centre}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1b\" \
         stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
        esc(&short(requester)),
        ty = centre + 22
    );
    let _ = write!(
        out,
        "</svg><figcaption class=\"hint\">{}</figcaption></figure>",
        esc(l.t(
            "Een schets, geen kaart: de posities zijn afgerond op blokken van 250 m. De nummers zijn die van de lijst.",
            "Un croquis, pas une carte : les positions sont arrondies à des blocs de 250 m. Les numéros sont ceux de la liste.",
            "A sketch, not a map: positions are rounded to blocks of 250 m. The numbers are those of the list.",
        ))
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    #[test]
    fn positions_are_snapped_to_cells_relative_to_the_requester() {
        let home = p(700_123.4, 712_987.6);
        let s = Spot::new(
            1,
            "Jan".into(),
            400,
            home,
            p(700_123.4 + 380.0, 712_987.6 - 120.0),
        );
        assert_eq!(s.cell, (2, 0));
        let s = Spot::new(2, "An".into(), 50, home, p(700_100.0, 713_000.0));
        assert_eq!(s.cell, (0, 0));
    }

    #[test]
    fn the_markup_holds_whole_pixels_only_and_no_position() {
        let home = p(700_123.4, 712_987.6);
        let spots = vec![
            Spot::new(1, "Jan".into(), 400, home, p(700_503.4, 712_867.6)),
            Spot::new(2, "An".into(), 50, home, p(700_100.0, 713_000.0)),
            Spot::new(3, "Piet".into(), 50, home, p(700_110.0, 712_990.0)),
        ];
        let out = svg(Lang::Nl, "Maria", &spots);
        assert!(out.contains("role=\"img\"") && out.contains("<title"));
        assert!(!out.contains("700123") && !out.contains("712987"), "{out}");
        assert!(out.contains("1: Jan, ongeveer 400 m, oost."), "{out}");
        assert!(out.contains("in hetzelfde blok"));
        // Every number in an attribute is an integer.
        for attr in out.split('"').skip(1).step_by(2) {
            if attr.parse::<f64>().is_ok() {
                assert!(attr.parse::<i64>().is_ok(), "{attr}");
            }
        }
        assert!(!out.contains("style="));
    }

    #[test]
    fn directions_and_scale() {
        assert_eq!(direction(Lang::En, (0, 3)), "north");
        assert_eq!(direction(Lang::En, (-2, -2)), "south-west");
        assert_eq!(scale_length(0.1, 106.0), 1_000.0);
        assert_eq!(metres_text(2_000.0), "2 km");
        assert_eq!(metres_text(250.0), "250 m");
    }
}
