//! The candidates of a request, best first: reasons, a bar per score component, a box
//! to tick per person, and one button that proposes the ticked ones
//! (posted to [`crate::console::pages::actions`]).

use super::Leftovers;
use crate::console::html::{csrf_field, esc};
use crate::console::{Ctx, Lang};
use crate::routes::candidates::CandidateOut;
use nabij_store::RequestId;
use std::fmt::Write as _;

/// One score component as a small SVG bar with its value as text.
fn bar(label: &str, value: f64) -> String {
    let pct = (value.clamp(0.0, 1.0) * 100.0).round() as i64;
    format!(
        "<dt>{label}</dt><dd><svg class=\"bar\" role=\"img\" width=\"100\" height=\"12\" viewBox=\"0 0 100 12\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{label}: {pct} %</title>\
         <rect x=\"0\" y=\"0\" width=\"100\" height=\"12\" fill=\"#dde3ec\" stroke=\"#4a4a4a\"/>\
         <rect x=\"0\" y=\"0\" width=\"{pct}\" height=\"12\" fill=\"#0b5394\"/></svg> <span>{pct} %</span></dd>",
        label = esc(label)
    )
}

fn components(l: Lang, cand: &CandidateOut) -> String {
    let c = &cand.components;
    let mut out = String::from("<dl class=\"bars\">");
    for (label, v) in [
        (l.t("Nabijheid", "Proximité", "Nearness"), c.proximity),
        (
            l.t("Past bij de vraag", "Correspond à la demande", "Fits the request"),
            c.fit,
        ),
        (l.t("Wederkerigheid", "Réciprocité", "Reciprocity"), c.reciprocity),
        (
            l.t("Kent elkaar al", "Se connaissent déjà", "Already know each other"),
            c.continuity,
        ),
        (l.t("Tijd vrij", "Disponibilité", "Free time"), c.availability),
        (
            l.t("Ruimte om te helpen", "Disponibilité pour aider", "Room to help"),
            c.load,
        ),
    ] {
        out.push_str(&bar(label, v));
    }
    out.push_str("</dl>");
    out
}

/// The section: the list as one form, and the sketch map beside it.
pub(super) fn section(
    ctx: &Ctx,
    id: RequestId,
    cands: &[CandidateOut],
    sketch: &str,
    left: &Leftovers,
) -> String {
    let l = ctx.lang;
    let mut out = format!(
        "<section aria-labelledby=\"candidates\"><h2 id=\"candidates\">{}</h2>",
        esc(l.t(
            "Buren die kunnen meegaan",
            "Voisins qui pourraient accompagner",
            "Neighbours who could join"
        ))
    );
    if cands.is_empty() {
        let _ = write!(
            out,
            "<p class=\"empty\">{}</p></section>",
            esc(l.t(
                "Nu niemand in de buurt. Zoek een andere oplossing of verwijs door.",
                "Personne à proximité pour l’instant. Cherchez une autre solution ou orientez.",
                "Nobody nearby now. Look for another solution or refer."
            ))
        );
        return out;
    }
    let error = left.error.as_ref().filter(|(s, _)| *s == "candidates");
    let _ = write!(
        out,
        "<div class=\"with-map\"><form method=\"post\" action=\"/requests/{id}/propose\" class=\"propose\">{}<ol class=\"candidates\">",
        csrf_field(&ctx.csrf)
    );
    for (i, cand) in cands.iter().enumerate() {
        let n = cand.neighbour_id;
        let checked = if left.chosen.contains(&n) { " checked" } else { "" };
        let _ = write!(
            out,
            "<li><h3><span class=\"num\">{}</span> {}</h3><p>{} {} m</p>{}<ul class=\"reasons\">",
            i + 1,
            esc(&cand.display_name),
            esc(l.t("Op ongeveer", "À environ", "About")),
            cand.distance_m,
            components(l, cand),
        );
        for reason in &cand.reasons {
            let text = match l {
                Lang::Nl => &reason.nl,
                Lang::Fr => &reason.fr,
                Lang::En => &reason.en,
            };
            let _ = write!(out, "<li>{}</li>", esc(text));
        }
        let _ = write!(
            out,
            "</ul><div class=\"choice\"><input type=\"checkbox\" id=\"companion-{n}\" name=\"companion\" value=\"{n}\"{checked}><label for=\"companion-{n}\">{} {}</label></div></li>",
            esc(&cand.display_name),
            esc(l.t("voorstellen", "proposer", "propose")),
        );
    }
    out.push_str("</ol>");
    if cands.len() > 1 {
        let _ = write!(
            out,
            "<fieldset class=\"field\"><legend>{}</legend>",
            esc(l.t(
                "Meer dan één buur aangevinkt?",
                "Plus d’un voisin coché ?",
                "More than one neighbour ticked?"
            ))
        );
        for (value, text, on) in [
            (
                "no",
                l.t(
                    "Elk een eigen voorstel: wie ja zegt, gaat mee",
                    "Une proposition chacun : qui dit oui accompagne",
                    "A proposal each: whoever says yes joins",
                ),
                !left.together,
            ),
            (
                "yes",
                l.t(
                    "Samen één voorstel, als klein groepje: het begint als iedereen ja zegt",
                    "Une seule proposition, en petit groupe : elle commence quand tous disent oui",
                    "One proposal together, as a small group: it starts when everyone says yes",
                ),
                left.together,
            ),
        ] {
            let _ = write!(
                out,
                "<div class=\"choice\"><input type=\"radio\" id=\"together-{value}\" name=\"together\" value=\"{value}\"{}><label for=\"together-{value}\">{}</label></div>",
                if on { " checked" } else { "" },
                esc(text)
            );
        }
        out.push_str("</fieldset>");
    }
    if let Some((_, message)) = error {
        let _ = write!(
            out,
            "<p class=\"error\" id=\"propose-error\">{}</p>",
            esc(message)
        );
    }
    let _ = write!(
        out,
        "<p class=\"hint\">{}</p><p><button type=\"submit\"{}>{}</button></p></form>{sketch}</div></section>",
        esc(l.t(
            "Iedereen krijgt bericht en mag vrij ja of nee zeggen.",
            "Chacun est prévenu et peut dire oui ou non librement.",
            "Everyone hears of it and is free to say yes or no.",
        )),
        if error.is_some() {
            " aria-describedby=\"propose-error\""
        } else {
            ""
        },
        esc(l.t("Voorstellen", "Proposer", "Propose")),
    );
    out
}
