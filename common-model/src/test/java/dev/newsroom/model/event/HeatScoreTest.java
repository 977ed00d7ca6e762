package dev.newsroom.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeatScoreTest {

    private static final Instant COMPUTED = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant REFERENCE = Instant.parse("2026-01-01T12:00:00Z");

    private static double coverage(int providers) {
        return 1 + 0.25 * Math.log(providers);
    }

    private static HeatScore heat(int providers, double ageHours) {
        return HeatScore.compute(89, "the source's quality score", providers, coverage(providers), 1.1,
                "weight of example.com", ageHours, 24, COMPUTED, REFERENCE);
    }

    @Test
    void shouldComputeTheFormulaWithEveryComponentInHeatPoints() {
        HeatScore score = heat(3, 12);

        double base = 89 * coverage(3) * 1.1;
        assertThat(score.base()).isEqualTo(base);
        assertThat(score.value()).isEqualTo((int) Math.round(base * Math.pow(0.5, 0.5)));
        assertThat(score.components()).extracting(HeatComponent::name)
                .containsExactly("quality", "coverage", "provider", "recency");
        double contributions = score.components().stream().mapToDouble(HeatComponent::contribution).sum();
        assertThat(contributions).isCloseTo(base * Math.pow(0.5, 0.5), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldGiveWithAnotherCoverageWhatTheFormulaGivesForIt() {
        for (double age : new double[] {0, 0.0004, 7.123456, 80}) {
            HeatScore ranked = heat(1, age);
            HeatScore expected = heat(4, age);

            HeatScore covered = ranked.withCoverage(4, coverage(4));

            assertThat(covered.value()).isEqualTo(expected.value());
            assertThat(covered.base()).isEqualTo(expected.base());
            assertThat(covered.components()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("contribution")
                    .containsExactlyElementsOf(expected.components());
            for (int i = 0; i < 4; i++) {
                assertThat(covered.components().get(i).contribution())
                        .isCloseTo(expected.components().get(i).contribution(), org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(covered.computedAt()).isEqualTo(COMPUTED);
            assertThat(covered.referenceTime()).isEqualTo(REFERENCE);
        }
    }

    @Test
    void shouldStayAsItIsForTheSameCoverageOrWithoutComponents() {
        HeatScore ranked = heat(2, 5);
        assertThat(ranked.withCoverage(2, coverage(2))).isSameAs(ranked);

        HeatScore bare = new HeatScore(50, 50, 24, COMPUTED, REFERENCE, HeatScore.FORMULA, java.util.List.of());
        assertThat(bare.withCoverage(5, coverage(5))).isSameAs(bare);
    }
}
