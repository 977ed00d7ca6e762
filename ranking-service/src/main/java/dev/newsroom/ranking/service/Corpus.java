package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.config.RankingConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.TreeMap;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ranking core, free of Kafka and CDI: the {@link CorpusIndex} with the {@link NewsClock} it keeps,
 * and what is published for an ingested article. Its index is on disk ({@link #open}) and its commits say
 * which topic offsets they cover ({@link #commit}, {@link #committedOffsets}). Every instance feeds it every article of
 * {@code articles.ingested}; each instance ranks the articles of its own partitions. Thread-safe (one
 * lock: feeding and ranking are short).
 */
public final class Corpus implements Closeable {

    private static final String OFFSET_PREFIX = "newsroom.offset.";

    private final CorpusIndex index;
    private final NewsClock clock;
    private final Ranker ranker;

    /** A corpus whose index lives in memory only (tests, evaluations): it starts empty and is lost on close. */
    public Corpus(RankingConfig config, TextAnalysis analysis, TermRarity rarity, NewsClock clock) {
        this(new ByteBuffersDirectory(), "in memory", config, analysis, rarity, clock);
    }

    private Corpus(Directory directory, String name, RankingConfig config, TextAnalysis analysis, TermRarity rarity,
                   NewsClock clock) {
        this.index = new CorpusIndex(directory, name, config, analysis, rarity, clock);
        this.clock = clock;
        this.ranker = new Ranker(index, new HeatCalculator(config.heat()), clock);
    }

    /**
     * The corpus whose index is in {@code path} (memory-mapped): what its last commit holds, or empty when
     * there is none or it cannot be used (then {@link #committedOffsets} is empty and the feed rebuilds it).
     *
     * @throws IndexStore.IndexInUseException when another process (another instance) writes to {@code path}
     */
    public static Corpus open(Path path, RankingConfig config, TextAnalysis analysis, TermRarity rarity, NewsClock clock) {
        try {
            Files.createDirectories(path);
            return new Corpus(FSDirectory.open(path), path.toAbsolutePath().toString(), config, analysis, rarity, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the corpus index in " + path.toAbsolutePath()
                    + " (newsroom.ranking.index.path)", e);
        }
    }

    /**
     * The next offset to read of each partition of {@code topic}, as of the index's last commit: the index
     * holds exactly what the records before them gave. Empty for a partition never read (or a fresh index).
     */
    public synchronized Map<Integer, Long> committedOffsets(String topic) {
        Map<Integer, Long> offsets = new TreeMap<>();
        String prefix = OFFSET_PREFIX + topic + ":";
        index.committed().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                offsets.put(Integer.parseInt(key.substring(prefix.length())), Long.parseLong(value));
            }
        });
        return offsets;
    }

    /** Commits the index, recording that it covers {@code topic} up to {@code nextOffsets} (partition → next offset). */
    public synchronized void commit(String topic, Map<Integer, Long> nextOffsets) {
        Map<String, String> data = new HashMap<>();
        nextOffsets.forEach((partition, offset) -> data.put(OFFSET_PREFIX + topic + ":" + partition, Long.toString(offset)));
        index.commit(data);
    }

    /**
     * Empties the corpus and its index (a topic that does not hold what the index was built from, say): the
     * feed then reads the topic from the beginning.
     */
    public synchronized void reset(String why) {
        index.reset(why);
    }

    /** Closes the index without committing. */
    @Override
    public synchronized void close() {
        index.close();
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
            ArticleEvent current = indexed == null ? ingested : index.eventOf(indexed);
            ranked.put(ingested.articleId(), current.withRanking(ranker.rank(current, indexed, rankedAt, stories)));
            affected.addAll(index.affectedBy(ingested.articleId(), indexed, stories));
        }
        for (IndexedArticle neighbour : affected) {
            if (!ranked.containsKey(neighbour.id)) {
                ArticleEvent event = index.eventOf(neighbour);
                ranked.put(neighbour.id, event.withRanking(ranker.rank(event, neighbour, rankedAt, stories)));
            }
        }
        return List.copyOf(ranked.values());
    }

    /** The article ranked as it stands now (the indexed version if indexed, else {@code ingested} on its own). */
    public synchronized ArticleEvent rank(ArticleEvent ingested, Instant rankedAt) {
        IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
        ArticleEvent current = indexed == null ? ingested : index.eventOf(indexed);
        return current.withRanking(ranker.rank(current, indexed, rankedAt, new Stories(index::storyOf)));
    }

    public synchronized int size() {
        return index.size();
    }
}
