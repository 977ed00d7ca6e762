package dev.newsroom.model.event;

import java.util.List;

/**
 * Kafka record headers on both article topics, so that a consumer can learn an article's version and
 * content hash without parsing the value (ingest-service rebuilds its dedup state from them).
 * Values are UTF-8 text.
 */
public final class EventHeaders {
    public static final String SCHEMA_VERSION = "newsroom-schema-version";
    public static final String ARTICLE_VERSION = "newsroom-article-version";
    public static final String CONTENT_HASH = "newsroom-content-hash";
    /**
     * On {@code articles.ingested}: the content hashes of the article's earlier versions, oldest first,
     * comma-separated (at most the last 100; absent when there are none). The topic is compacted, so the
     * latest record is the only one left to say which contents the article already had.
     */
    public static final String PRIOR_CONTENT_HASHES = "newsroom-prior-content-hashes";

    // ---- dead letters: added to a record (whose own key, value and headers are kept) when a stage sends
    // it to its dead-letter topic (articles.ingested.dlq, articles.ranked.dlq); removed again on replay.

    /** Every dead-letter header starts with this, so a replay can strip them all. */
    public static final String DEAD_LETTER_PREFIX = "dead-letter-";
    /** Why the record was dead-lettered: the fault's message. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** The class of the exception that decided the fault. */
    public static final String DEAD_LETTER_EXCEPTION = "dead-letter-exception";
    /** The fault kind: {@code permanent}, or {@code unknown} once its retries ran out. */
    public static final String DEAD_LETTER_FAULT = "dead-letter-fault";
    /** What the classifier saw, e.g. {@code SQLState 22021 (data exception)}. */
    public static final String DEAD_LETTER_CLASSIFICATION = "dead-letter-classification";
    /** The topic, partition and offset the record was read from: where a replay sends it back to. */
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";
    /** The stage that gave up on it: {@code ranking} or {@code store}. */
    public static final String DEAD_LETTER_STAGE = "dead-letter-stage";
    /** When it was dead-lettered (ISO-8601 instant) and after how many attempts. */
    public static final String DEAD_LETTER_AT = "dead-letter-at";
    public static final String DEAD_LETTER_ATTEMPTS = "dead-letter-attempts";

    private EventHeaders() {
    }

    /** The value of {@link #PRIOR_CONTENT_HASHES} for these hashes. */
    public static String joinHashes(List<String> hashes) {
        return String.join(",", hashes);
    }

    /** The hashes of a {@link #PRIOR_CONTENT_HASHES} value; an absent or empty header holds none. */
    public static List<String> splitHashes(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
    }
}
