package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.event.ArticleEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One article in the {@link CorpusIndex}: its latest ingested version, what similarity needs of it, and
 * its place in the related and story graphs. Mutable, owned by the index (which serialises access).
 */
final class IndexedArticle {

    /** Publication order, ties broken by id: the order of postings, of eviction and of story naming. */
    static final Comparator<IndexedArticle> PUBLICATION_ORDER = (a, b) -> a.published != b.published
            ? Long.compare(a.published, b.published) : a.id.compareTo(b.id);

    final ArticleEvent event;
    final String id;
    /** Seconds since the epoch. */
    final long published;
    final String domain;
    final Set<String> topics;
    final TermVector vector;

    boolean live = true;
    /** The computed related links, best first, at most k: the top k of every candidate ever compared with it. */
    final List<Neighbour> related = new ArrayList<>();
    /** Articles whose {@link #related} list holds this one. */
    final List<IndexedArticle> linkedFrom = new ArrayList<>();
    /** Articles about the same event (an edge of the story graph), both ways. */
    final List<IndexedArticle> sameStory = new ArrayList<>();
    /** Set when a neighbour left the index: {@link #related} must be recomputed before it is read. */
    boolean relatedStale;

    /** Scratch space of one candidate lookup (the index is single-threaded). */
    float partialScore;
    int lookup;

    IndexedArticle(ArticleEvent event, TermVector vector) {
        this.event = event;
        this.id = event.articleId();
        Article a = event.article();
        this.published = a.publishedDateTime().getEpochSecond();
        this.domain = a.provider() == null || a.provider().domain() == null ? null
                : a.provider().domain().toLowerCase(Locale.ROOT);
        this.topics = a.topics().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.vector = vector;
    }

    Article article() {
        return event.article();
    }

    /** A computed related link held by an article. */
    record Neighbour(IndexedArticle article, double score) {

        static final Comparator<Neighbour> BEST_FIRST = Comparator.comparingDouble(Neighbour::score).reversed()
                .thenComparing(n -> n.article.id);
    }

    @Override
    public String toString() {
        return id + " " + article().title();
    }
}
