//! Generates realistic synthetic data for benchmarks, at any size,
//! reproducibly from a seed:
//!
//!     cargo run --release --example gen -- glossary 1000000 out.csv [SEED]
//!     cargo run --release --example gen -- articles 100 out-dir glossary.csv [SEED]   (MB of text)
//!     cargo run --release --example gen -- tm 500000 out.tsv [SEED]
//!     cargo run --release --example gen -- dense-glossary 100000 out.csv [SEED]
//!     cargo run --release --example gen -- dense-text 20 out.txt glossary.csv [SEED]   (MB)
//!
//! The dense pair is the hard case for lint: Indonesian terms built from a
//! small set of roots with the usual prefixes and suffixes (so thousands
//! of terms share stems, and the stemmer and the matcher see the same
//! stems again and again), and a text of short sentences of common words
//! with 0 to 2 glossary terms each, some inflected.
//!
//! Terms have real word shapes: Vietnamese syllables with tone marks and
//! vowel marks (NFC), Indonesian roots with affixes, English policy
//! phrases with proper names. Articles use the glossary's terms, with some
//! deprecated variants, inflected Indonesian forms and typos, among filler
//! sentences. TM units are aligned id/vi/en sentences.

use std::fs::File;
use std::io::{BufWriter, Write};

use unicode_normalization::UnicodeNormalization;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const VI_ONSETS: &[&str] = &[
    "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s",
    "t", "th", "tr", "v", "x", "",
];
const VI_NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "uô", "ươ", "iê", "ai", "ao",
    "ưu",
];
const VI_CODAS: &[&str] = &["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
/// No tone, grave, acute, hook above, tilde, dot below.
const VI_TONES: &[&str] = &["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];

fn vi_syllable(rng: &mut Rng, capital: bool) -> String {
    let onset = rng.pick(VI_ONSETS);
    let nucleus = rng.pick(VI_NUCLEI);
    let coda = rng.pick(VI_CODAS);
    let tone = rng.pick(VI_TONES);
    // The tone mark goes on the main vowel: the first letter of a falling
    // diphthong (ai, ao, ưu), otherwise the last.
    let mut s = String::from(onset);
    let chars: Vec<char> = nucleus.chars().collect();
    let main = if ["ai", "ao", "ưu"].contains(&nucleus) {
        0
    } else {
        chars.len() - 1
    };
    for (i, c) in chars.iter().enumerate() {
        s.push(*c);
        if i == main {
            s.push_str(tone);
        }
    }
    s.push_str(coda);
    let s: String = s.nfc().collect();
    if capital {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        s
    }
}

const ID_CONSONANTS: &[&str] = &[
    "b", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "ng", "ny",
];
const ID_VOWELS: &[&str] = &["a", "i", "u", "e", "o", "a", "i", "a"];
const ID_PREFIXES: &[&str] = &["", "", "", "me", "di", "ber", "ter", "pe", "ke", "per"];
const ID_SUFFIXES: &[&str] = &["", "", "", "an", "kan", "i", "nya"];

fn id_word(rng: &mut Rng) -> String {
    let mut root = String::new();
    for _ in 0..2 + rng.below(2) {
        root.push_str(rng.pick(ID_CONSONANTS));
        root.push_str(rng.pick(ID_VOWELS));
    }
    if rng.chance(50) {
        root.push_str(rng.pick(&["n", "r", "t", "k", "s", "l"]));
    }
    format!("{}{}{}", rng.pick(ID_PREFIXES), root, rng.pick(ID_SUFFIXES))
}

const EN_WORDS: &[&str] = &[
    "ministry",
    "department",
    "committee",
    "council",
    "office",
    "agency",
    "commission",
    "convention",
    "protocol",
    "security",
    "public",
    "foreign",
    "affairs",
    "justice",
    "defence",
    "finance",
    "trade",
    "industry",
    "national",
    "international",
    "cooperation",
    "cyber",
    "crime",
    "digital",
    "evidence",
    "law",
    "enforcement",
    "assembly",
    "general",
    "secretary",
    "deputy",
    "minister",
    "director",
    "steering",
    "working",
    "group",
    "board",
    "centre",
    "development",
    "planning",
    "investment",
    "information",
    "communications",
    "transport",
    "health",
    "education",
    "labour",
    "science",
    "technology",
    "environment",
    "resources",
    "agriculture",
    "rural",
    "culture",
    "sports",
    "tourism",
    "construction",
    "home",
    "inspection",
    "audit",
    "bank",
    "court",
    "procuracy",
    "people",
    "supreme",
];

fn en_name(rng: &mut Rng) -> String {
    let mut s = String::new();
    for i in 0..2 + rng.below(2) {
        s.push(if i == 0 {
            (b'A' + rng.below(26) as u8) as char
        } else {
            (b'a' + rng.below(26) as u8) as char
        });
        s.push_str(rng.pick(&["a", "e", "i", "o", "u"]));
        s.push_str(rng.pick(&["n", "r", "l", "s", "t", "m", ""]));
    }
    s
}

struct Concept {
    slug: String,
    id: String,
    id_variant: String,
    vi: String,
    en: String,
}

fn concept(rng: &mut Rng, n: usize) -> Concept {
    let words = 2 + rng.below(3);
    let proper = rng.chance(40);
    let mut vi = Vec::new();
    for i in 0..words {
        vi.push(vi_syllable(rng, proper || i == 0));
    }
    let mut id = Vec::new();
    for i in 0..words {
        let w = id_word(rng);
        id.push(if proper || i == 0 { capitalise(&w) } else { w });
    }
    let mut en = Vec::new();
    for _ in 0..words - 1 {
        en.push(capitalise(rng.pick(EN_WORDS)));
    }
    en.push(en_name(rng));
    let mut variant = id.clone();
    let last = variant.len() - 1;
    variant[last] = id_word(rng);
    Concept {
        slug: format!("c{n}"),
        id: id.join(" "),
        id_variant: variant.join(" "),
        vi: vi.join(" "),
        en: en.join(" "),
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// About `terms` glossary rows: each concept has id, a deprecated id
/// variant, vi and en terms.
fn glossary(terms: usize, out: &str, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let mut w = BufWriter::new(File::create(out)?);
    writeln!(w, "concept,lang,term,status,type,category,note")?;
    let mut rows = Vec::with_capacity(terms + 4);
    let mut n = 0;
    while rows.len() < terms {
        let c = concept(&mut rng, n);
        n += 1;
        let cat = rng.pick(&[
            "organization",
            "ministry",
            "title",
            "person",
            "place",
            "legal",
            "cyber",
            "general",
        ]);
        rows.push((c.slug.clone(), "en", c.en, "preferred", cat));
        rows.push((c.slug.clone(), "id", c.id, "preferred", cat));
        rows.push((c.slug.clone(), "id", c.id_variant, "deprecated", cat));
        rows.push((c.slug, "vi", c.vi, "preferred", cat));
    }
    rows.truncate(terms);
    // Keep the file importable: a cut concept must still have its preferred terms.
    while rows.last().is_some_and(|r| r.3 != "preferred") {
        rows.pop();
    }
    rows.sort_by(|a, b| {
        (&a.0, a.1, a.3 != "preferred", &a.2).cmp(&(&b.0, b.1, b.3 != "preferred", &b.2))
    });
    rows.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.2 == b.2);
    for (slug, lang, term, status, cat) in rows {
        writeln!(w, "{slug},{lang},{},{status},full,{cat},", csv_field(&term))?;
    }
    w.flush()
}

const ID_FILLER: &[&str] = &[
    "Pada kesempatan itu,",
    "Menurut laporan,",
    "Dalam pertemuan tersebut,",
    "Selain itu,",
    "Sebelumnya,",
    "Sementara itu,",
    "Oleh karena itu,",
    "Di sisi lain,",
];
const ID_VERBS: &[&str] = &[
    "menyampaikan",
    "menegaskan",
    "membahas",
    "mendukung",
    "menandatangani",
    "meratifikasi",
    "menghadiri",
    "memperkuat",
    "menyambut",
    "mengumumkan",
];

/// Articles of about `megabytes` MB in total using the glossary's terms
/// (read back from `glossary_csv`), as files of about 200 KB.
fn articles(megabytes: usize, dir: &str, glossary_csv: &str, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    std::fs::create_dir_all(dir)?;
    let mut reader = csv::Reader::from_path(glossary_csv)?;
    let mut terms: Vec<String> = Vec::new();
    for row in reader.records() {
        let row = row.map_err(std::io::Error::other)?;
        if &row[1] == "id" {
            terms.push(row[2].to_string());
        }
    }
    let target = megabytes * 1_000_000;
    let mut written = 0;
    let mut file_no = 0;
    while written < target {
        let mut text = String::with_capacity(210_000);
        while text.len() < 200_000 {
            let mut term = terms[rng.below(terms.len())].clone();
            if rng.chance(5) {
                // A typo: drop one letter.
                let chars: Vec<char> = term.chars().collect();
                let at = rng.below(chars.len());
                term = chars
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != at)
                    .map(|(_, c)| c)
                    .collect();
            } else if rng.chance(10) {
                term.push_str("nya");
            }
            let other = &terms[rng.below(terms.len())];
            text.push_str(&format!(
                "{} {} {} bersama {} dan mitra internasional.\n",
                rng.pick(ID_FILLER),
                term,
                rng.pick(ID_VERBS),
                other
            ));
            if rng.chance(20) {
                text.push('\n');
            }
        }
        written += text.len();
        std::fs::write(format!("{dir}/article-{file_no:05}.txt"), &text)?;
        file_no += 1;
    }
    Ok(())
}

/// `units` aligned id/vi/en sentences as tab-separated rows.
fn tm(units: usize, out: &str, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let mut w = BufWriter::new(File::create(out)?);
    writeln!(w, "id\tvi\ten")?;
    // Sentences share a vocabulary so that fuzzy matches exist.
    let id_vocab: Vec<String> = (0..5000).map(|_| id_word(&mut rng)).collect();
    let vi_vocab: Vec<String> = (0..5000).map(|_| vi_syllable(&mut rng, false)).collect();
    for _ in 0..units {
        let len = 8 + rng.below(16);
        let id: Vec<&str> = (0..len)
            .map(|_| id_vocab[rng.below(id_vocab.len())].as_str())
            .collect();
        let vi: Vec<&str> = (0..len + 2)
            .map(|_| vi_vocab[rng.below(vi_vocab.len())].as_str())
            .collect();
        let en: Vec<&str> = (0..len).map(|_| rng.pick(EN_WORDS)).collect();
        writeln!(
            w,
            "{}.\t{}.\t{}.",
            capitalise(&id.join(" ")),
            capitalise(&vi.join(" ")),
            capitalise(&en.join(" "))
        )?;
    }
    w.flush()
}

/// Roots of the dense glossary: few enough that thousands of terms share
/// each one.
fn dense_roots(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut roots: Vec<String> = Vec::with_capacity(n);
    while roots.len() < n {
        let mut root = String::new();
        for _ in 0..2 + rng.below(2) {
            root.push_str(rng.pick(ID_CONSONANTS));
            root.push_str(rng.pick(ID_VOWELS));
        }
        if rng.chance(50) {
            root.push_str(rng.pick(&["n", "r", "t", "k", "s", "l"]));
        }
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    roots
}

/// An Indonesian word from one of the roots, with a prefix, a suffix,
/// both or neither.
fn dense_id_word(rng: &mut Rng, roots: &[String]) -> String {
    let prefix = rng.pick(&["", "", "me", "di", "ber", "ter", "pe", "ke", "per"]);
    let suffix = rng.pick(&["", "", "", "an", "kan", "i"]);
    format!("{prefix}{}{suffix}", roots[rng.below(roots.len())])
}

/// About `terms` rows: concepts with one Indonesian, one Vietnamese and
/// one English term each (a tenth with a deprecated Indonesian variant),
/// the Indonesian terms of one to three words from 400 roots.
fn dense_glossary(terms: usize, out: &str, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let roots = dense_roots(&mut rng, 400);
    let mut w = BufWriter::new(File::create(out)?);
    writeln!(w, "concept,lang,term,status,type,category,note")?;
    let mut seen = std::collections::HashSet::new();
    let mut rows: Vec<(String, &str, String, &str)> = Vec::with_capacity(terms + 4);
    let mut n = 0;
    while rows.len() < terms {
        let words = 1 + rng.below(3);
        let id: Vec<String> = (0..words)
            .map(|_| dense_id_word(&mut rng, &roots))
            .collect();
        let id = id.join(" ");
        if !seen.insert(id.clone()) {
            continue;
        }
        let slug = format!("d{n}");
        n += 1;
        let c = concept(&mut rng, n);
        rows.push((slug.clone(), "id", id.clone(), "preferred"));
        if rng.chance(10) {
            let variant = format!("{id} {}", dense_id_word(&mut rng, &roots));
            if seen.insert(variant.clone()) {
                rows.push((slug.clone(), "id", variant, "deprecated"));
            }
        }
        rows.push((slug.clone(), "vi", c.vi, "preferred"));
        rows.push((slug, "en", c.en, "preferred"));
    }
    rows.sort_by(|a, b| {
        (&a.0, a.1, a.3 != "preferred", &a.2).cmp(&(&b.0, b.1, b.3 != "preferred", &b.2))
    });
    for (slug, lang, term, status) in rows {
        writeln!(
            w,
            "{slug},{lang},{},{status},full,general,",
            csv_field(&term)
        )?;
    }
    w.flush()
}

const ID_COMMON: &[&str] = &[
    "yang",
    "dan",
    "di",
    "dengan",
    "untuk",
    "dari",
    "pada",
    "dalam",
    "ini",
    "itu",
    "akan",
    "tidak",
    "juga",
    "oleh",
    "sebagai",
    "atau",
    "telah",
    "ke",
    "bahwa",
    "karena",
    "para",
    "pemerintah",
    "negara",
    "kerja",
    "sama",
    "tahun",
    "hari",
    "baru",
    "besar",
    "lebih",
    "banyak",
    "masyarakat",
    "daerah",
    "rakyat",
    "kota",
    "menteri",
    "presiden",
    "wakil",
    "kantor",
    "laporan",
    "rapat",
    "program",
    "upaya",
    "hasil",
    "kegiatan",
    "pihak",
    "sejumlah",
    "terkait",
    "melalui",
    "antara",
    "setelah",
    "sebelum",
    "selama",
    "sudah",
];

/// About `megabytes` MB of sentences of 8 to 20 common words, each with
/// 0 to 2 of the glossary's Indonesian terms (one in five with `-nya`).
fn dense_text(megabytes: usize, out: &str, glossary_csv: &str, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let mut reader = csv::Reader::from_path(glossary_csv)?;
    let mut terms: Vec<String> = Vec::new();
    for row in reader.records() {
        let row = row.map_err(std::io::Error::other)?;
        if &row[1] == "id" {
            terms.push(row[2].to_string());
        }
    }
    let mut w = BufWriter::new(File::create(out)?);
    let target = megabytes * 1_000_000;
    let mut written = 0;
    while written < target {
        let mut words: Vec<String> = (0..8 + rng.below(13))
            .map(|_| rng.pick(ID_COMMON).to_string())
            .collect();
        for _ in 0..rng.below(3) {
            let mut term = terms[rng.below(terms.len())].clone();
            if rng.chance(20) {
                term.push_str("nya");
            }
            let at = rng.below(words.len() + 1);
            words.insert(at, term);
        }
        let mut sentence = words.join(" ");
        sentence = capitalise(&sentence);
        sentence.push_str(".\n");
        written += sentence.len();
        w.write_all(sentence.as_bytes())?;
    }
    w.flush()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seed = |i: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(42);
    let result = match args.first().map(String::as_str) {
        Some("glossary") if args.len() >= 3 => {
            glossary(args[1].parse().expect("row count"), &args[2], seed(3))
        }
        Some("articles") if args.len() >= 4 => articles(
            args[1].parse().expect("megabytes"),
            &args[2],
            &args[3],
            seed(4),
        ),
        Some("dense-glossary") if args.len() >= 3 => {
            dense_glossary(args[1].parse().expect("row count"), &args[2], seed(3))
        }
        Some("dense-text") if args.len() >= 4 => dense_text(
            args[1].parse().expect("megabytes"),
            &args[2],
            &args[3],
            seed(4),
        ),
        Some("tm") if args.len() >= 3 => {
            tm(args[1].parse().expect("unit count"), &args[2], seed(3))
        }
        _ => {
            eprintln!(
                "usage: gen glossary ROWS OUT.csv [SEED] | gen articles MB DIR GLOSSARY.csv [SEED] | gen tm UNITS OUT.tsv [SEED] | gen dense-glossary ROWS OUT.csv [SEED] | gen dense-text MB OUT.txt GLOSSARY.csv [SEED]"
            );
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("gen: {e}");
        std::process::exit(2);
    }
}
