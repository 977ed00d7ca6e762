-- The full read model: what the queries of the public API filter, sort and count on, next to the
-- article as it arrived (for the export) and as the API renders it (for fast reads).

-- ------------------------------------------------------------------ articles
alter table article
    add column canonical_url    text,
    add column source_file      text,
    add column web_url          text,
    add column excerpt          text,
    add column body             text             not null default '',
    add column provider_key     text,                                 -- lower-cased provider domain
    add column category_key     text,                                 -- lower-cased category
    add column type_key         text,                                 -- lower-cased type
    -- heat = heat_base × 0.5^(newsAge / half_life_hours); newsAge = now − published_at − news_lag_seconds
    -- (see HeatScore.at: the news clock lags the wall clock by computedAt − referenceTime)
    add column heat_base        double precision not null default 0,
    add column half_life_hours  double precision not null default 24,
    add column news_lag_seconds double precision not null default 0,
    -- log2 of the heat the article would have at the Unix epoch: the order of heat decayed to any
    -- instant, which does not change with time because every article decays at the same rate
    add column trend_key        double precision not null default 0,
    -- the article exactly as it arrived (the event's "article" JSON): the export writes it back
    add column source           text;

-- Articles stored by V1 carry everything in their rendered document.
update article a set
    canonical_url    = d.doc ->> 'webUrl',
    web_url          = coalesce(d.doc ->> 'webUrl', d.doc ->> 'originalUrl'),
    excerpt          = d.doc ->> 'excerpt',
    body             = coalesce(d.doc ->> 'body', ''),
    provider_key     = lower(d.doc -> 'provider' ->> 'domain'),
    category_key     = lower(a.category),
    type_key         = lower(a.type),
    heat_base        = coalesce((d.doc -> 'heatExplanation' ->> 'base')::double precision, a.heat),
    half_life_hours  = coalesce((d.doc -> 'heatExplanation' ->> 'halfLifeHours')::double precision, 24),
    source           = (d.doc - 'id' - 'version' - 'sourceHeat' - 'storyId' - 'story' - 'heatExplanation'
                           - 'ingestedAt' - 'rankedAt' || jsonb_build_object('heat', d.doc -> 'sourceHeat'))::text
from (select id, document::jsonb as doc from article) d
where d.id = a.id;
update article set trend_key = log(2.0, greatest(heat_base, 1e-9)::numeric)::double precision
    + (extract(epoch from published_at) + news_lag_seconds) / (3600 * half_life_hours);
alter table article alter column source set not null;

alter table article
    add column search tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(excerpt, '')), 'B')
        || setweight(to_tsvector('english', body), 'C')) stored;

-- GET /articles?sort=heat and ?sort=trending, keyset-paged like newest (V1's index)
create index article_live_heat_idx on article (heat desc, id desc) where live;
create index article_live_trend_idx on article (trend_key desc, id desc) where live;
-- filters
create index article_provider_idx on article (provider_key, published_at desc) where live;
create index article_category_idx on article (category_key) where live;
create index article_type_idx on article (type_key) where live;
create index article_story_idx on article (story_id);
-- ?q=: full-text search
create index article_search_idx on article using gin (search);

-- ------------------------------------------------------------------ topics, images, related links
create table article_topic (
    article_id varchar(16) not null references article (id) on delete cascade,
    position   smallint    not null,
    topic_key  text        not null,                 -- lower-cased topic
    primary key (article_id, position)
);
create index article_topic_key_idx on article_topic (topic_key, article_id);

create table article_image (
    article_id varchar(16) not null references article (id) on delete cascade,
    position   smallint    not null,
    url        text        not null,
    width      integer,
    height     integer,
    title      text,
    primary key (article_id, position)
);

create table related_link (
    article_id varchar(16)      not null references article (id) on delete cascade,
    position   smallint         not null,
    related_id varchar(16),                          -- the related article's id when it is an ingested one
    score      double precision not null,
    source     text             not null,            -- computed | editorial
    web_url    text,
    document   text             not null,            -- the entry as the API renders it
    primary key (article_id, position)
);
create index related_link_target_idx on related_link (related_id);

insert into article_topic (article_id, position, topic_key)
select a.id, t.ord - 1, lower(t.name)
from article a, jsonb_array_elements_text(a.document::jsonb -> 'topics') with ordinality as t(name, ord);
insert into article_image (article_id, position, url, width, height, title)
select a.id, i.ord - 1, i.img ->> 'url', (i.img ->> 'width')::integer, (i.img ->> 'height')::integer, i.img ->> 'title'
from article a, jsonb_array_elements(a.document::jsonb -> 'images') with ordinality as i(img, ord)
where i.img ->> 'url' is not null;
insert into related_link (article_id, position, related_id, score, source, web_url, document)
select a.id, r.ord - 1, r.link ->> 'id', coalesce((r.link ->> 'score')::double precision, 1),
       coalesce(r.link ->> 'source', 'editorial'), coalesce(r.link ->> 'webUrl', r.link ->> 'originalUrl'), r.link::text
from article a, jsonb_array_elements(a.document::jsonb -> 'related') with ordinality as r(link, ord);

-- ------------------------------------------------------------------ topics and providers, with counts
-- live_articles is kept exact by the upserts (a delta per batch, under the row lock).
create table topic (
    key           text    primary key,
    name          text,                              -- the spelling most recently seen
    live_articles integer not null default 0
);
create index topic_count_idx on topic (live_articles desc, key);

create table provider (
    key           text    primary key,               -- lower-cased domain
    domain        text    not null,
    name          text,
    images        text,                              -- the provider's logos, JSON
    live_articles integer not null default 0
);
create index provider_count_idx on provider (live_articles desc, key);

insert into topic (key, name, live_articles)
select t.topic_key, min(t.topic_key), count(*) filter (where a.live)
from article_topic t join article a on a.id = t.article_id group by t.topic_key;
insert into provider (key, domain, name, images, live_articles)
select provider_key, min(provider_key), min(provider_name), '[]', count(*) filter (where live)
from article where provider_key is not null group by provider_key;

-- ------------------------------------------------------------------ stories
-- A story's facts come from the latest ranking that named it (ranked_at); its members are the
-- articles whose story_id is its id; heat and live_articles are recomputed from them on every change.
create table story (
    id              varchar(64) primary key,
    lead_article_id varchar(16),
    size            integer     not null,
    providers       text        not null default '[]',   -- JSON array of domains
    first_published timestamptz,
    last_published  timestamptz,
    ranked_at       timestamptz not null,
    live_articles   integer     not null default 0,
    heat            integer     not null default 0
);
create index story_live_heat_idx on story (heat desc, id desc) where live_articles > 0;

insert into story (id, lead_article_id, size, providers, first_published, last_published, ranked_at,
                   live_articles, heat)
select a.story_id, min(a.id), count(*), '[]', min(a.published_at), max(a.published_at), max(a.ranked_at),
       count(*) filter (where a.live), coalesce(max(a.heat) filter (where a.live), 0)
from article a where a.story_id is not null group by a.story_id;
