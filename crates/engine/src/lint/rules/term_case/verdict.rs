//! How the words of an occurrence compare with a glossary term, word by
//! word: the same capitals, capitals missing, other capitals, and the
//! spellings and styles that count as right (an inner name's other
//! spelling, a description in lower case around a name, the Vietnamese
//! press's capital on each word).

use super::FUNCTION_WORDS;
use super::names::TermNames;
use crate::lint::case::{Shape, shape};

/// How one word of the text compares with the glossary's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    Same,
    /// The glossary capitalises it, the text writes it in lower case.
    Lowered,
    /// Any other difference (an added capital, mixed capitals).
    Other,
}

/// Where the words of an occurrence stand, for the capitals allowed there.
pub(super) struct Place {
    /// The occurrence starts a sentence or a line.
    pub(super) sentence_start: bool,
    /// The line is a title-case headline.
    pub(super) title_line: bool,
}

/// How the text word `written`, at position `i` of the occurrence,
/// compares with the glossary word `tw`.
pub(super) fn word_fit(tw: &str, written: &str, i: usize, place: &Place) -> Fit {
    if FUNCTION_WORDS.contains(&tw.to_lowercase().as_str()) {
        return Fit::Same;
    }
    let (Some(ts), Some(fs)) = (shape(tw), shape(written)) else {
        return Fit::Same;
    };
    let lead = i == 0 && place.sentence_start;
    if ts == fs
        || (ts == Shape::Lower && fs == Shape::Capitalised && (lead || place.title_line))
        // A lead word in capitals (`KONVENSI …` opening an article).
        || (ts == Shape::Capitalised && fs == Shape::Upper && lead)
    {
        return Fit::Same;
    }
    match (ts, fs) {
        (Shape::Capitalised | Shape::Upper, Shape::Lower) => Fit::Lowered,
        _ => Fit::Other,
    }
}

/// How an occurrence is written against one reading of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// As the glossary writes it (or one of its inner names' spellings).
    Right,
    /// A lower-case description built on a name, not the name itself:
    /// `UN headquarters`, `markas besar PBB`.
    Descriptive,
    Wrong,
}

/// Whether `written` (the words at `offset..` of an occurrence) fits the
/// spelling `words`.
pub(super) fn fits_spelling(
    written: &[&str],
    words: &[String],
    offset: usize,
    place: &Place,
) -> bool {
    written
        .iter()
        .zip(words)
        .enumerate()
        .all(|(k, (w, tw))| word_fit(tw, w, offset + k, place) == Fit::Same)
}

/// Compares the written words with a term (`names`: its words and inner
/// names).
pub(super) fn verdict(written: &[&str], names: &TermNames, place: &Place) -> Verdict {
    let fits: Vec<Fit> = names
        .words
        .iter()
        .zip(written)
        .enumerate()
        .map(|(i, (tw, w))| word_fit(tw, w, i, place))
        .collect();
    if fits.iter().all(|f| *f == Fit::Same) {
        return Verdict::Right;
    }
    let fits: Vec<Fit> = if names.vietnamese {
        (0..fits.len())
            .map(|i| match fits[i] {
                Fit::Other if press_capitals(written, &names.words, i) => Fit::Same,
                f => f,
            })
            .collect()
    } else {
        fits
    };
    if fits.iter().all(|f| *f == Fit::Same) {
        return Verdict::Right;
    }
    // An inner name written in another allowed spelling of it.
    let mut right: Vec<bool> = fits.iter().map(|f| *f == Fit::Same).collect();
    for inner in names.inner.iter().filter(|i| i.as_written) {
        let span = &written[inner.first..=inner.last];
        if inner
            .spellings
            .iter()
            .any(|s| fits_spelling(span, s, inner.first, place))
        {
            right[inner.first..=inner.last]
                .iter_mut()
                .for_each(|r| *r = true);
        }
    }
    if right.iter().all(|r| *r) {
        return Verdict::Right;
    }
    // Only capitals missing, on a run of words at one end, the rest a name
    // written right: a description in lower case around a name.
    if (0..fits.len()).any(|i| fits[i] == Fit::Other && !right[i]) {
        return Verdict::Wrong;
    }
    // The words the glossary capitalises, in order.
    let caps: Vec<usize> = (0..fits.len())
        .filter(|&i| names.words[i].chars().any(char::is_uppercase))
        .filter(|&i| !FUNCTION_WORDS.contains(&names.words[i].to_lowercase().as_str()))
        .collect();
    let lowered: Vec<usize> = (0..caps.len()).filter(|&k| !right[caps[k]]).collect();
    let (Some(&a), Some(&b)) = (lowered.first(), lowered.last()) else {
        return Verdict::Wrong;
    };
    if lowered.len() != b - a + 1 || (a != 0 && b != caps.len() - 1) {
        return Verdict::Wrong;
    }
    let kept: Vec<usize> = (0..caps.len())
        .filter(|k| *k < a || *k > b)
        .map(|k| caps[k])
        .collect();
    let (run_first, run_last) = (caps[a], caps[b]);
    if let (Some(&first), Some(&last)) = (kept.first(), kept.last())
        && names.inner.iter().any(|i| {
            i.first <= first && last <= i.last && (i.last < run_first || i.first > run_last)
        })
    {
        return Verdict::Descriptive;
    }
    Verdict::Wrong
}

/// Whether word `i` of a Vietnamese name carries the capital the press
/// gives each word of a name, where the glossary writes the name with one
/// capital (`Cảnh sát Quốc gia Indonesia`, `Công an Nhân dân` beside
/// `Cảnh sát quốc gia Indonesia`, `Công an nhân dân`): a widespread house
/// style, not an error. Vietnamese words are mostly two syllables, and the
/// style capitalises a word's first one only, so the capital counts as the
/// style when the syllable before it is in lower case in the glossary and
/// the one after it is in lower case in the text. A capital on every
/// syllable (`Bộ Công An`, `Bộ Ngoại Giao`, `Quốc Hội`) or on a word's
/// second syllable is not the style and is still reported, and so is a
/// name only partly in the style (`Công ước về Chống tội phạm mạng`: two
/// words after the capital stay in lower case).
pub(super) fn press_capitals(written: &[&str], words: &[String], i: usize) -> bool {
    let lower = |w: &str| !w.chars().any(char::is_uppercase);
    let function = |w: &str| FUNCTION_WORDS.contains(&w.to_lowercase().as_str());
    // Every word in the style: a syllable in lower case is the second of a
    // word whose first one has the capital.
    let throughout = (1..written.len()).all(|k| {
        !lower(written[k]) || function(written[k]) || {
            let before = written[k - 1];
            !lower(before) && !function(before)
        }
    });
    throughout
        && i > 0
        && i + 1 < words.len()
        && lower(&words[i])
        && shape(written[i]) == Some(Shape::Capitalised)
        && lower(&words[i - 1])
        && lower(&words[i + 1])
        && lower(written[i + 1])
}
