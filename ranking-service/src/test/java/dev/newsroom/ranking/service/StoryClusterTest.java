package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A story of one article keeps no list or map of its own; what it says must not depend on that. */
class StoryClusterTest {

    private static final long T = 1_700_000_000L;

    private static IndexedArticle article(String id, long published, int quality, String... providers) {
        return new IndexedArticle(published, id, 1, published, quality, providers);
    }

    private static void edge(IndexedArticle a, IndexedArticle b) {
        a.addSameStory(b);
        b.addSameStory(a);
    }

    @Test
    void shouldGiveAStoryOfOneArticleThatArticlesFacts() {
        IndexedArticle only = article("only", T, 40, "a.com", "b.com");

        StoryCluster story = StoryCluster.of(List.of(only));

        assertThat(only.story).isSameAs(story);
        assertThat(story.size()).isEqualTo(1);
        assertThat(story.members()).containsExactly(only);
        assertThat(story.id()).isEqualTo("only");
        assertThat(story.first()).isSameAs(only);
        assertThat(story.last()).isSameAs(only);
        assertThat(story.lead()).isSameAs(only);
        assertThat(story.providers()).containsExactly("a.com", "b.com");
    }

    @Test
    void shouldJoinTwoStoriesOfOneArticleIntoOneWithBothFacts() {
        IndexedArticle later = article("later", T + 60, 80, "b.com", "c.com");
        IndexedArticle earlier = article("earlier", T, 40, "a.com", "b.com");
        StoryCluster.of(List.of(later));
        StoryCluster.of(List.of(earlier));
        edge(later, earlier);

        StoryCluster story = StoryCluster.join(later, earlier);

        assertThat(later.story).isSameAs(story);
        assertThat(earlier.story).isSameAs(story);
        assertThat(story.size()).isEqualTo(2);
        assertThat(story.members()).containsExactlyInAnyOrder(later, earlier);
        assertThat(story.id()).isEqualTo("earlier");
        assertThat(story.last()).isSameAs(later);
        assertThat(story.lead()).as("highest quality").isSameAs(later);
        assertThat(story.providers()).as("in order of first appearance").containsExactly("a.com", "b.com", "c.com");
    }

    @Test
    void shouldTakeAStoryOfOneArticleIntoALargerOneAndLeaveItEmpty() {
        IndexedArticle a = article("a", T + 10, 50, "x.com");
        IndexedArticle b = article("b", T + 20, 50, "y.com");
        IndexedArticle c = article("c", T, 90, "z.com", "x.com");
        edge(a, b);
        StoryCluster larger = StoryCluster.of(List.of(a, b));
        StoryCluster single = StoryCluster.of(List.of(c));
        edge(b, c);

        StoryCluster story = StoryCluster.join(b, c);

        assertThat(story).isSameAs(larger);
        assertThat(single.size()).isZero();
        assertThat(story.members()).containsExactlyInAnyOrder(a, b, c);
        assertThat(c.story).isSameAs(larger);
        assertThat(story.id()).isEqualTo("c");
        assertThat(story.lead()).isSameAs(c);
        assertThat(story.providers()).containsExactly("z.com", "x.com", "y.com");
    }

    @Test
    void shouldSplitAStoryIntoPartsOfOneArticleWithTheirOwnFacts() {
        IndexedArticle a = article("a", T, 50, "x.com");
        IndexedArticle b = article("b", T + 10, 50, "y.com");
        IndexedArticle c = article("c", T + 20, 50, "z.com");
        edge(a, b);
        edge(b, c);
        StoryCluster story = StoryCluster.of(List.of(a, b, c));

        List<List<IndexedArticle>> parts = story.partsWithout(Set.of(b));

        assertThat(parts).hasSize(2);
        parts.forEach(StoryCluster::of);
        assertThat(a.story.providers()).containsExactly("x.com");
        assertThat(c.story.providers()).containsExactly("z.com");
        assertThat(c.story.id()).isEqualTo("c");
    }

    @Test
    void shouldGiveAnArticleWithoutEdgesAComponentOfItselfThatCanBeSorted() {
        IndexedArticle alone = article("alone", T, 50, "x.com");

        List<IndexedArticle> component = StoryCluster.componentOf(alone, other -> true);
        component.sort(Comparator.comparingLong(a -> a.ord)); // as a story's parts are, when it is renamed

        assertThat(component).containsExactly(alone);
        assertThat(StoryCluster.of(component).members()).containsExactly(alone);
    }
}
