package dev.newsroom.ranking.service;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A value cached in a field of the article itself ({@link IndexedArticle#profile}, {@link IndexedArticle#summary}),
 * kept by at most {@code capacity} articles at a time: those given one most recently, the oldest dropping
 * theirs first. A look-up is a field read of an article already in hand, where an access-ordered
 * {@code LinkedHashMap} (hashing, relinking its entries on every read) cost a tenth of the corpus feed's time.
 * Not thread-safe: the {@link CorpusIndex} serialises access.
 */
final class FieldCache<V> {

    private final Function<IndexedArticle, V> read;
    private final BiConsumer<IndexedArticle, V> write;
    /** The articles that were given a value, in a ring: {@link #next} is the oldest, overwritten next. */
    private final IndexedArticle[] holders;
    private int next;

    FieldCache(int capacity, Function<IndexedArticle, V> read, BiConsumer<IndexedArticle, V> write) {
        this.holders = new IndexedArticle[capacity];
        this.read = read;
        this.write = write;
    }

    /** The article's cached value, null when it has none. */
    V get(IndexedArticle article) {
        return read.apply(article);
    }

    void put(IndexedArticle article, V value) {
        if (read.apply(article) == null) {
            IndexedArticle oldest = holders[next];
            if (oldest != null) {
                write.accept(oldest, null);
            }
            holders[next] = article;
            next = (next + 1) % holders.length;
        }
        write.accept(article, value);
    }

    /**
     * Drops the value of an article leaving the index. Its place in the ring stays until overwritten; were the
     * article given a value again before that, the old place would drop the new value early (a miss, no
     * error), but an article that left is never given one again.
     */
    void remove(IndexedArticle article) {
        write.accept(article, null);
    }

    void clear() {
        for (IndexedArticle holder : holders) {
            if (holder != null) {
                write.accept(holder, null);
            }
        }
        Arrays.fill(holders, null);
        next = 0;
    }
}
