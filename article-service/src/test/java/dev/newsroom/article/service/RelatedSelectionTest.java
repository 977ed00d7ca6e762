package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.service.RelatedSelection.Link;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The related links an article shows, of its own links and its backlinks. */
class RelatedSelectionTest {

    private static final String X = "x000000000000000";

    private static Link editorial(int position, String relatedId, double score) {
        return new Link(X, position, relatedId, score, true, relatedId == null ? null : true, "e" + position);
    }

    private static Link own(int position, String relatedId, double score) {
        return new Link(X, position, relatedId, score, false, true, "own " + relatedId);
    }

    /** A backlink given by {@code from} (which is the article it links to). */
    private static Link backlink(String from, double score) {
        return new Link(from, 0, from, score, false, true, "back " + from);
    }

    private static List<String> shown(List<Link> links, int limit) {
        List<Link> shuffled = new ArrayList<>(links);
        Collections.shuffle(shuffled, new java.util.Random(links.size()));
        return RelatedSelection.select(X, shuffled, limit).stream().map(Link::document).toList();
    }

    @Test
    void shouldMergeEditorialAndComputedLinksBestFirstEditorialFirstOnTies() {
        List<Link> links = List.of(editorial(0, null, 1.0), editorial(1, "e1", 0.5), own(2, "c1", 0.7),
                own(3, "c2", 0.5), backlink("b1", 0.9));

        assertThat(shown(links, 0)).containsExactly("e0", "back b1", "own c1", "e1", "own c2");
    }

    @Test
    void shouldKeepEditorialLinksInTheirOrderOnEqualScores() {
        List<Link> links = List.of(editorial(2, null, 1.0), editorial(0, null, 1.0), editorial(1, null, 1.0));

        assertThat(shown(links, 0)).containsExactly("e0", "e1", "e2");
    }

    @Test
    void shouldShowTheBestComputedLinksUpToTheLimitTiesByRelatedId() {
        List<Link> links = List.of(own(0, "c3", 0.8), own(1, "c1", 0.6), backlink("b2", 0.6), backlink("b1", 0.6),
                backlink("b3", 0.9), editorial(2, null, 0.1));

        assertThat(shown(links, 3)).containsExactly("back b3", "own c3", "back b1", "e2");
        assertThat(shown(links, 0)).containsExactly("back b3", "own c3", "back b1", "back b2", "own c1", "e2");
    }

    @Test
    void shouldNeverLimitEditorialLinks() {
        List<Link> links = List.of(editorial(0, null, 1.0), editorial(1, null, 1.0), own(2, "c1", 0.9));

        assertThat(shown(links, 1)).containsExactly("e0", "e1", "own c1");
    }

    @Test
    void shouldShowEachRelatedArticleOnceWithItsBestScore() {
        Link ownLower = own(0, "y", 0.5);
        Link backHigher = new Link("y", 0, "y", 0.7, false, true, "back y");

        assertThat(shown(List.of(ownLower, backHigher), 0)).containsExactly("back y");
        assertThat(shown(List.of(own(0, "y", 0.8), backHigher), 0)).containsExactly("own y");
    }

    @Test
    void shouldPreferTheBacklinkOfTheRelatedArticleOnEqualScores() {
        assertThat(shown(List.of(own(0, "y", 0.7), new Link("y", 0, "y", 0.7, false, true, "back y")), 0))
                .containsExactly("back y");
    }

    @Test
    void shouldDropComputedLinksToRetractedArticlesBeforeLimiting() {
        Link retracted = new Link(X, 0, "r", 0.9, false, false, "own r");
        Link notStored = new Link(X, 1, "n", 0.8, false, null, "own n");

        assertThat(shown(List.of(retracted, notStored, own(2, "c", 0.5)), 2)).containsExactly("own n", "own c");
    }

    @Test
    void shouldKeepEditorialLinksToRetractedArticlesForTheApiToShowAsRanked() {
        Link retracted = new Link(X, 0, "r", 1.0, true, false, "e0");

        assertThat(shown(List.of(retracted), 0)).containsExactly("e0");
        assertThat(retracted.toRetracted()).isTrue();
    }

    @Test
    void shouldNotRepeatAsComputedAnArticleAnEditorialLinkNames() {
        List<Link> links = List.of(editorial(0, "y", 0.6), backlink("y", 0.9), own(1, "c", 0.7));

        assertThat(shown(links, 1)).containsExactly("own c", "e0");
    }

    @Test
    void shouldShowNothingWithoutLinks() {
        assertThat(RelatedSelection.select(X, List.of(), 5)).isEmpty();
    }
}
