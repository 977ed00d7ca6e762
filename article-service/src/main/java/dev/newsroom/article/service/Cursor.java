package dev.newsroom.article.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The position after the last item of a page, as an opaque token: the order it belongs to, that
 * item's sort value (as text) and its id. Keyset paging on it never repeats or skips an item when
 * items are added, whatever their sort value.
 */
public record Cursor(String order, String value, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((order + "|" + value + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the cursor, or empty when the token is not one this service issued */
    public static Optional<Cursor> decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(parts[0], parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
