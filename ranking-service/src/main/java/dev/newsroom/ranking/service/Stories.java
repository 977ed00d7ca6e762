package dev.newsroom.ranking.service;

import dev.newsroom.model.event.StoryRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The story facts worked out while ranking one batch, so that each story's {@link StoryRef} is made once
 * per batch rather than once for each of its members that the batch ranks. Lives for one call of
 * {@link Corpus#rankingsAfter(List, java.time.Instant)}; not thread-safe.
 */
final class Stories {

    private final Map<StoryCluster, StoryRef> refs = new IdentityHashMap<>();

    /** The summary of {@code story}, computed once. */
    StoryRef ref(StoryCluster story, Function<StoryCluster, StoryRef> summary) {
        return refs.computeIfAbsent(story, summary);
    }

    /**
     * The parts {@code story} (a story's members) falls into without the articles of
     * {@code without}: for articles that just arrived, the stories their members belonged to before (each
     * part in publication order, so its first member names it).
     */
    static List<List<IndexedArticle>> partsWithout(List<IndexedArticle> story, Set<IndexedArticle> without) {
        Set<IndexedArticle> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        List<List<IndexedArticle>> parts = new ArrayList<>();
        for (IndexedArticle start : story) {
            if (without.contains(start) || placed.contains(start)) {
                continue; // in the batch, or in a part found already
            }
            List<IndexedArticle> part = StoryCluster.componentOf(start, member -> !without.contains(member));
            placed.addAll(part);
            part.sort(IndexedArticle.PUBLICATION_ORDER);
            parts.add(part);
        }
        return parts;
    }
}
