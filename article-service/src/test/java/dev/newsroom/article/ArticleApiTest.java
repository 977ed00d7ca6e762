package dev.newsroom.article;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class ArticleApiTest {

    private final String kafka = Infrastructure.forTests().kafka().bootstrapServers();

    private static ArticleEvent ranked(Article article, String url, long version, int heat, Instant rankedAt) {
        String id = ArticleId.fromUrl(url).orElseThrow();
        Article withUrl = article.toBuilder().webUrl(url).build();
        Ranking ranking = new Ranking(rankedAt,
                new HeatScore(heat, heat, 24, rankedAt, withUrl.publishedDateTime(), "test", List.of()),
                withUrl.related().stream().map(r -> new RelatedLink(null, 1.0, LinkSource.EDITORIAL, r)).toList(),
                new StoryRef(id, id, 1, List.of("nytimes.com"), withUrl.publishedDateTime(), withUrl.publishedDateTime()));
        return ArticleEvent.ingested(id, version, url, SeedFormat.contentHash(withUrl), rankedAt, "seed.txt", withUrl)
                .withRanking(ranking);
    }

    private static Article seed() {
        return new SeedFormat().read("seed", Samples.bytes(Samples.seed())).article();
    }

    private void send(ArticleEvent event) {
        TopicRecords.send(kafka, EventTopics.RANKED, event.articleId(), Json.write(event));
    }

    @Test
    void shouldServeAStoredArticleWithEverySeedField() {
        ArticleEvent event = ranked(seed(), "https://www.nytimes.com/2020/01/12/api-test.html", 1, 113, Instant.now());
        send(event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/articles/" + event.articleId()).then().statusCode(200));
        given().get("/articles/" + event.articleId()).then()
                .contentType("application/json")
                .body("id", equalTo(event.articleId()))
                .body("version", equalTo(1))
                .body("title", equalTo("How the Police Use Facial Recognition, and Where It Falls Short"))
                .body("publishedDateTime", equalTo("2020-01-12T22:17:00Z"))
                .body("provider.name", equalTo("New York Times"))
                .body("provider.images[0].url", equalTo("/assets/images/organizations/nytimes.com-50x50.jpg"))
                .body("topics", equalTo(List.of("AI", "Computer Vision")))
                .body("images[0].width", equalTo(1050))
                .body("heat", equalTo(113))
                .body("sourceHeat", equalTo(109))
                .body("quality", equalTo(89))
                .body("related", hasSize(2))
                .body("related[0].source", equalTo("editorial"))
                .body("related[0].provider.domain", equalTo("thenextweb.com"))
                .body("secured", equalTo(seed().secured()))
                .body("heatExplanation.formula", equalTo("test"))
                .body("storyId", equalTo(event.articleId()));
    }

    @Test
    void shouldNeverLetAnOlderVersionOverwriteANewerOne() {
        String url = "https://www.nytimes.com/2020/01/12/order-test.html";
        Instant now = Instant.now();
        ArticleEvent v2 = ranked(seed().toBuilder().excerpt("second").build(), url, 2, 100, now);
        ArticleEvent v1 = ranked(seed().toBuilder().excerpt("first").build(), url, 1, 100, now.plusSeconds(5));
        send(v2);
        send(v1);
        send(v2);
        ArticleEvent marker = ranked(seed(), "https://www.nytimes.com/2020/01/12/order-marker.html", 1, 1, now);
        send(marker);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/articles/" + marker.articleId()).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/articles/" + v2.articleId()).then().statusCode(200)
                        .body("version", equalTo(2)).body("excerpt", equalTo("second")));
    }

    @Test
    void shouldPageThroughArticlesNewestFirstWithACursor() {
        Article base = seed();
        for (int i = 0; i < 5; i++) {
            send(ranked(base.toBuilder().publishedDateTime(Instant.parse("2031-01-0" + (i + 1) + "T00:00:00Z")).build(),
                    "https://paging.example.com/" + i, 1, 50, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/articles?size=2").then().body("items[0].publishedDateTime", equalTo("2031-01-05T00:00:00Z")));

        String next = given().get("/articles?size=2").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[1].publishedDateTime", equalTo("2031-01-04T00:00:00Z"))
                .body("next", startsWith("http"))
                .extract().path("next");
        given().get(next).then().statusCode(200)
                .body("items[0].publishedDateTime", equalTo("2031-01-03T00:00:00Z"))
                .body("items[1].publishedDateTime", equalTo("2031-01-02T00:00:00Z"))
                .body("next", notNullValue());
    }

    @Test
    void shouldAnswer404And400AsProblems() {
        given().get("/articles/0123456789abcdef").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/articles/not-an-id").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad parameter 'id'"));
        given().get("/articles?size=1000").then().statusCode(400).body("detail", startsWith("size must be a whole number between 1 and 100"));
        given().get("/articles?cursor=garbage!").then().statusCode(400).body("title", equalTo("Bad parameter 'cursor'"));
    }

    @Test
    void shouldAnswer410ForARetractedArticleAndLeaveItOutOfLists() {
        ArticleEvent retracted = ranked(seed().toBuilder().published(false)
                .publishedDateTime(Instant.parse("2040-01-01T00:00:00Z")).build(),
                "https://www.nytimes.com/retracted.html", 1, 10, Instant.now());
        send(retracted);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/articles/" + retracted.articleId()).then().statusCode(410)
                        .contentType("application/problem+json"));
        given().get("/articles?size=100").then().body("items.find { it.id == '" + retracted.articleId() + "' }", nullValue());
    }
}
