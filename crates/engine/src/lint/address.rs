//! Web addresses and file names inside running text. They are not
//! language and not terminology: `…/cong-uoc-ha-noi.htm` names no
//! convention, and `https://vietnamplus.vn/…` is no misspelt brand. Both the
//! matcher and language identification leave them out.

/// Extensions that make a chunk a file name.
const FILE_EXTENSIONS: [&str; 8] = [
    ".jpg", ".jpeg", ".png", ".gif", ".htm", ".html", ".vnp", ".pdf",
];

/// Whether a whitespace-delimited chunk is a web address, an e-mail
/// address or a file name. A bare domain (`Vietnamnet.vn`) is not: papers
/// use it as their name.
pub fn is_address(chunk: &str) -> bool {
    // Every form below has a dot or a colon; most words have neither (told
    // byte by byte: neither byte occurs inside another character).
    if !chunk.bytes().any(|b| b == b'.' || b == b':') {
        return false;
    }
    let lower = chunk.to_lowercase();
    let trimmed = lower.trim_end_matches(['.', ',', ';', ':', ')', '"', '”']);
    lower.contains("://")
        || lower.starts_with("www.")
        || (lower.contains('@') && lower.contains('.'))
        || (lower.contains('/') && lower.contains('.') && !lower.contains(' '))
        || FILE_EXTENSIONS.iter().any(|e| trimmed.ends_with(e))
}

/// Whether a chunk is a domain name (`contoh.vn`, `Vietnamnet.vn`): not
/// an address for matching, but not language either.
pub fn is_domain(chunk: &str) -> bool {
    if !chunk.contains('.') {
        return false;
    }
    let lower = chunk.to_lowercase();
    let trimmed = lower.trim_end_matches(['.', ',', ';', ':', ')', '"', '”']);
    [".vn", ".com", ".org", ".net", ".id", ".int"]
        .iter()
        .any(|tld| trimmed.ends_with(tld) && trimmed.len() > tld.len())
}

/// Byte ranges of the address chunks of `text`.
pub fn address_ranges(text: &str) -> Vec<(usize, usize)> {
    // Only a chunk with a dot or a colon may be an address: each is found
    // by its byte, and only its chunk is read (the whole text was read
    // character by character, a fifth of the time of reading sentences).
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes[from..]
        .iter()
        .position(|&b| b == b'.' || b == b':')
        .map(|i| from + i)
    {
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i);
        if is_address(&text[start..end]) {
            out.push((start, end));
        }
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chunk between white space, each asked.
    fn address_ranges_by_chunk(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_whitespace() {
                if let Some(s) = start.take()
                    && is_address(&text[s..i])
                {
                    out.push((s, i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        out
    }

    #[test]
    fn address_ranges_are_those_of_every_chunk() {
        for text in [
            "",
            ".",
            "a.jpg",
            " x.jpg y.png\u{a0}z.pdf\u{2003}w:x https://a.vn/b.htm. ",
            "Sumber: https://contoh.vn/a.htm\nFoto: x.jpg. Kata biasa: tidak.",
            "www.contoh.vn:80 redaksi@contoh.vn ... :: a.b.c.jpg",
            "Đường dẫn: trang.vn/bài-viết.html và ảnh.jpg",
        ] {
            assert_eq!(
                address_ranges(text),
                address_ranges_by_chunk(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn addresses() {
        assert!(is_address("https://contoh.vn/cong-uoc-ha-noi.htm"));
        assert!(is_address("www.contoh.vn"));
        assert!(is_address("redaksi@contoh.vn"));
        assert!(is_address("ttxvn-le-ky-cong-uoc-ha-noi-3.jpg"));
        assert!(is_address("contoh.vn/berita"));
        assert!(!is_address("Vietnamnet.vn"));
        assert!(!is_address("24/7"));
        assert!(!is_address("VGP/Nhat"));
        assert!(is_domain("Vietnamnet.vn"));
        assert!(!is_domain("Tn."));
        let text = "Sumber: https://contoh.vn/a.htm\nFoto: x.jpg.";
        let got: Vec<&str> = address_ranges(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(got, vec!["https://contoh.vn/a.htm", "x.jpg."]);
    }
}
