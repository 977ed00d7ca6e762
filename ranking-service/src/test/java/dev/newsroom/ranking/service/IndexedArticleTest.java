package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.ranking.service.IndexedArticle.Neighbour;
import org.junit.jupiter.api.Test;

/** An article's related list: best first, at most k, kept in two arrays. */
class IndexedArticleTest {

    private static IndexedArticle article(String id) {
        return new IndexedArticle(id.hashCode(), id, 1, 1_700_000_000L, -1, new String[0]);
    }

    private final IndexedArticle holder = article("holder");
    private final IndexedArticle a = article("a");
    private final IndexedArticle b = article("b");
    private final IndexedArticle c = article("c");
    private final IndexedArticle d = article("d");

    @Test
    void shouldKeepTheLinksBestFirstWithTiesInIdOrder() {
        holder.insertRelated(b, 0.5, 3);
        holder.insertRelated(c, 0.9, 3);
        holder.insertRelated(a, 0.5, 3);

        assertThat(holder.related()).containsExactly(new Neighbour(c, 0.9), new Neighbour(a, 0.5), new Neighbour(b, 0.5));
        assertThat(holder.relatedCount()).isEqualTo(3);
        assertThat(holder.relatedScoreOf(a)).isEqualTo(0.5);
        assertThat(holder.relatedScoreOf(d)).isZero();
        assertThat(holder.lists(b)).isTrue();
        assertThat(holder.lists(d)).isFalse();
    }

    @Test
    void shouldPushTheWorstLinkOutOfAFullList() {
        holder.insertRelated(a, 0.3, 2);
        holder.insertRelated(b, 0.6, 2);

        IndexedArticle pushedOut = holder.insertRelated(c, 0.4, 2);

        assertThat(pushedOut).isSameAs(a);
        assertThat(holder.related()).containsExactly(new Neighbour(b, 0.6), new Neighbour(c, 0.4));
    }

    @Test
    void shouldRemoveOneLinkAndKeepTheOrderOfTheOthers() {
        holder.insertRelated(a, 0.9, 5);
        holder.insertRelated(b, 0.8, 5);
        holder.insertRelated(c, 0.7, 5);

        holder.removeRelated(b);
        holder.removeRelated(d); // not there: nothing changes

        assertThat(holder.related()).containsExactly(new Neighbour(a, 0.9), new Neighbour(c, 0.7));
        holder.insertRelated(d, 0.75, 5);
        assertThat(holder.related()).extracting(Neighbour::article).containsExactly(a, d, c);
    }

    @Test
    void shouldEmptyTheList() {
        holder.insertRelated(a, 0.9, 5);

        holder.clearRelated();

        assertThat(holder.related()).isEmpty();
        assertThat(holder.relatedCount()).isZero();
        assertThat(holder.insertRelated(b, 0.1, 1)).isNull();
        assertThat(holder.related()).containsExactly(new Neighbour(b, 0.1));
    }
}
