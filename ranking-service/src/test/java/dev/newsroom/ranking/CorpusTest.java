package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.ranking.quality.SampleCorpus;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.CorpusIndex;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.RankedRecords;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ranking core on real and hand-made articles: stories, both-ends links, heat, neighbourhood and retention, backfills, order independence. */
class CorpusTest {

    private static final Instant NOON = Instant.parse("2021-05-10T12:00:00Z");

    private final MutableClock wall = new MutableClock(SampleCorpus.INGESTED_AT);

    private Corpus corpus(Map<String, String> overrides) {
        return new Corpus(RankingSettings.with(overrides), new TextAnalysis(), TermRarity.reference(), new NewsClock(wall));
    }

    @Test
    void shouldMakeTheProvancePressReleaseOneStoryOfFiveWhoseHeatCountsThreeProviders() {
        Corpus corpus = corpus(Map.of());
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.files(true).values());
        samples.forEach(corpus::add);
        List<ArticleEvent> provance = samples.stream().filter(e -> e.article().title().contains("Provance")).toList();

        assertThat(provance).hasSize(5);
        List<Ranking> rankings = provance.stream().map(e -> corpus.rank(e, wall.instant()).ranking()).toList();
        assertThat(rankings).extracting(r -> r.story().id()).containsOnly(rankings.get(0).story().id());
        assertThat(rankings).allSatisfy(r -> {
            assertThat(r.story().size()).isEqualTo(5);
            assertThat(r.story().providers()).containsExactlyInAnyOrder("digitaljournal.com", "bignewsnetwork.com",
                    "finanznachrichten.de");
            HeatComponent coverage = r.heat().components().stream().filter(c -> c.name().equals("coverage")).findFirst().orElseThrow();
            assertThat(coverage.input()).isEqualTo(3);
            assertThat(r.related()).extracting(RelatedLink::source).containsOnly(LinkSource.COMPUTED);
        });
        assertThat(rankings.get(0).story().firstPublished()).isEqualTo(Instant.parse("2021-05-10T14:30:00Z"));
        assertThat(rankings.get(0).story().lastPublished()).isEqualTo(Instant.parse("2021-05-12T17:21:00Z"));
        // each of the five links the other four, other providers first
        assertThat(rankings.get(0).related()).extracting(RelatedLink::id)
                .containsAll(provance.stream().map(ArticleEvent::articleId).filter(id -> !id.equals(provance.get(0).articleId())).toList());
    }

    @Test
    void shouldMakeAStoryCoveredByThreeProvidersHotterThanASingleProviderOneOfTheSameAgeAndQuality() {
        Corpus corpus = corpus(Map.of());
        List<ArticleEvent> story = quarnelStory("a.com", "b.com", "c.com");
        ArticleEvent single = article("Harbour council approves new ferry timetable", "The council approved the timetable", "d.com", NOON, 70);
        story.forEach(corpus::add);
        corpus.add(single);

        Ranking covered = corpus.rank(story.get(0), wall.instant()).ranking();
        Ranking alone = corpus.rank(single, wall.instant()).ranking();

        assertThat(covered.story().providers()).hasSize(3);
        assertThat(alone.story().providers()).hasSize(1);
        assertThat(covered.heat().value()).isGreaterThan(alone.heat().value());
        assertThat(covered.heat().base()).isCloseTo(70 * (1 + 0.25 * Math.log(3)), within(1e-9));
    }

    @Test
    void shouldCoolAsTheClockAdvancesAndAgreeWithTheHeatReadersComputeLater() {
        Corpus corpus = corpus(Map.of());
        ArticleEvent event = article("Harbour council approves new ferry timetable", "The council approved it", "d.com", NOON, 80);
        corpus.add(event);
        Instant rankedAt = wall.instant();
        Ranking fresh = corpus.rank(event, rankedAt).ranking();

        wall.advance(Duration.ofHours(24));
        Ranking dayLater = corpus.rank(event, wall.instant()).ranking();

        assertThat(fresh.heat().value()).isEqualTo(80);
        assertThat(dayLater.heat().value()).isEqualTo(40);
        assertThat(dayLater.rankedAt()).isAfter(fresh.rankedAt());
        assertThat(fresh.heat().at(NOON, wall.instant())).isCloseTo(40, within(1e-6));
    }

    @Test
    void shouldTellTheExistingArticleOfTheNewOneByABacklinkInTheNewOnesRecordAlone() {
        Corpus corpus = corpus(Map.of());
        ArticleEvent first = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix said its Quarnel battery stores power", "a.com", NOON, 70);
        ArticleEvent second = article("Zentrix Quarnel home solar battery unveiled", "The Quarnel battery from Zentrix stores power", "b.com",
                NOON.plus(Duration.ofHours(3)), 60);
        corpus.add(first);
        assertThat(corpus.rankingsAfter(first, wall.instant()).size()).isEqualTo(1);

        corpus.add(second);
        wall.advance(Duration.ofMinutes(1));
        RankedRecords published = corpus.rankingsAfter(second, wall.instant());

        // the first article gained a link and a story mate: the second one's record says both
        assertThat(published.articles()).extracting(ArticleEvent::articleId).containsExactly(second.articleId());
        assertThat(published.rankings()).isEmpty();
        assertThat(published.stories()).isEmpty();
        Ranking ranking = published.articles().get(0).ranking();
        assertThat(ranking.related()).singleElement().satisfies(link -> {
            assertThat(link.id()).isEqualTo(first.articleId());
            assertThat(link.source()).isEqualTo(LinkSource.COMPUTED);
            assertThat(link.score()).isBetween(0.2, 1.0);
            assertThat(link.article().title()).isEqualTo(first.article().title());
        });
        assertThat(ranking.relatedLimit()).isEqualTo(5);
        assertThat(ranking.backlinks()).singleElement().satisfies(backlink -> {
            assertThat(backlink.articleId()).isEqualTo(first.articleId());
            assertThat(backlink.version()).isEqualTo(first.version());
            assertThat(backlink.score()).isEqualTo(ranking.related().get(0).score()); // scores are symmetric
        });
        assertThat(ranking.story().id()).isEqualTo(first.articleId());
        assertThat(ranking.story().size()).isEqualTo(2);
        assertThat(ranking.story().coverage()).isCloseTo(1 + 0.25 * Math.log(2), within(1e-12));
        assertThat(corpus.rank(first, wall.instant()).ranking().related()).extracting(RelatedLink::id)
                .containsExactly(second.articleId());
    }

    @Test
    void shouldKeepEditorialLinksMarkedAndLinkThemByIdWhenTheArticleIsIndexed() {
        Corpus corpus = corpus(Map.of());
        ArticleEvent linked = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix said its Quarnel battery stores power", "a.com", NOON, 70);
        ArticleEvent withEditorial = event(article("Zentrix Quarnel home solar battery unveiled", "The Quarnel battery from Zentrix", "b.com",
                NOON, 60).article().toBuilder()
                .related(List.of(RelatedArticle.of(linked.article()), RelatedArticle.of(article("Elsewhere", "x", "e.com", NOON, 1).article())))
                .build());
        corpus.add(linked);
        corpus.add(withEditorial);

        List<RelatedLink> related = corpus.rank(withEditorial, wall.instant()).ranking().related();

        assertThat(related).hasSize(2).allSatisfy(l -> assertThat(l.source()).isEqualTo(LinkSource.EDITORIAL));
        assertThat(related.get(0).id()).isNull(); // not ingested: score 1, first
        assertThat(related.get(0).score()).isEqualTo(1.0);
        assertThat(related.get(1).id()).isEqualTo(linked.articleId()); // ingested and also computed: its computed score
        assertThat(related.get(1).score()).isLessThan(1.0);
    }

    @Test
    void shouldNeitherLinkNorCountAnEditorialEntryThatNamesTheArticleItselfAndLinkARepeatedOneOnce() {
        // ingest drops such entries, but a record written before it did, or by another producer, may hold one
        Corpus corpus = corpus(Map.of());
        ArticleEvent linked = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix said its Quarnel battery stores power", "a.com", NOON, 70);
        Article plain = article("Zentrix Quarnel home solar battery unveiled", "The Quarnel battery from Zentrix", "b.com", NOON, 60).article();
        RelatedArticle itself = RelatedArticle.of(plain.toBuilder().webUrl(plain.webUrl().replace("https://b.com", "HTTPS://B.COM") + "?utm_source=feed").provider(Provider.of("Mirror", "mirror.example")).build());
        ArticleEvent withItself = event(plain.toBuilder()
                .related(List.of(itself, RelatedArticle.of(linked.article()), RelatedArticle.of(linked.article()))).build());
        corpus.add(linked);
        corpus.add(withItself);

        Ranking ranking = corpus.rank(withItself, wall.instant()).ranking();

        assertThat(ranking.related()).extracting(RelatedLink::id).containsExactly(linked.articleId());
        assertThat(ranking.related()).extracting(l -> l.article().title()).doesNotContain(plain.title());
        assertThat(ranking.story().providers()).containsExactlyInAnyOrder("a.com", "b.com");
        assertThat(corpus.rank(linked, wall.instant()).ranking().story().providers()).containsExactlyInAnyOrder("a.com", "b.com");
    }

    @Test
    void shouldCountTheSpellingsOfOneHostAsOneProvider() {
        // ingest writes each domain as its key, but a record written before it did, or by another producer, may not
        Corpus corpus = corpus(Map.of());
        List<ArticleEvent> story = quarnelStory("a.com", "A.COM.", "b.com");
        story.forEach(corpus::add);

        Ranking ranking = corpus.rank(story.get(0), wall.instant()).ranking();

        assertThat(ranking.story().size()).isEqualTo(3);
        assertThat(ranking.story().providers()).containsExactlyInAnyOrder("a.com", "b.com");
    }

    /** Lookups that use every term and keep every candidate: then order independence is exact (the defaults bound them for speed). */
    static final Map<String, String> UNBOUNDED_LOOKUPS = Map.of("newsroom.ranking.index.query-terms", "1000",
            "newsroom.ranking.index.candidates", "1000000", "newsroom.ranking.index.postings-per-term", "100000000");

    @Test
    void shouldGiveTheSameLinksAndStoriesWhateverTheOrderTheArticlesArriveIn() {
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.all(false));
        Map<String, String> reference = answers(samples);
        for (long seed : new long[] {1, 2, 3}) {
            List<ArticleEvent> shuffled = new ArrayList<>(samples);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(answers(shuffled)).isEqualTo(reference);
        }
    }

    @Test
    void shouldGiveTheSameLinksAndStoriesWhenTheLookUpsRunAheadOfTheArticles() {
        // the samples and copies of them months earlier: enough for a second refresh of the reader, one with
        // searches ahead on the reader it replaces (the first one replaces an empty reader, which is not searched)
        List<ArticleEvent> samples = new ArrayList<>(SampleCorpus.all(false));
        for (int copy = 1; copy <= 3; copy++) {
            for (ArticleEvent e : SampleCorpus.all(false)) {
                Article a = e.article();
                samples.add(event(a.toBuilder().webUrl(a.primaryUrl() + "-earlier-" + copy).originalUrl(null).ampWebUrl(null)
                        .cdnAmpWebUrl(null).publishedDateTime(a.publishedDateTime().minus(Duration.ofDays(60L * copy))).build()));
            }
        }
        Collections.shuffle(samples, new Random(4));
        assertThat(samples).hasSizeGreaterThan(2 * CorpusIndex.PENDING_LIMIT + 100);
        Map<String, String> reference = answers(samples);

        for (int batch : new int[] {1, 40, 300}) {
            Corpus corpus = corpus(UNBOUNDED_LOOKUPS);
            for (int i = 0; i < samples.size(); i += batch) {
                List<ArticleEvent> next = samples.subList(i, Math.min(i + batch, samples.size()));
                corpus.expect(next);
                next.forEach(corpus::add);
            }
            assertThat(answersOf(corpus, samples)).as("batches of %d", batch).isEqualTo(reference);
        }
        // told of more than it adds (a poll whose last records fail), and of articles it already holds
        Corpus corpus = corpus(UNBOUNDED_LOOKUPS);
        for (int i = 0; i < samples.size(); i += 40) {
            corpus.expect(samples.subList(Math.max(0, i - 40), Math.min(i + 80, samples.size())));
            samples.subList(i, Math.min(i + 40, samples.size())).forEach(corpus::add);
        }
        assertThat(answersOf(corpus, samples)).isEqualTo(reference);
    }

    private Map<String, String> answers(List<ArticleEvent> arrivals) {
        Corpus corpus = corpus(UNBOUNDED_LOOKUPS);
        arrivals.forEach(corpus::add);
        return answersOf(corpus, arrivals);
    }

    private Map<String, String> answersOf(Corpus corpus, List<ArticleEvent> arrivals) {
        Map<String, String> answers = new java.util.TreeMap<>();
        for (ArticleEvent e : arrivals) {
            Ranking r = corpus.rank(e, wall.instant()).ranking();
            answers.put(e.articleId(), r.story().id() + " " + r.story().size() + " " + r.story().leadArticleId() + " "
                    + r.related().stream().map(l -> l.id() + ":" + l.score()).toList() + " " + r.heat().base());
        }
        return answers;
    }

    @Test
    void shouldRelateAndClusterAnArchiveLoadedAfterPresentDayNewsAsItWouldAlone() {
        ArticleEvent today = article("Provance ServiceTeam Power Apps release reviewed", "Provance ServiceTeam ITSM Power Apps",
                "today.example", SampleCorpus.INGESTED_AT.minus(Duration.ofHours(2)), 80);
        Corpus alone = corpus(Map.of());
        Corpus backfilled = corpus(Map.of());
        backfilled.add(today);
        List<ArticleEvent> samples = SampleCorpus.all(false);
        samples.forEach(alone::add);
        samples.forEach(backfilled::add);

        assertThat(backfilled.size()).isEqualTo(alone.size() + 1);
        for (ArticleEvent e : samples) {
            Ranking expected = alone.rank(e, wall.instant()).ranking();
            Ranking actual = backfilled.rank(e, wall.instant()).ranking();
            assertThat(actual.related()).as(e.sourceFile()).isEqualTo(expected.related());
            assertThat(actual.story()).as(e.sourceFile()).isEqualTo(expected.story());
        }
        List<Ranking> provance = samples.stream().filter(e -> e.article().title().contains("Provance"))
                .map(e -> backfilled.rank(e, wall.instant()).ranking()).toList();
        assertThat(provance).hasSize(5).allSatisfy(r -> {
            assertThat(r.story().size()).isEqualTo(5);
            assertThat(r.story().providers()).hasSize(3);
        });
        assertThat(backfilled.rank(today, wall.instant()).ranking().related()).isEmpty();
    }

    @Test
    void shouldRelateOnlyArticlesPublishedWithinTheNeighbourhoodOfEachOther() {
        Corpus corpus = corpus(Map.of("newsroom.ranking.index.neighbourhood", "7d"));
        ArticleEvent first = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel", "a.com", NOON, 70);
        ArticleEvent sixDays = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel", "b.com", NOON.plus(Duration.ofDays(6)), 70);
        ArticleEvent twelveDays = article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel", "c.com", NOON.plus(Duration.ofDays(12)), 70);
        List.of(twelveDays, first, sixDays).forEach(corpus::add);

        assertThat(corpus.rank(first, wall.instant()).ranking().related()).extracting(RelatedLink::id)
                .containsExactly(sixDays.articleId());
        assertThat(corpus.rank(twelveDays, wall.instant()).ranking().related()).extracting(RelatedLink::id)
                .containsExactly(sixDays.articleId());
        assertThat(corpus.rank(sixDays, wall.instant()).ranking().related()).extracting(RelatedLink::id)
                .containsExactlyInAnyOrder(first.articleId(), twelveDays.articleId());
    }

    @Test
    void shouldEvictByPublicationTimeBeyondTheRetentionWhateverArrivedFirst() {
        // the news clock reads 2026-01-01 (the wall clock: nothing newer was published)
        Corpus corpus = corpus(Map.of("newsroom.ranking.index.retention", "730d"));
        Instant now = SampleCorpus.INGESTED_AT;
        ArticleEvent recent = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel", "a.com", now.minus(Duration.ofDays(3)), 70);
        ArticleEvent archived = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel", "b.com", now.minus(Duration.ofDays(700)), 70);
        ArticleEvent tooOld = article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel", "c.com", now.minus(Duration.ofDays(800)), 70);

        assertThat(corpus.add(recent)).isEqualTo(CorpusIndex.Outcome.INDEXED);
        assertThat(corpus.add(archived)).isEqualTo(CorpusIndex.Outcome.INDEXED);
        assertThat(corpus.add(tooOld)).isEqualTo(CorpusIndex.Outcome.OUTSIDE_RETENTION);
        assertThat(corpus.size()).isEqualTo(2);
        Ranking ranking = corpus.rank(tooOld, wall.instant()).ranking();
        assertThat(ranking.related()).isEmpty();
        assertThat(ranking.story().id()).isEqualTo(tooOld.articleId());
        assertThat(ranking.heat().components()).hasSize(4);

        wall.advance(Duration.ofDays(40)); // the archived article is now 740 days old: the next arrival evicts it
        corpus.add(article("Unrelated harbour festival opens", "harbour festival", "d.com", now, 50));
        assertThat(corpus.size()).isEqualTo(2);
    }

    @Test
    void shouldEvictTheArticlesPastTheRetentionFromTheIndexAsFromThePendingOnes() {
        Corpus corpus = corpus(Map.of("newsroom.ranking.index.retention", "730d"));
        Instant now = SampleCorpus.INGESTED_AT;
        // more than one refresh's worth: the first of them are searchable in the index when they leave, the last
        // still pending
        int archived = CorpusIndex.PENDING_LIMIT + 42;
        for (int i = 0; i < archived; i++) {
            corpus.add(article("Zentrix Quarnel battery report number " + i, "Zentrix Quarnel battery", "a" + (i % 7) + ".com",
                    now.minus(Duration.ofDays(700)).plus(Duration.ofMinutes(i)), 60));
        }
        ArticleEvent recent = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery", "r.com",
                now.minus(Duration.ofDays(3)), 70);
        corpus.add(recent);
        assertThat(corpus.size()).isEqualTo(archived + 1);

        wall.advance(Duration.ofDays(40)); // every archived article is now past 730 days
        ArticleEvent next = article("Zentrix Quarnel solar battery reaches stores", "Zentrix Quarnel battery", "s.com", now, 70);
        corpus.add(next);

        assertThat(corpus.size()).isEqualTo(2);
        Ranking ranking = corpus.rank(next, wall.instant()).ranking();
        assertThat(ranking.related()).extracting(RelatedLink::id).containsExactly(recent.articleId());
        assertThat(ranking.story().size()).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldRepublishTheArticlesThatLinkedToAVersionThatNoLongerMatches() {
        Corpus corpus = corpus(Map.of());
        ArticleEvent a = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery", "a.com", NOON, 70);
        ArticleEvent b = article("Zentrix Quarnel home solar battery unveiled", "Zentrix Quarnel battery", "b.com", NOON, 70);
        corpus.add(a);
        corpus.add(b);
        ArticleEvent bChanged = new ArticleEvent(b.schemaVersion(), b.articleId(), 2, b.canonicalUrl(), "changed", b.ingestedAt(),
                b.sourceFile(), b.article().toBuilder().title("Harbour council approves new ferry timetable")
                .excerpt("The council approved the timetable").build(), null);

        assertThat(corpus.add(bChanged)).isEqualTo(CorpusIndex.Outcome.INDEXED);
        RankedRecords published = corpus.rankingsAfter(bChanged, wall.instant());

        assertThat(published.articles()).singleElement().satisfies(e -> assertThat(e.version()).isEqualTo(2));
        // a listed b's first version and shared its story: its own list is recomputed, its story is its own again
        assertThat(published.rankings()).singleElement().satisfies(update -> {
            assertThat(update.articleId()).isEqualTo(a.articleId());
            assertThat(update.version()).isEqualTo(a.version());
            assertThat(update.rankedAt()).isEqualTo(wall.instant());
            assertThat(update.related()).isEmpty();
            assertThat(update.storyId()).isEqualTo(a.articleId());
        });
        assertThat(published.stories()).singleElement().satisfies(story -> {
            assertThat(story.story().id()).isEqualTo(a.articleId());
            assertThat(story.story().size()).isEqualTo(1);
        });
        assertThat(corpus.add(b)).isEqualTo(CorpusIndex.Outcome.ALREADY_INDEXED);
    }

    @Test
    void shouldStopCountingARetractedArticleAsCoverageOrAsARelatedLink() {
        Corpus corpus = corpus(Map.of());
        ArticleEvent a = article("Zentrix unveils Quarnel solar battery for homes", "Zentrix said its Quarnel battery stores power", "a.com", NOON, 70);
        ArticleEvent b = article("Zentrix Quarnel home solar battery unveiled", "The Quarnel battery from Zentrix stores power", "b.com",
                NOON.plus(Duration.ofHours(2)), 70);
        ArticleEvent c = article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel battery stores solar power", "c.com",
                NOON.plus(Duration.ofHours(4)), 70);
        List.of(a, b, c).forEach(corpus::add);
        assertThat(corpus.rank(a, wall.instant()).ranking().story().providers()).hasSize(3);

        ArticleEvent bRetracted = new ArticleEvent(b.schemaVersion(), b.articleId(), 2, b.canonicalUrl(), "retracted",
                b.ingestedAt(), b.sourceFile(), b.article().toBuilder().published(false).build(), null);
        assertThat(corpus.add(bRetracted)).isEqualTo(CorpusIndex.Outcome.RETRACTED);
        RankedRecords published = corpus.rankingsAfter(bRetracted, wall.instant());

        // the others' lists are recomputed without it, and their story's facts told once: size, providers, coverage
        assertThat(published.rankings()).extracting(RankingUpdate::articleId).containsExactlyInAnyOrder(a.articleId(), c.articleId());
        assertThat(published.rankings()).allSatisfy(update -> {
            assertThat(update.storyId()).isEqualTo(a.articleId());
            assertThat(update.heat().components()).filteredOn(h -> h.name().equals("coverage")).singleElement()
                    .satisfies(h -> assertThat(h.input()).isEqualTo(2));
            assertThat(update.related()).extracting(RelatedLink::id).doesNotContain(b.articleId()).hasSize(1);
        });
        assertThat(published.stories()).singleElement().satisfies(record -> {
            assertThat(record.story().id()).isEqualTo(a.articleId());
            assertThat(record.story().size()).isEqualTo(2);
            assertThat(record.story().providers()).containsExactlyInAnyOrder("a.com", "c.com");
            assertThat(record.story().coverage()).isCloseTo(1 + 0.25 * Math.log(2), within(1e-12));
        });
        assertThat(published.articles()).singleElement().satisfies(retracted -> {
            assertThat(retracted.articleId()).isEqualTo(b.articleId());
            assertThat(retracted.ranking().related()).isEmpty();
            assertThat(retracted.ranking().backlinks()).isEmpty();
            assertThat(retracted.ranking().story().size()).isEqualTo(1);
        });
        assertThat(corpus.size()).isEqualTo(2);
        // an older, live version does not bring it back
        assertThat(corpus.add(b)).isEqualTo(CorpusIndex.Outcome.ALREADY_INDEXED);
        assertThat(corpus.size()).isEqualTo(2);
    }

    @Test
    void shouldMakeOneStoryOfAHundredCopiesOfOneWireReportRunWithinTwoHours() {
        List<ArticleEvent> copies = IntStream.range(0, 100).mapToObj(i -> article(
                "Riverdale dam inspection finds cracks in the spillway",
                "Engineers began emergency repairs on the Riverdale dam after an inspection found cracks in its spillway",
                "site" + i + ".example", NOON.plus(Duration.ofMinutes(i)), 60)).toList();

        Corpus corpus = corpus(Map.of());
        copies.forEach(corpus::add);
        // without the near-duplicate rule, "Riverdale" in 100 articles names a theme, not an event
        Corpus distinctiveTermsOnly = corpus(Map.of("newsroom.ranking.story.near-duplicate-similarity", "1.01"));
        copies.forEach(distinctiveTermsOnly::add);

        assertThat(copies).allSatisfy(copy -> {
            Ranking ranking = corpus.rank(copy, wall.instant()).ranking();
            assertThat(ranking.story().id()).isEqualTo(copies.get(0).articleId());
            assertThat(ranking.story().size()).isEqualTo(100);
            assertThat(ranking.story().providers()).hasSize(100);
        });
        assertThat(copies.stream().mapToInt(c -> distinctiveTermsOnly.rank(c, wall.instant()).ranking().story().size()).max().orElseThrow())
                .isLessThan(100);
    }

    @Test
    void shouldBoundTheBacklinksAndRenameAStoryOfAnySizeWithOneMergeRecord() {
        // lists long enough for all 30: each new one enters every list
        Corpus corpus = corpus(Map.of("newsroom.ranking.related.fan-out", "3",
                "newsroom.ranking.story.max-term-articles", "100", "newsroom.ranking.related.k", "50"));
        List<ArticleEvent> alike = IntStream.range(0, 30).mapToObj(i -> article(
                "Zentrix unveils Quarnel solar battery for homes " + i, "Zentrix Quarnel battery", "p" + i + ".com",
                NOON.plus(Duration.ofMinutes(i)), 70)).toList();
        alike.subList(1, 29).forEach(corpus::add);
        corpus.add(alike.get(29));
        assertThat(corpus.rankingsAfter(alike.get(29), wall.instant()).articles()).singleElement()
                .satisfies(e -> assertThat(e.ranking().backlinks()).hasSize(3));
        corpus.add(alike.get(0)); // published first, arriving last: the story of 30 is named after it now

        RankedRecords published = corpus.rankingsAfter(alike.get(0), wall.instant());

        assertThat(corpus.rank(alike.get(1), wall.instant()).ranking().story().id()).isEqualTo(alike.get(0).articleId());
        assertThat(published.articles()).singleElement().satisfies(e -> {
            assertThat(e.ranking().story().size()).isEqualTo(30);
            assertThat(e.ranking().backlinks()).hasSize(3);
        });
        // the 29 others knew the story by another name: one merge tells a reader to move them all
        assertThat(published.rankings()).isEmpty();
        assertThat(published.stories()).singleElement().satisfies(record -> {
            assertThat(record.story().id()).isEqualTo(alike.get(1).articleId());
            assertThat(record.story().size()).isZero();
            assertThat(record.mergedInto()).isEqualTo(alike.get(0).articleId());
        });
    }

    @Test
    void shouldPublishEachArticleOfABatchOnceAndMergeTheStoryItRenamedOnce() {
        Corpus corpus = corpus(Map.of("newsroom.ranking.story.max-term-articles", "100"));
        List<ArticleEvent> alike = IntStream.range(0, 30).mapToObj(i -> article(
                "Zentrix unveils Quarnel solar battery for homes " + i, "Zentrix Quarnel battery", "p" + i + ".com",
                NOON.plus(Duration.ofMinutes(i)), 70)).toList();
        alike.subList(10, 30).forEach(corpus::add);
        List<ArticleEvent> batch = alike.subList(0, 10); // published before the twenty indexed ones
        batch.forEach(corpus::add);

        RankedRecords published = corpus.rankingsAfter(batch, wall.instant());

        // the ten new articles whole, all in the story of 30; the twenty existing ones moved by one merge
        assertThat(published.articles()).extracting(ArticleEvent::articleId)
                .containsExactly(batch.stream().map(ArticleEvent::articleId).toArray(String[]::new));
        assertThat(published.articles()).extracting(e -> e.ranking().story().id()).containsOnly(alike.get(0).articleId());
        assertThat(published.articles()).extracting(e -> e.ranking().story().size()).containsOnly(30);
        assertThat(published.rankings()).isEmpty();
        assertThat(published.stories()).extracting(r -> r.story().id() + " " + r.story().size() + " into " + r.mergedInto())
                .containsExactly(alike.get(10).articleId() + " 0 into " + alike.get(0).articleId());

        // a later batch of the same story: it grows, nobody else is told
        ArticleEvent later = article("Zentrix unveils Quarnel solar battery for homes 30", "Zentrix Quarnel battery", "p30.com",
                NOON.plus(Duration.ofMinutes(30)), 70);
        corpus.add(later);
        RankedRecords grown = corpus.rankingsAfter(later, wall.instant());
        assertThat(grown.size()).isEqualTo(1);
        assertThat(grown.articles().get(0).ranking().story().size()).isEqualTo(31);
    }

    @Test
    void shouldSplitAStoryWhoseLinkingMemberIsRetractedAndNameEachPartAfterItsFirstArticle() {
        // five days apart in a row: each is within story.max-gap (96 h) of the next only, a chain of five
        Corpus corpus = corpus(Map.of("newsroom.ranking.story.max-term-articles", "100"));
        List<ArticleEvent> chain = IntStream.range(0, 5).mapToObj(i -> article(
                "Zentrix unveils Quarnel solar battery for homes", "Zentrix Quarnel battery " + i, "p" + i + ".com",
                NOON.plus(Duration.ofHours(72L * i)), 70 + i)).toList();
        chain.forEach(corpus::add);
        assertThat(chain).allSatisfy(e -> assertThat(corpus.rank(e, wall.instant()).ranking().story())
                .satisfies(story -> {
                    assertThat(story.id()).isEqualTo(chain.get(0).articleId());
                    assertThat(story.size()).isEqualTo(5);
                    assertThat(story.leadArticleId()).isEqualTo(chain.get(4).articleId()); // highest quality
                    assertThat(story.providers()).containsExactly("p0.com", "p1.com", "p2.com", "p3.com", "p4.com");
                }));
        ArticleEvent middle = chain.get(2);
        ArticleEvent retracted = new ArticleEvent(middle.schemaVersion(), middle.articleId(), 2, middle.canonicalUrl(), "retracted",
                middle.ingestedAt(), middle.sourceFile(), middle.article().toBuilder().published(false).build(), null);

        corpus.add(retracted);
        RankedRecords published = corpus.rankingsAfter(retracted, wall.instant());

        var before = corpus.rank(chain.get(1), wall.instant()).ranking().story();
        var after = corpus.rank(chain.get(3), wall.instant()).ranking().story();
        assertThat(before.id()).isEqualTo(chain.get(0).articleId());
        assertThat(before.size()).isEqualTo(2);
        assertThat(before.providers()).containsExactly("p0.com", "p1.com");
        assertThat(before.lastPublished()).isEqualTo(chain.get(1).article().publishedDateTime());
        assertThat(after.id()).isEqualTo(chain.get(3).articleId());
        assertThat(after.size()).isEqualTo(2);
        assertThat(after.leadArticleId()).isEqualTo(chain.get(4).articleId());
        // the members of the part named otherwise now learn their story; the part that kept its name has its facts told
        assertThat(published.rankings()).filteredOn(u -> u.storyId().equals(after.id())).extracting(RankingUpdate::articleId)
                .containsExactlyInAnyOrder(chain.get(3).articleId(), chain.get(4).articleId());
        assertThat(published.stories()).extracting(r -> r.story().id() + " " + r.story().size())
                .contains(before.id() + " 2", after.id() + " 2");
    }

    /** Three articles about one event, at noon, of quality 70, by the given providers. */
    private static List<ArticleEvent> quarnelStory(String first, String second, String third) {
        return List.of(
                article("Zentrix unveils Quarnel solar battery for homes", "Zentrix said its Quarnel battery stores a day of power", first, NOON, 70),
                article("Zentrix Quarnel home solar battery unveiled", "The Quarnel battery from Zentrix stores a day of power", second, NOON, 70),
                article("Zentrix shows Quarnel battery for solar homes", "Zentrix Quarnel stores a day of solar power", third, NOON, 70));
    }

    private static ArticleEvent article(String title, String excerpt, String domain, Instant published, Integer quality) {
        return event(Article.builder().title(title).excerpt(excerpt).publishedDateTime(published)
                .webUrl("https://" + domain + "/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"))
                .provider(Provider.of(domain, domain)).quality(quality).build());
    }

    private static ArticleEvent event(Article article) {
        return SampleCorpus.event(article, "test.md");
    }

    /** A wall clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
