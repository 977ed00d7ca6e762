-- Rendered documents are rewritten on every ranking of an article (a new article re-ranks its story
-- and the articles that link to it), and compressing them (pglz) cost more than half of each row's
-- update: stored out of line and uncompressed, a batch of 500 updates takes half the time
-- (measured: 109 ms -> 56 ms), for about twice the space (7.7 KB per article instead of about 3 KB).
alter table article alter column document set storage external;
alter table article alter column source set storage external;
alter table related_link alter column document set storage external;

-- A digest of each article's stored related links, so that a re-ranking that leaves them as they were
-- does not rewrite their rows. Empty for articles stored before: their links are rewritten once.
alter table article add column related_hash text not null default '';

-- The search vector was a generated column, so PostgreSQL computed it for every re-ranking, twice (for
-- the proposed row of the upsert and again for the update), although only new content changes it. It
-- is now an ordinary column that the writer fills for new articles and new content (same expression).
alter table article alter column search drop expression;
