//! Whether a term may run across a place in a text: asked before a long
//! line with no sentence end is cut between two pieces, so that the cut
//! never splits what the search would find there.

use super::Matcher;
use crate::normalize::Folded;

impl Matcher {
    /// The most characters of any pattern's folded form: a match that
    /// covers a place lies within this many characters of it, plus the
    /// affixes of its first and last word.
    pub(crate) fn longest_form_chars(&self) -> usize {
        self.data.form_len.iter().copied().max().unwrap_or(0)
    }

    /// Whether some match of a term, before the longest are chosen and in
    /// any language, begins before byte `at` of `text` and ends after it.
    /// `folded` is the part of `text` searched (see
    /// [`crate::normalize::fold_range`]): a window around `at` wide enough
    /// for the longest term (see [`Matcher::longest_form_chars`]).
    pub(crate) fn runs_across(&self, text: &str, folded: &Folded, stem: bool, at: usize) -> bool {
        let (words, tokens, stream) = self.tokenize(text, folded, stem);
        self.candidates(text, &words, &tokens, &stream)
            .iter()
            .any(|c| words[c.first].orig.0 < at && at < words[c.last].orig.1)
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::matcher::Matcher;
    use crate::model::{Concept, Lang, Status, Term, TermType};
    use crate::normalize::fold;

    fn matcher() -> Matcher {
        let term = |t: &str| Term {
            concept: "c".into(),
            lang: "id".parse::<Lang>().expect("a language"),
            term: t.into(),
            status: Status::Preferred,
            term_type: TermType::Full,
            category: "general".into(),
            note: String::new(),
        };
        Matcher::new(vec![Concept {
            concept: "c".into(),
            category: "general".into(),
            terms: vec![term("kejahatan siber"), term("ratifikasi")],
        }])
    }

    #[test]
    fn a_place_inside_a_match_is_run_across() {
        let m = matcher();
        let text = "Mereka membahas kejahatan siber dan meratifikasinya hari ini";
        let folded = fold(text);
        let space = |after: &str| text.find(after).expect("in the text") + after.len();
        // Between the two words of a term, even before choosing.
        assert!(m.runs_across(text, &folded, true, space("kejahatan")));
        // Between words that make no term, or at a term's edge.
        assert!(!m.runs_across(text, &folded, true, space("membahas")));
        assert!(!m.runs_across(text, &folded, true, space("siber")));
        assert!(!m.runs_across(text, &folded, true, space("meratifikasinya")));
        assert_eq!(m.longest_form_chars(), "kejahatan siber".len());
    }
}
