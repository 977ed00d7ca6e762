package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.quality.SampleCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Scale-out against the real broker, with the packaged service as processes of its own: two instances in
 * one consumer group rank the sample corpus while it arrives, each its own partitions; then a third
 * instance, alone in a group of its own, rebuilds its corpus from the compacted topic and ranks everything
 * again. What a reader of each output topic knows of every article ({@link ReadModel}: whole records,
 * ranking updates and story records applied as docs/ranked-topic-v2.md says) must be the same: story and
 * its facts, related links and scores, heat.
 */
class ScaleOutIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(180);

    private final Infrastructure infrastructure = Infrastructure.forTests();
    private final String kafka = infrastructure.kafka().bootstrapServers();
    private final Path root = ServiceProcess.projectRoot();
    private final Path logs = root.resolve("ranking-service/target/it-logs");
    private final Path indexes = root.resolve("ranking-service/target/it-indexes/" + java.util.UUID.randomUUID());

    @Test
    void shouldRankTheSameWithTwoInstancesInOneGroupAsWithOneRebuiltFromTheTopic() throws Exception {
        List<ArticleEvent> corpus = new ArrayList<>(SampleCorpus.files(true).values());
        corpus.sort(Comparator.comparing((ArticleEvent e) -> e.article().publishedDateTime()).reversed());
        createTopics("ranked.pair", "ranked.single");

        ReadModel pair;
        CompletableFuture<ServiceProcess> first = CompletableFuture.supplyAsync(() -> start("ranking-pair-1", "pair", "ranked.pair"));
        CompletableFuture<ServiceProcess> second = CompletableFuture.supplyAsync(() -> start("ranking-pair-2", "pair", "ranked.pair"));
        try (ServiceProcess one = first.join(); ServiceProcess two = second.join()) {
            await().atMost(READY).untilAsserted(() -> assertThat(membersWithPartitions("pair")).isEqualTo(2));

            // the newest article first, so that both runs measure recency on the same news clock
            send(corpus.get(0));
            await().atMost(SETTLE).until(() -> read("ranked.pair").articleIds().contains(corpus.get(0).articleId()));
            corpus.subList(1, corpus.size()).forEach(this::send);

            pair = settled("pair", "ranked.pair", corpus.size());
            // both did a share of the work
            assertThat(articlesRanked(one)).isPositive();
            assertThat(articlesRanked(two)).isPositive();
            assertThat(articlesRanked(one) + articlesRanked(two)).isGreaterThanOrEqualTo(corpus.size());
        }

        ReadModel single;
        try (ServiceProcess alone = start("ranking-single", "single", "ranked.single")) {
            single = settled("single", "ranked.single", corpus.size());
        }

        assertThat(answers(pair)).isEqualTo(answers(single));
        List<StoryRef> provance = corpus.stream().filter(e -> e.article().title().contains("Provance"))
                .map(e -> pair.story(e.articleId())).toList();
        assertThat(provance).hasSize(5).allSatisfy(story -> {
            assertThat(story.size()).isEqualTo(5);
            assertThat(story.providers()).hasSize(3);
        });
    }

    private ServiceProcess start(String name, String group, String output) {
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("mp.messaging.incoming.articles-ingested.group.id", group);
        config.put("mp.messaging.outgoing.articles-ranked.topic", output);
        // each instance its own index directory (two on one machine never share one), empty at start
        config.put("newsroom.ranking.index.path", indexes.resolve(name).toString());
        // lookups unbounded, so that order independence is exact (see CorpusTest)
        config.put("newsroom.ranking.index.query-terms", "1000");
        config.put("newsroom.ranking.index.candidates", "1000000");
        config.put("newsroom.ranking.index.postings-per-term", "100000000");
        config.put("newsroom.ranking.related.fan-out", "1000");
        return ServiceProcess.start(root, "ranking-service", name, config, logs, READY);
    }

    /** The instance's count of ingested articles it ranked and published (its Prometheus metric). */
    private static double articlesRanked(ServiceProcess instance) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(instance.baseUrl() + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("newsroom_ranking_published_total") && l.contains("kind=\"article\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void send(ArticleEvent event) {
        TopicRecords.send(kafka, EventTopics.INGESTED, event.articleId(), Json.write(event));
    }

    /** Waits until the group has committed every ingested record and every article is known; returns what a reader knows. */
    private ReadModel settled(String group, String output, int articles) {
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(lag(group)).isZero();
            assertThat(read(output).articleIds()).hasSize(articles);
        });
        return read(output);
    }

    /** The topic read from its start, every record applied in partition order (the reader's rules make the interleaving of partitions irrelevant). */
    private ReadModel read(String topic) {
        ReadModel reader = new ReadModel();
        for (ConsumerRecord<String, String> record : TopicRecords.readAll(kafka, topic)) {
            reader.apply(record.key(), record.value());
        }
        return reader;
    }

    /** What must not depend on how many instances ranked, or in which order articles arrived. */
    private static Map<String, String> answers(ReadModel reader) {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        Map<String, String> answers = new TreeMap<>();
        for (String id : reader.articleIds()) {
            ArticleEvent e = reader.article(id).orElseThrow();
            StoryRef story = reader.story(id);
            HeatScore heat = reader.heat(id);
            List<RelatedLink> related = new ArrayList<>(reader.related(id));
            related.sort(Comparator.comparingDouble(RelatedLink::score).reversed().thenComparing(l -> String.valueOf(l.id())));
            answers.put(id, "v" + e.version() + " story " + reader.storyId(id) + "/" + story.size() + " lead "
                    + story.leadArticleId() + " providers " + story.providers().stream().sorted().toList()
                    + " related " + related.stream().map(l -> l.source() + ":" + l.id() + ":" + l.score()).toList()
                    + String.format(" heat base %.6f, at %s %.6f", heat.base(), at, heat.at(e.article().publishedDateTime(), at)));
        }
        return answers;
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        return Admin.create(props);
    }

    private void createTopics(String... names) throws Exception {
        for (String name : names) {
            TopicRecords.create(kafka, name, Infrastructure.TEST_PARTITIONS);
        }
    }

    private int membersWithPartitions(String group) throws Exception {
        try (Admin admin = admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return (int) description.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private long lag(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < Infrastructure.TEST_PARTITIONS; p++) {
                request.put(new TopicPartition(EventTopics.INGESTED, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().entrySet().stream().mapToLong(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue().offset() - (done == null ? 0 : done.offset());
            }).sum();
        }
    }
}
