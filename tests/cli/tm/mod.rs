//! The translation-memory commands through the real binary on temporary
//! stores. `exchange`: import and export round trips (TMX and
//! tab-separated), unit identity on re-import, and every kind of bad input
//! refused with its file and line, the store unchanged. `search`: fuzzy
//! matches with the differing words and the glossary terms beside them,
//! concordance with highlights, and the index agreeing with a full scan.

mod exchange;
mod index;
mod search;

use crate::common::{Env, fixture, read_fixture};

pub const UNITS: usize = 38;

impl Env {
    /// `tm import FILE`, asserting success; returns the summary line.
    pub fn tm_import(&self, file: &std::path::Path) -> String {
        let out = self
            .cmd()
            .args(["tm", "import"])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tm import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `tm export --format FORMAT [extra...]` to standard output.
    pub fn tm_export(&self, format: &str, extra: &[&str]) -> String {
        let out = self
            .cmd()
            .args(["tm", "export", "--format", format])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tm export failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// A store holding the small glossary and the sample TMX.
    pub fn with_sample() -> Env {
        let env = Env::new();
        env.import(&fixture("core/glossary.csv"));
        env.tm_import(&fixture("tm/sample.tmx"));
        env
    }
}

/// The sample TMX as this build writes it (the header names the version).
pub fn sample_tmx() -> String {
    read_fixture("tm/sample.tmx").replace(
        "creationtoolversion=\"0.1.0\"",
        &format!("creationtoolversion=\"{}\"", env!("CARGO_PKG_VERSION")),
    )
}
