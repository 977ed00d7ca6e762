-- related_link_target_idx (related_id) served "who links to this article" before V4 made each backlink a row of
-- its own (origin <> article_id). No query has read it since, and every link row written (about ten per ingested
-- article, the most written rows of the store) still paid for an entry in it.
drop index if exists related_link_target_idx;
