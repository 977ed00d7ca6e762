package dev.newsroom.model.event;

/**
 * The Kafka topics between the services. Both article topics are keyed by article id (so every version
 * of an article lands in one partition, in order) and compacted (so a new ranking instance can rebuild
 * its index from the topic alone). Values are {@link ArticleEvent} JSON; see {@link EventHeaders}.
 */
public final class EventTopics {
    /** ingest-service → ranking-service: every accepted new version of an article, {@code ranking == null}. */
    public static final String INGESTED = "articles.ingested";
    /** ranking-service → article-service: an article with its heat, related links and story. */
    public static final String RANKED = "articles.ranked";
    /** Records ranking-service could not process, with the reason in headers. */
    public static final String INGESTED_DEAD_LETTER = "articles.ingested.dlq";
    /** Records article-service could not store, with the reason in headers. */
    public static final String RANKED_DEAD_LETTER = "articles.ranked.dlq";

    private EventTopics() {
    }
}
