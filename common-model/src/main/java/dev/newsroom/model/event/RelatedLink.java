package dev.newsroom.model.event;

import dev.newsroom.model.RelatedArticle;

/**
 * One related article of a ranked article.
 *
 * @param id      the related article's id when it is an ingested article, else {@code null}
 * @param score   similarity in [0, 1] (editorial links that were not also computed score 1)
 * @param source  computed or editorial
 * @param article the related article's own seed fields
 */
public record RelatedLink(String id, double score, LinkSource source, RelatedArticle article) {
}
