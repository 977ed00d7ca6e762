package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BestFirstTest {

    private record Scored(String id, float score) {
    }

    /** The order the candidate lists were sorted in before, by a comparator chain. */
    private static final Comparator<Scored> CHAIN = Comparator.comparingDouble((Scored s) -> s.score).reversed()
            .thenComparing(Scored::id);

    @Test
    void shouldKeepExactlyTheHeadOfTheComparatorChainsOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<Scored> items = new ArrayList<>();
            int n = random.nextInt(200) + 1;
            for (int i = 0; i < n; i++) {
                // few distinct scores, so that ties are common; zeros of both signs, and the extremes
                float score = switch (random.nextInt(8)) {
                    case 0 -> 0f;
                    case 1 -> -0f;
                    case 2 -> Float.MAX_VALUE;
                    case 3 -> Float.MIN_VALUE;
                    default -> random.nextInt(10) / 4f;
                };
                items.add(new Scored(Long.toHexString(random.nextLong()), score));
            }
            List<Scored> expected = new ArrayList<>(items);
            expected.sort(CHAIN);
            int limit = random.nextInt(n + 1);
            List<Scored> top = BestFirst.top(items, limit, Scored::score, Comparator.comparing(Scored::id));
            if (limit < n) {
                assertThat(top).containsExactlyElementsOf(expected.subList(0, limit));
            } else {
                assertThat(top).isSameAs(items);
            }
        }
    }

    @Test
    void shouldKeepTheBestAndBreakTiesByIdOrLeaveAListThatIsNotCut() {
        List<Scored> items = List.of(new Scored("c", 1f), new Scored("b", 2f), new Scored("a", 1f), new Scored("d", 0.5f));
        assertThat(BestFirst.top(items, 3, Scored::score, Comparator.comparing(Scored::id))).extracting(Scored::id).containsExactly("b", "a", "c");
        assertThat(BestFirst.top(items, 2, Scored::score, Comparator.comparing(Scored::id))).extracting(Scored::id).containsExactly("b", "a");
        assertThat(BestFirst.top(items, 4, Scored::score, Comparator.comparing(Scored::id))).isSameAs(items);
    }
}
