package dev.newsroom.ranking.service;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.BytesRef;

/**
 * One field's binary doc values (profiles, summaries) in each segment of the current reader, kept from one
 * read to the next: Lucene gives every new iterator a buffer as long as the segment's longest value, and
 * taking one per read was an eighth of what ranking-service allocated in the benchmark stack (BENCHMARKS.md,
 * "thirtieth pass"). An iterator only reads forward, so a read behind its position takes a new one.
 */
final class BinaryColumn {

    private final String field;
    /** By segment reader (not core key: a segment's reader changes with its doc-values updates). */
    private final Map<LeafReader, BinaryDocValues> bySegment = new IdentityHashMap<>();

    BinaryColumn(String field) {
        this.field = field;
    }

    /** The document's value, valid until the next read of this column (the iterator reuses its bytes). */
    BytesRef value(LeafReader segment, int doc) throws IOException {
        BinaryDocValues values = bySegment.get(segment);
        if (values == null || values.docID() > doc) {
            values = DocValues.getBinary(segment, field);
            bySegment.put(segment, values);
        }
        if (!values.advanceExact(doc)) {
            throw new IllegalStateException("document " + doc + " has no " + field);
        }
        return values.binaryValue();
    }

    /** Forgets the segment readers {@code reader} no longer has (their iterators would read closed files). */
    void retain(DirectoryReader reader) {
        Set<LeafReader> current = Collections.newSetFromMap(new IdentityHashMap<>());
        reader.leaves().forEach(leaf -> current.add(leaf.reader()));
        bySegment.keySet().retainAll(current);
    }

    void clear() {
        bySegment.clear();
    }

    /** How many segments' iterators it keeps. */
    int segmentsHeld() {
        return bySegment.size();
    }
}
