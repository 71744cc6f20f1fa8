//! The words language identification reads ([`super::lang`]): runs of
//! letters, digits and marks, without addresses and numbers. Every
//! sentence of every document is read this way, so the common case, ASCII
//! text, is read byte by byte; what it gives is what the reading by
//! characters gives (a test compares the two).

/// Calls `each` with the words of `text` for language identification:
/// runs of letters, digits and marks; web and file addresses and anything
/// with a digit are left out (they are not language).
///
/// Every sentence of every document is read this way, so the common case
/// is read byte by byte: a chunk in ASCII (no ASCII character is a mark,
/// and an ASCII letter or digit is what `char::is_alphanumeric` says), and
/// an address told first by its dot or colon.
pub(super) fn each_word<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    if text.is_ascii() {
        // The white space `char::is_whitespace` knows in ASCII.
        let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if space(b[i]) {
                i += 1;
                continue;
            }
            let (start, mut dot) = (i, false);
            while i < b.len() && !space(b[i]) {
                dot |= b[i] == b'.' || b[i] == b':';
                i += 1;
            }
            let chunk = &text[start..i];
            if !(dot && is_address(chunk)) {
                ascii_words(chunk, &mut each);
            }
        }
        return;
    }
    for chunk in text.split(|c: char| c.is_whitespace()) {
        if chunk.bytes().any(|b| b == b'.' || b == b':') && is_address(chunk) {
            continue;
        }
        if chunk.is_ascii() {
            ascii_words(chunk, &mut each);
            continue;
        }
        chunk
            .split(|c: char| {
                !(c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
            })
            .filter(|w| !w.is_empty() && w.chars().all(|c| !c.is_ascii_digit()))
            .for_each(&mut each);
    }
}

/// [`each_word`] of a chunk in ASCII, between white space: its runs of
/// letters and digits without a digit.
fn ascii_words<'t>(chunk: &'t str, each: &mut impl FnMut(&'t str)) {
    let b = chunk.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let (start, mut digit) = (i, false);
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            digit |= b[i].is_ascii_digit();
            i += 1;
        }
        if !digit {
            each(&chunk[start..i]);
        }
    }
}

/// A web address, e-mail address, domain or file name.
fn is_address(chunk: &str) -> bool {
    super::address::is_address(chunk) || super::address::is_domain(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading by characters.
    fn by_chars(text: &str) -> Vec<&str> {
        text.split(|c: char| c.is_whitespace())
            .filter(|chunk| !is_address(chunk))
            .flat_map(|chunk| {
                chunk.split(|c: char| {
                    !(c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
                })
            })
            .filter(|w| !w.is_empty() && w.chars().all(|c| !c.is_ascii_digit()))
            .collect()
    }

    #[test]
    fn words_read_by_bytes_are_those_read_by_characters() {
        for text in [
            "",
            "  Kata, kata-kata (lagi)! dan 24/7 atau COVID19 x2.",
            "tab\tvt\x0bff\x0ccr\rnl\nend",
            "Sumber: https://contoh.vn/a.htm contoh.vn www.x.org redaksi@contoh.vn foto.jpg.",
            "Thủ tướng chủ trì họp báo\u{a0}về lễ ký\u{2003}công ước - Ảnh 2.",
            "mixed ascii dan Việt: a.b ngày 25/10/2025, ok",
            "combining e\u{301} and \u{2019}quote\u{2019}",
        ] {
            let mut got = Vec::new();
            each_word(text, |w| got.push(w));
            assert_eq!(got, by_chars(text), "{text:?}");
        }
    }
}
