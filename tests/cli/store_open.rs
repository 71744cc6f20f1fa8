//! Opening the store through the real binary: the default store made by
//! many processes at once, stores that may only be read, and damaged
//! stores.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{Env, fixture};

/// An Indonesian article with findings against the bundled glossary.
const ARTICLE: &str = "Wakil Menteri Luar Negeri menghadiri Upacara Pembukaan Konvensi di Hanoi. \
    Kelompok Kerja Antar-Lembaga dan ASEANPOL membahas kejahatan siber di kawasan itu.\n";

fn default_store_command(env: &Env) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hcgloss"));
    c.env_remove("HCGLOSS_DB")
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("data"))
        .env("NO_COLOR", "1")
        .current_dir(env.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Many `lint` and `lookup` processes start at once on a machine where the
/// default store does not exist yet: every one of them must answer from
/// the whole bundled glossary, as a run on the finished store does.
#[test]
fn the_default_store_is_made_whole_before_anyone_sees_it() {
    for round in 0..4 {
        let env = Env::new();
        let article = env.write("article.txt", ARTICLE);
        let lint = |env: &Env| {
            let mut c = default_store_command(env);
            c.args(["lint", "--format", "json", "--lang", "id"])
                .arg(&article);
            c
        };
        let lookup = |env: &Env| {
            let mut c = default_store_command(env);
            c.args(["lookup", "--format", "json", "bo cong an"]);
            c
        };
        let mut children = Vec::new();
        for i in 0..8 {
            let mut c = if i % 3 == 2 { lookup(&env) } else { lint(&env) };
            children.push((i % 3 == 2, c.spawn().unwrap()));
        }
        let outputs: Vec<(bool, Output)> = children
            .into_iter()
            .map(|(is_lookup, child)| (is_lookup, child.wait_with_output().unwrap()))
            .collect();
        let reference_lint = lint(&env).output().unwrap();
        let reference_lookup = lookup(&env).output().unwrap();
        assert_eq!(reference_lint.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&reference_lint.stdout).contains("deprecated-term"),
            "the reference run finds the deprecated terms"
        );
        assert_eq!(reference_lookup.status.code(), Some(0));
        for (is_lookup, out) in outputs {
            let reference = if is_lookup {
                &reference_lookup
            } else {
                &reference_lint
            };
            assert_eq!(
                (out.status.code(), &out.stdout),
                (reference.status.code(), &reference.stdout),
                "round {round}: a concurrent first run differs; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        // Nothing but the store and its files is left in its folder.
        let dir = env.dir.path().join("data/hcgloss");
        let leftovers: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

/// The binary with `--db` and the given arguments, without the
/// capabilities that let root write any file whatever its mode.
fn run_unprivileged(env: &Env, args: &[&str]) -> Output {
    let mut c = crate::common::unprivileged();
    c.arg("--db")
        .arg(&env.db)
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(env.dir.path());
    c.output().unwrap()
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn side_files(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("store.sqlite-"))
        .collect();
    names.sort();
    names
}

/// A store in a read-only file or folder: commands that read work and
/// leave nothing beside it; commands that write say why they cannot; and
/// once write access is back, writers work (nothing a reader left blocks
/// them).
#[test]
fn read_only_stores_can_be_read() {
    let env = Env::new();
    let store_dir = env.path("stores");
    std::fs::create_dir(&store_dir).unwrap();
    let env = Env {
        db: store_dir.join("store.sqlite"),
        ..env
    };
    env.import(&fixture("core/glossary.csv"));
    assert_eq!(
        side_files(&env),
        ["store.sqlite-shm", "store.sqlite-wal"][..0]
    );
    let reads: [&[&str]; 3] = [
        &["lookup", "bo cong an"],
        &["export"],
        &["tm", "concordance", "x"],
    ];

    for (file_mode, dir_mode, why) in [
        (0o444, 0o755, "the file is read-only"),
        (
            0o644,
            0o555,
            "is read-only, so SQLite cannot keep its journal there",
        ),
    ] {
        set_mode(&env.db, file_mode);
        set_mode(&store_dir, dir_mode);
        for args in reads {
            let out = run_unprivileged(&env, args);
            assert!(
                out.status.code() == Some(0) || (args[0] == "tm" && out.status.code() == Some(1)),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = run_unprivileged(
            &env,
            &[
                "add",
                "x",
                "--lang",
                "en",
                "--term",
                "X",
                "--category",
                "general",
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("the store cannot be written here"),
            "{stderr}"
        );
        assert!(stderr.contains(why), "{stderr}");
        assert!(side_files(&env).is_empty(), "{:?}", side_files(&env));
    }
    set_mode(&store_dir, 0o755);
    set_mode(&env.db, 0o644);
    let out = run_unprivileged(
        &env,
        &[
            "add",
            "x",
            "--lang",
            "en",
            "--term",
            "X",
            "--category",
            "general",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A store with a damaged page is refused by a command that writes, with
/// advice, and left as it was.
#[test]
fn writes_to_a_damaged_store_are_refused() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let mut bytes = std::fs::read(&env.db).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    assert!(bytes.len() >= 4 * page_size, "the store has a few pages");
    // The third page is one of the tables' B-tree pages: make its header
    // nonsense, as a failing disk or a stray write would.
    for b in &mut bytes[2 * page_size..2 * page_size + 16] {
        *b = 0xA5;
    }
    std::fs::write(&env.db, &bytes).unwrap();
    let out = env
        .cmd()
        .args([
            "add",
            "x",
            "--lang",
            "en",
            "--term",
            "X",
            "--category",
            "general",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the store is damaged"), "{stderr}");
    assert!(stderr.contains("export -o rescue.csv"), "{stderr}");
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}
