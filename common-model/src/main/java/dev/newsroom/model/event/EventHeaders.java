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
