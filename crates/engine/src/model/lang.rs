//! Language tags: BCP 47 in its canonical case, with a language subtag
//! that ISO 639 registers.
//!
//! Tags are checked for their BCP 47 shape by `oxilangtag`, which also puts
//! them in canonical case (`en-us` → `en-US`, `zh-hant` → `zh-Hant`, `EN` →
//! `en`); tags differing only in case are one language. The language
//! subtag must be an ISO 639 code as BCP 47 uses them, looked up in
//! `isolang`'s table: a two-letter ISO 639-1 code, or a three-letter ISO
//! 639-3 code of a language that has no two-letter one (BCP 47 always uses
//! the shortest). Anything else is refused, with a hint for the usual
//! slips (`vn` for Vietnamese, `jp`, `cn`, the three-letter `eng`,
//! `vie`, `ind`, the bibliographic `fre`, `ger`...).
//!
//! Foreign files are read more liberally ([`Lang::parse_foreign`]): `en_US`,
//! as Java and some CAT tools write locales, is read as `en-US`, and the
//! codes ISO 639 withdrew but Java still writes (`in` for Indonesian, `iw`,
//! `ji`) as their current codes, each with an adjustment to report.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language tag (BCP 47, canonical case, registered language subtag).
/// `id`, `vi` and `en` are the working languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Lang(String);

/// The working languages, in the order reports list them.
pub const WORKING_LANGS: [&str; 3] = ["id", "vi", "en"];

/// Language subtags that are not ISO 639 codes but are often written for
/// one (country codes, old or bibliographic codes), with the code meant.
/// A country code that is also a language code cannot be caught: `kr` is
/// Kanuri, not Korean (`ko`), and is accepted as Kanuri.
const SLIPS: &[(&str, &str)] = &[
    ("vn", "vi"),
    ("jp", "ja"),
    ("cn", "zh"),
    ("in", "id"),
    ("iw", "he"),
    ("ji", "yi"),
    ("dk", "da"),
    ("gr", "el"),
    ("cz", "cs"),
    ("ua", "uk"),
    ("sp", "es"),
    ("al", "sq"),
    ("rs", "sr"),
    ("ph", "fil"),
    ("fre", "fr"),
    ("ger", "de"),
    ("chi", "zh"),
    ("dut", "nl"),
    ("cze", "cs"),
    ("gre", "el"),
    ("per", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("wel", "cy"),
    ("alb", "sq"),
    ("arm", "hy"),
    ("baq", "eu"),
    ("bur", "my"),
    ("geo", "ka"),
    ("ice", "is"),
    ("mac", "mk"),
    ("mao", "mi"),
    ("may", "ms"),
    ("tib", "bo"),
];

/// Codes ISO 639 withdrew that foreign files still carry (Java writes
/// `in` for Indonesian to this day), read as their current codes.
const WITHDRAWN: &[(&str, &str)] = &[("in", "id"), ("iw", "he"), ("ji", "yi")];

/// The English name of a registered code, for messages.
fn name_of(code: &str) -> Option<&'static str> {
    let language = match code.len() {
        2 => isolang::Language::from_639_1(code),
        _ => isolang::Language::from_639_3(code),
    }?;
    Some(language.to_name())
}

/// Checks the language subtag `primary` of `tag` (both in canonical case).
fn check_primary(tag: &str, primary: &str) -> Result<(), String> {
    let registered = match primary.len() {
        2 => isolang::Language::from_639_1(primary).map(|_| None),
        3 => isolang::Language::from_639_3(primary).map(|l| l.to_639_1()),
        _ => None,
    };
    let with = |code: &str| {
        if tag == primary {
            String::new()
        } else {
            format!(" (\"{code}{}\")", &tag[primary.len()..])
        }
    };
    let whole = if tag == primary {
        String::new()
    } else {
        format!("\"{tag}\": ")
    };
    match registered {
        Some(None) => Ok(()),
        Some(Some(short)) => Err(format!(
            "{whole}\"{primary}\" is the three-letter code of {}; BCP 47 writes it \"{short}\"{}",
            name_of(short).unwrap_or("the language"),
            with(short)
        )),
        None => match SLIPS.iter().find(|(slip, _)| *slip == primary) {
            Some((_, meant)) => Err(format!(
                "{whole}\"{primary}\" is not a language; {} is \"{meant}\"{}",
                name_of(meant).unwrap_or("the language meant"),
                with(meant)
            )),
            None => Err(format!(
                "language \"{tag}\": \"{primary}\" is not an ISO 639 language code (e.g. id, vi, en, pt-BR)"
            )),
        },
    }
}

/// The canonical form of a well-formed tag, before its language is checked.
fn canonical(s: &str) -> Result<(String, usize), String> {
    let shape_error = || format!("language \"{s}\" is not a BCP 47 tag (e.g. id, vi, en, pt-BR)");
    let tag = oxilangtag::LanguageTag::parse_and_normalize(s).map_err(|_| shape_error())?;
    let primary_len = tag.primary_language().len();
    // Private-use (`x-…`) and grandfathered (`i-klingon`) tags have no
    // ISO 639 language subtag.
    if primary_len == 0
        || !tag
            .primary_language()
            .bytes()
            .all(|b| b.is_ascii_lowercase())
    {
        return Err(format!(
            "language \"{s}\" names no ISO 639 language (private-use and grandfathered tags are not read)"
        ));
    }
    Ok((tag.into_inner(), primary_len))
}

impl Lang {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is one of the three working languages.
    pub fn is_working(&self) -> bool {
        WORKING_LANGS.contains(&self.0.as_str())
    }

    /// Position in report order: working languages first, then the rest.
    pub fn report_rank(&self) -> usize {
        WORKING_LANGS
            .iter()
            .position(|l| *l == self.0)
            .unwrap_or(WORKING_LANGS.len())
    }

    /// The language subtag (`en` of `en-US`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or("")
    }

    /// A tag read back from the store. Stores written by earlier versions
    /// may hold tags in another case or with a language subtag that is no
    /// longer accepted; they are read in canonical case when well-formed,
    /// else as they are, so that old data stays readable.
    pub fn from_store(s: &str) -> Lang {
        match s {
            "id" | "vi" | "en" => Lang(s.to_string()),
            _ => Lang(canonical(s).map_or_else(|_| s.to_string(), |(tag, _)| tag)),
        }
    }

    /// Reads a tag from a foreign file (TMX, TBX, tab-separated TM): as
    /// [`FromStr`], but `en_US` is read as `en-US` and a withdrawn code
    /// (`in`, `iw`, `ji`) as its current one. Returns the tag and, when it
    /// was changed, what to report.
    pub fn parse_foreign(s: &str) -> Result<(Lang, Option<String>), String> {
        let trimmed = s.trim();
        if !trimmed.contains('_') {
            // No underscore and no withdrawn code: the common case.
            let primary = trimmed.split('-').next().unwrap_or("");
            if !WITHDRAWN
                .iter()
                .any(|(old, _)| primary.eq_ignore_ascii_case(old))
            {
                return trimmed.parse().map(|l| (l, None));
            }
        }
        let mut fixed = trimmed.replace('_', "-");
        let primary_end = fixed.find('-').unwrap_or(fixed.len());
        let primary = fixed[..primary_end].to_ascii_lowercase();
        let mut why = Vec::new();
        if fixed != trimmed {
            why.push("an underscore read as a hyphen".to_string());
        }
        if let Some((old, new)) = WITHDRAWN.iter().find(|(old, _)| *old == primary) {
            fixed.replace_range(..primary_end, new);
            why.push(format!(
                "\"{old}\" is the code ISO 639 withdrew for {}",
                name_of(new).unwrap_or("the language")
            ));
        }
        let lang: Lang = fixed.parse()?;
        if why.is_empty() {
            return Ok((lang, None));
        }
        let note = format!("language \"{trimmed}\" read as {lang} ({})", why.join("; "));
        Ok((lang, Some(note)))
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Accepts a well-formed BCP 47 tag whose language subtag ISO 639
    /// registers (see the module documentation), in canonical case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if matches!(s, "id" | "vi" | "en") {
            return Ok(Lang(s.to_string()));
        }
        let (tag, primary_len) = canonical(s)?;
        check_primary(&tag, &tag[..primary_len])?;
        Ok(Lang(tag))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> String {
        s.parse::<Lang>().map(|l| l.0).unwrap_or_else(|e| e)
    }

    #[test]
    fn tags_are_put_in_canonical_case() {
        assert_eq!(tag("ID"), "id");
        assert_eq!(tag("EN"), "en");
        assert_eq!(tag("en-us"), "en-US");
        assert_eq!(tag("En-uS"), "en-US");
        assert_eq!(tag("pt-BR"), "pt-BR");
        assert_eq!(tag("zh-hant"), "zh-Hant");
        assert_eq!(tag("ZH-HANT-TW"), "zh-Hant-TW");
        assert_eq!(tag("fil"), "fil");
        assert_eq!(tag("sr-Latn-RS"), "sr-Latn-RS");
        assert_eq!(tag("es-419"), "es-419");
    }

    #[test]
    fn malformed_and_unregistered_tags_are_refused_with_hints() {
        assert_eq!(tag("vn"), "\"vn\" is not a language; Vietnamese is \"vi\"");
        assert_eq!(
            tag("vn-VN"),
            "\"vn-VN\": \"vn\" is not a language; Vietnamese is \"vi\" (\"vi-VN\")"
        );
        assert_eq!(tag("jp"), "\"jp\" is not a language; Japanese is \"ja\"");
        assert_eq!(tag("cn"), "\"cn\" is not a language; Chinese is \"zh\"");
        // Kanuri, whatever was meant.
        assert_eq!(tag("kr"), "kr");
        assert_eq!(
            tag("in-ID"),
            "\"in-ID\": \"in\" is not a language; Indonesian is \"id\" (\"id-ID\")"
        );
        assert_eq!(
            tag("eng"),
            "\"eng\" is the three-letter code of English; BCP 47 writes it \"en\""
        );
        assert_eq!(
            tag("vie"),
            "\"vie\" is the three-letter code of Vietnamese; BCP 47 writes it \"vi\""
        );
        assert_eq!(
            tag("ind"),
            "\"ind\" is the three-letter code of Indonesian; BCP 47 writes it \"id\""
        );
        assert!(tag("fre").contains("French is \"fr\""), "{}", tag("fre"));
        assert_eq!(
            tag("xx"),
            "language \"xx\": \"xx\" is not an ISO 639 language code (e.g. id, vi, en, pt-BR)"
        );
        for bad in [
            "i",
            "in_ID",
            "",
            "en-",
            "en--US",
            "x-klingon",
            "i-klingon",
            "12",
        ] {
            assert!(bad.parse::<Lang>().is_err(), "{bad}");
        }
    }

    #[test]
    fn foreign_files_may_write_underscores_and_withdrawn_codes() {
        let (l, note) = Lang::parse_foreign("en_US").unwrap();
        assert_eq!(l.as_str(), "en-US");
        assert_eq!(
            note.unwrap(),
            "language \"en_US\" read as en-US (an underscore read as a hyphen)"
        );
        let (l, note) = Lang::parse_foreign("in_ID").unwrap();
        assert_eq!(l.as_str(), "id-ID");
        assert!(note.unwrap().contains("withdrew for Indonesian"));
        assert_eq!(
            Lang::parse_foreign("fr-ca").unwrap(),
            ("fr-CA".parse().unwrap(), None)
        );
        assert!(Lang::parse_foreign("vn").is_err());
    }

    #[test]
    fn stored_tags_stay_readable() {
        assert_eq!(Lang::from_store("en-us").as_str(), "en-US");
        assert_eq!(Lang::from_store("vn").as_str(), "vn");
        assert_eq!(Lang::from_store("not a tag").as_str(), "not a tag");
    }
}
