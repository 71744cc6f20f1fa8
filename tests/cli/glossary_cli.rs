//! The termbase commands through the real binary: import, export, lookup,
//! show, add, remove, and where the store lives.

use crate::common::{Env, fixture, read_fixture};
use predicates::prelude::*;

const HEADER: &str = "concept,lang,term,status,type,category,note\n";

#[test]
fn import_then_export_reproduces_a_canonical_file_byte_for_byte() {
    let env = Env::new();
    let file = fixture("core/glossary.csv");
    env.cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            ": 21 added, 0 updated, 0 unchanged, 0 removed\n",
        ));
    assert_eq!(env.export(), read_fixture("core/glossary.csv"));
}

#[test]
fn reimport_changes_nothing_and_an_edit_updates() {
    let env = Env::new();
    let file = fixture("core/glossary.csv");
    env.import(&file);
    env.cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            ": 0 added, 0 updated, 21 unchanged, 0 removed\n",
        ));
    let edited = read_fixture("core/glossary.csv").replace(
        "cybercrime,id,kejahatan dunia maya,admitted,full,cyber,",
        "cybercrime,id,kejahatan dunia maya,deprecated,full,cyber,Use kejahatan siber.",
    );
    let edited_path = env.write("edited.csv", &edited);
    env.cmd()
        .arg("import")
        .arg(&edited_path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            ": 0 added, 1 updated, 20 unchanged, 0 removed\n  updated: cybercrime id \"kejahatan dunia maya\": status admitted → deprecated, note \"\" → \"Use kejahatan siber.\"\n",
        ));
    assert_eq!(env.export(), edited);
}

#[test]
fn replace_makes_the_store_equal_to_the_file() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let small = format!("{HEADER}x,en,thing,preferred,full,general,\n");
    let small_path = env.write("small.csv", &small);
    // Without --replace the file is merged in.
    env.import(&small_path);
    assert_eq!(env.export().lines().count(), 23);
    env.cmd()
        .args(["import", "--replace"])
        .arg(&small_path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            ": 0 added, 0 updated, 1 unchanged, 21 removed\n  removed: ",
        ));
    assert_eq!(env.export(), small);
}

#[test]
fn bom_crlf_and_nfd_are_accepted_and_stored_canonically() {
    let env = Env::new();
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Bộ Công an").collect();
    let text = format!(
        "\u{feff}{}mps,vi,  {nfd} ,preferred,,ministry,\r\n",
        HEADER.replace('\n', "\r\n")
    );
    let path = env.write("bom.csv", text);
    env.import(&path);
    assert_eq!(
        env.export(),
        format!("{HEADER}mps,vi,Bộ Công an,preferred,full,ministry,\n")
    );
}

/// Every kind of bad file: exit 2, the file, line and problem on stderr,
/// and the store exactly as it was.
#[test]
fn bad_rows_are_refused_with_file_line_and_problem_and_change_nothing() {
    let good_row = "ok,en,fine,preferred,full,general,\n";
    let cases: &[(&str, String, &str)] = &[
        (
            "status",
            format!("{HEADER}{good_row}x,id,A,preferd,full,general,\n"),
            "bad.csv:3: status \"preferd\" is not one of preferred, admitted, deprecated, superseded",
        ),
        (
            "header",
            "concept,lang,term\nx,id,A\n".to_string(),
            "bad.csv:1: the header must be exactly concept,lang,term,status,type,category,note (found concept,lang,term)",
        ),
        (
            "short row",
            format!("{HEADER}x,id,A,preferred\n"),
            "bad.csv:2: 4 fields, expected 7",
        ),
        (
            "long row",
            format!("{HEADER}x,id,A,preferred,full,general,,extra\n"),
            "bad.csv:2: 8 fields, expected 7",
        ),
        (
            "slug",
            format!("{HEADER}Bad_Slug,id,A,preferred,full,general,\n"),
            "bad.csv:2: concept \"Bad_Slug\" is not a slug",
        ),
        (
            "lang",
            format!("{HEADER}x,in_ID,A,preferred,full,general,\n"),
            "bad.csv:2: language \"in_ID\" is not a BCP 47 tag",
        ),
        (
            "type",
            format!("{HEADER}x,id,A,preferred,abbrev,general,\n"),
            "bad.csv:2: type \"abbrev\" is not one of full, acronym, short",
        ),
        (
            "category",
            format!("{HEADER}x,id,A,preferred,full,thing,\n"),
            "bad.csv:2: category \"thing\" is not one of",
        ),
        (
            "empty term",
            format!("{HEADER}x,id,  ,preferred,full,general,\n"),
            "bad.csv:2: the term is empty",
        ),
        (
            "two preferred",
            format!("{HEADER}x,id,A,preferred,full,general,\nx,id,B,preferred,full,general,\n"),
            "bad.csv:3: second preferred id term for concept x: \"B\" (line 3) and \"A\" (line 2)",
        ),
        (
            "no preferred",
            format!("{HEADER}x,id,A,admitted,full,general,\n"),
            "bad.csv:2: concept x has id terms but none is preferred",
        ),
        (
            "categories",
            format!("{HEADER}x,id,A,preferred,full,general,\nx,en,B,preferred,full,place,\n"),
            "bad.csv:3: category \"place\" conflicts with \"general\" given for concept x on line 2",
        ),
        (
            "duplicate",
            format!("{HEADER}x,id,A,preferred,full,general,\nx,id,A,preferred,full,general,\n"),
            "bad.csv:3: duplicate row: id term \"A\" of concept x is already on line 2",
        ),
        (
            "quote",
            format!("{HEADER}x,id,\"A,preferred,full,general,\n"),
            "bad.csv:",
        ),
        ("empty file", String::new(), "bad.csv: the file is empty"),
    ];
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let before = env.export();
    for (what, text, expected) in cases {
        let path = env.write("bad.csv", text);
        let out = env
            .cmd()
            .arg("import")
            .arg("bad.csv")
            .current_dir(env.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{what}: expected {expected:?} in {stderr:?}"
        );
        assert!(stderr.contains("nothing was written"), "{what}: {stderr}");
        assert_eq!(env.export(), before, "{what}: the store changed");
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn unreadable_inputs_are_refused() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let before = env.export();
    let bad_utf8 = env.write(
        "bytes.csv",
        [HEADER.as_bytes(), b"x,id,caf\xe9,preferred,full,general,\n"].concat(),
    );
    let nul = env.write(
        "nul.csv",
        format!("{HEADER}x,id,A\0,preferred,full,general,\n"),
    );
    std::fs::create_dir(env.path("folder")).unwrap();
    let cases = [
        (bad_utf8, "bytes.csv:2: invalid UTF-8 at byte offset 52"),
        (nul, "nul.csv:2: NUL byte at byte offset 50"),
        (env.path("folder"), "folder: is a directory"),
        (
            env.path("missing.csv"),
            "missing.csv: No such file or directory",
        ),
    ];
    for (path, expected) in cases {
        env.cmd()
            .arg("import")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    }
    assert_eq!(env.export(), before);
}

#[test]
fn problems_across_file_and_store_name_both() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let clash = env.write(
        "clash.csv",
        format!("{HEADER}cybercrime,id,kejahatan komputer,preferred,full,cyber,\n"),
    );
    env.cmd().arg("import").arg(&clash).assert().code(2).stderr(predicate::str::contains(
        "clash.csv:2: second preferred id term for concept cybercrime: \"kejahatan komputer\" (line 2) and \"kejahatan siber\" (the store)",
    ));
}

#[test]
fn lookup_forgives_diacritics_tone_placement_typos_and_order() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let top = |query: &str| -> (String, u64) {
        let out = env
            .cmd()
            .args(["lookup", "--format", "json", query])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{query}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            hits[0]["concept"].as_str().unwrap().to_string(),
            hits[0]["score"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        top("bo cong an"),
        ("ministry-of-public-security".into(), 100)
    );
    assert_eq!(
        top("BỘ CÔNG AN"),
        ("ministry-of-public-security".into(), 100)
    );
    assert_eq!(top("Ban Chi Dao"), ("steering-committee".into(), 100));
    assert_eq!(top("toi pham mang"), ("cybercrime".into(), 100));
    assert_eq!(
        top("Chinh Pham Minh"),
        ("person-pham-minh-chinh".into(), 97)
    );
    assert_eq!(
        top("Perserikatan Bangsa Bangsa"),
        ("united-nations".into(), 100)
    );
    let (concept, score) = top("Kementrian Keamanan Publk");
    assert_eq!(concept, "ministry-of-public-security");
    assert!((60..100).contains(&score), "{score}");
}

#[test]
fn lookup_text_output_shows_the_concept_and_the_preferred_term_for_a_deprecated_hit() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["lookup", "panitia", "pengarah"])
        .assert()
        .success()
        .stdout(
            "100  steering-committee (committee) matched deprecated id \"Panitia Pengarah\": use \"Komite Pengarah\"\n\
             \x20    id Komite Pengarah · vi Ban Chỉ đạo · en Steering Committee\n",
        );
    env.cmd()
        .args(["lookup", "panitia pengarah", "--show", "en,vi"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "\n     en Steering Committee · vi Ban Chỉ đạo\n",
        ));
    env.cmd().args(["lookup", "panitia", "pengarah", "--long"]).assert().success().stdout(
        "100  steering-committee (committee) matched deprecated id \"Panitia Pengarah\": use \"Komite Pengarah\"\n\
         \x20 id  Komite Pengarah     preferred\n\
         \x20     Panitia Pengarah    deprecated\n\
         \x20       note: Seen beside \"Komite Pengarah\" in one text; use one form.\n\
         \x20 vi  Ban Chỉ đạo         preferred\n\
         \x20 en  Steering Committee  preferred\n",
    );
}

#[test]
fn lookup_json_carries_the_documented_fields() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let out = env
        .cmd()
        .args([
            "lookup",
            "--format",
            "json",
            "--lang",
            "vi",
            "lien hop quoc",
        ])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &hits[0];
    assert_eq!(hit["concept"], "united-nations");
    assert_eq!(hit["score"], 100);
    assert_eq!(hit["category"], "organization");
    assert_eq!(hit["matched"]["term"], "Liên Hợp Quốc");
    assert_eq!(hit["terms"].as_array().unwrap().len(), 6);
    assert_eq!(
        hit["terms"][0],
        serde_json::json!({"lang": "id", "term": "Perserikatan Bangsa-Bangsa", "status": "preferred", "type": "full", "note": ""})
    );
}

#[test]
fn lookup_exit_codes() {
    let env = Env::new();
    // A command that only reads does not create a store at an explicit path.
    env.cmd()
        .args(["lookup", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no store at"));
    assert!(!env.db.exists());
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["lookup", "qwertyuiop"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no term matches \"qwertyuiop\""));
    env.cmd()
        .args(["lookup", "--format", "json", "qwertyuiop"])
        .assert()
        .code(1)
        .stdout("[]\n");
    env.cmd()
        .args(["lookup", "--lang", "x_y", "bo"])
        .assert()
        .code(2);
}

#[test]
fn default_store_is_created_and_seeded_from_the_bundled_glossary() {
    let env = Env::new();
    env.cmd_default_store()
        .args(["lookup", "--format", "json", "Bo Cong an"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"concept\": \"ministry-of-public-security\"",
        ));
    let store = env.path("data").join("hcgloss").join("hcgloss.sqlite");
    assert!(store.exists());
    let bundled = std::fs::read_to_string(crate::common::fixture("../../glossary.csv")).unwrap();
    let exported = env
        .cmd_default_store()
        .arg("export")
        .output()
        .unwrap()
        .stdout;
    assert_eq!(String::from_utf8(exported).unwrap(), bundled);
}

#[test]
fn hcgloss_db_variable_names_the_store() {
    let env = Env::new();
    let db = env.path("team.sqlite");
    let mut cmd = env.cmd_default_store();
    cmd.env("HCGLOSS_DB", &db)
        .arg("import")
        .arg(fixture("core/glossary.csv"))
        .assert()
        .success();
    assert!(db.exists());
    assert!(
        !env.path("data").exists(),
        "the per-user store must not be created"
    );
}

#[test]
fn show_add_and_remove() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["show", "cybercrime"])
        .assert()
        .success()
        .stdout(
            "cybercrime (cyber)\n\
         \x20 id  kejahatan siber       preferred\n\
         \x20       note: Usual form in Indonesian government texts.\n\
         \x20     kejahatan dunia maya  admitted\n\
         \x20 vi  tội phạm mạng         preferred\n\
         \x20 en  cybercrime            preferred\n",
        );
    env.cmd().args(["show", "nope"]).assert().code(1);

    // A new concept needs a category; its first term in a language is preferred.
    env.cmd()
        .args(["add", "hanoi", "--lang", "vi", "--term", "Hà Nội"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give its category"));
    env.cmd()
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
        .success()
        .stdout("added: hanoi vi \"Hà Nội\" (preferred, full)\n");
    env.cmd()
        .args([
            "add",
            "hanoi",
            "--lang",
            "vi",
            "--term",
            "Ha Noi",
            "--status",
            "deprecated",
        ])
        .assert()
        .success()
        .stdout("added: hanoi vi \"Ha Noi\" (deprecated, full)\n");
    let before = env.export();
    env.cmd()
        .args([
            "add", "hanoi", "--lang", "vi", "--term", "X", "--status", "preferd",
        ])
        .assert()
        .code(2);
    assert_eq!(env.export(), before);

    // Removing a preferred term that still has synonyms is refused.
    env.cmd()
        .args(["remove", "hanoi", "--lang", "vi", "--term", "Hà Nội"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "concept hanoi has vi terms but none is preferred",
        ));
    env.cmd()
        .args(["remove", "hanoi", "--lang", "vi", "--term", "Ha Noi"])
        .assert()
        .success();
    env.cmd()
        .args(["remove", "hanoi"])
        .assert()
        .success()
        .stdout("removed: hanoi vi \"Hà Nội\" (preferred, full)\n");
    env.cmd().args(["show", "hanoi"]).assert().code(1);
    assert_eq!(env.export(), read_fixture("core/glossary.csv"));
}

#[test]
fn foreign_and_newer_stores_are_refused_untouched() {
    let env = Env::new();
    let foreign = env.path("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    let bytes = std::fs::read(&foreign).unwrap();
    let mut cmd = env.cmd_default_store();
    cmd.arg("--db")
        .arg(&foreign)
        .arg("import")
        .arg(fixture("core/glossary.csv"));
    cmd.assert()
        .code(2)
        .stderr(predicate::str::contains("not an hcgloss store"));
    assert_eq!(std::fs::read(&foreign).unwrap(), bytes);

    let text = env.write("text.sqlite", "just text, not a database at all\n");
    env.cmd_default_store()
        .arg("--db")
        .arg(&text)
        .args(["lookup", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an hcgloss store"));

    env.import(&fixture("core/glossary.csv"));
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    env.cmd()
        .args(["lookup", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("schema version 99, newer than"));
}

#[test]
fn export_to_a_file() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["export", "-o", "out.csv"])
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(env.path("out.csv")).unwrap(),
        read_fixture("core/glossary.csv")
    );
}

#[test]
fn the_lookup_index_follows_every_write_and_a_stale_one_is_never_used() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let index = hcgloss_engine::store::index_path(&env.db);
    assert!(index.exists(), "a write leaves the index beside the store");
    let before_add = std::fs::read(&index).unwrap();

    env.cmd()
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
    env.cmd()
        .args(["lookup", "ha noi"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hanoi (place)"));

    // Put the old index back, as a crash between commit and rename would
    // leave it: the lookup must notice and still see the new term.
    std::fs::write(&index, &before_add).unwrap();
    env.cmd()
        .args(["lookup", "ha noi"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hanoi (place)"));
    // A damaged or missing index is rebuilt too.
    std::fs::write(&index, b"garbage").unwrap();
    env.cmd().args(["lookup", "ha noi"]).assert().success();
    std::fs::remove_file(&index).unwrap();
    env.cmd().args(["lookup", "ha noi"]).assert().success();
    assert!(index.exists(), "a reader puts a rebuilt index in place");

    env.cmd().args(["remove", "hanoi"]).assert().success();
    env.cmd().args(["lookup", "ha noi"]).assert().code(1);
}

#[test]
fn add_makes_a_term_preferred_and_changes_fields_without_retyping_them() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    // Making the admitted term preferred demotes the former preferred one.
    env.cmd()
        .args([
            "add",
            "steering-committee",
            "--lang",
            "id",
            "--term",
            "Panitia Pengarah",
            "--status",
            "preferred",
        ])
        .assert()
        .success()
        .stdout(
            "updated: steering-committee id \"Panitia Pengarah\": status deprecated → preferred\n\
             demoted: steering-committee id \"Komite Pengarah\": status preferred → admitted\n",
        );
    // A note alone: status and type stay as stored.
    env.cmd()
        .args([
            "add",
            "steering-committee",
            "--lang",
            "id",
            "--term",
            "Komite Pengarah",
            "--note",
            "Older form.",
        ])
        .assert()
        .success()
        .stdout(
            "updated: steering-committee id \"Komite Pengarah\": note \"\" → \"Older form.\"\n",
        );
    env.cmd()
        .args(["show", "steering-committee"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  id  Panitia Pengarah    preferred\n",
        ))
        .stdout(predicate::str::contains("Komite Pengarah     admitted\n"));
    // Demoting the preferred term itself says how to do it.
    env.cmd()
        .args([
            "add",
            "steering-committee",
            "--lang",
            "id",
            "--term",
            "Panitia Pengarah",
            "--status",
            "admitted",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "make another term preferred instead",
        ));
}

#[test]
fn import_lists_every_change_and_merge_keeps_stored_notes() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let partial = format!("{HEADER}cybercrime,id,kejahatan siber,preferred,full,cyber,\n");
    let partial = env.write("partial.csv", partial);
    let before = env.export();
    // A dry run names the field that would change; nothing is written.
    env.cmd()
        .args(["import", "--dry-run"])
        .arg(&partial)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 added, 1 updated, 0 unchanged, 0 removed (dry run: nothing written)\n  updated: cybercrime id \"kejahatan siber\": note \"Usual form in Indonesian government texts.\" → \"\"\n",
        ))
        .stderr(predicate::str::contains(
            "1 note cleared where the file leaves the cell empty; import with --merge to keep stored notes",
        ));
    assert_eq!(env.export(), before);
    // --merge keeps the stored note where the file's cell is empty.
    env.cmd()
        .args(["import", "--merge"])
        .arg(&partial)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 1 unchanged"));
    assert_eq!(env.export(), before);
}

#[test]
fn import_bundled_takes_the_shipped_glossary_into_a_store() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["import", "--bundled", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("glossary.csv (bundled): "))
        .stdout(predicate::str::contains("(dry run: nothing written)"));
    env.cmd().args(["import", "--bundled"]).assert().success();
    env.cmd()
        .args(["show", "ministry-of-national-defence"])
        .assert()
        .success();
}

#[test]
fn remove_dry_run_lists_and_keeps() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let before = env.export();
    env.cmd()
        .args(["remove", "steering-committee", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "would remove: steering-committee id \"Komite Pengarah\" (preferred, full)\n",
        ))
        .stderr("dry run: nothing was removed\n");
    assert_eq!(env.export(), before);
}

#[test]
fn lookup_of_nothing_is_a_usage_error_and_inflected_queries_find_their_term() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    for q in ["", " - ,. "] {
        env.cmd()
            .args(["lookup", q])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("has no letters or digits"));
    }
    env.cmd()
        .args(["lookup", "kejahatan sibernya", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"concept\": \"cybercrime\""));
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_definitions() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        env.cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("lookup"));
    }
    env.cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie"))
        .stdout(predicate::str::contains(".TH hcgloss 1"));
}

#[test]
fn output_into_a_missing_folder_names_the_folder() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["export", "-o", "glossary/out.csv"])
        .assert()
        .code(2)
        .stderr("hcgloss: glossary/out.csv: the folder glossary does not exist\n");
}

#[test]
fn writes_are_recorded_and_show_history_lists_them() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .env("USER", "dewi")
        .args([
            "add",
            "steering-committee",
            "--lang",
            "id",
            "--term",
            "Panitia Pengarah",
            "--status",
            "preferred",
        ])
        .assert()
        .success();
    env.cmd()
        .env("USER", "dewi")
        .args([
            "remove",
            "steering-committee",
            "--lang",
            "id",
            "--term",
            "Komite Pengarah",
        ])
        .assert()
        .success();
    let out = env
        .cmd()
        .args(["show", "steering-committee", "--history"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let history: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "history:")
        .skip(1)
        .map(|l| l.split_once("Z  ").map_or(l, |(_, rest)| rest))
        .collect();
    assert_eq!(
        history,
        [
            "cli:dewi  updated id \"Panitia Pengarah\": status deprecated → preferred",
            "cli:dewi  demoted id \"Komite Pengarah\": status preferred → admitted",
            "cli:dewi  removed id \"Komite Pengarah\": admitted, full",
        ]
    );
}

#[test]
fn tokens_are_shown_once_and_kept_as_hashes() {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    let out = env.cmd().args(["token", "add", "desk"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(token.starts_with("hcg_") && token.len() == 68, "{token}");
    // The token's text is nowhere in the store.
    let bytes = std::fs::read(&env.db).unwrap();
    let wal = std::fs::read(env.path("store.sqlite-wal")).unwrap_or_default();
    for file in [&bytes, &wal] {
        assert!(!file.windows(token.len()).any(|w| w == token.as_bytes()));
    }
    env.cmd()
        .args(["token", "add", "desk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is a token for desk already",
        ));
    env.cmd()
        .args(["token", "list"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("desk  "));
    env.cmd()
        .args(["token", "remove", "desk"])
        .assert()
        .success();
    env.cmd().args(["token", "remove", "desk"]).assert().code(1);
}
