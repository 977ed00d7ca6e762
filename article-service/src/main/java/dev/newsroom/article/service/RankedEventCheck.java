package dev.newsroom.article.service;

import dev.newsroom.model.ArticleId;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRecord;
import java.util.List;
import java.util.Optional;

/**
 * What a record on {@code articles.ranked} must have before it may be stored. A record that fails goes
 * to the dead-letter topic instead: stored, it would fail its batch again on every retry and hold up
 * its partition for good.
 */
public final class RankedEventCheck {

    static final int MAX_STORY_ID = 64;

    private RankedEventCheck() {
    }

    /** @return why the event cannot be stored, or empty when it can */
    public static Optional<String> problemWith(ArticleEvent e) {
        if (e.articleId() == null || !ArticleId.isWellFormed(e.articleId())) {
            return Optional.of("articleId must be 16 lower-case hex digits, was " + e.articleId());
        }
        if (e.version() < 1) {
            return Optional.of("version must be 1 or more, was " + e.version());
        }
        if (e.article() == null || e.ranking() == null) {
            return Optional.of("record is not a ranked article (article or ranking missing)");
        }
        if (e.article().title() == null || e.article().publishedDateTime() == null) {
            return Optional.of("article has no title or no publishedDateTime");
        }
        if (e.ranking().rankedAt() == null || e.ranking().heat() == null) {
            return Optional.of("ranking has no rankedAt or no heat");
        }
        if (e.ranking().story() != null && (e.ranking().story().id() == null
                || e.ranking().story().id().length() > MAX_STORY_ID)) {
            return Optional.of("story id must be 1 to " + MAX_STORY_ID + " characters");
        }
        for (var backlink : e.ranking().backlinks()) {
            if (backlink == null || !ArticleId.isWellFormed(backlink.articleId()) || backlink.version() < 1) {
                return Optional.of("a backlink has no well-formed articleId or no version");
            }
        }
        return problemWith(e.ranking().related());
    }

    /** @return why the ranking update cannot be stored, or empty when it can */
    public static Optional<String> problemWith(RankingUpdate u) {
        if (u.articleId() == null || !ArticleId.isWellFormed(u.articleId())) {
            return Optional.of("articleId must be 16 lower-case hex digits, was " + u.articleId());
        }
        if (u.version() < 1) {
            return Optional.of("version must be 1 or more, was " + u.version());
        }
        if (u.rankedAt() == null || u.heat() == null) {
            return Optional.of("ranking update has no rankedAt or no heat");
        }
        if (u.storyId() != null && (u.storyId().isEmpty() || u.storyId().length() > MAX_STORY_ID)) {
            return Optional.of("story id must be 1 to " + MAX_STORY_ID + " characters");
        }
        return problemWith(u.related());
    }

    /** @return why the story record cannot be stored, or empty when it can */
    public static Optional<String> problemWith(StoryRecord r) {
        if (r.story() == null || r.rankedAt() == null) {
            return Optional.of("story record has no story or no rankedAt");
        }
        if (r.story().id() == null || r.story().id().isEmpty() || r.story().id().length() > MAX_STORY_ID) {
            return Optional.of("story id must be 1 to " + MAX_STORY_ID + " characters");
        }
        if (r.story().size() < 0) {
            return Optional.of("story size must be 0 or more, was " + r.story().size());
        }
        if (r.isMerge()) {
            return problemWithMerge(r);
        }
        return Optional.empty();
    }

    /** A merge moves members only: no size of its own, and another story to move them to. */
    private static Optional<String> problemWithMerge(StoryRecord r) {
        if (r.story().size() != 0) {
            return Optional.of("a story merge must have size 0, was " + r.story().size());
        }
        if (r.mergedInto().isEmpty() || r.mergedInto().length() > MAX_STORY_ID) {
            return Optional.of("mergedInto must be 1 to " + MAX_STORY_ID + " characters");
        }
        if (r.mergedInto().equals(r.story().id())) {
            return Optional.of("a story cannot be merged into itself: " + r.story().id());
        }
        return Optional.empty();
    }

    private static Optional<String> problemWith(List<RelatedLink> related) {
        for (RelatedLink link : related) {
            if (link == null || link.article() == null || link.source() == null) {
                return Optional.of("a related link has no article or no source");
            }
            if (link.id() != null && !ArticleId.isWellFormed(link.id())) {
                return Optional.of("related id must be 16 lower-case hex digits, was " + link.id());
            }
        }
        return Optional.empty();
    }
}
