//! The asides of a sentence: what stands in brackets and its short
//! quotations, which name things in another language on purpose and so
//! say nothing of the sentence's own (see [`super::lang::sentence_evidence`]).
//! Both are found in one pass over the sentence, however long: a line with
//! no sentence end is one sentence, megabytes long.

/// `text` with its asides blanked out, or `None` when it has none: what
/// stands inside round or square brackets (brackets included; a bracket
/// left open runs to the end, a closing one without its opening is text),
/// and short quotations of at most [`MAX_QUOTED_NAME_WORDS`] words, which
/// in news are names, titles and slogans kept in their own language (an
/// English sentence naming the Facebook pages `'Vay vốn quốc tế'`). A
/// longer quotation is speech and stays part of the sentence.
pub(super) fn outside_brackets(text: &str) -> Option<String> {
    let quotes = short_quotations(text);
    if !text.contains(['(', '[']) && quotes.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    // The quotations come in text order without overlapping: the one that
    // may hold a character is the first that ends after it. Asking all of
    // them for every character was quadratic in a long sentence.
    let mut next_quote = quotes.iter().peekable();
    for (i, c) in text.char_indices() {
        while next_quote.next_if(|&&(_, e)| e <= i).is_some() {}
        let quoted = next_quote.peek().is_some_and(|&&(s, _)| s <= i);
        match c {
            '(' | '[' => {
                depth += 1;
                out.push(' ');
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth > 0 || quoted => out.push(' '),
            _ => out.push(c),
        }
    }
    Some(out)
}

/// A quotation of at most this many words is read as a name, not speech.
const MAX_QUOTED_NAME_WORDS: usize = 6;

/// Byte ranges (quotes included) of the short quotations of `text`: an
/// opening quote at the start of a word, its closing quote at the end of
/// one, at most [`MAX_QUOTED_NAME_WORDS`] words between. An apostrophe
/// inside a word (`it's`, `Pakistan's`) opens or closes nothing.
fn short_quotations(text: &str) -> Vec<(usize, usize)> {
    // Most sentences quote nothing: told without listing their characters.
    if !text.contains(['\'', '"', '‘', '“']) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_letter = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
    let opens = |k: usize| {
        matches!(chars[k].1, '\'' | '"' | '‘' | '“')
            && (k == 0 || !is_letter(k - 1))
            && is_letter(k + 1)
    };
    let closes = |k: usize, open: char| {
        let c = chars[k].1;
        let pair = match open {
            '‘' => c == '’',
            '“' => c == '”',
            o => c == o,
        };
        pair && k > 0 && !is_letter(k + 1)
    };
    // Where each kind of opening quote could close, in order: the first
    // close after an opening is then looked up, not searched for, which
    // was quadratic in a long sentence with many unclosed quotes.
    const OPENERS: [char; 4] = ['\'', '"', '‘', '“'];
    let closings: Vec<Vec<usize>> = OPENERS
        .iter()
        .map(|&open| (1..chars.len()).filter(|&j| closes(j, open)).collect())
        .collect();
    let first_close = |k: usize, open: char| {
        let at = &closings[OPENERS.iter().position(|&o| o == open)?];
        at.get(at.partition_point(|&j| j <= k)).copied()
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if opens(k) {
            let open = chars[k].1;
            if let Some(close) = first_close(k, open) {
                let (start, end) = (chars[k].0, chars[close].0 + chars[close].1.len_utf8());
                if text[start..end].split_whitespace().count() <= MAX_QUOTED_NAME_WORDS {
                    out.push((start, end));
                }
                k = close + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The quotations as first written: every close searched for from
    /// its opening, every character asked of every quotation.
    fn outside_brackets_by_search(text: &str) -> Option<String> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let is_letter = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
        let mut quotes = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k].1;
            let opens = matches!(c, '\'' | '"' | '‘' | '“')
                && (k == 0 || !is_letter(k - 1))
                && is_letter(k + 1);
            if opens {
                let want = match c {
                    '‘' => '’',
                    '“' => '”',
                    o => o,
                };
                let close = (k + 1..chars.len()).find(|&j| chars[j].1 == want && !is_letter(j + 1));
                if let Some(close) = close {
                    let (s, e) = (chars[k].0, chars[close].0 + chars[close].1.len_utf8());
                    if text[s..e].split_whitespace().count() <= MAX_QUOTED_NAME_WORDS {
                        quotes.push((s, e));
                    }
                    k = close + 1;
                    continue;
                }
            }
            k += 1;
        }
        if !text.contains(['(', '[']) && quotes.is_empty() {
            return None;
        }
        let mut depth = 0usize;
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            let quoted = quotes.iter().any(|&(s, e)| s <= i && i < e);
            match c {
                '(' | '[' => {
                    depth += 1;
                    out.push(' ');
                }
                ')' | ']' if depth > 0 => {
                    depth -= 1;
                    out.push(' ');
                }
                _ if depth > 0 || quoted => out.push(' '),
                _ => out.push(c),
            }
        }
        Some(out)
    }

    #[test]
    fn names_in_quotes_and_glosses_in_brackets_are_blanked() {
        let text = "Halaman 'Vay vốn quốc tế' ditutup (closed) kemarin, kata \"dia\".";
        let out = outside_brackets(text).expect("asides");
        assert!(!out.contains("Vay") && !out.contains("closed") && !out.contains("dia"));
        assert!(out.contains("Halaman") && out.contains("ditutup") && out.contains("kemarin"));
        // A long quotation is speech and stays.
        let speech =
            "Dia berkata \"kami akan terus bekerja sama dengan semua pihak terkait\" hari ini";
        assert_eq!(outside_brackets(speech), None);
        assert_eq!(outside_brackets("tanpa apa pun"), None);
    }

    proptest! {
        #[test]
        fn one_pass_finds_the_asides_the_search_found(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("'".to_string()), Just("\"".to_string()), Just("‘".to_string()),
                    Just("’".to_string()), Just("“".to_string()), Just("”".to_string()),
                    Just("(".to_string()), Just(")".to_string()), Just("[".to_string()),
                    Just(" ".to_string()), Just("it's".to_string()), "[a-zA-Zđộ]{1,5}",
                ],
                0..40,
            )
        ) {
            let text = parts.concat();
            prop_assert_eq!(outside_brackets(&text), outside_brackets_by_search(&text));
        }
    }
}
