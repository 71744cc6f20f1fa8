-- Who may write through the server, and what every write did.
--
-- A token is stored only as the SHA-256 of its text (hex): the text is
-- shown once, when it is made, and cannot be read back from the store.
--
-- The audit log has one row per term a write touched: who (a token's
-- name, or the command line's user), when, what (added, updated, demoted,
-- removed, imported), and the fields that changed. An import is one row
-- for the whole file, under the concept ''.

CREATE TABLE api_token (
    name    TEXT PRIMARY KEY CHECK (name <> ''),
    hash    TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    concept TEXT NOT NULL,
    lang    TEXT NOT NULL DEFAULT '',
    term    TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_by_concept ON audit (concept, id);
