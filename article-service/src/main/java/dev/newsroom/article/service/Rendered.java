package dev.newsroom.article.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A response body ready to send, encoded once (a cached page is sent many times), with its media type
 * and entity tag (a digest of the body, so equal bodies have equal tags on every instance). The tag is
 * weak because compression may re-encode the bytes of an unchanged representation.
 *
 * @param body UTF-8
 */
public record Rendered(byte[] body, String mediaType, String etag) {

    public static Rendered of(String text, String mediaType) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Rendered(body, mediaType, "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
