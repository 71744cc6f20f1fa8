//! What hcgloss exports is valid against the formats' own schemas, checked
//! by the tools others check them with: TBX v3 against the TBX core RELAX
//! NG schema (`xmllint --relaxng`) and the TBX-Basic Schematron
//! (`node-schematron`, which runs its XSLT 2 query binding; xmllint cannot),
//! TBX 2008 for well-formedness and for its structure (no `<body>` without
//! an entry), TMX against the TMX 1.4 DTD (`xmllint --dtdvalid`). The
//! validators are in the shared folder beside the repository
//! ([`crate::common::shared_dir`]); without them, or without the tools, each check
//! says it was skipped. The TBX 2008 export is also read back by
//! translate-toolkit, the Python library many CAT pipelines read TBX with.
//! `.ci/run` installs xmllint, node-schematron and translate-toolkit.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Env, fixture};

fn validators() -> Option<PathBuf> {
    let dir = crate::common::shared_dir().join("validators");
    if dir.join("TBXcoreStructV03.rng").exists() {
        Some(dir)
    } else {
        println!("skipped: {} not present", dir.display());
        None
    }
}

fn xmllint() -> bool {
    let found = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
    }
    found
}

/// Runs xmllint with `args` on `file`; panics with its report when invalid.
fn lint(args: &[&str], file: &Path) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .args(args)
        .arg(file)
        .output()
        .expect("run xmllint");
    assert!(
        out.status.success(),
        "xmllint {args:?} {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A store holding a glossary that exercises every field, status, type, a
/// note over two lines and a note with repeated spaces, plus a translation
/// memory with regional variants and a one-language unit.
fn filled() -> Env {
    let env = Env::new();
    env.import(&fixture("exchange/glossary.csv"));
    let extra = env.write(
        "extra.csv",
        "concept,lang,term,status,type,category,note\n\
         spaced,en,Spaced note,preferred,full,general,\"two  spaces\tand a tab\"\n\
         spaced,en-GB,Spaced note (UK),preferred,full,general,\n",
    );
    env.import(&extra);
    env.cmd()
        .args(["tm", "import"])
        .arg(fixture("tm/sample.tmx"))
        .assert()
        .success();
    let tmx = env.write(
        "variants.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>\n\
         <tu><tuv xml:lang=\"en-US\"><seg>The color</seg></tuv><tuv xml:lang=\"en-GB\"><seg>The colour</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"vi\"><seg>Chỉ một câu.</seg></tuv></tu>\n</body></tmx>\n",
    );
    env.cmd()
        .args(["tm", "import"])
        .arg(&tmx)
        .assert()
        .success();
    env
}

/// Exports into a file of the environment.
fn export(env: &Env, args: &[&str], name: &str) -> PathBuf {
    let path = env.path(name);
    env.cmd().args(args).arg("-o").arg(&path).assert().success();
    path
}

#[test]
fn tbx_and_tmx_exports_validate() {
    let Some(validators) = validators() else {
        return;
    };
    if !xmllint() {
        return;
    }
    let rng = validators.join("TBXcoreStructV03.rng");
    let rng = rng.to_str().expect("path");
    let dtd = validators.join("tmx14.dtd");
    let dtd = dtd.to_str().expect("path");
    for env in [filled(), Env::new()] {
        // An empty store is made by a write: import an empty TM.
        let empty_tm = env.write("none.tsv", "vi\ten\n");
        env.cmd()
            .args(["tm", "import"])
            .arg(&empty_tm)
            .assert()
            .success();
        let v3 = export(&env, &["export", "--format", "tbx"], "out.tbx");
        lint(&["--relaxng", rng], &v3);
        let pair = export(
            &env,
            &[
                "export", "--format", "tbx", "--source", "vi", "--target", "en",
            ],
            "pair.tbx",
        );
        lint(&["--relaxng", rng], &pair);
        let martif = export(&env, &["export", "--format", "tbx2008"], "out-2008.tbx");
        lint(&[], &martif);
        let text = std::fs::read_to_string(&martif).unwrap();
        assert!(
            text.contains("<termEntry") || !text.contains("<body"),
            "a <body> without entries:\n{text}"
        );
        let tmx = export(&env, &["tm", "export", "--format", "tmx"], "out.tmx");
        lint(&["--dtdvalid", dtd], &tmx);
        let pair = export(
            &env,
            &["tm", "export", "--format", "tmx", "--lang", "vi,en"],
            "pair.tmx",
        );
        lint(&["--dtdvalid", dtd], &pair);
    }
}

/// The TBX-Basic Schematron, through node-schematron: the path of its
/// command in `HCGLOSS_SCHEMATRON`, else a `node-schematron` on the PATH.
#[test]
fn tbx_export_meets_the_tbx_basic_schematron() {
    let Some(validators) = validators() else {
        return;
    };
    let command = std::env::var_os("HCGLOSS_SCHEMATRON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("node-schematron"));
    // Whether it can be started at all (its --help exits 1).
    let runs = Command::new(&command).arg("--help").output().is_ok();
    if !runs {
        println!(
            "skipped: node-schematron is not installed (npm install node-schematron slimdom-sax-parser, then HCGLOSS_SCHEMATRON=node_modules/.bin/node-schematron)"
        );
        return;
    }
    let env = filled();
    let tbx = export(&env, &["export", "--format", "tbx"], "out.tbx");
    let out = Command::new(&command)
        .arg(validators.join("TBX-Basic_DCA.sch"))
        .arg("-f")
        .arg(&tbx)
        .output()
        .expect("run node-schematron");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && report.contains("1 documents passed"),
        "{report}"
    );
}

/// translate-toolkit's TBX reader (`translate.storage.tbx`) reads every
/// entry of the TBX 2008 export, with its terms: the Python interpreter
/// that has it in `HCGLOSS_TRANSLATE_PYTHON`, else `python3` when it can
/// import it.
#[test]
fn tbx2008_export_is_read_by_translate_toolkit() {
    let python = std::env::var_os("HCGLOSS_TRANSLATE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let has_it = Command::new(&python)
        .args(["-c", "import translate.storage.tbx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_it {
        println!(
            "skipped: translate-toolkit is not installed (pip install translate-toolkit, then HCGLOSS_TRANSLATE_PYTHON=the python that has it)"
        );
        return;
    }
    let env = filled();
    let martif = export(&env, &["export", "--format", "tbx2008"], "out-2008.tbx");
    let out = Command::new(&python)
        .args([
            "-c",
            "import sys\n\
             from translate.storage import tbx\n\
             store = tbx.tbxfile.parsefile(sys.argv[1])\n\
             for unit in store.units:\n    print(unit.source)\n",
        ])
        .arg(&martif)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Vec<String> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect();
    let text = std::fs::read_to_string(&martif).unwrap();
    let entries = text.matches("<termEntry").count();
    assert!(entries > 0, "no entry exported:\n{text}");
    assert_eq!(read.len(), entries, "entries read: {read:?}");
    assert!(read.iter().all(|term| !term.trim().is_empty()), "{read:?}");
}
