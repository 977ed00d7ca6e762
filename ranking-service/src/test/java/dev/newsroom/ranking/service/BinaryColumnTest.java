package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One field's doc values read through a kept iterator per segment: in any order, as a new iterator reads them. */
class BinaryColumnTest {

    private static final String FIELD = "profile";

    @TempDir
    Path directory;

    /**
     * Every third document has no value (as the index's tombstones and notes have no profile), so the segment's
     * values are sparse: an iterator moved backwards there would land on the wrong document, not on the one asked for.
     */
    @Test
    void shouldReadEachDocumentsOwnValueInAnyOrderAndNameTheFieldOfOneWithout() throws IOException {
        try (MMapDirectory dir = new MMapDirectory(directory);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
            for (int doc = 0; doc < 300; doc++) {
                Document document = new Document();
                if (doc % 3 != 0) {
                    // lengths differ, so a value read into another's buffer would show
                    document.add(new BinaryDocValuesField(FIELD, new BytesRef(valueOf(doc))));
                }
                writer.addDocument(document);
            }
            writer.forceMerge(1);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                LeafReader segment = reader.leaves().get(0).reader();
                BinaryColumn column = new BinaryColumn(FIELD);

                for (int doc : new int[] {2, 200, 5, 4, 298, 1, 1, 100, 97}) {
                    assertThat(column.value(segment, doc).utf8ToString()).as("doc %d", doc).isEqualTo(valueOf(doc));
                }
                assertThatThrownBy(() -> column.value(segment, 99))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("document 99 has no " + FIELD);
                assertThat(column.value(segment, 7).utf8ToString()).isEqualTo(valueOf(7));
            }
        }
    }

    private static String valueOf(int doc) {
        return ("value of " + doc + " ").repeat(1 + doc % 5).trim();
    }

    @Test
    void shouldForgetTheIteratorsOfSegmentReadersARefreshedReaderNoLongerHas() throws IOException {
        try (MMapDirectory dir = new MMapDirectory(directory);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
            writer.addDocument(withValue("first"));
            DirectoryReader before = DirectoryReader.open(writer);
            BinaryColumn column = new BinaryColumn(FIELD);
            assertThat(column.value(before.leaves().get(0).reader(), 0).utf8ToString()).isEqualTo("first");
            column.retain(before);
            assertThat(column.segmentsHeld()).isEqualTo(1);

            writer.addDocument(withValue("second"));
            writer.forceMerge(1); // the old segment is merged away: its reader is closed with the old reader
            DirectoryReader after = DirectoryReader.openIfChanged(before, writer);
            before.close();
            column.retain(after);
            assertThat(column.segmentsHeld()).isZero();

            LeafReader merged = after.leaves().get(0).reader();
            assertThat(column.value(merged, 1).utf8ToString()).isEqualTo("second");
            assertThat(column.value(merged, 0).utf8ToString()).isEqualTo("first");
            assertThat(column.segmentsHeld()).isEqualTo(1);
            after.close();
        }
    }

    private static Document withValue(String value) {
        Document document = new Document();
        document.add(new BinaryDocValuesField(FIELD, new BytesRef(value.getBytes(StandardCharsets.UTF_8))));
        return document;
    }
}
