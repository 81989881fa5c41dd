//! Rendering the engine's reasons (candidate, group and scope reasons): a message id of
//! `reasons.ftl` or `scope.ftl` with its arguments, or the finished texts of a reason
//! stored before the catalogues (shown as stored).
//!
//! Beside the engine's own arguments a message gets, from a tag code `tag`, the tag's
//! label `tag_label` and reason phrases `tag_likes` and `tag_helps` (from `tags.ftl`;
//! for a tag the catalogue lacks, e.g. an organisation's own, the vocabulary's texts),
//! and from metres `m` the kilometres `km` with one decimal and the locale's decimal mark
//! (`reason-decimal-mark`).

use crate::{format_with, has, t, Locale};
use fluent_bundle::{FluentArgs, FluentValue};
use nabij_engine::message::{Arg, Message, Phrase, Texts};
use nabij_engine::tags::{Tag, Vocabulary};

/// A reason (candidate, group or scope reason) in `locale`, tag texts from the built-in
/// vocabulary.
pub fn render_reason(locale: Locale, reason: &impl AsRef<Phrase>) -> String {
    render_reason_with(locale, reason, Vocabulary::builtin())
}

/// A reason in `locale`; a tag the catalogue lacks takes its texts from `vocab`.
pub fn render_reason_with(locale: Locale, reason: &impl AsRef<Phrase>, vocab: &Vocabulary) -> String {
    match reason.as_ref() {
        Phrase::Texts(texts) => texts.text(locale.code()).to_string(),
        Phrase::Message(m) => render_message(locale, m, vocab),
    }
}

/// A reason in Dutch, French and English (the API's `{nl, fr, en}` objects).
pub fn render_phrase(reason: &impl AsRef<Phrase>) -> Texts {
    Texts {
        nl: render_reason(Locale::Nl, reason),
        fr: render_reason(Locale::Fr, reason),
        en: render_reason(Locale::En, reason),
    }
}

fn render_message(locale: Locale, m: &Message, vocab: &Vocabulary) -> String {
    let mut args = FluentArgs::with_capacity(m.args.len() + 3);
    for (name, value) in &m.args {
        match value {
            Arg::Num(n) => args.set(name.as_str(), FluentValue::from(*n)),
            Arg::Text(s) => args.set(name.as_str(), FluentValue::from(s.as_str())),
        }
    }
    if let Some(code) = m.text_arg("tag") {
        let tag = vocab.tags().iter().find(|t| t.code == code);
        for (arg, attr) in [
            ("tag_label", ""),
            ("tag_likes", ".likes"),
            ("tag_helps", ".helps"),
        ] {
            args.set(arg, FluentValue::from(tag_text(locale, code, attr, tag)));
        }
    }
    if let Some(metres) = m.num_arg("m") {
        let km = format!("{:.1}", metres as f64 / 1000.0);
        let mark = t(locale, "reason-decimal-mark", &[]);
        args.set("km", FluentValue::from(km.replace('.', &mark)));
    }
    format_with(locale, &m.id, &args)
        .or_else(|| format_with(Locale::default(), &m.id, &args))
        .unwrap_or_else(|| m.id.clone())
}

/// A tag's label (`attr` empty) or phrase (`.likes`, `.helps`): the catalogue's, else
/// the vocabulary's, else the code.
fn tag_text(locale: Locale, code: &str, attr: &str, tag: Option<&Tag>) -> String {
    let key = format!("tag-{code}{attr}");
    if has(locale, &key) {
        return t(locale, &key, &[]);
    }
    let Some(tag) = tag else {
        return code.to_string();
    };
    let [nl, fr, en] = match attr {
        ".likes" => [&tag.likes_nl, &tag.likes_fr, &tag.likes_en],
        ".helps" => [&tag.helps_nl, &tag.helps_fr, &tag.helps_en],
        _ => [&tag.nl, &tag.fr, &tag.en],
    };
    match locale {
        Locale::Fr => fr,
        Locale::En => en,
        _ => nl,
    }
    .clone()
}
