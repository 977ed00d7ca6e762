package dev.newsroom.ranking;

import dev.newsroom.model.ArticleId;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankedKeys;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.service.RankedRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a reader of {@code articles.ranked} knows, built the way docs/ranked-topic-v2.md says a reader
 * builds it, without a database: the tests check that the records ranking-service emits give every article
 * what ranking it directly would. Pure and in memory; records are applied in topic order.
 *
 * <ul>
 *   <li>per article, its latest whole record (a newer version replaces it, an older one is dropped) and its
 *   ranking state: the whole record's, or a later ranking update's of the same version (an update for a
 *   version not stored yet waits for it, the latest per article);</li>
 *   <li>per article, the backlinks its latest whole record gave other articles;</li>
 *   <li>per story, the facts of the latest {@code rankedAt}, from story records and members' whole records
 *   (equal instants: a merge wins over facts, else the later applied); a merge says the story joined another one
 *   at its {@code rankedAt}: an article known in it by a ranking no later than that is in the story it joined (and so on,
 *   along the merges that came later still).</li>
 * </ul>
 */
public final class ReadModel {

    /** An article as stored: its whole record and its own ranking state as of {@code rankedAt}. */
    private record Stored(ArticleEvent event, Instant rankedAt, HeatScore heat, List<RelatedLink> related,
                          String storyId) {

        long version() {
            return event.version();
        }
    }

    /** A story's latest facts, or its merge into {@code mergedInto}. */
    private record Facts(StoryRef story, Instant rankedAt, String mergedInto) {
    }

    private final Map<String, Stored> articles = new LinkedHashMap<>();
    private final Map<String, RankingUpdate> pending = new HashMap<>();
    private final Map<String, Facts> stories = new HashMap<>();
    /** By target article: the backlinks each live article's latest whole record gave it, by origin. */
    private final Map<String, Map<String, Backlink>> backlinks = new HashMap<>();

    /** Applies every record of a batch in the order ranking-service sends them. */
    public ReadModel apply(RankedRecords records) {
        records.articles().forEach(this::apply);
        records.rankings().forEach(this::apply);
        records.stories().forEach(this::apply);
        return this;
    }

    /** Applies a record as read from the topic: its kind is told by its key. */
    public ReadModel apply(String key, String value) {
        switch (RankedKeys.kindOf(key)) {
            case ARTICLE -> apply(Json.readEvent(value));
            case RANKING -> apply(Json.readRankingUpdate(value));
            case STORY -> apply(Json.readStory(value));
        }
        return this;
    }

    public void apply(ArticleEvent record) {
        Stored stored = articles.get(record.articleId());
        if (stored != null && (stored.version() > record.version()
                || (stored.version() == record.version() && stored.rankedAt().isAfter(record.ranking().rankedAt())))) {
            return; // superseded
        }
        if (stored != null) {
            for (Backlink old : stored.event().ranking().backlinks()) {
                Map<String, Backlink> given = backlinks.get(old.articleId());
                if (given != null) {
                    given.remove(record.articleId());
                }
            }
        }
        articles.put(record.articleId(), new Stored(record, record.ranking().rankedAt(), record.ranking().heat(),
                record.ranking().related(), record.ranking().story().id()));
        if (record.article().isLive()) {
            record.ranking().backlinks().forEach(b -> backlinks.computeIfAbsent(b.articleId(), t -> new HashMap<>())
                    .put(record.articleId(), b));
        }
        facts(record.ranking().story(), record.ranking().rankedAt());
        RankingUpdate waiting = pending.get(record.articleId());
        if (waiting != null && waiting.version() <= record.version()) {
            pending.remove(record.articleId());
            if (waiting.version() == record.version()) {
                apply(waiting);
            }
        }
    }

    public void apply(RankingUpdate update) {
        Stored stored = articles.get(update.articleId());
        if (stored == null || stored.version() < update.version()) {
            pending.merge(update.articleId(), update, (a, b) -> b.version() > a.version()
                    || (b.version() == a.version() && !b.rankedAt().isBefore(a.rankedAt())) ? b : a);
        } else if (stored.version() == update.version() && !update.rankedAt().isBefore(stored.rankedAt())) {
            articles.put(update.articleId(), new Stored(stored.event(), update.rankedAt(), update.heat(), update.related(),
                    update.storyId()));
        }
    }

    public void apply(StoryRecord record) {
        facts(new Facts(record.story(), record.rankedAt(), record.mergedInto()));
    }

    private void facts(StoryRef story, Instant rankedAt) {
        facts(new Facts(story, rankedAt, null));
    }

    private void facts(Facts facts) {
        stories.merge(facts.story().id(), facts, (old, now) -> isLater(old, now) ? old : now);
    }

    /** As docs/ranked-topic-v2.md says: the later {@code rankedAt} wins; on equal ones a merge wins over facts. */
    private static boolean isLater(Facts a, Facts b) {
        int byTime = a.rankedAt().compareTo(b.rankedAt());
        return byTime > 0 || (byTime == 0 && a.mergedInto() != null && b.mergedInto() == null);
    }

    /** How the reader came to the article's story: its stored story and rankedAt, then each story's latest record along its merges. */
    public String storyTrail(String id) {
        Stored stored = articles.get(id);
        StringBuilder out = new StringBuilder("stored " + stored.storyId() + " at " + stored.rankedAt());
        String story = stored.storyId();
        for (int i = 0; i < 6 && story != null; i++) {
            Facts f = stories.get(story);
            out.append(" | ").append(story).append(": ").append(f == null ? "none" : f.rankedAt() + " size " + f.story().size() + " into " + f.mergedInto());
            story = f == null ? null : f.mergedInto();
        }
        return out.toString();
    }

    public Set<String> articleIds() {
        return articles.keySet();
    }

    /** The article's whole record as last stored. */
    public Optional<ArticleEvent> article(String id) {
        return Optional.ofNullable(articles.get(id)).map(Stored::event);
    }

    /** The id of the story the article belongs to now: as ranked, then along the merges made after that. */
    public String storyId(String id) {
        Stored stored = articles.get(id);
        String story = stored.storyId();
        Instant at = stored.rankedAt();
        for (int hops = 0; hops < 100; hops++) {
            Facts facts = stories.get(story);
            // a member ranked no later than the merge went with it (docs/ranked-topic-v2.md), as ArticleWriter moves them
            if (facts == null || facts.mergedInto() == null || facts.rankedAt().isBefore(at)) {
                return story;
            }
            story = facts.mergedInto();
            at = facts.rankedAt();
        }
        throw new IllegalStateException("story merges of " + id + " go round in circles");
    }

    /** The facts of the article's story now (size 0 when the story is known to have emptied). */
    public StoryRef story(String id) {
        Facts facts = stories.get(storyId(id));
        return facts == null ? null : facts.story();
    }

    /** The article's heat as a reader shows it: as ranked, with its story's current coverage. */
    public HeatScore heat(String id) {
        Stored stored = articles.get(id);
        StoryRef story = story(id);
        return story == null || story.coverage() == null ? stored.heat()
                : stored.heat().withCoverage(Math.max(1, story.providers().size()), story.coverage());
    }

    /**
     * The article's related links as a reader shows them: the best {@code relatedLimit} computed links among
     * its own (of its latest ranking) and the backlinks other live articles' latest records gave its current
     * version, and its editorial links; best first, editorial first on equal scores.
     *
     * <p>Editorial links count as ranking counts them ({@code Ranker}): an editorial link names the article
     * of its URL ({@link ArticleId}) when that article is stored and live, whatever the link's {@code id} said
     * when ranked (the linked article may have arrived or left since); it takes one of the {@code relatedLimit} places,
     * with its computed score, when it is among the best, and shows score 1 otherwise.
     */
    public List<RelatedLink> related(String id) {
        Stored stored = articles.get(id);
        Map<String, Double> computed = new HashMap<>();
        for (RelatedLink link : stored.related()) {
            if (link.source() == LinkSource.COMPUTED || link.score() < 1) { // an editorial link below 1 was computed too
                String linked = link.source() == LinkSource.COMPUTED ? link.id() : editorialId(link);
                if (linked != null) {
                    computed.merge(linked, link.score(), Math::max);
                }
            }
        }
        backlinks.getOrDefault(id, Map.of()).forEach((origin, backlink) -> {
            if (backlink.version() == stored.version()) {
                computed.merge(origin, backlink.score(), Math::max);
            }
        });
        int limit = stored.event().ranking().relatedLimit();
        Map<String, Double> best = new LinkedHashMap<>();
        computed.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit > 0 ? limit : Long.MAX_VALUE)
                .forEach(e -> best.put(e.getKey(), e.getValue()));
        List<RelatedLink> shown = new ArrayList<>();
        for (RelatedLink link : stored.related()) {
            if (link.source() == LinkSource.EDITORIAL) {
                String linked = editorialId(link);
                Double score = linked == null ? null : best.remove(linked);
                shown.add(new RelatedLink(linked, score == null ? 1.0 : score, LinkSource.EDITORIAL, link.article()));
            }
        }
        Map<String, RelatedLink> ownById = stored.related().stream().filter(l -> l.id() != null)
                .collect(Collectors.toMap(RelatedLink::id, l -> l, (a, b) -> a));
        best.forEach((linked, score) -> {
            RelatedLink own = ownById.get(linked);
            shown.add(new RelatedLink(linked, score, LinkSource.COMPUTED, own == null ? null : own.article()));
        });
        shown.sort(Comparator.comparingDouble(RelatedLink::score).reversed()); // stable: editorial first on ties
        return shown;
    }

    /** The stored, live article an editorial link's URL names, or null. */
    private String editorialId(RelatedLink link) {
        String linked = link.article() == null ? null : ArticleId.of(link.article()).orElse(null);
        Stored target = linked == null ? null : articles.get(linked);
        return target != null && target.event().article().isLive() ? linked : null;
    }
}
