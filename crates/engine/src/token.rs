//! The server's write tokens: made from the operating system's random
//! source, shown once, and kept only as a SHA-256 hash, so that a copy of
//! the store does not hand out write access.

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// What every token starts with, so that one pasted where it should not
/// be (a chat, a log) is recognisable.
const PREFIX: &str = "hcg_";

/// A new token: the prefix and 32 random bytes in hex.
pub fn generate() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Internal(format!("no random numbers to make a token from: {e}")))?;
    Ok(format!("{PREFIX}{}", hex(&bytes)))
}

/// The hash a token is stored and looked up by.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (generate().unwrap(), generate().unwrap());
        assert_ne!(a, b);
        assert!(a.starts_with("hcg_") && a.len() == 4 + 64, "{a}");
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
