//! The sketch map of a request: where its candidates live, roughly, relative to the
//! neighbour who asked, as a self-contained inline SVG (no tiles, no script).
//!
//! Privacy: positions are projected (metres, Belgian Lambert 2008) and reduced on the
//! server to whole cells of [`CELL_M`] east and north of the requester; only those cell
//! offsets reach the markup, as whole pixels. No latitude, longitude or exact distance
//! is ever written into the page, and the requester's own position is not in it at all
//! (it is the centre by definition).

use crate::console::Lang;
use askama::Template;
use nabij_engine::projection::Point;
use nabij_i18n::t;
use std::collections::HashMap;
use std::f64::consts::PI;

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

/// The compass direction of a cell offset (catalogue `request-direction`), or "same
/// block".
fn direction(l: Lang, (east, north): (i64, i64)) -> String {
    let code = if east == 0 && north == 0 {
        "same"
    } else {
        let angle = (north as f64).atan2(east as f64); // 0 = east, counter-clockwise
        let sector = ((angle / (PI / 4.0)).round() as i64).rem_euclid(8);
        ["e", "ne", "n", "nw", "w", "sw", "s", "se"][sector as usize]
    };
    t(l, "request-direction", &[("code", code.into())])
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

/// The scale bar: a bracket from `x` to `end` at height `y`, labelled.
pub struct Scale {
    x: i64,
    y: i64,
    top: i64,
    end: i64,
    text_y: i64,
    label: String,
}

/// A candidate's numbered circle, in whole pixels.
pub struct Dot {
    x: i64,
    y: i64,
    text_y: i64,
    number: usize,
}

/// The map as inline SVG with its explanation below it (`console/request/sketch.html`):
/// whole pixels computed from the cells, and texts.
#[derive(Template)]
#[template(path = "console/request/sketch.html")]
pub struct Sketch {
    size: i64,
    centre: i64,
    title: String,
    /// The text alternative: who is where, in words.
    desc: String,
    /// Where the grid lines are (vertical and horizontal alike).
    grid: Vec<i64>,
    /// The north arrow: its tip and its two feet.
    north: (i64, i64, i64),
    scale: Scale,
    /// The requester's square (its top left corner, both ways).
    square: i64,
    dots: Vec<Dot>,
    /// The requester's name under the square, shortened.
    requester: String,
    name_y: i64,
    caption: String,
}

/// The sketch of `spots` around the requester (named `requester`, in the centre).
pub fn sketch(l: Lang, requester: &str, spots: &[Spot]) -> Sketch {
    let far = spots
        .iter()
        .map(|s| s.cell.0.abs().max(s.cell.1.abs()))
        .max()
        .unwrap_or(0)
        .max(2);
    let half_m = (far + 1) as f64 * CELL_M;
    let centre = SIZE / 2;
    let px_per_m = (centre - PAD) as f64 / half_m;
    let mut desc = vec![t(l, "request-map.centre", &[("name", short(requester).into())])];
    for s in spots {
        desc.push(t(
            l,
            "request-map.spot",
            &[
                ("number", s.number.to_string().into()),
                ("name", s.name.as_str().into()),
                ("metres", s.distance_m.to_string().into()),
                ("direction", direction(l, s.cell).into()),
            ],
        ));
    }
    // Grid lines every scale-bar length from the centre.
    let bar_m = scale_length(px_per_m, (SIZE / 3) as f64);
    let step = (bar_m * px_per_m).round() as i64;
    let mut grid = Vec::new();
    if step >= 12 {
        let mut k = step;
        while k < centre {
            grid.extend([centre - k, centre + k]);
            k += step;
        }
    }
    // Scale bar.
    let bar_px = (bar_m * px_per_m).round() as i64;
    let (bx, by) = (12, SIZE - 14);
    let scale = Scale {
        x: bx,
        y: by,
        top: by - 6,
        end: bx + bar_px,
        text_y: by - 9,
        label: metres_text(bar_m),
    };
    // Candidates: numbered circles; several in one cell share it on a small ring (the
    // centre cell's ring leaves the requester's square free).
    let mut per_cell: HashMap<(i64, i64), Vec<&Spot>> = HashMap::new();
    for s in spots {
        per_cell.entry(s.cell).or_default().push(s);
    }
    let mut dots = Vec::with_capacity(spots.len());
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
        dots.push(Dot {
            x,
            y,
            text_y: y + 4,
            number: s.number,
        });
    }
    Sketch {
        size: SIZE,
        centre,
        title: l.text("request-map"),
        desc: desc.join(" "),
        grid,
        north: (SIZE - 20, SIZE - 26, SIZE - 14),
        scale,
        // The requester: a square in the centre (named last, on top of everything).
        square: centre - 7,
        dots,
        requester: short(requester),
        name_y: centre + 22,
        caption: l.text("request-map.caption"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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
        let out = sketch(Lang::Nl, "Maria", &spots).render().unwrap();
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
