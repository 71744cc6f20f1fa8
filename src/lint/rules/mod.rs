//! One module per lint rule. Each exposes `check`, which reads a
//! [`Document`] and pushes [`super::Draft`]s; the driver in
//! [`super::Linter::check`] places them (lines, columns), grades them from
//! the configuration and sorts them.

pub mod deprecated_term;
pub mod inconsistent_term;
pub mod missing_term;
pub mod misspelled_term;
pub mod number_mismatch;
pub mod term_case;
pub mod untranslated_text;

use super::Document;
use super::finding::Edit;
use super::fix::{carry_case, keep_line_breaks};
use super::matcher::Occurrence;
use crate::model::Term;

/// How to write `to` in place of occurrence `o` of `term`: the suggestion
/// for the whole occurrence, and an edit when the swap is safe.
///
/// When the occurrence is the term, or the term plus clitics, the
/// replacement takes over the occurrence's capitals ([`carry_case`]) and
/// the clitics stay as written (`kejahatan dunia mayanya` →
/// `kejahatan sibernya`), and a line break inside it stays where it was
/// when the word counts allow ([`keep_line_breaks`]). A form with prefixes or a derivational suffix
/// gets `to` as the suggestion and no edit.
pub(crate) fn replacement(
    doc: &Document<'_>,
    o: &Occurrence,
    term: &Term,
    to: &str,
) -> (String, Option<Edit>) {
    let clitic_only = o.inflection.as_ref().is_none_or(|i| i.is_clitic_only());
    if !clitic_only {
        return (to.to_string(), None);
    }
    let stem = &doc.text[o.start..o.stem_end];
    let replacement = keep_line_breaks(stem, &carry_case(stem, &term.term, to));
    let suggestion = format!("{replacement}{}", &doc.text[o.stem_end..o.end]);
    let edit = Edit {
        start: o.start,
        end: o.stem_end,
        replacement,
    };
    (suggestion, Some(edit))
}

/// The original text of a span with line breaks and runs of spaces shown
/// as single spaces, for messages.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
pub(crate) mod testing {
    //! A small glossary and a way to run one rule on a text.

    use crate::lint::{Config, Draft, Language, Linter, Rule};
    use crate::model::{Concept, Lang, Status, Term, TermType};

    pub fn linter() -> Linter {
        use Status::*;
        use TermType::*;
        let rows = [
            (
                "cybercrime",
                "cyber",
                "id",
                "kejahatan siber",
                Preferred,
                Full,
            ),
            (
                "cybercrime",
                "cyber",
                "id",
                "kejahatan dunia maya",
                Admitted,
                Full,
            ),
            (
                "cybercrime",
                "cyber",
                "id",
                "kriminalitas maya",
                Deprecated,
                Full,
            ),
            (
                "cybercrime",
                "cyber",
                "vi",
                "tội phạm mạng",
                Preferred,
                Full,
            ),
            ("cybercrime", "cyber", "en", "cybercrime", Preferred, Full),
            (
                "convention",
                "convention",
                "id",
                "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber",
                Preferred,
                Full,
            ),
            (
                "convention",
                "convention",
                "id",
                "Konvensi PBB Melawan Kejahatan Siber",
                Admitted,
                Full,
            ),
            (
                "convention",
                "convention",
                "id",
                "Konvensi Hanoi",
                Admitted,
                Short,
            ),
            (
                "convention",
                "convention",
                "id",
                "Konvensi Melawan Kejahatan Dunia Maya",
                Superseded,
                Full,
            ),
            (
                "convention",
                "convention",
                "vi",
                "Công ước Hà Nội",
                Preferred,
                Short,
            ),
            (
                "un",
                "organization",
                "id",
                "Perserikatan Bangsa-Bangsa",
                Preferred,
                Full,
            ),
            ("un", "organization", "id", "PBB", Admitted, Acronym),
            ("un", "organization", "vi", "Liên Hợp Quốc", Preferred, Full),
            ("ratification", "legal", "id", "ratifikasi", Preferred, Full),
            (
                "ratification",
                "legal",
                "id",
                "pengesahan",
                Deprecated,
                Full,
            ),
            (
                "mps",
                "ministry",
                "id",
                "Kementerian Keamanan Publik",
                Preferred,
                Full,
            ),
            (
                "mps",
                "ministry",
                "id",
                "Kementerian Keamanan Publik Vietnam",
                Admitted,
                Full,
            ),
            ("mps", "ministry", "vi", "Bộ Công an", Preferred, Full),
            (
                "mps",
                "ministry",
                "en",
                "Ministry of Public Security",
                Preferred,
                Full,
            ),
            (
                "mofa",
                "ministry",
                "id",
                "Kementerian Luar Negeri",
                Preferred,
                Full,
            ),
            ("mofa", "ministry", "vi", "Bộ Ngoại giao", Preferred, Full),
            (
                "minister-mps",
                "title",
                "id",
                "Menteri Keamanan Publik",
                Preferred,
                Full,
            ),
            (
                "deputy-minister-mps",
                "title",
                "id",
                "Wakil Menteri Keamanan Publik",
                Preferred,
                Full,
            ),
            (
                "steering-committee",
                "committee",
                "id",
                "Komite Pengarah",
                Preferred,
                Full,
            ),
            (
                "steering-committee",
                "committee",
                "id",
                "Panitia Pengarah",
                Admitted,
                Full,
            ),
            (
                "un-sg",
                "title",
                "id",
                "Sekretaris Jenderal Perserikatan Bangsa-Bangsa",
                Preferred,
                Full,
            ),
            (
                "un-sg",
                "title",
                "id",
                "Sekretaris Jenderal PBB",
                Admitted,
                Full,
            ),
            ("un-sg", "title", "id", "Sekjen PBB", Admitted, Acronym),
            (
                "un-sg",
                "title",
                "vi",
                "Tổng Thư ký Liên Hợp Quốc",
                Preferred,
                Full,
            ),
            (
                "sen-lt-gen",
                "rank",
                "id",
                "Letnan Jenderal Senior",
                Preferred,
                Full,
            ),
            ("sen-lt-gen", "rank", "vi", "Thượng tướng", Preferred, Full),
            (
                "ncc",
                "place",
                "id",
                "Pusat Konvensi Nasional",
                Preferred,
                Full,
            ),
            (
                "aseanapol",
                "organization",
                "id",
                "Kepala Kepolisian ASEAN",
                Preferred,
                Full,
            ),
            (
                "aseanapol",
                "organization",
                "id",
                "ASEANAPOL",
                Admitted,
                Acronym,
            ),
            (
                "aseanapol",
                "organization",
                "id",
                "ASEANPOL",
                Deprecated,
                Acronym,
            ),
            (
                "diplomacy",
                "general",
                "id",
                "diplomasi multilateral",
                Preferred,
                Full,
            ),
            ("vietnamplus", "media", "id", "VietnamPlus", Preferred, Full),
            (
                "cpv",
                "organization",
                "id",
                "Partai Komunis Vietnam",
                Preferred,
                Full,
            ),
            ("cpv", "organization", "id", "Partai", Admitted, Short),
        ];
        let mut concepts: Vec<Concept> = Vec::new();
        for (c, category, l, t, s, ty) in rows {
            let term = Term {
                concept: c.into(),
                lang: l.parse::<Lang>().unwrap(),
                term: t.into(),
                status: s,
                term_type: ty,
                category: category.into(),
                note: String::new(),
            };
            match concepts.iter_mut().find(|x| x.concept == c) {
                Some(x) => x.terms.push(term),
                None => concepts.push(Concept {
                    concept: c.into(),
                    category: category.into(),
                    terms: vec![term],
                }),
            }
        }
        Linter::new(concepts, Config::default())
    }

    /// The drafts one rule makes on `text` in `lang`, as (found, suggestion).
    pub fn run(rule: Rule, text: &str, lang: Language) -> Vec<(String, Option<String>)> {
        drafts(rule, text, lang)
            .into_iter()
            .map(|d| (text[d.start..d.end].to_string(), d.suggestion))
            .collect()
    }

    pub fn drafts(rule: Rule, text: &str, lang: Language) -> Vec<Draft> {
        let linter = linter();
        let report = linter.check("t.txt", text, Some(lang));
        report
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| Draft {
                rule: f.rule,
                start: f.start,
                end: f.end,
                concept: f.concept,
                suggestion: f.suggestion,
                message: f.message,
                fix: f.fix,
            })
            .collect()
    }

    pub fn found(v: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.map(str::to_string)))
            .collect()
    }
}
