package dev.newsroom.article.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which stories a batch changes by deltas and which it counts again from their members. */
class StoryCountsTest {

    private static final String S = "story-s";
    private static final String T = "story-t";

    @Test
    void shouldAddANewLiveMemberByADeltaRaisingTheHeatOnlyWhenItIsHotter() {
        StoryCounts counts = new StoryCounts(Map.of(S, new StoryCounts.Stored(1999, 50), T, new StoryCounts.Stored(3, 80)));
        counts.member(null, false, 0, S, true, 70);
        counts.member(null, false, 0, T, true, 40);

        assertThat(counts.changes().recounts()).isEmpty();
        assertThat(counts.changes().deltas()).containsExactlyInAnyOrderEntriesOf(Map.of(
                S, new StoryCounts.Delta(1, 70),
                T, new StoryCounts.Delta(1, null)));
    }

    @Test
    void shouldCountAgainOnlyWhenTheHottestMemberMayHaveGoneAndNoneOfTheBatchIsAsHot() {
        StoryCounts counts = new StoryCounts(Map.of(S, new StoryCounts.Stored(10, 50), T, new StoryCounts.Stored(10, 50)));
        counts.member(S, true, 50, S, false, 50);   // the hottest of S retracted
        counts.member(T, true, 50, T, true, 45);    // the hottest of T cools down...
        counts.member(null, false, 0, T, true, 60); // ...but a hotter one joins T

        assertThat(counts.changes().recounts()).containsExactly(S);
        assertThat(counts.changes().deltas()).containsExactlyEntriesOf(Map.of(T, new StoryCounts.Delta(1, 60)));
    }

    @Test
    void shouldMoveACoolMemberBetweenStoriesByDeltas() {
        StoryCounts counts = new StoryCounts(Map.of(S, new StoryCounts.Stored(10, 50), T, new StoryCounts.Stored(4, 90)));
        counts.member(S, true, 20, T, true, 25);

        assertThat(counts.changes().recounts()).isEmpty();
        assertThat(counts.changes().deltas()).containsExactlyInAnyOrderEntriesOf(Map.of(
                S, new StoryCounts.Delta(-1, null),
                T, new StoryCounts.Delta(1, null)));
    }

    @Test
    void shouldLeaveOutAStoryTheBatchLeftAsItWas() {
        StoryCounts counts = new StoryCounts(Map.of(S, new StoryCounts.Stored(10, 50)));
        counts.member(S, true, 30, S, true, 40);    // warmer, still below the hottest
        counts.member(S, false, 0, S, false, 99);   // not live before or after

        assertThat(counts.changes().recounts()).isEmpty();
        assertThat(counts.changes().deltas()).isEmpty();
    }

    @Test
    void shouldCountAgainAStoryWithoutAStoredRowAndOneItIsTold() {
        StoryCounts counts = new StoryCounts(Map.of(S, new StoryCounts.Stored(10, 50)));
        counts.member(null, false, 0, T, true, 10);  // T has no row to add to
        counts.member(null, false, 0, S, true, 10);
        counts.recount(S);                           // e.g. its coverage changed
        counts.recount(null);

        assertThat(counts.changes().recounts()).containsExactly(S, T);
        assertThat(counts.changes().deltas()).isEmpty();
    }
}
