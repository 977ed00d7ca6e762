package dev.newsroom.ranking.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.util.NumericUtils;

/**
 * The order of a candidate list: best score first, equal scores by id. The scores are compared as primitives
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

    /** Sorts {@code items} in place, best {@code score} first, equal scores by {@code id} ascending. */
    static <T> void sort(List<T> items, Score<T> score, Function<T, String> id) {
        int n = items.size();
        if (n < 2) {
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // the high half falls as the score rises (~ reverses a sortable int's order), the low half is the index
            keys[i] = (long) ~NumericUtils.floatToSortableInt(score.of(items.get(i))) << 32 | i;
        }
        Arrays.sort(keys);
        List<T> sorted = new ArrayList<>(n);
        Comparator<T> byId = Comparator.comparing(id);
        for (int from = 0; from < n; ) {
            int to = from + 1;
            while (to < n && keys[to] >>> 32 == keys[from] >>> 32) {
                to++;
            }
            int start = sorted.size();
            for (int k = from; k < to; k++) {
                sorted.add(items.get((int) keys[k]));
            }
            if (to - from > 1) {
                sorted.subList(start, sorted.size()).sort(byId);
            }
            from = to;
        }
        for (int i = 0; i < n; i++) {
            items.set(i, sorted.get(i));
        }
    }
}
