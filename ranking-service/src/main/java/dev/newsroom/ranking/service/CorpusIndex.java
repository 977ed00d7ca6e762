package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.config.RankingConfig;
import dev.newsroom.ranking.service.IndexedArticle.Neighbour;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The corpus: every live article published within {@code retention} of the news clock's now, in an inverted
 * index (term → {@link Postings}), with two graphs kept up to date as articles arrive and leave:
 *
 * <ul>
 *   <li><b>related</b>: each article keeps its best {@code k} computed links. A new article looks up its
 *   candidates (the postings of its weightiest terms published within {@code neighbourhood} of its own publication
 *   time, nearest in time first, a bounded number each),
 *   scores the best of them in full ({@link RelatedScorer}), keeps its own top k and offers itself to each
 *   candidate's list: both ends learn. Scores are symmetric and depend on the two articles only, so an
 *   article's list is the top k of everything indexed around its own time, whatever the order of arrival
 *   and whatever else is indexed far from it (an archive loaded after today's news ranks as it would alone).</li>
 *   <li><b>stories</b>: an edge joins two articles about the same event
 *   ({@link RelatedScorer#sameStory}); a story is a connected component of that graph (single-link
 *   clustering, the TDT way, but order-independent), named after its earliest article.</li>
 * </ul>
 *
 * The cost of adding or ranking one article is bounded by {@code queryTerms × postingsPerTerm} postings
 * read and {@code candidates} vectors compared, not by the size of the corpus. Not thread-safe: {@link Corpus}
 * serialises access.
 */
public final class CorpusIndex {

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

    private static final int FORMER_NEIGHBOURS_KEPT = 10_000;

    private final RankingConfig.Index settings;
    private final RankingConfig.Related related;
    private final RankingConfig.Story story;
    private final TermVectors vectors;
    private final RelatedScorer scorer;
    private final long retentionSeconds;
    private final long neighbourhoodSeconds;
    private final NewsClock clock;

    private final Map<String, IndexedArticle> byId = new HashMap<>();
    /** The version of each retracted article, so that an older, live version never comes back. */
    private final Map<String, Long> retracted = new HashMap<>();
    private final TreeSet<IndexedArticle> byPublication = new TreeSet<>(IndexedArticle.PUBLICATION_ORDER);
    private final List<Postings> postings = new ArrayList<>();
    /** Who linked to, or shared a story with, an article version that was replaced or dropped. */
    private final Map<String, List<IndexedArticle>> formerNeighbours = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<IndexedArticle>> eldest) {
            return size() > FORMER_NEIGHBOURS_KEPT;
        }
    };
    private int lookups;

    public CorpusIndex(RankingConfig config, TextAnalysis analysis, TermRarity rarity, NewsClock clock) {
        this.settings = config.index();
        this.related = config.related();
        this.story = config.story();
        this.vectors = new TermVectors(analysis, rarity, settings);
        this.scorer = new RelatedScorer(related, story);
        this.retentionSeconds = settings.retention().toSeconds();
        this.neighbourhoodSeconds = settings.neighbourhood().toSeconds();
        this.clock = clock;
    }

    /**
     * A term tells one event from another when it is rare in the reference collection and, around the
     * article's publication (± story.max-gap), few indexed articles use it: a name in every other
     * headline of the week (a big company's, say) names a theme, not an event.
     */
    private boolean isDistinctive(int term, IndexedArticle article) {
        long gap = story.maxGap().toSeconds();
        return vectors.idf(term) >= story.minDistinctiveIdf()
                && postings.get(term).countPublishedBetween(article.published - gap, article.published + gap)
                <= story.maxTermArticles();
    }

    public Outcome add(ArticleEvent event) {
        IndexedArticle existing = byId.get(event.articleId());
        if (existing != null && existing.event.version() >= event.version()) {
            return Outcome.ALREADY_INDEXED;
        }
        Long retractedVersion = retracted.get(event.articleId());
        if (retractedVersion != null && retractedVersion >= event.version()) {
            return retractedVersion == event.version() ? Outcome.RETRACTED : Outcome.ALREADY_INDEXED;
        }
        Article article = event.article();
        // a retracted article ("published: false", as article-service reads it) is no longer coverage
        long cutoff = cutoff();
        Outcome outcome = !article.isLive() ? Outcome.RETRACTED
                : article.publishedDateTime() == null ? Outcome.NOT_INDEXABLE
                : article.publishedDateTime().getEpochSecond() < cutoff ? Outcome.OUTSIDE_RETENTION : Outcome.INDEXED;
        if (outcome == Outcome.RETRACTED) {
            retracted.put(event.articleId(), event.version());
        } else {
            retracted.remove(event.articleId());
        }
        if (existing != null) {
            formerNeighbours.put(existing.id, neighboursOf(existing));
            remove(existing);
        }
        if (outcome == Outcome.INDEXED) {
            insert(new IndexedArticle(event, vectors.of(article)));
        }
        evictBefore(cutoff);
        return outcome;
    }

    public int size() {
        return byId.size();
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    Optional<IndexedArticle> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The article's computed related links, best first, at most k. */
    List<Neighbour> relatedOf(IndexedArticle article) {
        if (article.relatedStale) {
            recomputeRelated(article);
        }
        return List.copyOf(article.related);
    }

    /** The article's story: its connected component in the same-event graph, in publication order. */
    List<IndexedArticle> storyOf(IndexedArticle article) {
        List<IndexedArticle> members = new ArrayList<>();
        Set<IndexedArticle> seen = new HashSet<>();
        ArrayDeque<IndexedArticle> queue = new ArrayDeque<>();
        queue.add(article);
        seen.add(article);
        while (!queue.isEmpty() && members.size() < story.maxSize()) {
            IndexedArticle next = queue.poll();
            members.add(next);
            for (IndexedArticle other : next.sameStory) {
                if (seen.add(other)) {
                    queue.add(other);
                }
            }
        }
        members.sort(IndexedArticle.PUBLICATION_ORDER);
        return members;
    }

    /**
     * The existing articles whose ranking changed when {@code article} (its current version, or null
     * when it is not indexed) arrived: those that list it among their related links (at most
     * {@code related.fan-out}, best linked first), the rest of its story (at most {@code story.fan-out},
     * latest first), and those that linked to or shared a story with the version it replaced.
     */
    List<IndexedArticle> affectedBy(String id, IndexedArticle article, Stories stories) {
        Set<IndexedArticle> affected = new LinkedHashSet<>();
        if (article != null) {
            article.linkedFrom.stream()
                    .sorted(Comparator.comparingDouble((IndexedArticle a) -> scoreIn(a, article)).reversed()
                            .thenComparing(a -> a.id))
                    .limit(related.fanOut())
                    .forEach(affected::add);
            List<IndexedArticle> members = stories.of(article);
            for (int i = members.size() - 1, taken = 0; i >= 0 && taken < story.fanOut(); i--) {
                if (members.get(i) != article) {
                    affected.add(members.get(i));
                    taken++;
                }
            }
        }
        for (IndexedArticle former : formerNeighbours.getOrDefault(id, List.of())) {
            if (former.live) {
                affected.add(former);
            }
        }
        affected.remove(article);
        return List.copyOf(affected);
    }

    private static double scoreIn(IndexedArticle holder, IndexedArticle linked) {
        for (Neighbour n : holder.related) {
            if (n.article() == linked) {
                return n.score();
            }
        }
        return 0;
    }

    private void insert(IndexedArticle article) {
        byId.put(article.id, article);
        byPublication.add(article);
        int[] terms = article.vector.terms();
        float[] weights = article.vector.weights();
        while (postings.size() < vectors.vocabularySize()) {
            postings.add(new Postings());
        }
        for (int i = 0; i < terms.length; i++) {
            postings.get(terms[i]).add(article, weights[i]);
        }
        for (Candidate candidate : candidatesOf(article)) {
            IndexedArticle other = candidate.article;
            if (scorer.sameStory(article, other, candidate.text, term -> isDistinctive(term, article))) {
                article.sameStory.add(other);
                other.sameStory.add(article);
            }
            double score = scorer.score(article, other, candidate.text);
            if (scorer.isRelated(score)) {
                offer(article, other, score);
                if (other.relatedStale) {
                    recomputeRelated(other);
                } else {
                    offer(other, article, score);
                }
            }
        }
    }

    private void recomputeRelated(IndexedArticle article) {
        for (Neighbour n : article.related) {
            n.article().linkedFrom.remove(article);
        }
        article.related.clear();
        article.relatedStale = false;
        for (Candidate candidate : candidatesOf(article)) {
            double score = scorer.score(article, candidate.article, candidate.text);
            if (scorer.isRelated(score)) {
                offer(article, candidate.article, score);
            }
        }
    }

    /** Puts {@code other} into {@code holder}'s top k if it belongs there. */
    private void offer(IndexedArticle holder, IndexedArticle other, double score) {
        List<Neighbour> list = holder.related;
        for (Neighbour n : list) {
            if (n.article() == other) {
                return;
            }
        }
        Neighbour offered = new Neighbour(other, score);
        if (list.size() >= related.k()) {
            Neighbour worst = list.get(list.size() - 1);
            if (Neighbour.BEST_FIRST.compare(offered, worst) >= 0) {
                return;
            }
            list.remove(list.size() - 1);
            worst.article().linkedFrom.remove(holder);
        }
        int at = 0;
        while (at < list.size() && Neighbour.BEST_FIRST.compare(list.get(at), offered) < 0) {
            at++;
        }
        list.add(at, offered);
        other.linkedFrom.add(holder);
    }

    private record Candidate(IndexedArticle article, double text) {
    }

    /**
     * Looks up the articles sharing the article's weightiest terms (the postings nearest in time, a bounded
     * number per term), keeps the best {@code candidates} by partial similarity and scores those in full.
     */
    private List<Candidate> candidatesOf(IndexedArticle article) {
        int lookup = ++lookups;
        List<IndexedArticle> touched = new ArrayList<>(1024);
        int[] terms = article.vector.terms();
        float[] weights = article.vector.weights();
        for (int i : weightiestTerms(weights, settings.queryTerms())) {
            postings.get(terms[i]).accumulate(article, weights[i], settings.postingsPerTerm(), neighbourhoodSeconds,
                    lookup, touched::add);
        }
        List<IndexedArticle> best = touched.size() <= settings.candidates() ? touched : best(touched, settings.candidates());
        List<Candidate> candidates = new ArrayList<>(best.size());
        for (IndexedArticle candidate : best) {
            candidates.add(new Candidate(candidate, article.vector.cosine(candidate.vector)));
        }
        return candidates;
    }

    /** The {@code n} articles of highest partial score (ties: the smaller id), in no particular order. */
    private static List<IndexedArticle> best(List<IndexedArticle> touched, int n) {
        float[] scores = new float[touched.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = touched.get(i).partialScore;
        }
        float threshold = nthLargest(scores.clone(), n);
        List<IndexedArticle> best = new ArrayList<>(n);
        List<IndexedArticle> atThreshold = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > threshold) {
                best.add(touched.get(i));
            } else if (scores[i] == threshold) {
                atThreshold.add(touched.get(i));
            }
        }
        atThreshold.sort(Comparator.comparing(a -> a.id));
        best.addAll(atThreshold.subList(0, n - best.size()));
        return best;
    }

    /** Quickselect: the n-th largest value (1-based) of {@code values}, which it reorders. */
    private static float nthLargest(float[] values, int n) {
        int k = values.length - n;
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            float pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
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

    private List<IndexedArticle> neighboursOf(IndexedArticle article) {
        List<IndexedArticle> neighbours = new ArrayList<>(article.linkedFrom);
        neighbours.addAll(storyOf(article));
        neighbours.remove(article);
        return neighbours;
    }

    private void remove(IndexedArticle article) {
        article.live = false;
        byId.remove(article.id, article);
        byPublication.remove(article);
        for (int term : article.vector.terms()) {
            postings.get(term).removed();
        }
        for (IndexedArticle other : article.sameStory) {
            other.sameStory.remove(article);
        }
        for (Neighbour n : article.related) {
            n.article().linkedFrom.remove(article);
        }
        for (IndexedArticle holder : article.linkedFrom) {
            holder.related.removeIf(n -> n.article() == article);
            holder.relatedStale = true;
        }
        article.sameStory.clear();
        article.related.clear();
        article.linkedFrom.clear();
    }

    /** Epoch second before which articles are not kept: the news clock's now less the retention. */
    private long cutoff() {
        return clock.now().getEpochSecond() - retentionSeconds;
    }

    /** Retention goes by publication time alone: the oldest articles leave first. */
    private void evictBefore(long cutoff) {
        while (!byPublication.isEmpty() && byPublication.first().published < cutoff) {
            remove(byPublication.first());
        }
    }

}
