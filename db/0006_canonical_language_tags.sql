-- Language tags in canonical BCP 47 case (en-US, zh-Hant, sr-Latn-RS).
-- Earlier versions lowercased only the language subtag and kept the rest
-- as written, so one store could hold en-us and en-US as two languages.
-- The rewrite is done in code (store/migrate.rs: canonical_tags), right
-- after this file, in the same transaction: SQL has no way to split a tag
-- into its subtags. Terms whose tag becomes that of an identical term are
-- merged, a second preferred term in one language becomes admitted, and a
-- translation unit whose content becomes that of a stored unit is removed
-- with its word-index entries. The lookup index is rebuilt.
SELECT 1;
