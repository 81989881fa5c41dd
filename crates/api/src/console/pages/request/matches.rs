//! The proposals and matches of a request: who is in each, who answered what, buttons
//! to note a yes or a no (never asking why), and for a running match the close form
//! with the follow-up questions.

use super::{CloseLeft, Leftovers};
use crate::console::html::{csrf_field, esc};
use crate::console::{Ctx, Lang};
use nabij_store::matching::MatchDetail;
use nabij_store::NeighbourId;
use std::collections::HashMap;
use std::fmt::Write as _;

pub(in crate::console::pages) fn match_status_text(l: Lang, code: &str) -> &'static str {
    match code {
        "proposed" => l.t(
            "voorgesteld, wacht op antwoord",
            "proposée, attend une réponse",
            "proposed, waiting for answers",
        ),
        "active" => l.t("loopt", "en cours", "running"),
        "declined" => l.t("ging niet door", "n’a pas eu lieu", "did not go ahead"),
        "closed" => l.t("afgesloten", "clôturée", "closed"),
        _ => l.t("onbekend", "inconnu", "unknown"),
    }
}

fn answer_text(l: Lang, code: &str) -> &'static str {
    match code {
        "accepted" => l.t("ja", "oui", "yes"),
        "declined" => l.t("nee", "non", "no"),
        _ => l.t("nog geen antwoord", "pas encore de réponse", "no answer yet"),
    }
}

fn yes_no(l: Lang, v: bool) -> &'static str {
    if v {
        l.t("ja", "oui", "yes")
    } else {
        l.t("nee", "non", "no")
    }
}

/// Radio buttons in a fieldset; `picked` is the value chosen, `wrong` marks the error.
fn radios(
    l: Lang,
    name: &str,
    mid: i64,
    legend: &str,
    options: &[(&str, &str)],
    picked: &str,
    wrong: bool,
) -> String {
    let mut out = format!(
        "<fieldset class=\"field{}\"><legend>{}</legend>",
        if wrong { " has-error" } else { "" },
        esc(legend)
    );
    if wrong {
        let _ = write!(
            out,
            "<p class=\"error\">{}</p>",
            esc(l.t(
                "Kies een antwoord.",
                "Choisissez une réponse.",
                "Choose an answer."
            ))
        );
    }
    for (value, text) in options {
        let checked = if *value == picked { " checked" } else { "" };
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"radio\" id=\"{name}-{mid}-{value}\" name=\"{name}\" value=\"{value}\"{checked}><label for=\"{name}-{mid}-{value}\">{}</label></div>",
            esc(text)
        );
    }
    out.push_str("</fieldset>");
    out
}

fn close_form(ctx: &Ctx, mid: i64, left: Option<&CloseLeft>) -> String {
    let l = ctx.lang;
    let blank = CloseLeft::default();
    let f = left.unwrap_or(&blank);
    let (yes, no) = (l.t("Ja", "Oui", "Yes"), l.t("Nee", "Non", "No"));
    let mut out = format!(
        "<form method=\"post\" action=\"/matches/{mid}/close\" class=\"stack close\">{}<h4>{}</h4>",
        csrf_field(&ctx.csrf),
        esc(l.t(
            "Afsluiten, met een korte opvolging",
            "Clôturer, avec un bref suivi",
            "Close, with a short follow-up"
        )),
    );
    out.push_str(&radios(
        l,
        "met",
        mid,
        l.t(
            "Hebben jullie elkaar ontmoet?",
            "Vous êtes-vous rencontrés ?",
            "Did you meet?",
        ),
        &[("yes", yes), ("no", no)],
        &f.met,
        f.wrong.contains(&"met"),
    ));
    out.push_str(&radios(
        l,
        "mutual",
        mid,
        l.t(
            "Gaat de hulp nu in twee richtingen?",
            "L’aide va-t-elle maintenant dans les deux sens ?",
            "Does help now go both ways?",
        ),
        &[
            ("yes", yes),
            ("no", no),
            ("not_yet", l.t("Nog niet", "Pas encore", "Not yet")),
        ],
        &f.mutual,
        f.wrong.contains(&"mutual"),
    ));
    let note_wrong = f.wrong.contains(&"note");
    let _ = write!(
        out,
        "<div class=\"field{}\"><label for=\"note-{mid}\">{}</label>",
        if note_wrong { " has-error" } else { "" },
        esc(l.t(
            "Notitie (niet verplicht)",
            "Note (facultative)",
            "Note (optional)"
        )),
    );
    if note_wrong {
        let _ = write!(
            out,
            "<p class=\"error\" id=\"note-{mid}-error\">{}</p>",
            esc(l.t(
                "De notitie is te lang (hoogstens 2000 tekens).",
                "La note est trop longue (2000 caractères au plus).",
                "The note is too long (2000 characters at most)."
            ))
        );
    }
    let _ = write!(
        out,
        "<textarea id=\"note-{mid}\" name=\"note\" rows=\"2\" aria-describedby=\"note-{mid}-hint{}\"{}>{}</textarea>\
         <p class=\"hint\" id=\"note-{mid}-hint\">{}</p></div><p><button type=\"submit\">{}</button></p></form>",
        if note_wrong {
            format!(" note-{mid}-error")
        } else {
            String::new()
        },
        if note_wrong { " aria-invalid=\"true\"" } else { "" },
        esc(&f.note),
        esc(l.t(
            "Kort en zonder gevoelige gegevens.",
            "Brève et sans données sensibles.",
            "Short and without sensitive details."
        )),
        esc(l.t("Koppeling afsluiten", "Clôturer la mise en contact", "Close the match")),
    );
    out
}

/// The section; `names` holds the display name of every member.
pub(super) fn section(
    ctx: &Ctx,
    matches: &[MatchDetail],
    names: &HashMap<NeighbourId, String>,
    left: &Leftovers,
) -> String {
    let l = ctx.lang;
    let mut out = format!(
        "<section aria-labelledby=\"matches\"><h2 id=\"matches\">{}</h2><ul class=\"matches\">",
        esc(l.t(
            "Voorstellen en koppelingen",
            "Propositions et mises en contact",
            "Proposals and matches"
        ))
    );
    for m in matches {
        let row = &m.row;
        let mid = row.id.get();
        let status = row.status.as_str();
        let _ = write!(
            out,
            "<li class=\"match\" id=\"match-{mid}\"><h3>{} {} · {}</h3>",
            esc(l.t("Voorstel van", "Proposition du", "Proposal of")),
            row.created_at.format("%d/%m/%Y"),
            esc(match_status_text(l, status)),
        );
        if let Some((_, message)) = left.error.as_ref().filter(|_| left.about_match == Some(mid)) {
            let _ = write!(out, "<p class=\"error\">{}</p>", esc(message));
        }
        let _ = write!(
            out,
            "<table><caption class=\"visually-hidden\">{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>{}</tr></thead><tbody>",
            esc(l.t("Wie doet mee", "Qui participe", "Who takes part")),
            esc(l.t("Buurtbewoner", "Habitant", "Neighbour")),
            esc(l.t("In dit voorstel", "Dans cette proposition", "In this proposal")),
            esc(l.t("Antwoord", "Réponse", "Answer")),
            if status == "proposed" {
                format!(
                    "<th scope=\"col\">{}</th>",
                    esc(l.t("Antwoord noteren", "Noter la réponse", "Note the answer"))
                )
            } else {
                String::new()
            },
        );
        // The person who asked first, then the companions.
        let mut members: Vec<_> = m.members.iter().collect();
        members.sort_by_key(|x| x.is_companion());
        for member in members {
            let nid = member.neighbour_id.get();
            let name = names.get(&member.neighbour_id).map(String::as_str);
            let part = if member.is_companion() {
                l.t("gaat mee", "accompagne", "joins")
            } else {
                l.t("stelde de vraag", "a posé la demande", "asked")
            };
            let person = match name {
                Some(name) => format!("<a href=\"/neighbours/{nid}\">{}</a>", esc(name)),
                None => esc(l.t(
                    "iemand buiten uw buurten",
                    "quelqu’un hors de vos quartiers",
                    "someone outside your neighbourhoods",
                )),
            };
            let _ = write!(
                out,
                "<tr><td>{person}</td><td>{}</td><td>{}</td>",
                esc(part),
                esc(answer_text(l, &member.response)),
            );
            let name = name.unwrap_or(l.t("Deze persoon", "Cette personne", "This person"));
            if status == "proposed" {
                out.push_str("<td>");
                if member.response == "pending" {
                    for (verb, text) in [
                        ("accept", l.t("zegt ja", "dit oui", "says yes")),
                        ("decline", l.t("zegt nee", "dit non", "says no")),
                    ] {
                        let _ = write!(
                            out,
                            "<form method=\"post\" action=\"/matches/{mid}/{verb}\" class=\"inline answer\">{}<input type=\"hidden\" name=\"neighbour_id\" value=\"{nid}\"><button type=\"submit\" class=\"{verb}\">{} {}</button></form> ",
                            csrf_field(&ctx.csrf),
                            esc(name),
                            esc(text),
                        );
                    }
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        match status {
            "active" => {
                let mine = left.close.as_ref().filter(|c| c.match_id == mid);
                out.push_str(&close_form(ctx, mid, mine));
            }
            "closed" => {
                if let (Some(met), Some(mutual)) = (row.follow_up_met, row.follow_up_mutual) {
                    let _ = write!(
                        out,
                        "<dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
                        esc(l.t("Elkaar ontmoet", "Se sont rencontrés", "Met")),
                        esc(yes_no(l, met)),
                        esc(l.t(
                            "Hulp in twee richtingen",
                            "Aide dans les deux sens",
                            "Help both ways"
                        )),
                        esc(if mutual {
                            yes_no(l, true)
                        } else {
                            l.t("nee of nog niet", "non ou pas encore", "no or not yet")
                        }),
                    );
                    if let Some(note) = &row.follow_up_note {
                        let _ = write!(
                            out,
                            "<dt>{}</dt><dd>{}</dd>",
                            esc(l.t("Notitie", "Note", "Note")),
                            esc(note)
                        );
                    }
                    out.push_str("</dl>");
                }
            }
            _ => {}
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
    out
}
