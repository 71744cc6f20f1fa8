//! Eight processes at once on one store, through the real binary:
//! imports, adds, removes, lookups, lints, exports and translation-memory
//! imports and searches running side by side. What must hold:
//! - no command fails because the store is busy ("database is locked");
//! - no write is lost: every add and every import is in the store at the
//!   end, and every translation unit imported is found by the searches
//!   that follow its import;
//! - a reader never sees half a write: every export holds each imported
//!   file whole or not at all;
//! - a lookup never answers from an index that does not match the store
//!   state it reads: a term a command has added is found by every lookup
//!   started after that command ended, a removed term is gone, and a hit
//!   with score 100 is always the term the query names (a stale index
//!   could map a reused row id to the wrong term).
//!
//! - a lint never checks against a compiled glossary (`<store>.lint`)
//!   that does not match the store state it reads: a deprecated term a
//!   command has added is reported by every lint started after that
//!   command ended, and no longer once it is removed.
//!
//! Beside the processes, a thread keeps putting older copies of the lookup
//! index and of the compiled glossary back in place, as a process killed
//! between its commit (or its compile) and its rename would leave them,
//! so that the generation check is exercised under load and not only in
//! the narrow window a real race leaves.
//!
//! `HCGLOSS_STRESS_ROUNDS` sets how many rounds each worker runs (default
//! 6, so `cargo test` stays quick); `scripts/stress.sh` runs it longer.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::{Env, fixture};
use serde_json::Value;

const HEADER: &str = "concept,lang,term,status,type,category,note\n";
/// Concepts in each imported file.
const IMPORT_SIZE: usize = 20;

fn rounds() -> usize {
    std::env::var("HCGLOSS_STRESS_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

/// A word of lowercase letters standing for `n`, so that terms differ in
/// whole words (a lookup of one never scores 100 on another).
fn word(n: usize) -> String {
    let mut s = String::from("q");
    let mut n = n;
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.push('x');
    s
}

/// The words of a plain lowercase ASCII term, in order, as lookup compares
/// them when it gives a score of 100.
fn sorted_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    w.sort();
    w
}

/// The shared record of what the workers did.
struct Log {
    /// Processes run.
    operations: AtomicUsize,
    /// (concept, term) pairs whose add command has ended successfully.
    committed: Mutex<Vec<(String, String)>>,
    /// Failures, as messages; the test fails if any.
    failures: Mutex<Vec<String>>,
}

impl Log {
    fn fail(&self, message: String) {
        self.failures.lock().unwrap().push(message);
    }
}

/// Runs the binary with `args` on the store and checks it did not fail
/// for lack of the store: any "locked" or "busy" message is a failure.
fn run(env: &Env, log: &Log, args: &[&str]) -> Output {
    let out = env.cmd().args(args).output().expect("run hcgloss");
    log.operations.fetch_add(1, Ordering::Relaxed);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("locked") || stderr.contains("busy") {
        log.fail(format!("{args:?}: {stderr}"));
    }
    out
}

fn run_ok(env: &Env, log: &Log, args: &[&str]) -> Option<Output> {
    let out = run(env, log, args);
    if out.status.success() {
        Some(out)
    } else {
        log.fail(format!(
            "{args:?} exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
        None
    }
}

/// Looks `query` up and checks every hit is consistent with one store
/// state: the matched term is one of its concept's terms, and a score of
/// 100 means the matched term has the query's words. Returns the hits'
/// (concept, score) pairs.
fn lookup(env: &Env, log: &Log, query: &str) -> Vec<(String, u64)> {
    let out = run(
        env,
        log,
        &["lookup", query, "--format", "json", "--min", "90"],
    );
    match out.status.code() {
        Some(0) | Some(1) => {}
        other => {
            log.fail(format!(
                "lookup {query:?} exited {other:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            return Vec::new();
        }
    }
    let hits: Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => {
            log.fail(format!("lookup {query:?}: bad JSON: {e}"));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for hit in hits.as_array().into_iter().flatten() {
        let concept = hit["concept"].as_str().unwrap_or_default().to_string();
        let score = hit["score"].as_u64().unwrap_or_default();
        let matched = hit["matched"]["term"].as_str().unwrap_or_default();
        let in_concept =
            hit["terms"].as_array().into_iter().flatten().any(|t| {
                t["term"] == hit["matched"]["term"] && t["lang"] == hit["matched"]["lang"]
            });
        if !in_concept {
            log.fail(format!(
                "lookup {query:?}: {matched:?} is not a term of {concept}"
            ));
        }
        if score == 100 && query.is_ascii() && sorted_words(matched) != sorted_words(query) {
            log.fail(format!(
                "lookup {query:?}: score 100 for {matched:?} of {concept}"
            ));
        }
        found.push((concept, score));
    }
    found
}

fn found_exactly(hits: &[(String, u64)], concept: &str) -> bool {
    hits.iter().any(|(c, s)| c == concept && *s == 100)
}

/// Imports files of [`IMPORT_SIZE`] new concepts each, and now and then
/// the seed glossary again (a write that changes nothing).
fn importer(env: &Env, log: &Log) {
    for round in 0..rounds() {
        let mut csv = String::from(HEADER);
        for j in 0..IMPORT_SIZE {
            csv.push_str(&format!(
                "import-{round}-{j},en,imported {} {},preferred,full,general,\n",
                word(round),
                word(j)
            ));
        }
        let path = env.write(&format!("import-{round}.csv"), csv);
        run_ok(env, log, &["import", path.to_str().unwrap()]);
        if round % 2 == 1 {
            run_ok(
                env,
                log,
                &["import", fixture("core/glossary.csv").to_str().unwrap()],
            );
        }
    }
}

/// Adds concepts one by one; each must be found by the lookup that
/// follows its add.
fn adder(env: &Env, log: &Log, worker: usize) {
    for i in 0..rounds() * 2 {
        let concept = format!("add-{worker}-{i}");
        let term = format!("added {} {}", word(worker), word(i));
        let args = [
            "add",
            &concept,
            "--lang",
            "en",
            "--term",
            &term,
            "--category",
            "general",
        ];
        if run_ok(env, log, &args).is_none() {
            continue;
        }
        log.committed
            .lock()
            .unwrap()
            .push((concept.clone(), term.clone()));
        if !found_exactly(&lookup(env, log, &term), &concept) {
            log.fail(format!("{concept} {term:?} not found right after its add"));
        }
    }
}

/// Adds a term, finds it, removes it, and no longer finds it, over and
/// over, so that row ids are freed and reused under the other workers.
fn swapper(env: &Env, log: &Log) {
    for i in 0..rounds() * 2 {
        let term = format!("swapped {}", word(i));
        let args = [
            "add",
            "swap",
            "--lang",
            "en",
            "--term",
            &term,
            "--category",
            "general",
        ];
        if run_ok(env, log, &args).is_none() {
            continue;
        }
        if !found_exactly(&lookup(env, log, &term), "swap") {
            log.fail(format!("swap {term:?} not found right after its add"));
        }
        run_ok(env, log, &["remove", "swap"]);
        if found_exactly(&lookup(env, log, &term), "swap") {
            log.fail(format!("swap {term:?} still found after its removal"));
        }
    }
}

/// Looks up terms whose add has ended (each must be found) and the
/// swapper's terms (any answer must be consistent).
fn reader(env: &Env, log: &Log, worker: usize) {
    for i in 0..rounds() * 3 {
        let known = {
            let committed = log.committed.lock().unwrap();
            (!committed.is_empty()).then(|| committed[(i * 7 + worker) % committed.len()].clone())
        };
        if let Some((concept, term)) = known
            && !found_exactly(&lookup(env, log, &term), &concept)
        {
            log.fail(format!("{concept} {term:?} added earlier but not found"));
        }
        lookup(env, log, &format!("swapped {}", word(i % 4)));
    }
}

/// Lints a short article against the changing store; then adds a
/// deprecated term of its own, which every lint after the add must
/// report, and removes it again, after which none may.
fn linter(env: &Env, log: &Log, doc: &Path) {
    let lint = |doc: &Path| -> Option<Value> {
        let out = run(
            env,
            log,
            &[
                "lint",
                "--format",
                "json",
                "--lang",
                "id",
                doc.to_str().unwrap(),
            ],
        );
        if !matches!(out.status.code(), Some(0) | Some(1)) {
            log.fail(format!(
                "lint exited {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
            return None;
        }
        serde_json::from_slice(&out.stdout).ok()
    };
    let reports = |v: &Value, concept: &str| {
        v["findings"].as_array().is_some_and(|f| {
            f.iter()
                .any(|f| f["rule"] == "deprecated-term" && f["concept"] == concept)
        })
    };
    for i in 0..rounds() * 2 {
        lint(doc);
        let concept = format!("lint-check-{i}");
        let term = format!("istilah {} usang", word(i));
        let mine = env.write(
            &format!("lint-{i}.txt"),
            format!("Laporan itu memakai {term} di halaman pertama.\n"),
        );
        let preferred = format!("istilah {} baru", word(i));
        let add_preferred = ["add", &concept, "--lang", "id", "--term", &preferred];
        let add_preferred = [&add_preferred[..], &["--category", "general"]].concat();
        let add = ["add", &concept, "--lang", "id", "--term", &term];
        let add = [&add[..], &["--status", "deprecated"]].concat();
        if run_ok(env, log, &add_preferred).is_none() || run_ok(env, log, &add).is_none() {
            continue;
        }
        for _ in 0..2 {
            if let Some(v) = lint(&mine)
                && !reports(&v, &concept)
            {
                log.fail(format!(
                    "{concept}: deprecated {term:?} added earlier but not reported"
                ));
            }
        }
        if run_ok(env, log, &["remove", &concept]).is_none() {
            continue;
        }
        if let Some(v) = lint(&mine)
            && reports(&v, &concept)
        {
            log.fail(format!("{concept}: removed earlier but still reported"));
        }
    }
}

/// Imports small translation memories of new units and searches for
/// their sentences right after: every unit imported is found, and so is
/// one of an earlier round.
fn translator(env: &Env, log: &Log) {
    let sentence = |round: usize, j: usize| {
        format!(
            "Rapat {} membahas laporan {} tentang keamanan publik.",
            word(round),
            word(j)
        )
    };
    for round in 0..rounds() {
        let mut tsv = String::from("id\ten\n");
        for j in 0..3 {
            tsv.push_str(&format!(
                "{}\tMeeting {} discussed report {} on public security.\n",
                sentence(round, j),
                word(round),
                word(j)
            ));
        }
        let path = env.write(&format!("units-{round}.tsv"), tsv);
        if run_ok(env, log, &["tm", "import", path.to_str().unwrap()]).is_none() {
            continue;
        }
        for (r, j) in [(round, 0), (round, 2), (round / 2, 1)] {
            let query = sentence(r, j);
            let args = [
                "tm", "search", &query, "--from", "id", "--to", "en", "--min", "100",
            ];
            let Some(out) = run_ok(env, log, &args) else {
                continue;
            };
            let expected = format!("Meeting {} discussed report {}", word(r), word(j));
            if !String::from_utf8_lossy(&out.stdout).contains(&expected) {
                log.fail(format!("unit {query:?} imported earlier but not found"));
            }
        }
    }
}

/// Exports while imports run: each imported file is there whole or not
/// at all.
fn exporter(env: &Env, log: &Log) {
    for _ in 0..rounds() * 2 {
        let Some(out) = run_ok(env, log, &["export", "--format", "csv"]) else {
            continue;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        for round in 0..rounds() {
            let prefix = format!("import-{round}-");
            let n = text.lines().filter(|l| l.starts_with(&prefix)).count();
            if n != 0 && n != IMPORT_SIZE {
                log.fail(format!(
                    "an export holds {n} of the {IMPORT_SIZE} concepts of import {round}"
                ));
            }
        }
    }
}

/// Until `done`, keeps old lookup index and compiled glossary files and
/// renames them back over the current ones. Returns how many times it
/// did.
fn stale_index_planter(env: &Env, done: &AtomicBool) -> usize {
    let files = [
        hcgloss_engine::store::index_path(&env.db),
        hcgloss_engine::store::lint_path(&env.db),
    ];
    let mut kept: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut planted = 0;
    let mut tick = 0usize;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(15));
        tick += 1;
        let which = (tick / 3) % files.len();
        if tick.is_multiple_of(3) {
            if let Ok(bytes) = std::fs::read(&files[which]) {
                kept.push((which, bytes));
            }
        } else if let Some((which, old)) = kept.get(tick % kept.len().max(1)) {
            let tmp = env.path("planted.tmp");
            std::fs::write(&tmp, old).unwrap();
            std::fs::rename(&tmp, &files[*which]).unwrap();
            planted += 1;
        }
    }
    planted
}

#[test]
fn eight_processes_at_once_lose_nothing_and_never_see_a_mismatched_index() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let doc = env.write(
        "article.txt",
        "Kementerian Keamanan Publik memimpin Panitia Pengarah untuk kejahatan dunia maya.\n",
    );
    let log = Log {
        operations: AtomicUsize::new(0),
        committed: Mutex::new(Vec::new()),
        failures: Mutex::new(Vec::new()),
    };
    let done = AtomicBool::new(false);
    let planted = std::thread::scope(|s| {
        let planter = s.spawn(|| stale_index_planter(&env, &done));
        let workers = vec![
            s.spawn(|| importer(&env, &log)),
            s.spawn(|| adder(&env, &log, 1)),
            s.spawn(|| adder(&env, &log, 2)),
            s.spawn(|| swapper(&env, &log)),
            s.spawn(|| reader(&env, &log, 1)),
            s.spawn(|| translator(&env, &log)),
            s.spawn(|| linter(&env, &log, &doc)),
            s.spawn(|| exporter(&env, &log)),
        ];
        for w in workers {
            w.join().unwrap();
        }
        done.store(true, Ordering::Relaxed);
        planter.join().unwrap()
    });
    assert!(planted > 0, "no stale index was planted");
    let failures = log.failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Nothing lost: every add and every imported concept is there, and the
    // removed concept is gone.
    let export = env.export();
    let concepts: BTreeSet<&str> = export
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let committed = log.committed.into_inner().unwrap();
    assert_eq!(committed.len(), 2 * rounds() * 2);
    for (concept, term) in &committed {
        assert!(
            export.contains(&format!("{concept},en,{term},")),
            "{concept} lost"
        );
    }
    for round in 0..rounds() {
        for j in 0..IMPORT_SIZE {
            let concept = format!("import-{round}-{j}");
            assert!(concepts.contains(concept.as_str()), "{concept} lost");
        }
    }
    assert!(!concepts.contains("swap"));
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    eprintln!(
        "{} operations by 8 processes at once; a stale index planted {planted} times",
        log.operations.into_inner()
    );
}
