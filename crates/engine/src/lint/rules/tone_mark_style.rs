//! ## What it does
//! Finds Vietnamese words whose tone mark sits where the document's other
//! words of the same kind do not put it. Vietnamese has two styles for the
//! open syllables ending in `oa`, `oe` and `uy`: the old style marks the
//! first vowel (`hòa`, `khỏe`, `thủy`, `ủy`, `lòa`), the new style the
//! second (`hoà`, `khoẻ`, `thuỷ`, `uỷ`, `loà`). Both are correct, and
//! lookup and matching treat them as equal; a document should keep to one.
//!
//! Every Vietnamese word of the document is looked at, glossary term or
//! not, whatever the document's language (a Vietnamese caption in an
//! Indonesian article too). Syllables where the styles agree are left
//! alone: closed ones (`hoàn`, `thuyền`) and `qu` + `y` (`quý`). So are
//! words capitalised inside a sentence: they are names, which keep the
//! spelling their owners use (`Chủ nhiệm Ủy ban Biên giới quốc gia` in an
//! article that writes `hoà bình`, `Bộ Thủy lợi`, a person called `Thúy`).
//!
//! Which style is kept is set in `hcgloss.toml`:
//! ```toml
//! [tone-mark-style]
//! style = "majority"   # or "old", or "new"
//! ```
//! With `majority` (the default) a document that mixes the styles has its
//! less used style reported (on a tie, the style used second); a document
//! in one style is fine. With `old` or `new` every word in the other style
//! is reported. Each finding carries the word rewritten in the kept style,
//! which `--fix` applies.
//!
//! ## Why is this bad?
//! Mixed tone-mark placement (`hoà bình` here, `hòa bình` there) reads as
//! careless copy assembled from several sources, and a house style that is
//! not kept is not a style.
//!
//! ## Example
//! ```text
//! Hoà bình và hợp tác là mục tiêu chung. Hòa bình cần được gìn giữ. Hòa bình là khát vọng.
//! ```
//! Use instead:
//! ```text
//! Hòa bình và hợp tác là mục tiêu chung. Hòa bình cần được gìn giữ. Hòa bình là khát vọng.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str =
    "A Vietnamese tone mark placed in the other style than the document's (hòa / hoà).";

use unicode_normalization::UnicodeNormalization;

use crate::lint::case::at_sentence_start;
use crate::lint::config::ToneStyle;
use crate::lint::finding::Edit;
use crate::lint::fix::is_all_caps;
use crate::lint::{Document, Draft, Linter, Related, Rule};

/// The two tone-mark placements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// On the first vowel of `oa`, `oe`, `uy`: `hòa`.
    Old,
    /// On the second: `hoà`.
    New,
}

impl Placement {
    fn name(self) -> &'static str {
        match self {
            Placement::Old => "old",
            Placement::New => "new",
        }
    }
}

/// Combining marks that carry Vietnamese tones: grave, acute, tilde, hook
/// above, dot below.
fn is_tone(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// A word whose tone placement differs between the styles: its style, and
/// the word in the other style.
pub fn placement(word: &str) -> Option<(Placement, String)> {
    if word.is_ascii() {
        return None;
    }
    let chars: Vec<char> = word.nfd().collect();
    // Base letters and, for each, the tone mark right after it.
    let mut letters: Vec<(char, Option<char>, Vec<char>)> = Vec::new();
    for &c in &chars {
        if is_tone(c) {
            let last = letters.last_mut()?;
            if last.1.is_some() {
                return None;
            }
            last.1 = Some(c);
        } else if unicode_normalization::char::is_combining_mark(c) {
            letters.last_mut()?.2.push(c);
        } else {
            letters.push((c, None, Vec::new()));
        }
    }
    let n = letters.len();
    if n < 2 || !letters.iter().all(|l| l.0.is_alphabetic()) {
        return None;
    }
    let (first, second) = (&letters[n - 2], &letters[n - 1]);
    // Plain vowels only: `oa`, `oe`, `uy`, not `ôa`, `ưa`.
    if !first.2.is_empty() || !second.2.is_empty() {
        return None;
    }
    let pair = (
        first.0.to_lowercase().next()?,
        second.0.to_lowercase().next()?,
    );
    if !matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    // `qu` + `y`: the `u` belongs to the consonant, the mark is on `y`.
    if pair == ('u', 'y') && n >= 3 && letters[n - 3].0.to_lowercase().next() == Some('q') {
        return None;
    }
    // The rest of the word must carry no other tone mark.
    if letters[..n - 2].iter().any(|l| l.1.is_some()) {
        return None;
    }
    let (style, tone) = match (first.1, second.1) {
        (Some(t), None) => (Placement::Old, t),
        (None, Some(t)) => (Placement::New, t),
        _ => return None,
    };
    let mut moved = letters.clone();
    let (a, b) = (n - 2, n - 1);
    match style {
        Placement::Old => {
            moved[a].1 = None;
            moved[b].1 = Some(tone);
        }
        Placement::New => {
            moved[b].1 = None;
            moved[a].1 = Some(tone);
        }
    }
    let mut out = String::with_capacity(word.len());
    for (c, t, marks) in moved {
        out.push(c);
        out.extend(marks);
        out.extend(t);
    }
    Some((style, out.nfc().collect()))
}

pub fn check(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    finish(doc.text, linter, collect(doc), out);
}

/// A word whose tone placement differs between the styles: (start, end,
/// style, the word in the other style).
pub(crate) type Placed = (usize, usize, Placement, String);

/// The words of a document (or of one piece of it) placed in either
/// style, in text order; the judgement takes the whole document.
pub(crate) fn collect(doc: &Document<'_>) -> Vec<Placed> {
    let mut found: Vec<Placed> = Vec::new();
    for &(s, e) in &doc.words {
        let word = &doc.text[s..e];
        // A capital inside a sentence starts a name, whose owner's spelling
        // stands (`Ủy ban Biên giới quốc gia`, `Bộ Thủy lợi`, `Thúy`).
        let name = word.chars().next().is_some_and(char::is_uppercase)
            && !is_all_caps(word)
            && !at_sentence_start(doc.text, s);
        if name {
            continue;
        }
        if let Some((style, other)) = placement(word) {
            found.push((s, e, style, other));
        }
    }
    found
}

/// The findings of a whole document's placed words (in text order) in
/// `text`.
pub(crate) fn finish(text: &str, linter: &Linter, found: Vec<Placed>, out: &mut Vec<Draft>) {
    let count = |p: Placement| found.iter().filter(|f| f.2 == p).count();
    let (old, new) = (count(Placement::Old), count(Placement::New));
    let keep = match linter.config().tone_mark_style {
        ToneStyle::Old => Placement::Old,
        ToneStyle::New => Placement::New,
        ToneStyle::Majority => {
            if old == 0 || new == 0 {
                return;
            }
            let first_style = found[0].2;
            match old.cmp(&new) {
                std::cmp::Ordering::Greater => Placement::Old,
                std::cmp::Ordering::Less => Placement::New,
                std::cmp::Ordering::Equal => first_style,
            }
        }
    };
    let kept = found.iter().find(|f| f.2 == keep);
    let why = match (linter.config().tone_mark_style, kept) {
        (ToneStyle::Majority, Some(_)) => format!(
            "this document places it in the {} style {}×",
            keep.name(),
            count(keep)
        ),
        _ => format!("the house style is the {} style", keep.name()),
    };
    for (s, e, style, other) in &found {
        if *style == keep {
            continue;
        }
        let written = &text[*s..*e];
        out.push(Draft {
            rule: Rule::ToneMarkStyle,
            start: *s,
            end: *e,
            concept: None,
            suggestion: Some(other.clone()),
            message: format!(
                "\"{written}\" places its tone mark in the {} style; {why}",
                style.name()
            ),
            fix: Some(Edit {
                start: *s,
                end: *e,
                replacement: other.clone(),
            }),
            related: kept
                .filter(|_| linter.config().tone_mark_style == ToneStyle::Majority)
                .map(|k| Related {
                    start: k.0,
                    end: k.1,
                    rest: String::new(),
                }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{drafts, found, run};
    use super::*;
    use crate::lint::Language;

    #[test]
    fn placements() {
        assert_eq!(placement("hòa"), Some((Placement::Old, "hoà".into())));
        assert_eq!(placement("hoà"), Some((Placement::New, "hòa".into())));
        assert_eq!(placement("Thủy"), Some((Placement::Old, "Thuỷ".into())));
        assert_eq!(placement("ủy"), Some((Placement::Old, "uỷ".into())));
        assert_eq!(placement("khoẻ"), Some((Placement::New, "khỏe".into())));
        assert_eq!(placement("HÒA"), Some((Placement::Old, "HOÀ".into())));
        let nfd: String = "hoà".nfd().collect();
        assert_eq!(placement(&nfd), Some((Placement::New, "hòa".into())));
        // The styles agree: closed syllables, qu + y, other vowels.
        for word in [
            "hoàn",
            "thuyền",
            "quý",
            "của",
            "mùa",
            "hoa",
            "tòa-nhà",
            "hoa",
        ] {
            assert_eq!(placement(word), None, "{word}");
        }
    }

    #[test]
    fn the_less_used_style_of_a_mixed_document_is_reported() {
        let text = "Hoà bình là mục tiêu. Hòa bình cần gìn giữ, hòa bình lâu dài.";
        assert_eq!(
            run(Rule::ToneMarkStyle, text, Language::Vi),
            found(&[("Hoà", Some("Hòa"))])
        );
        let d = drafts(Rule::ToneMarkStyle, text, Language::Vi);
        assert_eq!(
            d[0].message,
            "\"Hoà\" places its tone mark in the new style; this document places it in the old style 2× (first at 1:23)"
        );
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "Hòa");
        // Names inside a sentence keep their own spelling.
        assert!(
            run(
                Rule::ToneMarkStyle,
                "Vì hoà bình, ông Vũ gặp Chủ nhiệm Ủy ban Biên giới và bà Thúy.",
                Language::Vi
            )
            .is_empty()
        );
        // One style throughout is fine.
        assert!(
            run(
                Rule::ToneMarkStyle,
                "Hòa bình và thủy lợi, ủy ban.",
                Language::Vi
            )
            .is_empty()
        );
    }
}
