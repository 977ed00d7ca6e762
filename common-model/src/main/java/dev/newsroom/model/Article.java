package dev.newsroom.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One news article, field for field as the seed format carries it.
 *
 * <p>Optional fields are {@code null} when the file does not have them; lists are never {@code null}
 * (an absent list and an empty one mean the same). {@link #extra()} keeps every key the format does
 * not name, in file order, so that nothing in a file is ever lost. {@link #body()} is the text after
 * the closing front-matter line, exactly as it came (often empty or a single newline).
 *
 * <p>{@link #heat()} is the heat the <em>source</em> gave the article ({@code -1} in the source means
 * "none"); the heat Newsroom computes travels beside the article, in {@code Ranking}.
 */
public record Article(
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
        Integer heat,
        Boolean published,
        String featuredContent,
        Provider provider,
        List<String> topics,
        List<Image> images,
        List<RelatedArticle> related,
        String secured,
        Map<String, Object> extra,
        String body) {

    public Article {
        topics = Collections2.copyOrEmpty(topics);
        images = Collections2.copyOrEmpty(images);
        related = Collections2.copyOrEmpty(related);
        extra = Collections2.copyOrEmpty(extra);
        body = body == null ? "" : body;
    }

    /** The address that identifies the article: {@code webUrl}, or {@code originalUrl} for items without one (videos). */
    public String primaryUrl() {
        return webUrl != null ? webUrl : originalUrl;
    }

    /**
     * A case-insensitive name (a topic, category or type) as the key it is: surrounding whitespace goes and
     * letters are lower-cased, so {@code " Health"} and {@code "health"} are one topic wherever topics are
     * compared (ingest's repeats, ranking's topic overlap, article-service's lists). {@code null} stays
     * {@code null}; a name of only whitespace is the empty key.
     */
    public static String nameKey(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }

    /** An article is live unless its file says {@code published: false} (a retraction). */
    public boolean isLive() {
        return !Boolean.FALSE.equals(published);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Copy-with for the one record that has too many fields for positional construction to be readable. */
    public static final class Builder {
        private String category;
        private String title;
        private String excerpt;
        private Instant publishedDateTime;
        private String originalUrl;
        private String webUrl;
        private String ampWebUrl;
        private String cdnAmpWebUrl;
        private String type;
        private Integer quality;
        private Integer heat;
        private Boolean published;
        private String featuredContent;
        private Provider provider;
        private List<String> topics = List.of();
        private List<Image> images = List.of();
        private List<RelatedArticle> related = List.of();
        private String secured;
        private Map<String, Object> extra = Map.of();
        private String body = "";

        private Builder() {
        }

        private Builder(Article a) {
            category = a.category;
            title = a.title;
            excerpt = a.excerpt;
            publishedDateTime = a.publishedDateTime;
            originalUrl = a.originalUrl;
            webUrl = a.webUrl;
            ampWebUrl = a.ampWebUrl;
            cdnAmpWebUrl = a.cdnAmpWebUrl;
            type = a.type;
            quality = a.quality;
            heat = a.heat;
            published = a.published;
            featuredContent = a.featuredContent;
            provider = a.provider;
            topics = a.topics;
            images = a.images;
            related = a.related;
            secured = a.secured;
            extra = a.extra;
            body = a.body;
        }

        public Builder category(String v) { category = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder excerpt(String v) { excerpt = v; return this; }
        public Builder publishedDateTime(Instant v) { publishedDateTime = v; return this; }
        public Builder originalUrl(String v) { originalUrl = v; return this; }
        public Builder webUrl(String v) { webUrl = v; return this; }
        public Builder ampWebUrl(String v) { ampWebUrl = v; return this; }
        public Builder cdnAmpWebUrl(String v) { cdnAmpWebUrl = v; return this; }
        public Builder type(String v) { type = v; return this; }
        public Builder quality(Integer v) { quality = v; return this; }
        public Builder heat(Integer v) { heat = v; return this; }
        public Builder published(Boolean v) { published = v; return this; }
        public Builder featuredContent(String v) { featuredContent = v; return this; }
        public Builder provider(Provider v) { provider = v; return this; }
        public Builder topics(List<String> v) { topics = v; return this; }
        public Builder images(List<Image> v) { images = v; return this; }
        public Builder related(List<RelatedArticle> v) { related = v; return this; }
        public Builder secured(String v) { secured = v; return this; }
        public Builder extra(Map<String, Object> v) { extra = v; return this; }
        public Builder body(String v) { body = v; return this; }

        public Article build() {
            return new Article(category, title, excerpt, publishedDateTime, originalUrl, webUrl, ampWebUrl,
                    cdnAmpWebUrl, type, quality, heat, published, featuredContent, provider, topics, images,
                    related, secured, extra, body);
        }
    }
}
