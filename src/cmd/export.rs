//! `hcgloss export`: the termbase in a file format, to standard output or
//! atomically to a file (written beside it, then renamed over it).

use std::io::Write;
use std::path::Path;

use super::{Context, Outcome, open, stdout_error};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::exchange::csv;
use crate::store::{Access, Location};

pub fn run(args: &ExportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let store = open(location, Access::Read)?;
    let terms = store.all_terms()?;
    let mut buf = Vec::new();
    match args.format {
        ExportFormat::Csv => csv::write(&mut buf, &terms).map_err(stdout_error)?,
    }
    match &args.output {
        None => ctx.out.write_all(&buf).map_err(stdout_error)?,
        Some(path) => write_atomically(path, &buf)?,
    }
    Ok(Outcome::Success)
}

/// Writes `bytes` to `path` through a temporary file in the same
/// directory, so a reader never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let label = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(&label, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(&label, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(&label, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions())
            .map_err(|e| Error::io(&label, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(&label, e.error))?;
    Ok(())
}
