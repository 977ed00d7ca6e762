package dev.newsroom.ingest.service;

import dev.newsroom.ingest.config.IngestConfig;
import java.time.Duration;

/** How much one article may hold, and how far ahead it may be dated (see {@link IngestConfig.Article} for each bound). */
public record ArticleLimits(int maxTopics, int maxTopicChars, int maxImages, int maxRelated, int maxTitleChars,
                            int maxExcerptChars, int maxUrlChars, int maxNameChars, Duration maxPublishedAhead) {

    /** The defaults of {@link IngestConfig.Article}, for pure tests. */
    public static final ArticleLimits DEFAULT = new ArticleLimits(100, 200, 100, 100, 2_000, 20_000, 4_096, 200,
            Duration.ofDays(1));

    public static ArticleLimits of(IngestConfig.Article config) {
        return new ArticleLimits(config.maxTopics(), config.maxTopicChars(), config.maxImages(), config.maxRelated(),
                config.maxTitleChars(), config.maxExcerptChars(), config.maxUrlChars(), config.maxNameChars(),
                config.maxPublishedAhead());
    }
}
