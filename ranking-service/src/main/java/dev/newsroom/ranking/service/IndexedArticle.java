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

    /** A computed related link held by an article. */
    record Neighbour(IndexedArticle article, double score) {

        static final Comparator<Neighbour> BEST_FIRST = Comparator.comparingDouble(Neighbour::score).reversed()
                .thenComparing(n -> n.article.id);
    }

    @Override
    public String toString() {
        return id + "#" + ord;
    }
}
