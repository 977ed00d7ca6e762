package dev.newsroom.ranking.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.util.NumericUtils;

/**
 * The best of a candidate list: best score first, equal scores by id. The scores are compared as primitives
 * (a sort of packed longs); only a run of equal scores is sorted by id. Sorting the 65 to 128 candidates of each
 * look-up with a comparator chain of the two was some 7 % of a feed run's samples (RANKING.md); the order is the same.
 */
final class BestFirst {

    /** An item's score: a float, as the look-up's partial scores are. */
    @FunctionalInterface
    interface Score<T> {
        float of(T item);
    }

    private BestFirst() {
    }

    /**
     * The best {@code limit} of {@code items}, best {@code score} first, equal scores in {@code ties} order (by id);
     * when there are no more than {@code limit}, {@code items} itself, in its own order (a list that is not cut is not
     * sorted).
     */
    static <T> List<T> top(List<T> items, int limit, Score<T> score, Comparator<T> ties) {
        int n = items.size();
        if (n <= limit) {
            return items;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // the high half falls as the score rises (~ reverses a sortable int's order), the low half is the index
            keys[i] = (long) ~NumericUtils.floatToSortableInt(score.of(items.get(i))) << 32 | i;
        }
        Arrays.sort(keys);
        List<T> sorted = new ArrayList<>(n);
        for (long key : keys) {
            sorted.add(items.get((int) key));
        }
        for (int from = 0; from < limit; ) { // each run of equal scores that reaches into the top, by id
            int to = from + 1;
            while (to < n && keys[to] >>> 32 == keys[from] >>> 32) {
                to++;
            }
            if (to - from > 1) {
                sorted.subList(from, to).sort(ties);
            }
            from = to;
        }
        return sorted.subList(0, limit);
    }
}
