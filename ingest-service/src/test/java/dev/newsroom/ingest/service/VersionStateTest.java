package dev.newsroom.ingest.service;

import static dev.newsroom.ingest.Uploads.seedAt;
import static dev.newsroom.ingest.Uploads.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.ingest.Uploads;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The version state against the real broker: nothing is accepted until it is rebuilt from the topic, and a
 * file holding any content its article already had is unchanged, also after the state was rebuilt.
 * {@link IngestedVersions#rebuild()} stands in for a restart: it forgets everything and reads the topic again.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class VersionStateTest {

    private static final String TOKEN = "Bearer test-token";

    @Inject
    IngestedVersions versions;

    @BeforeEach
    void waitUntilReady() {
        awaitReady();
    }

    @AfterEach
    void releaseTheRebuild() {
        versions.holdCatchUp(false);
        awaitReady();
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    private static Response post(String name, String file) {
        return given().header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(utf8(file)).post("/ingest");
    }

    private void restartTheVersionState() {
        versions.rebuild();
        awaitReady();
    }

    @Test
    void shouldAnswer503AndAcceptNothingUntilTheVersionsAreReadBack() {
        String url = "https://example.com/not-ready/a.html";
        versions.holdCatchUp(true);
        versions.rebuild();

        post("a.md", seedAt(url)).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("/problems/not-ready"))
                .body("detail", containsString("nothing was accepted"));
        given().header("Authorization", TOKEN).multiPart("files", "a.md", utf8(seedAt(url)), "text/markdown")
                .post("/ingest").then().statusCode(503).header("Retry-After", "5");
        given().get("/q/health/ready").then().statusCode(503);
        assertThat(publishedRecords(url)).isEmpty();

        versions.holdCatchUp(false);
        awaitReady();
        post("a.md", seedAt(url)).then().statusCode(202).body("version", equalTo(1));
    }

    @Test
    void shouldAnswerUnchangedForAnEarlierCopyOfAnArticleAlsoAfterARestart() {
        String url = "https://example.com/two-feeds/story.html";
        String copyA = seedAt(url);
        String copyB = copyA.replace("So investigators turned", "Investigators turned");

        post("a.md", copyA).then().statusCode(202).body("version", equalTo(1));
        post("b.md", copyB).then().statusCode(202).body("version", equalTo(2));
        post("a.md", copyA).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(2));
        post("b.md", copyB).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(2));

        List<ConsumerRecord<String, String>> records = publishedRecords(url);
        assertThat(records).hasSize(2);
        String firstHash = header(records.get(0), EventHeaders.CONTENT_HASH);
        assertThat(header(records.get(1), EventHeaders.PRIOR_CONTENT_HASHES)).isEqualTo(firstHash);

        restartTheVersionState();
        post("a.md", copyA).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(2));
        post("c.md", copyA.replace("So investigators", "Then investigators")).then().statusCode(202)
                .body("version", equalTo(3));
    }

    @Test
    void shouldAcceptNothingWhenEverySampleIsLoadedAgainAlsoAfterARestart() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path root = Samples.root();
        for (Path file : Samples.allArticles()) {
            files.put(root.relativize(file).toString(), Samples.bytes(file));
        }

        JsonPath first = load(files);
        assertThat(first.getInt("rejected")).isZero();
        JsonPath second = load(files);
        assertThat(second.getInt("accepted")).as("accepted on the second load").isZero();
        assertThat(second.getInt("unchanged")).isEqualTo(files.size());

        restartTheVersionState();
        JsonPath third = load(files);
        assertThat(third.getInt("accepted")).as("accepted after the version state was rebuilt").isZero();
    }

    private static JsonPath load(Map<String, byte[]> files) {
        return given().header("Authorization", TOKEN).contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"samples.zip\"")
                .body(Uploads.zip(files)).post("/ingest").then().statusCode(200).extract().jsonPath();
    }

    private static List<ConsumerRecord<String, String>> publishedRecords(String url) {
        String id = dev.newsroom.model.ArticleId.fromUrl(url).orElseThrow();
        return TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(), EventTopics.INGESTED).stream()
                .filter(r -> id.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
