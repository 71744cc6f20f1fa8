//! Bad input through the real binary: every case exits 2 with a message
//! naming the file (and line, where there is one) and the problem, and
//! leaves the store exactly as it was (its glossary and translation memory
//! exports compared before and after); lint input gets a clear error or a
//! clean result, never a crash.
//!
//! The row-level glossary cases (short and long rows, wrong header, bad
//! slug, language, status, type, empty term, two preferred terms,
//! conflicting categories, duplicates, invalid UTF-8, NUL, empty file,
//! directory, missing path) are in `glossary_cli.rs`; the TBX ones
//! (not well-formed, wrong root, missing parts, billion laughs, XXE) in
//! `exchange.rs`; the TMX and TSV ones in `tm/exchange.rs`. This file adds
//! what those do not cover. Memory on a large TBX is measured in
//! `memory.rs`, the 200 MB files in `scripts/big_inputs.sh`.

use std::process::Output;

use crate::common::{Env, fixture};

const HEADER: &str = "concept,lang,term,status,type,category,note\n";

/// A store holding the core glossary and the sample translation memory.
fn seeded() -> Env {
    let env = Env::new();
    env.import(&fixture("core/glossary.csv"));
    env.cmd()
        .args(["tm", "import"])
        .arg(fixture("tm/sample.tmx"))
        .assert()
        .success();
    env
}

/// Everything the store holds, as text.
fn state(env: &Env) -> String {
    let tm = env
        .cmd()
        .args(["tm", "export", "--format", "tsv"])
        .output()
        .unwrap();
    assert!(tm.status.success());
    env.export() + &String::from_utf8(tm.stdout).unwrap()
}

/// Runs `args` on the store, expects exit 2 with `expected` in the
/// message, and the store unchanged. Returns standard error.
fn refused(env: &Env, args: &[&str], expected: &str) -> String {
    let before = state(env);
    let out = env.cmd().args(args).output().unwrap();
    check_refused(env, &before, &out, args, expected)
}

fn check_refused(env: &Env, before: &str, out: &Output, what: &[&str], expected: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{what:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{what:?} wrote to stdout");
    assert!(
        stderr.contains(expected),
        "{what:?}: expected {expected:?} in\n{stderr}"
    );
    assert_eq!(state(env), before, "{what:?} changed the store");
    stderr
}

// ------------------------------------------------------- glossary rows

#[test]
fn headers_missing_or_mangled() {
    let env = seeded();
    let cases = [
        (
            "x,id,A,preferred,full,general,\n",
            "bad.csv:1: the header must be exactly concept,lang,term,status,type,category,note (found x,id,A,preferred,full,general,)",
        ),
        (
            "Concept,Lang,Term,Status,Type,Category,Note\nx,id,A,preferred,full,general,\n",
            "bad.csv:1: the header must be exactly concept,lang,term,status,type,category,note (found Concept,",
        ),
        (
            "\n\n\n",
            "bad.csv: the file is empty: a glossary starts with the header",
        ),
        (
            "\u{feff}",
            "bad.csv: the file is empty: a glossary starts with the header",
        ),
    ];
    for (text, expected) in cases {
        env.write("bad.csv", text);
        refused(&env, &["import", "bad.csv"], expected);
    }
}

#[test]
fn a_50_mb_single_line_is_refused_with_a_short_message() {
    let env = seeded();
    let line = "x".repeat(50 * 1024 * 1024);
    env.write("line.csv", &line);
    let stderr = refused(
        &env,
        &["import", "line.csv"],
        "line.csv:1: the header must be exactly concept,lang,term,status,type,category,note (found xxx",
    );
    assert!(stderr.contains("characters left out"), "{}", &stderr[..300]);
    assert!(stderr.len() < 1000, "{} bytes of message", stderr.len());

    // The same line as the one row under a good header.
    env.write("row.csv", format!("{HEADER}{line}"));
    let stderr = refused(
        &env,
        &["import", "row.csv"],
        "row.csv:2: 1 fields, expected 7",
    );
    assert!(stderr.len() < 1000, "{} bytes of message", stderr.len());
}

#[test]
fn terms_too_long_or_holding_control_characters() {
    let env = seeded();
    let long = "kata ".repeat(200_000);
    env.write(
        "long.csv",
        format!("{HEADER}huge,id,{long},preferred,full,general,\n"),
    );
    refused(
        &env,
        &["import", "long.csv"],
        "long.csv:2: the term is 999999 characters long; a term has at most 500",
    );
    env.write(
        "bell.csv",
        format!("{HEADER}bell,en,ring\u{7}ring,preferred,full,general,\nesc,en,fine,preferred,full,general,\u{1b}[31mred\n"),
    );
    let stderr = refused(
        &env,
        &["import", "bell.csv"],
        "bell.csv:2: the term holds U+0007, a character TBX and TMX cannot carry",
    );
    assert!(
        stderr.contains("bell.csv:3: the note holds U+001B"),
        "{stderr}"
    );
    // The same rules for `add`.
    let term = "x".repeat(501);
    refused(
        &env,
        &[
            "add",
            "cybercrime",
            "--lang",
            "en",
            "--term",
            &term,
            "--status",
            "admitted",
        ],
        "add: the term is 501 characters long",
    );
    // And for TBX, at the term's line.
    env.write(
        "long.tbx",
        format!(
            "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n<termEntry id=\"huge\"><langSet xml:lang=\"en\"><tig>\n<term>{long}</term></tig></langSet></termEntry>\n</body></text></martif>\n"
        ),
    );
    refused(
        &env,
        &["import", "long.tbx"],
        "long.tbx:4: the term is 999999 characters long",
    );
}

/// `"…" holds U+XXXX NAME` without the term itself, which standard error
/// shows escaped.
fn holds(file_line: &str, what: &str) -> impl Fn(&str) {
    let (start, end) = (format!("{file_line}: the term \""), format!("\" {what}"));
    move |stderr: &str| {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("hcgloss: {start}")) || l.starts_with(&start))
                && stderr.lines().any(|l| l.contains(&end)),
            "{start}…{end} not in {stderr}"
        );
    }
}

#[test]
fn invisible_and_reordering_terms_are_refused_in_every_format() {
    let env = seeded();
    env.write(
        "g.csv",
        format!(
            "{HEADER}zwsp,en,\u{200B},preferred,full,general,\n\
             rlo,en,abc\u{202E}cba,preferred,full,general,\n\
             bom,id,Ke\u{FEFF}menterian,preferred,full,general,\n\
             marks,vi,\u{301}\u{303},preferred,full,general,\n\
             lrm,en,\u{200E}x,preferred,full,general,\n\
             fine,en,Kemen\u{AD}terian,preferred,full,general,\n"
        ),
    );
    let stderr = refused(
        &env,
        &["import", "g.csv"],
        "5 problems; nothing was written",
    );
    holds(
        "g.csv:2",
        "has no visible character: it is only U+200B ZERO WIDTH SPACE",
    )(&stderr);
    holds(
        "g.csv:3",
        "holds U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control",
    )(&stderr);
    holds("g.csv:4", "holds U+FEFF ZERO WIDTH NO-BREAK SPACE")(&stderr);
    holds(
        "g.csv:5",
        "has no visible character: it is only U+0301, U+0303",
    )(&stderr);
    holds(
        "g.csv:6",
        "holds U+200E LEFT-TO-RIGHT MARK, a bidirectional control",
    )(&stderr);

    env.write(
        "g.tbx",
        "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n\
         <termEntry id=\"rli\"><descrip type=\"subjectField\">general</descrip><langSet xml:lang=\"en\"><tig>\n\
         <term>\u{2067}abc</term></tig></langSet></termEntry>\n</body></text></martif>\n",
    );
    let stderr = refused(&env, &["import", "g.tbx"], "nothing was written");
    holds(
        "g.tbx:4",
        "holds U+2067 RIGHT-TO-LEFT ISOLATE, a bidirectional control",
    )(&stderr);

    env.write(
        "omegat.txt",
        "kejahatan\tcrime\n\u{200D}\u{200B}\tnothing\n",
    );
    let stderr = refused(
        &env,
        &["import", "omegat.txt", "--source", "id", "--target", "en"],
        "nothing was written",
    );
    holds(
        "omegat.txt:2",
        "has no visible character: it is only U+200D ZERO WIDTH JOINER, U+200B ZERO WIDTH SPACE",
    )(&stderr);

    env.write(
        "sheet.csv",
        "Entry_ID,Entry_Subject,English\r\nok,general,Fine\r\nbom,general,Mini\u{FEFF}stry\r\n",
    );
    let stderr = refused(&env, &["import", "sheet.csv"], "nothing was written");
    holds("sheet.csv:3", "holds U+FEFF ZERO WIDTH NO-BREAK SPACE")(&stderr);

    let stderr = refused(
        &env,
        &[
            "add",
            "rlo",
            "--lang",
            "en",
            "--term",
            "\u{202E}abc",
            "--category",
            "general",
        ],
        "nothing was written",
    );
    holds(
        "add",
        "holds U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control",
    )(&stderr);
}

#[test]
fn a_word_mixing_look_alike_alphabets_is_imported_with_a_warning() {
    let env = seeded();
    env.write(
        "h.csv",
        format!(
            "{HEADER}mofa,id,Kementerian Lu\u{430}r Negeri,preferred,full,ministry,\n\
             mofa,en,Ministry of Foreign Affairs,preferred,full,ministry,\n"
        ),
    );
    let out = env.cmd().args(["import", "h.csv"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "h.csv:2: warning: the term \"Kementerian Lu\u{430}r Negeri\" mixes alphabets in the word \"Lu\u{430}r\": U+0430 is a Cyrillic letter among Latin ones (a look-alike typed by mistake?); imported as written\n"
    );
    assert!(
        env.export()
            .contains("mofa,id,Kementerian Lu\u{430}r Negeri,")
    );
    // `add` warns the same way.
    let out = env
        .cmd()
        .args([
            "add",
            "mofa",
            "--lang",
            "en",
            "--term",
            "MOFA\u{3a1}",
            "--type",
            "acronym",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("add: warning: the term \"MOFA\u{3a1}\" mixes alphabets"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_lines_are_right_for_every_line_end_and_stray_quotes_are_refused() {
    let env = seeded();
    let rows = [
        "concept,lang,term,status,type,category,note",
        "a,id,A,preferred,full,general,",
        "b,id,B,preferd,full,general,",
        "c,id,C,preferred,full,general,",
        "d,id,D,preferred,full,kind,",
    ];
    for (name, end) in [("lf.csv", "\n"), ("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        env.write(name, rows.join(end) + end);
        let stderr = refused(&env, &["import", name], "2 problems; nothing was written");
        assert!(
            stderr.contains(&format!("{name}:3: status \"preferd\"")),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("{name}:5: category \"kind\"")),
            "{stderr}"
        );
    }
    env.write(
        "quote.csv",
        "concept,lang,term,status,type,category,note\r\ra,id,A,preferred,full,general,\rb,id,B \"x\" C,preferred,full,general,\r",
    );
    refused(
        &env,
        &["import", "quote.csv"],
        "quote.csv:4: not valid CSV: a quote inside a field that does not start with one",
    );
    env.write(
        "sheet.csv",
        "Entry_ID,Entry_Subject,English\nok,general,Fine\nbad,general,\"Mini\"stry\n",
    );
    refused(
        &env,
        &["import", "sheet.csv"],
        "sheet.csv:3: not valid CSV: text after the closing quote of a quoted field",
    );
    env.write(
        "open.csv",
        "concept,lang,term,status,type,category,note\na,id,\"A,preferred,full,general,\nb,id,B,preferred,full,general,\n",
    );
    refused(
        &env,
        &["import", "open.csv"],
        "open.csv:2: not valid CSV: a quoted field is never closed",
    );
}

#[test]
fn utf16_csv_is_decoded_and_utf32_refused() {
    let env = seeded();
    let text = format!("{HEADER}new-place,vi,Thủ đô Hà Nội,preferred,full,place,\n");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    env.write("excel.csv", bytes);
    let out = env.cmd().args(["import", "excel.csv"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("1 added")
            && stdout.contains("decoded from UTF-16LE (by its byte-order mark)"),
        "{stdout}"
    );
    env.write("utf32.csv", [0xFF, 0xFE, 0, 0, b'c', 0, 0, 0]);
    refused(
        &env,
        &["import", "utf32.csv"],
        "utf32.csv:1: the file is UTF-32, which hcgloss does not read",
    );
}

#[cfg(unix)]
#[test]
fn devices_directories_and_missing_paths_for_every_reader() {
    let env = seeded();
    std::fs::create_dir(env.path("folder")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["import", "/dev/zero"],
            "/dev/zero: is a device, not a file",
        ),
        (
            &["tm", "import", "/dev/zero"],
            "/dev/zero: is a device, not a file",
        ),
        (
            &["lint", "--lang", "id", "/dev/zero"],
            "/dev/zero: is a device, not a file",
        ),
        (
            &["import", "--format", "tbx", "folder"],
            "folder: is a directory, not a file",
        ),
        (&["tm", "import", "folder"], "folder: is a directory"),
        (
            &["tm", "import", "missing.tmx"],
            "missing.tmx: No such file or directory",
        ),
        (
            &["import", "missing.tbx"],
            "missing.tbx: No such file or directory",
        ),
    ];
    for (args, expected) in cases {
        refused(&env, args, expected);
    }
}

/// Whether this process has the effective user id 0.
#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// An unreadable input. Root reads any file whatever its mode, so as root
/// the binary is run without the capabilities that let it
/// (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), through `setpriv`; without
/// `setpriv` the case is skipped, saying so.
#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let env = seeded();
    let locked = env.write(
        "locked.csv",
        format!("{HEADER}x,en,X,preferred,full,general,\n"),
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = env!("CARGO_BIN_EXE_hcgloss");
    let run = |args: &[&str]| -> Option<Output> {
        let mut cmd = if is_root() {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--bounding-set", "-dac_override,-dac_read_search", bin]);
            c
        } else {
            std::process::Command::new(bin)
        };
        cmd.arg("--db")
            .arg(&env.db)
            .args(args)
            .current_dir(env.dir.path());
        match cmd.output() {
            Ok(out) => Some(out),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => panic!("{e}"),
        }
    };
    let before = state(&env);
    for args in [
        &["import", "locked.csv"][..],
        &["tm", "import", "locked.csv"],
        &["lint", "locked.csv"],
    ] {
        let Some(out) = run(args) else {
            eprintln!(
                "skipped: running as root and setpriv is not installed, so a file's mode cannot deny reading it"
            );
            return;
        };
        check_refused(&env, &before, &out, args, "locked.csv: Permission denied");
    }
}

// ---------------------------------------------------------- TBX and TMX

#[test]
fn truncated_and_doubled_xml() {
    let env = seeded();
    let tbx = env
        .cmd()
        .args(["export", "--format", "tbx"])
        .output()
        .unwrap()
        .stdout;
    let tmx = env
        .cmd()
        .args(["tm", "export", "--format", "tmx"])
        .output()
        .unwrap()
        .stdout;
    // A download cut off at several points.
    for cut in [tbx.len() / 3, tbx.len() / 2, tbx.len() - 10] {
        env.write("cut.tbx", &tbx[..cut]);
        refused(&env, &["import", "cut.tbx"], "cut.tbx:");
    }
    for cut in [tmx.len() / 3, tmx.len() / 2, tmx.len() - 10] {
        env.write("cut.tmx", &tmx[..cut]);
        refused(&env, &["tm", "import", "cut.tmx"], "cut.tmx:");
    }
    env.write(
        "two.tbx",
        "<?xml version=\"1.0\"?>\n<martif type=\"TBX\"><text><body/></text></martif>\n<martif/>\n",
    );
    refused(
        &env,
        &["import", "two.tbx"],
        "two.tbx:3: a second root element",
    );
    env.write("page.tbx", "<html><body>not a termbase</body></html>\n");
    refused(
        &env,
        &["import", "page.tbx"],
        "page.tbx:1: the root element is <html>, not a TBX document",
    );
    env.write("empty.tbx", "");
    refused(
        &env,
        &["import", "empty.tbx"],
        "empty.tbx:1: no root element: the file is empty or not XML",
    );
    env.write("page.tmx", "<html><body>not a memory</body></html>\n");
    refused(
        &env,
        &["tm", "import", "page.tmx"],
        "page.tmx:1: the root element is <html>: a TMX file's root is <tmx>",
    );
}

const TMX_HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"x\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"vi\" datatype=\"plaintext\"/>\n<body>\n";

/// TMX entity attacks not covered in `tm/exchange.rs`: a SYSTEM entity
/// and a parameter entity in the internal subset; and the same for the
/// bilingual lint, which reads TMX too.
#[test]
fn tmx_entities_are_refused_unread() {
    let env = seeded();
    let secret = env.write("secret.txt", "do not read me");
    let xxe = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file://{}\">]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"vi\"><seg>&xxe;</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu></body></tmx>\n",
        secret.display()
    );
    env.write("xxe.tmx", &xxe);
    let stderr = refused(
        &env,
        &["tm", "import", "xxe.tmx"],
        "xxe.tmx:2: the DOCTYPE has an internal subset",
    );
    assert!(!stderr.contains("do not read me"));
    let param = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY % p SYSTEM \"file://{}\"> %p;]>\n<tmx version=\"1.4\"><header/><body/></tmx>\n",
        secret.display()
    );
    env.write("param.tmx", &param);
    refused(
        &env,
        &["tm", "import", "param.tmx"],
        "param.tmx:2: the DOCTYPE has an internal subset",
    );
    let out = env
        .cmd()
        .args([
            "lint",
            "--source-lang",
            "vi",
            "--target-lang",
            "en",
            "xxe.tmx",
        ])
        .output()
        .unwrap();
    check_refused(
        &env,
        &state(&env),
        &out,
        &["lint", "xxe.tmx"],
        "xxe.tmx:2: the DOCTYPE has an internal subset",
    );
}

/// Nesting a hundred thousand deep: the TBX reader keeps a stack of
/// frames, the TMX reader counts nested highlights; neither recurses, so
/// neither overflows the stack (the TMX reader once did).
#[test]
fn deep_nesting_is_read_or_refused_without_a_crash() {
    let env = seeded();
    let depth = 100_000;
    let deep_seg = format!(
        "{TMX_HEAD}<tu><tuv xml:lang=\"vi\"><seg>Câu {}lồng{} sâu.</seg></tuv><tuv xml:lang=\"en\"><seg>A deeply nested sentence.</seg></tuv></tu>\n</body></tmx>\n",
        "<hi>".repeat(depth),
        "</hi>".repeat(depth)
    );
    env.write("deep.tmx", &deep_seg);
    env.cmd()
        .args(["tm", "import", "deep.tmx"])
        .assert()
        .success()
        .stdout("deep.tmx: 1 added, 0 unchanged\n");
    env.cmd()
        .args([
            "lint",
            "--source-lang",
            "vi",
            "--target-lang",
            "en",
            "deep.tmx",
        ])
        .assert()
        .code(0);
    let deep_units = format!(
        "{TMX_HEAD}{}{}</body></tmx>\n",
        "<tu>".repeat(depth),
        "</tu>".repeat(depth)
    );
    env.write("units.tmx", &deep_units);
    refused(
        &env,
        &["tm", "import", "units.tmx"],
        "units.tmx:5: <tu> is not allowed in <tu>",
    );
    let deep_tbx = format!(
        "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n{}{}</body></text></martif>\n",
        "<termEntry>".repeat(depth),
        "</termEntry>".repeat(depth)
    );
    env.write("deep.tbx", &deep_tbx);
    refused(
        &env,
        &["import", "deep.tbx"],
        "deep.tbx:3: the entry has no language section",
    );
}

// ------------------------------------------------------------ lint input

/// Lints `name` and returns (exit code, stdout, stderr).
fn lint(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.cmd().arg("lint").args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn lint_refuses_binary_files_with_a_clear_error() {
    let env = Env::new();
    env.import(&fixture("lint/glossary.csv"));
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "hcgloss: image.txt:1: invalid UTF-8 at byte offset 0\n",
        ),
        (
            "nul.txt",
            b"kejahatan siber\nabc\0def",
            "hcgloss: nul.txt:2: NUL byte at byte offset 19: this is not a text file\n",
        ),
        (
            "latin1.md",
            b"kejahatan siber di caf\xe9\n",
            "hcgloss: latin1.md:1: invalid UTF-8 at byte offset 22\n",
        ),
    ];
    for (name, bytes, expected) in cases {
        env.write(name, bytes);
        let (code, stdout, stderr) = lint(&env, &[name]);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.starts_with(expected), "{name}: {stderr}");
        assert_eq!(std::fs::read(env.path(name)).unwrap(), *bytes);
    }
}

#[test]
fn lint_gives_a_clean_result_for_empty_and_blank_files() {
    let env = Env::new();
    env.import(&fixture("lint/glossary.csv"));
    for (name, text) in [
        ("empty.txt", ""),
        ("bom.txt", "\u{feff}"),
        ("blank.txt", "  \n\n\t\r\n"),
        ("lines.txt", &"\n".repeat(200_000)),
    ] {
        env.write(name, text);
        let (code, stdout, stderr) = lint(&env, &["--lang", "id", name]);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        assert_eq!(stdout, "no findings in 1 file\n", "{name}");
        assert_eq!(stderr, "", "{name}");
    }
}

/// Very long lines: one of 40 000 words with a deprecated term near its
/// end (found at its exact column, and fixed), one of 500 000 letters
/// with no space, and a letter under 100 000 combining marks.
#[test]
fn lint_reads_very_long_lines() {
    let env = Env::new();
    env.import(&fixture("lint/glossary.csv"));
    let filler = "rumah di jalan kota pada pagi hari ".repeat(5_000);
    let columns = filler.chars().count();
    env.write(
        "long.txt",
        format!("{filler}kriminalitas maya meningkat.\n"),
    );
    let (code, stdout, stderr) = lint(&env, &["--lang", "id", "--format", "json", "long.txt"]);
    assert_eq!(code, Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{stdout}");
    assert_eq!(findings[0]["rule"], "deprecated-term");
    assert_eq!(findings[0]["line"], 1);
    assert_eq!(findings[0]["column"], columns + 1);
    assert_eq!(findings[0]["end_column"], columns + 18);
    let (code, _, stderr) = lint(&env, &["--lang", "id", "--fix", "long.txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(env.path("long.txt")).unwrap(),
        format!("{filler}kejahatan siber meningkat.\n")
    );

    env.write("letters.txt", "a".repeat(500_000));
    let (code, stdout, _) = lint(&env, &["--lang", "id", "letters.txt"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, "no findings in 1 file\n");

    env.write(
        "marks.txt",
        format!("a{} kriminalitas maya\n", "\u{301}".repeat(100_000)),
    );
    let (code, stdout, stderr) = lint(&env, &["--lang", "id", "--format", "json", "marks.txt"]);
    assert_eq!(code, Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["findings"][0]["column"], 100_003);
}

#[test]
fn paths_with_spaces_and_vietnamese_letters_are_named_as_given() {
    let env = seeded();
    let dir = env.path("Bài viết");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("thuật ngữ.csv"), "concept\n").unwrap();
    refused(
        &env,
        &["import", "Bài viết/thuật ngữ.csv"],
        "Bài viết/thuật ngữ.csv:1: the header must be exactly",
    );
}

#[test]
fn a_language_that_is_not_one_is_refused_with_a_hint_everywhere() {
    let env = seeded();
    env.write(
        "vn.csv",
        format!("{HEADER}new-concept,vn,Bộ mới,preferred,full,ministry,\n"),
    );
    env.write("jp.txt", "a\tb\n");
    let cases: &[(&[&str], &str)] = &[
        (
            &["import", "vn.csv"],
            "vn.csv:2: \"vn\" is not a language; Vietnamese is \"vi\"",
        ),
        (
            &["import", "jp.txt", "--source", "en", "--target", "jp"],
            "--target: \"jp\" is not a language; Japanese is \"ja\"",
        ),
        (
            &["export", "--lang", "id,vie"],
            "--lang: \"vie\" is the three-letter code of Vietnamese; BCP 47 writes it \"vi\"",
        ),
        (
            &["lookup", "Bộ Công an", "--lang", "in-ID"],
            "'--lang <LANG>': \"in-ID\": \"in\" is not a language; Indonesian is \"id\" (\"id-ID\")",
        ),
        (
            &["tm", "search", "x", "--from", "cn", "--to", "vi"],
            "--from: \"cn\" is not a language; Chinese is \"zh\"",
        ),
        (
            &[
                "add",
                "x",
                "--lang",
                "vn",
                "--term",
                "X",
                "--category",
                "general",
            ],
            "'--lang <LANG>': \"vn\" is not a language; Vietnamese is \"vi\"",
        ),
        (
            &["tm", "export", "--format", "tsv", "--lang", "vi,eng"],
            "--lang: \"eng\" is the three-letter code of English; BCP 47 writes it \"en\"",
        ),
    ];
    for (args, expected) in cases {
        refused(&env, args, expected);
    }
}
