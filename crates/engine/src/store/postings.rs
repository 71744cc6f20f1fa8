//! The stored form of a word's postings: the ids of the segments holding
//! the word, ascending, as one blob per word. Each id is written as its
//! difference from the previous one (the first from 0) in LEB128: seven
//! bits per byte, low bits first, the high bit set on every byte but the
//! last.
//!
//! Why a blob rather than a row per posting: a search reads the postings
//! of a dozen words, thousands of ids each on a large memory. Read as rows
//! that is one B-tree step per id; read as blobs it is a dozen lookups and
//! a tight decoding loop, and the differences take a byte or two where a
//! row took about ten. `db/0005_tm_posting_lists.sql` writes the same
//! encoding in SQL when it converts an older store; a test checks that the
//! two agree.

use crate::error::{Error, Result};

/// Appends `id` to an encoded list whose last id is `*last` (0 when the
/// list is empty), and makes `id` the last. Ids must ascend.
pub fn push(blob: &mut Vec<u8>, last: &mut i64, id: i64) {
    debug_assert!(id > *last, "postings must ascend: {id} after {}", *last);
    let mut delta = (id - *last) as u64;
    *last = id;
    while delta >= 0x80 {
        blob.push((delta as u8 & 0x7f) | 0x80);
        delta >>= 7;
    }
    blob.push(delta as u8);
}

/// Adds `id` to an encoded list whose last id is `*last`: appended when it
/// is the largest, as it always is for a new segment; otherwise (rowids
/// past the largest SQLite can count are chosen at random) the list is
/// decoded and written again in order. Returns whether it was added: an
/// id already present is not added twice.
pub fn add(blob: &mut Vec<u8>, last: &mut i64, id: i64) -> Result<bool> {
    if id > *last {
        push(blob, last, id);
        return Ok(true);
    }
    if id == *last && !blob.is_empty() {
        return Ok(false);
    }
    let mut ids = decode(blob)?;
    match ids.binary_search(&id) {
        Ok(_) => Ok(false),
        Err(at) => {
            ids.insert(at, id);
            *blob = encode(&ids);
            Ok(true)
        }
    }
}

/// The ids of an encoded list, in ascending order. Fails on a blob that
/// ends inside an id or overflows: the store was damaged.
pub fn decode(blob: &[u8]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(blob.len());
    let (mut last, mut delta, mut shift) = (0i64, 0u64, 0u32);
    for &byte in blob {
        if shift > 63 {
            return Err(damaged());
        }
        delta |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 != 0 {
            shift += 7;
            continue;
        }
        last = i64::try_from(delta)
            .ok()
            .and_then(|d| last.checked_add(d))
            .ok_or_else(damaged)?;
        ids.push(last);
        (delta, shift) = (0, 0);
    }
    if shift != 0 {
        return Err(damaged());
    }
    Ok(ids)
}

fn damaged() -> Error {
    Error::Internal(
        "the translation memory's word index is damaged; re-import the memory into a new store"
            .into(),
    )
}

/// Encodes ascending `ids` as a new list.
pub fn encode(ids: &[i64]) -> Vec<u8> {
    let mut blob = Vec::with_capacity(ids.len() * 2);
    let mut last = 0;
    for &id in ids {
        push(&mut blob, &mut last, id);
    }
    blob
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_take_one_byte_per_seven_bits() {
        // 5, then +1, then +200 (0xc8 = 0x48 | 0x80, then 0x01).
        assert_eq!(encode(&[5, 6, 206]), vec![5, 1, 0xc8, 0x01]);
        assert_eq!(encode(&[]), Vec::<u8>::new());
        assert_eq!(encode(&[i64::MAX]).len(), 9);
    }

    #[test]
    fn an_id_below_the_last_is_put_in_its_place() {
        let (mut blob, mut last) = (Vec::new(), 0);
        let added: Vec<bool> = [10, 30, 20, 30, 5]
            .into_iter()
            .map(|id| add(&mut blob, &mut last, id).unwrap())
            .collect();
        assert_eq!(added, vec![true, true, true, false, true]);
        assert_eq!(decode(&blob).unwrap(), vec![5, 10, 20, 30]);
        assert_eq!(last, 30);
    }

    #[test]
    fn damaged_blobs_are_refused() {
        // Ends inside an id.
        assert!(decode(&[5, 0x80]).is_err());
        // More than 64 bits.
        assert!(decode(&[0xff; 11]).is_err());
        // Overflows i64.
        assert!(decode(&encode(&[i64::MAX]).repeat(2)).is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn decode_undoes_encode(mut ids in proptest::collection::vec(1i64..=i64::MAX, 0..200)) {
                ids.sort_unstable();
                ids.dedup();
                prop_assert_eq!(decode(&encode(&ids)).unwrap(), ids.clone());
                // Appending to an encoded list is encoding the whole list.
                if let Some((&tail, head)) = ids.split_last() {
                    let mut blob = encode(head);
                    let mut last = head.last().copied().unwrap_or(0);
                    push(&mut blob, &mut last, tail);
                    prop_assert_eq!(blob, encode(&ids));
                }
            }
        }
    }
}
