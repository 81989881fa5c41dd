//! The texts of nabij, in one place: one locale type ([`Locale`]) and the translation
//! catalogues, Fluent `.ftl` files per language under `locales/<code>/`, embedded at
//! compile time.
//!
//! Catalogues (the same file names in every language):
//! - `console.ftl`: the coordinators' console pages;
//! - `mail.ftl`: the e-mail notifications;
//! - `tags.ftl`: the labels and reason phrases of the tag vocabulary, kept equal to
//!   `fixtures/tags.toml` by a test;
//! - `reasons.ftl`: the reasons of a candidate and of a group suggestion;
//! - `scope.ftl`: the reasons of the scope guard;
//! - `signals.ftl`: the console's signal pages (issue 13);
//! - `imports.ftl`: the findings of a spreadsheet import (issue 16).
//!
//! The engine hands out reasons as message ids with arguments
//! (`nabij_engine::message`); [`render_reason`] writes them in a language.
//!
//! A further catalogue is a new file in every folder and one name in [`CATALOGUES`] and
//! in `locales!`.
//!
//! Adding a language (Arabic, Turkish, …) is a new folder `locales/<code>/` with the same
//! files and one line in the [`locales!`] invocation below; the test
//! `every_catalogue_has_the_keys_of_every_other` fails while a catalogue lacks a key
//! another one has.
//!
//! Unicode isolation marks (FSI/PDI around placeables) are switched off: the texts go
//! into HTML, plain-text mail and CSV, where the marks would show up as stray bytes in
//! tests and copies; the console sets `dir` on the document instead when a
//! right-to-left language arrives.

mod reasons;

pub use reasons::{render_phrase, render_reason, render_reason_with};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The catalogue files every language has.
pub const CATALOGUES: [&str; 7] = [
    "console", "mail", "tags", "reasons", "scope", "signals", "imports",
];

macro_rules! locales {
    ($( $(#[$meta:meta])* $variant:ident => $code:literal ),+ $(,)?) => {
        /// A language of the texts shown to residents and coordinators. Dutch is the
        /// default.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        pub enum Locale {
            $( $(#[$meta])* $variant, )+
        }

        impl Locale {
            /// Every locale, the default first.
            pub const ALL: &'static [Locale] = &[$(Locale::$variant),+];

            /// The language code (`nl`, `fr`, `en`).
            pub fn code(self) -> &'static str {
                match self {
                    $( Locale::$variant => $code, )+
                }
            }

            /// The catalogue sources of this locale, in the order of [`CATALOGUES`].
            fn sources(self) -> [&'static str; CATALOGUES.len()] {
                match self {
                    $( Locale::$variant => [
                        include_str!(concat!("../locales/", $code, "/console.ftl")),
                        include_str!(concat!("../locales/", $code, "/mail.ftl")),
                        include_str!(concat!("../locales/", $code, "/tags.ftl")),
                        include_str!(concat!("../locales/", $code, "/reasons.ftl")),
                        include_str!(concat!("../locales/", $code, "/scope.ftl")),
                        include_str!(concat!("../locales/", $code, "/signals.ftl")),
                        include_str!(concat!("../locales/", $code, "/imports.ftl")),
                    ], )+
                }
            }
        }
    };
}

locales! {
    /// Nederlands (the default).
    #[default]
    Nl => "nl",
    /// Français.
    Fr => "fr",
    /// English.
    En => "en",
}

impl Locale {
    /// The locale of a code: exact (`nl`, `fr`, `en`).
    pub fn parse(s: &str) -> Option<Locale> {
        Locale::ALL.iter().copied().find(|l| l.code() == s)
    }

    /// The locale of a code, case and region ignored (`fr-BE` is French); anything
    /// unknown is the default (Dutch).
    pub fn parse_or_default(s: &str) -> Locale {
        let lower = s.trim().to_ascii_lowercase();
        Locale::parse(lower.split(['-', '_']).next().unwrap_or("")).unwrap_or_default()
    }

    /// Same as [`Locale::code`] (the name the notification code used).
    pub fn as_str(self) -> &'static str {
        self.code()
    }

    /// The text of `key` (a message id, or `id.attribute`) without arguments.
    pub fn text(self, key: &str) -> String {
        t(self, key, &[])
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// An argument of a message: text or a number (numbers select plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Str(Cow<'a, str>),
    Num(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
num_arg!(i32, i64, u32, u64, usize, f64);

struct Catalogue {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
}

fn catalogues() -> &'static [Catalogue] {
    static CELL: OnceLock<Vec<Catalogue>> = OnceLock::new();
    CELL.get_or_init(|| {
        Locale::ALL
            .iter()
            .map(|&locale| {
                let lang = locale
                    .code()
                    .parse::<unic_langid::LanguageIdentifier>()
                    .unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                bundle.set_use_isolating(false);
                for source in locale.sources() {
                    // A syntax error keeps the entries that did parse; the tests make
                    // sure there are none.
                    let resource =
                        FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
                    bundle.add_resource_overriding(resource);
                }
                Catalogue { locale, bundle }
            })
            .collect()
    })
}

fn catalogue(locale: Locale) -> Option<&'static Catalogue> {
    catalogues().iter().find(|c| c.locale == locale)
}

/// Whether `key` (`id` or `id.attribute`) exists in the catalogue of `locale`.
pub fn has(locale: Locale, key: &str) -> bool {
    let (id, attr) = split_key(key);
    catalogue(locale)
        .and_then(|c| c.bundle.get_message(id))
        .is_some_and(|m| match attr {
            None => m.value().is_some(),
            Some(a) => m.get_attribute(a).is_some(),
        })
}

fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((id, attr)) => (id, Some(attr)),
        None => (key, None),
    }
}

/// The text of `key` (a message id, or `id.attribute`) in `locale`, with arguments.
/// A key missing in `locale` falls back to Dutch, and a key missing there too is
/// returned as it is (the parity test keeps that from happening).
pub fn t(locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    format_in(locale, key, args)
        .or_else(|| format_in(Locale::default(), key, args))
        .unwrap_or_else(|| key.to_string())
}

fn format_in(locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Str(s) => fargs.set(*name, FluentValue::from(s.as_ref())),
            Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
        }
    }
    format_with(locale, key, &fargs)
}

/// The text of `key` in `locale` (no fallback), with Fluent arguments.
fn format_with(locale: Locale, key: &str, fargs: &FluentArgs<'_>) -> Option<String> {
    let c = catalogue(locale)?;
    let (id, attr) = split_key(key);
    let msg = c.bundle.get_message(id)?;
    let pattern = match attr {
        None => msg.value()?,
        Some(a) => msg.get_attribute(a)?.value(),
    };
    let mut errors = Vec::new();
    let out = c.bundle.format_pattern(pattern, Some(fargs), &mut errors);
    Some(out.into_owned())
}

/// The label of a tag of the vocabulary (`walking` → "wandelen"); the code itself
/// when the vocabulary has no such tag.
pub fn tag_label(locale: Locale, code: &str) -> String {
    let key = format!("tag-{code}");
    if has(locale, &key) {
        t(locale, &key, &[])
    } else {
        code.to_string()
    }
}

/// Every key (`id`, and `id.attribute` for each attribute) of one catalogue file of
/// `locale`, sorted. For the parity test and for tools.
pub fn keys(locale: Locale, catalogue_name: &str) -> Vec<String> {
    let Some(i) = CATALOGUES.iter().position(|c| *c == catalogue_name) else {
        return Vec::new();
    };
    let source = locale.sources()[i];
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let mut out = Vec::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                out.push(m.id.name.to_string());
            }
            for a in &m.attributes {
                out.push(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses() {
        for &l in Locale::ALL {
            for (name, source) in CATALOGUES.iter().zip(l.sources()) {
                if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                    panic!("locales/{l}/{name}.ftl: {errors:?}");
                }
            }
        }
    }

    #[test]
    fn every_catalogue_has_the_keys_of_every_other() {
        for name in CATALOGUES {
            let reference = keys(Locale::default(), name);
            assert!(!reference.is_empty(), "{name}.ftl is empty");
            for &l in Locale::ALL {
                let k = keys(l, name);
                let missing: Vec<_> = reference.iter().filter(|x| !k.contains(x)).collect();
                let extra: Vec<_> = k.iter().filter(|x| !reference.contains(x)).collect();
                assert!(
                    missing.is_empty() && extra.is_empty(),
                    "locales/{l}/{name}.ftl lacks {missing:?}; locales/nl/{name}.ftl lacks {extra:?}"
                );
            }
        }
    }

    #[test]
    fn every_message_formats_without_errors_in_every_locale() {
        // Placeables that reference other messages or terms must resolve.
        for name in CATALOGUES {
            for &l in Locale::ALL {
                let c = catalogue(l).unwrap();
                for key in keys(l, name) {
                    let (id, attr) = split_key(&key);
                    let msg = c.bundle.get_message(id).unwrap();
                    let pattern = match attr {
                        None => msg.value().unwrap(),
                        Some(a) => msg.get_attribute(a).unwrap().value(),
                    };
                    let mut errors = Vec::new();
                    c.bundle.format_pattern(pattern, None, &mut errors);
                    // Missing variables are expected here (no arguments are given).
                    let bad: Vec<_> = errors
                        .iter()
                        .map(|e| format!("{e:?}"))
                        .filter(|e| !e.contains("Variable"))
                        .collect();
                    assert!(bad.is_empty(), "{l} {key}: {bad:?}");
                }
            }
        }
    }

    #[test]
    fn tags_catalogue_matches_the_fixture() {
        let fixture: toml::Value = toml::from_str(include_str!("../../../fixtures/tags.toml")).unwrap();
        let tags = fixture["tag"].as_array().unwrap();
        for &l in Locale::ALL {
            let code = l.code();
            for tag in tags {
                let c = tag["code"].as_str().unwrap();
                assert_eq!(tag_label(l, c), tag[code].as_str().unwrap(), "{l} {c}");
                for phrase in ["likes", "helps"] {
                    assert_eq!(
                        t(l, &format!("tag-{c}.{phrase}"), &[]),
                        tag[format!("{phrase}_{code}").as_str()].as_str().unwrap(),
                        "{l} {c} {phrase}"
                    );
                }
            }
            assert_eq!(
                keys(l, "tags").len(),
                tags.len() * 3,
                "{l}: a tag not in the fixture"
            );
        }
    }

    #[test]
    fn lookup_with_arguments_attributes_and_fallback() {
        assert_eq!(Locale::parse("fr"), Some(Locale::Fr));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse_or_default("fr-BE"), Locale::Fr);
        assert_eq!(Locale::parse_or_default("xx"), Locale::Nl);
        assert_eq!(
            t(Locale::En, "mail-hello-neighbour", &[("name", "Anna".into())]),
            "Hello Anna,"
        );
        // No isolation marks around the argument.
        assert!(!t(Locale::Nl, "mail-hello-neighbour", &[("name", "Anna".into())]).contains('\u{2068}'));
        assert_eq!(t(Locale::Nl, "no-such-key", &[]), "no-such-key");
        assert!(has(Locale::Fr, "mail-match_proposed-neighbour.p1"));
        assert!(!has(Locale::Fr, "mail-match_proposed-neighbour.p9"));
    }
}
