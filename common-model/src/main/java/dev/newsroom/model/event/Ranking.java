package dev.newsroom.model.event;

import java.time.Instant;
import java.util.List;

/**
 * What ranking-service adds to an article.
 *
 * @param rankedAt when this ranking was computed; of two rankings of one article version, the later wins
 * @param heat     Newsroom's heat and its explanation
 * @param related  related coverage, best first, computed and editorial merged
 * @param story    the story (cluster of articles about one event) the article belongs to
 */
public record Ranking(Instant rankedAt, HeatScore heat, List<RelatedLink> related, StoryRef story) {

    public Ranking {
        related = related == null ? List.of() : List.copyOf(related);
    }
}
