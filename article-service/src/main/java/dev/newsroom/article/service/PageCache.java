package dev.newsroom.article.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsroom.article.config.ArticleServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rendered first pages (lists without a cursor, feeds, the web page), kept in memory for a moment: the
 * most requested pages of a news service are the same few front pages, and rendering one costs a query
 * and tens of kilobytes of JSON. Every stored batch clears the cache, so this instance never serves a
 * page older than its own last write; the short time-to-live bounds how long a page can miss what
 * another instance wrote.
 */
@ApplicationScoped
public class PageCache {

    private final Cache<String, Rendered> pages;
    private final AtomicLong generation = new AtomicLong();

    public PageCache(ArticleServiceConfig config) {
        this.pages = Caffeine.newBuilder().expireAfterWrite(config.caching().pageTtl())
                .maximumSize(config.caching().pageEntries()).build();
    }

    public Rendered get(String key, Supplier<Rendered> render) {
        Rendered page = pages.getIfPresent(key);
        if (page == null) {
            long before = generation.get();
            page = render.get();
            if (generation.get() == before) {
                // a page rendered while a batch was being stored may already be stale: serve it, keep it not
                pages.put(key, page);
            }
        }
        return page;
    }

    public void clear() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }
}
