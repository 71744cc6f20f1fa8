//! Findings on lines a document repeats word for word, reported once.

use super::{Draft, LineIndex, Rule};

/// One finding for a line the document repeats word for word (a photo
/// caption a page prints twice, a credit under every picture): a finding
/// without a fix on a later copy of the same line, at the same place in
/// it, is left out, and the first says how often the line comes.
/// Findings with a fix are all kept, so `--fix` still mends every copy.
pub(super) fn group(text: &str, lines: &LineIndex<'_>, drafts: Vec<Draft>) -> Vec<Draft> {
    use std::collections::HashMap;
    // Each distinct line text, hashed once, gets an id; a line is looked up
    // once however many drafts it has.
    let mut line_ids: HashMap<&str, usize> = HashMap::new();
    let mut id_of_line: HashMap<usize, usize> = HashMap::new();
    // (rule, line id, offset in the line, length) → (index, lines).
    type Place = (Rule, usize, usize, usize);
    let mut seen: HashMap<Place, (usize, Vec<usize>)> = HashMap::new();
    let mut keep = vec![true; drafts.len()];
    for (i, d) in drafts.iter().enumerate() {
        if d.fix.is_some() {
            continue;
        }
        let line = lines.line_of(d.start);
        let (line_start, line_end) = lines.line_range(line);
        if d.end > line_end {
            continue;
        }
        let next_id = line_ids.len();
        let id = *id_of_line.entry(line).or_insert_with(|| {
            *line_ids
                .entry(text[line_start..line_end].trim_end())
                .or_insert(next_id)
        });
        let key = (d.rule, id, d.start - line_start, d.end - d.start);
        match seen.get_mut(&key) {
            Some((_, lines)) => {
                keep[i] = false;
                lines.push(line);
            }
            None => {
                seen.insert(key, (i, vec![line]));
            }
        }
    }
    let mut notes: HashMap<usize, String> = HashMap::new();
    for (first, lines) in seen.into_values() {
        if lines.len() > 1 {
            let others: Vec<String> = lines[1..].iter().map(usize::to_string).collect();
            let note = format!(
                "; the line is repeated {}× (also line{} {})",
                lines.len(),
                if others.len() > 1 { "s" } else { "" },
                others.join(", ")
            );
            notes.insert(first, note);
        }
    }
    drafts
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, mut d)| {
            if let Some(note) = notes.remove(&i) {
                match &mut d.related {
                    Some(r) => r.rest.push_str(&note),
                    None => d.message.push_str(&note),
                }
            }
            d
        })
        .collect()
}
