//! Snapshot cases of the real binary, kept as Markdown files in
//! `tests/cmd`: each file is a sequence of commands with their exact output
//! and exit status, run in a fresh copy of the case's `.in` directory (a
//! `.out` directory beside it holds files the commands must leave as they
//! are). They pin down what a user sees: every report format, and the
//! message of each kind of bad input.
//!
//! After a deliberate change of output, `TRYCMD=overwrite cargo test --test
//! cli cases` rewrites the expected output in place; review the diff.

use crate::common::{Env, snapshot};

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("HCGLOSS_DB", "store.sqlite")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md");
}

/// The JSON and SARIF reports of the `lint-reports` case's article, as
/// snapshots in `tests/fixtures/lint/reports` (JSON escapes would read
/// wrongly in a Markdown case, whose harness takes a backslash for a path
/// separator). Update with `SNAPSHOTS=overwrite`.
#[test]
fn json_and_sarif_reports_match_their_snapshots() {
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/lint-reports.in");
    let env = Env::new();
    env.import(&case.join("glossary.csv"));
    env.write(
        "berita.txt",
        std::fs::read_to_string(case.join("berita.txt")).unwrap(),
    );
    for (format, file) in [
        ("json", "lint/reports/berita.json"),
        ("sarif", "lint/reports/berita.sarif"),
    ] {
        let out = env
            .cmd()
            .args(["lint", "--lang", "id", "--format", format, "berita.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        snapshot(file, &String::from_utf8(out.stdout).unwrap());
    }
}
