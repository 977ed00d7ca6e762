package dev.newsroom.ranking.service;

import dev.newsroom.model.event.StoryRef;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
}
