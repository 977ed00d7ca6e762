package dev.newsroom.ranking.service;

import dev.newsroom.model.event.StoryRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The stories worked out while ranking one batch, so that a story is walked once per batch rather than
 * once for each of its members that the batch ranks. Every member of a walked story maps to the
 * same member list; a story larger than {@code story.max-size} is cut where the first walk stopped, so
 * all the members ranked in one batch still agree on their story. Lives for one call of
 * {@link Corpus#rankingsAfter(List, java.time.Instant)}; not thread-safe.
 */
final class Stories {

    private final Map<IndexedArticle, List<IndexedArticle>> members = new IdentityHashMap<>();
    private final Map<List<IndexedArticle>, StoryRef> refs = new IdentityHashMap<>();
    private final Function<IndexedArticle, List<IndexedArticle>> walk;

    Stories(Function<IndexedArticle, List<IndexedArticle>> walk) {
        this.walk = walk;
    }

    /** The article's story members, in publication order. */
    List<IndexedArticle> of(IndexedArticle article) {
        List<IndexedArticle> story = members.get(article);
        if (story == null) {
            story = walk.apply(article); // the walk starts at the article, so it is among the members
            for (IndexedArticle member : story) {
                members.putIfAbsent(member, story);
            }
        }
        return story;
    }

    /** The summary of a member list returned by {@link #of}, computed once. */
    StoryRef ref(List<IndexedArticle> story, Function<List<IndexedArticle>, StoryRef> summary) {
        return refs.computeIfAbsent(story, summary);
    }

    /**
     * The parts {@code story} (a member list returned by {@link #of}) falls into without the articles of
     * {@code without}: for articles that just arrived, the stories their members belonged to before (each
     * part in publication order, so its first member names it).
     */
    static List<List<IndexedArticle>> partsWithout(List<IndexedArticle> story, Set<IndexedArticle> without) {
        Set<IndexedArticle> left = Collections.newSetFromMap(new IdentityHashMap<>());
        for (IndexedArticle member : story) {
            if (!without.contains(member)) {
                left.add(member);
            }
        }
        List<List<IndexedArticle>> parts = new ArrayList<>();
        for (IndexedArticle start : story) {
            if (!left.remove(start)) {
                continue; // in the batch, or in a part found already
            }
            List<IndexedArticle> part = new ArrayList<>();
            ArrayDeque<IndexedArticle> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                IndexedArticle next = queue.poll();
                part.add(next);
                for (IndexedArticle other : next.sameStory) {
                    if (left.remove(other)) {
                        queue.add(other);
                    }
                }
            }
            part.sort(IndexedArticle.PUBLICATION_ORDER);
            parts.add(part);
        }
        return parts;
    }
}
