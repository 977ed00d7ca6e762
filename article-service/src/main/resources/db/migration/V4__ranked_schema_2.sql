-- Schema 2 of articles.ranked (docs/ranked-topic-v2.md): an article's content is written once per version,
-- its ranking lives in columns and link rows beside it, story facts once per story.

-- ------------------------------------------------------------------ article: content-only document
-- heat_score:   the HeatScore JSON as ranked (the explanation)
-- heat_own:     quality × provider weight (base / coverage of the ranking); null when the heat has no such
--               components (schema 1): such an article keeps the heat it was ranked with
-- heat_recency: the recency factor at ranking (heat before rounding / base)
-- heat_base = heat_own × its story's coverage, heat = round(heat_base × heat_recency)
alter table article
    add column heat_score    text             not null default '{}',
    add column heat_own      double precision,
    add column heat_recency  double precision,
    add column related_limit integer          not null default 0;

update article a set
    heat_score   = coalesce(d.doc -> 'heatExplanation', '{}'::jsonb)::text,
    heat_own     = case when (d.doc -> 'heatExplanation' ->> 'halfLifeHours')::double precision > 0
                             and d.doc -> 'heatExplanation' ->> 'computedAt' is not null
                             and d.doc -> 'heatExplanation' ->> 'referenceTime' is not null
                        then d.quality * d.weight end,
    heat_recency = case when a.heat_base > 0
                        then coalesce((a.heat_base + d.recency) / a.heat_base, a.heat / a.heat_base) end,
    document     = (d.doc - 'heat' - 'related' - 'storyId' - 'story' - 'heatExplanation' - 'rankedAt')::text
from (select id, document::jsonb as doc,
             (select (c ->> 'input')::double precision from jsonb_array_elements(
                 coalesce(document::jsonb -> 'heatExplanation' -> 'components', '[]')) c
              where c ->> 'name' = 'quality' limit 1) as quality,
             (select (c ->> 'input')::double precision from jsonb_array_elements(
                 coalesce(document::jsonb -> 'heatExplanation' -> 'components', '[]')) c
              where c ->> 'name' = 'provider' limit 1) as weight,
             (select (c ->> 'contribution')::double precision from jsonb_array_elements(
                 coalesce(document::jsonb -> 'heatExplanation' -> 'components', '[]')) c
              where c ->> 'name' = 'recency' limit 1) as recency
      from article) d
where d.id = a.id;

-- ------------------------------------------------------------------ related_link: own links and backlinks
-- origin = article_id: the article's own links (replaced by each of its rankings);
-- origin = another id: a backlink that article gave (replaced by each of its whole records), valid while
-- article_id is at target_version. A backlink may arrive before the article it points at (another
-- partition), so article_id no longer references article.
alter table related_link drop constraint if exists related_link_article_id_fkey;
alter table related_link
    add column origin         varchar(16),
    add column target_version bigint;
update related_link set origin = article_id;
alter table related_link alter column origin set not null;
alter table related_link drop constraint related_link_pkey;
alter table related_link add primary key (article_id, origin, position);
create index related_link_origin_idx on related_link (origin);

-- ------------------------------------------------------------------ story: the coverage factor of heat
alter table story add column coverage double precision;

-- ------------------------------------------------------------------ ranking updates waiting for their version
create table ranking_pending (
    article_id varchar(16) primary key,
    version    bigint      not null,
    ranked_at  timestamptz not null,
    payload    text        not null                  -- the RankingUpdate JSON
);
