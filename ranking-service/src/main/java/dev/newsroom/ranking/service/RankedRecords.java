package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import java.util.List;

/**
 * What ranking one batch publishes to {@code articles.ranked} (schema 2, see docs/ranked-topic-v2.md), in
 * the order it is sent: each article of the batch whole, then the ranking updates of existing articles,
 * then the story records. No article and no story appears twice.
 *
 * @param articles each article of the batch with its ranking (and backlinks), once
 * @param rankings existing articles whose own ranking changed in a way no article record carries
 * @param stories  stories whose facts changed and that no article record of the batch carries
 */
public record RankedRecords(List<ArticleEvent> articles, List<RankingUpdate> rankings, List<StoryRecord> stories) {

    public RankedRecords {
        articles = List.copyOf(articles);
        rankings = List.copyOf(rankings);
        stories = List.copyOf(stories);
    }

    /** How many records this is. */
    public int size() {
        return articles.size() + rankings.size() + stories.size();
    }
}
