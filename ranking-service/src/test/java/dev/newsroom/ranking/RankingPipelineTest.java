package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.event.LinkSource;
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

    /** One batch with its fan-out (up to 1 + 20 + 50 records per article) once outgrew the emitter's buffer. */
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

    private List<ArticleEvent> rankedOf(String id) {
        return TopicRecords.readAll(kafka, EventTopics.RANKED).stream().filter(r -> id.equals(r.key()))
                .map(r -> Json.readEvent(r.value())).toList();
    }
}
