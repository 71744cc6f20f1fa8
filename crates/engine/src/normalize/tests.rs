//! Folding on examples, and its properties on generated text.

use super::*;

#[test]
fn strips_vietnamese_diacritics_and_d_bar() {
    assert_eq!(fold_key("Bộ Công an"), "bo cong an");
    assert_eq!(fold_key("Đại tướng"), "dai tuong");
    assert_eq!(fold_key("đường"), "duong");
}

#[test]
fn tone_mark_placement_does_not_matter() {
    assert_eq!(fold_key("hòa"), fold_key("hoà"));
    assert_eq!(fold_key("thủy"), fold_key("thuỷ"));
    assert_eq!(fold_key("Ủy ban"), fold_key("Uỷ ban"));
    assert_eq!(tone_key("hòa"), tone_key("hoà"));
    assert_eq!(tone_key("Ủy ban"), tone_key("Uỷ ban"));
    assert_eq!(tone_key("thủy"), tone_key("thuỷ"));
    assert_ne!(tone_key("ma"), tone_key("mà"));
    assert_ne!(tone_key("mạ"), tone_key("mà"));
}

#[test]
fn terms_are_cleaned_into_nfc() {
    let nfc = "Thượng tướng Lương Tam Quang";
    let nfd: String = nfc.nfd().collect();
    assert_eq!(clean_term(&format!(" {nfd}\n ")), nfc);
    assert_eq!(clean_term(" Bộ  Công\tan "), "Bộ Công an");
    // A combining mark after a precomposed letter is composed too.
    assert_eq!(clean_term("Hà No\u{302}\u{323}i"), "Hà Nội");
}

#[test]
fn nfd_input_folds_like_nfc() {
    let nfd: String = "Thượng tướng Lương Tam Quang".nfd().collect();
    assert_ne!(nfd, "Thượng tướng Lương Tam Quang");
    assert_eq!(fold_key(&nfd), fold_key("Thượng tướng Lương Tam Quang"));
    assert_eq!(tone_key(&nfd), tone_key("Thượng tướng Lương Tam Quang"));
}

#[test]
fn punctuation_hyphens_and_line_breaks_become_single_spaces() {
    assert_eq!(
        fold_key("  Perserikatan Bangsa-Bangsa,\n\t(PBB) "),
        "perserikatan bangsa bangsa pbb"
    );
    assert_eq!(fold_key("People’s Court"), "peoples court");
    assert_eq!(fold_key("António"), "antonio");
    assert_eq!(fold_key(""), "");
    assert_eq!(fold_key(" - "), "");
}

#[test]
fn offsets_map_back_to_original_characters() {
    let original = "Ông  Lương-Tam\nQuang.";
    let f = fold(original);
    assert_eq!(f.text, "ong luong tam quang");
    let i = f.text.find("luong tam quang").unwrap();
    let (s, e) = f.original_range(i, f.text.len());
    assert_eq!(&original[s..e], "Lương-Tam\nQuang");
    // One folded letter from a precomposed character maps to all of it.
    let (s, e) = f.original_range(0, 1);
    assert_eq!(&original[s..e], "Ô");
}

#[test]
fn offsets_cover_nfd_sequences() {
    let original: String = "Bộ".nfd().collect();
    let f = fold(&original);
    assert_eq!(f.text, "bo");
    let (s, e) = f.original_range(1, 2);
    // The base letter and the marks that follow it.
    assert_eq!(&original[s..e], "o\u{323}\u{302}");
    assert_eq!(e, original.len());
}

#[test]
fn words_have_offsets() {
    let f = fold("Bộ  Công an");
    let words: Vec<_> = f.words().collect();
    assert_eq!(words, vec![(0, "bo"), (3, "cong"), (8, "an")]);
}

#[test]
fn clean_term_normalises_and_trims() {
    let nfd: String = "Bộ Công an".nfd().collect();
    assert_eq!(clean_term(&format!("  {nfd}\n")), "Bộ Công an");
    assert_eq!(clean_term("a \n b"), "a b");
}

#[test]
fn columns_count_code_points() {
    assert_eq!(column_at("Bộ Công", 0), 1);
    let b = "Bộ Công".find("Công").unwrap();
    assert_eq!(column_at("Bộ Công", b), 4);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The fold as it was written before ASCII runs were taken whole: char
    /// by char, offsets moved by a second pass. The fast fold must give
    /// exactly its text and offsets.
    fn fold_by_chars(s: &str, base: u32) -> Folded {
        let mut text = String::new();
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        let mut pending_space: Option<(u32, u32)> = None;
        let mut last_emitted = 0usize;
        for (i, c) in s.char_indices() {
            let range = (i as u32, (i + c.len_utf8()) as u32);
            if is_combining_mark(c) {
                if ends.last() == Some(&range.0) {
                    for e in &mut ends[last_emitted..] {
                        *e = range.1;
                    }
                }
                continue;
            }
            if is_apostrophe(c) {
                continue;
            }
            let mut emitted_any = false;
            for d in std::iter::once(c).nfd() {
                if is_combining_mark(d) {
                    continue;
                }
                let d = if matches!(d, 'đ' | 'Đ') { 'd' } else { d };
                if !d.is_alphanumeric() {
                    continue;
                }
                for l in d.to_lowercase() {
                    if let Some((ps, pe)) = pending_space.take()
                        && !text.is_empty()
                    {
                        text.push(' ');
                        starts.push(ps);
                        ends.push(pe);
                    }
                    let before = text.len();
                    last_emitted = before;
                    text.push(l);
                    for _ in before..text.len() {
                        starts.push(range.0);
                        ends.push(range.1);
                    }
                    emitted_any = true;
                }
            }
            if !emitted_any && pending_space.is_none() {
                pending_space = Some(range);
            }
        }
        for o in starts.iter_mut().chain(ends.iter_mut()) {
            *o += base;
        }
        Folded { text, starts, ends }
    }

    /// Text mixing Vietnamese letters in NFC and NFD, combining marks on
    /// their own, punctuation, line breaks and other scripts.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("Bộ".to_string()),
            Just("Uỷ".to_string()),
            Just("o\u{302}\u{323}".to_string()),
            Just("\u{301}".to_string()),
            Just("Đ".to_string()),
            Just("İ".to_string()),
            Just("ß".to_string()),
            Just("-".to_string()),
            Just("’".to_string()),
            Just("\r\n".to_string()),
            Just(" ".to_string()),
            "[a-zA-Z0-9]{1,4}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    #[test]
    fn tone_keys_of_stacked_tone_marks_do_not_depend_on_their_order() {
        // Found by the normalize fuzz target: two tone marks in a word,
        // one below the letter and one above.
        let key = tone_key("ốộ");
        assert_eq!(tone_key(&key), key);
        assert_eq!(tone_key("ộố"), key);
        assert_ne!(tone_key("ma"), tone_key("mà"));
    }

    proptest! {
        #[test]
        fn folded_ranges_map_inside_the_original_on_char_boundaries(s in text()) {
            let f = fold(&s);
            for start in 0..f.text.len() {
                if !f.text.is_char_boundary(start) { continue; }
                for end in start + 1..=f.text.len() {
                    if !f.text.is_char_boundary(end) { continue; }
                    let (a, b) = f.original_range(start, end);
                    prop_assert!(a < b && b <= s.len());
                    prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                }
            }
        }

        /// ASCII takes a shortcut through `fold`; it must land where the
        /// rules say: letters and digits lowercased, apostrophes dropped,
        /// every other run one space, ends trimmed, each byte mapped to
        /// the byte it came from.
        #[test]
        fn ascii_folds_by_the_rules(s in "[ -~\t\n]{0,40}") {
            let kept: String = s.chars().filter(|c| *c != '\'' && *c != '`').collect();
            let expected = kept
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            let f = fold(&s);
            prop_assert_eq!(&f.text, &expected);
            for (i, c) in f.text.char_indices().filter(|(_, c)| *c != ' ') {
                let (a, b) = f.original_range(i, i + 1);
                prop_assert_eq!(b, a + 1);
                prop_assert_eq!(s.as_bytes()[a].to_ascii_lowercase(), c as u8);
            }
        }

        #[test]
        fn the_fast_fold_is_the_fold_char_by_char(s in text(), ascii in "[ -~\t\n]{0,60}", base in 0u32..1000) {
            for s in [&s, &ascii, &format!("{ascii}{s}{ascii}")] {
                prop_assert_eq!(fold(s), fold_by_chars(s, 0));
                prop_assert_eq!(fold_from(s, base), fold_by_chars(s, base));
            }
        }

        #[test]
        fn folding_is_idempotent_and_nfd_blind(s in text()) {
            let once = fold_key(&s);
            prop_assert_eq!(fold_key(&once), once.clone());
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold_key(&nfd), once);
            let tone = tone_key(&s);
            prop_assert_eq!(tone_key(&tone), tone);
        }
    }
}
