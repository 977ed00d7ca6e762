package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.ranking.config.RankingConfig.LookAheadMode;
import dev.newsroom.ranking.listener.CorpusFeed;
import dev.newsroom.ranking.quality.SampleCorpus;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus index across restarts, fed from a real Kafka topic by the real {@link CorpusFeed}: a restart
 * replays only the records past the offsets of the index's last commit, an index that is missing or corrupt
 * is rebuilt from offset 0, and either way the rankings are those of a fresh run over the whole topic.
 */
class CorpusFeedRestartTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private EventTopic topic;
    private final List<ArticleEvent> first = new ArrayList<>();
    private final List<ArticleEvent> tail = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeEach
    void createTopicAndSplitTheSamples() throws Exception {
        topic = EventTopic.create("restart");
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.files(true).values());
        first.addAll(samples.subList(0, samples.size() / 2));
        tail.addAll(samples.subList(samples.size() / 2, samples.size()));
        // the tail also retracts three articles of the first part: retractions must hold across the restart
        for (ArticleEvent e : first.subList(0, 3)) {
            tail.add(new ArticleEvent(e.schemaVersion(), e.articleId(), 2, e.canonicalUrl(), "retracted", e.ingestedAt(),
                    e.sourceFile(), e.article().toBuilder().published(false).build(), null));
        }
    }

    @Test
    void shouldReplayOnlyTheRecordsPastTheCommittedOffsetsAndRankAsAFreshRun() throws Exception {
        Path index = temp.resolve("index");
        topic.send(first);
        feedUntilCaughtUp(index, first.size()).close();

        topic.send(tail);
        Corpus restarted = feedUntilCaughtUp(index, tail.size());

        Corpus fresh = feedUntilCaughtUp(temp.resolve("fresh"), first.size() + tail.size());
        assertThat(restarted.size()).isEqualTo(fresh.size()).isEqualTo(first.size() + tail.size() - 2 * 3);
        assertThat(answers(restarted)).isEqualTo(answers(fresh));
        restarted.close();
        fresh.close();
    }

    @Test
    void shouldRebuildFromOffsetZeroWhenTheIndexDirectoryIsDeleted() throws Exception {
        Path index = temp.resolve("index");
        topic.send(first);
        topic.send(tail);
        Corpus built = feedUntilCaughtUp(index, first.size() + tail.size());
        Map<String, String> expected = answers(built);
        built.close();

        delete(index);
        Corpus rebuilt = feedUntilCaughtUp(index, first.size() + tail.size());
        assertThat(answers(rebuilt)).isEqualTo(expected);
        rebuilt.close();
    }

    @Test
    void shouldRebuildFromOffsetZeroWhenTheIndexIsCorrupt() throws Exception {
        Path index = temp.resolve("index");
        topic.send(first);
        topic.send(tail);
        Corpus built = feedUntilCaughtUp(index, first.size() + tail.size());
        Map<String, String> expected = answers(built);
        built.close();

        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (int i = 0; i < bytes.length; i += 7) {
                    bytes[i] ^= 0x5a; // flipped bits everywhere: headers, data and checksums
                }
                Files.write(file, bytes);
            }
        }
        Corpus rebuilt = feedUntilCaughtUp(index, first.size() + tail.size());
        assertThat(answers(rebuilt)).isEqualTo(expected);
        rebuilt.close();
    }

    @Test
    void shouldRebuildFromOffsetZeroWhenTheTopicIsNotTheOneTheIndexWasBuiltFrom() throws Exception {
        Path index = temp.resolve("index");
        topic.send(first);
        topic.send(tail);
        feedUntilCaughtUp(index, first.size() + tail.size()).close();

        // another cluster, or the topic deleted and created again: its offsets end before the index's
        topic = EventTopic.create("restart");
        topic.send(first.subList(0, 10));
        Corpus rebuilt = feedUntilCaughtUp(index, 10);
        assertThat(rebuilt.size()).isEqualTo(10);
        rebuilt.close();
    }

    /**
     * Opens the corpus in {@code index}, feeds it until it holds the whole topic, stops the feed (which commits)
     * and returns the corpus, after checking that the feed read exactly {@code expectedRecords}.
     */
    private Corpus feedUntilCaughtUp(Path index, int expectedRecords) throws InterruptedException {
        Corpus corpus = Corpus.open(index, RankingSettings.with(CorpusTest.UNBOUNDED_LOOKUPS), new TextAnalysis(),
                TermRarity.reference(), new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)));
        CorpusFeed feed = new CorpusFeed(corpus, topic.kafka(), topic.name(), Duration.ofSeconds(5), LookAheadMode.CATCH_UP);
        feed.start();
        try {
            await().atMost(WITHIN).until(feed::isRebuilt);
            assertThat(feed.recordsRead()) // the topic counted only when the assertion fails
                    .as(() -> "records read from %s, whose end offsets add up to %d".formatted(topic.name(), topic.records()))
                    .isEqualTo(expectedRecords);
        } finally {
            feed.stop();
        }
        assertThat(feed.commits()).isPositive();
        return corpus;
    }

    private Map<String, String> answers(Corpus corpus) {
        Map<String, String> answers = new TreeMap<>();
        for (ArticleEvent e : SampleCorpus.files(true).values()) {
            Ranking r = corpus.rank(e, SampleCorpus.INGESTED_AT).ranking();
            answers.put(e.articleId(), r.story().id() + " " + r.story().size() + " " + r.story().leadArticleId() + " "
                    + r.story().providers() + " " + r.related().stream().map(l -> l.id() + ":" + l.score()).toList()
                    + " " + r.heat().base() + " " + r.heat().value());
        }
        return answers;
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
