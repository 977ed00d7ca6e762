package dev.newsroom.messaging;

import static dev.newsroom.messaging.Batches.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.event.EventHeaders;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** The guard's promises, with plain work, a recording dead-letter sink and pauses that do not wait. */
class BatchGuardTest {

    private record DeadLetter(String value, Fault fault, int attempts) {
    }

    private final MovableClock clock = new MovableClock();
    private final ConsumerProgress progress = new ConsumerProgress(clock, Duration.ofSeconds(60));
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<List<String>> attempts = new ArrayList<>();
    private final List<String> processed = new ArrayList<>();
    private final BatchGuard<String> guard = new BatchGuard<>(new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 5),
            progress, (record, fault, n) -> deadLetters.add(new DeadLetter(record.value(), fault, n)),
            duration -> {
                pauses.add(duration);
                clock.advance(duration);
            });

    @Test
    void shouldDeadLetterAnUnreadableRecordAndProcessTheOthers() throws InterruptedException {
        guard.consume(Batches.of(record(0, 0, "a"), record(0, 1, "unreadable"), record(0, 2, "b")),
                BatchGuardTest::read, this::store);

        assertThat(processed).containsExactly("a", "b");
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.value()).isEqualTo("unreadable");
            assertThat(d.fault().kind()).isEqualTo(FaultKind.PERMANENT);
            assertThat(d.fault().reason()).contains("not an article");
        });
    }

    @Test
    void shouldReadTheRecordsOnlyOnceTheGateLetTheBatchPassCountingTheBatchInHandMeanwhile() throws InterruptedException {
        List<String> steps = new ArrayList<>();
        guard.consume(Batches.of(record(0, 0, "a"), record(0, 1, "unreadable"), record(0, 2, "b")), () -> {
            clock.advance(Duration.ofSeconds(61));
            steps.add("gate passed, partitions stalled: " + progress.stalled().size());
        }, record -> {
            steps.add("read " + record.value());
            return read(record);
        }, this::store);

        assertThat(steps).containsExactly("gate passed, partitions stalled: 1", "read a", "read unreadable", "read b");
        assertThat(processed).containsExactly("a", "b");
        assertThat(deadLetters).extracting(DeadLetter::value).containsExactly("unreadable");
        assertThat(progress.stalled()).as("acknowledged: nothing in hand").isEmpty();
    }

    @Test
    void shouldIsolateAPoisonRecordOfAFailedBatchAndKeepTheOrderOfTheOthers() throws InterruptedException {
        guard.consume(Batches.of(record(0, 0, "a"), record(0, 1, "nul"), record(0, 2, "b"), record(1, 0, "c")),
                BatchGuardTest::read, this::store);

        assertThat(attempts).containsExactly(List.of("a", "nul", "b", "c"), List.of("a"), List.of("nul"), List.of("b"),
                List.of("c"));
        assertThat(processed).containsExactly("a", "b", "c");
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.value()).isEqualTo("nul");
            assertThat(d.fault().classification()).isEqualTo("SQLState 22021 (data exception)");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldRetryATransientFaultWithBackOffUntilItPassesAndDeadLetterNothing() throws InterruptedException {
        int[] outage = {4};
        guard.consume(Batches.of(record(0, 0, "a"), record(0, 1, "b")), BatchGuardTest::read, values -> {
            if (outage[0]-- > 0) {
                throw new RuntimeException(new ConnectException("Connection refused"));
            }
            store(values);
        });

        assertThat(processed).containsExactly("a", "b");
        assertThat(deadLetters).isEmpty();
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
    }

    @Test
    void shouldReportTheStallWhileATransientFaultLasts() throws InterruptedException {
        List<List<ConsumerProgress.Waiting>> seen = new ArrayList<>();
        int[] outage = {8};
        guard.consume(Batches.of(record(3, 10, "a")), BatchGuardTest::read, values -> {
            seen.add(progress.stalled());
            if (outage[0]-- > 0) {
                throw new SQLException("the database system is shutting down", "57P03");
            }
            store(values);
        });

        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(seen.size() - 1)).singleElement().satisfies(w -> {
            assertThat(w.offset()).isEqualTo(10);
            assertThat(w.lastError()).contains("shutting down");
        });
        assertThat(progress.stalled()).as("acknowledged: nothing in hand").isEmpty();
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void shouldRetryAnUnknownFaultFiveTimesThenDeadLetterTheRecord() throws InterruptedException {
        guard.consume(Batches.of(record(0, 0, "odd")), BatchGuardTest::read, values -> {
            throw new IllegalStateException("odd value");
        });

        assertThat(pauses).hasSize(4);
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.fault().kind()).isEqualTo(FaultKind.UNKNOWN);
            assertThat(d.attempts()).isEqualTo(5);
        });
    }

    @Test
    void shouldSendEachDeadLetterOnceEvenWhenTheBatchAroundItIsRetried() throws InterruptedException {
        int[] outage = {3};
        guard.consume(Batches.of(record(0, 0, "unreadable"), record(0, 1, "nul"), record(0, 2, "a")),
                BatchGuardTest::read, values -> {
                    if (outage[0]-- > 0) {
                        throw new TimeoutException("broker away");
                    }
                    store(values);
                });

        assertThat(deadLetters).extracting(DeadLetter::value).containsExactly("unreadable", "nul");
        assertThat(processed).containsExactly("a");
    }

    @Test
    void shouldRetryAFailedDeadLetterSendWithoutRunningTheWorkAgain() throws InterruptedException {
        int[] failures = {3};
        List<String> sent = new ArrayList<>();
        BatchGuard<String> flaky = new BatchGuard<>(new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 5), progress,
                (record, fault, n) -> {
                    if (failures[0]-- > 0) {
                        throw new TimeoutException("dead-letter topic unavailable");
                    }
                    sent.add(record.value());
                }, pauses::add);

        flaky.consume(Batches.of(record(0, 0, "nul"), record(0, 1, "a")), BatchGuardTest::read, this::store);

        assertThat(sent).containsExactly("nul");
        assertThat(attempts).containsExactly(List.of("nul", "a"), List.of("nul"), List.of("a"));
        assertThat(pauses).hasSize(3);
    }

    @Test
    void shouldBuildDeadLetterHeadersThatKeepTheOriginalOnesAndNameTheOrigin() {
        ConsumerRecord<String, String> record = record(2, 345, "nul");
        record.headers().add(EventHeaders.SCHEMA_VERSION, "1".getBytes());
        record.headers().add(EventHeaders.DEAD_LETTER_REASON, "an earlier death".getBytes());
        Fault fault = FaultClassifier.classify(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

        Headers headers = DeadLetterHeaders.of(record, "store", fault, 1, Instant.parse("2026-12-01T22:00:00Z"));

        assertThat(DeadLetterHeaders.text(headers, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
        assertThat(headers.headers(EventHeaders.DEAD_LETTER_REASON)).hasSize(1);
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_REASON))
                .isEqualTo("invalid byte sequence for encoding \"UTF8\": 0x00");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_EXCEPTION)).isEqualTo("java.sql.SQLException");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_FAULT)).isEqualTo("permanent");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_CLASSIFICATION))
                .isEqualTo("SQLState 22021 (data exception)");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_TOPIC)).isEqualTo("articles.ranked");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_PARTITION)).isEqualTo("2");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_OFFSET)).isEqualTo("345");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_STAGE)).isEqualTo("store");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_AT)).isEqualTo("2026-12-01T22:00:00Z");
        assertThat(DeadLetterHeaders.text(headers, EventHeaders.DEAD_LETTER_ATTEMPTS)).isEqualTo("1");
    }

    private static String read(ConsumerRecord<String, String> record) {
        if (record.value().equals("unreadable")) {
            throw new IllegalArgumentException("not an article");
        }
        return record.value();
    }

    /** Stands in for a database that refuses "nul" as PostgreSQL refuses U+0000; all or nothing per call. */
    private void store(List<String> values) throws SQLException {
        attempts.add(values);
        if (values.contains("nul")) {
            throw new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        }
        processed.addAll(values);
    }
}
