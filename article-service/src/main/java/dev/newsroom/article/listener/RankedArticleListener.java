package dev.newsroom.article.listener;

import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.article.service.RankedEventCheck;
import dev.newsroom.messaging.ArticleEventReader;
import dev.newsroom.messaging.BatchGuard;
import dev.newsroom.messaging.ConsumerProgress;
import dev.newsroom.messaging.ConsumerSettings;
import dev.newsroom.messaging.DeadLetters;
import dev.newsroom.messaging.PoisonRecordException;
import dev.newsroom.messaging.RetryPolicy;
import dev.newsroom.model.event.ArticleEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Consumes {@code articles.ranked} in batches and stores each batch in one transaction. The batch is
 * acknowledged (its offsets committable) only when this method returns, that is after the database
 * commit. Failures go through the {@link BatchGuard}: a transient fault (database unreachable) is
 * retried with back-off, never skipped, while readiness reports the stall; a batch that fails for good
 * is stored record by record, each in its own transaction, and only the records the database refuses
 * (a NUL in a text, a number out of range) go to {@code articles.ranked.dlq}, as do records that are not
 * storable ranked articles.
 */
@ApplicationScoped
public class RankedArticleListener {

    /** The stage named in the dead letters' headers and the metric's tag. */
    public static final String STAGE = "store";

    private final ArticleStore store;
    private final BatchGuard guard;

    public RankedArticleListener(ArticleStore store,
                                 @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                 MutinyEmitter<String> deadLetters,
                                 RetryPolicy policy, ConsumerProgress progress, ConsumerSettings settings,
                                 MeterRegistry registry) {
        this.store = store;
        this.guard = new BatchGuard(policy, progress,
                new DeadLetters(deadLetters, STAGE, settings.deadLetterSendTimeout(), registry));
    }

    @Incoming("articles-ranked")
    @Blocking(ordered = true)
    public void onBatch(ConsumerRecords<String, String> batch) throws InterruptedException {
        guard.consume(batch, RankedArticleListener::read, store::upsert);
    }

    /** The record as a storable ranked article, or a {@link PoisonRecordException} saying why not. */
    static ArticleEvent read(ConsumerRecord<String, String> record) {
        ArticleEvent event = ArticleEventReader.read(record);
        RankedEventCheck.problemWith(event).ifPresent(problem -> {
            throw new PoisonRecordException(problem);
        });
        return event;
    }
}
