//! Text normalisation for the scope guard: case, diacritics, tokens, a simple suffix
//! stemmer per language and a stop-word language guess.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The languages the guard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Lang {
    Nl,
    Fr,
    En,
}

impl Lang {
    pub(crate) const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    pub(crate) fn idx(self) -> usize {
        match self {
            Lang::Nl => 0,
            Lang::Fr => 1,
            Lang::En => 2,
        }
    }
}

/// One word of the request, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Lowercase, without diacritics, letters and digits only.
    pub norm: String,
    /// Lowercase as written (diacritics and inner hyphens kept), for reasons.
    pub surface: String,
    /// `norm` stemmed per language, indexed by [`Lang::idx`].
    pub stems: [String; 3],
    /// Dutch separable verb rejoined with its particle ("schoon te maken" → "schoonmaken"
    /// on "maken"), with its Dutch stem.
    pub joined: Option<(String, String)>,
    /// Sentence number; multi-word patterns never cross a sentence end.
    pub sentence: u16,
    /// Punctuation (a comma or stronger) separates this token from the previous one.
    pub break_before: bool,
}

/// Lowercases and strips diacritics (NFD, then combining marks dropped).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '…' | '\n')
}

/// French clitics after an imperative hyphen ("aidez-moi") are separate words.
const CLITICS: [&str; 17] = [
    "moi", "toi", "nous", "vous", "le", "la", "les", "lui", "leur", "il", "elle", "on", "ils", "elles", "t",
    "y", "en",
];

/// Splits a text into normalised tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut sentence: u16 = 0;
    let mut pending_break = false;
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || is_apostrophe(c) || is_hyphen(c) {
            word.push(c);
            continue;
        }
        flush_word(&mut word, &mut tokens, sentence, &mut pending_break);
        if is_sentence_end(c) {
            sentence = sentence.saturating_add(1);
            pending_break = true;
        } else if !c.is_whitespace() {
            pending_break = true;
        }
    }
    flush_word(&mut word, &mut tokens, sentence, &mut pending_break);
    join_separable_verbs(&mut tokens);
    tokens
}

/// Dutch verb particles that split off in "om … schoon te maken", "uit te laten".
const PARTICLES: &[&str] = &[
    "aan", "af", "op", "uit", "in", "schoon", "leeg", "klaar", "mee", "weg", "toe", "om", "bij", "vast",
    "neer", "door", "terug", "over", "samen", "binnen", "buiten", "proper",
];

fn join_separable_verbs(tokens: &mut [Token]) {
    for i in 2..tokens.len() {
        let (head, tail) = tokens.split_at_mut(i);
        let (particle, te) = (&head[i - 2], &head[i - 1]);
        let verb = &mut tail[0];
        if te.norm == "te" && PARTICLES.contains(&particle.norm.as_str()) && !te.break_before {
            let joined = format!("{}{}", particle.norm, verb.norm);
            let stem = stem(&joined, Lang::Nl);
            verb.joined = Some((joined, stem));
        }
    }
}

fn flush_word(word: &mut String, out: &mut Vec<Token>, sentence: u16, brk: &mut bool) {
    if word.is_empty() {
        return;
    }
    let trimmed = word.trim_matches(|c: char| is_apostrophe(c) || is_hyphen(c));
    for part in split_word(trimmed) {
        let norm: String = fold(&part).chars().filter(|c| c.is_alphanumeric()).collect();
        if norm.is_empty() {
            continue;
        }
        let stems = [
            stem(&norm, Lang::Nl),
            stem(&norm, Lang::Fr),
            stem(&norm, Lang::En),
        ];
        let surface = part.to_lowercase();
        out.push(Token {
            norm,
            surface,
            stems,
            joined: None,
            sentence,
            break_before: *brk,
        });
        *brk = false;
    }
    word.clear();
}

/// Splits one written word on apostrophes (elision, contractions) and on hyphens before
/// French clitics; other hyphenated parts stay joined as one compound.
fn split_word(word: &str) -> Vec<String> {
    let pieces: Vec<&str> = word.split(is_apostrophe).filter(|p| !p.is_empty()).collect();
    let mut parts: Vec<String> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let next_is_t = pieces.get(i + 1).is_some_and(|n| n.eq_ignore_ascii_case("t"));
        if next_is_t && piece.to_lowercase().ends_with('n') {
            // English "can't", "don't", "isn't": the verb, then "not".
            let lower = piece.to_lowercase();
            let verb = match lower.as_str() {
                "can" => "can".to_string(),
                "won" => "will".to_string(),
                _ => lower.trim_end_matches('n').to_string(),
            };
            parts.push(verb);
            parts.push("not".to_string());
            continue;
        }
        if piece.eq_ignore_ascii_case("t") && i > 0 && parts.last().is_some_and(|p| p == "not") {
            continue;
        }
        split_hyphens(piece, &mut parts);
    }
    if parts.len() == 1 && parts[0].eq_ignore_ascii_case("cannot") {
        return vec!["can".to_string(), "not".to_string()];
    }
    parts
}

fn split_hyphens(piece: &str, parts: &mut Vec<String>) {
    let mut current = String::new();
    for chunk in piece.split(is_hyphen).filter(|c| !c.is_empty()) {
        let folded = fold(chunk);
        if !current.is_empty() && CLITICS.contains(&folded.as_str()) {
            parts.push(std::mem::take(&mut current));
            parts.push(chunk.to_string());
            continue;
        }
        if !current.is_empty() {
            current.push('-');
        }
        current.push_str(chunk);
    }
    if !current.is_empty() {
        parts.push(current);
    }
}

/// A deliberately simple suffix stemmer; the same function stems lexicon terms, so it only
/// has to be consistent, not linguistically complete.
pub(crate) fn stem(word: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => stem_nl(word),
        Lang::Fr => strip_first(word, FR_SUFFIXES, 3),
        Lang::En => stem_en(word),
    }
}

const NL_SUFFIXES: &[&str] = &["etjes", "tjes", "jes", "tje", "je", "en", "e"];
const FR_SUFFIXES: &[&str] = &[
    "ements", "ement", "ations", "ation", "ees", "ee", "es", "er", "ez", "e", "s", "x",
];
const EN_SUFFIXES: &[&str] = &["ing", "ed", "es", "s"];

fn strip_first(word: &str, suffixes: &[&str], min: usize) -> String {
    for suffix in suffixes {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= min {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}

fn stem_nl(word: &str) -> String {
    let mut s = strip_first(word, NL_SUFFIXES, 3);
    if s == word {
        // Plural -s after -el/-er/-em/-en/-je; verb -t after a vowel, d or s.
        let plural = ["els", "ers", "ems", "ens", "jes"].iter().any(|p| s.ends_with(p));
        if plural && s.len() > 4 {
            s.pop();
        } else if s.len() >= 5 && s.ends_with('t') {
            let before = s.chars().rev().nth(1).unwrap_or('t');
            if "aeioudsy".contains(before) {
                s.pop();
            }
        }
    }
    undouble(&mut s, "bdfgklmnprst");
    if s.ends_with('z') {
        s.pop();
        s.push('s');
    } else if s.ends_with('v') {
        s.pop();
        s.push('f');
    }
    s
}

fn stem_en(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        if stem.len() >= 3 {
            return format!("{stem}y");
        }
    }
    let keeps_s = ["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    let mut s = if keeps_s {
        word.to_string()
    } else {
        strip_first(word, EN_SUFFIXES, 3)
    };
    undouble(&mut s, "bdgmnprt");
    if s.len() > 4 && s.ends_with('e') {
        s.pop();
    }
    s
}

/// Drops one letter of a doubled final consonant ("pill" → "pil").
fn undouble(s: &mut String, consonants: &str) {
    let mut rev = s.chars().rev();
    if let (Some(a), Some(b)) = (rev.next(), rev.next()) {
        if a == b && consonants.contains(a) && s.len() > 3 {
            s.pop();
        }
    }
}

const NL_STOP: &[&str] = &[
    "de", "het", "een", "ik", "mijn", "mij", "met", "van", "voor", "niet", "geen", "iemand", "kan", "wil",
    "naar", "bij", "op", "te", "om", "die", "dat", "is", "en", "er", "ook", "graag", "samen", "wie", "zou",
    "ze", "ons", "onze", "we", "wij", "eens", "nog", "wel", "als", "maar", "aan", "uit", "mee", "hulp",
    "helpen", "moet", "zijn", "heb", "heeft", "want", "kunnen", "wat", "elke", "iedere", "deze", "dit",
    "ben", "me", "u", "uw",
];
const FR_STOP: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "du", "de", "je", "j", "mon", "ma", "mes", "pour", "avec", "qui",
    "est", "pas", "ne", "n", "et", "a", "au", "aux", "chez", "moi", "me", "m", "mais", "sur", "dans", "en",
    "quelqu", "besoin", "aide", "aider", "son", "sa", "ses", "il", "elle", "nous", "vous", "ce", "cette",
    "tous", "toutes", "plus", "faire", "l", "d", "qu", "par", "peut", "suis", "chaque",
];
const EN_STOP: &[&str] = &[
    "the", "a", "an", "i", "my", "me", "to", "for", "with", "someone", "can", "could", "help", "need", "and",
    "is", "of", "in", "on", "please", "would", "who", "every", "at", "it", "this", "that", "am", "have",
    "has", "not", "no", "some", "our", "we", "just", "you", "your", "from", "up", "out", "into", "by",
    "anyone", "like", "looking", "get", "do", "are", "after",
];

/// Guesses the language(s) of a text from stop words: the single best one, or all tied
/// best ones, or all three when no stop word is present.
/// Whether the stop-word guess rests on at most one word ("verwijderen struiken of dunne
/// bomen": "of" is English too), so that another language may be the right one.
pub(crate) fn weak_guess(tokens: &[Token]) -> bool {
    let lists = [NL_STOP, FR_STOP, EN_STOP];
    lists
        .iter()
        .map(|list| tokens.iter().filter(|t| list.contains(&t.norm.as_str())).count())
        .max()
        .unwrap_or(0)
        <= 1
}

pub(crate) fn detect(tokens: &[Token]) -> Vec<Lang> {
    let lists = [NL_STOP, FR_STOP, EN_STOP];
    let mut counts = [0usize; 3];
    for t in tokens {
        for (i, list) in lists.iter().enumerate() {
            if list.contains(&t.norm.as_str()) {
                counts[i] += 1;
            }
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Lang::ALL.to_vec();
    }
    Lang::ALL
        .iter()
        .copied()
        .filter(|l| counts[l.idx()] == best)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Déménagement À Œuvre"), "demenagement a oeuvre");
        assert_eq!(norms("Piqûre d'insuline"), ["piqure", "d", "insuline"]);
    }

    #[test]
    fn hyphens_join_compounds_but_split_clitics() {
        assert_eq!(norms("medicatie-app"), ["medicatieapp"]);
        assert_eq!(norms("Aidez-moi"), ["aidez", "moi"]);
        assert_eq!(norms("aan- en uitkleden"), ["aan", "en", "uitkleden"]);
    }

    #[test]
    fn english_contractions_become_not() {
        assert_eq!(norms("I can't, don't"), ["i", "can", "not", "do", "not"]);
        assert_eq!(norms("cannot"), ["can", "not"]);
    }

    #[test]
    fn stems_are_consistent_across_forms() {
        assert_eq!(stem("pillen", Lang::Nl), stem("pil", Lang::Nl));
        assert_eq!(stem("verhuizen", Lang::Nl), "verhuis");
        assert_eq!(stem("demenagement", Lang::Fr), stem("demenager", Lang::Fr));
        assert_eq!(stem("showering", Lang::En), stem("shower", Lang::En));
        assert_eq!(stem("dressing", Lang::En), "dress");
        assert_eq!(stem("shopping", Lang::En), "shop");
    }

    #[test]
    fn dutch_separable_verbs_are_rejoined() {
        let t = tokenize("om het huis schoon te maken");
        assert_eq!(t[5].joined.as_ref().map(|j| j.0.as_str()), Some("schoonmaken"));
    }

    #[test]
    fn sentences_and_breaks_are_marked() {
        let t = tokenize("Geen poetshulp, gewoon koffie. Dank!");
        assert!(t[2].break_before);
        assert_eq!(t[4].sentence, 1);
    }

    #[test]
    fn detects_languages() {
        assert_eq!(detect(&tokenize("Ik zoek iemand om te poetsen")), [Lang::Nl]);
        assert_eq!(
            detect(&tokenize("Je cherche quelqu'un pour le ménage")),
            [Lang::Fr]
        );
        assert_eq!(detect(&tokenize("I need someone to help me shower")), [Lang::En]);
        assert_eq!(detect(&tokenize("Behangen")).len(), 3);
    }
}
