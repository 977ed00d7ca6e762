package dev.newsroom.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.messaging.DeadLetterHeaders;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.BrokenUtf8;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.newsroom.ranking.service.Corpus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Records that read fine but can never be ranked go to {@code articles.ingested.dlq} exactly once, and the
 * records behind them are ranked. Real Kafka.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class DeadLetterTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final String kafka = Infrastructure.forTests().kafka().bootstrapServers();

    @Inject
    Corpus corpus;

    @Test
    void shouldDeadLetterEachRecordThatBreaksRankingOnceAndRankTheNextOne() {
        ArticleEvent undated = ingested(b -> b.publishedDateTime(null)); // ingest never lets it through
        ArticleEvent newer = ingested(b -> b);
        String newerJson = Json.write(newer).replace("\"schemaVersion\":" + ArticleEvent.SCHEMA_VERSION,
                "\"schemaVersion\":" + (ArticleEvent.SCHEMA_VERSION + 1));
        ArticleEvent normal = ingested(b -> b);

        TopicRecords.send(kafka, EventTopics.INGESTED, undated.articleId(), Json.write(undated));
        TopicRecords.send(kafka, EventTopics.INGESTED, newer.articleId(), newerJson);
        TopicRecords.send(kafka, EventTopics.INGESTED, normal.articleId(), Json.write(normal));

        await().atMost(WITHIN).until(() -> keysOn(EventTopics.RANKED).contains(normal.articleId()));
        // exactly one each, and still one a few seconds later: a retried batch does not send them again
        await().atMost(WITHIN).during(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(deadLettersOf(undated.articleId())).singleElement().satisfies(r -> {
                assertThat(header(r, EventHeaders.DEAD_LETTER_STAGE)).isEqualTo("ranking");
                assertThat(header(r, EventHeaders.DEAD_LETTER_FAULT)).isEqualTo("permanent");
                assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).startsWith("ranking failed");
                assertThat(header(r, EventHeaders.DEAD_LETTER_TOPIC)).isEqualTo(EventTopics.INGESTED);
                assertThat(header(r, EventHeaders.DEAD_LETTER_OFFSET)).matches("\\d+");
                assertThat(r.value()).isEqualTo(Json.write(undated));
            });
            assertThat(deadLettersOf(newer.articleId())).singleElement().satisfies(r -> {
                assertThat(header(r, EventHeaders.DEAD_LETTER_REASON))
                        .contains("unsupported schema version " + (ArticleEvent.SCHEMA_VERSION + 1));
                assertThat(r.value()).isEqualTo(newerJson);
            });
        });
        assertThat(keysOn(EventTopics.RANKED)).doesNotContain(undated.articleId(), newer.articleId());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("kafka-consumer-progress"));
        given().get("/q/metrics").then().body(containsString("newsroom_dead_letters_total{stage=\"ranking\"}"));
    }

    @Test
    void shouldDeadLetterAValueThatIsNotUtf8ByteForByteAndNeitherIndexNorRankIt() {
        ArticleEvent broken = ingested(b -> b);
        ArticleEvent after = ingested(b -> b);
        byte[] notUtf8 = BrokenUtf8.inTitle(Json.writeBytes(broken));

        TopicRecords.send(kafka, EventTopics.INGESTED, broken.articleId(), notUtf8);
        TopicRecords.send(kafka, EventTopics.INGESTED, after.articleId(), Json.write(after));

        await().atMost(WITHIN).until(() -> keysOn(EventTopics.RANKED).contains(after.articleId()));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(TopicRecords.readAll(kafka, EventTopics.INGESTED_DEAD_LETTER,
                new ByteArrayDeserializer())).filteredOn(r -> broken.articleId().equals(r.key())).singleElement().satisfies(r -> {
                    assertThat(r.value()).isEqualTo(notUtf8);
                    assertThat(DeadLetterHeaders.text(r.headers(), EventHeaders.DEAD_LETTER_CLASSIFICATION)).isEqualTo("poison record");
                    assertThat(DeadLetterHeaders.text(r.headers(), EventHeaders.DEAD_LETTER_REASON)).contains("UTF-8");
                }));
        // read as text, the bytes would have become U+FFFD and the article been indexed and ranked with it
        assertThat(keysOn(EventTopics.RANKED)).doesNotContain(broken.articleId());
        assertThat(corpus.contains(broken.articleId())).isFalse();
        assertThat(corpus.contains(after.articleId())).isTrue();
    }

    /**
     * The seed's dates and provider with words of its own, so it is nobody's related link or story mate
     * (the other tests of this JVM rank the seed and count its links).
     */
    private static ArticleEvent ingested(UnaryOperator<Article.Builder> change) {
        Article seed = new SeedFormat().read("seed", Samples.bytes(Samples.seed())).article();
        String word = "zxqprobe" + UUID.randomUUID().toString().substring(0, 8);
        Article article = change.apply(seed.toBuilder().webUrl("https://poison.example.com/" + UUID.randomUUID())
                .title(word + " quorvex").excerpt(word + " plindra").body("").topics(List.of(word))
                .related(List.of())).build();
        String canonical = CanonicalUrl.of(article.webUrl()).orElseThrow();
        return ArticleEvent.ingested(ArticleId.fromCanonicalUrl(canonical), 1, canonical, SeedFormat.contentHash(article),
                Instant.now(), "poison.md", article);
    }

    private List<String> keysOn(String topic) {
        return TopicRecords.readAll(kafka, topic).stream().map(ConsumerRecord::key).toList();
    }

    private List<ConsumerRecord<String, String>> deadLettersOf(String key) {
        return TopicRecords.readAll(kafka, EventTopics.INGESTED_DEAD_LETTER).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return DeadLetterHeaders.text(record.headers(), name);
    }
}
