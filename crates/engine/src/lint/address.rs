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
    // Every form below has a dot or a colon; most words have neither.
    if !chunk.contains(['.', ':']) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
