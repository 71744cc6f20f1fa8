//! The matcher on a small glossary: every matching case of lint.

use super::*;
use crate::model::{Lang, Status};
use unicode_normalization::UnicodeNormalization;

fn term(concept: &str, lang: &str, text: &str, status: Status, ty: TermType) -> Term {
    Term {
        concept: concept.into(),
        lang: lang.parse::<Lang>().unwrap(),
        term: text.into(),
        status,
        term_type: ty,
        category: "general".into(),
        note: String::new(),
    }
}

fn glossary() -> Matcher {
    use Status::*;
    use TermType::*;
    let rows = vec![
        ("cybercrime", "id", "kejahatan siber", Preferred, Full),
        ("cybercrime", "id", "kejahatan dunia maya", Admitted, Full),
        ("cybercrime", "vi", "tội phạm mạng", Preferred, Full),
        (
            "convention",
            "id",
            "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya",
            Preferred,
            Full,
        ),
        ("convention", "id", "Konvensi Hanoi", Admitted, Short),
        ("ratification", "id", "ratifikasi", Preferred, Full),
        ("signature", "id", "tanda tangan", Preferred, Full),
        ("mps", "id", "Kementerian Keamanan Publik", Preferred, Full),
        ("minister", "id", "Menteri Keamanan Publik", Preferred, Full),
        (
            "deputy",
            "id",
            "Wakil Menteri Keamanan Publik",
            Preferred,
            Full,
        ),
        ("committee", "vi", "Ủy ban", Preferred, Full),
        ("un", "id", "PBB", Preferred, Acronym),
        ("cooperation", "id", "kerja sama", Preferred, Full),
        ("party", "vi", "Đảng", Preferred, Short),
        ("it", "en", "IT", Preferred, Acronym),
        ("ceremony", "id", "upacara", Preferred, Full),
        (
            "signing-ceremony",
            "id",
            "Upacara Penandatanganan Konvensi",
            Preferred,
            Short,
        ),
    ];
    let mut concepts: Vec<Concept> = Vec::new();
    for (c, l, t, s, ty) in rows {
        let term = term(c, l, t, s, ty);
        match concepts.iter_mut().find(|x| x.concept == c) {
            Some(x) => x.terms.push(term),
            None => concepts.push(Concept {
                concept: c.into(),
                category: "general".into(),
                terms: vec![term],
            }),
        }
    }
    Matcher::new(concepts)
}

fn found(m: &Matcher, text: &str) -> Vec<(String, String)> {
    let opts = FindOptions {
        langs: None,
        stem_indonesian: true,
    };
    m.find(text, &opts)
        .into_iter()
        .map(|o| {
            (
                text[o.start..o.end].to_string(),
                m.term(o.term()).term.clone(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn longest_match_wins() {
    let m = glossary();
    let text = "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya dibahas.";
    assert_eq!(
        found(&m, text),
        pairs(&[(
            "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya",
            "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya"
        )])
    );
    let text = "Wakil Menteri Keamanan Publik hadir.";
    assert_eq!(
        found(&m, text),
        pairs(&[(
            "Wakil Menteri Keamanan Publik",
            "Wakil Menteri Keamanan Publik"
        )])
    );
}

#[test]
fn the_longer_of_two_overlapping_terms_wins_even_when_it_starts_later() {
    let m = glossary();
    let text =
        "Upacara Penandatanganan Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya.";
    assert_eq!(
        found(&m, text),
        pairs(&[
            ("Upacara", "upacara"),
            (
                "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya",
                "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya"
            )
        ])
    );
}

#[test]
fn nothing_inside_web_addresses_or_file_names() {
    let m = glossary();
    assert!(
        found(
            &m,
            "Sumber: https://contoh.vn/kejahatan-siber-meningkat.htm"
        )
        .is_empty()
    );
    assert!(found(&m, "foto-kejahatan-siber.jpg").is_empty());
    assert_eq!(found(&m, "kejahatan siber (contoh.vn)").len(), 1);
}

#[test]
fn whole_words_only() {
    let m = glossary();
    assert!(found(&m, "kejahatan sibernetik dan hal konvensional").is_empty());
    assert!(found(&m, "Konvensi Hanoian").is_empty());
}

#[test]
fn line_breaks_and_extra_spaces() {
    let m = glossary();
    let text = "melawan kejahatan\n   siber di kawasan";
    assert_eq!(
        found(&m, text),
        pairs(&[("kejahatan\n   siber", "kejahatan siber")])
    );
}

#[test]
fn sentence_punctuation_ends_a_term() {
    let m = glossary();
    assert!(found(&m, "Itu kejahatan. Siber adalah dunia baru.").is_empty());
    assert!(found(&m, "kejahatan, siber").is_empty());
    assert!(found(&m, "kejahatan\n\nsiber").is_empty());
    // The hyphen inside Bangsa-Bangsa is part of the term; a dash is not.
    assert!(found(&m, "kejahatan - siber").is_empty());
}

#[test]
fn indonesian_inflection() {
    let m = glossary();
    assert_eq!(
        found(&m, "ratifikasinya, meratifikasi, diratifikasi"),
        pairs(&[
            ("ratifikasinya", "ratifikasi"),
            ("meratifikasi", "ratifikasi"),
            ("diratifikasi", "ratifikasi")
        ])
    );
    assert_eq!(
        found(&m, "kejahatan sibernya"),
        pairs(&[("kejahatan sibernya", "kejahatan siber")])
    );
    assert_eq!(found(&m, "PBB-nya"), pairs(&[("PBB-nya", "PBB")]));
    // A verb formed on a compound.
    assert_eq!(
        found(&m, "menandatangani"),
        pairs(&[("menandatangani", "tanda tangan")])
    );
    // A noun formed on it is another word.
    assert!(found(&m, "penandatanganan").is_empty());
    // Prefixes only on the first word of a term.
    assert!(found(&m, "kerja bersama").is_empty());
}

#[test]
fn clitics_are_located_in_the_original() {
    let m = glossary();
    let opts = FindOptions {
        langs: None,
        stem_indonesian: true,
    };
    let text = "Kejahatan sibernya meningkat; PBB-nya diam.";
    let occ = m.find(text, &opts);
    assert_eq!(&text[occ[0].start..occ[0].stem_end], "Kejahatan siber");
    assert_eq!(&text[occ[0].stem_end..occ[0].end], "nya");
    assert!(occ[0].inflection.as_ref().unwrap().is_clitic_only());
    assert_eq!(&text[occ[1].stem_end..occ[1].end], "-nya");
    let occ = m.find("meratifikasi", &opts);
    assert!(occ[0].inflection.as_ref().unwrap().has_prefix());
}

#[test]
fn without_stemming_only_exact_forms() {
    let m = glossary();
    let opts = FindOptions::default();
    assert!(m.find("meratifikasi", &opts).is_empty());
    assert_eq!(m.find("ratifikasi", &opts).len(), 1);
}

#[test]
fn vietnamese_nfd_and_tone_placement() {
    let m = glossary();
    let nfd: String = "Ủy ban và tội phạm mạng".nfd().collect();
    let committee: String = "Ủy ban".nfd().collect();
    let crime: String = "tội phạm mạng".nfd().collect();
    assert_eq!(
        found(&m, &nfd),
        vec![
            (committee, "Ủy ban".to_string()),
            (crime, "tội phạm mạng".to_string())
        ]
    );
    assert_eq!(found(&m, "Uỷ ban"), pairs(&[("Uỷ ban", "Ủy ban")]));
}

#[test]
fn folding_does_not_confuse_marked_vietnamese_words() {
    let m = glossary();
    assert!(found(&m, "Tội phạm đang gia tăng").is_empty());
    assert_eq!(found(&m, "Đảng và Nhà nước"), pairs(&[("Đảng", "Đảng")]));
    // Written without marks, it may be either: the folded match stands.
    assert_eq!(found(&m, "Dang va Nha nuoc"), pairs(&[("Dang", "Đảng")]));
}

#[test]
fn acronyms_match_only_in_capitals() {
    let m = glossary();
    assert!(found(&m, "States ratify it quickly.").is_empty());
    assert_eq!(found(&m, "The IT sector grows."), pairs(&[("IT", "IT")]));
}

#[test]
fn language_filter_and_spans() {
    let m = glossary();
    let langs = ["vi"];
    let opts = FindOptions {
        langs: Some(&langs),
        stem_indonesian: false,
    };
    let text = "kejahatan siber — tội phạm mạng";
    let occ = m.find(text, &opts);
    assert_eq!(occ.len(), 1);
    assert_eq!(&text[occ[0].start..occ[0].end], "tội phạm mạng");
    assert_eq!(occ[0].words.len(), 3);
}

#[test]
fn each_language_selection_chooses_among_its_own_terms() {
    use Status::*;
    use TermType::*;
    let concept = |slug: &str, lang: &str, text: &str| Concept {
        concept: slug.into(),
        category: "general".into(),
        terms: vec![term(slug, lang, text, Preferred, Full)],
    };
    let m = Matcher::new(vec![
        concept("public-security", "en", "public security"),
        concept("security-council", "id", "security council"),
    ]);
    let text = "The public security council met.";
    let folded = fold(text);
    let (en, id) = (["en"], ["id"]);
    let each = m.find_folded_each(text, &folded, false, &[None, Some(&en), Some(&id)]);
    let spans: Vec<Vec<&str>> = each
        .iter()
        .map(|found| found.iter().map(|o| &text[o.start..o.end]).collect())
        .collect();
    // Among every language the longer form wins; a language alone keeps
    // its own term, which the other's no longer shadows.
    assert_eq!(
        spans,
        vec![
            vec!["security council"],
            vec!["public security"],
            vec!["security council"]
        ]
    );
    // One selection gives what a search of its own gives.
    let alone = m.find(
        text,
        &FindOptions {
            langs: Some(&en),
            stem_indonesian: false,
        },
    );
    assert_eq!(alone, *each[1]);
    // Selections that keep every candidate share one result.
    let twice = m.find_folded_each(text, &folded, false, &[None, None]);
    assert!(Arc::ptr_eq(&twice[0], &twice[1]));
}

/// The candidates keep the automaton's order, and the choice among equal
/// candidates depends on it: the double-array automaton must report
/// overlapping matches exactly as the aho-corasick crate's standard
/// automaton, which the matcher used before, did (by end, longest first).
#[test]
fn overlapping_matches_come_in_the_order_of_aho_corasick() {
    let mut seed = 11u64;
    let mut below = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    for _ in 0..200 {
        let mut forms: Vec<String> = (0..1 + below(30))
            .map(|_| {
                (0..1 + below(6))
                    .map(|_| ["a", "b", " ", "ab"][below(4) as usize])
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .filter(|f| !f.is_empty())
            .collect();
        forms.sort();
        forms.dedup();
        if forms.is_empty() {
            continue;
        }
        let text: String = (0..below(60))
            .map(|_| ["a", "b", " ", "ab", "ba "][below(5) as usize])
            .collect();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&forms)
            .unwrap();
        let expected: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(&text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        let da = DoubleArrayAhoCorasick::<u32>::new(&forms).unwrap();
        let got: Vec<(usize, usize, usize)> = da
            .find_overlapping_iter(&text)
            .map(|m| (m.start(), m.end(), m.value() as usize))
            .collect();
        assert_eq!(got, expected, "{forms:?} in {text:?}");
    }
}
