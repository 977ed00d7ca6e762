package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.RelatedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCacheTest {

    /** Titles kept in the articles' related-list entries, three at most. */
    private final FieldCache<String> cache = new FieldCache<>(3, a -> a.summary == null ? null : a.summary.title(),
            (a, title) -> a.summary = title == null ? null : entry(title));

    private static RelatedArticle entry(String title) {
        return new RelatedArticle(title, null, null, null, null, null, null, null, null, null, List.of(), Map.of());
    }

    private static List<IndexedArticle> articles(int n) {
        List<IndexedArticle> articles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            articles.add(new IndexedArticle(i, "a" + i, 1, 1_700_000_000L + i, -1, new String[0]));
        }
        return articles;
    }

    @Test
    void shouldKeepTheValuesOfTheLatestCapacityArticlesAndDropTheOldestFirst() {
        List<IndexedArticle> a = articles(5);
        for (int i = 0; i < 5; i++) {
            cache.put(a.get(i), "t" + i);
        }

        assertThat(a).extracting(cache::get).containsExactly(null, null, "t2", "t3", "t4");
    }

    @Test
    void shouldReplaceAValueWithoutTakingASecondPlace() {
        List<IndexedArticle> a = articles(4);
        cache.put(a.get(0), "t0");
        cache.put(a.get(0), "t0 again");
        cache.put(a.get(1), "t1");
        cache.put(a.get(2), "t2");

        assertThat(a).extracting(cache::get).containsExactly("t0 again", "t1", "t2", null);
    }

    @Test
    void shouldForgetARemovedValueAndEverythingOnClear() {
        List<IndexedArticle> a = articles(3);
        a.forEach(article -> cache.put(article, article.id()));
        cache.remove(a.get(1));

        assertThat(a).extracting(cache::get).containsExactly("a0", null, "a2");

        cache.clear();
        cache.put(a.get(1), "again");

        assertThat(a).extracting(cache::get).containsExactly(null, "again", null);
    }
}
