package dev.newsroom.ingest.service;

import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest version and content hash of every article ever ingested, so that a re-submitted file is
 * recognised as unchanged and a changed one gets the next version.
 *
 * <p>The state is not stored anywhere of its own: at start it is rebuilt from the compacted
 * {@code articles.ingested} topic (reading only the record headers), and it keeps following the topic,
 * so articles published by other ingest instances are known too. Until the rebuild has reached the end
 * of the topic the service is not ready.
 *
 * <p>Several instances may race on the same article; the later of two equal versions wins downstream
 * (ordered by ingest time), so the race costs at most a skipped version number, never an article.
 */
@ApplicationScoped
public class IngestedVersions {

    private static final Logger LOG = Logger.getLogger(IngestedVersions.class);

    /** What a submission of known content must do. */
    public sealed interface Decision {
    }

    /** The content is already ingested (or being ingested: wait for {@code pending} if not null). */
    public record Unchanged(long version, CompletableFuture<Void> pending) implements Decision {
    }

    /** New content: publish it as {@code version}, then {@link #settle} the reservation. */
    public record Publish(long version, Reservation reservation) implements Decision {
    }

    /** A version handed out but not yet acknowledged by Kafka. */
    public static final class Reservation {
        final String id;
        final long version;
        final String hash;
        final Entry previous;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Reservation(String id, long version, String hash, Entry previous) {
            this.id = id;
            this.version = version;
            this.hash = hash;
            this.previous = previous;
        }
    }

    private record Entry(long version, String hash, Reservation pending) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private Thread follower;

    public IngestedVersions(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        follower = new Thread(this::follow, "ingested-versions-follower");
        follower.setDaemon(true);
        follower.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** True once every record that was on the topic at start has been read. */
    public boolean isCaughtUp() {
        return caughtUp.get();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized Decision decide(String id, String contentHash) {
        Entry current = entries.get(id);
        if (current != null && current.hash().equals(contentHash)) {
            return new Unchanged(current.version(), current.pending() == null ? null : current.pending().done);
        }
        long version = current == null ? 1 : current.version() + 1;
        Reservation reservation = new Reservation(id, version, contentHash, current);
        entries.put(id, new Entry(version, contentHash, reservation));
        return new Publish(version, reservation);
    }

    /** Records the outcome of a publish: kept when acknowledged, rolled back when not. */
    public synchronized void settle(Reservation reservation, boolean acknowledged) {
        Entry current = entries.get(reservation.id);
        boolean stillCurrent = current != null && current.pending() == reservation;
        if (acknowledged) {
            if (stillCurrent) {
                entries.put(reservation.id, new Entry(reservation.version, reservation.hash, null));
            }
            reservation.done.complete(null);
        } else {
            if (stillCurrent) {
                if (reservation.previous == null) {
                    entries.remove(reservation.id);
                } else {
                    entries.put(reservation.id, reservation.previous);
                }
            }
            reservation.done.completeExceptionally(new IllegalStateException("not acknowledged by Kafka"));
        }
    }

    private synchronized void learn(String id, long version, String hash) {
        Entry current = entries.get(id);
        if (current == null || version > current.version()) {
            entries.put(id, new Entry(version, hash, null));
        }
    }

    private void follow() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-versions");
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(EventTopics.INGESTED, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                long started = System.nanoTime();
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        String version = header(r, EventHeaders.ARTICLE_VERSION);
                        String hash = header(r, EventHeaders.CONTENT_HASH);
                        if (r.key() != null && version != null && hash != null) {
                            learn(r.key(), Long.parseLong(version), hash);
                        }
                    }
                    if (!caughtUp.get() && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp.set(true);
                        LOG.infof("knows %d ingested articles, read from %s in %d ms", size(), EventTopics.INGESTED,
                                (System.nanoTime() - started) / 1_000_000);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("following %s failed (%s); retrying", EventTopics.INGESTED, e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
