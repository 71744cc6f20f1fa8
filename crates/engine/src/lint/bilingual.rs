//! Bilingual checks: lint over the units of a translation-memory file
//! (TMX or tab-separated), a source segment against its translation.
//!
//! Per unit that has both languages, `missing-term` and `number-mismatch`
//! compare the two segments. The monolingual rules run on the target side
//! only, over all target segments of the file at once, so that
//! `inconsistent-term` sees the whole translation: the segments are read
//! as one document with a blank line between them (a blank line ends
//! every term and sentence, so nothing crosses from one unit to the next),
//! and each finding is then placed back in its own segment.
//!
//! Positions: the line is the one the unit starts on in the file (the
//! `<tu>` tag, or the tab-separated row), columns are code points within
//! the segment's text as read (white space runs made one space). The
//! unit's tuid (or `line N`) and the segment's language go with every
//! finding ([`SegmentPlace`]).

use super::matcher::FindOptions;
use super::rules::{Pair, Side};
use super::{
    DocumentReport, Draft, Finding, Language, Linter, RelatedPlace, Rule, SegmentPlace, Span,
};
use crate::model::unit::{LangSelector, Segment, SourcedUnit};

/// The result of checking a file's units.
#[derive(Debug, Clone)]
pub struct UnitsReport {
    pub report: DocumentReport,
    /// Units checked (those with both languages).
    pub checked: usize,
    /// Units left out because one of the two languages was missing.
    pub skipped: usize,
}

/// One unit's two segments, with the unit's place in the file.
struct UnitPair<'u> {
    unit: String,
    line: usize,
    source: &'u Segment,
    target: &'u Segment,
}

/// What a unit is called in findings: its tuid, or the line it starts on.
fn unit_name(u: &SourcedUnit) -> String {
    if u.unit.tuid.is_empty() {
        format!("line {}", u.line)
    } else {
        u.unit.tuid.clone()
    }
}

/// Code-point column of byte `at` in `text`, from 1.
fn column(text: &str, at: usize) -> usize {
    text[..at].chars().count() + 1
}

impl Linter {
    /// Checks the units of a translation-memory file, `source` against
    /// `target`. Findings come in unit order, the source segment's before
    /// the target's.
    pub fn check_units(
        &self,
        file: &str,
        units: &[SourcedUnit],
        source: Language,
        target: Language,
    ) -> UnitsReport {
        let (src_sel, tgt_sel) = (selector(source), selector(target));
        let pairs: Vec<UnitPair<'_>> = units
            .iter()
            .filter_map(|u| {
                Some(UnitPair {
                    unit: unit_name(u),
                    line: u.line as usize,
                    source: u.unit.segment(&src_sel)?,
                    target: u.unit.segment(&tgt_sel)?,
                })
            })
            .collect();
        let mut placed: Vec<Placed> = Vec::new();
        self.target_side(&pairs, target, &mut placed);
        let pair_rules: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|&r| r.is_bilingual() && self.config().severity(r).is_some())
            .collect();
        if !pair_rules.is_empty() {
            for (k, p) in pairs.iter().enumerate() {
                self.compare(k, p, source, target, &pair_rules, &mut placed);
            }
        }
        placed.sort_by_key(|p| {
            (
                p.unit,
                p.in_target,
                p.draft.start,
                p.draft.rule,
                p.draft.end,
            )
        });
        let findings = placed
            .into_iter()
            .map(|p| {
                let pair = &pairs[p.unit];
                let segment = if p.in_target {
                    pair.target
                } else {
                    pair.source
                };
                self.finding(file, pair, segment, p.draft, p.related)
            })
            .collect();
        UnitsReport {
            report: DocumentReport {
                file: file.to_string(),
                lang: Some(target),
                lang_detected: false,
                findings,
                terms_used: Vec::new(),
            },
            checked: pairs.len(),
            skipped: units.len() - pairs.len(),
        }
    }

    /// The monolingual rules over all target segments, read as one
    /// document (see the module documentation). A draft's related place
    /// (where `inconsistent-term`'s dominant form is first used) is put in
    /// the unit whose segment holds it.
    fn target_side(&self, pairs: &[UnitPair<'_>], target: Language, out: &mut Vec<Placed>) {
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(pairs.len());
        for p in pairs {
            if !joined.is_empty() {
                joined.push_str("\n\n");
            }
            starts.push(joined.len());
            joined.push_str(&p.target.text);
        }
        let unit_of = |at: usize| starts.partition_point(|&s| s <= at) - 1;
        for mut draft in self.drafts(&joined, Some(target)) {
            let k = unit_of(draft.start);
            let at = starts[k];
            let related = draft.related.as_mut().map(|r| {
                let j = unit_of(r.start);
                let text = &pairs[j].target.text;
                let (start, end) = (r.start - starts[j], (r.end - starts[j]).min(text.len()));
                (r.start, r.end) = (start, end);
                RelatedPlace {
                    span: Span {
                        line: pairs[j].line,
                        column: column(text, start),
                        end_line: pairs[j].line,
                        end_column: column(text, end),
                    },
                    unit: Some(pairs[j].unit.clone()),
                }
            });
            draft.start -= at;
            draft.end = (draft.end - at).min(pairs[k].target.text.len());
            draft.fix = None;
            out.push(Placed {
                unit: k,
                in_target: true,
                draft,
                related,
            });
        }
    }

    /// The pair rules on one unit.
    fn compare<'u>(
        &self,
        k: usize,
        p: &UnitPair<'u>,
        source: Language,
        target: Language,
        rules: &[Rule],
        out: &mut Vec<Placed>,
    ) {
        let side = |segment: &'u Segment, lang: Language| {
            let langs = [lang.code()];
            let occurrences = self.matcher().find(
                &segment.text,
                &FindOptions {
                    langs: Some(&langs),
                    stem_indonesian: lang == Language::Id,
                },
            );
            Side {
                text: segment.text.as_str(),
                lang,
                occurrences,
            }
        };
        let pair = Pair {
            source: side(p.source, source),
            target: side(p.target, target),
        };
        let mut drafts = Vec::new();
        for rule in rules {
            rule.check_pair(&pair, self, &mut drafts);
        }
        out.extend(drafts.into_iter().map(|d| Placed {
            unit: k,
            in_target: d.in_target,
            draft: d.draft,
            related: None,
        }));
    }

    fn finding(
        &self,
        file: &str,
        p: &UnitPair<'_>,
        segment: &Segment,
        d: Draft,
        related: Option<RelatedPlace>,
    ) -> Finding {
        let text = &segment.text;
        Finding {
            file: file.to_string(),
            span: Span {
                line: p.line,
                column: column(text, d.start),
                end_line: p.line,
                end_column: column(text, d.end),
            },
            start: d.start,
            end: d.end,
            rule: d.rule,
            severity: self
                .config()
                .severity(d.rule)
                .expect("only enabled rules ran"),
            message: d.message_with(related.as_ref()),
            concept: d.concept,
            found: text[d.start..d.end].to_string(),
            suggestion: d.suggestion,
            fix: None,
            segment: Some(SegmentPlace {
                unit: p.unit.clone(),
                lang: segment.lang.as_str().to_string(),
                text: text.clone(),
            }),
            related,
        }
    }
}

/// A draft of a unit, before it is placed in its segment.
struct Placed {
    /// Index of the unit among the checked pairs.
    unit: usize,
    in_target: bool,
    draft: Draft,
    related: Option<RelatedPlace>,
}

fn selector(lang: Language) -> LangSelector {
    LangSelector::parse(lang.code()).expect("a working language is a tag")
}
