-- A story merge (docs/ranked-topic-v2.md, "Story"): a story that joined another one keeps its row as the
-- merge, so that an article of the old story that arrives later (another partition) still finds where its
-- story went.

-- ------------------------------------------------------------------ story: the story that took its members
-- merged_into: set by a merge record (size 0, its rankedAt in ranked_at), null for a story standing on its
--              own; a later record of the story with facts (the story formed again) sets it back to null.
--              Not a foreign key: the story merged into may have no row yet (its facts travel in other
--              records, possibly of another partition).
alter table story add column merged_into varchar(64);
