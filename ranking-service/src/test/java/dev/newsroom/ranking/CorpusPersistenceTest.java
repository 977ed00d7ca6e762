package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.ranking.quality.SampleCorpus;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.CorpusIndex;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.RankedRecords;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus index on disk without Kafka: what a commit keeps, what a restart finds, who may open it. */
class CorpusPersistenceTest {

    private static final Instant NOON = Instant.parse("2021-05-10T12:00:00Z");
    private static final String TOPIC = "articles.ingested";

    private final CorpusTest.MutableClock wall = new CorpusTest.MutableClock(SampleCorpus.INGESTED_AT);

    @TempDir
    Path index;

    private Corpus open(Map<String, String> overrides) {
        return Corpus.open(index, RankingSettings.with(overrides), new TextAnalysis(), TermRarity.reference(), new NewsClock(wall));
    }

    @Test
    void shouldRefuseASecondInstanceOnTheSameDirectoryNamingTheSetting() {
        try (Corpus first = open(Map.of())) {
            assertThatThrownBy(() -> open(Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(index.toAbsolutePath().toString())
                    .hasMessageContaining("newsroom.ranking.index.path");
            assertThat(first.size()).isZero();
        }
    }

    @Test
    void shouldKeepArticlesLinksOffsetsAndTheNewsClockOfTheLastCommitOnly() {
        ArticleEvent a = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery", "a.com", NOON);
        ArticleEvent b = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel battery", "b.com", NOON.plusSeconds(3600));
        ArticleEvent uncommitted = article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel", "c.com", NOON);
        Ranking before;
        try (Corpus corpus = open(Map.of())) {
            corpus.add(a);
            corpus.add(b);
            corpus.commit(TOPIC, Map.of(0, 2L, 3, 7L));
            before = corpus.rank(a, wall.instant()).ranking();
            corpus.add(uncommitted); // never committed: replayed from the topic after a restart
        }

        try (Corpus restarted = open(Map.of())) {
            assertThat(restarted.committedOffsets(TOPIC)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 2L, 3, 7L));
            assertThat(restarted.committedOffsets("another.topic")).isEmpty();
            assertThat(restarted.size()).isEqualTo(2);
            assertThat(restarted.rank(a, wall.instant()).ranking()).isEqualTo(before);
            assertThat(restarted.add(b)).isEqualTo(CorpusIndex.Outcome.ALREADY_INDEXED);
            assertThat(restarted.add(uncommitted)).isEqualTo(CorpusIndex.Outcome.INDEXED);
            assertThat(restarted.rank(a, wall.instant()).ranking().related()).extracting(RelatedLink::id)
                    .contains(b.articleId(), uncommitted.articleId());
        }
    }

    /**
     * Every sample ranked after a restart as before it: its related links' entries, read back from the index
     * (the entry each article's document stores), are those its event gave before.
     */
    @Test
    void shouldRankEverySampleAfterARestartAsBefore() {
        List<ArticleEvent> samples = SampleCorpus.all(true);
        Map<String, Ranking> before = new HashMap<>();
        try (Corpus corpus = open(Map.of())) {
            samples.forEach(corpus::add);
            corpus.commit(TOPIC, Map.of(0, (long) samples.size()));
            samples.forEach(e -> before.put(e.articleId(), corpus.rank(e, wall.instant()).ranking()));
        }
        assertThat(before.values().stream().mapToInt(r -> r.related().size()).sum()).isGreaterThan(100);

        try (Corpus restarted = open(Map.of())) {
            for (ArticleEvent e : samples) {
                assertThat(restarted.rank(e, wall.instant()).ranking()).as(e.sourceFile()).isEqualTo(before.get(e.articleId()));
            }
        }
    }

    /**
     * After a restart an article's profile may be read first as another's candidate, which decodes it without its
     * terms (a candidate is scored by weights and keys). When that article's own related list must then be worked
     * out again (a neighbour was retracted), it needs its terms: its list comes out as a corpus that never
     * restarted gives it.
     */
    @Test
    void shouldWorkOutARelatedListAgainAfterARestartWhenItsArticleWasReadOnlyAsACandidate(@TempDir Path neverRestarted) {
        ArticleEvent a = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery", "a.com", NOON);
        ArticleEvent b = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel battery", "b.com", NOON.plusSeconds(600));
        ArticleEvent c = article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel", "c.com", NOON.plusSeconds(1200));
        ArticleEvent d = article("Quarnel battery from Zentrix reaches solar homes", "Zentrix Quarnel battery", "d.com", NOON.plusSeconds(1800));
        ArticleEvent bRetracted = version(b, 2, b.article().toBuilder().published(false).build());
        Ranking expected;
        try (Corpus corpus = Corpus.open(neverRestarted, RankingSettings.with(Map.of()), new TextAnalysis(),
                TermRarity.reference(), new NewsClock(wall))) {
            List.of(a, b, c, d, bRetracted).forEach(corpus::add);
            expected = corpus.rank(a, wall.instant()).ranking();
        }
        assertThat(expected.related()).extracting(RelatedLink::id).contains(c.articleId(), d.articleId())
                .doesNotContain(b.articleId());
        try (Corpus corpus = open(Map.of())) {
            List.of(a, b, c).forEach(corpus::add);
            corpus.commit(TOPIC, Map.of(0, 3L));
        }

        try (Corpus restarted = open(Map.of())) {
            restarted.add(d); // reads a's profile as a candidate: without its terms
            assertThat(restarted.add(bRetracted)).isEqualTo(CorpusIndex.Outcome.RETRACTED); // a's list must be worked out again

            assertThat(restarted.rank(a, wall.instant()).ranking()).isEqualTo(expected);
        }
    }

    @Test
    void shouldKeepRetractionsEvictionsAndFormerNeighboursAcrossARestart() {
        Instant now = SampleCorpus.INGESTED_AT;
        ArticleEvent a = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery", "a.com", now.minus(Duration.ofDays(3)));
        ArticleEvent b = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel battery", "b.com", now.minus(Duration.ofDays(3)));
        ArticleEvent c = article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel battery", "c.com", now.minus(Duration.ofDays(3)));
        ArticleEvent archived = article("Harbour council approves new ferry timetable", "ferry timetable", "d.com", now.minus(Duration.ofDays(700)));
        ArticleEvent cChanged = version(c, 2, c.article().toBuilder().title("Lighthouse keepers strike for better pay")
                .excerpt("The keepers walked out").build());
        Map<String, String> twoYears = Map.of("newsroom.ranking.index.retention", "730d");
        try (Corpus corpus = open(twoYears)) {
            List.of(a, b, c, archived).forEach(corpus::add);
            assertThat(corpus.add(version(b, 2, b.article().toBuilder().published(false).build())))
                    .isEqualTo(CorpusIndex.Outcome.RETRACTED);
            corpus.add(cChanged); // a linked to c's first version: it must still be told after a restart
            wall.advance(Duration.ofDays(40)); // the archived article is now 740 days old: the next arrival evicts it
            corpus.add(article("Unrelated lighthouse festival opens", "festival", "e.com", now));
            assertThat(corpus.size()).isEqualTo(3);
            corpus.commit(TOPIC, Map.of(0, 7L));
        }

        try (Corpus restarted = open(twoYears)) {
            assertThat(restarted.size()).isEqualTo(3);
            // an older, live version of the retracted article does not come back, nor does the evicted one count
            assertThat(restarted.add(b)).isEqualTo(CorpusIndex.Outcome.ALREADY_INDEXED);
            assertThat(restarted.size()).isEqualTo(3);
            Ranking ofA = restarted.rank(a, wall.instant()).ranking();
            assertThat(ofA.related()).isEmpty();
            assertThat(ofA.story().size()).isEqualTo(1);
            // ranking c's new version (as the listener does after the feed indexed it) tells a its new ranking
            RankedRecords published = restarted.rankingsAfter(cChanged, wall.instant());
            assertThat(published.articles()).extracting(ArticleEvent::articleId).containsExactly(c.articleId());
            assertThat(published.rankings()).extracting(RankingUpdate::articleId).containsExactly(a.articleId());
        }
    }

    @Test
    void shouldMergeTheStoryAnArticleRenamedBeforeARestartWhenItIsRankedAfterIt() {
        ArticleEvent later = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery", "a.com",
                NOON.plusSeconds(3600));
        ArticleEvent earlier = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel battery", "b.com", NOON);
        try (Corpus corpus = open(Map.of())) {
            corpus.add(later);
            assertThat(corpus.rankingsAfter(later, wall.instant()).articles().get(0).ranking().story().id())
                    .isEqualTo(later.articleId()); // readers now know the story by the later article's id
            corpus.add(earlier); // indexed by the feed, which commits before the listener ranks it
            corpus.commit(TOPIC, Map.of(0, 2L));
        }

        try (Corpus restarted = open(Map.of())) {
            RankedRecords published = restarted.rankingsAfter(earlier, wall.instant());
            assertThat(published.articles().get(0).ranking().story().id()).isEqualTo(earlier.articleId());
            // its arrival renamed the story, and that is known after the restart too: the old name is merged
            assertThat(published.stories()).filteredOn(StoryRecord::isMerge)
                    .extracting(r -> r.story().id() + " into " + r.mergedInto())
                    .containsExactly(later.articleId() + " into " + earlier.articleId());
        }
    }

    @Test
    void shouldStartEmptyWhenTheIndexWasBuiltWithOtherSettings() {
        try (Corpus corpus = open(Map.of())) {
            corpus.add(article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel", "a.com", NOON));
            corpus.commit(TOPIC, Map.of(0, 1L));
        }
        try (Corpus reopened = open(Map.of("newsroom.ranking.related.k", "7"))) {
            assertThat(reopened.size()).isZero();
            assertThat(reopened.committedOffsets(TOPIC)).isEmpty(); // the feed reads the topic from offset 0
        }
    }

    private static ArticleEvent article(String title, String excerpt, String domain, Instant published) {
        return SampleCorpus.event(Article.builder().title(title).excerpt(excerpt).publishedDateTime(published)
                .webUrl("https://" + domain + "/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"))
                .provider(Provider.of(domain, domain)).quality(60).build(), "test.md");
    }

    private static ArticleEvent version(ArticleEvent e, long version, Article article) {
        return new ArticleEvent(e.schemaVersion(), e.articleId(), version, e.canonicalUrl(), "v" + version, e.ingestedAt(),
                e.sourceFile(), article, null);
    }
}
