package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * Copies of one article side by side in a folder, each in a request of its own and eight requests at a time:
     * the command line sends a copy only once the one before it by path is answered, so the last copy by path
     * is the latest version, run after run.
     */
    @Test
    void shouldMakeTheCopyLastByPathTheLatestVersionWhenTheCommandLineSendsCopiesOfOneArticle(@TempDir Path folder)
            throws Exception {
        String seed = Samples.text(Samples.seed());
        List<String> ids = new ArrayList<>();
        for (int article = 0; article < 30; article++) {
            String url = "https://www.nytimes.com/2020/01/12/technology/facial-recognition-police-copies-" + article + ".html";
            ids.add(ArticleId.fromUrl(url).orElseThrow());
            String text = seed.replace("https://www.nytimes.com/2020/01/12/technology/facial-recognition-police.html", url);
            for (int copy = 1; copy <= 3; copy++) {
                Files.writeString(folder.resolve(String.format("%02d-copy-%d.md", article, copy)),
                        text.replace("So investigators turned", "Copy " + copy + ": investigators turned"));
            }
        }
        Path log = newsroom.ingest.log().resolveSibling("cli-copies.log");

        Process cli = Newsroom.cli("ingest", "--quiet", "--url", newsroom.ingest.baseUrl(), "--token", Newsroom.TOKEN,
                        "--batch-size", "1", "--concurrency", "8", folder.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).as("the command line finished; see %s", log).isTrue();
        String output = Files.readString(log);
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("accepted\\s+90");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id).then().statusCode(200)
                        .body("version", equalTo(3))
                        .body("excerpt", startsWith("Copy 3: investigators turned"));
            }
        });
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
