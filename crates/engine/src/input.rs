//! Reading user files as text: the checks every reader needs (a directory,
//! a device or a missing file, invalid UTF-8 with its byte offset, NUL bytes, a
//! leading byte-order mark) done once, with messages that name the file.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Reads `path` (or standard input for `-`) as UTF-8 text without a BOM.
pub fn read_text(path: &Path) -> Result<String> {
    let label = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        buf
    } else {
        check_kind(path, &label)?;
        std::fs::read(path).map_err(|e| Error::io(&label, e))?
    };
    decode(&label, bytes)
}

/// Refuses what is not a file to read whole: a directory, and a device or
/// socket (`/dev/zero` would be read until memory ran out). A missing path
/// passes here, so that opening it reports the system's own error; a pipe
/// passes too (`<(command)`), since it ends when its writer does.
pub fn check_kind(path: &Path, label: &str) -> Result<()> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(Error::invalid(label, None, "is a directory, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_char_device() || kind.is_block_device() {
            Some("a device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(Error::invalid(
                label,
                None,
                format!("is {what}, not a file"),
            ));
        }
    }
    Ok(())
}

/// Checks `bytes` as UTF-8 text and strips a leading BOM.
pub fn decode(label: &str, bytes: Vec<u8>) -> Result<String> {
    let mut text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = line_of_offset(&bytes, offset);
            return Err(Error::invalid(
                label,
                Some(line),
                format!("invalid UTF-8 at byte offset {offset}"),
            ));
        }
    };
    if let Some(offset) = text.find('\0') {
        let line = line_of_offset(text.as_bytes(), offset);
        return Err(Error::invalid(
            label,
            Some(line),
            format!("NUL byte at byte offset {offset}: this is not a text file"),
        ));
    }
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// The 1-based line that byte `offset` lies on, whatever the line ends:
/// LF, CRLF or a CR alone (as old Mac files and some exports end lines).
pub fn line_of_offset(bytes: &[u8], offset: usize) -> u64 {
    line_ends(bytes, 0, offset.min(bytes.len())) + 1
}

/// How many lines end in `bytes[from..to]`: each LF, and each CR not
/// followed by an LF (looking past `to`, so that a CRLF cut between its
/// two bytes is counted once, at its LF).
pub fn line_ends(bytes: &[u8], from: usize, to: usize) -> u64 {
    let mut n = 0;
    for i in from..to {
        match bytes[i] {
            b'\n' => n += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = decode("a.csv", b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.csv:2: invalid UTF-8 at byte offset 7\nnothing was written"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_not_read() {
        let err = read_text(Path::new("/dev/zero")).unwrap_err().to_string();
        assert_eq!(
            err,
            "/dev/zero: is a device, not a file\nnothing was written"
        );
        let err = read_text(Path::new("/")).unwrap_err().to_string();
        assert_eq!(err, "/: is a directory, not a file\nnothing was written");
        assert!(check_kind(Path::new("/no/such/file"), "x").is_ok());
    }

    #[test]
    fn lines_end_in_lf_crlf_or_cr() {
        for text in ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc", "a\r\nb\rc"] {
            let c = text.find('c').unwrap();
            assert_eq!(line_of_offset(text.as_bytes(), c), 3, "{text:?}");
        }
        // A CRLF split between the two counts is one line end.
        assert_eq!(line_ends(b"a\r\nb", 0, 2), 0);
        assert_eq!(line_ends(b"a\r\nb", 2, 3), 1);
    }

    #[test]
    fn nul_is_refused_and_bom_stripped() {
        assert!(decode("a", b"a\0b".to_vec()).is_err());
        assert_eq!(decode("a", "\u{feff}x".as_bytes().to_vec()).unwrap(), "x");
    }
}
