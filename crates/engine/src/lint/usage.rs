//! The corpus-wide view behind `lint --summary`: for each concept and
//! language, which of its terms the documents use, how often, and where.
//! An editor reads it to see at a glance that one desk writes `kejahatan
//! siber` and another `kejahatan dunia maya`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::DocumentReport;
use super::matcher::{Matcher, TermRef};
use crate::model::{Status, TermType};

/// How one term was used across the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantUsage<'r> {
    pub term: String,
    pub status: Status,
    #[serde(rename = "type")]
    pub term_type: TermType,
    pub count: usize,
    /// Each file using it, with its count, in the order files were given.
    pub files: Vec<FileCount<'r>>,
}

/// A file's count; the name is borrowed from its report, as a corpus may
/// have millions of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCount<'r> {
    pub file: &'r str,
    pub count: usize,
}

/// The terms of one concept in one language that the documents use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConceptUsage<'r> {
    pub concept: String,
    pub lang: String,
    /// Most used first.
    pub variants: Vec<VariantUsage<'r>>,
}

/// Counts the occurrences of every report.
pub fn collect<'r>(m: &Matcher, reports: &'r [DocumentReport]) -> Vec<ConceptUsage<'r>> {
    // Counted by term first: an occurrence costs no allocation.
    let mut by_term: BTreeMap<TermRef, BTreeMap<usize, usize>> = BTreeMap::new();
    for (fi, report) in reports.iter().enumerate() {
        for &r in &report.terms_used {
            *by_term.entry(r).or_default().entry(fi).or_default() += 1;
        }
    }
    // (concept slug, language rank, language) → term → file index → count
    type Counts = BTreeMap<TermRef, BTreeMap<usize, usize>>;
    let mut by_concept: BTreeMap<(String, usize, String), Counts> = BTreeMap::new();
    for (r, files) in by_term {
        let t = m.term(r);
        by_concept
            .entry((t.concept.clone(), t.lang.report_rank(), t.lang.to_string()))
            .or_default()
            .insert(r, files);
    }
    by_concept
        .into_iter()
        .map(|((concept, _, lang), terms)| {
            let mut variants: Vec<VariantUsage<'r>> = terms
                .into_iter()
                .map(|(r, files)| {
                    let t = m.term(r);
                    VariantUsage {
                        term: t.term.clone(),
                        status: t.status,
                        term_type: t.term_type,
                        count: files.values().sum(),
                        files: files
                            .into_iter()
                            .map(|(fi, count)| FileCount {
                                file: &reports[fi].file,
                                count,
                            })
                            .collect(),
                    }
                })
                .collect();
            variants.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then(a.status.cmp(&b.status))
                    .then(a.term.cmp(&b.term))
            });
            ConceptUsage {
                concept,
                lang,
                variants,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Language;
    use crate::lint::rules::testing::linter;

    #[test]
    fn counts_variants_per_concept_and_file() {
        let l = linter();
        let reports = vec![
            l.check(
                "a.txt",
                "kejahatan siber dan kejahatan dunia maya. Kejahatan siber.",
                Some(Language::Id),
            ),
            l.check(
                "b.txt",
                "kejahatan dunia maya, kejahatan dunia mayanya",
                Some(Language::Id),
            ),
        ];
        let usage = collect(l.matcher(), &reports);
        assert_eq!(usage.len(), 1);
        let u = &usage[0];
        assert_eq!((u.concept.as_str(), u.lang.as_str()), ("cybercrime", "id"));
        type Row<'a> = (&'a str, usize, Vec<(&'a str, usize)>);
        let summary: Vec<Row<'_>> = u
            .variants
            .iter()
            .map(|v| {
                (
                    v.term.as_str(),
                    v.count,
                    v.files.iter().map(|f| (f.file, f.count)).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("kejahatan dunia maya", 3, vec![("a.txt", 1), ("b.txt", 2)]),
                ("kejahatan siber", 2, vec![("a.txt", 2)]),
            ]
        );
    }
}
