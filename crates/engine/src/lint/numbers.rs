//! Numbers in a segment, read the way each working language writes them,
//! so that a source and its translation can be compared number by number
//! (`number-mismatch`).
//!
//! A number is a run of digits, possibly with `.` or `,` between digits,
//! and with `/` joining several such parts into one number (`24/7`,
//! `25/10/2025`). Indonesian and Vietnamese group thousands with `.` and
//! write the decimal comma (`1.000`, `2,5`); English does the opposite
//! (`1,000`, `2.5`). Each number is reduced to canonical readings (digits
//! only, no leading zeros, a decimal point, no trailing decimal zeros):
//!
//! - both separators in one number: the last one is the decimal mark, the
//!   other groups thousands (`1.234,5` and `1,234.5` are both `1234.5`);
//! - one kind of separator used twice or more: it groups thousands
//!   (`1.000.000`, `1,000,000`);
//! - one separator once, followed by exactly three digits: ambiguous
//!   between thousands and a decimal, so both readings are kept, the
//!   language's own convention first (`1.000` in Indonesian is `1000` or
//!   `1`); translators often keep the source's grouping, and a Vietnamese
//!   `1,000` copied from English is still the same number;
//! - otherwise one separator is the decimal mark (`2,5` and `2.5` are
//!   both `2.5`).
//!
//! Two numbers are the same when they share a reading. Digits stuck to
//! letters count (`G20`, `COVID-19`): they are carried over unchanged.
//! Dates and numbers written in words (`25 October` beside `25/10`, `dua`
//! beside `2`) are not recognised and show up as mismatches.

use crate::lint::Language;

/// One number in a text: where it is (bytes) and what it can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    /// Canonical readings, the most likely first; never empty.
    pub readings: Vec<String>,
}

impl Number {
    /// Whether two numbers can be the same value.
    pub fn same_as(&self, other: &Number) -> bool {
        self.readings.iter().any(|r| other.readings.contains(r))
    }
}

/// The thousands separator of a language.
fn thousands_separator(lang: Language) -> char {
    match lang {
        Language::En => ',',
        Language::Id | Language::Vi => '.',
    }
}

/// Digits without leading zeros (`0` stays).
fn integer(digits: &str) -> String {
    let t = digits.trim_start_matches('0');
    if t.is_empty() { "0".into() } else { t.into() }
}

/// `int.frac` with trailing zeros of the fraction dropped.
fn decimal(int: &str, frac: &str) -> String {
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        integer(int)
    } else {
        format!("{}.{frac}", integer(int))
    }
}

/// The readings of one part (no `/`), e.g. `1.000` or `2,5`.
fn part_readings(part: &str, lang: Language) -> Vec<String> {
    let dots = part.matches('.').count();
    let commas = part.matches(',').count();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match (dots, commas) {
        (0, 0) => vec![integer(part)],
        (d, c) if d > 0 && c > 0 => {
            let mark = part.rfind(['.', ',']).expect("a separator");
            vec![decimal(&digits(&part[..mark]), &part[mark + 1..])]
        }
        (n, 0) | (0, n) if n >= 2 => vec![integer(&digits(part))],
        _ => {
            let mark = part.find(['.', ',']).expect("a separator");
            let (int, frac) = (&part[..mark], &part[mark + 1..]);
            if frac.len() != 3 {
                return vec![decimal(int, frac)];
            }
            let grouped = integer(&digits(part));
            let fractional = decimal(int, frac);
            let sep = part[mark..].chars().next().expect("the separator");
            if sep == thousands_separator(lang) {
                vec![grouped, fractional]
            } else {
                vec![fractional, grouped]
            }
        }
    }
}

/// Every number in `text`, in order.
pub fn extract(text: &str, lang: Language) -> Vec<Number> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let start = i;
        // A separator belongs to the number only between two digits.
        while digit(i) || (matches!(bytes.get(i), Some(b'.' | b',' | b'/')) && digit(i + 1)) {
            i += 1;
        }
        let token = &text[start..i];
        let parts: Vec<Vec<String>> = token.split('/').map(|p| part_readings(p, lang)).collect();
        out.push(Number {
            start,
            end: i,
            readings: combine(&parts),
        });
    }
    out
}

/// All `/`-joined combinations of the parts' readings, most likely first
/// (parts rarely have more than two readings, so this stays small).
fn combine(parts: &[Vec<String>]) -> Vec<String> {
    let mut acc = vec![String::new()];
    for (k, readings) in parts.iter().enumerate() {
        let mut next = Vec::with_capacity(acc.len() * readings.len());
        for a in &acc {
            for r in readings {
                next.push(if k == 0 {
                    r.clone()
                } else {
                    format!("{a}/{r}")
                });
            }
        }
        acc = next;
    }
    acc
}

/// Numbers of `a` that `b` lacks: each number of `b` stands for at most
/// one of `a`, so `72 … 72` against one `72` leaves one unmatched.
pub fn unmatched<'n>(a: &'n [Number], b: &[Number]) -> Vec<&'n Number> {
    let mut used = vec![false; b.len()];
    let mut out = Vec::new();
    // Numbers with a single reading first, so an ambiguous one cannot take
    // the partner a certain one needs.
    let mut order: Vec<usize> = (0..a.len()).collect();
    order.sort_by_key(|&i| (a[i].readings.len(), i));
    let mut missing = Vec::new();
    for i in order {
        match (0..b.len()).find(|&j| !used[j] && a[i].same_as(&b[j])) {
            Some(j) => used[j] = true,
            None => missing.push(i),
        }
    }
    missing.sort_unstable();
    out.extend(missing.into_iter().map(|i| &a[i]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::*;

    fn readings(text: &str, lang: Language) -> Vec<(&str, Vec<String>)> {
        extract(text, lang)
            .into_iter()
            .map(|n| (&text[n.start..n.end], n.readings))
            .collect()
    }

    fn one(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn plain_numbers_and_sentence_punctuation() {
        assert_eq!(
            readings("Sebanyak 72 negara, pada 2027.", Id),
            vec![("72", one("72")), ("2027", one("2027"))]
        );
        assert_eq!(
            readings("08:30", En),
            vec![("08", one("8")), ("30", one("30"))]
        );
        assert_eq!(
            readings("COVID-19 dan G20", Id),
            vec![("19", one("19")), ("20", one("20"))]
        );
    }

    #[test]
    fn slashes_join_parts() {
        assert_eq!(readings("layanan 24/7", Id), vec![("24/7", one("24/7"))]);
        assert_eq!(
            readings("ngày 25/10/2025", Vi),
            vec![("25/10/2025", one("25/10/2025"))]
        );
        // A slash at the end is punctuation.
        assert_eq!(readings("40/ tahun", Id), vec![("40", one("40"))]);
    }

    #[test]
    fn thousands_and_decimals_by_language() {
        assert_eq!(readings("1.000.000", Id)[0].1, one("1000000"));
        assert_eq!(readings("1,000,000", En)[0].1, one("1000000"));
        assert_eq!(readings("1.234,50", Vi)[0].1, one("1234.5"));
        assert_eq!(readings("1,234.50", En)[0].1, one("1234.5"));
        assert_eq!(readings("2,5 persen", Id)[0].1, one("2.5"));
        assert_eq!(readings("2.5 percent", En)[0].1, one("2.5"));
        assert_eq!(readings("1,20", En)[0].1, one("1.2"));
        // Ambiguous: the language's convention first, the other kept.
        assert_eq!(readings("1.000", Id)[0].1, one("1000 1"));
        assert_eq!(readings("1.000", En)[0].1, one("1 1000"));
        assert_eq!(readings("1,000", Vi)[0].1, one("1 1000"));
        assert_eq!(readings("1,000", En)[0].1, one("1000 1"));
    }

    #[test]
    fn the_same_value_across_conventions() {
        let id = extract("Rp1.000 dan 2,5 persen dan 1000 orang", Id);
        let en = extract("1,000 rupiah, 2.5 percent, 1,000 people", En);
        assert!(unmatched(&id, &en).is_empty());
        assert!(unmatched(&en, &id).is_empty());
        let vi = extract("1.000 người", Vi);
        assert!(unmatched(&vi, &extract("1000 people", En)).is_empty());
        assert_eq!(unmatched(&vi, &extract("100 people", En)).len(), 1);
    }

    #[test]
    fn each_number_is_matched_once() {
        let src = extract("72 negara dan 72 delegasi pada 2027", Id);
        let tgt = extract("72 countries in 2026", En);
        let missing: Vec<_> = unmatched(&src, &tgt)
            .into_iter()
            .map(|n| n.readings[0].as_str())
            .collect();
        assert_eq!(missing, ["72", "2027"]);
        let back: Vec<_> = unmatched(&tgt, &src)
            .into_iter()
            .map(|n| n.readings[0].as_str())
            .collect();
        assert_eq!(back, ["2026"]);
    }

    #[test]
    fn a_certain_number_keeps_its_partner() {
        // `1.000` (Indonesian) may be 1000 or 1; `1000` must take the 1000.
        let src = extract("1.000 dan 1000", Id);
        let tgt = extract("1000 and 1", En);
        assert!(unmatched(&src, &tgt).is_empty());
    }
}
