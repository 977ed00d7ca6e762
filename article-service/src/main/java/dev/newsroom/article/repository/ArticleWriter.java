package dev.newsroom.article.repository;

import dev.newsroom.article.service.StoredArticle;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Writes a batch of articles with a handful of set-based statements (each column sent as one array and
 * {@code unnest}ed by PostgreSQL), whatever the batch size: the article rows, their topics, images and
 * related links, the topic and provider counts and the stories. Runs inside the caller's transaction,
 * on Hibernate's connection.
 *
 * <p>Order-proofing: the stored rows of the batch's articles are locked first, and an article is
 * written only when the record is newer than what is stored (higher version, or same version ranked
 * later); the insert repeats that condition. Counts change by deltas under their row locks, and stories
 * are locked before their members change, so several instances writing at once keep them exact. Locks
 * are taken in key order; a deadlock that still happens fails the batch, which the listener retries.
 */
@ApplicationScoped
public class ArticleWriter {

    /** What a batch did. */
    public record Outcome(int inserted, int updated, int stale) {
    }

    private final EntityManager entityManager;

    public ArticleWriter(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @param batch at most one record per article id */
    public Outcome write(Collection<StoredArticle> batch) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> write(connection, batch));
    }

    private record Stored(long version, Instant rankedAt, boolean live, String storyId, String providerKey,
                          List<String> topicKeys, String contentHash, String relatedHash) {
        boolean olderThan(StoredArticle a) {
            long v = a.event().version();
            return version < v || (version == v && rankedAt.isBefore(stored(a.event().ranking().rankedAt())));
        }
    }

    private Outcome write(Connection c, Collection<StoredArticle> batch) throws SQLException {
        Map<String, Stored> stored = lockStored(c, batch.stream().map(StoredArticle::id).sorted().toList());
        List<StoredArticle> applied = new ArrayList<>();
        int inserted = 0;
        for (StoredArticle a : batch) {
            Stored old = stored.get(a.id());
            if (old == null) {
                inserted++;
                applied.add(a);
            } else if (old.olderThan(a)) {
                applied.add(a);
            }
        }
        if (applied.isEmpty()) {
            return new Outcome(0, 0, batch.size());
        }
        Set<String> stories = new TreeSet<>();
        for (StoredArticle a : applied) {
            addIfPresent(stories, a.storyId());
            Stored old = stored.get(a.id());
            if (old != null) {
                addIfPresent(stories, old.storyId());
            }
        }
        lockStories(c, stories);
        writeStories(c, applied);
        writeArticles(c, applied, stored);
        replaceChildren(c, applied, stored);
        countTopics(c, applied, stored);
        countProviders(c, applied, stored);
        recomputeStories(c, stories);
        return new Outcome(inserted, applied.size() - inserted, batch.size() - applied.size());
    }

    private static Map<String, Stored> lockStored(Connection c, List<String> ids) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select a.id, a.version, a.ranked_at, a.live, a.story_id, a.provider_key,
                       array(select distinct t.topic_key from article_topic t where t.article_id = a.id),
                       a.content_hash, a.related_hash
                from article a where a.id = any(?) order by a.id for update of a""")) {
            s.setArray(1, text(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), new Stored(r.getLong(2), r.getTimestamp(3).toInstant(), r.getBoolean(4),
                            r.getString(5), r.getString(6), Arrays.asList((String[]) r.getArray(7).getArray()),
                            r.getString(8), r.getString(9)));
                }
            }
        }
        return stored;
    }

    private static void lockStories(Connection c, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("select id from story where id = any(?) order by id for update")) {
            s.setArray(1, text(c, List.copyOf(ids)));
            s.executeQuery().close();
        }
    }

    /** Each story's facts as the latest ranking in the batch saw them, unless a later ranking is stored. */
    private static void writeStories(Connection c, List<StoredArticle> applied) throws SQLException {
        Map<String, StoredArticle> latest = new TreeMap<>();
        for (StoredArticle a : applied) {
            if (a.storyId() != null) {
                latest.merge(a.storyId(), a, (x, y) ->
                        y.event().ranking().rankedAt().isAfter(x.event().ranking().rankedAt()) ? y : x);
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        Columns cols = new Columns(latest.size());
        latest.values().forEach(a -> {
            StoryRef s = a.event().ranking().story();
            cols.add(s.id(), s.leadArticleId(), s.size(), Json.write(s.providers()), s.firstPublished(),
                    s.lastPublished(), a.event().ranking().rankedAt());
        });
        cols.execute(c, """
                insert into story (id, lead_article_id, size, providers, first_published, last_published, ranked_at)
                select u.id, u.lead, u.size::integer, u.providers, u.first::timestamptz, u.last::timestamptz,
                       u.ranked::timestamptz
                from unnest(?, ?, ?, ?, ?, ?, ?) as u(id, lead, size, providers, first, last, ranked) order by u.id
                on conflict (id) do update set lead_article_id = excluded.lead_article_id, size = excluded.size,
                    providers = excluded.providers, first_published = excluded.first_published,
                    last_published = excluded.last_published, ranked_at = excluded.ranked_at
                where story.ranked_at <= excluded.ranked_at""");
    }

    /** The full-text vector of a row's title, excerpt and body ({@code %s}: the row's alias). */
    private static String searchVector(String row) {
        return ("setweight(to_tsvector('english', coalesce(%1$s.title, '')), 'A')"
                + " || setweight(to_tsvector('english', coalesce(%1$s.excerpt, '')), 'B')"
                + " || setweight(to_tsvector('english', coalesce(%1$s.body, '')), 'C')").formatted(row);
    }

    /**
     * One upsert for the batch. The search vector is computed only for new articles and for stored ones
     * whose content changed: a re-ranking (the most common record) keeps the vector it has.
     */
    private static void writeArticles(Connection c, List<StoredArticle> applied, Map<String, Stored> stored)
            throws SQLException {
        Columns cols = new Columns(applied.size());
        for (StoredArticle a : applied) {
            var e = a.event();
            var article = a.article();
            Provider p = article.provider();
            cols.add(a.id(), e.version(), e.contentHash(), e.ingestedAt() == null ? e.ranking().rankedAt() : e.ingestedAt(),
                    e.ranking().rankedAt(), article.title(), article.publishedDateTime(),
                    p == null ? null : p.domain(), p == null ? null : p.name(), article.category(), article.type(),
                    a.live(), e.ranking().heat().value(), a.storyId(), a.document(), e.canonicalUrl(), e.sourceFile(),
                    article.primaryUrl(), article.excerpt(), article.body(), a.providerKey(),
                    StoredArticle.key(article.category()), StoredArticle.key(article.type()), a.trending().base(),
                    a.trending().halfLifeHours(), a.trending().newsLagSeconds(), a.trending().key(), a.source(),
                    a.relatedHash(), !stored.containsKey(a.id()));
        }
        cols.execute(c, """
                insert into article (id, version, content_hash, ingested_at, ranked_at, title, published_at,
                    provider_domain, provider_name, category, type, live, heat, story_id, document, canonical_url,
                    source_file, web_url, excerpt, body, provider_key, category_key, type_key, heat_base,
                    half_life_hours, news_lag_seconds, trend_key, source, related_hash, search)
                select u.id, u.version::bigint, u.hash, u.ingested::timestamptz, u.ranked::timestamptz, u.title,
                    u.published::timestamptz, u.pdomain, u.pname, u.category, u.type, u.live::boolean, u.heat::integer,
                    u.story, u.document, u.canonical, u.file, u.url, u.excerpt, u.body, u.pkey, u.ckey, u.tkey,
                    u.base::float8, u.half::float8, u.lag::float8, u.trend::float8, u.source, u.rhash,
                    case when u.new::boolean then %s end
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    as u(id, version, hash, ingested, ranked, title, published, pdomain, pname, category, type, live,
                         heat, story, document, canonical, file, url, excerpt, body, pkey, ckey, tkey, base, half, lag,
                         trend, source, rhash, new)
                order by u.id
                on conflict (id) do update set version = excluded.version, content_hash = excluded.content_hash,
                    ingested_at = excluded.ingested_at, ranked_at = excluded.ranked_at, title = excluded.title,
                    published_at = excluded.published_at, provider_domain = excluded.provider_domain,
                    provider_name = excluded.provider_name, category = excluded.category, type = excluded.type,
                    live = excluded.live, heat = excluded.heat, story_id = excluded.story_id,
                    document = excluded.document, canonical_url = excluded.canonical_url,
                    source_file = excluded.source_file, web_url = excluded.web_url, excerpt = excluded.excerpt,
                    body = excluded.body, provider_key = excluded.provider_key, category_key = excluded.category_key,
                    type_key = excluded.type_key, heat_base = excluded.heat_base,
                    half_life_hours = excluded.half_life_hours, news_lag_seconds = excluded.news_lag_seconds,
                    trend_key = excluded.trend_key, source = excluded.source, related_hash = excluded.related_hash,
                    search = case when article.content_hash = excluded.content_hash and article.search is not null
                                  then article.search else %s end
                where (article.version, article.ranked_at) < (excluded.version, excluded.ranked_at)""".formatted(
                searchVector("u"), searchVector("excluded")));
    }

    /**
     * Topics and images follow the content, related links the ranking: each is rewritten only when it can
     * have changed (new article, new content, or related links whose digest differs), because most
     * records are re-rankings of stored articles that changed their heat or story and nothing else.
     */
    private static void replaceChildren(Connection c, List<StoredArticle> applied, Map<String, Stored> stored)
            throws SQLException {
        List<StoredArticle> newContent = new ArrayList<>();
        List<StoredArticle> newRelated = new ArrayList<>();
        for (StoredArticle a : applied) {
            Stored old = stored.get(a.id());
            if (old == null || !old.contentHash().equals(a.event().contentHash())) {
                newContent.add(a);
            }
            if (old == null || !old.relatedHash().equals(a.relatedHash())) {
                newRelated.add(a);
            }
        }
        delete(c, "article_topic", newContent);
        delete(c, "article_image", newContent);
        delete(c, "related_link", newRelated);
        Columns topics = new Columns(applied.size() * 3);
        Columns images = new Columns(applied.size());
        Columns related = new Columns(applied.size() * 2);
        for (StoredArticle a : newContent) {
            int position = 0;
            for (String key : a.topics().keySet()) {
                topics.add(a.id(), position++, key);
            }
            List<Image> imageList = a.article().images();
            for (int i = 0; i < imageList.size(); i++) {
                Image image = imageList.get(i);
                if (image.url() != null) {
                    images.add(a.id(), i, image.url(), image.width(), image.height(), image.title());
                }
            }
        }
        for (StoredArticle a : newRelated) {
            List<RelatedLink> links = a.related();
            for (int i = 0; i < links.size(); i++) {
                RelatedLink link = links.get(i);
                related.add(a.id(), i, link.id(), link.score(), link.source() == LinkSource.COMPUTED ? "computed" : "editorial",
                        link.article().primaryUrl(), a.relatedDocuments().get(i));
            }
        }
        topics.execute(c, """
                insert into article_topic (article_id, position, topic_key)
                select u.a, u.p::smallint, u.k from unnest(?, ?, ?) as u(a, p, k)""");
        images.execute(c, """
                insert into article_image (article_id, position, url, width, height, title)
                select u.a, u.p::smallint, u.url, u.w::integer, u.h::integer, u.title
                from unnest(?, ?, ?, ?, ?, ?) as u(a, p, url, w, h, title)""");
        related.execute(c, """
                insert into related_link (article_id, position, related_id, score, source, web_url, document)
                select u.a, u.p::smallint, u.rid, u.score::float8, u.source, u.url, u.doc
                from unnest(?, ?, ?, ?, ?, ?, ?) as u(a, p, rid, score, source, url, doc)""");
    }

    private static void delete(Connection c, String table, List<StoredArticle> articles) throws SQLException {
        if (articles.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("delete from " + table + " where article_id = any(?)")) {
            s.setArray(1, text(c, articles.stream().map(StoredArticle::id).toList()));
            s.executeUpdate();
        }
    }

    /** Live articles per topic change by what the batch took away and added; the spelling is the latest seen. */
    private static void countTopics(Connection c, List<StoredArticle> applied, Map<String, Stored> stored)
            throws SQLException {
        Map<String, Integer> delta = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        for (StoredArticle a : applied) {
            Stored old = stored.get(a.id());
            if (old != null && old.live()) {
                old.topicKeys().forEach(k -> delta.merge(k, -1, Integer::sum));
            }
            a.topics().forEach((key, name) -> {
                delta.merge(key, a.live() ? 1 : 0, Integer::sum);
                names.put(key, name);
            });
        }
        Columns cols = new Columns(delta.size());
        delta.forEach((key, d) -> cols.add(key, names.get(key), d));
        cols.execute(c, """
                insert into topic (key, name, live_articles)
                select u.k, u.n, u.d::integer from unnest(?, ?, ?) as u(k, n, d) order by u.k
                on conflict (key) do update set live_articles = topic.live_articles + excluded.live_articles,
                    name = coalesce(excluded.name, topic.name)""");
    }

    private static void countProviders(Connection c, List<StoredArticle> applied, Map<String, Stored> stored)
            throws SQLException {
        Map<String, Integer> delta = new TreeMap<>();
        Map<String, Provider> latest = new HashMap<>();
        for (StoredArticle a : applied) {
            Stored old = stored.get(a.id());
            if (old != null && old.live() && old.providerKey() != null) {
                delta.merge(old.providerKey(), -1, Integer::sum);
            }
            if (a.providerKey() != null) {
                delta.merge(a.providerKey(), a.live() ? 1 : 0, Integer::sum);
                latest.put(a.providerKey(), a.article().provider());
            }
        }
        Columns cols = new Columns(delta.size());
        delta.forEach((key, d) -> {
            Provider p = latest.get(key);
            cols.add(key, p == null ? key : p.domain().strip(), p == null ? null : p.name(),
                    p == null ? null : Json.write(p.images()), d);
        });
        cols.execute(c, """
                insert into provider (key, domain, name, images, live_articles)
                select u.k, u.domain, u.name, u.images, u.d::integer
                from unnest(?, ?, ?, ?, ?) as u(k, domain, name, images, d) order by u.k
                on conflict (key) do update set live_articles = provider.live_articles + excluded.live_articles,
                    name = coalesce(excluded.name, provider.name), images = coalesce(excluded.images, provider.images)""");
    }

    /** A story's heat is its hottest live member's; it is listed while it has a live member. */
    private static void recomputeStories(Connection c, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                update story s set live_articles = m.n, heat = m.h
                from (select s2.id, count(a.id) filter (where a.live) as n,
                             coalesce(max(a.heat) filter (where a.live), 0) as h
                      from story s2 left join article a on a.story_id = s2.id
                      where s2.id = any(?) group by s2.id) m
                where m.id = s.id""")) {
            s.setArray(1, text(c, List.copyOf(ids)));
            s.executeUpdate();
        }
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    /** An instant as PostgreSQL keeps it (microseconds), so that what is compared is what is stored. */
    private static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Array text(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(String[]::new));
    }

    /**
     * Column-wise parameters of one statement: every value is sent as text in a text array and cast in
     * SQL, so a batch of any size is one statement with one parameter per column.
     */
    private static final class Columns {
        private final List<List<String>> columns = new ArrayList<>();
        private final int expectedRows;

        Columns(int expectedRows) {
            this.expectedRows = expectedRows;
        }

        void add(Object... row) {
            if (columns.isEmpty()) {
                for (int i = 0; i < row.length; i++) {
                    columns.add(new ArrayList<>(expectedRows));
                }
            }
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(asText(row[i]));
            }
        }

        void execute(Connection c, String sql) throws SQLException {
            if (columns.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    s.setArray(i + 1, text(c, columns.get(i)));
                }
                s.executeUpdate();
            }
        }

        private static String asText(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Instant instant) {
                return stored(instant).toString();
            }
            return value.toString();
        }
    }
}
