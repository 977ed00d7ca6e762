package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.ranking.service.IndexedArticle.Neighbour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an article's {@link Ranking} from the {@link CorpusIndex}: its story with its facts and coverage
 * factor, its related links (the file's editorial entries merged with the computed ones, at most
 * {@code related.k} computed), its backlinks (the existing articles whose lists it entered) and its heat,
 * whose coverage is the number of distinct providers in the story.
 */
final class Ranker {

    private final CorpusIndex index;
    private final HeatCalculator heat;
    private final NewsClock clock;
    private final int relatedLimit;

    Ranker(CorpusIndex index, HeatCalculator heat, NewsClock clock, int relatedLimit) {
        this.index = index;
        this.heat = heat;
        this.clock = clock;
        this.relatedLimit = relatedLimit;
    }

    /**
     * The article's whole ranking, as its own record carries it: with its backlinks.
     *
     * @param event   the article (its indexed version when it is indexed)
     * @param indexed its entry in the index, or null when it is not indexed (outside the window, retracted)
     * @param stories the stories walked so far in this batch
     */
    Ranking rank(ArticleEvent event, IndexedArticle indexed, Instant rankedAt, Stories stories) {
        List<Backlink> backlinks = indexed == null ? List.of() : index.backlinksOf(indexed).stream()
                .map(n -> new Backlink(n.article().id(), n.article().version, rounded(n.score()))).toList();
        return rank(event, indexed, rankedAt, stories, backlinks);
    }

    /** The article's ranking without backlinks, as a {@code RankingUpdate} carries it. */
    Ranking rankAgain(ArticleEvent event, IndexedArticle indexed, Instant rankedAt, Stories stories) {
        return rank(event, indexed, rankedAt, stories, List.of());
    }

    private Ranking rank(ArticleEvent event, IndexedArticle indexed, Instant rankedAt, Stories stories,
                         List<Backlink> backlinks) {
        Article article = event.article();
        List<Neighbour> computed = indexed == null ? List.of() : index.relatedOf(indexed);
        StoryRef story = indexed == null ? alone(event) : stories.ref(indexed.story, this::story);
        String domain = article.provider() == null ? null : article.provider().domain();
        HeatScore score = heat.score(article.quality(), domain, story.providers().size(), article.publishedDateTime(),
                clock.at(rankedAt), rankedAt);
        return new Ranking(rankedAt, score, related(event.articleId(), article, computed), story, backlinks, relatedLimit);
    }

    /** The coverage factor of heat of a story covered by {@code providers} distinct providers. */
    double coverage(int providers) {
        return heat.coverage(providers);
    }

    /**
     * Editorial links kept as they came (linked by id when the article is indexed), merged with the computed ones,
     * best first. An editorial entry naming the article itself, or an article an earlier entry names, is left out
     * (ingest drops them; records written before it did, or by another producer, may hold them).
     */
    private List<RelatedLink> related(String articleId, Article article, List<Neighbour> computed) {
        Map<String, Neighbour> computedById = new LinkedHashMap<>();
        for (Neighbour n : computed) {
            computedById.put(n.article().id(), n);
        }
        List<RelatedLink> links = new ArrayList<>();
        Set<String> named = article.related().isEmpty() ? Set.of() : new HashSet<>(Set.of(articleId)); // most have none
        for (RelatedArticle editorial : article.related()) {
            String names = ArticleId.of(editorial).orElse(null);
            if (names != null && !named.add(names)) {
                continue; // the article itself, or one an earlier entry names
            }
            String id = names != null && index.contains(names) ? names : null;
            Neighbour alsoComputed = id == null ? null : computedById.remove(id);
            links.add(new RelatedLink(id, alsoComputed == null ? 1.0 : rounded(alsoComputed.score()), LinkSource.EDITORIAL,
                    editorial));
        }
        for (Neighbour n : computedById.values()) {
            links.add(new RelatedLink(n.article().id(), rounded(n.score()), LinkSource.COMPUTED,
                    index.summaryOf(n.article())));
        }
        links.sort(Comparator.comparingDouble(RelatedLink::score).reversed()); // stable: editorial first on ties
        return links;
    }

    /** The story of an article that is not indexed: itself alone. */
    private StoryRef alone(ArticleEvent event) {
        Article a = event.article();
        List<String> providers = List.of(IndexedArticle.providersOf(a, event.articleId()));
        return new StoryRef(event.articleId(), event.articleId(), 1, providers, a.publishedDateTime(), a.publishedDateTime(),
                heat.coverage(providers.size()));
    }

    /** An indexed story's facts, as its {@link StoryCluster} keeps them. */
    private StoryRef story(StoryCluster story) {
        return new StoryRef(story.id(), story.lead().id(), story.size(), story.providers(),
                index.summaryOf(story.first()).publishedDateTime(),
                index.summaryOf(story.last()).publishedDateTime(), heat.coverage(story.providers().size()));
    }

    private static double rounded(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
