//! Helpers shared by the command-line tests: a temporary store and the
//! real binary pointed at it, isolated from the user's own store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("store.sqlite");
        Env { dir, db }
    }

    /// The binary with `--db` set to this environment's store, and a home
    /// directory of its own so the per-user store is never touched.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("hcgloss").expect("binary built");
        c.arg("--db").arg(&self.db);
        self.isolate(&mut c);
        c
    }

    /// The binary with no `--db`: the per-user store inside this
    /// environment's temporary home.
    pub fn cmd_default_store(&self) -> Command {
        let mut c = Command::cargo_bin("hcgloss").expect("binary built");
        self.isolate(&mut c);
        c
    }

    fn isolate(&self, c: &mut Command) {
        c.env_remove("HCGLOSS_DB")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path());
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file here (making its directories), and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    /// Imports a file and asserts success.
    pub fn import(&self, file: &Path) {
        self.cmd().arg("import").arg(file).assert().success();
    }

    /// The store's canonical CSV export.
    pub fn export(&self) -> String {
        let out = self
            .cmd()
            .args(["export", "--format", "csv"])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "export failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn read_fixture(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).expect("fixture")
}
