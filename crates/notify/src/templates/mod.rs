//! The texts: Dutch (default), French and English, rendered as plain text and as HTML
//! from the same paragraphs. Short and warm; they say who to contact and what happens
//! next, and nothing more: no request text, no health information, no address. Nobody
//! is named by a role word (the list in `fixtures/role-words.txt`, checked by the tests).
//!
//! The words live in the catalogues (`crates/i18n/locales/<lang>/mail.ftl`, one message
//! per template: the subject as its value, the paragraphs as attributes `.p1`, `.p2`, …);
//! the HTML layout is the askama template `templates/mail.html` (auto-escaping). A new
//! language is a new catalogue, nothing here.

use crate::error::{NotifyError, Result};
use crate::event::{Audience, EventKind, Language, Payload, Template};
use askama::Template as _;
use nabij_i18n::{has, t, Arg};

/// A message ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    /// Plain text (paragraphs separated by blank lines).
    pub text: String,
    /// A small HTML document with the same paragraphs.
    pub html: String,
}

/// A subject and paragraphs (a paragraph may hold line breaks, e.g. the sign-off).
pub(crate) struct Doc {
    pub subject: String,
    pub paragraphs: Vec<String>,
}

/// The HTML body of a message.
#[derive(askama::Template)]
#[template(path = "mail.html")]
struct MailHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    paragraphs: &'a [String],
}

/// Renders a stored template (`match_proposed.neighbour`, …) in a language with its
/// JSON payload. Unknown templates and malformed payloads are
/// [`NotifyError::Compose`] (permanent).
pub fn render(template: &str, language: Language, payload: &serde_json::Value) -> Result<Rendered> {
    let t = Template::parse(template)
        .ok_or_else(|| NotifyError::Compose(format!("unknown template {template:?}")))?;
    let p: Payload = serde_json::from_value(payload.clone())
        .map_err(|e| NotifyError::Compose(format!("payload of {template}: {e}")))?;
    let doc = compose(language, t, &p);
    let html = MailHtml {
        lang: language.code(),
        subject: &doc.subject,
        paragraphs: &doc.paragraphs,
    }
    .render()
    .map_err(|e| NotifyError::Compose(format!("layout of {template}: {e}")))?;
    Ok(Rendered {
        subject: doc.subject.clone(),
        text: to_text(&doc),
        html,
    })
}

/// The catalogue key of a template: `match_proposed.neighbour` → `mail-match_proposed-neighbour`.
fn key(t: Template) -> String {
    format!("mail-{}", t.name().replace('.', "-"))
}

pub(crate) fn compose(l: Language, tpl: Template, p: &Payload) -> Doc {
    let org = p.organisation.as_str();
    let and = t(l, "mail-and", &[]);
    let m = num(p.match_id);
    let r = num(p.request_id);
    let (others, people) = (
        names(&p.people, &and, &t(l, "mail-others-none", &[])),
        names(&p.people, &and, &t(l, "mail-people-none", &[])),
    );
    let reason = t(
        l,
        "mail-reason",
        &[("reason", p.reason.as_deref().unwrap_or("").into())],
    );
    let someone = someone(l, p, &and);
    let args: [(&str, Arg<'_>); 11] = [
        ("name", p.name.as_deref().unwrap_or("").into()),
        ("someone", someone.as_str().into()),
        ("others", others.as_str().into()),
        ("people", people.as_str().into()),
        ("m", m.as_str().into()),
        ("r", r.as_str().into()),
        ("days", p.days.unwrap_or(0).into()),
        ("reason", reason.as_str().into()),
        ("organisation", org.into()),
        ("side", p.side.as_deref().unwrap_or("").into()),
        ("link", p.link.as_deref().unwrap_or("").into()),
    ];
    let key = key(tpl);
    let subject = t(l, &key, &args);
    let mut body: Vec<String> = (1..)
        .map(|i| format!("{key}.p{i}"))
        .take_while(|k| has(l, k))
        .map(|k| t(l, &k, &args))
        .collect();
    let mut paragraphs = Vec::with_capacity(body.len() + 3);
    match tpl.audience {
        Audience::Neighbour => {
            paragraphs.push(t(l, "mail-hello-neighbour", &args));
            if tpl.kind == EventKind::MatchProposed {
                // What may be told of the others before everybody said yes, after the
                // first paragraph.
                let at = body.len().min(1);
                body.splice(at..at, described(l, p, &and));
            }
            if tpl.kind == EventKind::MatchAccepted && !p.reach.is_empty() {
                body.push(reach(l, p));
            }
            paragraphs.append(&mut body);
            paragraphs.push(match &p.contact {
                Some(c) => t(l, "mail-contact-email", &[("contact", c.into())]),
                None => t(l, "mail-contact-organisation", &[("organisation", org.into())]),
            });
            paragraphs.push(t(l, "mail-sign", &[("organisation", org.into())]));
        }
        Audience::Coordinator => {
            paragraphs.push(t(l, "mail-hello-coordinator", &[]));
            paragraphs.append(&mut body);
            if p.by_phone > 0 {
                paragraphs.push(t(l, "mail-by-phone", &[("count", p.by_phone.into())]));
            }
            paragraphs.push(t(l, "mail-coordinator-footer", &[("organisation", org.into())]));
        }
    }
    Doc { subject, paragraphs }
}

/// "someone from Lindel", "2 neighbours from Lindel and Zuid", "someone from your
/// neighbourhood": the others of a proposal, without names.
fn someone(l: Language, p: &Payload, and: &str) -> String {
    let count = p.others.max(1);
    if p.areas.is_empty() {
        t(l, "mail-someone-nearby", &[("count", count.into())])
    } else {
        let area = names(&p.areas, and, "");
        t(
            l,
            "mail-someone-from",
            &[("count", count.into()), ("area", area.as_str().into())],
        )
    }
}

/// The paragraphs that describe a proposal without names: what the people have in
/// common, when, the coordinator's note, and that names follow after everybody's yes.
fn described(l: Language, p: &Payload, and: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !p.shared.is_empty() {
        let labels: Vec<String> = p.shared.iter().map(|c| nabij_i18n::tag_label(l, c)).collect();
        let shared = names(&labels, and, "");
        out.push(t(l, "mail-shared", &[("shared", shared.as_str().into())]));
    }
    match &p.date {
        Some(date) => {
            let parts: Vec<String> = p
                .slots
                .iter()
                .map(|part| t(l, "mail-day-part", &[("part", part.as_str().into())]))
                .collect();
            let parts = if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", names(&parts, and, ""))
            };
            out.push(t(
                l,
                "mail-when-once",
                &[("date", date.as_str().into()), ("parts", parts.as_str().into())],
            ));
        }
        None if !p.slots.is_empty() => {
            let slots: Vec<String> = p
                .slots
                .iter()
                .filter_map(|s| s.split_once('-'))
                .map(|(day, part)| t(l, "mail-slot", &[("day", day.into()), ("part", part.into())]))
                .collect();
            let when = names(&slots, and, "");
            out.push(t(l, "mail-when", &[("when", when.as_str().into())]));
        }
        None => {}
    }
    if let Some(note) = p.note.as_deref().filter(|n| !n.is_empty()) {
        out.push(t(l, "mail-note", &[("note", note.into())]));
    }
    out.push(t(l, "mail-names-after-yes", &[]));
    out
}

/// How to reach each of the others, one line each (once everybody said yes).
fn reach(l: Language, p: &Payload) -> String {
    let mut lines = vec![t(l, "mail-reach", &[])];
    for r in &p.reach {
        let how: Vec<&str> = [r.email.as_deref(), r.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        lines.push(if how.is_empty() {
            t(l, "mail-reach-none", &[("name", r.name.as_str().into())])
        } else {
            t(
                l,
                "mail-reach-line",
                &[("name", r.name.as_str().into()), ("how", how.join(", ").into())],
            )
        });
    }
    lines.join("\n")
}

fn to_text(doc: &Doc) -> String {
    let mut s = doc.paragraphs.join("\n\n");
    s.push('\n');
    s
}

/// "Anna", "Anna and Jan", "Anna, Jan and Piet"; `none` when there is nobody.
pub(crate) fn names(people: &[String], and: &str, none: &str) -> String {
    match people {
        [] => none.to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// `#42`, or an empty string when the id is missing.
pub(crate) fn num(id: Option<i64>) -> String {
    id.map(|i| format!("#{i}")).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::event::{Audience, EventKind};

    fn sample(audience: Audience) -> Payload {
        Payload {
            organisation: "Buurtzorg Pelt".into(),
            name: (audience == Audience::Neighbour).then(|| "Anna".to_string()),
            people: vec!["Jan".into(), "Piet".into()],
            contact: Some("coord@pelt.be".into()),
            match_id: Some(42),
            request_id: Some(7),
            days: Some(14),
            reason: Some("no_match".into()),
            by_phone: 1,
            side: Some("companion".into()),
            link: Some("https://nabij.example/check-in/abc".into()),
            ..Payload::default()
        }
    }

    fn all() -> Vec<Template> {
        let mut v = Vec::new();
        for kind in EventKind::ALL {
            for audience in [Audience::Neighbour, Audience::Coordinator] {
                if let Some(t) = Template::parse(&Template { kind, audience }.name()) {
                    v.push(t);
                }
            }
        }
        v
    }

    #[test]
    fn every_template_renders_in_every_language_without_role_words() {
        let banned: Vec<&str> = include_str!("../../../../fixtures/role-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let templates = all();
        assert_eq!(templates.len(), 13);
        for t in templates {
            for lang in [Language::Nl, Language::Fr, Language::En] {
                let payload = serde_json::to_value(sample(t.audience)).unwrap();
                let r = render(&t.name(), lang, &payload).unwrap();
                assert!(!r.subject.is_empty() && !r.subject.contains('\n'));
                assert!(r.text.len() > 80, "{t:?} {lang:?}");
                assert!(r.html.contains(&format!("lang=\"{}\"", lang.as_str())));
                let lower = format!("{} {}", r.subject, r.text).to_lowercase();
                for w in &banned {
                    assert!(!lower.contains(w), "{t:?} {lang:?} says {w:?}:\n{}", r.text);
                }
                assert!(r.text.contains("Buurtzorg Pelt"), "{t:?} {lang:?}");
                if t.audience == Audience::Neighbour {
                    assert!(r.text.contains("Anna"), "{t:?} {lang:?}");
                    assert!(r.text.contains("coord@pelt.be"), "{t:?} {lang:?}");
                } else {
                    assert!(r.text.contains("#42") || r.text.contains("#7"), "{t:?} {lang:?}");
                }
            }
        }
    }

    #[test]
    fn html_is_escaped_and_unknown_templates_are_permanent_errors() {
        let mut p = sample(Audience::Neighbour);
        p.name = Some("<b>Anna</b> & co".into());
        let r = render(
            "match_accepted.neighbour",
            Language::En,
            &serde_json::to_value(p).unwrap(),
        )
        .unwrap();
        // askama escapes with numeric character references.
        assert!(
            r.html.contains("&#60;b&#62;Anna&#60;/b&#62; &#38; co"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("coord@pelt.be.</p>\n<p>Warm regards,<br>\nBuurtzorg Pelt</p>\n</body>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<b>Anna"));
        let e = render("follow_up_due.neighbour", Language::Nl, &serde_json::json!({})).unwrap_err();
        assert!(e.is_permanent());
        let e = render(
            "match_closed.neighbour",
            Language::Nl,
            &serde_json::json!({"people": 3}),
        )
        .unwrap_err();
        assert!(e.is_permanent());
    }

    #[test]
    fn a_proposal_describes_the_others_without_names_and_the_yes_tells_how_to_reach_them() {
        let proposal = Payload {
            organisation: "Buurtzorg Pelt".into(),
            name: Some("Anna".into()),
            contact: Some("coord@pelt.be".into()),
            others: 2,
            areas: vec!["Kattenbos".into(), "Lindel".into()],
            shared: vec!["walking".into()],
            slots: vec!["tue-afternoon".into()],
            note: Some("Houdt van koffie".into()),
            ..Payload::default()
        };
        for (lang, someone, shared, when) in [
            (
                Language::Nl,
                "2 buren uit Kattenbos en Lindel",
                "wandelen",
                "dinsdagnamiddag",
            ),
            (
                Language::Fr,
                "2 voisins de Kattenbos et Lindel",
                "promenade",
                "mardi après-midi",
            ),
            (
                Language::En,
                "2 neighbours from Kattenbos and Lindel",
                "walking",
                "Tuesday afternoon",
            ),
        ] {
            let r = render(
                "match_proposed.neighbour",
                lang,
                &serde_json::to_value(&proposal).unwrap(),
            )
            .unwrap();
            for want in [someone, shared, when, "Houdt van koffie", "coord@pelt.be"] {
                assert!(r.text.contains(want), "{lang:?} lacks {want:?}:\n{}", r.text);
            }
            let one_day = Payload {
                others: 1,
                areas: vec![],
                slots: vec!["morning".into()],
                date: Some("2026-12-08".into()),
                note: None,
                ..proposal.clone()
            };
            let r = render(
                "match_proposed.neighbour",
                lang,
                &serde_json::to_value(&one_day).unwrap(),
            )
            .unwrap();
            assert!(r.text.contains("2026-12-08"), "{}", r.text);
            assert!(!r.text.contains("Houdt"), "{}", r.text);
        }
        let accepted = Payload {
            organisation: "Buurtzorg Pelt".into(),
            name: Some("Anna".into()),
            people: vec!["Jan".into(), "Piet".into()],
            reach: vec![
                crate::event::Reach {
                    name: "Jan".into(),
                    email: Some("jan@pelt.test".into()),
                    phone: Some("011 22 33 44".into()),
                },
                crate::event::Reach {
                    name: "Piet".into(),
                    ..Default::default()
                },
            ],
            ..Payload::default()
        };
        for lang in [Language::Nl, Language::Fr, Language::En] {
            let r = render(
                "match_accepted.neighbour",
                lang,
                &serde_json::to_value(&accepted).unwrap(),
            )
            .unwrap();
            assert!(r.text.contains("jan@pelt.test, 011 22 33 44"), "{}", r.text);
            assert!(r.text.contains("Piet"), "{}", r.text);
            assert!(r.html.contains("<br>"), "{}", r.html);
        }
    }

    #[test]
    fn names_read_naturally() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&v(&[]), "en", "iemand"), "iemand");
        assert_eq!(names(&v(&["Anna"]), "en", "x"), "Anna");
        assert_eq!(
            names(&v(&["Anna", "Jan", "Piet"]), "en", "x"),
            "Anna, Jan en Piet"
        );
    }
}
