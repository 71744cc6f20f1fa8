//! The stemmer on the inflected forms lint must recognise, and on the
//! ones it must not take for a term.

use super::*;

fn dict(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn root(word: &str, d: &HashSet<String>) -> Option<String> {
    stem(word, d).map(|a| a.root)
}

#[test]
fn dictionary_words_are_their_own_root() {
    let d = dict(&["kejahatan", "ratifikasi"]);
    let a = stem("kejahatan", &d).unwrap();
    assert!(a.is_bare());
    assert_eq!(a.root, "kejahatan");
}

#[test]
fn clitics_and_particles() {
    let d = dict(&["ratifikasi", "kejahatan", "konvensi", "pbb"]);
    let a = stem("ratifikasinya", &d).unwrap();
    assert_eq!(a.root, "ratifikasi");
    assert_eq!(a.possessive, Some(Possessive::Nya));
    assert!(a.is_clitic_only() && a.keeps_meaning());
    assert_eq!(a.clitics(), "nya");

    let a = stem("kejahatannya", &d).unwrap();
    assert_eq!(a.root, "kejahatan");
    assert_eq!(a.clitics(), "nya");

    let a = stem("konvensinyalah", &d).unwrap();
    assert_eq!(a.root, "konvensi");
    assert_eq!(a.clitics(), "nyalah");
    for (w, c) in [
        ("konvensikah", "kah"),
        ("konvensipun", "pun"),
        ("konvensiku", "ku"),
        ("konvensimu", "mu"),
        ("konvensitah", "tah"),
    ] {
        let a = stem(w, &d).unwrap();
        assert_eq!((a.root.as_str(), a.clitics().as_str()), ("konvensi", c));
    }
}

#[test]
fn verb_forms_keep_the_meaning() {
    let d = dict(&["ratifikasi"]);
    let a = stem("meratifikasi", &d).unwrap();
    assert_eq!(a.root, "ratifikasi");
    assert_eq!(a.prefixes, vec![Prefix::Me]);
    assert_eq!(a.suffix, None, "the final i is part of the root");
    assert!(a.keeps_meaning());

    let a = stem("diratifikasi", &d).unwrap();
    assert_eq!(
        (a.root.as_str(), a.prefixes.clone()),
        ("ratifikasi", vec![Prefix::Di])
    );
    assert!(a.keeps_meaning());

    let a = stem("diratifikasinya", &d).unwrap();
    assert_eq!(a.root, "ratifikasi");
    assert_eq!(a.possessive, Some(Possessive::Nya));
    assert!(!a.is_clitic_only());

    let a = stem("meratifikasikan", &d).unwrap();
    assert_eq!(a.suffix, Some(Suffix::Kan));
    assert!(a.keeps_meaning());
}

#[test]
fn nasal_assimilation_is_undone() {
    let d = dict(&[
        "tandatangan",
        "kirim",
        "sapu",
        "pukul",
        "gunakan",
        "bom",
        "ambil",
    ]);
    assert_eq!(root("menandatangani", &d).as_deref(), Some("tandatangan"));
    assert_eq!(root("mengirim", &d).as_deref(), Some("kirim"));
    assert_eq!(root("menyapu", &d).as_deref(), Some("sapu"));
    assert_eq!(root("memukul", &d).as_deref(), Some("pukul"));
    assert_eq!(root("menggunakan", &d).as_deref(), Some("gunakan"));
    assert_eq!(root("mengebom", &d).as_deref(), Some("bom"));
    assert_eq!(root("mengambil", &d).as_deref(), Some("ambil"));
}

#[test]
fn noun_formation_is_found_but_does_not_keep_the_meaning() {
    let d = dict(&["tandatangan", "jahat", "aman"]);
    let a = stem("penandatanganan", &d).unwrap();
    assert_eq!(a.root, "tandatangan");
    assert_eq!(a.prefixes, vec![Prefix::Pe]);
    assert_eq!(a.suffix, Some(Suffix::An));
    assert!(!a.keeps_meaning());

    let a = stem("kejahatannya", &d).unwrap();
    assert_eq!(a.root, "jahat");
    assert!(!a.keeps_meaning(), "kejahatan is not jahat");

    let a = stem("keamanan", &d).unwrap();
    assert!(!a.keeps_meaning());
    let a = stem("pengamanan", &d).unwrap();
    assert_eq!(a.root, "aman");
    assert!(!a.keeps_meaning());
    // The verb keeps it.
    let a = stem("mengamankan", &d).unwrap();
    assert_eq!(a.root, "aman");
    assert!(a.keeps_meaning());
}

#[test]
fn several_prefixes() {
    let d = dict(&["kuat", "kerja", "ajar"]);
    let a = stem("memperkuat", &d).unwrap();
    assert_eq!(a.root, "kuat");
    assert_eq!(a.prefixes, vec![Prefix::Me, Prefix::Per]);
    let a = stem("diperkuat", &d).unwrap();
    assert_eq!(a.prefixes, vec![Prefix::Di, Prefix::Per]);
    assert_eq!(root("bekerja", &d).as_deref(), Some("kerja"));
    assert_eq!(root("belajar", &d).as_deref(), Some("ajar"));
}

#[test]
fn forbidden_prefix_suffix_pairs_are_not_formed() {
    // di-...-an does not exist, so "dimakan" is not di + mak + an.
    let d = dict(&["mak"]);
    assert_eq!(root("dimakan", &d), None);
    let d = dict(&["makan"]);
    assert_eq!(root("dimakan", &d).as_deref(), Some("makan"));
}

#[test]
fn words_without_a_dictionary_root_are_left_alone() {
    let d = dict(&["konvensi", "siber"]);
    assert_eq!(root("konvensional", &d), None);
    assert_eq!(root("sibernetik", &d), None);
    assert_eq!(root("mengatakan", &d), None);
    // Too short to be a stripped root.
    let d = dict(&["a"]);
    assert_eq!(root("dia", &d), None);
}
