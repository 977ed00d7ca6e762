package dev.newsroom.ingest.service;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.ingest.service.VersionSnapshot.Head;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest version and content hash of every article ever ingested, and the content hashes of its
 * earlier versions, so that a re-submitted file is recognised as unchanged, whichever of the article's
 * versions it holds, and a changed one gets the next version.
 *
 * <p>Why earlier versions count: the same article often reaches us twice, from two feeds with slightly
 * different copies. Comparing with the latest version only, every load of both would flip the article
 * between the copies and publish each again. Any content the article already had is "unchanged": after
 * the first load the copy ingested last is the latest version, and a later re-send of either copy
 * changes nothing.
 *
 * <p>The topic is the state's only source: at start it is rebuilt from the compacted
 * {@code articles.ingested} topic (reading only the record headers), and it keeps following the topic,
 * so articles published by other ingest instances are known too. To start quickly it keeps a
 * {@link VersionSnapshot} of what it read up to which offsets ({@code newsroom.ingest.versions.snapshot},
 * written every {@code newsroom.ingest.versions.snapshot-interval} while articles arrive, and at shutdown):
 * a restart loads it and reads only the records after it. Without a usable snapshot it reads the whole
 * topic. Compaction keeps only the latest record of an article, so every record carries the hashes of the
 * versions before it ({@link EventHeaders#PRIOR_CONTENT_HASHES}, the last {@value #MAX_PRIOR_HASHES}). Until
 * the rebuild has reached the end of the topic the service is not ready and ingests nothing.
 *
 * <p>Several instances may race on the same article: two of them, each not yet having read the other's
 * record, can hand out the same next version for two different contents. The partition the article's
 * records share orders them, and every reader keeps the <em>first</em> record of a version (ranking's index
 * ignores a version it already holds; so does this state). So a publish counts only once this instance has
 * read its own record back from the topic and found it first of its version ({@link #awaitVerdict}); a
 * record that lost the race is published again as the version after the winner's
 * ({@link #republish}), with the winner's content among its prior contents. The client is answered only
 * after that, with the version that holds its content: one version never stands for two contents
 * downstream, and the content sent last is not lost.
 */
@ApplicationScoped
public class IngestedVersions {

    private static final Logger LOG = Logger.getLogger(IngestedVersions.class);

    /** How many earlier content hashes an article's record carries (older ones are forgotten). */
    public static final int MAX_PRIOR_HASHES = 100;

    /** What a submission of known content must do. */
    public sealed interface Decision {
    }

    /**
     * The content is already ingested, as the latest version or an earlier one ({@code version} is the
     * article's latest version either way); if that version is still being published, wait for
     * {@code pending} (when not null) before answering.
     */
    public record Unchanged(long version, CompletableFuture<Void> pending) implements Decision {
    }

    /**
     * New content: publish it as {@code version}, carrying {@code priorHashes} (the contents the article had
     * before, oldest first), then {@link #settle} the reservation.
     */
    public record Publish(long version, List<String> priorHashes, Reservation reservation) implements Decision {
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

    /**
     * What is known of one article. {@code priorHashes} includes the hash of a version still being
     * published beneath this one: if that one fails and this one succeeds, the earlier content is older
     * than the latest version anyway, and re-sending it must change nothing either way.
     */
    private record Entry(long version, String hash, Reservation pending, List<String> priorHashes) {

        boolean hadContent(String contentHash) {
            return hash.equals(contentHash) || priorHashes.contains(contentHash);
        }

        /** The prior hashes of the version after this one. */
        List<String> priorsOfNext() {
            return bounded(priorHashes, List.of(hash));
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Head> heads = new HashMap<>();
    /** For articles this instance is publishing: whether each of their records read back was first of its version, by offset. */
    private final Map<String, Map<Long, Boolean>> verdicts = new HashMap<>();
    private final Map<String, Integer> awaiting = new HashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, Void> consumer;
    private volatile boolean running = true;
    private volatile boolean rebuildRequested;
    private volatile boolean catchUpHeld;
    private volatile boolean restartRequested;
    private volatile CompletableFuture<Void> snapshotRequested;
    private volatile Start lastStart;
    private Thread follower;

    private final Optional<Path> snapshotFile;
    private final Duration snapshotInterval;
    private final ExecutorService snapshotWriter;
    private final AtomicBoolean snapshotPending = new AtomicBoolean();
    // the follower thread's own
    private String topicId;
    private long startedNanos;
    private int loadedFromSnapshot;
    private long recordsRead;
    private long learnedSinceSnapshot;
    /** When the next snapshot is due (nanoTime): at the first catch-up, then every snapshot-interval. */
    private long snapshotDueNanos = System.nanoTime();

    /** How the state was last (re)built: from a snapshot (its articles) and how many records after it, or from the whole topic. */
    record Start(boolean fromSnapshot, int snapshotArticles, long recordsRead) {
    }

    /** Without a snapshot: every start reads the whole topic. */
    public IngestedVersions(String bootstrapServers) {
        this(bootstrapServers, Optional.empty(), Duration.ofMinutes(1));
    }

    @Inject
    public IngestedVersions(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, IngestConfig config) {
        this(bootstrapServers, config.versions().snapshot(), config.versions().snapshotInterval());
    }

    IngestedVersions(String bootstrapServers, Optional<Path> snapshotFile, Duration snapshotInterval) {
        this.bootstrapServers = bootstrapServers;
        this.snapshotFile = snapshotFile;
        this.snapshotInterval = snapshotInterval;
        this.snapshotWriter = snapshotFile.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingested-versions-snapshot");
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent event) {
        follower = new Thread(this::follow, "ingested-versions-follower");
        follower.setDaemon(true);
        follower.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, Void> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            if (follower != null) {
                follower.join(10_000); // it writes the last snapshot
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (snapshotWriter != null) {
            snapshotWriter.shutdown();
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
        if (current != null && current.hadContent(contentHash)) {
            return new Unchanged(current.version(), current.pending() == null ? null : current.pending().done);
        }
        long version = current == null ? 1 : current.version() + 1;
        List<String> priors = current == null ? List.of() : current.priorsOfNext();
        Reservation reservation = new Reservation(id, version, contentHash, current);
        entries.put(id, new Entry(version, contentHash, reservation, priors));
        awaiting.merge(id, 1, Integer::sum);
        verdicts.computeIfAbsent(id, k -> new HashMap<>());
        return new Publish(version, priors, reservation);
    }

    /**
     * Waits until the record of {@code publish}, acknowledged at {@code offset} of its partition, has been
     * read back from the topic: TRUE when it was the first record of its version or higher (it stands),
     * FALSE when another instance's record of that version came first (it lost the race: {@link #republish}),
     * null when it was not read back by {@code deadline} (nanoTime).
     */
    public synchronized Boolean awaitVerdict(Publish publish, long offset, long deadline) throws InterruptedException {
        String id = publish.reservation().id;
        try {
            while (true) {
                Map<Long, Boolean> known = verdicts.get(id);
                Boolean verdict = known == null ? null : known.remove(offset);
                if (verdict != null) {
                    return verdict;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } finally {
            release(publish);
        }
    }

    /** Stops collecting verdicts for {@code publish} (done by {@link #awaitVerdict}; else when it was not acknowledged). */
    public synchronized void release(Publish publish) {
        String id = publish.reservation().id;
        Integer left = awaiting.merge(id, -1, Integer::sum);
        if (left == null || left <= 0) {
            awaiting.remove(id);
            verdicts.remove(id);
        }
    }

    /**
     * A publish that lost the race to another instance's record of the same version, as the next version
     * after what the topic holds now, its content last; null when this instance has meanwhile reserved a
     * newer version of the article on top of it (that one carries it among its prior contents, and a
     * content sent later is newer anyway).
     */
    public synchronized Publish republish(Publish lost) {
        Reservation old = lost.reservation();
        Entry current = entries.get(old.id);
        if (current == null || current.pending() != old) {
            return null;
        }
        Head head = heads.get(old.id);
        long version = Math.max(current.version(), head == null ? 0 : head.version()) + 1;
        List<String> priors = bounded(current.priorHashes(), head == null ? List.of()
                : bounded(head.priorHashes(), List.of(head.hash())));
        priors = priors.stream().filter(h -> !h.equals(old.hash)).toList();
        Entry previous = head == null ? null : new Entry(head.version(), head.hash(), null, head.priorHashes());
        Reservation reservation = new Reservation(old.id, version, old.hash, previous);
        // whoever waits on the lost reservation (the same content sent again meanwhile) waits on this one
        reservation.done.whenComplete((ok, error) -> {
            if (error == null) {
                old.done.complete(null);
            } else {
                old.done.completeExceptionally(error);
            }
        });
        entries.put(old.id, new Entry(version, old.hash, reservation, priors));
        awaiting.merge(old.id, 1, Integer::sum);
        verdicts.computeIfAbsent(old.id, k -> new HashMap<>());
        return new Publish(version, priors, reservation);
    }

    /** Records the outcome of a publish: kept when acknowledged, rolled back when not. */
    public synchronized void settle(Reservation reservation, boolean acknowledged) {
        Entry current = entries.get(reservation.id);
        boolean stillCurrent = current != null && current.pending() == reservation;
        if (acknowledged) {
            reservation.done.complete(null);
            if (stillCurrent) {
                entries.put(reservation.id, new Entry(reservation.version, reservation.hash, null, current.priorHashes()));
            }
        } else {
            reservation.done.completeExceptionally(new IllegalStateException("not acknowledged by Kafka"));
            if (stillCurrent) {
                Entry restored = restorable(reservation.previous);
                if (restored == null) {
                    entries.remove(reservation.id);
                } else {
                    entries.put(reservation.id, restored);
                }
            }
        }
    }

    /**
     * The entry to go back to when the one above it failed: past every version whose own publish failed
     * meanwhile (its content never reached Kafka), and without the reservation of one that succeeded.
     */
    private static Entry restorable(Entry previous) {
        Entry e = previous;
        while (e != null && e.pending() != null && e.pending().done.isCompletedExceptionally()) {
            e = e.pending().previous;
        }
        if (e != null && e.pending() != null && e.pending().done.isDone()) {
            e = new Entry(e.version(), e.hash(), null, e.priorHashes());
        }
        return e;
    }

    /** One record read from the topic, at {@code offset} of the article's partition. */
    synchronized void learn(String id, long version, String hash, List<String> priorHashes, long offset) {
        Head head = heads.get(id);
        boolean first = head == null || version > head.version();
        if (first) {
            heads.put(id, new Head(version, hash, priorHashes));
        }
        Map<Long, Boolean> known = verdicts.get(id);
        if (known != null) {
            known.put(offset, first || head.hash().equals(hash) && version == head.version());
            notifyAll();
        }
        Entry current = entries.get(id);
        if (current == null || version > current.version()) {
            // what this instance knew of earlier contents still holds: they are older than this version
            List<String> priors = current == null ? priorHashes : bounded(current.priorsOfNext(), priorHashes);
            entries.put(id, new Entry(version, hash, null, priors.contains(hash)
                    ? priors.stream().filter(h -> !h.equals(hash)).toList() : priors));
        }
    }

    /** {@code older} then {@code newer}, without repeats (a repeat keeps its newer place), the last {@value #MAX_PRIOR_HASHES}. */
    static List<String> bounded(List<String> older, List<String> newer) {
        LinkedHashSet<String> all = new LinkedHashSet<>(older);
        for (String h : newer) {
            all.remove(h);
            all.add(h);
        }
        List<String> list = new ArrayList<>(all);
        return List.copyOf(list.subList(Math.max(0, list.size() - MAX_PRIOR_HASHES), list.size()));
    }

    // ---------------------------------------------------------------- seams for tests

    /**
     * Forgets every version and reads them again from the topic, as a restart does, and is not caught up
     * until it has. (Tests: a restart of the version state without restarting the application.)
     */
    synchronized void rebuild() {
        entries.clear();
        heads.clear();
        rebuildRequested = true; // before caughtUp, so the follower never sees one without the other
        caughtUp.set(false);
    }

    /**
     * Forgets every version and starts again from the snapshot, reading the topic after its offsets, as a
     * restart does (the whole topic when there is no usable snapshot). (Tests.)
     */
    synchronized void restartFromSnapshot() {
        entries.clear();
        heads.clear();
        restartRequested = true;
        caughtUp.set(false);
    }

    /** Writes a snapshot of what has been read so far; completes once it is on disk. (Tests.) */
    CompletableFuture<Void> snapshotNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        snapshotRequested = done;
        return done;
    }

    /** How the state was last built, once it has caught up. */
    Start lastStart() {
        return lastStart;
    }

    /** While held, the state never reports caught up. (Tests: the window before the rebuild finished.) */
    void holdCatchUp(boolean hold) {
        catchUpHeld = hold;
    }

    private void follow() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-versions");
        // the catch-up reads the whole topic (147,250 records, about 1 GB, at 100,000 articles) and the client copies
        // every record's value out of its decompressed batch, only headers needed or not: smaller fetches than the
        // default 1 MiB per partition hold less of that on the heap at once. Measured (2026-12-03, 147,250 records
        // of 8 kB, 160 MiB heap): collections 2.0 s -> 0.9 s, the catch-up 8.0 s -> 7.0 s.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(256 * 1024));
        while (running) {
            try (KafkaConsumer<String, Void> c = new KafkaConsumer<>(props, new StringDeserializer(), new SkippedValue())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(EventTopics.INGESTED, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                topicId = snapshotFile.isEmpty() ? null : topicId();
                Map<TopicPartition, Long> end = startReading(c, partitions, !rebuildRequested);
                rebuildRequested = false;
                try {
                    while (running) {
                        if (rebuildRequested || restartRequested) {
                            boolean fromSnapshot = restartRequested;
                            rebuildRequested = false;
                            restartRequested = false;
                            end = startReading(c, partitions, fromSnapshot);
                        }
                        markCaughtUp(c, end); // before polling: on an empty topic a poll waits its whole timeout
                        for (ConsumerRecord<String, Void> r : c.poll(Duration.ofMillis(500))) {
                            learn(r);
                        }
                        markCaughtUp(c, end);
                        CompletableFuture<Void> requested = snapshotRequested;
                        if (requested != null) {
                            snapshotRequested = null;
                            snapshot(c, partitions, requested);
                        } else if (caughtUp.get() && learnedSinceSnapshot > 0 && System.nanoTime() - snapshotDueNanos >= 0) {
                            snapshot(c, partitions, null);
                        }
                    }
                } catch (WakeupException e) {
                    // stopping
                }
                if (learnedSinceSnapshot > 0) {
                    CompletableFuture<Void> last = new CompletableFuture<>();
                    snapshot(c, partitions, last);
                    waitFor(last);
                }
                return;
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

    /**
     * Positions the consumer where the state starts: after the snapshot, its articles learned, when
     * {@code fromSnapshot} and it can be used; else at the beginning of the topic. Returns the end offsets
     * the state must reach to be caught up.
     */
    private Map<TopicPartition, Long> startReading(KafkaConsumer<?, ?> c, List<TopicPartition> partitions, boolean fromSnapshot) {
        startedNanos = System.nanoTime();
        recordsRead = 0;
        loadedFromSnapshot = -1;
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        VersionSnapshot.Loaded snapshot = fromSnapshot ? usableSnapshot(c, partitions, end) : null;
        if (snapshot == null) {
            c.seekToBeginning(partitions);
            return end;
        }
        synchronized (this) {
            snapshot.heads().forEach((id, head) -> learn(id, head.version(), head.hash(), head.priorHashes(), -1));
        }
        loadedFromSnapshot = snapshot.heads().size();
        for (TopicPartition p : partitions) {
            c.seek(p, snapshot.offsets().get(p.partition()));
        }
        return end;
    }

    /** The snapshot, when there is one this topic can continue: null (saying why) when there is none. */
    private VersionSnapshot.Loaded usableSnapshot(KafkaConsumer<?, ?> c, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        if (snapshotFile.isEmpty() || topicId == null) {
            return null;
        }
        Path file = snapshotFile.get();
        VersionSnapshot.Loaded snapshot;
        try {
            snapshot = VersionSnapshot.read(file, EventTopics.INGESTED);
        } catch (NoSuchFileException e) {
            LOG.infof("no version snapshot at %s yet: reading the whole of %s", file, EventTopics.INGESTED);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the version snapshot %s cannot be used (%s): reading the whole of %s", file, e.getMessage(),
                    EventTopics.INGESTED);
            return null;
        }
        if (!snapshot.topicId().equals(topicId)) {
            LOG.warnf("the version snapshot %s was taken of another %s (topic id %s, now %s: created again, or another"
                    + " cluster): reading the whole topic", file, EventTopics.INGESTED, snapshot.topicId(), topicId);
            return null;
        }
        Map<TopicPartition, Long> beginning = c.beginningOffsets(partitions);
        if (snapshot.offsets().size() != partitions.size()) {
            LOG.warnf("the version snapshot %s covers %d partitions, %s has %d: reading the whole topic", file,
                    snapshot.offsets().size(), EventTopics.INGESTED, partitions.size());
            return null;
        }
        for (TopicPartition p : partitions) {
            Long offset = snapshot.offsets().get(p.partition());
            if (offset == null || offset < beginning.get(p) || offset > end.get(p)) {
                LOG.warnf("the version snapshot %s was taken at offset %s of partition %d, which %s does not hold"
                        + " (%d to %d): reading the whole topic", file, offset, p.partition(), EventTopics.INGESTED,
                        beginning.get(p), end.get(p));
                return null;
            }
        }
        return snapshot;
    }

    /**
     * Writes a snapshot of what the follower has read, at its positions, on the writer thread (one at a time:
     * none is started while another is being written, unless {@code done} waits for this one).
     */
    private void snapshot(KafkaConsumer<?, ?> c, List<TopicPartition> partitions, CompletableFuture<Void> done) {
        if (snapshotFile.isEmpty() || topicId == null) {
            if (done != null) {
                done.completeExceptionally(new IllegalStateException("no snapshot file configured, or the topic's id unknown"));
            }
            return;
        }
        if (done == null && !snapshotPending.compareAndSet(false, true)) {
            return;
        }
        Map<Integer, Long> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            offsets.put(p.partition(), c.position(p));
        }
        Map<String, Head> copy;
        synchronized (this) {
            copy = new HashMap<>(heads);
        }
        learnedSinceSnapshot = 0;
        snapshotDueNanos = System.nanoTime() + snapshotInterval.toNanos();
        Path file = snapshotFile.get();
        String id = topicId;
        snapshotWriter.execute(() -> {
            try {
                long t0 = System.nanoTime();
                VersionSnapshot.write(file, EventTopics.INGESTED, id, offsets, copy);
                LOG.debugf("version snapshot of %d articles written to %s in %d ms", copy.size(), file,
                        Long.valueOf((System.nanoTime() - t0) / 1_000_000));
                if (done != null) {
                    done.complete(null);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("cannot write the version snapshot %s (%s); the next start reads the whole topic", file, e.toString());
                if (done != null) {
                    done.completeExceptionally(e);
                }
            } finally {
                if (done == null) {
                    snapshotPending.set(false);
                }
            }
        });
    }

    /**
     * The id Kafka gave {@code articles.ingested}: a snapshot counts only for the topic it was taken of, not for
     * one of the same name created again (or on a new cluster), whose offsets mean other records. Null when it
     * cannot be had: then no snapshot is read or written.
     */
    private String topicId() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-versions-admin");
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(EventTopics.INGESTED)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(EventTopics.INGESTED).topicId().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("cannot learn the id of %s (%s): no version snapshot is used", EventTopics.INGESTED, e.toString());
            return null;
        }
    }

    private static void waitFor(CompletableFuture<Void> write) {
        try {
            write.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // logged by the writer, or it is still writing: the next start reads more of the topic
        }
    }

    private void learn(ConsumerRecord<String, Void> r) {
        recordsRead++;
        learnedSinceSnapshot++;
        String version = header(r, EventHeaders.ARTICLE_VERSION);
        String hash = header(r, EventHeaders.CONTENT_HASH);
        if (r.key() != null && version != null && hash != null) {
            learn(r.key(), Long.parseLong(version), hash,
                    EventHeaders.splitHashes(header(r, EventHeaders.PRIOR_CONTENT_HASHES)), r.offset());
        }
    }

    /** Reports caught up once the consumer's position has reached {@code end} on every partition. */
    private void markCaughtUp(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        if (!caughtUp.get() && !catchUpHeld && !rebuildRequested && !restartRequested
                && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            lastStart = new Start(loadedFromSnapshot >= 0, Math.max(0, loadedFromSnapshot), recordsRead);
            caughtUp.set(true);
            if (loadedFromSnapshot >= 0) {
                LOG.infof("knows %d ingested articles: %d from the snapshot %s and %d records of %s after it, in %d ms",
                        size(), loadedFromSnapshot, snapshotFile.get(), recordsRead, EventTopics.INGESTED, millis);
            } else {
                LOG.infof("knows %d ingested articles, read from %s (%d records) in %d ms", size(), EventTopics.INGESTED,
                        recordsRead, millis);
            }
        }
    }

    /**
     * Reads no value: only the headers are needed, and a record's value (the whole article) is not even
     * copied out of the fetched batch, which the byte-array deserializer does for every record.
     */
    static final class SkippedValue implements Deserializer<Void> {
        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
