//! Nederlands (default).

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
        Some(c) => format!("Vragen? Mail gerust naar je aanspreekpunt: {c}."),
        None => format!("Vragen? Neem gerust contact op met {}.", p.organisation),
    }
}

fn sign(p: &Payload) -> String {
    format!("Hartelijke groet,\n{}", p.organisation)
}

fn neighbour(kind: EventKind, p: &Payload) -> Doc {
    let hello = format!("Dag {},", p.name.as_deref().unwrap_or(""));
    let others = names(&p.people, "en", "iemand uit je buurt");
    let (subject, body): (&str, Vec<String>) = match kind {
        EventKind::MatchProposed => (
            "Kennismaken met iemand uit je buurt",
            vec![
                format!("We willen je graag laten kennismaken met {others}."),
                "Je aanspreekpunt neemt binnenkort contact met je op om te vertellen hoe het \
                 verder gaat. Nee zeggen mag altijd, zonder uitleg."
                    .to_string(),
            ],
        ),
        EventKind::MatchAccepted => (
            "Fijn, jullie kunnen kennismaken",
            vec![
                format!("Iedereen heeft ja gezegd: jij en {others} kunnen nu afspreken."),
                "Je aanspreekpunt helpt bij een eerste afspraak en blijft bereikbaar als er \
                 iets is."
                    .to_string(),
            ],
        ),
        EventKind::MatchDeclined => (
            "Het voorstel gaat niet door",
            vec![
                "Het voorstel om kennis te maken gaat deze keer niet door. Dat is helemaal in \
                 orde: niemand hoeft uit te leggen waarom."
                    .to_string(),
                "Je hoeft niets te doen. Als je nog iets zoekt, kijkt je aanspreekpunt graag \
                 verder met je mee."
                    .to_string(),
            ],
        ),
        EventKind::MatchClosed => (
            "Bedankt voor de gedeelde tijd",
            vec![
                format!(
                    "Jullie koppeling is afgerond. Bedankt voor de tijd die jij en {others} samen deelden."
                ),
                "Misschien vraagt je aanspreekpunt nog even hoe het was. Zin om opnieuw iets \
                 samen te doen, of heb je zelf een vraag? Laat het gerust weten."
                    .to_string(),
            ],
        ),
        EventKind::RequestReferred | EventKind::FollowUpDue => (
            "Over je vraag",
            vec![
                "Voor je vraag kan een professionele dienst je beter helpen dan een buur.".to_string(),
                "Je aanspreekpunt neemt contact met je op en helpt je op weg naar de juiste dienst."
                    .to_string(),
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
        Some("out_of_scope") => "valt buiten het kleine helpen",
        Some("no_match") => "geen koppeling gevonden",
        Some("coordinator_choice") => "keuze van de coördinator",
        _ => "niet opgegeven",
    }
}

fn coordinator(kind: EventKind, p: &Payload) -> Doc {
    let m = num(p.match_id);
    let r = num(p.request_id);
    let people = names(&p.people, "en", "de betrokken buren");
    let (subject, mut body) = match kind {
        EventKind::MatchProposed => (
            format!("Nieuw voorstel: koppeling {m}"),
            vec![format!(
                "Voor vraag {r} is een koppeling voorgesteld: {people}. Iedereen kan vrij ja of nee zeggen."
            )],
        ),
        EventKind::MatchAccepted => (
            format!("Koppeling {m} is actief"),
            vec![format!(
                "Koppeling {m}: iedereen heeft ja gezegd, {people} kunnen afspreken. Je krijgt later een \
                 herinnering om op te volgen."
            )],
        ),
        EventKind::MatchDeclined => (
            format!("Voorstel {m} gaat niet door"),
            vec![format!(
                "Het voorstel voor vraag {r} gaat niet door; er wordt geen reden gevraagd. De \
                 vraag staat weer open als er geen ander voorstel loopt."
            )],
        ),
        EventKind::MatchClosed => (
            format!("Koppeling {m} is afgerond"),
            vec![format!("De koppeling van {people} (vraag {r}) is afgerond.")],
        ),
        EventKind::FollowUpDue => (
            format!("Tijd om op te volgen: koppeling {m}"),
            vec![format!(
                "Koppeling {m} ({people}) loopt sinds {} dagen. Tijd om even te vragen hoe het \
                 gaat: hebben ze elkaar ontmoet, en helpen ze elkaar?",
                p.days.unwrap_or(0)
            )],
        ),
        EventKind::RequestReferred => (
            format!("Vraag {r} doorverwezen"),
            vec![format!(
                "Vraag {r} is doorverwezen naar een professionele dienst (reden: {}). De \
                 bewoner hoort dat je contact opneemt om verder te helpen.",
                reason(p.reason.as_deref())
            )],
        ),
    };
    if p.by_phone > 0 {
        body.push(if p.by_phone == 1 {
            "Eén van hen heeft geen e-mailadres en staat op je bellijst.".to_string()
        } else {
            format!(
                "{} van hen hebben geen e-mailadres en staan op je bellijst.",
                p.by_phone
            )
        });
    }
    let mut paragraphs = vec!["Dag,".to_string()];
    paragraphs.extend(body);
    paragraphs.push(format!("Je volgt dit op in nabij.\n{}", p.organisation));
    Doc { subject, paragraphs }
}
