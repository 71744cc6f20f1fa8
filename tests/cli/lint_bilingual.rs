//! `hcgloss lint --source-lang L --target-lang L` through the real binary
//! on translation-memory files written for these tests
//! (`tests/fixtures/lint/bilingual/`), with the lint fixture glossary in a
//! temporary store. The text report is compared with reviewed output in
//! `tests/fixtures/lint/expected/bilingual_vi_id.out`.

use std::path::Path;

use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint");

use crate::common::Env;

/// A store with the lint glossary, and the bilingual fixtures copied into
/// the directory lint runs in (so reports name them shortly).
fn bilingual_env() -> Env {
    let env = Env::new();
    env.import(&Path::new(FIXTURES).join("glossary.csv"));
    for name in ["units.tmx", "clean_vi_en.tsv", "triples.tsv"] {
        std::fs::copy(
            Path::new(FIXTURES).join("bilingual").join(name),
            env.path(name),
        )
        .expect("copy fixture");
    }
    env
}

/// `lint --source-lang FROM --target-lang TO extra...`.
fn lint(env: &Env, from: &str, to: &str, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["lint", "--source-lang", from, "--target-lang", to])
        .args(extra)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// (rule, unit, lang, found) of every JSON finding.
fn findings(v: &Value) -> Vec<(String, String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("rule"), s("unit"), s("lang"), s("found"))
        })
        .collect()
}

#[test]
fn every_bilingual_and_target_rule_in_a_tmx_file() {
    let env = bilingual_env();
    let out = lint(&env, "vi", "id", &["units.tmx"]);
    assert_eq!(out.status.code(), Some(1));
    let expected =
        std::fs::read_to_string(Path::new(FIXTURES).join("expected/bilingual_vi_id.out")).unwrap();
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(
        text(&out.stderr),
        "units.tmx: 1 of 9 units have no vi or no id segment and were not checked\n"
    );
}

#[test]
fn json_findings_carry_unit_language_and_segment_columns() {
    let env = bilingual_env();
    let out = lint(&env, "vi", "id", &["--format", "json", "units.tmx"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let f = |rule: &str, unit: &str, lang: &str, found: &str| {
        (rule.into(), unit.into(), lang.into(), found.into())
    };
    assert_eq!(
        findings(&v),
        vec![
            f("missing-term", "ratify", "vi", "phê chuẩn"),
            f("deprecated-term", "ratify", "id", "pengesahan"),
            f("number-mismatch", "states", "vi", "72"),
            f("number-mismatch", "states", "id", "27"),
            f("missing-term", "ministry", "vi", "Bộ Công an"),
            f(
                "misspelled-term",
                "ministry",
                "id",
                "Kementrian Keamanan Publik"
            ),
            f("missing-term", "caption", "vi", "Lễ ký"),
            f(
                "untranslated-text",
                "caption",
                "id",
                "Lễ ký diễn ra trang trọng tại Hà Nội."
            ),
            f("inconsistent-term", "members", "id", "Panitia Pengarah"),
            f("term-case", "delegation", "id", "kementerian luar negeri"),
        ]
    );
    // The unit's line in the file; columns within the segment's text.
    let first = &v["findings"][0];
    assert_eq!(
        (
            &first["line"],
            &first["column"],
            &first["end_line"],
            &first["end_column"]
        ),
        (
            &Value::from(5),
            &Value::from(17),
            &Value::from(5),
            &Value::from(26)
        )
    );
    assert_eq!(first["concept"], "ratification");
    assert_eq!(first["suggestion"], "ratifikasi");
    assert_eq!(v["summary"]["by_rule"]["missing-term"], 3);
    assert_eq!(v["summary"]["by_rule"]["number-mismatch"], 2);
    assert_eq!(v["summary"]["documents"][0]["lang"], "id");
}

#[test]
fn a_clean_pair_file_has_no_findings_and_exits_0() {
    let env = bilingual_env();
    let out = lint(&env, "vi", "en", &["clean_vi_en.tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "no findings in 1 file\n");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn any_two_columns_of_a_triples_file() {
    let env = bilingual_env();
    // id -> en: the English row says 27 and leaves the convention unnamed.
    let v = json(&lint(
        &env,
        "id",
        "en",
        &["--format", "json", "triples.tsv"],
    ));
    let got: Vec<_> = findings(&v)
        .into_iter()
        .map(|(r, u, l, f)| format!("{r} {u} {l} {f}"))
        .collect();
    assert_eq!(
        got,
        [
            "number-mismatch line 2 id 72",
            "missing-term line 2 id Konvensi Hanoi",
            "number-mismatch line 2 en 27",
        ]
    );
    // A short form asks for the target's short form.
    assert_eq!(v["findings"][1]["suggestion"], "Hanoi Convention");
    // id -> vi is a faithful pair: 24/7 and 72 on both sides, every term named.
    let out = lint(&env, "id", "vi", &["triples.tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn fail_on_error_lets_warnings_pass() {
    let env = bilingual_env();
    let out = lint(&env, "vi", "id", &["--fail-on", "error", "units.tmx"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).ends_with("10 findings (0 errors, 10 warnings, 0 info) in 1 of 1 file\n")
    );
}

#[test]
fn sarif_names_unit_and_language() {
    let env = bilingual_env();
    let out = lint(&env, "vi", "id", &["--format", "sarif", "units.tmx"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "missing-term");
    assert_eq!(r["properties"]["unit"], "ratify");
    assert_eq!(r["properties"]["lang"], "vi");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = bilingual_env();
    let same = lint(&env, "vi", "vi", &["units.tmx"]);
    assert_eq!(same.status.code(), Some(2));
    assert!(text(&same.stderr).contains("are the same language"));
    let fix = lint(&env, "vi", "id", &["--fix", "units.tmx"]);
    assert_eq!(fix.status.code(), Some(2));
    let unknown = lint(&env, "vi", "fr", &["units.tmx"]);
    assert_eq!(unknown.status.code(), Some(2));
    std::fs::write(env.path("bad.tsv"), "vi\ten\nmột\thai\tba\n").unwrap();
    let bad = lint(&env, "vi", "en", &["bad.tsv"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("bad.tsv:2"),
        "{}",
        text(&bad.stderr)
    );
    assert!(bad.stdout.is_empty());
}
