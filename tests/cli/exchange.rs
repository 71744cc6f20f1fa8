//! Exchange formats through the real binary on temporary stores: each
//! export against its snapshot, each import, the round trips, and bad
//! inputs (each: exit 2, file:line in the message, store unchanged).

use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exchange");

fn fixture() -> PathBuf {
    Path::new(FIXTURES).join("glossary.csv")
}

fn snapshot(name: &str) -> String {
    let path = Path::new(FIXTURES).join("expected").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The glossary the repository ships.
fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.csv")
}

use crate::common::Env;

/// A store holding the fixture glossary.
fn seeded() -> Env {
    let env = Env::new();
    env.import_with(&fixture(), &[]);
    env
}

/// What these tests do with a store, beyond the shared environment.
trait Exchange {
    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf;
    fn export_with(&self, args: &[&str]) -> String;
    fn import_with(&self, path: &Path, args: &[&str]) -> (String, String);
    fn refuse(&self, path: &Path, args: &[&str]) -> String;
}

impl Exchange for Env {
    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        self.write(name, content)
    }

    fn export_with(&self, args: &[&str]) -> String {
        let out = self.cmd().arg("export").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "export {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn import_with(&self, path: &Path, args: &[&str]) -> (String, String) {
        let out = self
            .cmd()
            .arg("import")
            .arg(path)
            .args(args)
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert!(out.status.success(), "import {}: {stderr}", path.display());
        (stdout, stderr)
    }

    /// Imports a bad file: exit 2, and the store exports the same before
    /// and after. Returns standard error.
    fn refuse(&self, path: &Path, args: &[&str]) -> String {
        let before = self.export_with(&[]);
        let out = self
            .cmd()
            .arg("import")
            .arg(path)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "import {}", path.display());
        assert!(out.stdout.is_empty());
        assert_eq!(self.export_with(&[]), before, "the store changed");
        String::from_utf8(out.stderr).unwrap()
    }
}

/// The message of a refused import must start with the file and line.
fn assert_at(stderr: &str, path: &Path, line: u64, message: &str) {
    let expected = format!("hcgloss: {}:{line}: {message}", path.display());
    assert!(
        stderr.starts_with(&expected),
        "expected a message starting with\n  {expected}\ngot\n  {stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("nothing was written"),
        "{stderr}"
    );
}

// ---- export snapshots ----

#[test]
fn tbx_export_matches_snapshot() {
    assert_eq!(
        seeded().export_with(&["--format", "tbx"]),
        snapshot("glossary.tbx")
    );
}

#[test]
fn tbx2008_export_matches_snapshot() {
    assert_eq!(
        seeded().export_with(&["--format", "tbx2008"]),
        snapshot("glossary-2008.tbx")
    );
}

#[test]
fn omegat_export_matches_snapshot() {
    let env = seeded();
    assert_eq!(
        env.export_with(&["--format", "omegat", "--source", "id", "--target", "vi"]),
        snapshot("glossary-id-vi.txt")
    );
}

#[test]
fn sheet_export_matches_snapshot() {
    let sheet = seeded().export_with(&["--format", "sheet"]);
    assert!(sheet.starts_with('\u{feff}'));
    assert_eq!(sheet, snapshot("glossary-sheet.csv"));
    // Every cell a spreadsheet would run is neutralised; the canonical
    // csv keeps the same notes as they are.
    assert!(sheet.contains(",'=Category still open"));
    assert!(sheet.contains(",'@UN_News is"));
    assert!(sheet.contains(",'+ the English name"));
    let csv = std::fs::read_to_string(fixture()).unwrap();
    assert!(csv.contains(",,=Category still open"));
}

#[test]
fn language_choice_filters_and_orders() {
    let env = seeded();
    let csv = env.export_with(&["--lang", "en,fr"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let langs: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(langs.len(), 10, "{csv}");
    assert!(langs.iter().all(|l| l == "en" || l == "fr"), "{langs:?}");
    let tbx = env.export_with(&["--format", "tbx2008", "--source", "vi", "--target", "en"]);
    assert!(tbx.contains("<martif type=\"TBX-Basic-V1\" xml:lang=\"vi\">"));
    let vi = tbx.find("<langSet xml:lang=\"vi\">").unwrap();
    let en = tbx.find("<langSet xml:lang=\"en\">").unwrap();
    assert!(vi < en);
    assert!(!tbx.contains("xml:lang=\"id\""));
    let sheet = env.export_with(&["--format", "sheet", "--lang", "fr,en"]);
    assert!(sheet.starts_with(
        "\u{feff}Entry_ID,Entry_Subject,fr,fr_Status,fr_Type,fr_Note,English,English_Status,English_Type,English_Note\r\n"
    ));
}

#[test]
fn export_argument_errors_exit_2() {
    let env = seeded();
    for args in [
        vec!["--format", "omegat"],
        vec!["--format", "omegat", "--source", "id"],
        vec!["--format", "omegat", "--source", "id", "--target", "id"],
        vec!["--lang", "en,x_y"],
    ] {
        let out = env.cmd().arg("export").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn export_to_a_file_is_readable_by_others() {
    let env = seeded();
    let out = env.dir.path().join("out.tbx");
    env.cmd()
        .args(["export", "--format", "tbx", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        snapshot("glossary.tbx")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_ne!(
            mode & 0o044,
            0,
            "mode {mode:o}: a new export is not owner-only"
        );
    }
}

// ---- round trips ----

/// csv → store → FORMAT → new store → csv, compared byte for byte.
fn round_trip(csv: &Path, format: &str, extension: &str) {
    let original = std::fs::read_to_string(csv).unwrap();
    let first = Env::new();
    first.import_with(csv, &[]);
    let exported = first.export_with(&["--format", format]);
    let second = Env::new();
    let file = second.file(&format!("exported.{extension}"), &exported);
    let (summary, _) = second.import_with(&file, &[]);
    assert!(
        summary.contains(" 0 updated, 0 unchanged, 0 removed"),
        "{summary}"
    );
    assert_eq!(
        second.export_with(&[]),
        original,
        "{format} round trip of {}",
        csv.display()
    );
}

#[test]
fn fixture_round_trips_through_tbx() {
    round_trip(&fixture(), "tbx", "tbx");
}

#[test]
fn fixture_round_trips_through_tbx2008() {
    round_trip(&fixture(), "tbx2008", "tbx");
}

#[test]
fn fixture_round_trips_through_sheet() {
    round_trip(&fixture(), "sheet", "csv");
}

#[test]
fn shipped_glossary_round_trips_through_tbx() {
    round_trip(&shipped(), "tbx", "tbx");
}

#[test]
fn shipped_glossary_round_trips_through_tbx2008() {
    round_trip(&shipped(), "tbx2008", "tbx");
}

#[test]
fn shipped_glossary_round_trips_through_sheet() {
    round_trip(&shipped(), "sheet", "csv");
}

#[test]
fn omegat_export_reimported_into_its_store_changes_nothing() {
    let env = seeded();
    let text = env.export_with(&["--format", "omegat", "--source", "id", "--target", "vi"]);
    let file = env.file("glossary.txt", &text);
    let (summary, _) = env.import_with(&file, &[]);
    assert_eq!(
        summary,
        format!(
            "{}: 0 added, 0 updated, 16 unchanged, 0 removed\n",
            file.display()
        )
    );
}

#[test]
fn omegat_export_into_an_empty_store_keeps_what_the_format_carries() {
    let source = seeded();
    let text = source.export_with(&["--format", "omegat", "--source", "id", "--target", "vi"]);
    let env = Env::new();
    let file = env.file("glossary.txt", &text);
    env.import_with(&file, &[]);
    // Slugs come from the source terms, categories and deprecated target
    // terms are gone, source-term statuses follow the defaults.
    assert_eq!(
        env.export_with(&[]),
        "concept,lang,term,status,type,category,note\n\
         berita-pbb,id,Berita PBB,preferred,full,,\n\
         berita-pbb,vi,Tin tức Liên hợp quốc,preferred,full,,+ the English name may stay untranslated in captions\n\
         kementerian-keamanan-publik,id,Kementerian Keamanan Publik,preferred,full,,\n\
         kementerian-keamanan-publik,vi,Bộ Công an,preferred,full,,\n\
         kementerian-keamanan-publik,vi,BCA,admitted,acronym,,\"Newsroom shorthand, e.g. \"\"Bộ Công an (BCA)\"\" on first mention; <b> & | are kept as typed.\"\n\
         konvensi-pbb-tentang-kejahatan-siber,id,Konvensi PBB tentang Kejahatan Siber,preferred,full,,\n\
         konvensi-pbb-tentang-kejahatan-siber,id,Konvensi Hanoi,admitted,full,,\n\
         konvensi-pbb-tentang-kejahatan-siber,id,Konvensi Kejahatan Dunia Maya,admitted,full,,\n\
         konvensi-pbb-tentang-kejahatan-siber,vi,Công ước của Liên hợp quốc về chống tội phạm mạng,preferred,full,,\n\
         konvensi-pbb-tentang-kejahatan-siber,vi,Công ước Hà Nội,admitted,short,,\n\
         letnan-jenderal-senior,id,Letnan Jenderal Senior,preferred,full,,\n\
         letnan-jenderal-senior,vi,Thượng tướng,preferred,full,,\n\
         permintaan-data-lintas-batas,id,permintaan data lintas batas,preferred,full,,\n\
         permintaan-data-lintas-batas,vi,yêu cầu dữ liệu xuyên biên giới,preferred,full,,\n\
         upacara-penandatanganan-konvensi-hanoi,id,Upacara penandatanganan Konvensi Hanoi,preferred,full,,\n\
         upacara-penandatanganan-konvensi-hanoi,vi,Lễ mở ký Công ước Hà Nội,preferred,full,,\n"
    );
}

// ---- imports of files from elsewhere ----

#[test]
fn foreign_tbx_v3_is_read_and_what_is_left_out_is_reported() {
    let env = seeded();
    let file = env.file(
        "client.tbx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>client termbase</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="ministry-of-public-security">
      <descrip type="definition">The ministry in charge of policing.</descrip>
      <langSec xml:lang="vi">
        <termSec>
          <term>Bộ CA</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          <transacGrp><transac type="transactionType">origination</transac></transacGrp>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"#,
    );
    let (summary, stderr) = env.import_with(&file, &[]);
    assert_eq!(
        summary,
        format!(
            "{}: 1 added, 0 updated, 0 unchanged, 0 removed\n",
            file.display()
        )
    );
    assert_eq!(
        stderr,
        format!(
            "{}: left out (hcgloss keeps no such data): <descrip type=\"definition\"> ×1 (first on line 6), <transacGrp> ×1 (first on line 11)\n",
            file.display()
        )
    );
    assert!(
        env.export_with(&[])
            .contains("ministry-of-public-security,vi,Bộ CA,deprecated,full,ministry,\n")
    );
}

#[test]
fn foreign_tbx2008_from_standard_input() {
    let env = Env::new();
    let tbx = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="c17">
  <descrip type="subjectField">agency</descrip>
  <langSet xml:lang="en">
    <ntig><termGrp><term>Department of Cybersecurity</term>
      <termNote type="normativeAuthorization">preferredTerm</termNote></termGrp></ntig>
  </langSet>
  <langSet xml:lang="vi"><tig><term>Cục An ninh mạng</term></tig></langSet>
</termEntry>
</body></text>
</martif>
"#;
    env.cmd()
        .args(["import", "-"])
        .write_stdin(tbx)
        .assert()
        .success()
        .stdout("<stdin>: 2 added, 0 updated, 0 unchanged, 0 removed; adjusted: 1 language given a preferred term\n");
    assert_eq!(
        env.export_with(&[]),
        "concept,lang,term,status,type,category,note\n\
         c17,en,Department of Cybersecurity,preferred,full,agency,\n\
         c17,vi,Cục An ninh mạng,preferred,full,agency,\n"
    );
}

#[test]
fn foreign_omegat_glossary_joins_existing_concepts() {
    let env = seeded();
    let file = env.file(
        "project-glossary.txt",
        "# glossary kept by a translator\n\
         Kementerian Keamanan Publik\tBộ Công an\n\
         Kementerian Keamanan Publik\tBCA (Bộ Công an)\tseen in captions\n\
         Polisi siber\tCảnh sát mạng\n",
    );
    let out = env.cmd().arg("import").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "no languages given");
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --source and --target"));
    let (summary, _) = env.import_with(&file, &["--source", "id", "--target", "vi"]);
    assert_eq!(
        summary,
        format!(
            "{}: 3 added, 0 updated, 2 unchanged, 0 removed\n",
            file.display()
        )
    );
    let csv = env.export_with(&[]);
    assert!(csv.contains(
        "ministry-of-public-security,vi,BCA (Bộ Công an),admitted,full,ministry,seen in captions\n"
    ));
    assert!(csv.contains("polisi-siber,id,Polisi siber,preferred,full,,\n"));
    assert!(csv.contains("polisi-siber,vi,Cảnh sát mạng,preferred,full,,\n"));
}

#[test]
fn hand_made_sheet_is_detected_and_gets_defaults() {
    let env = Env::new();
    let file = env.file(
        "team.csv",
        "\u{feff}Entry_ID,Entry_Subject,English,Vietnamese\r\n\
         ,ministry,Ministry of Public Security|MPS,Bộ Công an\r\n",
    );
    env.import_with(&file, &[]);
    assert_eq!(
        env.export_with(&[]),
        "concept,lang,term,status,type,category,note\n\
         ministry-of-public-security,en,Ministry of Public Security,preferred,full,ministry,\n\
         ministry-of-public-security,en,MPS,admitted,full,ministry,\n\
         ministry-of-public-security,vi,Bộ Công an,preferred,full,ministry,\n"
    );
}

#[test]
fn replace_is_refused_for_omegat() {
    let env = seeded();
    let text = env.export_with(&["--format", "omegat", "--source", "id", "--target", "vi"]);
    let file = env.file("g.txt", text);
    let stderr = env.refuse(&file, &["--replace"]);
    assert!(
        stderr.contains("--replace does not go with an OmegaT glossary"),
        "{stderr}"
    );
}

// ---- bad inputs: exit 2, file:line, store unchanged ----

const V3_HEAD: &str = "<?xml version=\"1.0\"?>\n<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\">\n<text><body>\n";

#[test]
fn not_well_formed_xml_is_refused() {
    let env = seeded();
    let file = env.file(
        "broken.tbx",
        format!("{V3_HEAD}<conceptEntry id=\"a\">\n<langSec xml:lang=\"en\"><termSec><term>A</termSec>\n"),
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 5, "not well-formed XML");
}

#[test]
fn wrong_root_is_refused() {
    let env = seeded();
    let file = env.file(
        "memory.tbx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>\n",
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(
        &stderr,
        &file,
        2,
        "the root element is <tmx>, not a TBX document",
    );
}

#[test]
fn missing_parts_are_refused() {
    let env = seeded();
    let file = env.file(
        "parts.tbx",
        format!(
            "{V3_HEAD}<conceptEntry id=\"a\">\n<langSec xml:lang=\"en\">\n<termSec><termNote type=\"termType\">fullForm</termNote></termSec>\n</langSec>\n</conceptEntry>\n<conceptEntry id=\"b\"></conceptEntry>\n</body></text></tbx>\n"
        ),
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(
        &stderr,
        &file,
        6,
        "a term section has no <term> in entry \"a\", language en",
    );
    assert!(
        stderr.contains(&format!(
            "{}:9: the entry \"b\" has no language section",
            file.display()
        )),
        "{stderr}"
    );
    let file = env.file(
        "no-text.tbx",
        "<martif type=\"TBX\" xml:lang=\"en\"><martifHeader/></martif>\n",
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 1, "the document has no <text> element");
}

#[test]
fn foreign_statuses_are_mapped_and_a_deprecated_only_language_needs_the_store() {
    let env = seeded();
    let file = env.file(
        "status.tbx",
        format!(
            "{V3_HEAD}<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec>\n<term>A</term>\n<termNote type=\"administrativeStatus\">proposedTerm-admn-sts</termNote>\n</termSec><termSec><term>A2</term><termNote type=\"administrativeStatus\">forbiddenTerm-admn-sts</termNote></termSec></langSec>\n<langSec xml:lang=\"vi\"><termSec><term>Cũ</term><termNote type=\"administrativeStatus\">obsoleteTerm-admn-sts</termNote></termSec></langSec></conceptEntry>\n</body></text></tbx>\n"
        ),
    );
    let (stdout, stderr) = env.import_with(&file, &[]);
    assert!(
        stdout.contains(": 2 added, 0 updated, 0 unchanged, 0 removed; adjusted: 3 statuses mapped (forbiddenTerm-admn-sts → deprecated ×1, obsoleteTerm-admn-sts → superseded ×1, proposedTerm-admn-sts → none ×1), 1 language given a preferred term, 1 language with only deprecated terms left out (vi ×1)"),
        "{stdout}"
    );
    assert!(
        stderr.contains(":6: status \"proposedTerm-admn-sts\" has no hcgloss counterpart in entry \"a\", language en: read as if the term had no status"),
        "{stderr}"
    );
    let csv = env.export_with(&[]);
    assert!(
        csv.contains("a,en,A,preferred,full,,\na,en,A2,deprecated,full,,\n"),
        "{csv}"
    );
    assert!(!csv.contains("Cũ"), "{csv}");
}

#[test]
fn cross_row_rules_apply_to_tbx_at_the_term_line() {
    let env = seeded();
    let file = env.file(
        "second-preferred.tbx",
        format!(
            "{V3_HEAD}<conceptEntry id=\"ministry-of-public-security\"><langSec xml:lang=\"vi\"><termSec>\n<term>Bộ Công An</term>\n<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote>\n</termSec></langSec></conceptEntry>\n</body></text></tbx>\n"
        ),
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(
        &stderr,
        &file,
        5,
        "second preferred vi term for concept ministry-of-public-security",
    );
}

#[test]
fn billion_laughs_is_refused_unexpanded() {
    let env = seeded();
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str("]>\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&lol9;</term></tig></langSet></termEntry></body></text></martif>\n");
    let file = env.file("laughs.tbx", doc);
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 2, "the DOCTYPE has an internal subset");
}

#[test]
fn external_entities_are_refused_unread() {
    let env = seeded();
    let secret = env.file("secret.txt", "do not read me");
    let file = env.file(
        "xxe.tbx",
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM \"file://{}\">]>\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>\n",
            secret.display()
        ),
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 2, "the DOCTYPE has an internal subset");
    assert!(!stderr.contains("do not read me"));
    // A reference to an entity declared nowhere (the declaration would be
    // in an external DTD, which is never fetched).
    let file = env.file(
        "xxe2.tbx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"http://example.invalid/evil.dtd\">\n<martif><text><body><termEntry><langSet xml:lang=\"en\">\n<tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>\n",
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 4, "entity &xxe; is not defined");
}

#[test]
fn utf16_and_declared_encodings_are_read_and_invalid_utf8_refused() {
    let env = seeded();
    let martif = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<martif type=\"TBX\" xml:lang=\"en\">\n<text><body><termEntry id=\"multiterm-1\"><langSet xml:lang=\"vi\">\n<tig><term>Bộ Công an</term></tig></langSet></termEntry></body></text></martif>\n";
    let mut utf16 = vec![0xFE, 0xFF];
    for unit in martif.encode_utf16() {
        utf16.extend(unit.to_be_bytes());
    }
    let file = env.file("multiterm.tbx", utf16);
    let (stdout, _) = env.import_with(&file, &[]);
    assert!(stdout.contains("1 added"), "{stdout}");
    assert!(
        env.export_with(&[])
            .contains("multiterm-1,vi,Bộ Công an,preferred")
    );
    // UTF-16 without a byte-order mark, and a declared legacy encoding.
    let without_mark: Vec<u8> = martif
        .replace("multiterm-1", "multiterm-2")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let (stdout, _) = env.import_with(&env.file("nomark.tbx", without_mark), &[]);
    assert!(stdout.contains("1 added"), "{stdout}");
    let mut latin = b"<?xml version='1.0' encoding=\"windows-1254\" ?>\n<martif type=\"TBX\" xml:lang=\"en\">\n<text><body><termEntry id=\"t1\"><langSet xml:lang=\"tr\">\n<tig><term>".to_vec();
    latin.extend(b"\xdd\xfd</term></tig></langSet></termEntry></body></text></martif>\n");
    let (stdout, _) = env.import_with(&env.file("turkish.tbx", latin), &[]);
    assert!(
        stdout.contains("decoded from windows-1254 (named by the XML declaration)"),
        "{stdout}"
    );
    assert!(env.export_with(&[]).contains("t1,tr,İı,preferred"));
    // Lines in messages are lines of the decoded text, and a sequence the
    // encoding does not define is an error at its line.
    let bad: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            martif
                .replace("xml:lang=\"vi\"", "xml:lang=\"vn\"")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let file = env.file("vn.tbx", bad);
    let stderr = env.refuse(&file, &[]);
    assert_at(
        &stderr,
        &file,
        3,
        "\"vn\" is not a language; Vietnamese is \"vi\"",
    );
    let mut broken: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(martif[..60].encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    broken.extend([0x00, 0xD8, b'x', 0]);
    let file = env.file("surrogate.tbx", broken);
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 2, "invalid UTF-16LE");
    let mut bytes =
        format!("{V3_HEAD}<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec>\n<term>")
            .into_bytes();
    bytes.extend(b"caf\xe9</term></termSec></langSec></conceptEntry></body></text></tbx>\n");
    let file = env.file("latin1.tbx", bytes);
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 5, "invalid UTF-8 at byte offset");
}

#[test]
fn bad_sheets_are_refused() {
    let env = seeded();
    let file = env.file(
        "sheet.csv",
        "Entry_ID,Entry_Subject,English,English_Status\r\n\
         a,ministry,A|B,preferred|admitted\r\n\
         b,ministry,C|D,preferred\r\n",
    );
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 3, "en: 1 status values for 2 terms");
    let file = env.file("sheet2.csv", "Entry_ID,English,Remarks\r\na,A,x\r\n");
    let stderr = env.refuse(&file, &[]);
    assert_at(&stderr, &file, 1, "column \"Remarks\" is not one of");
}

#[test]
fn bad_omegat_files_are_refused() {
    let env = seeded();
    let file = env.file("g.txt", "a\tb\tc\nonly one cell\n");
    let stderr = env.refuse(&file, &["--source", "id", "--target", "vi"]);
    assert_at(&stderr, &file, 2, "1 cell; an OmegaT glossary line is");
    let file = env.file(
        "g2.txt",
        "Kementerian Keamanan Publik\tBộ Công An\tpreferred\n",
    );
    let stderr = env.refuse(&file, &["--source", "id", "--target", "vi"]);
    assert_at(
        &stderr,
        &file,
        1,
        "second preferred vi term for concept ministry-of-public-security",
    );
}

#[test]
fn bad_import_arguments_exit_2() {
    let env = seeded();
    let file = env.file("g.tbx", snapshot("glossary.tbx"));
    let stderr = env.refuse(&file, &["--source", "id", "--target", "vi"]);
    assert!(stderr.contains("--source and --target are for OmegaT glossaries only"));
    let text = env.export_with(&["--format", "omegat", "--source", "id", "--target", "vi"]);
    let file = env.file("g.txt", text);
    let stderr = env.refuse(&file, &["--source", "vi", "--target", "id"]);
    assert!(stderr.contains("says it is id → vi"), "{stderr}");
}

#[test]
fn omegat_rows_sharing_a_target_with_different_comments_import() {
    let env = Env::new();
    let file = env.file(
        "shared-target.txt",
        "file\tfichier\tnoun, computing\nfiles\tfichier\tplural form maps to the same entry\n",
    );
    let (stdout, stderr) = env.import_with(&file, &["--source", "en", "--target", "fr"]);
    assert!(
        stdout.ends_with(": 3 added, 0 updated, 0 unchanged, 0 removed; adjusted: 1 differing comment joined into the note\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("shared-target.txt:2: target term \"fichier\" has the comment \"plural form maps to the same entry\" here and another on line 1: its note is added to the term's"),
        "{stderr}"
    );
    assert!(env.export_with(&[]).contains(
        "file,fr,fichier,preferred,full,,\"noun, computing\nplural form maps to the same entry\"\n"
    ));
}

#[test]
fn a_preferred_term_chosen_for_want_of_a_status_yields_to_the_stores() {
    let env = seeded();
    let file = env.file(
        "update.tbx",
        format!(
            "{V3_HEAD}<conceptEntry id=\"ministry-of-public-security\">\n<langSec xml:lang=\"vi\"><termSec><term>Bộ CA</term></termSec></langSec>\n<langSec xml:lang=\"fr\"><termSec><term>ministère de la Sécurité publique</term></termSec></langSec>\n</conceptEntry>\n</body></text></tbx>\n"
        ),
    );
    let (stdout, stderr) = env.import_with(&file, &[]);
    assert!(stdout.contains(": 2 added, "), "{stdout}");
    assert!(
        stderr.contains(":5: \"Bộ CA\" was made preferred for want of a stated preferred term, but the store's preferred vi term of ministry-of-public-security is \"Bộ Công an\": that one stays preferred and \"Bộ CA\" is admitted"),
        "{stderr}"
    );
    let csv = env.export_with(&[]);
    assert!(
        csv.contains("ministry-of-public-security,vi,Bộ CA,admitted,full,ministry,\n"),
        "{csv}"
    );
    assert!(csv.contains("ministry-of-public-security,fr,ministère de la Sécurité publique,preferred,full,ministry,\n"), "{csv}");
}

#[test]
fn omegat_glossary_in_the_encoding_its_coding_comment_names() {
    let env = Env::new();
    let mut bytes = b"# -*- coding: windows-1252 -*-\n".to_vec();
    bytes.extend(b"caf\xe9\tcaf\xe9\tboisson\n");
    let file = env.file("legacy.txt", bytes);
    let (stdout, _) = env.import_with(&file, &["--source", "en", "--target", "fr"]);
    assert!(
        stdout.contains("2 added")
            && stdout.contains("decoded from windows-1252 (named by the coding comment on line 1)"),
        "{stdout}"
    );
    assert!(
        env.export_with(&[])
            .contains(",fr,café,preferred,full,,boisson\n")
    );
}

#[test]
fn workbooks_and_semicolon_files_say_what_to_do() {
    let env = Env::new();
    env.write(
        "terms.xlsx",
        b"PK\x03\x04\x14\x00\x06\x00rest of a zip archive",
    );
    env.cmd()
        .args(["import", "terms.xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "terms.xlsx:1: this is a spreadsheet workbook (XLSX or ODS), not a text file: in the spreadsheet, save it as \"CSV UTF-8 (comma delimited)\"",
        ));
    env.write(
        "glossary.csv",
        "concept;lang;term;status;type;category;note\nx;en;X;preferred;full;general;\n",
    );
    env.cmd()
        .args(["import", "glossary.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "glossary.csv:1: the columns are separated by semicolons",
        ));
    // The sheet layout, as a spreadsheet saves it under Indonesian or
    // Vietnamese settings, is read, and the reading reported.
    env.write(
        "sheet.csv",
        "\u{feff}Entry_ID;Entry_Subject;Indonesian;Indonesian_Status;Indonesian_Type;Indonesian_Note;English;English_Status;English_Type;English_Note\r\n\
         ministry-of-finance;ministry;Kementerian Keuangan;preferred;full;;Ministry of Finance;preferred;full;\"Official name; since 1945\"\r\n",
    );
    env.cmd()
        .args(["import", "sheet.csv"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "2 added, 0 updated, 0 unchanged, 0 removed; adjusted: 1 file read as semicolon-separated",
        ));
    env.cmd()
        .args(["show", "ministry-of-finance"])
        .assert()
        .success()
        .stdout(predicates::str::contains("note: Official name; since 1945"));
}
