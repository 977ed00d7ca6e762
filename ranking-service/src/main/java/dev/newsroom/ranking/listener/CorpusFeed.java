package dev.newsroom.ranking.listener;

import dev.newsroom.messaging.ArticleEventReader;
import dev.newsroom.messaging.PoisonRecordException;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.config.RankingConfig;
import dev.newsroom.ranking.service.Corpus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link Corpus} with every record of {@code articles.ingested}, all partitions: a plain consumer
 * outside any group (the group consumer, {@link IngestedArticleListener}, only splits the ranking work). So
 * every instance holds the whole corpus. It starts where the index's last commit ends (the offsets that
 * commit records, partition by partition), so a restart replays only the tail; an index that is missing or
 * unusable starts empty and is rebuilt from the compacted topic's beginning. It commits the index every
 * {@code newsroom.ranking.index.commit-interval} while records arrive, once it has caught up at start, and
 * on shutdown, always between two records, with the offsets it has read up to. The service is ready once
 * the feed has read up to the end offsets the topic had at start.
 *
 * <p>{@link #catchUp} is the barrier the listener ranks behind. While it reads, or while a barrier waits, the
 * feed notes the topic's end offsets every {@link #SNAPSHOT_EVERY}, each note with the instant before it was
 * asked for. A barrier names the records of the listener's batch, and completes once the feed has read up to
 * a note that holds them, with that note's instant (the newest note read, later than the listener's last
 * one, and asked after the barrier or after a note that already held the batch). The corpus then holds
 * everything the topic held at that instant: the batch, and what came within about {@link #SNAPSHOT_EVERY}
 * after it. Rankings are stamped with the instant, which is later than the arrival of every article they rank.
 * So a ranking stamped later than another was computed on a corpus holding every article the other ranked, and
 * everything else the topic held at the other's instant: whichever instance ranks last, the last word is
 * complete.
 *
 * <p>The barrier used to be the topic's end when the listener asked. Behind a feed that lagged, that end ran
 * ahead of the listener's batch by everything posted in the meantime: the listener ranked one batch per catch-up
 * and its group's lag only grew while articles arrived (BENCHMARKS.md, "eleventh pass").
 */
@ApplicationScoped
public class CorpusFeed {

    private static final Logger LOG = Logger.getLogger(CorpusFeed.class);
    private static final Duration POLL = Duration.ofMillis(50);
    /** How often the feed notes the topic's end offsets while it reads records or a barrier waits. */
    private static final Duration SNAPSHOT_EVERY = Duration.ofMillis(100);
    /** The notes not read up to yet that are kept: past this, the oldest go (a newer note holds more). */
    private static final int SNAPSHOTS_KEPT = 1_024;
    /**
     * Records per poll (about half a second of indexing) and bytes per partition per fetch: what the feed holds
     * was seconds of indexing at 2,000 records and 1 MiB, long enough to outlive the young generation, and the old
     * one then filled with records already read (BENCHMARKS.md, "seventeenth pass").
     */
    private static final int MAX_POLL_RECORDS = 250;
    private static final int MAX_PARTITION_FETCH_BYTES = 256 * 1024;

    private final Corpus corpus;
    private final String bootstrapServers;
    private final String topic;
    private final Duration commitInterval;
    private final RankingConfig.LookAheadMode lookAhead;
    private final Clock wall;
    private final ConcurrentLinkedQueue<Barrier> requested = new ConcurrentLinkedQueue<>();
    private final List<Barrier> waiting = new ArrayList<>();
    /** The next offset to index of each partition: what the index holds once committed with them. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** The topic's end offsets noted and not read up to yet, oldest first. */
    private final ArrayDeque<Snapshot> snapshots = new ArrayDeque<>();
    /** The newest note the feed has read up to: the corpus holds everything the topic held at its instant. */
    private Snapshot reached;
    private long lastSnapshot;
    private volatile boolean running;
    private volatile boolean rebuilt;
    private volatile long recordsRead;
    private volatile long recordsSkipped;
    private volatile long commits;
    private long readSinceCommit;
    private long lastCommit;
    /** The consumer while it is in its reading loop, where a wake-up is expected. */
    private volatile KafkaConsumer<String, byte[]> wakeable;
    private Thread thread;

    @Inject
    public CorpusFeed(Corpus corpus, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                      @ConfigProperty(name = "mp.messaging.incoming.articles-ingested.topic") String topic,
                      RankingConfig config) {
        this(corpus, bootstrapServers, topic, config.index().commitInterval(), config.index().lookAhead());
    }

    /** A feed with these settings, outside CDI (tests). */
    public CorpusFeed(Corpus corpus, String bootstrapServers, String topic, Duration commitInterval,
                      RankingConfig.LookAheadMode lookAhead) {
        this(corpus, bootstrapServers, topic, commitInterval, lookAhead, Clock.systemUTC());
    }

    /** A feed that reads its instants from {@code wall} (tests). */
    public CorpusFeed(Corpus corpus, String bootstrapServers, String topic, Duration commitInterval,
                      RankingConfig.LookAheadMode lookAhead, Clock wall) {
        this.corpus = corpus;
        this.wall = wall;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.commitInterval = commitInterval;
        this.lookAhead = lookAhead;
    }

    void onStart(@Observes StartupEvent start) {
        start();
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
        stop();
    }

    /** Starts reading where the index's last commit ends. */
    public synchronized void start() {
        corpus.committedOffsets(topic).forEach((partition, offset) -> positions.put(new TopicPartition(topic, partition), offset));
        if (positions.isEmpty() && corpus.size() > 0) {
            // articles, but no offset of this topic: the index was built from another one
            String why = "its last commit covers no offset of " + topic;
            LOG.warnf("corpus index: %s; rebuilding it from the topic", why);
            corpus.reset(why);
            readSinceCommit++; // commit the empty index, so that a restart does not find the old one
        }
        LOG.infof("corpus feed: %d articles in the index, reading %s from %s", corpus.size(), topic,
                positions.isEmpty() ? "the beginning" : "the offsets of the index's last commit " + positions);
        lastCommit = System.nanoTime();
        running = true;
        thread = new Thread(this::run, "corpus-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading, after a last commit of the index. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(Duration.ofSeconds(30).toMillis());
            thread = null;
        }
    }

    /** Commits of the index made by this feed. */
    public long commits() {
        return commits;
    }

    /** True once the corpus holds everything the topic held when this instance started. */
    public boolean isRebuilt() {
        return rebuilt;
    }

    /** Records read since this feed started (past the index's last commit). */
    public long recordsRead() {
        return recordsRead;
    }

    /** Records read but not indexed because the index could not take them. */
    public long recordsSkipped() {
        return recordsSkipped;
    }

    /**
     * Completes once the corpus holds the records before {@code needs} (the offset after a batch's last record,
     * by partition), with an instant later than {@code after} (null: any) and than the arrival of those records,
     * at which the topic held nothing the corpus does not.
     *
     * <p>Later than their arrival: a note's instant is taken before the end offsets are asked for, and the offsets
     * can hold a record that arrived while they were asked for. Answered with such a note, a batch was stamped
     * before one of its own records arrived, and another instance ranking without that record could stamp a later
     * ranking that readers take for the last word (ScaleOutIT found an article left out of the story its partner's
     * record said it had joined). So the answer is a note asked after this call (the caller holds the records, so
     * they had arrived), or one that follows a note already holding them (asked after that one was answered, so
     * after they arrived): about {@link #SNAPSHOT_EVERY} later than the first note holding them, not the topic's
     * end when the listener asks, which behind a backlog is far ahead of its batch.
     */
    public CompletionStage<Instant> catchUp(Map<TopicPartition, Long> needs, Instant after) {
        Barrier barrier = new Barrier(Map.copyOf(needs), after, wall.instant());
        requested.add(barrier);
        KafkaConsumer<String, byte[]> reading = wakeable;
        if (reading != null) {
            reading.wakeup(); // take the request now rather than after the current poll times out
        }
        return barrier.done;
    }

    private void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_PARTITION_FETCH_BYTES));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ranking-corpus-feed");
        while (running) {
            try (KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                read(reading);
            } catch (RuntimeException e) {
                // the broker is away or the topic does not exist yet: the index so far stays, reading resumes
                LOG.warnf("reading %s failed, retrying: %s", topic, e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
        commitIfRead(); // the last word: what was read is kept, with its offsets
        Barrier barrier;
        while ((barrier = requested.poll()) != null) {
            barrier.done.completeExceptionally(new CancellationException("shutting down"));
        }
        // a cancellation, not a failure: the listener retries the batch rather than blaming its records
        waiting.forEach(b -> b.done.completeExceptionally(new CancellationException("shutting down")));
    }

    private void read(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
            Long end = ends.get(position.getKey());
            if (end == null || position.getValue() > end) {
                // the index covers records this topic never had: it was built from another topic (a Kafka
                // cluster reset, a directory copied from elsewhere), so it is rebuilt from this one
                String why = "its offsets " + positions + " are past the end of " + topic + " " + ends;
                LOG.warnf("corpus index: %s; rebuilding it from the topic", why);
                corpus.reset(why);
                positions.clear();
                readSinceCommit++; // commit the empty index, so that a restart does not find the old offsets
                break;
            }
        }
        positions.forEach((partition, offset) -> {
            if (partitions.contains(partition)) {
                consumer.seek(partition, offset); // reconnecting: go on where the last consumer stopped
            }
        });
        // every partition's next offset to index, kept record by record: what a checkpoint within a poll goes by
        partitions.forEach(partition -> positions.putIfAbsent(partition, consumer.position(partition)));
        Map<TopicPartition, Long> startupEnd = consumer.endOffsets(partitions);
        wakeable = consumer;
        try {
            while (running) {
                try {
                    step(consumer, partitions, startupEnd);
                } catch (WakeupException e) {
                    // catchUp() asked for a barrier while the consumer was busy: take it in the next step
                }
            }
        } finally {
            wakeable = null;
        }
    }

    /**
     * One round: take the barriers asked for (noting the topic's end offsets when no note answers them yet),
     * read what is new, complete the barriers that are reached. Any blocking call may be woken up by {@link #catchUp};
     * each part leaves the state consistent, so the next round simply goes on.
     */
    private void step(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                      Map<TopicPartition, Long> startupEnd) {
        takeRequested();
        if (!waiting.isEmpty()) {
            Snapshot newest = newestSnapshot();
            if (newest == null || !waiting.stream().allMatch(newest::answers)) {
                snapshot(consumer, partitions); // the topic holds the batches' records now, and it is later than before
            }
            completeReached(consumer::position); // a feed that has caught up answers now, not after the next poll's wait
        }
        ConsumerRecords<String, byte[]> records = poll(consumer);
        // searching ahead, the poll's records are read first and the corpus is told of them; otherwise each is read
        // as it is indexed, and only one record's event is held at a time
        List<ArticleEvent> events = null;
        if (!records.isEmpty() && searchesAhead()) {
            events = new ArrayList<>(records.count()); // null for a record that is not an article
            for (ConsumerRecord<String, byte[]> record : records) {
                events.add(read(record));
            }
            corpus.expect(events.stream().filter(Objects::nonNull).toList()); // their look-ups start ahead of them
        }
        int next = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            recordsRead++;
            readSinceCommit++;
            feed(record, events != null ? events.get(next++) : read(record));
            positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            if (noteDue()) {
                checkpoint(consumer, partitions);
            }
        }
        if ((!records.isEmpty() || !waiting.isEmpty()) && noteDue()) {
            snapshot(consumer, partitions);
        }
        if (!rebuilt && reached(consumer::position, startupEnd)) {
            commitIfRead();
            rebuilt = true;
            LOG.infof("corpus caught up with %s: %d records read since the index's commit, %d articles indexed", topic,
                    recordsRead, corpus.size());
        } else if (System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
            commitIfRead();
        }
        completeReached(consumer::position);
    }

    /**
     * Within a poll's records (up to {@value #MAX_POLL_RECORDS}, about half a second of indexing): takes the
     * barriers asked for, notes the topic's end offsets and answers the barriers reached, by the offsets the feed has indexed so
     * far ({@link #positions}; the consumer's position is already past the whole poll). A wake-up by
     * {@link #catchUp} only skips this note: the records of the poll must all be fed, and the barrier is taken
     * at the next checkpoint.
     */
    private void checkpoint(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        takeRequested();
        try {
            snapshot(consumer, partitions);
        } catch (WakeupException e) {
            return;
        }
        completeReached(positions::get);
    }

    private void takeRequested() {
        Barrier barrier;
        while ((barrier = requested.poll()) != null) {
            waiting.add(barrier);
        }
    }

    private boolean noteDue() {
        return System.nanoTime() - lastSnapshot >= SNAPSHOT_EVERY.toNanos();
    }

    /** Notes the topic's end offsets, with the instant before they were asked for. */
    private void snapshot(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Instant at = wall.instant();
        Snapshot previous = newestSnapshot(); // the newest note taken, read up to or not
        snapshots.addLast(new Snapshot(at, consumer.endOffsets(partitions), previous == null ? null : previous.ends()));
        lastSnapshot = System.nanoTime();
        if (snapshots.size() > SNAPSHOTS_KEPT) {
            snapshots.removeFirst();
        }
    }

    private Snapshot newestSnapshot() {
        return snapshots.isEmpty() ? reached : snapshots.peekLast();
    }

    /** Answers the barriers that the newest note read up to answers, the feed's next offsets being {@code position}. */
    private void completeReached(ToLongFunction<TopicPartition> position) {
        while (!snapshots.isEmpty() && reached(position, snapshots.peekFirst().ends())) {
            reached = snapshots.removeFirst();
        }
        if (reached == null) {
            return;
        }
        for (Iterator<Barrier> it = waiting.iterator(); it.hasNext(); ) {
            Barrier barrier = it.next();
            if (reached.answers(barrier)) {
                it.remove();
                barrier.done.complete(reached.at());
            }
        }
    }

    /** Commits the index with the offsets read so far, when anything was read since the last commit. */
    private void commitIfRead() {
        lastCommit = System.nanoTime();
        if (readSinceCommit == 0) {
            return;
        }
        Map<Integer, Long> offsets = new HashMap<>();
        positions.forEach((partition, offset) -> offsets.put(partition.partition(), offset));
        try {
            corpus.commit(topic, offsets);
            readSinceCommit = 0;
            commits++;
        } catch (RuntimeException e) {
            // the disk is full or away: the index goes on in memory, and the next commit tries again
            LOG.errorf(e, "could not commit the corpus index at %s", offsets);
        }
    }

    /** The next records, or none when {@link #catchUp} woke the poll up early. */
    private static ConsumerRecords<String, byte[]> poll(KafkaConsumer<String, byte[]> consumer) {
        try {
            return consumer.poll(POLL);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /**
     * Whether the poll's articles are searched ahead ({@code newsroom.ranking.index.look-ahead}). By default only
     * while catching up: in the benchmark stack, where the whole pipeline shares two cores, searching ahead under
     * the sustained ingest cost 8 % of the articles made visible per second (RANKING.md).
     */
    private boolean searchesAhead() {
        return lookAhead == RankingConfig.LookAheadMode.ALWAYS || lookAhead == RankingConfig.LookAheadMode.CATCH_UP && !rebuilt;
    }

    /** The record's article; null for a poison record (unreadable, or of a newer schema version). */
    private static ArticleEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            return ArticleEventReader.read(record); // the listener's reading, so the two never disagree
        } catch (PoisonRecordException e) {
            return null;
        }
    }

    /**
     * Indexes one record, read as {@code event}. A poison record (unreadable, of a newer schema version, or one
     * the index cannot take) is skipped: the listener sends it to the dead-letter topic. It must never escape, or
     * the feed would reconnect and read it again forever, and every barrier, so all ranking, would wait behind it.
     */
    private void feed(ConsumerRecord<String, byte[]> record, ArticleEvent event) {
        if (event == null) {
            return;
        }
        try {
            corpus.add(event, record.value());
        } catch (RuntimeException e) {
            recordsSkipped++;
            LOG.warnf("could not index %s-%d@%d (key %s), skipped: %s", record.topic(), record.partition(),
                    record.offset(), record.key(), e.toString());
        }
    }

    private static boolean reached(ToLongFunction<TopicPartition> position, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (position.applyAsLong(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The records the listener's batch needs in the corpus, the instant its answer must be later than (the
     * listener's last answer), and the instant it was asked for (its records had arrived by then).
     */
    private static final class Barrier {
        final CompletableFuture<Instant> done = new CompletableFuture<>();
        final Map<TopicPartition, Long> needs;
        final Instant after;
        final Instant asked;

        Barrier(Map<TopicPartition, Long> needs, Instant after, Instant asked) {
            this.needs = needs;
            this.after = after;
            this.asked = asked;
        }
    }

    /**
     * The topic's end offsets at an instant: everything it held then; and those of the note before it (null for
     * the first), which was answered before this one's instant was read.
     */
    private record Snapshot(Instant at, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> before) {
        /**
         * Whether, once read up to, it answers the barrier: it holds the batch, is later than the listener's last
         * answer, and later than the batch's arrival (asked after the barrier, or after a note that held the batch).
         */
        boolean answers(Barrier barrier) {
            return holds(ends, barrier.needs) && (barrier.after == null || at.isAfter(barrier.after))
                    && (at.isAfter(barrier.asked) || before != null && holds(before, barrier.needs));
        }

        /**
         * Whether the topic held the records before {@code needs} when it ended at {@code ends}. A partition the
         * feed does not read (one added since it started) is not waited for.
         */
        static boolean holds(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> needs) {
            for (Map.Entry<TopicPartition, Long> need : needs.entrySet()) {
                Long end = ends.get(need.getKey());
                if (end != null && end < need.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }
}
