package dev.newsroom.messaging;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a record of an article topic as both stages need it: an article event of a known schema, or poison. */
public final class ArticleEventReader {

    private ArticleEventReader() {
    }

    /**
     * Parses the record's UTF-8 as bytes, with no string decoded first. Bytes that are not UTF-8 make it poison (read
     * as text they would have been changed, not refused).
     *
     * @throws PoisonRecordException when the value is missing, is no article event, is of a newer schema version,
     *                                or has no article or no article id
     */
    public static ArticleEvent read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecordException("record has no value");
        }
        ArticleEvent event;
        try {
            event = Json.readEvent(record.value(), 0, record.value().length);
        } catch (RuntimeException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        return whole(event);
    }

    private static ArticleEvent whole(ArticleEvent event) {
        if (event.article() == null || event.articleId() == null) {
            throw new PoisonRecordException("record has no article or no articleId");
        }
        return event;
    }
}
