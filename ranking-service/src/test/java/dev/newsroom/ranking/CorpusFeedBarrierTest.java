package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.config.RankingConfig.LookAheadMode;
import dev.newsroom.ranking.listener.CorpusFeed;
import dev.newsroom.ranking.quality.SampleCorpus;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The barrier the listener ranks behind, on a real Kafka topic read by the real {@link CorpusFeed}: it is
 * answered once the corpus holds the batch's records, with an instant at which the topic held nothing the
 * corpus does not, and each answer to one listener is later than its last.
 */
class CorpusFeedBarrierTest {

    private EventTopic topic;

    @TempDir
    Path temp;

    @Test
    void shouldAnswerOnceTheCorpusHoldsTheBatchWithAnInstantLaterThanTheListenersLast() throws Exception {
        topic = EventTopic.create("barrier");
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.files(true).values());
        Corpus corpus = Corpus.open(temp.resolve("index"), RankingSettings.with(CorpusTest.UNBOUNDED_LOOKUPS), new TextAnalysis(),
                TermRarity.reference(), new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)));
        CorpusFeed feed = new CorpusFeed(corpus, topic.kafka(), topic.name(), Duration.ofSeconds(5), LookAheadMode.CATCH_UP);
        feed.start();
        try {
            Map<TopicPartition, Long> first = topic.send(samples.subList(0, 40));
            Instant answered = feed.catchUp(first, null).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(corpus.size()).isGreaterThanOrEqualTo(40);

            // the same records again: already held, but the answer must be later than the last one
            Instant again = feed.catchUp(first, answered).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(again).isAfter(answered);

            // a later batch: all of it, and everything sent before it, is held at the answer
            Instant beforeSecond = Instant.now();
            Map<TopicPartition, Long> second = topic.send(samples.subList(40, 120));
            Instant secondAnswer = feed.catchUp(second, again).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(corpus.size()).isEqualTo(120);
            assertThat(secondAnswer).isAfter(again).isAfter(beforeSecond);
        } finally {
            feed.stop();
            corpus.close();
        }
    }

    /**
     * Articles keep arriving while the feed indexes polls of up to 250 records, so the feed answers within a
     * poll. Each answer is checked as it is given (on the feed's thread, before it indexes on): the corpus
     * holds every record the broker had acknowledged before the answer's instant. An answer by the
     * consumer's position, which is past the whole poll, fails this.
     */
    @Test
    void shouldAnswerWithinAPollOnlyForRecordsItHasIndexed() throws Exception {
        topic = EventTopic.create("barrier");
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.files(true).values());
        List<ArticleEvent> stream = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (ArticleEvent e : samples) {
                String id = e.articleId() + "-" + round;
                stream.add(new ArticleEvent(e.schemaVersion(), id, 1, e.canonicalUrl() + "?copy=" + round, e.contentHash(),
                        e.ingestedAt(), e.sourceFile(), e.article(), null));
            }
        }
        Corpus corpus = Corpus.open(temp.resolve("index"), RankingSettings.with(CorpusTest.UNBOUNDED_LOOKUPS), new TextAnalysis(),
                TermRarity.reference(), new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)));
        CorpusFeed feed = new CorpusFeed(corpus, topic.kafka(), topic.name(), Duration.ofSeconds(5), LookAheadMode.CATCH_UP);
        List<Instant> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answers = new AtomicInteger();
        feed.start();
        ExecutorService producing = Executors.newSingleThreadExecutor();
        try {
            Future<?> sent = producing.submit(() -> {
                try (KafkaProducer<String, String> producer = topic.producer()) {
                    for (int from = 0; from < stream.size(); from += 100) {
                        for (ArticleEvent e : stream.subList(from, Math.min(from + 100, stream.size()))) {
                            producer.send(new ProducerRecord<>(topic.name(), e.articleId(), Json.write(e)), (m, failed) -> {
                                if (failed == null) {
                                    acknowledged.add(Instant.now());
                                }
                            });
                        }
                        producer.flush();
                    }
                }
                return null;
            });
            Instant last = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!sent.isDone() || corpus.size() < stream.size()) {
                assertThat(System.nanoTime()).as("every article indexed within two minutes").isLessThan(deadline);
                last = feed.catchUp(Map.of(), last).thenApply(at -> {
                    // on the feed's thread, as it answers: nothing indexed since
                    int held = corpus.size();
                    long before;
                    synchronized (acknowledged) {
                        before = acknowledged.stream().filter(ack -> ack.isBefore(at)).count();
                    }
                    if (held < before) {
                        wrongAnswers.add("answered " + at + " holding " + held + " articles, " + before + " acknowledged before");
                    }
                    answers.incrementAndGet();
                    return at;
                }).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            sent.get();
            assertThat(acknowledged).hasSize(stream.size());
            assertThat(wrongAnswers).isEmpty();
            assertThat(answers.get()).isGreaterThan(1);
        } finally {
            producing.shutdownNow();
            feed.stop();
            corpus.close();
        }
    }

    /**
     * A note's instant is taken before the topic's end offsets are asked for, so a note can hold a record that
     * arrived while they were asked for. A listener holding that record, answered with that note, would stamp its
     * ranking before the record arrived, and another instance, ranking without the record a little later, would
     * stamp a later one that readers take for the last word (ScaleOutIT once found an article outside the story
     * its partner's record said it had joined). Here the feed's clock sends a record between a note's instant and
     * its end offsets: the listener's barrier for that record must be answered later than its arrival.
     */
    @Test
    void shouldAnswerLaterThanTheArrivalOfTheBatchsRecords() throws Exception {
        topic = EventTopic.create("barrier");
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.files(true).values());
        AtomicReference<Runnable> atTheFeedsNextInstant = new AtomicReference<>();
        Clock wall = new Clock() {
            @Override
            public Instant instant() {
                Instant now = Instant.now();
                if (Thread.currentThread().getName().equals("corpus-feed")) {
                    Runnable hook = atTheFeedsNextInstant.getAndSet(null);
                    if (hook != null) {
                        hook.run();
                    }
                }
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        Corpus corpus = Corpus.open(temp.resolve("index"), RankingSettings.with(CorpusTest.UNBOUNDED_LOOKUPS), new TextAnalysis(),
                TermRarity.reference(), new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)));
        CorpusFeed feed = new CorpusFeed(corpus, topic.kafka(), topic.name(), Duration.ofSeconds(5), LookAheadMode.CATCH_UP, wall);
        feed.start();
        try {
            Map<TopicPartition, Long> first = topic.send(samples.subList(0, 10));
            feed.catchUp(first, null).toCompletableFuture().get(60, TimeUnit.SECONDS);

            AtomicReference<Map<TopicPartition, Long>> late = new AtomicReference<>();
            AtomicReference<Instant> arrived = new AtomicReference<>();
            atTheFeedsNextInstant.set(() -> {
                try {
                    late.set(topic.send(samples.subList(11, 12)));
                    arrived.set(Instant.now());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the feed notes the end offsets as it reads a record (no barrier asked, so no wake-up cuts the note
            // short): the late record arrives within that note, and the feed reads it too
            topic.send(samples.subList(10, 11));
            await().atMost(Duration.ofSeconds(60)).until(() -> late.get() != null && corpus.size() == 12);

            // a listener that received the late record asks for it
            Instant stamped = feed.catchUp(late.get(), null).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(corpus.size()).isEqualTo(12);
            assertThat(stamped).isAfter(arrived.get());
        } finally {
            feed.stop();
            corpus.close();
        }
    }
}
