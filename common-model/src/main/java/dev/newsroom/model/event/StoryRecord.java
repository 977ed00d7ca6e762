package dev.newsroom.model.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A story's facts, kept once per story (key {@link RankedKeys#story}) and published when they change:
 * when a story grows from 2 to 2,000 members, each new member costs one story record, not a
 * re-publication of its members. Of two records of one story, the later {@code rankedAt} wins. A story
 * whose last member left has {@code size} 0.
 *
 * <p>A story that joined another one (two stories merged, or an earlier article joined a story and now
 * names it) is published once, as a <em>merge</em>: size 0 and {@code mergedInto}, the story its members
 * now belong to. A reader moves every article it holds in story {@code story.id} whose ranking is not
 * later than {@code rankedAt} into {@code mergedInto}, and remembers the merge for articles of the old
 * story that reach it later: one record, whatever the size of the story.
 *
 * @param schemaVersion  {@link ArticleEvent#SCHEMA_VERSION} when written; readers ignore fields they do not know
 * @param story          id, lead article, size, providers, first and last publication, and the coverage
 *                       factor of heat ({@code 1 + coverageWeight × ln(providers)}: every member's heat base is
 *                       its own quality × provider weight × this)
 * @param rankedAt       when these facts were worked out
 * @param mergedInto     the story that took this one's members, or null when this one stands on its own
 */
public record StoryRecord(int schemaVersion, StoryRef story, Instant rankedAt, String mergedInto) {

    /** The facts of a story that stands on its own. */
    public static StoryRecord of(StoryRef story, Instant rankedAt) {
        return new StoryRecord(ArticleEvent.SCHEMA_VERSION, story, rankedAt, null);
    }

    /** Story {@code id} joined story {@code into}: its members belong to {@code into} from {@code rankedAt} on. */
    public static StoryRecord merged(String id, String into, Instant rankedAt, double emptyCoverage) {
        return new StoryRecord(ArticleEvent.SCHEMA_VERSION, new StoryRef(id, null, 0, List.of(), null, null, emptyCoverage),
                rankedAt, into);
    }

    /** True when this record says the story joined another one ({@link #mergedInto}). */
    @JsonIgnore
    public boolean isMerge() {
        return mergedInto != null;
    }
}
