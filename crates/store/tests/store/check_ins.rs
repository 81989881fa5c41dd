//! Check-in rows (issue 14): one waiting check-in per member, an answer written once
//! (its links gone with it), tries moved on only from the state they expect, a link found
//! by its hash until used, a paused pair not reminded, and the latest check-in per
//! member deciding whether a pair needs the coordinator.

use crate::common::{neighbour, org, request, Ctx};
use chrono::Duration;
use nabij_store::check_in::{
    self, AnswerRecord, AnsweredVia, CheckInAnswer, CheckInChannel, CheckInStatus, Member,
};
use nabij_store::matching::{self, Side};
use nabij_store::{clock, StoreError};

crate::on_both_backends!(check_ins_are_answered_once_and_tried_at_most_twice: 2,);

fn check_ins_are_answered_once_and_tried_at_most_twice(ctx: Ctx) {
    let s = &ctx.store;
    let a = org(s, "pelt");
    let (m, asker, companion) = s
        .write(|c| {
            let asker = neighbour(c, a, "Asker", 0, 0);
            let companion = neighbour(c, a, "Companion", 1, 2);
            let r = request(c, a, asker);
            let m = matching::propose(c, a, r, &[companion])?.row.id;
            matching::accept(c, a, m, asker)?;
            matching::accept(c, a, m, companion)?;
            Ok((m, asker, companion))
        })
        .unwrap();
    let now = clock::now();
    let member = Member {
        match_id: m,
        neighbour_id: asker,
        side: Side::Requester,
    };
    let first = s
        .write(|c| check_in::ask(c, a, member, CheckInChannel::Email, now))
        .unwrap();
    assert_eq!((first.status, first.tries), (CheckInStatus::Asked, 1));
    // One waiting check-in per member.
    let again = s.write(|c| check_in::ask(c, a, member, CheckInChannel::Email, now));
    assert!(
        matches!(again, Err(StoreError::Conflict(ref c)) if c == "check_in_open"),
        "{again:?}"
    );
    s.write(|c| check_in::add_link(c, a, first.id, "hash-1", now, now + Duration::days(14)))
        .unwrap();
    let (found, expires) = s.read(|c| check_in::by_link(c, "hash-1")).unwrap().unwrap();
    assert_eq!((found.id, expires), (first.id, now + Duration::days(14)));
    assert!(s.read(|c| check_in::by_link(c, "hash-2")).unwrap().is_none());

    // The second try only from the first; waiting ones of a paused pair are left alone.
    let later = now + Duration::days(8);
    assert_eq!(
        s.read(|c| check_in::waiting_since(c, a, 1, later)).unwrap().len(),
        1
    );
    s.write(|c| matching::pause(c, a, m, now)).unwrap();
    assert!(s
        .read(|c| check_in::waiting_since(c, a, 1, later))
        .unwrap()
        .is_empty());
    s.write(|c| matching::resume(c, a, m)).unwrap();
    let second = s.write(|c| check_in::second_try(c, a, first.id, later)).unwrap();
    assert_eq!((second.tries, second.last_try_at), (2, later));
    assert!(s.write(|c| check_in::second_try(c, a, first.id, later)).is_err());
    let gave_up = s.write(|c| check_in::give_up(c, a, first.id)).unwrap();
    assert_eq!(gave_up.status, CheckInStatus::Unanswered);
    assert!(gave_up.needs_coordinator());
    let needing = s.read(|c| check_in::needing_coordinator(c, a)).unwrap();
    assert_eq!(needing.iter().map(|c| c.id).collect::<Vec<_>>(), [first.id]);

    // Answered once; its links go with it; a second answer is a conflict.
    let rec = |answer| AnswerRecord {
        answer,
        via: AnsweredVia::Phone,
        by: "user:1".into(),
        note: Some("  Gebeld.  ".into()),
        at: later,
    };
    let answered = s
        .write(|c| check_in::answer(c, a, first.id, &rec(CheckInAnswer::GoOn)))
        .unwrap();
    assert_eq!(answered.answer, Some(CheckInAnswer::GoOn));
    assert_eq!(answered.note.as_deref(), Some("Gebeld."));
    assert!(s.read(|c| check_in::by_link(c, "hash-1")).unwrap().is_none());
    let twice = s.write(|c| check_in::answer(c, a, first.id, &rec(CheckInAnswer::Pause)));
    assert!(
        matches!(twice, Err(StoreError::Conflict(ref c)) if c == "check_in_answered"),
        "{twice:?}"
    );
    assert!(s
        .read(|c| check_in::needing_coordinator(c, a))
        .unwrap()
        .is_empty());

    // An answer heard without an asking stands on its own; the latest per member decides.
    let other = Member {
        match_id: m,
        neighbour_id: companion,
        side: Side::Companion,
    };
    let heard = s
        .write(|c| check_in::record_unasked(c, a, other, &rec(CheckInAnswer::Mediate)))
        .unwrap();
    assert_eq!((heard.channel, heard.tries), (CheckInChannel::Phone, 0));
    let needing = s.read(|c| check_in::needing_coordinator(c, a)).unwrap();
    assert_eq!(needing.iter().map(|c| c.id).collect::<Vec<_>>(), [heard.id]);
    let too_long = AnswerRecord {
        note: Some("x".repeat(check_in::MAX_NOTE + 1)),
        ..rec(CheckInAnswer::GoOn)
    };
    assert!(matches!(
        s.write(|c| check_in::record_unasked(c, a, other, &too_long)),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(s.read(|c| check_in::for_match(c, a, m)).unwrap().len(), 2);
    // Another organisation sees none of it.
    let b = org(s, "deerlijk");
    assert!(matches!(
        s.read(|c| check_in::get(c, b, first.id)),
        Err(StoreError::NotFound)
    ));
    assert!(s.read(|c| check_in::for_match(c, b, m)).unwrap().is_empty());
}
