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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
                .map(n -> new Backlink(n.article().id, n.article().version, rounded(n.score()))).toList();
        return rank(event, indexed, rankedAt, stories, backlinks);
    }

    /** The article's ranking without backlinks, as a {@code RankingUpdate} carries it. */
    Ranking rankAgain(ArticleEvent event, IndexedArticle indexed, Instant rankedAt, Stories stories) {
        return rank(event, indexed, rankedAt, stories, List.of());
    }

    private Ranking rank(ArticleEvent event, IndexedArticle indexed, Instant rankedAt, Stories stories,
                         List<Backlink> backlinks) {
        Article article = event.article();
        List<IndexedArticle> computedStory = indexed == null ? List.of() : stories.of(indexed);
        List<Neighbour> computed = indexed == null ? List.of() : index.relatedOf(indexed);
        StoryRef story = computedStory.isEmpty() ? story(event, computedStory)
                : stories.ref(computedStory, members -> story(event, members));
        String domain = article.provider() == null ? null : article.provider().domain();
        HeatScore score = heat.score(article.quality(), domain, story.providers().size(), article.publishedDateTime(),
                clock.at(rankedAt), rankedAt);
        return new Ranking(rankedAt, score, related(article, computed), story, backlinks, relatedLimit);
    }

    /** The coverage factor of heat of a story covered by {@code providers} distinct providers. */
    double coverage(int providers) {
        return heat.coverage(providers);
    }

    /** Editorial links kept as they came (linked by id when the article is indexed), merged with the computed ones, best first. */
    private List<RelatedLink> related(Article article, List<Neighbour> computed) {
        Map<String, Neighbour> computedById = new LinkedHashMap<>();
        for (Neighbour n : computed) {
            computedById.put(n.article().id, n);
        }
        List<RelatedLink> links = new ArrayList<>();
        for (RelatedArticle editorial : article.related()) {
            String id = ArticleId.of(editorial).filter(index::contains).orElse(null);
            Neighbour alsoComputed = id == null ? null : computedById.remove(id);
            links.add(new RelatedLink(id, alsoComputed == null ? 1.0 : rounded(alsoComputed.score()), LinkSource.EDITORIAL,
                    editorial));
        }
        for (Neighbour n : computedById.values()) {
            links.add(new RelatedLink(n.article().id, rounded(n.score()), LinkSource.COMPUTED,
                    RelatedArticle.of(index.eventOf(n.article()).article())));
        }
        links.sort(Comparator.comparingDouble(RelatedLink::score).reversed()); // stable: editorial first on ties
        return links;
    }

    private StoryRef story(ArticleEvent event, List<IndexedArticle> members) {
        if (members.isEmpty()) {
            Article a = event.article();
            Set<String> providers = providersOf(a, new LinkedHashSet<>());
            return new StoryRef(event.articleId(), event.articleId(), 1, List.copyOf(providers),
                    a.publishedDateTime(), a.publishedDateTime(), heat.coverage(providers.size()));
        }
        Set<String> providers = new LinkedHashSet<>();
        IndexedArticle lead = members.get(0);
        Instant last = Instant.ofEpochSecond(members.get(0).published);
        for (IndexedArticle member : members) {
            Article article = index.eventOf(member).article();
            providersOf(article, providers);
            if (leadOrder(member, lead) < 0) {
                lead = member;
            }
            if (article.publishedDateTime().isAfter(last)) {
                last = article.publishedDateTime();
            }
        }
        IndexedArticle first = members.get(0);
        return new StoryRef(first.id, lead.id, members.size(), List.copyOf(providers),
                index.eventOf(first).article().publishedDateTime(), last, heat.coverage(providers.size()));
    }

    /** The lead is the member of highest quality, then the most connected, then the earliest. */
    private int leadOrder(IndexedArticle a, IndexedArticle b) {
        int quality = Integer.compare(qualityOf(b), qualityOf(a));
        if (quality != 0) {
            return quality;
        }
        int degree = Integer.compare(b.sameStory.size(), a.sameStory.size());
        return degree != 0 ? degree : IndexedArticle.PUBLICATION_ORDER.compare(a, b);
    }

    private int qualityOf(IndexedArticle a) {
        Integer quality = index.eventOf(a).article().quality();
        return quality == null ? -1 : quality;
    }

    /** The article's provider and those of its editorial links: the publisher says they cover the same story. */
    private static Set<String> providersOf(Article article, Set<String> into) {
        if (article.provider() != null && article.provider().domain() != null) {
            into.add(article.provider().domain().toLowerCase(Locale.ROOT));
        }
        for (RelatedArticle r : article.related()) {
            if (r.provider() != null && r.provider().domain() != null) {
                into.add(r.provider().domain().toLowerCase(Locale.ROOT));
            }
        }
        return into;
    }

    private static double rounded(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
