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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The version state against the real broker: nothing is accepted until it is rebuilt from the topic, and a
 * file holding any content its article already had is unchanged, also after the state was rebuilt.
 * {@link IngestedVersions#rebuild()} stands in for a restart: it forgets everything and reads the topic again;
 * {@link IngestedVersions#restartFromSnapshot()} for a restart with its snapshot: the topic after it only.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class VersionStateTest {

    private static final String TOKEN = "Bearer test-token";

    @Inject
    IngestedVersions versions;

    @ConfigProperty(name = "newsroom.ingest.versions.snapshot")
    String snapshotFile;

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

    @Test
    void shouldRestartFromTheSnapshotReadingOnlyTheRecordsAfterIt() throws Exception {
        String before = "https://example.com/snapshot/before.html";
        String after = "https://example.com/snapshot/after.html";
        String copyA = seedAt(before);
        String copyB = copyA.replace("So investigators turned", "Investigators turned");
        post("before.md", copyA).then().statusCode(202).body("version", equalTo(1));
        versions.snapshotNow().get(30, TimeUnit.SECONDS);
        // the tail: a new article and a new version of one the snapshot holds
        post("after.md", seedAt(after)).then().statusCode(202).body("version", equalTo(1));
        post("before-b.md", copyB).then().statusCode(202).body("version", equalTo(2));

        versions.restartFromSnapshot();
        awaitReady();

        IngestedVersions.Start start = versions.lastStart();
        assertThat(start.fromSnapshot()).isTrue();
        assertThat(start.snapshotArticles()).isPositive();
        assertThat(start.recordsRead()).as("records read after the snapshot").isEqualTo(2);
        assertThat(TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(), EventTopics.INGESTED))
                .as("records on the topic").hasSizeGreaterThan(2);
        post("before.md", copyA).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(2));
        post("before-b.md", copyB).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(2));
        post("after.md", seedAt(after)).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(1));
        post("after-b.md", seedAt(after).replace("So investigators", "Then investigators")).then().statusCode(202)
                .body("version", equalTo(2));
    }

    @Test
    void shouldReadTheWholeTopicWhenTheSnapshotIsCorrupt() throws Exception {
        String url = "https://example.com/snapshot/corrupt.html";
        post("a.md", seedAt(url)).then().statusCode(202).body("version", equalTo(1));
        versions.snapshotNow().get(30, TimeUnit.SECONDS);
        Path file = Path.of(snapshotFile);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);

        versions.restartFromSnapshot();
        awaitReady();

        IngestedVersions.Start start = versions.lastStart();
        assertThat(start.fromSnapshot()).isFalse();
        assertThat(start.recordsRead()).isEqualTo(TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(),
                EventTopics.INGESTED).size());
        post("a.md", seedAt(url)).then().statusCode(200).body("status", equalTo("unchanged")).body("version", equalTo(1));
    }

    @Test
    void shouldReadTheWholeTopicWhenTheSnapshotIsOfAnotherTopicOfTheSameName() throws Exception {
        String url = "https://example.com/snapshot/recreated.html";
        String gone = "https://example.com/snapshot/gone.html";
        post("a.md", seedAt(url)).then().statusCode(202).body("version", equalTo(1));
        versions.snapshotNow().get(30, TimeUnit.SECONDS);
        // a snapshot of an articles.ingested since deleted and created again: offsets the new one has, another
        // topic id, and an article only the old topic had
        Path file = Path.of(snapshotFile);
        VersionSnapshot.Loaded real = VersionSnapshot.read(file, EventTopics.INGESTED);
        Map<String, VersionSnapshot.Head> heads = new HashMap<>(real.heads());
        heads.put(dev.newsroom.model.ArticleId.fromUrl(gone).orElseThrow(), new VersionSnapshot.Head(1, "0".repeat(64), List.of()));
        VersionSnapshot.write(file, EventTopics.INGESTED, "another-topic-id", real.offsets(), heads);

        versions.restartFromSnapshot();
        awaitReady();

        assertThat(versions.lastStart().fromSnapshot()).isFalse();
        post("gone.md", seedAt(gone)).then().statusCode(202).body("version", equalTo(1));
        post("a.md", seedAt(url)).then().statusCode(200).body("status", equalTo("unchanged"));
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
