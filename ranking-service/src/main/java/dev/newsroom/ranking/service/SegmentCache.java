package dev.newsroom.ranking.service;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Something worked out once per segment, kept until a refreshed reader no longer has the segment. By default it
 * is kept by the segment's core key, for what never changes in a segment (its doc values of publication time, its
 * ords); {@link #perReader} keeps it by the segment's reader instead, for what holds on to that reader (a doc-values
 * update gives the segment a new reader, and the old one's files may be closed). Not thread-safe: each is used by one
 * thread at a time (the {@link CorpusIndex}'s under the corpus's lock; those of its {@link LookAhead}'s search by the
 * thread that claimed a search, while the reader cannot change).
 */
final class SegmentCache<T> {

    /** Works the value out for a segment. */
    interface Loader<T> {
        T load(LeafReader segment) throws IOException;
    }

    private final Loader<T> loader;
    /** What a segment's value is kept by: its core key, or the reader itself (which compares by identity). */
    private final Function<LeafReader, Object> keyOf;
    private final Map<Object, T> values = new HashMap<>();

    SegmentCache(Loader<T> loader) {
        this(loader, segment -> segment.getCoreCacheHelper().getKey());
    }

    private SegmentCache(Loader<T> loader, Function<LeafReader, Object> keyOf) {
        this.loader = loader;
        this.keyOf = keyOf;
    }

    /** A cache whose values are kept by the segment's reader, not by its core. */
    static <T> SegmentCache<T> perReader(Loader<T> loader) {
        return new SegmentCache<>(loader, segment -> segment);
    }

    T of(LeafReader segment) throws IOException {
        Object key = keyOf.apply(segment);
        T value = values.get(key);
        if (value == null) {
            value = loader.load(segment);
            values.put(key, value);
        }
        return value;
    }

    /** Whether it holds a value for the segment of this key (a segment {@link #retain} has not forgotten). */
    boolean holds(Object key) {
        return values.containsKey(key);
    }

    /** How many segments it holds a value for. */
    int size() {
        return values.size();
    }

    /** Forgets the segments {@code reader} no longer has. */
    void retain(DirectoryReader reader) {
        Set<Object> current = new HashSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            current.add(keyOf.apply(leaf.reader()));
        }
        values.keySet().retainAll(current);
    }

    void clear() {
        values.clear();
    }
}
