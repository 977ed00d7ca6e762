package dev.newsroom.model.event;

/**
 * Kafka record headers on both article topics, so that a consumer can learn an article's version and
 * content hash without parsing the value (ingest-service rebuilds its dedup state from them).
 * Values are UTF-8 text.
 */
public final class EventHeaders {
    public static final String SCHEMA_VERSION = "newsroom-schema-version";
    public static final String ARTICLE_VERSION = "newsroom-article-version";
    public static final String CONTENT_HASH = "newsroom-content-hash";

    private EventHeaders() {
    }
}
