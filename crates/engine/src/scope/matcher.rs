//! Matches lexicon entries against tokens: compiles the pattern strings once, marks
//! negated tokens, and selects non-overlapping matches greedily (longest and tightest
//! first), so "ramen wassen" (a chore) wins over "wassen" (care) for the same word.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::lexicon::{self, Entry, LangLexicon, Signal};
use super::normalise::{fold, stem, Lang, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Exact,
    Stem,
    Prefix,
    Contains,
    Suffix,
}

#[derive(Debug, Clone)]
struct Term {
    kind: TermKind,
    text: String,
}

/// One alternative: a word, or a phrase of consecutive words.
type Alt = Vec<Term>;

#[derive(Debug)]
struct Compiled {
    lang: Lang,
    entry: &'static Entry,
    groups: Vec<Vec<Alt>>,
}

fn compile_term(raw: &str, lang: Lang) -> Option<Term> {
    let (kind, body) = if let Some(b) = raw.strip_prefix('=') {
        (TermKind::Exact, b)
    } else if raw.len() > 2 && raw.starts_with('*') && raw.ends_with('*') {
        (TermKind::Contains, &raw[1..raw.len() - 1])
    } else if let Some(b) = raw.strip_suffix('*') {
        (TermKind::Prefix, b)
    } else if let Some(b) = raw.strip_prefix('*') {
        (TermKind::Suffix, b)
    } else {
        (TermKind::Stem, raw)
    };
    let body: String = fold(body).chars().filter(|c| c.is_alphanumeric()).collect();
    if body.is_empty() {
        return None;
    }
    let text = match kind {
        TermKind::Stem | TermKind::Suffix => stem(&body, lang),
        _ => body,
    };
    Some(Term { kind, text })
}

fn compile_group(group: &str, lang: Lang) -> Vec<Alt> {
    group
        .split('|')
        .map(|alt| {
            alt.split_whitespace()
                .filter_map(|w| compile_term(w, lang))
                .collect::<Alt>()
        })
        .filter(|alt| !alt.is_empty())
        .collect()
}

fn compile(lex: &'static LangLexicon) -> Vec<Compiled> {
    lex.entries
        .iter()
        .map(|entry| Compiled {
            lang: lex.lang,
            entry,
            groups: entry
                .groups
                .iter()
                .filter(|g| !g.is_empty())
                .map(|g| compile_group(g, lex.lang))
                .collect(),
        })
        .filter(|c| !c.groups.is_empty())
        .collect()
}

fn compiled() -> &'static [Vec<Compiled>; 3] {
    static COMPILED: OnceLock<[Vec<Compiled>; 3]> = OnceLock::new();
    COMPILED.get_or_init(|| lexicon::all().map(compile))
}

/// True when the token continues after `end` with a neutral compound head.
fn neutral_tail(norm: &str, end: usize, heads: &[&str]) -> bool {
    norm.len() > end
        && heads
            .iter()
            .any(|h| norm.ends_with(h) && norm.len() - h.len() >= end)
}

fn term_matches(term: &Term, tok: &Token, lang: Lang, heads: &[&str]) -> bool {
    if form_matches(term, &tok.norm, &tok.stems[lang.idx()], heads) {
        return true;
    }
    match (&tok.joined, lang) {
        (Some((norm, stem)), Lang::Nl) => form_matches(term, norm, stem, heads),
        _ => false,
    }
}

fn form_matches(term: &Term, norm: &str, stem: &str, heads: &[&str]) -> bool {
    let text = term.text.as_str();
    match term.kind {
        TermKind::Exact => norm == text,
        TermKind::Stem => stem == text,
        TermKind::Prefix => norm.starts_with(text) && !neutral_tail(norm, text.len(), heads),
        TermKind::Contains => norm
            .match_indices(text)
            .any(|(p, _)| !neutral_tail(norm, p + text.len(), heads)),
        TermKind::Suffix => stem.ends_with(text),
    }
}

/// Inclusive token span of one group occurrence.
type Span = (usize, usize);

/// The words of a text, as written and stemmed per language, to rule out alternatives
/// whose first word is exact or stemmed and absent, without scanning the tokens (latency).
struct Present<'t> {
    norms: HashSet<&'t str>,
    stems: [HashSet<&'t str>; 3],
}

impl<'t> Present<'t> {
    fn of(tokens: &'t [Token]) -> Present<'t> {
        let mut p = Present {
            norms: HashSet::with_capacity(tokens.len() * 2),
            stems: std::array::from_fn(|_| HashSet::with_capacity(tokens.len() * 2)),
        };
        for t in tokens {
            p.norms.insert(t.norm.as_str());
            for (i, st) in t.stems.iter().enumerate() {
                p.stems[i].insert(st.as_str());
            }
            if let Some((norm, stem)) = &t.joined {
                p.norms.insert(norm.as_str());
                p.stems[Lang::Nl.idx()].insert(stem.as_str());
            }
        }
        p
    }

    /// False when the alternative's first word cannot match any token.
    fn may_match(&self, alt: &Alt, lang: Lang) -> bool {
        match alt.first() {
            Some(t) if t.kind == TermKind::Exact => self.norms.contains(t.text.as_str()),
            Some(t) if t.kind == TermKind::Stem => self.stems[lang.idx()].contains(t.text.as_str()),
            _ => true,
        }
    }
}

fn occurrences(
    alts: &[Alt],
    tokens: &[Token],
    lang: Lang,
    heads: &[&str],
    present: &Present<'_>,
) -> Vec<Span> {
    let mut spans = Vec::new();
    for alt in alts {
        if !present.may_match(alt, lang) {
            continue;
        }
        for start in 0..tokens.len() {
            let end = start + alt.len() - 1;
            let Some(last) = tokens.get(end) else { break };
            if last.sentence != tokens[start].sentence {
                continue;
            }
            let all = alt
                .iter()
                .zip(&tokens[start..=end])
                .all(|(term, tok)| term_matches(term, tok, lang, heads));
            if all && !spans.contains(&(start, end)) {
                spans.push((start, end));
            }
        }
    }
    spans
}

/// A selected match of one entry.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub entry: &'static Entry,
    /// Matched token indices, ascending.
    pub tokens: Vec<usize>,
    /// Index of the negating token, when a matched token lies in a negation's scope.
    pub negated_by: Option<usize>,
}

/// A candidate combination: (tokens matched, span) and the spans.
#[derive(Debug, Clone)]
struct Combo {
    n_tokens: usize,
    span: usize,
    spans: Vec<Span>,
}

fn better(a: &Combo, b: &Combo) -> bool {
    (a.n_tokens, std::cmp::Reverse(a.span)) > (b.n_tokens, std::cmp::Reverse(b.span))
}

/// The best combination of one occurrence per group, avoiding consumed tokens.
fn best_combo(occ: &[Vec<Span>], window: usize, tokens: &[Token], consumed: &[bool]) -> Option<Combo> {
    let mut best: Option<Combo> = None;
    let mut chosen: Vec<Span> = Vec::with_capacity(occ.len());
    search(occ, window, tokens, consumed, &mut chosen, &mut best);
    best
}

fn search(
    occ: &[Vec<Span>],
    window: usize,
    tokens: &[Token],
    consumed: &[bool],
    chosen: &mut Vec<Span>,
    best: &mut Option<Combo>,
) {
    let Some(group) = occ.get(chosen.len()) else {
        let lo = chosen.iter().map(|s| s.0).min().unwrap_or(0);
        let hi = chosen.iter().map(|s| s.1).max().unwrap_or(0);
        let n_tokens = chosen.iter().map(|s| s.1 - s.0 + 1).sum();
        let combo = Combo {
            n_tokens,
            span: hi - lo,
            spans: chosen.clone(),
        };
        let improves = match best.as_ref() {
            None => true,
            Some(b) => better(&combo, b),
        };
        if improves {
            *best = Some(combo);
        }
        return;
    };
    for &(s, e) in group {
        if consumed[s..=e].iter().any(|c| *c) {
            continue;
        }
        let overlaps = chosen.iter().any(|&(cs, ce)| s <= ce && cs <= e);
        let first = chosen.first().map(|c| tokens[c.0].sentence);
        if overlaps || first.is_some_and(|f| f != tokens[s].sentence) {
            continue;
        }
        // The window counts the gaps between groups; a phrase's own length is free.
        let lo = chosen.iter().map(|c| c.0).chain([s]).min().unwrap_or(s);
        let hi = chosen.iter().map(|c| c.1).chain([e]).max().unwrap_or(e);
        let extra: usize = chosen.iter().chain([&(s, e)]).map(|c| c.1 - c.0).sum();
        if hi - lo > window + extra {
            continue;
        }
        chosen.push((s, e));
        search(occ, window, tokens, consumed, chosen, best);
        chosen.pop();
    }
}

/// Between equally long and tight matches, exceptions (neutral entries such as "since
/// moving") win, then the heavier entry.
fn outranks(a: &Compiled, b: &Compiled) -> bool {
    let key = |c: &Compiled| (c.entry.signal == Signal::Neutral, c.entry.weight);
    key(a) > key(b)
}

/// Finds the matches of the given languages' lexicons in the tokens.
pub(crate) fn find(tokens: &[Token], langs: &[Lang]) -> Vec<Hit> {
    let all = compiled();
    let negated = negations(tokens, langs);
    let present = Present::of(tokens);
    // Occurrences per candidate entry, computed once.
    let mut cands: Vec<(&Compiled, Vec<Vec<Span>>)> = Vec::new();
    for lang in langs {
        let heads = lexicon::of(*lang).neutral_heads;
        'entries: for c in &all[lang.idx()] {
            // A group without an occurrence rules the entry out: stop looking (latency).
            let mut occ: Vec<Vec<Span>> = Vec::with_capacity(c.groups.len());
            for g in &c.groups {
                let o = occurrences(g, tokens, c.lang, heads, &present);
                if o.is_empty() {
                    continue 'entries;
                }
                occ.push(o);
            }
            cands.push((c, occ));
        }
    }
    let mut consumed = vec![false; tokens.len()];
    let mut hits = Vec::new();
    loop {
        let mut pick: Option<(usize, Combo)> = None;
        for (i, (c, occ)) in cands.iter().enumerate() {
            let Some(combo) = best_combo(occ, usize::from(c.entry.window), tokens, &consumed) else {
                continue;
            };
            let wins = match &pick {
                None => true,
                Some((j, p)) => better(&combo, p) || (!better(p, &combo) && outranks(c, cands[*j].0)),
            };
            if wins {
                pick = Some((i, combo));
            }
        }
        let Some((i, combo)) = pick else { break };
        let mut toks: Vec<usize> = combo.spans.iter().flat_map(|&(s, e)| s..=e).collect();
        toks.sort_unstable();
        for &t in &toks {
            consumed[t] = true;
        }
        let negated_by = toks.iter().find_map(|&t| negated[t]);
        hits.push(Hit {
            entry: cands[i].0.entry,
            tokens: toks,
            negated_by,
        });
        cands.remove(i);
    }
    hits
}

/// For each token, the index of the word that negates it, if any.
fn negations(tokens: &[Token], langs: &[Lang]) -> Vec<Option<usize>> {
    let lexes: Vec<&LangLexicon> = langs.iter().map(|l| lexicon::of(*l)).collect();
    let has = |f: fn(&LangLexicon) -> &[&str], w: &str| lexes.iter().any(|l| f(l).contains(&w));
    let mut neg = vec![None; tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if !has(|l| l.negators, &t.norm) {
            continue;
        }
        let same = |j: usize| tokens[j].sentence == t.sentence;
        let modal_before = (i.saturating_sub(3)..i).any(|j| same(j) && has(|l| l.modals, &tokens[j].norm));
        let next = tokens
            .get(i + 1)
            .filter(|n| n.sentence == t.sentence && !n.break_before);
        let after_bridge = next
            .filter(|n| has(|l| l.inability_bridge, &n.norm))
            .and_then(|_| tokens.get(i + 2))
            .filter(|n| n.sentence == t.sentence && !n.break_before);
        let unable_after = next
            .into_iter()
            .chain(after_bridge)
            .any(|n| has(|l| l.inability_after, &n.norm));
        if modal_before || unable_after {
            continue;
        }
        let prev_marker = i > 0 && same(i - 1) && has(|l| l.backward_markers, &tokens[i - 1].norm);
        let next_marker = next.is_some_and(|n| has(|l| l.backward_markers, &n.norm));
        if prev_marker || next_marker {
            mark_backward(tokens, i, &mut neg);
        } else {
            mark_forward(tokens, i, &mut neg, &has);
        }
    }
    neg
}

const NEGATION_WINDOW: usize = 3;

fn mark_backward(tokens: &[Token], i: usize, neg: &mut [Option<usize>]) {
    let mut j = i;
    let mut count = 0;
    while j > 0 && count < NEGATION_WINDOW + 1 {
        if tokens[j].break_before || tokens[j - 1].sentence != tokens[i].sentence {
            break;
        }
        j -= 1;
        neg[j] = Some(i);
        count += 1;
    }
}

fn mark_forward<F>(tokens: &[Token], i: usize, neg: &mut [Option<usize>], has: &F)
where
    F: Fn(fn(&LangLexicon) -> &[&str], &str) -> bool,
{
    let mut counted = 0;
    for (j, tok) in tokens.iter().enumerate().skip(i + 1) {
        if tok.break_before || tok.sentence != tokens[i].sentence {
            break;
        }
        if has(|l| l.scope_breakers, &tok.norm) {
            break;
        }
        neg[j] = Some(i);
        if !has(|l| l.skip_words, &tok.norm) {
            counted += 1;
            if counted >= NEGATION_WINDOW {
                break;
            }
        }
    }
}
