package dev.newsroom.ingest.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.json.Json;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes accepted articles to {@code articles.ingested}, keyed by article id, with version, content
 * hash and the content hashes of the article's earlier versions in headers. The returned {@link Uni} completes, with
 * the record's partition and offset, when the broker has acknowledged the record (acks=all, idempotent
 * producer: see application.properties).
 */
@ApplicationScoped
public class ArticlePublisher {

    /** Each record's value as the UTF-8 bytes of its JSON, written as bytes ({@link Json#writeBytes}). */
    private final MutinyEmitter<byte[]> emitter;

    /**
     * The buffer is unbounded because what is in it is bounded already: every message belongs to a
     * request that is waiting for it, whose size the upload limits cap.
     */
    public ArticlePublisher(@Channel("articles-ingested") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                            MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** @param priorHashes the contents the article had before this version, oldest first (see {@link IngestedVersions}) */
    public Uni<RecordMetadata> publish(ArticleEvent event, List<String> priorHashes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(event.schemaVersion())));
        headers.add(EventHeaders.ARTICLE_VERSION, bytes(Long.toString(event.version())));
        headers.add(EventHeaders.CONTENT_HASH, bytes(event.contentHash()));
        if (!priorHashes.isEmpty()) {
            headers.add(EventHeaders.PRIOR_CONTENT_HASHES, bytes(EventHeaders.joinHashes(priorHashes)));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.articleId())
                .withHeaders(headers)
                .build();
        // the connector puts the acknowledged record's partition and offset here
        OutgoingMessageMetadata<RecordMetadata> written = new OutgoingMessageMetadata<>();
        return emitter.sendMessage(Message.of(Json.writeBytes(event)).addMetadata(metadata).addMetadata(written))
                .map(ignored -> written.getResult());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
