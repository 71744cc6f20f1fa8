//! ## What it does
//! In a translation unit, finds a glossary term of the source segment
//! (inflected forms included, the longest match winning, as everywhere in
//! lint) whose concept the target segment does not name with an allowed
//! (preferred or admitted) term of the target language. When the target
//! names the concept only with a deprecated or superseded term, the
//! message says so and quotes it.
//!
//! Concepts without an allowed term in the target language are skipped:
//! the glossary has nothing to ask for. A concept is reported once per
//! unit, at its first occurrence in the source; presence is what counts,
//! not how often. When the source text is a term of several concepts, any
//! of them named in the target will do. The suggestion is the target
//! language's allowed term of the same type as the source's (a short form
//! for a short form), the preferred before the admitted.
//!
//! ## Why is this bad?
//! The translation either left the concept out or rendered it with words
//! of its own, so the article and the glossary (and the next article)
//! disagree on what the thing is called. This is what CAT tools call a
//! key-term mismatch.
//!
//! ## Example
//! Source (`id`) and target (`en`) of one unit:
//! ```text
//! Negara-negara sepakat memerangi kejahatan siber.
//! The countries agreed to fight online crime.
//! ```
//! Use instead:
//! ```text
//! The countries agreed to fight cybercrime.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str = "A glossary term of the source whose concept the translation does not name with an allowed term.";

use super::{Pair, PairDraft, one_line};
use crate::lint::matcher::{Matcher, Occurrence};
use crate::lint::{Draft, Linter, Rule};
use crate::model::unit::base_lang;
use crate::model::{Concept, Term, TermType};

/// The allowed term of `concept` the target should use: one of the same
/// type as the source's term when there is one (a short form for a short
/// form), the preferred before the admitted.
fn expected<'c>(concept: &'c Concept, target_lang: &str, like: TermType) -> Option<&'c Term> {
    concept
        .terms
        .iter()
        .filter(|t| base_lang(&t.lang) == target_lang && t.status.is_allowed())
        .min_by_key(|t| (t.term_type != like, t.status))
}

/// Checks one unit; every draft is placed in the source segment.
pub fn check(pair: &Pair<'_>, linter: &Linter, out: &mut Vec<PairDraft>) {
    let drafts = unit_drafts(
        linter.matcher(),
        pair.source.text,
        &pair.source.occurrences,
        pair.target.text,
        &pair.target.occurrences,
        pair.target.lang.code(),
    );
    out.extend(drafts.into_iter().map(|draft| PairDraft {
        in_target: false,
        draft,
    }));
}

/// The drafts of one unit. `source_occurrences` are the terms of the
/// source language in `source`, `target_occurrences` those of
/// `target_lang` (a primary language subtag) in the target segment, whose
/// text is `target`. Drafts are placed in the source text.
fn unit_drafts(
    m: &Matcher,
    source: &str,
    source_occurrences: &[Occurrence],
    target: &str,
    target_occurrences: &[Occurrence],
    target_lang: &str,
) -> Vec<Draft> {
    let mut reported: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for o in source_occurrences {
        // The candidate concepts the target language has a term for, in
        // the matcher's order (allowed readings first).
        let mut concepts: Vec<usize> = Vec::new();
        for r in &o.terms {
            if !concepts.contains(&r.concept)
                && expected(&m.concepts()[r.concept], target_lang, TermType::Full).is_some()
            {
                concepts.push(r.concept);
            }
        }
        let Some(&first) = concepts.first() else {
            continue;
        };
        if concepts.iter().any(|c| reported.contains(c)) {
            continue;
        }
        let in_target = |allowed: bool| {
            target_occurrences.iter().find(|t| {
                t.terms.iter().any(|r| {
                    concepts.contains(&r.concept) && m.term(*r).status.is_allowed() == allowed
                })
            })
        };
        if in_target(true).is_some() {
            continue;
        }
        reported.push(first);
        let concept = &m.concepts()[first];
        let like = m.term(o.term()).term_type;
        let want = expected(concept, target_lang, like).expect("filtered above");
        let found = one_line(&source[o.start..o.end]);
        let message = match in_target(false) {
            Some(d) => format!(
                "\"{found}\" ({}) is translated with the deprecated form \"{}\"; use \"{}\"",
                concept.concept,
                one_line(&target[d.start..d.end]),
                want.term
            ),
            None => format!(
                "\"{found}\" ({}) has no {target_lang} glossary term in the translation; expected \"{}\"",
                concept.concept, want.term
            ),
        };
        out.push(Draft {
            rule: Rule::MissingTerm,
            start: o.start,
            end: o.end,
            concept: Some(concept.concept.clone()),
            suggestion: Some(want.term.clone()),
            message,
            fix: None,
            related: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::matcher::FindOptions;
    use crate::lint::rules::testing::linter;

    /// The missing-term messages for a source in `from` and a target in `to`.
    fn missing(from: &str, source: &str, to: &str, target: &str) -> Vec<(String, String)> {
        let linter = linter();
        let m = linter.matcher();
        let find = |text: &str, lang: &str| {
            let langs = [lang];
            m.find(
                text,
                &FindOptions {
                    langs: Some(&langs),
                    stem_indonesian: lang == "id",
                },
            )
        };
        unit_drafts(
            m,
            source,
            &find(source, from),
            target,
            &find(target, to),
            to,
        )
        .into_iter()
        .map(|d| (source[d.start..d.end].to_string(), d.message))
        .collect()
    }

    #[test]
    fn a_term_the_target_lacks_is_reported_with_the_expected_term() {
        assert_eq!(
            missing(
                "id",
                "Negara-negara sepakat memerangi kejahatan siber.",
                "en",
                "The countries agreed to fight online crime."
            ),
            vec![(
                "kejahatan siber".to_string(),
                "\"kejahatan siber\" (cybercrime) has no en glossary term in the translation; expected \"cybercrime\"".to_string()
            )]
        );
    }

    #[test]
    fn an_allowed_target_term_satisfies_any_source_form() {
        // An admitted source term, and an inflected one (`-nya`).
        assert!(
            missing(
                "id",
                "Kejahatan dunia maya meningkat.",
                "vi",
                "Tội phạm mạng gia tăng."
            )
            .is_empty()
        );
        assert!(
            missing(
                "id",
                "Kejahatan sibernya meningkat.",
                "en",
                "Its cybercrime is rising."
            )
            .is_empty()
        );
    }

    #[test]
    fn an_inflected_source_form_counts_as_the_term() {
        let found = missing("id", "Kejahatan sibernya meningkat.", "en", "It is rising.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Kejahatan sibernya");
    }

    #[test]
    fn a_deprecated_target_term_is_not_enough_and_is_named() {
        let found = missing(
            "en",
            "Cybercrime is rising.",
            "id",
            "Kriminalitas maya meningkat.",
        );
        assert_eq!(
            found,
            vec![(
                "Cybercrime".to_string(),
                "\"Cybercrime\" (cybercrime) is translated with the deprecated form \"Kriminalitas maya\"; use \"kejahatan siber\"".to_string()
            )]
        );
    }

    #[test]
    fn once_per_concept_and_unit() {
        let found = missing(
            "id",
            "Kejahatan siber dan kejahatan siber lagi.",
            "en",
            "Crime and more crime.",
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn the_longest_source_term_wins() {
        // The convention's full name contains `Kejahatan Siber`; only the
        // convention is asked for, and the English name satisfies it.
        let found = missing(
            "id",
            "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber ditandatangani.",
            "vi",
            "Công ước đã được ký.",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("(convention)"), "{found:?}");
    }
}
