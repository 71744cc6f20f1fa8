//! The search stream: the text's folded words, with Indonesian inflected
//! words replaced by their roots and English possessives without their
//! `'s`, as the automaton reads them.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

use super::{Matcher, is_joiner, possessive_at};
use crate::lint::stem::{self, Analysis};
use crate::normalize::Folded;

/// A word of the searched text, as the automaton sees it.
pub(super) struct Word {
    /// Original byte range.
    pub(super) orig: (usize, usize),
    /// The analysis, when the word was reduced to a different root.
    pub(super) analysis: Option<Analysis>,
    /// Original byte where its clitics begin, when it has clitics only.
    pub(super) clitics_at: Option<usize>,
}

/// A token of the search stream: a word, or one part of a compound root.
pub(super) struct Token {
    pub(super) word: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Matcher {
    /// Splits the folded text into words (merging clitics hyphenated onto
    /// the previous word, `PBB-nya`) and builds the search stream.
    pub(super) fn tokenize(
        &self,
        text: &str,
        folded: &Folded,
        stem: bool,
    ) -> (Vec<Word>, Vec<Token>, String) {
        let mut words: Vec<Word> = Vec::new();
        let mut folded_words: Vec<Cow<'_, str>> = Vec::new();
        for (start, w) in folded.words() {
            let orig = folded.original_range(start, start + w.len());
            if stem
                && let (Some(prev), Some(prev_folded)) = (words.last_mut(), folded_words.last_mut())
                && is_hyphenated_clitic(w)
                && text[prev.orig.1..orig.0].chars().all(is_joiner)
                && text[prev.orig.1..orig.0].chars().count() == 1
            {
                prev.orig.1 = orig.1;
                prev_folded.to_mut().push_str(w);
                continue;
            }
            words.push(Word {
                orig,
                analysis: None,
                clitics_at: None,
            });
            folded_words.push(Cow::Borrowed(w));
        }
        let mut tokens = Vec::with_capacity(words.len());
        let mut stream = String::with_capacity(folded.text.len() + 2);
        // News text repeats its words: each distinct word is stemmed once.
        let mut stemmed: HashMap<&str, Option<Analysis>> = HashMap::new();
        for (i, w) in folded_words.iter().enumerate() {
            let w: &str = w;
            // An English possessive is searched without its `'s`, which
            // stays outside the term like a clitic (`the Hanoi
            // Convention's mechanisms`, `Viet Nam's`).
            let (s, e) = words[i].orig;
            if let Some(at) = possessive_at(&text[s..e])
                && w.len() > 1
                && w.ends_with('s')
            {
                push_token(&mut stream, &mut tokens, i, &w[..w.len() - 1]);
                words[i].clitics_at = Some(s + at);
                continue;
            }
            let analysis = if stem && !self.data.dictionary.contains(w) {
                stemmed
                    .entry(w)
                    .or_insert_with(|| {
                        stem::stem(w, &self.data.dictionary)
                            .filter(|a| a.keeps_meaning() && !a.is_bare())
                    })
                    .clone()
            } else {
                None
            };
            match &analysis {
                None => push_token(&mut stream, &mut tokens, i, w),
                Some(a) => {
                    match self.data.compounds.get(&a.root) {
                        Some(parts) => {
                            for part in parts {
                                push_token(&mut stream, &mut tokens, i, part);
                            }
                        }
                        None => push_token(&mut stream, &mut tokens, i, &a.root),
                    }
                    if a.is_clitic_only() {
                        words[i].clitics_at =
                            Some(clitics_start(text, words[i].orig, &a.clitics()));
                    }
                }
            }
            words[i].analysis = analysis;
        }
        stream.push(' ');
        (words, tokens, stream)
    }
}

/// Appends one token of word `word` to the stream, after a space (the
/// stream starts and ends with one, as the automaton's patterns do).
fn push_token(stream: &mut String, tokens: &mut Vec<Token>, word: usize, part: &str) {
    stream.push(' ');
    let start = stream.len();
    stream.push_str(part);
    tokens.push(Token {
        word,
        start,
        end: stream.len(),
    });
}

/// Clitics that are sometimes hyphenated onto a word (`PBB-nya`).
fn is_hyphenated_clitic(w: &str) -> bool {
    matches!(w, "nya" | "lah" | "kah" | "ku" | "mu")
}

/// Byte where the clitics of a word begin in the original: the word's end
/// minus as many letters as the folded clitics have (clitics are ASCII, so
/// each is one original character).
fn clitics_start(text: &str, orig: (usize, usize), clitics: &str) -> usize {
    let n = clitics.chars().count();
    let word = &text[orig.0..orig.1];
    let mut letters = 0;
    for (i, c) in word.char_indices().rev() {
        if c.is_alphanumeric() {
            letters += 1;
            if letters == n {
                // A hyphen before the clitics (`PBB-nya`) belongs to them.
                let before = &word[..i];
                let hyphen = before.chars().next_back().filter(|c| is_joiner(*c));
                return orig.0 + i - hyphen.map_or(0, char::len_utf8);
            }
        }
    }
    orig.1
}
