//! Rewriting a text with the edits of its fixable findings, and the small
//! rules that make a replacement fit where it goes: the replaced text's
//! sentence-initial capital or all-caps carried over, the small letters of
//! a description kept unless the replacement is a proper name, its clitics
//! kept.
//!
//! Two rules carry edits: `tone-mark-style` (the word with its tone mark
//! moved) and `deprecated-term`, only when the occurrence is the term
//! itself or the term plus clitics (`-nya`, `-lah`, …): a prefixed or
//! suffixed verb form (`meratifikasi`) would need the preferred term
//! re-inflected, which is a linguist's job, so those are reported without
//! a fix.

use super::finding::{Edit, Finding};

/// Applies non-overlapping edits to `text`. Edits that overlap an earlier
/// one are skipped, so the result is always well formed.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        if e.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The text with every fix of `findings` applied, and how many were.
pub fn apply_findings(text: &str, findings: &[Finding]) -> (String, usize) {
    let edits: Vec<&Edit> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
    (apply(text, &edits), edits.len())
}

fn first_letter(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_alphabetic())
}

/// Two or more letters, all capitals.
pub fn is_all_caps(s: &str) -> bool {
    // Asked of every occurrence: the first small letter answers, and
    // nothing is allocated.
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters > 1
}

/// `to`, written the way `found` (an occurrence of the glossary term
/// `term`) was: in capitals when `found` is all capitals and the term is
/// not; with a capital first letter when `found` has one the term does not
/// (the start of a sentence). When `to` is no proper name (`to_is_name`
/// false) and `found` wrote in lower case words the term capitalises (a
/// description, `upacara pembukaan Konvensi` for the event `Upacara
/// Pembukaan Konvensi`), `to` follows that pattern word by word
/// ([`follow_lower_case`]). Otherwise `to` as the glossary writes it.
pub fn carry_case(found: &str, term: &str, to: &str, to_is_name: bool) -> String {
    if is_all_caps(found) && !is_all_caps(term) {
        return to.to_uppercase();
    }
    if !to_is_name && let Some(followed) = follow_lower_case(found, term, to) {
        return followed;
    }
    let found_upper = first_letter(found).is_some_and(char::is_uppercase);
    let term_lower = first_letter(term).is_some_and(char::is_lowercase);
    if found_upper && term_lower {
        return with_capital(to);
    }
    to.to_string()
}

/// `s` with its first letter a capital.
fn with_capital(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut done = false;
    for c in s.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with its first letter in lower case.
fn with_small_letter(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
    }
    out.extend(chars);
    out
}

/// A word with a capital first letter and no other capital (`Pembukaan`,
/// not `ASEAN` or `PhD`): the only kind whose capital a description drops.
fn is_capitalised_word(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && !letters.any(char::is_uppercase)
}

fn starts_lower(w: &str) -> bool {
    first_letter(w).is_some_and(char::is_lowercase)
}

/// `to` in the case pattern of `found`, when `found` wrote in lower case
/// at least one word that `term` capitalises; `None` when it did not.
///
/// A word of `to` that `found` has (the same letters, any case) is written
/// as `found` wrote it. A new capitalised word takes a small letter when
/// the word before it in the result has one (`upacara pembukaan Konvensi`
/// → `upacara pembukaan penandatanganan Konvensi`); at the start, when
/// `found` starts in lower case. Acronyms and words with inner capitals
/// stay as they are.
pub fn follow_lower_case(found: &str, term: &str, to: &str) -> Option<String> {
    let found_words: Vec<&str> = found.split_whitespace().collect();
    let term_words: Vec<&str> = term.split_whitespace().collect();
    let lowered = found_words
        .iter()
        .zip(&term_words)
        .any(|(f, t)| starts_lower(f) && is_capitalised_word(t));
    if !lowered || found_words.len() != term_words.len() {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for word in to.split(' ') {
        let same = found_words
            .iter()
            .find(|f| f.to_lowercase() == word.to_lowercase());
        let written = match same {
            Some(f) => (*f).to_string(),
            None => {
                let before_lower = match out.last() {
                    Some(prev) => starts_lower(prev),
                    None => found_words.first().is_some_and(|f| starts_lower(f)),
                };
                if before_lower && is_capitalised_word(word) {
                    with_small_letter(word)
                } else {
                    word.to_string()
                }
            }
        };
        out.push(written);
    }
    Some(out.join(" "))
}

/// `replacement` with the line breaks of `original` kept: when the text
/// being replaced runs over lines (`kriminalitas\nmaya`) and the
/// replacement has as many words, its words are joined by the original's
/// white space (`kejahatan\nsiber`), so line structure does not change.
/// Otherwise the replacement as it is.
pub fn keep_line_breaks(original: &str, replacement: &str) -> String {
    let gaps: Vec<&str> = original
        .split(|c: char| !c.is_whitespace())
        .filter(|g| !g.is_empty())
        .collect();
    let words: Vec<&str> = replacement.split(' ').collect();
    if !gaps.iter().any(|g| g.contains('\n')) || words.len() != gaps.len() + 1 {
        return replacement.to_string();
    }
    let mut out = String::with_capacity(replacement.len() + 4);
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(gaps[i - 1]);
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_skip_overlaps() {
        let text = "a kejahatan dunia maya b kejahatan dunia maya";
        let e1 = Edit {
            start: 2,
            end: 22,
            replacement: "kejahatan siber".into(),
        };
        let e2 = Edit {
            start: 25,
            end: 45,
            replacement: "kejahatan siber".into(),
        };
        let overlapping = Edit {
            start: 10,
            end: 30,
            replacement: "x".into(),
        };
        assert_eq!(
            apply(text, &[&e2, &e1, &overlapping]),
            "a kejahatan siber b kejahatan siber"
        );
        assert_eq!(apply(text, &[]), text);
    }

    #[test]
    fn line_breaks_inside_a_replaced_term_are_kept() {
        assert_eq!(
            keep_line_breaks("kriminalitas\nmaya", "kejahatan siber"),
            "kejahatan\nsiber"
        );
        assert_eq!(
            keep_line_breaks("kriminalitas\r\n  maya", "kejahatan siber"),
            "kejahatan\r\n  siber"
        );
        // Without a line break, or with another number of words, as is.
        assert_eq!(
            keep_line_breaks("kriminalitas  maya", "kejahatan siber"),
            "kejahatan siber"
        );
        assert_eq!(
            keep_line_breaks("dunia\nmaya", "ruang siber global"),
            "ruang siber global"
        );
    }

    #[test]
    fn case_is_carried() {
        assert_eq!(
            carry_case(
                "Kejahatan dunia maya",
                "kejahatan dunia maya",
                "kejahatan siber",
                false
            ),
            "Kejahatan siber"
        );
        assert_eq!(
            carry_case(
                "kejahatan dunia maya",
                "kejahatan dunia maya",
                "kejahatan siber",
                false
            ),
            "kejahatan siber"
        );
        assert_eq!(
            carry_case(
                "KEJAHATAN DUNIA MAYA",
                "kejahatan dunia maya",
                "kejahatan siber",
                false
            ),
            "KEJAHATAN SIBER"
        );
        // A proper name keeps the glossary's capitals.
        assert_eq!(
            carry_case(
                "kementerian keamanan publik",
                "Kementerian Keamanan Publik",
                "Kementerian Keamanan Publik Vietnam",
                true
            ),
            "Kementerian Keamanan Publik Vietnam"
        );
        assert_eq!(
            carry_case(
                "Panitia Pengarah",
                "Panitia Pengarah",
                "Komite Pengarah",
                false
            ),
            "Komite Pengarah"
        );
        // An acronym is not "all caps" text.
        assert_eq!(
            carry_case("PBB", "PBB", "Perserikatan Bangsa-Bangsa", true),
            "Perserikatan Bangsa-Bangsa"
        );
        assert_eq!(
            carry_case("Ủy ban", "ủy ban", "ủy ban quốc gia", false),
            "Ủy ban quốc gia"
        );
    }

    #[test]
    fn a_description_keeps_its_small_letters() {
        // No proper name: the replacement follows what was written.
        assert_eq!(
            carry_case(
                "panitia pengarah",
                "Panitia Pengarah",
                "Komite Pengarah",
                false
            ),
            "komite pengarah"
        );
        assert_eq!(
            carry_case(
                "upacara pembukaan Konvensi",
                "Upacara Pembukaan Konvensi",
                "Upacara Pembukaan Penandatanganan Konvensi",
                false
            ),
            "upacara pembukaan penandatanganan Konvensi"
        );
        // At the start of a sentence the first capital stays.
        assert_eq!(
            carry_case(
                "Upacara pembukaan Konvensi",
                "Upacara Pembukaan Konvensi",
                "Upacara Pembukaan Penandatanganan Konvensi",
                false
            ),
            "Upacara pembukaan penandatanganan Konvensi"
        );
        // Acronyms and words with inner capitals keep their letters.
        assert_eq!(
            carry_case(
                "rapat menteri",
                "Rapat Menteri",
                "Pertemuan Menteri ASEAN",
                false
            ),
            "pertemuan menteri ASEAN"
        );
        // Written as the glossary writes it: the glossary's capitals.
        assert_eq!(
            carry_case(
                "Upacara Pembukaan Konvensi",
                "Upacara Pembukaan Konvensi",
                "Upacara Pembukaan Penandatanganan Konvensi",
                false
            ),
            "Upacara Pembukaan Penandatanganan Konvensi"
        );
    }
}
