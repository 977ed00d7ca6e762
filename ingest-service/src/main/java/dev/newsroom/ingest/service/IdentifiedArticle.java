package dev.newsroom.ingest.service;

import dev.newsroom.model.Article;

/** A valid article with its identity: the id and canonical URL it is known by, and its content hash. */
public record IdentifiedArticle(String file, String id, String canonicalUrl, String contentHash, Article article) {
}
