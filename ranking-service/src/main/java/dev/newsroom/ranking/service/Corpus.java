package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.config.RankingConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        this.index = new CorpusIndex(config, analysis, rarity, clock);
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

    /** What to publish for one ingested article: {@link #rankingsAfter(List, Instant)} of a batch of one. */
    public List<ArticleEvent> rankingsAfter(ArticleEvent ingested, Instant rankedAt) {
        return rankingsAfter(List.of(ingested), rankedAt);
    }

    /**
     * What to publish for a batch of ingested articles once the corpus has seen them: each article ranked
     * (its indexed version, which may be newer than the one in the batch), then every existing article
     * whose related links or story any of them changed (bounded per article by the fan-out settings), each
     * once, keeping its own version and ranked at {@code rankedAt}. Ranking after the whole batch is indexed
     * gives the same records as ranking after each article, minus the ones a later article in the batch
     * would have superseded; each story is walked once per batch ({@link Stories}).
     */
    public synchronized List<ArticleEvent> rankingsAfter(List<ArticleEvent> batch, Instant rankedAt) {
        Stories stories = new Stories(index::storyOf);
        Map<String, ArticleEvent> ranked = new LinkedHashMap<>();
        Set<IndexedArticle> affected = new LinkedHashSet<>();
        for (ArticleEvent ingested : batch) {
            IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
            ArticleEvent current = indexed == null ? ingested : indexed.event;
            ranked.put(ingested.articleId(), current.withRanking(ranker.rank(current, indexed, rankedAt, stories)));
            affected.addAll(index.affectedBy(ingested.articleId(), indexed, stories));
        }
        for (IndexedArticle neighbour : affected) {
            if (!ranked.containsKey(neighbour.id)) {
                ranked.put(neighbour.id, neighbour.event.withRanking(ranker.rank(neighbour.event, neighbour, rankedAt, stories)));
            }
        }
        return List.copyOf(ranked.values());
    }

    /** The article ranked as it stands now (the indexed version if indexed, else {@code ingested} on its own). */
    public synchronized ArticleEvent rank(ArticleEvent ingested, Instant rankedAt) {
        IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
        ArticleEvent current = indexed == null ? ingested : indexed.event;
        return current.withRanking(ranker.rank(current, indexed, rankedAt, new Stories(index::storyOf)));
    }

    public synchronized int size() {
        return index.size();
    }
}
