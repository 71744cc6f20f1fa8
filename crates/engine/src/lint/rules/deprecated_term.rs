//! ## What it does
//! Finds terms the glossary marks `deprecated` or `superseded`, inflected
//! forms included, and suggests the preferred term of the same language.
//!
//! ## Why is this bad?
//! A deprecated term is one the newsroom decided not to use (a wrong or
//! outdated rendering); a superseded one was replaced by a newer official
//! name. Readers meet two names for one thing, and search and archives
//! split in two.
//!
//! ## Example
//! With `pengesahan` deprecated in favour of `ratifikasi`:
//! ```text
//! Pengesahannya diharapkan tahun depan.
//! ```
//! Use instead (this is what `--fix` writes; the capital and the clitic
//! `-nya` are kept):
//! ```text
//! Ratifikasinya diharapkan tahun depan.
//! ```
//! The suggestion is an allowed term of the same type when there is one (a
//! deprecated acronym gets the allowed acronym, `ASEANPOL` → `ASEANAPOL`),
//! else the preferred term.
//!
//! A form with prefixes (`mengesahkan`) is reported with the preferred
//! term as the suggestion but not fixed automatically.
//!
//! A deprecated name is also found with a glossary acronym in place of a
//! name inside it (`Konvensi PBB Melawan Kejahatan Dunia Maya` for
//! `Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya`),
//! and when it overlaps another term (`bantuan hukum internasional`,
//! `upacara pembukaan Konvensi Perserikatan Bangsa-Bangsa …`) it is still
//! reported.
//!
//! An occurrence whose text is also an allowed term (of another concept)
//! is ambiguous and not reported.

/// One line saying what the rule finds.
pub const SUMMARY: &str = "A deprecated or superseded term; use the preferred term.";

use super::{one_line, replacement};
use crate::lint::{Document, Draft, Linter, Rule};
use crate::model::{Concept, Term};

/// What to use instead of a deprecated term: an allowed term of the same
/// language and type (a deprecated acronym gets the allowed acronym, a
/// deprecated short form the allowed short form), the preferred one first;
/// else the preferred term of the language.
fn replacement_term<'c>(concept: &'c Concept, term: &Term) -> Option<&'c Term> {
    concept
        .terms
        .iter()
        .filter(|t| t.lang == term.lang && t.status.is_allowed() && t.term_type == term.term_type)
        .min_by_key(|t| t.status)
        .or_else(|| concept.preferred(term.lang.as_str()))
}

pub fn check(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    let m = linter.matcher();
    for o in doc.occurrences.iter() {
        // Terms are ranked by status, so an allowed reading comes first.
        let term = m.term(o.term());
        if term.status.is_allowed() {
            continue;
        }
        let concept = m.concept(o.term());
        let found = one_line(&doc.text[o.start..o.end]);
        let preferred = replacement_term(concept, term);
        let (suggestion, fix, message) = match preferred {
            Some(p) => {
                let (suggestion, fix) = replacement(doc, o, term, p, concept);
                let form = if o.inflection.is_none() {
                    format!("\"{found}\" is a {} term", term.status)
                } else {
                    format!(
                        "\"{found}\" is a form of the {} term \"{}\"",
                        term.status, term.term
                    )
                };
                (Some(suggestion), fix, format!("{form}; use \"{}\"", p.term))
            }
            None => (
                None,
                None,
                format!(
                    "\"{found}\" is a {} term, and the glossary has no preferred {} term for {}",
                    term.status, term.lang, concept.concept
                ),
            ),
        };
        out.push(Draft {
            rule: Rule::DeprecatedTerm,
            start: o.start,
            end: o.end,
            concept: Some(concept.concept.clone()),
            suggestion,
            message,
            fix,
            related: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{drafts, found, run};
    use crate::lint::{Language, Rule};

    #[test]
    fn reports_deprecated_and_superseded_terms() {
        let text = "Pengesahan itu penting. Konvensi Melawan Kejahatan Dunia Maya dibahas.";
        assert_eq!(
            run(Rule::DeprecatedTerm, text, Language::Id),
            found(&[
                ("Pengesahan", Some("Ratifikasi")),
                (
                    "Konvensi Melawan Kejahatan Dunia Maya",
                    Some("Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber")
                ),
            ])
        );
        let d = drafts(Rule::DeprecatedTerm, text, Language::Id);
        assert_eq!(
            d[0].message,
            "\"Pengesahan\" is a deprecated term; use \"ratifikasi\""
        );
        assert_eq!(
            d[1].message,
            "\"Konvensi Melawan Kejahatan Dunia Maya\" is a superseded term; use \"Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber\""
        );
        assert_eq!(d[0].concept.as_deref(), Some("ratification"));
    }

    #[test]
    fn clitics_are_kept_prefixed_forms_are_not_fixed() {
        let text = "Pengesahannya ditunda, lalu kriminalitas maya-nya dibahas.";
        let d = drafts(Rule::DeprecatedTerm, text, Language::Id);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].message,
            "\"Pengesahannya\" is a form of the deprecated term \"pengesahan\"; use \"ratifikasi\""
        );
        assert_eq!(d[0].suggestion.as_deref(), Some("Ratifikasinya"));
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "Ratifikasi");
        assert_eq!(
            &text[d[0].fix.as_ref().unwrap().start..d[0].fix.as_ref().unwrap().end],
            "Pengesahan"
        );
        assert_eq!(d[1].suggestion.as_deref(), Some("kejahatan siber-nya"));

        // "pengesahan" is a glossary word, so "mengesahkan" does not reduce
        // to it (its root is "sah"): not an occurrence at all.
        assert!(
            run(
                Rule::DeprecatedTerm,
                "Mereka mengesahkan konvensi.",
                Language::Id
            )
            .is_empty()
        );
    }

    #[test]
    fn a_deprecated_acronym_gets_the_allowed_acronym() {
        assert_eq!(
            run(
                Rule::DeprecatedTerm,
                "Kerja sama dengan ASEANPOL.",
                Language::Id
            ),
            found(&[("ASEANPOL", Some("ASEANAPOL"))])
        );
    }

    #[test]
    fn allowed_terms_and_other_languages_are_quiet() {
        assert!(
            run(
                Rule::DeprecatedTerm,
                "Ratifikasi kejahatan siber.",
                Language::Id
            )
            .is_empty()
        );
        // A deprecated Indonesian term in an English document is not an
        // English term.
        assert!(
            run(
                Rule::DeprecatedTerm,
                "The word pengesahan is Indonesian.",
                Language::En
            )
            .is_empty()
        );
    }
}
