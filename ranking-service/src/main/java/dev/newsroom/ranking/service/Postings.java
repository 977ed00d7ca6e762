package dev.newsroom.ranking.service;

import java.util.Arrays;

/**
 * The articles that contain one term, with the term's weight in each, kept in publication order so that
 * a lookup can read the postings nearest in time to the article it is made for and stop after a fixed
 * number: that bound is what keeps the cost of ranking one article flat as the corpus grows. Removed
 * articles are skipped and compacted away once they are half the list.
 */
final class Postings {

    private IndexedArticle[] articles = new IndexedArticle[2];
    private float[] weights = new float[2];
    private int size;
    private int removed;

    void add(IndexedArticle article, float weight) {
        if (size == articles.length) {
            articles = Arrays.copyOf(articles, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        // news arrives roughly in publication order, so the insertion point is almost always the end
        int at = size == 0 || IndexedArticle.PUBLICATION_ORDER.compare(articles[size - 1], article) <= 0
                ? size : lowerBound(article);
        if (at < size) {
            System.arraycopy(articles, at, articles, at + 1, size - at);
            System.arraycopy(weights, at, weights, at + 1, size - at);
        }
        articles[at] = article;
        weights[at] = weight;
        size++;
    }

    /** Notes that one of the articles left the index (it is skipped from now on). */
    void removed() {
        removed++;
        if (removed * 2 > size) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (articles[i].live) {
                    articles[kept] = articles[i];
                    weights[kept++] = weights[i];
                }
            }
            Arrays.fill(articles, kept, size, null);
            size = kept;
            removed = 0;
        }
    }

    /**
     * Adds {@code queryWeight × weight} to the partial score of up to {@code limit} live articles nearest
     * in publication time to {@code query} (ties: the earlier one) and published at most {@code maxDistance}
     * seconds from it, marking them with {@code lookup}.
     *
     * @param touched receives each article the first time this lookup reaches it
     */
    void accumulate(IndexedArticle query, float queryWeight, int limit, long maxDistance, int lookup,
                    java.util.function.Consumer<IndexedArticle> touched) {
        int right = lowerBound(query);
        int left = right - 1;
        int taken = 0;
        while (taken < limit && (left >= 0 || right < size)) {
            int i;
            if (left < 0) {
                i = right++;
            } else if (right >= size) {
                i = left--;
            } else if (query.published - articles[left].published <= articles[right].published - query.published) {
                i = left--;
            } else {
                i = right++;
            }
            if (Math.abs(articles[i].published - query.published) > maxDistance) {
                break; // the nearest left is already too far: so is everything after it
            }
            IndexedArticle candidate = articles[i];
            if (!candidate.live || candidate == query) {
                continue;
            }
            taken++;
            if (candidate.lookup != lookup) {
                candidate.lookup = lookup;
                candidate.partialScore = 0;
                touched.accept(candidate);
            }
            candidate.partialScore += queryWeight * weights[i];
        }
    }

    /** How many postings (removed ones included) were published within [from, to], epoch seconds. */
    int countPublishedBetween(long from, long to) {
        return firstPublishedAfter(to) - firstPublishedAfter(from - 1);
    }

    private int firstPublishedAfter(long seconds) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (articles[mid].published <= seconds) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int size() {
        return size - removed;
    }

    private int lowerBound(IndexedArticle query) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (IndexedArticle.PUBLICATION_ORDER.compare(articles[mid], query) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
