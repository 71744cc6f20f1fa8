//! Fuzzy search and concordance.

use crate::common::Env;

#[test]
fn search_shows_matches_differences_and_glossary_terms() {
    let env = Env::with_sample();
    env.cmd()
        .args([
            "tm",
            "search",
            "Panitia Pengarah telah bersidang untuk meninjau pengamanan dan protokol",
            "--from",
            "id",
            "--to",
            "en",
        ])
        .assert()
        .code(0)
        .stdout(concat!(
            " 88%  unit 7 · tuid hn-007 · Bộ Công an chuẩn bị lễ mở ký, 2025-10-20\n",
            "  id  [-Komite-]{+Panitia+} Pengarah telah bersidang untuk meninjau pengamanan dan protokol.\n",
            "  en  The Steering Committee met to review security and protocol.\n",
            "\n",
            " 77%  unit 6 · tuid hn-006 · Bộ Công an chuẩn bị lễ mở ký, 2025-10-20\n",
            "  id  [-Komite-]{+Panitia+} Pengarah telah bersidang untuk meninjau pengamanan dan [-logistik-]{+protokol+}.\n",
            "  en  The Steering Committee met to review security and logistics.\n",
            "\n",
            "Glossary terms in the sentence:\n",
            "  Panitia Pengarah (deprecated: use Komite Pengarah)  →  Steering Committee  (steering-committee)\n",
        ));
}

#[test]
fn search_percentages_are_the_documented_formula() {
    let env = Env::with_sample();
    let json = |sentence: &str, min: &str| -> serde_json::Value {
        let out = env
            .cmd()
            .args(["tm", "search", sentence, "--from", "vi", "--to", "en"])
            .args(["--min", min, "--limit", "3", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // 15 words against 15, two replaced by two: floor(100 * 13 / 15) = 86.
    let v = json(
        "Ban Chỉ đạo đã họp để rà soát công tác an ninh và y tế.",
        "75",
    );
    let scores: Vec<u64> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["score"].as_u64().unwrap())
        .collect();
    assert_eq!(scores, [86, 86]);
    // Without diacritics, case or punctuation: still the same words, 100.
    let v = json(
        "ban chi dao da hop de ra soat cong tac an ninh va le tan",
        "100",
    );
    assert_eq!(v["matches"][0]["score"], 100);
    assert_eq!(v["matches"][0]["unit"], 7);
    assert_eq!(v["matches"][0]["differences"], serde_json::json!([]));
    assert_eq!(v["matches"].as_array().unwrap().len(), 1);
    // 14 words against 18 (four more in the segment): d = 4,
    // floor(100 * 14 / 18) = floor(77.8) = 77.
    let v = json(
        "Mạng lưới 24/7 giúp các cơ quan trao đổi chứng cứ điện tử",
        "60",
    );
    let m = &v["matches"][0];
    assert_eq!(m["score"], 77);
    assert_eq!(
        m["target"]["text"],
        "The 24/7 network helps the competent authorities exchange electronic evidence quickly."
    );
    assert_eq!(
        m["differences"],
        serde_json::json!([
            {"tm": {"column": 33, "length": 9, "text": "chức năng"}, "query": null},
            {"tm": {"column": 69, "length": 11, "text": "nhanh chóng"}, "query": null},
        ])
    );
}

#[test]
fn search_json_carries_terms_beside_the_matches() {
    let env = Env::with_sample();
    let out = env
        .cmd()
        .args([
            "tm",
            "search",
            "Bo Cong an la co quan chu tri cua Ban Chi dao quoc gia to chuc le mo ky",
            "--from",
            "vi",
            "--to",
            "id",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["matches"][0]["score"], 89);
    assert_eq!(v["matches"][0]["target"]["lang"], "id");
    assert_eq!(
        v["matches"][0]["differences"][0],
        serde_json::json!({
            "tm": {"column": 23, "length": 11, "text": "thường trực"},
            "query": {"column": 23, "length": 7, "text": "chu tri"},
        })
    );
    let terms: Vec<(String, u64, String)> = v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["column"].as_u64().unwrap(),
                t["target"]["term"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        terms,
        [
            (
                "Bo Cong an".to_string(),
                1,
                "Kementerian Keamanan Publik".to_string()
            ),
            ("Ban Chi dao".to_string(), 35, "Komite Pengarah".to_string()),
        ]
    );
    assert_eq!(v["terms"][0]["concept"], "ministry-of-public-security");
    assert_eq!(v["terms"][0]["term"]["term"], "Bộ Công an");
}

#[test]
fn no_match_exits_1_and_still_shows_the_terms() {
    let env = Env::with_sample();
    env.cmd()
        .args([
            "tm",
            "search",
            "Bộ Công an khen thưởng",
            "--from",
            "vi",
            "--to",
            "en",
        ])
        .assert()
        .code(1)
        .stdout(concat!(
            "Glossary terms in the sentence:\n",
            "  Bộ Công an  →  Ministry of Public Security  (ministry-of-public-security)\n",
        ))
        .stderr("no vi→en match of 75% or more in the translation memory\n");
}

#[test]
fn the_index_and_a_full_scan_give_the_same_results() {
    let env = Env::with_sample();
    let queries = [
        (
            "vi",
            "en",
            "Ban Chỉ đạo đã họp để rà soát công tác an ninh và y tế.",
        ),
        (
            "vi",
            "id",
            "Công ước sẽ có hiệu lực sau khi 40 quốc gia phê chuẩn",
        ),
        ("en", "vi", "The signing ceremony took place in Hanoi"),
        ("id", "en", "Kejahatan siber merupakan tantangan global"),
        ("en", "id", "72 countries signed"),
    ];
    for (from, to, sentence) in queries {
        for min in ["0", "30", "50", "75", "100"] {
            let run = |scan: bool| {
                let mut c = env.cmd();
                c.args(["tm", "search", sentence, "--from", from, "--to", to])
                    .args(["--min", min, "--limit", "50", "--format", "json"]);
                if scan {
                    c.arg("--scan");
                }
                let out = c.output().unwrap();
                (out.status.code(), out.stdout)
            };
            assert_eq!(run(false), run(true), "{sentence} at {min}");
        }
    }
}

#[test]
fn concordance_highlights_the_phrase_with_translations() {
    let env = Env::with_sample();
    env.cmd()
        .args(["tm", "concordance", "ban chi dao quoc gia", "--lang", "vi"])
        .assert()
        .code(0)
        .stdout(concat!(
            "unit 4 · tuid hn-004 · Bộ Công an chuẩn bị lễ mở ký, 2025-10-20\n",
            "  vi  Bộ Công an là cơ quan thường trực của [[Ban Chỉ đạo quốc gia]] tổ chức lễ mở ký.\n",
            "  id  Kementerian Keamanan Publik adalah badan tetap Komite Pengarah Nasional untuk upacara penandatanganan.\n",
            "  en  The Ministry of Public Security is the standing body of the National Steering Committee for the signing ceremony.\n",
            "\n",
            "unit 36 · tuid hn-036 · Họp báo bế mạc, 2025-10-26\n",
            "  vi  [[Ban Chỉ đạo quốc gia]] đã tổng kết công tác tổ chức lễ mở ký.\n",
            "  id  Komite Pengarah Nasional telah mengevaluasi penyelenggaraan upacara penandatanganan.\n",
            "  en  The National Steering Committee reviewed the organisation of the signing ceremony.\n",
        ));
}

#[test]
fn concordance_json_spans_languages_and_limits() {
    let env = Env::with_sample();
    let json = |args: &[&str]| -> (Option<i32>, serde_json::Value) {
        let out = env
            .cmd()
            .args(["tm", "concordance"])
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        (
            out.status.code(),
            serde_json::from_slice(&out.stdout).unwrap(),
        )
    };
    // Without --lang every language is searched.
    let (code, v) = json(&["24/7"]);
    assert_eq!(code, Some(0));
    let found: Vec<(u64, &str, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["unit"].as_u64().unwrap(),
                h["lang"].as_str().unwrap(),
                h["highlights"][0]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (10, "id", 52),
            (10, "vi", 57),
            (10, "en", 30),
            (11, "id", 10),
            (11, "vi", 11),
            (11, "en", 5),
        ]
    );
    assert_eq!(v[1]["translations"][0]["lang"], "id");
    assert_eq!(v[1]["translations"][1]["lang"], "en");
    // Folded as in lookup: no diacritics, other case, whole words only.
    let (_, v) = json(&["CHUNG CU DIEN TU", "--lang", "vi", "--limit", "2"]);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["highlights"][0]["text"], "chứng cứ điện tử");
    assert_eq!(v[1]["highlights"][0]["text"], "Chứng cứ điện tử");
    let (code, v) = json(&["cong a"]);
    assert_eq!((code, v), (Some(1), serde_json::json!([])));
}

#[test]
fn concordance_scan_agrees_with_the_index() {
    let env = Env::with_sample();
    for phrase in [
        "công ước",
        "Komite Pengarah",
        "the",
        "Hà Nội",
        "24 7",
        "nothing here",
    ] {
        let run = |scan: bool| {
            let mut c = env.cmd();
            c.args(["tm", "concordance", phrase, "--format", "json"]);
            if scan {
                c.arg("--scan");
            }
            let out = c.output().unwrap();
            (out.status.code(), out.stdout)
        };
        assert_eq!(run(false), run(true), "{phrase}");
    }
}

#[test]
fn an_empty_memory_says_it_is_empty() {
    let env = Env::new();
    env.import(&crate::common::fixture("core/glossary.csv"));
    env.cmd()
        .args([
            "tm",
            "search",
            "Bộ Công an họp",
            "--from",
            "vi",
            "--to",
            "en",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("the translation memory is empty"));
    env.cmd()
        .args(["tm", "concordance", "Bộ Công an"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("the translation memory is empty"));
    // Export defaults to TMX, as export defaults to csv.
    env.cmd()
        .args(["tm", "export"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("<?xml"));
}
