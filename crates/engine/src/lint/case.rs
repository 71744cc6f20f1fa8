//! Capital letters in context: the shape of a word's capitalisation, and
//! where a capital is expected anyway (sentence starts, headlines, inside a
//! longer name). Shared by `term-case` and `inconsistent-term`.

use unicode_normalization::char::is_combining_mark;

/// The capitalisation of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Lower,
    Capitalised,
    Upper,
    /// Any other pattern, kept letter by letter (`VietinBank`).
    Mixed(Vec<bool>),
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The letters of `s`, combining marks left out.
pub fn letters(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphabetic() && !is_combining_mark(*c))
        .collect()
}

/// The shape of a word, `None` when it has no letters.
pub fn shape(word: &str) -> Option<Shape> {
    let upper: Vec<bool> = letters(word).iter().map(|c| c.is_uppercase()).collect();
    match upper.as_slice() {
        [] => None,
        [true] => Some(Shape::Capitalised),
        [false] => Some(Shape::Lower),
        _ if upper.iter().all(|u| *u) => Some(Shape::Upper),
        _ if upper.iter().all(|u| !*u) => Some(Shape::Lower),
        [true, rest @ ..] if rest.iter().all(|u| !*u) => Some(Shape::Capitalised),
        _ => Some(Shape::Mixed(upper)),
    }
}

/// Capitalised or all capitals.
pub fn starts_upper(word: &str) -> bool {
    matches!(shape(word), Some(Shape::Capitalised | Shape::Upper))
}

/// Whether a line is a headline in title case: no final full stop, and
/// every word of four or more letters capitalised (at least two of them).
pub fn is_title_line(line: &str) -> bool {
    if line.trim_end().ends_with('.') {
        return false;
    }
    let long: Vec<&str> = line
        .split(|c: char| !is_word_char(c))
        .filter(|w| letters(w).len() >= 4 && !w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    long.len() >= 2 && long.iter().all(|w| starts_upper(w))
}

/// Whether `byte` starts a sentence or a line (after opening quotes or
/// brackets).
pub fn at_sentence_start(text: &str, byte: usize) -> bool {
    for c in text[..byte].chars().rev() {
        if c == '\n' {
            return true;
        }
        if c.is_whitespace() || "\"“‘'([«".contains(c) {
            continue;
        }
        return ".!?:;…".contains(c);
    }
    true
}

/// Whether a capitalised word sits right before or after `start..end`,
/// separated from it by spaces only; a word capitalised only because it
/// starts a sentence does not count. Used to tell that a common term
/// written with capitals is part of a longer name.
pub fn neighbour_capitalised(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let trimmed = before.trim_end_matches([' ', '\t']);
    let previous = trimmed.len() < before.len() && {
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !is_word_char(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        starts_upper(word) && !at_sentence_start(text, word_start)
    };
    let after = &text[end..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    let next = trimmed.len() < after.len() && {
        let word_end = trimmed
            .find(|c: char| !is_word_char(c))
            .unwrap_or(trimmed.len());
        starts_upper(&trimmed[..word_end])
    };
    previous || next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("kejahatan"), Some(Shape::Lower));
        assert_eq!(shape("Bộ"), Some(Shape::Capitalised));
        assert_eq!(shape("PBB"), Some(Shape::Upper));
        assert_eq!(shape("A"), Some(Shape::Capitalised));
        assert_eq!(shape("24"), None);
        assert!(matches!(shape("VietinBank"), Some(Shape::Mixed(_))));
    }

    #[test]
    fn contexts() {
        assert!(is_title_line("Memerangi Kejahatan Siber di Kawasan Asia"));
        assert!(is_title_line("Sistem Politik"));
        assert!(!is_title_line("Memerangi kejahatan siber di kawasan Asia"));
        assert!(!is_title_line("Kejahatan Siber Meningkat."));
        assert!(at_sentence_start("a. B", 3));
        assert!(at_sentence_start("a\n(B", 3));
        assert!(!at_sentence_start("a b", 2));
        let t = "Ia memimpin Asosiasi Kejahatan Siber Nasional.";
        let s = t.find("Kejahatan").unwrap();
        assert!(neighbour_capitalised(t, s, s + "Kejahatan Siber".len()));
        let t = "Ia memerangi Kejahatan Siber secara serius.";
        let s = t.find("Kejahatan").unwrap();
        assert!(!neighbour_capitalised(t, s, s + "Kejahatan Siber".len()));
        let t = "Kejahatan siber meningkat.";
        assert!(!neighbour_capitalised(t, 10, 15));
    }
}
