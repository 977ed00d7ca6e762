package dev.newsroom.article.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * A story as the API serves it: what ranking-service said of it (size, providers, first and last
 * publication, from its latest ranking), its heat (its hottest live article's), its lead article in
 * full and its other live coverage in brief, hottest first.
 *
 * @param size     articles in the story as ranking-service counted them
 * @param articles live articles of the story stored here
 * @param lead     the lead article, as {@code GET /articles/{id}} renders it
 * @param coverage the other live articles, at most as many as asked for
 */
@JsonPropertyOrder({"id", "heat", "size", "articles", "providers", "firstPublished", "lastPublished", "rankedAt", "lead",
        "coverage"})
public record StoryView(String id, int heat, int size, int articles, List<String> providers, Instant firstPublished,
                        Instant lastPublished, Instant rankedAt, @JsonRawValue String lead, List<Coverage> coverage) {

    /** Another article of the story, in brief. */
    @JsonPropertyOrder({"id", "title", "webUrl", "publishedDateTime", "provider", "heat"})
    public record Coverage(String id, String title, String webUrl, Instant publishedDateTime, ProviderRef provider,
                           int heat) {
    }

    public record ProviderRef(String name, String domain) {
    }
}
