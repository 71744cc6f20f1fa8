//! `hcgloss lsp` in a real editor: Neovim, headless, with its own LSP
//! client (tests/fixtures/lsp/neovim.lua) opening an article, showing the
//! diagnostics, hovering a term and applying a quick fix. Skipped, saying
//! so, where `nvim` is not installed (.ci/run installs Debian's).

#![cfg(unix)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Env, fixture};
use serde_json::Value;

fn nvim() -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| std::path::Path::new(dir).join("nvim"))
        .find(|p| p.is_file())
}

#[test]
fn neovim_shows_diagnostics_hovers_and_applies_a_quick_fix() {
    let Some(nvim) = nvim() else {
        println!("skipped: nvim not found");
        return;
    };
    let env = Env::new();
    env.import(&fixture("lint/glossary.csv"));
    // Vietnamese letters and an emoji before the first term: Neovim turns
    // the server's UTF-16 columns into byte columns.
    let line0 = "Bộ Công an 😀 kriminalitas maya meningkat di kawasan Asia Tenggara.";
    let line1 = "Pengesahannya diharapkan tahun depan, kata Wakil Menteri Keamanan Publik.";
    let doc = env.write("desk/article.txt", format!("{line0}\n{line1}\n"));
    let out = env.path("neovim.json");
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-i", "NONE", "-n"])
        .arg("-c")
        .arg(format!("luafile {}", fixture("lsp/neovim.lua").display()))
        .env("HCGLOSS_BIN", env!("CARGO_BIN_EXE_hcgloss"))
        .env("HCGLOSS_STORE", &env.db)
        .env("HCGLOSS_DOC", &doc)
        .env("HCGLOSS_OUT", &out)
        .env_remove("HCGLOSS_DB")
        .env("HOME", env.dir.path())
        .env("XDG_CONFIG_HOME", env.path("config"))
        .env("XDG_DATA_HOME", env.path("data"))
        .env("XDG_STATE_HOME", env.path("state"))
        .env("XDG_CACHE_HOME", env.path("cache"))
        .current_dir(env.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let seen = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        let mut stderr = String::new();
        use std::io::Read;
        let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
        panic!("nvim ({status}) wrote no result ({e}): {stderr}")
    });
    let seen: Value = serde_json::from_str(&seen).expect("JSON");
    assert_eq!(seen.get("error"), None, "{seen:#}");
    assert_eq!(seen["waited"], true, "no diagnostics in time: {seen:#}");
    assert_eq!(seen["offset_encoding"], "utf-16");

    let diagnostics = seen["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 2, "{seen:#}");
    let first = &diagnostics[0];
    assert_eq!(first["lnum"], 0);
    // Neovim's columns are bytes.
    let at = line0.find("kriminalitas").unwrap();
    assert_eq!(first["col"], at, "{first:#}");
    assert_eq!(
        first["end_col"],
        at + "kriminalitas maya".len(),
        "{first:#}"
    );
    assert_eq!(first["source"], "hcgloss");
    assert_eq!(first["code"], "deprecated-term");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("use \"kejahatan siber\"")
    );

    let hover = seen["hover"].as_str().expect("a hover");
    assert!(hover.contains("**cybercrime**"), "{hover}");
    assert!(hover.contains("tội phạm mạng"), "{hover}");

    assert_eq!(seen["rechecked"], true, "{seen:#}");
    let lines: Vec<&str> = seen["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(lines[0], line0);
    assert_eq!(
        lines[1],
        "Ratifikasinya diharapkan tahun depan, kata Wakil Menteri Keamanan Publik."
    );
    assert_eq!(seen["after"].as_array().unwrap().len(), 1, "{seen:#}");
}
