package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatBreakdownTest {

    private static final Instant PUBLISHED = Instant.parse("2020-01-12T22:17:00Z");
    // the seed as ranking-service explains it: quality 89, three providers, fresh
    private static final double COVERAGE = 1 + 0.25 * Math.log(3);
    private static final HeatScore SEED = new HeatScore(113, 89 * COVERAGE, 24, PUBLISHED, PUBLISHED, "formula", List.of(
            new HeatComponent("quality", 89, 89, "the source's quality score"),
            new HeatComponent("coverage", 3, 89 * (COVERAGE - 1), "x1.275 for 3 providers"),
            new HeatComponent("provider", 1, 0, "x1 weight"),
            new HeatComponent("recency", 0, 0, "x1 for 0 h")));

    @Test
    void shouldExplainTheHeatAsRanked() {
        HeatBreakdown why = HeatBreakdown.of(SEED, PUBLISHED, null, 0, new HeatAsOf(0.25));

        assertThat(why.heat()).isEqualTo(113);
        assertThat(why.lines()).extracting(HeatBreakdown.Line::name)
                .containsExactly("Quality", "Coverage", "Provider", "Recency");
        assertThat(why.lines()).extracting(HeatBreakdown.Line::value).containsExactly("89", "×1.27", "×1", "×1");
        assertThat(why.lines().get(1).why()).isEqualTo("3 providers covering the story");
    }

    @Test
    void shouldExplainTheHeatAsOfADayLaterWithTheCoverageOfThen() {
        HeatBreakdown why = HeatBreakdown.of(SEED, PUBLISHED, PUBLISHED.plusSeconds(24 * 3600), 1, new HeatAsOf(0.25));

        assertThat(why.heat()).isEqualTo(Math.round(89 * 0.5));
        assertThat(why.lines()).extracting(HeatBreakdown.Line::value).containsExactly("89", "×1", "×1", "×0.50");
        assertThat(why.lines().get(3).why()).isEqualTo("24 h old; halves every 24 h");
    }
}
