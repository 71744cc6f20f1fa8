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
use super::rules::{missing_term, number_mismatch};
use super::{DocumentReport, Draft, Finding, Language, Linter, Rule, SegmentPlace, Span};
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
struct Pair<'u> {
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
    /// Checks every unit of `units` (read from `file`) with a `source`
    /// segment and a `target` segment.
    pub fn check_units(
        &self,
        file: &str,
        units: &[SourcedUnit],
        source: Language,
        target: Language,
    ) -> UnitsReport {
        let (src_sel, tgt_sel) = (selector(source), selector(target));
        let pairs: Vec<Pair<'_>> = units
            .iter()
            .filter_map(|u| {
                Some(Pair {
                    unit: unit_name(u),
                    line: u.line as usize,
                    source: u.unit.segment(&src_sel)?,
                    target: u.unit.segment(&tgt_sel)?,
                })
            })
            .collect();
        // (unit index, whether in the target, draft)
        let mut placed: Vec<(usize, bool, Draft)> = Vec::new();
        self.target_side(&pairs, target, &mut placed);
        for (k, p) in pairs.iter().enumerate() {
            self.compare(k, p, source, target, &mut placed);
        }
        placed.sort_by_key(|(k, in_target, d)| (*k, *in_target, d.start, d.rule, d.end));
        let findings = placed
            .into_iter()
            .map(|(k, in_target, d)| {
                let p = &pairs[k];
                let segment = if in_target { p.target } else { p.source };
                self.finding(file, p, segment, d)
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
    /// document (see the module documentation).
    fn target_side(
        &self,
        pairs: &[Pair<'_>],
        target: Language,
        out: &mut Vec<(usize, bool, Draft)>,
    ) {
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(pairs.len());
        for p in pairs {
            if !joined.is_empty() {
                joined.push_str("\n\n");
            }
            starts.push(joined.len());
            joined.push_str(&p.target.text);
        }
        let report = self.check("", &joined, Some(target));
        for f in report.findings {
            let k = starts.partition_point(|&s| s <= f.start) - 1;
            let at = starts[k];
            out.push((
                k,
                true,
                Draft {
                    rule: f.rule,
                    start: f.start - at,
                    end: (f.end - at).min(pairs[k].target.text.len()),
                    concept: f.concept,
                    suggestion: f.suggestion,
                    message: place_first_use(&f.message, pairs),
                    fix: None,
                },
            ));
        }
    }

    /// `missing-term` and `number-mismatch` on one unit.
    fn compare(
        &self,
        k: usize,
        p: &Pair<'_>,
        source: Language,
        target: Language,
        out: &mut Vec<(usize, bool, Draft)>,
    ) {
        let enabled = |r: Rule| self.config().severity(r).is_some();
        if enabled(Rule::MissingTerm) {
            let find = |text: &str, lang: Language| {
                let langs = [lang.code()];
                self.matcher().find(
                    text,
                    &FindOptions {
                        langs: Some(&langs),
                        stem_indonesian: lang == Language::Id,
                    },
                )
            };
            let drafts = missing_term::check(
                self.matcher(),
                &p.source.text,
                &find(&p.source.text, source),
                &p.target.text,
                &find(&p.target.text, target),
                target.code(),
            );
            out.extend(drafts.into_iter().map(|d| (k, false, d)));
        }
        if enabled(Rule::NumberMismatch) {
            let (in_source, in_target) = number_mismatch::check(
                &number_mismatch::Side {
                    text: &p.source.text,
                    lang: source,
                },
                &number_mismatch::Side {
                    text: &p.target.text,
                    lang: target,
                },
            );
            out.extend(in_source.into_iter().map(|d| (k, false, d)));
            out.extend(in_target.into_iter().map(|d| (k, true, d)));
        }
    }

    fn finding(&self, file: &str, p: &Pair<'_>, segment: &Segment, d: Draft) -> Finding {
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
            concept: d.concept,
            found: text[d.start..d.end].to_string(),
            suggestion: d.suggestion,
            message: d.message,
            fix: None,
            segment: Some(SegmentPlace {
                unit: p.unit.clone(),
                lang: segment.lang.as_str().to_string(),
                text: text.clone(),
            }),
        }
    }
}

fn selector(lang: Language) -> LangSelector {
    LangSelector::parse(lang.code()).expect("a working language is a tag")
}

/// `inconsistent-term` names where the dominant form is first used as
/// `(first at LINE:COLUMN)` of the document it read; here that document is
/// the joined target segments, whose line `2k + 1` is unit `k`'s segment.
/// The position is replaced by the unit's name, which the reader can find.
fn place_first_use(message: &str, pairs: &[Pair<'_>]) -> String {
    const OPEN: &str = "(first at ";
    let Some(at) = message.find(OPEN) else {
        return message.to_string();
    };
    let rest = &message[at + OPEN.len()..];
    let Some(close) = rest.find(')') else {
        return message.to_string();
    };
    let line = rest[..close]
        .split(':')
        .next()
        .and_then(|l| l.parse::<usize>().ok());
    match line.and_then(|l| pairs.get(l.saturating_sub(1) / 2)) {
        Some(p) => format!(
            "{}(first in unit {}){}",
            &message[..at],
            p.unit,
            &rest[close + 1..]
        ),
        None => message.to_string(),
    }
}
