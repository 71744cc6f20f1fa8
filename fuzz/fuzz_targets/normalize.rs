//! The normalizer on arbitrary text: folded ranges map back inside the
//! original on character boundaries, and the folding keys are idempotent.
#![no_main]

use hcgloss_engine::normalize::{clean_term, fold, fold_key, tone_key};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let folded = fold(text);
    for (start, word) in folded.words() {
        let (a, b) = folded.original_range(start, start + word.len());
        assert!(a <= b && b <= text.len());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
    }
    // Every character boundary of the folded text, not only words.
    let bounds: Vec<usize> = (0..=folded.text.len())
        .filter(|&i| folded.text.is_char_boundary(i))
        .collect();
    for pair in bounds.windows(2) {
        let (a, b) = folded.original_range(pair[0], pair[1]);
        assert!(a <= b && b <= text.len());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
    }
    let key = fold_key(text);
    assert_eq!(fold_key(&key), key);
    let tone = tone_key(text);
    assert_eq!(tone_key(&tone), tone);
    let clean = clean_term(text);
    assert_eq!(clean_term(&clean), clean);
});
