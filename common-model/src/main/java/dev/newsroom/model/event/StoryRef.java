package dev.newsroom.model.event;

import java.time.Instant;
import java.util.List;

/**
 * The story an article belongs to: all articles about one event share its id.
 *
 * @param id             stable story id
 * @param leadArticleId  the article that best represents the story
 * @param size           number of articles in the story
 * @param providers      distinct provider domains covering it
 * @param firstPublished earliest publication in the story
 * @param lastPublished  latest publication in the story
 * @param coverage       (schema 2) the story's coverage factor of heat, {@code 1 + coverageWeight × ln(providers)};
 *                       null when unknown (schema 1)
 */
public record StoryRef(String id, String leadArticleId, int size, List<String> providers, Instant firstPublished,
                       Instant lastPublished, Double coverage) {

    public StoryRef {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /** A story without its coverage factor (schema 1). */
    public StoryRef(String id, String leadArticleId, int size, List<String> providers, Instant firstPublished,
                    Instant lastPublished) {
        this(id, leadArticleId, size, providers, firstPublished, lastPublished, null);
    }
}
