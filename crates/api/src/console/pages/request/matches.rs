//! The proposals and matches of a request: who is in each, who answered what, buttons
//! to note a yes or a no (never asking why), and for a running match the close form
//! with the follow-up questions.

use super::{Choices, CloseLeft, Leftovers};
use crate::console::{Ctx, Lang};
use askama::Template;
use nabij_i18n::t;
use nabij_store::check_in::{CheckIn, CheckInAnswer, CheckInStatus};
use nabij_store::matching::{MatchDetail, Response};
use nabij_store::{MatchId, NeighbourId};
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

/// One check-in of a match, as the coordinator reads it.
struct CheckInRow {
    asked: String,
    who: String,
    how: String,
    answer: String,
    note: Option<String>,
    /// Waits for the coordinator (shown as such).
    needs: bool,
    signal: Option<i64>,
}

/// The form to note an answer given by phone (a running match).
struct PhoneForm {
    /// (neighbour id, name or "this person", part).
    members: Vec<(i64, String)>,
    answers: Vec<(&'static str, String)>,
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
    /// "Paused since …" while a running pair pauses.
    paused: Option<String>,
    check_ins: Vec<CheckInRow>,
    phone: Option<PhoneForm>,
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

fn check_in_row(l: Lang, c: &CheckIn, who: String) -> CheckInRow {
    let answer = match (c.status, c.answer) {
        (CheckInStatus::Answered, Some(a)) => {
            let via = t(
                l,
                "check-in-via",
                &[
                    (
                        "code",
                        c.answered_via.map(|v| v.as_str()).unwrap_or("phone").into(),
                    ),
                    ("by", c.answered_by.as_deref().unwrap_or("").into()),
                ],
            );
            format!(
                "{} ({via}, {})",
                t(l, "check-in-answer-short", &[("code", a.as_str().into())]),
                c.answered_at.unwrap_or(c.last_try_at).format("%d/%m/%Y")
            )
        }
        (st, _) => t(
            l,
            "check-in-state",
            &[("code", st.as_str().into()), ("tries", c.tries.into())],
        ),
    };
    CheckInRow {
        asked: c.asked_at.format("%d/%m/%Y").to_string(),
        who,
        how: t(l, "check-in-channel", &[("code", c.channel.as_str().into())]),
        answer,
        note: c.note.clone(),
        needs: c.needs_coordinator(),
        signal: c.signal_id.map(|s| s.get()),
    }
}

/// The section; `names` holds the display name of every member.
pub(super) fn section<'a>(
    ctx: &'a Ctx,
    matches: &[MatchDetail],
    check_ins: &HashMap<MatchId, Vec<CheckIn>>,
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
            let who_is = |n: NeighbourId| {
                names
                    .get(&n)
                    .cloned()
                    .unwrap_or_else(|| l.text("request-matches.this-person"))
            };
            let check_in_rows = check_ins
                .get(&row.id)
                .map(|list| {
                    list.iter()
                        .map(|c| check_in_row(l, c, who_is(c.neighbour_id)))
                        .collect()
                })
                .unwrap_or_default();
            let phone = (status == "active").then(|| {
                let mut ms: Vec<_> = m.members.iter().collect();
                ms.sort_by_key(|x| x.is_companion());
                PhoneForm {
                    members: ms
                        .into_iter()
                        .map(|x| (x.neighbour_id.get(), who_is(x.neighbour_id)))
                        .collect(),
                    answers: CheckInAnswer::ALL
                        .iter()
                        .map(|a| {
                            (
                                a.as_str(),
                                t(l, "check-in-answer-short", &[("code", a.as_str().into())]),
                            )
                        })
                        .collect(),
                }
            });
            Item {
                paused: row.paused_at.filter(|_| status == "active").map(|p| {
                    t(
                        l,
                        "match-paused",
                        &[("date", p.format("%d/%m/%Y").to_string().into())],
                    )
                }),
                check_ins: check_in_rows,
                phone,
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
