package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.article.RankedEvents;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API document composed from a content document and a ranking is the one {@link ArticleView} writes. */
class ArticleDocumentTest {

    private static final Instant RANKED = Instant.parse("2030-01-02T03:04:05.123456Z");

    /** What schema 2 stores of an article: {@link ArticleView}'s JSON without the ranking's fields. */
    private static String content(ArticleEvent event) throws Exception {
        ObjectNode view = (ObjectNode) Json.mapper().readTree(Json.write(ArticleView.of(event)));
        view.remove(List.of("heat", "related", "storyId", "story", "heatExplanation", "rankedAt"));
        return Json.mapper().writeValueAsString(view);
    }

    /** The ranking as the reader hands it over: what the event's ranking holds. */
    private static ArticleDocument.Ranking ranking(ArticleEvent event) {
        Ranking r = event.ranking();
        List<String> related = ArticleView.of(event).related().stream().map(Json::write).toList();
        return new ArticleDocument.Ranking(r.heat().value(), related, r.story() == null ? null : r.story().id(),
                r.story(), ArticleDocument.explanation(r.heat(), r.story()), r.rankedAt());
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void shouldComposeWhatTheArticleViewWritesWithEditorialRelatedEntriesAndAStory() throws Exception {
        ArticleEvent event = RankedEvents.article().story("story-1", "lead-1", 3).storyProviders("a.example", "b.example")
                .heat(123).rankedAt(RANKED).build();
        assertThat(event.ranking().related()).isNotEmpty(); // the seed lists editorial links

        String composed = ArticleDocument.compose(content(event), ranking(event));

        assertThat(tree(composed)).isEqualTo(tree(Json.write(ArticleView.of(event))));
    }

    @Test
    void shouldComposeAnArticleWithoutStoryOrRelatedEntries() throws Exception {
        ArticleEvent ranked = RankedEvents.article().edit(b -> b.related(List.of())).rankedAt(RANKED).build();
        Ranking r = ranked.ranking();
        ArticleEvent event = ranked.withRanking(new Ranking(r.rankedAt(), r.heat(), List.of(), null));

        String composed = ArticleDocument.compose(content(event), ranking(event));

        assertThat(tree(composed)).isEqualTo(tree(Json.write(ArticleView.of(event))));
        assertThat(tree(composed).get("storyId").isNull()).isTrue();
        assertThat(tree(composed).get("related").size()).isZero();
    }

    @Test
    void shouldAddTheRankingFieldsAfterTheContentWithoutParsingIt() {
        var ranking = new ArticleDocument.Ranking(7, List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}"), "s\"1", null, null, RANKED);

        assertThat(ArticleDocument.compose(" {\"title\":\"T\"} \n", ranking)).isEqualTo(" {\"title\":\"T\",\"heat\":7,"
                + "\"related\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"storyId\":\"s\\\"1\",\"story\":null,"
                + "\"heatExplanation\":null,\"rankedAt\":\"2030-01-02T03:04:05.123456Z\"}");
        assertThat(ArticleDocument.compose("{ }", ranking)).startsWith("{ \"heat\":7,");
    }

    @Test
    void shouldRefuseAContentDocumentThatIsNotAnObject() {
        var ranking = new ArticleDocument.Ranking(7, List.of(), null, null, null, RANKED);

        assertThatThrownBy(() -> ArticleDocument.compose("[1]", ranking)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArticleDocument.compose("}", ranking)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArticleDocument.compose("", ranking)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldExplainTheHeatWithTheStorysCurrentCoverage() {
        HeatScore ranked = HeatScore.compute(80, "the file's quality", 1, 1.0, 1.2, "weight of a.example", 5, 24,
                RANKED, RANKED);
        double coverage = 1 + 0.25 * Math.log(3);
        StoryRef now = new StoryRef("s", "a", 4, List.of("a.example", "b.example", "c.example"), RANKED, RANKED, coverage);

        HeatScore shown = ArticleDocument.explanation(ranked, now);

        assertThat(shown).isEqualTo(ranked.withCoverage(3, coverage));
        assertThat(shown.base()).isEqualTo(80 * coverage * 1.2);
        assertThat(shown.component("coverage").input()).isEqualTo(3);
    }

    @Test
    void shouldTellTheRankingInstantToTheNanosecondWhenTheHeatScoreHasIt() {
        Instant exact = Instant.parse("2030-01-02T03:04:05.123456789Z");
        Instant column = Instant.parse("2030-01-02T03:04:05.123456Z");
        HeatScore score = HeatScore.compute(80, "q", 1, 1.0, 1.0, "w", 5, 24, exact, exact);
        HeatScore other = HeatScore.compute(80, "q", 1, 1.0, 1.0, "w", 5, 24, exact.minusSeconds(1), exact);

        assertThat(ArticleDocument.rankedAt(column, score)).isEqualTo(exact);
        assertThat(ArticleDocument.rankedAt(column, other)).isEqualTo(column);
        assertThat(ArticleDocument.rankedAt(column, null)).isEqualTo(column);
    }

    @Test
    void shouldExplainTheHeatAsStoredWhenTheStoryHasNoCoverage() {
        HeatScore ranked = HeatScore.compute(80, "the file's quality", 1, 1.0, 1.2, "weight of a.example", 5, 24,
                RANKED, RANKED);
        StoryRef schema1 = new StoryRef("s", "a", 4, List.of("a.example", "b.example"), RANKED, RANKED);

        assertThat(ArticleDocument.explanation(ranked, schema1)).isSameAs(ranked);
        assertThat(ArticleDocument.explanation(ranked, null)).isSameAs(ranked);
        assertThat(ArticleDocument.explanation(null, schema1)).isNull();
    }
}
