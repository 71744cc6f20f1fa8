//! A line cut between pieces: where it may be cut, and what the pieces of
//! one long line share.
//!
//! A line longer than a piece is cut after a sentence inside it
//! ([`super::pieces::pieces`]), so that a document written on one huge
//! line is read in pieces of bounded size like any other; a line that runs
//! on without any sentence end is cut at a space no term and no
//! misspelling of one runs across ([`Forced`], [`Linter::may_cut_at`]).
//! Two things are read per line and must not change because of the cut:
//! - what is known of the whole line (page furniture for
//!   `untranslated-text` and `inconsistent-term`, a title-case headline for
//!   `term-case`) is read once per cut line and shared by its pieces
//!   ([`CutLines`]): read again by each piece, a line of many pieces cost
//!   its length once per piece, quadratic in the length of the line;
//! - `untranslated-text` joins the flagged sentences of a line in one
//!   language into one finding; a run of them that goes on across a cut
//!   is joined again here ([`Join`]).

use std::sync::OnceLock;

use super::rules::misspelled_term;
use super::{Draft, Language, LineIndex, Linter, Rule};
use crate::normalize::fold_range;

/// The lines cut between pieces, each with the facts read of it once.
#[derive(Default)]
pub struct CutLines {
    /// In line order.
    lines: Vec<CutLine>,
}

struct CutLine {
    /// 1-based.
    number: usize,
    furniture: OnceLock<bool>,
    title: OnceLock<bool>,
}

/// Whether a piece of `text` ending at `hi` ends inside a line.
pub(super) fn ends_inside_line(text: &str, hi: usize) -> bool {
    hi < text.len() && text.as_bytes()[hi - 1] != b'\n'
}

impl CutLines {
    /// The lines of `text` that `pieces` (covering it in order) cut.
    pub(super) fn new(text: &str, lines: &LineIndex<'_>, pieces: &[(usize, usize)]) -> CutLines {
        let mut cut: Vec<CutLine> = Vec::new();
        for &(_, hi) in pieces {
            if !ends_inside_line(text, hi) {
                continue;
            }
            let number = lines.line_of(hi);
            if cut.last().is_none_or(|l| l.number != number) {
                cut.push(CutLine {
                    number,
                    furniture: OnceLock::new(),
                    title: OnceLock::new(),
                });
            }
        }
        CutLines { lines: cut }
    }

    fn get(&self, number: usize) -> Option<&CutLine> {
        let i = self.lines.partition_point(|l| l.number < number);
        self.lines.get(i).filter(|l| l.number == number)
    }

    /// Whether line `number` is page furniture, `read` once for a cut line.
    pub(super) fn furniture(&self, number: usize, read: impl FnOnce() -> bool) -> bool {
        match self.get(number) {
            Some(l) => *l.furniture.get_or_init(read),
            None => read(),
        }
    }

    /// Whether line `number` is a title-case headline, `read` once for a
    /// cut line.
    pub(super) fn title(&self, number: usize, read: impl FnOnce() -> bool) -> bool {
        match self.get(number) {
            Some(l) => *l.title.get_or_init(read),
            None => read(),
        }
    }
}

/// The `untranslated-text` run still open at the end of a piece that ends
/// inside a line: it may go on in the next piece.
#[derive(Default)]
pub(super) struct Join {
    open: Option<Draft>,
}

impl Join {
    /// Takes in the drafts of the next piece (`lo..hi` of `text`, drafts
    /// in text order): the open run is joined with the piece's first
    /// `untranslated-text` draft when that draft is on the same line and
    /// in the same language, as the rule joins consecutive flagged
    /// sentences of a line. A run that ends is handed to `done`; the
    /// piece's last run, when the piece ends inside a line on which that
    /// run lies, is kept open.
    pub(super) fn next_piece(
        &mut self,
        text: &str,
        lines: &LineIndex<'_>,
        (_, hi): (usize, usize),
        drafts: &mut Vec<Draft>,
        done: &mut impl FnMut(Draft),
    ) {
        let untranslated = |d: &Draft| d.rule == Rule::UntranslatedText;
        if let Some(mut open) = self.open.take() {
            let first = drafts.iter().position(untranslated);
            match first {
                Some(i)
                    if lines.line_of(drafts[i].start) == lines.line_of(open.start)
                        && drafts[i].message == open.message =>
                {
                    open.end = drafts.remove(i).end;
                    // Still the last run of the piece: it may go on.
                    if drafts[i..].iter().any(untranslated) {
                        done(open);
                    } else {
                        self.open = Some(open);
                    }
                }
                Some(_) => done(open),
                // Nothing flagged in the piece: the run may go on after it.
                None => self.open = Some(open),
            }
        }
        if !ends_inside_line(text, hi) {
            if let Some(open) = self.open.take() {
                done(open);
            }
            return;
        }
        let cut_line = lines.line_of(hi);
        if self
            .open
            .as_ref()
            .is_some_and(|o| lines.line_of(o.start) != cut_line)
        {
            done(self.open.take().expect("open"));
        }
        if self.open.is_none()
            && let Some(i) = drafts.iter().rposition(untranslated)
            && lines.line_of(drafts[i].start) == cut_line
        {
            self.open = Some(drafts.remove(i));
        }
    }

    /// The run left open at the end of the document.
    pub(super) fn finish(self) -> Option<Draft> {
        self.open
    }
}

/// The fewest bytes of a line without a sentence end after which the line
/// may be cut at a space ([`Forced`]): far more than any real sentence, so
/// that only text with no sentence ends at all (a list of words, a dump
/// of one field) is ever cut this way.
pub(super) const FORCED_MIN_BYTES: usize = 1 << 16;

/// How a line with no sentence end is cut when it runs on: once `after`
/// bytes from where a piece may end hold no sentence end, at the first of
/// the next [`FORCED_TRIES`] spaces at which `may_cut` allows it.
pub(super) struct Forced<'a> {
    pub after: usize,
    pub may_cut: &'a dyn Fn(usize) -> bool,
}

/// Spaces tried for a forced cut before the next `after` bytes are.
pub(super) const FORCED_TRIES: usize = 64;

/// The first of the first [`FORCED_TRIES`] spaces in `from..to` (inside
/// one line, each after a word) at which `forced` allows a cut.
pub(super) fn forced_cut(
    bytes: &[u8],
    from: usize,
    to: usize,
    forced: &Forced<'_>,
) -> Option<usize> {
    (from.max(1)..to)
        .filter(|&i| bytes[i] == b' ' && !bytes[i - 1].is_ascii_whitespace())
        .take(FORCED_TRIES)
        .find(|&i| (forced.may_cut)(i))
}

impl Linter {
    /// Whether a line with no sentence end may be cut at the space at byte
    /// `at` of `text` (whose lines are `lines`) in `lang`: no match of a
    /// term, chosen or not, and no misspelling of one runs across it.
    /// Asked of a window around `at` as wide as the longest term, so each
    /// answer costs the same however long the line.
    pub(super) fn may_cut_at(
        &self,
        text: &str,
        lines: &LineIndex<'_>,
        lang: Option<Language>,
        at: usize,
    ) -> bool {
        let matcher = self.matcher();
        // Folded characters are at most four bytes each, and affixes and
        // runs of spaces add a little.
        let reach = 4 * matcher.longest_form_chars() + 256;
        let bytes = text.as_bytes();
        let mut lo = at.saturating_sub(reach);
        while lo > 0 && !bytes[lo - 1].is_ascii_whitespace() {
            lo -= 1;
        }
        let mut hi = (at + reach).min(text.len());
        while hi < text.len() && !bytes[hi].is_ascii_whitespace() {
            hi += 1;
        }
        let stem = lang == Some(Language::Id);
        let folded = fold_range(text, lo, hi);
        if matcher.runs_across(text, &folded, stem, at) {
            return false;
        }
        if self.config.severity(Rule::MisspelledTerm).is_none() {
            return true;
        }
        let doc = self.document_of_piece(text, (lo, hi), lang, Vec::new(), lines.clone(), None);
        let mut drafts = Vec::new();
        misspelled_term::check(&doc, self, &mut drafts);
        !drafts.iter().any(|d| d.start < at && at < d.end)
    }
}

#[cfg(test)]
mod tests {
    use super::{FORCED_MIN_BYTES, Forced};
    use crate::lint::pieces::{pieces, pieces_forced};
    use crate::lint::rules::testing::linter;
    use crate::lint::{Finding, Language};

    /// The findings of `text` read in pieces of about `size` bytes.
    fn findings(text: &str, lang: Language, size: usize) -> Vec<Finding> {
        let mut out = Vec::new();
        linter()
            .check_with(
                "t.txt",
                text,
                Some(lang),
                false,
                (size, usize::MAX),
                &mut |f| out.push(f),
            )
            .expect("in memory");
        out
    }

    /// One long line of Indonesian sentences with terms, runs of
    /// Vietnamese sentences (one finding each), a title-case headline and
    /// a page header, every one of them cut at many places.
    fn long_line() -> String {
        let id = "Delegasi membahas kejahatan dunia maya dan kejahatan siber bersama Kementerian Keamanan Publik.";
        let vi = "Thủ tướng chủ trì họp báo về lễ ký công ước tại Hà Nội.";
        let mut line = String::new();
        for i in 0..12 {
            line.push_str(id);
            line.push(' ');
            for _ in 0..i % 4 {
                line.push_str(vi);
                line.push(' ');
            }
            line.push_str("Kriminalitas maya dibahas oleh Komite Pengarah dan Panitia Pengarah. ");
        }
        format!(
            "Memerangi Kejahatan Siber Bersama Kementerian Keamanan Publik\n\
             Độc lập - Tự do - Hạnh phúc - Bộ Công an\n{line}\n{line}"
        )
    }

    #[test]
    fn a_long_line_in_pieces_gives_the_findings_of_the_whole() {
        let text = long_line();
        let whole = findings(&text, Language::Id, usize::MAX);
        assert!(
            whole
                .iter()
                .any(|f| f.rule == crate::lint::Rule::UntranslatedText),
            "the text has runs to join"
        );
        for size in [1, 7, 40, 100, 333, 1000] {
            assert!(pieces(&text, size, b".!?").len() > 3);
            assert_eq!(
                findings(&text, Language::Id, size),
                whole,
                "pieces of {size}"
            );
        }
    }

    /// A line with no sentence end, many times [`FORCED_MIN_BYTES`] long:
    /// terms of one and several words, a misspelled one, a deprecated one,
    /// each at many places a forced cut could fall.
    fn line_without_sentence_ends() -> String {
        let words = [
            "delegasi membahas kejahatan dunia maya bersama Komite Pengarah",
            "dan kriminalitas maya serta Kementerian Keamanan Publik Vietnam",
            "lalu pengesahan Konvensi PBB Melawan Kejahatan Siber oleh Panitia Pengarah",
            "bersama Kementrian Keamanan Publik dan kejahatan  siber",
        ];
        let mut line = String::new();
        let mut i = 0;
        while line.len() < 5 * FORCED_MIN_BYTES {
            line.push_str(words[i % words.len()]);
            line.push(' ');
            i += 1;
        }
        format!("Judul berita\n{}\n", line.trim_end())
    }

    #[test]
    fn a_line_without_sentence_ends_cut_at_spaces_gives_the_findings_of_the_whole() {
        let text = line_without_sentence_ends();
        let lines = crate::lint::LineIndex::new(&text);
        let linter = linter();
        let may_cut = |at: usize| linter.may_cut_at(&text, &lines, Some(Language::Id), at);
        let forced = Forced {
            after: FORCED_MIN_BYTES,
            may_cut: &may_cut,
        };
        let cut = pieces_forced(&text, 1000, b".!?", Some(&forced));
        assert!(cut.len() >= 4, "cut {} times", cut.len() - 1);
        // Some spaces were refused: a cut never splits a term.
        assert!((0..text.len()).any(|at| text.as_bytes()[at] == b' ' && !may_cut(at)));
        let whole = findings(&text, Language::Id, usize::MAX);
        for rule in [
            crate::lint::Rule::DeprecatedTerm,
            crate::lint::Rule::MisspelledTerm,
            crate::lint::Rule::InconsistentTerm,
        ] {
            assert!(whole.iter().any(|f| f.rule == rule), "{rule:?} found");
        }
        assert_eq!(findings(&text, Language::Id, 1000), whole);
    }

    #[test]
    fn a_long_line_is_cut_after_a_sentence_inside_it() {
        let line = "Satu dua. Tiga (empat!) lima? Enam.\"tujuh. Delapan";
        // Cuts where lang::sentences ends a sentence, never elsewhere.
        let cut = pieces(line, 1, b".!?");
        assert_eq!(cut, vec![(0, 9), (9, 23), (23, 29), (29, 42), (42, 50)]);
        let ends: Vec<usize> = crate::lint::lang::sentences(line)
            .iter()
            .map(|s| s.1)
            .collect();
        assert_eq!(cut.iter().map(|p| p.1).collect::<Vec<_>>(), ends);
        // Without `.` among the ends, only `!` and `?` cut.
        assert_eq!(
            pieces(line, 1, b"!?"),
            vec![(0, 23), (23, 29), (29, line.len())]
        );
        // A line no longer than a piece is not cut.
        assert_eq!(pieces(line, 100, b".!?"), vec![(0, line.len())]);
    }
}
