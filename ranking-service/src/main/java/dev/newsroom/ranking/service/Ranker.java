package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Ranks one ingested article: heat from the formula, related links from the file's own (editorial)
 * entries, linked by id where the related article is itself ingested, and a story of its own.
 */
public final class Ranker {

    private final HeatCalculator heat;
    private final NewsClock clock;

    public Ranker(HeatCalculator heat, NewsClock clock) {
        this.heat = heat;
        this.clock = clock;
    }

    public ArticleEvent rank(ArticleEvent ingested, Predicate<String> isIngested) {
        Article a = ingested.article();
        clock.observe(a.publishedDateTime(), ingested.ingestedAt());

        Set<String> providers = new LinkedHashSet<>();
        if (a.provider() != null && a.provider().domain() != null) {
            providers.add(a.provider().domain());
        }
        List<RelatedLink> related = new ArrayList<>();
        for (RelatedArticle r : a.related()) {
            String id = ArticleId.of(r).filter(isIngested).orElse(null);
            related.add(new RelatedLink(id, 1.0, LinkSource.EDITORIAL, r));
            if (r.provider() != null && r.provider().domain() != null) {
                providers.add(r.provider().domain());
            }
        }
        String domain = a.provider() == null ? null : a.provider().domain();
        HeatScore score = heat.score(a.quality(), domain, providers.size(), a.publishedDateTime(), clock.now(),
                clock.wallNow());
        StoryRef story = new StoryRef(ingested.articleId(), ingested.articleId(), 1, List.copyOf(providers),
                a.publishedDateTime(), a.publishedDateTime());
        return ingested.withRanking(new Ranking(clock.wallNow(), score, related, story));
    }
}
