//! What hcgloss must never do to the files around it, through the real
//! binary: write to a file that is not its store, replace a file it fixes
//! other than atomically and with its permissions, overwrite a file that
//! changed since it was read, create files with other permissions than
//! the user's umask gives, or open a path it finds in the data it reads.
//! Data that looks like SQL is stored and returned as data.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{Env, fixture};

const HEADER: &str = "concept,lang,term,status,type,category,note\n";

/// The names in the directory of `path` that start with its file name:
/// the file and whatever SQLite or a writer put beside it.
fn beside(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&name) || n.starts_with(&format!(".{name}")))
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ------------------------------------------------------- foreign files

/// Runs a reading and a writing command on `path` as the store; both must
/// be refused with `reason`, and the file left byte for byte as it was,
/// with nothing created beside it.
fn refuses_untouched(env: &Env, path: &Path, reason: &str) {
    let bytes = std::fs::read(path).unwrap();
    for args in [
        &["lookup", "x"][..],
        &["import", fixture("core/glossary.csv").to_str().unwrap()],
        &["tm", "search", "x", "--from", "vi", "--to", "en"],
    ] {
        env.cmd_default_store()
            .arg("--db")
            .arg(path)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "{}: not an hcgloss store ({reason}); the file was left untouched",
                path.display()
            )));
        assert_eq!(std::fs::read(path).unwrap(), bytes, "{args:?}");
        assert_eq!(
            beside(path),
            [path.file_name().unwrap().to_string_lossy()],
            "{args:?}"
        );
    }
}

#[test]
fn files_that_are_not_stores_are_refused_untouched() {
    let env = Env::new();
    let text = env.write("notes.sqlite", "a text file, not a database\n");
    refuses_untouched(&env, &text, "file is not a database");

    let header_only = env.write("header.sqlite", b"SQLite format 3\0garbage after it");
    refuses_untouched(&env, &header_only, "file is not a database");

    // Another program's database, in WAL mode (which makes SQLite create
    // files beside it when it is read).
    let other = env.path("app.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    refuses_untouched(&env, &other, "SQLite application id 0x0, not 0x4843474c");
}

#[test]
fn an_empty_file_becomes_a_store_only_for_a_command_that_writes() {
    let env = Env::new();
    let empty = env.write("new.sqlite", "");
    env.cmd_default_store()
        .arg("--db")
        .arg(&empty)
        .args(["lookup", "x"])
        .assert()
        .code(2)
        .stderr(format!(
            "hcgloss: {}: not an hcgloss store (it is empty; import or add makes it one); the file was left untouched\n",
            empty.display()
        ));
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    assert_eq!(beside(&empty), ["new.sqlite"]);

    // `mktemp` then import: the empty file is the store.
    env.cmd_default_store()
        .arg("--db")
        .arg(&empty)
        .arg("import")
        .arg(fixture("core/glossary.csv"))
        .assert()
        .success();
    env.cmd_default_store()
        .arg("--db")
        .arg(&empty)
        .args(["lookup", "Bo Cong an"])
        .assert()
        .success();
}

#[test]
fn a_damaged_store_is_an_error_not_a_crash() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let bytes = std::fs::read(&env.db).unwrap();
    std::fs::write(&env.db, &bytes[..bytes.len() / 2]).unwrap();
    for args in [&["lookup", "kejahatan"][..], &["export"]] {
        let out = env.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("hcgloss: "), "{stderr}");
        assert!(stderr.contains("malformed"), "{stderr}");
    }
}

// ------------------------------------------------- output over the store

#[test]
fn output_files_never_replace_the_stores_own_files() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["tm", "import"])
        .arg(fixture("tm/sample.tsv"))
        .assert()
        .success();
    let glossary = env.export();
    std::fs::create_dir(env.path("sub")).unwrap();
    std::os::unix::fs::symlink("../store.sqlite", env.path("sub/link.sqlite")).unwrap();
    let db = env.db.display().to_string();
    let targets = [
        "store.sqlite".to_string(),
        "./store.sqlite".to_string(),
        "sub/../store.sqlite".to_string(),
        "sub/link.sqlite".to_string(),
        db.clone(),
        "store.sqlite-wal".to_string(),
        "store.sqlite-shm".to_string(),
        "store.sqlite-journal".to_string(),
        "store.sqlite.lookup".to_string(),
    ];
    let index = hcgloss_engine::store::index_path(&env.db);
    for target in &targets {
        let index_before = std::fs::read(&index).ok();
        for args in [
            &["export", "-o", target][..],
            &["export", "--format", "tbx", "-o", target],
            &["tm", "export", "--format", "tmx", "-o", target],
            &["tm", "export", "--format", "tsv", "-o", target],
        ] {
            let out = env.cmd().args(args).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.starts_with(&format!(
                    "hcgloss: {target}: is one of the store's own files ("
                )) && stderr.ends_with("); it was not overwritten\n"),
                "{args:?}: {stderr}"
            );
        }
        assert_eq!(std::fs::read(&index).ok(), index_before, "{target}");
        assert_eq!(env.export(), glossary, "{target}");
        assert!(
            !beside(&env.db).iter().any(|n| n.contains(".tmp-")),
            "{target}: a temporary file was left"
        );
    }
    assert!(
        env.path("sub/link.sqlite")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    env.cmd()
        .args([
            "tm",
            "search",
            "Ban Chỉ đạo đã họp để rà soát công tác an ninh và y tế.",
            "--from",
            "vi",
            "--to",
            "en",
        ])
        .assert()
        .success();
    // Another name in the same directory is written as usual.
    env.cmd()
        .args(["export", "-o", "store.sqlite.csv"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("store.sqlite.csv")).unwrap(),
        glossary
    );
}

// ------------------------------------------------------- permissions

/// The binary run under `umask`.
fn under_umask(env: &Env, umask: &str, args: &[&str]) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_hcgloss"))
        .arg("--db")
        .arg(&env.db)
        .args(args)
        .current_dir(env.dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?} under umask {umask}");
}

#[test]
fn new_files_get_the_users_umask() {
    for (umask, expected) in [("002", 0o664), ("022", 0o644), ("077", 0o600)] {
        let env = Env::new();
        under_umask(
            &env,
            umask,
            &[
                "add",
                "hanoi",
                "--lang",
                "vi",
                "--term",
                "Hà Nội",
                "--category",
                "place",
            ],
        );
        under_umask(&env, umask, &["export", "-o", "out.csv"]);
        let index = hcgloss_engine::store::index_path(&env.db);
        for file in [&env.db, &index, &env.path("out.csv")] {
            assert_eq!(
                mode(file),
                expected,
                "{} under umask {umask}",
                file.display()
            );
        }
    }
}

// ------------------------------------------------------------ lint --fix

struct FixEnv {
    env: Env,
    article: PathBuf,
}

const ARTICLE: &str = "Pengesahan konvensi itu penting bagi kriminalitas maya.\n";
const FIXED: &str = "Ratifikasi konvensi itu penting bagi kejahatan siber.\n";

fn fix_env() -> FixEnv {
    let env = Env::new();
    env.import(&fixture("lint/glossary.csv"));
    let article = env.write("article.txt", ARTICLE);
    FixEnv { env, article }
}

#[test]
fn fix_replaces_the_file_by_rename_and_keeps_its_mode() {
    let f = fix_env();
    std::fs::set_permissions(&f.article, std::fs::Permissions::from_mode(0o604)).unwrap();
    let inode = std::fs::metadata(&f.article).unwrap().ino();
    f.env
        .cmd()
        .args(["lint", "--lang", "id", "--fix", "article.txt"])
        .assert()
        .code(0)
        .stderr("fixed 2 terms in 1 file\n");
    assert_eq!(std::fs::read_to_string(&f.article).unwrap(), FIXED);
    // A new file took the old one's name (no reader ever saw half of it).
    assert_ne!(std::fs::metadata(&f.article).unwrap().ino(), inode);
    assert_eq!(mode(&f.article), 0o604);
    assert_eq!(
        beside(&f.article),
        ["article.txt"],
        "a temporary file was left"
    );
}

#[test]
fn fix_treats_one_file_under_several_names_as_one_document() {
    let f = fix_env();
    std::os::unix::fs::symlink("article.txt", f.env.path("link.txt")).unwrap();
    let out = f
        .env
        .cmd()
        .args([
            "lint",
            "--lang",
            "id",
            "--fix",
            "article.txt",
            "./article.txt",
            "link.txt",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fixed 2 terms in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "no findings in 1 file\n"
    );
    assert_eq!(std::fs::read_to_string(&f.article).unwrap(), FIXED);
}

#[test]
fn fix_refuses_a_file_that_changed_since_it_was_read() {
    use std::io::Write;
    let f = fix_env();
    // lint reads its files in order before it fixes any: it reads the
    // article, then waits on a named pipe, and the article changes while
    // it waits.
    let pipe = fifo(&f.env, "pipe.txt");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_hcgloss"))
        .arg("--db")
        .arg(&f.env.db)
        .args(["lint", "--lang", "id", "--fix", "article.txt", "pipe.txt"])
        .current_dir(f.env.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the pipe returns once lint opens it, after the article.
    let mut writer = std::fs::OpenOptions::new().write(true).open(&pipe).unwrap();
    let edited = format!("{ARTICLE}Satu kalimat baru.\n");
    std::fs::write(&f.article, &edited).unwrap();
    writer.write_all(b"Tidak ada istilah di sini.\n").unwrap();
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fixed 0 terms in 0 files\nhcgloss: article.txt: changed since it was read; not fixed (run lint again)\n"
    );
    assert_eq!(std::fs::read_to_string(&f.article).unwrap(), edited);
}

#[test]
fn fix_refuses_a_hard_linked_file_rather_than_split_it() {
    let f = fix_env();
    std::fs::hard_link(&f.article, f.env.path("other-name.txt")).unwrap();
    let inode = std::fs::metadata(&f.article).unwrap().ino();
    let out = f
        .env
        .cmd()
        .args(["lint", "--lang", "id", "--fix", "article.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "hcgloss: article.txt: the file has 2 hard links, and replacing it would split them (this name would get the new text, the others keep the old); it was not overwritten\n"
    );
    let meta = std::fs::metadata(&f.article).unwrap();
    assert_eq!((meta.ino(), meta.nlink()), (inode, 2));
    assert_eq!(std::fs::read_to_string(&f.article).unwrap(), ARTICLE);
    assert_eq!(
        std::fs::read_to_string(f.env.path("other-name.txt")).unwrap(),
        ARTICLE
    );
}

/// Whether this process has the effective user id 0.
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The user and group `nobody` has on Debian.
const NOBODY: u32 = 65534;

#[test]
fn fix_refuses_a_file_it_may_not_write_and_keeps_the_owner_of_one_it_may() {
    let f = fix_env();
    if !is_root() {
        eprintln!("skipped: files of another user need root to make");
        return;
    }
    // Another user's file, writable by that user only. Root writes any
    // file, so the binary runs without CAP_DAC_OVERRIDE (through setpriv),
    // as an ordinary user would.
    std::os::unix::fs::chown(&f.article, Some(NOBODY), Some(NOBODY)).unwrap();
    std::fs::set_permissions(&f.article, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--bounding-set", "-dac_override,-dac_read_search"])
        .arg(env!("CARGO_BIN_EXE_hcgloss"))
        .arg("--db")
        .arg(&f.env.db)
        .args(["lint", "--lang", "id", "--fix", "article.txt"])
        .current_dir(f.env.dir.path())
        .output();
    match out {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped the refusal: setpriv is not installed");
        }
        out => {
            let out = out.unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                "hcgloss: article.txt: you may not write this file (permission denied); it was not overwritten\n"
            );
            assert_eq!(out.status.code(), Some(2));
            assert_eq!(std::fs::read_to_string(&f.article).unwrap(), ARTICLE);
            assert_eq!(std::fs::metadata(&f.article).unwrap().uid(), NOBODY);
        }
    }
    // Writable by the one fixing it: fixed, and still the owner's file.
    std::fs::set_permissions(&f.article, std::fs::Permissions::from_mode(0o666)).unwrap();
    f.env
        .cmd()
        .args(["lint", "--lang", "id", "--fix", "article.txt"])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&f.article).unwrap(), FIXED);
    let meta = std::fs::metadata(&f.article).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), mode(&f.article)),
        (NOBODY, NOBODY, 0o666)
    );
}

#[test]
fn fix_writes_through_a_symbolic_link_and_refuses_a_read_only_file() {
    let f = fix_env();
    std::os::unix::fs::symlink("article.txt", f.env.path("link.txt")).unwrap();
    f.env
        .cmd()
        .args(["lint", "--lang", "id", "--fix", "link.txt"])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&f.article).unwrap(), FIXED);
    assert!(
        f.env
            .path("link.txt")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );

    let locked = f.env.write("locked.txt", ARTICLE);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    f.env
        .cmd()
        .args(["lint", "--lang", "id", "--fix", "locked.txt"])
        .assert()
        .code(2)
        .stderr("hcgloss: locked.txt: the file is read-only; it was not overwritten\n");
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), ARTICLE);
    // Export does not overwrite it either.
    f.env
        .cmd()
        .args(["export", "-o", "locked.txt"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), ARTICLE);
}

// ------------------------------------------------------------ signals

/// The temporary files (`.NAME.tmp-…`) in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

/// Starts the binary on the environment's store with `args`, waits until
/// `ready()` holds, sends `signal`, and returns the exit status; `None`
/// when the command finished before it was ready.
fn signalled(
    env: &Env,
    args: &[&str],
    signal: i32,
    ready: impl Fn() -> bool,
) -> Option<std::process::ExitStatus> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hcgloss"))
        .arg("--db")
        .arg(&env.db)
        .args(args)
        .current_dir(env.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        if ready() {
            break;
        }
        std::thread::yield_now();
    }
    // SAFETY: kill has no memory effects; the child is ours and running.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    Some(child.wait().unwrap())
}

/// A glossary of `n` concepts, one Indonesian term each.
fn big_glossary(n: usize) -> String {
    let mut csv = String::from(HEADER);
    for i in 0..n {
        csv.push_str(&format!(
            "c{i},id,istilah nomor {i} kata{},preferred,full,general,\n",
            i % 97
        ));
    }
    csv
}

#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    let f = fix_env();
    let dir = f.env.path("articles");
    let mut interrupted = false;
    for _ in 0..20 {
        for i in 0..300 {
            f.env.write(&format!("articles/a{i:03}.txt"), ARTICLE);
        }
        let ready = || !temporaries(&dir).is_empty();
        let Some(status) = signalled(
            &f.env,
            &["lint", "--lang", "id", "--fix", "articles"],
            libc::SIGTERM,
            ready,
        ) else {
            continue;
        };
        assert_eq!(status.code(), Some(143), "{status:?}");
        assert_eq!(temporaries(&dir), Vec::<String>::new());
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(text == ARTICLE || text == FIXED, "{text}");
        }
        interrupted = true;
        break;
    }
    assert!(
        interrupted,
        "every fix finished before it could be interrupted"
    );
}

#[test]
fn an_interrupted_import_leaves_no_temporary_file_and_the_store_as_it_was() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let before = env.export();
    env.write("big.csv", big_glossary(40_000));
    let wal = env.path("store.sqlite-wal");
    // SIGINT inside the write transaction: nothing is committed. The
    // `-wal` file appears when the import opens the store, after reading
    // the file, and its transaction then takes seconds (the pages stay in
    // memory until the commit writes them), so a fifth of a second later
    // the import is inside it.
    let opened = std::cell::Cell::new(None);
    let status = signalled(&env, &["import", "big.csv"], libc::SIGINT, || {
        if opened.get().is_none() && wal.exists() {
            opened.set(Some(std::time::Instant::now()));
        }
        opened
            .get()
            .is_some_and(|t| t.elapsed() > Duration::from_millis(200))
    })
    .expect("the import finished before it was interrupted");
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(temporaries(env.dir.path()), Vec::<String>::new());
    assert_eq!(env.export(), before);
    // SIGTERM while the new lookup index is being written, just before
    // the commit: the index file goes, the store is the old one or the
    // new one.
    let index_temp = ".store.sqlite.lookup.tmp-";
    let mut interrupted = 0;
    for _ in 0..5 {
        let ready = || {
            temporaries(env.dir.path())
                .iter()
                .any(|n| n.starts_with(index_temp))
        };
        let Some(status) = signalled(&env, &["import", "big.csv"], libc::SIGTERM, ready) else {
            break;
        };
        interrupted += 1;
        assert_eq!(status.code(), Some(143), "{status:?}");
        assert_eq!(temporaries(env.dir.path()), Vec::<String>::new());
        let now = env.export();
        if now != before {
            // Committed just before the signal: all of it.
            assert_eq!(now.lines().count(), before.lines().count() + 40_000);
            break;
        }
    }
    assert!(
        interrupted > 0,
        "the import was never seen writing its index"
    );
    env.cmd()
        .args(["lookup", "istilah nomor 7 kata7"])
        .assert()
        .code(predicates::ord::lt(2));
}

#[test]
fn temporary_files_of_processes_long_gone_are_swept() {
    let f = fix_env();
    let old = std::time::SystemTime::now() - Duration::from_secs(11 * 60);
    let touch = |name: &str| {
        let path = f.env.path(name);
        std::fs::File::create(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        path
    };
    // No process has this id (above the kernel's limit).
    let article_temp = touch(".article.txt.tmp-99999999-a1b2c3");
    let index_temp = touch(".store.sqlite.lookup.tmp-99999999-d4e5f6");
    let ours = touch(&format!(".article.txt.tmp-{}-g7h8i9", std::process::id()));
    f.env
        .cmd()
        .args(["lint", "--lang", "id", "--fix", "article.txt"])
        .assert()
        .code(0);
    assert!(!article_temp.exists());
    assert!(
        ours.exists(),
        "the temporary file of a running process was swept"
    );
    f.env
        .cmd()
        .args([
            "add",
            "hanoi",
            "--lang",
            "vi",
            "--term",
            "Hà Nội",
            "--category",
            "place",
        ])
        .assert()
        .success();
    assert!(!index_temp.exists());
}

// ------------------------------------------------- paths inside the data

/// A named pipe: opening it for reading blocks until someone writes, so a
/// command that opened it would never finish.
fn fifo(env: &Env, name: &str) -> PathBuf {
    let path = env.path(name);
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo has no other inputs.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    path
}

#[test]
fn paths_named_in_the_data_are_never_opened_or_written() {
    let env = Env::new();
    let pipe = fifo(&env, "pipe");
    let target = env.path("written-by-data.txt");
    let p = pipe.display();
    let t = target.display();
    let timeout = Duration::from_secs(60);
    let files = [
        (
            "dtd.tbx",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"{p}\">\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n<termEntry id=\"pipe\"><descrip type=\"subjectField\">general</descrip><langSet xml:lang=\"en\"><tig><term>pipe</term></tig></langSet></termEntry>\n</body></text></martif>\n"
            ),
        ),
        (
            "include.tbx",
            format!(
                "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><text><body>\n<termEntry id=\"include\"><descrip type=\"subjectField\">general</descrip><xref target=\"file://{p}\">x</xref><langSet xml:lang=\"en\"><tig><term>include</term><xi:include href=\"{p}\" parse=\"text\"/></tig></langSet></termEntry>\n</body></text></martif>\n"
            ),
        ),
        (
            "paths.csv",
            format!(
                "{HEADER}path-term,en,{p},preferred,full,general,{t}\nfile-url,en,file://{p},preferred,full,general,file://{t}\n"
            ),
        ),
    ];
    for (name, text) in &files {
        env.write(name, text);
        env.cmd()
            .args(["import", name])
            .timeout(timeout)
            .assert()
            .success();
    }
    env.write(
        "dtd.tmx",
        format!("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"{p}\">\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"vi\"><seg>{p}</seg></tuv><tuv xml:lang=\"en\"><seg>{t}</seg></tuv></tu></body></tmx>\n"),
    );
    env.cmd()
        .args(["tm", "import", "dtd.tmx"])
        .timeout(timeout)
        .assert()
        .success();
    for format in ["csv", "tbx", "tbx2008", "sheet"] {
        env.cmd()
            .args(["export", "--format", format])
            .timeout(timeout)
            .assert()
            .success();
    }
    env.cmd()
        .args(["tm", "export", "--format", "tmx"])
        .timeout(timeout)
        .assert()
        .success();
    env.write("article.txt", format!("See {p} and {t} and file://{p}.\n"));
    env.cmd()
        .args(["lint", "--lang", "en", "--fix", "article.txt"])
        .timeout(timeout)
        .assert()
        .code(0);
    env.cmd()
        .args(["lookup", &p.to_string()])
        .timeout(timeout)
        .assert()
        .success();
    env.cmd()
        .args(["tm", "search", &p.to_string(), "--from", "vi", "--to", "en"])
        .timeout(timeout)
        .assert()
        .success();
    assert!(!target.exists(), "a path in the data was written");
}

// ----------------------------------------------------------- SQL as data

#[test]
fn text_that_looks_like_sql_is_stored_as_text() {
    let env = Env::new();
    let csv = format!(
        "{HEADER}robert,en,Robert'); DROP TABLE term;--,preferred,full,person,' OR 1=1; --\nrobert,vi,\"x\"\" UNION SELECT * FROM concept --\",preferred,full,person,%; _\n"
    );
    env.write("sql.csv", &csv);
    env.cmd().args(["import", "sql.csv"]).assert().success();
    assert_eq!(env.export(), csv);
    env.cmd()
        .args(["lookup", "Robert'); DROP TABLE term;--"])
        .assert()
        .success()
        .stdout(predicates::str::contains("robert (person)"));
    env.cmd()
        .args(["show", "robert"])
        .assert()
        .success()
        .stdout(predicates::str::contains("UNION SELECT"));
    env.cmd()
        .args([
            "remove",
            "robert",
            "--lang",
            "en",
            "--term",
            "Robert'); DROP TABLE term;--",
        ])
        .assert()
        .success();
    assert_eq!(
        env.export(),
        format!("{HEADER}{}", csv.lines().nth(2).unwrap().to_owned() + "\n")
    );
}
