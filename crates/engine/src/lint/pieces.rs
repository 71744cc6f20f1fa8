//! A long document read piece by piece.
//!
//! Folding, the word list, the matcher's stream and the occurrences take
//! many times the bytes of the text they describe. Built for a whole
//! 200 MB document at once they took gigabytes; built for one piece of
//! about [`PIECE_BYTES`] at a time they take a few tens of megabytes, and
//! the pieces are read on every core.
//!
//! A piece ends after a line break that closes a sentence (the line ends
//! with `.`, `!` or `?`) or a paragraph (a blank line), so it holds whole
//! sentences and no term runs across its end: the matcher lets a term
//! run across a line break but not a blank line, and across punctuation
//! only where the term itself has it (a glossary with `Jl. Sudirman` ends
//! pieces only after `!`, `?` and blank lines). A line longer than a
//! piece is cut after a sentence inside it (`. ` as [`lang::sentences`]
//! ends one), for the same reasons safe; what rules know of a whole line
//! is read once for its pieces and runs of `untranslated-text` are joined
//! across the cut ([`super::cut`]), so a line read in pieces gives the
//! findings of the line read whole. A line that runs on for
//! `cut::FORCED_MIN_BYTES` or a piece's length, whichever is
//! more, without a sentence end (a list of words, a field dumped on one
//! line) is cut at a space where no term, chosen or not, and no
//! misspelling of one runs across (`cut::Forced`); each part is
//! then read as its own sentence, the one way such a line read in pieces
//! may differ from the line read whole. Each piece is a [`Document`] over
//! the whole text, with positions in the whole text, restricted to the
//! piece's words, so rules that look at the neighbourhood of an
//! occurrence (the sentence start before it, a capitalised neighbour) see
//! what they saw before. The rules
//! that judge the whole document (`inconsistent-term` counts the forms a
//! document uses, `tone-mark-style` the styles it writes) collect what
//! they need from each piece and judge once all pieces are read.

use rayon::prelude::*;

use super::cut::{CutLines, FORCED_MIN_BYTES, Forced, Join, forced_cut};
use super::lang::{self, Sentence};
use super::matcher::TermRef;
use super::rules::{inconsistent_term, tone_mark_style};
use super::spill::Spill;
use super::{Draft, LineIndex, Linter, Rule};
use crate::lint::Language;

/// The size from which a piece looks for its end. Every piece in flight
/// holds its occurrences and drafts, about 100 MB for a piece of 1 MiB
/// where every word is a finding; half a mebibyte keeps 20 MB of nothing
/// but findings under 300 MB. Each piece stems and looks up its distinct
/// words anew, but that is little: on 8 MB of dense text, pieces of
/// 1 MiB, 512 KiB and 256 KiB take 5,895 M, 5,927 M and 5,934 M
/// instructions. Wall time on 200 MB moved by 2–8% between runs, about
/// as much as it moves between two runs of one build.
pub const PIECE_BYTES: usize = 1 << 19;

/// Byte ranges that cover `text` in order, each at least `size` bytes
/// (but the last) and ending after a line break that closes a paragraph
/// or a sentence (its line ends with one of the bytes `ends`), or at the
/// end of the text. Where the rest of a line alone is longer than `size`,
/// the piece ends inside it, after the first sentence that ends there
/// (see [`sentence_end`]), so one huge line is read in pieces too; a line
/// with no such sentence end goes whole into one piece (but see
/// `pieces_forced`).
pub fn pieces(text: &str, size: usize, ends: &[u8]) -> Vec<(usize, usize)> {
    pieces_forced(text, size, ends, None)
}

/// [`pieces`], and where `forced` is given, a line that runs on without a
/// sentence end is cut at a space too (see [`Forced`]), so that no piece
/// is much longer than `size + forced.after` bytes unless `may_cut`
/// refused every space tried.
pub(super) fn pieces_forced(
    text: &str,
    size: usize,
    ends: &[u8],
    forced: Option<&Forced<'_>>,
) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut lo = 0;
    // The line break at or after a position, found once per line.
    let mut next_nl: Option<(usize, Option<usize>)> = None;
    while lo < bytes.len() {
        let mut hi = bytes.len();
        // The line that holds `at` starts at or after `line_start`.
        let mut at = lo.saturating_add(size);
        while at < bytes.len() {
            let nl = match next_nl {
                Some((from, nl)) if from <= at && nl.is_none_or(|nl| at <= nl) => nl,
                _ => {
                    let nl = bytes[at..].iter().position(|&b| b == b'\n').map(|i| at + i);
                    next_nl = Some((at, nl));
                    nl
                }
            };
            let line_end = nl.unwrap_or(bytes.len());
            if line_end - at > size {
                let reach = forced.map_or(line_end, |f| line_end.min(at.saturating_add(f.after)));
                if let Some(end) = sentence_end(bytes, at, reach, ends) {
                    hi = end;
                    break;
                }
                if let Some(f) = forced
                    && reach < line_end
                {
                    match forced_cut(bytes, at, reach, f) {
                        Some(cut) => {
                            hi = cut;
                            break;
                        }
                        // Every space tried is inside a term: further on.
                        None => {
                            at = reach;
                            continue;
                        }
                    }
                }
            }
            let Some(nl) = nl else {
                break;
            };
            if closes_sentence(bytes, lo, nl, ends) {
                hi = nl + 1;
                break;
            }
            at = nl + 1;
        }
        out.push((lo, hi));
        lo = hi;
    }
    out
}

/// Whether the line ending at the line break `nl` is blank or ends with
/// one of `ends`; looks no further back than `floor`.
fn closes_sentence(bytes: &[u8], floor: usize, nl: usize, ends: &[u8]) -> bool {
    let mut i = nl;
    while i > floor && matches!(bytes[i - 1], b' ' | b'\t' | b'\r') {
        i -= 1;
    }
    i == floor || bytes[i - 1] == b'\n' || ends.contains(&bytes[i - 1])
}

/// The first place in `from..to` (inside one line) where
/// [`lang::sentences`] ends a sentence: after one of `ends`, the
/// closing brackets and quotes right after it, when a space or a tab
/// follows. A piece cut there holds whole sentences, and no term runs
/// across the cut (see the module's documentation).
fn sentence_end(bytes: &[u8], from: usize, to: usize, ends: &[u8]) -> Option<usize> {
    const CLOSERS: [&[u8]; 7] = [
        b")",
        b"]",
        b"\"",
        b"'",
        "\u{201d}".as_bytes(),
        "\u{2019}".as_bytes(),
        "\u{bb}".as_bytes(),
    ];
    let mut i = from;
    while i < to {
        if !ends.contains(&bytes[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while let Some(c) = CLOSERS.iter().find(|c| bytes[end..to].starts_with(c)) {
            end += c.len();
        }
        if end < to && matches!(bytes[end], b' ' | b'\t') {
            return Some(end);
        }
        i = end.max(i + 1);
    }
    None
}

/// What one piece gives: the drafts of the rules that judge a piece on
/// its own (in text order), what the whole-document rules collect, and
/// the terms of its occurrences.
struct Piece {
    drafts: Vec<Draft>,
    uses: Vec<inconsistent_term::Use>,
    placed: Vec<tone_mark_style::Placed>,
    terms: Vec<TermRef>,
}

/// The order drafts are reported in.
fn order(d: &Draft) -> (usize, Rule, usize) {
    (d.start, d.rule, d.end)
}

/// The drafts of a document read piece by piece: those of the rules that
/// judge each piece on its own, and those of the whole-document rules,
/// each in text order.
pub(super) struct Drafts {
    pub(super) pieces: Spill,
    pub(super) late: Vec<Draft>,
    /// The term of every occurrence of the document's language, when asked.
    pub(super) terms: Vec<TermRef>,
}

impl Drafts {
    /// Calls `each` with every draft, numbered in text order.
    pub(super) fn for_each(&mut self, each: &mut dyn FnMut(usize, Draft)) -> std::io::Result<()> {
        let mut late = self.late.iter().peekable();
        let mut i = 0;
        let mut next = |d: Draft| {
            each(i, d);
            i += 1;
        };
        self.pieces.for_each(&mut |d| {
            while let Some(l) = late.next_if(|l| order(l) < order(&d)) {
                next(l.clone());
            }
            next(d);
        })?;
        for l in late {
            next(l.clone());
        }
        Ok(())
    }
}

impl Linter {
    /// The drafts of the enabled document rules on `text` in `lang`, read
    /// piece by piece, a few pieces at a time on every core; the drafts
    /// of the pieces go to a [`Spill`] bounded by `bound` bytes.
    ///
    /// `sentences` are the document's sentences (`Some(&[])` when no rule
    /// reads them), or `None` for each piece to read its own (a sentence
    /// never crosses a line break). The terms are listed only when
    /// `terms` is set.
    pub(super) fn piecewise_drafts(
        &self,
        text: &str,
        lang: Option<Language>,
        sentences: Option<&[Sentence]>,
        lines: &LineIndex<'_>,
        terms: bool,
        (size, bound): (usize, usize),
    ) -> std::io::Result<Drafts> {
        let enabled = |r: Rule| self.config.severity(r).is_some();
        // Asked of the glossary only for a text of more than one piece.
        let ends: Vec<u8> = if text.len() > size {
            [b'.', b'!', b'?']
                .into_iter()
                .filter(|&b| !self.matcher().gaps_contain(b as char))
                .collect()
        } else {
            Vec::new()
        };
        let may_cut = |at: usize| self.may_cut_at(text, lines, lang, at);
        let forced = Forced {
            after: size.max(FORCED_MIN_BYTES),
            may_cut: &may_cut,
        };
        let ranges = pieces_forced(text, size, &ends, Some(&forced));
        let cut = CutLines::new(text, lines, &ranges);
        let read_piece = |&(lo, hi): &(usize, usize)| {
            let sentences = match sentences {
                Some(all) => {
                    let first = all.partition_point(|s| s.start < lo);
                    let last = all.partition_point(|s| s.start < hi);
                    all[first..last].to_vec()
                }
                None => {
                    let mut own = lang::read_sentences(&text[lo..hi]);
                    for s in &mut own {
                        s.start += lo;
                        s.end += lo;
                    }
                    own
                }
            };
            let doc =
                self.document_of_piece(text, (lo, hi), lang, sentences, lines.clone(), Some(&cut));
            let mut piece = Piece {
                drafts: Vec::new(),
                uses: Vec::new(),
                placed: Vec::new(),
                terms: if terms {
                    doc.occurrences.iter().map(|o| o.term()).collect()
                } else {
                    Vec::new()
                },
            };
            for &rule in Rule::ALL {
                if rule.is_bilingual() || !enabled(rule) {
                    continue;
                }
                match rule {
                    Rule::InconsistentTerm => {
                        piece.uses = inconsistent_term::collect(&doc, self);
                    }
                    Rule::ToneMarkStyle => piece.placed = tone_mark_style::collect(&doc),
                    _ => rule.check_document(&doc, self, &mut piece.drafts),
                }
            }
            piece.drafts.sort_by_key(order);
            piece
        };
        let mut out = Drafts {
            pieces: Spill::new(bound),
            late: Vec::new(),
            terms: Vec::new(),
        };
        let (mut uses, mut placed) = (Vec::new(), Vec::new());
        let mut join = Join::default();
        // A few pieces at a time, so that only their documents are held.
        let window = 2 * rayon::current_num_threads().max(1);
        for batch in ranges.chunks(window) {
            let read: Vec<Piece> = batch.par_iter().map(read_piece).collect();
            for (mut p, &range) in read.into_iter().zip(batch) {
                join.next_piece(text, lines, range, &mut p.drafts, &mut |d| out.late.push(d));
                for d in &p.drafts {
                    out.pieces.push(d)?;
                }
                uses.extend(p.uses);
                placed.extend(p.placed);
                out.terms.extend(p.terms);
            }
        }
        out.late.extend(join.finish());
        // Only a concept named in two forms or more is judged: the uses of
        // the others (most, in most documents) are not kept.
        let m = self.matcher();
        let group = |u: &inconsistent_term::Use| (u.form().concept, &m.term(u.form()).lang);
        let mut forms: foldhash::HashMap<_, Option<TermRef>> = Default::default();
        for u in &uses {
            let seen = forms.entry(group(u)).or_insert(Some(u.form()));
            if *seen != Some(u.form()) {
                *seen = None;
            }
        }
        uses.retain(|u| forms[&group(u)].is_none());
        // The whole-document judgements.
        for &rule in Rule::ALL {
            if !enabled(rule) {
                continue;
            }
            match rule {
                Rule::InconsistentTerm => {
                    inconsistent_term::finish(text, self, std::mem::take(&mut uses), &mut out.late);
                }
                Rule::ToneMarkStyle => {
                    tone_mark_style::finish(text, self, std::mem::take(&mut placed), &mut out.late);
                }
                _ => {}
            }
        }
        out.late.sort_by_key(order);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_after_a_sentence_or_a_paragraph() {
        let text = "Satu dua tiga\nempat lima.\nenam tujuh\n\ndelapan";
        assert_eq!(pieces(text, 1, b".!?"), vec![(0, 26), (26, 38), (38, 45)]);
        assert_eq!(pieces(text, 1000, b".!?"), vec![(0, text.len())]);
        // Without `.` among the ends, the blank line alone ends a piece.
        assert_eq!(pieces(text, 1, b"!?"), vec![(0, 38), (38, 45)]);
        assert_eq!(pieces("", 1, b".!?"), Vec::<(usize, usize)>::new());
        // No sentence end: one piece, however long.
        let line = "kata ".repeat(100);
        assert_eq!(pieces(&line, 10, b".!?"), vec![(0, line.len())]);
    }

    #[test]
    fn a_line_without_sentence_ends_is_cut_at_a_space_allowed() {
        let line = "kata ".repeat(100);
        let line = line.trim_end();
        // Every space allowed: pieces of at least `size`, each cut before
        // a space that follows a word.
        let any = |_: usize| true;
        let forced = Forced {
            after: 20,
            may_cut: &any,
        };
        let cut = pieces_forced(line, 10, b".!?", Some(&forced));
        assert!(cut.len() > 10);
        assert!(cut[..cut.len() - 1].iter().all(|&(lo, hi)| {
            hi - lo >= 10 && line.as_bytes()[hi] == b' ' && line.as_bytes()[hi - 1] != b' '
        }));
        // A space refused is never a cut; every space refused, no cut.
        let odd = |at: usize| at % 10 == 9;
        let forced = Forced {
            after: 20,
            may_cut: &odd,
        };
        let cut = pieces_forced(line, 10, b".!?", Some(&forced));
        assert!(cut.len() > 5);
        assert!(cut[1..].iter().all(|&(lo, _)| lo % 10 == 9));
        let none = |_: usize| false;
        let forced = Forced {
            after: 20,
            may_cut: &none,
        };
        assert_eq!(
            pieces_forced(line, 10, b".!?", Some(&forced)),
            vec![(0, line.len())]
        );
        // A sentence end within `after` bytes is still where it is cut.
        let text = format!("{} akhir. {}", "kata ".repeat(3), "kata ".repeat(20));
        let cut = pieces_forced(
            &text,
            10,
            b".!?",
            Some(&Forced {
                after: 20,
                may_cut: &any,
            }),
        );
        assert_eq!(cut[0].1, text.find(". ").expect("a sentence end") + 1);
    }

    #[test]
    fn pieces_cover_the_text() {
        let text = "Kalimat pertama.\r\nKalimat kedua!\n  \nKalimat ketiga?\nakhir";
        for size in 1..text.len() + 2 {
            let p = pieces(text, size, b".!?");
            assert_eq!(p.first().map(|r| r.0), Some(0));
            assert_eq!(p.last().map(|r| r.1), Some(text.len()));
            assert!(p.windows(2).all(|w| w[0].1 == w[1].0 && w[0].0 < w[0].1));
        }
    }
}
