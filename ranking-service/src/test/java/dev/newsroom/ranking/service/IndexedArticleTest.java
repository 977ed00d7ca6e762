package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.ArticleId;
import dev.newsroom.ranking.service.IndexedArticle.Neighbour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An article's related list: best first, at most k, kept in two arrays; its id, kept as 64 bits when it can be. */
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

    @Test
    void shouldGiveBackItsIdAndOrderIdsAsTheirStringsDoWhetherKeptAsBitsOrNot() {
        List<String> ids = new ArrayList<>(List.of("0000000000000000", "000000000000000a", "7fffffffffffffff",
                "8000000000000000", "ffffffffffffffff", // the sign bit: compared unsigned, as the strings are
                "a1", "", "8000000000000000x", "A000000000000000", "g000000000000000", "zz")); // not article ids
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            ids.add(ArticleId.fromCanonicalUrl("https://example.com/" + random.nextInt()));
        }
        List<IndexedArticle> articles = ids.stream().map(IndexedArticleTest::article).toList();

        assertThat(articles).extracting(IndexedArticle::id).containsExactlyElementsOf(ids);
        assertThat(articles.stream().filter(a -> a.otherId == null).count()).isEqualTo(205);
        assertThat(articles.stream().sorted(IndexedArticle.ID_ORDER).map(IndexedArticle::id).toList())
                .containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(articles.stream().sorted(IndexedArticle.ID_ORDER.reversed()).map(IndexedArticle::id).toList())
                .containsExactlyElementsOf(ids.stream().sorted(Comparator.reverseOrder()).toList());
    }

    @Test
    void shouldFindArticlesByIdWhetherTheirIdsAreArticleIdsOrNot() {
        ArticlesById byId = new ArticlesById();
        IndexedArticle hex = article("00000000000000ff");
        IndexedArticle upper = article("00000000000000FF"); // not an article id: another article
        IndexedArticle other = article("a1");
        List.of(hex, upper, other).forEach(byId::put);

        assertThat(byId.get("00000000000000ff")).isSameAs(hex);
        assertThat(byId.get("00000000000000FF")).isSameAs(upper);
        assertThat(byId.get("a1")).isSameAs(other);
        assertThat(byId.get("00000000000000fe")).isNull();
        assertThat(byId.get("b1")).isNull();
        assertThat(byId.size()).isEqualTo(3);

        IndexedArticle newerHex = article("00000000000000ff");
        IndexedArticle newerOther = article("a1");
        byId.put(newerHex); // a newer version takes the id's place
        byId.put(newerOther);
        byId.remove(hex); // the older version leaving does not take the newer one out
        byId.remove(other);
        assertThat(byId.get("00000000000000ff")).isSameAs(newerHex);
        assertThat(byId.get("a1")).isSameAs(newerOther);
        List<IndexedArticle> each = new ArrayList<>();
        byId.forEach(each::add);
        assertThat(each).containsExactlyInAnyOrder(newerHex, upper, newerOther);

        byId.remove(newerHex);
        byId.remove(newerOther);
        assertThat(byId.get("00000000000000ff")).isNull();
        assertThat(byId.get("a1")).isNull();
        assertThat(byId.size()).isEqualTo(1);
        byId.clear();
        assertThat(byId.size()).isZero();
    }
}
