package dev.newsroom.messaging;

import static dev.newsroom.messaging.Batches.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ConsumerProgressTest {

    private final MovableClock clock = new MovableClock();
    private final ConsumerProgress progress = new ConsumerProgress(clock, Duration.ofSeconds(60));
    private final ConsumerReadiness readiness = new ConsumerReadiness(progress);

    @Test
    void shouldReportAPartitionStalledOnceItMadeNoProgressForTheStallTimeout() {
        ConsumerRecord<String, String> first = record(2, 40, "a");
        ConsumerRecords<String, String> batch = Batches.of(first, record(2, 41, "b"));
        progress.received(batch);
        progress.failed(first, new SQLException("Connection refused", "08001"));

        clock.advance(Duration.ofSeconds(59));
        assertThat(progress.stalled()).isEmpty();
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        clock.advance(Duration.ofSeconds(2));
        assertThat(progress.stalled()).singleElement().satisfies(w -> {
            assertThat(w.partition()).isEqualTo(new TopicPartition("articles.ranked", 2));
            assertThat(w.offset()).isEqualTo(40);
            assertThat(w.lastError()).isEqualTo("SQLException: Connection refused");
        });
        HealthCheckResponse down = readiness.call();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("articles.ranked-2",
                "offset 40 waiting since 2026-01-01T00:00:00Z; last error: SQLException: Connection refused");
    }

    @Test
    void shouldCountARecordProcessedOrDeadLetteredAsProgress() {
        ConsumerRecord<String, String> first = record(0, 7, "a");
        progress.received(Batches.of(first, record(0, 8, "b")));

        clock.advance(Duration.ofSeconds(50));
        progress.advanced(first);
        clock.advance(Duration.ofSeconds(50));

        assertThat(progress.stalled()).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(progress.stalled()).singleElement().satisfies(w -> {
            assertThat(w.offset()).isEqualTo(8);
            assertThat(w.lastError()).isNull();
        });
    }

    @Test
    void shouldForgetAPartitionOnceItsBatchWasAcknowledged() {
        ConsumerRecords<String, String> batch = Batches.of(record(1, 0, "a"));
        progress.received(batch);
        clock.advance(Duration.ofMinutes(5));

        progress.released(batch);

        assertThat(progress.stalled()).isEmpty();
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldBeReadyWithNothingInHand() {
        clock.advance(Duration.ofDays(1));

        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
