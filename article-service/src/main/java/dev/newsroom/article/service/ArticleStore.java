package dev.newsroom.article.service;

import dev.newsroom.article.repository.ArticleEntity;
import dev.newsroom.model.Article;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Idempotent, order-proof upserts of ranked articles: a record replaces the stored article only if it
 * is newer (a higher version, or the same version ranked later), so redelivered and reordered records
 * are harmless. One transaction per batch.
 */
@ApplicationScoped
public class ArticleStore {

    /** @return how many articles were inserted or changed */
    @Transactional
    public int upsert(Collection<ArticleEvent> events) {
        Map<String, ArticleEvent> newestPerId = new LinkedHashMap<>();
        for (ArticleEvent e : events) {
            newestPerId.merge(e.articleId(), e, (a, b) -> isNewer(b.version(), b.ranking().rankedAt(), a) ? b : a);
        }
        Map<String, ArticleEntity> stored = ArticleEntity.<ArticleEntity>list("id in ?1", List.copyOf(newestPerId.keySet()))
                .stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        int changed = 0;
        for (ArticleEvent event : newestPerId.values()) {
            ArticleEntity entity = stored.get(event.articleId());
            if (entity == null) {
                entity = new ArticleEntity();
                entity.id = event.articleId();
                apply(event, entity);
                entity.persist();
                changed++;
            } else if (isNewer(event.version(), event.ranking().rankedAt(), entity)) {
                apply(event, entity);
                changed++;
            }
        }
        return changed;
    }

    private static boolean isNewer(long version, java.time.Instant rankedAt, ArticleEvent than) {
        return version > than.version() || (version == than.version() && !rankedAt.isBefore(than.ranking().rankedAt()));
    }

    private static boolean isNewer(long version, java.time.Instant rankedAt, ArticleEntity than) {
        return version > than.version || (version == than.version && rankedAt.isAfter(than.rankedAt));
    }

    private static void apply(ArticleEvent event, ArticleEntity entity) {
        Article a = event.article();
        entity.version = event.version();
        entity.contentHash = event.contentHash();
        entity.ingestedAt = event.ingestedAt();
        entity.rankedAt = event.ranking().rankedAt();
        entity.title = a.title();
        entity.publishedAt = a.publishedDateTime();
        entity.providerDomain = a.provider() == null ? null : a.provider().domain();
        entity.providerName = a.provider() == null ? null : a.provider().name();
        entity.category = a.category();
        entity.type = a.type();
        entity.live = a.isLive();
        entity.heat = event.ranking().heat().value();
        entity.storyId = event.ranking().story() == null ? null : event.ranking().story().id();
        entity.document = Json.write(ArticleView.of(event));
    }
}
