//! Writing files so that no reader ever sees half of one: the bytes go to
//! a temporary file in the same directory, which is then renamed over the
//! target (an atomic step on one file system).

use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// A new temporary file in the directory of `path`, with the permissions
/// any new file of the user gets (0666 less the umask), not the
/// owner-only mode temporary files usually have.
pub fn temp_beside(path: &Path) -> Result<NamedTempFile> {
    let label = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".hcgloss-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir).map_err(|e| Error::io(&label, e))
}

/// Replaces `path` with `bytes`, keeping the permissions of the file it
/// replaces.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let label = path.display().to_string();
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes).map_err(|e| Error::io(&label, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(&label, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions())
            .map_err(|e| Error::io(&label, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(&label, e.error))?;
    Ok(())
}
