package dev.newsroom.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions have records in hand, since when they last made progress, and the last error: what
 * readiness reports when a consumer is stuck behind a transient fault. Thread-safe; pure apart from the
 * clock it is given.
 */
public final class ConsumerProgress {

    /**
     * A partition with records in hand.
     *
     * @param offset    the next offset to process
     * @param since     when it last made progress (or received its batch)
     * @param lastError the last failure since then, or null
     */
    public record Waiting(TopicPartition partition, long offset, Instant since, String lastError) {
    }

    private final Clock clock;
    private final Duration stallTimeout;
    private final Map<TopicPartition, Waiting> waiting = new ConcurrentHashMap<>();

    public ConsumerProgress(Clock clock, Duration stallTimeout) {
        this.clock = clock;
        this.stallTimeout = stallTimeout;
    }

    public Duration stallTimeout() {
        return stallTimeout;
    }

    /** A batch is in hand: each of its partitions waits from its first offset, from now. */
    public void received(ConsumerRecords<?, ?> batch) {
        Instant now = clock.instant();
        for (TopicPartition partition : batch.partitions()) {
            List<? extends ConsumerRecord<?, ?>> records = batch.records(partition);
            waiting.put(partition, new Waiting(partition, records.get(0).offset(), now, null));
        }
    }

    /** A record was processed or dead-lettered: its partition made progress. */
    public void advanced(ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Instant now = clock.instant();
        waiting.computeIfPresent(partition, (p, w) -> new Waiting(p, Math.max(w.offset(), record.offset() + 1), now, null));
    }

    /** An attempt on this record failed and will be retried: progress stays where it was. */
    public void failed(ConsumerRecord<?, ?> record, Throwable failure) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        waiting.computeIfPresent(partition, (p, w) -> new Waiting(p, w.offset(), w.since(), error));
    }

    /** The batch was acknowledged: its partitions have nothing in hand. */
    public void released(ConsumerRecords<?, ?> batch) {
        batch.partitions().forEach(waiting::remove);
    }

    /** Partitions with records in hand and no progress for longer than the stall timeout, longest first. */
    public List<Waiting> stalled() {
        Instant limit = clock.instant().minus(stallTimeout);
        return waiting.values().stream().filter(w -> w.since().isBefore(limit))
                .sorted(Comparator.comparing(Waiting::since)).toList();
    }
}
