//! ## What it does
//! In a translation unit, finds numbers of the source segment that the
//! target segment lacks, and numbers of the target that the source lacks,
//! each reported where it stands with the number quoted. Numbers are read
//! by each language's convention (see [`crate::lint::numbers`]): `1.000`
//! in Indonesian or Vietnamese is the English `1,000`, `2,5` is `2.5`,
//! and `24/7` is one number.
//!
//! ## Why is this bad?
//! A wrong or lost number (a count of signatory states, a year, a sum of
//! money) is a factual error in the published article, and one that a
//! reader cannot spot.
//!
//! ## Example
//! Source (`vi`) and target (`en`) of one unit:
//! ```text
//! Đã có 72 quốc gia ký Công ước.
//! 27 countries signed the Convention.
//! ```
//! Use instead:
//! ```text
//! 72 countries signed the Convention.
//! ```
//! A single separator followed by exactly three digits (`1.000`, `1,000`)
//! could group thousands or mark a decimal, so both readings are kept and
//! either may match; leading zeros and trailing decimal zeros do not
//! matter, and a date (`25/10/2025`) is one number. Numbers written in
//! words or dates written with month names (`25/10` beside `25 October`)
//! are not recognised and are reported too.

/// One line saying what the rule finds.
pub const SUMMARY: &str = "A number in the source or the translation that the other lacks.";

use super::{Pair, PairDraft};
use crate::lint::numbers::{Number, extract, unmatched};
use crate::lint::{Draft, Language, Linter, Rule};

/// A segment: its text and language.
struct Side<'a> {
    pub text: &'a str,
    pub lang: Language,
}

fn draft(n: &Number, side: &Side<'_>, other: &Side<'_>) -> Draft {
    let found = &side.text[n.start..n.end];
    Draft {
        rule: Rule::NumberMismatch,
        start: n.start,
        end: n.end,
        concept: None,
        suggestion: None,
        message: format!(
            "the number {found} in the {} segment is not in the {} segment",
            side.lang.code(),
            other.lang.code()
        ),
        fix: None,
        related: None,
    }
}

/// Checks one unit: numbers of either segment the other lacks.
pub fn check(pair: &Pair<'_>, _linter: &Linter, out: &mut Vec<PairDraft>) {
    let source = Side {
        text: pair.source.text,
        lang: pair.source.lang,
    };
    let target = Side {
        text: pair.target.text,
        lang: pair.target.lang,
    };
    let (in_source, in_target) = compare(&source, &target);
    let placed = |in_target: bool| move |draft| PairDraft { in_target, draft };
    out.extend(in_source.into_iter().map(placed(false)));
    out.extend(in_target.into_iter().map(placed(true)));
}

/// The drafts of one unit: those placed in the source, then those placed
/// in the target.
fn compare(source: &Side<'_>, target: &Side<'_>) -> (Vec<Draft>, Vec<Draft>) {
    let s = extract(source.text, source.lang);
    let t = extract(target.text, target.lang);
    let in_source = unmatched(&s, &t)
        .into_iter()
        .map(|n| draft(n, source, target))
        .collect();
    let in_target = unmatched(&t, &s)
        .into_iter()
        .map(|n| draft(n, target, source))
        .collect();
    (in_source, in_target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_missing_on_either_side() {
        let source = Side {
            text: "Đã có 72 quốc gia ký Công ước vào năm 2025.",
            lang: Language::Vi,
        };
        let target = Side {
            text: "27 countries signed the Convention in 2025.",
            lang: Language::En,
        };
        let (s, t) = compare(&source, &target);
        assert_eq!(s.len(), 1);
        assert_eq!(&source.text[s[0].start..s[0].end], "72");
        assert_eq!(
            s[0].message,
            "the number 72 in the vi segment is not in the en segment"
        );
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].message,
            "the number 27 in the en segment is not in the vi segment"
        );
    }

    #[test]
    fn conventions_do_not_make_mismatches() {
        let source = Side {
            text: "Dana 1.500 miliar dan 2,5 persen, layanan 24/7.",
            lang: Language::Id,
        };
        let target = Side {
            text: "A fund of 1,500 billion and 2.5 percent, a 24/7 service.",
            lang: Language::En,
        };
        assert_eq!(compare(&source, &target), (vec![], vec![]));
    }
}
