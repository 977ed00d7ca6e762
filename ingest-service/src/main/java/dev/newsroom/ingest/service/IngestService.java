package dev.newsroom.ingest.service;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.seed.SeedFormatLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Ingests files: examine each, decide its version, publish what is new and wait for Kafka's
 * acknowledgement. An answer of "accepted" is only ever given for a record the broker has acknowledged.
 *
 * <p>A batch is published concurrently: every new article of it is sent first, then all
 * acknowledgements are awaited together, so a batch costs about one broker round trip, not one per
 * file. A file that is not an article is answered as rejected and never holds back the others; if
 * Kafka does not acknowledge every new article of the batch in time, the whole batch is answered 503
 * (nothing accepted) and can be sent again as it is: what did reach Kafka then comes back "unchanged".
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
    private final Counter racesLost;

    /** A record that lost the race for its version is sent again as the next one, this many times at most. */
    static final int MAX_RACES = 5;

    public IngestService(IngestConfig config, IngestedVersions versions, ArticlePublisher publisher, MeterRegistry registry) {
        this.intake = new ArticleIntake(new SeedFormatLimits(config.yaml().maxFrontMatterChars(),
                config.yaml().maxAliases(), config.yaml().maxNestingDepth()), ArticleLimits.of(config.article()),
                config.maxFileBytes());
        this.versions = versions;
        this.publisher = publisher;
        this.publishTimeout = config.publishTimeout();
        this.accepted = files(registry, "accepted");
        this.unchanged = files(registry, "unchanged");
        this.rejected = files(registry, "rejected");
        this.bytesIn = Counter.builder("newsroom.ingest.bytes").description("bytes of submitted files (unpacked)")
                .baseUnit("bytes").register(registry);
        this.racesLost = Counter.builder("newsroom.ingest.races.lost")
                .description("records published again because another instance gave their version to another content first")
                .register(registry);
    }

    private static Counter files(MeterRegistry registry, String outcome) {
        return Counter.builder("newsroom.ingest.files").description("submitted files by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * One file on its own.
     *
     * @throws ArticleRejectedException   for a file that is not a valid article
     * @throws NotReadyException          before the versions already ingested are known (nothing accepted)
     * @throws BrokerUnavailableException when Kafka did not acknowledge in time (nothing accepted)
     */
    public IngestOutcome ingest(String file, byte[] bytes) {
        FileOutcome outcome = ingestBatch(List.of(SubmittedFile.of(file, bytes))).items().get(0);
        if (outcome.isRejected()) {
            throw new ArticleRejectedException(outcome.code(), outcome.problems());
        }
        return new IngestOutcome(outcome.id(), outcome.version(), outcome.status());
    }

    /**
     * Whether files can be ingested now: only once the versions of every article already ingested are
     * known (read back from Kafka at start), since before that new content cannot be told from old.
     */
    public boolean isReady() {
        return versions.isCaughtUp();
    }

    /**
     * Many files: one answer per file, in order.
     *
     * @throws NotReadyException          before the versions already ingested are known (nothing accepted)
     * @throws BrokerUnavailableException when Kafka did not acknowledge every new article in time
     */
    public BatchOutcome ingestBatch(List<SubmittedFile> files) {
        if (!isReady()) {
            throw new NotReadyException("the versions of the articles already ingested are still being read from "
                    + "Kafka; nothing was accepted");
        }
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        FileOutcome[] outcomes = new FileOutcome[files.size()];
        List<Sent> sent = new ArrayList<>();
        List<Known> known = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SubmittedFile file = files.get(i);
            bytesIn.increment(file.size());
            IdentifiedArticle article;
            try {
                if (file.refusal() != null) {
                    throw file.refusal();
                }
                article = intake.examine(file.name(), file.bytes());
            } catch (ArticleRejectedException e) {
                outcomes[i] = FileOutcome.rejected(file.name(), e);
                continue;
            }
            IngestedVersions.Decision decision = versions.decide(article.id(), article.contentHash());
            if (decision instanceof IngestedVersions.Unchanged same) {
                known.add(new Known(i, article, same));
            } else {
                IngestedVersions.Publish publish = (IngestedVersions.Publish) decision;
                sent.add(send(i, article, file.name(), publish));
            }
        }

        // Every new article is on its way; now collect the acknowledgements, and read each record back to
        // be sure it stands (another instance may have given the same version to another content first:
        // then it goes again as the next version; see IngestedVersions). Reservations are settled
        // last-first, so that two versions of one article in the same batch roll back in the right order.
        Throwable failure = null;
        boolean[] acknowledged = new boolean[sent.size()];
        for (int k = 0; k < sent.size(); k++) {
            Throwable error = null;
            for (int attempt = 1; ; attempt++) {
                Sent s = sent.get(k);
                error = await(s.ack(), deadline);
                if (error != null) {
                    versions.release(s.publish());
                    break;
                }
                Boolean stands = verdict(s, deadline);
                if (stands == null) {
                    error = new TimeoutException("record of " + s.article().id() + " not read back from Kafka in time");
                    break;
                }
                IngestedVersions.Publish again = stands ? null : versions.republish(s.publish());
                if (again == null) {
                    break;
                }
                if (attempt >= MAX_RACES) {
                    versions.release(again);
                    versions.settle(again.reservation(), false);
                    error = new IllegalStateException("lost " + attempt + " races for " + s.article().id());
                    break;
                }
                racesLost.increment();
                sent.set(k, send(s.index(), s.article(), s.file(), again));
            }
            acknowledged[k] = error == null;
            failure = failure == null ? error : failure;
        }
        for (int k = sent.size() - 1; k >= 0; k--) {
            versions.settle(sent.get(k).publish().reservation(), acknowledged[k]);
        }
        for (Known k : known) {
            CompletableFuture<Void> earlier = k.decision().pending();
            Throwable error = earlier == null ? null : await(earlier, deadline);
            failure = failure == null ? error : failure;
        }
        if (failure != null) {
            throw new BrokerUnavailableException("Kafka did not acknowledge " + sent.size() + " new article(s) of "
                    + files.size() + " file(s) in time: " + failure, failure);
        }

        for (Sent s : sent) {
            outcomes[s.index()] = FileOutcome.of(s.article().file(), s.article().id(), s.publish().version(),
                    IngestOutcome.Status.ACCEPTED);
        }
        for (Known k : known) {
            outcomes[k.index()] = FileOutcome.of(k.article().file(), k.article().id(), k.decision().version(),
                    IngestOutcome.Status.UNCHANGED);
        }
        BatchOutcome batch = BatchOutcome.of(List.of(outcomes));
        accepted.increment(batch.accepted());
        unchanged.increment(batch.unchanged());
        rejected.increment(batch.rejected());
        return batch;
    }

    private Sent send(int index, IdentifiedArticle article, String file, IngestedVersions.Publish publish) {
        ArticleEvent event = ArticleEvent.ingested(article.id(), publish.version(), article.canonicalUrl(),
                article.contentHash(), clock.instant(), file, article.article());
        return new Sent(index, article, file, publish,
                publisher.publish(event, publish.priorHashes()).subscribeAsCompletionStage());
    }

    /** Whether the acknowledged record of {@code sent} stands (first of its version); null when not known in time. */
    private Boolean verdict(Sent sent, long deadline) {
        RecordMetadata written = sent.ack().getNow(null);
        if (written == null || !written.hasOffset()) {
            // no offset to check against (the connector did not say): trust the acknowledgement
            versions.release(sent.publish());
            return true;
        }
        try {
            return versions.awaitVerdict(sent.publish(), written.offset(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Null when {@code future} completed in time, else why not. */
    private static Throwable await(CompletableFuture<?> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private record Sent(int index, IdentifiedArticle article, String file, IngestedVersions.Publish publish,
                        CompletableFuture<RecordMetadata> ack) {
    }

    private record Known(int index, IdentifiedArticle article, IngestedVersions.Unchanged decision) {
    }
}
