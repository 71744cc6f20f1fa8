//! Checks made on the original text once folding has found a match,
//! because folding forgets two things that still tell words apart:
//!
//! - **Vietnamese marks.** Folding makes `đang` ("currently") equal to
//!   `Đảng` ("the Party"). When the text's word and the term's word both
//!   carry marks, they must carry the same ones (compared with
//!   [`tone_key`], so the tone mark's position still does not matter:
//!   `Uỷ ban` is `Ủy ban`). A word written without any marks still matches
//!   either way: Indonesian and English write Vietnamese names plain
//!   (`Luong Tam Quang`), and so do some Vietnamese sources.
//! - **Capitals of acronyms.** `it` is not `IT`, `ham` is not `HAM`: every
//!   capital letter of an acronym term must be a capital in the text.
//! - **A symbol ending a name.** `Vietnam+` (a newspaper) folds to
//!   `vietnam`; the text must have the `+` too, or every `Vietnam` would
//!   also be the paper.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Term, TermType};
use crate::normalize::{Folded, tone_key};

/// What a term needs from the text beyond its folded form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct TermFit {
    /// Per folded word of the term: its tone key, when it carries marks.
    marked_words: Vec<Option<String>>,
    /// For an acronym: which of its letters are capitals.
    capitals: Option<Vec<bool>>,
    /// Symbols after the term's last letter or digit (`+` of `Vietnam+`),
    /// which the text must have right after the match.
    symbol_suffix: String,
}

/// Whether `s` carries a diacritic or `đ`.
pub(crate) fn has_marks(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    s.nfd()
        .any(|c| is_combining_mark(c) || c == 'đ' || c == 'Đ')
}

fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphabetic() && !is_combining_mark(*c))
}

impl TermFit {
    #[cfg(test)]
    pub(super) fn of(term: &Term) -> TermFit {
        TermFit::of_folded(term, &crate::normalize::fold(&term.term))
    }

    /// The fit of `term`, given its folded form `f`.
    pub(super) fn of_folded(term: &Term, f: &Folded) -> TermFit {
        let marked_words = f
            .words()
            .map(|(s, w)| {
                let (a, b) = f.original_range(s, s + w.len());
                let word = &term.term[a..b];
                has_marks(word).then(|| tone_key(word))
            })
            .collect();
        let capitals = (term.term_type == TermType::Acronym)
            .then(|| letters(&term.term).map(char::is_uppercase).collect());
        let trimmed = term.term.trim_end();
        let last = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric() || is_combining_mark(*c))
            .map_or(trimmed.len(), |(i, c)| i + c.len_utf8());
        let tail = &trimmed[last..];
        let symbol_suffix =
            if !tail.is_empty() && tail.chars().all(|c| matches!(c, '+' | '#' | '*' | '&')) {
                tail.to_string()
            } else {
                String::new()
            };
        TermFit {
            marked_words,
            capitals,
            symbol_suffix,
        }
    }

    /// Whether the `k`-th word of the term may be written `written`.
    pub(super) fn word_fits(&self, k: usize, written: &str) -> bool {
        match self.marked_words.get(k) {
            Some(Some(key)) if has_marks(written) => tone_key(written) == *key,
            _ => true,
        }
    }

    /// Whether the term ends in symbols (`Vietnam+`).
    pub(super) fn has_symbol_suffix(&self) -> bool {
        !self.symbol_suffix.is_empty()
    }

    /// Whether the text after the match (`after`) carries the symbols the
    /// term ends with.
    pub(super) fn suffix_fits(&self, after: &str) -> bool {
        after.starts_with(self.symbol_suffix.as_str())
    }

    /// Whether an acronym's capitals are capitals in `written` (the span
    /// of the occurrence; letters after the acronym's, such as a clitic,
    /// are not looked at).
    pub(super) fn capitals_fit(&self, written: &str) -> bool {
        let Some(caps) = &self.capitals else {
            return true;
        };
        letters(written)
            .zip(caps)
            .all(|(c, must)| !must || c.is_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Status};

    fn term(text: &str, ty: TermType) -> Term {
        Term {
            concept: "c".into(),
            lang: "vi".parse::<Lang>().unwrap(),
            term: text.into(),
            status: Status::Preferred,
            term_type: ty,
            category: "general".into(),
            note: String::new(),
        }
    }

    #[test]
    fn marks_must_agree_when_both_sides_have_them() {
        let party = TermFit::of(&term("Đảng", TermType::Short));
        assert!(!party.word_fits(0, "đang"));
        assert!(party.word_fits(0, "đảng"));
        assert!(party.word_fits(0, "Dang"), "written without marks");
        let committee = TermFit::of(&term("Ủy ban", TermType::Full));
        assert!(committee.word_fits(0, "Uỷ"));
        let nfd: String = "Uỷ".nfd().collect();
        assert!(committee.word_fits(0, &nfd));
        assert!(committee.word_fits(1, "ban"));
        // A plain term (an Indonesian spelling of a name) takes any marks.
        let name = TermFit::of(&term("Luong Tam Quang", TermType::Full));
        assert!(name.word_fits(0, "Lương"));
    }

    #[test]
    fn acronyms_need_their_capitals() {
        let it = TermFit::of(&term("IT", TermType::Acronym));
        assert!(it.capitals_fit("IT"));
        assert!(!it.capitals_fit("it"));
        assert!(!it.capitals_fit("It"));
        let pbb = TermFit::of(&term("PBB", TermType::Acronym));
        assert!(pbb.capitals_fit("PBB-nya"));
        let city = TermFit::of(&term("TP.HCM", TermType::Acronym));
        assert!(city.capitals_fit("TP.HCM"));
        assert!(!city.capitals_fit("tp.hcm"));
        // A symbol ending a name must be written.
        let plus = TermFit::of(&term("Vietnam+", TermType::Short));
        assert!(plus.suffix_fits("+ melaporkan"));
        assert!(!plus.suffix_fits(" melaporkan"));
        assert!(TermFit::of(&term("Vietnam", TermType::Full)).suffix_fits(" hosts"));
        // Other term types are not constrained.
        assert!(TermFit::of(&term("Konvensi", TermType::Short)).capitals_fit("konvensi"));
    }
}
