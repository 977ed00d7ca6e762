package dev.newsroom.article.service;

import dev.newsroom.article.repository.ArticleWriter;
import dev.newsroom.model.event.ArticleEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Idempotent, order-proof upserts of ranked articles: a record replaces the stored article only if it
 * is newer (a higher version, or the same version ranked later), so redelivered and reordered records
 * are harmless. One transaction per batch; the rendered pages are dropped once it committed.
 */
@ApplicationScoped
public class ArticleStore {

    private static final Logger LOG = Logger.getLogger(ArticleStore.class);

    private final ArticleWriter writer;
    private final PageCache pages;
    private final Counter inserted;
    private final Counter updated;
    private final Counter stale;

    public ArticleStore(ArticleWriter writer, PageCache pages, MeterRegistry registry) {
        this.writer = writer;
        this.pages = pages;
        this.inserted = upserts(registry, "inserted");
        this.updated = upserts(registry, "updated");
        this.stale = upserts(registry, "stale");
    }

    private static Counter upserts(MeterRegistry registry, String outcome) {
        return Counter.builder("newsroom.articles.upserts")
                .description("ranked article records stored: inserted, updated, or stale (older than what is stored)")
                .tag("outcome", outcome).register(registry);
    }

    /** @return how many articles were inserted or changed */
    public int upsert(Collection<ArticleEvent> events) {
        long started = System.nanoTime();
        Map<String, StoredArticle> newestPerId = new LinkedHashMap<>();
        for (ArticleEvent e : events) {
            newestPerId.merge(e.articleId(), StoredArticle.of(e), (a, b) -> isNewer(b.event(), a.event()) ? b : a);
        }
        if (newestPerId.isEmpty()) {
            return 0;
        }
        long rendered = System.nanoTime();
        ArticleWriter.Outcome outcome = QuarkusTransaction.requiringNew().call(() -> writer.write(newestPerId.values()));
        LOG.debugf("stored a batch of %d in %d ms (rendering %d ms, database %d ms): %s", events.size(),
                (System.nanoTime() - started) / 1_000_000, (rendered - started) / 1_000_000,
                (System.nanoTime() - rendered) / 1_000_000, outcome);
        inserted.increment(outcome.inserted());
        updated.increment(outcome.updated());
        stale.increment(outcome.stale() + events.size() - newestPerId.size());
        if (outcome.inserted() + outcome.updated() > 0) {
            pages.clear();
        }
        return outcome.inserted() + outcome.updated();
    }

    private static boolean isNewer(ArticleEvent a, ArticleEvent than) {
        return a.version() > than.version()
                || (a.version() == than.version() && !a.ranking().rankedAt().isBefore(than.ranking().rankedAt()));
    }
}
