package dev.newsroom.article.repository;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one batch does to its stories' two counts, {@code live_articles} (live members) and {@code heat} (the
 * hottest live member's, 0 when none), worked out from the members the batch writes instead of from every
 * member. A member that joins a story or gets hotter can only raise its heat to the member's own; a member
 * that leaves, is retracted or cools down lowers the count, and may have been the hottest: only then, and
 * only when no member of the batch is at least as hot, is the story counted again from its members. So the
 * 2,000th member of a story costs one row update of the story, not a read of the 1,999 before it.
 *
 * <p>A story is always counted again when the batch has no stored row of it to start from (the row is new,
 * or there is none yet), and when the caller says so ({@link #recount}): its members' heat changed with its
 * coverage, or a merge moved members in or out. Pure logic; {@link ArticleWriter} runs what it decides.
 */
final class StoryCounts {

    /** A story's counts as stored when the batch locked its row. */
    record Stored(int liveArticles, int heat) {
    }

    /** A change for a story whose stored counts are a sound start: {@code heat} is null when unchanged. */
    record Delta(int liveArticles, Integer heat) {
    }

    private static final class Tally {
        int live;
        /** The hottest member that is live in the story after the batch and was written by it; -1: none. */
        int hottestJoined = -1;
        /** Whether a member that was live in the story, as hot as its stored heat, left it or cooled down. */
        boolean hottestMayHaveGone;
    }

    private final Map<String, Stored> stored;
    private final Map<String, Tally> tallies = new TreeMap<>();
    private final Set<String> recount = new TreeSet<>();

    /** @param stored the stories' rows as locked by the batch, by story id (stories without a row are absent) */
    StoryCounts(Map<String, Stored> stored) {
        this.stored = stored;
    }

    /**
     * A member written by the batch: before, in {@code oldStory} (null: none, or not stored), live or not, with
     * {@code oldHeat}; after, in {@code newStory}, live or not, with {@code newHeat}.
     */
    void member(String oldStory, boolean wasLive, int oldHeat, String newStory, boolean live, int newHeat) {
        if (oldStory != null && wasLive) {
            Tally t = tally(oldStory);
            t.live--;
            Stored s = stored.get(oldStory);
            if (s != null && oldHeat >= s.heat()) {
                t.hottestMayHaveGone = true;
            }
        }
        if (newStory != null && live) {
            Tally t = tally(newStory);
            t.live++;
            t.hottestJoined = Math.max(t.hottestJoined, newHeat);
        }
    }

    /** The story is counted again from its members, whatever its tally. */
    void recount(String story) {
        if (story != null) {
            recount.add(story);
        }
    }

    /**
     * What the batch does to its stories' rows: the stories to count again from their members ({@code recounts}:
     * the ones marked, those without a row, those whose hottest member may have gone) and the changes of the
     * others by id ({@code deltas}; a story the batch left as it was is absent).
     */
    record Changes(Set<String> recounts, Map<String, Delta> deltas) {
    }

    Changes changes() {
        Set<String> recounts = new TreeSet<>(recount);
        tallies.forEach((id, t) -> {
            Stored s = stored.get(id);
            if (s == null || (t.hottestMayHaveGone && t.hottestJoined < s.heat())) {
                recounts.add(id);
            }
        });
        Map<String, Delta> deltas = new TreeMap<>();
        tallies.forEach((id, t) -> {
            if (recounts.contains(id)) {
                return;
            }
            Integer heat = t.hottestJoined > stored.get(id).heat() ? t.hottestJoined : null;
            if (t.live != 0 || heat != null) {
                deltas.put(id, new Delta(t.live, heat));
            }
        });
        return new Changes(recounts, deltas);
    }

    private Tally tally(String story) {
        return tallies.computeIfAbsent(story, k -> new Tally());
    }
}
