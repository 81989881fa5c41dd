//! The rules for fields people type, once: display names, short and long free texts,
//! phone numbers, e-mail addresses and website addresses. The store applies them before
//! every write; the API bodies and the console forms call the same functions, so that
//! all three agree (they used to keep copies that disagreed, e.g. a service phone of 3
//! digits was fine in the console and not elsewhere).
//!
//! Each rule trims, checks and returns the value as stored, or a [`RuleError`] whose
//! [`RuleError::kind`] lets a caller word the message in the reader's language.
//!
//! **Invisible formatting characters.** Unicode format characters (category Cf: the
//! bidirectional controls U+202A–202E and U+2066–2069, the marks U+200E/U+200F/U+061C,
//! zero-width spaces, the soft hyphen, the byte-order mark, tag characters, …) are
//! refused in every text, not isolated where shown: a name or a note reaches places
//! where no `<bdi>` can be put around it (e-mail subjects, CSV exports, the call list
//! read out on the phone, partner apps), and a bidi control there reorders what the
//! reader sees. Zero-width (non-)joiners U+200C/U+200D are the exception: Persian,
//! Arabic and Indic scripts and emoji sequences need them, so they are accepted between
//! two visible characters (not at an edge, not next to a space or another format
//! character), which is the only place they do anything.

use std::fmt;

/// Longest display name, in characters.
pub const MAX_NAME: usize = 100;
/// Longest phone number, in bytes.
pub const MAX_PHONE: usize = 32;
/// Fewest digits in a person's phone number (a Belgian number has 9).
pub const MIN_PHONE_DIGITS: usize = 6;
/// Fewest digits in a service's phone number (short numbers such as 106).
pub const MIN_SERVICE_PHONE_DIGITS: usize = 3;
/// Longest e-mail address, in bytes (RFC 5321 path limit).
pub const MAX_EMAIL: usize = 254;
/// Longest website address, in characters.
pub const MAX_URL: usize = 500;

/// What was wrong with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Empty where a value is required.
    Empty,
    /// Longer than the limit (characters, or bytes for phone and e-mail).
    TooLong(usize),
    /// A control character (a newline in a one-line text, NUL, …).
    Control,
    /// An invisible formatting character (bidi control, zero-width space, …).
    Format,
    /// Not a phone number (with at least this many digits).
    Phone(usize),
    /// Not an e-mail address the mailer can send to.
    Email,
    /// Not an `http://` or `https://` address.
    Url,
}

/// A value that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleError {
    pub kind: RuleKind,
}

impl RuleError {
    fn new(kind: RuleKind) -> Self {
        RuleError { kind }
    }

    /// The English message for the API, naming the field.
    pub fn message(&self, field: &str) -> String {
        match self.kind {
            RuleKind::Empty => format!("{field} must not be empty"),
            RuleKind::TooLong(max) => format!("{field} must be at most {max} characters"),
            RuleKind::Control => format!("{field} must not contain control characters"),
            RuleKind::Format => format!(
                "{field} must not contain invisible formatting characters (such as bidirectional controls or zero-width spaces)"
            ),
            RuleKind::Phone(min) => format!(
                "{field} is not a phone number: at least {min} digits, otherwise only spaces and + - . / ( ), at most {MAX_PHONE} characters"
            ),
            RuleKind::Email => format!("{field} is not an e-mail address (like name@example.org)"),
            RuleKind::Url => format!(
                "{field} must be a web address starting with http:// or https:// (like https://www.example.be)"
            ),
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("the value"))
    }
}

impl std::error::Error for RuleError {}

/// Whether `c` is a Unicode format character (general category Cf, Unicode 15.1).
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

fn is_joiner(c: char) -> bool {
    c == '\u{200C}' || c == '\u{200D}'
}

fn visible(c: Option<&char>) -> bool {
    c.is_some_and(|&c| !c.is_whitespace() && !c.is_control() && !is_format(c))
}

/// Refuses format characters, except a joiner between two visible characters.
fn check_format(s: &str) -> Result<(), RuleError> {
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !is_format(c) {
            continue;
        }
        let between = i > 0 && visible(chars.get(i - 1)) && visible(chars.get(i + 1));
        if !(is_joiner(c) && between) {
            return Err(RuleError::new(RuleKind::Format));
        }
    }
    Ok(())
}

/// A one-line text of at most `max` characters, trimmed; may be empty.
pub fn line(s: &str, max: usize) -> Result<String, RuleError> {
    let s = s.trim();
    if s.chars().count() > max {
        return Err(RuleError::new(RuleKind::TooLong(max)));
    }
    if s.chars().any(char::is_control) {
        return Err(RuleError::new(RuleKind::Control));
    }
    check_format(s)?;
    Ok(s.to_string())
}

/// A text that may span lines (newline and tab allowed), at most `max` characters,
/// trimmed; may be empty.
pub fn text(s: &str, max: usize) -> Result<String, RuleError> {
    let s = s.trim();
    if s.chars().count() > max {
        return Err(RuleError::new(RuleKind::TooLong(max)));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(RuleError::new(RuleKind::Control));
    }
    check_format(s)?;
    Ok(s.to_string())
}

/// A name (of a person, a service, a colleague): one line, 1 to `max` characters.
pub fn name(s: &str, max: usize) -> Result<String, RuleError> {
    let s = line(s, max)?;
    if s.is_empty() {
        return Err(RuleError::new(RuleKind::Empty));
    }
    Ok(s)
}

/// A neighbour's display name: a [`name`] of at most [`MAX_NAME`] characters.
pub fn display_name(s: &str) -> Result<String, RuleError> {
    name(s, MAX_NAME)
}

/// An optional value: blank (after trimming) is `None`.
fn optional<T>(
    s: Option<&str>,
    rule: impl FnOnce(&str) -> Result<T, RuleError>,
) -> Result<Option<T>, RuleError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => rule(s).map(Some),
    }
}

/// An optional phone number of a person: digits (at least [`MIN_PHONE_DIGITS`]) and
/// ` +-./()`, at most [`MAX_PHONE`] bytes.
pub fn phone(s: Option<&str>) -> Result<Option<String>, RuleError> {
    phone_with(s, MIN_PHONE_DIGITS)
}

/// An optional phone number of a service on the directory: as [`phone`], but short
/// numbers of at least [`MIN_SERVICE_PHONE_DIGITS`] digits are allowed too (Tele-Onthaal
/// 106, the helpline 1712).
pub fn service_phone(s: Option<&str>) -> Result<Option<String>, RuleError> {
    phone_with(s, MIN_SERVICE_PHONE_DIGITS)
}

fn phone_with(s: Option<&str>, min_digits: usize) -> Result<Option<String>, RuleError> {
    optional(s, |p| {
        let ok = p.len() <= MAX_PHONE
            && p.chars().filter(char::is_ascii_digit).count() >= min_digits
            && p.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c));
        if ok {
            Ok(p.to_string())
        } else {
            Err(RuleError::new(RuleKind::Phone(min_digits)))
        }
    })
}

/// An optional e-mail address, accepted only if the mailer (lettre, as nabij-notify
/// uses it) parses it as an address, with a dot in the domain (an address on a bare
/// host name reaches nobody here) and at most [`MAX_EMAIL`] bytes.
pub fn email(s: Option<&str>) -> Result<Option<String>, RuleError> {
    optional(s, |e| {
        let parsed = e.parse::<lettre::Address>().ok();
        let ok = e.len() <= MAX_EMAIL
            && plain_address(e)
            && parsed.is_some_and(|a| {
                let d = a.domain();
                d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
            })
            && !e
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || is_format(c));
        if ok {
            Ok(e.to_string())
        } else {
            Err(RuleError::new(RuleKind::Email))
        }
    })
}

/// The plain form of a website address that `openapi.yaml` states as a pattern:
/// optionally `http://` or `https://` (any case), a host of letters, digits, dots and
/// hyphens starting with a letter or digit, a port only after a scheme, then a path,
/// query or fragment of visible ASCII without `"<>\` and backquote. (No user names in
/// links, no spaces, nothing invisible.)
fn plain_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    let (scheme, rest) = if lower.starts_with("https://") {
        (true, &u[8..])
    } else if lower.starts_with("http://") {
        (true, &u[7..])
    } else {
        (false, u)
    };
    let cut = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host_port, tail) = rest.split_at(cut);
    let (host, port) = match host_port.split_once(':') {
        Some((h, p)) if scheme => (h, Some(p)),
        Some(_) => return false,
        None => (host_port, None),
    };
    let host_ok = host.starts_with(|c: char| c.is_ascii_alphanumeric())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok = match port {
        Some(p) => (1..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()),
        None => true,
    };
    let tail_ok = tail
        .chars()
        .all(|c| ('!'..='~').contains(&c) && !"\"<>\\`".contains(c));
    host_ok && port_ok && tail_ok
}

/// The plain form of an address that `openapi.yaml` states as a pattern: a dot-atom
/// local part (letters, digits, ``.!#$%&'*+/=?^_`{|}~-``) and a domain of two or more
/// labels of letters, digits and inner hyphens, 1 to 63 characters each. Every such
/// address is one lettre parses; addresses lettre would also take beyond it (quoted
/// local parts, IP literals, non-ASCII domains) are refused, so that the contract and
/// the server agree exactly.
fn plain_address(e: &str) -> bool {
    let Some((local, domain)) = e.rsplit_once('@') else {
        return false;
    };
    // One to four atoms, at most 64 characters in all (the mailer's limit), in limits a
    // pattern can state: one of 64; two of 31 and 32; three of 20, 21 and 21; four of 15.
    let atoms: Vec<&str> = local.split('.').collect();
    let limits: &[usize] = match atoms.len() {
        1 => &[64],
        2 => &[31, 32],
        3 => &[20, 21, 21],
        4 => &[15, 15, 15, 15],
        _ => &[],
    };
    let local_ok = !limits.is_empty()
        && atoms.iter().zip(limits).all(|(a, &max)| {
            (1..=max).contains(&a.len())
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c))
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    local_ok && domain_ok
}

/// An optional website address: `http://` or `https://` (any case), a host, at most
/// [`MAX_URL`] characters, no spaces, control or format characters. Any other scheme
/// (`javascript:`, `data:`, `file:`, …) is refused; an address typed without a scheme
/// (`www.voorbeeld.be`) is stored as `https://www.voorbeeld.be`. A link is only ever
/// made from what passed here.
pub fn website(s: Option<&str>) -> Result<Option<String>, RuleError> {
    optional(s, |u| {
        // The limit is on what was typed: `https://` added below does not count.
        if u.chars().count() > MAX_URL {
            return Err(RuleError::new(RuleKind::TooLong(MAX_URL)));
        }
        if !plain_url(u) {
            return Err(RuleError::new(RuleKind::Url));
        }
        let schemeless = u.starts_with(|c: char| c.is_alphanumeric())
            && !u.split(['/', '?', '#']).next().unwrap_or_default().contains(':');
        let u = if schemeless {
            format!("https://{u}")
        } else {
            u.to_string()
        };
        let lower = u.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        let ok = host.is_some_and(|h: &str| {
            let h = h.rsplit('@').next().unwrap_or_default();
            !h.is_empty() && !h.starts_with(':') && !h.starts_with('.')
        }) && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_format(c) || "<>\"\\`".contains(c));
        if ok {
            Ok(u)
        } else {
            Err(RuleError::new(RuleKind::Url))
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_zero_width_spaces_are_refused() {
        for bad in [
            "An\u{202E}nA",
            "\u{2066}An\u{2069}",
            "An\u{200B}",
            "A\u{00AD}n",
            "\u{FEFF}An",
            "An\u{E0041}",
        ] {
            assert_eq!(display_name(bad).unwrap_err().kind, RuleKind::Format, "{bad:?}");
            assert_eq!(text(bad, 100).unwrap_err().kind, RuleKind::Format, "{bad:?}");
        }
    }

    #[test]
    fn joiners_between_letters_are_kept() {
        // Persian "mi-khaham" needs a ZWNJ; a family emoji is joined with ZWJ.
        assert!(display_name("می\u{200C}خواهم").is_ok());
        assert!(display_name("👩\u{200D}👧").is_ok());
        assert!(display_name("\u{200D}An").is_err());
        assert!(display_name("An\u{200C}").is_err());
        assert!(display_name("An \u{200C}Bert").is_err());
        assert!(display_name("An\u{200C}\u{200D}Bert").is_err());
    }

    #[test]
    fn names() {
        assert_eq!(display_name("  An  ").unwrap(), "An");
        assert_eq!(display_name(" ").unwrap_err().kind, RuleKind::Empty);
        assert_eq!(display_name("a\nb").unwrap_err().kind, RuleKind::Control);
        assert!(display_name(&"é".repeat(100)).is_ok());
        assert_eq!(
            display_name(&"é".repeat(101)).unwrap_err().kind,
            RuleKind::TooLong(100)
        );
        assert!(text("line one\nline two", 100).is_ok());
    }

    #[test]
    fn phones() {
        assert_eq!(
            phone(Some(" 011 22 33 44 ")).unwrap().as_deref(),
            Some("011 22 33 44")
        );
        assert_eq!(phone(Some("")).unwrap(), None);
        assert_eq!(phone(None).unwrap(), None);
        assert!(phone(Some("+32 (0)11/22.33-44")).is_ok());
        assert_eq!(phone(Some("112")).unwrap_err().kind, RuleKind::Phone(6));
        assert!(service_phone(Some("106")).is_ok());
        assert!(service_phone(Some("10")).is_err());
        assert!(phone(Some("011 22 33 44 ext")).is_err());
    }

    #[test]
    fn emails_as_the_mailer_reads_them() {
        assert!(email(Some("an@example.org")).unwrap().is_some());
        assert!(email(Some("an.peeters+buurt@voorbeeld.be")).is_ok());
        for bad in [
            "an",
            "an@",
            "@example.org",
            "an@localhost",
            "an@example.",
            "a n@example.org",
            "an@exa mple.org",
            "an@@example.org",
            "an@example..org",
            "\"an\"@example.org>",
            "an@[127.0.0.1",
            "An <an@example.org>",
            "an@example.org\u{202E}",
        ] {
            assert_eq!(email(Some(bad)).unwrap_err().kind, RuleKind::Email, "{bad:?}");
        }
        for ok in ["an@example.org", "an.peeters+buurt@voorbeeld.be"] {
            let e = email(Some(ok)).unwrap().unwrap();
            assert!(e.parse::<lettre::Address>().is_ok());
        }
    }

    #[test]
    fn websites_are_http_or_https_only() {
        assert!(website(Some("https://www.voorbeeld.be/hulp?x=1"))
            .unwrap()
            .is_some());
        assert!(website(Some("HTTP://example.org")).is_ok());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "file:///etc/passwd",
            "localhost:8080",
            "//evil.example",
            "https://",
            "https:///x",
            "https://exa mple.org",
            "https://example.org/\u{202E}",
            "https://example.org/\"onmouseover=",
        ] {
            assert_eq!(website(Some(bad)).unwrap_err().kind, RuleKind::Url, "{bad:?}");
        }
        assert_eq!(website(Some(" ")).unwrap(), None);
        assert_eq!(
            website(Some("www.voorbeeld.be")).unwrap().as_deref(),
            Some("https://www.voorbeeld.be")
        );
    }
}
