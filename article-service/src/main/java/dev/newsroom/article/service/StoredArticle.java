package dev.newsroom.article.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one ranked article event becomes in the store: the columns the queries use, the rendered API
 * document, the article exactly as it arrived (for the export), and its topics, images and related
 * links. Pure: built without a database, so the mapping is tested in milliseconds.
 *
 * @param topics      topic key (lower case) → the spelling in the file, each key once, in file order
 * @param relatedHash a digest of the related links as stored (each link's rendered entry, which holds its
 *                    id, score and source): when a re-ranking leaves them as they were, their rows are
 *                    not rewritten
 */
public record StoredArticle(ArticleEvent event, String document, String source, TrendingHeat trending,
                            String providerKey, Map<String, String> topics, List<String> relatedDocuments,
                            String relatedHash) {

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
        List<String> related = view.related().stream().map(Json::write).toList();
        return new StoredArticle(event, Json.write(view), Json.write(a),
                TrendingHeat.of(ranking.heat(), a.publishedDateTime()), providerKey(a.provider()), topics,
                related, digest(related));
    }

    private static String digest(List<String> documents) {
        MessageDigest digest = ArticleId.sha256();
        for (String document : documents) {
            digest.update(document.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
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
}
