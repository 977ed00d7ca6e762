package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.ranking.service.HeatCalculator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeatCalculatorTest {

    private static final Instant PUBLISHED = Instant.parse("2020-01-12T22:17:00Z");
    private final HeatCalculator calculator = new HeatCalculator(50, 0.25, Duration.ofHours(24), 1.0,
            Map.of("nytimes.com", 1.2));

    @Test
    void shouldGiveAFreshThreeProviderStoryOfQuality89AHeatNearTheSeeds() {
        HeatScore score = new HeatCalculator(50, 0.25, Duration.ofHours(24), 1.0, Map.of())
                .score(89, "nytimes.com", 3, PUBLISHED, PUBLISHED, PUBLISHED);

        assertThat(score.value()).isEqualTo(113);
        assertThat(score.base()).isCloseTo(89 * (1 + 0.25 * Math.log(3)), within(1e-9));
    }

    @Test
    void shouldRankMoreProvidersHotterAtTheSameAgeAndQuality() {
        Instant now = PUBLISHED.plus(Duration.ofHours(5));
        HeatScore three = calculator.score(70, "example.com", 3, PUBLISHED, now, now);
        HeatScore one = calculator.score(70, "example.com", 1, PUBLISHED, now, now);

        assertThat(three.value()).isGreaterThan(one.value());
    }

    @Test
    void shouldHalveHeatEveryHalfLife() {
        HeatScore fresh = calculator.score(80, "example.com", 1, PUBLISHED, PUBLISHED, PUBLISHED);
        HeatScore dayOld = calculator.score(80, "example.com", 1, PUBLISHED, PUBLISHED.plus(Duration.ofHours(24)), PUBLISHED);

        assertThat(fresh.value()).isEqualTo(80);
        assertThat(dayOld.value()).isEqualTo(40);
        assertThat(fresh.at(PUBLISHED, PUBLISHED.plus(Duration.ofHours(48)))).isCloseTo(20, within(1e-9));
    }

    @Test
    void shouldExplainEveryComponentAndApplyTheProviderWeight() {
        HeatScore score = calculator.score(null, "nytimes.com", 2, PUBLISHED, PUBLISHED, PUBLISHED);

        assertThat(score.components()).extracting(HeatComponent::name)
                .containsExactly("quality", "coverage", "provider", "recency");
        double sum = score.components().stream().mapToDouble(HeatComponent::contribution).sum();
        assertThat(sum).isCloseTo(score.base(), within(1e-9));
        assertThat(score.base()).isCloseTo(50 * (1 + 0.25 * Math.log(2)) * 1.2, within(1e-9));
        assertThat(score.formula()).contains("halfLifeHours");
    }
}
