package dev.newsroom.model.event;

import dev.newsroom.model.Article;
import java.time.Instant;

/**
 * The value of a record on {@code articles.ingested} and {@code articles.ranked}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written; readers ignore fields they do not know
 * @param articleId     {@code ArticleId} of the canonical URL; also the record key
 * @param version       1 for the first content of an article, +1 for each changed content
 * @param canonicalUrl  the address the id was derived from
 * @param contentHash   {@code SeedFormat.contentHash} of {@code article}
 * @param ingestedAt    when ingest-service accepted this version
 * @param sourceFile    the file name the publisher submitted
 * @param article       the article as ingested (repaired, dates in UTC)
 * @param ranking       heat, related links and story; {@code null} on {@code articles.ingested}
 */
public record ArticleEvent(
        int schemaVersion,
        String articleId,
        long version,
        String canonicalUrl,
        String contentHash,
        Instant ingestedAt,
        String sourceFile,
        Article article,
        Ranking ranking) {

    public static final int SCHEMA_VERSION = 2;

    public static ArticleEvent ingested(String articleId, long version, String canonicalUrl, String contentHash,
                                        Instant ingestedAt, String sourceFile, Article article) {
        return new ArticleEvent(SCHEMA_VERSION, articleId, version, canonicalUrl, contentHash, ingestedAt,
                sourceFile, article, null);
    }

    public ArticleEvent withRanking(Ranking newRanking) {
        return new ArticleEvent(SCHEMA_VERSION, articleId, version, canonicalUrl, contentHash, ingestedAt,
                sourceFile, article, newRanking);
    }
}
