package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.model.event.HeatScore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrendingHeatTest {

    private static final Instant RANKED = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest(name = "base {0}, published {1} h before a news clock {2} h behind, read {3} h later")
    @CsvSource({"113, 0, 0, 0", "113, 5, 0, 3", "89.5, 30, 2, 48", "250, 0.5, 2000, 0.1", "1, 100, 0, 1000"})
    void shouldGiveTheHeatHeatScoreGivesAtAnyLaterMoment(double base, double ageHours, double lagHours, double laterHours) {
        Instant reference = RANKED.minus(hours(lagHours));
        Instant published = reference.minus(hours(ageHours));
        HeatScore heat = new HeatScore(0, base, 24, RANKED, reference, "f", List.of());
        Instant now = RANKED.plus(hours(laterHours));

        assertThat(TrendingHeat.of(heat, published).at(now)).isCloseTo(heat.at(published, now), within(1e-6 * base));
    }

    @Test
    void shouldOrderByKeyExactlyAsByHeatAtAnyMoment() {
        // various bases, ages and news-clock lags; every article published before its news clock read
        List<HeatScore> scores = IntStream.range(0, 50).mapToObj(i -> new HeatScore(0, 20 + i * 37 % 200, 24,
                RANKED.minus(hours(i % 3)), RANKED.minus(hours(i % 3 + i % 5)), "f", List.of())).toList();
        List<Instant> published = IntStream.range(0, 50)
                .mapToObj(i -> scores.get(i).referenceTime().minus(hours(i * 1.7 % 40))).toList();
        for (Instant now : List.of(RANKED, RANKED.plus(Duration.ofHours(6)), RANKED.plus(Duration.ofDays(30)))) {
            List<Integer> byKey = IntStream.range(0, 50).boxed()
                    .sorted(Comparator.comparingDouble(i -> -TrendingHeat.of(scores.get(i), published.get(i)).key())).toList();
            List<Integer> byHeatNow = IntStream.range(0, 50).boxed()
                    .sorted(Comparator.comparingDouble(i -> -scores.get(i).at(published.get(i), now))).toList();
            assertThat(byKey).isEqualTo(byHeatNow);
        }
    }

    @Test
    void shouldKeepARankingWithoutHalfLifeAtItsValue() {
        HeatScore constant = new HeatScore(42, 99, 0, null, null, "f", List.of());
        TrendingHeat trending = TrendingHeat.of(constant, RANKED);

        assertThat(trending.base()).isEqualTo(42);
        assertThat(trending.at(RANKED)).isCloseTo(42, within(1e-9));
    }

    private static Duration hours(double h) {
        return Duration.ofMillis(Math.round(h * 3_600_000));
    }
}
