package dev.newsroom.article.repository;

import dev.newsroom.article.service.HeatColumns;
import dev.newsroom.article.service.OwnLinks;
import dev.newsroom.article.service.StoredArticle;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRecord;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Writes a batch of {@code articles.ranked} (schema 2) with a handful of set-based statements (each column
 * sent as one array and {@code unnest}ed by PostgreSQL), whatever the batch size: the article rows, their
 * topics, images, own related links and the backlinks they give, ranking updates and pending ones, the
 * topic and provider counts and the stories. Runs inside the caller's transaction, on Hibernate's
 * connection. The content {@code document} is written only with a whole record: a ranking change writes
 * columns and link rows, never the document.
 *
 * <p>Order-proofing: every rule is "latest wins". A whole record is written only when it is newer than
 * what is stored (higher version, or same version ranked later; the insert repeats that condition). A
 * {@link RankingUpdate} is applied to the stored row of its version when it is later, dropped when a newer
 * version is stored, and otherwise kept in {@code ranking_pending} until the whole record of its version
 * arrives (which applies it when it is later than its own ranking). Story facts are kept when later; when
 * a story's coverage changes, its members' heat is set again in one statement. A story's live count and heat
 * change by what the batch's members did to them, and are counted again from all members only where that
 * cannot tell ({@link StoryCounts}).
 *
 * <p>Story merges ({@link StoryRecord#isMerge}): the old story's row keeps the merge ({@code size} 0,
 * {@code merged_into}, its {@code rankedAt}) for as long as it is the story's latest record. A merge moves,
 * in one statement, every stored member of the old story ranked no later than the merge into the story it
 * went to (even when later facts of the old story are stored: those members went all the same); a whole
 * record or ranking update of a story ranked no later than a merge the store knows (stored, or of the same
 * batch) is stored in the story that merge went to. Both follow chains of merges (A into B, then B into C;
 * at most {@link #MAX_MERGE_HOPS} hops, each no earlier than the one before), so that the store does not
 * depend on the order records arrive in.
 *
 * <p>Several instances may write at once: each transaction first takes advisory locks on the batch's
 * article ids (so that an update and the whole record of an article not stored yet never miss each other),
 * then the stored rows, then advisory locks and rows of the stories; each kind in key order. Counts change
 * by deltas under their row locks. A deadlock that still happens (a story's members re-set while another
 * instance writes one of them) fails the batch, which the listener retries.
 */
@ApplicationScoped
public class ArticleWriter {

    /** The most merges followed from one story to the story its members are in now (a chain, or a cycle). */
    static final int MAX_MERGE_HOPS = 16;

    /**
     * What one transaction writes.
     *
     * @param articles whole records, at most one per article id (a later update of the same version folded in)
     * @param rankings ranking updates, at most one per article id, none for an id of {@code articles} unless
     *                 of a newer version
     * @param stories  story records: per story id the latest ({@link #isLater}), and the latest merge when that
     *                 is not the latest record (its moves still apply); at most one merge per story id
     */
    public record Batch(List<StoredArticle> articles, List<RankingUpdate> rankings, List<StoryRecord> stories) {

        public static Batch of(Collection<StoredArticle> articles) {
            return new Batch(List.copyOf(articles), List.of(), List.of());
        }

        public int size() {
            return articles.size() + rankings.size() + stories.size();
        }
    }

    /**
     * What a batch did.
     *
     * @param inserted whole records of articles not stored before
     * @param updated  whole records and ranking updates that changed a stored article
     * @param stale    records older than what is stored (or superseded by a newer version)
     * @param pending  ranking updates kept until the whole record of their version arrives
     * @param stories  story records whose facts were later than the stored ones
     */
    public record Outcome(int inserted, int updated, int stale, int pending, int stories) {

        public boolean changed() {
            return inserted + updated + pending + stories > 0;
        }
    }

    private final EntityManager entityManager;

    public ArticleWriter(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @param batch at most one record per article id */
    public Outcome write(Collection<StoredArticle> batch) {
        return write(Batch.of(batch));
    }

    public Outcome write(Batch batch) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> write(connection, batch));
    }

    private record Stored(long version, Instant rankedAt, boolean live, String storyId, String providerKey,
                          List<String> topicKeys, String contentHash, String relatedHash, Instant publishedAt,
                          int heat) {
        boolean olderThan(StoredArticle a) {
            return olderThan(a.version(), a.rankedAt());
        }

        boolean olderThan(long v, Instant ranked) {
            return version < v || (version == v && rankedAt.isBefore(stored(ranked)));
        }
    }

    /**
     * Of two records of one story, whether {@code record} replaces {@code than}: it is later, or as late and
     * not facts replacing a merge (so that the outcome of a tie does not depend on the order of arrival).
     */
    public static boolean isLater(StoryRecord record, StoryRecord than) {
        return isLater(record.rankedAt(), record.isMerge(), than.rankedAt(), than.isMerge());
    }

    private static boolean isLater(Instant at, boolean merge, Instant thanAt, boolean thanMerge) {
        return at.isAfter(thanAt) || (at.equals(thanAt) && (merge || !thanMerge));
    }

    /** A story as stored: its coverage, the time of its facts, the story it merged into (or null), its counts. */
    private record StoredStory(Double coverage, Instant rankedAt, String mergedInto, StoryCounts.Stored counts) {
    }

    /** Story {@code story} merged into {@code into} at {@code at}: its members ranked by then went there. */
    private record Merge(String into, Instant at) {
    }

    /** A ranking update to apply to its stored article, with what it needs from the row and its story. */
    private record Ranked(RankingUpdate update, HeatColumns heat, OwnLinks links, String storyId) {
    }

    private Outcome write(Connection c, Batch batch) throws SQLException {
        Set<String> ids = new TreeSet<>();
        batch.articles().forEach(a -> ids.add(a.id()));
        batch.rankings().forEach(u -> ids.add(u.articleId()));
        advisoryLocks(c, 1, ids);
        Map<String, Stored> stored = lockStored(c, List.copyOf(ids));

        // whole records newer than what is stored, with a later pending update of their version folded in
        Map<String, StoredArticle> applied = new TreeMap<>();
        int inserted = 0;
        int stale = 0;
        for (StoredArticle a : batch.articles()) {
            Stored old = stored.get(a.id());
            if (old == null || old.olderThan(a)) {
                applied.put(a.id(), a);
                inserted += old == null ? 1 : 0;
            } else {
                stale++;
            }
        }
        takePending(c, applied);

        // ranking updates: applied to their version, superseded by a newer one, or pending
        Map<String, Ranked> ranked = new TreeMap<>();
        List<RankingUpdate> pending = new ArrayList<>();
        for (RankingUpdate u : batch.rankings()) {
            StoredArticle whole = applied.get(u.articleId());
            Stored old = stored.get(u.articleId());
            long version = whole != null ? whole.version() : old != null ? old.version() : 0;
            if (version < u.version()) {
                pending.add(u);
            } else if (version > u.version()) {
                stale++;
            } else if (whole != null) {
                if (whole.supersededBy(u)) {
                    applied.put(u.articleId(), whole.with(u));
                } else {
                    stale++;
                }
            } else if (old.rankedAt().isBefore(stored(u.rankedAt()))) {
                ranked.put(u.articleId(), new Ranked(u, HeatColumns.of(u.heat(), old.publishedAt()),
                        OwnLinks.of(u.related()), u.storyId()));
            } else {
                stale++;
            }
        }

        // stories: every story an article enters, leaves or carries facts of, the story records', the stories
        // merges go to, and the stories those merged into (locked along the chains)
        Map<String, StoryRecord> facts = new TreeMap<>();
        for (StoredArticle a : applied.values()) {
            if (a.storyFacts() != null) {
                later(facts, StoryRecord.of(a.storyFacts(), a.factsAt()));
            }
        }
        batch.stories().forEach(r -> later(facts, r));
        Set<String> stories = new TreeSet<>(facts.keySet());
        batch.stories().forEach(r -> addIfPresent(stories, r.mergedInto()));
        for (StoredArticle a : applied.values()) {
            addIfPresent(stories, a.storyId());
            addIfPresent(stories, stored.containsKey(a.id()) ? stored.get(a.id()).storyId() : null);
        }
        for (Ranked r : ranked.values()) {
            addIfPresent(stories, r.update().storyId());
            addIfPresent(stories, stored.get(r.update().articleId()).storyId());
        }
        Map<String, StoredStory> storedStories = lockStories(c, stories);
        Map<String, Double> coverage = new HashMap<>();
        storedStories.forEach((id, s) -> coverage.put(id, s.coverage()));
        List<StoryRecord> newFacts = new ArrayList<>();
        Set<String> coverageChanged = new TreeSet<>();
        for (StoryRecord f : facts.values()) {
            StoredStory old = storedStories.get(f.story().id());
            if (old == null || isLater(stored(f.rankedAt()), f.isMerge(), old.rankedAt(), old.mergedInto() != null)) {
                newFacts.add(f);
                Double now = f.story().coverage() != null ? f.story().coverage() : old == null ? null : old.coverage();
                coverage.put(f.story().id(), now);
                if (now != null && (old == null || !Objects.equals(now, old.coverage()))) {
                    coverageChanged.add(f.story().id());
                }
            }
        }

        // merges: the stored ones (a story's row while it is its latest record) and every one of the batch, even
        // one its story's later facts outdate (its members of then went all the same). Each moves the stored
        // members of its story ranked by then; this batch's records ranked before a merge go where it went.
        Map<String, List<Merge>> merges = new HashMap<>();
        storedStories.forEach((id, s) -> {
            if (s.mergedInto() != null) {
                merges.computeIfAbsent(id, k -> new ArrayList<>()).add(new Merge(s.mergedInto(), s.rankedAt()));
            }
        });
        List<StoryRecord> batchMerges = batch.stories().stream().filter(StoryRecord::isMerge).toList();
        batchMerges.forEach(m -> merges.computeIfAbsent(m.story().id(), k -> new ArrayList<>())
                .add(new Merge(m.mergedInto(), stored(m.rankedAt()))));
        Columns moves = new Columns(batchMerges.size());
        Map<String, String> movesInto = new TreeMap<>();
        for (StoryRecord m : batchMerges) {
            String into = followMerges(merges, m.mergedInto(), stored(m.rankedAt()),
                    new TreeSet<>(List.of(m.story().id(), m.mergedInto())));
            moves.add(m.story().id(), into, m.rankedAt());
            movesInto.put(m.story().id(), into);
        }
        for (StoredArticle a : List.copyOf(applied.values())) {
            String story = storyAfterMerges(merges, a.storyId(), a.rankedAt());
            if (!Objects.equals(story, a.storyId())) {
                applied.put(a.id(), a.inStory(story));
            }
        }
        ranked.replaceAll((id, r) -> new Ranked(r.update(), r.heat(), r.links(),
                storyAfterMerges(merges, r.storyId(), r.update().rankedAt())));

        writeStories(c, newFacts);
        List<StoredArticle> articles = List.copyOf(applied.values());
        writeArticles(c, articles, stored, coverage);
        applyRankings(c, ranked.values(), coverage);
        keepPending(c, pending);
        replaceChildren(c, articles, stored);
        replaceOwnLinks(c, articles, ranked.values(), stored);
        replaceBacklinks(c, articles, stored);
        countTopics(c, articles, stored);
        countProviders(c, articles, stored);
        Set<String> moved = moveMembers(c, moves);
        Set<String> written = new TreeSet<>(applied.keySet());
        written.addAll(ranked.keySet());
        moved.forEach(old -> coverageChanged.add(movesInto.get(old)));   // the members it took follow its coverage
        resetMembersHeat(c, coverageChanged, written);
        StoryCounts counts = storyCounts(articles, ranked.values(), stored, storedStories, coverage);
        coverageChanged.forEach(counts::recount);      // every member's heat changed
        moved.forEach(counts::recount);                // members left with a merge (where they went is above)
        newFacts.stream().map(f -> f.story().id()).filter(id -> !storedStories.containsKey(id))
                .forEach(counts::recount);             // a new row: its members may have come before it
        countStories(c, counts);
        int storiesChanged = (int) batch.stories().stream()
                .filter(r -> newFacts.stream().anyMatch(f -> f == r) || (r.isMerge() && moved.contains(r.story().id())))
                .count();
        return new Outcome(inserted, applied.size() - inserted + ranked.size(), stale, pending.size(), storiesChanged);
    }

    private static void later(Map<String, StoryRecord> facts, StoryRecord f) {
        facts.merge(f.story().id(), f, (x, y) -> isLater(y, x) ? y : x);
    }

    /**
     * The story an article of {@code story} ranked at {@code rankedAt} is in once the known merges are
     * applied in time order ({@link #followMerges}).
     */
    private static String storyAfterMerges(Map<String, List<Merge>> merges, String story, Instant rankedAt) {
        return story == null ? null : followMerges(merges, story, stored(rankedAt), new TreeSet<>(List.of(story)));
    }

    /**
     * Where members that are in {@code story} since {@code since} end: the first merge of their story no
     * earlier than that takes them along, then the first merge of that story no earlier than this one, and
     * so on (a merge earlier than that was applied before they came). At most {@link #MAX_MERGE_HOPS} hops;
     * a story already {@code passed} ends the chain (a cycle).
     */
    private static String followMerges(Map<String, List<Merge>> merges, String story, Instant since, Set<String> passed) {
        String now = story;
        Instant at = since;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            Instant from = at;
            Merge next = merges.getOrDefault(now, List.of()).stream().filter(m -> !m.at().isBefore(from))
                    .min(Comparator.comparing(Merge::at)).orElse(null);
            if (next == null || !passed.add(next.into())) {
                break;
            }
            now = next.into();
            at = next.at();
        }
        return now;
    }

    /**
     * Every stored member of a merged story ranked no later than the merge goes to the story the merge
     * leads to, in one statement; the document is not touched. @return the stories members left
     */
    private static Set<String> moveMembers(Connection c, Columns moves) throws SQLException {
        return new TreeSet<>(moves.query(c, """
                with moved as (
                    update article a set story_id = u.target
                    from unnest(?, ?, ?) as u(old, target, at)
                    where a.story_id = u.old and a.ranked_at <= u.at::timestamptz and u.target <> u.old
                    returning u.old)
                select distinct old from moved"""));
    }

    /**
     * Transaction-scoped advisory locks on ids of one kind (1: articles, 2: stories), in the order of their
     * keys: a record of an article (or story) not stored yet has no row to lock, and two instances must
     * still not both take it for new.
     */
    private static void advisoryLocks(Connection c, int kind, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                select count(pg_advisory_xact_lock(?, k.key))
                from (select distinct hashtext(u.id) as key from unnest(?) as u(id) order by 1) k""")) {
            s.setInt(1, kind);
            s.setArray(2, text(c, List.copyOf(ids)));
            s.executeQuery().close();
        }
    }

    private static Map<String, Stored> lockStored(Connection c, List<String> ids) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select a.id, a.version, a.ranked_at, a.live, a.story_id, a.provider_key,
                       array(select distinct t.topic_key from article_topic t where t.article_id = a.id),
                       a.content_hash, a.related_hash, a.published_at, a.heat
                from article a where a.id = any(?) order by a.id for update of a""")) {
            s.setArray(1, text(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), new Stored(r.getLong(2), r.getTimestamp(3).toInstant(), r.getBoolean(4),
                            r.getString(5), r.getString(6), Arrays.asList((String[]) r.getArray(7).getArray()),
                            r.getString(8), r.getString(9), r.getTimestamp(10).toInstant(), r.getInt(11)));
                }
            }
        }
        return stored;
    }

    /**
     * Removes the pending updates the applied whole records settle (their version or older) and folds in
     * those of the same version that are later than the record's own ranking.
     */
    private static void takePending(Connection c, Map<String, StoredArticle> applied) throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        Columns cols = new Columns(applied.size());
        applied.values().forEach(a -> cols.add(a.id(), a.version()));
        List<String> payloads = cols.query(c, """
                delete from ranking_pending p using unnest(?, ?) as u(id, v)
                where p.article_id = u.id and p.version <= u.v::bigint
                returning p.payload""");
        for (String payload : payloads) {
            RankingUpdate u = Json.readRankingUpdate(payload);
            StoredArticle a = applied.get(u.articleId());
            if (a != null && a.supersededBy(u)) {
                applied.put(a.id(), a.with(u));
            }
        }
    }

    /** Updates for versions not stored yet: the latest (version, rankedAt) per article is kept. */
    private static void keepPending(Connection c, List<RankingUpdate> pending) throws SQLException {
        Columns cols = new Columns(pending.size());
        pending.forEach(u -> cols.add(u.articleId(), u.version(), u.rankedAt(), Json.write(u)));
        cols.execute(c, """
                insert into ranking_pending (article_id, version, ranked_at, payload)
                select u.id, u.v::bigint, u.ranked::timestamptz, u.payload
                from unnest(?, ?, ?, ?) as u(id, v, ranked, payload) order by u.id
                on conflict (article_id) do update set version = excluded.version, ranked_at = excluded.ranked_at,
                    payload = excluded.payload
                where (ranking_pending.version, ranking_pending.ranked_at) < (excluded.version, excluded.ranked_at)""");
    }

    /**
     * Advisory locks and row locks on the stories, and on the stories they merged into, along each chain:
     * first those a read of the chains finds (all in key order), then where a merge another writer stored
     * since leads (rare: a lock out of order, at worst a deadlock that fails the batch, which is retried).
     */
    private static Map<String, StoredStory> lockStories(Connection c, Set<String> ids) throws SQLException {
        Map<String, StoredStory> stories = new HashMap<>();
        if (ids.isEmpty()) {
            return stories;
        }
        Set<String> locked = new TreeSet<>();
        Set<String> wanted = new TreeSet<>(ids);
        wanted.addAll(mergedInto(c, ids));
        for (int hop = 0; !wanted.isEmpty() && hop <= MAX_MERGE_HOPS; hop++) {
            advisoryLocks(c, 2, wanted);
            stories.putAll(lockStoryRows(c, wanted));
            locked.addAll(wanted);
            wanted = new TreeSet<>();
            for (StoredStory s : stories.values()) {
                if (s.mergedInto() != null && !locked.contains(s.mergedInto())) {
                    wanted.add(s.mergedInto());
                }
            }
        }
        return stories;
    }

    /** The stories the given ones merged into, and those merged into, and so on (unlocked). */
    private static List<String> mergedInto(Connection c, Set<String> ids) throws SQLException {
        Columns cols = new Columns(ids.size());
        ids.forEach(cols::add);
        return cols.query(c, """
                with recursive chain (id, hop) as (
                    select s.merged_into, 1 from story s where s.id = any(?) and s.merged_into is not null
                    union
                    select s.merged_into, chain.hop + 1 from chain join story s on s.id = chain.id
                    where s.merged_into is not null and chain.hop < %d)
                select distinct id from chain""".formatted(MAX_MERGE_HOPS));
    }

    private static Map<String, StoredStory> lockStoryRows(Connection c, Set<String> ids) throws SQLException {
        Map<String, StoredStory> stories = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select id, coverage, ranked_at, merged_into, live_articles, heat from story where id = any(?)"
                        + " order by id for update")) {
            s.setArray(1, text(c, List.copyOf(ids)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    double coverage = r.getDouble(2);
                    stories.put(r.getString(1), new StoredStory(r.wasNull() ? null : coverage,
                            r.getTimestamp(3).toInstant(), r.getString(4), new StoryCounts.Stored(r.getInt(5), r.getInt(6))));
                }
            }
        }
        return stories;
    }

    /**
     * The stories' facts that are later than the stored ones (a fact without coverage keeps the stored one);
     * a merge is kept as the story's row, and later facts of the story clear it ({@link #isLater}).
     */
    private static void writeStories(Connection c, List<StoryRecord> facts) throws SQLException {
        Columns cols = new Columns(facts.size());
        facts.forEach(f -> {
            StoryRef s = f.story();
            cols.add(s.id(), s.leadArticleId(), s.size(), Json.write(s.providers()), s.firstPublished(),
                    s.lastPublished(), f.rankedAt(), s.coverage(), f.mergedInto());
        });
        cols.execute(c, """
                insert into story (id, lead_article_id, size, providers, first_published, last_published, ranked_at,
                                   coverage, merged_into)
                select u.id, u.lead, u.size::integer, u.providers, u.first::timestamptz, u.last::timestamptz,
                       u.ranked::timestamptz, u.coverage::float8, u.merged
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) as u(id, lead, size, providers, first, last, ranked, coverage, merged)
                order by u.id
                on conflict (id) do update set lead_article_id = excluded.lead_article_id, size = excluded.size,
                    providers = excluded.providers, first_published = excluded.first_published,
                    last_published = excluded.last_published, ranked_at = excluded.ranked_at,
                    coverage = coalesce(excluded.coverage, story.coverage), merged_into = excluded.merged_into
                where story.ranked_at < excluded.ranked_at or (story.ranked_at = excluded.ranked_at
                    and (excluded.merged_into is not null or story.merged_into is null))""");
    }

    /** The full-text vector of a row's title, excerpt and body ({@code %s}: the row's alias). */
    private static String searchVector(String row) {
        return ("setweight(to_tsvector('english', coalesce(%1$s.title, '')), 'A')"
                + " || setweight(to_tsvector('english', coalesce(%1$s.excerpt, '')), 'B')"
                + " || setweight(to_tsvector('english', coalesce(%1$s.body, '')), 'C')").formatted(row);
    }

    /**
     * One upsert for the batch: content, heat columns (with each story's current coverage) and the rest of
     * the ranking. The search vector is computed only for new articles and for stored ones whose content
     * changed.
     */
    private static void writeArticles(Connection c, List<StoredArticle> applied, Map<String, Stored> stored,
                                      Map<String, Double> coverage) throws SQLException {
        Columns cols = new Columns(applied.size());
        for (StoredArticle a : applied) {
            var e = a.event();
            var article = a.article();
            Provider p = article.provider();
            HeatColumns heat = a.heat();
            HeatColumns.Values values = inStory(heat, a.storyId(), coverage);
            cols.add(a.id(), e.version(), e.contentHash(), e.ingestedAt() == null ? a.factsAt() : e.ingestedAt(),
                    a.rankedAt(), article.title(), article.publishedDateTime(),
                    p == null ? null : p.domain(), p == null ? null : p.name(), article.category(), article.type(),
                    a.live(), values.value(), a.storyId(), a.document(), e.canonicalUrl(), e.sourceFile(),
                    article.primaryUrl(), article.excerpt(), article.body(), a.providerKey(),
                    Article.nameKey(article.category()), Article.nameKey(article.type()), values.base(),
                    heat.trending().halfLifeHours(), heat.trending().newsLagSeconds(), values.trendKey(), a.source(),
                    a.links().hash(), !stored.containsKey(a.id()), heat.json(), heat.own(), heat.recency(),
                    a.relatedLimit());
        }
        cols.execute(c, """
                insert into article (id, version, content_hash, ingested_at, ranked_at, title, published_at,
                    provider_domain, provider_name, category, type, live, heat, story_id, document, canonical_url,
                    source_file, web_url, excerpt, body, provider_key, category_key, type_key, heat_base,
                    half_life_hours, news_lag_seconds, trend_key, source, related_hash, search, heat_score, heat_own,
                    heat_recency, related_limit)
                select u.id, u.version::bigint, u.hash, u.ingested::timestamptz, u.ranked::timestamptz, u.title,
                    u.published::timestamptz, u.pdomain, u.pname, u.category, u.type, u.live::boolean, u.heat::integer,
                    u.story, convert_from(u.document, 'UTF8'), u.canonical, u.file, u.url, u.excerpt, u.body, u.pkey,
                    u.ckey, u.tkey, u.base::float8, u.half::float8, u.lag::float8, u.trend::float8,
                    convert_from(u.source, 'UTF8'), u.rhash,
                    case when u.new::boolean then %s end, u.score, u.own::float8, u.rec::float8, u.lim::integer
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                            ?, ?, ?, ?)
                    as u(id, version, hash, ingested, ranked, title, published, pdomain, pname, category, type, live,
                         heat, story, document, canonical, file, url, excerpt, body, pkey, ckey, tkey, base, half, lag,
                         trend, source, rhash, new, score, own, rec, lim)
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
                    heat_score = excluded.heat_score, heat_own = excluded.heat_own,
                    heat_recency = excluded.heat_recency, related_limit = excluded.related_limit,
                    search = case when article.content_hash = excluded.content_hash and article.search is not null
                                  then article.search else %s end
                where (article.version, article.ranked_at) < (excluded.version, excluded.ranked_at)""".formatted(
                searchVector("u"), searchVector("excluded")));
    }

    /** Ranking updates of stored versions: heat columns, story id and time; never the document. */
    private static void applyRankings(Connection c, Collection<Ranked> ranked, Map<String, Double> coverage)
            throws SQLException {
        Columns cols = new Columns(ranked.size());
        for (Ranked r : ranked) {
            RankingUpdate u = r.update();
            HeatColumns heat = r.heat();
            HeatColumns.Values values = inStory(heat, r.storyId(), coverage);
            cols.add(u.articleId(), u.version(), u.rankedAt(), values.value(), heat.json(), heat.own(), heat.recency(),
                    values.base(), heat.trending().halfLifeHours(), heat.trending().newsLagSeconds(), values.trendKey(),
                    r.storyId(), r.links().hash());
        }
        cols.execute(c, """
                update article a set ranked_at = u.ranked::timestamptz, heat = u.heat::integer, heat_score = u.score,
                    heat_own = u.own::float8, heat_recency = u.rec::float8, heat_base = u.base::float8,
                    half_life_hours = u.half::float8, news_lag_seconds = u.lag::float8, trend_key = u.trend::float8,
                    story_id = u.story, related_hash = u.rhash
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    as u(id, version, ranked, heat, score, own, rec, base, half, lag, trend, story, rhash)
                where a.id = u.id and a.version = u.version::bigint and a.ranked_at < u.ranked::timestamptz""");
    }

    /**
     * Topics and images follow the content: written for new articles and new content only. Only a stored
     * article can have rows to delete (they reference it), so a batch of new articles deletes nothing (such
     * deletes, finding no row, took 14 s of PostgreSQL's 81 in one profiled ingest: BENCHMARKS.md, "twenty-eighth
     * pass").
     */
    private static void replaceChildren(Connection c, List<StoredArticle> applied, Map<String, Stored> stored)
            throws SQLException {
        List<String> replaced = new ArrayList<>();   // stored articles whose content changed
        Columns topics = new Columns(applied.size() * 3);
        Columns images = new Columns(applied.size());
        for (StoredArticle a : applied) {
            Stored old = stored.get(a.id());
            if (old != null && old.contentHash().equals(a.event().contentHash())) {
                continue;
            }
            if (old != null) {
                replaced.add(a.id());
            }
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
        delete(c, "delete from article_topic where article_id = any(?)", replaced);
        delete(c, "delete from article_image where article_id = any(?)", replaced);
        topics.execute(c, """
                insert into article_topic (article_id, position, topic_key)
                select u.a, u.p::smallint, u.k from unnest(?, ?, ?) as u(a, p, k)""");
        images.execute(c, """
                insert into article_image (article_id, position, url, width, height, title)
                select u.a, u.p::smallint, u.url, u.w::integer, u.h::integer, u.title
                from unnest(?, ?, ?, ?, ?, ?) as u(a, p, url, w, h, title)""");
    }

    /**
     * An article's own links ({@code origin = article_id}) follow its latest ranking, whole record or
     * update; rewritten only when their digest differs from the stored one.
     */
    private static void replaceOwnLinks(Connection c, List<StoredArticle> applied, Collection<Ranked> ranked,
                                        Map<String, Stored> stored) throws SQLException {
        Map<String, OwnLinks> changed = new TreeMap<>();
        for (StoredArticle a : applied) {
            Stored old = stored.get(a.id());
            if (old == null || !old.relatedHash().equals(a.links().hash())) {
                changed.put(a.id(), a.links());
            }
        }
        for (Ranked r : ranked) {
            if (!stored.get(r.update().articleId()).relatedHash().equals(r.links().hash())) {
                changed.put(r.update().articleId(), r.links());
            }
        }
        // an article's own links are written with it: one not stored yet has none to delete
        delete(c, "delete from related_link where article_id = any(?) and origin = article_id",
                changed.keySet().stream().filter(stored::containsKey).toList());
        Columns rows = new Columns(changed.size() * 2);
        changed.forEach((id, links) -> {
            for (int i = 0; i < links.links().size(); i++) {
                RelatedLink link = links.links().get(i);
                rows.add(id, i, linkedId(link), link.score(), source(link.source()), link.article().primaryUrl(),
                        links.documents().get(i));
            }
        });
        rows.execute(c, """
                insert into related_link (article_id, origin, position, related_id, score, source, web_url, document)
                select u.a, u.a, u.p::smallint, u.rid, u.score::float8, u.source, u.url, convert_from(u.doc, 'UTF8')
                from unnest(?, ?, ?, ?, ?, ?, ?) as u(a, p, rid, score, source, url, doc)""");
    }

    /**
     * The backlinks a whole record gives replace those its article gave before; a new version of an article
     * drops the backlinks it was given for older versions (they were computed against other content). A
     * backlink to an article already stored at a newer version is superseded and not written.
     */
    private static void replaceBacklinks(Connection c, List<StoredArticle> applied, Map<String, Stored> stored)
            throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        // the backlinks an article gave come with its whole record: one not stored yet gave none
        delete(c, "delete from related_link where origin = any(?) and article_id <> origin",
                applied.stream().map(StoredArticle::id).filter(stored::containsKey).toList());
        Columns newVersions = new Columns(applied.size());
        Columns rows = new Columns(applied.size() * 2);
        for (StoredArticle a : applied) {
            Stored old = stored.get(a.id());
            if (old != null && old.version() < a.version()) {
                newVersions.add(a.id(), a.version());
            }
            for (StoredArticle.GivenBacklink given : a.backlinks()) {
                rows.add(given.backlink().articleId(), a.id(), given.backlink().version(), a.id(),
                        given.backlink().score(), a.article().primaryUrl(), given.document());
            }
        }
        newVersions.execute(c, """
                delete from related_link r using unnest(?, ?) as u(id, v)
                where r.article_id = u.id and r.origin <> r.article_id and r.target_version < u.v::bigint""");
        rows.execute(c, """
                insert into related_link (article_id, origin, position, target_version, related_id, score, source,
                                          web_url, document)
                select u.a, u.o, 0, u.tv::bigint, u.rid, u.score::float8, 'computed', u.url, convert_from(u.doc, 'UTF8')
                from unnest(?, ?, ?, ?, ?, ?, ?) as u(a, o, tv, rid, score, url, doc)
                where not exists (select 1 from article t where t.id = u.a and t.version > u.tv::bigint)
                order by u.a, u.o""");
    }

    /**
     * The article a link names: a computed link's, or for an editorial one the article of its URL, even when
     * that article is not stored yet (a reader shows the id once it is stored and live, see RelatedSelection).
     */
    private static String linkedId(RelatedLink link) {
        if (link.id() != null || link.source() != LinkSource.EDITORIAL || link.article() == null) {
            return link.id();
        }
        return ArticleId.of(link.article()).orElse(null);
    }

    private static String source(LinkSource source) {
        return source == LinkSource.COMPUTED ? "computed" : "editorial";
    }

    private static void delete(Connection c, String sql, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, text(c, ids));
            s.executeUpdate();
        }
    }

    /**
     * A story's coverage changed: every member that follows it (heat decomposed) gets {@code heat_base =
     * heat_own × coverage}, {@code heat = round(heat_base × heat_recency)} and its trending key, in one
     * statement. Members this batch wrote already have them.
     */
    private static void resetMembersHeat(Connection c, Set<String> stories, Set<String> written) throws SQLException {
        if (stories.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                update article a set heat_base = a.heat_own * s.coverage,
                    heat = floor(a.heat_own * s.coverage * a.heat_recency + 0.5)::integer,
                    trend_key = ln(greatest(a.heat_own * s.coverage, 1e-9)) / ln(2)
                        + (extract(epoch from a.published_at)::float8 + a.news_lag_seconds) / (3600 * a.half_life_hours)
                from story s
                where s.id = any(?) and a.story_id = s.id and s.coverage is not null
                  and a.heat_own is not null and a.heat_recency is not null and a.id <> all(?)
                  and a.heat_base is distinct from a.heat_own * s.coverage""")) {
            s.setArray(1, text(c, List.copyOf(stories)));
            s.setArray(2, text(c, List.copyOf(written)));
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
            cols.add(key, key, p == null ? null : p.name(), // the domain as its key: one spelling of the host
                    p == null ? null : Json.write(p.images()), d);
        });
        cols.execute(c, """
                insert into provider (key, domain, name, images, live_articles)
                select u.k, u.domain, u.name, u.images, u.d::integer
                from unnest(?, ?, ?, ?, ?) as u(k, domain, name, images, d) order by u.k
                on conflict (key) do update set live_articles = provider.live_articles + excluded.live_articles,
                    name = coalesce(excluded.name, provider.name), images = coalesce(excluded.images, provider.images)""");
    }

    /**
     * What the batch's members do to their stories' counts ({@link StoryCounts}): the article rows as they were
     * when locked, and as written (story after merges, heat with the story's coverage, as {@link #writeArticles}
     * and {@link #applyRankings} write them, {@link #inStory}).
     */
    private static StoryCounts storyCounts(List<StoredArticle> articles, Collection<Ranked> ranked,
                                           Map<String, Stored> stored, Map<String, StoredStory> storedStories,
                                           Map<String, Double> coverage) {
        Map<String, StoryCounts.Stored> rows = new HashMap<>();
        storedStories.forEach((id, s) -> rows.put(id, s.counts()));
        StoryCounts counts = new StoryCounts(rows);
        for (StoredArticle a : articles) {
            Stored old = stored.get(a.id());
            int heat = inStory(a.heat(), a.storyId(), coverage).value();
            counts.member(old == null ? null : old.storyId(), old != null && old.live(), old == null ? 0 : old.heat(),
                    a.storyId(), a.live(), heat);
        }
        for (Ranked r : ranked) {
            Stored old = stored.get(r.update().articleId());
            int heat = inStory(r.heat(), r.storyId(), coverage).value();
            counts.member(old.storyId(), old.live(), old.heat(), r.storyId(), old.live(), heat);
        }
        return counts;
    }

    /** An article's heat columns with its story's coverage as this batch leaves it (none without a story). */
    private static HeatColumns.Values inStory(HeatColumns heat, String storyId, Map<String, Double> coverage) {
        return heat.with(storyId == null ? null : coverage.get(storyId));
    }

    /**
     * The stories' live counts and heat: changed by the batch's deltas in one statement, and counted again
     * from their members where the deltas cannot tell ({@link StoryCounts#changes}).
     */
    private static void countStories(Connection c, StoryCounts counts) throws SQLException {
        StoryCounts.Changes changes = counts.changes();
        Map<String, StoryCounts.Delta> deltas = changes.deltas();
        Columns cols = new Columns(deltas.size());
        deltas.forEach((id, d) -> cols.add(id, d.liveArticles(), d.heat()));
        cols.execute(c, """
                update story s set live_articles = s.live_articles + u.d::integer,
                    heat = greatest(s.heat, u.h::integer)
                from unnest(?, ?, ?) as u(id, d, h)
                where s.id = u.id""");
        recomputeStories(c, changes.recounts());
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
     * Column-wise parameters of one statement: every value is sent in an array and cast in SQL, so a batch of
     * any size is one statement with one parameter per column. A column of UTF-8 JSON ({@code byte[]}, the
     * documents) goes as a {@code bytea} array, to be read with {@code convert_from(…, 'UTF8')}: its bytes as
     * they are, not decoded into a string and encoded again; every other value goes as text in a text array.
     */
    private static final class Columns {
        private final List<List<Object>> columns = new ArrayList<>();
        /** Per column: whether it holds bytes, known from its first value that is not null. */
        private final List<Boolean> bytes = new ArrayList<>();
        private final int expectedRows;

        Columns(int expectedRows) {
            this.expectedRows = expectedRows;
        }

        void add(Object... row) {
            if (columns.isEmpty()) {
                for (int i = 0; i < row.length; i++) {
                    columns.add(new ArrayList<>(expectedRows));
                    bytes.add(null);
                }
            }
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                if (value != null) {
                    boolean isBytes = value instanceof byte[];
                    Boolean kind = bytes.get(i);
                    if (kind == null) {
                        bytes.set(i, isBytes);
                    } else if (kind != isBytes) {
                        throw new IllegalStateException("column " + (i + 1) + " mixes bytes and text");
                    }
                }
                columns.get(i).add(value instanceof byte[] ? value : asText(value));
            }
        }

        /** Runs a query with these columns as its parameters; returns its first column. */
        List<String> query(Connection c, String sql) throws SQLException {
            List<String> values = new ArrayList<>();
            if (columns.isEmpty()) {
                return values;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(c, s);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        values.add(r.getString(1));
                    }
                }
            }
            return values;
        }

        void execute(Connection c, String sql) throws SQLException {
            if (columns.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(c, s);
                s.executeUpdate();
            }
        }

        private void bind(Connection c, PreparedStatement s) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                List<Object> column = columns.get(i);
                s.setArray(i + 1, Boolean.TRUE.equals(bytes.get(i)) ? c.createArrayOf("bytea", column.toArray(byte[][]::new))
                        : c.createArrayOf("text", column.toArray(String[]::new)));
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
