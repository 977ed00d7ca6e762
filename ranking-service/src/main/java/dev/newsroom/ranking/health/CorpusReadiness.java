package dev.newsroom.ranking.health;

import dev.newsroom.ranking.listener.CorpusFeed;
import dev.newsroom.ranking.service.Corpus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the corpus feed has read {@code articles.ingested} up to where the topic ended at start (after a
 * restart, only what came after the index's last commit).
 */
@Readiness
@ApplicationScoped
public class CorpusReadiness implements HealthCheck {

    private final CorpusFeed feed;
    private final Corpus corpus;

    public CorpusReadiness(CorpusFeed feed, Corpus corpus) {
        this.feed = feed;
        this.corpus = corpus;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("corpus").status(feed.isRebuilt())
                .withData("recordsRead", feed.recordsRead())
                .withData("recordsSkipped", feed.recordsSkipped())
                .withData("indexCommits", feed.commits())
                .withData("articlesIndexed", corpus.size())
                .build();
    }
}
