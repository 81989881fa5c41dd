//! Minimal HTML building: every value from data goes through [`esc`]; markup is only
//! ever written as string literals in this module's callers.

use super::Lang;
use std::fmt::Write as _;

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

/// What the page shell needs besides the content.
pub struct Shell<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// Logged in: show the navigation and the log-out button (with this CSRF token).
    pub nav_csrf: Option<&'a str>,
    /// Reload the page (from this URL) after this many seconds: `<meta http-equiv="refresh">`,
    /// which needs no script (used while a job runs).
    pub refresh: Option<(u32, &'a str)>,
}

/// The whole document around `main`.
pub fn document(shell: &Shell<'_>, main: &str) -> String {
    let l = shell.lang;
    let mut out = String::with_capacity(main.len() + 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · nabij</title><link rel=\"stylesheet\" href=\"/assets/console.css\">{}</head><body>\
         <a class=\"skip\" href=\"#main\">{}</a><header class=\"top\"><p class=\"brand\">nabij</p>",
        l.code(),
        esc(shell.title),
        shell
            .refresh
            .map(|(secs, url)| format!(
                "<meta http-equiv=\"refresh\" content=\"{secs}; url={}\">",
                esc(url)
            ))
            .unwrap_or_default(),
        l.t("Naar de inhoud", "Aller au contenu", "Skip to content"),
    );
    if let Some(csrf) = shell.nav_csrf {
        let _ = write!(
            out,
            "<nav aria-label=\"{}\"><ul>\
             <li><a href=\"/\">{}</a></li><li><a href=\"/neighbours\">{}</a></li>\
             <li><a href=\"/neighbours/new\">{}</a></li><li><a href=\"/services\">{}</a></li>\
             <li><a href=\"/report\">{}</a></li><li><a href=\"/rematch\">{}</a></li></ul>\
             <form method=\"post\" action=\"/logout\" class=\"inline\">{}<button type=\"submit\">{}</button></form></nav>",
            l.t("Hoofdmenu", "Menu principal", "Main menu"),
            l.t("Vandaag", "Aujourd’hui", "Today"),
            l.t("Buurtbewoners", "Habitants", "Neighbours"),
            l.t("Iemand inschrijven", "Inscrire quelqu’un", "Register someone"),
            l.t("Sociale kaart", "Carte sociale", "Service directory"),
            l.t("Buurtrapport", "Rapport de quartier", "Neighbourhood report"),
            l.t("Opnieuw koppelen", "Nouvel appariement", "Re-match"),
            csrf_field(csrf),
            l.t("Afmelden", "Se déconnecter", "Log out"),
        );
    }
    let _ = write!(
        out,
        "<nav aria-label=\"{}\" class=\"langs\"><ul>",
        l.t("Taal", "Langue", "Language")
    );
    for (code, name) in [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")] {
        let current = if code == l.code() {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><a href=\"?lang={code}\" lang=\"{code}\" hreflang=\"{code}\"{current}>{name}</a></li>"
        );
    }
    let _ = write!(
        out,
        "</ul></nav></header><main id=\"main\" tabindex=\"-1\">{main}</main></body></html>"
    );
    out
}

/// The hidden CSRF field every form carries.
pub fn csrf_field(token: &str) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", esc(token))
}

/// A table with a caption; `rows` are already-escaped cells. An empty list shows `empty`.
pub fn table(caption: &str, headers: &[&str], rows: &[Vec<String>], empty: &str) -> String {
    if rows.is_empty() {
        return format!("<p class=\"empty\">{}</p>", esc(empty));
    }
    let mut out = format!(
        "<table><caption class=\"visually-hidden\">{}</caption><thead><tr>",
        esc(caption)
    );
    for h in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
