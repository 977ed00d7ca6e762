package dev.newsroom.article.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one whole ranked article becomes in the store: the columns the queries use, the content document
 * (the API's article less its ranking), the article exactly as it arrived (for the export), its topics and
 * images, and its ranking as columns and link rows. Pure: built without a database, so the mapping is
 * tested in milliseconds.
 *
 * <p>The ranking is the record's own, or a later {@link RankingUpdate} of the same version folded in
 * ({@link #with}): then heat, own links, story id and {@code rankedAt} are the update's, while the story
 * facts and the backlinks stay the record's, dated by the record's ranking.
 *
 * <p>Its documents are UTF-8 JSON, the bytes the store sends as they are ({@code bytea}, read into {@code text}
 * by PostgreSQL): neither a string nor its encoding is made for them. Being arrays, they compare by identity in
 * the record's {@code equals}.
 *
 * @param event             the whole record as it arrived
 * @param document          the content: {@link ArticleView} less {@link #RANKING_FIELDS}, as UTF-8 JSON
 * @param source            the article as it arrived, as UTF-8 JSON (the export's)
 * @param topics            topic key (lower case) → the spelling in the file, each key once, in file order
 * @param rankedAt          when the ranking stored with it was computed
 * @param storyId           the story the article belongs to by that ranking
 * @param backlinks         the backlinks the record gives, one per article, with their rendered entries
 */
public record StoredArticle(ArticleEvent event, byte[] document, byte[] source, String providerKey,
                            Map<String, String> topics, Instant rankedAt, HeatColumns heat, OwnLinks links,
                            String storyId, List<GivenBacklink> backlinks) {

    /**
     * The fields of the API's article that the ranking gives, and so not part of the stored content: what the
     * content's writer leaves out ({@link ContentOnly}, the one place they are named).
     */
    public static final List<String> RANKING_FIELDS = List.of(ContentOnly.class.getAnnotation(JsonIgnoreProperties.class).value());

    /**
     * Writes an {@link ArticleView} less its {@link #RANKING_FIELDS}, straight to UTF-8: the stored content, without
     * building a tree of the whole view to remove them from.
     */
    private static final ObjectWriter CONTENT = Json.mapper().copy().addMixIn(ArticleView.class, ContentOnly.class).writer();

    /** The ranking's fields of an {@link ArticleView}, left out of the stored content. */
    @JsonIgnoreProperties({"heat", "related", "storyId", "story", "heatExplanation", "rankedAt"})
    private interface ContentOnly {
    }

    /**
     * A backlink and the related entry it adds to its article (this article, as linked from there), as UTF-8
     * JSON.
     */
    public record GivenBacklink(Backlink backlink, byte[] document) {
    }

    public static StoredArticle of(ArticleEvent event) {
        Article a = event.article();
        var ranking = event.ranking();
        Map<String, String> topics = new LinkedHashMap<>();
        for (String topic : a.topics()) {
            if (topic != null && !topic.isBlank()) {
                topics.putIfAbsent(Article.nameKey(topic), topic.strip());
            }
        }
        Map<String, Backlink> best = new LinkedHashMap<>();
        for (Backlink b : ranking.backlinks()) {
            if (b != null && b.articleId() != null && !b.articleId().equals(event.articleId())) {
                best.merge(b.articleId(), b, (x, y) -> y.version() > x.version()
                        || (y.version() == x.version() && y.score() > x.score()) ? y : x);
            }
        }
        RelatedArticle asRelated = RelatedArticle.of(a);
        List<GivenBacklink> backlinks = best.values().stream()
                .map(b -> new GivenBacklink(b, Json.writeBytes(new ArticleView.RelatedView(event.articleId(), b.score(),
                        LinkSource.COMPUTED, asRelated))))
                .toList();
        return new StoredArticle(event, content(event), Json.writeBytes(a), providerKey(a.provider()), topics,
                ranking.rankedAt(), HeatColumns.of(ranking.heat(), a.publishedDateTime()), OwnLinks.of(ranking.related()),
                ranking.story() == null ? null : ranking.story().id(), backlinks);
    }

    private static byte[] content(ArticleEvent event) {
        try {
            return CONTENT.writeValueAsBytes(ArticleView.of(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This article with a later ranking of its version: its heat, own links, story id and time. */
    public StoredArticle with(RankingUpdate update) {
        return new StoredArticle(event, document, source, providerKey, topics, update.rankedAt(),
                HeatColumns.of(update.heat(), article().publishedDateTime()), OwnLinks.of(update.related()),
                update.storyId(), backlinks);
    }

    /**
     * This article in another story: the one its story merged into after this ranking (the record names
     * the story as it was when ranked).
     */
    public StoredArticle inStory(String story) {
        return new StoredArticle(event, document, source, providerKey, topics, rankedAt, heat, links, story, backlinks);
    }

    /** Whether {@code update} is a later ranking of this very version (and so replaces this one's). */
    public boolean supersededBy(RankingUpdate update) {
        return update.version() == event.version() && update.rankedAt().isAfter(rankedAt);
    }

    private static String providerKey(Provider provider) {
        return provider == null ? null : provider.domainKey();
    }

    public String id() {
        return event.articleId();
    }

    public long version() {
        return event.version();
    }

    public Article article() {
        return event.article();
    }

    public boolean live() {
        return event.article().isLive();
    }

    /** The story facts the record carries (as of {@link #factsAt}), or null. */
    public StoryRef storyFacts() {
        return event.ranking().story();
    }

    /** When the record's story facts were worked out: its own ranking's time. */
    public Instant factsAt() {
        return event.ranking().rankedAt();
    }

    public int relatedLimit() {
        return event.ranking().relatedLimit();
    }
}
