package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.newsroom.model.Samples;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed file through the whole pipeline, driven only over HTTP: ingest in, article API out. */
class SeedEndToEndIT {

    private static Newsroom newsroom;

    @BeforeAll
    static void startNewsroom() {
        newsroom = new Newsroom("seed");
    }

    @AfterAll
    static void stopNewsroom() {
        if (newsroom != null) {
            newsroom.close();
        }
    }

    @Test
    void shouldServeTheSeedWithEveryFieldAfterIngestingIt() {
        byte[] seed = Samples.bytes(Samples.seed());
        String secured = seedSecured();

        String id = given().baseUri(newsroom.ingest.baseUrl())
                .header("Authorization", "Bearer " + Newsroom.TOKEN)
                .header("Content-Disposition", "attachment; filename=\"000_4e232ba6522a9cca.txt\"")
                .contentType("text/markdown").body(seed)
                .post("/ingest")
                .then().statusCode(202).body("version", equalTo(1)).extract().path("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id).then().statusCode(200));

        given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id).then()
                .body("title", equalTo("How the Police Use Facial Recognition, and Where It Falls Short"))
                .body("provider.name", equalTo("New York Times"))
                .body("provider.domain", equalTo("nytimes.com"))
                .body("topics", equalTo(List.of("AI", "Computer Vision")))
                .body("images", hasSize(1))
                .body("images[0].url", equalTo("https://static01.nyt.com/images/2020/01/11/multimedia/11pinellas/00pinellas-facebookJumbo.jpg"))
                .body("heat", greaterThan(0))
                .body("heatExplanation.components", notNullValue())
                // the file's two editorial links first; computed ones (issue 4) may follow
                .body("related.findAll { it.source == 'editorial' }", hasSize(2))
                .body("related[0].title", equalTo("The benefits of facial recognition AI are being wildly overstated"))
                .body("related[1].provider.name", equalTo("The Guardian"))
                .body("secured", equalTo(secured));

        given().baseUri(newsroom.articles.baseUrl()).get("/articles").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void shouldKeepOneArticleForTheSameFileAndVersionTwoForAChangedExcerpt() {
        String body = Samples.text(Samples.seed()).replace("facial-recognition-police.html\"",
                "facial-recognition-police-versions.html\"");
        String id = post(body).then().statusCode(202).body("version", equalTo(1)).extract().path("id");
        post(body).then().statusCode(200).body("status", equalTo("unchanged"));
        post(body.replace("So investigators turned", "Then investigators turned")).then().statusCode(202)
                .body("version", equalTo(2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id).then().statusCode(200)
                        .body("version", equalTo(2))
                        .body("excerpt", org.hamcrest.Matchers.startsWith("Then investigators turned")));
    }

    private static io.restassured.response.Response post(String body) {
        return given().baseUri(newsroom.ingest.baseUrl()).header("Authorization", "Bearer " + Newsroom.TOKEN)
                .contentType("text/markdown").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/ingest");
    }

    private static String seedSecured() {
        String text = Samples.text(Samples.seed());
        int start = text.indexOf("secured: \"") + "secured: \"".length();
        return text.substring(start, text.indexOf('"', start));
    }
}
