//! English.

use super::{names, num, Doc};
use crate::event::{Audience, EventKind, Payload, Template};

pub(crate) fn compose(t: Template, p: &Payload) -> Doc {
    match t.audience {
        Audience::Neighbour => neighbour(t.kind, p),
        Audience::Coordinator => coordinator(t.kind, p),
    }
}

fn contact(p: &Payload) -> String {
    match &p.contact {
        Some(c) => format!("Any questions? Just write to your contact person: {c}."),
        None => format!("Any questions? Feel free to contact {}.", p.organisation),
    }
}

fn sign(p: &Payload) -> String {
    format!("Warm regards,\n{}", p.organisation)
}

fn neighbour(kind: EventKind, p: &Payload) -> Doc {
    let hello = format!("Hello {},", p.name.as_deref().unwrap_or(""));
    let others = names(&p.people, "and", "someone from your neighbourhood");
    let (subject, body): (&str, Vec<String>) = match kind {
        EventKind::MatchProposed => (
            "Meet someone from your neighbourhood",
            vec![
                format!("We would love to introduce you to {others}."),
                "Your contact person will get in touch soon to tell you what happens next. \
                 Saying no is always fine, no explanation needed."
                    .to_string(),
            ],
        ),
        EventKind::MatchAccepted => (
            "Good news: you can meet",
            vec![
                format!("Everyone said yes: you and {others} can now arrange to meet."),
                "Your contact person can help with a first meeting and stays within reach if \
                 anything comes up."
                    .to_string(),
            ],
        ),
        EventKind::MatchDeclined => (
            "The proposal will not go ahead",
            vec![
                "The proposal to meet will not go ahead this time. That is perfectly fine: \
                 nobody has to explain why."
                    .to_string(),
                "There is nothing you need to do. If you are still looking for something, your \
                 contact person is glad to keep looking with you."
                    .to_string(),
            ],
        ),
        EventKind::MatchClosed => (
            "Thank you for the time you shared",
            vec![
                format!("Your match has come to a close. Thank you for the time you and {others} shared."),
                "Your contact person may ask how it went. Feel like doing something together \
                 again, or do you have a question yourself? Just let us know."
                    .to_string(),
            ],
        ),
        EventKind::RequestReferred | EventKind::FollowUpDue => (
            "About your question",
            vec![
                "A professional service can help you with your question better than a neighbour can."
                    .to_string(),
                "Your contact person will get in touch and help you find the right service.".to_string(),
            ],
        ),
    };
    let mut paragraphs = vec![hello];
    paragraphs.extend(body);
    paragraphs.push(contact(p));
    paragraphs.push(sign(p));
    Doc {
        subject: subject.to_string(),
        paragraphs,
    }
}

fn reason(code: Option<&str>) -> &'static str {
    match code {
        Some("out_of_scope") => "beyond small help",
        Some("no_match") => "no match found",
        Some("coordinator_choice") => "coordinator's choice",
        _ => "not given",
    }
}

fn coordinator(kind: EventKind, p: &Payload) -> Doc {
    let m = num(p.match_id);
    let r = num(p.request_id);
    let people = names(&p.people, "and", "the neighbours concerned");
    let (subject, mut body) = match kind {
        EventKind::MatchProposed => (
            format!("New proposal: match {m}"),
            vec![format!(
                "A match was proposed for request {r}: {people}. Everyone is free to say yes or no."
            )],
        ),
        EventKind::MatchAccepted => (
            format!("Match {m} is active"),
            vec![format!(
                "Match {m}: everyone said yes, {people} can arrange to meet. You will get a reminder to \
                 follow up later."
            )],
        ),
        EventKind::MatchDeclined => (
            format!("Proposal {m} will not go ahead"),
            vec![format!(
                "The proposal for request {r} will not go ahead; no reason is asked. The \
                 request is open again unless another proposal is under way."
            )],
        ),
        EventKind::MatchClosed => (
            format!("Match {m} has closed"),
            vec![format!("The match of {people} (request {r}) has closed.")],
        ),
        EventKind::FollowUpDue => (
            format!("Time to follow up: match {m}"),
            vec![format!(
                "Match {m} ({people}) started {} days ago. Time to ask how it is going: did \
                 they meet, and do they support each other?",
                p.days.unwrap_or(0)
            )],
        ),
        EventKind::RequestReferred => (
            format!("Request {r} referred"),
            vec![format!(
                "Request {r} was referred to a professional service (reason: {}). The resident \
                 has been told you will get in touch to help further.",
                reason(p.reason.as_deref())
            )],
        ),
    };
    if p.by_phone > 0 {
        body.push(if p.by_phone == 1 {
            "One of them has no e-mail address and is on your phone list.".to_string()
        } else {
            format!(
                "{} of them have no e-mail address and are on your phone list.",
                p.by_phone
            )
        });
    }
    let mut paragraphs = vec!["Hello,".to_string()];
    paragraphs.extend(body);
    paragraphs.push(format!("Follow it up in nabij.\n{}", p.organisation));
    Doc { subject, paragraphs }
}
