package dev.newsroom.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An article's id: the first 64 bits of SHA-256 over its {@link CanonicalUrl}, as 16 lower-case hex
 * digits (the shape of the seed file's own name, {@code 000_4e232ba6522a9cca}). The same article under
 * any of its addresses gets the same id; ids are stable across services and restarts.
 */
public final class ArticleId {

    private static final HexFormat HEX = HexFormat.of();

    private ArticleId() {
    }

    /** The id of an article with this (already canonical) URL. */
    public static String fromCanonicalUrl(String canonicalUrl) {
        byte[] digest = sha256().digest(canonicalUrl.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 8);
    }

    /** The id of the article behind any of its addresses, or empty when the address is not an http(s) URL. */
    public static Optional<String> fromUrl(String url) {
        return CanonicalUrl.of(url).map(ArticleId::fromCanonicalUrl);
    }

    public static Optional<String> of(Article article) {
        return fromUrl(article.primaryUrl());
    }

    public static Optional<String> of(RelatedArticle related) {
        return fromUrl(related.primaryUrl());
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 16) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A well-formed id's 64 bits ({@link #isWellFormed}: the digest's first 8 bytes, as the id writes them). Two ids
     * compare as unsigned longs exactly as their strings do.
     *
     * @throws IllegalArgumentException when the id is not well formed
     */
    public static long toBits(String id) {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("not an article id: " + id);
        }
        return HexFormat.fromHexDigitsToLong(id);
    }

    /** The id whose 64 bits these are ({@link #toBits}). */
    public static String fromBits(long bits) {
        return HEX.toHexDigits(bits);
    }

    /** Digests are not thread-safe and not free to look up: one per thread, reset on every use. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    /** This thread's SHA-256 digest, reset. */
    public static MessageDigest sha256() {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return digest;
    }
}
