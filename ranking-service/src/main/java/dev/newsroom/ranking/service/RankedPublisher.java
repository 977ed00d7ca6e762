package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.json.Json;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes ranked articles to {@code articles.ranked}, keyed by article id; completes on broker acknowledgement. */
@ApplicationScoped
public class RankedPublisher {

    private final MutinyEmitter<String> emitter;

    /**
     * Unbounded: one batch of max.poll.records articles with its fan-out can exceed any fixed buffer (the
     * default is 256, which once failed a batch for good); memory stays bounded by the batch size times
     * the fan-out limits, and the listener awaits every record before taking the next batch.
     */
    public RankedPublisher(@Channel("articles-ranked") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                           MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(ArticleEvent ranked) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(ranked.schemaVersion())));
        headers.add(EventHeaders.ARTICLE_VERSION, bytes(Long.toString(ranked.version())));
        headers.add(EventHeaders.CONTENT_HASH, bytes(ranked.contentHash()));
        return emitter.sendMessage(Message.of(Json.write(ranked)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(ranked.articleId()).withHeaders(headers).build()));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
