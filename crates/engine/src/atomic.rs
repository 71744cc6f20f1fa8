//! Writing files so that no reader ever sees half of one: the bytes go to
//! a temporary file in the same directory, which is then renamed over the
//! target (an atomic step on one file system).
//!
//! Temporary files never outlive their process for long: the ones being
//! written are listed here, so that the binary's signal handler removes
//! them when SIGINT, SIGTERM or SIGHUP stops it ([`remove_live_temps`]),
//! and each name carries the process id, so that a later write sweeps the
//! ones a process killed outright (SIGKILL, a crash) left behind
//! ([`sweep_stale`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// How the temporary files of writes to `path` start: a dot (hidden) and
/// the target's name, so that one left by a killed process says what it
/// was for and can be found again. The process id and a random part
/// follow (`.a.txt.tmp-4242-Xy3kQ9`).
pub fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.tmp-")
}

/// The temporary files this process is writing, by absolute path.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget(path: &Path) {
    let mut live = live();
    if let Some(i) = live.iter().position(|p| p == path) {
        live.swap_remove(i);
    }
}

/// Removes every temporary file this process is writing, for a process
/// about to end on a signal. The returned guard keeps the list locked, so
/// that no new temporary file is made before the process exits: hold it
/// until then.
pub fn remove_live_temps() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut live = live();
    for path in live.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    live
}

/// A temporary file being written, listed until it is renamed into place
/// ([`LiveTemp::persist`]) or dropped (which removes it).
pub struct LiveTemp {
    file: Option<NamedTempFile>,
    /// The absolute path it is listed under.
    listed: PathBuf,
}

impl LiveTemp {
    pub fn path(&self) -> &Path {
        self.file.as_ref().expect("live until persisted").path()
    }

    pub fn as_file(&self) -> &std::fs::File {
        self.file.as_ref().expect("live until persisted").as_file()
    }

    /// Renames the file to `to`; on failure it is removed.
    pub fn persist(mut self, to: &Path) -> std::io::Result<()> {
        let file = self.file.take().expect("live until persisted");
        let done = file.persist(to).map(drop).map_err(|e| e.error);
        forget(&self.listed);
        done
    }

    /// Gives the file the name `to` unless that name is taken (then the
    /// error is `AlreadyExists`); on failure it is removed.
    pub fn persist_noclobber(mut self, to: &Path) -> std::io::Result<()> {
        let file = self.file.take().expect("live until persisted");
        let done = file.persist_noclobber(to).map(drop).map_err(|e| e.error);
        forget(&self.listed);
        done
    }
}

impl Write for LiveTemp {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("live until persisted").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("live until persisted").flush()
    }
}

impl Drop for LiveTemp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            drop(file);
            forget(&self.listed);
        }
    }
}

/// A new temporary file in the directory of `path`, with the permissions
/// any new file of the user gets (0666 less the umask), not the
/// owner-only mode temporary files usually have.
pub fn temp_beside(path: &Path) -> Result<LiveTemp> {
    let label = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{label}: the folder {} does not exist",
            dir.display()
        )));
    }
    let prefix = format!("{}{}-", temp_prefix(path), std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Made and listed under the lock, so that a signal arriving meanwhile
    // cannot miss it. The temporary file's own name is no business of the
    // user's: an error names the file they asked for.
    let mut live = live();
    let file = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(&label, std::io::Error::from(e.kind())))?;
    let listed = std::path::absolute(file.path()).unwrap_or_else(|_| file.path().to_path_buf());
    live.push(listed.clone());
    Ok(LiveTemp {
        file: Some(file),
        listed,
    })
}

/// How old a temporary file of a process that is gone must be before a
/// sweep removes it. Writing one takes seconds.
pub const STALE_AGE: Duration = Duration::from_secs(10 * 60);

/// How old a temporary file whose process cannot be told (a name without
/// a process id, from an older hcgloss) must be.
const UNKNOWN_OWNER_AGE: Duration = Duration::from_secs(3600);

/// Whether the process `pid` still runs on this machine.
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists and may be
        // signalled; nothing is sent.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The process id in the name of a temporary file this module made
/// (`.NAME.tmp-PID-RANDOM`), for any target NAME.
fn owner_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, after) = rest.rsplit_once(".tmp-")?;
    let (pid, random) = after.split_once('-')?;
    let well_formed = !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && !random.is_empty()
        && random.bytes().all(|b| b.is_ascii_alphanumeric());
    well_formed.then(|| pid.parse().ok()).flatten()
}

/// The directories swept by this process: one sweep of a directory
/// removes every stale temporary file in it, whatever its target, so
/// `lint --fix` over thousands of files in one directory reads it once.
static SWEPT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes, once per directory and process, the temporary files in the
/// directory of `path` that killed processes left behind: those of any
/// target older than [`STALE_AGE`] whose process is gone, and those of
/// `path` older than an hour whose name names no process (an older
/// hcgloss made them). Best effort: what cannot be listed or removed
/// stays.
pub fn sweep_stale(path: &Path) {
    let Some(dir) = path.parent() else { return };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    {
        let key = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if swept.contains(&key) {
            return;
        }
        swept.push(key);
    }
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let owner = owner_of(&name);
        if owner.is_none() && !name.starts_with(&prefix) {
            continue;
        }
        let Some(age) = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
        else {
            continue;
        };
        let stale = match owner {
            Some(pid) => age > STALE_AGE && !running(pid),
            None => age > UNKNOWN_OWNER_AGE,
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file a write to `path` replaces: `path`, or the file a symbolic
/// link there points to (through any chain of links, a missing final
/// target included). Renaming over the link itself would turn it into a
/// plain file and leave the file it points to as it was.
fn write_target(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    // As many links as the system itself follows before giving up.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {}
            _ => return target,
        }
        let Ok(next) = std::fs::read_link(&target) else {
            return target;
        };
        target = match target.parent() {
            Some(dir) => dir.join(next),
            None => next,
        };
    }
    target
}

/// Where `path` leads: the file a write would replace (links followed),
/// made absolute with every directory resolved, so that two spellings of
/// one place compare equal even when the file is not there yet.
fn resolved(path: &Path) -> PathBuf {
    let target = write_target(path);
    if let Ok(full) = std::fs::canonicalize(&target) {
        return full;
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(dir), target.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => target,
    }
}

/// Whether `a` and `b` are one file: the same resolved path, or, where
/// both exist, the same device and inode (a hard link, a bind mount).
fn same_file(a: &Path, b: &Path) -> bool {
    if resolved(a) == resolved(b) {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Refuses `path` when it is, or leads to, one of `protected` (the
/// store's own files: replacing the database with an export would lose
/// it, and replacing its `-wal` or index would corrupt or confuse it).
pub fn refuse_protected(path: &Path, protected: &[PathBuf]) -> Result<()> {
    match protected.iter().find(|p| same_file(path, p)) {
        Some(p) => Err(Error::Usage(format!(
            "{}: is one of the store's own files ({}); it was not overwritten",
            path.display(),
            p.display()
        ))),
        None => Ok(()),
    }
}

/// Refuses to replace the file `path` leads to when replacing it by
/// rename would do what writing it in place would not: a file with no
/// write permission for anyone (renaming over it would succeed, since the
/// directory is what a rename needs, but its owner made it read-only to
/// keep it as it is), a file this user may not write (the rename would
/// put a file of this user's in its place), and a file with several hard
/// links (the rename would give this name a new file and leave the
/// others with the old text: the link would be split). Nothing is
/// written either way; a path with no file yet passes.
pub fn check_replaceable(path: &Path) -> Result<()> {
    let label = path.display().to_string();
    let target = write_target(path);
    let Ok(meta) = std::fs::metadata(&target) else {
        return Ok(());
    };
    let refuse = |why: String| {
        Err(Error::Usage(format!(
            "{label}: {why}; it was not overwritten"
        )))
    };
    if meta.permissions().readonly() {
        return refuse("the file is read-only".into());
    }
    if !meta.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return refuse(format!(
                "the file has {} hard links, and replacing it would split them (this name would get the new text, the others keep the old)",
                meta.nlink()
            ));
        }
    }
    // Opening for writing asks the system the one question that matters
    // (owner, group, other, access lists, capabilities); it changes
    // nothing in the file.
    match std::fs::OpenOptions::new().write(true).open(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            refuse("you may not write this file (permission denied)".into())
        }
        _ => Ok(()),
    }
}

/// Gives the replacement `file` the owner and group of the file it
/// replaces (`meta`), or refuses when that cannot be done: a replacement
/// owned by this user would take the file from its owner.
#[cfg(unix)]
fn keep_owner(label: &str, file: &std::fs::File, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mine = file.metadata().map_err(|e| Error::io(label, e))?;
    if (mine.uid(), mine.gid()) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).map_err(|_| {
        Error::Usage(format!(
            "{label}: the file belongs to user {} and group {}, which a file written by this user cannot keep; it was not overwritten",
            meta.uid(),
            meta.gid()
        ))
    })
}

/// Replaces `path` with `bytes`, keeping the permissions, owner and group
/// of the file it replaces. A symbolic link stays a link: the file it
/// points to is the one replaced. A path that leads to one of `protected`
/// is refused before anything is written (see [`refuse_protected`]), and
/// so is a file that a rename would not replace faithfully (see
/// [`check_replaceable`]).
pub fn write_atomically(path: &Path, bytes: &[u8], protected: &[PathBuf]) -> Result<()> {
    refuse_protected(path, protected)?;
    check_replaceable(path)?;
    let label = path.display().to_string();
    let path = &write_target(path);
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes).map_err(|e| Error::io(&label, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(&label, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions())
            .map_err(|e| Error::io(&label, e))?;
        #[cfg(unix)]
        keep_owner(&label, tmp.as_file(), &meta)?;
    }
    tmp.persist(path).map_err(|e| Error::io(&label, e))?;
    sweep_stale(path);
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_are_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("articles")).unwrap();
        std::fs::write(d.join("articles/a.txt"), "old").unwrap();
        std::os::unix::fs::symlink("articles/a.txt", d.join("link.txt")).unwrap();
        std::os::unix::fs::symlink("link.txt", d.join("link2.txt")).unwrap();
        write_atomically(&d.join("link2.txt"), b"new", &[]).unwrap();
        assert_eq!(std::fs::read(d.join("articles/a.txt")).unwrap(), b"new");
        assert!(d.join("link.txt").symlink_metadata().unwrap().is_symlink());
        assert!(d.join("link2.txt").symlink_metadata().unwrap().is_symlink());
        // A link to a file not there yet creates that file.
        std::os::unix::fs::symlink("articles/b.txt", d.join("dangling")).unwrap();
        write_atomically(&d.join("dangling"), b"b", &[]).unwrap();
        assert_eq!(std::fs::read(d.join("articles/b.txt")).unwrap(), b"b");
        assert!(d.join("dangling").symlink_metadata().unwrap().is_symlink());
    }

    #[test]
    fn permissions_are_kept_and_read_only_files_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o604)).unwrap();
        write_atomically(&file, b"new", &[]).unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o604);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomically(&file, b"newer", &[])
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("a.txt: the file is read-only; it was not overwritten"),
            "{err}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"new");
        // Nothing is left behind either way.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn protected_files_are_refused_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let store = d.join("s.sqlite");
        std::fs::write(&store, "store").unwrap();
        let wal = d.join("s.sqlite-wal");
        let protected = [store.clone(), wal.clone()];
        std::fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink("../s.sqlite", d.join("sub/link")).unwrap();
        std::fs::hard_link(&store, d.join("hard")).unwrap();
        for name in [
            "s.sqlite",
            "sub/../s.sqlite",
            "sub/link",
            "hard",
            "s.sqlite-wal",
        ] {
            let err = write_atomically(&d.join(name), b"export", &protected)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("is one of the store's own files"),
                "{name}: {err}"
            );
        }
        assert_eq!(std::fs::read(&store).unwrap(), b"store");
        assert!(!wal.exists());
        write_atomically(&d.join("other.csv"), b"export", &protected).unwrap();
    }

    #[test]
    fn temporary_files_are_listed_while_live_and_stale_ones_swept() {
        use std::time::SystemTime;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        let listed = |p: &Path| live().iter().any(|l| l.ends_with(p.file_name().unwrap()));
        let mut tmp = temp_beside(&target).unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!(".a.txt.tmp-{}-", std::process::id())),
            "{name}"
        );
        let path = tmp.path().to_path_buf();
        assert!(listed(&path));
        tmp.write_all(b"x").unwrap();
        tmp.persist(&target).unwrap();
        assert!(!listed(&path));
        let dropped = temp_beside(&target).unwrap();
        let path = dropped.path().to_path_buf();
        drop(dropped);
        assert!(!listed(&path) && !path.exists());

        let touch = |name: &str, age: Duration| {
            let path = dir.path().join(name);
            let file = std::fs::File::create(&path).unwrap();
            file.set_modified(SystemTime::now() - age).unwrap();
            path
        };
        let minutes = |n: u64| Duration::from_secs(60 * n);
        // No process has this id (above the kernel's limit).
        let gone = touch(".a.txt.tmp-99999999-aaaaaa", minutes(11));
        let gone_recent = touch(".a.txt.tmp-99999999-bbbbbb", minutes(1));
        let mine = touch(
            &format!(".a.txt.tmp-{}-cccccc", std::process::id()),
            minutes(30),
        );
        let old_style = touch(".a.txt.tmp-dddddd", minutes(61));
        let old_style_recent = touch(".a.txt.tmp-eeeeee", minutes(30));
        let other = touch(".b.txt.tmp-99999999-ffffff", minutes(30));
        let other_old_style = touch(".b.txt.tmp-gggggg", minutes(61));
        let not_ours = touch(".a.txt.tmp-99999999-h.bak", minutes(30));
        sweep_stale(&target);
        assert!(!gone.exists() && !old_style.exists() && !other.exists());
        assert!(gone_recent.exists() && mine.exists() && old_style_recent.exists());
        assert!(other_old_style.exists() && not_ours.exists());
        assert_eq!(owner_of(".x.tmp-12-abc"), Some(12));
        assert_eq!(owner_of(".a.tmp-b.tmp-7-Zz9"), Some(7));
        assert_eq!(owner_of("x.tmp-12-abc"), None);
        assert_eq!(owner_of(".x.tmp-abc"), None);
    }
}
