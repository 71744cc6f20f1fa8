//! Import and export: round trips, identity, bad input.

use predicates::prelude::*;

use super::{UNITS, sample_tmx};
use crate::common::{Env, fixture, read_fixture};

#[test]
fn tmx_import_then_export_reproduces_the_file() {
    let env = Env::new();
    let summary = env.tm_import(&fixture("tm/sample.tmx"));
    assert!(
        summary.ends_with("sample.tmx: 38 added, 0 unchanged\n"),
        "{summary}"
    );
    assert_eq!(env.tm_export("tmx", &[]), sample_tmx());
}

#[test]
fn tm_export_writes_tmx_unless_told_otherwise() {
    let env = Env::new();
    env.tm_import(&fixture("tm/sample.tmx"));
    let out = env.cmd().args(["tm", "export"]).output().expect("run");
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), sample_tmx());
}

#[test]
fn reimport_adds_nothing_whatever_the_format() {
    let env = Env::new();
    env.tm_import(&fixture("tm/sample.tmx"));
    let again = env.tm_import(&fixture("tm/sample.tmx"));
    assert!(again.ends_with(": 0 added, 38 unchanged\n"), "{again}");
    // The same units as a plain id/vi/en table: identity is the content,
    // so nothing is added and the TMX metadata stays.
    let tsv = env.tm_import(&fixture("tm/sample.tsv"));
    assert!(
        tsv.ends_with("sample.tsv: 0 added, 38 unchanged\n"),
        "{tsv}"
    );
    assert_eq!(env.tm_export("tmx", &[]), sample_tmx());
    // A unit repeated inside one file is stored once.
    let twice = "vi\ten\nBộ Công an\tMinistry of Public Security\nBộ  Công an\tMinistry of Public Security\n";
    let path = env.write("twice.tsv", twice);
    let out = env.tm_import(&path);
    assert!(
        out.ends_with("twice.tsv: 1 added, 0 unchanged, 1 repeated in the file\n"),
        "{out}"
    );
}

#[test]
fn tsv_round_trip_and_language_selection() {
    let env = Env::new();
    env.tm_import(&fixture("tm/sample.tsv"));
    let exported = env.tm_export("tsv", &[]);
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines[0], "id\tvi\ten\ttuid\torigin\torigin-date\tcreated");
    assert_eq!(lines.len(), UNITS + 1);
    // The segments are the fixture's, column for column.
    let fixture_rows: Vec<String> = read_fixture("tm/sample.tsv")
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect();
    for (row, expected) in lines[1..].iter().zip(&fixture_rows) {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(cells[..3].join("\t"), *expected);
        assert_eq!(cells[3..6], ["", "", ""]);
        assert!(cells[6].ends_with('Z'), "creation time {}", cells[6]);
    }
    // Export, import elsewhere, export: the same bytes.
    let copy = Env::new();
    copy.tm_import(&copy.write("all.tsv", &exported));
    assert_eq!(copy.tm_export("tsv", &[]), exported);

    // Two languages: the pair columns first; units lacking one are left out.
    let pairs = env.tm_export("tsv", &["--lang", "vi,en"]);
    assert!(pairs.starts_with("vi\ten\ttuid\t"));
    assert_eq!(pairs.lines().count(), UNITS - 1 + 1);
    let tmx = env.tm_export("tmx", &["--lang", "id,vi"]);
    assert_eq!(
        tmx.matches("<tu ").count() + tmx.matches("<tu>").count(),
        UNITS - 1
    );
    assert!(!tmx.contains("xml:lang=\"en\""));
}

#[test]
fn export_to_a_file_and_from_standard_input() {
    let env = Env::new();
    let text = read_fixture("tm/sample.tmx");
    env.cmd()
        .args(["tm", "import", "-", "--format", "tmx"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout("<stdin>: 38 added, 0 unchanged\n");
    let out = env.path("out.tmx");
    env.cmd()
        .args(["tm", "export", "--format", "tmx", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(out).unwrap(), sample_tmx());
}

/// Imports `contents` as `name` into a store that already holds the
/// sample, expecting exit 2 with `expected` on stderr and no change.
fn refused(name: &str, contents: &[u8], expected: &str) {
    let env = Env::new();
    env.tm_import(&fixture("tm/sample.tmx"));
    let before = env.tm_export("tsv", &[]);
    env.write(name, contents);
    // Named relative to the working directory, as a user would type it.
    env.cmd()
        .args(["tm", "import", name])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(expected));
    assert_eq!(
        env.tm_export("tsv", &[]),
        before,
        "{name} changed the store"
    );
}

const TMX_HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"x\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"vi\" datatype=\"plaintext\"/>\n<body>\n";
const GOOD_TU: &str = "<tu><tuv xml:lang=\"vi\"><seg>Một câu mới.</seg></tuv><tuv xml:lang=\"en\"><seg>A new sentence.</seg></tuv></tu>\n";

fn tmx_with(body: &str) -> Vec<u8> {
    format!("{TMX_HEAD}{GOOD_TU}{body}</body>\n</tmx>\n").into_bytes()
}

#[test]
fn bad_tmx_is_refused_with_file_and_line() {
    refused(
        "broken.tmx",
        &tmx_with("<tu><tuv xml:lang=\"vi\"><seg>x</tuv></tu>\n"),
        "broken.tmx:6: not well-formed XML",
    );
    refused(
        "root.tmx",
        b"<?xml version=\"1.0\"?>\n<martif type=\"TBX\"/>\n",
        "root.tmx:2: the root element is <martif>: a TMX file's root is <tmx>",
    );
    refused(
        "notuv.tmx",
        &tmx_with("<tu tuid=\"7\">\n<prop type=\"x-origin-date\">2025-10-25</prop>\n</tu>\n"),
        "notuv.tmx:6: a <tu> without any <tuv>",
    );
    refused(
        "noseg.tmx",
        &tmx_with(
            "<tu>\n<tuv xml:lang=\"vi\"><seg>a</seg></tuv>\n<tuv xml:lang=\"en\"></tuv>\n</tu>\n",
        ),
        "noseg.tmx:8: a <tuv> without <seg>",
    );
    refused(
        "nolang.tmx",
        &tmx_with(
            "<tu>\n<tuv><seg>a</seg></tuv>\n<tuv xml:lang=\"en\"><seg>b</seg></tuv>\n</tu>\n",
        ),
        "nolang.tmx:7: a <tuv> without xml:lang",
    );
    refused(
        "vn.tmx",
        &tmx_with(
            "<tu>\n<tuv xml:lang=\"vn\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n",
        ),
        "vn.tmx:7: xml:lang: \"vn\" is not a language; Vietnamese is \"vi\"",
    );
    refused(
        "empty.tmx",
        b"",
        "empty.tmx:1: no root element: the file is empty or not XML",
    );
}

#[test]
fn hostile_xml_is_refused_without_expansion() {
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"vi\"><seg>&lol3;</seg></tuv></tu></body></tmx>\n";
    refused(
        "laughs.tmx",
        laughs.as_bytes(),
        "laughs.tmx:2: the DOCTYPE has an internal subset: entity declarations are refused",
    );
    let xxe = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"file:///etc/passwd\">\n{}",
        String::from_utf8(tmx_with(
            "<tu><tuv xml:lang=\"vi\"><seg>&xxe;</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n"
        ))
        .unwrap()
        .trim_start_matches("<?xml version=\"1.0\"?>\n")
    );
    refused(
        "xxe.tmx",
        xxe.as_bytes(),
        "xxe.tmx:7: entity &xxe; is not defined",
    );
}

#[test]
fn one_language_units_regional_variants_and_alternatives_import_and_round_trip() {
    let env = Env::new();
    let tmx = format!(
        "{TMX_HEAD}{}</body>\n</tmx>\n",
        concat!(
            "<tu creationdate=\"2025-10-25\">\n<tuv xml:lang=\"vi\"><seg>Chỉ một câu.</seg></tuv>\n</tu>\n",
            "<tu><tuv xml:lang=\"en-us\"><seg>The color</seg></tuv><tuv xml:lang=\"en_GB\"><seg>The colour</seg></tuv>\n",
            "<tuv xml:lang=\"fr\"><seg>La couleur</seg></tuv><tuv xml:lang=\"fr\"><seg>Le coloris</seg></tuv></tu>\n",
        )
    );
    let path = env.write("mixed.tmx", &tmx);
    let out = env
        .cmd()
        .args(["tm", "import"])
        .arg(&path)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("mixed.tmx: 3 added, 0 unchanged (1 with one language only, first on line 5); adjusted: "),
        "{stdout}"
    );
    for part in [
        "1 language tag read in its standard form (en_GB → en-GB ×1)",
        "1 unit with two segments in one language split (fr ×1)",
        "1 creation date not read",
    ] {
        assert!(stdout.contains(part), "{part} in {stdout}");
    }
    assert!(
        stderr.contains("mixed.tmx:5: creationdate \"2025-10-25\" is not a TMX date"),
        "{stderr}"
    );
    let tsv = env.tm_export("tsv", &[]);
    assert!(tsv.starts_with("vi\ten-GB\ten-US\tfr\ttuid"), "{tsv}");
    assert!(
        tsv.contains("\tThe colour\tThe color\tLa couleur\t"),
        "{tsv}"
    );
    assert!(
        tsv.contains("\tThe colour\tThe color\tLe coloris\t"),
        "{tsv}"
    );
    // Both exports import again into a fresh store as the same units.
    let tmx_out = env.tm_export("tmx", &[]);
    for (name, text) in [("again.tsv", &tsv), ("again.tmx", &tmx_out)] {
        let fresh = Env::new();
        let p = fresh.write(name, text);
        fresh.tm_import(&p);
        assert_eq!(fresh.tm_export("tsv", &[]), tsv, "{name}");
        let p = env.write(name, text);
        env.cmd()
            .args(["tm", "import"])
            .arg(&p)
            .assert()
            .success()
            .stdout(predicate::str::contains(": 0 added, 3 unchanged"));
    }
    // --from en takes en-GB (the first in tag order); en-US → en-GB is a pair.
    env.cmd()
        .args([
            "tm",
            "search",
            "The colour",
            "--from",
            "en",
            "--to",
            "fr",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"lang\": \"en-GB\""));
    env.cmd()
        .args([
            "tm",
            "search",
            "The color",
            "--from",
            "en-US",
            "--to",
            "en-GB",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("The colour"));
    env.cmd()
        .args(["tm", "search", "x", "--from", "vn", "--to", "en"])
        .assert()
        .code(2)
        .stderr("hcgloss: --from: \"vn\" is not a language; Vietnamese is \"vi\"\n");
}

#[test]
fn bad_tsv_is_refused_with_file_and_line() {
    refused(
        "header.tsv",
        "id,vi,en\na,b,c\n".as_bytes(),
        "header.tsv:1: header column 1 \"id,vi,en\" is neither a language tag nor one of tuid, origin, origin-date, created",
    );
    refused(
        "onelang.tsv",
        "vi\torigin\nmột\tx\n".as_bytes(),
        "onelang.tsv:1: the header names 1 language",
    );
    refused(
        "ragged.tsv",
        "id\tvi\ten\na\tb\tc\nd\te\nf\tg\th\ti\n".as_bytes(),
        "ragged.tsv:3: the row has 2 fields, the header has 3\nragged.tsv:4: the row has 4 fields, the header has 3\n2 problems; nothing was written",
    );
    refused(
        "jp.tsv",
        "vi\tjp\nmột\tichi\n".as_bytes(),
        "jp.tsv:1: header column 2: \"jp\" is not a language; Japanese is \"ja\"",
    );
    refused(
        "utf8.tsv",
        b"vi\ten\nb\xe1\xbb\tx\n",
        "utf8.tsv:2: invalid UTF-8 at byte offset",
    );
    refused(
        "control.tsv",
        "vi\ten\na\u{7}b\tx\n".as_bytes(),
        "control.tsv:2: vi: the segment holds the control character U+0007",
    );
}

#[test]
fn control_characters_in_unit_metadata_are_refused_in_every_format() {
    refused(
        "meta.tsv",
        "vi\ten\ttuid\torigin\torigin-date\ncâu\tsentence\tok\tBáo\t\nmột\tone\ta\u{1b}]0;owned\u{7}\tBáo\u{1b}[2J\t\n".as_bytes(),
        "meta.tsv:3: the tuid holds the control character U+001B, which a translation memory does not store (a TMX file cannot carry it)\nmeta.tsv:3: the origin document holds the control character U+001B",
    );
    refused(
        "c1.tsv",
        "vi\ten\ttuid\nmột\tone\tx\u{9b}31m\n".as_bytes(),
        "c1.tsv:2: the tuid holds the control character U+009B",
    );
    refused(
        "raw.tmx",
        &tmx_with(
            "<tu\ntuid=\"a\u{1b}b\">\n<tuv xml:lang=\"vi\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n",
        ),
        "raw.tmx:7: character U+001B is not allowed in XML 1.0",
    );
    refused(
        "reference.tmx",
        &tmx_with(
            "<tu tuid=\"a&#x1b;b\">\n<tuv xml:lang=\"vi\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n",
        ),
        "reference.tmx:6: attribute tuid of <tu>: character U+001B is not allowed in XML 1.0",
    );
    refused(
        "c1.tmx",
        &tmx_with(
            "<tu tuid=\"a\u{9b}b\">\n<prop type=\"x-origin-document\">Báo\u{9b}</prop><tuv xml:lang=\"vi\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n",
        ),
        "c1.tmx:6: the tuid holds the control character U+009B, which a translation memory does not store (a TMX file cannot carry it)\nc1.tmx:6: the origin document holds the control character U+009B",
    );
    refused(
        "name.tmx",
        &tmx_with(
            "<tu>\n<tuv xml:lang=\"vi\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg><no\u{2}te/></tuv></tu>\n",
        ),
        "name.tmx:7: character U+0002 is not allowed in XML 1.0",
    );
}

#[test]
fn what_was_stored_exports_as_tmx_that_imports_again() {
    let env = Env::new();
    env.write(
        "meta.tsv",
        "vi\ten\ttuid\torigin\torigin-date\ncâu\tsentence\tt\"1&\tBáo <Nhân Dân>\t2025-10-26\n",
    );
    env.cmd()
        .args(["tm", "import", "meta.tsv"])
        .assert()
        .success();
    env.cmd()
        .args(["tm", "export", "--format", "tmx", "-o", "backup.tmx"])
        .assert()
        .success();
    let other = Env::new();
    other
        .cmd()
        .arg("tm")
        .arg("import")
        .arg(env.path("backup.tmx"))
        .assert()
        .success();
    assert_eq!(other.tm_export("tsv", &[]), env.tm_export("tsv", &[]));
}

#[test]
fn a_bad_file_does_not_create_a_store() {
    let env = Env::new();
    let path = env.write("bad.tsv", "vi\n");
    env.cmd().args(["tm", "import"]).arg(&path).assert().code(2);
    assert!(!env.db.exists());
    // A command that only reads does not create one either.
    env.cmd()
        .args(["tm", "concordance", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no store at"));
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::with_sample();
    env.cmd()
        .args(["tm", "search", "x", "--from", "vi", "--to", "vi-VN"])
        .assert()
        .code(2)
        .stderr("hcgloss: --from vi and --to vi-VN are the same language\n");
    env.cmd()
        .args(["tm", "search", "...", "--from", "vi", "--to", "en"])
        .assert()
        .code(2)
        .stderr("hcgloss: \"...\" has no words to search for\n");
    env.cmd()
        .args(["tm", "export", "--format", "tsv", "--lang", "vi"])
        .assert()
        .code(2);
    env.cmd()
        .args(["tm", "search", "x", "--from", "v_i", "--to", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "hcgloss: --from: language \"v_i\"",
        ));
}

#[test]
fn a_store_made_before_the_translation_memory_is_upgraded_in_place() {
    let env = Env::new();
    {
        // A store as the first schema version left it, with one term.
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(hcgloss_engine::store::MIGRATIONS[0])
            .unwrap();
        conn.execute_batch(
            "INSERT INTO concept (slug, category) VALUES ('ministry-of-public-security', 'ministry');
             INSERT INTO term (concept_id, lang, term, status) VALUES (1, 'vi', 'Bộ Công an', 'preferred');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(
            None,
            "application_id",
            hcgloss_engine::store::APPLICATION_ID,
        )
        .unwrap();
    }
    env.tm_import(&fixture("tm/sample.tmx"));
    assert_eq!(
        env.export(),
        "concept,lang,term,status,type,category,note\nministry-of-public-security,vi,Bộ Công an,preferred,full,ministry,\n"
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, hcgloss_engine::store::latest_version());
    assert_eq!(env.tm_export("tmx", &[]), sample_tmx());
}
