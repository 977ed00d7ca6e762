package dev.newsroom.ranking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's comparison of two runs' related lists, which RANKING.md's table of settings rests on. */
class RankingBenchmarkTest {

    @Test
    void shouldCountTheReferencesTopLinksThatTheOtherListsKeepInTheirOwnTop() {
        Map<String, List<String>> reference = Map.of(
                "a", List.of("b", "c", "d"),
                "b", List.of("a"),
                "c", List.of());
        Map<String, List<String>> other = Map.of(
                "a", List.of("d", "x", "b"), // b and d kept, c lost; order within the top does not matter
                "b", List.of("x", "a")); // a kept in a top 3, not in a top 1

        assertThat(RankingBenchmark.keptOf(reference, other, 3)).isEqualTo(3.0 / 4);
        assertThat(RankingBenchmark.keptOf(reference, other, 1)).isEqualTo(0.0 / 2);
        assertThat(RankingBenchmark.keptOf(reference, reference, 5)).isEqualTo(1.0);
    }
}
