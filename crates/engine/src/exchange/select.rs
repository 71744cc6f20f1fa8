//! What an export carries: the languages chosen with `--lang`, `--source`
//! and `--target`, and the order the layouts that list languages side by
//! side (TBX language sections, sheet column groups) put them in.
//!
//! The order matters to readers that take "the first language" as the
//! source and "the second" as the target (translate-toolkit does), so a
//! chosen source comes first and a chosen target second.

use std::collections::BTreeSet;

use crate::model::{Lang, Term};

/// The languages asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `--lang`, in the order given.
    pub langs: Option<Vec<Lang>>,
    pub source: Option<Lang>,
    pub target: Option<Lang>,
}

impl Selection {
    /// Parses the command-line values; an error names the bad tag.
    pub fn parse(
        langs: &[String],
        source: Option<&str>,
        target: Option<&str>,
    ) -> Result<Selection, String> {
        let parse =
            |flag: &str, s: &str| s.trim().parse::<Lang>().map_err(|e| format!("{flag}: {e}"));
        let langs = if langs.is_empty() {
            None
        } else {
            Some(
                langs
                    .iter()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| parse("--lang", s))
                    .collect::<Result<Vec<_>, _>>()?,
            )
        };
        Ok(Selection {
            langs,
            source: source.map(|s| parse("--source", s)).transpose()?,
            target: target.map(|s| parse("--target", s)).transpose()?,
        })
    }

    /// Whether any language was chosen at all.
    pub fn is_everything(&self) -> bool {
        self.langs.is_none() && self.source.is_none() && self.target.is_none()
    }

    /// Whether terms of `lang` are exported: every language when nothing
    /// was chosen, else the `--lang` list together with source and target.
    pub fn includes(&self, lang: &Lang) -> bool {
        self.is_everything()
            || self.langs.as_ref().is_some_and(|l| l.contains(lang))
            || self.source.as_ref() == Some(lang)
            || self.target.as_ref() == Some(lang)
    }

    /// Keeps the terms of the chosen languages (canonical order is kept).
    pub fn filter(&self, terms: Vec<Term>) -> Vec<Term> {
        if self.is_everything() {
            return terms;
        }
        terms
            .into_iter()
            .filter(|t| self.includes(&t.lang))
            .collect()
    }

    /// The languages of `terms` in layout order: source, target, then the
    /// `--lang` order, then the working languages (id, vi, en), then the
    /// rest by tag.
    pub fn order(&self, terms: &[Term]) -> Vec<Lang> {
        let present: BTreeSet<&Lang> = terms.iter().map(|t| &t.lang).collect();
        let mut rest: Vec<&Lang> = present.iter().copied().collect();
        rest.sort_by(|a, b| (a.report_rank(), a.as_str()).cmp(&(b.report_rank(), b.as_str())));
        let mut out: Vec<Lang> = Vec::new();
        let mut push = |l: &Lang| {
            if present.contains(l) && !out.contains(l) {
                out.push(l.clone());
            }
        };
        self.source.iter().for_each(&mut push);
        self.target.iter().for_each(&mut push);
        self.langs.iter().flatten().for_each(&mut push);
        rest.into_iter().for_each(push);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn term(lang: &str) -> Term {
        Term::sample("c", "", lang, &format!("t-{lang}"), Status::Preferred)
    }

    #[test]
    fn everything_by_default_in_working_order() {
        let terms: Vec<Term> = ["en", "fr", "id", "vi"].map(term).to_vec();
        let s = Selection::default();
        assert_eq!(s.filter(terms.clone()).len(), 4);
        let order: Vec<String> = s.order(&terms).iter().map(|l| l.to_string()).collect();
        assert_eq!(order, ["id", "vi", "en", "fr"]);
    }

    #[test]
    fn source_and_target_choose_and_lead() {
        let terms: Vec<Term> = ["en", "fr", "id", "vi"].map(term).to_vec();
        let s = Selection::parse(&[], Some("vi"), Some("EN")).unwrap();
        let kept = s.filter(terms);
        let order: Vec<String> = s.order(&kept).iter().map(|l| l.to_string()).collect();
        assert_eq!(order, ["vi", "en"]);
        let s = Selection::parse(&["fr".into(), "id".into()], None, None).unwrap();
        assert!(s.includes(&"id".parse().unwrap()));
        assert!(!s.includes(&"en".parse().unwrap()));
        assert!(Selection::parse(&["x_y".into()], None, None).is_err());
    }
}
