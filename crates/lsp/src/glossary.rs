//! The glossary the server lints with, kept compiled between edits and
//! rebuilt when the store changes, and the `hcgloss.toml` of each
//! document's folder.
//!
//! One read connection stays open. Before each lint the server asks it
//! for the store's generation (one cheap query) and compares it with the
//! generation the compiled glossary was read at: another process (`hcgloss
//! add`, an import, `hcgloss serve`) may have written in between. The
//! store's file is also looked at (one `stat`): a connection keeps
//! reading a file that was deleted or replaced under its name, so a store
//! that is gone, or another file in its place, is noticed there.
//!
//! A store that is gone or cannot be read is no reason to stop: the
//! glossary last compiled stays in use, the client is told once, and the
//! store is tried again before the next lint.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use hcgloss_engine::bundled::open_store;
use hcgloss_engine::lint::{Config, Linter, config};
use hcgloss_engine::store::{Access, Location, Store};

/// Something the client should be told about the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The store cannot be used now.
    Trouble(String),
    /// It can again.
    Recovered(String),
}

/// What [`Glossary::refresh`] found.
#[derive(Debug, Default)]
pub struct Refresh {
    /// The glossary was read again: earlier findings may be stale.
    pub changed: bool,
    pub notice: Option<Notice>,
}

/// The store's file as the system knows it, to notice a replacement.
type FileIdentity = Option<(u64, u64)>;

pub struct Glossary {
    location: Location,
    /// The kept connection, and the identity of the file it opened.
    store: Option<(Store, FileIdentity)>,
    /// The generation `compiled` was read at (`None`: never read).
    generation: Option<u64>,
    /// The glossary compiled for lint, as the store keeps it beside
    /// itself (`<store>.lint`): read, not compiled, after another process
    /// changed the store and compiled it.
    compiled: Arc<hcgloss_engine::lint::Glossary>,
    /// A compiled linter for each configuration in use, by the file it
    /// came from.
    linters: HashMap<Option<PathBuf>, (Config, Arc<Linter>)>,
    /// The problem the client was told about, until it is over.
    trouble: Option<String>,
}

impl Glossary {
    pub fn new(location: Location) -> Glossary {
        Glossary {
            location,
            store: None,
            generation: None,
            compiled: Arc::new(hcgloss_engine::lint::Glossary::new(Vec::new())),
            linters: HashMap::new(),
            trouble: None,
        }
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Brings the compiled glossary up to date with the store, keeping it
    /// when the store cannot be read.
    pub fn refresh(&mut self) -> Refresh {
        match self.check() {
            Ok(changed) => Refresh {
                changed,
                notice: self.trouble.take().map(|_| {
                    Notice::Recovered(format!(
                        "the store {} can be read again; its glossary is in use",
                        self.location.path.display()
                    ))
                }),
            },
            Err(problem) => {
                // Open afresh next time: the file may come back, or be
                // replaced.
                self.store = None;
                let notice = match &self.trouble {
                    Some(_) => None,
                    None => {
                        let kept = if self.generation.is_some() {
                            "the glossary as last read stays in use"
                        } else {
                            "there is no glossary to check terms against until it can be read"
                        };
                        let message = format!("{problem}; {kept}");
                        self.trouble = Some(message.clone());
                        Some(Notice::Trouble(message))
                    }
                };
                Refresh {
                    changed: false,
                    notice,
                }
            }
        }
    }

    /// Whether the glossary was read again; an error says why the store
    /// cannot be used.
    fn check(&mut self) -> Result<bool, String> {
        let path = &self.location.path;
        let identity = file_identity(path);
        if let Some((_, opened)) = &self.store
            && (identity.is_err() || identity.as_ref().ok() != Some(opened))
        {
            self.store = None;
        }
        if self.store.is_none() {
            if identity.is_err() && self.location.explicit && self.generation.is_some() {
                return Err(format!("the store {} is gone", path.display()));
            }
            let store = open_store(&self.location, Access::Read).map_err(|e| e.to_string())?;
            self.store = Some((store, file_identity(path).unwrap_or(None)));
        }
        let (store, _) = self.store.as_ref().expect("opened above");
        let generation = store.generation().map_err(|e| e.to_string())?;
        if self.generation == Some(generation) {
            return Ok(false);
        }
        // The compiled glossary and the generation it belongs to, in one
        // snapshot.
        let (generation, compiled) = store.lint_glossary().map_err(|e| e.to_string())?;
        self.compiled = Arc::new(compiled);
        self.generation = Some(generation);
        self.linters.clear();
        Ok(true)
    }

    /// The glossary compiled with `config` (compiled on first use).
    pub fn linter(&mut self, config: &Config) -> Arc<Linter> {
        if let Some((c, linter)) = self.linters.get(&config.path)
            && c == config
        {
            return Arc::clone(linter);
        }
        let linter = Arc::new(Linter::with_glossary(
            Arc::clone(&self.compiled),
            config.clone(),
        ));
        self.linters
            .insert(config.path.clone(), (config.clone(), Arc::clone(&linter)));
        linter
    }
}

/// The device and inode of the file at `path` (`None` where the system
/// has no such numbers); an error when there is no file.
fn file_identity(path: &Path) -> std::io::Result<FileIdentity> {
    let metadata = std::fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(Some((metadata.dev(), metadata.ino())))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        Ok(None)
    }
}

/// A file's modification time and length: when they are the same, the
/// file was not written.
type Stamp = (Option<SystemTime>, u64);

/// The `hcgloss.toml` of each folder, found as `hcgloss lint` finds it
/// (the folder, then its parents) and read again when the file changes.
#[derive(Default)]
pub struct Configs {
    /// Each configuration file read: when it was read (modification time
    /// and length), and what it said.
    read: HashMap<PathBuf, (Stamp, Result<Config, String>)>,
    /// The problems the client was told about.
    told: HashSet<String>,
}

impl Configs {
    /// The configuration for documents in `dir`, and a problem to tell the
    /// client (the first time): a file that cannot be used leaves the
    /// default configuration in force.
    pub fn for_dir(&mut self, dir: &Path) -> (Config, Option<String>) {
        let Some(path) = config::find_file(dir) else {
            return (Config::default(), None);
        };
        let stamp = std::fs::metadata(&path)
            .map(|m| (m.modified().ok(), m.len()))
            .unwrap_or((None, 0));
        let fresh = matches!(self.read.get(&path), Some((s, _)) if *s == stamp);
        if !fresh {
            let loaded = Config::load(&path).map_err(|e| e.to_string());
            self.read.insert(path.clone(), (stamp, loaded));
        }
        match &self.read[&path].1 {
            Ok(config) => (config.clone(), None),
            Err(problem) => {
                let message =
                    format!("{problem}; lint uses the default rules until the file is fixed");
                let tell = self.told.insert(message.clone()).then_some(message);
                (Config::default(), tell)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_configuration_is_told_once_and_the_defaults_apply() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let file = dir.path().join("hcgloss.toml");
        std::fs::write(&file, "[rules]\nterm-case = \"loud\"\n").unwrap();
        let mut configs = Configs::default();
        let (config, problem) = configs.for_dir(&deep);
        assert_eq!(config, Config::default());
        assert!(problem.unwrap().contains("term-case"));
        assert_eq!(configs.for_dir(&deep).1, None);
        // Fixed (a different length, whatever the clock's resolution).
        std::fs::write(&file, "[rules]\nterm-case = \"off\"\n\n").unwrap();
        let (config, problem) = configs.for_dir(&deep);
        assert_eq!(problem, None);
        assert_eq!(config.severity(hcgloss_engine::lint::Rule::TermCase), None);
        assert_eq!(config.path, Some(file));
    }

    #[test]
    fn a_missing_store_is_told_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut glossary = Glossary::new(Location {
            path: dir.path().join("none.sqlite"),
            explicit: true,
        });
        let first = glossary.refresh();
        assert!(matches!(first.notice, Some(Notice::Trouble(m)) if m.contains("none.sqlite")));
        assert!(glossary.refresh().notice.is_none());
        // Linting still works, with nothing to match.
        let linter = glossary.linter(&Config::default());
        assert!(linter.matcher().concepts().is_empty());
    }
}
