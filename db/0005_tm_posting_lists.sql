-- The word index of the translation memory, one row per word instead of
-- one per posting (src/tm/postings.rs says why and defines the encoding):
-- `ids` holds the ascending ids of the segments that hold the word, each
-- as its difference from the previous one (the first from 0) in LEB128,
-- and `last_segment` the largest, so that an import appends to the list
-- without decoding it.
--
-- The counts in tm_word.segments are no longer kept by triggers, which
-- cost an UPDATE (and a statement journal) per posting: an import counts
-- in memory and adds each word's count once.

DROP TRIGGER tm_posting_added;
DROP TRIGGER tm_posting_removed;

CREATE TABLE tm_posting_list (
    word_id      INTEGER PRIMARY KEY REFERENCES tm_word (id),
    last_segment INTEGER NOT NULL,
    ids          BLOB NOT NULL
);

-- The existing postings, encoded here as the code encodes them: the
-- difference d is written as hexadecimal bytes, seven bits each, low bits
-- first, every byte but the last with its high bit set, and the hex of a
-- word's differences in segment order is turned into the blob.
INSERT INTO tm_posting_list (word_id, last_segment, ids)
SELECT word_id, max(segment_id), unhex(group_concat(hex_bytes, '' ORDER BY segment_id))
FROM (
    SELECT word_id, segment_id,
        CASE
            WHEN d < 0x80 THEN printf('%02X', d)
            WHEN d < 0x4000 THEN printf('%02X%02X', (d & 127) | 128, d >> 7)
            WHEN d < 0x200000 THEN printf('%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, d >> 14)
            WHEN d < 0x10000000 THEN printf('%02X%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, ((d >> 14) & 127) | 128, d >> 21)
            WHEN d < 0x800000000 THEN printf('%02X%02X%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, ((d >> 14) & 127) | 128, ((d >> 21) & 127) | 128, d >> 28)
            WHEN d < 0x40000000000 THEN printf('%02X%02X%02X%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, ((d >> 14) & 127) | 128, ((d >> 21) & 127) | 128, ((d >> 28) & 127) | 128, d >> 35)
            WHEN d < 0x2000000000000 THEN printf('%02X%02X%02X%02X%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, ((d >> 14) & 127) | 128, ((d >> 21) & 127) | 128, ((d >> 28) & 127) | 128, ((d >> 35) & 127) | 128, d >> 42)
            WHEN d < 0x100000000000000 THEN printf('%02X%02X%02X%02X%02X%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, ((d >> 14) & 127) | 128, ((d >> 21) & 127) | 128, ((d >> 28) & 127) | 128, ((d >> 35) & 127) | 128, ((d >> 42) & 127) | 128, d >> 49)
            ELSE printf('%02X%02X%02X%02X%02X%02X%02X%02X%02X',
                (d & 127) | 128, ((d >> 7) & 127) | 128, ((d >> 14) & 127) | 128, ((d >> 21) & 127) | 128, ((d >> 28) & 127) | 128, ((d >> 35) & 127) | 128, ((d >> 42) & 127) | 128, ((d >> 49) & 127) | 128, d >> 56)
        END AS hex_bytes
    FROM (
        SELECT word_id, segment_id,
            segment_id - coalesce(
                lag(segment_id) OVER (PARTITION BY word_id ORDER BY segment_id), 0
            ) AS d
        FROM tm_posting
    )
)
GROUP BY word_id;

DROP TABLE tm_posting;
