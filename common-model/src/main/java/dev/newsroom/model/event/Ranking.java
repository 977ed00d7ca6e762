package dev.newsroom.model.event;

import java.time.Instant;
import java.util.List;

/**
 * What ranking-service adds to an article.
 *
 * @param rankedAt when this ranking was computed; of two rankings of one article version, the later wins
 * @param heat     Newsroom's heat and its explanation
 * @param related  related coverage, best first, computed and editorial merged
 * @param story    the story (cluster of articles about one event) the article belongs to, with its facts
 *                 as of {@code rankedAt}
 * @param backlinks    (schema 2) existing articles whose related links this article enters; empty on
 *                     ranking updates
 * @param relatedLimit (schema 2) the most computed related links an article shows: a reader keeps the best
 *                     this many of its own links and its backlinks (0 in schema 1: all of {@code related})
 */
public record Ranking(Instant rankedAt, HeatScore heat, List<RelatedLink> related, StoryRef story,
                      List<Backlink> backlinks, int relatedLimit) {

    public Ranking {
        related = related == null ? List.of() : List.copyOf(related);
        backlinks = backlinks == null ? List.of() : List.copyOf(backlinks);
    }

    /** A ranking without backlinks, showing all of {@code related}. */
    public Ranking(Instant rankedAt, HeatScore heat, List<RelatedLink> related, StoryRef story) {
        this(rankedAt, heat, related, story, List.of(), 0);
    }
}
