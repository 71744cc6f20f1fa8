//! The termbase's vocabulary: languages, statuses, term types, categories,
//! and the value types every other module passes around: terms and
//! concepts ([`term`]) and translation units ([`unit`]). Nothing here
//! touches a file or the store.
//!
//! The string forms here are the `glossary.csv` contract and the TBX data
//! categories they map to, so they are parsed in one place and nowhere else.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod lang;
mod term;
pub mod unit;

pub use lang::{Lang, WORKING_LANGS};
pub use term::{
    Concept, FieldChange, ImportPlan, SourcedTerm, Term, group_concepts, sort_canonical,
};

/// Declares a closed vocabulary: an enum with its canonical spellings,
/// parsing with an error that lists every allowed value, and `Display`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(
                        concat!($what, " \"{}\" is not one of {}"),
                        s,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// TBX administrative status of a term. The declaration order is the
    /// canonical export order within one concept and language.
    Status, "status" {
        Preferred => "preferred",
        Admitted => "admitted",
        Deprecated => "deprecated",
        Superseded => "superseded",
    }
}

impl Status {
    /// Preferred and admitted terms may be used; the others may not.
    pub fn is_allowed(self) -> bool {
        matches!(self, Status::Preferred | Status::Admitted)
    }
}

vocabulary! {
    /// TBX term type. An empty cell in `glossary.csv` means `full`.
    TermType, "type" {
        Full => "full",
        Acronym => "acronym",
        Short => "short",
    }
}

/// The kinds of concept the termbase knows. Kept as a list rather than an
/// enum in the schema so that a project can see every value in one place;
/// extending it is a one-line change here and in
/// docs/reference/glossary-format.md.
pub const CATEGORIES: &[&str] = &[
    "convention",
    "legal-instrument",
    "organization",
    "un-body",
    "ministry",
    "agency",
    "office",
    "committee",
    "title",
    "rank",
    "person",
    "place",
    "event",
    "legal",
    "cyber",
    "media",
    "general",
];

/// Checks a category against [`CATEGORIES`].
pub fn check_category(s: &str) -> Result<(), String> {
    if CATEGORIES.contains(&s) {
        Ok(())
    } else {
        Err(format!(
            "category \"{s}\" is not one of {}",
            CATEGORIES.join(", ")
        ))
    }
}

/// Checks a concept identifier: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn check_slug(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "concept \"{s}\" is not a slug (lowercase letters and digits in words joined by single hyphens)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_error_lists_allowed_values() {
        let err = "preferd".parse::<Status>().unwrap_err();
        assert_eq!(
            err,
            "status \"preferd\" is not one of preferred, admitted, deprecated, superseded"
        );
    }

    #[test]
    fn slugs() {
        assert!(check_slug("ministry-of-public-security").is_ok());
        assert!(check_slug("un2").is_ok());
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "á"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
