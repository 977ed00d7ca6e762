package dev.newsroom.model.event;

import java.util.Optional;

/**
 * The three key spaces of {@code articles.ranked} (schema 2). The topic is compacted, so each kind of
 * record has keys of its own and compaction keeps, for every key, the latest record of that kind:
 *
 * <ul>
 *   <li>{@code <articleId>}: the whole article, an {@link ArticleEvent} with its ranking, once per content
 *       version (a retraction is a version too);</li>
 *   <li>{@code ranking:<articleId>}: a {@link RankingUpdate}, a later change to that article's ranking
 *       (related links, story id, heat), never the article again;</li>
 *   <li>{@code story:<storyId>}: a {@link StoryRecord}, a story's facts (size, providers, lead, first and
 *       last publication, coverage), kept once per story instead of in every member.</li>
 * </ul>
 *
 * A reader tells them apart by the key alone, without parsing the value.
 */
public final class RankedKeys {

    public static final String RANKING_PREFIX = "ranking:";
    public static final String STORY_PREFIX = "story:";

    /** What a key of {@code articles.ranked} holds. */
    public enum Kind {
        ARTICLE, RANKING, STORY
    }

    private RankedKeys() {
    }

    public static String article(String articleId) {
        return articleId;
    }

    public static String ranking(String articleId) {
        return RANKING_PREFIX + articleId;
    }

    public static String story(String storyId) {
        return STORY_PREFIX + storyId;
    }

    /** The kind of record a key names; a key without a known prefix is an article id. */
    public static Kind kindOf(String key) {
        if (key != null && key.startsWith(RANKING_PREFIX)) {
            return Kind.RANKING;
        }
        if (key != null && key.startsWith(STORY_PREFIX)) {
            return Kind.STORY;
        }
        return Kind.ARTICLE;
    }

    /** The article or story id a key names (the key less its prefix), or empty for a null key. */
    public static Optional<String> idOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(switch (kindOf(key)) {
            case RANKING -> key.substring(RANKING_PREFIX.length());
            case STORY -> key.substring(STORY_PREFIX.length());
            case ARTICLE -> key;
        });
    }
}
