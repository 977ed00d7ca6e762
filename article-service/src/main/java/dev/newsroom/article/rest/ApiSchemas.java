package dev.newsroom.article.rest;

import dev.newsroom.article.service.ArticleView;
import dev.newsroom.article.service.StoryView;
import java.util.List;

/**
 * The shapes of the list responses, for the OpenAPI document only (the resources write the JSON
 * themselves, from stored documents). Every list is {@code {"items": [...], "next": url | null}}.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    record ArticlePage(List<ArticleView> items, String next) {
    }

    record RelatedPage(List<ArticleView.RelatedView> items, String next) {
    }

    record StoryPage(List<StoryView> items, String next) {
    }

    /** A topic and how many live articles carry it. */
    record TopicItem(String name, int articles) {
    }

    record TopicPage(List<TopicItem> items, String next) {
    }

    /** A provider (by domain), its logos, and how many live articles it has. */
    record ProviderItem(String domain, String name, List<dev.newsroom.model.Image> images, int articles) {
    }

    record ProviderPage(List<ProviderItem> items, String next) {
    }
}
