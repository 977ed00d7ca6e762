package dev.newsroom.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankedKeys;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import dev.newsroom.ranking.service.RankedPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class RankingPipelineTest {

    private final String kafka = Infrastructure.forTests().kafka().bootstrapServers();

    @Inject
    RankedPublisher publisher;

    private static ArticleEvent ingestedSeed() {
        Article seed = new SeedFormat().read("seed", Samples.bytes(Samples.seed())).article();
        String canonical = CanonicalUrl.of(seed.webUrl()).orElseThrow();
        return ArticleEvent.ingested(ArticleId.fromCanonicalUrl(canonical), 1, canonical, SeedFormat.contentHash(seed),
                Instant.now(), "seed.txt", seed);
    }

    @Test
    void shouldPublishTheSeedRankedWithHeatExplanationAndItsEditorialLinks() {
        ArticleEvent ingested = ingestedSeed();
        TopicRecords.send(kafka, EventTopics.INGESTED, ingested.articleId(), Json.write(ingested));

        ArticleEvent ranked = await().atMost(Duration.ofSeconds(30)).until(() -> rankedOf(ingested.articleId()),
                r -> !r.isEmpty()).get(0);

        assertThat(ranked.version()).isEqualTo(1);
        assertThat(ranked.article()).isEqualTo(ingested.article());
        assertThat(ranked.ranking().heat().value()).isEqualTo(113);
        assertThat(ranked.ranking().heat().components()).hasSize(4);
        assertThat(ranked.ranking().related()).hasSize(2).allSatisfy(link -> {
            assertThat(link.source()).isEqualTo(LinkSource.EDITORIAL);
            assertThat(link.id()).isNull();
        });
        assertThat(ranked.ranking().story().providers())
                .containsExactly("nytimes.com", "thenextweb.com", "theguardian.com");
        assertThat(ranked.ranking().story().coverage()).isCloseTo(1 + 0.25 * Math.log(3), within(1e-12));
        assertThat(ranked.ranking().relatedLimit()).isEqualTo(5);
        ConsumerRecord<String, String> record = TopicRecords.readAll(kafka, EventTopics.RANKED).stream()
                .filter(r -> ingested.articleId().equals(r.key())).findFirst().orElseThrow();
        assertThat(header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("2");
        assertThat(header(record, EventHeaders.ARTICLE_VERSION)).isEqualTo("1");
        assertThat(header(record, EventHeaders.CONTENT_HASH)).isEqualTo(ingested.contentHash());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("newsroom_ranking_published_total{kind=\"article\"}")));
    }

    @Test
    void shouldKeyRankingUpdatesAndStoryRecordsInTheirOwnKeySpacesWithTheirHeaders() {
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        StoryRef story = new StoryRef("probe-story", "probe-article", 2, List.of("a.example", "b.example"), at, at,
                1 + 0.25 * Math.log(2));
        RankingUpdate update = RankingUpdate.of("probe-article", 3, new Ranking(at, null, List.of(), story));

        Uni.join().all(publisher.publish(update), publisher.publish(StoryRecord.of(story, at))).andFailFast().await()
                .atMost(Duration.ofSeconds(30));

        List<ConsumerRecord<String, String>> records = TopicRecords.readAll(kafka, EventTopics.RANKED);
        assertThat(records).filteredOn(r -> RankedKeys.ranking("probe-article").equals(r.key())).singleElement().satisfies(r -> {
            assertThat(header(r, EventHeaders.SCHEMA_VERSION)).isEqualTo("2");
            assertThat(header(r, EventHeaders.ARTICLE_VERSION)).isEqualTo("3");
            assertThat(Json.readRankingUpdate(r.value())).isEqualTo(update);
        });
        assertThat(records).filteredOn(r -> RankedKeys.story("probe-story").equals(r.key())).singleElement().satisfies(r -> {
            assertThat(header(r, EventHeaders.SCHEMA_VERSION)).isEqualTo("2");
            assertThat(r.headers().lastHeader(EventHeaders.ARTICLE_VERSION)).isNull();
            assertThat(Json.readStory(r.value()).story()).isEqualTo(story);
        });
    }

    @Test
    void shouldSendARecordThatIsNoArticleToTheDeadLetterTopicAndKeepGoing() {
        TopicRecords.send(kafka, EventTopics.INGESTED, "broken", "{ this is not json");
        ArticleEvent after = ingestedSeed();
        TopicRecords.send(kafka, EventTopics.INGESTED, after.articleId(), Json.write(after));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = TopicRecords.readAll(kafka, EventTopics.INGESTED_DEAD_LETTER);
            assertThat(dead).anySatisfy(r -> {
                assertThat(r.key()).isEqualTo("broken");
                assertThat(new String(r.headers().lastHeader("dead-letter-reason").value())).isNotBlank();
            });
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> rankedOf(after.articleId()).size() >= 1);
    }

    /** One batch with its ranking updates (up to 50 renamed story members per article, and former neighbours) once outgrew the emitter's buffer. */
    @Test
    void shouldPublishAsManyRecordsAtOnceAsABatchWithItsFanOutCanProduce() {
        Article seed = new SeedFormat().read("seed", Samples.bytes(Samples.seed())).article();
        List<Uni<Void>> sends = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            Article article = seed.toBuilder().webUrl("https://many.example.com/" + i).build();
            String canonical = CanonicalUrl.of(article.webUrl()).orElseThrow();
            ArticleEvent event = ArticleEvent.ingested(ArticleId.fromCanonicalUrl(canonical), 1, canonical,
                    SeedFormat.contentHash(article), Instant.now(), "many.md", article);
            ids.add(event.articleId());
            sends.add(publisher.publish(event));
        }

        Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertThat(TopicRecords.readAll(kafka, EventTopics.RANKED).stream().map(ConsumerRecord::key)
                .collect(Collectors.toSet())).containsAll(ids);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<ArticleEvent> rankedOf(String id) {
        return TopicRecords.readAll(kafka, EventTopics.RANKED).stream().filter(r -> id.equals(r.key()))
                .map(r -> Json.readEvent(r.value())).toList();
    }
}
