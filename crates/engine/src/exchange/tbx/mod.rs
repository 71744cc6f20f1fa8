//! TBX v3 (ISO 30042:2019), TBX-Basic dialect in DCA style, and TBX-Basic
//! 2008: one writer for both forms ([`write_dialect`]), and the
//! data-category values both share. Reading either form is [`read`]; the
//! 2008 form's particulars are in [`v2008`].
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

/// How a value of a foreign vocabulary was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading<T> {
    /// One of the values hcgloss writes (or its own words): nothing to
    /// report.
    Native(T),
    /// Another value (or another spelling), read as the nearest hcgloss
    /// value: reported.
    Mapped(T),
    /// A value with no hcgloss counterpart.
    Unknown,
}

/// Reads a status from `administrativeStatus` (TBX-Basic:
/// `preferredTerm-admn-sts`...), from TBX 2008's `normativeAuthorization`
/// (`preferredTerm`...), or in hcgloss's own words; and maps the other
/// ISO 12620 values to the nearest status: `standardizedTerm`, `legalTerm`
/// and `regulatedTerm` (a term an authority sets) are preferred,
/// `obsoleteTerm` is superseded, and `forbidden`/`notRecommended` (as
/// some MultiTerm termbases name it) deprecated. Case and the
/// `-admn-sts` suffix do not matter.
pub fn read_status(value: &str) -> Reading<Status> {
    let v = value.trim();
    if let Some(s) = Status::ALL
        .iter()
        .copied()
        .find(|s| v == status_value(*s) || v == format!("{}Term", s.as_str()) || v == s.as_str())
    {
        return Reading::Native(s);
    }
    let lower = v.to_ascii_lowercase();
    let base = lower.strip_suffix("-admn-sts").unwrap_or(&lower);
    let base = base.strip_suffix("term").unwrap_or(base);
    let base = base.trim_end_matches([' ', '-', '_']);
    match base {
        "preferred" => Reading::Mapped(Status::Preferred),
        "admitted" => Reading::Mapped(Status::Admitted),
        "deprecated" => Reading::Mapped(Status::Deprecated),
        "superseded" => Reading::Mapped(Status::Superseded),
        "standardized" | "legal" | "regulated" => Reading::Mapped(Status::Preferred),
        "obsolete" => Reading::Mapped(Status::Superseded),
        "forbidden" | "notrecommended" | "not recommended" => Reading::Mapped(Status::Deprecated),
        _ => Reading::Unknown,
    }
}

/// Reads a `termType` value: the three hcgloss writes, and every other
/// term type (TBX-Basic's `abbreviation`, `variant`, `phrase`, ISO 12620's
/// `entryTerm`, `synonym`, `initialism`...) as the nearest hcgloss type:
/// an abbreviation, a clipped term or a shortcut is a short form, an
/// initialism an acronym, anything else a full term.
pub fn read_type(value: &str) -> Reading<TermType> {
    let v = value.trim();
    match v {
        "fullForm" | "full" => return Reading::Native(TermType::Full),
        "acronym" => return Reading::Native(TermType::Acronym),
        "shortForm" | "short" => return Reading::Native(TermType::Short),
        _ => {}
    }
    Reading::Mapped(match v.to_ascii_lowercase().as_str() {
        "shortform" | "abbreviation" | "clippedterm" | "shortcut" => TermType::Short,
        "acronym" | "initialism" => TermType::Acronym,
        _ => TermType::Full,
    })
}

/// The message for a character TBX cannot carry.
fn unrepresentable(concept: &str, Unrepresentable(c): Unrepresentable) -> Error {
    Error::Usage(format!(
        "concept {concept}: character U+{:04X} cannot be written in XML 1.0; remove it from the termbase or export as csv",
        c as u32
    ))
}

/// What a TBX form writes, by dialect: the v3 form (`tbx`, `conceptEntry`,
/// `langSec`, `termSec`) or the 2008 one (`martif`, `termEntry`,
/// `langSet`, `tig`, with the DOCTYPE and XCS pointer TBX-Basic 2008
/// shows). Everything else is written the same way by one writer.
struct Form {
    doctype: Option<&'static str>,
    root: &'static str,
    /// The root's attributes before `xml:lang`.
    root_attributes: &'static [(&'static str, &'static str)],
    header: &'static str,
    /// The `<encodingDesc>` paragraph pointing at the XCS, if any.
    xcs: Option<&'static str>,
    entry: &'static str,
    lang: &'static str,
    term_holder: &'static str,
}

fn form(dialect: read::Dialect) -> Form {
    match dialect {
        read::Dialect::V3 => Form {
            doctype: None,
            root: "tbx",
            root_attributes: &[
                ("xmlns", NAMESPACE),
                ("type", "TBX-Basic"),
                ("style", "dca"),
            ],
            header: "tbxHeader",
            xcs: None,
            entry: "conceptEntry",
            lang: "langSec",
            term_holder: "termSec",
        },
        read::Dialect::Martif => Form {
            doctype: Some(v2008::DOCTYPE),
            root: "martif",
            root_attributes: &[("type", "TBX-Basic-V1")],
            header: "martifHeader",
            xcs: Some("TBXBasicXCSV02.xcs"),
            entry: "termEntry",
            lang: "langSet",
            term_holder: "tig",
        },
    }
}

/// Writes the root's start and the header.
fn write_header(
    x: &mut XmlOut,
    form: &Form,
    doc_lang: &str,
) -> std::result::Result<(), Unrepresentable> {
    let mut attributes = form.root_attributes.to_vec();
    attributes.push(("xml:lang", doc_lang));
    x.open(form.root, &attributes)?;
    x.open(form.header, &[])?;
    x.open("fileDesc", &[])?;
    x.open("titleStmt", &[])?;
    x.leaf("title", &[], "hcgloss termbase")?;
    x.close();
    x.open("sourceDesc", &[])?;
    x.leaf("p", &[], "Exported from an hcgloss termbase.")?;
    x.close();
    x.close();
    if let Some(xcs) = form.xcs {
        x.open("encodingDesc", &[])?;
        x.leaf("p", &[("type", "XCSURI")], xcs)?;
        x.close();
    }
    x.close();
    Ok(())
}

/// Writes one concept's entry, languages in `order`.
fn write_entry(
    x: &mut XmlOut,
    form: &Form,
    concept: &crate::model::Concept,
    order: &[Lang],
) -> std::result::Result<(), Unrepresentable> {
    x.open(form.entry, &[("id", &xml_id(&concept.concept))])?;
    if !concept.category.is_empty() {
        x.leaf("descrip", &[("type", "subjectField")], &concept.category)?;
    }
    for lang in order {
        let mut in_lang = concept.terms.iter().filter(|t| t.lang == *lang).peekable();
        if in_lang.peek().is_none() {
            continue;
        }
        x.open(form.lang, &[("xml:lang", lang.as_str())])?;
        for t in in_lang {
            x.open(form.term_holder, &[])?;
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
}

/// The document language: the chosen source, else English.
fn document_lang(selection: &Selection) -> String {
    selection
        .source
        .as_ref()
        .map_or_else(|| "en".to_string(), |l| l.to_string())
}

/// Writes `terms` (canonical order, already filtered) as TBX in `dialect`.
/// An empty termbase is a `<text/>` without a body, since a body must hold
/// at least one entry.
pub fn write_dialect(
    terms: Vec<Term>,
    selection: &Selection,
    dialect: read::Dialect,
) -> Result<String> {
    let form = form(dialect);
    let order = selection.order(&terms);
    let mut x = XmlOut::new();
    if let Some(doctype) = form.doctype {
        x.raw_line(doctype);
    }
    let header = |u| unrepresentable("(header)", u);
    write_header(&mut x, &form, &document_lang(selection)).map_err(header)?;
    if terms.is_empty() {
        x.empty("text", &[]).map_err(header)?;
        return Ok(x.finish());
    }
    x.open("text", &[])
        .and_then(|()| x.open("body", &[]))
        .map_err(header)?;
    for concept in group_concepts(terms) {
        write_entry(&mut x, &form, &concept, &order)
            .map_err(|u| unrepresentable(&concept.concept, u))?;
    }
    Ok(x.finish())
}

/// Writes `terms` (canonical order, already filtered) as TBX v3.
pub fn write(terms: Vec<Term>, selection: &Selection) -> Result<String> {
    write_dialect(terms, selection, read::Dialect::V3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_and_foreign_values_map() {
        for s in Status::ALL {
            assert_eq!(read_status(status_value(*s)), Reading::Native(*s));
            assert_eq!(
                read_status(&format!("{}Term", s.as_str())),
                Reading::Native(*s)
            );
            assert_eq!(read_status(s.as_str()), Reading::Native(*s));
        }
        for t in TermType::ALL {
            assert_eq!(read_type(type_value(*t)), Reading::Native(*t));
        }
        let mapped = |v: &str| read_status(v);
        assert_eq!(
            mapped("standardizedTerm-admn-sts"),
            Reading::Mapped(Status::Preferred)
        );
        assert_eq!(mapped("legalTerm"), Reading::Mapped(Status::Preferred));
        assert_eq!(
            mapped("regulatedTerm-admn-sts"),
            Reading::Mapped(Status::Preferred)
        );
        assert_eq!(mapped("obsolete"), Reading::Mapped(Status::Superseded));
        assert_eq!(
            mapped("DeprecatedTerm-Admn-Sts"),
            Reading::Mapped(Status::Deprecated)
        );
        assert_eq!(mapped("Forbidden"), Reading::Mapped(Status::Deprecated));
        assert_eq!(mapped("proposed"), Reading::Unknown);
        assert_eq!(read_type("abbreviation"), Reading::Mapped(TermType::Short));
        assert_eq!(read_type("initialism"), Reading::Mapped(TermType::Acronym));
        for full in [
            "variant",
            "phrase",
            "entryTerm",
            "synonym",
            "symbol",
            "anything",
        ] {
            assert_eq!(read_type(full), Reading::Mapped(TermType::Full), "{full}");
        }
    }

    #[test]
    fn empty_termbase_is_a_text_without_body_in_both_forms() {
        let doc = write(Vec::new(), &Selection::default()).unwrap();
        assert!(doc.contains("  <text/>\n</tbx>\n"), "{doc}");
        let doc = write_dialect(Vec::new(), &Selection::default(), read::Dialect::Martif).unwrap();
        assert!(doc.contains("  <text/>\n</martif>\n"), "{doc}");
        assert!(!doc.contains("<body"), "{doc}");
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
