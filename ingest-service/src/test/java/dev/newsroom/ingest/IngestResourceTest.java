package dev.newsroom.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class IngestResourceTest {

    private static final String TOKEN = "Bearer test-token";

    @BeforeEach
    void waitUntilReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    private static String seedWithUrl(String url) {
        return Samples.text(Samples.seed()).replace(
                "webUrl: \"https://www.nytimes.com/2020/01/12/technology/facial-recognition-police.html\"",
                "webUrl: \"" + url + "\"");
    }

    private static Response post(String body) {
        return given().header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Disposition", "attachment; filename=\"seed.md\"")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/ingest");
    }

    @Test
    void shouldPublishTheSeedOnceKafkaAcknowledgedIt() {
        String url = "https://www.nytimes.com/2020/01/12/technology/ack-test.html";
        String id = post(seedWithUrl(url)).then().statusCode(202)
                .body("version", equalTo(1))
                .body("status", equalTo("accepted"))
                .body("id", matchesPattern("[0-9a-f]{16}"))
                .extract().path("id");

        // 202 was only answered after the broker acknowledged: the record is on the topic now.
        List<ConsumerRecord<String, String>> records = TopicRecords.readAll(
                Infrastructure.forTests().kafka().bootstrapServers(), EventTopics.INGESTED).stream()
                .filter(r -> id.equals(r.key())).toList();
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(new String(record.headers().lastHeader(EventHeaders.ARTICLE_VERSION).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
        ArticleEvent event = Json.readEvent(record.value());
        assertThat(event.articleId()).isEqualTo(id);
        assertThat(event.sourceFile()).isEqualTo("seed.md");
        assertThat(event.article().title()).isEqualTo("How the Police Use Facial Recognition, and Where It Falls Short");
        assertThat(event.article().secured()).startsWith("jkY4XQGr/nBE7otb");
        assertThat(event.ranking()).isNull();
    }

    @Test
    void shouldAnswerUnchangedForTheSameFileAndVersionTwoForAChange() {
        String url = "https://www.nytimes.com/2020/01/12/technology/versions-test.html";
        String body = seedWithUrl(url);
        String id = post(body).then().statusCode(202).body("version", equalTo(1)).extract().path("id");

        post(body).then().statusCode(200).body("id", equalTo(id)).body("version", equalTo(1))
                .body("status", equalTo("unchanged"));
        post(body.replace("So investigators turned", "Investigators turned")).then().statusCode(202)
                .body("id", equalTo(id)).body("version", equalTo(2)).body("status", equalTo("accepted"));

        long published = TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(), EventTopics.INGESTED)
                .stream().filter(r -> id.equals(r.key())).count();
        assertThat(published).isEqualTo(2);
    }

    @Test
    void shouldTreatTheAmpAndTrackingAddressesAsTheSameArticle() {
        String id = post(seedWithUrl("https://www.example.com/2020/story-1.html")).then().statusCode(202)
                .extract().path("id");

        // Same article (same id); the file's own webUrl changed, so its content is a new version.
        post(seedWithUrl("https://www.example.com/2020/story-1.amp.html?utm_source=twitter")).then()
                .statusCode(202).body("id", equalTo(id)).body("version", equalTo(2));
        post(seedWithUrl("https://WWW.example.com:443/2020/story-1.html#comments")).then()
                .statusCode(202).body("id", equalTo(id)).body("version", equalTo(3));
    }

    @Test
    void shouldRefuseAMissingOrWrongToken() {
        given().contentType("text/markdown").body("x").post("/ingest").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer wrong").contentType("text/markdown").body("x").post("/ingest")
                .then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void shouldRejectAFileWithoutFrontMatterAsMalformed() {
        post("# Just Markdown\n").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-file"))
                .body("problems[0].file", equalTo("seed.md"))
                .body("problems[0].line", equalTo(1))
                .body("problems[0].message", containsString("front-matter"));
    }

    @Test
    void shouldRejectAnArticleWithoutTitleNamingTheField() {
        String noTitle = Samples.text(Samples.seed()).replaceFirst("title: \"How the Police[^\n]*\n", "");
        post(noTitle).then().statusCode(422).contentType("application/problem+json")
                .body("problems.field", hasItem("title"))
                .body("problems.find { it.field == 'title' }.line", equalTo(2));
    }

    @Test
    void shouldRejectAJavascriptUrlWithItsLine() {
        String hostile = seedWithUrl("javascript:alert(1)");
        post(hostile).then().statusCode(422)
                .body("problems[0].field", equalTo("webUrl"))
                .body("problems[0].line", equalTo(6))
                .body("problems[0].column", equalTo(9))
                .body("problems[0].message", containsString("'javascript:' is not allowed"));
    }

    @Test
    void shouldRefuseAnUnsupportedMediaTypeWithAProblem() {
        given().header("Authorization", TOKEN).contentType("image/png").body(new byte[] {1, 2, 3}).post("/ingest")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void shouldKeepUnknownKeysAndTheBodyAndStoreDatesInUtc() {
        String url = "https://www.nytimes.com/2020/01/12/technology/unknown-keys-test.html";
        String file = seedWithUrl(url)
                .replace("publishedDateTime: 2020-01-12T22:17:00Z", "publishedDateTime: 2020-01-12T23:17:00+01:00")
                .replace("\nsecured: ", "\nfeedSchema2021:\n  sentiment: 0.25\n  tags: [ai, police]\nsecured: ")
                + "\n# A heading\n\nThe Markdown body, kept.\n";
        String id = post(file).then().statusCode(202).extract().path("id");

        ArticleEvent event = Json.readEvent(TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(),
                EventTopics.INGESTED).stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow().value());
        assertThat(event.article().publishedDateTime()).hasToString("2020-01-12T22:17:00Z");
        assertThat(event.article().extra()).containsEntry("feedSchema2021",
                java.util.Map.of("sentiment", 0.25, "tags", List.of("ai", "police")));
        assertThat(event.article().body()).isEqualTo("\n\n# A heading\n\nThe Markdown body, kept.\n");
        assertThat(event.article().secured()).isEqualTo(seedWithUrl(url).replaceAll("(?s).*\nsecured: \"([^\"]*)\".*", "$1"));
    }

    @Test
    void shouldAcceptABodyWithANulAndPublishItWithout() {
        String url = "https://www.nytimes.com/2020/01/12/technology/nul-body-test.html";
        String id = post(seedWithUrl(url) + "Before\u0000after, and a \u0001 control.\n").then().statusCode(202)
                .extract().path("id");

        ArticleEvent event = Json.readEvent(TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(),
                EventTopics.INGESTED).stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow().value());
        assertThat(event.article().body()).isEqualTo("\nBeforeafter, and a  control.\n").doesNotContain("\u0000");
        post(seedWithUrl(url) + "Beforeafter, and a  control.\n").then().statusCode(200).body("status", equalTo("unchanged"));
    }
}
