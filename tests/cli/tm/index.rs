//! The inverted index against a full scan on several hundred generated
//! segments: for every query and threshold both strategies must return the
//! same matches in the same order (and the same concordance hits).

use hcgloss_engine::model::Lang;
use hcgloss_engine::model::unit::{LangSelector, Segment, Unit, identity};
use hcgloss_engine::store::{Access, Location, Store};
use hcgloss_engine::tm::concordance::concordance;
use hcgloss_engine::tm::search::{Request, Strategy, search};

/// A small seeded generator (64-bit LCG), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards the first items, as word frequencies are.
    fn skewed<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let a = self.below(items.len());
        let b = self.below(items.len());
        items[a.min(b)]
    }
}

const VI: &[&str] = &[
    "công", "ước", "bộ", "an", "ban", "chỉ", "đạo", "quốc", "gia", "ký", "hà", "nội", "mạng",
    "tội", "phạm", "chứng", "cứ", "điện", "tử", "phê", "chuẩn", "hiệu", "lực", "lễ", "mở", "72",
    "24/7", "40", "2027", "hợp", "tác", "an ninh", "đoàn", "đại", "biểu", "thủ", "tướng",
];
const EN: &[&str] = &[
    "the",
    "convention",
    "ministry",
    "of",
    "public",
    "security",
    "steering",
    "committee",
    "signing",
    "ceremony",
    "hanoi",
    "evidence",
    "electronic",
    "network",
    "ratification",
];

fn sentence(rng: &mut Rng, words: &[&str], len: usize) -> String {
    (0..len)
        .map(|_| rng.skewed(words))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sentence a few edits away from `base`.
fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut words: Vec<String> = base.split(' ').map(str::to_string).collect();
    for _ in 0..rng.below(4) {
        let at = rng.below(words.len() + 1);
        match rng.below(3) {
            0 if at < words.len() => {
                words.remove(at);
            }
            1 if at < words.len() => words[at] = rng.skewed(VI).to_string(),
            _ => words.insert(at, rng.skewed(VI).to_string()),
        }
    }
    if words.is_empty() {
        words.push("công".into());
    }
    words.join(" ")
}

fn store_with_units(rng: &mut Rng, dir: &std::path::Path, n: usize) -> (Store, Vec<String>) {
    let location = Location {
        path: dir.join("index.sqlite"),
        explicit: true,
    };
    let mut store = Store::open(&location, Access::Write, &|_| Ok(())).unwrap();
    let mut sentences: Vec<String> = Vec::new();
    let mut tx = store.write().unwrap();
    for i in 0..n {
        // Some units are near-copies of earlier ones, as in a real memory.
        let vi = if i > 0 && rng.below(3) == 0 {
            let pick = rng.below(sentences.len());
            mutate(rng, &sentences[pick])
        } else {
            let len = 1 + rng.below(24);
            sentence(rng, VI, len)
        };
        let en_len = 1 + rng.below(20);
        let mut segments = vec![
            Segment {
                lang: "vi".parse().unwrap(),
                text: vi.clone(),
            },
            Segment {
                lang: "en".parse().unwrap(),
                text: sentence(rng, EN, en_len),
            },
        ];
        // A few units have no English: they never match vi -> en.
        if rng.below(10) == 0 {
            segments[1].lang = "id".parse::<Lang>().unwrap();
            segments.reverse();
        }
        let unit = Unit {
            tuid: format!("g{i}"),
            origin_doc: String::new(),
            origin_date: String::new(),
            created: Some(format!("2025-10-{:02}T00:00:00Z", 1 + rng.below(28))),
            segments,
        };
        tx.insert_tm_unit(&unit, &identity(&unit.segments), "2025-01-01T00:00:00Z")
            .unwrap();
        sentences.push(vi);
    }
    tx.commit().unwrap();
    (store, sentences)
}

#[test]
fn index_and_scan_agree_on_generated_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(20251025);
    let (store, sentences) = store_with_units(&mut rng, dir.path(), 600);
    let from = LangSelector::parse("vi").unwrap();
    let to = LangSelector::parse("en").unwrap();
    let mut compared = 0;
    let mut found = 0;
    for q in 0..30 {
        let query = if q % 4 == 0 {
            let len = 1 + rng.below(20);
            sentence(&mut rng, VI, len)
        } else {
            let pick = rng.below(sentences.len());
            mutate(&mut rng, &sentences[pick])
        };
        for min in [0u8, 50, 75, 90, 100] {
            let request = Request {
                sentence: &query,
                from: &from,
                to: &to,
                min,
                // Below 75% most segments match; the top of the list is
                // compared there, the whole list above.
                limit: if min < 75 { 25 } else { usize::MAX },
            };
            let key =
                |m: &hcgloss_engine::tm::search::Match| (m.score, m.unit.id, m.source.text.clone());
            let scan: Vec<_> = search(&store, &request, Strategy::Scan)
                .unwrap()
                .iter()
                .map(key)
                .collect();
            // The default budget, and none: the bare prefix plus one word.
            for strategy in [Strategy::INDEX, Strategy::Index { budget: 0 }] {
                let index: Vec<_> = search(&store, &request, strategy)
                    .unwrap()
                    .iter()
                    .map(key)
                    .collect();
                assert_eq!(index, scan, "query {query:?} at {min}% with {strategy:?}");
            }
            compared += 1;
            if min >= 75 {
                found += scan.len();
            }
        }
    }
    assert_eq!(compared, 150);
    // The comparison is only worth something if the high thresholds match.
    assert!(found > 20, "only {found} matches at 75% and above");

    for _ in 0..40 {
        let base = &sentences[rng.below(sentences.len())];
        let words: Vec<&str> = base.split(' ').collect();
        let start = rng.below(words.len());
        let phrase = words[start..(start + 2).min(words.len())].join(" ");
        let key = |h: &hcgloss_engine::tm::concordance::Hit| {
            (h.unit.id, h.segment.text.clone(), h.highlights.len())
        };
        for lang in [None, Some(&from)] {
            let scan: Vec<_> = concordance(&store, &phrase, lang, None, Strategy::Scan)
                .unwrap()
                .iter()
                .map(key)
                .collect();
            let index: Vec<_> = concordance(&store, &phrase, lang, None, Strategy::INDEX)
                .unwrap()
                .iter()
                .map(key)
                .collect();
            assert!(!scan.is_empty(), "{phrase:?} comes from a stored sentence");
            assert_eq!(index, scan, "concordance {phrase:?}");
        }
    }
}
