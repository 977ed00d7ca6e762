package dev.newsroom.ranking.listener;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.config.RankingConfig;
import dev.newsroom.ranking.service.DeadLetters;
import dev.newsroom.ranking.service.HeatCalculator;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.RankedPublisher;
import dev.newsroom.ranking.service.Ranker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code articles.ingested} in batches and publishes each article, ranked, to
 * {@code articles.ranked}. A batch is acknowledged when the returned {@link Uni} completes (and only then
 * do its offsets become committable), which is after Kafka has acknowledged every record it produced; if publishing fails the batch is retried, so a
 * broker outage delays ranking but never skips an article.
 */
@ApplicationScoped
public class IngestedArticleListener {

    private static final Logger LOG = Logger.getLogger(IngestedArticleListener.class);

    private final Ranker ranker;
    private final RankedPublisher publisher;
    private final DeadLetters deadLetters;
    private final Set<String> ingestedIds = ConcurrentHashMap.newKeySet();

    public IngestedArticleListener(RankingConfig config, RankedPublisher publisher, DeadLetters deadLetters) {
        this.ranker = new Ranker(new HeatCalculator(config.heat()), new NewsClock(Clock.systemUTC()));
        this.publisher = publisher;
        this.deadLetters = deadLetters;
    }

    @Incoming("articles-ingested")
    public Uni<Void> onBatch(ConsumerRecords<String, String> batch) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, String> record : batch) {
            ArticleEvent ingested;
            try {
                ingested = Json.readEvent(record.value());
                if (ingested.article() == null || ingested.articleId() == null) {
                    throw new IllegalArgumentException("record has no article");
                }
            } catch (RuntimeException e) {
                LOG.warnf("sending %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                sends.add(deadLetters.send(record, e));
                continue;
            }
            ingestedIds.add(ingested.articleId());
            sends.add(publisher.publish(ranker.rank(ingested, ingestedIds::contains)));
        }
        return Uni.join().all(sends).andCollectFailures()
                .onFailure().invoke(e -> LOG.warnf("publishing a batch of %d failed, retrying: %s", sends.size(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }
}
