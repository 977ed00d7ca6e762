package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.article.RankedEvents;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a whole record and a ranking update become in the store, without a database. */
class StoredArticleTest {

    private static final Instant T = Instant.parse("2030-03-01T12:00:00Z");

    private static double coverage(int providers) {
        return 1 + 0.3 * Math.log(providers);
    }

    private static HeatScore heat(int providers, double ageHours) {
        return HeatScore.compute(80, "the file's quality", providers, coverage(providers), 1.2, "weight of x", ageHours,
                24, T, T);
    }

    @Test
    void shouldSplitAHeatIntoWhatFollowsTheStoryAndWhatDoesNot() {
        HeatScore ranked = heat(2, 7);
        HeatColumns columns = HeatColumns.of(ranked, T.minusSeconds(3600));

        assertThat(columns.decomposed()).isTrue();
        assertThat(columns.own()).isEqualTo(80 * 1.2);
        assertThat(columns.with(coverage(2)).value()).isEqualTo(ranked.value());
        assertThat(columns.with(coverage(2)).base()).isCloseTo(ranked.base(), within(1e-9));
        HeatScore wider = ranked.withCoverage(6, coverage(6));
        assertThat(columns.with(coverage(6)).value()).isEqualTo(wider.value());
        assertThat(columns.with(coverage(6)).base()).isCloseTo(wider.base(), within(1e-9));
        // the trending order moves by log2 of the ratio of the bases
        assertThat(columns.with(coverage(6)).trendKey() - columns.with(coverage(2)).trendKey())
                .isCloseTo(Math.log(coverage(6) / coverage(2)) / Math.log(2), within(1e-9));
    }

    @Test
    void shouldKeepAHeatWithoutComponentsAsRankedWhateverTheCoverage() {
        ArticleEvent schema1 = RankedEvents.article().heat(140).build();
        HeatColumns columns = HeatColumns.of(schema1.ranking().heat(), schema1.article().publishedDateTime());

        assertThat(columns.decomposed()).isFalse();
        assertThat(columns.with(coverage(9)).value()).isEqualTo(140);
        assertThat(columns.with(null).base()).isEqualTo(140);
    }

    @Test
    void shouldStoreTheContentAloneAndOneBacklinkPerArticle() {
        ArticleEvent target = RankedEvents.article().build();
        ArticleEvent event = RankedEvents.article().backlinks(new Backlink(target.articleId(), 1, 0.4),
                new Backlink(target.articleId(), 2, 0.3)).build();

        StoredArticle stored = StoredArticle.of(event);

        @SuppressWarnings("unchecked")
        Map<String, Object> document = Json.read(stored.document(), 0, stored.document().length, Map.class);
        assertThat(document.keySet()).doesNotContainAnyElementsOf(StoredArticle.RANKING_FIELDS).contains("id", "body");
        // the same bytes as the whole view's tree with the ranking fields removed
        ObjectNode view = Json.mapper().valueToTree(ArticleView.of(event));
        view.remove(StoredArticle.RANKING_FIELDS);
        assertThat(new String(stored.document(), StandardCharsets.UTF_8)).isEqualTo(Json.write(view));
        assertThat(stored.source()).isEqualTo(Json.writeBytes(event.article()));
        assertThat(stored.backlinks()).singleElement().satisfies(b -> {
            assertThat(b.backlink().version()).isEqualTo(2);
            assertThat(b.document()).isEqualTo(Json.writeBytes(new ArticleView.RelatedView(event.articleId(), 0.3,
                    LinkSource.COMPUTED, RelatedArticle.of(event.article()))));
        });
    }

    @Test
    void shouldTakeALaterUpdateOfItsVersionButKeepItsStoryFactsAndTheirTime() {
        ArticleEvent linked = RankedEvents.article().build();
        StoredArticle stored = StoredArticle.of(RankedEvents.article().story("s-1", null, 1).rankedAt(T).build());
        RankingUpdate later = new RankingUpdate(ArticleEvent.SCHEMA_VERSION, stored.id(), 1, T.plusSeconds(60), heat(3, 1),
                List.of(new RelatedLink(linked.articleId(), 0.9, LinkSource.COMPUTED, RelatedArticle.of(linked.article()))),
                "s-2");
        RankingUpdate otherVersion = new RankingUpdate(ArticleEvent.SCHEMA_VERSION, stored.id(), 2, T.plusSeconds(60),
                heat(3, 1), List.of(), "s-2");

        assertThat(stored.supersededBy(later)).isTrue();
        assertThat(stored.supersededBy(otherVersion)).isFalse();
        StoredArticle updated = stored.with(later);
        assertThat(updated.rankedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(updated.storyId()).isEqualTo("s-2");
        assertThat(updated.links().links()).extracting(RelatedLink::id).containsExactly(linked.articleId());
        assertThat(updated.heat().score()).isEqualTo(later.heat());
        assertThat(updated.storyFacts().id()).isEqualTo("s-1");
        assertThat(updated.factsAt()).isEqualTo(T);
        assertThat(updated.document()).isEqualTo(stored.document());
        assertThat(updated.supersededBy(later)).isFalse();
    }
}
