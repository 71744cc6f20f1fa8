-- The termbase: concepts and their terms in any number of languages.
-- Statuses and types are the glossary.csv vocabulary; the partial unique
-- index is the rule "at most one preferred term per concept and language".

CREATE TABLE concept (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL DEFAULT ''
);

CREATE TABLE term (
    id         INTEGER PRIMARY KEY,
    concept_id INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    lang       TEXT NOT NULL,
    term       TEXT NOT NULL CHECK (term <> ''),
    status     TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'superseded')),
    type       TEXT NOT NULL DEFAULT 'full' CHECK (type IN ('full', 'acronym', 'short')),
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (concept_id, lang, term)
);

CREATE UNIQUE INDEX term_one_preferred ON term (concept_id, lang) WHERE status = 'preferred';
