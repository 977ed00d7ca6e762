package dev.newsroom.model.event;

import java.time.Instant;
import java.util.List;

/**
 * A change to the ranking of an article already published whole (key {@link RankedKeys#ranking}): its
 * related links, its story id or its own heat changed because another article arrived, changed or left.
 * It carries the article's whole ranking state (not a diff), so the latest one wins and compaction keeps
 * exactly what a reader needs; it never carries the article. Story facts and the coverage part of heat
 * travel in {@link StoryRecord}s, once per story.
 *
 * @param schemaVersion {@link ArticleEvent#SCHEMA_VERSION} when written; readers ignore fields they do not know
 * @param articleId     the article this applies to
 * @param version       the article version it was computed for: it applies to that version only (an update
 *                      for a version not stored yet waits for it; one for an older version is superseded)
 * @param rankedAt      when it was computed; of two rankings of one version, the later wins
 * @param heat          the article's heat as computed then (with its story's coverage at that moment)
 * @param related       the article's related links, best first, computed and editorial merged
 * @param storyId       the id of the story the article now belongs to
 */
public record RankingUpdate(int schemaVersion, String articleId, long version, Instant rankedAt, HeatScore heat,
                            List<RelatedLink> related, String storyId) {

    public RankingUpdate {
        related = related == null ? List.of() : List.copyOf(related);
    }

    public static RankingUpdate of(String articleId, long version, Ranking ranking) {
        return new RankingUpdate(ArticleEvent.SCHEMA_VERSION, articleId, version, ranking.rankedAt(), ranking.heat(),
                ranking.related(), ranking.story() == null ? null : ranking.story().id());
    }
}
