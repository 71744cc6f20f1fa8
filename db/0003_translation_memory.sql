-- The translation memory: units of aligned segments, one segment per
-- language, with the unit's origin and creation time.
--
-- A unit's identity is a SHA-256 of its content (every segment's language
-- and text), not its TMX tuid: tuids are only unique within one file, and
-- two vendors' files both numbering from 1 must not overwrite each other.
-- Importing a unit whose content is already stored changes nothing.

CREATE TABLE tm_unit (
    id          INTEGER PRIMARY KEY,
    identity    TEXT NOT NULL UNIQUE,
    tuid        TEXT NOT NULL DEFAULT '',
    -- Where the text was published: a title or an address, and a date
    -- (YYYY-MM-DD); both may be empty.
    origin_doc  TEXT NOT NULL DEFAULT '',
    origin_date TEXT NOT NULL DEFAULT '',
    -- When the unit was made: ISO 8601 in UTC, e.g. 2025-10-26T08:30:00Z.
    created     TEXT NOT NULL
);

-- `lang` is the tag as written (en-US stays en-US); `base` is its primary
-- subtag, which is what `--from en` matches. `folded` is the text folded as
-- in lookup (normalize::fold_key) and `words` the number of its words: the
-- search compares folded words and filters candidates on their count.
CREATE TABLE tm_segment (
    id      INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES tm_unit (id) ON DELETE CASCADE,
    lang    TEXT NOT NULL,
    base    TEXT NOT NULL,
    text    TEXT NOT NULL CHECK (text <> ''),
    folded  TEXT NOT NULL,
    words   INTEGER NOT NULL,
    UNIQUE (unit_id, lang)
);

CREATE INDEX tm_segment_base_words ON tm_segment (base, words);

-- An inverted index over folded words, per primary language subtag. The
-- fuzzy search reads the postings of the query's rarest words only (a
-- prefix filter), so `segments` (how many segments hold the word) is kept
-- in step by the triggers below.
CREATE TABLE tm_word (
    id       INTEGER PRIMARY KEY,
    base     TEXT NOT NULL,
    word     TEXT NOT NULL,
    segments INTEGER NOT NULL DEFAULT 0,
    -- Word first: concordance without a language looks a word up in
    -- every language at once.
    UNIQUE (word, base)
);

-- One row per distinct word of a segment. There is deliberately no index
-- on segment_id: whoever deletes a segment knows its words (from `folded`)
-- and deletes its postings by primary key first.
CREATE TABLE tm_posting (
    word_id    INTEGER NOT NULL REFERENCES tm_word (id),
    segment_id INTEGER NOT NULL REFERENCES tm_segment (id),
    PRIMARY KEY (word_id, segment_id)
) WITHOUT ROWID;

CREATE TRIGGER tm_posting_added AFTER INSERT ON tm_posting
BEGIN
    UPDATE tm_word SET segments = segments + 1 WHERE id = NEW.word_id;
END;

CREATE TRIGGER tm_posting_removed AFTER DELETE ON tm_posting
BEGIN
    UPDATE tm_word SET segments = segments - 1 WHERE id = OLD.word_id;
END;
