-- A counter bumped by every write that changes terms. The lookup index file
-- beside the store records the generation it was built from; a reader uses
-- the file only when the two agree, so it never serves a stale index.

CREATE TABLE store_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);

INSERT INTO store_state (id, generation) VALUES (1, 0);
