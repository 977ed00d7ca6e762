package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.ranking.CorpusTest.MutableClock;
import dev.newsroom.ranking.quality.SampleCorpus;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.RankedRecords;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Schema 2 of {@code articles.ranked} end to end without Kafka: a reader that applies the records ranking
 * emits the way docs/ranked-topic-v2.md says ({@link ReadModel}) knows, for every article, what ranking it
 * directly would give: its related links, its story and the story's facts. And what one ingested article
 * costs stays the same however large its story grows.
 */
class RankedRecordsTest {

    private final MutableClock wall = new MutableClock(SampleCorpus.INGESTED_AT);

    /** Exact lookups (see CorpusTest): then a reader's union of own links and backlinks is exactly the index's top k. */
    private Corpus corpus(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(CorpusTest.UNBOUNDED_LOOKUPS);
        settings.putAll(overrides);
        return new Corpus(RankingSettings.with(settings), new TextAnalysis(), TermRarity.reference(), new NewsClock(wall));
    }

    @Test
    void shouldGiveAReaderOfTheRecordsWhatRankingEachArticleNowGivesWhateverTheOrderAndBatches() {
        List<ArticleEvent> samples = SampleCorpus.all(true); // with the files' editorial links
        record Arrival(long seed, int batchSize, int feedAhead) {
        }
        // seed 0: in publication order; -1: newest first (a backfill that goes back in time); else shuffled
        List<Arrival> arrivals = List.of(new Arrival(0, 1, 0), new Arrival(1, 1, 0), new Arrival(2, 7, 0),
                new Arrival(3, 50, 0), new Arrival(4, 5, 3), new Arrival(-1, 4, 2), new Arrival(-1, 1, 5));
        for (Arrival arrival : arrivals) {
            List<ArticleEvent> order = new ArrayList<>(samples);
            if (arrival.seed() == 0) {
                order.sort((a, b) -> a.article().publishedDateTime().compareTo(b.article().publishedDateTime()));
            } else if (arrival.seed() == -1) {
                order.sort((a, b) -> b.article().publishedDateTime().compareTo(a.article().publishedDateTime()));
            } else {
                Collections.shuffle(order, new Random(arrival.seed()));
            }
            // then every tenth article changes (a new text: it leaves its story and lists) or is retracted
            List<ArticleEvent> changes = new ArrayList<>();
            for (int i = 0; i < order.size(); i += 10) {
                ArticleEvent e = order.get(i);
                changes.add(i % 20 == 0 ? version(e, e.article().toBuilder().published(false).build())
                        : version(e, e.article().toBuilder().title("Lighthouse keepers strike " + i)
                        .excerpt("The keepers of lighthouse " + i + " walked out").body("").topics(List.of()).build()));
            }

            Corpus corpus = corpus(Map.of());
            ReadModel reader = new ReadModel();
            int ingesting = replay(corpus, reader, order, arrival.batchSize(), arrival.feedAhead());
            int changing = replay(corpus, reader, changes, arrival.batchSize(), arrival.feedAhead());

            List<String> differences = new ArrayList<>();
            for (ArticleEvent e : samples) {
                ArticleEvent direct = corpus.rank(e, wall.instant());
                List<RelatedLink> readLinks = reader.related(e.articleId());
                Set<String> tied = tiedAtTheCut(direct.ranking().related(), readLinks);
                String read = links(readLinks, tied) + " in " + facts(reader.story(e.articleId()));
                String ranked = links(direct.ranking().related(), tied) + " in " + facts(direct.ranking().story());
                if (!read.equals(ranked) || !reader.storyId(e.articleId()).equals(direct.ranking().story().id())) {
                    differences.add(e.articleId() + " " + e.sourceFile() + "\n  read:   " + read + "\n  ranked: " + ranked + "\n  " + reader.storyTrail(e.articleId()));
                }
            }
            assertThat(differences).as(arrival + ": articles a reader knows otherwise than ranking").isEmpty();
            System.out.printf("schema 2 on the samples, %s: %d records for %d articles (%.2f each), then %d for %d"
                    + " changes (%.2f each)%n", arrival, ingesting, order.size(), (double) ingesting / order.size(),
                    changing, changes.size(), (double) changing / changes.size());
        }
    }

    @Test
    void shouldCostTheSameRecordsPerArticleWhenAStoryGrowsTo200Members() {
        // one event, reported 200 times over 100 hours by 50 providers; its name is in every report, so
        // it is distinctive only if more than the default 10 articles may share it
        Corpus corpus = corpus(Map.of("newsroom.ranking.story.max-term-articles", "1000"));
        List<ArticleEvent> reports = oneEvent(200, new Random(11));
        ReadModel reader = new ReadModel();
        int[] perArticle = new int[reports.size()];
        for (int i = 0; i < reports.size(); i++) {
            corpus.add(reports.get(i));
            wall.advance(Duration.ofSeconds(1));
            RankedRecords records = corpus.rankingsAfter(reports.get(i), wall.instant());
            reader.apply(records);
            perArticle[i] = records.size();
        }

        double first = IntStream.of(perArticle).limit(20).average().orElseThrow();
        double last = IntStream.of(perArticle).skip(reports.size() - 20).average().orElseThrow();
        double all = IntStream.of(perArticle).average().orElseThrow();
        System.out.printf("a story of 200 in batches of 1: %.2f records per article (first 20: %.2f, last 20: %.2f)%n",
                all, first, last);
        assertThat(all).isLessThanOrEqualTo(1.5);
        assertThat(last).isLessThanOrEqualTo(1.5).isLessThanOrEqualTo(first);
        ArticleEvent latest = reports.get(reports.size() - 1);
        StoryRef story = corpus.rank(latest, wall.instant()).ranking().story();
        assertThat(story.size()).isEqualTo(200);
        for (ArticleEvent report : reports) {
            assertThat(reader.storyId(report.articleId())).isEqualTo(story.id());
            assertThat(links(reader.related(report.articleId())))
                    .isEqualTo(links(corpus.rank(report, wall.instant()).ranking().related()));
        }
        assertThat(facts(reader.story(latest.articleId()))).isEqualTo(facts(story));
    }

    /**
     * Ingests {@code order} in batches as the service does: the feed indexes {@code feedAhead} batches
     * ahead of the one being ranked (other partitions, or a backlog), each batch is ranked a second after
     * the previous one, and the reader applies what it emits. Returns how many records were emitted.
     */
    private int replay(Corpus corpus, ReadModel reader, List<ArticleEvent> order, int batchSize, int feedAhead) {
        List<List<ArticleEvent>> batches = new ArrayList<>();
        for (int i = 0; i < order.size(); i += batchSize) {
            batches.add(order.subList(i, Math.min(order.size(), i + batchSize)));
        }
        int fed = 0;
        int records = 0;
        for (int b = 0; b < batches.size(); b++) {
            for (; fed < batches.size() && fed <= b + feedAhead; fed++) {
                batches.get(fed).forEach(corpus::add);
            }
            wall.advance(Duration.ofSeconds(1));
            RankedRecords emitted = corpus.rankingsAfter(batches.get(b), wall.instant());
            reader.apply(emitted);
            records += emitted.size();
        }
        return records;
    }

    /**
     * Links by source, id and score, best first, ties by id (the order of equal scores is no part of the
     * contract), less those named in {@code tied}.
     */
    private static List<String> links(List<RelatedLink> links, Set<String> tied) {
        return links.stream().filter(l -> l.id() == null || !tied.contains(l.id()))
                .sorted((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                        : String.valueOf(a.id()).compareTo(String.valueOf(b.id())))
                .map(l -> l.source() + ":" + l.id() + ":" + l.score()).toList();
    }

    private static List<String> links(List<RelatedLink> links) {
        return links(links, Set.of());
    }

    /**
     * Ties aside: the articles either list has at the score of ranking's last computed link (its cut of the
     * best k), when they are more than one. Scores are published rounded to four decimals, while ranking keeps the best k by the exact
     * score: of two candidates rounded-equal at the cut, a reader cannot tell which one ranking kept.
     */
    private static Set<String> tiedAtTheCut(List<RelatedLink> ranked, List<RelatedLink> read) {
        double cut = ranked.stream().filter(l -> l.score() < 1).mapToDouble(RelatedLink::score).min().orElse(Double.NaN);
        Set<String> tied = new java.util.HashSet<>();
        for (RelatedLink l : ranked) {
            if (l.score() == cut && l.id() != null) {
                tied.add(l.id());
            }
        }
        for (RelatedLink l : read) {
            if (l.score() == cut && l.id() != null) {
                tied.add(l.id());
            }
        }
        return tied.size() > 1 ? tied : Set.of(); // two articles rounded-equal at the cut: which one is no part of the contract
    }

    private static String facts(StoryRef story) {
        return story == null ? "none" : story.id() + " size " + story.size() + " lead " + story.leadArticleId()
                + " providers " + story.providers().stream().sorted().toList() + " from " + story.firstPublished()
                + " to " + story.lastPublished() + " coverage " + story.coverage();
    }

    private static ArticleEvent version(ArticleEvent e, Article article) {
        return new ArticleEvent(e.schemaVersion(), e.articleId(), e.version() + 1, e.canonicalUrl(), "v" + (e.version() + 1),
                e.ingestedAt(), e.sourceFile(), article, null);
    }

    /** {@code count} reports of one event (a made-up company's recall), every 30 minutes, four per provider. */
    static List<ArticleEvent> oneEvent(int count, Random random) {
        String[] openings = {"Zentrix recalls Quarnel home batteries", "Quarnel battery recall widens at Zentrix",
                "Zentrix Quarnel recall: what owners should know", "Regulator backs Zentrix Quarnel battery recall",
                "Zentrix says Quarnel recall covers more homes"};
        String[] facts = {"Zentrix recalled its Quarnel home batteries after reports of overheating.",
                "Owners of Quarnel units are told to switch them off and wait for a Zentrix technician.",
                "The Quarnel recall covers batteries sold since March, Zentrix said.",
                "Zentrix shares fell as the Quarnel recall widened.",
                "Fire services confirmed two Quarnel battery fires in garages.",
                "Zentrix will replace every recalled Quarnel unit free of charge."};
        Instant start = Instant.parse("2021-05-10T06:00:00Z");
        List<ArticleEvent> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String domain = "news" + (i / 4) + ".example";
            String title = openings[random.nextInt(openings.length)] + " (" + (i + 1) + ")";
            String excerpt = facts[random.nextInt(facts.length)] + " " + facts[random.nextInt(facts.length)];
            reports.add(SampleCorpus.event(Article.builder().title(title).excerpt(excerpt)
                    .publishedDateTime(start.plus(Duration.ofMinutes(30L * i)))
                    .webUrl("https://" + domain + "/zentrix-quarnel-recall-" + i).provider(Provider.of(domain, domain))
                    .quality(60 + random.nextInt(30)).build(), "recall-" + i + ".md"));
        }
        return reports;
    }
}
