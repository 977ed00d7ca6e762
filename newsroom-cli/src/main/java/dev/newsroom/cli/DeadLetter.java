package dev.newsroom.cli;

import dev.newsroom.model.event.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record of a dead-letter topic, with what its headers say about it. */
record DeadLetter(String topic, int partition, long offset, String key, String originTopic, Integer originPartition,
                  Long originOffset, String stage, String fault, String classification, String exception,
                  String reason, String at, String attempts) {

    static DeadLetter of(ConsumerRecord<String, ?> r) {
        return new DeadLetter(r.topic(), r.partition(), r.offset(), r.key(),
                header(r, EventHeaders.DEAD_LETTER_TOPIC), integer(header(r, EventHeaders.DEAD_LETTER_PARTITION)),
                number(header(r, EventHeaders.DEAD_LETTER_OFFSET)), header(r, EventHeaders.DEAD_LETTER_STAGE),
                header(r, EventHeaders.DEAD_LETTER_FAULT), header(r, EventHeaders.DEAD_LETTER_CLASSIFICATION),
                header(r, EventHeaders.DEAD_LETTER_EXCEPTION), header(r, EventHeaders.DEAD_LETTER_REASON),
                header(r, EventHeaders.DEAD_LETTER_AT), header(r, EventHeaders.DEAD_LETTER_ATTEMPTS));
    }

    /** {@code articles.ranked-2@345}, or {@code ?} when the headers do not say. */
    String origin() {
        return originTopic == null ? "?" : originTopic + "-" + originPartition + "@" + originOffset;
    }

    /** One line for people. */
    String line() {
        return topic + "@" + offset + "  key=" + key + "  from " + origin() + "  stage=" + stage + "  at=" + at
                + "  " + (classification == null ? "" : "[" + classification + "] ") + reason;
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("partition", partition);
        json.put("offset", offset);
        json.put("key", key);
        json.put("originTopic", originTopic);
        json.put("originPartition", originPartition);
        json.put("originOffset", originOffset);
        json.put("stage", stage);
        json.put("fault", fault);
        json.put("classification", classification);
        json.put("exception", exception);
        json.put("reason", reason);
        json.put("at", at);
        json.put("attempts", integer(attempts));
        return json;
    }

    private static String header(ConsumerRecord<String, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String s) {
        Long n = number(s);
        return n == null ? null : n.intValue();
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
