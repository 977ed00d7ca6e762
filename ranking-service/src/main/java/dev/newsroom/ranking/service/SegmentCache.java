package dev.newsroom.ranking.service;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Something worked out once per segment from what never changes in it (its doc values of publication time,
 * its ords), kept by the segment's core key until a refreshed reader no longer has the segment. Not
 * thread-safe: the {@link CorpusIndex} serialises access.
 */
final class SegmentCache<T> {

    /** Works the value out for a segment. */
    interface Loader<T> {
        T load(LeafReader segment) throws IOException;
    }

    private final Loader<T> loader;
    private final Map<Object, T> values = new HashMap<>();

    SegmentCache(Loader<T> loader) {
        this.loader = loader;
    }

    T of(LeafReader segment) throws IOException {
        Object key = segment.getCoreCacheHelper().getKey();
        T value = values.get(key);
        if (value == null) {
            value = loader.load(segment);
            values.put(key, value);
        }
        return value;
    }

    /** Whether it holds a value for the segment of this core key (a segment {@link #retain} has not forgotten). */
    boolean holds(Object coreKey) {
        return values.containsKey(coreKey);
    }

    /** Forgets the segments {@code reader} no longer has. */
    void retain(DirectoryReader reader) {
        Set<Object> current = new HashSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            current.add(leaf.reader().getCoreCacheHelper().getKey());
        }
        values.keySet().retainAll(current);
    }

    void clear() {
        values.clear();
    }
}
