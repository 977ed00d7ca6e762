package dev.newsroom.ranking.listener;

import dev.newsroom.messaging.ArticleEventReader;
import dev.newsroom.messaging.BatchGuard;
import dev.newsroom.messaging.ConsumerProgress;
import dev.newsroom.messaging.ConsumerSettings;
import dev.newsroom.messaging.DeadLetters;
import dev.newsroom.messaging.PoisonRecordException;
import dev.newsroom.messaging.RetryPolicy;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.RankedPublisher;
import dev.newsroom.ranking.service.RankedRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Consumes this instance's share of {@code articles.ingested} (consumer group {@code ranking-service},
 * batches) and publishes to {@code articles.ranked} (schema 2): each article ranked, whole, with its
 * backlinks; ranking updates of the existing articles whose own ranking changed otherwise; records of the
 * stories whose facts changed and that no article record carries ({@link Corpus#rankingsAfter(List, Instant)}).
 * It ranks behind the {@link CorpusFeed}'s barrier, so the corpus holds at least the batch and everything the
 * topic held before it, up to the instant the rankings are stamped with.
 *
 * <p>A batch is acknowledged when this method returns (and only then do its offsets become committable),
 * which is after Kafka has acknowledged every record it produced. Failures go through the
 * {@link BatchGuard}: a broker outage is retried with back-off (ranking is delayed, never skipped) while
 * readiness reports the stall; a record that cannot be read, is of a newer schema version, or breaks
 * ranking goes to {@code articles.ingested.dlq}, once, and the others are ranked.
 */
@ApplicationScoped
public class IngestedArticleListener {

    /** The stage named in the dead letters' headers and the metric's tag. */
    public static final String STAGE = "ranking";

    private static final Logger LOG = Logger.getLogger(IngestedArticleListener.class);
    /** How long a batch waits for the corpus feed's barrier, and for Kafka to acknowledge its records. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Corpus corpus;
    private final CorpusFeed feed;
    private final RankedPublisher publisher;
    private final BatchGuard<byte[]> guard;
    private final Counter articlesPublished;
    private final Counter rankingsPublished;
    private final Counter storiesPublished;
    /** The instant this instance's last batch was ranked at (batches run one at a time): the next one's is later. */
    private volatile Instant lastRankedAt;

    public IngestedArticleListener(Corpus corpus, CorpusFeed feed, RankedPublisher publisher,
                                   @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                   MutinyEmitter<byte[]> deadLetters,
                                   RetryPolicy policy, ConsumerProgress progress, ConsumerSettings settings,
                                   MeterRegistry registry) {
        this.corpus = corpus;
        this.feed = feed;
        this.publisher = publisher;
        this.guard = new BatchGuard<>(policy, progress,
                new DeadLetters(deadLetters, STAGE, settings.deadLetterSendTimeout(), registry));
        this.articlesPublished = registry.counter("newsroom.ranking.published", "kind", "article");
        this.rankingsPublished = registry.counter("newsroom.ranking.published", "kind", "ranking");
        this.storiesPublished = registry.counter("newsroom.ranking.published", "kind", "story");
    }

    @Incoming("articles-ingested")
    @Blocking(ordered = true)
    public void onBatch(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        Map<TopicPartition, Long> needs = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            needs.put(partition, records.get(records.size() - 1).offset() + 1);
        }
        // The records are read once the corpus feed has indexed them, not before: parsed, they waited with the
        // batch (500 of them through half a second of indexing under a backlog) and were moved to the old
        // generation (a small share of what is: BENCHMARKS.md, "twenty-seventh pass"). The first attempt ranks at
        // the instant that wait reached.
        AtomicReference<Instant> reached = new AtomicReference<>();
        guard.consume(batch, () -> reached.set(reachedQuietly(needs)), ArticleEventReader::read,
                ingested -> rankAndPublish(ingested, needs, reached.getAndSet(null)));
    }

    /**
     * Ranks and publishes, at {@code reached} when the batch's barrier was reached already (null: waits for
     * it now).
     */
    private void rankAndPublish(List<ArticleEvent> ingested, Map<TopicPartition, Long> needs, Instant reached)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Instant rankedAt = reached != null ? reached : behindTheFeed(needs);
        lastRankedAt = rankedAt;
        long started = System.nanoTime();
        RankedRecords records;
        try {
            records = corpus.rankingsAfter(ingested, rankedAt);
        } catch (java.io.UncheckedIOException e) {
            throw e; // the index's disk, not the records: retried, never blamed on them at once
        } catch (RuntimeException e) {
            // ranking is deterministic: what breaks it now breaks it on every retry
            throw new PoisonRecordException("ranking failed: " + e, e);
        }
        LOG.debugf("ranked a batch of %d in %d ms (%d ms behind its barrier): %d records to publish",
                ingested.size(), (System.nanoTime() - started) / 1_000_000,
                Duration.between(rankedAt, Instant.now()).toMillis(), records.size());
        Uni.join().all(publisher.publish(records)).andFailFast().await().atMost(WAIT);
        articlesPublished.increment(records.articles().size());
        rankingsPublished.increment(records.rankings().size());
        storiesPublished.increment(records.stories().size());
    }

    /**
     * The batch's barrier, waited for as {@link #behindTheFeed} does; null where that fails (a stalled feed,
     * a shutdown), which the ranking's own wait then meets again and reports, under the retry policy.
     */
    private Instant reachedQuietly(Map<TopicPartition, Long> needs) throws InterruptedException {
        try {
            return behindTheFeed(needs);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /**
     * Waits for the corpus feed's barrier: as long as the feed reads records, however long that takes (a
     * burst bigger than the feed indexes in {@link #WAIT} is no failure, and retrying it with back-off would
     * only rank it later); a feed that read nothing for {@link #WAIT} is a stall, and the batch is retried.
     */
    private Instant behindTheFeed(Map<TopicPartition, Long> needs) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        java.util.concurrent.CompletableFuture<Instant> barrier = feed.catchUp(needs, lastRankedAt).toCompletableFuture();
        while (true) {
            long read = feed.recordsRead();
            try {
                return barrier.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (feed.recordsRead() == read) {
                    throw e;
                }
                LOG.debugf("the corpus feed is still catching up (%d records read): waiting on", feed.recordsRead());
            }
        }
    }
}
