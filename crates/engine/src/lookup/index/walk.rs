//! Walking the FSTs with Levenshtein automata: the automata themselves,
//! the split of a two-edit search, and collecting what a walk accepts.

use std::collections::HashSet;

use fst::{Automaton, IntoStreamer, Map, Streamer};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};

use super::Slice;

/// A two-edit search split by where the edits fall in the query's first
/// third (its head), a pigeonhole argument: a string within two edits has
/// at most one of them in the head, or else has both there and ends with
/// the rest of the query unchanged. A swap of neighbours may straddle the
/// head's end, so the part certain to be intact starts one character after
/// it.
pub(super) struct TwoEditSplit {
    /// Two edits over the whole query.
    pub(super) whole: DFA,
    /// The head as a prefix, within one edit.
    head: DFA,
    /// Where the part intact in the second case starts (bytes).
    pub(super) intact_start: usize,
}

impl TwoEditSplit {
    pub(super) fn new(query: &str) -> TwoEditSplit {
        let head_chars = query.chars().count().div_ceil(3);
        let head_end = query
            .char_indices()
            .nth(head_chars)
            .map_or(query.len(), |(i, _)| i);
        let (head, tail) = query.split_at(head_end);
        TwoEditSplit {
            whole: automaton_builder(2).build_dfa(query),
            head: automaton_builder(1).build_prefix_dfa(head),
            intact_start: head_end + tail.chars().next().map_or(0, char::len_utf8),
        }
    }

    /// The first case: at most one edit in the head.
    pub(super) fn forward(&self) -> impl Automaton + '_ {
        LevenshteinDfa(&self.head).intersection(LevenshteinDfa(&self.whole))
    }
}

/// The values of every key of `map` that `automaton` accepts.
pub(super) fn values<A: Automaton>(map: &Map<Slice>, automaton: A) -> Vec<u64> {
    let mut stream = map.search(automaton).into_stream();
    let mut found = Vec::new();
    while let Some((_, o)) = stream.next() {
        found.push(o);
    }
    found
}

/// Adds the values of every key of `map` that `automaton` accepts.
pub(super) fn search_into<A: Automaton>(map: &Map<Slice>, automaton: A, out: &mut HashSet<u32>) {
    let mut stream = map.search(automaton).into_stream();
    while let Some((_, o)) = stream.next() {
        out.insert(o as u32);
    }
}

/// Building the parametric automaton tables is the expensive part, so each
/// distance's builder is made once per process.
pub(super) fn automaton_builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    use std::sync::OnceLock;
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

/// A Levenshtein DFA as an FST automaton.
pub(super) struct LevenshteinDfa<'a>(pub(super) &'a DFA);

impl Automaton for LevenshteinDfa<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}
