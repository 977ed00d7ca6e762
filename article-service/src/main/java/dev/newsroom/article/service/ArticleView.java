package dev.newsroom.article.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.newsroom.model.Article;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An article as the API serves it: the seed format's own field names at the top level, plus what
 * Newsroom adds. {@code heat} is Newsroom's heat; the heat the file carried is {@code sourceHeat}.
 */
@JsonPropertyOrder({"id", "version", "category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl",
        "ampWebUrl", "cdnAmpWebUrl", "type", "quality", "heat", "sourceHeat", "published", "featuredContent",
        "provider", "topics", "images", "related", "secured", "storyId", "story", "heatExplanation", "ingestedAt",
        "rankedAt", "extra", "body"})
public record ArticleView(
        String id,
        long version,
        String category,
        String title,
        String excerpt,
        Instant publishedDateTime,
        String originalUrl,
        String webUrl,
        String ampWebUrl,
        String cdnAmpWebUrl,
        String type,
        Integer quality,
        int heat,
        Integer sourceHeat,
        Boolean published,
        String featuredContent,
        Provider provider,
        List<String> topics,
        List<Image> images,
        List<RelatedView> related,
        String secured,
        String storyId,
        StoryRef story,
        HeatScore heatExplanation,
        Instant ingestedAt,
        Instant rankedAt,
        Map<String, Object> extra,
        String body) {

    /** A related entry: its own seed fields, plus the id of the stored article, the score and the source. */
    @JsonPropertyOrder({"id", "score", "source"})
    public record RelatedView(String id, double score, LinkSource source, @JsonUnwrapped RelatedArticle article) {
    }

    public static ArticleView of(ArticleEvent event) {
        Article a = event.article();
        var ranking = event.ranking();
        List<RelatedView> related = ranking.related().stream()
                .map((RelatedLink l) -> new RelatedView(l.id(), l.score(), l.source(), l.article()))
                .toList();
        return new ArticleView(event.articleId(), event.version(), a.category(), a.title(), a.excerpt(),
                a.publishedDateTime(), a.originalUrl(), a.webUrl(), a.ampWebUrl(), a.cdnAmpWebUrl(), a.type(),
                a.quality(), ranking.heat().value(), a.heat(), a.published(), a.featuredContent(), a.provider(),
                a.topics(), a.images(), related, a.secured(), ranking.story() == null ? null : ranking.story().id(),
                ranking.story(), ranking.heat(), event.ingestedAt(), ranking.rankedAt(), a.extra(), a.body());
    }
}
