//! The tests of `misspelled-term`: what it reports and what it leaves.

use super::super::testing::{drafts, found, run};
use super::*;
use crate::lint::{Language, Rule};

#[test]
fn near_misses_of_terms_are_reported() {
    let text = "Kementerian Keamanan Publk mengumumkan bahwa Letnan Jendral Senior hadir.";
    assert_eq!(
        run(Rule::MisspelledTerm, text, Language::Id),
        found(&[
            (
                "Kementerian Keamanan Publk",
                Some("Kementerian Keamanan Publik")
            ),
            ("Letnan Jendral Senior", Some("Letnan Jenderal Senior")),
        ])
    );
    let d = drafts(Rule::MisspelledTerm, text, Language::Id);
    assert_eq!(
        d[0].message,
        "\"Kementerian Keamanan Publk\" is not a glossary term; did you mean \"Kementerian Keamanan Publik\"?"
    );
    assert_eq!(d[0].concept.as_deref(), Some("mps"));
}

#[test]
fn a_swapped_pair_of_letters_is_one_edit() {
    assert_eq!(
        run(
            Rule::MisspelledTerm,
            "Kemeterian Luar Negeri dan VeitnamPlus.",
            Language::Id
        ),
        found(&[
            ("Kemeterian Luar Negeri", Some("Kementerian Luar Negeri")),
            ("VeitnamPlus", Some("VietnamPlus")),
        ])
    );
}

#[test]
fn a_common_word_alone_is_compared_with_names_only() {
    // `pendidikan` (education) is one letter from the term
    // `penyidikan` (investigation), and a word of its own.
    for text in [
        "Kerja sama di bidang budaya, pendidikan, dan pariwisata.",
        "Proses ratifkiasi berjalan lambat.",
    ] {
        assert!(
            run(Rule::MisspelledTerm, text, Language::Id).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn a_misspelt_name_may_contain_a_correct_term() {
    assert_eq!(
        run(
            Rule::MisspelledTerm,
            "Ia bertemu Sekretaris Jendral Perserikatan Bangsa-Bangsa dan Komite Pengarahh.",
            Language::Id
        ),
        found(&[
            (
                "Sekretaris Jendral Perserikatan Bangsa-Bangsa",
                Some("Sekretaris Jenderal Perserikatan Bangsa-Bangsa")
            ),
            ("Komite Pengarahh", Some("Komite Pengarah")),
        ])
    );
}

#[test]
fn exact_terms_and_parts_of_terms_are_not_misspellings() {
    let text = "Wakil Menteri Keamanan Publik bertemu Menteri Keamanan Publik dan Kementerian Keamanan Publik.";
    assert!(run(Rule::MisspelledTerm, text, Language::Id).is_empty());
}

#[test]
fn ordinary_words_and_grammar_are_not_misspellings() {
    for text in [
        // Other words that look alike.
        "notifikasi dan klasifikasi diterima.",
        "kejahatan sibernetik dan kejahatan seksual.",
        "Menteri Dalam Negeri dan Kementerian Dalam Negeri.",
        "acara diplomatik multilateral itu",
        // Inflection and endings.
        "Kementerian Keamanan Publiknya dan Komite Pengarahnya.",
        // Sentence punctuation between the words.
        "Kementerian Keamanan. Publk itu.",
    ] {
        assert!(
            run(Rule::MisspelledTerm, text, Language::Id).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn windows_clash_with_occurrences_as_a_scan_of_them_says() {
    // The rule's definition, checked against every occurrence.
    fn scan(occurrences: &[(usize, usize)], start: usize, end: usize) -> bool {
        occurrences.iter().any(|&(a, b)| {
            a <= end && start <= b && !(start <= a && b <= end && (start, end) != (a, b))
        })
    }
    let mut seed = 7u64;
    let mut below = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    let words = 8;
    for _ in 0..2000 {
        let occurrences: Vec<(usize, usize)> = (0..below(4))
            .map(|_| {
                let a = below(words);
                (a, (a + below(4)).min(words - 1))
            })
            .collect();
        let occupied = Occupied::from_ranges(words, occurrences.iter().copied());
        for start in 0..words {
            for end in start..words {
                assert_eq!(
                    occupied.clashes(start, end),
                    scan(&occurrences, start, end),
                    "{occurrences:?} {start}..={end}"
                );
            }
        }
    }
}

#[test]
fn a_term_of_another_language_is_not_suggested() {
    assert!(
        run(
            Rule::MisspelledTerm,
            "The ratifkiasi was delayed.",
            Language::En
        )
        .is_empty()
    );
}

#[test]
fn regional_spellings_are_not_typos() {
    for (a, b) in [
        ("organisation", "organization"),
        ("centre", "center"),
        ("defence", "defense"),
        ("programme", "program"),
        ("labour", "labor"),
        ("judgement", "judgment"),
    ] {
        assert!(regional_variants(a, b), "{a} {b}");
        assert!(regional_variants(b, a), "{b} {a}");
        assert!(!plausible_typo(a, b), "{a} {b}");
    }
    assert!(!regional_variants("ministry", "minister"));
    assert!(plausible_typo("organisaton", "organisation"));
}

#[test]
fn vietnamese_words_with_other_marks_are_other_words() {
    assert!(marks_differ("lượng", "Lương"));
    assert!(marks_differ("thư", "Thứ"));
    assert!(!marks_differ("hoà", "hòa"));
    assert!(!marks_differ("Luong", "Lương"));
    assert!(!marks_differ("trưởg", "trưởng"));
}

#[test]
fn typo_plausibility() {
    assert!(plausible_typo("publk", "publik"));
    assert!(plausible_typo("jendral", "jenderal"));
    assert!(plausible_typo("ratifkiasi", "ratifikasi"));
    assert!(!plausible_typo("diplomatik", "diplomasi"));
    assert!(!plausible_typo("ministers", "minister"));
    assert!(plausible_typo("pengarahh", "pengarah"));
    assert!(!plausible_typo("dan", "dari"));
    assert!(!plausible_typo("a06", "a05"));
    assert!(!plausible_typo("kublik", "publik"));
}
