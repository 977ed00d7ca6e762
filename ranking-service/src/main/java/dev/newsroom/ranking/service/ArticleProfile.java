package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What scoring needs of an article ({@link RelatedScorer}): its publication time (epoch seconds), its
 * provider's domain (lower case, or null), its topics (lower case) and its term vector. Kept in the index
 * beside the article (doc values), so a candidate is scored without reading the article itself.
 */
record ArticleProfile(long published, String domain, Set<String> topics, TermVector vector) {

    static ArticleProfile of(Article article, TermVector vector) {
        String domain = article.provider() == null ? null : article.provider().domainKey();
        Set<String> topics = article.topics().stream().map(Article::nameKey).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new ArticleProfile(article.publishedDateTime().getEpochSecond(), domain, topics, vector);
    }
}
