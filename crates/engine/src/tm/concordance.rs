//! `tm concordance`: every stored segment that contains a phrase, with
//! where it occurs (for highlighting) and the unit's translations.
//!
//! The phrase and the segments are folded as in lookup, so `ban chi dao`
//! finds `Ban Chỉ đạo` and `Ban chỉ đạo,`; it must match whole words (`an`
//! does not find `Công an` through `an` inside another word, only the word
//! `an` itself). Highlights are spans of the original text.
//!
//! Candidates come from the inverted index: a segment can only contain the
//! phrase if it holds every one of its words, so the postings of the
//! phrase's rarest word (in each language) are read and checked.

use std::collections::BTreeMap;

use super::search::{Span, Strategy};
use super::source::SegmentSource;
use crate::error::{Error, Result};
use crate::model::unit::{LangSelector, Segment};
use crate::model::unit::{SegmentFilter, StoredUnit};
use crate::normalize::{fold, fold_key};

/// A segment that contains the phrase.
#[derive(Debug, Clone)]
pub struct Hit {
    pub unit: StoredUnit,
    pub segment: Segment,
    /// Every occurrence, in order.
    pub highlights: Vec<Span>,
    /// The unit's other segments.
    pub translations: Vec<Segment>,
}

/// Byte ranges in `folded` where the folded phrase `phrase` occurs as
/// whole words, left to right, not overlapping.
pub fn occurrences(folded: &str, phrase: &str) -> Vec<(usize, usize)> {
    let padded = format!(" {folded} ");
    let needle = format!(" {phrase} ");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = padded[from..].find(&needle) {
        let start = from + i;
        // `start` is the padding space before the phrase: in `folded` the
        // phrase begins at `start`.
        out.push((start, start + phrase.len()));
        // The trailing space may begin the next occurrence.
        from = start + needle.len() - 1;
    }
    out
}

/// The segments that can contain the phrase, ascending: for each
/// language that has all the phrase's words, those holding its rarest.
fn candidate_ids(
    store: &dyn SegmentSource,
    words: &[&str],
    lang: Option<&LangSelector>,
) -> Result<Vec<i64>> {
    let stats = store.word_stats(lang.map(LangSelector::base), words)?;
    let mut by_base: BTreeMap<&str, Vec<(i64, i64, &str)>> = BTreeMap::new();
    for s in &stats {
        by_base
            .entry(s.base.as_str())
            .or_default()
            .push((s.segments, s.id, s.word.as_str()));
    }
    let mut distinct = words.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut ids = Vec::new();
    for found in by_base.into_values() {
        if found.len() != distinct.len() {
            continue;
        }
        if let Some((_, word_id, _)) = found.into_iter().min() {
            ids.extend(store.postings(word_id)?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Every segment containing `phrase`, in the order units were stored.
pub fn concordance(
    store: &dyn SegmentSource,
    phrase: &str,
    lang: Option<&LangSelector>,
    limit: Option<usize>,
    strategy: Strategy,
) -> Result<Vec<Hit>> {
    let folded_phrase = fold_key(phrase);
    if folded_phrase.is_empty() {
        return Err(Error::Usage(format!(
            "\"{phrase}\" has no words to search for"
        )));
    }
    let words: Vec<&str> = folded_phrase.split(' ').collect();
    let ids = match strategy {
        Strategy::Scan => None,
        Strategy::Index { .. } => Some(candidate_ids(store, &words, lang)?),
    };
    let filter = SegmentFilter {
        ids: ids.as_deref(),
        lang,
        words: Some(words.len()..usize::MAX),
        unit_has: None,
    };
    let limit = limit.unwrap_or(usize::MAX);
    let mut found = Vec::new();
    store.segments(&filter, &mut |row| {
        if found.len() >= limit {
            return Ok(());
        }
        let at = occurrences(&row.folded, &folded_phrase);
        if !at.is_empty() {
            found.push((row, at));
        }
        Ok(())
    })?;
    found
        .into_iter()
        .map(|(row, at)| {
            let folded = fold(&row.text);
            let highlights = at
                .iter()
                .map(|&(s, e)| {
                    let (start, end) = folded.original_range(s, e);
                    Span::of(&row.text, start, end)
                })
                .collect();
            let unit = store.unit(row.unit_id)?.ok_or_else(|| {
                Error::Internal(format!("unit {} vanished during the search", row.unit_id))
            })?;
            let lang = crate::model::Lang::from_store(&row.lang);
            let translations = unit
                .unit
                .segments
                .iter()
                .filter(|s| s.lang != lang)
                .cloned()
                .collect();
            Ok(Hit {
                segment: Segment {
                    lang,
                    text: row.text,
                },
                unit,
                highlights,
                translations,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_whole_words() {
        assert_eq!(
            occurrences("bo cong an va cong an tinh", "cong an"),
            vec![(3, 10), (14, 21)]
        );
        assert_eq!(occurrences("ban chi dao", "ban chi dao"), vec![(0, 11)]);
        assert!(occurrences("congan", "cong").is_empty());
        assert!(occurrences("conga", "cong").is_empty());
        // Repeats next to each other are each found.
        assert_eq!(occurrences("a a a", "a"), vec![(0, 1), (2, 3), (4, 5)]);
    }

    #[test]
    fn folded_offsets_map_to_the_original_phrase() {
        let text = "Bộ Công an và Công an tỉnh";
        let folded = fold(text);
        let spans: Vec<Span> = occurrences(&folded.text, "cong an")
            .into_iter()
            .map(|(s, e)| {
                let (a, b) = folded.original_range(s, e);
                Span::of(text, a, b)
            })
            .collect();
        assert_eq!(spans.len(), 2);
        assert_eq!(
            (spans[0].column, spans[0].length, spans[0].text.as_str()),
            (4, 7, "Công an")
        );
        assert_eq!((spans[1].column, spans[1].text.as_str()), (15, "Công an"));
    }
}
