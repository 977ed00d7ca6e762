package dev.newsroom.ranking.service;

import java.io.IOException;
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

    /** A segment's iterator, replaced when a read goes behind it. */
    private static final class Cursor {
        BinaryDocValues values;
    }

    private final String field;
    /** By segment reader, not core key: an iterator reads through its reader, whose files a refresh may close. */
    private final SegmentCache<Cursor> cursors = SegmentCache.perReader(segment -> new Cursor());

    BinaryColumn(String field) {
        this.field = field;
    }

    /** The document's value, valid until the next read of this column (the iterator reuses its bytes). */
    BytesRef value(LeafReader segment, int doc) throws IOException {
        Cursor cursor = cursors.of(segment);
        if (cursor.values == null || cursor.values.docID() > doc) {
            cursor.values = DocValues.getBinary(segment, field);
        }
        if (!cursor.values.advanceExact(doc)) {
            throw new IllegalStateException("document " + doc + " has no " + field);
        }
        return cursor.values.binaryValue();
    }

    /** Forgets the segment readers {@code reader} no longer has. */
    void retain(DirectoryReader reader) {
        cursors.retain(reader);
    }

    void clear() {
        cursors.clear();
    }

    /** How many segments' iterators it keeps. */
    int segmentsHeld() {
        return cursors.size();
    }
}
