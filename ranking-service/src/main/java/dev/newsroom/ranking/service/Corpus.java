package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.config.RankingConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranking core, free of Kafka and CDI: the {@link CorpusIndex} with the {@link NewsClock} it keeps,
 * and what is published for an ingested article. Every instance feeds it every article of
 * {@code articles.ingested}; each instance ranks the articles of its own partitions. Thread-safe (one
 * lock: feeding and ranking are short).
 */
public final class Corpus {

    private final CorpusIndex index;
    private final NewsClock clock;
    private final Ranker ranker;

    public Corpus(RankingConfig config, TextAnalysis analysis, TermRarity rarity, NewsClock clock) {
        this.index = new CorpusIndex(config, analysis, rarity);
        this.clock = clock;
        this.ranker = new Ranker(index, new HeatCalculator(config.heat()), clock);
    }

    /** Learns of an ingested article (any partition): indexes it and updates its neighbours' links and stories. */
    public synchronized CorpusIndex.Outcome add(ArticleEvent ingested) {
        if (ingested.article().publishedDateTime() != null) {
            clock.observe(ingested.article().publishedDateTime(), ingested.ingestedAt());
        }
        return index.add(ingested);
    }

    /**
     * What to publish for an ingested article once the corpus has seen it: the article ranked (its
     * indexed version, which may be newer than {@code ingested}), then every existing article whose
     * related links or story changed because of it (bounded by the fan-out settings), each keeping its
     * own version and ranked at {@code rankedAt}.
     */
    public synchronized List<ArticleEvent> rankingsAfter(ArticleEvent ingested, Instant rankedAt) {
        IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
        List<ArticleEvent> ranked = new ArrayList<>();
        ranked.add(rank(ingested, rankedAt));
        for (IndexedArticle neighbour : index.affectedBy(ingested.articleId(), indexed)) {
            ranked.add(neighbour.event.withRanking(ranker.rank(neighbour.event, neighbour, rankedAt)));
        }
        return ranked;
    }

    /** The article ranked as it stands now (the indexed version if indexed, else {@code ingested} on its own). */
    public synchronized ArticleEvent rank(ArticleEvent ingested, Instant rankedAt) {
        IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
        ArticleEvent current = indexed == null ? ingested : indexed.event;
        return current.withRanking(ranker.rank(current, indexed, rankedAt));
    }

    public synchronized int size() {
        return index.size();
    }
}
