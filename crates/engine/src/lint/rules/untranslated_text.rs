//! ## What it does
//! Finds sentences in another working language than the document's: the
//! Vietnamese photo captions left in an Indonesian article, an English
//! paragraph pasted from a press release.
//!
//! Each line is split into sentences (after `.`, `!` or `?` followed by a
//! space) and each sentence's language is identified on its own (see
//! [`crate::lint::lang::identify_sentence`]: a sentence needs at least
//! three words, and clear evidence, to be called). Consecutive sentences
//! of one line in the same foreign language make one finding. Needs the
//! document's language (given or detected).
//!
//! Not reported, because they are not text to translate:
//! - web and file addresses (`Sumber: https://…/cong-uoc-ha-noi.htm`) and
//!   numbers, which are not counted as words at all;
//! - a line or sentence whose every word is capitalised: a name, a
//!   masthead or a byline (`Báo Chính Phủ`, `Pham Minh Chinh`);
//! - a sentence made only of glossary terms, e.g. an original name given
//!   on purpose (`Bộ Công an`);
//! - a gloss in brackets: a sentence's language is read outside its
//!   brackets, so `Kapolri bertemu Menteri Keamanan Publik (Minister of
//!   Public Security) Vietnam` is Indonesian (a sentence wholly in
//!   brackets is read whole);
//! - a short quotation (six words at most), which names a page, a slogan
//!   or a programme in its own language: `The pages 'Vay vốn quốc tế' and
//!   'Hỗ trợ tài chính' were fake` is English. A longer quotation is
//!   speech and is read with the sentence;
//! - page furniture: a site's brand line, a domain name and its tagline
//!   (`Vietnam.vn - Nền tảng quảng bá Việt Nam`), and a header of three or
//!   more short capitalised parts joined by dashes or bars, as the
//!   national motto is printed atop a page (`Độc lập - Tự do - Hạnh
//!   phúc`);
//! - a credit or dateline: at most eight words ending in a date, as a
//!   source's name run into the publication date (`Báo Nhân
//!   dânBáo Nhân dân25/10/2025`).
//!
//! A caption the page repeats word for word is one finding, on its first
//! copy, saying how often and where the line comes again (this holds for
//! every finding without a fix, in every rule; a finding with a fix is
//! reported on every copy, so `--fix` still mends each).
//!
//! ## Why is this bad?
//! The reader cannot read it. Left-over source text is the most visible
//! sign of an unfinished translation.
//!
//! ## Example
//! In an Indonesian article:
//! ```text
//! Thủ tướng chủ trì họp báo về lễ ký công ước - Ảnh 2.
//! ```
//! Use instead:
//! ```text
//! Perdana Menteri memimpin konferensi pers tentang upacara penandatanganan konvensi - Foto 2.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str = "A sentence in another working language than the document's.";

use crate::lint::lang::Language;
use crate::lint::{Document, Draft, Linter, Rule};

/// Whether every word of `start..end` lies inside a term occurrence.
/// Words and occurrences are in text order and do not overlap, so both
/// are found by binary search.
fn only_terms(doc: &Document<'_>, start: usize, end: usize) -> bool {
    let occurrences = &doc.all_occurrences;
    let first = doc.words.partition_point(|&(s, _)| s < start);
    doc.words[first..]
        .iter()
        .take_while(|&&(s, _)| s < end)
        .filter(|&&(_, e)| e <= end)
        .all(|&(s, e)| {
            let i = occurrences.partition_point(|o| o.start <= s);
            i > 0 && e <= occurrences[i - 1].end
        })
}

/// The separators of a page header's parts (`Brand - tagline`, `Độc lập -
/// Tự do - Hạnh phúc`).
const HEADER_SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — "];

/// Whether a line is page furniture rather than article text:
/// - a site's brand line: a domain name first, then a separator and a
///   tagline (`Vietnam.vn - Nền tảng quảng bá Việt Nam`);
/// - a header of short capitalised parts joined by separators, as a
///   national motto is printed at the top of a page (`Độc lập - Tự do -
///   Hạnh phúc`): three parts or more, each of at most three words.
pub(crate) fn is_page_furniture(line: &str) -> bool {
    // Most lines have no separator at all: they are told at once, without
    // splitting (every line of a document is asked).
    if !has_separator(line) {
        return false;
    }
    let line = line.trim();
    let mut parts = vec![line];
    for sep in HEADER_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    if parts.len() < 2 {
        return false;
    }
    let first_is_domain = parts[0].split_whitespace().count() == 1
        && crate::lint::address::is_domain(parts[0].trim());
    let motto = parts.len() >= 3
        && parts.iter().all(|p| {
            let n = p.split_whitespace().count();
            (1..=3).contains(&n) && p.trim().chars().next().is_some_and(char::is_uppercase)
        });
    (first_is_domain && parts.len() <= 3) || motto
}

/// Whether `line` holds one of [`HEADER_SEPARATORS`]: a dash or a bar
/// (`-`, `|`, `–`, `—`) with a space on either side.
fn has_separator(line: &str) -> bool {
    let b = line.as_bytes();
    let spaced = |i: usize, len: usize| i > 0 && b[i - 1] == b' ' && b.get(i + len) == Some(&b' ');
    b.iter().enumerate().any(|(i, &c)| match c {
        b'-' | b'|' => spaced(i, 1),
        // `–` and `—` are E2 80 93 and E2 80 94.
        0xE2 => {
            b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93 | 0x94)) && spaced(i, 3)
        }
        _ => false,
    })
}

/// Whether a sentence ends in a date (`25/10/2025`, `22-09-2023`).
fn ends_in_date(s: &str) -> bool {
    let s = s.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    let tail: String = s
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let parts: Vec<&str> = tail.split(['/', '-', '.']).collect();
    parts.len() == 3
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
        && parts.iter().all(|p| !p.is_empty())
}

/// A credit or dateline: a sentence of a few words that ends in a date, as
/// a source's name run into the publication date (`Báo Nhân dân25/10/2025`,
/// `PV - 07:30, 22/09/2023`).
fn is_credit(text: &str, words: usize) -> bool {
    words <= 8 && ends_in_date(text)
}

/// `an Indonesian`, `a Vietnamese`.
fn with_article(name: &str) -> String {
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

pub fn check(doc: &Document<'_>, _linter: &Linter, out: &mut Vec<Draft>) {
    let Some(doc_lang) = doc.lang else {
        return;
    };
    // (start, end, language, line) of sentences in a foreign language.
    let mut flagged: Vec<(usize, usize, Language, usize)> = Vec::new();
    let mut furniture_of: Option<(usize, bool)> = None;
    for sentence in &doc.sentences {
        let (start, end) = (sentence.start, sentence.end);
        let Some(lang) = sentence.lang else {
            continue;
        };
        if lang == doc_lang || sentence.evidence.lowercase_words == 0 || only_terms(doc, start, end)
        {
            continue;
        }
        let line = doc.lines.line_of(start);
        // Each line is looked at once, however many sentences it has.
        let furniture = match furniture_of {
            Some((l, f)) if l == line => f,
            _ => {
                let f = doc.is_furniture_line(line);
                furniture_of = Some((line, f));
                f
            }
        };
        if furniture || is_credit(&doc.text[start..end], sentence.evidence.words) {
            continue;
        }
        match flagged.last_mut() {
            Some(last) if last.2 == lang && last.3 == line => last.1 = end,
            _ => flagged.push((start, end, lang, line)),
        }
    }
    for (start, end, lang, _) in flagged {
        out.push(Draft {
            rule: Rule::UntranslatedText,
            start,
            end,
            concept: None,
            suggestion: None,
            message: format!(
                "untranslated {} text in {} document",
                lang.name(),
                with_article(doc_lang.name())
            ),
            fix: None,
            related: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{drafts, run};
    use super::*;
    use crate::lint::Rule;

    #[test]
    fn separators_are_found_as_splitting_finds_them() {
        for line in [
            "Vietnam.vn - Nền tảng",
            "Độc lập – Tự do — Hạnh phúc",
            "a | b",
            "a-b",
            "a -b",
            "- a",
            "a —",
            "kata biasa saja",
            "",
        ] {
            let split = HEADER_SEPARATORS.iter().any(|s| line.contains(s));
            assert_eq!(has_separator(line), split, "{line}");
        }
    }

    #[test]
    fn vietnamese_captions_in_an_indonesian_article() {
        let text = "Perdana Menteri tiba di Hanoi pada hari Sabtu untuk membuka acara itu.\n\
                    Thủ tướng chủ trì họp báo về lễ ký công ước - Ảnh 2.\n\
                    Upacara itu dihadiri oleh delegasi dari banyak negara.\n";
        let got = run(Rule::UntranslatedText, text, Language::Id);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].0,
            "Thủ tướng chủ trì họp báo về lễ ký công ước - Ảnh 2."
        );
        let d = drafts(Rule::UntranslatedText, text, Language::Id);
        assert_eq!(
            d[0].message,
            "untranslated Vietnamese text in an Indonesian document"
        );
    }

    #[test]
    fn an_english_sentence_in_an_indonesian_paragraph() {
        let text = "Delegasi itu tiba pada hari Senin. The ceremony was held at the convention center. Acara itu sukses.";
        let got = run(Rule::UntranslatedText, text, Language::Id);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "The ceremony was held at the convention center.");
    }

    #[test]
    fn a_bracketed_gloss_does_not_make_a_sentence_foreign() {
        let text = "Kapolri bertemu Menteri Keamanan Publik (Minister of Public Security) Vietnam, To Lam, di Jakarta.\n\
                    JAKARTA - Selain bertemu dengan Perdana Menteri, Kapolri bertemu Menteri Keamanan Publik (Minister of Public Security) Vietnam, To Lam.\n\
                    Upacara itu dihadiri oleh delegasi dari banyak negara.\n";
        assert!(run(Rule::UntranslatedText, text, Language::Id).is_empty());
        // A whole English sentence in brackets is still English.
        let text = "Delegasi itu tiba pada hari Senin. (The ceremony was held at the convention center.) Acara itu sukses.";
        assert_eq!(run(Rule::UntranslatedText, text, Language::Id).len(), 1);
    }

    #[test]
    fn short_quoted_names_do_not_make_a_sentence_foreign() {
        let text = "Police said the pair ran pages called 'Vay vốn quốc tế 24/7', \
                    'Hỗ trợ tài chính quốc tế' and “Tài chính tiêu dùng”.\n\
                    The officers closed the pages last week.\n";
        assert!(run(Rule::UntranslatedText, text, Language::En).is_empty());
        // A long quotation is speech, read with its sentence.
        let text = "The minister said: 'Chúng tôi sẽ tiếp tục hợp tác chặt chẽ với các nước trong khu vực'.\n\
                    The officers closed the pages last week.\n";
        assert_eq!(run(Rule::UntranslatedText, text, Language::En).len(), 1);
    }

    #[test]
    fn names_bylines_addresses_and_terms_are_not_untranslated() {
        let text = "Báo Chính Phủ 25/10/2025\n\
                    Perdana Menteri Pham Minh Chinh dan Thượng tướng Lương Tam Quang hadir di sana.\n\
                    Sumber: https://contoh.vn/tong-thu-ky-lien-hop-quoc-cong-uoc-ha-noi.htm\n\
                    Tổng Thư ký Liên Hợp Quốc\n\
                    tội phạm mạng\n\
                    ttxvn-phien-be-mac-le-mo-ky-cong-uoc-ha-noi-8364929-3.jpg\n";
        assert!(run(Rule::UntranslatedText, text, Language::Id).is_empty());
    }
}
