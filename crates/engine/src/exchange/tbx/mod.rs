//! TBX v3 (ISO 30042:2019), TBX-Basic dialect in DCA style: the export,
//! and the data-category values both TBX forms share. Reading either form
//! is [`super::tbx_read`]; the TBX 2008 export is [`super::tbx2008`].
//!
//! Mapping: a concept is a `conceptEntry` (its slug the `id`, see
//! [`super::entry_ids`]), its category a `descrip type="subjectField"`,
//! each language a `langSec`, each term a `termSec` with `termNote`s for
//! `termType` and `administrativeStatus` and a `note` when it has one.
//! Everything `glossary.csv` holds is carried, so csv → TBX → csv is exact.

use crate::error::{Error, Result};
use crate::exchange::entry_ids::xml_id;
use crate::exchange::select::Selection;
use crate::model::group_concepts;
use crate::model::{Lang, Status, Term, TermType};
use crate::xml::write::{Unrepresentable, XmlOut};

/// The TBX v3 namespace.
pub mod read;
pub mod v2008;

pub const NAMESPACE: &str = "urn:iso:std:iso:30042:ed-2";

/// The `administrativeStatus` value of a status (TBX-Basic picklist).
pub fn status_value(status: Status) -> &'static str {
    match status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated => "deprecatedTerm-admn-sts",
        Status::Superseded => "supersededTerm-admn-sts",
    }
}

/// The `termType` value of a term type.
pub fn type_value(term_type: TermType) -> &'static str {
    match term_type {
        TermType::Full => "fullForm",
        TermType::Acronym => "acronym",
        TermType::Short => "shortForm",
    }
}

/// Reads a status from `administrativeStatus` (TBX-Basic:
/// `preferredTerm-admn-sts`...), from TBX 2008's `normativeAuthorization`
/// (`preferredTerm`...), or in hcgloss's own words.
pub fn parse_status(value: &str) -> std::result::Result<Status, String> {
    let v = value.trim();
    let base = v.strip_suffix("-admn-sts").unwrap_or(v);
    let base = base.strip_suffix("Term").unwrap_or(base);
    base.parse::<Status>().map_err(|_| {
        format!(
            "status \"{v}\" is not one of preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts (or preferredTerm, admittedTerm, deprecatedTerm, supersededTerm)"
        )
    })
}

/// Reads a `termType` value.
pub fn parse_type(value: &str) -> std::result::Result<TermType, String> {
    match value.trim() {
        "fullForm" => Ok(TermType::Full),
        "acronym" => Ok(TermType::Acronym),
        "shortForm" => Ok(TermType::Short),
        other => Err(format!(
            "termType \"{other}\" has no hcgloss equivalent: it knows fullForm, acronym and shortForm"
        )),
    }
}

/// Element names of one TBX form.
pub(super) struct Layout {
    pub entry: &'static str,
    pub lang: &'static str,
    pub term_holder: &'static str,
}

/// The message for a character TBX cannot carry.
fn unrepresentable(concept: &str, Unrepresentable(c): Unrepresentable) -> Error {
    Error::Usage(format!(
        "concept {concept}: character U+{:04X} cannot be written in XML 1.0; remove it from the termbase or export as csv",
        c as u32
    ))
}

/// Writes the entries of `terms` (canonical order) in `layout`, languages
/// in `order`.
pub(super) fn write_entries(
    x: &mut XmlOut,
    layout: &Layout,
    terms: Vec<Term>,
    order: &[Lang],
) -> Result<()> {
    for concept in group_concepts(terms) {
        let slug = concept.concept.clone();
        let mut write = || -> std::result::Result<(), Unrepresentable> {
            x.open(layout.entry, &[("id", &xml_id(&slug))])?;
            if !concept.category.is_empty() {
                x.leaf("descrip", &[("type", "subjectField")], &concept.category)?;
            }
            for lang in order {
                let mut in_lang = concept.terms.iter().filter(|t| t.lang == *lang).peekable();
                if in_lang.peek().is_none() {
                    continue;
                }
                x.open(layout.lang, &[("xml:lang", lang.as_str())])?;
                for t in in_lang {
                    x.open(layout.term_holder, &[])?;
                    x.leaf("term", &[], &t.term)?;
                    x.leaf("termNote", &[("type", "termType")], type_value(t.term_type))?;
                    x.leaf(
                        "termNote",
                        &[("type", "administrativeStatus")],
                        status_value(t.status),
                    )?;
                    if !t.note.is_empty() {
                        x.leaf("note", &[], &t.note)?;
                    }
                    x.close();
                }
                x.close();
            }
            x.close();
            Ok(())
        };
        write().map_err(|u| unrepresentable(&slug, u))?;
    }
    Ok(())
}

/// The document language: the chosen source, else English.
pub(super) fn document_lang(selection: &Selection) -> String {
    selection
        .source
        .as_ref()
        .map_or_else(|| "en".to_string(), |l| l.to_string())
}

/// Writes `terms` (canonical order, already filtered) as TBX v3.
pub fn write(terms: Vec<Term>, selection: &Selection) -> Result<String> {
    let order = selection.order(&terms);
    let mut x = XmlOut::new();
    let doc_lang = document_lang(selection);
    let header = |x: &mut XmlOut| -> std::result::Result<(), Unrepresentable> {
        x.open(
            "tbx",
            &[
                ("xmlns", NAMESPACE),
                ("type", "TBX-Basic"),
                ("style", "dca"),
                ("xml:lang", &doc_lang),
            ],
        )?;
        x.open("tbxHeader", &[])?;
        x.open("fileDesc", &[])?;
        x.open("titleStmt", &[])?;
        x.leaf("title", &[], "hcgloss termbase")?;
        x.close();
        x.open("sourceDesc", &[])?;
        x.leaf("p", &[], "Exported from an hcgloss termbase.")?;
        x.close();
        x.close();
        x.close();
        Ok(())
    };
    header(&mut x).map_err(|u| unrepresentable("(header)", u))?;
    if terms.is_empty() {
        // A body must hold at least one entry; an empty termbase has none.
        x.empty("text", &[])
            .map_err(|u| unrepresentable("(header)", u))?;
    } else {
        x.open("text", &[])
            .and_then(|()| x.open("body", &[]))
            .map_err(|u| unrepresentable("(header)", u))?;
        let layout = Layout {
            entry: "conceptEntry",
            lang: "langSec",
            term_holder: "termSec",
        };
        write_entries(&mut x, &layout, terms, &order)?;
    }
    Ok(x.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for s in Status::ALL {
            assert_eq!(parse_status(status_value(*s)), Ok(*s));
            assert_eq!(parse_status(&format!("{}Term", s.as_str())), Ok(*s));
            assert_eq!(parse_status(s.as_str()), Ok(*s));
        }
        for t in TermType::ALL {
            assert_eq!(parse_type(type_value(*t)), Ok(*t));
        }
        assert!(
            parse_status("standardizedTerm-admn-sts")
                .unwrap_err()
                .starts_with("status \"standardizedTerm-admn-sts\" is not one of")
        );
        assert!(parse_type("abbreviation").is_err());
    }

    #[test]
    fn empty_termbase_is_a_text_without_body() {
        let doc = write(Vec::new(), &Selection::default()).unwrap();
        assert!(doc.contains("  <text/>\n</tbx>\n"), "{doc}");
    }

    #[test]
    fn control_characters_are_refused_with_the_concept() {
        let t = Term {
            concept: "c".into(),
            lang: "en".parse().unwrap(),
            term: "A".into(),
            status: Status::Preferred,
            term_type: TermType::Full,
            category: String::new(),
            note: "bell \u{7}".into(),
        };
        let e = write(vec![t], &Selection::default())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("concept c: character U+0007"), "{e}");
    }
}
