package dev.newsroom.ingest.rest;

import static dev.newsroom.ingest.Uploads.seedAt;
import static dev.newsroom.ingest.Uploads.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.ingest.Uploads;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class IngestBatchTest {

    private static final String TOKEN = "Bearer test-token";

    @BeforeEach
    void waitUntilReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    private static RequestSpecification authorized() {
        return given().header("Authorization", TOKEN);
    }

    private static List<ConsumerRecord<String, String>> published(String id) {
        return TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(), EventTopics.INGESTED).stream()
                .filter(r -> id.equals(r.key())).toList();
    }

    @Test
    void shouldAnswerEachFileOfAMultipartBatchSoThatOneBadFileNeverSinksTheGoodOnes() {
        byte[] good1 = utf8(seedAt("https://example.com/batch/one.html"));
        byte[] bad = utf8(seedAt("javascript:alert(1)"));
        byte[] good2 = utf8(seedAt("https://example.com/batch/two.html"));

        authorized().multiPart("files", "one.md", good1, "text/markdown")
                .multiPart("files", "bad.md", bad, "text/markdown")
                .multiPart("files", "two.md", good2, "text/markdown")
                .post("/ingest").then().statusCode(200).contentType("application/json")
                .body("accepted", equalTo(2)).body("unchanged", equalTo(0)).body("rejected", equalTo(1))
                .body("items", hasSize(3))
                .body("items[0].file", equalTo("one.md")).body("items[0].status", equalTo("accepted"))
                .body("items[0].version", equalTo(1))
                .body("items[0].id", equalTo(ArticleId.fromUrl("https://example.com/batch/one.html").orElseThrow()))
                .body("items[0].problems", nullValue())
                .body("items[1].file", equalTo("bad.md")).body("items[1].status", equalTo("rejected"))
                .body("items[1].code", equalTo(422)).body("items[1].type", equalTo("/problems/invalid-article"))
                .body("items[1].problems[0].file", equalTo("bad.md"))
                .body("items[1].problems[0].field", equalTo("webUrl"))
                .body("items[1].problems[0].line", equalTo(6))
                .body("items[2].file", equalTo("two.md")).body("items[2].status", equalTo("accepted"));

        // the same batch again: nothing new to publish
        authorized().multiPart("files", "one.md", good1, "text/markdown")
                .multiPart("files", "bad.md", bad, "text/markdown")
                .multiPart("files", "two.md", good2, "text/markdown")
                .post("/ingest").then().statusCode(200)
                .body("accepted", equalTo(0)).body("unchanged", equalTo(2)).body("rejected", equalTo(1));
        assertThat(published(ArticleId.fromUrl("https://example.com/batch/one.html").orElseThrow())).hasSize(1);
    }

    @Test
    void shouldAnswerAnOversizedFileOfABatchAsRejectedAndTakeTheOthers() {
        byte[] huge = utf8(seedAt("https://example.com/batch/huge.html") + "x".repeat(1_100_000));
        authorized().multiPart("files", "huge.md", huge, "text/markdown")
                .multiPart("files", "fine.md", utf8(seedAt("https://example.com/batch/fine.html")), "text/markdown")
                .post("/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("rejected")).body("items[0].code", equalTo(413))
                .body("items[0].problems[0].message", containsString("larger than the limit of 1048576 bytes"))
                .body("items[1].status", equalTo("accepted"));
    }

    @Test
    void shouldIngestEverySampleFromAZipAndRepairTheSeedsMojibake() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path root = Samples.root();
        for (Path file : Samples.allArticles()) {
            entries.put(root.relativize(file).toString(), Samples.bytes(file));
        }

        JsonPath answer = authorized().contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"samples.zip\"")
                .body(Uploads.zip(entries)).post("/ingest")
                .then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> items = answer.getList("items");
        assertThat(items).hasSize(entries.size());
        assertThat(items).filteredOn(i -> "rejected".equals(i.get("status"))).as("every sample is an article").isEmpty();
        assertThat(answer.getInt("accepted") + answer.getInt("unchanged")).isEqualTo(entries.size());
        assertThat(items.get(0).get("file")).isEqualTo("samples.zip!/" + root.relativize(Samples.allArticles().get(0)));

        String seedId = ArticleId.fromUrl(Uploads.SEED_WEB_URL).orElseThrow();
        ArticleEvent seed = Json.readEvent(published(seedId).get(0).value());
        assertThat(seed.article().related().get(1).excerpt()).contains("at the country’s biggest").doesNotContain("â€");
        assertThat(seed.article().secured()).isEqualTo(securedOf(Samples.text(Samples.seed())));
    }

    @Test
    void shouldIngestATarGzArchive() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("feed/a.md", utf8(seedAt("https://example.com/tar/a.html")));
        entries.put("feed/b.md", utf8(seedAt("https://example.com/tar/b.html")));
        entries.put("feed/notes.csv", utf8("a,b\n"));

        authorized().contentType("application/gzip").header("Content-Disposition", "attachment; filename=\"feed.tar.gz\"")
                .body(Uploads.tarGz(entries)).post("/ingest")
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("items[0].file", equalTo("feed.tar.gz!/feed/a.md"))
                .body("items[2].file", equalTo("feed.tar.gz!/feed/notes.csv"))
                .body("items[2].code", equalTo(415))
                .body("items[2].problems[0].message", containsString("not an article file"));
    }

    /** Acceptance: the same article under its webUrl, its AMP-derived page and with utm_source is one article. */
    @Test
    void shouldKnowTheSameArticleUnderItsAmpAndTrackingAddressesAsOne() {
        String page = "https://www.nytimes.com/2020/01/12/technology/one-article.html";
        String amp = "https://www.nytimes.com/2020/01/12/technology/one-article.amp.html";
        String cdnAmp = "https://www-nytimes-com.cdn.ampproject.org/c/s/www.nytimes.com/2020/01/12/technology/one-article.amp.html";
        String tracked = page + "?utm_source=twitter&utm_medium=social";

        Set<String> ids = List.of(page, amp, cdnAmp, tracked).stream()
                .map(url -> authorized().multiPart("files", "one-article.md", utf8(seedAt(url)), "text/markdown")
                        .post("/ingest").then().statusCode(200).body("items[0].status", equalTo("accepted"))
                        .extract().<String>path("items[0].id"))
                .collect(Collectors.toSet());

        assertThat(ids).containsExactly(ArticleId.fromUrl(page).orElseThrow());
        assertThat(published(ids.iterator().next())).extracting(r -> Json.readEvent(r.value()).version())
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldCountFilesAndBytesInTheMetrics() {
        authorized().multiPart("files", "m.md", utf8(seedAt("https://example.com/metrics/m.html")), "text/markdown")
                .multiPart("files", "n.md", utf8("no front matter"), "text/markdown")
                .post("/ingest").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("newsroom_ingest_files_total\\{outcome=\"accepted\"\\} [1-9]")
                .containsPattern("newsroom_ingest_files_total\\{outcome=\"rejected\"\\} [1-9]")
                .contains("newsroom_ingest_files_total{outcome=\"unchanged\"}")
                .containsPattern("newsroom_ingest_bytes_total [1-9]");
    }

    private static String securedOf(String text) {
        int start = text.indexOf("secured: \"") + "secured: \"".length();
        return text.substring(start, text.indexOf('"', start));
    }
}
