package dev.newsroom.article;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.article.service.ArticleView;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API serves a stored record as it did when it stored the rendered {@link ArticleView}: the document
 * composed at read time from the content, the ranking columns, the story row and the link rows has the
 * same fields and values (their order aside).
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class ComposedAsBeforeTest {

    @Inject
    ArticleStore store;

    private static void assertServedAsTheViewOf(ArticleEvent event) throws Exception {
        String served = given().get("/articles/" + event.articleId()).then().statusCode(200).extract().asString();
        assertThat(Json.mapper().readTree(served)).isEqualTo(Json.mapper().readTree(Json.write(ArticleView.of(event))));
    }

    @Test
    void shouldServeASchema1RecordAsItsView() throws Exception {
        ArticleEvent event = RankedEvents.article().story(RankedEvents.unique("story"), null, 1)
                .rankedAt(Instant.parse("2030-05-06T07:08:09.123456789Z")).heat(77).build();

        store.upsert(List.of(event));

        assertServedAsTheViewOf(event);
    }

    @Test
    void shouldServeASchema2RecordWithComputedLinksAndCoverageAsItsView() throws Exception {
        ArticleEvent neighbour = RankedEvents.article().build();
        RankedEvents article = RankedEvents.article();
        ArticleEvent plain = article.build();
        Instant rankedAt = Instant.parse("2030-05-06T07:08:09.987654321Z");
        List<String> providers = List.of("nytimes.com", "example.com");
        double coverage = 1 + 0.25 * Math.log(providers.size());
        HeatScore heat = HeatScore.compute(89, "the source's quality score", providers.size(), coverage, 1.1,
                "weight of nytimes.com", 3.5, 24, rankedAt, rankedAt);
        List<RelatedLink> related = new ArrayList<>(plain.ranking().related().stream()
                .map(l -> new RelatedLink(l.id(), 1.0, LinkSource.EDITORIAL, l.article())).toList());
        related.add(new RelatedLink(neighbour.articleId(), 0.7, LinkSource.COMPUTED,
                RelatedArticle.of(neighbour.article())));
        StoryRef story = new StoryRef(RankedEvents.unique("story"), plain.articleId(), 2, providers,
                plain.article().publishedDateTime(), plain.article().publishedDateTime(), coverage);
        ArticleEvent event = plain.withRanking(new Ranking(rankedAt, heat, related, story, List.of(), 5));

        store.upsert(List.of(neighbour));
        store.upsert(List.of(event));

        assertServedAsTheViewOf(event);
    }

    /** A ranked record that gives backlinks to other articles (schema 2). */
    private static ArticleEvent giving(RankedEvents article, Backlink... backlinks) {
        ArticleEvent plain = article.build();
        Ranking r = plain.ranking();
        return plain.withRanking(new Ranking(r.rankedAt(), r.heat(), r.related(), r.story(), List.of(backlinks), 5));
    }

    private static List<Object> relatedIds(String id) {
        return given().get("/articles/" + id).then().statusCode(200).extract().jsonPath().getList("related.id");
    }

    @Test
    void shouldShowTheBestBacklinksGivenForTheCurrentVersionOfLiveArticles() {
        RankedEvents x = RankedEvents.article();
        ArticleEvent xV1 = x.build();
        xV1 = xV1.withRanking(new Ranking(xV1.ranking().rankedAt(), xV1.ranking().heat(), xV1.ranking().related(),
                xV1.ranking().story(), List.of(), 1));
        RankedEvents y = RankedEvents.article();
        ArticleEvent givenByY = giving(y, new Backlink(xV1.articleId(), 1, 0.9));
        ArticleEvent givenByZ = giving(RankedEvents.article(), new Backlink(xV1.articleId(), 1, 0.6));
        store.upsert(List.of(xV1));
        store.upsert(List.of(givenByY, givenByZ));

        // the seed's two editorial links (not ingested: score 1), then one computed link (relatedLimit 1): Y's, not Z's
        assertThat(relatedIds(xV1.articleId())).containsExactly(null, null, givenByY.articleId());

        // Y retracted (its record still naming X, so that the backlink row stays): no link to a retracted article
        store.upsert(List.of(giving(y.version(2).retracted(), new Backlink(xV1.articleId(), 1, 0.9))));
        assertThat(relatedIds(xV1.articleId())).containsExactly(null, null, givenByZ.articleId());

        // X's next version: the backlinks were given for version 1
        store.upsert(List.of(x.version(2).build()));
        assertThat(relatedIds(xV1.articleId())).containsExactly(null, null);
    }
}
