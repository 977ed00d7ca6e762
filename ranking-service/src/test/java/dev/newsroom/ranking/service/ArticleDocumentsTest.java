package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class ArticleDocumentsTest {

    private static TermVector vector(String... words) {
        BytesRef[] terms = Arrays.stream(words).map(BytesRef::new).sorted((a, b) -> Long.compare(TermVector.key(a),
                TermVector.key(b))).toArray(BytesRef[]::new);
        float[] weights = new float[terms.length];
        long[] keys = new long[terms.length];
        for (int i = 0; i < terms.length; i++) {
            weights[i] = 0.1f * (i + 1);
            keys[i] = TermVector.key(terms[i]);
        }
        return new TermVector(terms, weights, keys);
    }

    @Test
    void shouldDecodeAStoredProfileWholeAndKeepNoneOfTheReadersBytes() {
        ArticleProfile stored = new ArticleProfile(1_700_000_000L, "example.com", Set.of("politics", "économie"),
                vector("flood", "harbour", "zürich", "grain"));
        BytesRef encoded = ArticleDocuments.profile(stored);
        // as a doc-values reader hands it out: inside a larger buffer that it reuses afterwards
        byte[] buffer = new byte[encoded.length + 10];
        System.arraycopy(encoded.bytes, encoded.offset, buffer, 5, encoded.length);

        ArticleProfile read = ArticleDocuments.profile(new BytesRef(buffer, 5, encoded.length), stored.published());
        Arrays.fill(buffer, (byte) 0);

        assertThat(read.domain()).isEqualTo("example.com");
        assertThat(read.topics()).isEqualTo(stored.topics());
        assertThat(read.vector().keys()).containsExactly(stored.vector().keys());
        assertThat(read.vector().weights()).containsExactly(stored.vector().weights());
        assertThat(read.vector().probe().cosine(stored.vector())).isEqualTo(stored.vector().probe().cosine(stored.vector()));
        assertThat(read.vector().terms()).extracting(BytesRef::utf8ToString)
                .containsExactlyElementsOf(Arrays.stream(stored.vector().terms()).map(BytesRef::utf8ToString).toList());
    }

    @Test
    void shouldDecodeAProfileWithoutTermsOrProvider() {
        ArticleProfile stored = new ArticleProfile(5L, null, Set.of(), TermVector.EMPTY);

        ArticleProfile read = ArticleDocuments.profile(ArticleDocuments.profile(stored), 5L);

        assertThat(read.domain()).isNull();
        assertThat(read.topics()).isEmpty();
        assertThat(read.vector().size()).isZero();
        assertThat(read.vector().terms()).isEmpty();
    }
}
