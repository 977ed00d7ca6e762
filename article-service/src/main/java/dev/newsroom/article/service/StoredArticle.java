package dev.newsroom.article.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one ranked article event becomes in the store: the columns the queries use, the rendered API
 * document, the article exactly as it arrived (for the export), and its topics, images and related
 * links. Pure: built without a database, so the mapping is tested in milliseconds.
 *
 * @param topics topic key (lower case) → the spelling in the file, each key once, in file order
 */
public record StoredArticle(ArticleEvent event, String document, String source, TrendingHeat trending,
                            String providerKey, Map<String, String> topics, List<String> relatedDocuments) {

    public static StoredArticle of(ArticleEvent event) {
        Article a = event.article();
        Ranking ranking = event.ranking();
        ArticleView view = ArticleView.of(event);
        Map<String, String> topics = new LinkedHashMap<>();
        for (String topic : a.topics()) {
            if (topic != null && !topic.isBlank()) {
                topics.putIfAbsent(key(topic), topic.strip());
            }
        }
        return new StoredArticle(event, Json.write(view), Json.write(a),
                TrendingHeat.of(ranking.heat(), a.publishedDateTime()), providerKey(a.provider()), topics,
                view.related().stream().map(Json::write).toList());
    }

    /** The case-insensitive key of a topic, category, type or provider domain. */
    public static String key(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }

    private static String providerKey(Provider provider) {
        return provider == null || provider.domain() == null || provider.domain().isBlank() ? null : key(provider.domain());
    }

    public String id() {
        return event.articleId();
    }

    public Article article() {
        return event.article();
    }

    public boolean live() {
        return event.article().isLive();
    }

    public String storyId() {
        return event.ranking().story() == null ? null : event.ranking().story().id();
    }

    public List<RelatedLink> related() {
        return event.ranking().related();
    }

    /**
     * A digest of the related links as stored (each link's rendered entry, which holds its id, score and
     * source): when a re-ranking leaves them as they were, their rows are not rewritten.
     */
    public String relatedHash() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String document : relatedDocuments) {
            digest.update(document.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
