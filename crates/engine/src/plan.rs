//! The rules that hold across rows of a termbase, and the plan an import
//! follows. Field-level checks live with each format; what is checked here
//! needs several rows at once: duplicates, one preferred term per concept
//! and language, a preferred term in every language that has terms, one
//! category per concept.
//!
//! An import is checked against the termbase it would produce (the store
//! merged with the file), so a file that is fine on its own but would give
//! a concept a second preferred term is refused before anything is written.

// foldhash: these maps hold a key per row of a file of up to millions of
// rows, and SipHash was a visible part of planning an import.
use foldhash::HashMap;

use rayon::slice::ParallelSliceMut;

use unicode_normalization::char::is_combining_mark;

use crate::chars::{self, describe};
use crate::error::Problem;
use crate::model::SourcedTerm;
use crate::model::{ImportPlan, Status, Term};

/// The line number given to a term that comes from the command line
/// (`hcgloss add`) rather than from a file.
pub const COMMAND_LINE: u64 = 0;

/// The longest term hcgloss keeps, in characters (code points). The
/// longest name in the shipped glossary has 161; a "term" of megabytes is
/// a broken file, and would cost the lookup index and the lint matcher
/// time and memory out of all proportion (a 50 MB term took minutes and
/// gigabytes to index).
pub const MAX_TERM_CHARS: usize = 500;

/// A character XML 1.0 cannot carry (a control character, or U+FFFE or
/// U+FFFF): a term holding one could never be exported as TBX, so it is
/// refused on the way in, whatever the format.
fn unwritable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Why a term would show as something else than it is, if it would: it
/// holds a bidirectional control (which reorders the text around it on
/// screen), a byte-order mark inside it (a file joined to another, or a
/// spreadsheet cell pasted with one), or no visible character at all
/// (only format or invisible characters, or only combining marks: `lint
/// --fix` would replace real words with nothing a reader can see).
fn invisible_problem(term: &str) -> Option<String> {
    if let Some(c) = term.chars().find(|&c| chars::is_bidi_control(c)) {
        return Some(format!(
            "the term \"{term}\" holds {}, a bidirectional control (it changes the order in which the text around it is shown)",
            describe(c)
        ));
    }
    if term.contains('\u{FEFF}') {
        return Some(format!(
            "the term \"{term}\" holds U+FEFF ZERO WIDTH NO-BREAK SPACE, a byte-order mark inside the text; remove it"
        ));
    }
    let visible = |c: char| !chars::is_invisible(c) && !is_combining_mark(c) && !c.is_whitespace();
    if term.chars().any(visible) {
        return None;
    }
    let mut shown: Vec<char> = Vec::new();
    for c in term.chars() {
        if !shown.contains(&c) {
            shown.push(c);
        }
    }
    let mut list: Vec<String> = shown.iter().take(5).map(|&c| describe(c)).collect();
    if shown.len() > 5 {
        list.push("…".into());
    }
    Some(format!(
        "the term \"{term}\" has no visible character: it is only {}",
        list.join(", ")
    ))
}

/// A word of `term` whose letters come from two look-alike alphabets
/// (Latin, Greek, Cyrillic), with the letter of the rarer one: almost
/// always a homoglyph typed or pasted by mistake (a Cyrillic `а` in a
/// Latin word), rarely a brand written that way on purpose.
fn mixed_script(term: &str) -> Option<String> {
    use chars::Script;
    const SCRIPTS: [Script; 3] = [Script::Latin, Script::Greek, Script::Cyrillic];
    for word in term.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c))) {
        let mut count = [0usize; 3];
        let mut first = [None; 3];
        for c in word.chars() {
            if let Some(s) = chars::script(c) {
                let i = SCRIPTS.iter().position(|&x| x == s).expect("listed");
                count[i] += 1;
                first[i].get_or_insert(c);
            }
        }
        if count.iter().filter(|&&n| n > 0).count() < 2 {
            continue;
        }
        // The alphabet of most letters (the first on a tie) is the word's;
        // the first letter of another is the look-alike.
        let main = (0..3).fold(0, |best, i| if count[i] > count[best] { i } else { best });
        let odd = (0..3)
            .find(|&i| i != main && count[i] > 0)
            .expect("two alphabets");
        let c = first[odd].expect("counted");
        return Some(format!(
            "warning: the term \"{term}\" mixes alphabets in the word \"{word}\": U+{:04X} is a {} letter among {} ones (a look-alike typed by mistake?); imported as written",
            c as u32,
            SCRIPTS[odd].name(),
            SCRIPTS[main].name()
        ));
    }
    None
}

/// What is worth a warning but not a refusal in the rows of a file: a
/// word mixing look-alike alphabets (see [`mixed_script`]). Mixed-script
/// names do exist, so the import goes ahead; the warning names the line
/// and the code point so that an accident can be found and fixed.
pub fn check_warnings(label: &str, rows: &[SourcedTerm]) -> Vec<Problem> {
    rows.iter()
        .filter_map(|row| {
            mixed_script(&row.term.term).map(|message| Problem {
                file: label.to_string(),
                line: at(row.line),
                message,
            })
        })
        .collect()
}

/// A problem's line: none for the command line.
fn at(line: u64) -> Option<u64> {
    (line != COMMAND_LINE).then_some(line)
}

/// Where a term of a merged termbase comes from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Line(u64),
    Store,
}

impl Origin {
    fn describe(self) -> String {
        match self {
            Origin::Line(COMMAND_LINE) => "the command line".to_string(),
            Origin::Line(l) => format!("line {l}"),
            Origin::Store => "the store".to_string(),
        }
    }
}

/// Checks the rules between rows of the file alone: duplicate rows and
/// categories that disagree within one concept; and, for every format at
/// once, that no term is longer than [`MAX_TERM_CHARS`], no term or note
/// holds a character TBX cannot carry, and no term is invisible or
/// reordered on screen (see [`invisible_problem`]).
pub fn check_file(label: &str, rows: &[SourcedTerm]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: HashMap<(&str, &str, &str), u64> =
        HashMap::with_capacity_and_hasher(rows.len(), Default::default());
    let mut categories: HashMap<&str, (&str, u64)> = HashMap::default();
    for row in rows {
        let t = &row.term;
        let problem = |message: String| Problem {
            file: label.to_string(),
            line: at(row.line),
            message,
        };
        let length = t.term.chars().count();
        if length > MAX_TERM_CHARS {
            problems.push(problem(format!(
                "the term is {length} characters long; a term has at most {MAX_TERM_CHARS}"
            )));
        }
        if let Some(c) = t.term.chars().find(|&c| unwritable(c)) {
            problems.push(problem(format!(
                "the term holds U+{:04X}, a character TBX and TMX cannot carry",
                c as u32
            )));
        }
        if let Some(message) = invisible_problem(&t.term) {
            problems.push(problem(message));
        }
        if let Some(c) = t
            .note
            .chars()
            .find(|&c| unwritable(c) && !matches!(c, '\t' | '\n' | '\r'))
        {
            problems.push(problem(format!(
                "the note holds U+{:04X}, a character TBX and TMX cannot carry",
                c as u32
            )));
        }
        if let Some(first) = seen.insert((&t.concept, t.lang.as_str(), &t.term), row.line) {
            problems.push(problem(format!(
                "duplicate row: {} term \"{}\" of concept {} is already on line {first}",
                t.lang, t.term, t.concept
            )));
            // Keep the first occurrence as the reference.
            seen.insert((&t.concept, t.lang.as_str(), &t.term), first);
        }
        if !t.category.is_empty() {
            match categories.get(t.concept.as_str()) {
                Some((cat, line)) if *cat != t.category => problems.push(problem(format!(
                    "category \"{}\" conflicts with \"{cat}\" given for concept {} on line {line}",
                    t.category, t.concept
                ))),
                Some(_) => {}
                None => {
                    categories.insert(&t.concept, (&t.category, row.line));
                }
            }
        }
    }
    problems
}

/// Checks the preferred-term rules over a whole termbase. Problems about
/// terms from the file are reported at their line; a concept that only the
/// store makes inconsistent is reported against the file with no line.
pub fn check_termbase(label: &str, terms: &[(Origin, &Term)]) -> Vec<Problem> {
    // Terms are grouped by (concept, language) by sorting their positions,
    // not by filling a map: on a million terms a parallel sort takes a
    // fraction of the time a tree of groups does. The position breaks ties,
    // so each group keeps the order the terms were given in.
    let mut order: Vec<(&str, &str, usize)> = terms
        .iter()
        .enumerate()
        .map(|(i, (_, t))| (t.concept.as_str(), t.lang.as_str(), i))
        .collect();
    order.par_sort_unstable();
    let mut problems = Vec::new();
    let mut group: Vec<(Origin, &Term)> = Vec::new();
    for keys in order.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let (concept, lang) = (keys[0].0, keys[0].1);
        group.clear();
        group.extend(keys.iter().map(|&(_, _, i)| terms[i]));
        check_group(label, concept, lang, &group, &mut problems);
    }
    problems.sort_by_key(|p| p.line.unwrap_or(0));
    problems
}

/// The preferred-term rules for the terms of one concept in one language.
fn check_group(
    label: &str,
    concept: &str,
    lang: &str,
    group: &[(Origin, &Term)],
    problems: &mut Vec<Problem>,
) {
    // The store's term (then the earliest line) is the reference; the
    // others are reported as the second preferred term.
    let mut preferred: Vec<_> = group
        .iter()
        .filter(|(_, t)| t.status == Status::Preferred)
        .collect();
    if preferred.len() == 1 {
        return;
    }
    preferred.sort_by_key(|(origin, _)| match origin {
        Origin::Store => (0, 0),
        Origin::Line(l) => (1, *l),
    });
    // Report at a line of the file when the file takes part.
    let file_line = group.iter().find_map(|(o, _)| match o {
        Origin::Line(l) => at(*l),
        Origin::Store => None,
    });
    match preferred.len() {
        0 => problems.push(Problem {
            file: label.to_string(),
            line: file_line,
            message: format!(
                "concept {concept} has {lang} terms but none is preferred (every language with terms needs exactly one)"
            ),
        }),
        _ => {
            let (first_origin, first) = preferred[0];
            for (origin, t) in &preferred[1..] {
                let line = match origin {
                    Origin::Line(l) => at(*l),
                    Origin::Store => file_line,
                };
                problems.push(Problem {
                    file: label.to_string(),
                    line,
                    message: format!(
                        "second preferred {lang} term for concept {concept}: \"{}\" ({}) and \"{}\" ({}); keep one preferred and make the other admitted",
                        t.term,
                        origin.describe(),
                        first.term,
                        first_origin.describe()
                    ),
                });
            }
        }
    }
}

/// For an import that merges: a row naming a stored term whose note cell
/// is empty keeps the stored note, so a partial file (terms and statuses
/// only) does not clear the notes a terminologist wrote. Returns how many
/// notes were kept.
pub fn keep_stored_notes(rows: &mut [SourcedTerm], existing: &[Term]) -> usize {
    let notes: HashMap<(&str, &str, &str), &str> = existing
        .iter()
        .filter(|t| !t.note.is_empty())
        .map(|t| {
            (
                (t.concept.as_str(), t.lang.as_str(), t.term.as_str()),
                t.note.as_str(),
            )
        })
        .collect();
    let mut kept = 0;
    for row in rows.iter_mut().filter(|r| r.term.note.is_empty()) {
        let t = &row.term;
        if let Some(note) = notes.get(&(t.concept.as_str(), t.lang.as_str(), t.term.as_str())) {
            row.term.note = note.to_string();
            kept += 1;
        }
    }
    kept
}

/// Fits the terms of a foreign file (TBX) to the store before
/// [`plan_import`] (the canonical CSV never goes through this):
///
/// - a term the reader made preferred only because its language stated
///   none (`chosen`, indices into `rows`) becomes admitted when the store already has
///   another preferred term there that the file does not restate: the
///   store's choice was made by someone, the reader's by rule;
/// - the terms of a concept and language that have no preferred term in
///   the file nor in the store (all deprecated or superseded) are left
///   out, since hcgloss keeps a preferred term in every language.
///
/// Each is reported.
pub fn settle_foreign(
    rows: &mut Vec<SourcedTerm>,
    existing: &[Term],
    chosen: &[usize],
    adjustments: &mut crate::adjust::Adjustments,
) {
    use std::collections::{BTreeMap, HashSet};
    if !chosen.is_empty() {
        let chosen: HashSet<usize> = chosen.iter().copied().collect();
        let store_preferred: HashMap<(&str, &str), &str> = existing
            .iter()
            .filter(|t| t.status == Status::Preferred)
            .map(|t| ((t.concept.as_str(), t.lang.as_str()), t.term.as_str()))
            .collect();
        let named: HashSet<(&str, &str, &str)> = rows
            .iter()
            .map(|r| {
                let t = &r.term;
                (t.concept.as_str(), t.lang.as_str(), t.term.as_str())
            })
            .collect();
        let demote: Vec<(usize, String)> = rows
            .iter()
            .enumerate()
            .filter(|(i, r)| r.term.status == Status::Preferred && chosen.contains(i))
            .filter_map(|(i, r)| {
                let t = &r.term;
                let stored = *store_preferred.get(&(t.concept.as_str(), t.lang.as_str()))?;
                (stored != t.term
                    && !named.contains(&(t.concept.as_str(), t.lang.as_str(), stored)))
                .then(|| (i, stored.to_string()))
            })
            .collect();
        for (i, stored) in demote {
            let row = &mut rows[i];
            row.term.status = Status::Admitted;
            let t = &row.term;
            adjustments.add(
                crate::adjust::Kind::PreferredDemoted,
                row.line,
                t.lang.to_string(),
                format!(
                    "\"{}\" was made preferred for want of a stated preferred term, but the store's preferred {} term of {} is \"{stored}\": that one stays preferred and \"{}\" is admitted",
                    t.term, t.lang, t.concept, t.term
                ),
            );
        }
    }
    let mut preferred: HashSet<(&str, &str)> = existing
        .iter()
        .filter(|t| t.status == Status::Preferred)
        .map(|t| (t.concept.as_str(), t.lang.as_str()))
        .collect();
    preferred.extend(
        rows.iter()
            .filter(|r| r.term.status == Status::Preferred)
            .map(|r| (r.term.concept.as_str(), r.term.lang.as_str())),
    );
    let mut unusable: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let key = (r.term.concept.as_str(), r.term.lang.as_str());
        if !preferred.contains(&key) {
            unusable
                .entry((key.0.to_string(), key.1.to_string()))
                .or_default()
                .push(i);
        }
    }
    if unusable.is_empty() {
        return;
    }
    let mut drop = vec![false; rows.len()];
    for ((concept, lang), at) in &unusable {
        let terms: Vec<String> = at
            .iter()
            .map(|&i| format!("\"{}\"", rows[i].term.term))
            .collect();
        adjustments.add(
            crate::adjust::Kind::UnusableLanguage,
            rows[at[0]].line,
            lang.clone(),
            format!(
                "{lang} of concept {concept} has only deprecated or superseded terms ({}) and the store has no preferred {lang} term for it: left out, since every language hcgloss keeps has a preferred term",
                terms.join(", ")
            ),
        );
        for &i in at {
            drop[i] = true;
        }
    }
    let mut i = 0;
    rows.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Plans importing `rows` into a store that holds `existing`. The file is
/// the authority on everything it names: a concept's category given in the
/// file replaces the store's. With `replace`, terms the file does not name
/// are removed. Returns every problem of the merged result.
///
/// Terms are moved, never copied: an import of a million rows would
/// otherwise spend seconds cloning strings.
pub fn plan_import(
    label: &str,
    existing: Vec<Term>,
    mut rows: Vec<SourcedTerm>,
    replace: bool,
) -> Result<ImportPlan, Vec<Problem>> {
    let problems = check_file(label, &rows);
    if !problems.is_empty() {
        return Err(problems);
    }
    let warnings = check_warnings(label, &rows);
    fill_categories(&mut rows, &existing);

    // Each row against the store: new, changed or the same; and which
    // stored terms the file names.
    let mut named = vec![false; existing.len()];
    let changes: Vec<Change> = {
        let by_key: HashMap<(&str, &str, &str), usize> = existing
            .iter()
            .enumerate()
            .map(|(i, t)| ((t.concept.as_str(), t.lang.as_str(), t.term.as_str()), i))
            .collect();
        rows.iter()
            .map(|r| {
                let t = &r.term;
                match by_key.get(&(t.concept.as_str(), t.lang.as_str(), t.term.as_str())) {
                    Some(&i) => {
                        named[i] = true;
                        if existing[i] == *t {
                            Change::Unchanged
                        } else {
                            Change::Updated(i)
                        }
                    }
                    None => Change::Added,
                }
            })
            .collect()
    };

    // What is left of the store: kept, or removed with --replace. A kept
    // term whose concept the file re-categorised is an update too.
    let mut plan = ImportPlan {
        warnings,
        ..ImportPlan::default()
    };
    let mut kept = Vec::new();
    let mut previous: HashMap<usize, Term> = HashMap::default();
    let mut recategorised = Vec::new();
    {
        let file_category: HashMap<&str, &str> = if existing.is_empty() || replace {
            HashMap::default()
        } else {
            rows.iter()
                .map(|r| (r.term.concept.as_str(), r.term.category.as_str()))
                .collect()
        };
        let updated: foldhash::HashSet<usize> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Updated(i) => Some(*i),
                _ => None,
            })
            .collect();
        for (i, (mut t, named)) in existing.into_iter().zip(named).enumerate() {
            if named {
                if updated.contains(&i) {
                    previous.insert(i, t);
                }
                continue;
            }
            if replace {
                plan.removed.push(t);
                continue;
            }
            if let Some(&c) = file_category.get(t.concept.as_str())
                && c != t.category
            {
                let before = t.clone();
                t.category = c.to_string();
                recategorised.push((before, t.clone()));
            }
            kept.push(t);
        }
    }

    let mut merged: Vec<(Origin, &Term)> = Vec::with_capacity(rows.len() + kept.len());
    merged.extend(rows.iter().map(|r| (Origin::Line(r.line), &r.term)));
    merged.extend(kept.iter().map(|t| (Origin::Store, t)));
    let problems = check_termbase(label, &merged);
    if !problems.is_empty() {
        return Err(problems);
    }
    drop(merged);

    for (row, change) in rows.into_iter().zip(changes) {
        match change {
            Change::Unchanged => plan.unchanged += 1,
            Change::Updated(i) => {
                plan.previous
                    .push(previous.remove(&i).expect("kept for each update"));
                plan.updated.push(row.term);
            }
            Change::Added => plan.added.push(row.term),
        }
    }
    for (before, after) in recategorised {
        plan.previous.push(before);
        plan.updated.push(after);
    }
    Ok(plan)
}

/// What a row of the file does to the store.
#[derive(Clone, Copy)]
enum Change {
    Added,
    /// A stored term (its index among them) whose fields change.
    Updated(usize),
    Unchanged,
}

/// Gives every row its concept's category: the file's when a row of the
/// concept gives one (the rows agree, [`check_file`] saw to that), else
/// the store's.
fn fill_categories(rows: &mut [SourcedTerm], existing: &[Term]) {
    let fills: Vec<(usize, String)> = {
        let mut known: HashMap<&str, &str> = existing
            .iter()
            .map(|t| (t.concept.as_str(), t.category.as_str()))
            .collect();
        known.extend(
            rows.iter()
                .filter(|r| !r.term.category.is_empty())
                .map(|r| (r.term.concept.as_str(), r.term.category.as_str())),
        );
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.term.category.is_empty())
            .filter_map(|(i, r)| {
                known
                    .get(r.term.concept.as_str())
                    .filter(|c| !c.is_empty())
                    .map(|c| (i, c.to_string()))
            })
            .collect()
    };
    for (i, category) in fills {
        rows[i].term.category = category;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(concept: &str, lang: &str, text: &str, status: Status) -> Term {
        Term::sample(concept, "general", lang, text, status)
    }

    /// The problems `check_file` finds in `file`, as printed.
    fn problem_lines(file: &[SourcedTerm]) -> Vec<String> {
        check_file("g.csv", file)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn rows(terms: Vec<Term>) -> Vec<SourcedTerm> {
        terms
            .into_iter()
            .enumerate()
            .map(|(i, term)| SourcedTerm {
                line: i as u64 + 2,
                term,
            })
            .collect()
    }

    #[test]
    fn control_characters_are_refused_in_terms_and_notes() {
        let mut with_note = term("b", "en", "B", Status::Preferred);
        with_note.note = "line one\nline two\u{1b}[31m".into();
        let mut fine_note = term("c", "en", "C", Status::Preferred);
        fine_note.note = "tab\there\r\nand a new line".into();
        let file = rows(vec![
            term("a", "en", "bell\u{7}", Status::Preferred),
            with_note,
            fine_note,
            term("d", "en", "not a character \u{FFFF}", Status::Preferred),
        ]);
        let problems = problem_lines(&file);
        assert_eq!(
            problems,
            [
                "g.csv:2: the term holds U+0007, a character TBX and TMX cannot carry",
                "g.csv:3: the note holds U+001B, a character TBX and TMX cannot carry",
                "g.csv:5: the term holds U+FFFF, a character TBX and TMX cannot carry",
            ]
        );
    }

    #[test]
    fn invisible_and_reordering_terms_are_refused() {
        let file = rows(vec![
            term("a", "en", "\u{200B}", Status::Preferred),
            term("b", "en", "\u{200D}\u{FEFF}", Status::Preferred),
            term("c", "en", "\u{301}\u{302}", Status::Preferred),
            term("d", "en", "abc\u{202E}def", Status::Preferred),
            term("e", "en", "Ke\u{FEFF}menterian", Status::Preferred),
            term("f", "en", "\u{2067}x", Status::Preferred),
            term("g", "en", "\u{200E}", Status::Preferred),
            // Invisible characters inside a visible term are kept: a soft
            // hyphen or a joiner has its uses.
            term("h", "en", "Kemen\u{AD}terian", Status::Preferred),
            term("i", "en", "e\u{301}", Status::Preferred),
        ]);
        let problems = problem_lines(&file);
        assert_eq!(
            problems,
            [
                "g.csv:2: the term \"\u{200B}\" has no visible character: it is only U+200B ZERO WIDTH SPACE",
                "g.csv:3: the term \"\u{200D}\u{FEFF}\" holds U+FEFF ZERO WIDTH NO-BREAK SPACE, a byte-order mark inside the text; remove it",
                "g.csv:4: the term \"\u{301}\u{302}\" has no visible character: it is only U+0301, U+0302",
                "g.csv:5: the term \"abc\u{202E}def\" holds U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control (it changes the order in which the text around it is shown)",
                "g.csv:6: the term \"Ke\u{FEFF}menterian\" holds U+FEFF ZERO WIDTH NO-BREAK SPACE, a byte-order mark inside the text; remove it",
                "g.csv:7: the term \"\u{2067}x\" holds U+2067 RIGHT-TO-LEFT ISOLATE, a bidirectional control (it changes the order in which the text around it is shown)",
                "g.csv:8: the term \"\u{200E}\" holds U+200E LEFT-TO-RIGHT MARK, a bidirectional control (it changes the order in which the text around it is shown)",
            ]
        );
    }

    #[test]
    fn words_mixing_look_alike_alphabets_are_warned_about() {
        let file = rows(vec![
            term(
                "a",
                "id",
                "Kementerian Lu\u{430}r Negeri",
                Status::Preferred,
            ),
            term("b", "en", "\u{391}lpha", Status::Preferred),
            // Different alphabets in different words, or other scripts,
            // are fine.
            term("c", "ru", "Bộ Công an Министерство", Status::Preferred),
            term("d", "ja", "Tリーグ", Status::Preferred),
        ]);
        assert!(check_file("g.csv", &file).is_empty());
        let warnings: Vec<String> = check_warnings("g.csv", &file)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            warnings,
            [
                "g.csv:2: warning: the term \"Kementerian Lu\u{430}r Negeri\" mixes alphabets in the word \"Lu\u{430}r\": U+0430 is a Cyrillic letter among Latin ones (a look-alike typed by mistake?); imported as written",
                "g.csv:3: warning: the term \"\u{391}lpha\" mixes alphabets in the word \"\u{391}lpha\": U+0391 is a Greek letter among Latin ones (a look-alike typed by mistake?); imported as written",
            ]
        );
    }

    #[test]
    fn terms_longer_than_the_limit_are_refused_at_their_line() {
        let longest = "ủ".repeat(MAX_TERM_CHARS);
        let too_long = format!("{longest}a");
        let file = rows(vec![
            term("a", "vi", &longest, Status::Preferred),
            term("b", "vi", &too_long, Status::Preferred),
        ]);
        let problems = check_file("g.csv", &file);
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["g.csv:3: the term is 501 characters long; a term has at most 500"]
        );
    }

    #[test]
    fn duplicate_and_category_conflicts() {
        let mut b = term("c", "id", "B", Status::Admitted);
        b.category = "place".into();
        let r = rows(vec![
            term("c", "id", "A", Status::Preferred),
            term("c", "id", "A", Status::Preferred),
            b,
        ]);
        let p = check_file("g.csv", &r);
        assert_eq!(p.len(), 2);
        assert!(p[0].to_string().starts_with("g.csv:3: duplicate row"));
        assert!(
            p[1].to_string()
                .contains("conflicts with \"general\" given for concept c on line 2")
        );
    }

    #[test]
    fn second_preferred_across_file_and_store_is_refused() {
        let existing = vec![term("c", "id", "Old", Status::Preferred)];
        let file = rows(vec![term("c", "id", "New", Status::Preferred)]);
        let problems = plan_import("g.csv", existing.clone(), file.clone(), false).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("g.csv:2: second preferred id term"),
            "{}",
            problems[0]
        );
        // With --replace the old term goes, so the file is fine.
        let plan = plan_import("g.csv", existing, file, true).unwrap();
        assert_eq!((plan.added.len(), plan.removed.len()), (1, 1));
    }

    #[test]
    fn language_without_preferred_is_refused() {
        let file = rows(vec![term("c", "vi", "X", Status::Admitted)]);
        let p = plan_import("g.csv", vec![], file, false).unwrap_err();
        assert!(p[0].message.contains("none is preferred"));
    }

    #[test]
    fn reimport_is_unchanged_and_edit_is_update() {
        let existing = vec![
            term("c", "id", "A", Status::Preferred),
            term("c", "id", "B", Status::Admitted),
        ];
        let plan = plan_import("g", existing.clone(), rows(existing.clone()), false).unwrap();
        assert_eq!(plan.unchanged, 2);
        assert!(!plan.changes_anything());
        let mut edited = existing.clone();
        edited[1].status = Status::Deprecated;
        let plan = plan_import("g", existing, rows(edited), false).unwrap();
        assert_eq!((plan.updated.len(), plan.unchanged), (1, 1));
    }
}
