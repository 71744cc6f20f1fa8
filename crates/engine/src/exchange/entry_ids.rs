//! Concept slugs and the identifiers other formats give their entries.
//!
//! A slug may start with a digit (`2025-signing-ceremony`), which an XML
//! `ID` may not, so TBX exports prefix such slugs with `_`; a slug never
//! holds `_`, so reading strips it back without ambiguity. Entries from
//! elsewhere carry ids like `c17` or `TE_0042`, or none at all (an id is
//! optional in TBX 2008, and a sheet row may leave it empty): those get a
//! slug made from the id, or from the entry's first term.

use std::collections::HashSet;

use crate::model::check_slug;
use crate::normalize::fold_key;

/// The XML `ID` for a concept slug.
pub fn xml_id(slug: &str) -> String {
    if slug.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{slug}")
    } else {
        slug.to_string()
    }
}

/// The slug for an entry id: the id itself when it is a slug (or one of
/// ours with the `_` prefix), else one made from it. `None` when nothing
/// usable is left (an id of punctuation or of another script only).
pub fn slug_for_id(id: &str) -> Option<String> {
    let id = id.trim();
    if check_slug(id).is_ok() {
        return Some(id.to_string());
    }
    if let Some(rest) = id.strip_prefix('_')
        && check_slug(rest).is_ok()
    {
        return Some(rest.to_string());
    }
    make_slug(id)
}

/// A slug made from any text: folded (no diacritics, lowercase), words of
/// ASCII letters and digits joined by hyphens.
pub fn make_slug(text: &str) -> Option<String> {
    let folded = fold_key(text);
    let words: Vec<String> = folded
        .split(' ')
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect())
        .filter(|w: &String| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

/// Hands out slugs that no other entry of the file uses.
#[derive(Debug, Default)]
pub struct SlugAssigner {
    used: HashSet<String>,
}

impl SlugAssigner {
    /// Records a slug taken by an entry's own id. Returns false when it
    /// was taken already.
    pub fn claim(&mut self, slug: &str) -> bool {
        self.used.insert(slug.to_string())
    }

    /// A free slug made from `text` (an entry's first term), with `-2`,
    /// `-3`... when taken; `entry-N` when the text gives nothing.
    pub fn derive(&mut self, text: &str, ordinal: usize) -> String {
        let base = make_slug(text).unwrap_or_else(|| format!("entry-{ordinal}"));
        let mut slug = base.clone();
        let mut n = 2;
        while self.used.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(slug.clone());
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_ids_round_trip() {
        for slug in [
            "ministry-of-public-security",
            "2025-signing-ceremony",
            "un2",
        ] {
            let id = xml_id(slug);
            assert!(!id.starts_with(|c: char| c.is_ascii_digit()));
            assert_eq!(slug_for_id(&id).as_deref(), Some(slug));
        }
        assert_eq!(xml_id("2025-x"), "_2025-x");
    }

    #[test]
    fn foreign_ids_and_terms_become_slugs() {
        assert_eq!(slug_for_id("TE_0042").as_deref(), Some("te-0042"));
        assert_eq!(slug_for_id("c17").as_deref(), Some("c17"));
        assert_eq!(slug_for_id("—").as_deref(), None);
        assert_eq!(
            make_slug("Bộ Công an (BCA)").as_deref(),
            Some("bo-cong-an-bca")
        );
        let mut a = SlugAssigner::default();
        assert!(a.claim("bo-cong-an"));
        assert!(!a.claim("bo-cong-an"));
        assert_eq!(a.derive("Bộ Công an", 1), "bo-cong-an-2");
        assert_eq!(a.derive("Bo cong an", 2), "bo-cong-an-3");
        assert_eq!(a.derive("…", 7), "entry-7");
    }
}
