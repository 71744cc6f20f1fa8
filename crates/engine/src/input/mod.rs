//! Reading user files: the one input layer every reader stands on (glossary
//! imports, TM imports, lint's documents and translation memories).
//!
//! [`Input::open`] takes a path or `-` for standard input, refuses what is
//! not a file to read (a directory, a device), decides the character
//! encoding from the first bytes ([`decode`]) and hands out UTF-8: either
//! streamed ([`Input::reader`], for TBX, which may be hundreds of
//! megabytes) or whole ([`Input::read_text`], for the line formats).
//! Messages name the input by its [`Label`], and count lines of the
//! decoded text.

pub mod decode;

use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
pub use decode::{DecodeError, Decoding, Reason};

/// Where an input comes from, and how messages name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Label {
    Stdin,
    Path(PathBuf),
}

impl Label {
    /// The label of a command-line path: `-` is standard input.
    pub fn of(path: &Path) -> Label {
        if path.as_os_str() == "-" {
            Label::Stdin
        } else {
            Label::Path(path.to_path_buf())
        }
    }

    /// The file, unless this is standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Label::Stdin => None,
            Label::Path(p) => Some(p),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Stdin => f.write_str("<stdin>"),
            Label::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// How many bytes are looked at to decide the encoding and the format: a
/// first line and an XML declaration fit.
const HEAD: usize = 1024;

/// An open input, decoded to UTF-8.
pub struct Input {
    pub label: Label,
    /// The encoding it is read in.
    pub decoding: Decoding,
    reader: Box<dyn BufRead>,
}

impl Input {
    /// Opens `path`, or standard input for `-`.
    pub fn open(path: &Path) -> Result<Input> {
        let label = Label::of(path);
        let raw: Box<dyn Read> = match &label {
            Label::Stdin => Box::new(std::io::stdin()),
            Label::Path(p) => {
                check_kind(p, &label.to_string())?;
                Box::new(std::fs::File::open(p).map_err(|e| Error::io(label.to_string(), e))?)
            }
        };
        Input::from_reader(label, raw)
    }

    /// An input over bytes already read.
    pub fn from_bytes(label: Label, bytes: Vec<u8>) -> Result<Input> {
        Input::from_reader(label, Box::new(Cursor::new(bytes)))
    }

    fn from_reader(label: Label, mut raw: Box<dyn Read>) -> Result<Input> {
        let mut head = Vec::with_capacity(HEAD);
        (&mut raw)
            .take(HEAD as u64)
            .read_to_end(&mut head)
            .map_err(|e| Error::io(label.to_string(), e))?;
        let (decoding, bom) =
            decode::detect(&head).map_err(|m| Error::invalid(&label.to_string(), Some(1), m))?;
        let rest = Cursor::new(head).chain(raw);
        let mut bytes = BufReader::with_capacity(64 * 1024, rest);
        if bom > 0 {
            // The mark is at the start of `head`, which the first fill holds.
            bytes
                .fill_buf()
                .map_err(|e| Error::io(label.to_string(), e))?;
            bytes.consume(bom);
        }
        let reader: Box<dyn BufRead> = if decoding.is_utf8() {
            Box::new(bytes)
        } else {
            Box::new(BufReader::with_capacity(
                64 * 1024,
                decode::Transcoder::new(bytes, decoding.encoding),
            ))
        };
        Ok(Input {
            label,
            decoding,
            reader,
        })
    }

    /// The label as messages show it.
    pub fn name(&self) -> String {
        self.label.to_string()
    }

    /// The first decoded bytes, without consuming them (at least the first
    /// line, unless it is very long).
    pub fn peek(&mut self) -> Result<&[u8]> {
        let name = self.name();
        match self.reader.fill_buf() {
            Ok(b) => Ok(b),
            Err(e) => Err(read_error(&name, e)),
        }
    }

    /// The decoded text, streamed. Invalid UTF-8 is the reader's to find
    /// (the XML reader names its line); a file in another encoding that
    /// holds a sequence it does not define fails with a [`DecodeError`]
    /// inside the I/O error ([`read_error`] turns it into a message).
    pub fn reader(self) -> Box<dyn BufRead> {
        self.reader
    }

    /// Reads the rest as text: checked UTF-8 (invalid bytes are an error
    /// naming their line and offset), no NUL.
    pub fn read_text(mut self) -> Result<String> {
        let name = self.name();
        let mut bytes = Vec::new();
        self.reader
            .read_to_end(&mut bytes)
            .map_err(|e| read_error(&name, e))?;
        utf8_text(&name, bytes)
    }
}

/// An error reading an input: a decoding error at its line, or the
/// system's.
pub fn read_error(name: &str, e: std::io::Error) -> Error {
    match DecodeError::of(&e) {
        Some(d) => Error::invalid(name, Some(d.line), d.message.clone()),
        None => Error::io(name, e),
    }
}

/// Reads `path` (or standard input for `-`) as text, in whatever encoding
/// its first bytes say.
pub fn read_text(path: &Path) -> Result<String> {
    Input::open(path)?.read_text()
}

/// Decodes the bytes of a file as [`Input::open`] would read it.
pub fn decode(label: &str, bytes: Vec<u8>) -> Result<String> {
    Input::from_bytes(Label::Path(label.into()), bytes)?.read_text()
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

/// Checks `bytes` (decoded, without a byte-order mark) as UTF-8 text
/// without NUL.
fn utf8_text(label: &str, bytes: Vec<u8>) -> Result<String> {
    let text = match String::from_utf8(bytes) {
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

    #[test]
    fn utf16_and_declared_encodings_are_decoded() {
        let text = "concept\tBộ Công an\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("a", le).unwrap(), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode("a", be).unwrap(), text);
        let latin = b"<?xml version=\"1.0\" encoding=\"windows-1254\"?>\n<a>\xdd\xfd</a>".to_vec();
        let input = Input::from_bytes(Label::Path("t.tbx".into()), latin).unwrap();
        assert_eq!(
            input.decoding.describe().unwrap(),
            "decoded from windows-1254 (named by the XML declaration)"
        );
        assert!(input.read_text().unwrap().ends_with("<a>İı</a>"));
    }

    #[test]
    fn stdin_is_one_label() {
        assert_eq!(Label::of(Path::new("-")), Label::Stdin);
        assert_eq!(Label::Stdin.to_string(), "<stdin>");
        assert_eq!(Label::of(Path::new("a.tmx")).to_string(), "a.tmx");
    }
}
