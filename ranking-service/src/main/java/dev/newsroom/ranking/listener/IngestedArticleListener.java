package dev.newsroom.ranking.listener;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.DeadLetters;
import dev.newsroom.ranking.service.RankedPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes this instance's share of {@code articles.ingested} (consumer group {@code ranking-service},
 * batches) and publishes to {@code articles.ranked}: each article ranked, and every existing article whose
 * related links or story it changed (both ends learn). It ranks behind the {@link CorpusFeed}'s barrier, so
 * the corpus holds at least everything the topic held when the batch is ranked.
 *
 * <p>A batch is acknowledged when the returned {@link Uni} completes (and only then do its offsets become
 * committable), which is after Kafka has acknowledged every record it produced; if publishing fails the
 * batch is retried, so a broker outage delays ranking but never skips an article.
 */
@ApplicationScoped
public class IngestedArticleListener {

    private static final Logger LOG = Logger.getLogger(IngestedArticleListener.class);

    private final Corpus corpus;
    private final CorpusFeed feed;
    private final RankedPublisher publisher;
    private final DeadLetters deadLetters;
    private final Counter articlesRanked;
    private final Counter neighboursRepublished;

    public IngestedArticleListener(Corpus corpus, CorpusFeed feed, RankedPublisher publisher, DeadLetters deadLetters,
                                   MeterRegistry registry) {
        this.corpus = corpus;
        this.feed = feed;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.articlesRanked = registry.counter("newsroom.ranking.published", "kind", "ingested");
        this.neighboursRepublished = registry.counter("newsroom.ranking.published", "kind", "neighbour");
    }

    @Incoming("articles-ingested")
    public Uni<Void> onBatch(ConsumerRecords<String, String> batch) {
        List<ArticleEvent> ingested = new ArrayList<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, String> record : batch) {
            try {
                ArticleEvent event = Json.readEvent(record.value());
                if (event.article() == null || event.articleId() == null) {
                    throw new IllegalArgumentException("record has no article");
                }
                ingested.add(event);
            } catch (RuntimeException e) {
                LOG.warnf("sending %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                deadLettered.add(deadLetters.send(record, e));
            }
        }
        Uni<Void> ranked = ingested.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(feed::catchUp)
                        .ifNoItem().after(Duration.ofSeconds(60)).fail()
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().transformToUni(rankedAt -> {
                            long started = System.nanoTime();
                            List<ArticleEvent> records = corpus.rankingsAfter(ingested, rankedAt);
                            LOG.debugf("ranked a batch of %d in %d ms (%d ms behind its barrier): %d records to publish",
                                    ingested.size(), (System.nanoTime() - started) / 1_000_000,
                                    Duration.between(rankedAt, Instant.now()).toMillis(), records.size());
                            return publish(records, ingested.size());
                        });
        List<Uni<Void>> all = new ArrayList<>(deadLettered);
        all.add(ranked);
        return Uni.join().all(all).andCollectFailures()
                .onFailure().invoke(e -> LOG.warnf("ranking a batch of %d failed, retrying: %s", batch.count(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    private Uni<Void> publish(List<ArticleEvent> ranked, int ingestedCount) {
        List<Uni<Void>> sends = ranked.stream().map(publisher::publish).toList();
        return Uni.join().all(sends).andFailFast().invoke(() -> {
            articlesRanked.increment(ingestedCount);
            neighboursRepublished.increment(Math.max(0, ranked.size() - ingestedCount));
        }).replaceWithVoid();
    }
}
