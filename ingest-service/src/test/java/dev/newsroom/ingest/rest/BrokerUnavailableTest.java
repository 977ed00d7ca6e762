package dev.newsroom.ingest.rest;

import static dev.newsroom.ingest.Uploads.seedAt;
import static dev.newsroom.ingest.Uploads.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.KafkaBroker;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.event.EventTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka taken away for real: the test JVM's broker is stopped, then started again on the same ports and
 * data. The broker is shared by every test class of this JVM, so it is always started again afterwards.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class BrokerUnavailableTest {

    private static final String TOKEN = "Bearer test-token";

    private final KafkaBroker kafka = Infrastructure.forTests().kafka();

    @BeforeEach
    void waitUntilReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    @AfterEach
    void startKafkaAgain() {
        kafka.start();
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileKafkaIsDownAndAcceptOnceItIsBack() {
        String url = "https://example.com/broker-down/single.html";
        String id = ArticleId.fromUrl(url).orElseThrow();
        byte[] file = utf8(seedAt(url));

        kafka.stop();
        long started = System.nanoTime();
        given().header("Authorization", TOKEN).contentType("text/markdown").body(file).post("/ingest")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("/problems/broker-unavailable"))
                .body("detail", containsString("nothing was accepted"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("503 within seconds").isLessThan(Duration.ofSeconds(20));

        given().header("Authorization", TOKEN)
                .multiPart("files", "a.md", utf8(seedAt("https://example.com/broker-down/a.html")), "text/markdown")
                .multiPart("files", "bad.md", utf8("no front matter"), "text/markdown")
                .post("/ingest").then().statusCode(503).header("Retry-After", "5");

        kafka.start();
        // the retry is accepted as version 1: nothing of the failed attempt counted as ingested
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().header("Authorization", TOKEN).contentType("text/markdown").body(file).post("/ingest")
                        .then().statusCode(202).body("version", equalTo(1)).body("id", equalTo(id)));
        given().header("Authorization", TOKEN)
                .multiPart("files", "a.md", utf8(seedAt("https://example.com/broker-down/a.html")), "text/markdown")
                .post("/ingest").then().statusCode(200).body("items[0].version", equalTo(1));

        assertThat(TopicRecords.readAll(kafka.bootstrapServers(), EventTopics.INGESTED).stream()
                .filter(r -> id.equals(r.key())).count()).isEqualTo(1);
    }
}
