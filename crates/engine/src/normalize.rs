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
    let mut text = String::with_capacity(s.len());
    let mut starts = Vec::with_capacity(s.len());
    let mut ends = Vec::with_capacity(s.len());
    // Whether a separator is pending: emitted lazily so that runs collapse
    // and the end is trimmed without a second pass.
    let mut pending_space: Option<(u32, u32)> = None;
    // Where the bytes of the last emitted character begin in `text`, so a
    // combining mark that follows it in NFD input joins its span.
    let mut last_emitted = 0usize;

    for (i, c) in s.char_indices() {
        let range = (i as u32, (i + c.len_utf8()) as u32);
        // ASCII, most of any text, takes a shortcut: it has no marks and
        // decomposes to itself.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if let Some((ps, pe)) = pending_space.take()
                    && !text.is_empty()
                {
                    text.push(' ');
                    starts.push(ps);
                    ends.push(pe);
                }
                last_emitted = text.len();
                text.push(c.to_ascii_lowercase());
                starts.push(range.0);
                ends.push(range.1);
            } else if !is_apostrophe(c) && pending_space.is_none() {
                pending_space = Some(range);
            }
            continue;
        }
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
                    text.push(' ');
                    starts.push(ps);
                    ends.push(pe);
                }
                let before = text.len();
                last_emitted = before;
                text.push(l);
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
    Folded { text, starts, ends }
}

/// [`fold`] of `s[start..end]` (which must begin at a line start or at
/// the start of `s`), with offsets into the whole of `s`: one piece of a
/// long text folded on its own.
pub fn fold_range(s: &str, start: usize, end: usize) -> Folded {
    let mut f = fold(&s[start..end]);
    let base = u32::try_from(start).expect("texts are under 4 GB");
    if base > 0 {
        for o in f.starts.iter_mut().chain(f.ends.iter_mut()) {
            *o += base;
        }
    }
    f
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
mod tests {
    use super::*;

    #[test]
    fn strips_vietnamese_diacritics_and_d_bar() {
        assert_eq!(fold_key("Bộ Công an"), "bo cong an");
        assert_eq!(fold_key("Đại tướng"), "dai tuong");
        assert_eq!(fold_key("đường"), "duong");
    }

    #[test]
    fn tone_mark_placement_does_not_matter() {
        assert_eq!(fold_key("hòa"), fold_key("hoà"));
        assert_eq!(fold_key("thủy"), fold_key("thuỷ"));
        assert_eq!(fold_key("Ủy ban"), fold_key("Uỷ ban"));
        assert_eq!(tone_key("hòa"), tone_key("hoà"));
        assert_eq!(tone_key("Ủy ban"), tone_key("Uỷ ban"));
        assert_eq!(tone_key("thủy"), tone_key("thuỷ"));
        assert_ne!(tone_key("ma"), tone_key("mà"));
        assert_ne!(tone_key("mạ"), tone_key("mà"));
    }

    #[test]
    fn terms_are_cleaned_into_nfc() {
        let nfc = "Thượng tướng Lương Tam Quang";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(clean_term(&format!(" {nfd}\n ")), nfc);
        assert_eq!(clean_term(" Bộ  Công\tan "), "Bộ Công an");
        // A combining mark after a precomposed letter is composed too.
        assert_eq!(clean_term("Hà No\u{302}\u{323}i"), "Hà Nội");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfd: String = "Thượng tướng Lương Tam Quang".nfd().collect();
        assert_ne!(nfd, "Thượng tướng Lương Tam Quang");
        assert_eq!(fold_key(&nfd), fold_key("Thượng tướng Lương Tam Quang"));
        assert_eq!(tone_key(&nfd), tone_key("Thượng tướng Lương Tam Quang"));
    }

    #[test]
    fn punctuation_hyphens_and_line_breaks_become_single_spaces() {
        assert_eq!(
            fold_key("  Perserikatan Bangsa-Bangsa,\n\t(PBB) "),
            "perserikatan bangsa bangsa pbb"
        );
        assert_eq!(fold_key("People’s Court"), "peoples court");
        assert_eq!(fold_key("António"), "antonio");
        assert_eq!(fold_key(""), "");
        assert_eq!(fold_key(" - "), "");
    }

    #[test]
    fn offsets_map_back_to_original_characters() {
        let original = "Ông  Lương-Tam\nQuang.";
        let f = fold(original);
        assert_eq!(f.text, "ong luong tam quang");
        let i = f.text.find("luong tam quang").unwrap();
        let (s, e) = f.original_range(i, f.text.len());
        assert_eq!(&original[s..e], "Lương-Tam\nQuang");
        // One folded letter from a precomposed character maps to all of it.
        let (s, e) = f.original_range(0, 1);
        assert_eq!(&original[s..e], "Ô");
    }

    #[test]
    fn offsets_cover_nfd_sequences() {
        let original: String = "Bộ".nfd().collect();
        let f = fold(&original);
        assert_eq!(f.text, "bo");
        let (s, e) = f.original_range(1, 2);
        // The base letter and the marks that follow it.
        assert_eq!(&original[s..e], "o\u{323}\u{302}");
        assert_eq!(e, original.len());
    }

    #[test]
    fn words_have_offsets() {
        let f = fold("Bộ  Công an");
        let words: Vec<_> = f.words().collect();
        assert_eq!(words, vec![(0, "bo"), (3, "cong"), (8, "an")]);
    }

    #[test]
    fn clean_term_normalises_and_trims() {
        let nfd: String = "Bộ Công an".nfd().collect();
        assert_eq!(clean_term(&format!("  {nfd}\n")), "Bộ Công an");
        assert_eq!(clean_term("a \n b"), "a b");
    }

    #[test]
    fn columns_count_code_points() {
        assert_eq!(column_at("Bộ Công", 0), 1);
        let b = "Bộ Công".find("Công").unwrap();
        assert_eq!(column_at("Bộ Công", b), 4);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text mixing Vietnamese letters in NFC and NFD, combining marks on
    /// their own, punctuation, line breaks and other scripts.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("Bộ".to_string()),
            Just("Uỷ".to_string()),
            Just("o\u{302}\u{323}".to_string()),
            Just("\u{301}".to_string()),
            Just("Đ".to_string()),
            Just("İ".to_string()),
            Just("ß".to_string()),
            Just("-".to_string()),
            Just("’".to_string()),
            Just("\r\n".to_string()),
            Just(" ".to_string()),
            "[a-zA-Z0-9]{1,4}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    #[test]
    fn tone_keys_of_stacked_tone_marks_do_not_depend_on_their_order() {
        // Found by the normalize fuzz target: two tone marks in a word,
        // one below the letter and one above.
        let key = tone_key("ốộ");
        assert_eq!(tone_key(&key), key);
        assert_eq!(tone_key("ộố"), key);
        assert_ne!(tone_key("ma"), tone_key("mà"));
    }

    proptest! {
        #[test]
        fn folded_ranges_map_inside_the_original_on_char_boundaries(s in text()) {
            let f = fold(&s);
            for start in 0..f.text.len() {
                if !f.text.is_char_boundary(start) { continue; }
                for end in start + 1..=f.text.len() {
                    if !f.text.is_char_boundary(end) { continue; }
                    let (a, b) = f.original_range(start, end);
                    prop_assert!(a < b && b <= s.len());
                    prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                }
            }
        }

        /// ASCII takes a shortcut through `fold`; it must land where the
        /// rules say: letters and digits lowercased, apostrophes dropped,
        /// every other run one space, ends trimmed, each byte mapped to
        /// the byte it came from.
        #[test]
        fn ascii_folds_by_the_rules(s in "[ -~\t\n]{0,40}") {
            let kept: String = s.chars().filter(|c| *c != '\'' && *c != '`').collect();
            let expected = kept
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            let f = fold(&s);
            prop_assert_eq!(&f.text, &expected);
            for (i, c) in f.text.char_indices().filter(|(_, c)| *c != ' ') {
                let (a, b) = f.original_range(i, i + 1);
                prop_assert_eq!(b, a + 1);
                prop_assert_eq!(s.as_bytes()[a].to_ascii_lowercase(), c as u8);
            }
        }

        #[test]
        fn folding_is_idempotent_and_nfd_blind(s in text()) {
            let once = fold_key(&s);
            prop_assert_eq!(fold_key(&once), once.clone());
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold_key(&nfd), once);
            let tone = tone_key(&s);
            prop_assert_eq!(tone_key(&tone), tone);
        }
    }
}
