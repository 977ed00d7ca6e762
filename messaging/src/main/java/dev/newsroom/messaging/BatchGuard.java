package dev.newsroom.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Runs a stage's work over a consumed batch so that nothing gets stuck and nothing acknowledged is lost:
 *
 * <ol>
 * <li>each record is read (after the stage's {@link Gate}, when it has one); one that cannot be read (or fails
 *     the stage's checks) is dead-lettered;</li>
 * <li>the work runs on the whole batch; a failure is decided by the {@link RetryPolicy}: retried after a
 *     back-off (transient faults forever, unknown ones a bounded number of times) while
 *     {@link ConsumerProgress} records the stall;</li>
 * <li>when the policy gives up on the batch, its records are isolated: the work runs on each alone, in
 *     offset order (so per-article order is kept), under the same policy, and only the records that fail
 *     for good are dead-lettered.</li>
 * </ol>
 *
 * Dead letters are sent in a step of their own that is never re-run (a retried batch does not send them
 * again), and their sends are retried until the broker acknowledges them: a failed send never fails the
 * channel. {@link #consume} returns only when every record was processed or dead-lettered; then the batch
 * may be acknowledged.
 */
public final class BatchGuard<V> {

    /**
     * Reads a record's value (as the consumer deserialises it: the services' consumers all take bytes); throws
     * (ideally a {@link PoisonRecordException}) for a record it cannot take.
     */
    @FunctionalInterface
    public interface Reader<V, T> {
        T read(ConsumerRecord<String, V> record);
    }

    /** The stage's work on some records, in offset order; throws when it failed (nothing of it counts then). */
    @FunctionalInterface
    public interface Work<T> {
        void process(List<T> values) throws Exception;
    }

    /**
     * What a stage waits for before it reads a batch, with the batch already in hand ({@link ConsumerProgress}
     * counts the wait): it must not fail (a wait that gives up leaves the work to wait again, under the
     * {@link RetryPolicy}). A stage whose work waits reads its records after the wait, not before: values read
     * and then held through a wait of seconds outlive the young generation and are moved to the old one.
     */
    @FunctionalInterface
    public interface Gate {
        void pass() throws InterruptedException;
    }

    /** How the guard waits between attempts: {@link Thread#sleep} but in tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private record Item<V, T>(ConsumerRecord<String, V> record, T value) {
    }

    private static final Logger LOG = Logger.getLogger(BatchGuard.class);

    private final RetryPolicy policy;
    private final ConsumerProgress progress;
    private final DeadLetterSink<V> deadLetters;
    private final Pause pause;

    public BatchGuard(RetryPolicy policy, ConsumerProgress progress, DeadLetterSink<V> deadLetters) {
        this(policy, progress, deadLetters, duration -> Thread.sleep(duration.toMillis()));
    }

    public BatchGuard(RetryPolicy policy, ConsumerProgress progress, DeadLetterSink<V> deadLetters, Pause pause) {
        this.policy = policy;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.pause = pause;
    }

    public <T> void consume(ConsumerRecords<String, V> batch, Reader<V, T> reader, Work<T> work)
            throws InterruptedException {
        consume(batch, () -> { }, reader, work);
    }

    /** As {@link #consume(ConsumerRecords, Reader, Work)}, reading the records once the gate has let the batch pass. */
    public <T> void consume(ConsumerRecords<String, V> batch, Gate gate, Reader<V, T> reader, Work<T> work)
            throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        progress.received(batch);
        try {
            gate.pass();
            List<Item<V, T>> items = new ArrayList<>(batch.count());
            for (ConsumerRecord<String, V> record : batch) {
                T value;
                try {
                    value = reader.read(record);
                } catch (RuntimeException e) {
                    // reading is pure: what fails to read now fails forever
                    PoisonRecordException poison = e instanceof PoisonRecordException p ? p
                            : new PoisonRecordException("unreadable record: " + e.getMessage(), e);
                    deadLetter(record, FaultClassifier.classify(poison), 1);
                    continue;
                }
                items.add(new Item<>(record, value));
            }
            run(items, work);
        } finally {
            progress.released(batch);
        }
    }

    private <T> void run(List<Item<V, T>> items, Work<T> work) throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                work.process(items.stream().map(Item::value).toList());
                items.forEach(item -> progress.advanced(item.record()));
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                RetryPolicy.Decision decision = policy.decide(e, attempt);
                if (decision.retry()) {
                    LOG.warnf("processing %d record(s) from %s failed (attempt %d, %s: %s); retrying in %d ms",
                            items.size(), origin(items.get(0).record()), attempt, decision.fault().classification(),
                            e.getMessage(), decision.backoff().toMillis());
                    items.forEach(item -> progress.failed(item.record(), e));
                    pause.pause(decision.backoff());
                } else if (items.size() == 1) {
                    deadLetter(items.get(0).record(), decision.fault(), attempt);
                    return;
                } else {
                    LOG.warnf("a batch of %d records failed for good (%s: %s); processing its records one by one "
                            + "to find the poison ones", items.size(), decision.fault().classification(), e.getMessage());
                    for (Item<V, T> item : items) {
                        run(List.of(item), work);
                    }
                    return;
                }
            }
        }
    }

    /** Sends the dead letter once; retries the send (never the work) until the broker acknowledged it. */
    private void deadLetter(ConsumerRecord<String, V> record, Fault fault, int attempts) throws InterruptedException {
        for (int send = 1; ; send++) {
            try {
                deadLetters.send(record, fault, attempts);
                progress.advanced(record);
                return;
            } catch (RuntimeException e) {
                Duration backoff = policy.backoff(send);
                LOG.warnf("sending %s to the dead-letter topic failed (%s); retrying in %d ms", origin(record),
                        e.toString(), backoff.toMillis());
                progress.failed(record, e);
                pause.pause(backoff);
            }
        }
    }

    private static String origin(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
