//! `hcgloss lint` through the real binary, on a temporary store filled
//! from `tests/fixtures/lint/glossary.csv` and on fixture articles written
//! for these tests. Reports are compared with reviewed expected output in
//! `tests/fixtures/lint/expected/`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint");

use crate::common::Env;

/// A temporary directory holding a store with the fixture glossary; lint
/// runs inside it so file names in reports are short and stable.
fn lint_env() -> Env {
    let env = Env::new();
    env.import(&fixture("glossary.csv"));
    env
}

/// What the lint tests do in their directory.
trait LintEnv {
    fn lint(&self) -> Command;
    /// Copies a fixture article here under the same name.
    fn copy(&self, name: &str) -> PathBuf;
}

impl LintEnv for Env {
    fn lint(&self) -> Command {
        let mut c = self.cmd();
        c.arg("lint");
        c
    }

    fn copy(&self, name: &str) -> PathBuf {
        let to = self.path(name);
        std::fs::copy(fixture(name), &to).expect("copy fixture");
        to
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 output")
}

/// Runs lint with `--format json` on `text` given on standard input.
fn json_of(env: &Env, text: &str, extra: &[&str]) -> Value {
    let out = env
        .lint()
        .args(["--format", "json"])
        .args(extra)
        .arg("-")
        .write_stdin(text)
        .output()
        .expect("runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// (rule, found, suggestion, [line, column, end_line, end_column]) of each
/// finding.
fn summarise(report: &Value) -> Vec<(String, String, Option<String>, [u64; 4])> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().map(str::to_string),
                ["line", "column", "end_line", "end_column"].map(|k| f[k].as_u64().unwrap()),
            )
        })
        .collect()
}

/// Term usage counts per (concept, term) from `--summary --format json`.
fn usage_of(env: &Env, text: &str, lang: &str) -> Vec<(String, String, u64)> {
    let out = env
        .lint()
        .args(["--summary", "--format", "json", "--lang", lang, "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut rows = Vec::new();
    for c in v["concepts"].as_array().unwrap() {
        for variant in c["variants"].as_array().unwrap() {
            rows.push((
                c["concept"].as_str().unwrap().to_string(),
                variant["term"].as_str().unwrap().to_string(),
                variant["count"].as_u64().unwrap(),
            ));
        }
    }
    rows
}

fn row(concept: &str, term: &str, n: u64) -> (String, String, u64) {
    (concept.into(), term.into(), n)
}

// ---------------------------------------------------------------- reports

#[test]
fn a_clean_article_yields_nothing() {
    let env = lint_env();
    env.copy("clean_id.txt");
    env.lint()
        .arg("clean_id.txt")
        .assert()
        .code(0)
        .stdout("no findings in 1 file\n")
        .stderr("");
}

#[test]
fn text_report_of_every_rule() {
    let env = lint_env();
    env.copy("findings_id.txt");
    let out = env.lint().arg("findings_id.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    crate::common::snapshot("lint/expected/findings_id.out", &stdout(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn json_report() {
    let env = lint_env();
    env.copy("findings_vi.txt");
    env.copy("findings_en.txt");
    let out = env
        .lint()
        .args(["--format", "json", "findings_vi.txt", "findings_en.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    crate::common::snapshot("lint/expected/vi_en.json", &stdout(&out));
}

#[test]
fn sarif_report_with_fixes() {
    let env = lint_env();
    env.copy("sarif_id.txt");
    let out = env
        .lint()
        .args(["--format", "sarif", "sarif_id.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    crate::common::snapshot("lint/expected/sarif_id.sarif", &stdout(&out));
}

#[test]
fn usage_summary_across_files() {
    let env = lint_env();
    env.copy("findings_id.txt");
    env.copy("clean_id.txt");
    let out = env
        .lint()
        .args(["--summary", "findings_id.txt", "clean_id.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "a report, not a check");
    crate::common::snapshot("lint/expected/summary.out", &stdout(&out));
}

// --------------------------------------------------------------- matching

#[test]
fn longest_match_wins() {
    let env = lint_env();
    let text = "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya dibahas; \
                kejahatan siber dan kejahatan siber meningkat.";
    // One occurrence of the convention, none of kejahatan dunia maya: no
    // inconsistency with kejahatan siber.
    assert_eq!(
        summarise(&json_of(&env, text, &["--lang", "id"])),
        vec![(
            "deprecated-term".into(),
            "Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya".into(),
            Some("Konvensi Perserikatan Bangsa-Bangsa Menentang Kejahatan Siber".into()),
            [1, 1, 1, 65]
        )]
    );
}

#[test]
fn whole_words_only() {
    let env = lint_env();
    assert_eq!(
        usage_of(
            &env,
            "kejahatan sibernetik, hal konvensional, Konvensi Hanoian, praratifikasi.",
            "id"
        ),
        vec![]
    );
}

#[test]
fn terms_across_line_breaks_and_extra_spaces() {
    let env = lint_env();
    let text = "Mereka membahas kriminalitas\n    maya dan kejahatan   siber.";
    assert_eq!(
        summarise(&json_of(&env, text, &["--lang", "id"])),
        vec![(
            "deprecated-term".into(),
            "kriminalitas\n    maya".into(),
            Some("kejahatan\n    siber".into()),
            [1, 17, 2, 9]
        )]
    );
    assert_eq!(
        usage_of(&env, text, "id"),
        vec![
            row("cybercrime", "kejahatan siber", 1),
            row("cybercrime", "kriminalitas maya", 1)
        ]
    );
}

#[test]
fn sentence_punctuation_ends_a_term() {
    let env = lint_env();
    assert_eq!(
        usage_of(&env, "Itu kejahatan. Siber adalah kata baru.", "id"),
        vec![]
    );
}

#[test]
fn indonesian_inflection() {
    let env = lint_env();
    let text = "Ratifikasinya tertunda. Parlemen akan meratifikasi konvensi itu setelah \
                diratifikasi negara lain; ratifikasilah segera! Kejahatan sibernya meningkat. \
                Mereka menandatangani konvensi pada upacara penandatanganan.";
    assert_eq!(
        usage_of(&env, text, "id"),
        vec![
            row("cybercrime", "kejahatan siber", 1),
            row("ratification", "ratifikasi", 4),
            // The verb formed on "tanda tangan"; the noun "penandatanganan"
            // is another word, here part of "upacara penandatanganan".
            row("signature", "tanda tangan", 1),
            row("signing-ceremony", "upacara penandatanganan", 1),
        ]
    );
    // Inflected deprecated forms: clitics kept in the suggestion, a prefixed
    // form suggested bare.
    let report = json_of(
        &env,
        "Pengesahannya ditunda. Mereka melegalisasi aturan itu.",
        &["--lang", "id"],
    );
    assert_eq!(
        summarise(&report),
        vec![
            (
                "deprecated-term".into(),
                "Pengesahannya".into(),
                Some("Ratifikasinya".into()),
                [1, 1, 1, 14]
            ),
            (
                "deprecated-term".into(),
                "melegalisasi".into(),
                Some("internalisasi".into()),
                [1, 31, 1, 43]
            ),
        ]
    );
}

#[test]
fn vietnamese_nfd_and_tone_placement() {
    let env = lint_env();
    let nfc = std::fs::read_to_string(fixture("findings_vi.txt")).unwrap();
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    // The same terms are found either way; "Uỷ ban" is the glossary's "Ủy ban".
    let expected_usage = vec![
        row("ad-hoc-committee", "Ủy ban đặc biệt", 1),
        row("ministry-of-foreign-affairs", "Bộ Ngoại giao", 1),
        row("ministry-of-public-security", "Bộ Công an", 1),
        row("signing-ceremony", "lễ ký", 1),
        row("un-convention-against-cybercrime", "Công ước Hà Nội", 1),
    ];
    assert_eq!(usage_of(&env, &nfc, "vi"), expected_usage);
    assert_eq!(usage_of(&env, &nfd, "vi"), expected_usage);
    // Positions count code points of the text as given: the NFD span of
    // "Bộ Ngoại Giao" has two more (the marks of ộ and ạ are separate).
    let nfc_findings = summarise(&json_of(&env, &nfc, &[]));
    let nfd_findings = summarise(&json_of(&env, &nfd, &[]));
    assert_eq!(nfc_findings[0].3, [1, 1, 1, 14]);
    assert_eq!(nfd_findings[0].3, [1, 1, 1, 17]);
    assert_eq!(nfd_findings[0].1, "Bộ Ngoại Giao".nfd().collect::<String>());
    assert_eq!(nfc_findings.len(), nfd_findings.len());
}

#[test]
fn what_folding_forgets_is_checked_on_the_original() {
    let env = lint_env();
    // "đang" (currently) folds like "Đảng" (the Party) but is not it.
    assert_eq!(
        usage_of(
            &env,
            "Tội phạm mạng đang gia tăng. Đảng lãnh đạo công tác này.",
            "vi"
        ),
        vec![
            row("communist-party-of-vietnam", "Đảng", 1),
            row("cybercrime", "tội phạm mạng", 1)
        ]
    );
    // The pronoun is not the acronym.
    assert_eq!(
        usage_of(
            &env,
            "States will ratify it soon; the IT sector will help.",
            "en"
        ),
        vec![row("information-technology", "IT", 1)]
    );
    // A plain word is not a name: no term-case on "partai politik".
    let report = json_of(
        &env,
        "Banyak partai politik mendukung Partai Komunis Vietnam.",
        &["--lang", "id"],
    );
    assert_eq!(summarise(&report), vec![]);
}

// ------------------------------------------------------------- languages

#[test]
fn languages_are_detected_per_document_or_given() {
    let env = lint_env();
    for f in ["findings_id.txt", "findings_vi.txt", "findings_en.txt"] {
        env.copy(f);
    }
    let out = env
        .lint()
        .args([
            "--format",
            "json",
            "findings_id.txt",
            "findings_vi.txt",
            "findings_en.txt",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let langs: Vec<(&str, bool)> = v["summary"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["lang"].as_str().unwrap(),
                d["lang_detected"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(langs, vec![("id", true), ("vi", true), ("en", true)]);

    // Given, it is not detected: the English article read as Indonesian
    // has no Indonesian terms, and its English sentences are untranslated.
    let v = json_of(
        &env,
        &std::fs::read_to_string(fixture("findings_en.txt")).unwrap(),
        &["--lang", "id"],
    );
    assert_eq!(
        v["summary"]["documents"][0]["lang_detected"],
        Value::Bool(false)
    );
    let rules: Vec<String> = summarise(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, vec!["untranslated-text", "untranslated-text"]);
}

#[test]
fn undetectable_language_is_reported_on_stderr() {
    let env = lint_env();
    env.lint()
        .arg("-")
        .write_stdin("Hanoi 2025\n")
        .assert()
        .code(0)
        .stdout("no findings in 1 file\n")
        .stderr("<stdin>: language not detected; terms of every language were matched and untranslated-text was skipped (give --lang)\n");
}

// ------------------------------------------------------------ exit codes

#[test]
fn fail_on_sets_the_threshold() {
    let env = lint_env();
    env.copy("findings_vi.txt");
    env.lint()
        .args(["--fail-on", "error", "findings_vi.txt"])
        .assert()
        .code(0);
    env.lint()
        .args(["--fail-on", "warning", "findings_vi.txt"])
        .assert()
        .code(1);
    env.lint()
        .args(["--fail-on", "info", "findings_vi.txt"])
        .assert()
        .code(1);
    env.copy("clean_id.txt");
    env.lint()
        .args(["--fail-on", "info", "clean_id.txt"])
        .assert()
        .code(0);
}

#[test]
fn errors_exit_2_and_name_the_problem() {
    let env = lint_env();
    let out = env.lint().arg("missing.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("hcgloss: missing.txt: "),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");

    env.write("bad.txt", b"kejahatan siber\nrusak \xc3\x28 di sini\n");
    env.lint()
        .arg("bad.txt")
        .assert()
        .code(2)
        .stdout("")
        .stderr("hcgloss: bad.txt:2: invalid UTF-8 at byte offset 22\nnothing was written\n");

    env.copy("clean_id.txt");
    env.lint()
        .args(["--lang", "fr", "clean_id.txt"])
        .assert()
        .code(2)
        .stderr("hcgloss: unknown language \"fr\": lint knows id, vi and en\n");

    // A bad file stops the run before anything is linted.
    env.lint()
        .args(["clean_id.txt", "bad.txt"])
        .assert()
        .code(2)
        .stdout("");

    // No store at an explicit path: lint only reads.
    Command::cargo_bin("hcgloss")
        .unwrap()
        .current_dir(env.dir.path())
        .args(["--db", "nowhere.sqlite", "lint", "clean_id.txt"])
        .assert()
        .code(2);
}

// -------------------------------------------------------------- fix, diff

#[test]
fn fix_rewrites_deprecated_terms_in_place_and_reports_the_rest() {
    let env = lint_env();
    let file = env.copy("fix_id.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = env.lint().args(["--fix", "fix_id.txt"]).output().unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(fixture("fix_id.fixed.txt")).unwrap()
    );
    assert_eq!(stderr(&out), "fixed 5 terms in 1 file\n");
    // What is left: the prefixed form, which needs a person.
    assert_eq!(
        stdout(&out),
        "fix_id.txt:3:20: warning[deprecated-term] \"melegalisasi\" is a form of the deprecated term \"legalisasi\"; use \"internalisasi\"\n\
         \x20 3 | Para pejabat ingin melegalisasi ketentuan itu, dan kejahatan\n\
         \x20   |                    ^^^^^^^^^^^^\n\
         1 finding (0 errors, 1 warning, 0 info) in 1 of 1 file\n"
    );
    assert_eq!(out.status.code(), Some(1));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Nothing left to fix: a second run changes nothing.
    let before = std::fs::read(&file).unwrap();
    env.lint()
        .args(["--fix", "fix_id.txt"])
        .assert()
        .code(1)
        .stderr("fixed 0 terms in 0 files\n");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn fix_keeps_the_small_letters_of_a_description() {
    // The event is no proper name: written as a description, its
    // replacement is a description too; a name inside it keeps its capital.
    let env = news_env();
    let file = env.write(
        "ceremony.txt",
        "Ia menghadiri upacara pembukaan Konvensi di Hanoi.\n\
         Upacara Pembukaan Konvensi berlangsung dua hari.\n",
    );
    env.lint()
        .args(["--lang", "id", "--fix", "ceremony.txt"])
        .assert()
        .code(0)
        .stderr("fixed 2 terms in 1 file\n");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Ia menghadiri upacara penandatanganan Konvensi di Hanoi.\n\
         Upacara Penandatanganan Konvensi berlangsung dua hari.\n"
    );
}

#[test]
fn fix_keeps_byte_order_mark_and_line_endings() {
    let env = lint_env();
    let file = env.write(
        "crlf.txt",
        "\u{feff}Pengesahan itu penting.\r\nKriminalitas maya meningkat.\r\n",
    );
    env.lint()
        .args(["--fix", "crlf.txt"])
        .assert()
        .code(0)
        .stdout("no findings in 1 file\n");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "\u{feff}Ratifikasi itu penting.\r\nKejahatan siber meningkat.\r\n"
    );
}

#[test]
fn diff_previews_without_writing() {
    let env = lint_env();
    let file = env.copy("fix_id.txt");
    let out = env.lint().args(["--diff", "fix_id.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    crate::common::snapshot("lint/expected/fix_id.diff", &stdout(&out));
    assert_eq!(
        stderr(&out),
        "5 fixable findings in 1 file (nothing written)\n"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(fixture("fix_id.txt")).unwrap()
    );

    env.copy("clean_id.txt");
    env.lint()
        .args(["--diff", "clean_id.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("0 fixable findings in 0 files (nothing written)\n");
}

#[test]
fn fix_refuses_standard_input() {
    let env = lint_env();
    env.lint()
        .args(["--fix", "-"])
        .write_stdin("pengesahan")
        .assert()
        .code(2)
        .stderr("hcgloss: --fix cannot rewrite standard input; use --diff to see the changes\n");
    // --diff works on it.
    env.lint()
        .args(["--diff", "--lang", "id", "-"])
        .write_stdin("Pengesahan itu penting.\n")
        .assert()
        .code(1)
        .stdout("--- a/<stdin>\n+++ b/<stdin>\n@@ line 1 @@ [-Pengesahan-]{+Ratifikasi+} itu penting.\n");
}

// ---------------------------------------------------------- inputs, config

#[test]
fn directories_mean_their_text_files_in_order() {
    let env = lint_env();
    env.write(
        "articles/b.txt",
        "Kriminalitas maya meningkat di kawasan itu pada tahun ini.\n",
    );
    env.write(
        "articles/a/z.md",
        "Pengesahan itu penting bagi semua negara yang hadir di sana.\n",
    );
    env.write("articles/a/photo.jpg", "not text");
    env.write("articles/.drafts/old.txt", "pengesahan");
    let out = env
        .lint()
        .args(["--format", "json", "articles"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = v["summary"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["articles/a/z.md", "articles/b.txt"]);
    assert_eq!(v["summary"]["findings"], 2);

    // A directory without text files is said so, not silently passed.
    env.write("empty/photo.jpg", "not text");
    env.lint()
        .arg("empty")
        .assert()
        .code(0)
        .stdout("no findings in 0 files\n")
        .stderr("no text files (*.txt, *.md) to check\n");
}

#[test]
fn standard_input_is_named_stdin() {
    let env = lint_env();
    env.lint()
        .args(["--lang", "id", "-"])
        .write_stdin("Pengesahan itu penting.\n")
        .assert()
        .code(1)
        .stdout(
            "<stdin>:1:1: warning[deprecated-term] \"Pengesahan\" is a deprecated term; use \"ratifikasi\"\n\
             \x20 1 | Pengesahan itu penting.\n\
             \x20   | ^^^^^^^^^^\n\
             1 finding (0 errors, 1 warning, 0 info) in 1 of 1 file\n",
        );
}

#[test]
fn config_file_found_by_walking_up() {
    let env = lint_env();
    env.write(
        "hcgloss.toml",
        "[rules]\nmisspelled-term = \"off\"\nterm-case = \"error\"\n",
    );
    env.write(
        "desk/today/findings_id.txt",
        std::fs::read(fixture("findings_id.txt")).unwrap(),
    );
    let out = env
        .lint()
        .current_dir(env.path("desk/today"))
        .args(["--format", "json", "findings_id.txt"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["by_rule"]["misspelled-term"], 0);
    assert_eq!(v["summary"]["by_rule"]["term-case"], 1);
    assert_eq!(v["summary"]["by_severity"]["error"], 1);
    let severities: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .filter(|(r, _)| *r == "term-case")
        .collect();
    assert_eq!(severities, vec![("term-case", "error")]);
    // Only warnings otherwise: --fail-on error now fails on the term-case.
    env.lint()
        .current_dir(env.path("desk/today"))
        .args(["--fail-on", "error", "findings_id.txt"])
        .assert()
        .code(1);
}

#[test]
fn hidden_config_name_and_explicit_config() {
    let env = lint_env();
    env.copy("findings_vi.txt");
    env.write(".hcgloss.toml", "[rules]\nuntranslated-text = \"off\"\n");
    let v: Value = serde_json::from_slice(
        &env.lint()
            .args(["--format", "json", "findings_vi.txt"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["summary"]["by_rule"]["untranslated-text"], 0);
    assert_eq!(v["summary"]["by_rule"]["term-case"], 1);

    env.write("strict.toml", "[rules]\nterm-case = \"off\"\n");
    let v: Value = serde_json::from_slice(
        &env.lint()
            .args([
                "--config",
                "strict.toml",
                "--format",
                "json",
                "findings_vi.txt",
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["summary"]["by_rule"]["term-case"], 0);
    assert_eq!(v["summary"]["by_rule"]["untranslated-text"], 1);
}

#[test]
fn a_bad_config_is_an_error_naming_file_and_line() {
    let env = lint_env();
    env.copy("clean_id.txt");
    env.write("hcgloss.toml", "[rules]\nterm-case = \"loud\"\n");
    env.lint()
        .arg("clean_id.txt")
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "hcgloss: {}:2: term-case = \"loud\" is not one of off, info, warning, error\nnothing was written\n",
            env.path("hcgloss.toml").display()
        ));
}

/// Files are checked in parallel; the report still lists them in name
/// order, each with its own findings.
#[test]
fn many_files_are_reported_in_order() {
    let env = lint_env();
    let mut expected = Vec::new();
    for i in 0..24 {
        let name = format!("many/f{i:02}.txt");
        let blank_lines = "\n".repeat(i % 3);
        env.write(
            &name,
            format!("{blank_lines}Pengesahan itu penting bagi semua negara yang hadir.\n"),
        );
        expected.push((name, i % 3 + 1));
    }
    let out = env
        .lint()
        .args(["--format", "json", "--lang", "id", "many"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, usize)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(got, expected);
}

// ---------------------------------------------------------- the command line

#[test]
fn explain_prints_a_rules_documentation() {
    let env = lint_env();
    env.lint()
        .args(["--explain", "deprecated-term"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with(
            "# deprecated-term\n\n## What it does\n",
        ))
        .stdout(predicates::str::contains("## Why is this bad?"))
        .stdout(predicates::str::contains("## Example"));
    env.lint()
        .args(["--explain", "typo"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the rules are deprecated-term"));
}

#[test]
fn combinations_that_make_no_sense_are_refused() {
    let env = lint_env();
    env.copy("fix_id.txt");
    for args in [
        &["--fix", "--diff", "fix_id.txt"][..],
        &["--diff", "--format", "json", "fix_id.txt"],
        &["--summary", "--format", "sarif", "fix_id.txt"],
    ] {
        env.lint().args(args).assert().code(2);
    }
    assert_eq!(
        std::fs::read_to_string(env.path("fix_id.txt")).unwrap(),
        std::fs::read_to_string(fixture("fix_id.txt")).unwrap()
    );
}

#[test]
fn a_translation_memory_is_not_linted_as_an_article() {
    let env = lint_env();
    let tmx = env.write(
        "units.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"vi\"/><body>\
         <tu><tuv xml:lang=\"vi\"><seg>Bộ Công an</seg></tuv><tuv xml:lang=\"id\"><seg>Kementerian Keamanan Publik</seg></tuv></tu>\
         </body></tmx>\n",
    );
    env.lint()
        .arg(&tmx)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "this is a translation memory (TMX), not an article. Its languages: id, vi. Check it source against target with --source-lang L --target-lang L",
        ));
    let tsv = env.write(
        "pairs.txt",
        "vi\tid\nBộ Công an\tKementerian Keamanan Publik\n",
    );
    env.lint()
        .arg(&tsv)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "this is a tab-separated translation memory",
        ));
}

/// Whether `bytes` hold a character a terminal acts on: a C0 control but
/// tab and line feed, DEL, a C1 control, or a bidirectional control.
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n'))
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn text_output_never_reaches_the_terminal_raw() {
    let env = lint_env();
    // An article that retitles the window and overwrites a line, in a
    // directory entry whose name carries an escape sequence too.
    env.write(
        "in/a\u{1b}[31m.txt",
        "Judul \u{1b}]0;owned\u{7}: pengesahan itu\rDIHAPUS \u{202e}kiri\u{202c} \u{9b}2J ok.\n",
    );
    let out = env.lint().args(["--lang", "id", "in"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(raw_controls(&out.stdout), Vec::<char>::new());
    assert_eq!(
        stdout(&out),
        "in/a\\x1b[31m.txt:1:19: warning[deprecated-term] \"pengesahan\" is a deprecated term; use \"ratifikasi\"\n\
         \x20 1 | Judul \\x1b]0;owned\\x07: pengesahan itu\\rDIHAPUS \\u{202e}kiri\\u{202c} \\u{9b}2J ok.\n\
         \x20   |                         ^^^^^^^^^^\n\
         1 finding (0 errors, 1 warning, 0 info) in 1 of 1 file\n"
    );
    // JSON (and SARIF) stay exact.
    let out = env
        .lint()
        .args(["--lang", "id", "--format", "json", "in"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["file"], "in/a\u{1b}[31m.txt");
    assert_eq!(v["findings"][0]["column"], 19);
    // The diff, the summary and messages on standard error too.
    let out = env
        .lint()
        .args(["--lang", "id", "--diff", "in"])
        .output()
        .unwrap();
    assert_eq!(raw_controls(&out.stdout), Vec::<char>::new());
    assert!(
        stdout(&out).contains("+++ b/in/a\\x1b[31m.txt"),
        "{}",
        stdout(&out)
    );
    let out = env.lint().args(["--summary", "in"]).output().unwrap();
    assert_eq!(raw_controls(&out.stdout), Vec::<char>::new());
    assert_eq!(raw_controls(&out.stderr), Vec::<char>::new());
    let out = env
        .lint()
        .arg("missing\u{1b}]0;x\u{7}.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("hcgloss: missing\\x1b]0;x\\x07.txt: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn terms_notes_and_errors_quoting_input_are_escaped() {
    let env = lint_env();
    env.write(
        "n.csv",
        "concept,lang,term,status,type,category,note\n\
         hanoi,vi,Hà Nội,preferred,full,place,\"capital\rOVERWRITTEN\r\nsecond line\"\n",
    );
    env.cmd().args(["import", "n.csv"]).assert().success();
    let out = env.cmd().args(["show", "hanoi"]).output().unwrap();
    assert_eq!(raw_controls(&out.stdout), Vec::<char>::new());
    assert!(
        stdout(&out).contains("note: capital\\rOVERWRITTEN second line\n"),
        "{}",
        stdout(&out)
    );
    let out = env.cmd().args(["lookup", "ha noi"]).output().unwrap();
    assert_eq!(raw_controls(&out.stdout), Vec::<char>::new());
    env.write(
        "bad.csv",
        "concept,lang,term,status,type,category,note\nx,vi,X,\"pre\u{1b}]0;owned\u{7}\rferred\",full,place,\n",
    );
    let out = env.cmd().args(["import", "bad.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(raw_controls(&out.stderr), Vec::<char>::new());
    assert!(
        stderr(&out).starts_with(
            "hcgloss: bad.csv:2: status \"pre\\x1b]0;owned\\x07\\rferred\" is not one of"
        ),
        "{}",
        stderr(&out)
    );
}

// ------------------------------------------------------ patterns of real news
//
// Sentences written for these tests that show what real news copy does,
// checked against `news/glossary.csv` (a few concepts as the shipped
// glossary has them).

fn news_env() -> Env {
    let env = Env::new();
    env.import(&fixture("news/glossary.csv"));
    env
}

/// (rule, found, suggestion) of each finding on `text` in `lang`.
fn news_findings(env: &Env, text: &str, lang: &str) -> Vec<(String, String, Option<String>)> {
    summarise(&json_of(env, text, &["--lang", lang]))
        .into_iter()
        .map(|(rule, found, suggestion, _)| (rule, found, suggestion))
        .collect()
}

fn finding(rule: &str, found: &str, suggestion: Option<&str>) -> (String, String, Option<String>) {
    (rule.into(), found.into(), suggestion.map(str::to_string))
}

#[test]
fn term_case_accepts_every_allowed_spelling_of_a_name_inside_a_longer_one() {
    let env = news_env();
    let text = "Việt Nam ký Công ước Liên hợp quốc về chống tội phạm mạng tại Hà Nội.\n\
                Đại hội đồng Liên hợp quốc đã thông qua văn kiện này.\n";
    assert_eq!(news_findings(&env, text, "vi"), vec![]);
    // Mixed capitals are neither spelling; a capital inside the name is wrong.
    let text = "Công ước Liên Hợp quốc về chống tội phạm mạng được ký.\n\
                Công ước Liên Hợp Quốc về Chống tội phạm mạng được ký.\n";
    assert_eq!(
        news_findings(&env, text, "vi"),
        vec![
            finding(
                "term-case",
                "Công ước Liên Hợp quốc về chống tội phạm mạng",
                Some("Công ước Liên Hợp Quốc về chống tội phạm mạng")
            ),
            finding(
                "term-case",
                "Công ước Liên Hợp Quốc về Chống tội phạm mạng",
                Some("Công ước Liên Hợp Quốc về chống tội phạm mạng")
            ),
        ]
    );
}

#[test]
fn term_case_leaves_descriptive_lower_case_alone() {
    let env = news_env();
    for (text, lang) in [
        (
            "Delegates met at the UN headquarters in New York, and the ministry said so.",
            "en",
        ),
        (
            "The talks took place at United Nations headquarters last week.",
            "en",
        ),
        ("Mereka bertemu di markas besar PBB kemarin.", "id"),
        (
            "Ông có nhiều năm làm công tác công an. Các đại biểu họp tại trụ sở Liên hợp quốc.",
            "vi",
        ),
        // An image text or address slug: a name without its marks.
        (
            "Ông Lê Hoài Trung trả lời phỏng vấn.\nthu truong le hoai trung tra loi phong van\n",
            "vi",
        ),
        // An all-capitals lead word opening an article.
        (
            "KONVENSI Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber ditandatangani di Hanoi.",
            "id",
        ),
    ] {
        assert_eq!(news_findings(&env, text, lang), vec![], "{text}");
    }
}

#[test]
fn term_case_reports_a_name_meant_and_written_wrong_even_inside_a_title() {
    let env = news_env();
    assert_eq!(
        news_findings(&env, "Delegasi kementerian luar negeri tiba kemarin.", "id"),
        vec![finding(
            "term-case",
            "kementerian luar negeri",
            Some("Kementerian Luar Negeri")
        )]
    );
    assert_eq!(
        news_findings(
            &env,
            "Đại diện Bộ Công An và Thứ trưởng Bộ Công An phát biểu.",
            "vi"
        ),
        vec![
            finding("term-case", "Bộ Công An", Some("Bộ Công an")),
            finding("term-case", "Bộ Công An", Some("Bộ Công an")),
        ]
    );
    assert_eq!(
        news_findings(
            &env,
            "KONVENSI Perserikatan Bangsa-bangsa Melawan Kejahatan Siber ditandatangani.",
            "id"
        ),
        vec![finding(
            "term-case",
            "KONVENSI Perserikatan Bangsa-bangsa Melawan Kejahatan Siber",
            Some("Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber")
        )]
    );
}

#[test]
fn mastheads_credits_and_mottos_are_not_untranslated_text() {
    let env = news_env();
    let text = "Berita.vn - Nền tảng tin tức cho mọi người\n\
                \n\
                Konvensi itu ditandatangani oleh banyak negara di Hanoi pada hari Sabtu.\n\
                Độc lập - Tự do - Hạnh phúc\n\
                Báo Tin sángBáo Tin sáng của chúng tôi 25/10/2025\n\
                Thủ tướng chủ trì họp báo về lễ ký công ước - Ảnh 2.\n";
    assert_eq!(
        news_findings(&env, text, "id"),
        vec![finding(
            "untranslated-text",
            "Thủ tướng chủ trì họp báo về lễ ký công ước - Ảnh 2.",
            None
        )]
    );
}

#[test]
fn a_caption_repeated_word_for_word_is_one_finding_with_its_count() {
    let env = news_env();
    let text = "Guards outside the ministry of public security in Hanoi. Photo: VNA\n\
                The guards were posted on Monday.\n\
                Guards outside the ministry of public security in Hanoi. Photo: VNA\n\
                Guards outside the ministry of public security in Hanoi. Photo: VNA\n";
    let report = json_of(&env, text, &["--lang", "en"]);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report}");
    assert_eq!(findings[0]["line"], 1);
    assert_eq!(
        findings[0]["message"],
        "\"ministry of public security\" is written \"Ministry of Public Security\" in the glossary; \
         the line is repeated 3× (also lines 3, 4)"
    );
}

#[test]
fn regional_spellings_and_other_vietnamese_words_are_not_misspellings() {
    let env = news_env();
    let text = "He toured the National Convention Center, met the World Health Organisation \
                and the Ministry of National Defense.";
    assert_eq!(news_findings(&env, text, "en"), vec![]);
    assert_eq!(
        news_findings(&env, "He toured the Natonal Convention Centre.", "en"),
        vec![finding(
            "misspelled-term",
            "Natonal Convention Centre",
            Some("National Convention Centre")
        )]
    );
    // Folding makes `thư Trung` one letter from `Thứ trưởng` and `lượng
    // công` one from `Lương Cường`; their marks say they are other words.
    let text = "Ông là Bí thư Trung ương Đảng. Dự án năng lượng công nghệ cao được khởi công.";
    assert_eq!(news_findings(&env, text, "vi"), vec![]);
    assert_eq!(
        news_findings(&env, "Thứ trưởg Nguyễn Văn A phát biểu.", "vi"),
        vec![finding("misspelled-term", "Thứ trưởg", Some("Thứ trưởng"))]
    );
}

#[test]
fn a_possessive_does_not_cut_a_term() {
    let env = news_env();
    let text = "The Hanoi Convention's mechanisms and the Hanoi Convention’s reach grow, \
                and so does Viet Nam's role.";
    assert_eq!(
        usage_of(&env, text, "en"),
        vec![
            row("cybercrime-convention", "Hanoi Convention", 2),
            row("vietnam", "Viet Nam", 1),
        ]
    );
    // The possessive stays outside the name and its suggestion.
    assert_eq!(
        news_findings(
            &env,
            "He praised the ministry of public security's plan.",
            "en"
        ),
        vec![finding(
            "term-case",
            "ministry of public security's",
            Some("Ministry of Public Security's")
        )]
    );
}

#[test]
fn an_overlap_never_swallows_a_deprecated_term() {
    let env = news_env();
    assert_eq!(
        news_findings(
            &env,
            "Negara itu memberikan bantuan hukum internasional.",
            "id"
        ),
        vec![finding(
            "deprecated-term",
            "bantuan hukum",
            Some("bantuan hukum timbal balik")
        )]
    );
    let text = "Ia menghadiri upacara pembukaan Konvensi Perserikatan Bangsa-Bangsa \
                Melawan Kejahatan Dunia Maya di Hanoi.";
    let found: Vec<String> = news_findings(&env, text, "id")
        .into_iter()
        .map(|(rule, found, _)| format!("{rule}: {found}"))
        .collect();
    assert_eq!(
        found,
        vec![
            "deprecated-term: upacara pembukaan Konvensi",
            "deprecated-term: Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia Maya",
        ]
    );
}

#[test]
fn a_deprecated_name_is_found_with_the_acronym_of_a_name_inside_it() {
    let env = news_env();
    assert_eq!(
        news_findings(
            &env,
            "Mereka menandatangani Konvensi PBB Melawan Kejahatan Dunia Maya kemarin.",
            "id"
        ),
        vec![finding(
            "deprecated-term",
            "Konvensi PBB Melawan Kejahatan Dunia Maya",
            Some("Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Siber")
        )]
    );
}

#[test]
fn a_comma_inside_a_term_is_folded_alike_on_both_sides() {
    let env = news_env();
    // The term has no comma, the text has one: still the term.
    assert_eq!(
        usage_of(&env, "Công tác phòng, chống tội phạm được đẩy mạnh.", "vi"),
        vec![row("prevent-and-combat", "phòng chống", 1)]
    );
    // An official name written without its comma is the name, and said so.
    let text = "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao chủ trì.\n\
                Cục An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao phối hợp.\n";
    assert_eq!(
        news_findings(&env, text, "vi"),
        vec![finding(
            "misspelled-term",
            "Cục An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao",
            Some("Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao")
        )]
    );
    assert_eq!(
        usage_of(&env, text, "vi"),
        vec![row(
            "a05",
            "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
            2
        )]
    );
}

#[test]
fn inconsistent_term_keeps_the_preferred_form_when_the_document_uses_it() {
    let env = news_env();
    let text = "Kejahatan dunia maya meningkat. Polisi memerangi kejahatan dunia maya \
                dan kejahatan siber. Kejahatan dunia maya merugikan.";
    let report = json_of(&env, text, &["--lang", "id"]);
    assert_eq!(
        summarise(&report)
            .into_iter()
            .map(|(rule, found, suggestion, _)| (rule, found, suggestion))
            .collect::<Vec<_>>(),
        vec![
            finding(
                "inconsistent-term",
                "Kejahatan dunia maya",
                Some("Kejahatan siber")
            ),
            finding(
                "inconsistent-term",
                "kejahatan dunia maya",
                Some("kejahatan siber")
            ),
            finding(
                "inconsistent-term",
                "Kejahatan dunia maya",
                Some("Kejahatan siber")
            ),
        ]
    );
    assert_eq!(
        report["findings"][0]["message"],
        "\"Kejahatan dunia maya\" names cybercrime; the glossary prefers \"kejahatan siber\", \
         which this document writes 1× (first at 1:75)"
    );
    // Without the preferred form, the form used most is kept.
    let text = "Tăng cường năng lực là ưu tiên. Các nước cần tăng cường năng lực \
                và phát triển năng lực số.";
    let report = json_of(&env, text, &["--lang", "vi"]);
    assert_eq!(
        report["findings"][0]["message"],
        "\"phát triển năng lực\" names capacity-building, which this document writes \
         \"tăng cường năng lực\" 2× (first at 1:1); the glossary prefers \"xây dựng năng lực\""
    );
    // A treaty's set phrase is its own term, not a use of `signature`.
    let text = "The convention opens for signature on Saturday. The signing takes place in Hanoi.";
    assert_eq!(news_findings(&env, text, "en"), vec![]);
}

#[test]
fn tone_mark_style_reports_the_minority_or_the_house_style_and_fixes_it() {
    let env = news_env();
    let text = "Hoà bình là mục tiêu chung.\nHòa bình cần gìn giữ, hòa bình lâu dài.\nNgành thủy lợi phát triển.\n";
    assert_eq!(
        news_findings(&env, text, "vi"),
        vec![finding("tone-mark-style", "Hoà", Some("Hòa"))]
    );
    // A name inside a sentence keeps its owner's spelling.
    let named = "Vì hoà bình, Chủ nhiệm Ủy ban Biên giới phát biểu về hoà giải.\n";
    assert_eq!(news_findings(&env, named, "vi"), vec![]);
    // The house style set in hcgloss.toml: every word of the other style.
    env.write("hcgloss.toml", "[tone-mark-style]\nstyle = \"new\"\n");
    assert_eq!(
        news_findings(&env, text, "vi"),
        vec![
            finding("tone-mark-style", "Hòa", Some("Hoà")),
            finding("tone-mark-style", "hòa", Some("hoà")),
            finding("tone-mark-style", "thủy", Some("thuỷ")),
        ]
    );
    let file = env.write("bai.txt", text);
    let out = env.lint().arg("--fix").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Hoà bình là mục tiêu chung.\nHoà bình cần gìn giữ, hoà bình lâu dài.\nNgành thuỷ lợi phát triển.\n"
    );
}

#[test]
fn spellings_that_differ_only_in_capitals_are_two_forms() {
    let env = news_env();
    let text = "Liên Hợp Quốc ủng hộ sáng kiến này.\nNgười phát ngôn nói Liên Hợp Quốc sẵn sàng.\nLiên hợp quốc kêu gọi hợp tác.\n";
    assert_eq!(
        news_findings(&env, text, "vi"),
        vec![finding(
            "inconsistent-term",
            "Liên hợp quốc",
            Some("Liên Hợp Quốc")
        )]
    );
    assert_eq!(
        usage_of(&env, text, "vi"),
        vec![row("un", "Liên Hợp Quốc", 2), row("un", "Liên hợp quốc", 1)]
    );
}

#[test]
fn title_words_are_read_as_the_title_they_belong_to() {
    let env = news_env();
    assert_eq!(
        usage_of(
            &env,
            "The Under-Secretary-General met General Secretary To Lam in Hanoi.",
            "en"
        ),
        vec![
            row("hanoi", "Hanoi", 1),
            row("title-general-secretary", "General Secretary", 1),
            row(
                "title-un-under-secretary-general",
                "Under-Secretary-General",
                1
            ),
        ]
    );
    assert_eq!(
        usage_of(
            &env,
            "Sekretaris Jenderal Asosiasi Jurnalis hadir bersama Sekretaris Jenderal PBB.",
            "id"
        ),
        vec![
            row("title-secretary-general", "Sekretaris Jenderal", 1),
            row("title-un-secretary-general", "Sekretaris Jenderal PBB", 1),
        ]
    );
    assert_eq!(
        usage_of(
            &env,
            "Bà Ghada Waly, Phó Tổng Thư ký Liên hợp quốc, gặp Tổng Thư ký Liên hợp quốc.",
            "vi"
        ),
        vec![
            row("title-un-secretary-general", "Tổng Thư ký Liên Hợp Quốc", 1),
            row(
                "title-un-under-secretary-general",
                "Phó Tổng Thư ký Liên Hợp Quốc",
                1
            ),
        ]
    );
}

#[test]
fn a_name_ending_in_a_symbol_needs_the_symbol() {
    let env = news_env();
    // `Vietnam+` (a paper) folds to `vietnam`: without its `+` the text is
    // the country, and one country written two ways is reported (the
    // glossary here prefers `Vietnam`).
    let text =
        "Vietnam hosts the talks, Vietnam+ reported. Viet Nam leads, and Viet Nam's role grows.";
    assert_eq!(
        news_findings(&env, text, "en"),
        vec![
            finding("inconsistent-term", "Viet Nam", Some("Vietnam")),
            finding("inconsistent-term", "Viet Nam's", Some("Vietnam's")),
        ]
    );
    assert_eq!(
        usage_of(&env, text, "en"),
        vec![
            row("vietnam", "Viet Nam", 2),
            row("vietnam", "Vietnam", 1),
            row("vietnamplus", "Vietnam+", 1),
        ]
    );
}

#[test]
fn a_brand_line_or_a_foreign_caption_is_not_the_documents_choice_of_form() {
    let env = news_env();
    // The site's brand line writes the name the Vietnamese way; the
    // English article itself only ever writes Vietnam.
    let page = "Vietnam.vn - Nền tảng quảng bá Việt Nam\n\
                Vietnam hosted the signing. Vietnam thanked the delegations.\n";
    assert_eq!(news_findings(&env, page, "en"), vec![]);
    // A Vietnamese caption left in the page is not an English use either.
    let captioned = "Vietnam hosted the signing in Hanoi. Vietnam thanked the delegations.\n\
                     Đại diện Việt Nam phát biểu tại lễ ký công ước hôm nay.\n";
    assert!(
        !news_findings(&env, captioned, "en")
            .iter()
            .any(|f| f.0 == "inconsistent-term"),
        "{:?}",
        news_findings(&env, captioned, "en")
    );
    // Both forms in the article's own sentences are an inconsistency.
    let mixed =
        "Vietnam hosted the signing. Viet Nam thanked the delegations. Vietnam was ready.\n";
    assert!(
        news_findings(&env, mixed, "en")
            .iter()
            .any(|f| f.0 == "inconsistent-term"),
        "{:?}",
        news_findings(&env, mixed, "en")
    );
}

#[test]
fn vietnamese_words_without_marks_and_quoted_names_are_not_typos() {
    let env = news_env();
    // `trong` is a word of its own in Vietnamese, not `tướng` mistyped.
    assert_eq!(
        news_findings(
            &env,
            "Hợp tác quốc tế là yếu tố không thể thiếu trong công tác phòng chống tội phạm.\n",
            "vi"
        ),
        vec![]
    );
    // A name quoted as a page's title is reproduced, not corrected.
    let quoted = "Các đối tượng lập trang mạo danh “Cục An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao” để lừa đảo.\n";
    assert!(
        !news_findings(&env, quoted, "vi")
            .iter()
            .any(|f| f.0 == "misspelled-term"),
        "{:?}",
        news_findings(&env, quoted, "vi")
    );
    let unquoted =
        "Đại diện Cục An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao phát biểu.\n";
    assert!(
        news_findings(&env, unquoted, "vi")
            .iter()
            .any(|f| f.0 == "misspelled-term"),
        "{:?}",
        news_findings(&env, unquoted, "vi")
    );
}

#[test]
fn names_that_differ_in_diacritics_are_two_forms() {
    let env = news_env();
    let text = "Tổng Thư ký Liên Hợp Quốc António Guterres đến Hà Nội. \
                Ông António Guterres gặp lãnh đạo. Ông Antonio Guterres phát biểu.\n";
    assert_eq!(
        news_findings(&env, text, "vi")
            .into_iter()
            .filter(|f| f.0 == "inconsistent-term")
            .collect::<Vec<_>>(),
        vec![finding(
            "inconsistent-term",
            "Antonio Guterres",
            Some("António Guterres")
        )]
    );
}

/// The compiled glossary kept beside the store (`<store>.lint`) is used
/// only when it was compiled from the store state lint reads: a stale one
/// (a change since), one of another store, a damaged one or none at all
/// is compiled anew, and the findings are those of the store as it is.
#[test]
fn a_stale_or_foreign_compiled_glossary_is_never_used() {
    let env = lint_env();
    let compiled = hcgloss_engine::store::lint_path(&env.db);
    let rules_of = |v: &Value| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["found"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let text = "Laporan itu memuat istilah uji coba kuno.\n";
    let deprecated = (
        "deprecated-term".to_string(),
        "istilah uji coba kuno".to_string(),
    );
    assert!(!compiled.exists(), "writers leave the compiling to readers");
    let before = json_of(&env, text, &["--lang", "id"]);
    assert!(!rules_of(&before).contains(&deprecated));
    assert!(compiled.exists(), "the first lint keeps what it compiled");
    let old = std::fs::read(&compiled).unwrap();

    env.cmd()
        .args([
            "add",
            "old-test-term",
            "--lang",
            "id",
            "--category",
            "general",
        ])
        .args(["--term", "istilah uji coba baru"])
        .assert()
        .success();
    env.cmd()
        .args([
            "add",
            "old-test-term",
            "--lang",
            "id",
            "--status",
            "deprecated",
        ])
        .args(["--term", "istilah uji coba kuno"])
        .assert()
        .success();
    assert!(rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
    let new = std::fs::read(&compiled).unwrap();
    assert_ne!(old, new, "the stale file was replaced");

    // The file from before the add, put back as a process killed before
    // its rename would leave it: stale, so not used.
    std::fs::write(&compiled, &old).unwrap();
    assert!(rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
    // Another store's file (a new store starts at a random generation), and
    // this store's own file damaged in one byte.
    let other = Env::new();
    other.import(&fixture("glossary.csv"));
    json_of(&other, "x", &[]);
    let foreign = std::fs::read(hcgloss_engine::store::lint_path(&other.db)).unwrap();
    assert_ne!(foreign[16..24], new[16..24]);
    std::fs::write(&compiled, &foreign).unwrap();
    assert!(rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
    let mut damaged = new.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x20;
    std::fs::write(&compiled, &damaged).unwrap();
    assert!(rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
    // Garbage, and no file at all.
    std::fs::write(&compiled, b"not a compiled glossary").unwrap();
    assert!(rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
    std::fs::remove_file(&compiled).unwrap();
    assert!(rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
    assert!(compiled.exists(), "compiled again and kept");

    env.cmd()
        .args(["remove", "old-test-term"])
        .assert()
        .success();
    assert!(!rules_of(&json_of(&env, text, &["--lang", "id"])).contains(&deprecated));
}
