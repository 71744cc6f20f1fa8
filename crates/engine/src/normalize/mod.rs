//! Text folding shared by lookup, lint and the translation memory.
//!
//! Editors type `Bo Cong an` for `Bộ Công an`, machine translation writes
//! `Uỷ ban` where the termbase has `Ủy ban`, and articles arrive in NFC or
//! NFD. All of these must compare equal, yet a linter has to point at the
//! exact characters of the original. So folding here always produces two
//! things: the folded text, and for every folded byte the byte range of the
//! original character it came from.
//!
//! The fold is the same for every language:
//! - canonical decomposition, then every combining mark is dropped (tone
//!   marks and vowel marks alike, so the position of a tone mark cannot
//!   matter: `hòa` and `hoà` both fold to `hoa`);
//! - `đ`/`Đ` become `d` (they have no decomposition);
//! - lowercase;
//! - apostrophes vanish (`People’s` → `peoples`);
//! - every other run of non-alphanumeric characters (spaces, line breaks,
//!   hyphens, punctuation) becomes one space, and the ends are trimmed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Folded text with a map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text: lowercase letters and digits, single spaces.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original where the
    /// character that produced it starts.
    starts: Vec<u32>,
    /// For each byte of `text`, the byte offset in the original where that
    /// character ends.
    ends: Vec<u32>,
}

impl Folded {
    /// Maps a byte range of the folded text to the byte range of the
    /// original it was made from. `start < end <= text.len()` is required.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        (self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    /// The folded words with their byte ranges in the folded text.
    pub fn words(&self) -> impl Iterator<Item = (usize, &str)> {
        self.text
            .split(' ')
            .scan(0usize, |pos, w| {
                let start = *pos;
                *pos += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| !w.is_empty())
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
}

/// Folds `s` for comparison and keeps the offset map. See the module
/// documentation for the rules.
pub fn fold(s: &str) -> Folded {
    fold_from(s, 0)
}

/// [`fold`] of `s[start..end]` (which must begin at a line start or at
/// the start of `s`), with offsets into the whole of `s`: one piece of a
/// long text folded on its own.
pub fn fold_range(s: &str, start: usize, end: usize) -> Folded {
    let base = u32::try_from(start).expect("texts are under 4 GB");
    fold_from(&s[start..end], base)
}

/// [`fold`] with every offset `base` bytes further on.
fn fold_from(s: &str, base: u32) -> Folded {
    let bytes = s.as_bytes();
    let at = |i: usize| base + i as u32;
    // Bytes, made a string at the end: every byte pushed is ASCII or a
    // whole character's encoding.
    let mut text: Vec<u8> = Vec::with_capacity(s.len());
    let mut starts = Vec::with_capacity(s.len());
    let mut ends = Vec::with_capacity(s.len());
    // Whether a separator is pending: emitted lazily so that runs collapse
    // and the end is trimmed without a second pass.
    let mut pending_space: Option<(u32, u32)> = None;
    // Where the bytes of the last emitted character begin in `text`, so a
    // combining mark that follows it in NFD input joins its span.
    let mut last_emitted = 0usize;

    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII letters and digits, most of any text, is taken
        // whole: it has no marks and decomposes to itself, so it is copied
        // and lowered in place, each byte mapped to its own.
        if bytes[i].is_ascii_alphanumeric() {
            let run = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if let Some((ps, pe)) = pending_space.take()
                && !text.is_empty()
            {
                text.push(b' ');
                starts.push(ps);
                ends.push(pe);
            }
            text.extend(bytes[run..i].iter().map(u8::to_ascii_lowercase));
            last_emitted = text.len() - 1;
            starts.extend((run..i).map(at));
            ends.extend((run + 1..=i).map(at));
            continue;
        }
        if bytes[i].is_ascii() {
            if !matches!(bytes[i], b'\'' | b'`') && pending_space.is_none() {
                pending_space = Some((at(i), at(i + 1)));
            }
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        let range = (at(i), at(i + c.len_utf8()));
        i += c.len_utf8();
        if is_combining_mark(c) {
            if ends.last() == Some(&range.0) {
                for e in &mut ends[last_emitted..] {
                    *e = range.1;
                }
            }
            continue;
        }
        if is_apostrophe(c) {
            continue;
        }
        let mut emitted_any = false;
        for d in std::iter::once(c).nfd() {
            if is_combining_mark(d) {
                continue;
            }
            let d = match d {
                'đ' | 'Đ' => 'd',
                _ => d,
            };
            if !d.is_alphanumeric() {
                continue;
            }
            for l in d.to_lowercase() {
                if let Some((ps, pe)) = pending_space.take()
                    && !text.is_empty()
                {
                    text.push(b' ');
                    starts.push(ps);
                    ends.push(pe);
                }
                let before = text.len();
                last_emitted = before;
                text.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
                for _ in before..text.len() {
                    starts.push(range.0);
                    ends.push(range.1);
                }
                emitted_any = true;
            }
        }
        if !emitted_any && pending_space.is_none() {
            pending_space = Some(range);
        }
    }
    let text = String::from_utf8(text).expect("whole characters were pushed");
    Folded { text, starts, ends }
}

/// The folded form alone, for keys and comparisons.
pub fn fold_key(s: &str) -> String {
    fold(s).text
}

/// Unicode combining marks that carry Vietnamese tones: grave, acute,
/// tilde, hook above, dot below.
fn is_vietnamese_tone(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// A diacritic-preserving key in which the tone mark's position inside a
/// syllable does not matter: lowercase NFD with each word's tone marks
/// moved to the end of the word, in code point order. `hòa`/`hoà` and
/// `Ủy`/`Uỷ` get the same key, while `ma` and `mà` do not. Used to rank an
/// exact diacritic match above a diacritic-less one.
///
/// The marks are sorted because NFD orders a dot below before the marks
/// above a letter, so where several tone marks meet (`ốộ`, a typo) their
/// order would otherwise depend on which letter carried them, and the key
/// of a key would not be the key.
pub fn tone_key(s: &str) -> String {
    fn flush(out: &mut String, tones: &mut Vec<char>) {
        tones.sort_unstable();
        out.extend(tones.drain(..));
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut tones = Vec::new();
    for c in s.nfd().flat_map(char::to_lowercase) {
        if is_vietnamese_tone(c) {
            tones.push(c);
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            out.push(c);
        } else {
            flush(&mut out, &mut tones);
            out.push(c);
        }
    }
    flush(&mut out, &mut tones);
    out
}

/// A term as it is stored: NFC, surrounding white space trimmed, inner
/// runs of white space (line breaks included) made one space.
pub fn clean_term(s: &str) -> String {
    use std::borrow::Cow;
    // Most text is NFC already, which the quick check confirms without
    // decomposing and recomposing every character (a quarter of the time
    // of a translation-memory import).
    let nfc: Cow<'_, str> = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Counts Unicode code points in `s[..byte]`, plus one: the 1-based column
/// of the character starting at `byte`.
pub fn column_at(s: &str, byte: usize) -> usize {
    s[..byte].chars().count() + 1
}

#[cfg(test)]
mod tests;
