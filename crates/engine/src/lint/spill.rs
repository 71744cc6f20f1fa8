//! The drafts of one document while it is judged, in text order and a
//! compact encoding: in memory up to [`BOUND`] bytes, then in an anonymous
//! temporary file. A document with millions of findings (a deprecated
//! term every few words of a 200 MB file) holds none of them while its
//! pieces are read; they are read back, twice, once every piece is.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};

use super::{Draft, Edit, Related, Rule};

/// Encoded drafts kept in memory before they go to the file.
pub(super) const BOUND: usize = 16 << 20;

pub(super) struct Spill {
    buf: Vec<u8>,
    file: Option<File>,
    /// Bytes of encoded drafts kept in memory before they go to the file
    /// (`usize::MAX`: never).
    bound: usize,
    len: usize,
}

fn put_usize(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_usize(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

fn encode(d: &Draft, out: &mut Vec<u8>) {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    let rule = Rule::ALL.iter().position(|&r| r == d.rule).expect("a rule");
    out.push(rule as u8);
    put_usize(out, d.start);
    put_usize(out, d.end);
    put_opt_str(out, d.concept.as_deref());
    put_opt_str(out, d.suggestion.as_deref());
    put_str(out, &d.message);
    match &d.fix {
        Some(e) => {
            out.push(1);
            put_usize(out, e.start);
            put_usize(out, e.end);
            put_str(out, &e.replacement);
        }
        None => out.push(0),
    }
    match &d.related {
        Some(r) => {
            out.push(1);
            put_usize(out, r.start);
            put_usize(out, r.end);
            put_str(out, &r.rest);
        }
        None => out.push(0),
    }
    let len = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&len.to_le_bytes());
}

/// Reads what [`encode`] wrote, from the start of `b`.
struct Decoder<'b> {
    b: &'b [u8],
}

impl Decoder<'_> {
    fn usize(&mut self) -> usize {
        let (n, rest) = self.b.split_at(8);
        self.b = rest;
        u64::from_le_bytes(n.try_into().expect("eight bytes")) as usize
    }

    fn byte(&mut self) -> u8 {
        let (n, rest) = self.b.split_at(1);
        self.b = rest;
        n[0]
    }

    fn string(&mut self) -> String {
        let len = self.usize();
        let (s, rest) = self.b.split_at(len);
        self.b = rest;
        String::from_utf8(s.to_vec()).expect("written from a str")
    }

    fn opt_string(&mut self) -> Option<String> {
        (self.byte() == 1).then(|| self.string())
    }

    fn draft(&mut self) -> Draft {
        let rule = Rule::ALL[self.byte() as usize];
        let (start, end) = (self.usize(), self.usize());
        let concept = self.opt_string();
        let suggestion = self.opt_string();
        let message = self.string();
        let fix = (self.byte() == 1).then(|| Edit {
            start: self.usize(),
            end: self.usize(),
            replacement: self.string(),
        });
        let related = (self.byte() == 1).then(|| Related {
            start: self.usize(),
            end: self.usize(),
            rest: self.string(),
        });
        Draft {
            rule,
            start,
            end,
            concept,
            suggestion,
            message,
            fix,
            related,
        }
    }
}

/// Calls `each` with every draft encoded in `bytes` (whole records).
fn decode_all(mut bytes: &[u8], each: &mut dyn FnMut(Draft)) {
    while !bytes.is_empty() {
        let mut d = Decoder { b: bytes };
        let len = d.usize();
        let (record, rest) = d.b.split_at(len);
        each(Decoder { b: record }.draft());
        bytes = rest;
    }
}

impl Spill {
    /// Drafts kept in memory up to `bound` bytes, then in a file.
    pub(super) fn new(bound: usize) -> Spill {
        Spill {
            buf: Vec::new(),
            file: None,
            bound,
            len: 0,
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }

    /// Adds a draft after those already added.
    pub(super) fn push(&mut self, d: &Draft) -> io::Result<()> {
        encode(d, &mut self.buf);
        self.len += 1;
        if self.buf.len() > self.bound {
            let file = match &mut self.file {
                Some(f) => f,
                None => self.file.insert(tempfile::tempfile()?),
            };
            file.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Calls `each` with every draft, in the order they were added.
    pub(super) fn for_each(&mut self, each: &mut dyn FnMut(Draft)) -> io::Result<()> {
        if let Some(file) = &mut self.file {
            file.seek(SeekFrom::Start(0))?;
            let mut r = BufReader::with_capacity(1 << 16, &*file);
            let mut len = [0; 8];
            let mut record = Vec::new();
            loop {
                match r.read_exact(&mut len) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
                    Err(e) => return Err(e),
                }
                record.clear();
                record.extend_from_slice(&len);
                record.resize(8 + u64::from_le_bytes(len) as usize, 0);
                r.read_exact(&mut record[8..])?;
                decode_all(&record, each);
            }
        }
        decode_all(&self.buf, each);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(i: usize) -> Draft {
        Draft {
            rule: Rule::ALL[i % Rule::ALL.len()],
            start: i,
            end: i + 3,
            concept: i.is_multiple_of(2).then(|| format!("c{i}")),
            suggestion: i.is_multiple_of(3).then(|| "saran ä".to_string()),
            message: format!("pesan {i} – ✓"),
            fix: i.is_multiple_of(4).then(|| Edit {
                start: i,
                end: i + 1,
                replacement: String::new(),
            }),
            related: i.is_multiple_of(5).then(|| Related {
                start: 0,
                end: i,
                rest: "; lagi".to_string(),
            }),
        }
    }

    #[test]
    fn drafts_come_back_as_they_went_in() {
        for bound in [usize::MAX, 1000, 0] {
            let mut s = Spill::new(bound);
            let n = 2000;
            for i in 0..n {
                s.push(&draft(i)).unwrap();
            }
            assert_eq!(s.len(), n);
            for _ in 0..2 {
                let mut back = Vec::new();
                s.for_each(&mut |d| back.push(d)).unwrap();
                assert_eq!(back, (0..n).map(draft).collect::<Vec<_>>());
            }
        }
    }
}
