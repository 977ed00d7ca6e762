package dev.newsroom.article.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An article as the web pages show it, read from its stored document. Addresses are kept as stored: the
 * templates render them only through {@code link:http} ({@link PageLinks}), so anything but an absolute
 * http(s) URL is left out or shown as text.
 *
 * @param image the first image, or null
 * @param logo  the provider's first logo address, or null
 */
public record ArticleCard(String id, String title, String webUrl, String excerpt, Instant published, String providerName,
                          String providerDomain, String logo, Picture image, List<String> topics, int heat,
                          String storyId, List<Related> related, HeatScore explanation) {

    /** An image with its size when the record gives it, and its alternative text. */
    public record Picture(String url, int width, int height, String alt) {
    }

    /** A related entry: editorial (listed by the publisher) or computed; {@code id} when that article is stored. */
    public record Related(String id, String title, String webUrl, String providerName, boolean editorial) {
    }

    /** The provider's name, else its domain, else a word. */
    public String provider() {
        return providerName != null && !providerName.isBlank() ? providerName
                : providerDomain != null && !providerDomain.isBlank() ? providerDomain : "unknown provider";
    }

    public static ArticleCard of(String document) {
        JsonNode a;
        try {
            a = Json.mapper().readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON", e);
        }
        String title = text(a, "title");
        JsonNode provider = a.path("provider");
        String logo = text(provider.path("images").path(0), "url");
        Picture image = null;
        JsonNode first = a.path("images").path(0);
        if (text(first, "url") != null) {
            int width = first.path("width").asInt(0);
            int height = first.path("height").asInt(0);
            // sized so the page does not move while images load: the record's size, else 16:9
            if (width <= 0 || height <= 0) {
                width = 640;
                height = 360;
            }
            String alt = text(first, "title");
            image = new Picture(text(first, "url"), width, height, alt == null ? "Image: " + title : alt);
        }
        List<String> topics = new ArrayList<>();
        a.path("topics").forEach(t -> topics.add(t.asText()));
        List<Related> related = new ArrayList<>();
        a.path("related").forEach(r -> related.add(new Related(text(r, "id"), text(r, "title"),
                text(r, "webUrl") != null ? text(r, "webUrl") : text(r, "originalUrl"), text(r.path("provider"), "name"),
                "editorial".equals(text(r, "source")))));
        HeatScore explanation = null;
        if (a.hasNonNull("heatExplanation")) {
            try {
                explanation = Json.mapper().treeToValue(a.get("heatExplanation"), HeatScore.class);
            } catch (JsonProcessingException e) {
                explanation = null;
            }
        }
        String published = text(a, "publishedDateTime");
        return new ArticleCard(text(a, "id"), title, text(a, "webUrl") != null ? text(a, "webUrl") : text(a, "originalUrl"),
                text(a, "excerpt"), published == null ? null : Instant.parse(published), text(provider, "name"),
                text(provider, "domain"), logo, image, List.copyOf(topics), a.path("heat").asInt(0), text(a, "storyId"),
                List.copyOf(related), explanation);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
