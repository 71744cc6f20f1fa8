//! Indonesian stemming, so that `ratifikasinya`, `meratifikasi` and
//! `diratifikasi` are found as occurrences of the term `ratifikasi`.
//!
//! The algorithm follows Nazief and Adriani's confix-stripping design (the
//! one the Sastrawi stemmers implement): every step is checked against a
//! dictionary, and a step that leads nowhere is undone.
//!
//! 1. A word found in the dictionary is its own root.
//! 2. Strip a particle (`-lah`, `-kah`, `-tah`, `-pun`), then a possessive
//!    pronoun (`-ku`, `-mu`, `-nya`), checking the dictionary after each.
//! 3. Strip a derivational suffix (`-kan`, `-an`, `-i`), then up to three
//!    derivational prefixes (`di-`, `ke-`, `se-`, `be(r)-`, `te(r)-`,
//!    `me(N)-`, `pe(N)-`, `per-`), undoing the nasal assimilation of `meN-`
//!    and `peN-` (`menandatangani` → `tandatangan-i`, `mengirim` →
//!    `kirim`, `menyapu` → `sapu`), and refusing the prefix–suffix pairs
//!    Indonesian does not form (`di-…-an`, `me-…-an`, `ke-…-i`, …).
//! 4. If no root is found with the suffix removed, retry the prefixes with
//!    the suffix kept (`meratifikasi` is `me-` + `ratifikasi`, not
//!    `me-` + `ratifikas` + `-i`).
//!
//! What it covers, honestly: the dictionary here is the glossary's own
//! Indonesian words, not a general lexicon, so a word is only ever reduced
//! to a word some term contains; anything else is left alone. Reduplication
//! (`negara-negara`) needs no stemming because folding splits it into two
//! words. Infixes (`-el-`, `-em-`, `-er-`) and loan-word suffixes (`-isasi`,
//! `-isme`) are not stripped: they make different words. Whether a stemmed
//! word still counts as the term is a separate decision, made by
//! [`Analysis::keeps_meaning`]: inflection and verb formation do, noun
//! formation (`penandatanganan` from `tanda tangan`, `kejahatan` from
//! `jahat`) does not.

use std::collections::HashSet;

/// The set of known roots the stemmer may reduce words to.
pub trait Dictionary {
    fn contains(&self, word: &str) -> bool;
}

impl<S: std::hash::BuildHasher> Dictionary for HashSet<String, S> {
    fn contains(&self, word: &str) -> bool {
        HashSet::contains(self, word)
    }
}

/// Particles: emphasis and question clitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particle {
    Lah,
    Kah,
    Tah,
    Pun,
}

/// Possessive pronoun clitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Possessive {
    Ku,
    Mu,
    Nya,
}

/// Derivational suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    Kan,
    An,
    I,
}

/// Derivational prefixes; `Me` and `Pe` include their nasal variants
/// (`mem-`, `men-`, `meng-`, `meny-`, `menge-`; `pem-`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    Di,
    Ke,
    Se,
    Ber,
    Ter,
    Me,
    Pe,
    Per,
}

impl Particle {
    const ALL: [(Particle, &'static str); 4] = [
        (Particle::Lah, "lah"),
        (Particle::Kah, "kah"),
        (Particle::Tah, "tah"),
        (Particle::Pun, "pun"),
    ];
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(p, _)| *p == self)
            .expect("listed")
            .1
    }
}

impl Possessive {
    const ALL: [(Possessive, &'static str); 3] = [
        (Possessive::Nya, "nya"),
        (Possessive::Ku, "ku"),
        (Possessive::Mu, "mu"),
    ];
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(p, _)| *p == self)
            .expect("listed")
            .1
    }
}

impl Suffix {
    pub fn as_str(self) -> &'static str {
        match self {
            Suffix::Kan => "kan",
            Suffix::An => "an",
            Suffix::I => "i",
        }
    }
}

/// A word taken apart: its root and the affixes around it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    pub root: String,
    /// Outermost first (`memper-` is `[Me, Per]`).
    pub prefixes: Vec<Prefix>,
    pub suffix: Option<Suffix>,
    pub possessive: Option<Possessive>,
    pub particle: Option<Particle>,
}

impl Analysis {
    fn bare(root: &str) -> Analysis {
        Analysis {
            root: root.to_string(),
            ..Analysis::default()
        }
    }

    /// No affix was removed.
    pub fn is_bare(&self) -> bool {
        self.prefixes.is_empty()
            && self.suffix.is_none()
            && self.possessive.is_none()
            && self.particle.is_none()
    }

    /// Whether there are prefixes.
    pub fn has_prefix(&self) -> bool {
        !self.prefixes.is_empty()
    }

    /// Whether anything was removed from the end of the word.
    pub fn has_suffix(&self) -> bool {
        self.suffix.is_some() || self.possessive.is_some() || self.particle.is_some()
    }

    /// Only clitics (particle, possessive) were removed: the word is the
    /// root plus [`Analysis::clitics`], letter for letter.
    pub fn is_clitic_only(&self) -> bool {
        self.prefixes.is_empty() && self.suffix.is_none()
    }

    /// The clitics as written after the root: `nya`, `lah`, `nyalah`.
    pub fn clitics(&self) -> String {
        let mut s = String::new();
        if let Some(p) = self.possessive {
            s.push_str(p.as_str());
        }
        if let Some(p) = self.particle {
            s.push_str(p.as_str());
        }
        s
    }

    /// Whether the word still names what its root names. Clitics and verb
    /// formation keep the meaning (`ratifikasinya`, `meratifikasi`,
    /// `diratifikasi`, `menandatangani`); noun formation with `pe(N)-`,
    /// `per-…-an`, `ke-…-an`, `-an` or the numeral `se-` makes another word
    /// (`penandatanganan` "signing" is not `tanda tangan` "signature",
    /// `kejahatan` "crime" is not `jahat` "evil").
    pub fn keeps_meaning(&self) -> bool {
        if self.suffix == Some(Suffix::An) {
            return false;
        }
        !self
            .prefixes
            .iter()
            .any(|p| matches!(p, Prefix::Pe | Prefix::Ke | Prefix::Se))
    }
}

/// Prefix–suffix pairs Indonesian does not combine.
fn forbidden_pair(prefix: Prefix, suffix: Option<Suffix>) -> bool {
    matches!(
        (prefix, suffix),
        (Prefix::Ber, Some(Suffix::I))
            | (Prefix::Di, Some(Suffix::An))
            | (Prefix::Ke, Some(Suffix::I | Suffix::Kan))
            | (Prefix::Me, Some(Suffix::An))
            | (Prefix::Se, Some(Suffix::I | Suffix::Kan))
            | (Prefix::Ter, Some(Suffix::An))
    )
}

/// Roots found by stripping must be at least this long; shorter "roots" are
/// almost always accidents (`di` + `a`).
const MIN_STRIPPED_ROOT: usize = 3;

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn starts_with_vowel(s: &str) -> bool {
    s.bytes().next().is_some_and(is_vowel)
}

/// The ways a word may be read as prefix + rest, most likely first. Each
/// rest is a candidate to check against the dictionary (or to strip
/// further); the dictionary decides between readings.
fn prefix_readings(word: &str) -> Vec<(Prefix, String)> {
    let mut out = Vec::new();
    let mut push = |p: Prefix, rest: String| {
        if !rest.is_empty() {
            out.push((p, rest));
        }
    };
    let after = |n: usize| word[n..].to_string();
    if let Some(rest) = word.strip_prefix("di") {
        push(Prefix::Di, rest.to_string());
    }
    if let Some(rest) = word.strip_prefix("ke") {
        push(Prefix::Ke, rest.to_string());
    }
    if let Some(rest) = word.strip_prefix("se") {
        push(Prefix::Se, rest.to_string());
    }
    if word.starts_with("ber") {
        push(Prefix::Ber, after(3));
        // be- before a root starting with r (berakit: be-rakit).
        push(Prefix::Ber, after(2));
    } else if word == "belajar" {
        push(Prefix::Ber, "ajar".into());
    } else if let Some(rest) = word.strip_prefix("be") {
        // be- before a syllable ending in -er (bekerja: be-kerja).
        push(Prefix::Ber, rest.to_string());
    }
    if word.starts_with("ter") {
        push(Prefix::Ter, after(3));
        push(Prefix::Ter, after(2));
    } else if let Some(rest) = word.strip_prefix("te") {
        push(Prefix::Ter, rest.to_string());
    }
    if word.starts_with("per") {
        push(Prefix::Per, after(3));
    }
    for (short, prefix) in [("me", Prefix::Me), ("pe", Prefix::Pe)] {
        let Some(rest) = word.strip_prefix(short) else {
            continue;
        };
        nasal_readings(rest, prefix, &mut push);
    }
    out
}

/// Readings of `meN-`/`peN-` once `me`/`pe` is removed from the front:
/// `rest` begins with the nasal (or directly with the root).
fn nasal_readings(rest: &str, prefix: Prefix, push: &mut impl FnMut(Prefix, String)) {
    let tail = |n: usize| rest[n..].to_string();
    if let Some(r) = rest.strip_prefix("ng") {
        if rest.starts_with("nge") && rest.len() > 5 {
            // menge- before one-syllable roots (mengebom: bom).
            push(prefix, tail(3));
        }
        // meng- before vowels, g, h (mengambil, menggunakan); a vowel may
        // also hide a dropped k (mengirim: kirim).
        push(prefix, r.to_string());
        if starts_with_vowel(r) {
            push(prefix, format!("k{r}"));
        }
    } else if let Some(r) = rest.strip_prefix("ny") {
        // meny- replaces s (menyapu: sapu).
        push(prefix, format!("s{r}"));
        push(prefix, rest.to_string());
    } else if let Some(r) = rest.strip_prefix('m') {
        // mem- before b, f, v; before a vowel it replaced p (memukul:
        // pukul); me- before a root starting with m (memakan: makan).
        push(prefix, r.to_string());
        if starts_with_vowel(r) {
            push(prefix, format!("p{r}"));
            push(prefix, rest.to_string());
        }
    } else if let Some(r) = rest.strip_prefix('n') {
        // men- before c, d, j, z, s; before a vowel it replaced t
        // (menandatangani: tandatangan); me- before n (menikah: nikah).
        push(prefix, r.to_string());
        if starts_with_vowel(r) {
            push(prefix, format!("t{r}"));
            push(prefix, rest.to_string());
        }
    } else if rest.starts_with(['l', 'r', 'w', 'y']) {
        // me- before l, r, w, y (meratifikasi, melihat).
        push(prefix, rest.to_string());
    } else if prefix == Prefix::Pe {
        // pe- before other consonants in a few words (pekerja: kerja).
        push(prefix, rest.to_string());
    }
}

/// Strips derivational prefixes from `word` until a dictionary word is
/// reached, at most three, no prefix twice, respecting forbidden pairs with
/// `suffix` for the first prefix.
fn strip_prefixes(
    word: &str,
    suffix: Option<Suffix>,
    taken: &mut Vec<Prefix>,
    dict: &dyn Dictionary,
) -> Option<String> {
    if taken.len() == 3 {
        return None;
    }
    for (prefix, rest) in prefix_readings(word) {
        if taken.contains(&prefix) || (taken.is_empty() && forbidden_pair(prefix, suffix)) {
            continue;
        }
        taken.push(prefix);
        if rest.len() >= MIN_STRIPPED_ROOT && dict.contains(&rest) {
            return Some(rest);
        }
        if let Some(root) = strip_prefixes(&rest, suffix, taken, dict) {
            return Some(root);
        }
        taken.pop();
    }
    None
}

fn strip_ending<'w, T: Copy>(word: &'w str, table: &[(T, &str)]) -> Option<(&'w str, T)> {
    table.iter().find_map(|(t, end)| {
        word.strip_suffix(end)
            .filter(|rest| rest.len() >= 2)
            .map(|rest| (rest, *t))
    })
}

/// Reduces a folded (lowercase) word to a dictionary root, or `None` when
/// no reading of it leads to one.
pub fn stem(word: &str, dict: &dyn Dictionary) -> Option<Analysis> {
    if dict.contains(word) {
        return Some(Analysis::bare(word));
    }
    let mut analysis = Analysis::default();
    let mut w = word;
    if let Some((rest, p)) = strip_ending(w, &Particle::ALL) {
        w = rest;
        analysis.particle = Some(p);
        if dict.contains(w) {
            analysis.root = w.to_string();
            return Some(analysis);
        }
    }
    if let Some((rest, p)) = strip_ending(w, &Possessive::ALL) {
        w = rest;
        analysis.possessive = Some(p);
        if dict.contains(w) {
            analysis.root = w.to_string();
            return Some(analysis);
        }
    }
    let mut suffixes = Vec::new();
    if let Some(rest) = w.strip_suffix("kan") {
        suffixes.push((rest, Some(Suffix::Kan)));
    }
    if let Some(rest) = w.strip_suffix("an") {
        suffixes.push((rest, Some(Suffix::An)));
    }
    if let Some(rest) = w.strip_suffix('i') {
        suffixes.push((rest, Some(Suffix::I)));
    }
    // Last, the reading with the suffix restored (step 4 above).
    suffixes.push((w, None));
    for (base, suffix) in suffixes {
        if base.len() < MIN_STRIPPED_ROOT {
            continue;
        }
        if suffix.is_some() && dict.contains(base) {
            analysis.suffix = suffix;
            analysis.root = base.to_string();
            return Some(analysis);
        }
        let mut taken = Vec::new();
        if let Some(root) = strip_prefixes(base, suffix, &mut taken, dict) {
            analysis.suffix = suffix;
            analysis.prefixes = taken;
            analysis.root = root;
            return Some(analysis);
        }
    }
    None
}

#[cfg(test)]
mod tests;
