//! A store made by every earlier schema version is upgraded in place by
//! the current binary, with its data intact. The old stores are made here,
//! by applying the first migrations only (`migrate_to`), as the hcgloss of
//! that version did, and filled with the SQL of that schema; no binary
//! fixture is kept.

use rusqlite::Connection;

use crate::common::{Env, fixture, read_fixture};
use hcgloss_engine::store::{APPLICATION_ID, latest_version, migrate_to};

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
        std::fs::write(hcgloss_engine::store::index_path(&env.db), b"an old index").unwrap();

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

/// The segment ids of the version 3 store below: gaps between them of
/// every size the stored form of the word index writes in one to nine
/// bytes, up to one near the top of the id range.
fn sparse_segment_id(k: usize) -> i64 {
    const GAPS: [i64; 10] = [
        1,
        2,
        130,
        20_000,
        3_000_000,
        500_000_000,
        70_000_000_000,
        1 << 45,
        1 << 52,
        1 << 56,
    ];
    let mut id = 0i64;
    for i in 0..=k {
        id += if i == 60 {
            1 << 62
        } else {
            GAPS[i % GAPS.len()]
        };
    }
    id
}

/// A version 3 store keeps its translation memory across the upgrade to
/// one row per word in the word index: every word's list holds exactly the
/// segments holding it, the index and a full scan find the same, and
/// imports add to the converted lists.
#[test]
fn a_translation_memory_word_index_is_converted_with_its_postings() {
    use std::collections::{BTreeMap, BTreeSet};

    use hcgloss_engine::model::unit::{base_lang, identity};
    use hcgloss_engine::normalize::fold_key;

    let env = Env::new();
    let mut conn = Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    migrate_to(&mut conn, 3).unwrap();
    let tx = conn.transaction().unwrap();
    let text = read_fixture("tm/sample.tsv");
    let units =
        hcgloss_engine::tm::parse("sample.tsv", &text, hcgloss_engine::tm::Format::Tsv).unwrap();
    let mut expected: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    let mut k = 0;
    for sourced in &units {
        let unit = &sourced.unit;
        tx.execute(
            "INSERT INTO tm_unit (identity, tuid, created) VALUES (?1, ?2, '2025-10-25T00:00:00Z')",
            [identity(&unit.segments), unit.tuid.clone()],
        )
        .unwrap();
        let unit_id = tx.last_insert_rowid();
        for segment in &unit.segments {
            let segment_id = sparse_segment_id(k);
            k += 1;
            let folded = fold_key(&segment.text);
            let words: BTreeSet<&str> = folded.split(' ').collect();
            let base = base_lang(&segment.lang);
            tx.execute(
                "INSERT INTO tm_segment (id, unit_id, lang, base, text, folded, words)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    segment_id,
                    unit_id,
                    segment.lang.as_str(),
                    base,
                    segment.text,
                    folded,
                    folded.split(' ').count() as i64
                ],
            )
            .unwrap();
            for word in words {
                tx.execute(
                    "INSERT INTO tm_word (base, word) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    [base, word],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO tm_posting (word_id, segment_id)
                     VALUES ((SELECT id FROM tm_word WHERE base = ?1 AND word = ?2), ?3)",
                    rusqlite::params![base, word, segment_id],
                )
                .unwrap();
                expected
                    .entry((base.to_string(), word.to_string()))
                    .or_default()
                    .push(segment_id);
            }
        }
    }
    tx.commit().unwrap();
    drop(conn);
    assert!(k > 60, "the sample has {k} segments, too few for every gap");

    // Searching upgrades the store; the index finds what a scan finds.
    let search = |scan: bool| {
        let mut cmd = env.cmd();
        cmd.args([
            "tm",
            "search",
            "Ban Chỉ đạo đã họp để rà soát công tác an ninh",
        ])
        .args(["--from", "vi", "--to", "en", "--min", "50"]);
        if scan {
            cmd.arg("--scan");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let indexed = search(false);
    assert!(indexed.contains("Ban Chỉ đạo đã họp"), "{indexed}");
    assert_eq!(indexed, search(true));

    let stored = |conn: &Connection| -> BTreeMap<(String, String), (i64, i64, Vec<i64>)> {
        let mut stmt = conn
            .prepare(
                "SELECT w.base, w.word, w.segments, p.last_segment, p.ids
                 FROM tm_word w JOIN tm_posting_list p ON p.word_id = w.id",
            )
            .unwrap();
        stmt.query_map([], |r| {
            let blob: Vec<u8> = r.get(4)?;
            Ok((
                (r.get(0)?, r.get(1)?),
                (
                    r.get(2)?,
                    r.get(3)?,
                    hcgloss_engine::store::postings::decode(&blob).unwrap(),
                ),
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let conn = Connection::open(&env.db).unwrap();
    assert_eq!(header(&conn, "user_version"), latest_version());
    let converted = stored(&conn);
    assert_eq!(converted.len(), expected.len());
    for (key, ids) in &expected {
        let (segments, last, decoded) = &converted[key];
        assert_eq!(decoded, ids, "{key:?}");
        assert_eq!((*segments, *last), (ids.len() as i64, *ids.last().unwrap()));
    }
    drop(conn);

    // A new unit's words are appended to the converted lists.
    let new = env.write(
        "new.tsv",
        "vi\ten\nBan Chỉ đạo đã họp để rà soát công tác an ninh mạng.\tThe Steering Committee met to review cybersecurity.\n",
    );
    env.cmd()
        .args(["tm", "import"])
        .arg(&new)
        .assert()
        .success();
    let conn = Connection::open(&env.db).unwrap();
    let after = stored(&conn);
    let new_id: i64 = conn
        .query_row(
            "SELECT max(id) FROM tm_segment WHERE lang = 'vi'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(new_id > sparse_segment_id(k - 1));
    let (segments, last, ids) = &after[&("vi".to_string(), "ban".to_string())];
    let mut want = expected[&("vi".to_string(), "ban".to_string())].clone();
    want.push(new_id);
    assert_eq!((ids, *segments, *last), (&want, want.len() as i64, new_id));
    assert_eq!(
        after[&("vi".to_string(), "mang".to_string())].2.last(),
        Some(&new_id)
    );
    assert_eq!(search(false), search(true));
}

/// A version 5 store holding tags in the case earlier versions kept
/// (`en-us`, `pt-br` beside `pt-BR`) is rewritten in canonical case: the
/// terms stay, a term that becomes another's duplicate merges with it, a
/// second preferred term becomes admitted (the one already written in
/// canonical case stays preferred), and a translation unit that
/// becomes another's duplicate is removed with its word-index entries.
#[test]
fn language_tags_are_put_in_canonical_case() {
    let env = Env::new();
    {
        let mut conn = Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        migrate_to(&mut conn, 5).unwrap();
        conn.execute_batch(
            "INSERT INTO concept (slug, category) VALUES ('bank', 'general');
             INSERT INTO term (concept_id, lang, term, status) VALUES
               (1, 'pt-BR', 'banco', 'preferred'),
               (1, 'pt-br', 'banco', 'preferred'),
               (1, 'en-us', 'bank', 'preferred'),
               (1, 'en-US', 'bank account', 'preferred');",
        )
        .unwrap();
    }
    // Two units that differ only in the case of a tag, imported by the
    // version-5 code path (plain SQL here), and a third one.
    let env_cmd = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    {
        let conn = Connection::open(&env.db).unwrap();
        for (i, (id, tag)) in [("h1", "en-us"), ("h2", "en-US")].iter().enumerate() {
            // The unit already in canonical case has the identity version
            // 5 gave it; the other's is computed again by the migration.
            let identity = if *tag == "en-US" {
                hcgloss_engine::model::unit::identity(&[
                    hcgloss_engine::model::unit::Segment {
                        lang: "vi".parse().unwrap(),
                        text: "Xin chào".into(),
                    },
                    hcgloss_engine::model::unit::Segment {
                        lang: "en-US".parse().unwrap(),
                        text: "Hello world".into(),
                    },
                ])
            } else {
                format!("{id}-{i}")
            };
            conn.execute(
                "INSERT INTO tm_unit (identity, tuid, created) VALUES (?1, ?2, '2025-10-25T00:00:00Z')",
                [&identity, &id.to_string()],
            )
            .unwrap();
            let unit = conn.last_insert_rowid();
            for (lang, text) in [(*tag, "Hello world"), ("vi", "Xin chào")] {
                let base = &lang[..2];
                conn.execute(
                    "INSERT INTO tm_segment (unit_id, lang, base, text, folded, words) VALUES (?1, ?2, ?3, ?4, ?5, 2)",
                    rusqlite::params![unit, lang, base, text, hcgloss_engine::normalize::fold_key(text)],
                )
                .unwrap();
                let segment = conn.last_insert_rowid();
                for word in hcgloss_engine::normalize::fold_key(text).split(' ') {
                    conn.execute(
                        "INSERT INTO tm_word (base, word, segments) VALUES (?1, ?2, 1)
                         ON CONFLICT (word, base) DO UPDATE SET segments = segments + 1",
                        [base, word],
                    )
                    .unwrap();
                    let word_id: i64 = conn
                        .query_row(
                            "SELECT id FROM tm_word WHERE base = ?1 AND word = ?2",
                            [base, word],
                            |r| r.get(0),
                        )
                        .unwrap();
                    let old: Option<Vec<u8>> = conn
                        .query_row(
                            "SELECT ids FROM tm_posting_list WHERE word_id = ?1",
                            [word_id],
                            |r| r.get(0),
                        )
                        .ok();
                    let mut ids = old
                        .map(|b| hcgloss_engine::store::postings::decode(&b).unwrap())
                        .unwrap_or_default();
                    ids.push(segment);
                    conn.execute(
                        "INSERT OR REPLACE INTO tm_posting_list (word_id, last_segment, ids) VALUES (?1, ?2, ?3)",
                        rusqlite::params![word_id, segment, hcgloss_engine::store::postings::encode(&ids)],
                    )
                    .unwrap();
                }
            }
        }
    }
    let csv = env.export();
    assert_eq!(
        csv,
        "concept,lang,term,status,type,category,note\n\
         bank,en-US,bank account,preferred,full,general,\n\
         bank,en-US,bank,admitted,full,general,\n\
         bank,pt-BR,banco,preferred,full,general,\n"
    );
    let tsv = env_cmd(&["tm", "export", "--format", "tsv"]);
    assert_eq!(tsv.lines().count(), 2, "{tsv}");
    assert!(tsv.starts_with("vi\ten-US\t"), "{tsv}");
    let found = env_cmd(&[
        "tm",
        "search",
        "Hello world",
        "--from",
        "en-US",
        "--to",
        "vi",
    ]);
    assert!(found.contains("Xin chào"), "{found}");
    let conn = Connection::open(&env.db).unwrap();
    let counts: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT segments FROM tm_word WHERE word = 'hello'), (SELECT count(*) FROM tm_unit)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(counts, (1, 1));
}
