package dev.newsroom.ingest.service;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.seed.SeedFormatLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ingests one file: examine it, decide its version, publish it and wait for Kafka's acknowledgement.
 * An answer of "accepted" is only ever given for a record the broker has acknowledged.
 */
@ApplicationScoped
public class IngestService {

    private final ArticleIntake intake;
    private final IngestedVersions versions;
    private final ArticlePublisher publisher;
    private final Duration publishTimeout;
    private final Clock clock = Clock.systemUTC();
    private final Counter accepted;
    private final Counter unchanged;
    private final Counter rejected;
    private final Counter bytesIn;

    public IngestService(IngestConfig config, IngestedVersions versions, ArticlePublisher publisher, MeterRegistry registry) {
        this.intake = new ArticleIntake(new SeedFormatLimits(config.yaml().maxFrontMatterChars(),
                config.yaml().maxAliases(), config.yaml().maxNestingDepth()), config.maxFileBytes());
        this.versions = versions;
        this.publisher = publisher;
        this.publishTimeout = config.publishTimeout();
        this.accepted = files(registry, "accepted");
        this.unchanged = files(registry, "unchanged");
        this.rejected = files(registry, "rejected");
        this.bytesIn = Counter.builder("newsroom.ingest.bytes").description("bytes of submitted files")
                .baseUnit("bytes").register(registry);
    }

    private static Counter files(MeterRegistry registry, String outcome) {
        return Counter.builder("newsroom.ingest.files").description("submitted files by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * @throws ArticleRejectedException   for a file that is not a valid article
     * @throws BrokerUnavailableException when Kafka did not acknowledge in time (nothing accepted)
     */
    public IngestOutcome ingest(String file, byte[] bytes) {
        bytesIn.increment(bytes.length);
        IdentifiedArticle article;
        try {
            article = intake.examine(file, bytes);
        } catch (ArticleRejectedException e) {
            rejected.increment();
            throw e;
        }
        IngestedVersions.Decision decision = versions.decide(article.id(), article.contentHash());
        if (decision instanceof IngestedVersions.Unchanged same) {
            awaitEarlierPublish(same.pending());
            unchanged.increment();
            return new IngestOutcome(article.id(), same.version(), IngestOutcome.Status.UNCHANGED);
        }
        IngestedVersions.Publish publish = (IngestedVersions.Publish) decision;
        ArticleEvent event = ArticleEvent.ingested(article.id(), publish.version(), article.canonicalUrl(),
                article.contentHash(), clock.instant(), file, article.article());
        try {
            publisher.publish(event).await().atMost(publishTimeout);
        } catch (RuntimeException e) {
            versions.settle(publish.reservation(), false);
            throw new BrokerUnavailableException("Kafka did not acknowledge " + file + ": " + e.getMessage(), e);
        }
        versions.settle(publish.reservation(), true);
        accepted.increment();
        return new IngestOutcome(article.id(), publish.version(), IngestOutcome.Status.ACCEPTED);
    }

    /** Identical content submitted while the first copy is still in flight is only unchanged once that copy is acknowledged. */
    private void awaitEarlierPublish(CompletableFuture<Void> pending) {
        if (pending == null) {
            return;
        }
        try {
            pending.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new BrokerUnavailableException("Kafka did not acknowledge an earlier copy of this file", e);
        }
    }
}
