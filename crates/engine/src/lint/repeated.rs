//! Findings on lines a document repeats word for word, reported once.
//!
//! A finding without a fix on a later copy of a line (a photo caption a
//! page prints twice, a credit under every picture), at the same place in
//! it, is left out, and the first says how often the line comes. Findings
//! with a fix are all kept, so `--fix` still mends every copy.
//!
//! The drafts are looked at twice, in text order: [`Repeats::note`] sees
//! each once, then [`Verdict::apply`] says what becomes of each; neither
//! needs the drafts held together.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::{Draft, LineIndex, Rule};

/// (rule, line id, offset in the line, length).
type Place = (Rule, usize, usize, usize);

/// The first draft at a place, and the lines it comes on.
type Seen = HashMap<Place, (usize, Vec<usize>)>;

/// What pass one learns.
pub(super) struct Repeats<'t> {
    text: &'t str,
    lines: LineIndex<'t>,
    /// Per hash of a line's text (without trailing spaces), whether it
    /// comes once (1) or more (2); a collision only sends a line the way
    /// of repeated lines, which gives the same answer, slower.
    counts: Vec<u8>,
    hasher: foldhash::fast::FixedState,
    /// Each distinct text of a repeated line with a draft gets an id.
    line_ids: HashMap<&'t str, usize>,
    id_of_line: HashMap<usize, usize>,
    /// Places on repeated lines.
    seen: Seen,
    /// Places on a line that comes once: only drafts with the same rule,
    /// start and end share one, and those are neighbours in text order,
    /// so this holds the current run of them.
    run: Seen,
    run_key: Option<(usize, Rule, usize)>,
    /// The line of the last draft seen, and whether its text repeats.
    last_line: Option<(usize, bool)>,
    dropped: Vec<bool>,
    notes: HashMap<usize, String>,
}

/// What pass two does with each draft.
pub(super) struct Verdict {
    dropped: Vec<bool>,
    notes: HashMap<usize, String>,
}

impl<'t> Repeats<'t> {
    pub(super) fn new(text: &'t str, lines: LineIndex<'t>) -> Repeats<'t> {
        let n = lines.line_count();
        let size = (n * 4).next_power_of_two().clamp(1 << 10, 1 << 26);
        let hasher = foldhash::fast::FixedState::with_seed(0x9e37_79b9);
        let mut counts = vec![0u8; size];
        for line in 1..=n {
            let h = hasher.hash_one(lines.line(line).trim_end()) as usize & (size - 1);
            counts[h] = (counts[h] + 1).min(2);
        }
        Repeats {
            text,
            lines,
            counts,
            hasher,
            line_ids: HashMap::new(),
            id_of_line: HashMap::new(),
            seen: HashMap::new(),
            run: HashMap::new(),
            run_key: None,
            last_line: None,
            dropped: Vec::new(),
            notes: HashMap::new(),
        }
    }

    /// Sees draft `i` (drafts come in text order, numbered from 0).
    pub(super) fn note(&mut self, i: usize, d: &Draft) {
        debug_assert_eq!(i, self.dropped.len());
        self.dropped.push(false);
        let key = (d.start, d.rule, d.end);
        if self.run_key != Some(key) {
            self.run_key = Some(key);
            let run = std::mem::take(&mut self.run);
            self.close(run);
        }
        if d.fix.is_some() {
            return;
        }
        let line = self.lines.line_of(d.start);
        let (line_start, line_end) = self.lines.line_range(line);
        if d.end > line_end {
            return;
        }
        // A line is read once, however many drafts it has (drafts come in
        // text order, so a line's drafts are neighbours): reading a long
        // line again for each was quadratic.
        let repeated = match self.last_line {
            Some((l, r)) if l == line => r,
            _ => {
                let written = self.text[line_start..line_end].trim_end();
                let h = self.hasher.hash_one(written) as usize & (self.counts.len() - 1);
                let r = self.counts[h] > 1;
                self.last_line = Some((line, r));
                r
            }
        };
        let id = if repeated {
            let next_id = self.line_ids.len();
            let (ids, text) = (&mut self.line_ids, self.text);
            *self.id_of_line.entry(line).or_insert_with(|| {
                *ids.entry(text[line_start..line_end].trim_end())
                    .or_insert(next_id)
            })
        } else {
            // A line that comes once is its own id.
            usize::MAX - line
        };
        let place = (d.rule, id, d.start - line_start, d.end - d.start);
        let seen = if repeated {
            &mut self.seen
        } else {
            &mut self.run
        };
        match seen.get_mut(&place) {
            Some((_, lines)) => {
                self.dropped[i] = true;
                lines.push(line);
            }
            None => {
                seen.insert(place, (i, vec![line]));
            }
        }
    }

    /// Notes the firsts of `seen` whose line comes more than once.
    fn close(&mut self, seen: Seen) {
        for (first, lines) in seen.into_values() {
            if lines.len() > 1 {
                let others: Vec<String> = lines[1..].iter().map(usize::to_string).collect();
                let note = format!(
                    "; the line is repeated {}× (also line{} {})",
                    lines.len(),
                    if others.len() > 1 { "s" } else { "" },
                    others.join(", ")
                );
                self.notes.insert(first, note);
            }
        }
    }

    /// Once every draft is seen.
    pub(super) fn verdict(mut self) -> Verdict {
        let run = std::mem::take(&mut self.run);
        self.close(run);
        let seen = std::mem::take(&mut self.seen);
        self.close(seen);
        Verdict {
            dropped: self.dropped,
            notes: self.notes,
        }
    }
}

impl Verdict {
    /// Draft `i` as it is reported, or `None` when it is left out.
    pub(super) fn apply(&mut self, i: usize, mut d: Draft) -> Option<Draft> {
        if self.dropped[i] {
            return None;
        }
        if let Some(note) = self.notes.remove(&i) {
            match &mut d.related {
                Some(r) => r.rest.push_str(&note),
                None => d.message.push_str(&note),
            }
        }
        Some(d)
    }
}

/// The drafts (in text order) as reported.
pub(super) fn group(text: &str, lines: &LineIndex<'_>, drafts: Vec<Draft>) -> Vec<Draft> {
    let mut r = Repeats::new(text, lines.clone());
    for (i, d) in drafts.iter().enumerate() {
        r.note(i, d);
    }
    let mut v = r.verdict();
    drafts
        .into_iter()
        .enumerate()
        .filter_map(|(i, d)| v.apply(i, d))
        .collect()
}
