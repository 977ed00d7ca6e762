package dev.newsroom.ranking.quality;

import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.ranking.RankingSettings;
import dev.newsroom.ranking.config.RankingConfig;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The editorial-recovery evaluation: the smartable-ai files come with the source site's own related
 * lists (RELATED.tsv, 83 pairs). Every sample file is indexed with its editorial list removed, every
 * editorial entry is indexed as an article of its own (so each pair can be found), and the bing-feeds and
 * smartable-md sets are there as distractors. A pair is recovered when the related article is among the
 * top 5 computed links of its file.
 */
public final class RelatedLinksEvaluation {

    public record Pair(String file, String fileId, String relatedId) {
    }

    public record Recovery(int recovered, int pairs) {
        public double rate() {
            return (double) recovered / pairs;
        }

        @Override
        public String toString() {
            return String.format("%d of %d (%.2f)", recovered, pairs, rate());
        }
    }

    private RelatedLinksEvaluation() {
    }

    /** The documents every system under evaluation indexes. */
    public static List<ArticleEvent> documents() {
        return SampleCorpus.all(false);
    }

    public static List<Pair> pairs() {
        Path tsv = Samples.root().resolve("corpus/smartable-ai/RELATED.tsv");
        Map<String, String> idOfFile = new LinkedHashMap<>();
        SampleCorpus.files(false).values().forEach(e -> idOfFile.put(e.sourceFile(), e.articleId()));
        List<Pair> pairs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(tsv)) {
                String[] cells = line.split("\t", -1);
                if (cells[0].equals("file")) {
                    continue;
                }
                pairs.add(new Pair(cells[0], idOfFile.get(cells[0]), ArticleId.fromUrl(cells[1]).orElseThrow()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    /** Recovery of the pairs by a system that answers, for an article id, its related ids best first. */
    public static Recovery recovery(Function<String, List<String>> relatedIds, int topN) {
        int recovered = 0;
        List<Pair> pairs = pairs();
        for (Pair pair : pairs) {
            List<String> related = relatedIds.apply(pair.fileId());
            if (related.subList(0, Math.min(topN, related.size())).contains(pair.relatedId())) {
                recovered++;
            }
        }
        return new Recovery(recovered, pairs.size());
    }

    /** Newsroom's corpus over the evaluation documents, with the service's defaults (and {@code overrides}). */
    public static Corpus newsroom(Map<String, String> overrides) {
        return newsroom(overrides, List.of());
    }

    /** The same, after {@code before} was indexed: a backfill behind other articles. */
    public static Corpus newsroom(Map<String, String> overrides, List<ArticleEvent> before) {
        RankingConfig config = RankingSettings.with(overrides);
        Corpus corpus = new Corpus(config, new TextAnalysis(), TermRarity.reference(),
                new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)));
        before.forEach(corpus::add);
        documents().forEach(corpus::add);
        return corpus;
    }

    /** Newsroom's computed related ids of an article, best first. */
    public static Function<String, List<String>> computedLinks(Corpus corpus) {
        Map<String, ArticleEvent> byId = new LinkedHashMap<>();
        documents().forEach(e -> byId.put(e.articleId(), e));
        return id -> corpus.rank(byId.get(id), SampleCorpus.INGESTED_AT).ranking().related().stream()
                .filter(l -> l.source() == LinkSource.COMPUTED).map(RelatedLink::id).toList();
    }

    public static Recovery newsroomRecovery(Map<String, String> overrides) {
        return recovery(computedLinks(newsroom(overrides)), 5);
    }

    public static void main(String[] args) {
        System.out.println("documents: " + documents().size() + ", pairs: " + pairs().size());
        System.out.println("newsroom: " + newsroomRecovery(Map.of()));
    }
}
