//! The texts: Dutch (default), French and English, rendered as plain text and as HTML
//! from the same paragraphs. Short and warm; they say who to contact and what happens
//! next, and nothing more: no request text, no health information, no address. Nobody
//! is named by a role word (the list in `fixtures/role-words.txt`, checked by the tests).

mod en;
mod fr;
mod nl;

use crate::error::{NotifyError, Result};
use crate::event::{Language, Payload, Template};

/// A message ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    /// Plain text (paragraphs separated by blank lines).
    pub text: String,
    /// A small HTML document with the same paragraphs.
    pub html: String,
}

/// What a language module writes: a subject and paragraphs (a paragraph may hold line
/// breaks, e.g. the sign-off).
pub(crate) struct Doc {
    pub subject: String,
    pub paragraphs: Vec<String>,
}

/// Renders a stored template (`match_proposed.neighbour`, …) in a language with its
/// JSON payload. Unknown templates and malformed payloads are
/// [`NotifyError::Compose`] (permanent).
pub fn render(template: &str, language: Language, payload: &serde_json::Value) -> Result<Rendered> {
    let t = Template::parse(template)
        .ok_or_else(|| NotifyError::Compose(format!("unknown template {template:?}")))?;
    let p: Payload = serde_json::from_value(payload.clone())
        .map_err(|e| NotifyError::Compose(format!("payload of {template}: {e}")))?;
    let doc = match language {
        Language::Nl => nl::compose(t, &p),
        Language::Fr => fr::compose(t, &p),
        Language::En => en::compose(t, &p),
    };
    Ok(Rendered {
        subject: doc.subject.clone(),
        text: to_text(&doc),
        html: to_html(&doc, language),
    })
}

fn to_text(doc: &Doc) -> String {
    let mut s = doc.paragraphs.join("\n\n");
    s.push('\n');
    s
}

fn to_html(doc: &Doc, language: Language) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 36em\">\n",
        language.as_str(),
        escape(&doc.subject)
    );
    for p in &doc.paragraphs {
        s.push_str("<p>");
        s.push_str(&escape(p).replace('\n', "<br>\n"));
        s.push_str("</p>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
        assert_eq!(templates.len(), 11);
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
        assert!(r.html.contains("&lt;b&gt;Anna&lt;/b&gt; &amp; co"));
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
