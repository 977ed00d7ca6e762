package dev.newsroom.article.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.article.service.ArticleQuery.Sort;
import dev.newsroom.article.service.Cursor;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    private static QueryParameters of(String... pairs) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return QueryParameters.of(map, Set.of("topic", "from", "to", "size", "sort", "cursor"));
    }

    @Test
    void shouldReadDatesAsTheStartOfTheDayOrTheWholeDayAsUpperBound() {
        QueryParameters p = of("from", "2020-01-12", "to", "2020-01-12");
        assertThat(p.instant("from", false)).isEqualTo(Instant.parse("2020-01-12T00:00:00Z"));
        assertThat(p.instant("to", true)).isEqualTo(Instant.parse("2020-01-13T00:00:00Z"));
        assertThat(of("from", "2020-01-12T22:17:00Z").instant("from", false)).isEqualTo(Instant.parse("2020-01-12T22:17:00Z"));
    }

    @Test
    void shouldLowerCaseNamesAndDefaultTheSizeAndSort() {
        QueryParameters p = of("topic", "  Computer Vision ");
        assertThat(p.key("topic")).isEqualTo("computer vision");
        assertThat(p.size(20, 100)).isEqualTo(20);
        assertThat(p.choice("sort", Sort.class, Sort.NEWEST)).isEqualTo(Sort.NEWEST);
        assertThat(of("sort", "Trending").choice("sort", Sort.class, Sort.NEWEST)).isEqualTo(Sort.TRENDING);
    }

    @Test
    void shouldRejectUnknownRepeatedAndMalformedParametersByName() {
        assertThatThrownBy(() -> of("colour", "red")).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("colour is not a parameter").extracting("parameter").isEqualTo("colour");
        assertThatThrownBy(() -> of("size", "1", "size", "2")).hasMessageContaining("given 2 times");
        assertThatThrownBy(() -> of("size", "101").size(20, 100)).hasMessageContaining("between 1 and 100");
        assertThatThrownBy(() -> of("from", "12/01/2020").instant("from", false)).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> of("cursor", "%%%").cursor("heat")).hasMessageContaining("not a cursor this service issued");
    }

    @Test
    void shouldAcceptOnlyACursorOfTheSameOrder() {
        String token = new Cursor("heat", "120", "0123456789abcdef").encode();
        assertThat(of("cursor", token).cursor("heat")).isEqualTo(new Cursor("heat", "120", "0123456789abcdef"));
        assertThatThrownBy(() -> of("cursor", token).cursor("newest")).hasMessageContaining("belongs to the order 'heat'");
    }
}
