//! What an import changed in a foreign file to fit hcgloss's model, and
//! what it left out, for the front end to report: a summary for the
//! import's result line and the line-by-line details for standard error.
//!
//! Foreign formats (TBX, TMX, tab-separated TMs, OmegaT glossaries) are
//! read liberally: what is valid is imported, and every value mapped,
//! every choice made and everything dropped is recorded here with its
//! line. hcgloss's own `glossary.csv` is never adjusted.

use std::collections::BTreeMap;

/// The kinds of adjustment, in the order a summary lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A language tag written another way (`en_US`, `in`).
    Language,
    /// A TBX subject field that names a category in other words.
    SubjectCategory,
    /// A TBX subject field that is no category: kept in the notes.
    SubjectNote,
    /// A TBX term type mapped to the nearest hcgloss type.
    TermType,
    /// A status mapped to the nearest hcgloss status.
    Status,
    /// Several language sections of one language in one entry.
    MergedLanguages,
    /// A language with no preferred term: its first usable term made so.
    PreferredChosen,
    /// A second preferred term in one language, made admitted.
    PreferredDemoted,
    /// A language whose terms may none be used (all deprecated).
    UnusableLanguage,
    /// An empty term left out.
    EmptyTerm,
    /// A term given twice in one language of one entry, kept once.
    DuplicateTerm,
    /// A segment left out because it was empty.
    EmptySegment,
    /// A unit with two segments in one language, split in two.
    SplitUnit,
    /// A unit left out because no segment was left in it.
    EmptyUnit,
    /// A creation date that could not be read.
    CreationDate,
    /// TMX inline codes dropped from segments.
    InlineCode,
    /// OmegaT rows of one target term with different comments.
    Comment,
    /// A spreadsheet's CSV with semicolons between its columns.
    Separator,
}

impl Kind {
    /// The words for one and for several.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Kind::Language => (
                "language tag read in its standard form",
                "language tags read in their standard form",
            ),
            Kind::SubjectCategory => (
                "subject field read as a category",
                "subject fields read as categories",
            ),
            Kind::SubjectNote => (
                "subject field kept as a note",
                "subject fields kept as notes",
            ),
            Kind::TermType => ("term type mapped", "term types mapped"),
            Kind::Status => ("status mapped", "statuses mapped"),
            Kind::MergedLanguages => (
                "language section merged into an earlier one",
                "language sections merged into earlier ones",
            ),
            Kind::PreferredChosen => (
                "language given a preferred term",
                "languages given a preferred term",
            ),
            Kind::PreferredDemoted => (
                "second preferred term made admitted",
                "second preferred terms made admitted",
            ),
            Kind::UnusableLanguage => (
                "language with only deprecated terms left out",
                "languages with only deprecated terms left out",
            ),
            Kind::EmptyTerm => ("empty term left out", "empty terms left out"),
            Kind::DuplicateTerm => ("term given twice kept once", "terms given twice kept once"),
            Kind::EmptySegment => ("empty segment left out", "empty segments left out"),
            Kind::SplitUnit => (
                "unit with two segments in one language split",
                "units with two segments in one language split",
            ),
            Kind::EmptyUnit => ("unit with no text left out", "units with no text left out"),
            Kind::CreationDate => ("creation date not read", "creation dates not read"),
            Kind::InlineCode => ("inline code dropped", "inline codes dropped"),
            Kind::Comment => (
                "differing comment joined into the note",
                "differing comments joined into the notes",
            ),
            Kind::Separator => (
                "file read as semicolon-separated",
                "files read as semicolon-separated",
            ),
        }
    }
}

/// The record of one kind.
#[derive(Debug, Clone, Default)]
struct Log {
    count: usize,
    /// How often each value or mapping occurred (`variant → full`).
    variants: BTreeMap<String, usize>,
    /// Every detail, with its line and how many adjustments it tells of
    /// (one detail may tell of several made at one line).
    details: Vec<(u64, String, usize)>,
}

/// How many details of one kind are shown before the rest are counted,
/// unless every one is asked for.
pub const DETAILS_PER_KIND: usize = 5;

/// How many distinct values of one kind the summary names.
const VARIANTS_SHOWN: usize = 4;

/// Every adjustment of one file.
#[derive(Debug, Clone, Default)]
pub struct Adjustments {
    kinds: BTreeMap<Kind, Log>,
}

impl Adjustments {
    /// Records one adjustment at `line`: `variant` is what the summary
    /// counts it under (a value or a mapping, or empty), `detail` what
    /// standard error says about it.
    pub fn add(
        &mut self,
        kind: Kind,
        line: u64,
        variant: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.add_many(kind, line, 1, variant, detail);
    }

    /// Records `n` adjustments of one kind made at one line, with one
    /// detail.
    pub fn add_many(
        &mut self,
        kind: Kind,
        line: u64,
        n: usize,
        variant: impl Into<String>,
        detail: impl Into<String>,
    ) {
        let log = self.kinds.entry(kind).or_default();
        log.count += n;
        let variant = variant.into();
        if !variant.is_empty() {
            *log.variants.entry(variant).or_default() += n;
        }
        log.details.push((line, detail.into(), n));
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// How many adjustments of `kind` were made.
    pub fn count(&self, kind: Kind) -> usize {
        self.kinds.get(&kind).map_or(0, |l| l.count)
    }

    /// Adds the adjustments of `other`.
    pub fn extend(&mut self, other: Adjustments) {
        for (kind, log) in other.kinds {
            let mine = self.kinds.entry(kind).or_default();
            mine.count += log.count;
            for (v, n) in log.variants {
                *mine.variants.entry(v).or_default() += n;
            }
            mine.details.extend(log.details);
        }
    }

    /// One phrase for the result line: `12 subject fields kept as notes
    /// (Software ×2, General ×1), 3 term types mapped (variant → full ×3)`.
    pub fn summary(&self) -> String {
        self.kinds
            .iter()
            .map(|(kind, log)| {
                let (one, many) = kind.words();
                let mut s = format!("{} {}", log.count, if log.count == 1 { one } else { many });
                if !log.variants.is_empty() {
                    let mut variants: Vec<(&String, &usize)> = log.variants.iter().collect();
                    variants.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                    let mut shown: Vec<String> = variants
                        .iter()
                        .take(VARIANTS_SHOWN)
                        .map(|(v, n)| format!("{v} ×{n}"))
                        .collect();
                    if variants.len() > VARIANTS_SHOWN {
                        shown.push(format!("{} more", variants.len() - VARIANTS_SHOWN));
                    }
                    s.push_str(&format!(" ({})", shown.join(", ")));
                }
                s
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The lines for standard error, `file:line: detail` in line order:
    /// every detail when `every` is set, else the first
    /// [`DETAILS_PER_KIND`] of each kind followed by how many more there
    /// were of it.
    pub fn details(&self, file: &str, every: bool) -> Vec<String> {
        let mut shown: Vec<(u64, &str)> = Vec::new();
        let mut more_lines = Vec::new();
        for (kind, log) in &self.kinds {
            let take = if every {
                log.details.len()
            } else {
                DETAILS_PER_KIND
            };
            let kept = &log.details[..take.min(log.details.len())];
            shown.extend(kept.iter().map(|(line, d, _)| (*line, d.as_str())));
            let more = log.count - kept.iter().map(|(_, _, n)| n).sum::<usize>();
            if more > 0 {
                let (one, many) = kind.words();
                more_lines.push(format!(
                    "{file}: … and {more} more {} (--verbose lists every one)",
                    if more == 1 { one } else { many }
                ));
            }
        }
        shown.sort_by_key(|(line, _)| *line);
        let mut out: Vec<String> = shown
            .into_iter()
            .map(|(line, d)| format!("{file}:{line}: {d}"))
            .collect();
        out.extend(more_lines);
        out
    }
}

/// What a foreign file held that hcgloss does not keep, by element.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LeftOut(BTreeMap<String, (u64, u64)>);

impl LeftOut {
    pub fn add(&mut self, what: String, line: u64) {
        let entry = self.0.entry(what).or_insert((0, line));
        entry.0 += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line naming each kind of element left out, how often, and
    /// where it first appears.
    pub fn describe(&self) -> String {
        self.0
            .iter()
            .map(|(what, (count, line))| format!("{what} ×{count} (first on line {line})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_details_are_bounded() {
        let mut a = Adjustments::default();
        for line in 1..=7 {
            a.add(
                Kind::TermType,
                line * 10,
                "variant → full",
                "termType \"variant\" read as full",
            );
        }
        a.add(
            Kind::TermType,
            99,
            "synonym → full",
            "termType \"synonym\" read as full",
        );
        a.add(
            Kind::SubjectNote,
            5,
            "Software",
            "subjectField \"Software\" kept as a note",
        );
        assert_eq!(
            a.summary(),
            "1 subject field kept as a note (Software ×1), 8 term types mapped (variant → full ×7, synonym → full ×1)"
        );
        let details = a.details("c.tbx", false);
        assert_eq!(
            details[0],
            "c.tbx:5: subjectField \"Software\" kept as a note"
        );
        assert_eq!(details[1], "c.tbx:10: termType \"variant\" read as full");
        assert_eq!(details.len(), 1 + DETAILS_PER_KIND + 1);
        assert_eq!(
            details.last().unwrap(),
            "c.tbx: … and 3 more term types mapped (--verbose lists every one)"
        );
        // Every one, in line order.
        let every = a.details("c.tbx", true);
        assert_eq!(every.len(), 9);
        let lines: Vec<&str> = every.iter().map(|l| l.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["5", "10", "20", "30", "40", "50", "60", "70", "99"]);
    }
}
