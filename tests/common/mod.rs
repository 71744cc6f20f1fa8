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

/// The shared material beside the repository (`<repo root>/../shared`, as
/// CI lays it out), or the folder `HCGLOSS_SHARED_DIR` names. It is not part
/// of the project: tests that need it say they were skipped without it.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("HCGLOSS_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
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

/// Whether the tests run as root, who reads and writes any file whatever
/// its mode.
#[cfg(unix)]
pub fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

/// The binary, run so that file modes apply to it: as root, through
/// `setpriv` without the capabilities that let root read or write any
/// file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). util-linux, which has
/// `setpriv`, is part of every Debian system; without it, as root, the
/// test fails rather than pass having checked nothing.
#[cfg(unix)]
pub fn unprivileged() -> std::process::Command {
    let bin = env!("CARGO_BIN_EXE_hcgloss");
    if !is_root() {
        return std::process::Command::new(bin);
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("running as root: setpriv (util-linux) is needed to test what file modes deny");
    let mut c = std::process::Command::new(setpriv);
    c.args(["--bounding-set", "-dac_override,-dac_read_search", bin]);
    c
}

/// Compares `actual` with the snapshot file `tests/fixtures/REL`. With
/// `SNAPSHOTS=overwrite` in the environment the file is written instead,
/// so an intended change of output is one command and a reviewable diff:
///
///     SNAPSHOTS=overwrite cargo test
pub fn snapshot(rel: &str, actual: &str) {
    snapshot_file(&fixture(rel), actual);
}

/// [`snapshot`] for a file anywhere in the repository (a generated page of
/// the documentation), by its path.
pub fn snapshot_file(path: &Path, actual: &str) {
    if std::env::var_os("SNAPSHOTS").is_some_and(|v| v == "overwrite") {
        std::fs::write(path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        let diff = similar_lines(&expected, actual);
        panic!(
            "output differs from the snapshot {} (run with SNAPSHOTS=overwrite to accept it):\n{diff}",
            path.display()
        );
    }
}

/// The lines that differ, marked `-` (snapshot) and `+` (actual).
fn similar_lines(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("{:>5} - {x}\n", i + 1));
                }
                if let Some(y) = y {
                    out.push_str(&format!("{:>5} + {y}\n", i + 1));
                }
            }
        }
    }
    out
}
