package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.event.ArticleEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer carries nosniff and a referrer policy; every answer outside /q/ a Content-Security-Policy. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class SecurityHeadersTest {

    @Inject
    ArticleStore store;

    private ArticleEvent article;

    @BeforeEach
    void storeAnArticle() {
        article = RankedEvents.article().topics(RankedEvents.unique("Headers Topic")).build();
        store.upsert(List.of(article));
    }

    private static ValidatableResponse assertSecurityHeaders(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Content-Security-Policy", allOf(containsString("default-src 'none'"),
                        containsString("style-src 'self'"), containsString("frame-ancestors 'none'"),
                        containsString("base-uri 'none'"), containsString("form-action 'self'"),
                        containsString("img-src http: https: data:"),
                        not(containsString("unsafe-inline")), not(containsString("script-src"))));
    }

    @Test
    void shouldSendSecurityHeadersWithTheWebPage() {
        assertSecurityHeaders(given().get("/").then().statusCode(200).contentType("text/html"));
    }

    @Test
    void shouldSendSecurityHeadersWithEveryWebPage() {
        String story = article.ranking().story().id();
        for (String path : List.of("/", "/?q=facial", "/?at=2020-01-12", "/stories/" + story, "/articles/" + article.articleId(),
                "/stories/" + story + "?at=2030-01-01")) {
            assertSecurityHeaders(given().accept("text/html").get(path).then().statusCode(200).contentType("text/html")
                    .body(not(containsString("<script"))).body(not(containsString("style="))));
        }
        assertSecurityHeaders(given().accept("text/html").get("/stories/no-such-story").then().statusCode(404));
    }

    @Test
    void shouldServeThePageStyleFromAStylesheetInsteadOfInline() {
        given().get("/").then().statusCode(200).body(not(containsString("<style")))
                .body(not(containsString("style=")))
                .body(containsString("<link rel=\"stylesheet\" href=\"/newsroom.css\">"));
        assertSecurityHeaders(given().get("/newsroom.css").then().statusCode(200).contentType("text/css")
                .body(containsString(".coverage")));
    }

    @Test
    void shouldSendSecurityHeadersWithJson() {
        assertSecurityHeaders(given().get("/articles/" + article.articleId()).then().statusCode(200)
                .contentType("application/json"));
        assertSecurityHeaders(given().get("/articles?size=5").then().statusCode(200));
    }

    @Test
    void shouldSendSecurityHeadersWithEveryFeed() {
        for (String format : List.of("rss", "atom", "json")) {
            assertSecurityHeaders(given().get("/feeds/stories." + format).then().statusCode(200));
        }
    }

    @Test
    void shouldSendSecurityHeadersWithProblems() {
        assertSecurityHeaders(given().get("/articles/0123456789abcdef").then().statusCode(404)
                .contentType("application/problem+json"));
        assertSecurityHeaders(given().get("/articles?size=1000").then().statusCode(400)
                .contentType("application/problem+json"));
        assertSecurityHeaders(given().get("/feeds/topics/no-such-topic-" + System.nanoTime() + "/stories.rss").then()
                .statusCode(404));
    }

    @Test
    void shouldSendSecurityHeadersWithNotModified() {
        for (String path : List.of("/", "/articles/" + article.articleId(), "/feeds/stories.atom")) {
            String etag = given().get(path).then().statusCode(200).extract().header("ETag");
            assertSecurityHeaders(given().header("If-None-Match", etag).get(path).then().statusCode(304)
                    .body(emptyString()).header("ETag", equalTo(etag)));
        }
    }

    @Test
    void shouldKeepSecurityHeadersOnCompressedAnswers() {
        assertSecurityHeaders(given()
                .config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get("/").then().statusCode(200)
                .header("Content-Encoding", "gzip"));
    }

    @Test
    void shouldSendNosniffButNoPolicyToOperationsEndpoints() {
        // Swagger UI runs inline script: /q/ answers carry no Content-Security-Policy
        for (String path : List.of("/q/health/ready", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "strict-origin-when-cross-origin")
                    .header("Content-Security-Policy", nullValue());
        }
    }
}
