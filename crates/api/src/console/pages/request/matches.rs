//! The proposals and matches of a request: who is in each, who answered what, buttons
//! to note a yes or a no (never asking why), and for a running match the close form
//! with the follow-up questions.

use super::{Choices, CloseLeft, Leftovers};
use crate::console::{Ctx, Lang};
use askama::Template;
use nabij_i18n::t;
use nabij_store::matching::{MatchDetail, Response};
use nabij_store::NeighbourId;
use std::collections::HashMap;

/// One person in a proposal.
struct Member {
    id: i64,
    /// None for someone outside a limited coordinator's neighbourhoods.
    name: Option<String>,
    /// Asked, or joins.
    part: String,
    answer: String,
    /// While the proposal waits for this person: the buttons (verb, label).
    buttons: Vec<(&'static str, String)>,
}

/// The close form of a running match, as filled in.
struct CloseForm {
    met: Choices,
    mutual: Choices,
    note: String,
    note_wrong: bool,
}

/// How a closed match went.
struct FollowUp {
    met: String,
    mutual: String,
    note: Option<String>,
}

/// One proposal or match.
struct Item {
    id: i64,
    heading: String,
    error: Option<String>,
    /// Still waiting for answers: the column with the buttons.
    proposed: bool,
    members: Vec<Member>,
    close: Option<CloseForm>,
    follow_up: Option<FollowUp>,
}

/// The section (`console/request/matches.html`).
#[derive(Template)]
#[template(path = "console/request/matches.html")]
pub(super) struct MatchesSection<'a> {
    l: Lang,
    csrf: &'a str,
    items: Vec<Item>,
}

/// The status of a match (catalogue `request-match-status`).
pub(in crate::console::pages) fn match_status_text(l: Lang, code: &str) -> String {
    t(l, "request-match-status", &[("code", code.into())])
}

fn answer_text(l: Lang, code: &str) -> String {
    t(l, "request-match-answer", &[("code", code.into())])
}

fn close_form(l: Lang, mid: i64, left: Option<&CloseLeft>) -> CloseForm {
    let blank = CloseLeft::default();
    let f = left.unwrap_or(&blank);
    let (yes, no) = (l.text("request-close.yes"), l.text("request-close.no"));
    let question = |name: &'static str, options: Vec<(&'static str, String)>, picked: &str| {
        let mut c = Choices::new(
            l.text(&format!("request-close.{name}")),
            name,
            format!("{name}-{mid}"),
            options,
            picked,
        );
        if f.wrong.contains(&name) {
            c.error = Some(l.text("request-close.choose"));
        }
        c
    };
    CloseForm {
        met: question("met", vec![("yes", yes.clone()), ("no", no.clone())], &f.met),
        mutual: question(
            "mutual",
            vec![
                ("yes", yes),
                ("no", no),
                ("not_yet", l.text("request-close.not-yet")),
            ],
            &f.mutual,
        ),
        note: f.note.clone(),
        note_wrong: f.wrong.contains(&"note"),
    }
}

/// The section; `names` holds the display name of every member.
pub(super) fn section<'a>(
    ctx: &'a Ctx,
    matches: &[MatchDetail],
    names: &HashMap<NeighbourId, String>,
    left: &Leftovers,
) -> MatchesSection<'a> {
    let l = ctx.lang;
    let items = matches
        .iter()
        .map(|m| {
            let row = &m.row;
            let mid = row.id.get();
            let status = row.status.as_str();
            let proposed = status == "proposed";
            // The person who asked first, then the companions.
            let mut members: Vec<_> = m.members.iter().collect();
            members.sort_by_key(|x| x.is_companion());
            let members = members
                .into_iter()
                .map(|member| {
                    let name = names.get(&member.neighbour_id).cloned();
                    let who = name
                        .clone()
                        .unwrap_or_else(|| l.text("request-matches.this-person"));
                    let buttons = if proposed && member.response == Response::Pending {
                        ["accept", "decline"]
                            .into_iter()
                            .map(|verb| {
                                let label = t(
                                    l,
                                    "request-match-says",
                                    &[("verb", verb.into()), ("name", who.as_str().into())],
                                );
                                (verb, label)
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    Member {
                        id: member.neighbour_id.get(),
                        name,
                        part: t(
                            l,
                            "request-match-part",
                            &[(
                                "code",
                                if member.is_companion() {
                                    "companion"
                                } else {
                                    "asked"
                                }
                                .into(),
                            )],
                        ),
                        answer: answer_text(l, member.response.as_str()),
                        buttons,
                    }
                })
                .collect();
            let close = (status == "active")
                .then(|| close_form(l, mid, left.close.as_ref().filter(|c| c.match_id == mid)));
            let follow_up = match (status, row.follow_up_met, row.follow_up_mutual) {
                ("closed", Some(met), Some(mutual)) => Some(FollowUp {
                    met: answer_text(l, if met { "accepted" } else { "declined" }),
                    mutual: if mutual {
                        answer_text(l, "accepted")
                    } else {
                        l.text("request-matches.no-or-not-yet")
                    },
                    note: row.follow_up_note.clone(),
                }),
                _ => None,
            };
            Item {
                id: mid,
                heading: t(
                    l,
                    "request-matches.heading",
                    &[
                        ("date", row.created_at.format("%d/%m/%Y").to_string().into()),
                        ("status", match_status_text(l, status).into()),
                    ],
                ),
                error: left
                    .error
                    .as_ref()
                    .filter(|_| left.about_match == Some(mid))
                    .map(|(_, message)| message.clone()),
                proposed,
                members,
                close,
                follow_up,
            }
        })
        .collect();
    MatchesSection {
        l,
        csrf: &ctx.csrf,
        items,
    }
}
