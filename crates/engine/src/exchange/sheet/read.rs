//! Reading a sheet back: the header names the columns, each row is one
//! concept, list cells are split and checked against one another.

use std::collections::HashMap;

use super::{
    ID_COLUMN, SEPARATOR, SUBJECT_COLUMN, header_lang, lang_header, split_list, unneutralise,
};
use crate::error::{Error, Problem, Result};
use crate::exchange::csv::{LineCounter, check_quotes, clean_note};
use crate::exchange::entry_ids::{SlugAssigner, slug_for_id};
use crate::model::SourcedTerm;
use crate::model::{Lang, Status, Term, TermType, check_category};
use crate::normalize::clean_term;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Subject,
    Terms(Lang),
    Statuses(Lang),
    Types(Lang),
    Notes(Lang),
}

fn column(header: &str) -> Option<Column> {
    match header {
        ID_COLUMN => return Some(Column::Id),
        SUBJECT_COLUMN => return Some(Column::Subject),
        _ => {}
    }
    if let Some((name, field)) = header.rsplit_once('_') {
        let lang = header_lang(name)?;
        return match field.to_ascii_lowercase().as_str() {
            "status" => Some(Column::Statuses(lang)),
            "type" => Some(Column::Types(lang)),
            "note" => Some(Column::Notes(lang)),
            _ => None,
        };
    }
    header_lang(header).map(Column::Terms)
}

/// Why a column named like a language tag (`vn`, `jp_Status`) names none,
/// if it is named like one.
fn bad_language_column(header: &str) -> Option<String> {
    let name = match header.rsplit_once('_') {
        Some((name, field))
            if matches!(
                field.to_ascii_lowercase().as_str(),
                "status" | "type" | "note"
            ) =>
        {
            name
        }
        _ => header,
    };
    let primary = name.split(['-', '_']).next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    name.parse::<Lang>().err()
}

/// The columns of one language.
#[derive(Debug, Default, Clone)]
struct LangColumns {
    terms: Option<usize>,
    statuses: Option<usize>,
    types: Option<usize>,
    notes: Option<usize>,
}

struct Layout {
    id: usize,
    subject: Option<usize>,
    langs: Vec<(Lang, LangColumns)>,
    width: usize,
}

fn layout(label: &str, header: &csv::StringRecord) -> Result<Layout> {
    let mut problems = Vec::new();
    let mut id = None;
    let mut subject = None;
    let mut langs: Vec<(Lang, LangColumns)> = Vec::new();
    let problem = |message: String| Problem {
        file: label.to_string(),
        line: Some(1),
        message,
    };
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim();
        let Some(col) = column(name) else {
            if let Some(e) = bad_language_column(name) {
                problems.push(problem(format!("column \"{name}\": {e}")));
                continue;
            }
            problems.push(problem(format!(
                "column \"{name}\" is not one of {ID_COLUMN}, {SUBJECT_COLUMN}, a language (English, Indonesian, Vietnamese or a tag such as fr) or a language followed by _Status, _Type or _Note"
            )));
            continue;
        };
        let slot = |langs: &mut Vec<(Lang, LangColumns)>, lang: Lang| -> usize {
            match langs.iter().position(|(l, _)| *l == lang) {
                Some(p) => p,
                None => {
                    langs.push((lang, LangColumns::default()));
                    langs.len() - 1
                }
            }
        };
        let target = match col {
            Column::Id => &mut id,
            Column::Subject => &mut subject,
            Column::Terms(l) => {
                let p = slot(&mut langs, l);
                &mut langs[p].1.terms
            }
            Column::Statuses(l) => {
                let p = slot(&mut langs, l);
                &mut langs[p].1.statuses
            }
            Column::Types(l) => {
                let p = slot(&mut langs, l);
                &mut langs[p].1.types
            }
            Column::Notes(l) => {
                let p = slot(&mut langs, l);
                &mut langs[p].1.notes
            }
        };
        if target.replace(i).is_some() {
            problems.push(problem(format!("column \"{name}\" appears twice")));
        }
    }
    if id.is_none() {
        problems.push(problem(format!(
            "no {ID_COLUMN} column: a sheet starts with {ID_COLUMN},{SUBJECT_COLUMN} and then a column group per language"
        )));
    }
    for (lang, cols) in &langs {
        if cols.terms.is_none() {
            problems.push(problem(format!(
                "columns for {lang} but no term column \"{}\"",
                lang_header(lang)
            )));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Layout {
        id: id.expect("checked above"),
        subject,
        langs,
        width: header.len(),
    })
}

/// Reads the aligned values of one list cell: none (an empty cell) or
/// exactly one per term.
fn aligned<T>(
    cell: &str,
    count: usize,
    what: &str,
    lang: &Lang,
    parse: impl Fn(&str) -> std::result::Result<T, String>,
    problems: &mut Vec<String>,
) -> Option<Vec<T>> {
    if cell.trim().is_empty() {
        return None;
    }
    let items = split_list(cell);
    if items.len() != count {
        problems.push(format!(
            "{lang}: {} {what} values for {count} terms (one per term, joined by {SEPARATOR}, or none)",
            items.len()
        ));
        return None;
    }
    let mut values = Vec::with_capacity(count);
    for item in &items {
        match parse(item) {
            Ok(v) => values.push(v),
            Err(e) => problems.push(format!("{lang}: {e}")),
        }
    }
    (values.len() == count).then_some(values)
}

/// A row read: its line, its `Entry_ID` cell and its terms (without a
/// concept yet).
struct Entry {
    line: u64,
    id: String,
    terms: Vec<Term>,
}

/// The terms of one language's cells; what is wrong with them is added to
/// `problems`.
fn lang_terms(
    lang: &Lang,
    cols: &LangColumns,
    cell: &dyn Fn(usize) -> String,
    category: &str,
    problems: &mut Vec<String>,
) -> Vec<Term> {
    let texts: Vec<String> = match cols.terms.map(cell) {
        Some(c) if !c.trim().is_empty() => split_list(&c).iter().map(|t| clean_term(t)).collect(),
        _ => return Vec::new(),
    };
    if texts.iter().any(String::is_empty) {
        problems.push(format!(
            "{lang}: an empty term in \"{}\"",
            cols.terms.map_or(String::new(), cell)
        ));
        return Vec::new();
    }
    let n = texts.len();
    let statuses = cols.statuses.map(cell).and_then(|c| {
        aligned(
            &c,
            n,
            "status",
            lang,
            |s| s.trim().parse::<Status>(),
            problems,
        )
    });
    let types = cols.types.map(cell).and_then(|c| {
        aligned(
            &c,
            n,
            "type",
            lang,
            |s| s.trim().parse::<TermType>(),
            problems,
        )
    });
    let notes = cols
        .notes
        .map(cell)
        .and_then(|c| aligned(&c, n, "note", lang, |s| Ok(clean_note(s)), problems));
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            // Without a status cell the first term is preferred.
            let default_status = if i == 0 {
                Status::Preferred
            } else {
                Status::Admitted
            };
            Term {
                concept: String::new(),
                lang: lang.clone(),
                term: text,
                status: statuses.as_ref().map_or(default_status, |s| s[i]),
                term_type: types.as_ref().map_or(TermType::Full, |t| t[i]),
                category: category.to_string(),
                note: notes.as_ref().map_or_else(String::new, |n| n[i].clone()),
            }
        })
        .collect()
}

/// One row's terms, or its problems.
fn parse_row(layout: &Layout, record: &csv::StringRecord) -> Result<Vec<Term>, Vec<String>> {
    if record.len() != layout.width {
        return Err(vec![format!(
            "{} fields, expected {} as in the header",
            record.len(),
            layout.width
        )]);
    }
    let cell = |i: usize| unneutralise(record.get(i).unwrap_or("")).to_string();
    let mut problems = Vec::new();
    let category = layout
        .subject
        .map_or(String::new(), cell)
        .trim()
        .to_string();
    if !category.is_empty()
        && let Err(e) = check_category(&category)
    {
        problems.push(e);
    }
    let mut terms = Vec::new();
    for (lang, cols) in &layout.langs {
        terms.extend(lang_terms(lang, cols, &cell, &category, &mut problems));
    }
    if problems.is_empty() && terms.is_empty() {
        problems.push("the row has an entry but no term".into());
    }
    if problems.is_empty() {
        Ok(terms)
    } else {
        Err(problems)
    }
}

/// The concept of each entry: its `Entry_ID` as a slug, `None` for one to
/// be made from its first term. Ids that collide or name nothing are
/// problems.
fn entry_slugs(
    label: &str,
    entries: &[Entry],
    slugs: &mut SlugAssigner,
    problems: &mut Vec<Problem>,
) -> Vec<Option<String>> {
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut problem = |line: u64, message: String| {
        problems.push(Problem {
            file: label.to_string(),
            line: Some(line),
            message,
        })
    };
    entries
        .iter()
        .map(|entry| {
            let id = &entry.id;
            if id.is_empty() {
                return None;
            }
            let Some(slug) = slug_for_id(id) else {
                problem(
                    entry.line,
                    format!("{ID_COLUMN} \"{id}\" has no letters or digits to name a concept"),
                );
                return None;
            };
            if let Some(first) = ids.insert(slug.clone(), entry.line) {
                problem(
                    entry.line,
                    format!("{ID_COLUMN} \"{id}\" (concept {slug}) is also on line {first}"),
                );
            }
            slugs.claim(&slug);
            Some(slug)
        })
        .collect()
}

/// Parses sheet text (BOM already stripped).
pub fn parse(label: &str, text: &str) -> Result<Vec<SourcedTerm>> {
    let delimiter = super::delimiter(text);
    check_quotes(label, text, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut record = csv::StringRecord::new();
    let read = |reader: &mut csv::Reader<&[u8]>,
                record: &mut csv::StringRecord,
                lines: &mut LineCounter<'_>|
     -> Result<bool> {
        reader.read_record(record).map_err(|e| {
            let line = lines.line_at(e.position().map_or(0, |p| p.byte() as usize));
            Error::invalid(label, Some(line), format!("not valid CSV: {e}"))
        })
    };
    if !read(&mut reader, &mut record, &mut lines)? {
        return Err(Error::invalid(label, None, "the file is empty"));
    }
    let layout = layout(label, &record)?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    while read(&mut reader, &mut record, &mut lines)? {
        let line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match parse_row(&layout, &record) {
            Ok(terms) => entries.push(Entry {
                line,
                id: unneutralise(record.get(layout.id).unwrap_or(""))
                    .trim()
                    .to_string(),
                terms,
            }),
            Err(messages) => problems.extend(messages.into_iter().map(|message| Problem {
                file: label.to_string(),
                line: Some(line),
                message,
            })),
        }
    }
    let mut slugs = SlugAssigner::default();
    let assigned = entry_slugs(label, &entries, &mut slugs, &mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(Error::Invalid(problems));
    }
    let mut out = Vec::new();
    for (ordinal, (entry, slug)) in entries.into_iter().zip(assigned).enumerate() {
        let slug = slug.unwrap_or_else(|| slugs.derive(&entry.terms[0].term, ordinal + 1));
        for mut term in entry.terms {
            term.concept = slug.clone();
            out.push(SourcedTerm {
                line: entry.line,
                term,
            });
        }
    }
    Ok(out)
}
