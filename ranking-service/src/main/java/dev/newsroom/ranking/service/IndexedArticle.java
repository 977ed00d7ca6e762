package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.RelatedArticle;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.ArrayUtil;

/**
 * One indexed article in the {@link CorpusIndex}'s graph, kept on the heap: its identity and its place in
 * the related and story graphs, and the little its story's facts need of it (quality, providers). The
 * article itself (its event, its term vector) stays in the Lucene index on disk, found by {@link #ord}. Mutable, owned by the index (which serialises access).
 */
final class IndexedArticle {

    private static final IndexedArticle[] NONE = new IndexedArticle[0];

    /** Ascending by id, as the ids' strings compare, without making them. */
    static final Comparator<IndexedArticle> ID_ORDER = (a, b) -> a.otherId == null && b.otherId == null
            ? Long.compareUnsigned(a.idBits, b.idBits) : a.id().compareTo(b.id());

    /** Publication order, ties broken by id: the order of eviction and of story naming. */
    static final Comparator<IndexedArticle> PUBLICATION_ORDER = (a, b) -> a.published != b.published
            ? Long.compare(a.published, b.published) : ID_ORDER.compare(a, b);

    /** The index's number for this version of the article (never reused), its key in the Lucene document. */
    final long ord;
    /**
     * The id's 64 bits ({@link ArticleId#toBits}) when it is an {@link ArticleId} (every id ingest gives), else 0.
     * Not a string: a string and its bytes are two objects and 56 bytes per article, for a full collection to
     * mark and move.
     */
    final long idBits;
    /** The id when it is not an {@link ArticleId} (a record that did not come through ingest), else null. */
    final String otherId;
    final long version;
    /** Seconds since the epoch. */
    final long published;
    /** The article's quality, -1 when it has none (the story's lead is its member of highest quality). */
    final int quality;
    /**
     * Its provider's domain and those of its editorial links, lower case, distinct: its story's coverage.
     * Interned: a hundred thousand articles name a few hundred providers. Never written to: the articles that
     * name one provider alone share its array ({@link CorpusIndex}).
     */
    final String[] providers;

    boolean live = true;
    /**
     * The computed related links, best first, at most k: the top k of every candidate ever compared with it.
     * Two arrays side by side, not a list of {@link Neighbour}s (about 90 bytes less per article with five
     * links), made at the first link with room for k.
     */
    private IndexedArticle[] relatedArticles;
    private double[] relatedScores;
    private int relatedCount;
    /**
     * Articles whose related list holds this one, in the order they listed it: an array and its count, not a
     * list (a list's own object is 24 bytes more per article), growing by an eighth.
     */
    private IndexedArticle[] linkedFrom = NONE;
    private int linkedFromCount;
    /**
     * Articles about the same event (an edge of the story graph), both ways: an array and its count, as
     * {@link #linkedFrom}. Most articles have none: the shared empty array until the first edge ({@link #addSameStory}).
     */
    private IndexedArticle[] sameStory = NONE;
    private int sameStoryCount;
    /** Set when a neighbour left the index: its related list must be recomputed before it is read. */
    boolean relatedStale;
    /** The story it is in (a story of its own when it has no same-story edge). */
    StoryCluster story;
    /**
     * Set when its arrival renamed a story (it joined two stories, or an existing story as its earliest
     * member): ranking it then works out which names the story had. Kept with the graph ({@link ArticleDocuments#graph}).
     */
    boolean renamedAStory;
    /** Set when it was its story's earliest member as it arrived: rankings may have named the story after it. */
    boolean namedItsStory;
    /** Its profile decoded from the index, while the {@link CorpusIndex}'s {@link FieldCache} of them keeps it. */
    ArticleProfile profile;
    /** Its entry in related lists, while the {@link CorpusIndex}'s {@link FieldCache} of them keeps it. */
    RelatedArticle summary;

    IndexedArticle(long ord, String id, long version, long published, int quality, String[] providers) {
        this.ord = ord;
        boolean articleId = ArticleId.isWellFormed(id);
        this.idBits = articleId ? ArticleId.toBits(id) : 0;
        this.otherId = articleId ? null : id;
        this.version = version;
        this.published = published;
        this.quality = quality;
        this.providers = providers;
    }

    /** Its id (made anew at each call when it is an {@link ArticleId}). */
    String id() {
        return otherId != null ? otherId : ArticleId.fromBits(idBits);
    }

    /** How many computed related links it has. */
    int relatedCount() {
        return relatedCount;
    }

    /** Its {@code i}th computed related link, best first. */
    IndexedArticle relatedArticle(int i) {
        return relatedArticles[i];
    }

    /** The score of its {@code i}th computed related link. */
    double relatedScore(int i) {
        return relatedScores[i];
    }

    /** Its computed related links, best first. */
    List<Neighbour> related() {
        Neighbour[] related = new Neighbour[relatedCount];
        for (int i = 0; i < relatedCount; i++) {
            related[i] = new Neighbour(relatedArticles[i], relatedScores[i]);
        }
        return List.of(related);
    }

    /** The score {@code linked} has in its related list, or 0 when it is not there. */
    double relatedScoreOf(IndexedArticle linked) {
        int at = relatedIndexOf(linked);
        return at < 0 ? 0 : relatedScores[at];
    }

    /** True when its related list holds {@code other}. */
    boolean lists(IndexedArticle other) {
        return relatedIndexOf(other) >= 0;
    }

    private int relatedIndexOf(IndexedArticle other) {
        for (int i = 0; i < relatedCount; i++) {
            if (relatedArticles[i] == other) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Puts {@code other} into its related list at its place, best first ({@link Neighbour#BEST_FIRST}), the
     * list holding at most {@code limit} (k, the same at every call: the arrays are made with room for it):
     * the link that it pushed out of a full list, or null.
     */
    IndexedArticle insertRelated(IndexedArticle other, double score, int limit) {
        if (relatedArticles == null) {
            relatedArticles = new IndexedArticle[limit];
            relatedScores = new double[limit];
        }
        IndexedArticle pushedOut = null;
        if (relatedCount == relatedArticles.length) {
            pushedOut = relatedArticles[--relatedCount];
        }
        int at = relatedCount;
        while (at > 0 && Neighbour.bestFirst(relatedScores[at - 1], relatedArticles[at - 1], score, other) > 0) {
            relatedArticles[at] = relatedArticles[at - 1];
            relatedScores[at] = relatedScores[at - 1];
            at--;
        }
        relatedArticles[at] = other;
        relatedScores[at] = score;
        relatedCount++;
        return pushedOut;
    }

    /** Takes {@code other} out of its related list, when it is there. */
    void removeRelated(IndexedArticle other) {
        int at = relatedIndexOf(other);
        if (at >= 0) {
            System.arraycopy(relatedArticles, at + 1, relatedArticles, at, relatedCount - at - 1);
            System.arraycopy(relatedScores, at + 1, relatedScores, at, relatedCount - at - 1);
            relatedArticles[--relatedCount] = null;
        }
    }

    /** Empties its related list. */
    void clearRelated() {
        relatedArticles = null;
        relatedScores = null;
        relatedCount = 0;
    }

    /** Records that {@code holder}'s related list holds this article. */
    void addLinkedFrom(IndexedArticle holder) {
        if (linkedFromCount == linkedFrom.length) {
            linkedFrom = ArrayUtil.grow(linkedFrom, linkedFromCount + 1);
        }
        linkedFrom[linkedFromCount++] = holder;
    }

    /** Records that {@code holder}'s related list no longer holds this article. */
    void removeLinkedFrom(IndexedArticle holder) {
        for (int i = 0; i < linkedFromCount; i++) {
            if (linkedFrom[i] == holder) {
                System.arraycopy(linkedFrom, i + 1, linkedFrom, i, linkedFromCount - i - 1);
                linkedFrom[--linkedFromCount] = null;
                return;
            }
        }
    }

    /** The articles whose related list holds this one (a copy). */
    List<IndexedArticle> linkedFrom() {
        return List.of(Arrays.copyOf(linkedFrom, linkedFromCount));
    }

    /** Forgets who lists it. */
    void clearLinkedFrom() {
        linkedFrom = NONE;
        linkedFromCount = 0;
    }

    /** How many same-story edges it has. */
    int sameStoryCount() {
        return sameStoryCount;
    }

    /** The other end of its {@code i}th same-story edge, in the order they were added. */
    IndexedArticle sameStory(int i) {
        return sameStory[i];
    }

    /** The other ends of its same-story edges (a copy). */
    List<IndexedArticle> sameStory() {
        return List.of(Arrays.copyOf(sameStory, sameStoryCount));
    }

    /** Adds a same-story edge to {@code other} (this side only). */
    void addSameStory(IndexedArticle other) {
        if (sameStoryCount == sameStory.length) {
            sameStory = ArrayUtil.grow(sameStory, sameStoryCount + 1);
        }
        sameStory[sameStoryCount++] = other;
    }

    /** Takes away the same-story edge to {@code other} (this side only). */
    void removeSameStory(IndexedArticle other) {
        for (int i = 0; i < sameStoryCount; i++) {
            if (sameStory[i] == other) {
                System.arraycopy(sameStory, i + 1, sameStory, i, sameStoryCount - i - 1);
                sameStory[--sameStoryCount] = null;
                return;
            }
        }
    }

    /** Takes away all its same-story edges (this side only). */
    void clearSameStory() {
        sameStory = NONE;
        sameStoryCount = 0;
    }

    /** The article's quality as {@link #quality} keeps it. */
    static int qualityOf(Article article) {
        return article.quality() == null ? -1 : article.quality();
    }

    /**
     * The article's provider and those of its editorial links: the publisher says they cover the same story. An
     * entry naming the article itself ({@code id}) is no coverage and is left out, as {@code Ranker} leaves it out
     * of the related links (ingest drops such entries, but records written before it did, or by another producer,
     * may hold them).
     */
    static String[] providersOf(Article article, String id) {
        Set<String> providers = new LinkedHashSet<>();
        String own = article.provider() == null ? null : article.provider().domainKey();
        if (own != null) {
            providers.add(own.intern());
        }
        for (RelatedArticle r : article.related()) {
            String provider = r.provider() == null ? null : r.provider().domainKey();
            if (provider != null && !providers.contains(provider) && !namesItself(r, id)) { // the id only when it matters
                providers.add(provider.intern());
            }
        }
        return providers.toArray(String[]::new);
    }

    /** Whether the related entry's URL is that of the article {@code id}. */
    static boolean namesItself(RelatedArticle entry, String id) {
        return ArticleId.of(entry).map(id::equals).orElse(false);
    }

    /** A computed related link held by an article. */
    record Neighbour(IndexedArticle article, double score) {

        /** Best first: the higher score, then the smaller id. */
        static final Comparator<Neighbour> BEST_FIRST = (a, b) -> bestFirst(a.score, a.article, b.score, b.article);

        static int bestFirst(double scoreA, IndexedArticle a, double scoreB, IndexedArticle b) {
            int byScore = Double.compare(scoreB, scoreA);
            return byScore != 0 ? byScore : ID_ORDER.compare(a, b);
        }
    }

    @Override
    public String toString() {
        return id() + "#" + ord;
    }
}
