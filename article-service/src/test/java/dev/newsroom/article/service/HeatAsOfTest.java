package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HeatAsOfTest {

    private static final Instant PUBLISHED = Instant.parse("2020-04-22T08:00:00Z");
    private final HeatAsOf heat = new HeatAsOf(0.25);

    @ParameterizedTest(name = "{0} h after publication: x{1}")
    @CsvSource({"0, 1", "24, 0.5", "48, 0.25", "12, 0.70710678"})
    void shouldHalveEveryHalfLifeAfterPublication(int hours, double recency) {
        assertThat(heat.heat(100, 24, 1, 1, PUBLISHED, PUBLISHED.plus(Duration.ofHours(hours))))
                .isCloseTo(100 * recency, within(1e-6));
    }

    @Test
    void shouldBeZeroForAnArticleNotYetPublished() {
        assertThat(heat.heat(100, 24, 1, 1, PUBLISHED, PUBLISHED.minusSeconds(1))).isZero();
    }

    @Test
    void shouldCountOnlyTheCoverageOfThen() {
        // ranked when its story had three providers; by then only one had published
        double ranked = 89 * heat.coverage(3);
        assertThat(heat.heat(ranked, 24, 3, 1, PUBLISHED, PUBLISHED)).isCloseTo(89, within(1e-9));
        assertThat(heat.heat(ranked, 24, 3, 3, PUBLISHED, PUBLISHED)).isCloseTo(ranked, within(1e-9));
        assertThat(heat.coverage(3)).isCloseTo(1 + 0.25 * Math.log(3), within(1e-12));
    }

    @Test
    void shouldTreatNoProviderAsTheArticlesOwn() {
        assertThat(heat.coverage(0)).isEqualTo(1);
        assertThat(heat.coverage(1)).isEqualTo(1);
    }

    @Test
    void shouldNotDecayWithoutAHalfLife() {
        assertThat(heat.heat(100, 0, 1, 1, PUBLISHED, PUBLISHED.plus(Duration.ofDays(30)))).isEqualTo(100);
    }
}
