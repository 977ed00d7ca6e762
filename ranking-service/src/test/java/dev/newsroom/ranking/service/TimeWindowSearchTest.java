package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class TimeWindowSearchTest {

    private static final String FIELD = "v";
    private static final String[] WORDS = {"apple", "bank", "crash", "delta", "earth", "flood", "grain", "harbour"};

    /** A document: its publication time and weight for each of {@link #WORDS} (0 where absent). */
    private record Doc(long published, float[] weights) {
    }

    @Test
    void shouldFindTheBestByTheDotProductWithinTheWindowAcrossSegmentsAndDeletions() throws IOException {
        Random random = new Random(7);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            float[] w = new float[WORDS.length];
            for (int t = 0; t < w.length; t++) {
                w[t] = random.nextInt(3) == 0 ? TimeWindowSearch.indexed(0.05f + random.nextFloat()) : 0;
            }
            docs.add(new Doc(random.nextInt(1_000), w));
        }
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, config())) {
            for (int i = 0; i < docs.size(); i++) {
                writer.addDocument(document(i, docs.get(i)));
                if (i % 97 == 0) {
                    writer.flush(); // several segments
                }
            }
            writer.deleteDocuments(new Term("id", "5"), new Term("id", "77"));
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                BytesRef[] terms = {new BytesRef("bank"), new BytesRef("flood"), new BytesRef("grain")};
                float[] query = {0.7f, 0.5f, 0.2f};
                TimeWindowSearch search = new TimeWindowSearch(FIELD, Integer.MAX_VALUE);

                ScoreDoc[] hits = search.best(reader, terms, query, new int[terms.length], 300, 500, 700, 10).hits();

                List<Integer> expected = bruteForce(docs, query, new int[] {1, 5, 6}, 300, 700, 10);
                assertThat(hits).extracting(h -> id(reader, h.doc)).containsExactlyElementsOf(expected);
                assertThat(hits).allSatisfy(h -> assertThat(h.score).isPositive());
            }
        }
    }

    @Test
    void shouldReadACommonTermOnlyNearTheArticlesOwnTimeOverTheSameSpanInEverySegment() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, config())) {
            // one word in 1,000 documents, one a second, in ten segments of very different densities
            for (int i = 0; i < 1_000; i++) {
                float[] w = new float[WORDS.length];
                w[0] = 0.5f;
                writer.addDocument(document(i, new Doc(i, w)));
                if (i == 10 || i == 400 || i % 150 == 0) {
                    writer.flush();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                TimeWindowSearch search = new TimeWindowSearch(FIELD, 10);

                TimeWindowSearch.Found found = search.best(reader, new BytesRef[] {new BytesRef("apple")},
                        new float[] {1f}, new int[1], 0, 600, 999, 1_000);

                // about 10 postings read, all within a few seconds of 600, in one span
                assertThat(found.hits().length).isBetween(8, 12);
                assertThat(found.hits()).allSatisfy(h -> assertThat(Math.abs(id(reader, h.doc) - 600)).isLessThanOrEqualTo(6));
                assertThat(found.spanFrom()[0]).isBetween(594L, 600L);
                assertThat(found.spanTo()[0]).isBetween(600L, 606L);
                assertThat(search.count(reader, new BytesRef("apple"), 100, 199, 1_000)).isEqualTo(100);
                assertThat(search.count(reader, new BytesRef("apple"), 100, 199, 11)).isEqualTo(11);
            }
        }
    }

    @Test
    void shouldReadACommonTermOverASpanHoldingAboutThatManyPostingsWhereTheDocumentsCrowdAroundTheCentre() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, config())) {
            // one a second over 1,000 seconds, and 2,000 more in the 20 seconds around 600 (a live feed's "now"),
            // all with the word: spread evenly, 3,000 in the window would put 3 into each second
            int id = 0;
            for (int i = 0; i < 1_000; i++) {
                float[] w = new float[WORDS.length];
                w[0] = 0.5f;
                writer.addDocument(document(id++, new Doc(i, w)));
            }
            writer.flush();
            for (int i = 0; i < 2_000; i++) {
                float[] w = new float[WORDS.length];
                w[0] = 0.5f;
                writer.addDocument(document(id++, new Doc(590 + i % 20, w)));
                if (i % 700 == 0) {
                    writer.flush();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                TimeWindowSearch search = new TimeWindowSearch(FIELD, 300);

                TimeWindowSearch.Found found = search.best(reader, new BytesRef[] {new BytesRef("apple")},
                        new float[] {1f}, new int[1], 0, 600, 999, 10_000);

                // 101 documents a second there: the span is the three seconds around 600, about 300 postings,
                // where the window's average density would have read 100 seconds of them, some 1,800
                assertThat(found.spanFrom()[0]).isEqualTo(599L);
                assertThat(found.spanTo()[0]).isEqualTo(601L);
                assertThat(found.hits().length).isEqualTo(303);
            }
        }
    }

    @Test
    void shouldCountTheArticlesNotYetIndexedWhenItBoundsAPostingList() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, config())) {
            for (int i = 0; i < 1_000; i++) {
                float[] w = new float[WORDS.length];
                w[0] = 0.5f;
                writer.addDocument(document(i, new Doc(i, w)));
            }
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                TimeWindowSearch search = new TimeWindowSearch(FIELD, 20);
                BytesRef[] apple = {new BytesRef("apple")};

                TimeWindowSearch.Found alone = search.best(reader, apple, new float[] {1f}, new int[] {0},
                        0, 600, 999, 1_000);
                // as many again not indexed yet: the span read is half as long
                TimeWindowSearch.Found withPending = search.best(reader, apple, new float[] {1f}, new int[] {1_000},
                        0, 600, 999, 1_000);

                long spanAlone = alone.spanTo()[0] - alone.spanFrom()[0];
                long spanWithPending = withPending.spanTo()[0] - withPending.spanFrom()[0];
                assertThat(spanAlone).isBetween(18L, 22L);
                assertThat(spanWithPending).isBetween(spanAlone / 2 - 1, spanAlone / 2 + 1);
                assertThat(withPending.hits().length).isBetween(8, 12);
            }
        }
    }

    @Test
    void shouldFindEveryTermsPostingsAgainWhenItsPlaceInASegmentIsRememberedOrForgotten() throws IOException {
        // 5,000 words, word k in documents k and k + 1, over six segments: more words than a segment remembers
        int words = 5_000;
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, config())) {
            for (int d = 0; d <= words; d++) {
                Document document = new Document();
                document.add(new org.apache.lucene.document.StringField("id", Integer.toString(d), org.apache.lucene.document.Field.Store.YES));
                document.add(new NumericDocValuesField(ArticleDocuments.PUBLISHED, d));
                for (int k = Math.max(0, d - 1); k <= Math.min(d, words - 1); k++) {
                    document.add(new FeatureField(FIELD, "w" + k, 0.5f));
                }
                writer.addDocument(document);
                if (d % 1_000 == 999) {
                    writer.flush();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                TimeWindowSearch search = new TimeWindowSearch(FIELD, Integer.MAX_VALUE);
                // three rounds: the first seeks every word, the later ones find some remembered and some forgotten
                for (int round = 0; round < 3; round++) {
                    for (int k = round; k < words; k += 1 + round) {
                        BytesRef word = new BytesRef("w" + k);
                        assertThat(search.count(reader, word, 0, words, 10)).as("w%d in round %d", k, round).isEqualTo(2);
                        assertThat(search.count(reader, new BytesRef("x" + k), 0, words, 10)).isZero();
                        ScoreDoc[] hits = search.best(reader, new BytesRef[] {word}, new float[] {1f}, new int[1],
                                0, k, words, 10).hits();
                        assertThat(hits).extracting(h -> id(reader, h.doc)).containsExactlyInAnyOrder(k, k + 1);
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepTheWeightFeatureFieldKeeps() {
        for (float w : new float[] {0.001f, 0.0123456f, 0.5f, 0.987654f}) {
            float kept = TimeWindowSearch.indexed(w);
            assertThat(kept).isLessThanOrEqualTo(w).isCloseTo(w, org.assertj.core.data.Percentage.withPercentage(0.5));
            assertThat(TimeWindowSearch.indexed(kept)).isEqualTo(kept);
        }
    }

    private static IndexWriterConfig config() {
        IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer());
        config.setIndexSort(TimeWindowSearch.SORT);
        return config;
    }

    private static Document document(int id, Doc doc) {
        Document d = new Document();
        d.add(new org.apache.lucene.document.StringField("id", Integer.toString(id), org.apache.lucene.document.Field.Store.YES));
        d.add(new NumericDocValuesField(ArticleDocuments.PUBLISHED, doc.published()));
        for (int t = 0; t < WORDS.length; t++) {
            if (doc.weights()[t] > 0) {
                d.add(new FeatureField(FIELD, WORDS[t], doc.weights()[t]));
            }
        }
        return d;
    }

    private static int id(DirectoryReader reader, int doc) {
        try {
            return Integer.parseInt(reader.storedFields().document(doc).get("id"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Integer> bruteForce(List<Doc> docs, float[] query, int[] words, long from, long to, int limit) {
        List<int[]> scored = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            if (i == 5 || i == 77 || d.published() < from || d.published() > to) {
                continue;
            }
            float sum = 0;
            for (int q = 0; q < words.length; q++) {
                sum += query[q] * d.weights()[words[q]];
            }
            if (sum > 0) {
                scored.add(new int[] {i});
                scores.add(sum);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> scores.get(i)).reversed());
        return order.stream().limit(limit).map(i -> scored.get(i)[0]).toList();
    }
}
