package dev.newsroom.ranking.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One indexed article in the {@link CorpusIndex}'s graph, kept on the heap: its identity and its place in
 * the related and story graphs, nothing more. The article itself (its event, its term vector) stays in the
 * Lucene index on disk, found by {@link #ord}. Mutable, owned by the index (which serialises access).
 */
final class IndexedArticle {

    /** Publication order, ties broken by id: the order of eviction and of story naming. */
    static final Comparator<IndexedArticle> PUBLICATION_ORDER = (a, b) -> a.published != b.published
            ? Long.compare(a.published, b.published) : a.id.compareTo(b.id);

    /** The index's number for this version of the article (never reused), its key in the Lucene document. */
    final long ord;
    final String id;
    final long version;
    /** Seconds since the epoch. */
    final long published;

    boolean live = true;
    /** The computed related links, best first, at most k: the top k of every candidate ever compared with it. */
    final List<Neighbour> related = new ArrayList<>();
    /** Articles whose {@link #related} list holds this one. */
    final List<IndexedArticle> linkedFrom = new ArrayList<>();
    /** Articles about the same event (an edge of the story graph), both ways. */
    final List<IndexedArticle> sameStory = new ArrayList<>();
    /** Set when a neighbour left the index: {@link #related} must be recomputed before it is read. */
    boolean relatedStale;

    IndexedArticle(long ord, String id, long version, long published) {
        this.ord = ord;
        this.id = id;
        this.version = version;
        this.published = published;
    }

    /**
     * A computed related link held by an article. The best come first by their published score (rounded to
     * four decimals, as {@code RelatedLink} and {@code Backlink} carry it), ties by id: so a reader that
     * picks the best k of the links and backlinks it was given picks the same ones as the index.
     */
    record Neighbour(IndexedArticle article, double score) {

        static final Comparator<Neighbour> BEST_FIRST = Comparator.comparingDouble((Neighbour n) -> published(n.score))
                .reversed().thenComparing(n -> n.article.id);

        /** A score as published: rounded to four decimals. */
        static double published(double score) {
            return Math.round(score * 10_000) / 10_000.0;
        }
    }

    @Override
    public String toString() {
        return id + "#" + ord;
    }
}
