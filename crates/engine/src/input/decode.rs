//! Which character encoding a file is in, and decoding it to UTF-8 as it
//! is read.
//!
//! The encoding is decided from the first bytes, in this order:
//!
//! 1. a byte-order mark: UTF-8, UTF-16LE or UTF-16BE (UTF-32 is refused:
//!    no exchange format hcgloss reads is written in it);
//! 2. an XML document without a mark whose first character is `<` in two
//!    bytes (`<\0` or `\0<`): UTF-16LE or BE, as XML 1.0 Appendix F
//!    detects it;
//! 3. the `encoding` of an XML declaration (`<?xml version="1.0"
//!    encoding="windows-1254"?>`);
//! 4. an Emacs-style `coding:` on a first line that is a `#` comment, as
//!    OmegaT glossaries carry it (`# -*- coding: windows-1252 -*-`);
//! 5. otherwise UTF-8.
//!
//! Encodings are named as the WHATWG Encoding Standard names them and
//! decoded by `encoding_rs` (so `ISO-8859-1` reads as windows-1252, its
//! superset). Anything but UTF-8 is decoded while it is read, so a large
//! file is never held whole for it, and the text every reader sees, and
//! whose lines every message counts, is the decoded text.

use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why a file was read in its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Nothing said otherwise: UTF-8.
    Default,
    /// A byte-order mark.
    Bom,
    /// A BOM-less XML document starting with `<` in UTF-16.
    Sniffed,
    /// The XML declaration's `encoding`.
    XmlDeclaration,
    /// An Emacs-style `coding:` comment on the first line.
    CodingComment,
}

/// The encoding a file is read in, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoding {
    pub encoding: &'static Encoding,
    pub reason: Reason,
}

impl Decoding {
    pub const UTF8: Decoding = Decoding {
        encoding: UTF_8,
        reason: Reason::Default,
    };

    /// Whether the bytes are UTF-8 (after any mark), read as they are.
    pub fn is_utf8(&self) -> bool {
        self.encoding == UTF_8
    }

    /// How an import reports it, when the file was not UTF-8: `decoded
    /// from windows-1254 (named by the XML declaration)`.
    pub fn describe(&self) -> Option<String> {
        if self.is_utf8() {
            return None;
        }
        let why = match self.reason {
            Reason::Default => return None,
            Reason::Bom => "by its byte-order mark",
            Reason::Sniffed => "by its first character",
            Reason::XmlDeclaration => "named by the XML declaration",
            Reason::CodingComment => "named by the coding comment on line 1",
        };
        Some(format!("decoded from {} ({why})", self.encoding.name()))
    }
}

/// What is wrong with a file's encoding, at line 1 (everything here is
/// decided from the start of the file).
pub type DetectError = String;

/// Decides the encoding from the first bytes of a file (as many as the
/// first line and an XML declaration need; fewer is fine). Returns it and
/// the length of the byte-order mark to skip.
pub fn detect(head: &[u8]) -> Result<(Decoding, usize), DetectError> {
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(
            "the file is UTF-32, which hcgloss does not read; save it as UTF-8 (or UTF-16)".into(),
        );
    }
    let bom = |encoding, len| {
        Ok((
            Decoding {
                encoding,
                reason: Reason::Bom,
            },
            len,
        ))
    };
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return bom(UTF_8, 3);
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return bom(UTF_16LE, 2);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return bom(UTF_16BE, 2);
    }
    let sniffed = |encoding| {
        Ok((
            Decoding {
                encoding,
                reason: Reason::Sniffed,
            },
            0,
        ))
    };
    if head.starts_with(b"<\0") {
        return sniffed(UTF_16LE);
    }
    if head.starts_with(b"\0<") {
        return sniffed(UTF_16BE);
    }
    let declared = if head.starts_with(b"<?xml") {
        xml_declared(head).map(|name| (name, Reason::XmlDeclaration))
    } else if head.starts_with(b"#") {
        coding_comment(head).map(|name| (name, Reason::CodingComment))
    } else {
        None
    };
    let Some((name, reason)) = declared else {
        return Ok((Decoding::UTF8, 0));
    };
    let encoding = Encoding::for_label_no_replacement(name.as_bytes()).ok_or_else(|| {
        format!(
            "the file says its encoding is \"{name}\", which hcgloss does not know (it reads UTF-8, UTF-16 and the encodings of the WHATWG Encoding Standard, such as windows-1252 or ISO-8859-2)"
        )
    })?;
    // A UTF-16 declaration on bytes that are not UTF-16 (no mark, no
    // two-byte `<`) cannot be right: the bytes are read as UTF-8.
    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        return Ok((Decoding::UTF8, 0));
    }
    Ok((Decoding { encoding, reason }, 0))
}

/// The `encoding` pseudo-attribute of an XML declaration at the start of
/// `head`.
fn xml_declared(head: &[u8]) -> Option<String> {
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let close = value.find(quote)?;
    Some(value[..close].trim().to_string())
}

/// The coding named on a first line such as `# -*- coding: utf-8 -*-` or
/// `# coding=latin-1`.
fn coding_comment(head: &[u8]) -> Option<String> {
    let line_end = head
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(head.len());
    let line = String::from_utf8_lossy(&head[..line_end]);
    let at = line.find("coding")?;
    let rest = line[at + "coding".len()..].trim_start();
    let rest = rest.strip_prefix([':', '='])?.trim_start();
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// A byte sequence the file's encoding does not define, at a line of the
/// decoded text. Carried inside an `io::Error` so that the XML reader and
/// the text readers can name the line.
#[derive(Debug)]
pub struct DecodeError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// The decoding error an I/O error carries, if it carries one.
    pub fn of(e: &io::Error) -> Option<&DecodeError> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<DecodeError>())
    }
}

/// Decodes a stream in any encoding but UTF-8 into UTF-8 as it is read.
pub(super) struct Transcoder<R> {
    inner: R,
    decoder: Decoder,
    name: &'static str,
    out: Vec<u8>,
    pos: usize,
    done: bool,
    /// Line ends in the output so far (LF, and CR not followed by LF).
    line_ends: u64,
    last_cr: bool,
}

/// Output is decoded in pieces of this size.
const CHUNK: usize = 16 * 1024;

impl<R: BufRead> Transcoder<R> {
    pub(super) fn new(inner: R, encoding: &'static Encoding) -> Self {
        Transcoder {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            name: encoding.name(),
            out: Vec::new(),
            pos: 0,
            done: false,
            line_ends: 0,
            last_cr: false,
        }
    }

    fn count_lines(&mut self, from: usize) {
        for &b in &self.out[from..] {
            match b {
                b'\n' if self.last_cr => {}
                b'\n' | b'\r' => self.line_ends += 1,
                _ => {}
            }
            self.last_cr = b == b'\r';
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() && !self.done {
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(src.len().min(CHUNK))
                .unwrap_or(CHUNK * 3)
                .max(16);
            self.out.resize(room, 0);
            let take = src.len().min(CHUNK);
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(&src[..take], &mut self.out, last);
            self.out.truncate(written);
            self.inner.consume(read);
            self.count_lines(0);
            match result {
                encoding_rs::DecoderResult::InputEmpty => self.done = last,
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    let line = self.line_ends + 1;
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        DecodeError {
                            line,
                            message: format!(
                                "invalid {}: a byte sequence this encoding does not define",
                                self.name
                            ),
                        },
                    ));
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.out.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding_of(head: &[u8]) -> &'static str {
        detect(head).unwrap().0.encoding.name()
    }

    #[test]
    fn marks_first_then_xml_then_comments() {
        assert_eq!(encoding_of(b"\xef\xbb\xbfconcept"), "UTF-8");
        assert_eq!(detect(b"\xef\xbb\xbfx").unwrap().1, 3);
        assert_eq!(encoding_of(b"\xff\xfe<\0"), "UTF-16LE");
        assert_eq!(encoding_of(b"\xfe\xff\0<"), "UTF-16BE");
        assert_eq!(encoding_of(b"<\0?\0x\0"), "UTF-16LE");
        assert_eq!(encoding_of(b"\0<\0?"), "UTF-16BE");
        assert_eq!(
            encoding_of(b"<?xml version='1.0' encoding=\"windows-1254\" ?>\n<a/>"),
            "windows-1254"
        );
        assert_eq!(
            encoding_of(b"<?xml version=\"1.0\" encoding = 'ISO-8859-1'?>"),
            "windows-1252"
        );
        assert_eq!(
            encoding_of(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>"),
            "UTF-8"
        );
        assert_eq!(
            encoding_of(b"# glossary -*- coding: windows-1250 -*-\nA\tB"),
            "windows-1250"
        );
        assert_eq!(encoding_of(b"concept,lang"), "UTF-8");
        assert!(detect(b"\xff\xfe\0\0").unwrap_err().contains("UTF-32"));
        let e = detect(b"<?xml version=\"1.0\" encoding=\"klingon-8\"?>").unwrap_err();
        assert!(e.contains("\"klingon-8\""), "{e}");
    }

    #[test]
    fn transcodes_in_pieces_and_names_the_line_of_a_bad_sequence() {
        let text = "Bộ Công an\nİstanbul ışık\n".repeat(5000);
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = String::new();
        Transcoder::new(std::io::BufReader::with_capacity(7, &utf16[..]), UTF_16LE)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        // An unpaired surrogate on line 2.
        let mut bad: Vec<u8> = "a\nb".encode_utf16().flat_map(u16::to_le_bytes).collect();
        bad.extend_from_slice(&[0x00, 0xD8, b'c', 0]);
        let e = Transcoder::new(&bad[..], UTF_16LE)
            .read_to_string(&mut String::new())
            .unwrap_err();
        let d = DecodeError::of(&e).unwrap();
        assert_eq!(d.line, 2);
        assert!(d.message.starts_with("invalid UTF-16LE"), "{}", d.message);
    }
}
