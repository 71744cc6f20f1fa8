//! A store made by every earlier schema version is upgraded in place by
//! the current binary, with its data intact. The old stores are made here,
//! by applying the first migrations only (`migrate_to`), as the hcgloss of
//! that version did, and filled with the SQL of that schema; no binary
//! fixture is kept.

mod common;

use rusqlite::Connection;

use common::{Env, fixture, read_fixture};
use hcgloss::store::{APPLICATION_ID, latest_version, migrate_to};

/// Makes the store of `env` as schema `version` left it, holding the core
/// glossary, written with plain SQL against that schema.
fn old_store(env: &Env, version: i64) {
    let mut conn = Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    migrate_to(&mut conn, version).unwrap();
    let tx = conn.transaction().unwrap();
    let mut rows = csv::Reader::from_path(fixture("core/glossary.csv")).unwrap();
    for row in rows.records() {
        let r = row.unwrap();
        tx.execute(
            "INSERT OR IGNORE INTO concept (slug, category) VALUES (?1, ?2)",
            [&r[0], &r[5]],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO term (concept_id, lang, term, status, type, note)
             VALUES ((SELECT id FROM concept WHERE slug = ?1), ?2, ?3, ?4, ?5, ?6)",
            [&r[0], &r[1], &r[2], &r[3], &r[4], &r[6]],
        )
        .unwrap();
    }
    if version >= 2 {
        // The lookup generation of a store that has seen some writes.
        tx.execute("UPDATE store_state SET generation = 41", [])
            .unwrap();
    }
    tx.commit().unwrap();
}

fn header(conn: &Connection, pragma: &str) -> i64 {
    conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn every_earlier_schema_version_is_upgraded_with_its_data() {
    assert!(latest_version() >= 2, "no earlier version to test");
    for version in 1..latest_version() {
        let env = Env::new();
        old_store(&env, version);
        {
            let conn = Connection::open(&env.db).unwrap();
            assert_eq!(header(&conn, "user_version"), version);
        }
        // An index file of an older format, or of another generation.
        std::fs::write(hcgloss::store::index_path(&env.db), b"an old index").unwrap();

        // Reading upgrades the store; the data is all there.
        assert_eq!(
            env.export(),
            read_fixture("core/glossary.csv"),
            "version {version}"
        );
        let conn = Connection::open(&env.db).unwrap();
        assert_eq!(header(&conn, "user_version"), latest_version());
        assert_eq!(header(&conn, "application_id"), APPLICATION_ID as i64);
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let dangling: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(dangling, 0);
        drop(conn);

        // Everything works on the upgraded store: lookup (its index
        // rebuilt), writes, and the translation memory.
        env.cmd()
            .args(["lookup", "Bo Cong An"])
            .assert()
            .success()
            .stdout(predicates::str::contains("ministry-of-public-security"));
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
            .stdout(predicates::str::contains("hanoi (place)"));
        env.cmd()
            .args(["tm", "import"])
            .arg(fixture("tm/sample.tmx"))
            .assert()
            .success();
        env.cmd()
            .args([
                "tm",
                "search",
                "Bộ Công an",
                "--from",
                "vi",
                "--to",
                "en",
                "--min",
                "10",
            ])
            .assert()
            .success();
    }
}

/// Several processes opening an old store at once: one upgrades it, the
/// others wait for it and find it upgraded.
#[test]
fn an_old_store_opened_by_several_processes_at_once_is_upgraded_once() {
    let env = Env::new();
    old_store(&env, 1);
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hcgloss"));
            cmd.arg("--db").arg(&env.db);
            if i % 2 == 0 {
                cmd.args(["lookup", "kejahatan siber"]);
            } else {
                cmd.args(["export", "--format", "tbx"]);
            }
            cmd.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(env.export(), read_fixture("core/glossary.csv"));
    let conn = Connection::open(&env.db).unwrap();
    assert_eq!(header(&conn, "user_version"), latest_version());
}
