package dev.newsroom.ranking.service;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.ObjectCursor;
import dev.newsroom.model.ArticleId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link CorpusIndex}'s live articles by id. An article whose id is an {@link ArticleId} (every article that
 * came through ingest) is found by the id's 64 bits ({@link IndexedArticle#idBits}) in an open-addressing map of
 * longs: no key object, no node per article. Any other is found by its id's string. Not thread-safe.
 */
final class ArticlesById {

    private final LongObjectHashMap<IndexedArticle> byBits = new LongObjectHashMap<>();
    private final Map<String, IndexedArticle> byOtherId = new HashMap<>();

    /** The article with this id, or null. */
    IndexedArticle get(String id) {
        return ArticleId.isWellFormed(id) ? byBits.get(ArticleId.toBits(id)) : byOtherId.get(id);
    }

    /** Puts the article in, in the place of any with its id. */
    void put(IndexedArticle article) {
        if (article.otherId == null) {
            byBits.put(article.idBits, article);
        } else {
            byOtherId.put(article.otherId, article);
        }
    }

    /** Takes the article out, when it is the one its id maps to (not a newer version of it). */
    void remove(IndexedArticle article) {
        if (article.otherId == null) {
            if (byBits.get(article.idBits) == article) {
                byBits.remove(article.idBits);
            }
        } else {
            byOtherId.remove(article.otherId, article);
        }
    }

    int size() {
        return byBits.size() + byOtherId.size();
    }

    void clear() {
        byBits.clear();
        byOtherId.clear();
    }

    /** Each article, in no particular order. */
    void forEach(Consumer<IndexedArticle> action) {
        for (ObjectCursor<IndexedArticle> article : byBits.values()) {
            action.accept(article.value);
        }
        byOtherId.values().forEach(action);
    }
}
