package dev.newsroom.article.listener;

import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.article.service.RankedEventCheck;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Consumes {@code articles.ranked} in batches and stores each batch in one transaction. The batch is
 * acknowledged (its offsets committable) only when this method returns, that is after the database
 * commit; while the database is unreachable the batch is retried, never skipped. A record that is not
 * an article event goes to {@code articles.ranked.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class RankedArticleListener {

    private static final Logger LOG = Logger.getLogger(RankedArticleListener.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ArticleStore store;
    private final MutinyEmitter<String> deadLetters;
    private final Counter deadLettered;

    public RankedArticleListener(ArticleStore store,
                                 @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                 MutinyEmitter<String> deadLetters,
                                 MeterRegistry registry) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.deadLettered = Counter.builder("newsroom.articles.dead.letters")
                .description("records of articles.ranked sent to the dead-letter topic").register(registry);
    }

    @Incoming("articles-ranked")
    @Blocking(ordered = true)
    public void onBatch(ConsumerRecords<String, String> batch) throws InterruptedException {
        List<ArticleEvent> events = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, String> record : batch) {
            try {
                ArticleEvent event = Json.readEvent(record.value());
                RankedEventCheck.problemWith(event).ifPresentOrElse(problem -> deadLetter(record, problem),
                        () -> events.add(event));
            } catch (RuntimeException e) {
                deadLetter(record, e.getMessage());
            }
        }
        Duration backoff = Duration.ofMillis(500);
        while (true) {
            try {
                store.upsert(events);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("storing a batch of %d articles failed (%s); retrying in %d ms", events.size(), e.getMessage(),
                        backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("sending %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                reason);
        deadLettered.increment();
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build())).await().atMost(Duration.ofSeconds(60));
    }
}
