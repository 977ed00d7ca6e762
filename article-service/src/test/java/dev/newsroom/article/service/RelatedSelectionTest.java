package dev.newsroom.article.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.model.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.service.RelatedSelection.Link;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The related links an article shows, of its own links and its backlinks. */
class RelatedSelectionTest {

    private static final String X = "x000000000000000";

    /** An entry's document as the writer stores it: id, score and source, then the linked article's fields. */
    private static String document(String id, double score, String source, String tag) {
        return "{\"id\":" + (id == null ? "null" : "\"" + id + "\"") + ",\"score\":" + score + ",\"source\":\"" + source
                + "\",\"title\":\"" + tag + "\"}";
    }

    /** An editorial link of X's own; {@code relatedId} the article its URL names, {@code live} whether it is stored and live. */
    private static Link editorial(int position, String relatedId, double score, Boolean live) {
        return new Link(X, position, relatedId, score, true, live, document(live == Boolean.TRUE ? relatedId : null, score,
                "editorial", "e" + position));
    }

    private static Link own(int position, String relatedId, double score) {
        return new Link(X, position, relatedId, score, false, true, document(relatedId, score, "computed", "own " + relatedId));
    }

    /** A backlink given by {@code from} (which is the article it links to). */
    private static Link backlink(String from, double score) {
        return new Link(from, 0, from, score, false, true, document(from, score, "computed", "back " + from));
    }

    /** What is shown, each as "tag id score", after the rows were given in a shuffled order. */
    private static List<String> shown(List<Link> links, int limit) {
        List<Link> shuffled = new ArrayList<>(links);
        Collections.shuffle(shuffled, new java.util.Random(links.size()));
        return RelatedSelection.select(X, shuffled, limit).stream().map(l -> {
            JsonNode entry = read(l.document());
            return entry.path("title").asText() + " " + (entry.path("id").isNull() ? "-" : entry.path("id").asText()) + " "
                    + entry.path("score").asDouble();
        }).toList();
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldMergeEditorialAndComputedLinksBestFirstEditorialFirstOnTies() {
        List<Link> links = List.of(editorial(0, "n", 1.0, null), editorial(1, "e1", 0.5, true), own(2, "c1", 0.7),
                own(3, "c2", 0.5), backlink("b1", 0.9));

        assertThat(shown(links, 0)).containsExactly("e0 - 1.0", "back b1 b1 0.9", "own c1 c1 0.7", "e1 e1 0.5",
                "own c2 c2 0.5");
    }

    @Test
    void shouldKeepEditorialLinksInTheirOrderOnEqualScores() {
        List<Link> links = List.of(editorial(2, null, 1.0, null), editorial(0, null, 1.0, null), editorial(1, null, 1.0, null));

        assertThat(shown(links, 0)).containsExactly("e0 - 1.0", "e1 - 1.0", "e2 - 1.0");
    }

    @Test
    void shouldShowTheBestComputedLinksUpToTheLimitTiesByRelatedId() {
        List<Link> links = List.of(own(0, "c3", 0.8), own(1, "c1", 0.6), backlink("b2", 0.6), backlink("b1", 0.6),
                backlink("b3", 0.9), editorial(2, null, 1.0, null));

        assertThat(shown(links, 3)).containsExactly("e2 - 1.0", "back b3 b3 0.9", "own c3 c3 0.8", "back b1 b1 0.6");
        assertThat(shown(links, 0)).containsExactly("e2 - 1.0", "back b3 b3 0.9", "own c3 c3 0.8", "back b1 b1 0.6",
                "back b2 b2 0.6", "own c1 c1 0.6");
    }

    @Test
    void shouldNeverLimitEditorialLinks() {
        List<Link> links = List.of(editorial(0, null, 1.0, null), editorial(1, null, 1.0, null), own(2, "c1", 0.9));

        assertThat(shown(links, 1)).containsExactly("e0 - 1.0", "e1 - 1.0", "own c1 c1 0.9");
    }

    @Test
    void shouldShowEachRelatedArticleOnceWithItsBestScore() {
        Link ownLower = own(0, "y", 0.5);
        Link backHigher = backlink("y", 0.7);

        assertThat(shown(List.of(ownLower, backHigher), 0)).containsExactly("back y y 0.7");
        assertThat(shown(List.of(own(0, "y", 0.8), backHigher), 0)).containsExactly("own y y 0.8");
    }

    @Test
    void shouldPreferTheBacklinkOfTheRelatedArticleOnEqualScores() {
        assertThat(shown(List.of(own(0, "y", 0.7), backlink("y", 0.7)), 0)).containsExactly("back y y 0.7");
    }

    @Test
    void shouldDropComputedLinksToRetractedArticlesBeforeLimiting() {
        Link retracted = new Link(X, 0, "r", 0.9, false, false, document("r", 0.9, "computed", "own r"));
        Link notStored = new Link(X, 1, "n", 0.8, false, null, document("n", 0.8, "computed", "own n"));

        assertThat(shown(List.of(retracted, notStored, own(2, "c", 0.5)), 2)).containsExactly("own n n 0.8", "own c c 0.5");
    }

    /** As ranking-service does: an editorial link names an article only while it is indexed (stored and live). */
    @Test
    void shouldShowAnEditorialLinkToARetractedArticleWithoutItsId() {
        Link retracted = editorial(0, "r", 0.7, false);

        assertThat(shown(List.of(retracted), 0)).containsExactly("e0 - 1.0");
        assertThat(retracted.toRetracted()).isTrue();
    }

    /**
     * The article an editorial link names arrived after the article was ranked and gave it a backlink: the
     * editorial entry names it and, when it is among the best, takes one of the places with its score, as
     * ranking-service's index ranks them; it is never shown twice.
     */
    @Test
    void shouldNameTheArticleOfAnEditorialLinkThatArrivedLaterAndCountItAmongTheBest() {
        List<Link> links = List.of(editorial(0, "y", 1.0, true), backlink("y", 0.6), own(1, "c", 0.7));

        assertThat(shown(links, 1)).containsExactly("e0 y 1.0", "own c c 0.7");
        assertThat(shown(links, 2)).containsExactly("own c c 0.7", "e0 y 0.6");
    }

    @Test
    void shouldNotRepeatAsComputedAnArticleAnEditorialLinkNames() {
        List<Link> links = List.of(editorial(0, "y", 0.6, true), backlink("y", 0.9), own(1, "c", 0.7));

        // y is the best computed link (its backlink's score): it takes the one place, as the editorial entry
        assertThat(shown(links, 1)).containsExactly("e0 y 0.9");
        assertThat(shown(links, 2)).containsExactly("e0 y 0.9", "own c c 0.7");
    }

    @Test
    void shouldShowNothingWithoutLinks() {
        assertThat(RelatedSelection.select(X, List.of(), 5)).isEmpty();
    }
}
