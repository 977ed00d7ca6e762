package dev.newsroom.article.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.PostgresServer;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.messaging.DeadLetterHeaders;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankedKeys;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.BrokenUtf8;
import dev.newsroom.model.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Poison records on {@code articles.ranked} go to {@code articles.ranked.dlq} and the pipeline goes on;
 * a transient database fault is retried, reported by readiness while it lasts, and dead-letters nothing.
 * Real Kafka, real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class DeadLetterTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final String kafka = Infrastructure.forTests().kafka().bootstrapServers();

    @Inject
    MeterRegistry registry;

    @Test
    void shouldDeadLetterRecordsTheDatabaseRefusesAndStoreTheNextOneWithinSeconds() {
        double before = deadLetters();
        ArticleEvent nul = RankedEvents.article().edit(b -> b.body("a body with a NUL \u0000 in it")).build();
        String[] topics = IntStream.range(0, 33_000).mapToObj(i -> "topic-" + i).toArray(String[]::new);
        ArticleEvent manyTopics = RankedEvents.article().topics(topics).build();
        ArticleEvent normal = RankedEvents.article().build();

        TopicRecords.send(kafka, EventTopics.RANKED, nul.articleId(), Json.write(nul));
        TopicRecords.send(kafka, EventTopics.RANKED, manyTopics.articleId(), Json.write(manyTopics));
        TopicRecords.send(kafka, EventTopics.RANKED, normal.articleId(), Json.write(normal));

        await().atMost(WITHIN).untilAsserted(() ->
                given().get("/articles/" + normal.articleId()).then().statusCode(200).body("version", equalTo(1)));
        await().atMost(WITHIN).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = deadLettersOf(nul.articleId(), manyTopics.articleId());
            assertThat(dead).hasSize(2);
            assertThat(dead).allSatisfy(r -> {
                assertThat(header(r, EventHeaders.DEAD_LETTER_TOPIC)).isEqualTo(EventTopics.RANKED);
                assertThat(header(r, EventHeaders.DEAD_LETTER_PARTITION)).matches("\\d+");
                assertThat(header(r, EventHeaders.DEAD_LETTER_OFFSET)).matches("\\d+");
                assertThat(header(r, EventHeaders.DEAD_LETTER_STAGE)).isEqualTo("store");
                assertThat(header(r, EventHeaders.DEAD_LETTER_FAULT)).isEqualTo("permanent");
                assertThat(header(r, EventHeaders.DEAD_LETTER_CLASSIFICATION)).startsWith("SQLState 22");
                assertThat(header(r, EventHeaders.DEAD_LETTER_EXCEPTION)).isNotBlank();
                assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).isNotBlank();
                assertThat(header(r, EventHeaders.DEAD_LETTER_AT)).isNotBlank();
            });
            assertThat(dead).anySatisfy(r -> assertThat(r.value()).isEqualTo(Json.write(nul)));
        });
        given().get("/articles/" + nul.articleId()).then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(deadLetters()).isGreaterThanOrEqualTo(before + 2);
        given().get("/q/metrics").then().body(containsString("newsroom_dead_letters_total{stage=\"store\"}"));
    }

    @Test
    void shouldDeadLetterARecordOfANewerSchemaVersionOrFailingTheChecks() {
        ArticleEvent normal = RankedEvents.article().build();
        String newer = Json.write(normal).replace("\"schemaVersion\":" + ArticleEvent.SCHEMA_VERSION, "\"schemaVersion\":99");
        ArticleEvent noRanking = RankedEvents.article().build().withRanking(null);
        ArticleEvent after = RankedEvents.article().build();
        String newerUpdate = Json.write(RankingUpdate.of(after.articleId(), 1, after.ranking()))
                .replace("\"schemaVersion\":" + ArticleEvent.SCHEMA_VERSION, "\"schemaVersion\":99");
        String storyKey = RankedKeys.story(RankedEvents.unique("story"));

        TopicRecords.send(kafka, EventTopics.RANKED, normal.articleId(), newer);
        TopicRecords.send(kafka, EventTopics.RANKED, noRanking.articleId(), Json.write(noRanking));
        TopicRecords.send(kafka, EventTopics.RANKED, RankedKeys.ranking(after.articleId()), newerUpdate);
        TopicRecords.send(kafka, EventTopics.RANKED, storyKey, "{\"schemaVersion\":2,\"story\":null}");
        TopicRecords.send(kafka, EventTopics.RANKED, after.articleId(), Json.write(after));

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(deadLettersOf(normal.articleId())).singleElement().satisfies(r ->
                    assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).contains("unsupported schema version 99"));
            assertThat(deadLettersOf(noRanking.articleId())).singleElement().satisfies(r ->
                    assertThat(header(r, EventHeaders.DEAD_LETTER_CLASSIFICATION)).isEqualTo("poison record"));
            assertThat(deadLettersOf(RankedKeys.ranking(after.articleId()))).singleElement().satisfies(r ->
                    assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).contains("unsupported schema version 99"));
            assertThat(deadLettersOf(storyKey)).singleElement().satisfies(r ->
                    assertThat(header(r, EventHeaders.DEAD_LETTER_CLASSIFICATION)).isEqualTo("poison record"));
        });
        await().atMost(WITHIN).untilAsserted(() -> given().get("/articles/" + after.articleId()).then().statusCode(200));
    }

    /**
     * Records are read as bytes: a value that is not UTF-8 is refused as it is (read as text it would have been
     * changed into replacement characters and stored), and its dead letter holds exactly the bytes that came.
     */
    @Test
    void shouldDeadLetterAValueThatIsNotUtf8ByteForByte() {
        ArticleEvent broken = RankedEvents.article().build();
        ArticleEvent after = RankedEvents.article().build();
        byte[] notUtf8 = BrokenUtf8.inTitle(Json.writeBytes(broken));

        TopicRecords.send(kafka, EventTopics.RANKED, broken.articleId(), notUtf8);
        TopicRecords.send(kafka, EventTopics.RANKED, after.articleId(), Json.write(after));

        await().atMost(WITHIN).untilAsserted(() -> assertThat(TopicRecords.readAll(kafka, EventTopics.RANKED_DEAD_LETTER,
                new ByteArrayDeserializer())).filteredOn(r -> broken.articleId().equals(r.key())).singleElement().satisfies(r -> {
                    assertThat(r.value()).isEqualTo(notUtf8);
                    assertThat(DeadLetterHeaders.text(r.headers(), EventHeaders.DEAD_LETTER_CLASSIFICATION)).isEqualTo("poison record");
                    assertThat(DeadLetterHeaders.text(r.headers(), EventHeaders.DEAD_LETTER_REASON)).contains("UTF-8");
                }));
        await().atMost(WITHIN).untilAsserted(() -> given().get("/articles/" + after.articleId()).then().statusCode(200));
        given().get("/articles/" + broken.articleId()).then().statusCode(404);
    }

    /** A merge that names its own story, or that has members of its own, is dead-lettered with why. */
    @Test
    void shouldDeadLetterAStoryMergeIntoItselfOrWithASize() throws Exception {
        String self = RankedEvents.unique("story");
        String sized = RankedEvents.unique("story");
        java.time.Instant at = java.time.Instant.parse("2030-03-01T12:00:00Z");
        StoryRecord withMembers = new StoryRecord(ArticleEvent.SCHEMA_VERSION,
                new StoryRef(sized, null, 2, List.of("a.example"), null, null, 1.0), at, RankedEvents.unique("story"));
        ArticleEvent after = RankedEvents.article().build();

        TopicRecords.send(kafka, EventTopics.RANKED, RankedKeys.story(self), Json.write(StoryRecord.merged(self, self, at, 1.0)));
        TopicRecords.send(kafka, EventTopics.RANKED, RankedKeys.story(sized), Json.write(withMembers));
        TopicRecords.send(kafka, EventTopics.RANKED, after.articleId(), Json.write(after));

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(deadLettersOf(RankedKeys.story(self))).singleElement().satisfies(r -> {
                assertThat(header(r, EventHeaders.DEAD_LETTER_CLASSIFICATION)).isEqualTo("poison record");
                assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).contains("a story cannot be merged into itself: " + self);
            });
            assertThat(deadLettersOf(RankedKeys.story(sized))).singleElement().satisfies(r ->
                    assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).contains("a story merge must have size 0, was 2"));
        });
        await().atMost(WITHIN).untilAsserted(() -> given().get("/articles/" + after.articleId()).then().statusCode(200));
        assertThat(query("select id from story where id in ('" + self + "', '" + sized + "')")).isEmpty();
    }

    /** Each key space is read as its kind: a ranking update and a story record reach their rows. */
    @Test
    void shouldStoreRankingUpdatesAndStoryRecordsByTheirKeys() throws Exception {
        ArticleEvent linked = RankedEvents.article().build();
        ArticleEvent article = RankedEvents.article().build();
        String storyId = RankedEvents.unique("story");
        Ranking later = new Ranking(article.ranking().rankedAt().plusSeconds(60), article.ranking().heat(),
                List.of(new RelatedLink(linked.articleId(), 0.9, LinkSource.COMPUTED, RelatedArticle.of(linked.article()))),
                null);
        StoryRecord story = StoryRecord.of(new StoryRef(storyId, article.articleId(), 1, List.of("a.example"),
                null, null, 1.0), later.rankedAt());

        TopicRecords.send(kafka, EventTopics.RANKED, RankedKeys.ranking(article.articleId()),
                Json.write(RankingUpdate.of(article.articleId(), 1, later)));
        TopicRecords.send(kafka, EventTopics.RANKED, RankedKeys.story(storyId), Json.write(story));
        TopicRecords.send(kafka, EventTopics.RANKED, linked.articleId(), Json.write(linked));
        TopicRecords.send(kafka, EventTopics.RANKED, article.articleId(), Json.write(article));

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(query("select related_id from related_link where article_id = '" + article.articleId()
                    + "' and origin = article_id")).containsExactly(linked.articleId());
            assertThat(query("select coverage::text from story where id = '" + storyId + "'")).containsExactly("1");
        });
        assertThat(deadLettersOf(RankedKeys.ranking(article.articleId()), RankedKeys.story(storyId))).isEmpty();
    }

    private static List<String> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(Infrastructure.forTests().postgres().jdbcUrl(Infrastructure.DATABASE),
                PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /**
     * A transient fault for real: the store's statement waits on a lock this test holds, readiness turns
     * DOWN once the stall outlasts the (test's 3 s) stall timeout, the waiting backend is terminated
     * (SQLState 57P01, what a database restart does to it), the store retries; once the lock is gone the
     * article is stored, readiness is UP again, and nothing was dead-lettered.
     */
    @Test
    void shouldRetryATransientDatabaseFaultReportTheStallAndDeadLetterNothing() throws Exception {
        ArticleEvent article = RankedEvents.article().build();
        try (Connection locker = DriverManager.getConnection(
                Infrastructure.forTests().postgres().jdbcUrl(Infrastructure.DATABASE), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table article in access exclusive mode");
            }
            TopicRecords.send(kafka, EventTopics.RANKED, article.articleId(), Json.write(article));

            int blocked = await().atMost(WITHIN).until(() -> waitingOnALock(locker), pid -> pid > 0);
            await().atMost(WITHIN).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka-consumer-progress' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'kafka-consumer-progress' }.data.keySet()",
                            hasItem(org.hamcrest.Matchers.startsWith(EventTopics.RANKED + "-"))));

            try (Statement kill = locker.createStatement()) {
                kill.execute("select pg_terminate_backend(" + blocked + ")");
            }
            await().atMost(WITHIN).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("last error")));
            locker.rollback();
        }

        await().atMost(WITHIN).untilAsserted(() -> given().get("/articles/" + article.articleId()).then().statusCode(200));
        await().atMost(WITHIN).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertThat(deadLettersOf(article.articleId())).isEmpty();
    }

    /** The process id of a backend of the service waiting on a lock, or 0. */
    private static int waitingOnALock(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select pid from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid() limit 1")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private double deadLetters() {
        var counter = registry.find("newsroom.dead.letters").tag("stage", "store").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<ConsumerRecord<String, String>> deadLettersOf(String... keys) {
        List<String> wanted = List.of(keys);
        return TopicRecords.readAll(kafka, EventTopics.RANKED_DEAD_LETTER).stream()
                .filter(r -> wanted.contains(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return DeadLetterHeaders.text(record.headers(), name);
    }
}
