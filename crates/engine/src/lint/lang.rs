//! Which working language a document, a line or a sentence is in.
//!
//! lint needs this twice: once per document when `--lang` is not given
//! (which terms to check, whether to stem Indonesian), and once per
//! sentence for `untranslated-text`. Both use the same two signals, which
//! separate these three languages well without any model:
//!
//! - **Vietnamese letters.** Nearly every Vietnamese word carries a letter
//!   Indonesian and English never use (`ă â ê ô ơ ư đ` or a tone mark);
//!   Indonesian and English news text has none, apart from names.
//! - **Stop words.** The most frequent function words of each language
//!   (`yang dan di dengan untuk` / `the of and to in` / `và của là các
//!   những`), which make up a large share of any running text.
//!
//! A sentence's language is called only on clear evidence (see
//! [`identify_sentence`]). A document is in the language of most of its
//! sentences that could be called (on a tie, of most words in them), so a
//! few long Vietnamese captions cannot outvote an Indonesian article. When
//! no sentence can be called, it is in the language with the most evidence
//! overall (Vietnamese words plus Vietnamese stop words, or the stop words
//! of the other two), given at least [`MIN_DOCUMENT_EVIDENCE`] words of it.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// A working language lint can detect.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Language {
    Id,
    Vi,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Id, Language::Vi, Language::En];

    /// The BCP 47 tag, as glossary terms carry it.
    pub fn code(self) -> &'static str {
        match self {
            Language::Id => "id",
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// The English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::Id => "Indonesian",
            Language::Vi => "Vietnamese",
            Language::En => "English",
        }
    }

    fn stop_words(self) -> &'static [&'static str] {
        match self {
            Language::Id => ID_STOP_WORDS,
            Language::Vi => VI_STOP_WORDS,
            Language::En => EN_STOP_WORDS,
        }
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("unknown language \"{s}\": lint knows id, vi and en"))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

const ID_STOP_WORDS: &[&str] = &[
    "yang",
    "dan",
    "di",
    "dengan",
    "untuk",
    "dari",
    "dalam",
    "ini",
    "itu",
    "pada",
    "tidak",
    "akan",
    "juga",
    "ke",
    "oleh",
    "adalah",
    "bahwa",
    "telah",
    "sebagai",
    "atau",
    "para",
    "karena",
    "tersebut",
    "dapat",
    "secara",
    "serta",
    "mereka",
    "kami",
    "kita",
    "bagi",
    "lebih",
    "sudah",
    "merupakan",
    "hanya",
    "tetapi",
    "antara",
    "seperti",
    "menjadi",
    "setelah",
    "sangat",
    "agar",
];

const EN_STOP_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "by", "was", "at",
    "from", "this", "be", "are", "it", "an", "has", "have", "which", "will", "its", "their",
    "were", "been", "not", "said", "who", "would", "also", "than",
];

/// Written with their diacritics: without them several collide with
/// Indonesian words (`da`, `di`, `ke`).
const VI_STOP_WORDS: &[&str] = &[
    "và", "của", "là", "các", "những", "được", "cho", "với", "trong", "này", "có", "không",
    "người", "một", "đã", "để", "về", "tại", "từ", "theo", "đến", "khi", "cũng", "sẽ", "đó", "ra",
    "nhiều", "như", "đang", "vào", "lại", "thì", "nhưng",
];

/// Letters of the Vietnamese alphabet outside ASCII, lowercase NFC.
const VI_LETTERS: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

/// Whether a word carries a Vietnamese letter.
pub fn has_vietnamese_letter(word: &str) -> bool {
    !word.is_ascii()
        && word
            .nfc()
            .flat_map(char::to_lowercase)
            .any(is_vietnamese_letter)
}

/// Whether a lowercase NFC character is in [`VI_LETTERS`]. They all lie
/// in U+00E0..=U+1EF9, so everything else is answered without a search.
fn is_vietnamese_letter(c: char) -> bool {
    ('\u{e0}'..='\u{1ef9}').contains(&c) && VI_LETTERS.contains(c)
}

/// For each stop word, the languages it belongs to, as bits in
/// [`Language::ALL`] order: a word is looked up once, not in three lists.
static STOP_WORDS: LazyLock<foldhash::HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map = foldhash::HashMap::default();
    for l in Language::ALL {
        for w in l.stop_words() {
            *map.entry(*w).or_default() |= 1 << l as u8;
        }
    }
    map
});

/// How much evidence each language has in a stretch of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Words counted (letters only, no digits, no addresses).
    pub words: usize,
    /// Words with a Vietnamese letter.
    pub vietnamese_letters: usize,
    /// Stop-word hits per language, in [`Language::ALL`] order; the
    /// Vietnamese count also has every word with a Vietnamese letter.
    pub stop_words: [usize; 3],
    /// Words whose first letter is lowercase.
    pub lowercase_words: usize,
}

impl Evidence {
    /// Evidence for one language: its stop words; for Vietnamese, words
    /// with Vietnamese letters or Vietnamese stop words (each word once).
    fn stop(&self, l: Language) -> usize {
        self.stop_words[l as usize]
    }
}

/// Counts the evidence in `text`.
pub fn evidence(text: &str) -> Evidence {
    let mut e = Evidence::default();
    let mut lower = String::new();
    super::lang_words::each_word(text, |w| {
        e.words += 1;
        lower.clear();
        // An ASCII word is already NFC and has no Vietnamese letter; it is
        // lowered byte by byte (most words of most texts).
        let vi_letter = if w.is_ascii() {
            if w.as_bytes()[0].is_ascii_lowercase() {
                e.lowercase_words += 1;
            }
            lower.push_str(w);
            lower.make_ascii_lowercase();
            false
        } else {
            if w.chars().next().is_some_and(char::is_lowercase) {
                e.lowercase_words += 1;
            }
            lower.extend(w.nfc().flat_map(char::to_lowercase));
            lower.chars().any(is_vietnamese_letter)
        };
        if vi_letter {
            e.vietnamese_letters += 1;
        }
        let stop = STOP_WORDS.get(lower.as_str()).copied().unwrap_or(0);
        for l in Language::ALL {
            let hit = stop & (1 << l as u8) != 0;
            if l == Language::Vi {
                if hit || vi_letter {
                    e.stop_words[l as usize] += 1;
                }
            } else if hit {
                e.stop_words[l as usize] += 1;
            }
        }
    });
    e
}

/// Byte ranges of the sentences of `text`: each line is split after `.`,
/// `!` or `?` (and the closing brackets or quotes right after it) followed
/// by a space; ranges are trimmed, empty ones left out.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut start = line_start;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if !matches!(n, ')' | ']' | '"' | '”' | '’' | '\'' | '»') {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            if chars.peek().is_some_and(|(_, n)| *n == ' ' || *n == '\t') {
                let end = line_start + end;
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
        }
        push_trimmed(text, start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// A document needs this many words of evidence for its language.
pub const MIN_DOCUMENT_EVIDENCE: usize = 3;

/// A sentence of a document ([`sentences`]) with its evidence and its
/// language ([`identify_sentence`]): read once per document, for detecting
/// the document's language and for `untranslated-text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub evidence: Evidence,
    pub lang: Option<Language>,
}

/// The sentences of `text`, each read.
pub fn read_sentences(text: &str) -> Vec<Sentence> {
    sentences(text)
        .into_iter()
        .map(|(start, end)| {
            let evidence = sentence_evidence(&text[start..end]);
            Sentence {
                start,
                end,
                lang: identify(&evidence),
                evidence,
            }
        })
        .collect()
}

/// The evidence of a sentence, its bracketed asides left out: a gloss in
/// brackets (`Menteri Keamanan Umum (Minister of Public Security)` in an
/// Indonesian sentence) is another language on purpose and says nothing of
/// the sentence's own. When too little is left outside the brackets to
/// call a language (a caption wholly in brackets), the whole sentence
/// counts.
pub fn sentence_evidence(sentence: &str) -> Evidence {
    match super::asides::outside_brackets(sentence) {
        Some(outside) => {
            let e = evidence(&outside);
            if e.words >= MIN_SENTENCE_WORDS {
                e
            } else {
                evidence(sentence)
            }
        }
        None => evidence(sentence),
    }
}

/// A sentence needs this many words for its language to be called.
const MIN_SENTENCE_WORDS: usize = 3;

/// The language of a whole document, or `None` when there is too little
/// evidence or two languages tie.
pub fn detect_document(text: &str) -> Option<Language> {
    detect_from_sentences(text, &read_sentences(text))
}

/// [`detect_document`] given the document's [`read_sentences`].
pub fn detect_from_sentences(text: &str, sentences: &[Sentence]) -> Option<Language> {
    // (sentences, words) per language.
    let mut votes = [(0usize, 0usize); 3];
    for s in sentences {
        if let Some(l) = s.lang {
            votes[l as usize].0 += 1;
            votes[l as usize].1 += s.evidence.words;
        }
    }
    let mut ranked: Vec<((usize, usize), Language)> = Language::ALL
        .iter()
        .map(|l| (votes[*l as usize], *l))
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    if ranked[0].0.0 > 0 {
        return (ranked[0].0 > ranked[1].0).then_some(ranked[0].1);
    }
    let e = evidence(text);
    let mut ranked: Vec<(usize, Language)> =
        Language::ALL.iter().map(|l| (e.stop(*l), *l)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (best, lang) = ranked[0];
    (best >= MIN_DOCUMENT_EVIDENCE && best > ranked[1].0).then_some(lang)
}

/// The language of one sentence, only when it is clear, read outside its
/// brackets ([`sentence_evidence`]):
/// - Vietnamese when at least three words, and at least half of all its
///   words, carry Vietnamese letters (an Indonesian sentence naming
///   `Thượng tướng Lương Tam Quang` stays below half);
/// - Indonesian or English when it has at least four words, at least two
///   stop words of that language, at least twice as many as of the other,
///   and hardly any Vietnamese letters.
pub fn identify_sentence(text: &str) -> Option<Language> {
    identify(&sentence_evidence(text))
}

/// [`identify_sentence`] from the sentence's evidence.
fn identify(e: &Evidence) -> Option<Language> {
    if e.words < MIN_SENTENCE_WORDS {
        return None;
    }
    if e.vietnamese_letters >= 3 && e.vietnamese_letters * 2 >= e.words {
        return Some(Language::Vi);
    }
    if e.words < 4 || e.vietnamese_letters * 4 > e.words {
        return None;
    }
    let (id, en) = (e.stop(Language::Id), e.stop(Language::En));
    if id >= 2 && id >= 2 * en {
        Some(Language::Id)
    } else if en >= 2 && en >= 2 * id {
        Some(Language::En)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents() {
        assert_eq!(
            detect_document(
                "Menteri itu mengatakan bahwa konvensi ini akan segera diratifikasi oleh negara-negara yang hadir."
            ),
            Some(Language::Id)
        );
        assert_eq!(
            detect_document(
                "The minister said that the convention will be ratified by the states that attended."
            ),
            Some(Language::En)
        );
        assert_eq!(
            detect_document("Bộ trưởng cho biết công ước sẽ sớm được các nước phê chuẩn."),
            Some(Language::Vi)
        );
        assert_eq!(detect_document(""), None);
        assert_eq!(detect_document("Hanoi 2025"), None);
    }

    #[test]
    fn long_foreign_captions_do_not_outvote_the_article() {
        let text = "Menteri itu tiba di Hanoi pada hari Sabtu.\n\
                    Thủ tướng chủ trì họp báo về lễ ký công ước tại Trung tâm Hội nghị Quốc gia - Ảnh 2.\n\
                    Ia mengatakan bahwa konvensi itu akan segera berlaku.\n";
        assert_eq!(detect_document(text), Some(Language::Id));
    }

    #[test]
    fn sentences_are_split_and_trimmed() {
        let text = "Satu dua. Tiga empat!\n  Lima enam  \n\nTuju 2.5 juta. (Delapan sembilan.) \"Sepuluh.\" Sebelas";
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            got,
            vec![
                "Satu dua.",
                "Tiga empat!",
                "Lima enam",
                "Tuju 2.5 juta.",
                "(Delapan sembilan.)",
                "\"Sepuluh.\"",
                "Sebelas"
            ]
        );
    }

    #[test]
    fn vietnamese_letters_are_told_without_a_search_outside_their_range() {
        assert!(VI_LETTERS.chars().all(is_vietnamese_letter));
        assert!(!('\0'..='\u{7f}').any(is_vietnamese_letter));
        for c in ['ß', 'ñ', 'ç', 'ō', 'ş'] {
            assert!(!is_vietnamese_letter(c), "{c}");
        }
        // Stop words are found whatever their case or normalisation.
        let nfd: String = "Của".nfd().collect();
        let e = evidence(&format!("{nfd} YANG The"));
        assert_eq!(e.stop_words, [1, 1, 1]);
        assert_eq!(e.vietnamese_letters, 1);
    }

    #[test]
    fn vietnamese_without_nfc_is_still_vietnamese() {
        let nfd: String = "Bộ trưởng cho biết công ước sẽ sớm được phê chuẩn"
            .nfd()
            .collect();
        assert_eq!(detect_document(&nfd), Some(Language::Vi));
        assert!(has_vietnamese_letter(&nfd));
    }

    #[test]
    fn sentence_languages() {
        assert_eq!(
            identify_sentence("Thủ tướng chủ trì họp báo về lễ ký công ước - Ảnh 2."),
            Some(Language::Vi)
        );
        // An Indonesian sentence naming Vietnamese people with diacritics.
        assert_eq!(
            identify_sentence(
                "Thượng tướng Lương Tam Quang menandatangani keputusan itu pada hari Senin di Hanoi."
            ),
            Some(Language::Id)
        );
        assert_eq!(
            identify_sentence("The ceremony was held at the National Convention Center."),
            Some(Language::En)
        );
        // A bracketed gloss is not the sentence's language; a sentence
        // wholly in brackets is read whole.
        assert_eq!(
            identify_sentence(
                "Kapolri bertemu Menteri Keamanan Publik (Minister of Public Security) Vietnam, To Lam, di Jakarta."
            ),
            None
        );
        assert_eq!(
            identify_sentence(
                "Delegasi itu tiba di Hanoi [the capital of Viet Nam] pada hari Senin."
            ),
            Some(Language::Id)
        );
        assert_eq!(
            identify_sentence("(The delegation arrived in Hanoi on Monday.)"),
            Some(Language::En)
        );
        // Too short to call.
        assert_eq!(identify_sentence("Ảnh 1."), None);
        assert_eq!(identify_sentence("No data"), None);
        // Addresses are not language.
        assert_eq!(
            identify_sentence("Sumber: https://contoh.vn/cong-uoc-ha-noi-la-tru-cot.htm"),
            None
        );
    }
}
