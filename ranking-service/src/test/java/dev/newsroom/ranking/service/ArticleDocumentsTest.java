package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        ArticleProfile read = ArticleDocuments.profile(new BytesRef(buffer, 5, encoded.length), stored.published(), true,
                new SharedStrings(16));
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

        ArticleProfile read = ArticleDocuments.profile(ArticleDocuments.profile(stored), 5L, true, new SharedStrings(16));

        assertThat(read.domain()).isNull();
        assertThat(read.topics()).isEmpty();
        assertThat(read.vector().size()).isZero();
        assertThat(read.vector().terms()).isEmpty();
    }

    @Test
    void shouldDecodeACandidatesProfileWithoutItsTermsAndWithTheStringsItSharesWithOthers() {
        ArticleProfile stored = new ArticleProfile(1_700_000_000L, "example.com", Set.of("politics", "économie"),
                vector("flood", "harbour", "zürich", "grain"));
        ArticleProfile other = new ArticleProfile(1_700_000_100L, "example.com", Set.of("économie"), vector("grain"));
        SharedStrings strings = new SharedStrings(16);

        ArticleProfile read = ArticleDocuments.profile(ArticleDocuments.profile(stored), stored.published(), false, strings);
        ArticleProfile otherRead = ArticleDocuments.profile(ArticleDocuments.profile(other), other.published(), false, strings);

        assertThat(read.domain()).isEqualTo("example.com").isSameAs(otherRead.domain());
        assertThat(read.topics()).isEqualTo(stored.topics());
        assertThat(otherRead.topics().iterator().next()).isSameAs(read.topics().stream().filter("économie"::equals)
                .findFirst().orElseThrow());
        assertThat(strings.size()).isEqualTo(3);
        assertThat(read.vector().keys()).containsExactly(stored.vector().keys());
        assertThat(read.vector().weights()).containsExactly(stored.vector().weights());
        assertThat(read.vector().probe().cosine(otherRead.vector())).isEqualTo(stored.vector().probe().cosine(other.vector()));
        assertThat(read.vector().hasTerms()).isFalse();
        assertThatThrownBy(() -> read.vector().terms()).isInstanceOf(IllegalStateException.class);
        assertThat(stored.vector().hasTerms()).isTrue();
    }

    @Test
    void shouldForgetTheSharedStringsAtItsCapacityAndStillGiveEachStringRight() {
        SharedStrings strings = new SharedStrings(2);
        byte[] bytes = "abcdé".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        String ab = strings.of(bytes, 0, 2);
        assertThat(strings.of(bytes, 0, 2)).isSameAs(ab);
        assertThat(strings.of(bytes, 2, 1)).isEqualTo("c");
        assertThat(strings.of(bytes, 3, 3)).isEqualTo("dé"); // the third: it forgot the first two
        assertThat(strings.size()).isEqualTo(1);
        assertThat(strings.of(bytes, 0, 2)).isEqualTo("ab").isNotSameAs(ab);
    }
}
