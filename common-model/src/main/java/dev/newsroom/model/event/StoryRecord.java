package dev.newsroom.model.event;

import java.time.Instant;

/**
 * A story's facts, kept once per story (key {@link RankedKeys#story}) and published when they change:
 * when a story grows from 2 to 2,000 members, each new member costs one story record, not a
 * re-publication of its members. Of two records of one story, the later {@code rankedAt} wins. A story
 * whose last member left has {@code size} 0.
 *
 * @param schemaVersion  {@link ArticleEvent#SCHEMA_VERSION} when written; readers ignore fields they do not know
 * @param story          id, lead article, size, providers, first and last publication, and the coverage
 *                       factor of heat ({@code 1 + coverageWeight × ln(providers)}: every member's heat base is
 *                       its own quality × provider weight × this)
 * @param rankedAt       when these facts were worked out
 */
public record StoryRecord(int schemaVersion, StoryRef story, Instant rankedAt) {

    public static StoryRecord of(StoryRef story, Instant rankedAt) {
        return new StoryRecord(ArticleEvent.SCHEMA_VERSION, story, rankedAt);
    }
}
