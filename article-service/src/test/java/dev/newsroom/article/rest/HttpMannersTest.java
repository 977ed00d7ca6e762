package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.article.service.RankedRecord;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conditional requests, caching headers, compression, errors, OpenAPI, health and metrics. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class HttpMannersTest {

    @Inject
    ArticleStore store;

    @Test
    void shouldAnswer304ToAClientThatHasTheCurrentRepresentation() {
        ArticleEvent article = RankedEvents.article().build();
        store.upsert(List.of(article));
        for (String path : List.of("/articles/" + article.articleId(), "/articles?size=5", "/stories", "/topics",
                "/providers", "/feeds/stories.rss", "/articles/" + article.articleId() + "/related")) {
            String etag = given().get(path).then().statusCode(200).header("ETag", startsWith("W/\""))
                    .header("Cache-Control", startsWith("public, max-age=")).extract().header("ETag");
            given().header("If-None-Match", etag).get(path).then().statusCode(304).body(emptyString())
                    .header("ETag", equalTo(etag));
            given().header("If-None-Match", "W/\"something-else\"").get(path).then().statusCode(200);
        }
    }

    @Test
    void shouldChangeTheEntityTagWhenTheArticleChanges() {
        RankedEvents article = RankedEvents.article();
        store.upsert(List.of(article.build()));
        String etag = given().get("/articles/" + article.id()).then().extract().header("ETag");
        store.upsert(List.of(article.version(2).title("changed").build()));
        given().header("If-None-Match", etag).get("/articles/" + article.id()).then().statusCode(200)
                .header("ETag", not(equalTo(etag)));
    }

    @Test
    void shouldServeAnArticleWithItsStorysFactsAsStoredByTheLastBatchThoughItsDocumentIsKept() {
        String story = RankedEvents.unique("story");
        Instant ranked = Instant.parse("2026-12-05T00:00:00Z");
        RankedEvents article = RankedEvents.article().story(story, null, 1).rankedAt(ranked);
        store.upsert(List.of(article.build()));
        String path = "/articles/" + article.id();
        String etag = given().get(path).then().statusCode(200).body("story.size", equalTo(1)).extract().header("ETag");

        // a story record alone: the article's row and links are as they were, its story's facts are not
        StoryRef grown = new StoryRef(story, article.id(), 3, List.of("a.example", "b.example", "c.example"),
                ranked, ranked, null);
        store.store(List.of(new RankedRecord.Story(StoryRecord.of(grown, ranked.plusSeconds(60)))));
        given().header("If-None-Match", etag).get(path).then().statusCode(200)
                .body("story.size", equalTo(3)).body("story.providers", hasItem("c.example"));
    }

    @Test
    void shouldCompressWhenTheClientAcceptsIt() {
        given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get("/articles?size=20").then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    @Test
    void shouldAnswerUnknownAndRetractedArticlesAsProblems() {
        given().get("/articles/0123456789abcdef").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("0123456789abcdef"));
        given().get("/stories/no-such-story").then().statusCode(404).contentType("application/problem+json");

        RankedEvents retracted = RankedEvents.article().topics(RankedEvents.unique("gone"));
        store.upsert(List.of(retracted.build()));
        store.upsert(List.of(retracted.version(2).retracted().build()));
        for (String path : List.of("", "/related", "/heat")) {
            given().get("/articles/" + retracted.id() + path).then().statusCode(410)
                    .contentType("application/problem+json").body("title", equalTo("Retracted"));
        }
        given().accept("text/markdown").get("/articles/" + retracted.id()).then().statusCode(410);
        given().get("/articles?size=100").then().body("items.id", not(hasItem(retracted.id())));
        given().get("/stories?size=100").then().body("items.lead.id", not(hasItem(retracted.id())));
    }

    @Test
    void shouldPublishAnOpenApiDocumentAndSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/articles'.get.parameters.name", hasItem("sort"))
                .body("paths", org.hamcrest.Matchers.hasKey("/articles/{id}/heat"))
                .body("paths", org.hamcrest.Matchers.hasKey("/stories/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/feeds/topics/{topic}/stories.{format}"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("ArticlePage"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shouldBeReadyOnlyWithTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void shouldExposeLatencyPerEndpointUpsertCountsAndConsumerLag() {
        ArticleEvent article = RankedEvents.article().build();
        store.upsert(List.of(article));
        given().get("/articles/" + article.articleId()).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/articles/{id}\""))
                .body(containsString("newsroom_articles_upserts_total{outcome=\"inserted\"}"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }
}
