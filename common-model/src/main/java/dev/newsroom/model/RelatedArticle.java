package dev.newsroom.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An entry of an article's {@code related} list: another article covering the same story, with its own seed fields. */
public record RelatedArticle(
        String title,
        String excerpt,
        Instant publishedDateTime,
        String originalUrl,
        String webUrl,
        String ampWebUrl,
        String cdnAmpWebUrl,
        String type,
        Provider provider,
        Integer quality,
        List<Image> images,
        Map<String, Object> extra) {

    public RelatedArticle {
        images = Collections2.copyOrEmpty(images);
        extra = Collections2.copyOrEmpty(extra);
    }

    public String primaryUrl() {
        return webUrl != null ? webUrl : originalUrl;
    }

    /** The related entry an article contributes when it is linked from another one. */
    public static RelatedArticle of(Article a) {
        return new RelatedArticle(a.title(), a.excerpt(), a.publishedDateTime(), a.originalUrl(), a.webUrl(),
                a.ampWebUrl(), a.cdnAmpWebUrl(), a.type(),
                a.provider() == null ? null : new Provider(a.provider().name(), a.provider().domain(), List.of(), Map.of()),
                a.quality(), a.images(), Map.of());
    }
}
