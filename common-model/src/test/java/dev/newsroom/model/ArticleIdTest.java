package dev.newsroom.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An article id's 64 bits: the same id back, and the same order as the ids' strings. */
class ArticleIdTest {

    @Test
    void shouldGiveBackTheSameIdFromItsBitsAndOrderThemAsTheStrings() {
        List<String> ids = new ArrayList<>(List.of("0000000000000000", "000000000000000a", "7fffffffffffffff",
                "8000000000000000", "ffffffffffffffff"));
        for (int i = 0; i < 100; i++) {
            ids.add(ArticleId.fromCanonicalUrl("https://example.com/" + i));
        }

        assertThat(ids).allSatisfy(id -> assertThat(ArticleId.fromBits(ArticleId.toBits(id))).isEqualTo(id));
        assertThat(ids.stream().sorted(Comparator.comparing(ArticleId::toBits, Long::compareUnsigned)).toList())
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void shouldRefuseTheBitsOfWhatIsNotAnArticleId() {
        for (String id : List.of("A000000000000000", "000000000000000", "0000000000000000a", "g000000000000000", "")) {
            assertThatThrownBy(() -> ArticleId.toBits(id)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(id);
        }
    }
}
