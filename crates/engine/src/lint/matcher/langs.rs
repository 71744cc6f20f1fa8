//! The languages of each pattern's terms, as a set of bits.
//!
//! A search answers several language selections at once (every language,
//! and the document's), and keeps of each candidate the terms of the
//! languages selected. Asking each term its language code, a string in the
//! glossary's concepts, took a tenth of a dense document's search: the
//! terms lie all over the glossary and every comparison was a `memcmp`.
//! Nearly every pattern has terms of one language only, so a selection
//! keeps all of a candidate's terms or none of them, which one `and` of
//! two bit sets tells; only a pattern with terms of several languages, some
//! selected and some not, still asks each term.

use serde::{Deserialize, Serialize};

use super::MatcherData;

/// Each language of the glossary a bit, each pattern the set of its terms'
/// languages.
#[derive(Default, Serialize, Deserialize)]
pub(super) struct Langs {
    codes: Vec<String>,
    /// By pattern; empty when the glossary has more languages than bits.
    of_pattern: Vec<u64>,
}

/// What a selection keeps of a candidate's terms.
pub(super) enum Keep {
    All,
    None,
    /// Some of them: each term must be asked.
    Each,
}

impl Langs {
    pub(super) fn new(data: &MatcherData) -> Langs {
        let mut codes: Vec<String> = Vec::new();
        let mut of_pattern = Vec::with_capacity(data.patterns.len());
        for p in &data.patterns {
            let mut bits = 0u64;
            for r in &p.terms {
                let lang = &data.concepts[r.concept].terms[r.term].lang;
                let i = match codes.iter().position(|c| c == lang.as_str()) {
                    Some(i) => i,
                    None => {
                        codes.push(lang.as_str().to_string());
                        codes.len() - 1
                    }
                };
                if i >= 64 {
                    return Langs {
                        codes,
                        of_pattern: Vec::new(),
                    };
                }
                bits |= 1 << i;
            }
            of_pattern.push(bits);
        }
        Langs { codes, of_pattern }
    }

    /// The bits of the languages `langs` names (a language no term has
    /// adds none), or `None` when patterns carry no bits.
    pub(super) fn selection(&self, langs: &[&str]) -> Option<u64> {
        if self.of_pattern.is_empty() {
            return None;
        }
        Some(
            self.codes
                .iter()
                .enumerate()
                .filter(|(_, c)| langs.contains(&c.as_str()))
                .fold(0, |bits, (i, _)| bits | 1 << i),
        )
    }

    /// What `selection` keeps of the terms of pattern `p`.
    pub(super) fn keep(&self, p: usize, selection: Option<u64>) -> Keep {
        let Some(sel) = selection else {
            return Keep::Each;
        };
        let bits = self.of_pattern[p];
        if bits & !sel == 0 {
            Keep::All
        } else if bits & sel == 0 {
            Keep::None
        } else {
            Keep::Each
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::matcher::Matcher;
    use crate::model::{Concept, Lang, Status, Term, TermType};

    fn term(lang: &str, text: &str) -> Term {
        Term {
            concept: "c".into(),
            lang: lang.parse::<Lang>().unwrap(),
            term: text.into(),
            status: Status::Preferred,
            term_type: TermType::Full,
            category: "general".into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_selection_keeps_all_none_or_each_term_of_a_pattern() {
        let c = Concept {
            concept: "c".into(),
            category: "general".into(),
            terms: vec![
                term("id", "program"),
                term("en", "program"),
                term("vi", "chuong trinh"),
            ],
        };
        let m = Matcher::new(vec![c]);
        let langs = Langs::new(&m.data);
        let p = |form: &str| {
            m.data
                .patterns
                .iter()
                .position(|p| m.data.folded[p.terms[0].concept][p.terms[0].term] == form)
                .unwrap()
        };
        let (both, vi) = (p("program"), p("chuong trinh"));
        assert!(matches!(
            langs.keep(both, langs.selection(&["id", "en"])),
            Keep::All
        ));
        assert!(matches!(
            langs.keep(both, langs.selection(&["id"])),
            Keep::Each
        ));
        assert!(matches!(
            langs.keep(both, langs.selection(&["vi"])),
            Keep::None
        ));
        assert!(matches!(
            langs.keep(vi, langs.selection(&["vi"])),
            Keep::All
        ));
        assert!(matches!(
            langs.keep(vi, langs.selection(&["xx"])),
            Keep::None
        ));
    }
}
