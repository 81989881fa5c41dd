//! The page shell and the HTML helpers.
//!
//! Pages are askama templates under `crates/api/templates/console/` (see
//! `console/README.md`); every `{{ value }}` in them is escaped by [`Html`], the same
//! escaping as [`esc`], which the pages not yet converted still call by hand.

use super::Lang;

/// The escaper of the console's `.html` templates (configured in `crates/api/askama.toml`):
/// `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`, exactly as [`esc`].
#[derive(Debug, Clone, Copy)]
pub struct Html;

impl askama::filters::Escaper for Html {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, s: &str) -> std::fmt::Result {
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            dest.write_str(&s[last..i])?;
            dest.write_str(rep)?;
            last = i + 1;
        }
        dest.write_str(&s[last..])
    }
}

/// Escapes text for use in element content and in double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
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

/// What the page shell (`console/base.html`) needs besides the content; every page
/// struct has one as its field `shell` (made by [`super::Ctx::shell`]).
pub struct Shell {
    pub l: Lang,
    pub title: String,
    /// Logged in: show the navigation and the log-out button (with this CSRF token).
    pub nav_csrf: Option<String>,
    /// Reload the page (from this URL) after this many seconds: `<meta http-equiv="refresh">`,
    /// which needs no script (used while a job runs).
    pub refresh: Option<(u32, String)>,
}

/// One entry of the language menu.
pub struct LangLink {
    pub code: &'static str,
    pub name: String,
    pub current: bool,
}

impl Shell {
    /// The text of a catalogue key in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.l.text(key)
    }

    /// Every language, each named in itself.
    pub fn langs(&self) -> Vec<LangLink> {
        Lang::ALL
            .iter()
            .map(|&l| LangLink {
                code: l.code(),
                name: l.text("shell-language-name"),
                current: l == self.l,
            })
            .collect()
    }
}

/// One cell of a [`Table`].
pub enum Cell {
    Text(String),
    Link {
        href: String,
        text: String,
    },
    /// A one-button form posting to `action` (with the CSRF token); `hidden` is read
    /// out after the label by screen readers ("Called Anna").
    Post {
        action: String,
        label: String,
        hidden: String,
    },
}

/// A table for `console/table.html`: a caption (also the section heading), column
/// headings, rows, and the sentence shown instead when there are no rows.
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub empty: String,
}

/// Not found, not allowed, something went wrong: a title and a sentence from the
/// catalogue (`key` and `key.text`).
#[derive(askama::Template)]
#[template(path = "console/error.html")]
pub struct ErrorPage {
    pub shell: Shell,
    pub key: &'static str,
    /// With a link back to today.
    pub back: bool,
}

impl ErrorPage {
    fn text(&self) -> String {
        self.shell.t(&format!("{}.text", self.key))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_template_escaper_escapes_as_esc() {
        use askama::filters::Escaper;
        for s in ["<a href=\"x\">'&'</a>", "plain", "", "é & ü", "&&"] {
            let mut out = String::new();
            Html.write_escaped_str(&mut out, s).unwrap();
            assert_eq!(out, esc(s));
        }
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
