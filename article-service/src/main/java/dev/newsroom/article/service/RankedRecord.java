package dev.newsroom.article.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;

/** One record of {@code articles.ranked} (schema 2), as its key's kind says ({@code RankedKeys.kindOf}). */
public sealed interface RankedRecord {

    /** The article id, or the story id of a {@link Story}. */
    String id();

    /** A whole article with its ranking (key {@code <articleId>}). */
    record Whole(ArticleEvent event) implements RankedRecord {
        @Override
        public String id() {
            return event.articleId();
        }
    }

    /** A later ranking of an article published whole (key {@code ranking:<articleId>}). */
    record Update(RankingUpdate update) implements RankedRecord {
        @Override
        public String id() {
            return update.articleId();
        }
    }

    /** A story's facts (key {@code story:<storyId>}). */
    record Story(StoryRecord record) implements RankedRecord {
        @Override
        public String id() {
            return record.story().id();
        }
    }
}
