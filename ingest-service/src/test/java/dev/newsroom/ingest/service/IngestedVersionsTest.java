package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.ingest.service.IngestedVersions.Publish;
import dev.newsroom.ingest.service.IngestedVersions.Unchanged;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The version decisions alone (no Kafka: nothing here starts the follower). */
class IngestedVersionsTest {

    private final IngestedVersions versions = new IngestedVersions("unused:9092");

    /** Decides and settles at once, as a publish Kafka acknowledged. */
    private String ingest(String id, String hash) {
        IngestedVersions.Decision d = versions.decide(id, hash);
        if (d instanceof Publish p) {
            versions.settle(p.reservation(), true);
            return "v" + p.version();
        }
        return "unchanged v" + ((Unchanged) d).version();
    }

    @Test
    void shouldAnswerUnchangedForEveryEarlierContentOfAnArticle() {
        assertThat(List.of(ingest("a", "A"), ingest("a", "B"), ingest("a", "A"), ingest("a", "B")))
                .containsExactly("v1", "v2", "unchanged v2", "unchanged v2");
        assertThat(ingest("a", "C")).isEqualTo("v3");
        assertThat(ingest("a", "A")).isEqualTo("unchanged v3");
    }

    @Test
    void shouldHandEveryNewVersionTheHashesOfTheVersionsBeforeIt() {
        Publish first = (Publish) versions.decide("a", "A");
        versions.settle(first.reservation(), true);
        Publish second = (Publish) versions.decide("a", "B");
        versions.settle(second.reservation(), true);
        Publish third = (Publish) versions.decide("a", "C");

        assertThat(first.priorHashes()).isEmpty();
        assertThat(second.priorHashes()).containsExactly("A");
        assertThat(third.priorHashes()).containsExactly("A", "B");
    }

    @Test
    void shouldKeepOnlyTheLastHundredPriorHashes() {
        IntStream.range(0, 150).forEach(i -> ingest("a", "H" + i));
        Publish next = (Publish) versions.decide("a", "new");

        assertThat(next.priorHashes()).hasSize(IngestedVersions.MAX_PRIOR_HASHES).startsWith("H50").endsWith("H149");
    }

    @Test
    void shouldForgetAVersionKafkaDidNotAcknowledge() {
        ingest("a", "A");
        Publish b = (Publish) versions.decide("a", "B");
        versions.settle(b.reservation(), false);

        assertThat(ingest("a", "B")).isEqualTo("v2");
        assertThat(ingest("a", "A")).isEqualTo("unchanged v2");
    }

    @Test
    void shouldRollBackTwoVersionsOfOneBatchToWhatWasAcknowledgedInEitherOrder() {
        for (boolean lastFirst : new boolean[] {true, false}) {
            String id = "batch-" + lastFirst;
            ingest(id, "A");
            Publish b = (Publish) versions.decide(id, "B");
            Publish c = (Publish) versions.decide(id, "C");
            List<Publish> order = new ArrayList<>(lastFirst ? List.of(c, b) : List.of(b, c));
            order.forEach(p -> versions.settle(p.reservation(), false));

            assertThat(ingest(id, "A")).as("last first: %s", lastFirst).isEqualTo("unchanged v1");
            assertThat(ingest(id, "B")).as("last first: %s", lastFirst).isEqualTo("v2");
        }
    }

    @Test
    void shouldLetASubmissionOfContentBeingPublishedWaitForItsAcknowledgement() {
        ingest("a", "A");
        Publish b = (Publish) versions.decide("a", "B");

        Unchanged same = (Unchanged) versions.decide("a", "B");
        Unchanged earlier = (Unchanged) versions.decide("a", "A");
        assertThat(same.pending()).isNotNull().isNotDone();
        assertThat(earlier.version()).isEqualTo(2);

        versions.settle(b.reservation(), true);
        assertThat(same.pending()).isCompleted();
        assertThat(((Unchanged) versions.decide("a", "B")).pending()).isNull();
    }

    @Test
    void shouldPublishAgainAsTheNextVersionWhenAnotherInstanceTookTheVersionFirst() throws Exception {
        IngestedVersions first = new IngestedVersions("unused:9092");
        IngestedVersions second = new IngestedVersions("unused:9092");
        List<IngestedVersions> both = List.of(first, second);
        both.forEach(v -> v.learn("a", 1, "A", List.of(), 0));

        // each hands out version 2 before reading the other's record
        Publish x = (Publish) first.decide("a", "X");
        Publish y = (Publish) second.decide("a", "Y");
        assertThat(x.version()).isEqualTo(2);
        assertThat(y.version()).isEqualTo(2);
        // the partition's order: X at offset 1, then Y at offset 2; both instances read both
        both.forEach(v -> v.learn("a", 2, "X", List.of("A"), 1));
        both.forEach(v -> v.learn("a", 2, "Y", List.of("A"), 2));

        long deadline = System.nanoTime() + 1_000_000_000L;
        assertThat(first.awaitVerdict(x, 1, deadline)).isTrue();
        first.settle(x.reservation(), true);
        assertThat(second.awaitVerdict(y, 2, deadline)).isFalse();

        Publish again = second.republish(y);
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.priorHashes()).containsExactly("A", "X");
        both.forEach(v -> v.learn("a", 3, "Y", again.priorHashes(), 3));
        assertThat(second.awaitVerdict(again, 3, deadline)).isTrue();
        second.settle(again.reservation(), true);

        // both now hold Y as version 3, X and A as earlier contents
        for (IngestedVersions v : both) {
            assertThat(((Unchanged) v.decide("a", "Y")).version()).isEqualTo(3);
            assertThat(((Unchanged) v.decide("a", "X")).version()).isEqualTo(3);
            assertThat(((Publish) v.decide("a", "Z")).version()).isEqualTo(4);
        }
    }

    @Test
    void shouldLetTheSameContentUnderTheSameVersionFromTwoInstancesStand() throws Exception {
        IngestedVersions first = new IngestedVersions("unused:9092");
        IngestedVersions second = new IngestedVersions("unused:9092");
        Publish x1 = (Publish) first.decide("a", "X");
        Publish x2 = (Publish) second.decide("a", "X");
        for (IngestedVersions v : List.of(first, second)) {
            v.learn("a", 1, "X", List.of(), 0);
            v.learn("a", 1, "X", List.of(), 1);
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        assertThat(first.awaitVerdict(x1, 0, deadline)).isTrue();
        assertThat(second.awaitVerdict(x2, 1, deadline)).isTrue();
    }

    @Test
    void shouldGiveUpWaitingForAVerdictAtTheDeadline() throws Exception {
        Publish x = (Publish) versions.decide("a", "X");
        assertThat(versions.awaitVerdict(x, 0, System.nanoTime() + 50_000_000L)).isNull();
    }

    @Test
    void shouldMergePriorHashesWithoutRepeatsKeepingTheNewestPlace() {
        assertThat(IngestedVersions.bounded(List.of("A", "B", "C"), List.of("B", "D"))).containsExactly("A", "C", "B", "D");
    }
}
