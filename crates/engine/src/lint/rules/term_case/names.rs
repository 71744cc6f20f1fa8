//! What this rule knows of the glossary: the words of every term as
//! written, and the names inside longer terms with the spellings each may
//! take, built once per glossary and kept with the compiled glossary.

use std::collections::HashMap;

use super::{NAME_CATEGORIES, is_checked_name};
use crate::lint::matcher::{Matcher, TermRef};
use crate::model::TermType;
use crate::normalize::fold;

/// The words of a term or text, as written: the fold's words mapped back.
pub(crate) fn term_words(term: &str) -> Vec<String> {
    let f = fold(term);
    f.words()
        .map(|(s, w)| {
            let (a, b) = f.original_range(s, s + w.len());
            term[a..b].to_string()
        })
        .collect()
}

/// A name inside a longer term (`Liên Hợp Quốc` inside `Công ước Liên Hợp
/// Quốc về chống tội phạm mạng`, `UN` inside `UN Headquarters`): words
/// `first..=last` of the term are an allowed term of a named thing, or an
/// acronym.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Inner {
    pub(super) first: usize,
    pub(super) last: usize,
    /// The name, as the longer term writes it when it does.
    pub(super) name: TermRef,
    /// Every allowed spelling of the name with the same letters (its
    /// concept's terms that fold alike), word by word.
    pub(super) spellings: Vec<Vec<String>>,
    /// The longer term writes these words as one of `spellings`.
    pub(super) as_written: bool,
    /// The name is itself a checked proper name.
    pub(super) checked: bool,
}

/// What this rule knows of one glossary term: its words and the names
/// inside it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct TermNames {
    pub(super) words: Vec<String>,
    pub(super) inner: Vec<Inner>,
    /// A Vietnamese term, whose words may carry the press's capital on
    /// each word (see [`press_capitals`]).
    pub(super) vietnamese: bool,
}

/// The words and inner names of every glossary term, built once per run
/// (the first time a document needs them) and shared by every document.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Names {
    terms: Vec<Vec<TermNames>>,
}

/// The longest inner name looked for, in words.
const MAX_INNER_WORDS: usize = 8;

impl Names {
    pub fn new(m: &Matcher) -> Names {
        // Allowed terms by folded form.
        let mut by_form: HashMap<&str, Vec<TermRef>> = HashMap::new();
        for (ci, c) in m.concepts().iter().enumerate() {
            for (ti, t) in c.terms.iter().enumerate() {
                if t.status.is_allowed() {
                    let r = TermRef {
                        concept: ci,
                        term: ti,
                    };
                    by_form.entry(m.folded_term(r)).or_default().push(r);
                }
            }
        }
        let terms = m
            .concepts()
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                (0..c.terms.len())
                    .map(|ti| {
                        TermNames::new(
                            m,
                            &by_form,
                            TermRef {
                                concept: ci,
                                term: ti,
                            },
                        )
                    })
                    .collect()
            })
            .collect();
        Names { terms }
    }

    pub(super) fn of(&self, r: TermRef) -> &TermNames {
        &self.terms[r.concept][r.term]
    }

    /// How many words term `r` has.
    pub(crate) fn word_count(&self, r: TermRef) -> usize {
        self.of(r).words.len()
    }

    /// The proper names inside term `r` (`Liên Hợp Quốc` inside `Tổng Thư
    /// ký Liên Hợp Quốc`), as (first word, last word, the name as the term
    /// writes it).
    pub(crate) fn inner_names(&self, r: TermRef) -> impl Iterator<Item = (usize, usize, TermRef)> {
        self.of(r)
            .inner
            .iter()
            .filter(|i| i.checked)
            .map(|i| (i.first, i.last, i.name))
    }
}

impl TermNames {
    fn new(m: &Matcher, by_form: &HashMap<&str, Vec<TermRef>>, r: TermRef) -> TermNames {
        let t = m.term(r);
        let words = term_words(&t.term);
        let folded: Vec<&str> = m.folded_term(r).split(' ').collect();
        let mut inner = Vec::new();
        let vietnamese = t.lang.as_str() == "vi";
        if folded.len() != words.len() || words.len() < 2 {
            return TermNames {
                words,
                inner,
                vietnamese,
            };
        }
        let n = words.len();
        for first in 0..n {
            for last in first..n.min(first + MAX_INNER_WORDS) {
                if (first, last) == (0, n - 1) {
                    continue;
                }
                let key = folded[first..=last].join(" ");
                let Some(hits) = by_form.get(key.as_str()) else {
                    continue;
                };
                let names: Vec<TermRef> = hits
                    .iter()
                    .copied()
                    .filter(|u| {
                        let ut = m.term(*u);
                        ut.lang == t.lang
                            && (ut.term_type == TermType::Acronym
                                || (ut.term.chars().any(char::is_uppercase)
                                    && NAME_CATEGORIES.contains(&m.concept(*u).category.as_str())))
                    })
                    .collect();
                let mut concepts: Vec<usize> = names.iter().map(|u| u.concept).collect();
                concepts.dedup();
                for concept in concepts {
                    let of_concept: Vec<TermRef> = names
                        .iter()
                        .copied()
                        .filter(|u| u.concept == concept)
                        .collect();
                    let spellings: Vec<Vec<String>> = of_concept
                        .iter()
                        .map(|u| term_words(&m.term(*u).term))
                        .filter(|w| w.len() == last - first + 1)
                        .collect();
                    if spellings.is_empty() {
                        continue;
                    }
                    let written = &words[first..=last];
                    let as_written_by = of_concept
                        .iter()
                        .copied()
                        .find(|u| term_words(&m.term(*u).term) == written);
                    inner.push(Inner {
                        first,
                        last,
                        name: as_written_by.unwrap_or(of_concept[0]),
                        spellings,
                        as_written: as_written_by.is_some(),
                        checked: as_written_by.is_some_and(|u| is_checked_name(m, u)),
                    });
                }
            }
        }
        TermNames {
            words,
            inner,
            vietnamese,
        }
    }
}
