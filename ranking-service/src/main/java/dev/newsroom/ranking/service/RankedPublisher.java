package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.RankedKeys;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.json.Json;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes to {@code articles.ranked} (schema 2, {@link RankedKeys}): a ranked article keyed by its id, a
 * ranking update keyed {@code ranking:<id>}, a story record keyed {@code story:<id>}. Every record carries
 * the schema version header; article and ranking records also the article version they are for, article
 * records the content hash. Each send completes on broker acknowledgement.
 */
@ApplicationScoped
public class RankedPublisher {

    /** Each record's value as the UTF-8 bytes of its JSON, written as bytes ({@link Json#writeBytes}). */
    private final MutinyEmitter<byte[]> emitter;

    /**
     * Unbounded: one batch of max.poll.records articles with its updates can exceed any fixed buffer (the
     * default is 256, which once failed a batch for good); memory stays bounded by the batch size times
     * the fan-out limits, and the listener awaits every record before taking the next batch.
     */
    public RankedPublisher(@Channel("articles-ranked") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                           MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Every record of a batch, in order: articles, then ranking updates, then stories. */
    public List<Uni<Void>> publish(RankedRecords records) {
        List<Uni<Void>> sends = new ArrayList<>(records.size());
        records.articles().forEach(article -> sends.add(publish(article)));
        records.rankings().forEach(update -> sends.add(publish(update)));
        records.stories().forEach(story -> sends.add(publish(story)));
        return sends;
    }

    public Uni<Void> publish(ArticleEvent ranked) {
        RecordHeaders headers = headers(ranked.schemaVersion());
        headers.add(EventHeaders.ARTICLE_VERSION, bytes(Long.toString(ranked.version())));
        headers.add(EventHeaders.CONTENT_HASH, bytes(ranked.contentHash()));
        return send(RankedKeys.article(ranked.articleId()), ranked, headers);
    }

    public Uni<Void> publish(RankingUpdate update) {
        RecordHeaders headers = headers(update.schemaVersion());
        headers.add(EventHeaders.ARTICLE_VERSION, bytes(Long.toString(update.version())));
        return send(RankedKeys.ranking(update.articleId()), update, headers);
    }

    public Uni<Void> publish(StoryRecord story) {
        return send(RankedKeys.story(story.story().id()), story, headers(story.schemaVersion()));
    }

    private Uni<Void> send(String key, Object value, RecordHeaders headers) {
        return emitter.sendMessage(Message.of(Json.writeBytes(value)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build()));
    }

    private static RecordHeaders headers(int schemaVersion) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(schemaVersion)));
        return headers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
