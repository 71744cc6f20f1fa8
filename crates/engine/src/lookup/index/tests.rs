//! The index against a full scan and a plain automaton walk: what the
//! shortcuts of the search and the word matching must never lose.

use super::*;

fn index(terms: &[&str]) -> LookupIndex {
    let bytes = LookupIndex::build(7, terms.iter().enumerate().map(|(i, t)| (i as u64 + 1, *t)));
    LookupIndex::open(Bytes::Owned(bytes)).unwrap()
}

const TERMS: &[&str] = &[
    "Bộ Công an",
    "Kementerian Keamanan Publik",
    "Menteri Keamanan Publik",
    "Wakil Menteri Keamanan Publik",
    "Perserikatan Bangsa-Bangsa",
    "Vietnam",
    "Pham Minh Chinh",
    "Phạm Minh Chính",
    "Thành phố vì hòa bình",
    "hình sự hóa",
    "kejahatan siber",
    "kejahatan dunia maya",
];

#[test]
fn round_trips_and_reports_generation() {
    let ix = index(TERMS);
    assert_eq!(ix.generation(), 7);
    // Two spellings of one name fold to one string with two ids.
    let (o, s) = ix.search("pham minh chinh", 60)[0];
    assert_eq!(s, 100);
    assert_eq!(ix.term_ids(o), vec![7, 8]);
    assert_eq!(ix.string(o), "pham minh chinh");
}

#[test]
fn search_agrees_with_a_full_scan() {
    let ix = index(TERMS);
    for q in [
        "bo cong an",
        "Kementrian Keamanan Publk",
        "keamanan publik",
        "viet nam",
        "PerserikatanBangsaBangsa",
        "Chinh Pham Minh",
        "hoa binh",
        "kejahatn siber",
        "dunia",
        "an",
        "xyz",
        "Menteri Keamanan",
    ] {
        assert_eq!(ix.search(q, 60), ix.scan(q, 60), "query {q:?}");
    }
}

/// Typos in a word's first letters are found by the backwards walk,
/// the others by the forwards one.
#[test]
fn words_with_both_typos_in_their_first_third_are_matched() {
    let ix = index(&["kementerian keamanan", "ratifikasi konvensi", "đường sắt"]);
    let words: Vec<String> = ix.words.stream().into_str_keys().unwrap();
    let matched = |query: &str| -> Vec<&str> {
        let mut found: Vec<&str> = ix
            .matching_words(query)
            .into_iter()
            .map(|o| words[o as usize].as_str())
            .collect();
        found.sort_unstable();
        found
    };
    assert_eq!(matched("xementerian"), ["kementerian"]);
    assert_eq!(matched("ekmentreian"), ["kementerian"]);
    assert_eq!(matched("xyatifikasi"), ["ratifikasi"]);
    assert_eq!(matched("artifikasi"), ["ratifikasi"]);
    assert_eq!(matched("ratifikaso"), ["ratifikasi"]);
    assert_eq!(matched("kemanan"), ["keamanan"]);
    // The index holds folded words; five letters allow one typo.
    assert_eq!(matched("duong"), ["duong"]);
    assert_eq!(matched("dxxng"), Vec::<&str>::new());
    assert_eq!(matched("xxmentrian"), Vec::<&str>::new());
}

#[test]
fn corrupt_bytes_are_refused() {
    assert!(LookupIndex::open(Bytes::Owned(b"nonsense".to_vec())).is_err());
    let mut bytes = LookupIndex::build(1, [(1, "a b")]);
    bytes.truncate(bytes.len() - 3);
    assert!(LookupIndex::open(Bytes::Owned(bytes)).is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = String> {
        "[a-z]{2,9}"
    }

    fn term() -> impl Strategy<Value = String> {
        proptest::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
    }

    /// Applies up to two random edits (insert, delete, substitute,
    /// swap) to `s`.
    fn edited(s: String) -> impl Strategy<Value = String> {
        let len = s.len();
        proptest::collection::vec(
            (0..4u8, 0..len.max(1), proptest::char::range('a', 'z')),
            0..=2,
        )
        .prop_map(move |edits| {
            let mut chars: Vec<char> = s.chars().collect();
            for (kind, at, c) in edits {
                let at = at.min(chars.len().saturating_sub(1));
                match kind {
                    0 => chars.insert(at, c),
                    1 if chars.len() > 1 => {
                        chars.remove(at);
                    }
                    2 if !chars.is_empty() => chars[at] = c,
                    _ if at + 1 < chars.len() => chars.swap(at, at + 1),
                    _ => {}
                }
            }
            chars.into_iter().collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        /// Every term within the whole-string edit budget of the query
        /// is a candidate, scored as a full scan scores it.
        #[test]
        fn terms_within_the_edit_budget_are_always_found(
            (terms, query) in proptest::collection::vec(term(), 1..40)
                .prop_flat_map(|terms| {
                    let pick = proptest::sample::select(terms.clone());
                    (Just(terms), pick.prop_flat_map(edited))
                })
        ) {
            let ix = index(&terms.iter().map(String::as_str).collect::<Vec<_>>());
            let found: std::collections::HashMap<u32, u8> = ix.search(&query, 0).into_iter().collect();
            let scanned = ix.scan(&query, 0);
            let q = fold_key(&query);
            let budget = whole_edit_budget(&q) as usize;
            for (o, s) in scanned {
                // Restricted transpositions, as the automaton counts them.
                let distance = strsim::osa_distance(&q, ix.string(o));
                if distance <= budget {
                    prop_assert_eq!(found.get(&o), Some(&s), "{:?} missed for {:?}", ix.string(o), q);
                }
            }
            // Whatever the index returns, it scores like the scan.
            for (o, s) in &found {
                prop_assert_eq!(*s, crate::lookup::score::score(&Forms::new(&q), &Forms::new(ix.string(*o))));
            }
        }
    }

    /// Words of Latin letters with a few Vietnamese ones, so that
    /// reversal and the head's end meet multi-byte characters.
    fn spelt() -> impl Strategy<Value = String> {
        "[a-eđơư]{1,10}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// The split walk (forwards with a one-edit head, backwards
        /// with an intact ending) finds exactly the words the plain
        /// walk of the whole query word's automaton finds.
        #[test]
        fn matching_words_equals_the_plain_automaton_walk(
            (words, query) in proptest::collection::vec(spelt(), 1..60)
                .prop_flat_map(|words| {
                    let pick = proptest::sample::select(words.clone());
                    let retyped_start = (pick.clone(), "[a-eđ]{2}").prop_map(|(w, start)| {
                        let rest: String = w.chars().skip(2).collect();
                        start + &rest
                    });
                    (Just(words), prop_oneof![pick.prop_flat_map(edited), retyped_start, spelt()])
                })
        ) {
            let ix = index(&words.iter().map(String::as_str).collect::<Vec<_>>());
            let mut found = ix.matching_words(&query);
            found.sort_unstable();
            let d = word_edit_budget(&query);
            let mut plain: Vec<u64> = if d == 0 {
                ix.words.get(&query).into_iter().collect()
            } else {
                values(&ix.words, LevenshteinDfa(&automaton_builder(d).build_dfa(&query)))
            };
            plain.sort_unstable();
            prop_assert_eq!(found, plain);
        }
    }
}
