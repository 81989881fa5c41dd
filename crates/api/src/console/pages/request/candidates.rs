//! The candidates of a request, best first: reasons, a bar per score component, a box
//! to tick per person, and one button that proposes the ticked ones
//! (posted to [`crate::console::pages::actions`]).

use super::map::Sketch;
use super::{Choices, Leftovers};
use crate::console::{Ctx, Lang};
use crate::routes::candidates::CandidateOut;
use askama::Template;
use nabij_i18n::t;
use nabij_store::RequestId;

/// One score component as a bar: its label and its value in whole percent.
struct Bar {
    label: String,
    pct: i64,
}

/// One candidate as listed.
struct Person {
    /// The number in the list (and on the sketch map).
    number: usize,
    id: i64,
    name: String,
    distance: String,
    bars: Vec<Bar>,
    reasons: Vec<String>,
    /// The label of the box to tick.
    tick: String,
    /// Ticked before the form came back.
    chosen: bool,
}

/// The section (`console/request/candidates.html`): the list as one form, and the
/// sketch map beside it.
#[derive(Template)]
#[template(path = "console/request/candidates.html")]
pub(super) struct CandidatesSection<'a> {
    l: Lang,
    csrf: &'a str,
    id: RequestId,
    people: Vec<Person>,
    /// Each a proposal or one together: asked when there is more than one candidate.
    together: Option<Choices>,
    /// What they may hear about each other before everyone said yes, as typed.
    shared_note: String,
    error: Option<String>,
    sketch: Option<Sketch>,
}

fn bars(l: Lang, cand: &CandidateOut) -> Vec<Bar> {
    let c = &cand.components;
    [
        ("proximity", c.proximity),
        ("fit", c.fit),
        ("reciprocity", c.reciprocity),
        ("continuity", c.continuity),
        ("availability", c.availability),
        ("load", c.load),
    ]
    .into_iter()
    .map(|(code, value)| Bar {
        label: t(l, "request-component", &[("code", code.into())]),
        pct: (value.clamp(0.0, 1.0) * 100.0).round() as i64,
    })
    .collect()
}

/// The section; `sketch` is shown beside the list (none when it is empty).
pub(super) fn section<'a>(
    ctx: &'a Ctx,
    id: RequestId,
    cands: &[CandidateOut],
    sketch: Option<Sketch>,
    left: &Leftovers,
) -> CandidatesSection<'a> {
    let l = ctx.lang;
    let people = cands
        .iter()
        .enumerate()
        .map(|(i, cand)| Person {
            number: i + 1,
            id: cand.neighbour_id,
            name: cand.display_name.clone(),
            distance: t(
                l,
                "request-candidates.distance",
                &[("metres", cand.distance_m.to_string().into())],
            ),
            bars: bars(l, cand),
            reasons: cand
                .reasons
                .iter()
                .map(|r| nabij_i18n::render_reason(l, r))
                .collect(),
            tick: t(
                l,
                "request-candidates.tick",
                &[("name", cand.display_name.as_str().into())],
            ),
            chosen: left.chosen.contains(&cand.neighbour_id),
        })
        .collect();
    let together = (cands.len() > 1).then(|| {
        Choices::new(
            l.text("request-candidates.how"),
            "together",
            "together".to_string(),
            [
                ("no", l.text("request-candidates.each")),
                ("yes", l.text("request-candidates.together")),
            ],
            if left.together { "yes" } else { "no" },
        )
    });
    CandidatesSection {
        l,
        csrf: &ctx.csrf,
        id,
        people,
        together,
        shared_note: left.shared_note.clone(),
        error: left
            .error
            .as_ref()
            .filter(|(s, _)| *s == "candidates")
            .map(|(_, m)| m.clone()),
        sketch,
    }
}
