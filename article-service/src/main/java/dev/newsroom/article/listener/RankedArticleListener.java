package dev.newsroom.article.listener;

import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.article.service.RankedEventCheck;
import dev.newsroom.article.service.RankedRecord;
import dev.newsroom.messaging.ArticleEventReader;
import dev.newsroom.messaging.BatchGuard;
import dev.newsroom.messaging.ConsumerProgress;
import dev.newsroom.messaging.ConsumerSettings;
import dev.newsroom.messaging.DeadLetters;
import dev.newsroom.messaging.PoisonRecordException;
import dev.newsroom.messaging.RetryPolicy;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RankedKeys;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Consumes {@code articles.ranked} (schema 2: whole articles, ranking updates and story facts, told apart by
 * the key) in batches and stores each batch in one transaction. The batch is
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
    private final BatchGuard<byte[]> guard;

    public RankedArticleListener(ArticleStore store,
                                 @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                 MutinyEmitter<byte[]> deadLetters,
                                 RetryPolicy policy, ConsumerProgress progress, ConsumerSettings settings,
                                 MeterRegistry registry) {
        this.store = store;
        this.guard = new BatchGuard<>(policy, progress,
                new DeadLetters(deadLetters, STAGE, settings.deadLetterSendTimeout(), registry));
    }

    @Incoming("articles-ranked")
    @Blocking(ordered = true)
    public void onBatch(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        guard.consume(batch, RankedArticleListener::read, store::store);
    }

    /**
     * The record as its key's kind says ({@link RankedKeys#kindOf}): a whole ranked article, a ranking update
     * or a story's facts; or a {@link PoisonRecordException} saying why it is none that can be stored.
     */
    static RankedRecord read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecordException("record has no value");
        }
        return switch (RankedKeys.kindOf(record.key())) {
            case ARTICLE -> {
                ArticleEvent event = ArticleEventReader.read(record);
                check(RankedEventCheck.problemWith(event));
                yield new RankedRecord.Whole(event);
            }
            case RANKING -> {
                RankingUpdate update = parse(() -> Json.readRankingUpdate(record.value()));
                check(RankedEventCheck.problemWith(update));
                if (!RankedKeys.ranking(update.articleId()).equals(record.key())) {
                    throw new PoisonRecordException("ranking update of " + update.articleId() + " under key " + record.key());
                }
                yield new RankedRecord.Update(update);
            }
            case STORY -> {
                StoryRecord story = parse(() -> Json.readStory(record.value()));
                check(RankedEventCheck.problemWith(story));
                yield new RankedRecord.Story(story);
            }
        };
    }

    private static <T> T parse(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
    }

    private static void check(Optional<String> problem) {
        problem.ifPresent(p -> {
            throw new PoisonRecordException(p);
        });
    }
}
