package dev.newsroom.article.rest;

import dev.newsroom.article.service.Rendered;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The one shape of every list: {@code {"items": [...], "next": "<absolute url>" | null}}. */
final class ListPage {

    private ListPage() {
    }

    /** @param items each item already as JSON */
    static Rendered of(List<String> items, String next) {
        StringBuilder json = new StringBuilder(64 + items.stream().mapToInt(String::length).sum() + items.size())
                .append("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(items.get(i));
        }
        json.append("],\"next\":").append(next == null ? "null" : dev.newsroom.model.json.Json.write(next)).append('}');
        return Rendered.of(json.toString(), MediaType.APPLICATION_JSON);
    }
}
