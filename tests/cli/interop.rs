//! Real exchange files from other projects' test suites (`interop` in the
//! shared folder beside the repository, `<repo root>/../shared`, or the one
//! `HCGLOSS_SHARED_DIR` names), each imported into a fresh store by the real
//! binary, against what its MANIFEST.tsv expects:
//!
//! - `import`: exit 0;
//! - `refuse`: exit 2, with a message at `FILE:LINE:`;
//! - `either`: exit 0 with its result line (what had to be adjusted is
//!   reported with it: several of these files fit the model as they are,
//!   since regional variants such as `en` and `en-US` are languages of
//!   their own), or exit 2 at `FILE:LINE:`.
//!
//! The files are not part of this repository; without them the test says
//! it was skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

fn interop_dir() -> PathBuf {
    crate::common::shared_dir().join("interop")
}

/// Whether the first line of a tab-separated file names languages (a TM)
/// rather than holding a glossary row.
fn names_languages(path: &Path) -> bool {
    let bytes = std::fs::read(path).expect("read");
    let Ok(text) = hcgloss_engine::input::decode(&path.display().to_string(), bytes) else {
        return false;
    };
    let first = text.lines().next().unwrap_or("");
    let cells: Vec<&str> = first.split('\t').collect();
    cells.len() >= 2
        && cells.iter().all(|c| {
            matches!(*c, "tuid" | "origin" | "origin-date" | "created")
                || hcgloss_engine::model::Lang::parse_foreign(c).is_ok()
        })
}

/// The command that imports `file`, by its kind.
fn command_for(dir: &Path, file: &str) -> Vec<String> {
    let args: &[&str] = match Path::new(file).extension().and_then(|e| e.to_str()) {
        Some("tmx") => &["tm", "import"],
        Some("tbx") => &["import"],
        Some("tab") => &["import", "--source", "en", "--target", "fr"],
        Some("tsv") if names_languages(&dir.join(file)) => &["tm", "import", "--format", "tsv"],
        Some("tsv") => &[
            "import", "--format", "omegat", "--source", "en", "--target", "fr",
        ],
        other => panic!("{file}: no import command for {other:?}"),
    };
    let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    v.insert(if v[0] == "tm" { 2 } else { 1 }, file.to_string());
    v
}

/// Whether `stderr` has a message at a line of `file`.
fn at_a_line(stderr: &str, file: &str) -> bool {
    stderr.lines().any(|l| {
        let l = l.strip_prefix("hcgloss: ").unwrap_or(l);
        l.strip_prefix(file)
            .and_then(|rest| rest.strip_prefix(':'))
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(line, _)| !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[test]
fn every_manifest_file_meets_its_expectation() {
    let dir = interop_dir();
    let manifest = dir.join("MANIFEST.tsv");
    if !manifest.exists() {
        println!("skipped: {} not present", manifest.display());
        return;
    }
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let mut wrong = Vec::new();
    let mut counted = 0;
    for row in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = row.split('\t').collect();
        // The expectation is the fourth column (some sources hold a tab,
        // which shifts the format column, never this one).
        let (file, expect) = (cells[0], cells[3]);
        let store = tempfile::tempdir().expect("temp dir");
        let args = command_for(&dir, file);
        let out = Command::new(env!("CARGO_BIN_EXE_hcgloss"))
            .arg("--db")
            .arg(store.path().join("store.sqlite"))
            .args(&args)
            .current_dir(&dir)
            .env_remove("HCGLOSS_DB")
            .env("HOME", store.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run hcgloss");
        let code = out.status.code();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let result_line = stdout
            .lines()
            .any(|l| l.starts_with(&format!("{file}: ")) && l.contains(" added"));
        let ok = match expect {
            "import" => code == Some(0) && result_line,
            "refuse" => code == Some(2) && at_a_line(&stderr, file),
            "either" => {
                (code == Some(0) && result_line) || (code == Some(2) && at_a_line(&stderr, file))
            }
            other => panic!("{file}: unknown expectation {other:?}"),
        };
        counted += 1;
        if !ok {
            wrong.push(format!(
                "{file} (expected {expect}): hcgloss {} -> exit {code:?}\n{stdout}{stderr}",
                args.join(" ")
            ));
        }
    }
    assert!(counted > 0, "the manifest lists no file");
    assert!(
        wrong.is_empty(),
        "{} of {counted} files not as expected:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
