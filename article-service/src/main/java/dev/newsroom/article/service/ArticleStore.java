package dev.newsroom.article.service;

import dev.newsroom.article.repository.ArticleWriter;
import dev.newsroom.model.event.ArticleEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Idempotent, order-proof storage of {@code articles.ranked} (schema 2): whole articles, ranking updates and
 * story facts. Within a batch, all records of one article become one change (the latest wins: the newest
 * whole record, with a later update of its version folded in), as do all records of one story (the latest,
 * and the latest merge of the story if that is not it); the batch is
 * written in one transaction ({@link ArticleWriter}), so redelivered and reordered records are harmless. The
 * rendered pages are dropped once it committed.
 */
@ApplicationScoped
public class ArticleStore {

    private static final Logger LOG = Logger.getLogger(ArticleStore.class);

    private final ArticleWriter writer;
    private final PageCache pages;
    private final Counter inserted;
    private final Counter updated;
    private final Counter stale;
    private final Counter pending;

    public ArticleStore(ArticleWriter writer, PageCache pages, MeterRegistry registry) {
        this.writer = writer;
        this.pages = pages;
        this.inserted = upserts(registry, "inserted");
        this.updated = upserts(registry, "updated");
        this.stale = upserts(registry, "stale");
        this.pending = upserts(registry, "pending");
    }

    private static Counter upserts(MeterRegistry registry, String outcome) {
        return Counter.builder("newsroom.articles.upserts")
                .description("ranked article records stored: inserted, updated, stale (older than what is stored),"
                        + " or pending (a ranking update waiting for its version)")
                .tag("outcome", outcome).register(registry);
    }

    /** Whole articles only. @return how many articles were inserted or changed */
    public int upsert(Collection<ArticleEvent> events) {
        return store(events.stream().<RankedRecord>map(RankedRecord.Whole::new).toList());
    }

    /** @return how many articles were inserted or changed (whole records and applied ranking updates) */
    public int store(List<RankedRecord> records) {
        long started = System.nanoTime();
        Map<String, StoredArticle> wholes = new LinkedHashMap<>();
        Map<String, RankingUpdate> updates = new LinkedHashMap<>();
        Map<String, StoryRecord> stories = new LinkedHashMap<>();
        Map<String, StoryRecord> merges = new LinkedHashMap<>();
        for (RankedRecord record : records) {
            if (record instanceof RankedRecord.Whole w) {
                wholes.merge(w.id(), StoredArticle.of(w.event()), (a, b) -> isNewer(b.event(), a.event()) ? b : a);
            } else if (record instanceof RankedRecord.Update u) {
                updates.merge(u.id(), u.update(), (a, b) -> isNewer(b, a) ? b : a);
            } else if (record instanceof RankedRecord.Story s) {
                stories.merge(s.id(), s.record(), (a, b) -> ArticleWriter.isLater(b, a) ? b : a);
                if (s.record().isMerge()) {
                    merges.merge(s.id(), s.record(), (a, b) -> ArticleWriter.isLater(b, a) ? b : a);
                }
            }
        }
        // a merge that later facts of its story outdate still moves the members it took then
        List<StoryRecord> storyRecords = new ArrayList<>(stories.values());
        merges.forEach((id, merge) -> {
            if (stories.get(id) != merge) {
                storyRecords.add(merge);
            }
        });
        // an update of the version of a whole record in the same batch: folded in when later, else superseded
        for (var it = updates.values().iterator(); it.hasNext(); ) {
            RankingUpdate u = it.next();
            StoredArticle whole = wholes.get(u.articleId());
            if (whole != null && u.version() <= whole.version()) {
                if (whole.supersededBy(u)) {
                    wholes.put(whole.id(), whole.with(u));
                }
                it.remove();
            }
        }
        ArticleWriter.Batch batch = new ArticleWriter.Batch(List.copyOf(wholes.values()), List.copyOf(updates.values()),
                List.copyOf(storyRecords));
        if (batch.size() == 0) {
            return 0;
        }
        long rendered = System.nanoTime();
        ArticleWriter.Outcome outcome = QuarkusTransaction.requiringNew().call(() -> writer.write(batch));
        LOG.debugf("stored a batch of %d in %d ms (rendering %d ms, database %d ms): %s", records.size(),
                (System.nanoTime() - started) / 1_000_000, (rendered - started) / 1_000_000,
                (System.nanoTime() - rendered) / 1_000_000, outcome);
        inserted.increment(outcome.inserted());
        updated.increment(outcome.updated());
        pending.increment(outcome.pending());
        stale.increment(outcome.stale() + records.size() - batch.size());   // merged within the batch count as stale
        if (outcome.changed()) {
            pages.clear();
        }
        return outcome.inserted() + outcome.updated();
    }

    private static boolean isNewer(ArticleEvent a, ArticleEvent than) {
        return a.version() > than.version()
                || (a.version() == than.version() && !a.ranking().rankedAt().isBefore(than.ranking().rankedAt()));
    }

    private static boolean isNewer(RankingUpdate a, RankingUpdate than) {
        return a.version() > than.version()
                || (a.version() == than.version() && !a.rankedAt().isBefore(than.rankedAt()));
    }
}
