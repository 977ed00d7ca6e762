package dev.newsroom.messaging;

import dev.newsroom.model.event.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers of a dead letter: the record's own (minus dead-letter headers of an earlier death), then why and where from. */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    public static Headers of(ConsumerRecord<?, ?> record, String stage, Fault fault, int attempts, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(EventHeaders.DEAD_LETTER_PREFIX)) {
                headers.add(header);
            }
        }
        add(headers, EventHeaders.DEAD_LETTER_REASON, fault.reason());
        add(headers, EventHeaders.DEAD_LETTER_EXCEPTION, fault.exceptionClass());
        add(headers, EventHeaders.DEAD_LETTER_FAULT, fault.kind().name().toLowerCase(java.util.Locale.ROOT));
        add(headers, EventHeaders.DEAD_LETTER_CLASSIFICATION, fault.classification());
        add(headers, EventHeaders.DEAD_LETTER_TOPIC, record.topic());
        add(headers, EventHeaders.DEAD_LETTER_PARTITION, Integer.toString(record.partition()));
        add(headers, EventHeaders.DEAD_LETTER_OFFSET, Long.toString(record.offset()));
        add(headers, EventHeaders.DEAD_LETTER_STAGE, stage);
        add(headers, EventHeaders.DEAD_LETTER_AT, at.toString());
        add(headers, EventHeaders.DEAD_LETTER_ATTEMPTS, Integer.toString(attempts));
        return headers;
    }

    /** The text of a header, or null when the record has none of that name. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
