//! Français.

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
        Some(c) => format!("Une question ? Écrivez à votre personne de contact : {c}."),
        None => format!("Une question ? N'hésitez pas à contacter {}.", p.organisation),
    }
}

fn sign(p: &Payload) -> String {
    format!("Bien cordialement,\n{}", p.organisation)
}

fn neighbour(kind: EventKind, p: &Payload) -> Doc {
    let hello = format!("Bonjour {},", p.name.as_deref().unwrap_or(""));
    let others = names(&p.people, "et", "quelqu'un de votre quartier");
    let (subject, body): (&str, Vec<String>) = match kind {
        EventKind::MatchProposed => (
            "Faire connaissance avec quelqu'un de votre quartier",
            vec![
                format!("Nous aimerions vous faire rencontrer {others}."),
                "Votre personne de contact vous appellera bientôt pour vous expliquer la suite. \
                 Vous pouvez toujours dire non, sans avoir à vous justifier."
                    .to_string(),
            ],
        ),
        EventKind::MatchAccepted => (
            "Bonne nouvelle : vous pouvez faire connaissance",
            vec![
                format!(
                    "Tout le monde a dit oui : vous et {others} pouvez maintenant vous donner rendez-vous."
                ),
                "Votre personne de contact vous aide pour un premier rendez-vous et reste \
                 joignable en cas de besoin."
                    .to_string(),
            ],
        ),
        EventKind::MatchDeclined => (
            "La proposition ne se fera pas",
            vec![
                "La proposition de rencontre ne se fera pas cette fois-ci. C'est tout à fait \
                 normal : personne ne doit expliquer pourquoi."
                    .to_string(),
                "Vous n'avez rien à faire. Si vous cherchez encore quelque chose, votre personne \
                 de contact continue volontiers à chercher avec vous."
                    .to_string(),
            ],
        ),
        EventKind::MatchClosed => (
            "Merci pour le temps partagé",
            vec![
                format!(
                    "Votre rencontre est terminée. Merci pour le temps que vous et {others} avez partagé."
                ),
                "Votre personne de contact vous demandera peut-être comment cela s'est passé. \
                 Envie de recommencer, ou vous avez vous-même une question ? Dites-le-nous."
                    .to_string(),
            ],
        ),
        EventKind::RequestReferred | EventKind::FollowUpDue => (
            "À propos de votre demande",
            vec![
                "Pour votre demande, un service professionnel pourra mieux vous aider qu'un voisin."
                    .to_string(),
                "Votre personne de contact vous appellera et vous aidera à trouver le bon service."
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
        Some("out_of_scope") => "hors du champ des petits coups de main",
        Some("no_match") => "aucune rencontre trouvée",
        Some("coordinator_choice") => "choix du coordinateur",
        _ => "non précisée",
    }
}

fn coordinator(kind: EventKind, p: &Payload) -> Doc {
    let m = num(p.match_id);
    let r = num(p.request_id);
    let people = names(&p.people, "et", "les voisins concernés");
    let (subject, mut body) = match kind {
        EventKind::MatchProposed => (
            format!("Nouvelle proposition : rencontre {m}"),
            vec![format!(
                "Une rencontre est proposée pour la demande {r} : {people}. Chacun est libre de dire oui ou non."
            )],
        ),
        EventKind::MatchAccepted => (
            format!("La rencontre {m} est active"),
            vec![format!(
                "Rencontre {m} : tout le monde a dit oui, {people} peuvent se donner rendez-vous. Vous recevrez \
                 plus tard un rappel pour le suivi."
            )],
        ),
        EventKind::MatchDeclined => (
            format!("La proposition {m} ne se fera pas"),
            vec![format!(
                "La proposition pour la demande {r} ne se fera pas ; aucune raison n'est demandée. \
                 La demande est de nouveau ouverte s'il n'y a pas d'autre proposition en cours."
            )],
        ),
        EventKind::MatchClosed => (
            format!("La rencontre {m} est terminée"),
            vec![format!("La rencontre de {people} (demande {r}) est terminée.")],
        ),
        EventKind::FollowUpDue => (
            format!("Suivi à faire : rencontre {m}"),
            vec![format!(
                "La rencontre {m} ({people}) a commencé il y a {} jours. C'est le moment de \
                 demander comment cela se passe : se sont-ils rencontrés, et s'entraident-ils ?",
                p.days.unwrap_or(0)
            )],
        ),
        EventKind::RequestReferred => (
            format!("Demande {r} orientée vers un service"),
            vec![format!(
                "La demande {r} a été orientée vers un service professionnel (raison : {}). La \
                 personne sait que vous la contacterez pour la suite.",
                reason(p.reason.as_deref())
            )],
        ),
    };
    if p.by_phone > 0 {
        body.push(if p.by_phone == 1 {
            "Une de ces personnes n'a pas d'adresse e-mail et figure sur votre liste d'appels.".to_string()
        } else {
            format!(
                "{} de ces personnes n'ont pas d'adresse e-mail et figurent sur votre liste d'appels.",
                p.by_phone
            )
        });
    }
    let mut paragraphs = vec!["Bonjour,".to_string()];
    paragraphs.extend(body);
    paragraphs.push(format!("Le suivi se fait dans nabij.\n{}", p.organisation));
    Doc { subject, paragraphs }
}
