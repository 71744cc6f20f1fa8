//! Which files a lint run reads, and reading them.
//!
//! `-` is standard input (at most once). A directory stands for its text
//! files: every `*.txt` and `*.md` file below it (extension matched without
//! regard to case), in name order, hidden files and directories (names
//! starting with `.`) left out, symbolic links not followed. Anything else
//! is a file to read; a path given twice is read once.
//!
//! Files are kept as their raw bytes as well as their text, so `--fix` can
//! keep a byte-order mark and can tell whether the file changed on disk
//! since it was read. They are decoded by [`crate::input`], as every
//! import is.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::input::{Input, Label};

/// A document read into memory.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: Label,
    /// The name findings give it: the path as given, or `<stdin>`.
    pub label: String,
    /// The bytes as read.
    pub raw: Vec<u8>,
    /// Whether the bytes are UTF-8 (with or without a byte-order mark):
    /// `--fix` writes UTF-8, so it rewrites only those.
    pub utf8: bool,
    /// The text: decoded, without a byte-order mark.
    pub text: String,
}

const TEXT_EXTENSIONS: [&str; 2] = ["txt", "md"];

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

/// What makes two paths one file: the device and inode where the system
/// has them, else the path with its links and `..` resolved. `None` for
/// a path that cannot be looked at (reading it will say why).
fn identity(path: &Path) -> Option<(u64, u64, Option<PathBuf>)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.dev(), m.ino(), None))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok().map(|p| (0, 0, Some(p)))
    }
}

/// Expands the command line's paths into the documents to read. One file
/// is one document however it is named (`a.txt` and `./a.txt`, a link to
/// it, a hard link, or a directory holding it): the first name is kept,
/// so `--fix` rewrites it once.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Label>> {
    let mut out: Vec<Label> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |s: Label, out: &mut Vec<Label>| {
        let new = match &s {
            Label::Path(p) => identity(p).is_none_or(|id| seen.insert(id)),
            Label::Stdin => true,
        };
        if new && !out.contains(&s) {
            out.push(s);
        }
    };
    for p in paths {
        if p.as_os_str() == "-" {
            if out.contains(&Label::Stdin) {
                return Err(Error::Usage(
                    "standard input (-) can be read only once".into(),
                ));
            }
            out.push(Label::Stdin);
        } else if p.is_dir() {
            let walker = WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(p).display().to_string();
                    Error::io(path, e.into())
                })?;
                if entry.file_type().is_file() && is_text_file(entry.path()) {
                    push(Label::Path(entry.into_path()), &mut out);
                }
            }
        } else {
            push(Label::Path(p.clone()), &mut out);
        }
    }
    Ok(out)
}

/// Reads one document.
pub fn load(source: &Label) -> Result<Loaded> {
    let label = source.to_string();
    let raw = match source {
        Label::Stdin => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .map_err(|e| Error::io(&label, e))?;
            buf
        }
        Label::Path(p) => {
            crate::input::check_kind(p, &label)?;
            std::fs::read(p).map_err(|e| Error::io(&label, e))?
        }
    };
    let input = Input::from_bytes(source.clone(), raw.clone())?;
    let utf8 = input.decoding.is_utf8();
    let text = input.read_text()?;
    Ok(Loaded {
        source: source.clone(),
        label,
        raw,
        utf8,
        text,
    })
}

/// Whether the file at `path` still holds exactly `raw`, the bytes read
/// earlier: `--fix` refuses to write over a file someone changed meanwhile.
pub fn unchanged_on_disk(path: &Path, raw: &[u8]) -> bool {
    std::fs::read(path).is_ok_and(|now| now == raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_expand_to_sorted_text_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/sub")).unwrap();
        std::fs::create_dir_all(d.join(".hidden")).unwrap();
        for f in [
            "z.txt",
            "a.md",
            "b/sub/c.TXT",
            "b/image.jpg",
            ".hidden/x.txt",
            ".notes.txt",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let got = expand(&[d.to_path_buf(), d.join("z.txt")]).unwrap();
        assert_eq!(
            got,
            vec![
                Label::Path(d.join("a.md")),
                Label::Path(d.join("b/sub/c.TXT")),
                Label::Path(d.join("z.txt")),
            ]
        );
    }

    #[test]
    fn changes_on_disk_are_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "kejahatan siber").unwrap();
        let loaded = load(&Label::Path(p.clone())).unwrap();
        assert!(unchanged_on_disk(&p, &loaded.raw));
        std::fs::write(&p, "kejahatan siber!").unwrap();
        assert!(!unchanged_on_disk(&p, &loaded.raw));
        std::fs::remove_file(&p).unwrap();
        assert!(!unchanged_on_disk(&p, &loaded.raw));
    }

    #[test]
    fn stdin_once() {
        assert_eq!(expand(&["-".into()]).unwrap(), vec![Label::Stdin]);
        assert!(expand(&["-".into(), "-".into()]).is_err());
    }
}
