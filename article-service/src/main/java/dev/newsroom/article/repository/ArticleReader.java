package dev.newsroom.article.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.newsroom.article.service.ArticleDocument;
import dev.newsroom.article.service.ArticleQuery;
import dev.newsroom.article.service.ArticleQuery.Sort;
import dev.newsroom.article.service.Cursor;
import dev.newsroom.article.service.RelatedSelection;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The read queries of the public API, in SQL (keyset paging, full-text rank and {@code unnest} do not
 * fit HQL well). Every list asks for one row more than the page, to know whether there is a next one.
 *
 * <p>An article is served as {@link ArticleDocument} composes it from its row (its content document and
 * ranking columns), its story's row and the related links {@link RelatedSelection} selects of its link rows
 * (schema 2 of {@code articles.ranked}): whatever the number of articles read, their links are read with one
 * more query.
 */
@ApplicationScoped
public class ArticleReader {

    /** One row of a page: the article as the API serves it and the cursor after it. */
    public record Row(String id, String document, Cursor cursor) {
    }

    /** An article of a story, in brief. */
    public record Member(String id, String storyId, String title, String webUrl, Instant published,
                         String providerName, String providerDomain, int heat) {
    }

    /** A story as stored; {@code providers} is a JSON array. */
    public record StoryRow(String id, String leadArticleId, int size, String providers, Instant firstPublished,
                           Instant lastPublished, Instant rankedAt, int liveArticles, int heat) {
    }

    public record TopicRow(String key, String name, int articles) {
    }

    /** {@code images} is a JSON array. */
    public record ProviderRow(String key, String domain, String name, String images, int articles) {
    }

    private final EntityManager entityManager;

    public ArticleReader(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    private <T> T query(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    /**
     * Whether an article is live and, when it is, the article as the API serves it ({@code json} is null for
     * a retracted one: it is not served).
     */
    public record Document(boolean live, String json) {
    }

    /**
     * The columns an article is composed from ({@link #stored}), with its story's ({@code story s}, left
     * joined on {@code a.story_id}).
     */
    private static final String COMPOSED_COLUMNS = "a.id, a.live, a.document, a.heat, a.story_id, a.ranked_at,"
            + " a.heat_score, a.related_limit, s.id, s.lead_article_id, s.size, s.providers, s.first_published,"
            + " s.last_published, s.coverage";
    private static final int COMPOSED_COLUMN_COUNT = 15;
    private static final String COMPOSED_FROM = " from article a left join story s on s.id = a.story_id";
    private static final TypeReference<List<String>> PROVIDERS = new TypeReference<>() { };

    /**
     * An article's row and its story's, as read: all its API document needs but its related links.
     *
     * @param content      its content document
     * @param heatScore    its heat score as ranked (JSON), or null
     * @param relatedLimit the most computed related links it shows; 0 for all
     * @param story        its story's current facts, or null
     */
    private record Stored(String id, boolean live, String content, int heat, String storyId, Instant rankedAt,
                          String heatScore, int relatedLimit, StoryRef story) {

        /** Its heat score as ranked; null when there is none ({@code {}}: V4 migrated a document without one). */
        HeatScore ranked() {
            boolean none = heatScore == null || heatScore.isBlank() || heatScore.strip().equals("{}");
            return none ? null : Json.read(heatScore, HeatScore.class);
        }

        /** Its heat score as ranked, with its story's current coverage. */
        HeatScore explanation() {
            return ArticleDocument.explanation(ranked(), story);
        }

        /** Its document: its content with its ranking and the related links selected of {@code links}. */
        String compose(List<RelatedSelection.Link> links) {
            HeatScore ranked = ranked();
            List<String> related = RelatedSelection.select(id, links, relatedLimit).stream()
                    .map(RelatedSelection.Link::document).toList();
            return ArticleDocument.compose(content, new ArticleDocument.Ranking(heat, related, storyId, story,
                    ArticleDocument.explanation(ranked, story), ArticleDocument.rankedAt(rankedAt, ranked)));
        }
    }

    /**
     * The hot path of {@code GET /articles/{id}}: one indexed lookup of the article and its story, one of its
     * links; {@code null} when there is no such article.
     */
    public Document document(String id) {
        return query(c -> {
            List<Stored> stored = new ArrayList<>();
            try (PreparedStatement s = prepare(c, "select " + COMPOSED_COLUMNS + COMPOSED_FROM + " where a.id = ?",
                    List.of(id)); ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    stored.add(stored(r));
                }
            }
            if (stored.isEmpty()) {
                return null;
            }
            return stored.get(0).live() ? new Document(true, composed(c, stored).get(id)) : new Document(false, null);
        });
    }

    /** Why a live article is as hot as it is: its heat score as ranked, with its story's current coverage. */
    public HeatScore heatExplanation(String id) {
        return query(c -> {
            try (PreparedStatement s = prepare(c, "select " + COMPOSED_COLUMNS + COMPOSED_FROM + " where a.id = ?",
                    List.of(id)); ResultSet r = s.executeQuery()) {
                return r.next() ? stored(r).explanation() : null;
            }
        });
    }

    /** Live articles matching the query, in its order, after its cursor; {@code size + 1} at most. */
    public List<Row> articles(ArticleQuery q) {
        StringBuilder sql = new StringBuilder("select " + COMPOSED_COLUMNS + ", ");
        List<Object> params = new ArrayList<>();
        String key = switch (q.sort()) {
            case NEWEST -> "a.published_at";
            case HEAT -> "a.heat";
            case TRENDING -> "a.trend_key";
            case RELEVANCE -> "ts_rank_cd(a.search, query)";
        };
        sql.append(key).append(" as sort_key");
        filtered(sql, COMPOSED_FROM, params, q, null);
        if (q.after() != null) {
            sql.append(" and (").append(key).append(", a.id) < (?, ?)");
            params.add(sortValue(q.sort(), q.after().value()));
            params.add(q.after().id());
        }
        sql.append(" order by sort_key desc, a.id desc limit ?");
        params.add(q.size() + 1);
        String order = q.sort().name().toLowerCase();
        int sortKey = COMPOSED_COLUMN_COUNT + 1;
        return query(c -> {
            List<Stored> stored = new ArrayList<>();
            List<Cursor> cursors = new ArrayList<>();
            try (PreparedStatement s = prepare(c, sql.toString(), params); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String value = switch (q.sort()) {
                        case NEWEST -> r.getTimestamp(sortKey).toInstant().toString();
                        case HEAT -> Integer.toString(r.getInt(sortKey));
                        case TRENDING -> Double.toString(r.getDouble(sortKey));
                        case RELEVANCE -> Float.toString(r.getFloat(sortKey));
                    };
                    stored.add(stored(r));
                    cursors.add(new Cursor(order, value, r.getString(1)));
                }
            }
            Map<String, String> documents = composed(c, stored);
            List<Row> rows = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                rows.add(new Row(stored.get(i).id(), documents.get(stored.get(i).id()), cursors.get(i)));
            }
            return rows;
        });
    }

    /**
     * The live articles matching the query's filters (its order and cursor ignored) published since
     * {@code since} (exclusive) up to the query's {@code at}: {@code [id, storyId]} of each, to be ordered
     * by heat as of {@code at} ({@link dev.newsroom.article.service.NewsAsOf}).
     */
    public List<String[]> candidatesAsOf(ArticleQuery q, Instant since) {
        StringBuilder sql = new StringBuilder("select a.id, a.story_id, a.published_at");
        List<Object> params = new ArrayList<>();
        filtered(sql, " from article a", params, q, since);
        return query(c -> {
            try (PreparedStatement s = prepare(c, sql.toString(), params); ResultSet r = s.executeQuery()) {
                List<String[]> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(new String[] {r.getString(1), r.getString(2)});
                }
                return rows;
            }
        });
    }

    /**
     * {@code from article a [...] [, query] where ...}: the filters of a query, its {@code at} and a lower bound.
     *
     * @param from {@code from article a}, with what is joined to it
     */
    private static void filtered(StringBuilder sql, String from, List<Object> params, ArticleQuery q, Instant since) {
        sql.append(from);
        if (q.text() != null) {
            sql.append(", websearch_to_tsquery('english', ?) query");
            params.add(q.text());
        }
        sql.append(" where a.live");
        if (q.text() != null) {
            sql.append(" and a.search @@ query");
        }
        if (q.topic() != null) {
            sql.append(" and exists (select 1 from article_topic t where t.article_id = a.id and t.topic_key = ?)");
            params.add(q.topic());
        }
        condition(sql, params, "a.provider_key", q.provider());
        condition(sql, params, "a.category_key", q.category());
        condition(sql, params, "a.type_key", q.type());
        if (q.from() != null) {
            sql.append(" and a.published_at >= ?");
            params.add(utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and a.published_at < ?");
            params.add(utc(q.to()));
        }
        if (q.at() != null) {
            sql.append(" and a.published_at <= ?");
            params.add(utc(q.at()));
        }
        if (since != null) {
            sql.append(" and a.published_at > ?");
            params.add(utc(since));
        }
    }

    /**
     * A live article as heat as of an instant needs it: its ranking's base and half-life, the number of
     * providers its story had when ranked, and the providers it brings to its story (its own and those of
     * its own editorial related entries, as ranking-service counts them; backlinks are never editorial, and
     * only its own link rows are the publisher's).
     */
    public record AsOfMember(String id, String storyId, Instant published, double heatBase, double halfLifeHours,
                             int storyProvidersRanked, List<String> providers) {
    }

    /** The ids of stories with a live article published in {@code (since, at]}, on the topic when one is given. */
    public List<String> storiesAsOf(String topic, Instant since, Instant at) {
        StringBuilder sql = new StringBuilder("select distinct a.story_id from article a where a.live"
                + " and a.story_id is not null and a.published_at <= ? and a.published_at > ?");
        List<Object> params = new ArrayList<>(List.of(utc(at), utc(since)));
        if (topic != null) {
            sql.append(" and exists (select 1 from article_topic t where t.article_id = a.id and t.topic_key = ?)");
            params.add(topic);
        }
        return query(c -> strings(c, sql.toString(), params));
    }

    /** The live members of the given stories published up to {@code at}. */
    public List<AsOfMember> membersAsOf(java.util.Collection<String> storyIds, Instant at) {
        if (storyIds.isEmpty()) {
            return List.of();
        }
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select a.id, a.story_id, a.published_at, a.heat_base, a.half_life_hours,
                           coalesce(json_array_length(s.providers::json), 1), a.provider_key,
                           array(select distinct lower(r.document::jsonb -> 'provider' ->> 'domain') from related_link r
                                 where r.article_id = a.id and r.origin = a.id and r.source = 'editorial'
                                   and r.document::jsonb -> 'provider' ->> 'domain' is not null)
                    from article a left join story s on s.id = a.story_id
                    where a.story_id = any(?) and a.live and a.published_at <= ?""")) {
                s.setArray(1, c.createArrayOf("text", storyIds.toArray(String[]::new)));
                s.setObject(2, utc(at));
                try (ResultSet r = s.executeQuery()) {
                    List<AsOfMember> members = new ArrayList<>();
                    while (r.next()) {
                        List<String> providers = new ArrayList<>();
                        if (r.getString(7) != null) {
                            providers.add(r.getString(7));
                        }
                        providers.addAll(List.of((String[]) r.getArray(8).getArray()));
                        members.add(new AsOfMember(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                                r.getDouble(4), r.getDouble(5), r.getInt(6), providers));
                    }
                    return members;
                }
            }
        });
    }

    /**
     * @throws NumberFormatException or {@link java.time.format.DateTimeParseException} when a cursor's value
     *                               does not fit its order
     */
    public static Object sortValue(Sort sort, String value) {
        return switch (sort) {
            case NEWEST -> utc(Instant.parse(value));
            case HEAT -> Integer.parseInt(value);
            case TRENDING -> Double.parseDouble(value);
            case RELEVANCE -> Float.parseFloat(value);
        };
    }

    /**
     * The related entries of an article as its document lists them ({@link RelatedSelection}), without
     * those pointing at retracted articles; empty when there is no such article.
     */
    public List<String> related(String articleId) {
        return query(c -> {
            Integer limit = null;
            try (PreparedStatement s = prepare(c, "select related_limit from article where id = ?", List.of(articleId));
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    limit = r.getInt(1);
                }
            }
            if (limit == null) {
                return List.of();
            }
            return RelatedSelection.select(articleId, links(c, List.of(articleId)).getOrDefault(articleId, List.of()), limit)
                    .stream().filter(l -> !l.toRetracted()).map(RelatedSelection.Link::document).toList();
        });
    }

    /**
     * The link rows in scope for each of the given articles: its own (origin = the article) and the backlinks
     * given for its current version; with whether each link's target is live (null: not stored here).
     */
    private static Map<String, List<RelatedSelection.Link>> links(Connection c, Collection<String> articleIds)
            throws SQLException {
        Map<String, List<RelatedSelection.Link>> links = new HashMap<>();
        if (articleIds.isEmpty()) {
            return links;
        }
        try (PreparedStatement s = c.prepareStatement("""
                select r.article_id, r.origin, r.position, r.related_id, r.score, r.source = 'editorial', t.live,
                       r.document
                from related_link r join article a on a.id = r.article_id left join article t on t.id = r.related_id
                where r.article_id = any(?) and (r.origin = r.article_id or r.target_version = a.version)""")) {
            s.setArray(1, c.createArrayOf("text", articleIds.toArray(String[]::new)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Boolean targetLive = r.getBoolean(7);
                    if (r.wasNull()) {
                        targetLive = null;
                    }
                    links.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new RelatedSelection.Link(
                            r.getString(2), r.getInt(3), r.getString(4), r.getDouble(5), r.getBoolean(6), targetLive,
                            r.getString(8)));
                }
            }
        }
        return links;
    }

    /** The stored articles as the API serves them, by id: their links read at once. */
    private static Map<String, String> composed(Connection c, List<Stored> articles) throws SQLException {
        Map<String, List<RelatedSelection.Link>> links = links(c, articles.stream().map(Stored::id).toList());
        Map<String, String> documents = new HashMap<>();
        for (Stored a : articles) {
            documents.put(a.id(), a.compose(links.getOrDefault(a.id(), List.of())));
        }
        return documents;
    }

    /** The {@link #COMPOSED_COLUMNS} of a result row. */
    private static Stored stored(ResultSet r) throws SQLException {
        StoryRef story = null;
        if (r.getString(9) != null) {
            double value = r.getDouble(15);
            Double coverage = r.wasNull() ? null : value;
            story = new StoryRef(r.getString(9), r.getString(10), r.getInt(11), providers(r.getString(12)),
                    instant(r.getTimestamp(13)), instant(r.getTimestamp(14)), coverage);
        }
        return new Stored(r.getString(1), r.getBoolean(2), r.getString(3), r.getInt(4), r.getString(5),
                instant(r.getTimestamp(6)), r.getString(7), r.getInt(8), story);
    }

    /** A story's providers, stored as a JSON array. */
    private static List<String> providers(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, PROVIDERS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a story's stored providers are not a JSON array", e);
        }
    }

    /** Stories with at least one live article, hottest first; with a topic, those with a live article on it. */
    public List<StoryRow> stories(String topic, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                select s.id, s.lead_article_id, s.size, s.providers, s.first_published, s.last_published, s.ranked_at,
                       s.live_articles, s.heat
                from story s where s.live_articles > 0""");
        List<Object> params = new ArrayList<>();
        if (topic != null) {
            sql.append(" and exists (select 1 from article a join article_topic t on t.article_id = a.id"
                    + " where a.story_id = s.id and a.live and t.topic_key = ?)");
            params.add(topic);
        }
        if (after != null) {
            sql.append(" and (s.heat, s.id) < (?, ?)");
            params.add(Integer.parseInt(after.value()));
            params.add(after.id());
        }
        sql.append(" order by s.heat desc, s.id desc limit ?");
        params.add(limit);
        return query(c -> {
            try (PreparedStatement s = prepare(c, sql.toString(), params); ResultSet r = s.executeQuery()) {
                List<StoryRow> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(storyRow(r));
                }
                return rows;
            }
        });
    }

    public StoryRow story(String id) {
        return query(c -> {
            try (PreparedStatement s = prepare(c, """
                    select id, lead_article_id, size, providers, first_published, last_published, ranked_at,
                           live_articles, heat
                    from story where id = ?""", List.of(id)); ResultSet r = s.executeQuery()) {
                return r.next() ? storyRow(r) : null;
            }
        });
    }

    /** The stored facts of the given stories, by id. */
    public java.util.Map<String, StoryRow> storiesById(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select id, lead_article_id, size, providers, first_published, last_published, ranked_at,
                           live_articles, heat
                    from story where id = any(?)""")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
                try (ResultSet r = s.executeQuery()) {
                    java.util.Map<String, StoryRow> rows = new java.util.HashMap<>();
                    while (r.next()) {
                        rows.put(r.getString(1), storyRow(r));
                    }
                    return rows;
                }
            }
        });
    }

    /** The live articles of the given stories, each story's hottest first. */
    public List<Member> members(List<String> storyIds) {
        if (storyIds.isEmpty()) {
            return List.of();
        }
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select id, story_id, title, web_url, published_at, provider_name, provider_domain, heat
                    from article where story_id = any(?) and live order by story_id, heat desc, id""")) {
                s.setArray(1, c.createArrayOf("text", storyIds.toArray(String[]::new)));
                try (ResultSet r = s.executeQuery()) {
                    List<Member> members = new ArrayList<>();
                    while (r.next()) {
                        members.add(new Member(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getTimestamp(5).toInstant(), r.getString(6), r.getString(7), r.getInt(8)));
                    }
                    return members;
                }
            }
        });
    }

    /** Live articles as the API serves them, by id. */
    public Map<String, String> documents(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return query(c -> {
            List<Stored> stored = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select " + COMPOSED_COLUMNS + COMPOSED_FROM
                    + " where a.id = any(?) and a.live")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stored.add(stored(r));
                    }
                }
            }
            return composed(c, stored);
        });
    }

    /** Topics with live articles, most articles first, then by name. */
    public List<TopicRow> topics(Cursor after, int limit) {
        return query(c -> {
            try (PreparedStatement s = prepare(c, "select key, name, live_articles from topic where live_articles > 0"
                    + (after == null ? "" : " and (live_articles < ? or (live_articles = ? and key > ?))")
                    + " order by live_articles desc, key limit ?", countCursor(after, limit));
                 ResultSet r = s.executeQuery()) {
                List<TopicRow> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(new TopicRow(r.getString(1), r.getString(2), r.getInt(3)));
                }
                return rows;
            }
        });
    }

    /** Providers with live articles, most articles first, then by domain. */
    public List<ProviderRow> providers(Cursor after, int limit) {
        return query(c -> {
            try (PreparedStatement s = prepare(c, "select key, domain, name, images, live_articles from provider"
                    + " where live_articles > 0"
                    + (after == null ? "" : " and (live_articles < ? or (live_articles = ? and key > ?))")
                    + " order by live_articles desc, key limit ?", countCursor(after, limit));
                 ResultSet r = s.executeQuery()) {
                List<ProviderRow> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(new ProviderRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
                }
                return rows;
            }
        });
    }

    /** Whether a topic has a live article. */
    public boolean topicExists(String key) {
        return query(c -> !strings(c, "select key from topic where key = ? and live_articles > 0", List.of(key)).isEmpty());
    }

    private static List<Object> countCursor(Cursor after, int limit) {
        List<Object> params = new ArrayList<>();
        if (after != null) {
            int count = Integer.parseInt(after.value());
            params.add(count);
            params.add(count);
            params.add(after.id());
        }
        params.add(limit);
        return params;
    }

    private static StoryRow storyRow(ResultSet r) throws SQLException {
        return new StoryRow(r.getString(1), r.getString(2), r.getInt(3), r.getString(4), instant(r.getTimestamp(5)),
                instant(r.getTimestamp(6)), instant(r.getTimestamp(7)), r.getInt(8), r.getInt(9));
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void condition(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static List<String> strings(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
        return s;
    }
}
