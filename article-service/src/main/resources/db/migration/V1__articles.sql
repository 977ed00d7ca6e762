-- Articles as served by article-service. The columns hold what the queries filter and sort on;
-- "document" holds the article as the API renders it (every seed field plus Newsroom's additions),
-- written once per version so that reads are a lookup and a concatenation.
create table article (
    id              varchar(16)  primary key,
    version         bigint       not null,
    content_hash    varchar(64)  not null,
    ingested_at     timestamptz  not null,
    ranked_at       timestamptz  not null,
    title           text         not null,
    published_at    timestamptz  not null,
    provider_domain text,
    provider_name   text,
    category        text,
    type            text,
    live            boolean      not null,
    heat            integer      not null,
    story_id        varchar(64),
    document        text         not null
);

-- GET /articles: newest first, keyset-paged on (published_at, id)
create index article_live_published_idx on article (published_at desc, id desc) where live;
