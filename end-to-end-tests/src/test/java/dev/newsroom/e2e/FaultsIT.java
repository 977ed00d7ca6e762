package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nothing lost, nothing doubled, whatever fails: the real broker killed with SIGKILL and restarted while
 * 5,000 articles are being ingested, ranked and stored; PostgreSQL stopped for 30 s mid-consumption; each
 * service killed with SIGKILL mid-stream and restarted; records delivered twice and versions out of order.
 * After each case every article ingest acknowledged is stored exactly once, in the newest version it
 * acknowledged. One stack for the class (the broker in a child JVM of its own, so that it can be killed);
 * each case uses articles of its own, so the cases stay independent of one another's counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Duration PUBLISHED_WITHIN = Duration.ofMinutes(5);
    private static final Duration STORED_WITHIN = Duration.ofMinutes(4);
    private static final Duration FAULT_NOTICED_WITHIN = Duration.ofSeconds(60);

    // each case publishes in a month of its own, so its articles relate among themselves and list on their own
    private static final Instant BROKER_CASE = Instant.parse("2021-03-01T00:00:00Z");
    private static final Instant POSTGRES_CASE = Instant.parse("2021-05-01T00:00:00Z");
    private static final Instant SERVICES_CASE = Instant.parse("2021-07-01T00:00:00Z");
    private static final Instant REDELIVERED_CASE = Instant.parse("2021-09-01T00:00:00Z");

    private static Newsroom newsroom;

    @BeforeAll
    static void startNewsroom() {
        newsroom = new Newsroom("faults", true);
    }

    @AfterAll
    static void stopNewsroom() {
        if (newsroom != null) {
            newsroom.infrastructure.kafka().start();
            newsroom.infrastructure.postgres().restart();
            newsroom.close();
        }
    }

    @Test
    @Order(1)
    void shouldLoseNothingWhenTheBrokerIsKilledInTheMiddleOfIngestingFiveThousandArticles() throws Exception {
        List<Article> articles = FaultCorpus.generate("broker-killed", 5_000, BROKER_CASE);
        Publisher publisher = publisher().holdBefore(20);
        CompletableFuture<Void> publishing = publisher.publishInBackground(articles, 100);

        // mid-stream: 2,000 of 5,000 acknowledged, ranking and storing busy with them, 3,000 still to send
        await().atMost(PUBLISHED_WITHIN).until(() -> publisher.isHeldBefore(20));
        await().atMost(STORED_WITHIN).until(() -> !StoreCheck.versions(newsroom, publisher.acknowledged.keySet()).isEmpty());
        System.out.printf("[faults] broker killed with %d acknowledged, %d of them stored%n", publisher.acknowledged.size(),
                StoreCheck.versions(newsroom, publisher.acknowledged.keySet()).size());
        newsroom.infrastructure.kafka().kill();
        try {
            publisher.release();
            // ingest notices: it answers 503 while the broker is gone
            await().atMost(FAULT_NOTICED_WITHIN).until(() -> publisher.unavailable.get() > 0);
        } finally {
            newsroom.infrastructure.kafka().start();
        }

        publishing.get(PUBLISHED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertNothingLostNorDoubled("broker killed (kill -9)", BROKER_CASE, publisher);
        assertThat(publisher.unavailable.get()).as("batches answered 503 while the broker was down").isPositive();
    }

    @Test
    @Order(2)
    void shouldLoseNothingWhenPostgresIsStoppedForThirtySecondsMidConsumption() throws Exception {
        List<Article> articles = FaultCorpus.generate("postgres-stopped", 600, POSTGRES_CASE);
        Publisher publisher = publisher().holdBefore(4);
        CompletableFuture<Void> publishing = publisher.publishInBackground(articles, 50);

        // a quarter acknowledged and being stored; the rest is sent while the database is down
        await().atMost(PUBLISHED_WITHIN).until(() -> publisher.isHeldBefore(4));
        await().atMost(STORED_WITHIN).until(() -> !StoreCheck.versions(newsroom, publisher.acknowledged.keySet()).isEmpty());
        newsroom.infrastructure.postgres().stop();
        long stopped = System.nanoTime();
        publisher.release();
        try {
            // readers are told to come back (503 + Retry-After), not shown an internal error
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                    .get("/articles?size=1&q=outage" + System.nanoTime()).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5"));
            // the rest of the 30 s outage: ingest and ranking go on; article-service retries its batch with back-off
            Duration rest = Duration.ofSeconds(30).minusNanos(System.nanoTime() - stopped);
            await().pollDelay(rest).atMost(rest.plusSeconds(1)).until(() -> true);
        } finally {
            newsroom.infrastructure.postgres().restart();
        }

        publishing.get(PUBLISHED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertNothingLostNorDoubled("postgres down 30 s", POSTGRES_CASE, publisher);
    }

    @Test
    @Order(3)
    void shouldLoseNothingWhenEachServiceIsKilledMidStreamAndRestarted() throws Exception {
        List<Article> articles = FaultCorpus.generate("services-killed", 900, SERVICES_CASE); // 23 batches
        Publisher publisher = publisher().holdBefore(4, 10, 16);
        CompletableFuture<Void> publishing = publisher.publishInBackground(articles, 40);

        // each service is killed as the publisher sends its next batches, so records are in flight through it
        await().atMost(PUBLISHED_WITHIN).until(() -> publisher.isHeldBefore(4));
        publisher.release();
        newsroom.killAndRestartIngest();
        await().atMost(PUBLISHED_WITHIN).until(() -> publisher.isHeldBefore(10));
        publisher.release();
        newsroom.killAndRestartRanking();
        await().atMost(PUBLISHED_WITHIN).until(() -> publisher.isHeldBefore(16));
        publisher.release();
        newsroom.killAndRestartArticles();

        publishing.get(PUBLISHED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        System.out.printf("[faults] services killed: the publisher's connection broke %d time(s), 503 %d time(s)%n",
                publisher.broken.get(), publisher.unavailable.get());
        assertNothingLostNorDoubled("each service killed (kill -9)", SERVICES_CASE, publisher);
    }

    @Test
    @Order(4)
    void shouldStoreTheNewestVersionOnceWhenRecordsComeTwiceAndOutOfOrder() throws Exception {
        Publisher publisher = publisher();
        List<Article> two = FaultCorpus.generate("redelivered", 2, REDELIVERED_CASE);
        Article first = two.get(0);
        assertThat(publisher.publishOne(first)).isEqualTo(1);
        Article edited = first.toBuilder().title(first.title() + " (updated)").build();
        assertThat(publisher.publishOne(edited)).isEqualTo(2);
        String id = ArticleId.of(first).orElseThrow();
        awaitStored(publisher);

        // articles.ingested: the newest version twice more, then the older one after it
        List<ConsumerRecord<String, String>> ingested = recordsOf(EventTopics.INGESTED, id);
        ConsumerRecord<String, String> ingestedV1 = version(ingested, 1);
        ConsumerRecord<String, String> ingestedV2 = version(ingested, 2);
        // articles.ranked: the same, and an article never seen before arriving newest version first
        List<ConsumerRecord<String, String>> ranked = recordsOf(EventTopics.RANKED, id);
        ConsumerRecord<String, String> rankedV2 = version(ranked, 2);
        // ranking may have published only version 2 (it ranks the newest of a batch): version 1 as it would be
        String rankedV1 = withVersion(rankedV2.value(), 1, first.title());
        String unseen = ArticleId.of(two.get(1)).orElseThrow();
        String unseenV2 = withIdentity(rankedV2.value(), two.get(1).webUrl(), unseen, 2, "unseen, version 2");
        String unseenV1 = withIdentity(rankedV2.value(), two.get(1).webUrl(), unseen, 1, "unseen, version 1");
        try (KafkaProducer<String, String> producer = TopicRecords.producer(bootstrap())) {
            resend(producer, EventTopics.INGESTED, ingestedV2);
            resend(producer, EventTopics.INGESTED, ingestedV2);
            resend(producer, EventTopics.INGESTED, ingestedV1);
            resend(producer, EventTopics.RANKED, rankedV2);
            send(producer, EventTopics.RANKED, id, rankedV1, 1, rankedV2);
            resend(producer, EventTopics.RANKED, rankedV2);
            send(producer, EventTopics.RANKED, unseen, unseenV2, 2, rankedV2);
            send(producer, EventTopics.RANKED, unseen, unseenV1, 1, rankedV2);
            send(producer, EventTopics.RANKED, unseen, unseenV2, 2, rankedV2);
            producer.flush();
        }

        // every record above consumed and committed by both consumers
        awaitCaughtUp("ranking-service", EventTopics.INGESTED);
        awaitCaughtUp("article-service", EventTopics.RANKED);
        publisher.acknowledged.put(unseen, 2L);
        assertNothingLostNorDoubled("twice and out of order", REDELIVERED_CASE, publisher);
        assertThat(title(id)).isEqualTo(edited.title());
        assertThat(title(unseen)).isEqualTo("unseen, version 2");
    }

    // ---- the assertion every case ends with

    private static void assertNothingLostNorDoubled(String faultCase, Instant newest, Publisher publisher) {
        Map<String, Long> acknowledged = Map.copyOf(publisher.acknowledged);
        assertThat(acknowledged).isNotEmpty();
        StoreCheck check = StoreCheck.awaitComplete(newsroom, FaultCorpus.window(newest), acknowledged, STORED_WITHIN)
                .print(faultCase, publisher.sent.get(), publisher.started);
        assertThat(check.lost()).as("acknowledged but not stored").isZero();
        assertThat(check.storedInNewestVersion()).as("stored in the newest acknowledged version").isEqualTo(check.acknowledged());
        assertThat(check.duplicates()).as("listed more than once").isZero();
    }

    private static void awaitStored(Publisher publisher) {
        String jdbcUrl = newsroom.infrastructure.postgres().jdbcUrl(dev.newsroom.infra.Infrastructure.DATABASE);
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> StoreCheck.stored(jdbcUrl, Map.copyOf(publisher.acknowledged)).complete());
    }

    private static Publisher publisher() {
        return new Publisher(() -> newsroom.ingest.baseUrl());
    }

    // ---- Kafka, directly

    private static String bootstrap() {
        return newsroom.infrastructure.kafka().bootstrapServers();
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, String key) {
        return TopicRecords.readAll(bootstrap(), topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static ConsumerRecord<String, String> version(List<ConsumerRecord<String, String>> records, long version) {
        return records.stream().filter(r -> Json.readEvent(r.value()).version() == version).findFirst()
                .orElseThrow(() -> new AssertionError("no record of version " + version + " among " + records.size()));
    }

    private static String withIdentity(String eventJson, String url, String id, long version, String title) {
        ObjectNode event = (ObjectNode) Json.mapper().valueToTree(Json.readEvent(eventJson));
        event.put("articleId", id).put("canonicalUrl", url).put("version", version);
        ((ObjectNode) event.get("article")).put("webUrl", url).put("title", title);
        return event.toString();
    }

    private static String withVersion(String eventJson, long version, String title) {
        ObjectNode event = (ObjectNode) Json.mapper().valueToTree(Json.readEvent(eventJson));
        event.put("version", version);
        ((ObjectNode) event.get("article")).put("title", title);
        return event.toString();
    }

    /** The record again, key, value and headers as they were: a redelivery. */
    private static void resend(KafkaProducer<String, String> producer, String topic, ConsumerRecord<String, String> record)
            throws Exception {
        ProducerRecord<String, String> again = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header h : record.headers()) {
            again.headers().add(h.key(), h.value());
        }
        producer.send(again).get();
    }

    /** A record of another article, with the template's headers but its own version. */
    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value, long version,
                             ConsumerRecord<String, String> template) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        for (Header h : template.headers()) {
            if (!h.key().equals(EventHeaders.ARTICLE_VERSION)) {
                record.headers().add(h.key(), h.value());
            }
        }
        record.headers().add(EventHeaders.ARTICLE_VERSION, Long.toString(version).getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /** Waits until {@code group} has committed every record of {@code topic}: all it was sent is done. */
    private static void awaitCaughtUp(String group, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(props)) {
            await().atMost(STORED_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
                Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                for (TopicPartition p : partitions) {
                    long end = ends.get(p).offset();
                    OffsetAndMetadata at = committed.get(p);
                    assertThat(at == null ? 0 : at.offset()).as("%s on %s", group, p).isEqualTo(end);
                }
            });
        }
    }

    private static String title(String id) {
        return given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id)
                .then().statusCode(200).extract().path("title");
    }
}
