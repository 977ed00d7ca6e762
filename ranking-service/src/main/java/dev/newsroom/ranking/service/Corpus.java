package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.config.RankingConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The ranking core, free of Kafka and CDI: the {@link CorpusIndex} with the {@link NewsClock} it keeps,
 * and what is published for an ingested article. Its index is on disk ({@link #open}) and its commits say
 * which topic offsets they cover ({@link #commit}, {@link #committedOffsets}). Every instance feeds it every article of
 * {@code articles.ingested}; each instance ranks the articles of its own partitions. Thread-safe: one lock,
 * fair, since feeding and ranking are short each but the feed adds record after record. A monitor let the
 * feed take the lock back the moment it let it go, so a batch to rank waited for the whole poll the feed was
 * indexing (BENCHMARKS.md, "twelfth pass").
 */
public final class Corpus implements Closeable {

    private static final String OFFSET_PREFIX = "newsroom.offset.";
    private static final int MERGES_REMEMBERED = 100_000;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final CorpusIndex index;
    private final NewsClock clock;
    private final Ranker ranker;
    /** The story merges this corpus published lately, name to the name it was merged into. */
    private final Map<String, String> mergesPublished = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MERGES_REMEMBERED;
        }
    };

    /** A corpus whose index lives in memory only (tests, evaluations): it starts empty and is lost on close. */
    public Corpus(RankingConfig config, TextAnalysis analysis, TermRarity rarity, NewsClock clock) {
        this(new ByteBuffersDirectory(), "in memory", config, analysis, rarity, clock);
    }

    private Corpus(Directory directory, String name, RankingConfig config, TextAnalysis analysis, TermRarity rarity,
                   NewsClock clock) {
        this.index = new CorpusIndex(directory, name, config, analysis, rarity, clock);
        this.clock = clock;
        this.ranker = new Ranker(index, new HeatCalculator(config.heat()), clock, config.related().k());
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
    public Map<Integer, Long> committedOffsets(String topic) {
        Map<Integer, Long> offsets = new TreeMap<>();
        String prefix = OFFSET_PREFIX + topic + ":";
        locked(index::committed).forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                offsets.put(Integer.parseInt(key.substring(prefix.length())), Long.parseLong(value));
            }
        });
        return offsets;
    }

    /** Commits the index, recording that it covers {@code topic} up to {@code nextOffsets} (partition → next offset). */
    public void commit(String topic, Map<Integer, Long> nextOffsets) {
        Map<String, String> data = new HashMap<>();
        nextOffsets.forEach((partition, offset) -> data.put(OFFSET_PREFIX + topic + ":" + partition, Long.toString(offset)));
        locked(() -> index.commit(data));
    }

    /**
     * Empties the corpus and its index (a topic that does not hold what the index was built from, say): the
     * feed then reads the topic from the beginning.
     */
    public void reset(String why) {
        locked(() -> index.reset(why));
    }

    /** Closes the index without committing. */
    @Override
    public void close() {
        locked(index::close);
    }

    /** Learns of an ingested article (any partition): indexes it and updates its neighbours' links and stories. */
    public CorpusIndex.Outcome add(ArticleEvent ingested) {
        return add(ingested, Json.writeBytes(ingested));
    }

    /**
     * {@link #add(ArticleEvent)} of an article read from {@code json} (a record of the topic, its UTF-8): the index
     * keeps those bytes as the article's stored form rather than writing the article out again.
     */
    public CorpusIndex.Outcome add(ArticleEvent ingested, byte[] json) {
        return locked(() -> {
            if (ingested.article().publishedDateTime() != null) {
                clock.observe(ingested.article().publishedDateTime(), ingested.ingestedAt());
            }
            return index.add(ingested, json);
        });
    }

    /**
     * Tells the corpus which articles are about to be {@link #add}ed, in that order (the records of a poll):
     * their candidates are looked up in the index ahead of them, on a second thread ({@link CorpusIndex#expect}).
     * Adding them without this gives the same links and stories but for where the pending articles are counted.
     */
    public void expect(List<ArticleEvent> upcoming) {
        locked(() -> index.expect(upcoming));
    }

    /** What to publish for one ingested article: {@link #rankingsAfter(List, Instant)} of a batch of one. */
    public RankedRecords rankingsAfter(ArticleEvent ingested, Instant rankedAt) {
        return rankingsAfter(List.of(ingested), rankedAt);
    }

    /**
     * What to publish for a batch of ingested articles once the corpus has seen them (schema 2 of
     * {@code articles.ranked}), all ranked at {@code rankedAt}:
     *
     * <ul>
     *   <li>each article whole, once (its indexed version, which may be newer than the one in the batch),
     *   with its backlinks and its story's facts: an existing article that merely gained it as a related
     *   link, or whose story merely grew, gets nothing else;</li>
     *   <li>a merge ({@link StoryRecord#merged}) for each story that an arrived article joined to another
     *   one, or joined by being earlier than its first article: one record, whatever the size of the story
     *   that was renamed;</li>
     *   <li>a {@link RankingUpdate} for each existing article that listed, or shared a story with, a version
     *   the batch replaced or retracted: its own list is recomputed, and its story may have been split
     *   (the members of a part named otherwise now, and the first member of the part that kept the name);</li>
     *   <li>a {@link StoryRecord} for each story of those updated articles that no article record of the
     *   batch carries, and one of size 0 for each story name that no longer names a story (its first
     *   article replaced or retracted and elsewhere now).</li>
     * </ul>
     *
     * Each article and each story appears once; each story's facts are summed up once per batch ({@link Stories}).
     */
    public RankedRecords rankingsAfter(List<ArticleEvent> batch, Instant rankedAt) {
        return locked(() -> rankBatch(batch, rankedAt));
    }

    private RankedRecords rankBatch(List<ArticleEvent> batch, Instant rankedAt) {
        Stories stories = new Stories();
        Map<String, ArticleEvent> articles = new LinkedHashMap<>();
        Set<IndexedArticle> arrived = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ArticleEvent ingested : batch) {
            IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
            // its indexed version: the one in the batch unless a newer one was indexed since (no need to read it back)
            ArticleEvent current = indexed == null || indexed.version == ingested.version() ? ingested : index.eventOf(indexed);
            articles.put(ingested.articleId(), current.withRanking(ranker.rank(current, indexed, rankedAt, stories)));
            if (indexed != null) {
                arrived.add(indexed);
            }
        }
        Set<String> carried = new HashSet<>();
        articles.values().forEach(a -> carried.add(a.ranking().story().id()));

        Map<String, String> merged = storiesMergedBy(arrived);
        Set<IndexedArticle> changed = new LinkedHashSet<>();
        for (ArticleEvent ingested : batch) {
            changed.addAll(index.formerNeighboursOf(ingested.articleId()));
            String storyNow = articles.get(ingested.articleId()).ranking().story().id();
            if (index.replacedBefore(ingested.articleId()) && !storyNow.equals(ingested.articleId())) {
                // the story its former version may have named: its members are told their story (former
                // neighbours); whoever else knows the name is in the story this version is in now
                merged.put(ingested.articleId(), storyNow);
            }
        }

        List<RankingUpdate> rankings = new ArrayList<>();
        Map<String, StoryRef> storyFacts = new LinkedHashMap<>();
        for (IndexedArticle neighbour : changed) {
            if (articles.containsKey(neighbour.id())) {
                continue; // its own record of this batch carries it all
            }
            Ranking ranking = ranker.rankAgain(index.eventOf(neighbour), neighbour, rankedAt, stories);
            rankings.add(RankingUpdate.of(neighbour.id(), neighbour.version, ranking));
            if (!carried.contains(ranking.story().id())) {
                storyFacts.putIfAbsent(ranking.story().id(), ranking.story());
            }
        }
        List<StoryRecord> storyRecords = new ArrayList<>();
        storyFacts.values().forEach(story -> storyRecords.add(StoryRecord.of(story, rankedAt)));
        merged.forEach((from, into) -> storyRecords.add(StoryRecord.merged(from, into, rankedAt, ranker.coverage(0))));
        return new RankedRecords(List.copyOf(articles.values()), rankings, storyRecords);
    }

    /**
     * The stories the arrived articles joined to others. For each of their stories, the parts it falls
     * into without them: a reader may know a member of a part by any name the part had before, which is
     * any member that was the earliest of its part when it was indexed (the part in index order: its
     * running earliest members; with the feed ahead of ranking, or another instance ranking other
     * partitions, a reader may have been told any of them). Only stories an arrived article renamed are
     * walked (it joined two stories, or one as its earliest member): a member joining a story as one more
     * costs nothing here, whatever the story's size. An arrived article may have named its story too, when
     * it was the earliest as it arrived and an earlier member was indexed after it. Each such name that is not the story's name
     * now is merged into it, unless this corpus already published its merge into a story that this batch
     * merges in turn (a reader follows merges in the order of their {@code rankedAt}).
     *
     * @return each former story name with the name of the story it is part of now
     */
    private Map<String, String> storiesMergedBy(Set<IndexedArticle> arrived) {
        Map<String, String> merged = new LinkedHashMap<>();
        Set<StoryCluster> renamed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (IndexedArticle article : arrived) {
            StoryCluster story = article.story;
            if (story.size() == 1) {
                continue;
            }
            if (article != story.first() && article.namedItsStory) {
                merged.put(article.id(), story.id()); // an earlier member came after it: rankings meanwhile named the story after it
            }
            if (article.renamedAStory) {
                renamed.add(story); // its arrival joined two stories, or joined one as its earliest member
            }
        }
        for (StoryCluster story : renamed) {
            for (List<IndexedArticle> inIndexOrder : story.partsWithout(arrived)) {
                inIndexOrder.sort(Comparator.comparingLong(a -> a.ord));
                IndexedArticle earliest = null;
                for (IndexedArticle member : inIndexOrder) {
                    if (earliest == null || IndexedArticle.PUBLICATION_ORDER.compare(member, earliest) < 0) {
                        earliest = member;
                        if (member != story.first()) {
                            merged.put(member.id(), story.id());
                        }
                    }
                }
            }
        }
        // a name merged before into a name merged now reaches the story through that one
        merged.keySet().removeIf(name -> {
            String before = mergesPublished.get(name);
            return before != null && (before.equals(merged.get(name)) || merged.containsKey(before));
        });
        mergesPublished.putAll(merged);
        return merged;
    }

    /** The article ranked as it stands now (the indexed version if indexed, else {@code ingested} on its own). */
    public ArticleEvent rank(ArticleEvent ingested, Instant rankedAt) {
        return locked(() -> {
            IndexedArticle indexed = index.get(ingested.articleId()).orElse(null);
            ArticleEvent current = indexed == null ? ingested : index.eventOf(indexed);
            return current.withRanking(ranker.rank(current, indexed, rankedAt, new Stories()));
        });
    }

    public int size() {
        return locked(index::size);
    }

    /** Whether a version of the article is indexed (live: not retracted, not past retention). */
    public boolean contains(String articleId) {
        return locked(() -> index.contains(articleId));
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }
}
