//! The translation unit as every TM module passes it around, and the rules
//! a unit must meet before it is stored, whichever file it came from: one
//! segment per language tag (`en-US` and `en-GB` are two languages), each
//! non-empty text that XML can carry; dates in their one format; an
//! identity made from the content. A unit may hold one segment only (an
//! untranslated sentence is still found by concordance).

use std::ops::Range;

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use crate::model::Lang;
use crate::normalize::clean_term;

/// One language's text of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub lang: Lang,
    pub text: String,
}

/// A translation unit: aligned segments with where and when they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// The TMX tuid, kept and written back; empty when there was none.
    /// Not the unit's identity (see [`identity`]).
    pub tuid: String,
    /// The document the text was published in: a title or an address.
    pub origin_doc: String,
    /// The document's date, `YYYY-MM-DD`, or empty.
    pub origin_date: String,
    /// When the unit was made, ISO 8601 UTC (`2025-10-26T08:30:00Z`). A file
    /// that does not say is given the time of its import.
    pub created: Option<String>,
    /// In report order: id, vi, en, then other tags alphabetically.
    pub segments: Vec<Segment>,
}

/// A unit read from a file, with the line it starts on.
#[derive(Debug, Clone)]
pub struct SourcedUnit {
    pub line: u64,
    pub unit: Unit,
}

impl Unit {
    /// The segment of a language, matched as [`LangSelector`] does.
    pub fn segment(&self, lang: &LangSelector) -> Option<&Segment> {
        self.segments.iter().find(|s| lang.matches(&s.lang))
    }
}

/// The primary subtag of a language tag: what `--from en` matches.
pub fn base_lang(lang: &Lang) -> &str {
    lang.primary()
}

/// A language as given on the command line. A bare primary subtag (`en`)
/// matches every tag that starts with it (`en`, `en-US`, `en-GB`); a tag
/// with subtags (`en-US`) matches only itself. When a unit has several
/// segments the selector matches, the one used is the exact tag if the
/// unit has it, else the first in tag order (`en-GB` before `en-US`):
/// segments are kept in that order, so [`Unit::segment`] finds it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangSelector {
    pub tag: Lang,
}

impl LangSelector {
    pub fn parse(s: &str) -> Result<LangSelector, String> {
        Ok(LangSelector { tag: s.parse()? })
    }

    /// Whether only the primary subtag was given.
    pub fn is_base(&self) -> bool {
        !self.tag.as_str().contains('-')
    }

    pub fn base(&self) -> &str {
        base_lang(&self.tag)
    }

    pub fn matches(&self, lang: &Lang) -> bool {
        if self.is_base() {
            base_lang(lang) == self.tag.as_str()
        } else {
            lang == &self.tag
        }
    }
}

/// Sorts segments into report order.
pub fn sort_segments(segments: &mut [Segment]) {
    segments.sort_by(|a, b| {
        (a.lang.report_rank(), a.lang.as_str()).cmp(&(b.lang.report_rank(), b.lang.as_str()))
    });
}

/// Cleans a segment's text as it will be stored (NFC, white space runs
/// made one space, ends trimmed) and checks it: not empty, and no control
/// characters or other code points that XML 1.0 cannot carry.
pub fn clean_segment(text: &str) -> Result<String, String> {
    let cleaned = clean_term(text);
    if cleaned.is_empty() {
        return Err("the segment is empty".into());
    }
    if let Some(c) = cleaned.chars().find(|&c| unstorable(c)) {
        return Err(format!(
            "the segment holds the control character U+{:04X}, which a TMX file cannot carry",
            c as u32
        ));
    }
    Ok(cleaned)
}

/// A character no field of a unit may hold: a control character (C0,
/// DEL, C1), which a TMX file cannot carry (C0) or a terminal would act
/// on, or U+FFFE or U+FFFF, which XML 1.0 does not allow.
fn unstorable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Checks every field of a unit that is stored and written back (its
/// tuid, origin document and date, creation time and segments), whichever
/// file it came from: none may hold a character [`unstorable`] names,
/// since the TMX export of such a unit would not be well-formed and
/// hcgloss would refuse its own backup. One message per bad field.
pub fn check_fields(unit: &Unit) -> Vec<String> {
    let mut fields: Vec<(String, &str)> = vec![
        ("the tuid".into(), unit.tuid.as_str()),
        ("the origin document".into(), unit.origin_doc.as_str()),
        ("the origin date".into(), unit.origin_date.as_str()),
        (
            "the creation time".into(),
            unit.created.as_deref().unwrap_or(""),
        ),
    ];
    fields.extend(
        unit.segments
            .iter()
            .map(|s| (format!("the {} segment", s.lang), s.text.as_str())),
    );
    fields
        .into_iter()
        .filter_map(|(what, value)| {
            value.chars().find(|&c| unstorable(c)).map(|c| {
                format!(
                    "{what} holds the control character U+{:04X}, which a translation memory does not store (a TMX file cannot carry it)",
                    c as u32
                )
            })
        })
        .collect()
}

/// Puts the segments of one unit (already cleaned) in report order, one
/// per language tag. A unit that holds two segments in one tag (two
/// translations into `fr-CA`, as OmegaT writes alternatives) becomes
/// several units: the first holds the first segment of every language,
/// and each further segment of a language makes a unit of its own with the
/// first segments of the other languages. Returns the units and the tags
/// that had more than one segment.
pub fn split_alternatives(mut segments: Vec<Segment>) -> (Vec<Vec<Segment>>, Vec<Lang>) {
    // A stable sort keeps the file's order among segments of one tag.
    sort_segments(&mut segments);
    let mut first: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut extra: Vec<(usize, Segment)> = Vec::new();
    for s in segments {
        match first.iter().position(|f| f.lang == s.lang) {
            Some(i) => extra.push((i, s)),
            None => first.push(s),
        }
    }
    let mut doubled: Vec<Lang> = extra.iter().map(|(i, _)| first[*i].lang.clone()).collect();
    doubled.dedup();
    let mut units = Vec::with_capacity(1 + extra.len());
    for (i, alternative) in extra {
        let mut unit = first.clone();
        unit[i] = alternative;
        units.push(unit);
    }
    units.insert(0, first);
    (units, doubled)
}

/// The unit's identity: SHA-256 over its segments' language tags and texts
/// in report order, in hex. Two units with the same text in the same
/// languages are the same unit, whatever their tuid, origin or date.
pub fn identity(segments: &[Segment]) -> String {
    let mut hasher = Sha256::new();
    for s in segments {
        hasher.update(s.lang.as_str().as_bytes());
        hasher.update([0x1f]);
        hasher.update(s.text.as_bytes());
        hasher.update([0x1e]);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in hasher.finalize() {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 15)] as char);
    }
    hex
}

const ORIGIN_DATE: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");
const ISO_CREATED: &[BorrowedFormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
const TMX_DATE: &[BorrowedFormatItem<'_>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// Checks an origin date: a real calendar date written `YYYY-MM-DD`.
pub fn check_origin_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    Date::parse(s, ORIGIN_DATE)
        .map(|_| s.to_string())
        .map_err(|_| format!("date \"{s}\" is not a calendar date written YYYY-MM-DD"))
}

/// Checks a creation time written as stored (`2025-10-26T08:30:00Z`).
pub fn check_created(s: &str) -> Result<String, String> {
    let s = s.trim();
    PrimitiveDateTime::parse(s, ISO_CREATED)
        .map(|_| s.to_string())
        .map_err(|_| format!("creation time \"{s}\" is not written YYYY-MM-DDThh:mm:ssZ (UTC)"))
}

/// Reads a TMX date (`20251026T083000Z`) as a stored creation time.
pub fn created_from_tmx(s: &str) -> Result<String, String> {
    let t = PrimitiveDateTime::parse(s.trim(), TMX_DATE).map_err(|_| {
        format!("creationdate \"{s}\" is not a TMX date (YYYYMMDDThhmmssZ, in UTC)")
    })?;
    Ok(t.format(ISO_CREATED).expect("a parsed time formats"))
}

/// Writes a stored creation time as a TMX date.
pub fn created_to_tmx(created: &str) -> String {
    match PrimitiveDateTime::parse(created, ISO_CREATED) {
        Ok(t) => t.format(TMX_DATE).expect("a parsed time formats"),
        // The store only ever holds checked times; keep anything else
        // recognisable rather than failing an export.
        Err(_) => created.replace(['-', ':'], ""),
    }
}

/// The current time as a stored creation time.
pub fn now_created() -> String {
    let now = OffsetDateTime::now_utc();
    now.format(ISO_CREATED).expect("the current time formats")
}

// What the store gives back to the translation memory's searches.

/// A stored unit with its row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUnit {
    pub id: i64,
    pub unit: Unit,
}

/// A stored segment as the search and concordance read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRow {
    pub segment_id: i64,
    pub unit_id: i64,
    pub lang: String,
    pub text: String,
    /// [`crate::normalize::fold_key`] of `text`.
    pub folded: String,
    /// The unit's creation time.
    pub created: String,
}

/// How many segments of a language hold a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordStat {
    pub id: i64,
    pub base: String,
    pub word: String,
    pub segments: i64,
}

/// Which segments to read. Every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct SegmentFilter<'a> {
    /// Only these segments (ids in ascending order), looked up one by one.
    pub ids: Option<&'a [i64]>,
    /// Only segments in this language.
    pub lang: Option<&'a LangSelector>,
    /// Only segments with this many folded words.
    pub words: Option<Range<usize>>,
    /// Only segments whose unit also has a segment in this language.
    pub unit_has: Option<&'a LangSelector>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(lang: &str, text: &str) -> Segment {
        Segment {
            lang: lang.parse().unwrap(),
            text: text.into(),
        }
    }

    #[test]
    fn segments_are_cleaned_and_checked() {
        assert_eq!(clean_segment("  Bộ\n Công  an ").unwrap(), "Bộ Công an");
        assert_eq!(clean_segment(" \n ").unwrap_err(), "the segment is empty");
        let e = clean_segment("a\u{1}b").unwrap_err();
        assert!(e.contains("U+0001"), "{e}");
    }

    #[test]
    fn every_stored_field_is_checked_for_control_characters() {
        let mut unit = Unit {
            tuid: "a\u{1b}]0;title\u{7}".into(),
            origin_doc: "Báo\u{85}".into(),
            origin_date: "2025-10-26".into(),
            created: Some("2025\u{9b}".into()),
            segments: vec![seg("vi", "fine"), seg("en", "not \u{FFFF}")],
        };
        assert_eq!(
            check_fields(&unit),
            [
                "the tuid holds the control character U+001B, which a translation memory does not store (a TMX file cannot carry it)",
                "the origin document holds the control character U+0085, which a translation memory does not store (a TMX file cannot carry it)",
                "the creation time holds the control character U+009B, which a translation memory does not store (a TMX file cannot carry it)",
                "the en segment holds the control character U+FFFF, which a translation memory does not store (a TMX file cannot carry it)",
            ]
        );
        unit.tuid = "a-1".into();
        unit.origin_doc = "Báo".into();
        unit.created = None;
        unit.segments[1].text = "fine".into();
        assert!(check_fields(&unit).is_empty());
    }

    #[test]
    fn region_variants_are_languages_and_doubled_tags_split_the_unit() {
        let (units, doubled) =
            split_alternatives(vec![seg("en", "x"), seg("vi", "y"), seg("id", "z")]);
        let langs: Vec<_> = units[0].iter().map(|s| s.lang.as_str()).collect();
        assert_eq!(langs, ["id", "vi", "en"]);
        assert!(doubled.is_empty());
        let (units, _) = split_alternatives(vec![seg("en-US", "a"), seg("en-GB", "b")]);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].len(), 2);
        let (units, doubled) = split_alternatives(vec![
            seg("en", "Hello"),
            seg("fr-CA", "Bonjour"),
            seg("fr-CA", "Salut"),
            seg("de", "Hallo"),
        ]);
        assert_eq!(doubled, vec!["fr-CA".parse::<Lang>().unwrap()]);
        let texts: Vec<Vec<&str>> = units
            .iter()
            .map(|u| u.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [["Hello", "Hallo", "Bonjour"], ["Hello", "Hallo", "Salut"]]
        );
        // One language is a unit too.
        assert_eq!(split_alternatives(vec![seg("vi", "y")]).0.len(), 1);
    }

    #[test]
    fn identity_depends_on_content_only() {
        let a = identity(&[seg("vi", "Bộ Công an"), seg("en", "Ministry")]);
        let b = identity(&[seg("vi", "Bộ Công an"), seg("en", "Ministry")]);
        let c = identity(&[seg("vi", "Bộ Công an"), seg("en", "Ministry.")]);
        // Moving text across the language boundary changes the identity.
        let d = identity(&[seg("vi", "Bộ Công anen"), seg("en", "Ministry")]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn dates_are_checked_and_converted() {
        assert_eq!(check_origin_date("2025-10-26").unwrap(), "2025-10-26");
        assert_eq!(check_origin_date("").unwrap(), "");
        assert!(check_origin_date("2025-02-30").is_err());
        assert!(check_origin_date("26/10/2025").is_err());
        assert_eq!(
            created_from_tmx("20251026T083000Z").unwrap(),
            "2025-10-26T08:30:00Z"
        );
        assert!(created_from_tmx("2025-10-26").is_err());
        assert_eq!(created_to_tmx("2025-10-26T08:30:00Z"), "20251026T083000Z");
        assert!(check_created(&now_created()).is_ok());
        assert!(check_created("2025-10-26 08:30").is_err());
    }

    #[test]
    fn language_selectors() {
        let en = LangSelector::parse("en").unwrap();
        let en_us = LangSelector::parse("en-US").unwrap();
        assert!(en.matches(&"en-US".parse().unwrap()));
        assert!(en.matches(&"en".parse().unwrap()));
        assert!(!en.matches(&"vi".parse().unwrap()));
        assert!(en_us.matches(&"en-US".parse().unwrap()));
        assert!(!en_us.matches(&"en".parse().unwrap()));
    }
}
