package dev.newsroom.ranking.service;

import com.carrotsearch.hppc.LongObjectHashMap;
import dev.newsroom.model.Article;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import dev.newsroom.ranking.config.RankingConfig;
import dev.newsroom.ranking.service.IndexedArticle.Neighbour;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * The corpus: every live article published within {@code retention} of the news clock's now, in a Lucene
 * index on the instance's own disk ({@link ArticleDocuments}, {@link IndexStore}), with two graphs kept up
 * to date as articles arrive and leave:
 *
 * <ul>
 *   <li><b>related</b>: each article keeps its best {@code k} computed links. A new article looks up its
 *   candidates (the best {@code candidates} by the dot product over its weightiest {@code query-terms}
 *   terms, summed over their postings in the index ({@link TimeWindowSearch}: at most
 *   {@code postings-per-term} per term, nearest in time), among the articles published within
 *   {@code neighbourhood} of its own publication time), scores them in full ({@link RelatedScorer}), keeps
 *   its own top k and offers itself to each candidate's list: both ends learn. Scores are symmetric and
 *   depend on the two articles only, so an article's list is the top k of everything indexed around its
 *   own time, whatever the order of arrival and whatever else is indexed far from it.</li>
 *   <li><b>stories</b>: an edge joins two articles about the same event
 *   ({@link RelatedScorer#sameStory}); a story is a connected component of that graph (single-link
 *   clustering, the TDT way, but order-independent), named after its earliest article. Each story keeps
 *   its facts up to date as members join ({@link StoryCluster}), so a member of a story of 1,000 costs what
 *   one of a story of 10 does; a member leaving splits the story into its parts again.</li>
 * </ul>
 *
 * The graphs are small (ords and scores) and live on the heap ({@link IndexedArticle}); each article's own
 * edges are also written into its Lucene document at every {@link #commit}, so a restart loads them
 * instead of recomputing them. Articles indexed since the reader was last refreshed are scored from a
 * small buffer ({@value #PENDING_LIMIT} at most), so the next article always sees them. Not thread-safe:
 * {@link Corpus} serialises access. The one part that runs beside it is the index search of articles {@link #expect}ed
 * ({@link LookAhead}): on a helper thread, with a search of its own, on a reader that does not change until the
 * searches ahead have stopped.
 */
public final class CorpusIndex implements Closeable {

    /** What {@link #add} did with an article. */
    public enum Outcome {
        /** indexed (a new article, or a newer version replacing the indexed one) */
        INDEXED,
        /** this version or a newer one is already indexed */
        ALREADY_INDEXED,
        /** published before the retention: ranked on its own, not indexed (an older version is dropped) */
        OUTSIDE_RETENTION,
        /** undated: not indexed, an older version is dropped */
        NOT_INDEXABLE,
        /**
         * retracted ({@code published: false}): not indexed, an older version is dropped, so it no longer
         * counts as coverage and leaves the related lists and stories it was in
         */
        RETRACTED
    }

    private static final Logger LOG = Logger.getLogger(CorpusIndex.class);
    private static final int FORMER_NEIGHBOURS_KEPT = 10_000;
    /**
     * The reader is refreshed once this many articles were indexed since: until then they are scored from memory.
     * Each refresh adds a small segment that every look-up visits until a merge takes it: 512 rather than 256 was
     * 6 to 7 % faster in the benchmark, in publication order and in random order alike (RANKING.md).
     */
    public static final int PENDING_LIMIT = 512;
    private static final int EVENTS_CACHED = 256;
    private static final int SUMMARIES_CACHED = 8_192;
    private static final int PROFILES_CACHED = 4_096;
    private static final int SHARED_STRINGS = 8_192;
    private static final String[] NO_PROVIDERS = {};
    private static final String CLOCK_PUBLISHED = "newsroom.clock.newestPublished";
    private static final String CLOCK_INGESTED = "newsroom.clock.newestIngestedAt";
    private static final String NEXT_ORD = "newsroom.nextOrd";
    /**
     * What the documents hold: an index written with another format is rebuilt. 2: story facts; 3: profile terms
     * last; 4: the event stored as UTF-8 bytes; 5: the related-list entry stored beside it.
     */
    private static final int DOCUMENTS_FORMAT = 5;

    private final RankingConfig.Index settings;
    private final RankingConfig.Story story;
    private final RankingConfig.Related related;
    private final TermVectors vectors;
    private final RelatedScorer scorer;
    private final long retentionSeconds;
    private final long neighbourhoodSeconds;
    private final NewsClock clock;
    private final TimeWindowSearch window;
    /** The index searches of the articles about to be indexed, run ahead of them ({@link #expect}). */
    private final LookAhead lookAhead;
    private final Directory directory;
    private final String name;
    private final String fingerprint;
    private IndexStore store;
    private long nextOrd;

    private final ArticlesById byId = new ArticlesById();
    /**
     * Most articles name one provider ({@link IndexedArticle#providers}): those of one provider share an array
     * (a hundred thousand articles name a few hundred), where each article kept its own. Never written to.
     */
    private final Map<String, String[]> oneProvider = new HashMap<>();
    private final LongObjectHashMap<IndexedArticle> byOrd = new LongObjectHashMap<>();
    /** The version of each retracted article, so that an older, live version never comes back. */
    private final Map<String, Long> retracted = new HashMap<>();
    /**
     * No live article was published before this epoch second: retention looks for articles to let go only
     * from here to its cutoff, in the index's segments (sorted by publication time) and among the pending.
     */
    private long oldestPublishedBound = Long.MAX_VALUE;
    /** Who linked to, or shared a story with, an article version that was replaced or dropped. */
    private final Map<String, List<IndexedArticle>> formerNeighbours = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<IndexedArticle>> eldest) {
            if (size() > FORMER_NEIGHBOURS_KEPT) {
                write(() -> store.writer().deleteDocuments(new Term(ArticleDocuments.FORMER, eldest.getKey())));
                return true;
            }
            return false;
        }
    };
    /** Indexed since the reader was last refreshed: not yet visible to its searches. */
    private final Map<IndexedArticle, Pending> pending = new LinkedHashMap<>();
    /** The pending articles by term (an article that left meanwhile is skipped when read). */
    private final Map<BytesRef, List<Posting>> pendingByTerm = new HashMap<>();
    /**
     * The pending articles in the order they came, each at its {@link Pending#slot} (null once it left): a look-up
     * sums their partial scores in an array by slot, not in a map by article.
     */
    private Pending[] pendingSlots = new Pending[PENDING_LIMIT];
    private int pendingSlotsUsed;
    /** A look-up's partial score of each pending slot: 0 except while a look-up sums them. */
    private float[] partialScores = new float[PENDING_LIMIT];

    /** A pending article's weight for one term. */
    private record Posting(Pending pending, float weight) {
        IndexedArticle article() {
            return pending.article();
        }
    }
    /**
     * Each article's entry in other articles' related lists, made lately: the articles of one stretch of
     * time are each other's related links while it is being ranked. Kept apart from {@link #events} (which
     * hold the bodies) so that many more fit: when ranking runs behind the feed (a backfill, a burst), the
     * events read lately are the newest indexed, not the neighbours of what is being ranked, and reading a
     * neighbour's event back from the index for its entry was most of ranking's time.
     */
    private final FieldCache<RelatedArticle> summaries =
            new FieldCache<>(SUMMARIES_CACHED, a -> a.summary, (a, summary) -> a.summary = summary);
    /** Events read back from the index lately (the articles ranked again while their news is fresh). */
    private final Map<IndexedArticle, ArticleEvent> events = new LinkedHashMap<>(EVENTS_CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IndexedArticle, ArticleEvent> eldest) {
            return size() > EVENTS_CACHED;
        }
    };
    /**
     * Profiles decoded from the index lately: the articles of one stretch of time are each other's candidates
     * again and again while it is being ingested, and decoding a profile is most of what scoring one costs.
     */
    private final FieldCache<ArticleProfile> profiles =
            new FieldCache<>(PROFILES_CACHED, a -> a.profile, (a, profile) -> a.profile = profile);
    /** The domains and topics of the profiles decoded: one copy each, however many cached profiles hold them. */
    private final SharedStrings sharedStrings = new SharedStrings(SHARED_STRINGS);
    /** Each segment's articles by doc id (null where none), by the segment's core key: a hit's article without a look-up by ord. */
    private final SegmentCache<IndexedArticle[]> articlesBySegment = new SegmentCache<>(this::articlesOf);
    /** The profiles and the summaries of the visible articles' documents, each read through one iterator per segment. */
    private final BinaryColumn profileColumn = new BinaryColumn(ArticleDocuments.PROFILE);
    private final BinaryColumn summaryColumn = new BinaryColumn(ArticleDocuments.SUMMARY);
    /**
     * Articles whose edges changed since the last commit: an identity set (one array, no node per entry),
     * added to at every offer.
     */
    private final Set<IndexedArticle> dirty = Collections.newSetFromMap(new IdentityHashMap<>());

    private record Pending(IndexedArticle article, ArticleEvent event, ArticleProfile profile, int slot) {
    }

    /**
     * Opens the index in {@code directory} (which it then owns): the last commit's articles, graphs, tombstones
     * and news clock, or an empty index when there is no usable commit ({@link #fresh()}).
     *
     * @param name says which directory this is, for messages
     * @throws IndexStore.IndexInUseException when another process writes to the directory
     */
    public CorpusIndex(Directory directory, String name, RankingConfig config, TextAnalysis analysis, TermRarity rarity,
                       NewsClock clock) {
        this.settings = config.index();
        this.related = config.related();
        this.story = config.story();
        this.vectors = new TermVectors(analysis, rarity, settings);
        this.scorer = new RelatedScorer(related, story);
        this.retentionSeconds = settings.retention().toSeconds();
        this.neighbourhoodSeconds = settings.neighbourhood().toSeconds();
        this.clock = clock;
        this.window = new TimeWindowSearch(ArticleDocuments.TERMS, settings.postingsPerTerm());
        this.lookAhead = new LookAhead(new TimeWindowSearch(ArticleDocuments.TERMS, settings.postingsPerTerm()));
        this.directory = directory;
        this.name = name;
        this.fingerprint = fingerprint(config, rarity);
        this.store = new IndexStore(directory, name, fingerprint, null);
        try {
            long started = System.nanoTime();
            load();
            if (!store.fresh()) {
                LOG.infof("corpus index %s: %d articles and their graph loaded in %d ms", name, byId.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            clear();
            close(store);
            this.store = new IndexStore(directory, name, fingerprint, "unreadable while loading: " + e);
        }
    }

    /** Empties the index, on disk too (its next commit replaces the last one): it is to be rebuilt. */
    public void reset(String why) {
        lookAhead.quiesce();
        clear();
        close(store);
        store = new IndexStore(directory, name, fingerprint, why);
    }

    /** The settings the graphs depend on: an index built with other ones is rebuilt. */
    private static String fingerprint(RankingConfig config, TermRarity rarity) {
        RankingConfig.Index i = config.index();
        RankingConfig.Related r = config.related();
        RankingConfig.Story s = config.story();
        return "retention=" + i.retention() + " neighbourhood=" + i.neighbourhood() + " query-terms=" + i.queryTerms()
                + " candidates=" + i.candidates() + " postings-per-term=" + i.postingsPerTerm() + " boosts=" + i.titleBoost() + "/" + i.bodyBoost() + "/" + i.topicBoost()
                + " max-body-chars=" + i.maxBodyChars() + " k=" + r.k() + " min-score=" + r.minScore()
                + " weights=" + r.textWeight() + "/" + r.topicsWeight() + "/" + r.timeWeight()
                + " time-half-life=" + r.timeHalfLife() + " same-provider=" + r.sameProviderFactor()
                + " story=" + s.minSimilarity() + "/" + s.maxGap() + "/" + s.minDistinctiveIdf() + "/" + s.maxTermArticles()
                + "/" + s.nearDuplicateSimilarity()
                + " reference=" + rarity.documents() + "/" + rarity.documentFrequencies().size()
                + " documents=" + DOCUMENTS_FORMAT;
    }

    /** True when the index started empty (nothing usable on disk): the topic must be read from the beginning. */
    public boolean fresh() {
        return store.fresh();
    }

    /** The user data of the commit the index was opened at: what {@link #commit} recorded (empty when fresh). */
    public Map<String, String> committed() {
        return store.committed();
    }

    private void load() throws IOException {
        Map<String, String> data = store.committed();
        if (data.containsKey(CLOCK_PUBLISHED)) {
            clock.observe(Instant.parse(data.get(CLOCK_PUBLISHED)), Instant.parse(data.get(CLOCK_INGESTED)));
        }
        nextOrd = Long.parseLong(data.getOrDefault(NEXT_ORD, "0"));
        Map<String, long[]> formers = new LinkedHashMap<>();
        // first every article, then their edges: an edge names its other end by ord, which may be in any segment
        for (LeafReaderContext leaf : store.reader().leaves()) {
            LeafReader reader = leaf.reader();
            Bits live = reader.getLiveDocs();
            BinaryDocValues ids = DocValues.getBinary(reader, ArticleDocuments.ID_VALUE);
            NumericDocValues ords = DocValues.getNumeric(reader, ArticleDocuments.ORD);
            NumericDocValues versions = DocValues.getNumeric(reader, ArticleDocuments.VERSION);
            NumericDocValues published = DocValues.getNumeric(reader, ArticleDocuments.PUBLISHED);
            BinaryDocValues storyFacts = DocValues.getBinary(reader, ArticleDocuments.STORY_FACTS);
            NumericDocValues retractedVersions = DocValues.getNumeric(reader, ArticleDocuments.RETRACTED_VERSION);
            BinaryDocValues formerOf = DocValues.getBinary(reader, ArticleDocuments.FORMER_OF);
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                if ((live != null && !live.get(doc)) || !ids.advanceExact(doc)) {
                    continue;
                }
                String id = ids.binaryValue().utf8ToString();
                if (ords.advanceExact(doc) && versions.advanceExact(doc) && published.advanceExact(doc)
                        && storyFacts.advanceExact(doc)) {
                    ArticleDocuments.StoryFacts facts = ArticleDocuments.storyFacts(storyFacts.binaryValue());
                    register(new IndexedArticle(ords.longValue(), id, versions.longValue(), published.longValue(),
                            facts.quality(), shared(facts.providers())));
                } else if (retractedVersions.advanceExact(doc)) {
                    retracted.put(id, retractedVersions.longValue());
                } else if (formerOf.advanceExact(doc)) {
                    formers.put(id, ArticleDocuments.formerOrds(formerOf.binaryValue()));
                }
            }
        }
        // the edges, segment by segment: no decoded graph is kept beyond its own article (at 147,250 articles,
        // holding them all until the end doubled what the load had live and cost a full collection)
        for (LeafReaderContext leaf : store.reader().leaves()) {
            LeafReader reader = leaf.reader();
            IndexedArticle[] articles = articlesBySegment.of(reader);
            Bits live = reader.getLiveDocs();
            BinaryDocValues graphs = DocValues.getBinary(reader, ArticleDocuments.GRAPH);
            for (int doc = graphs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = graphs.nextDoc()) {
                IndexedArticle article = articles[doc];
                if ((live == null || live.get(doc)) && article != null) {
                    link(article, ArticleDocuments.graph(graphs.binaryValue()));
                }
            }
        }
        formers.forEach((id, ords) -> formerNeighbours.put(id,
                Arrays.stream(ords).mapToObj(byOrd::get).filter(a -> a != null).toList()));
        byId.forEach(article -> {
            if (article.story == null) {
                StoryCluster.of(componentOf(article));
            }
        });
    }

    /** The article's providers as it keeps them: one provider's array shared by all that name it alone. */
    private String[] shared(String[] providers) {
        return switch (providers.length) {
            case 0 -> NO_PROVIDERS;
            case 1 -> oneProvider.computeIfAbsent(providers[0], p -> providers);
            default -> providers;
        };
    }

    /** Gives a loaded article the flags and edges its document's graph recorded. */
    private void link(IndexedArticle article, ArticleDocuments.Graph graph) {
        article.relatedStale = graph.relatedStale();
        article.renamedAStory = graph.renamedAStory();
        article.namedItsStory = graph.namedItsStory();
        for (int i = 0; i < graph.relatedOrds().length; i++) {
            IndexedArticle other = byOrd.get(graph.relatedOrds()[i]);
            if (other != null) {
                article.insertRelated(other, graph.relatedScores()[i], related.k()); // in order: at the end
                other.addLinkedFrom(article);
            }
        }
        for (long ord : graph.sameStoryOrds()) {
            IndexedArticle other = byOrd.get(ord);
            if (other != null) {
                article.addSameStory(other);
            }
        }
    }

    private void clear() {
        byId.clear();
        byOrd.clear();
        retracted.clear();
        formerNeighbours.clear();
        clearPending();
        events.clear();
        summaries.clear();
        profiles.clear();
        articlesBySegment.clear();
        profileColumn.clear();
        summaryColumn.clear();
        dirty.clear();
        nextOrd = 0;
        oldestPublishedBound = Long.MAX_VALUE;
    }

    private void register(IndexedArticle article) {
        byId.put(article);
        byOrd.put(article.ord, article);
        oldestPublishedBound = Math.min(oldestPublishedBound, article.published);
    }

    /**
     * Makes everything indexed so far durable, with {@code userData} (the topic offsets it covers) and the
     * news clock: the index on disk is then exactly what these records gave.
     */
    public void commit(Map<String, String> userData) {
        long started = System.nanoTime();
        int updated = 0;
        for (IndexedArticle article : dirty) {
            if (article.live) {
                write(() -> store.writer().updateBinaryDocValue(ArticleDocuments.idTerm(article.id()), ArticleDocuments.GRAPH,
                        ArticleDocuments.graph(article)));
                updated++;
            }
        }
        dirty.clear();
        Map<String, String> data = new HashMap<>(userData);
        data.put(NEXT_ORD, Long.toString(nextOrd));
        Instant newest = clock.newestPublished();
        if (newest != null) {
            data.put(CLOCK_PUBLISHED, newest.toString());
            data.put(CLOCK_INGESTED, clock.newestIngestedAt().toString());
        }
        long buffered = System.nanoTime();
        store.commit(data, fingerprint);
        LOG.debugf("corpus index committed: %d graph updates buffered in %d ms, the commit took %d ms", updated,
                (buffered - started) / 1_000_000, (System.nanoTime() - buffered) / 1_000_000);
    }

    /** A step that writes to the index: an I/O failure there is not the record's fault. */
    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A term tells one event from another when it is rare in the reference collection and, around the
     * article's publication (± story.max-gap), few indexed articles use it: a name in every other
     * headline of the week (a big company's, say) names a theme, not an event.
     */
    private boolean isDistinctive(BytesRef term, long published) {
        if (vectors.idf(term) < story.minDistinctiveIdf()) {
            return false;
        }
        long gap = story.maxGap().toSeconds();
        int count = 0;
        for (Posting posting : pendingByTerm.getOrDefault(term, List.of())) {
            IndexedArticle other = posting.article();
            if (other.live && Math.abs(other.published - published) <= gap && pending.containsKey(other)) {
                count++;
            }
        }
        if (count > story.maxTermArticles()) {
            return false;
        }
        int allowed = story.maxTermArticles() - count;
        return window.count(store.reader(), term, published - gap, published + gap, allowed + 1) <= allowed;
    }

    /**
     * Indexes {@code event}, keeping {@code json} as its stored form: the record it was read from (its UTF-8:
     * {@code Json.readEvent(json, 0, json.length)} is {@code event}), so that it is not written out again.
     */
    public Outcome add(ArticleEvent event, byte[] json) {
        LookAhead.Search ahead = lookAhead.take(event);
        Outcome known = alreadyKnown(event);
        if (known != null) {
            return known;
        }
        IndexedArticle existing = byId.get(event.articleId());
        long cutoff = cutoff();
        Outcome outcome = outcomeOf(event.article(), cutoff);
        String id = event.articleId();
        if (outcome == Outcome.RETRACTED) {
            retracted.put(id, event.version());
            write(() -> store.writer().updateDocument(new Term(ArticleDocuments.RETRACTED, id),
                    ArticleDocuments.tombstone(id, event.version())));
        } else if (retracted.remove(id) != null) {
            write(() -> store.writer().deleteDocuments(new Term(ArticleDocuments.RETRACTED, id)));
        }
        if (existing != null) {
            // who listed it, and its story's other members: readers may know their story by any name it had
            List<IndexedArticle> neighbours = new ArrayList<>(existing.linkedFrom());
            for (StoryCluster part : remove(existing)) {
                neighbours.addAll(part.members());
            }
            List<IndexedArticle> distinct = List.copyOf(new LinkedHashSet<>(neighbours));
            formerNeighbours.put(id, distinct);
            write(() -> store.writer().updateDocument(new Term(ArticleDocuments.FORMER, id), ArticleDocuments.former(id, distinct)));
        }
        if (outcome == Outcome.INDEXED) {
            insert(event, json, ahead);
        }
        evictBefore(cutoff);
        return outcome;
    }

    /**
     * What {@link #add} answers at once, doing nothing: this version or a newer one is indexed or retracted
     * already. Null for a version that is new.
     */
    private Outcome alreadyKnown(ArticleEvent event) {
        IndexedArticle existing = byId.get(event.articleId());
        if (existing != null && existing.version >= event.version()) {
            return Outcome.ALREADY_INDEXED;
        }
        Long retractedVersion = retracted.get(event.articleId());
        if (retractedVersion != null && retractedVersion >= event.version()) {
            return retractedVersion == event.version() ? Outcome.RETRACTED : Outcome.ALREADY_INDEXED;
        }
        return null;
    }

    /** What {@link #add} does with a new version of an article, published before {@code cutoff} or not. */
    private static Outcome outcomeOf(Article article, long cutoff) {
        // a retracted article ("published: false", as article-service reads it) is no longer coverage
        return !article.isLive() ? Outcome.RETRACTED
                : article.publishedDateTime() == null ? Outcome.NOT_INDEXABLE
                : article.publishedDateTime().getEpochSecond() < cutoff ? Outcome.OUTSIDE_RETENTION : Outcome.INDEXED;
    }

    public int size() {
        return byId.size();
    }

    public boolean contains(String id) {
        return byId.get(id) != null;
    }

    Optional<IndexedArticle> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The article's latest indexed version, as ingested. */
    ArticleEvent eventOf(IndexedArticle article) {
        ArticleEvent event = eventAtHand(article);
        if (event == null) {
            BytesRef stored = stored(article, ArticleDocuments.EVENT);
            event = Json.readEvent(stored.bytes, stored.offset, stored.length);
            events.put(article, event);
        }
        return event;
    }

    /** The article's event when it needs no reading: it is pending, or was read lately; else null. */
    private ArticleEvent eventAtHand(IndexedArticle article) {
        Pending p = pending.get(article);
        return p != null ? p.event() : events.get(article);
    }

    private record Located(LeafReaderContext leaf, int doc) {
    }

    /**
     * The entry the article's latest indexed version makes in another article's related list: kept from its
     * indexing while the cache holds it, else made from its event when that is at hand, else read back from its
     * document's own stored entry (parsing the whole event for it was a third of the listener's time on the
     * bench stack, BENCHMARKS.md "twelfth pass").
     */
    RelatedArticle summaryOf(IndexedArticle article) {
        RelatedArticle summary = summaries.get(article);
        if (summary == null) {
            ArticleEvent event = eventAtHand(article);
            summary = event != null ? RelatedArticle.of(event.article())
                    : summaryFromIndex(article);
            summaries.put(article, summary);
        }
        return summary;
    }

    /**
     * The summary of a visible article's document (its JSON as UTF-8 bytes, a doc value), parsed from the bytes:
     * decoding them into a string first was a tenth of what the listener allocated (BENCHMARKS.md,
     * "twenty-third pass").
     */
    private RelatedArticle summaryFromIndex(IndexedArticle article) {
        Located at = locate(article);
        try {
            BytesRef json = summaryColumn.value(at.leaf.reader(), at.doc);
            return Json.read(json.bytes, json.offset, json.length, RelatedArticle.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One stored field (UTF-8 bytes) of a visible article's document. */
    private BytesRef stored(IndexedArticle article, String field) {
        Located at = locate(article);
        try {
            return at.leaf.reader().storedFields().document(at.doc, Set.of(field)).getBinaryValue(field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where a visible (not pending) article's document is: in each segment, among the documents of its
     * publication time (one doc-id range, the index being sorted by it), the live one that is this article.
     * No query: a term look-up of its id in every segment cost a quarter of ranking's time in the stack.
     */
    private Located locate(IndexedArticle article) {
        try {
            for (LeafReaderContext leaf : store.reader().leaves()) {
                LeafReader segment = leaf.reader();
                IndexedArticle[] articles = articlesBySegment.of(segment);
                Bits live = segment.getLiveDocs();
                for (int doc = window.firstPublishedAt(segment, article.published), end = window.firstPublishedAfter(
                        segment, article.published); doc < end; doc++) {
                    if (articles[doc] == article && (live == null || live.get(doc))) {
                        return new Located(leaf, doc);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("article " + article + " is missing from the index");
    }

    /** The article's profile with its terms (which its own look-up needs), cached or read from the index. */
    private ArticleProfile profileOf(IndexedArticle article) {
        Pending p = pending.get(article);
        if (p != null) {
            return p.profile();
        }
        ArticleProfile cached = profiles.get(article);
        if (cached != null && cached.vector().hasTerms()) { // else read as a candidate: read it again, whole
            return cached;
        }
        Located at = locate(article);
        try {
            ArticleProfile profile = ArticleDocuments.profile(profileColumn.value(at.leaf.reader(), at.doc),
                    article.published, true, sharedStrings);
            profiles.put(article, profile);
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The article's computed related links, best first, at most k. */
    List<Neighbour> relatedOf(IndexedArticle article) {
        if (article.relatedStale) {
            recomputeRelated(article);
        }
        return article.related();
    }

    /** The article's connected component in the same-event graph (itself included), walked from it. */
    private static List<IndexedArticle> componentOf(IndexedArticle article) {
        return StoryCluster.componentOf(article, other -> true);
    }

    /**
     * The existing articles whose computed related lists hold {@code article}, each with its score for it,
     * best linked first, at most {@code related.fan-out}: its backlinks. An article past the bound still
     * lists it in the index, and says so in its own next ranking.
     */
    List<Neighbour> backlinksOf(IndexedArticle article) {
        return article.linkedFrom().stream()
                .map(holder -> new Neighbour(holder, holder.relatedScoreOf(article)))
                .sorted(Neighbour.BEST_FIRST)
                .limit(related.fanOut())
                .toList();
    }

    /**
     * The live articles that listed, or shared a story with, the version of {@code id} that a newer
     * version or a retraction replaced (also after a restart: the note is kept in the index). Their own
     * related lists are recomputed without it, and their stories may have shrunk or split.
     */
    List<IndexedArticle> formerNeighboursOf(String id) {
        return formerNeighbours.getOrDefault(id, List.of()).stream().filter(a -> a.live).toList();
    }

    /** True when an older version of {@code id} was replaced or retracted (its former neighbours are known). */
    boolean replacedBefore(String id) {
        return formerNeighbours.containsKey(id);
    }

    private void insert(ArticleEvent event, byte[] json, LookAhead.Search ahead) {
        Article a = event.article();
        ArticleProfile profile = ahead != null ? ahead.profile : analysed(a);
        IndexedArticle article = new IndexedArticle(nextOrd++, event.articleId(), event.version(), profile.published(),
                IndexedArticle.qualityOf(a), shared(IndexedArticle.providersOf(a, event.articleId())));
        register(article);
        StoryCluster.of(List.of(article));
        RelatedArticle summary = RelatedArticle.of(a);
        summaries.put(article, summary); // made once: stored with the document, and asked for as soon as it is ranked
        write(() -> store.writer().addDocument(ArticleDocuments.article(article, profile, json, summary)));
        int slot = pendingSlotsUsed++;
        if (slot == pendingSlots.length) {
            pendingSlots = Arrays.copyOf(pendingSlots, slot * 2);
            partialScores = Arrays.copyOf(partialScores, slot * 2);
        }
        Pending added = new Pending(article, event, profile, slot);
        pending.put(article, added);
        pendingSlots[slot] = added;
        TermVector vector = profile.vector();
        for (int i = 0; i < vector.size(); i++) {
            pendingByTerm.computeIfAbsent(vector.terms()[i], t -> new ArrayList<>())
                    .add(new Posting(added, TimeWindowSearch.indexed(vector.weights()[i])));
        }
        dirty.add(article);
        // whether a term is distinctive around this article's time: the same for every candidate, so asked once
        // (a get and a put, not computeIfAbsent: its function, capturing the article, was made at every test, some 4 %
        // of all that ranking-service allocated)
        Map<BytesRef, Boolean> distinctive = new HashMap<>();
        Predicate<BytesRef> isDistinctive = term -> {
            Boolean known = distinctive.get(term);
            if (known == null) {
                known = isDistinctive(term, article.published);
                distinctive.put(term, known);
            }
            return known;
        };
        for (Candidate candidate : candidatesOf(article, profile, ahead)) {
            IndexedArticle other = candidate.article;
            if (scorer.sameStory(profile, candidate.profile, candidate.text, isDistinctive)) {
                article.addSameStory(other);
                other.addSameStory(article);
                StoryCluster before = article.story;
                boolean joinsAnother = other.story != before
                        && (before.size() > 1 || IndexedArticle.PUBLICATION_ORDER.compare(article, other.story.first()) < 0);
                StoryCluster.join(article, other);
                article.renamedAStory |= joinsAnother;
                dirty.add(other);
            }
            double score = scorer.score(profile, candidate.profile, candidate.text);
            if (scorer.isRelated(score)) {
                offer(article, other, score);
                if (other.relatedStale) {
                    recomputeRelated(other);
                } else {
                    offer(other, article, score);
                }
            }
        }
        article.namedItsStory = article.story.first() == article;
        if (pending.size() >= PENDING_LIMIT) {
            refresh();
        }
    }

    /**
     * Starts the index searches of articles about to be {@link #add}ed, in that order, on a helper thread
     * ({@link LookAhead}): while one article is indexed, the next ones' candidates are looked up in the index.
     * Only the articles {@link #add} will index are searched; an article added without being expected, or after
     * the reader changed, is searched when added. The searches count the pending articles as of this call where
     * a search counts the articles in its window that are not in the index yet ({@link TimeWindowSearch#best}).
     */
    public void expect(List<ArticleEvent> events) {
        if (store.reader().numDocs() == 0) {
            lookAhead.expect(List.of()); // nothing to search
            return;
        }
        long cutoff = cutoff();
        List<LookAhead.Search> searches = new ArrayList<>(events.size());
        for (ArticleEvent event : events) {
            if (alreadyKnown(event) == null && outcomeOf(event.article(), cutoff) == Outcome.INDEXED) { // as add decides
                try {
                    ArticleProfile profile = analysed(event.article());
                    if (profile.vector().size() > 0) {
                        searches.add(searchOf(event, profile));
                    }
                } catch (RuntimeException e) {
                    LOG.debugf(e, "%s not searched ahead: its add will tell", event.articleId());
                }
            }
        }
        lookAhead.expect(searches);
    }

    private ArticleProfile analysed(Article article) {
        return ArticleProfile.of(article, vectors.of(article));
    }

    /**
     * The look-up of an article's candidates in the index: among those published within the neighbourhood of its
     * own time, by its weightiest terms, counting the pending articles in the window as the index's own.
     */
    private LookAhead.Search searchOf(ArticleEvent event, ArticleProfile profile) {
        TermVector vector = profile.vector();
        long published = profile.published();
        long from = published - neighbourhoodSeconds;
        long to = published + neighbourhoodSeconds;
        int[] queryTerms = weightiestTerms(vector.weights(), settings.queryTerms());
        BytesRef[] terms = new BytesRef[queryTerms.length];
        float[] weights = new float[queryTerms.length];
        for (int q = 0; q < queryTerms.length; q++) {
            terms[q] = vector.terms()[queryTerms[q]];
            weights[q] = vector.weights()[queryTerms[q]];
        }
        // the pending articles with each term in the window, counted where the index is read
        int[] pendingInWindow = new int[terms.length];
        for (int q = 0; q < terms.length; q++) {
            for (Posting posting : pendingByTerm.getOrDefault(terms[q], List.of())) {
                if (posting.article().published >= from && posting.article().published <= to) {
                    pendingInWindow[q]++;
                }
            }
        }
        return new LookAhead.Search(event, profile, store.reader(), terms, weights, pendingInWindow, from, published, to,
                settings.candidates() + 1); // + 1: itself
    }

    /** Makes the pending articles visible to searches; their events move to the cache. */
    private void refresh() {
        List<LookAhead.Search> notTaken = lookAhead.quiesce();
        store.refresh();
        window.refreshed(store.reader());
        lookAhead.refreshed(store.reader());
        articlesBySegment.retain(store.reader());
        profileColumn.retain(store.reader());
        summaryColumn.retain(store.reader());
        pending.forEach((article, p) -> {
            events.put(article, p.event());
            profiles.put(article, p.profile());
        });
        clearPending();
        if (!notTaken.isEmpty()) { // searched again on the new reader, which holds what was pending
            lookAhead.expect(notTaken.stream().map(s -> searchOf(s.event, s.profile)).toList());
        }
    }

    private void clearPending() {
        pending.clear();
        pendingByTerm.clear();
        Arrays.fill(pendingSlots, 0, pendingSlotsUsed, null);
        pendingSlotsUsed = 0;
    }

    private void recomputeRelated(IndexedArticle article) {
        for (int i = 0; i < article.relatedCount(); i++) {
            article.relatedArticle(i).removeLinkedFrom(article);
        }
        article.clearRelated();
        article.relatedStale = false;
        dirty.add(article);
        ArticleProfile profile = profileOf(article);
        for (Candidate candidate : candidatesOf(article, profile, null)) {
            double score = scorer.score(profile, candidate.profile, candidate.text);
            if (scorer.isRelated(score)) {
                offer(article, candidate.article, score);
            }
        }
    }

    /** Puts {@code other} into {@code holder}'s top k if it belongs there. */
    private void offer(IndexedArticle holder, IndexedArticle other, double score) {
        int count = holder.relatedCount();
        // most offers lose to a full list's last: that one comparison, before reading the whole list
        if (count >= related.k()
                && Neighbour.bestFirst(score, other, holder.relatedScore(count - 1), holder.relatedArticle(count - 1)) >= 0) {
            return;
        }
        if (holder.lists(other)) {
            return;
        }
        IndexedArticle pushedOut = holder.insertRelated(other, score, related.k());
        if (pushedOut != null) {
            pushedOut.removeLinkedFrom(holder);
        }
        other.addLinkedFrom(holder);
        dirty.add(holder);
    }

    private record Candidate(IndexedArticle article, ArticleProfile profile, double text) {
    }

    /**
     * An article a look-up found, by its partial score, and where its profile is: the pending article's own
     * ({@code pendingProfile}), or the document {@code doc} of the segment {@code leaf}.
     */
    private record Hit(IndexedArticle article, float partial, ArticleProfile pendingProfile, LeafReaderContext leaf, int doc) {
        static final Comparator<Hit> BY_ID = Comparator.comparing(Hit::article, IndexedArticle.ID_ORDER);
    }

    /**
     * The articles published within the neighbourhood that share the article's weightiest terms: from the
     * index, the best {@code candidates} by the dot product over those terms (Lucene's linear feature
     * queries) and among the pending articles (the same dot product, computed here), the best of both by it;
     * only those are read and scored in full (the cosine), not the hits the selection drops.
     */
    private List<Candidate> candidatesOf(IndexedArticle article, ArticleProfile profile, LookAhead.Search ahead) {
        TermVector vector = profile.vector();
        if (vector.size() == 0) {
            return List.of();
        }
        LookAhead.Search search = ahead != null && ahead.reader == store.reader() ? ahead : searchOf(null, profile);
        BytesRef[] terms = search.terms;
        float[] weights = search.weights;
        List<Hit> hits = new ArrayList<>();
        long[] spanFrom;
        long[] spanTo;
        TimeWindowSearch.Found found = null;
        if (search.reader.numDocs() > 0) {
            found = search == ahead ? lookAhead.resultOf(ahead, window) : null;
            if (found == null) {
                found = search.run(window); // not expected, or its search ahead was dropped or failed
            }
        }
        if (found != null) {
            hits.addAll(fromIndex(article, found.hits()));
            spanFrom = found.spanFrom();
            spanTo = found.spanTo();
        } else {
            spanFrom = new long[terms.length];
            spanTo = new long[terms.length];
            Arrays.fill(spanFrom, search.from);
            Arrays.fill(spanTo, search.to);
        }
        // the pending articles as the index would score them: the dot product over the query terms, each
        // term over the same part of the window as in the index; summed by slot as the index's are by doc (a
        // product is > 0, as there: every weight is), then taken in the order they came
        int[] touched = new int[pendingSlotsUsed];
        int count = 0;
        for (int q = 0; q < terms.length; q++) {
            if (weights[q] <= 0) {
                continue;
            }
            for (Posting posting : pendingByTerm.getOrDefault(terms[q], List.of())) {
                IndexedArticle other = posting.article();
                if (other != article && other.live && other.published >= spanFrom[q] && other.published <= spanTo[q]) {
                    int slot = posting.pending().slot();
                    if (partialScores[slot] == 0) {
                        touched[count++] = slot;
                    }
                    partialScores[slot] += weights[q] * posting.weight();
                }
            }
        }
        Arrays.sort(touched, 0, count);
        List<Hit> fromPending = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Pending p = pendingSlots[touched[k]];
            fromPending.add(new Hit(p.article(), partialScores[touched[k]], p.profile(), null, -1));
            partialScores[touched[k]] = 0;
        }
        hits.addAll(BestFirst.top(fromPending, settings.candidates(), Hit::partial, Hit.BY_ID));
        return scored(BestFirst.top(hits, settings.candidates(), Hit::partial, Hit.BY_ID), vector.probe());
    }

    /** The index's hits in doc order, without the article itself and those that left; the best {@code candidates}. */
    private List<Hit> fromIndex(IndexedArticle article, ScoreDoc[] hits) {
        try {
            // the hits in doc order, sorted as packed longs (the doc, then the hit's index)
            long[] byDoc = new long[hits.length];
            for (int i = 0; i < hits.length; i++) {
                byDoc[i] = (long) hits[i].doc << 32 | i;
            }
            Arrays.sort(byDoc);
            List<LeafReaderContext> leaves = store.reader().leaves();
            List<Hit> found = new ArrayList<>(hits.length);
            int s = -1; // the segment of the hit (the hits ascend by doc id, the segments by doc base)
            LeafReaderContext leaf = null;
            IndexedArticle[] articles = null;
            for (long packed : byDoc) {
                ScoreDoc hit = hits[(int) packed];
                if (leaf == null || hit.doc >= leaf.docBase + leaf.reader().maxDoc()) {
                    do {
                        leaf = leaves.get(++s);
                    } while (hit.doc >= leaf.docBase + leaf.reader().maxDoc());
                    articles = articlesBySegment.of(leaf.reader());
                }
                int doc = hit.doc - leaf.docBase;
                IndexedArticle other = articles[doc];
                if (other == null || other == article || !other.live) {
                    continue; // itself, or left the index since the reader was refreshed
                }
                found.add(new Hit(other, hit.score, null, leaf, doc));
            }
            return BestFirst.top(found, settings.candidates(), Hit::partial, Hit.BY_ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The chosen hits, in their order, each with its profile and its cosine with the article's vector. A
     * profile neither pending nor cached is read from its segment, in doc order (a column reads forward
     * only); a candidate is scored by its weights and keys: its terms are left in the index.
     */
    private List<Candidate> scored(List<Hit> chosen, TermVector.Probe probe) {
        ArticleProfile[] chosenProfiles = new ArticleProfile[chosen.size()];
        long[] toRead = new long[chosen.size()]; // the global doc, then the index in chosen
        int reads = 0;
        for (int i = 0; i < chosen.size(); i++) {
            Hit hit = chosen.get(i);
            chosenProfiles[i] = hit.pendingProfile() != null ? hit.pendingProfile() : profiles.get(hit.article());
            if (chosenProfiles[i] == null) {
                toRead[reads++] = (long) (hit.leaf().docBase + hit.doc()) << 32 | i;
            }
        }
        Arrays.sort(toRead, 0, reads);
        try {
            for (int k = 0; k < reads; k++) {
                int i = (int) toRead[k];
                Hit hit = chosen.get(i);
                chosenProfiles[i] = ArticleDocuments.profile(profileColumn.value(hit.leaf().reader(), hit.doc()),
                        hit.article().published, false, sharedStrings);
                profiles.put(hit.article(), chosenProfiles[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Candidate> candidates = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            candidates.add(new Candidate(chosen.get(i).article(), chosenProfiles[i], probe.cosine(chosenProfiles[i].vector())));
        }
        return candidates;
    }

    /**
     * The articles of a segment by doc id, read once per segment (its ords never change): an article that
     * left the index since is still there, no longer {@code live}.
     */
    private IndexedArticle[] articlesOf(LeafReader segment) throws IOException {
        IndexedArticle[] articles = new IndexedArticle[segment.maxDoc()];
        NumericDocValues ords = DocValues.getNumeric(segment, ArticleDocuments.ORD);
        for (int doc = ords.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ords.nextDoc()) {
            articles[doc] = byOrd.get(ords.longValue());
        }
        return articles;
    }

    private static int[] weightiestTerms(float[] weights, int limit) {
        int n = weights.length;
        if (n <= limit) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> weights[x] != weights[y] ? Float.compare(weights[y], weights[x]) : x - y);
        int[] top = new int[limit];
        for (int i = 0; i < limit; i++) {
            top[i] = order[i];
        }
        return top;
    }

    /**
     * Takes the article out of the index and its graphs. Its story, without it, may fall apart: the
     * parts are stories of their own again.
     *
     * @return the stories its story's other members are in now
     */
    private List<StoryCluster> remove(IndexedArticle article) {
        article.live = false;
        byId.remove(article);
        byOrd.remove(article.ord);
        Pending left = pending.remove(article);
        if (left != null) {
            pendingSlots[left.slot()] = null;
        }
        events.remove(article);
        summaries.remove(article);
        profiles.remove(article);
        dirty.remove(article);
        write(() -> store.writer().deleteDocuments(ArticleDocuments.idTerm(article.id())));
        List<IndexedArticle> sameStory = article.sameStory();
        for (IndexedArticle other : sameStory) {
            other.removeSameStory(article);
            dirty.add(other);
        }
        for (int i = 0; i < article.relatedCount(); i++) {
            article.relatedArticle(i).removeLinkedFrom(article);
        }
        for (IndexedArticle holder : article.linkedFrom()) {
            holder.removeRelated(article);
            holder.relatedStale = true;
            dirty.add(holder);
        }
        List<StoryCluster> parts = new ArrayList<>();
        Set<IndexedArticle> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (IndexedArticle other : sameStory) {
            if (!placed.contains(other)) {
                StoryCluster part = StoryCluster.of(componentOf(other));
                placed.addAll(part.members());
                parts.add(part);
            }
        }
        article.story = null;
        article.clearSameStory();
        article.clearRelated();
        article.clearLinkedFrom();
        return parts;
    }

    /** Epoch second before which articles are not kept: the news clock's now less the retention. */
    private long cutoff() {
        return clock.now().getEpochSecond() - retentionSeconds;
    }

    /**
     * Retention goes by publication time alone: the oldest articles leave first. They are found where the
     * index keeps them by time (each segment's articles published in [{@link #oldestPublishedBound}, cutoff)
     * are one doc-id range) and among the pending articles, not in an ordered set on the heap (some 40
     * bytes per article).
     */
    private void evictBefore(long cutoff) {
        if (cutoff <= oldestPublishedBound) {
            return;
        }
        List<IndexedArticle> leaving = new ArrayList<>();
        try {
            for (LeafReaderContext leaf : store.reader().leaves()) {
                LeafReader segment = leaf.reader();
                IndexedArticle[] articles = articlesBySegment.of(segment);
                for (int doc = window.firstPublishedAt(segment, oldestPublishedBound), end = window.firstPublishedAt(segment,
                        cutoff); doc < end; doc++) {
                    if (articles[doc] != null && articles[doc].live) {
                        leaving.add(articles[doc]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (IndexedArticle article : pending.keySet()) {
            if (article.published < cutoff) {
                leaving.add(article);
            }
        }
        leaving.sort(IndexedArticle.PUBLICATION_ORDER);
        leaving.forEach(this::remove);
        oldestPublishedBound = cutoff;
    }

    /** Closes the index without committing (what was not committed is replayed at the next start). */
    @Override
    public void close() {
        lookAhead.close();
        close(store);
        try {
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(IndexStore store) {
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
