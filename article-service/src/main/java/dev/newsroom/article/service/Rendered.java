package dev.newsroom.article.service;

import java.nio.charset.StandardCharsets;

/**
 * A response body ready to send, encoded once (a cached page is sent many times), with its media type
 * and entity tag (the body's {@link Fingerprint}, so equal bodies have equal tags on every instance). The tag is
 * weak because compression may re-encode the bytes of an unchanged representation.
 *
 * @param body UTF-8
 */
public record Rendered(byte[] body, String mediaType, String etag) {

    public static Rendered of(String text, String mediaType) {
        return of(text.getBytes(StandardCharsets.UTF_8), mediaType);
    }

    /** @param body UTF-8 */
    public static Rendered of(byte[] body, String mediaType) {
        return new Rendered(body, mediaType, "W/\"" + Fingerprint.of(body) + "\"");
    }

    /** Whether an {@code If-None-Match} header names this representation (weak comparison, as GET uses). */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.substring(2);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
