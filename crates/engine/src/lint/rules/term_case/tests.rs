//! The rule's tests, on the test glossary (`rules/testing.csv`).

use super::super::testing::{drafts, found, run};
use crate::lint::{Language, Rule};

#[test]
fn proper_names_with_other_capitals() {
    let text = "Delegasi kementerian luar negeri dan Kementerian Keamanan publik tiba.";
    assert_eq!(
        run(Rule::TermCase, text, Language::Id),
        found(&[
            ("kementerian luar negeri", Some("Kementerian Luar Negeri")),
            (
                "Kementerian Keamanan publik",
                Some("Kementerian Keamanan Publik")
            ),
        ])
    );
    let d = drafts(Rule::TermCase, text, Language::Id);
    assert_eq!(
        d[0].message,
        "\"kementerian luar negeri\" is written \"Kementerian Luar Negeri\" in the glossary"
    );
    assert_eq!(d[0].concept.as_deref(), Some("mofa"));
}

#[test]
fn vietnamese_names_and_extra_capitals() {
    assert_eq!(
        run(
            Rule::TermCase,
            "Đại diện Bộ Ngoại Giao và Bộ Công an cho biết.",
            Language::Vi
        ),
        found(&[("Bộ Ngoại Giao", Some("Bộ Ngoại giao"))])
    );
    // The press's capital on each word of a name is a house style;
    // a capital on each syllable is not.
    let text = "Cảnh sát Quốc gia Indonesia và Bộ Công An họp.";
    assert_eq!(
        run(Rule::TermCase, text, Language::Vi),
        found(&[("Bộ Công An", Some("Bộ Công an"))])
    );
    let text = "Đoàn Cảnh sát Quốc Gia Indonesia đến.";
    assert_eq!(run(Rule::TermCase, text, Language::Vi).len(), 1);
    let text = "Đây là Công ước Liên Hợp Quốc về Chống tội phạm mạng.";
    assert_eq!(run(Rule::TermCase, text, Language::Vi).len(), 1);
    // Two words with one capital, in lower case: the common noun.
    let text = "Ông phụ trách lãnh sự, quốc hội và kiều bào. Quốc hội họp.";
    assert!(run(Rule::TermCase, text, Language::Vi).is_empty());
    // A longer name in lower case, or other capitals, is still wrong.
    assert_eq!(
        run(
            Rule::TermCase,
            "Đại diện bộ công an và Quốc Hội cho biết.",
            Language::Vi
        ),
        found(&[
            ("bộ công an", Some("Bộ Công an")),
            ("Quốc Hội", Some("Quốc hội"))
        ])
    );
}

#[test]
fn clitics_keep_their_place_in_the_suggestion() {
    assert_eq!(
        run(
            Rule::TermCase,
            "Ia memuji kementerian luar negerinya.",
            Language::Id
        ),
        found(&[(
            "kementerian luar negerinya",
            Some("Kementerian Luar Negerinya")
        )])
    );
}

#[test]
fn allowed_capitals() {
    for (text, lang) in [
        // A lowercase term with a capital at the start of a sentence
        // or line, or anywhere: common terms are not checked.
        (
            "Kejahatan siber meningkat. Kejahatan siber merugikan.",
            Language::Id,
        ),
        ("Judul\nKejahatan siber di kawasan", Language::Id),
        (
            "Negara itu memerangi Kejahatan Siber secara serius.",
            Language::Id,
        ),
        // Titles, ranks and committees double as descriptions.
        ("Seorang letnan jenderal senior hadir.", Language::Id),
        ("Sebuah komite pengarah kecil dibentuk.", Language::Id),
        // A one-word short form is also a plain word.
        ("Banyak partai politik hadir.", Language::Id),
        // A title-case headline.
        ("Bộ Ngoại Giao Và Bộ Công An Họp Báo", Language::Vi),
        // All capitals.
        ("KEMENTERIAN LUAR NEGERI MENGUMUMKAN", Language::Id),
        // Function words inside a name.
        (
            "Konvensi Perserikatan Bangsa-Bangsa melawan Kejahatan Siber ditandatangani.",
            Language::Id,
        ),
        // Clitics and the right capitals.
        ("Kementerian Luar Negerinya hadir.", Language::Id),
    ] {
        assert!(run(Rule::TermCase, text, lang).is_empty(), "{text}");
    }
}

#[test]
fn a_possessive_inside_a_longer_name_is_no_capital() {
    let text = "The 18th ASEAN’s Senior Officials Meeting on Transnational Crime opened.";
    assert!(run(Rule::TermCase, text, Language::En).is_empty());
}
