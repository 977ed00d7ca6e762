package dev.newsroom.article.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2020-04-22T12:00:00Z");

    @ParameterizedTest(name = "{0} s before: {1}")
    @CsvSource({"10, just now", "600, 10 min ago", "10800, 3 h ago", "172800, 2 days ago",
            "864000, on 12 April 2020", "-60, on 22 April 2020"})
    void shouldSayWhenAsAPersonWould(long secondsBefore, String expected) {
        assertThat(RelativeTime.of(NOW.minusSeconds(secondsBefore), NOW, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10", "10800"})
    void shouldGiveTheDateForTheNewsAsOfAnInstant(long secondsBefore) {
        assertThat(RelativeTime.of(NOW.minusSeconds(secondsBefore), NOW, true)).isEqualTo("on 22 April 2020");
    }
}
